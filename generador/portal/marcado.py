"""Escribir datos de usuarios dentro de Markdown sin que se interpreten.

Todo dato va escapado: en bloques HTML (tablas) con `html.escape`; en texto
Markdown además se anteponen barras a los signos de Markdown. Así un nombre con
`<script>`, `](javascript:` o `|` se ve como texto y no crea etiquetas, enlaces
ni columnas.
"""

from __future__ import annotations

import html
import re

_SIGNOS_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def h(valor) -> str:
    """Texto seguro para HTML."""
    return html.escape("" if valor is None else str(valor), quote=True)


def md(valor) -> str:
    """Texto seguro para una línea de Markdown (título o párrafo)."""
    return _SIGNOS_MARKDOWN.sub(r"\\\1", h(valor))


def tabla(cabeceras: list[str], filas: list[list], clase: str) -> str:
    """Una tabla HTML en un solo bloque (sin líneas en blanco, para que Markdown no la toque).

    La clase va en un `div` que la envuelve: Material da estilo solo a las tablas sin clase.
    """
    partes = [f'<div class="tabla {h(clase)}">', "<table>",
              "<thead><tr>" + "".join(f"<th>{h(c)}</th>" for c in cabeceras) + "</tr></thead>", "<tbody>"]
    for fila in filas:
        partes.append("<tr>" + "".join(f"<td>{h(c)}</td>" for c in fila) + "</tr>")
    partes.append("</tbody></table></div>")
    return "\n".join(partes)


def bloque(html_crudo: str) -> str:
    """Un bloque HTML separado por líneas en blanco y sin líneas vacías dentro."""
    return "\n\n" + "\n".join(linea for linea in html_crudo.splitlines() if linea.strip()) + "\n\n"
