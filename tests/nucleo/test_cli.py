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


INGLES = ("show this help", "show program's version", "usage:", "positional arguments", "options:\n", "default:")


@pytest.mark.parametrize("orden", ["", "validar", "calificar", "pdf", "sitio", "sintetico", "nuevo", "importar",
                                   "exportar", "informe"])
def test_ayuda_en_castellano(ejemplo, orden):
    corrida = correr(*([orden] if orden else []), "--help")
    assert corrida.codigo == 0
    assert "muestra esta ayuda y termina" in corrida.salida
    assert [frase for frase in INGLES if frase in corrida.salida] == []
    if not orden:
        assert "órdenes:" in corrida.salida and re.search(r"--version +muestra la versión y termina", corrida.salida)


@pytest.mark.parametrize("argumentos, mensaje", [
    (["publicar"], "generador: error: argumento ORDEN: opción no válida: 'publicar' (elija entre 'validar', 'calificar', 'pdf', 'sitio', 'sintetico', 'iniciar', 'nuevo', 'importar', 'exportar', 'importar-formatos', 'informe')"),
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


def _ordenes_en(texto: str):
    """Cada orden que el archivo corre («…/generador ORDEN --opción …» o «entry: generador ORDEN»)."""
    for linea in re.findall(r"(?:/|entry:\s)generador\s+([a-z]+)((?:\s+--?[a-z-]+(?:[ =][^\s-][^\s]*)?)*)", texto):
        orden, resto = linea
        yield orden, re.findall(r"(--[a-z-]+)", resto)


@pytest.mark.parametrize("archivo", ["ci-ejemplos/github-actions.yml", "ci-ejemplos/gitlab-ci.yml", ".pre-commit-config.yaml",
                                     ".pre-commit-hooks.yaml", "Makefile"])
def test_los_ejemplos_de_ci_y_ganchos_usan_ordenes_y_opciones_que_existen(archivo):
    from ruamel.yaml import YAML
    texto = (RAIZ / archivo).read_text(encoding="utf-8")
    if archivo.endswith((".yml", ".yaml")):
        YAML(typ="safe").load(texto)  # el archivo se puede leer
    conocidas = dict(_ordenes_y_opciones())
    usadas = list(_ordenes_en(texto))
    assert usadas, f"{archivo} no corre ninguna orden de generador"
    for orden, opciones in usadas:
        assert orden in conocidas, f"{archivo}: «generador {orden}» no existe"
        for opcion in opciones:
            assert opcion in conocidas[orden], f"{archivo}: «generador {orden}» no tiene la opción {opcion}"
