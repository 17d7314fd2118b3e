"""La lista de participantes del sector público (la de SERVIR) y el ciclo copiado del anterior, comunes a los
modelos de la Gestión del Rendimiento (la directiva de 2015 y el Formato GDR 2025).

Cada modelo dice qué campos tiene su `servidor`, qué plantilla tiene su registro, quién puede evaluar y con
qué numeral lo cita (`Registros`); lo demás es igual: reconocer las columnas, convertir cada celda, revisar el
evaluador de cada fila, crear un registro comentado o actualizar solo los datos del servidor y su evaluador
de uno existente (sin perder sus comentarios), y copiar el ciclo anterior con el CIE y la Junta por confirmar.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..repositorio import Ciclo, Repositorio
from . import columnas as comunes
from .ciclo import abrir_anterior, comentarios_corridos, fechas_en_fin_de_semana
from .columnas import Columna, ValorInvalido, normalizar
from .lista import Fila
from .plan import Plan, componer, convertir, poner, revisar_evaluadores
from .yaml_texto import abrir, volcar

DOCUMENTO = Columna("documento", "Documento", True, (
    "documento", "dni", "dni ce", "documento identidad", "doc identidad", "dni servidor", "documento identidad dni",
    "doc identidad dni", "documento identidad servidor"),
    "DNI (8 dígitos) o carné de extranjería; mejor como texto para no perder ceros iniciales")
APELLIDOS = Columna("apellidos", "Apellidos", True, ("apellidos", "apellido", "apellido paterno materno", "apellidos servidor"), "")
NOMBRES = Columna("nombres", "Nombres", True, ("nombres", "nombre", "nombres servidor"), "")
SEGMENTO = Columna("segmento", "Segmento", True, (
    "segmento", "segmento puesto", "tipo", "tipo servidor", "grupo", "grupo ocupacional segmento", "grupo ocupacional",
    "segmento grupo ocupacional"), "Directivo, Mando medio, Ejecutor u Operador y asistencial")
PUESTO = Columna("puesto", "Puesto", True, ("puesto", "puesto especifico", "cargo", "denominacion puesto", "nombre puesto"), "")
ORGANO = Columna("organo", "Órgano", True, ("organo", "unidad organica", "organo unidad organica", "area", "dependencia",
                                           "oficina", "unidad organizacion", "unidad de organizacion"),
                 "la sigla o el nombre de un órgano de entidad.yaml")
EVALUADOR = Columna("evaluador", "Documento del evaluador", True, (
    "evaluador", "dni evaluador", "documento evaluador", "evaluador dni", "evaluador documento",
    "documento identidad evaluador", "dni jefe inmediato", "documento jefe inmediato", "jefe inmediato dni"),
    "el documento de un directivo o mando medio del ciclo, o de un evaluador externo de ciclo.yaml")
FECHA_INICIO_PUESTO = Columna("fecha_inicio_puesto", "Fecha de inicio en el puesto", False, (
    "fecha inicio puesto", "inicio puesto", "fecha inicio", "fecha ingreso puesto", "fecha ingreso"),
    "fecha (celda de fecha, DD/MM/AAAA o AAAA-MM-DD)")

SEGMENTOS = {
    "directivo": "directivo", "directivos": "directivo", "funcionario": "directivo", "servidor directivo": "directivo",
    "mando medio": "mando_medio", "mandos medios": "mando_medio", "mando_medio": "mando_medio", "mando": "mando_medio",
    "ejecutor": "ejecutor", "personal ejecutor": "ejecutor", "servidor ejecutor": "ejecutor", "ejecutores": "ejecutor",
    "operador asistencia": "operador_asistencia", "operador asistencial": "operador_asistencia",
    "personal operativo asistencial": "operador_asistencia", "operativo asistencial": "operador_asistencia",
    "operador": "operador_asistencia", "asistencial": "operador_asistencia", "operadores asistencia": "operador_asistencia",
}


def segmento(valor) -> str:
    clave = normalizar(valor)
    if clave not in SEGMENTOS:
        raise ValorInvalido("segmento desconocido: use Directivo, Mando medio, Ejecutor u Operador y asistencial")
    return SEGMENTOS[clave]


CONVERSIONES = {"documento": comunes.documento, "evaluador": comunes.documento, "segmento": segmento,
                "fecha_inicio_puesto": comunes.fecha}


@dataclass(frozen=True)
class Registros:
    """Lo propio de un modelo en la lista de participantes."""

    columnas: tuple[Columna, ...]
    campos_servidor: tuple[str, ...]          # en el orden del registro
    entre_comillas: tuple[str, ...]
    conversiones: dict[str, Callable]
    texto_registro: Callable[[str, Path, dict, str, str], str]   # (título del ciclo, destino, servidor, evaluador, origen)
    admitidos: Callable[[Ciclo], set[str]]    # segmentos que evalúan
    referencia: str                           # numeral de «quién evalúa», para los mensajes


def planear(forma: Registros, repositorio: Repositorio, ciclo: Ciclo, filas: list[Fila], origen: str,
            solo_nuevos: bool = False) -> Plan:
    """Revisa todas las filas y prepara los archivos a escribir (sin escribir nada)."""
    plan = Plan()
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    admitidos = forma.admitidos(ciclo)
    existentes = {r.documento: r for r in ciclo.registros if r.documento}
    evaluadores = {d for d, r in existentes.items() if r.segmento in admitidos}
    evaluadores |= {str(e.get("documento")) for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}

    conversiones = {**forma.conversiones, "organo": lambda valor: comunes.organo(valor, organos)}
    convertidas = convertir(filas, forma.columnas, conversiones, existentes, solo_nuevos, plan)
    evaluadores |= {v["documento"] for _, v in convertidas if v.get("segmento") in admitidos and v.get("documento")}
    revisar_evaluadores(plan, convertidas, evaluadores, f"un servidor no se evalúa a sí mismo ({forma.referencia})",
                        "no es directivo ni mando medio de la lista o del ciclo, ni evaluador externo de ciclo.yaml "
                        f"({forma.referencia})")
    if plan.errores:
        return plan

    def crear(destino: Path, valores: dict) -> str:
        servidor = {c: valores.get(c) for c in forma.campos_servidor}
        return forma.texto_registro(f"{ciclo.nombre} (carpeta {ciclo.carpeta})", destino, servidor,
                                    valores["evaluador"], origen)

    def actualizar(texto: str, valores: dict) -> str:
        """Cambia solo los campos del servidor y el evaluador; lo demás (y sus comentarios) queda igual."""
        datos, yaml = abrir(texto)
        servidor = datos["servidor"]
        cambio = False
        for campo, valor in valores.items():
            if campo != "evaluador":
                cambio |= poner(servidor, campo, valor, campo in forma.entre_comillas)
        cambio |= poner(datos, "evaluador", valores["evaluador"], True)
        return volcar(datos, yaml) if cambio else texto

    return componer(plan, convertidas, existentes, ciclo.ruta / "servidores", crear, actualizar)


def ciclo_desde(forma: Registros, anterior: Ciclo, carpeta: Path, por_confirmar: dict[str, str]) -> tuple[dict[Path, str], list[str]]:
    """Los archivos del ciclo nuevo (en `carpeta`), copiados del anterior ({ruta: texto}), y lo que la AFRH debe
    revisar en ellos: el mismo ciclo.yaml (comentarios incluidos) con las fechas corridas, sin resolución, días no
    laborables, acta ni designados de la Junta; el CIE y la Junta «por_confirmar» (`por_confirmar`: {bloque:
    aviso con «{anterior}»}); y un registro por servidor con sus datos y su evaluador, sin metas ni resultados."""
    datos, yaml, cabecera, avisos = abrir_anterior(anterior, carpeta, "la resolución del ciclo anterior "
                                                   "(«{resolucion}») se dejó vacía: escriba la que aprueba este ciclo")
    if datos.get("dias_no_laborables"):
        avisos.append("los días no laborables se dejaron vacíos: escriba los del año nuevo")
        datos["dias_no_laborables"] = []
    junta = datos.get("junta")
    if isinstance(junta, dict):
        for clave in ("acta", "fecha", "designados"):
            junta.pop(clave, None)
    for bloque, aviso in por_confirmar.items():
        if isinstance(datos.get(bloque), dict):
            datos[bloque]["por_confirmar"] = True
            datos[bloque].yaml_add_eol_comment(f"copiado del ciclo {anterior.carpeta}: bórrelo al confirmar", "por_confirmar")
            avisos.append(aviso.format(anterior=anterior.carpeta))
    avisos += [f"cae en fin de semana: {aviso}" for aviso in fechas_en_fin_de_semana(datos)]
    archivos = {carpeta / "ciclo.yaml": comentarios_corridos(volcar(datos, yaml), anterior.carpeta, carpeta.name)}

    titulo = f"{cabecera['nombre']} (carpeta {carpeta.name})"
    for registro in sorted(anterior.registros, key=lambda r: r.doc.ruta):
        servidor = {clave: registro.servidor.get(clave) for clave in forma.campos_servidor}
        destino = carpeta / "servidores" / Path(registro.doc.ruta).name
        archivos[destino] = forma.texto_registro(titulo, destino, servidor, str(registro.evaluador or ""),
                                                 f"Creado con «generador nuevo» desde el ciclo {anterior.carpeta}")
    return archivos, avisos
