"""Escribir YAML para personas: plantillas comentadas y reescritura sin perder comentarios.

- `plantilla(nombre, **datos)`: llena una plantilla de `plantillas/yaml/` (Jinja2
  sin escape HTML; cada valor pasa por el filtro `yaml`, que lo cita cuando hace
  falta para que se lea tal cual).
- `abrir` / `volcar`: ida y vuelta con ruamel.yaml (comentarios, comillas,
  orden y sangrías se conservan; los archivos de `datos/` vuelven byte a byte).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import jinja2
from ruamel.yaml import YAML

from ..anexos.motor import PLANTILLAS

_LLANO = re.compile(r"[A-Za-zÀ-ÿ(][\wÀ-ÿ .,()/°ºª'&+-]*")
_PALABRAS_YAML = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def escalar(valor) -> str:
    """Un valor como escalar YAML que se vuelve a leer igual: sin comillas si se puede."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, (dt.date, int)):
        return str(valor.isoformat() if isinstance(valor, dt.date) else valor)
    texto = str(valor)
    if _LLANO.fullmatch(texto) and texto.lower() not in _PALABRAS_YAML and not texto.endswith(" "):
        return texto
    return json.dumps(texto, ensure_ascii=False)  # una cadena JSON es una cadena YAML entre comillas dobles


_ENTORNO = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PLANTILLAS / "yaml")), autoescape=False,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)
_ENTORNO.filters["yaml"] = escalar


def plantilla(archivo: str, **datos) -> str:
    return _ENTORNO.get_template(archivo).render(**datos)


def _yaml(indentacion: int, guion: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=indentacion, sequence=guion + 2, offset=guion)
    return yaml


def sangrias(texto: str) -> tuple[int, int]:
    """(sangría de los mapas, desplazamiento del guion de las listas) que usa el archivo."""
    mapa, guion = 0, None
    lineas = [l for l in texto.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    for anterior, linea in zip(lineas, lineas[1:]):
        padre = len(anterior) - len(anterior.lstrip())
        propia = len(linea) - len(linea.lstrip())
        if not anterior.rstrip().endswith(":") or propia <= padre and not linea.lstrip().startswith("- "):
            continue
        if linea.lstrip().startswith("- "):
            guion = propia - padre if guion is None else guion
        elif not mapa and not anterior.lstrip().startswith("- "):
            mapa = propia - padre
    return mapa or 2, guion if guion is not None else (mapa or 2)


def abrir(texto: str):
    """Lee un YAML para modificarlo y volver a escribirlo con sus comentarios: (datos, escritor).

    Las sangrías se toman del propio archivo, para que lo que no cambió se escriba igual."""
    yaml = _yaml(*sangrias(texto))
    return yaml.load(texto), yaml


def volcar(datos, yaml: YAML) -> str:
    salida = io.StringIO()
    yaml.dump(datos, salida)
    return salida.getvalue()
