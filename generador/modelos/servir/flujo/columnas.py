"""Las columnas de la lista de participantes de SERVIR y sus valores propios (segmento, régimen).

Cómo se reconocen los encabezados y las conversiones comunes (documento, fecha,
órgano) están en `generador/flujo/columnas.py`.
"""

from __future__ import annotations

from ....flujo.columnas import Columna, ValorInvalido, normalizar, por_variante

COLUMNAS = (
    Columna("documento", "Documento", True, ("documento", "dni", "dni ce", "documento identidad", "doc identidad", "dni servidor", "documento identidad dni",
                               "doc identidad dni", "documento identidad servidor"),
            "DNI (8 dígitos) o carné de extranjería; mejor como texto para no perder ceros iniciales"),
    Columna("apellidos", "Apellidos", True, ("apellidos", "apellido", "apellido paterno materno", "apellidos servidor"), ""),
    Columna("nombres", "Nombres", True, ("nombres", "nombre", "nombres servidor"), ""),
    Columna("segmento", "Segmento", True, ("segmento", "segmento puesto", "tipo", "tipo servidor", "grupo", "grupo ocupacional segmento",
                              "grupo ocupacional", "segmento grupo ocupacional"),
            "Directivo, Mando medio, Ejecutor u Operador y asistencial"),
    Columna("puesto", "Puesto", True, ("puesto", "puesto especifico", "cargo", "denominacion puesto", "nombre puesto"), ""),
    Columna("organo", "Órgano", True, ("organo", "unidad organica", "organo unidad organica", "area", "dependencia", "oficina"),
            "la sigla o el nombre de un órgano de entidad.yaml"),
    Columna("evaluador", "Documento del evaluador", True,
            ("evaluador", "dni evaluador", "documento evaluador", "evaluador dni", "evaluador documento",
             "documento identidad evaluador", "dni jefe inmediato", "documento jefe inmediato", "jefe inmediato dni"),
            "el documento de un directivo o mando medio del ciclo, o de un evaluador externo de ciclo.yaml"),
    Columna("regimen", "Régimen", False, ("regimen", "regimen laboral", "modalidad", "modalidad contrato", "regimen contrato"),
            "728, 1057 o CAS"),
    Columna("profesion", "Profesión", False, ("profesion", "profesion grado", "profesion grado obtenido", "grado", "grado academico"), ""),
    Columna("fecha_inicio_puesto", "Fecha de inicio en el puesto", False,
            ("fecha inicio puesto", "inicio puesto", "fecha inicio", "fecha ingreso puesto", "fecha ingreso"),
            "fecha (celda de fecha, DD/MM/AAAA o AAAA-MM-DD)"),
)
POR_VARIANTE = por_variante(COLUMNAS)

SEGMENTOS = {
    "directivo": "directivo", "directivos": "directivo", "funcionario": "directivo", "servidor directivo": "directivo",
    "mando medio": "mando_medio", "mandos medios": "mando_medio", "mando_medio": "mando_medio", "mando": "mando_medio",
    "ejecutor": "ejecutor", "personal ejecutor": "ejecutor", "servidor ejecutor": "ejecutor", "ejecutores": "ejecutor",
    "operador asistencia": "operador_asistencia", "operador asistencial": "operador_asistencia",
    "personal operativo asistencial": "operador_asistencia", "operativo asistencial": "operador_asistencia",
    "operador": "operador_asistencia", "asistencial": "operador_asistencia", "operadores asistencia": "operador_asistencia",
}
REGIMENES = {"728": "728", "dl 728": "728", "d l 728": "728", "d leg 728": "728", "decreto legislativo 728": "728",
             "1057": "1057", "dl 1057": "1057", "d l 1057": "1057", "d leg 1057": "1057", "cas": "1057",
             "decreto legislativo 1057": "1057", "regimen cas": "1057"}


def segmento(valor) -> str:
    clave = normalizar(valor)
    if clave not in SEGMENTOS:
        raise ValorInvalido("segmento desconocido: use Directivo, Mando medio, Ejecutor u Operador y asistencial")
    return SEGMENTOS[clave]


def regimen(valor) -> str:
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        valor = str(int(valor))
    clave = normalizar(valor)
    if clave not in REGIMENES:
        raise ValorInvalido("régimen desconocido: use 728, 1057 o CAS")
    return REGIMENES[clave]
