"""Las columnas de la lista de participantes de SERVIR: las comunes del sector público
(`generador/flujo/participantes.py`) más el régimen y la profesión, que pide el Anexo 1 de 2015."""

from __future__ import annotations

from ....flujo.columnas import Columna, ValorInvalido, normalizar, por_variante
from ....flujo.participantes import (APELLIDOS, DOCUMENTO, EVALUADOR, FECHA_INICIO_PUESTO, NOMBRES, ORGANO, PUESTO,
                                     SEGMENTO, segmento)

__all__ = ["COLUMNAS", "POR_VARIANTE", "regimen", "segmento"]

COLUMNAS = (
    DOCUMENTO, APELLIDOS, NOMBRES, SEGMENTO, PUESTO, ORGANO, EVALUADOR,
    Columna("regimen", "Régimen", False, ("regimen", "regimen laboral", "modalidad", "modalidad contrato", "regimen contrato"),
            "728, 1057 o CAS"),
    Columna("profesion", "Profesión", False, ("profesion", "profesion grado", "profesion grado obtenido", "grado", "grado academico"), ""),
    FECHA_INICIO_PUESTO,
)
POR_VARIANTE = por_variante(COLUMNAS)

REGIMENES = {"728": "728", "dl 728": "728", "d l 728": "728", "d leg 728": "728", "decreto legislativo 728": "728",
             "1057": "1057", "dl 1057": "1057", "d l 1057": "1057", "d leg 1057": "1057", "cas": "1057",
             "decreto legislativo 1057": "1057", "regimen cas": "1057"}


def regimen(valor) -> str:
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        valor = str(int(valor))
    clave = normalizar(valor)
    if clave not in REGIMENES:
        raise ValorInvalido("régimen desconocido: use 728, 1057 o CAS")
    return REGIMENES[clave]
