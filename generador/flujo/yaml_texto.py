"""Escribir YAML para personas: plantillas comentadas y reescritura sin perder comentarios.

- `plantilla(nombre, **datos)`: llena una plantilla de `plantillas/yaml/` (Jinja2
  sin escape HTML). Los datos nunca son YAML: cada valor de una clave pasa por el
  filtro `yaml` (`escape.yaml`, que lo cita cuando hace falta para que se lea tal
  cual) y todo lo que se imprime pasa al final por `escape.comentario_yaml`, que
  quita saltos de línea y caracteres de control: un texto en un comentario no puede
  terminar la línea y empezar una clave.
- `abrir` / `volcar`: ida y vuelta con ruamel.yaml (comentarios, comillas,
  orden y sangrías se conservan; los archivos de `datos/` vuelven byte a byte).
"""

from __future__ import annotations

import io

import jinja2
from ruamel.yaml import YAML

from .. import escape
from .. import recursos

_ENTORNO = jinja2.Environment(loader=jinja2.FileSystemLoader(str(recursos.plantillas() / "yaml")), autoescape=False,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined, finalize=escape.comentario_yaml)
_ENTORNO.filters["yaml"] = escape.yaml
_ENTORNO.filters["comentario"] = escape.comentario_yaml


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
