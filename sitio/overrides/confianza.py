"""Gancho de MkDocs del portal (`hooks:` en mkdocs.yml): los datos nunca son código.

- El nombre del portal (`site_name`, que lleva las siglas de la entidad) se escapa como HTML con
  `generador.escape.html` y queda marcado como seguro: Material lo inserta en `<title>`, en la cabecera,
  en el menú y en `aria-label`, unas veces con `| e` y otras sin escapar; así se ve como texto en todas.
- La política de seguridad de contenidos de `overrides/main.html` admite, además de los archivos del
  sitio, solo los scripts en línea que el propio tema escribe en cada página: aquí se calcula el resumen
  SHA-256 de cada uno, ya renderizado, y se pone en la política. Solo cuentan los scripts fuera del
  contenido de la página (`<article>…</article>`, donde van los textos de los datos): un script que los
  datos lograran meter ahí no tendría resumen y el navegador no lo ejecutaría.
"""

from __future__ import annotations

import base64
import hashlib
import re

from markupsafe import Markup

from generador import escape

PENDIENTE = "'sha256-PENDIENTE'"
_SCRIPT_EN_LINEA = re.compile(r"<script(?![^>]*\bsrc=)(?P<atributos>[^>]*)>(?P<codigo>.*?)</script>", re.S)


_CONTENIDO = re.compile(r"<article\b.*</article>", re.S)


def _sin_contenido(html: str) -> str:
    """La página sin su contenido: del primer `<article` al último `</article>`."""
    return _CONTENIDO.sub("", html)


def on_config(config):
    if not isinstance(config.site_name, Markup):
        config.site_name = Markup(escape.html(config.site_name))
    return config


def _con_resumenes(html: str) -> str:
    if PENDIENTE not in html:
        return html
    resumenes = []
    for script in _SCRIPT_EN_LINEA.finditer(_sin_contenido(html)):
        if "application/json" in script["atributos"]:  # datos (__config), no se ejecutan
            continue
        resumen = base64.b64encode(hashlib.sha256(script["codigo"].encode("utf-8")).digest()).decode()
        if f"'sha256-{resumen}'" not in resumenes:
            resumenes.append(f"'sha256-{resumen}'")
    return html.replace(PENDIENTE, " ".join(resumenes) or "'none'", 1)


def on_post_page(output, page, config):
    return _con_resumenes(output)


def on_post_template(output_content, template_name, config):
    return _con_resumenes(output_content)
