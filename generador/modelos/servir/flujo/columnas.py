"""Las columnas de la lista de participantes y cómo se reconocen sus encabezados y valores.

Los encabezados se comparan sin tildes, mayúsculas, signos ni palabras de
relleno («N° de documento» = «numero documento» = «Documento»): cada columna
acepta las variantes que suelen tener las listas de las oficinas de personal.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

RELLENO = {"de", "del", "al", "la", "el", "los", "las", "y", "o", "en", "n", "no", "nro", "num", "numero", "n°", "cod", "codigo"}


def normalizar(texto: str) -> str:
    """«N° de Documento» → «documento»: sin tildes, minúsculas, sin signos ni palabras de relleno."""
    sin_tildes = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode().lower()
    palabras = re.sub(r"[^a-z0-9]+", " ", sin_tildes).split()
    return " ".join(p for p in palabras if p not in RELLENO)


@dataclass(frozen=True)
class Columna:
    campo: str            # clave del registro (servidor.<campo> o evaluador)
    titulo: str           # encabezado recomendado
    obligatoria: bool
    variantes: tuple[str, ...]
    ayuda: str


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
# Los apellidos en dos columnas, como los guardan muchas oficinas de personal: se unen en «Apellidos».
PATERNO = Columna("apellido_paterno", "Apellido paterno", False, ("apellido paterno", "primer apellido", "ap paterno"), "")
MATERNO = Columna("apellido_materno", "Apellido materno", False, ("apellido materno", "segundo apellido", "ap materno"), "")
POR_VARIANTE = {variante: columna for columna in (*COLUMNAS, PATERNO, MATERNO) for variante in columna.variantes}
JUNTAS = ("apellidos nombres", "nombres apellidos", "apellidos nombres completos", "nombre completo", "nombres completos")

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
DOCUMENTO = re.compile(r"^[0-9A-Za-z-]{8,15}$")


class ValorInvalido(ValueError):
    """El mensaje dice qué se esperaba, sin repetir el dato (puede ser personal)."""


def documento(valor) -> str:
    """Un documento como texto. Excel guarda 07654321 como el número 7654321: se completan los ceros."""
    if isinstance(valor, bool):
        raise ValorInvalido("se esperaba un DNI o carné de extranjería")
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, int):
        texto = str(valor)
        if len(texto) > 8:
            return texto
        return texto.zfill(8)
    texto = str(valor).strip().replace(" ", "")
    if not DOCUMENTO.match(texto):
        raise ValorInvalido("se esperaba un DNI de 8 dígitos o un carné de extranjería (8 a 15 letras o dígitos)")
    return texto


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


def fecha(valor) -> dt.date:
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    texto = str(valor).strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(texto, formato).date()
        except ValueError:
            pass
    raise ValorInvalido("fecha no válida: use DD/MM/AAAA (o una celda con formato de fecha)")


def organo(valor, organos: dict[str, str]) -> str:
    """La sigla de un órgano de entidad.yaml, escrita como sigla o como nombre completo."""
    texto = str(valor).strip()
    por_sigla = {sigla.lower(): sigla for sigla in organos}
    if texto.lower() in por_sigla:
        return por_sigla[texto.lower()]
    por_nombre = {normalizar(nombre): sigla for sigla, nombre in organos.items()}
    if normalizar(texto) in por_nombre:
        return por_nombre[normalizar(texto)]
    raise ValorInvalido("órgano desconocido: use la sigla o el nombre de un órgano de entidad.yaml")


def texto(valor) -> str:
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return " ".join(str(valor).split())
