"""Casos de las reglas en YAML (tests/reglas/<regla>.yaml: nombre / entrada / salida).

Cada archivo lleva el nombre de la función de `generador.reglas` que prueba.
Los archivos se leen con el mismo lector seguro del programa.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path

import pytest

from generador import reglas
from generador.carga import cargar
from generador.diagnosticos import Informe, Ubicacion
from generador.politica import cargar_politica
from generador.reglas.calificacion import Antecedente, Calificacion

CARPETA = Path(__file__).parent / "reglas"


def _politica(clave: str = "imarpe-2018"):
    informe = Informe()
    politica = cargar_politica(clave, informe, Ubicacion("prueba"))
    assert politica is not None, [str(d) for d in informe.diagnosticos]
    return politica


def _casos():
    for archivo in sorted(CARPETA.glob("*.yaml")):
        informe = Informe()
        documento = cargar(archivo, informe)
        assert documento is not None, [str(d) for d in informe.diagnosticos]
        for caso in documento.datos:
            yield pytest.param(archivo.stem, caso, id=f"{archivo.stem}: {caso['nombre']}")


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


@pytest.mark.parametrize("regla, caso", list(_casos()))
def test_regla(regla, caso):
    funcion = getattr(reglas, regla)
    entrada = _entrada(caso)
    if "politica" in inspect.signature(funcion).parameters:
        entrada["politica"] = _politica(caso.get("politica", "imarpe-2018"))
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
