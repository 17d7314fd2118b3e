"""Construye el portal con MkDocs; `--solo-paginas` escribe las páginas en `sitio/generado/`.

Las páginas se escriben antes de construir (sin complementos de MkDocs que
generen archivos). `generador sitio` las escribe en una carpeta temporal junto a
la salida, nunca dentro del proyecto; `generador sitio --solo-paginas` las deja
en `sitio/generado/` para previsualizar con `mkdocs serve`. Cada escritura va a
una carpeta temporal que reemplaza a la anterior solo si todo salió bien.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import logging
import os
from pathlib import Path

from .. import recursos
from ..escritura import MARCA_SALIDA, carpeta_temporal, marcar_salida, reemplazar_carpeta, soltar_temporal
from ..repositorio import Repositorio
from .marcado import etiqueta_menu

RAIZ = recursos.base()  # el proyecto por omisión: mkdocs.yml y sitio/ del repositorio o, instalado, del paquete


class ErrorSitio(Exception):
    """La construcción con MkDocs falló (mensaje para el usuario)."""


def portal_del_modelo(repositorio: Repositorio) -> tuple[dict[str, str | bytes], list | None]:
    """Páginas y menú del modelo de la política del último ciclo; menú None = el de mkdocs.yml."""
    ultimo = [c for c in repositorio.ciclos if c.valido][-1]
    return ultimo.politica.modelo.sitio(repositorio)


def escribir_paginas(repositorio: Repositorio, proyecto: Path = RAIZ) -> int:
    """Escribe las páginas en `proyecto/sitio/generado/`, reemplazando las anteriores."""
    archivos, menu = portal_del_modelo(repositorio)
    if menu is not None:
        raise ErrorSitio("esta política arma su propio portal: use «generador sitio» sin --solo-paginas")
    return _escribir_arbol(archivos, proyecto / "sitio" / "generado")


def _escribir_en(archivos: dict[str, str | bytes], carpeta: Path) -> None:
    for relativa, contenido in archivos.items():
        ruta = carpeta / relativa
        ruta.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(contenido, bytes):
            ruta.write_bytes(contenido)
        else:
            ruta.write_text(contenido, encoding="utf-8")


def _escribir_arbol(archivos: dict[str, str | bytes], destino: Path) -> int:
    """Escribe `archivos` en una carpeta temporal que reemplaza a `destino` solo si todo se escribió."""
    temporal = carpeta_temporal(destino)
    try:
        _escribir_en(archivos, temporal)
        reemplazar_carpeta(temporal, destino)
    finally:
        soltar_temporal(temporal)
    return len(archivos)


def _del_sitio(proyecto: Path) -> dict[str, bytes]:
    """Los archivos de `proyecto/sitio/` escritos a mano (sin las páginas generadas de una vista previa)."""
    sitio = proyecto / "sitio"
    if not sitio.is_dir():
        return {}
    return {p.relative_to(sitio).as_posix(): p.read_bytes() for p in sorted(sitio.rglob("*"))
            if p.is_file() and p.relative_to(sitio).parts[0] != "generado"}


def _fuentes(proyecto: Path, archivos: dict[str, str | bytes], menu: list | None) -> dict[str, bytes | str]:
    """Las fuentes del sitio: las páginas y recursos del generador, reemplazados o ampliados por los de
    `proyecto/sitio/` (la entidad), y las del modelo en `generado/`; con un menú propio del modelo, solo
    sus páginas y los recursos del portal (estilos, búsqueda, plantilla y gancho de seguridad)."""
    base = _del_sitio(RAIZ)
    escritas = {**base, **_del_sitio(proyecto)} if proyecto.resolve() != RAIZ.resolve() else base
    if menu is None:
        return {**escritas, **{f"generado/{r}": c for r, c in archivos.items()}}
    return {**{r: c for r, c in escritas.items() if r.split("/")[0] in ("recursos", "overrides")}, **archivos}


def construir(repositorio: Repositorio, salida: Path, proyecto: Path = RAIZ) -> int:
    """Escribe las páginas y construye el sitio HTML en `salida`; devuelve cuántos archivos tiene.

    Nada se escribe dentro del proyecto: las fuentes van a una carpeta temporal junto a la salida
    (con las opciones de mkdocs.yml y `docs_dir` cambiado) y el sitio a otra, que reemplaza a la
    anterior solo si MkDocs terminó bien. Ambas se borran en todo caso."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # Rutas absolutas: MkDocs resuelve site_dir relativo a mkdocs.yml, no al directorio actual.
    proyecto, salida = proyecto.resolve(), salida.resolve()
    configuracion_propia = proyecto / "mkdocs.yml"
    if not configuracion_propia.is_file() and not (proyecto / "sitio").is_dir():
        proyecto = RAIZ  # ni mkdocs.yml ni sitio/ propios: el portal del generador tal cual
    if not (RAIZ / "mkdocs.yml").is_file():
        raise ErrorSitio(f"no hay mkdocs.yml en {RAIZ}: la instalación del generador está incompleta (reinstálelo)")
    archivos, menu = portal_del_modelo(repositorio)
    # Un proyecto armado en una carpeta temporal: mkdocs.yml (el de la entidad o el del generador) y sitio/
    # con todo lo que usa; así las rutas de mkdocs.yml (tema, gancho) se resuelven dentro de él.
    armado = carpeta_temporal(salida.with_name(f"{salida.name}.paginas"))
    fuentes = armado / "sitio"
    temporal = carpeta_temporal(salida)
    ajustes: dict = {"docs_dir": str(fuentes)}
    if menu is not None:
        ajustes["nav"] = menu
    ultimo = [c for c in repositorio.ciclos if c.valido][-1]
    entidad = repositorio.datos_entidad
    entorno = {
        # Fecha fija (la del inicio del ciclo) en lugar de la del reloj: sitio idéntico byte a byte.
        "SOURCE_DATE_EPOCH": str(calendar.timegm(dt.datetime.combine(ultimo.inicio, dt.time()).timetuple())),
        "NOMBRE_PORTAL": f"{ultimo.politica.modelo.NOMBRE_PORTAL} — {entidad.get('siglas', '')}".strip(" —"),
        "NOMBRE_ENTIDAD": entidad.get("nombre", ""),
        # La sección del menú con el último ciclo: «Ciclo 2025», sacado de los datos (no «vigente»: ver etiqueta_menu).
        "MENU_CICLO": etiqueta_menu(ultimo),
    }
    try:
        _escribir_en(_fuentes(proyecto, archivos, menu), fuentes)
        origen = configuracion_propia if configuracion_propia.is_file() else RAIZ / "mkdocs.yml"
        _escribir_en({"mkdocs.yml": origen.read_bytes()}, armado)
        with _entorno(entorno), _silencio_mkdocs():
            configuracion = load_config(config_file=str(armado / "mkdocs.yml"), site_dir=str(temporal), strict=True,
                                        **ajustes)
            build(configuracion)
        if not (temporal / "index.html").is_file():
            raise ErrorSitio("MkDocs no produjo index.html; el sitio anterior queda como estaba")
        marcar_salida(temporal)
        reemplazar_carpeta(temporal, salida)
    except (MkDocsException, SystemExit) as exc:
        raise ErrorSitio(f"MkDocs no pudo construir el sitio: {exc}") from None
    finally:
        soltar_temporal(temporal)
        soltar_temporal(armado)
    return sum(1 for p in salida.rglob("*") if p.is_file() and p.name != MARCA_SALIDA)


@contextlib.contextmanager
def _entorno(valores: dict[str, str]):
    anteriores = {k: os.environ.get(k) for k in valores}
    os.environ.update(valores)
    try:
        yield
    finally:
        for clave, valor in anteriores.items():
            if valor is None:
                os.environ.pop(clave, None)
            else:
                os.environ[clave] = valor


@contextlib.contextmanager
def _silencio_mkdocs():
    """MkDocs informa cada paso en inglés; solo se dejan pasar sus advertencias y errores."""
    registro = logging.getLogger("mkdocs")
    nivel = registro.level
    registro.setLevel(logging.WARNING)
    try:
        yield
    finally:
        registro.setLevel(nivel)
