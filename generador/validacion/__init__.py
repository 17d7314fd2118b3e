"""Validación completa de `datos/`: se reúnen todos los problemas antes de salir.

Etapas, en orden: lectura y esquema (`repositorio`), reglas del ciclo
(`ciclo`), referencias entre archivos (`referencias`), reglas de cada registro
(`registro`) y, con los puntajes calculados, reglas de la calificación
(`calificaciones`).
"""

from __future__ import annotations

from pathlib import Path

from .. import repositorio as repo
from ..diagnosticos import Informe
from ..resultados import Resultado, calcular
from .calificaciones import validar_calificaciones
from .ciclo import validar_ciclo
from .referencias import validar_referencias
from .registro import validar_registro


def validar(raiz: Path | str, informe: Informe, cache=None) -> tuple[repo.Repositorio, dict[str, dict[str, Resultado]]]:
    repositorio = repo.leer(raiz, informe, cache)
    entidad = repositorio.datos_entidad
    organos = entidad.get("organos") or {}
    for ciclo in repositorio.ciclos:
        if not ciclo.valido:
            continue
        organo_rrhh = entidad.get("organo_rrhh") or ciclo.politica.organo_rrhh.valor
        validar_ciclo(ciclo, informe)
        validar_referencias(ciclo, organos, organo_rrhh, informe)
        for registro in ciclo.validos():
            validar_registro(ciclo, registro, informe)
    resultados = calcular(repositorio)
    for ciclo in repositorio.ciclos:
        if ciclo.carpeta in resultados:
            validar_calificaciones(ciclo, resultados[ciclo.carpeta], informe)
    return repositorio, resultados
