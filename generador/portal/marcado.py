"""Bloques HTML dentro de las páginas Markdown del portal, con cada dato escapado.

Los datos se escapan con las funciones de `generador.escape`: en bloques HTML
(tablas) con `escape.html`; en texto Markdown con `escape.markdown`, que además
antepone barras a los signos de Markdown. Así un nombre con `<script>`,
`](javascript:` o `|` se ve como texto y no crea etiquetas, enlaces ni columnas.
"""

from __future__ import annotations

import re

from .. import escape
from ..repositorio import Ciclo


def tabla(cabeceras: list[str], filas: list[list], clase: str) -> str:
    """Una tabla HTML en un solo bloque (sin líneas en blanco, para que Markdown no la toque).

    La clase va en un `div` que la envuelve: Material da estilo solo a las tablas sin clase. La búsqueda
    del sitio toma el texto tal cual: el espacio entre celdas evita que junte «Castillo Neyra, LuisPersonal
    ejecutor…», y la fila de títulos, igual en todas las tablas, queda fuera del índice.
    """
    h = escape.html
    partes = [f'<div class="tabla {h(clase)}">', "<table>",
              "<thead data-search-exclude><tr>" + " ".join(f"<th>{h(c)}</th>" for c in cabeceras) + "</tr></thead>",
              "<tbody>"]
    for fila in filas:
        partes.append("<tr>" + " ".join(f"<td>{h(c)}</td>" for c in fila) + "</tr>")
    partes.append("</tbody></table></div>")
    return "\n".join(partes)


def bloque(html_crudo: str) -> str:
    """Un bloque HTML separado por líneas en blanco y sin líneas vacías dentro."""
    return "\n\n" + "\n".join(linea for linea in html_crudo.splitlines() if linea.strip()) + "\n\n"


def etiqueta_menu(ciclo: Ciclo) -> str:
    """«Ciclo 2025»: el año que dice el nombre del ciclo (o el de su inicio).

    Nunca «Ciclo vigente»: el sitio es el mismo byte a byte para los mismos datos, así que no puede saber
    la fecha en que se lee; la página de inicio dice, con la fecha del navegador, si está en curso o concluyó."""
    anio = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", ciclo.nombre)
    return f"Ciclo {anio.group(0) if anio else ciclo.inicio.year}"
