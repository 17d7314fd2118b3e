"""Uso de la orden: códigos de salida, ayuda en castellano y documentación completa."""

from __future__ import annotations

import argparse
import re

import pytest

from conftest import RAIZ, correr
from generador.cli import _parser


def test_sin_orden_muestra_el_uso(ejemplo):
    corrida = correr()
    assert corrida.codigo == 2
    assert corrida.errores.startswith("uso: generador")


def test_ayuda_en_castellano(ejemplo):
    corrida = correr("--help")
    assert corrida.codigo == 0
    assert "muestra esta ayuda y termina" in corrida.salida
    assert "órdenes:" in corrida.salida
    assert "show this help" not in corrida.salida


@pytest.mark.parametrize("argumentos, mensaje", [
    (["exportar"], "generador: error: argumento ORDEN: opción no válida: 'exportar' (elija entre 'validar', 'calificar', 'pdf', 'sitio', 'sintetico')"),
    (["calificar", "--formato", "xml"],
     "generador calificar: error: argumento --formato: opción no válida: 'xml' (elija entre 'tabla', 'json', 'csv')"),
    (["validar", "--estrito"], "generador: error: argumentos no reconocidos: --estrito"),
    (["validar", "--datos", "no-existe"], "generador validar: error: no existe la carpeta de datos «no-existe»"),
    (["calificar", "--ciclo", "2099"], "generador calificar: error: no existe el ciclo «2099»; ciclos disponibles: 2024"),
])
def test_uso_incorrecto_sale_con_2(ejemplo, argumentos, mensaje):
    corrida = correr(*argumentos)
    assert corrida.codigo == 2
    assert corrida.lineas_error[-1] == mensaje


def _ordenes_y_opciones():
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for nombre, subparser in subparsers.choices.items():
        opciones = [o for a in subparser._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
        yield nombre, opciones


def test_el_readme_documenta_cada_orden_y_opcion():
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    for orden, opciones in _ordenes_y_opciones():
        assert re.search(rf"generador {orden}\b", readme), f"el README no documenta «generador {orden}»"
        for opcion in opciones:
            assert opcion in readme, f"el README no documenta la opción {opcion} de «generador {orden}»"


def test_el_readme_explica_cada_codigo_de_salida():
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    for codigo in ("0", "1", "2"):
        assert re.search(rf"\|\s*{codigo}\s*\|", readme), f"el README no explica el código de salida {codigo}"
