"""El contrato de los modelos (generador/modelos/contrato.py): cada modelo lo cumple, cada miembro está
documentado y los dos caminos de descubrimiento (carpeta y puntos de entrada) dan la misma respuesta."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import pkgutil
import types
from pathlib import Path

import pytest

from generador import modelos
from generador.modelos import contrato

from conftest import RAIZ


@pytest.fixture(autouse=True)
def _registro_limpio():
    modelos.registrados.cache_clear()
    yield
    modelos.registrados.cache_clear()


def test_los_modelos_del_repositorio():
    assert modelos.disponibles() == ["gdr", "ponderado", "servir"]


@pytest.mark.parametrize("clave", modelos.disponibles())
def test_cada_modelo_cumple_el_contrato(clave):
    modelo = modelos.modelo(clave)
    assert contrato.faltantes(modelo) == []
    assert isinstance(modelo, contrato.Modelo)
    assert set(modelo.PARAMETROS) == set(modelo.FORMAS), "cada parámetro tiene su forma"
    assert set(modelo.ordenes_propias()) <= set(modelo.ORDENES) | {"sintetico"}


@pytest.mark.parametrize("clave", modelos.disponibles())
def test_ningun_submodulo_tapa_un_miembro(clave):
    """Importar `modelo.informe` (un subpaquete) reemplazaría la función `informe` del contrato."""
    modelo = modelos.modelo(clave)
    for info in pkgutil.walk_packages(modelo.__path__, modelo.__name__ + "."):
        importlib.import_module(info.name)
    tapados = [n for n in contrato.MIEMBROS if isinstance(getattr(modelo, n), types.ModuleType)]
    assert tapados == []


def test_cada_miembro_del_contrato_esta_documentado():
    """Como tests/test_docs.py::test_plugin_hooks_are_documented de Datasette: un miembro sin explicar
    no entra en el contrato."""
    assert contrato.MIEMBROS, "el contrato tiene miembros"
    sin_documentar = [nombre for nombre in contrato.MIEMBROS
                      if not (getattr(contrato.Modelo, nombre).__doc__ or "").strip()]
    assert sin_documentar == []


def test_el_contrato_cubre_lo_que_el_nucleo_pide_a_un_modelo():
    """Cada `X.modelo.NOMBRE` o `modelo.NOMBRE` del núcleo es un miembro del contrato."""
    usados = set()
    for ruta in (RAIZ / "generador").rglob("*.py"):
        if "modelos" in ruta.relative_to(RAIZ / "generador").parts:
            continue
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
            if isinstance(nodo, ast.Attribute) and isinstance(nodo.value, (ast.Name, ast.Attribute)):
                base = nodo.value.attr if isinstance(nodo.value, ast.Attribute) else nodo.value.id
                if base in ("modelo", "por_omision()"):
                    usados.add(nodo.attr)
    assert usados and usados <= set(contrato.MIEMBROS), usados - set(contrato.MIEMBROS)


def test_el_nucleo_no_nombra_modelos():
    """Fuera de generador/modelos/<modelo>/ ningún módulo importa un modelo por su nombre."""
    for ruta in (RAIZ / "generador").rglob("*.py"):
        partes = ruta.relative_to(RAIZ / "generador").parts
        if partes[0] == "modelos" and len(partes) > 2:
            continue
        texto = ruta.read_text(encoding="utf-8")
        for clave in modelos.disponibles():
            assert f"modelos.{clave}" not in texto and f"modelos/{clave}" not in texto, (ruta, clave)


class _PuntoDeEntrada:
    def __init__(self, nombre: str, valor: str):
        self.name, self.value = nombre, valor


def _con_puntos(monkeypatch, puntos: list[_PuntoDeEntrada]) -> None:
    def entry_points(group):
        assert group == modelos.GRUPO
        return puntos
    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


def test_los_puntos_de_entrada_dan_la_misma_respuesta_que_la_carpeta(monkeypatch):
    carpeta = modelos._de_la_carpeta()
    _con_puntos(monkeypatch, [_PuntoDeEntrada(c, m) for c, m in carpeta.items()])
    assert modelos.registrados() == carpeta
    declarados = _declarados_en_pyproject()
    assert declarados == carpeta, "pyproject.toml declara cada modelo de la carpeta, con el mismo módulo"


def test_un_modelo_de_terceros_se_descubre_por_su_punto_de_entrada(monkeypatch):
    _con_puntos(monkeypatch, [_PuntoDeEntrada("otro", "generador.modelos.ponderado")])
    assert "otro" in modelos.disponibles()
    assert modelos.modelo("otro") is modelos.modelo("ponderado")


def test_un_nombre_con_dos_modulos_es_un_error(monkeypatch):
    _con_puntos(monkeypatch, [_PuntoDeEntrada("servir", "generador.modelos.ponderado")])
    with pytest.raises(modelos.ModeloEnConflicto, match="servir"):
        modelos.registrados()


def _declarados_en_pyproject() -> dict[str, str]:
    import tomllib
    datos = tomllib.loads(Path(RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    return datos["project"]["entry-points"][modelos.GRUPO]
