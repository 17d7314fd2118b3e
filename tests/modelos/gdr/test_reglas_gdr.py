"""Casos de las fórmulas del modelo «gdr» con la política «servir-2025», en YAML
(tests/modelos/gdr/reglas_gdr/<regla>.yaml: nombre / entrada / salida), con las cuentas de casos.md hechas a mano.

Cada archivo lleva el nombre de la función que prueba: una de `generador.modelos.gdr.reglas` o, para los días
hábiles y los meses calendario del núcleo, `fecha_limite` y `meses_cumplidos` de `generador.calendario`.
Las cifras exactas se escriben como texto («124/3», «26.6») y se comparan como `Fraction`: la función debe dar
exactamente ese número, no uno cercano; las cifras impresas («105.48») se comparan como texto del `Decimal`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import casos_yaml, politica_de_prueba
from generador import calendario
from generador.modelos.gdr import reglas

CARPETA = Path(__file__).parent / "reglas_gdr"
DEL_NUCLEO = {"fecha_limite": calendario.fecha_limite, "meses_cumplidos": calendario.meses_cumplidos}
FRACCIONES = {"total", "valor"}  # entradas que son fracciones exactas escritas como texto («2215/21»)


def _funcion(regla: str):
    return DEL_NUCLEO[regla] if regla in DEL_NUCLEO else getattr(reglas, regla)


def test_cada_archivo_nombra_una_regla():
    propias = {n for n, f in inspect.getmembers(reglas, inspect.isfunction) if f.__module__ == reglas.__name__}
    archivos = {a.stem for a in CARPETA.glob("*.yaml")}
    assert archivos <= propias | set(DEL_NUCLEO), archivos - propias - set(DEL_NUCLEO)
    assert propias - archivos == set(), "cada fórmula de reglas.py tiene su archivo de casos"
    assert set(DEL_NUCLEO) <= archivos


class _Parametro(SimpleNamespace):
    valor: object
    referencia: str


class _PoliticaCambiada:
    """La política de prueba con un parámetro cambiado (solo para leer sus valores, como hacen las reglas)."""

    def __init__(self, politica, **cambios):
        self._politica, self._cambios = politica, cambios

    def __getattr__(self, nombre):
        if nombre in self._cambios:
            return _Parametro(valor=self._cambios[nombre], referencia="prueba")
        return getattr(self._politica, nombre)


def _entrada(regla: str, caso: dict, politica):
    entrada = dict(caso["entrada"])
    for clave in FRACCIONES & set(entrada):
        if isinstance(entrada[clave], str):
            entrada[clave] = Fraction(entrada[clave])
        if regla == "exacto":
            entrada[clave] = caso["entrada"][clave]  # exacto recibe el número tal como lo lee el YAML
    if regla == "sentido":
        entrada = {"texto": entrada["texto"]}
    if regla == "puntaje_meta":
        entrada["sentido_"] = entrada.pop("sentido")
    if "redondeo" in entrada:
        cupo = {**politica.cupo_distinguido.valor, "redondeo": entrada.pop("redondeo")}
        politica = _PoliticaCambiada(politica, cupo_distinguido=cupo)
    if "no_laborables" in entrada:
        entrada["no_laborables"] = tuple(entrada["no_laborables"])
    if "politica" in inspect.signature(_funcion(regla)).parameters:
        entrada["politica"] = politica
    return entrada


@pytest.mark.parametrize("regla, caso", list(casos_yaml(CARPETA)))
def test_regla(regla, caso):
    politica = politica_de_prueba("servir-2025")
    obtenido = _funcion(regla)(**_entrada(regla, caso, politica))
    esperado = caso["salida"]
    if isinstance(obtenido, Fraction):
        assert isinstance(esperado, str), "las cifras exactas se escriben como texto: \"124/3\""
        assert obtenido == Fraction(esperado), f"{obtenido} ≠ {esperado}"
    elif isinstance(obtenido, Decimal):
        assert isinstance(esperado, str), "las cifras impresas se escriben como texto: \"105.48\""
        assert str(obtenido) == esperado
    elif isinstance(obtenido, list):
        assert [str(v) for v in obtenido] == esperado
    elif isinstance(obtenido, bool) or obtenido is None:
        assert obtenido is esperado
    elif isinstance(obtenido, (dt.date, int, str)):
        assert type(obtenido) is type(esperado) and obtenido == esperado
    else:
        pytest.fail(f"salida de tipo inesperado: {obtenido!r}")


def test_puntaje_meta_da_fracciones_exactas():
    """Ningún puntaje pasa por un binario: 34/36 × 60 es 170/3, no 56.666666666666664."""
    politica = politica_de_prueba("servir-2025")
    puntaje = reglas.puntaje_meta(politica, reglas.ASCENDENTE, Decimal(36), Decimal(34), Decimal(60))
    assert isinstance(puntaje, Fraction) and puntaje == Fraction(170, 3)
    total = puntaje + reglas.puntaje_meta(politica, reglas.ASCENDENTE, Decimal(9), Decimal(3), Decimal(40))
    assert total == 70 and reglas.calificacion_por_puntaje(politica, "directivo", total, False) == "buen_rendimiento"
