"""Quién es quién en los formatos de SERVIR (Anexos en PDF y en Excel, informe, exportación): los datos de un
servidor o de su evaluador tal como los imprime el bloque «datos del servidor evaluado / del evaluador».

Un módulo liviano (sin WeasyPrint ni plantillas): lo usan también los libros de Excel y la exportación.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...anexos import formato
from ...repositorio import Ciclo, Registro
from . import nombres as legibles


@dataclass(frozen=True)
class Persona:
    nombre: str
    documento: str
    segmento: str = ""
    profesion: str = ""
    fecha_inicio: str = ""
    puesto: str = ""
    organo: str = ""


def persona(registro: Registro, organos: dict) -> Persona:
    servidor = registro.servidor
    return Persona(nombre=registro.nombre_completo, documento=servidor.get("documento", ""),
                   segmento=legibles.SEGMENTOS.get(servidor.get("segmento"), ""),
                   profesion=servidor.get("profesion", ""),
                   fecha_inicio=formato.fecha(servidor.get("fecha_inicio_puesto")),
                   puesto=servidor.get("puesto", ""), organo=organos.get(servidor.get("organo"), servidor.get("organo", "")))


def evaluador(ciclo: Ciclo, documento: str | None, organos: dict) -> Persona:
    """El evaluador: un servidor del ciclo o un evaluador externo de ciclo.yaml."""
    if documento in ciclo.por_documento:
        return persona(ciclo.por_documento[documento], organos)
    for externo in ciclo.lista("evaluadores_externos"):
        if externo.get("documento") == documento:
            return Persona(nombre=f"{externo.get('nombres', '')} {externo.get('apellidos', '')}".strip(),
                           documento=documento, puesto=externo.get("cargo", ""), organo="Alta Dirección")
    return Persona(nombre="", documento=documento or "")
