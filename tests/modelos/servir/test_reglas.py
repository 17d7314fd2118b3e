"""Casos de las reglas en YAML (tests/modelos/servir/reglas/<regla>.yaml: nombre / entrada / salida).

Cada archivo lleva el nombre de la función de `generador.reglas` que prueba.
Los archivos se leen con el mismo lector seguro del programa.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import casos_yaml, politica_de_prueba
from generador.modelos.servir import reglas
from generador.modelos.servir.reglas.calificacion import Antecedente, Calificacion

CARPETA = Path(__file__).parent / "reglas"


def test_cada_archivo_nombra_una_regla():
    for archivo in CARPETA.glob("*.yaml"):
        assert archivo.stem in reglas.__all__, f"{archivo.name} no corresponde a ninguna regla de generador.reglas"


def _entrada(caso: dict) -> dict:
    entrada = dict(caso["entrada"])
    if "antecedentes" in entrada:
        entrada["antecedentes"] = [
            Antecedente(a["fin"], a.get("puesto"), a["calificacion"]) for a in entrada["antecedentes"]
        ]
    return entrada


@pytest.mark.parametrize("regla, caso", list(casos_yaml(CARPETA)))
def test_regla(regla, caso):
    funcion = getattr(reglas, regla)
    entrada = _entrada(caso)
    if "politica" in inspect.signature(funcion).parameters:
        entrada["politica"] = politica_de_prueba(caso.get("politica", "imarpe-2018"))
    obtenido = funcion(**entrada)
    esperado = caso["salida"]
    if isinstance(obtenido, Calificacion):
        assert {k: getattr(obtenido, k) for k in esperado} == esperado
    elif isinstance(obtenido, Decimal):
        assert isinstance(esperado, str), "las cifras esperadas se escriben como texto: \"48.00\""
        assert str(obtenido) == esperado
    elif isinstance(obtenido, dt.date):
        assert obtenido == esperado
    else:
        assert obtenido is esperado
