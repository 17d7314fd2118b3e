"""Casos de las reglas del modelo «ponderado» con la política «empresa», en YAML
(tests/modelos/ponderado/reglas_ponderado/<regla>.yaml: nombre / entrada / salida), con las cuentas hechas a mano.

Cada archivo lleva el nombre de la función de `generador.modelos.ponderado.reglas` que prueba.
Las cifras se escriben como texto ("82.25") y se comparan como Decimal escrito.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import casos_yaml, politica_de_prueba
from generador.modelos.ponderado import reglas

CARPETA = Path(__file__).parent / "reglas_ponderado"
CIFRAS = {"porcentaje", "peso", "pesos", "cumplimientos", "resultados", "valores"}


def test_cada_archivo_nombra_una_regla():
    publicas = {n for n, f in inspect.getmembers(reglas, inspect.isfunction) if f.__module__ in (reglas.__name__, "generador.calculo")}
    archivos = {a.stem for a in CARPETA.glob("*.yaml")}
    assert archivos <= publicas
    assert publicas - archivos == {"redondear", "meses_del_periodo"}, "cada regla tiene su archivo de casos"


def _entrada(caso: dict, politica) -> dict:
    entrada = {}
    for clave, valor in caso["entrada"].items():
        if clave in CIFRAS:
            valor = [Decimal(v) for v in valor] if isinstance(valor, list) else Decimal(valor)
        if clave == "nivel" and "catalogo" in inspect.signature(getattr(reglas, caso["_regla"])).parameters:
            clave, valor = "catalogo", politica.competencias.valor[valor]
        if clave == "sin_medir":
            valor = set(valor)
        entrada[clave] = valor
    return entrada


@pytest.mark.parametrize("regla, caso", list(casos_yaml(CARPETA)))
def test_regla(regla, caso):
    politica = politica_de_prueba("empresa")
    funcion = getattr(reglas, regla)
    entrada = _entrada({**caso, "_regla": regla}, politica)
    if "politica" in inspect.signature(funcion).parameters:
        entrada["politica"] = politica
    obtenido = funcion(**entrada)
    esperado = caso["salida"]
    if isinstance(obtenido, dict) and "clave" in obtenido:  # un tramo de la escala
        assert obtenido["clave"] == esperado
    elif isinstance(obtenido, dict):
        assert {k: str(v) for k, v in obtenido.items()} == esperado
    elif isinstance(obtenido, Decimal):
        assert isinstance(esperado, str), "las cifras esperadas se escriben como texto: \"48.00\""
        assert str(obtenido) == esperado
    elif isinstance(obtenido, list) and obtenido and isinstance(obtenido[0], Decimal):
        assert [str(v) for v in obtenido] == esperado
    elif isinstance(obtenido, (dt.date, list)) or obtenido is None:
        assert obtenido == esperado
    else:
        assert obtenido is esperado
