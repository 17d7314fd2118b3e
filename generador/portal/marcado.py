"""Bloques HTML dentro de las páginas Markdown del portal, con cada dato escapado.

Los datos se escapan con las funciones de `generador.escape`: en bloques HTML
(tablas) con `escape.html`; en texto Markdown con `escape.markdown`, que además
antepone barras a los signos de Markdown. Así un nombre con `<script>`,
`](javascript:` o `|` se ve como texto y no crea etiquetas, enlaces ni columnas.
"""

from __future__ import annotations

import json
import re

from .. import escape
from ..anexos import formato
from ..repositorio import Ciclo, como_fecha


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


def cabecera(ciclo: Ciclo, titulo: str) -> str:
    """El título nombra el ciclo: en la búsqueda, las páginas de cada ciclo se distinguen por él."""
    md = escape.markdown
    return f"# {md(titulo)} — {md(ciclo.nombre)}\n\nDel {formato.fecha(ciclo.inicio)} al {formato.fecha(ciclo.fin)}.\n"


def etapas(ciclo: Ciclo, nombres: dict[str, str], descripciones: dict[str, str]) -> str:
    """Las etapas del cronograma con sus fechas, en HTML crudo; `sitio/recursos/portal.js` resalta la de hoy y el
    próximo plazo (de las actividades). `nombres` y `descripciones`: cómo se llama y qué es cada etapa del modelo."""
    h = escape.html
    lista = [e for e in ciclo.lista("cronograma") if isinstance(e, dict)]
    actividades = sorted(({"actividad": a["actividad"], "fin": como_fecha(a["fin"]).isoformat()}
                          for e in lista for a in e.get("actividades") or []), key=lambda a: a["fin"])
    lineas = [f'<div class="etapas" data-ciclo="{h(ciclo.nombre)}" data-inicio="{ciclo.inicio.isoformat()}" '
              f'data-fin="{ciclo.fin.isoformat()}" data-actividades="{h(json.dumps(actividades, ensure_ascii=False))}">',
              '<p class="etapa-hoy" id="etapa-hoy">Etapas del ciclo según el cronograma aprobado:</p>',
              '<ol class="etapas-lista">']
    for etapa in lista:
        clave = etapa["etapa"]
        lineas.append(f'<li data-inicio="{como_fecha(etapa["inicio"]).isoformat()}" '
                      f'data-fin="{como_fecha(etapa["fin"]).isoformat()}"><strong>{h(nombres.get(clave, clave))}</strong> '
                      f'<span class="fechas">del {formato.fecha(etapa["inicio"])} al {formato.fecha(etapa["fin"])}</span>'
                      f'<br> {h(descripciones.get(clave, ""))}</li>')  # el espacio: la búsqueda no pega fecha y texto
    lineas += ["</ol>", "</div>"]
    return "\n".join(lineas)
