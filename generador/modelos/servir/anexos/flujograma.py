"""Anexo N° 7: flujograma de la evaluación del desempeño, dibujado en SVG a partir
del cronograma del ciclo (columnas = etapas, carriles = responsables), para que
coincida siempre con él.

El mismo dibujo sirve al PDF y al portal, con dos juegos de medidas: `IMPRESO`
(el del PDF, por omisión) y `PANTALLA`, más angosto y con letra más grande, que se
lee sin acercar en la columna de una página del portal.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from ....escape import svg as svg_texto
from ....informe.graficos import FUENTE
from ....repositorio import Ciclo, como_fecha
from ....anexos import formato
from .. import nombres as legibles



@dataclass(frozen=True)
class Disposicion:
    """Medidas del dibujo, en unidades del viewBox (enteras las que se escriben sin decimales)."""

    ancho: int = 1100
    margen_izq: int = 130              # la columna de los carriles (responsables)
    cabecera: int = 58                 # alto de la fila de las etapas, con su separación
    separacion: int = 12               # entre cajas y alrededor de ellas
    letra: float = 10.5                # texto de las cajas
    primera_linea: int = 15            # de la base de la primera línea al borde de la caja
    interlinea: int = 13
    lineas_caja: int = 4               # como máximo; la última se corta con «…»
    alto_caja: int | None = 62         # None: el que pida la caja con más líneas
    ancho_caracter: float = 6.2        # ancho medio de un carácter, para cortar las líneas
    letra_etapa: float = 13
    caracteres_etapa: int | None = None  # None: el nombre de la etapa en una sola línea
    interlinea_etapa: int = 18
    letra_fechas: float = 11
    letra_carril: float = 12
    interlinea_carril: int = 14
    caracteres_carril: int = 16
    centrar_carril: bool = False       # el nombre del carril centrado aunque tenga una sola línea
    letra_pie: float = 10
    ampliacion: float = 1              # ancho y alto con que se abre el SVG solo (viewBox × ampliación)


IMPRESO = Disposicion()
PANTALLA = Disposicion(ancho=1000, margen_izq=120, cabecera=80, letra=14, primera_linea=20, interlinea=18,
                       lineas_caja=6, alto_caja=None, ancho_caracter=7.2, letra_etapa=15, caracteres_etapa=18,
                       interlinea_etapa=19, letra_fechas=14, letra_carril=14, interlinea_carril=17,
                       caracteres_carril=12, centrar_carril=True, letra_pie=14, ampliacion=1.25)


def _actores(responsable: str) -> list[str]:
    partes = [p.strip() for p in re.split(r",| y ", responsable or "") if p.strip()]
    return [p[0].upper() + p[1:] for p in partes] or ["Sin responsable"]


def _lineas(texto: str, ancho_caracteres: int, maximo: int = 4) -> list[str]:
    lineas = textwrap.wrap(texto, ancho_caracteres) or [""]
    if len(lineas) > maximo:
        lineas = lineas[:maximo]
        lineas[-1] = lineas[-1][: ancho_caracteres - 1] + "…"
    return lineas


def _conector(x1: float, y1: float, w1: float, x2: float, y2: float, w2: float, alto_caja: int) -> str:
    """Flecha en ángulo recto de una caja a la siguiente, por el espacio entre columnas."""
    if abs(x1 - x2) < 1:  # misma columna: vertical, del borde de una caja al de la otra
        centro = x1 + w1 / 2
        if y2 > y1:
            return f"M{centro:.1f},{y1 + alto_caja} V{y2}"
        # hacia arriba: por el margen izquierdo de la columna, sin cruzar las cajas intermedias
        return f"M{x1:.1f},{y1 + alto_caja / 2:.1f} H{x1 - 7:.1f} V{y2 + alto_caja / 2:.1f} H{x2:.1f}"
    medio_y1, medio_y2 = y1 + alto_caja / 2, y2 + alto_caja / 2
    pasillo = x1 + w1 + 10  # la línea entre columnas: las cajas dejan 10 de margen a cada lado
    return f"M{x1 + w1:.1f},{medio_y1:.1f} H{pasillo:.1f} V{medio_y2:.1f} H{x2:.1f}"


def _medida(valor: float) -> str:
    """Un ancho o alto del SVG: entero si lo es (así se escribía siempre)."""
    return str(valor) if isinstance(valor, int) else f"{valor:.0f}"


def svg(ciclo: Ciclo, disposicion: Disposicion = IMPRESO) -> str:
    """El flujograma del ciclo como texto SVG (vacío si el ciclo no tiene cronograma)."""
    d = disposicion
    orden = ciclo.politica.etapas.valor
    etapas = sorted(ciclo.lista("cronograma"), key=lambda e: orden.index(e["etapa"]) if e["etapa"] in orden else 99)
    if not etapas:
        return ""
    actividades = []
    carriles: list[str] = []
    for columna, etapa in enumerate(etapas):
        for actividad in etapa.get("actividades") or []:
            actores = _actores(actividad.get("responsable", ""))
            for actor in actores:
                if actor not in carriles:
                    carriles.append(actor)
            actividades.append((como_fecha(actividad["inicio"]), columna, actores, actividad))
    actividades.sort(key=lambda a: (a[0], a[1]))

    ancho_columna = (d.ancho - d.margen_izq) / len(etapas)
    caracteres = max(12, int((ancho_columna - 24) / d.ancho_caracter))
    textos = []
    for numero, (_, _, actores, actividad) in enumerate(actividades, 1):
        texto = f"{numero}. {actividad['actividad']}"
        if len(actores) > 1:
            texto += f" (con {', '.join(a.lower() for a in actores[1:])})"
        textos.append(_lineas(texto, caracteres, d.lineas_caja))
    alto_caja = d.alto_caja
    if alto_caja is None:
        alto_caja = d.primera_linea + (max(map(len, textos), default=1) - 1) * d.interlinea + d.separacion
    # Cuántas cajas caen en cada carril y columna: el carril crece para que no se encimen.
    pilas: dict[tuple[int, int], int] = {}
    for _, columna, actores, _ in actividades:
        clave = (carriles.index(actores[0]), columna)
        pilas[clave] = pilas.get(clave, 0) + 1
    alto_carril = [max([pilas.get((i, c), 0) for c in range(len(etapas))] + [1]) * (alto_caja + d.separacion) + d.separacion
                   for i in range(len(carriles))]
    y_carril = [d.cabecera + sum(alto_carril[:i]) for i in range(len(carriles))]
    alto = d.cabecera + sum(alto_carril) + 30
    ancho_visible = d.ancho if d.ampliacion == 1 else d.ancho * d.ampliacion
    alto_visible = alto if d.ampliacion == 1 else alto * d.ampliacion

    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.ancho} {alto}" width="{_medida(ancho_visible)}" '
        f'height="{_medida(alto_visible)}" font-family="{FUENTE}" role="img" aria-label="Flujograma de la evaluación del desempeño">',
        '<defs><marker id="flecha" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    ]
    nombres = [_lineas(legibles.ETAPAS.get(e["etapa"], e["etapa"]), d.caracteres_etapa, 2) if d.caracteres_etapa
               else [legibles.ETAPAS.get(e["etapa"], e["etapa"])] for e in etapas]
    y_fechas = 22 + max(map(len, nombres)) * d.interlinea_etapa
    for columna, etapa in enumerate(etapas):
        x = d.margen_izq + columna * ancho_columna
        partes.append(f'<rect x="{x:.1f}" y="0" width="{ancho_columna:.1f}" height="{d.cabecera - 6}" fill="#bfbfbf" stroke="#000"/>')
        for j, linea in enumerate(nombres[columna]):
            partes.append(f'<text x="{x + ancho_columna / 2:.1f}" y="{22 + j * d.interlinea_etapa}" font-size="{d.letra_etapa}" '
                          f'font-weight="bold" text-anchor="middle">{svg_texto(linea)}</text>')
        partes.append(f'<text x="{x + ancho_columna / 2:.1f}" y="{y_fechas}" font-size="{d.letra_fechas}" text-anchor="middle">'
                      f'{formato.fecha(etapa["inicio"])} – {formato.fecha(etapa["fin"])}</text>')
    for i, carril in enumerate(carriles):
        y = y_carril[i]
        relleno = "#f7f7f7" if i % 2 == 0 else "#ffffff"
        partes.append(f'<rect x="0" y="{y}" width="{d.ancho}" height="{alto_carril[i]}" fill="{relleno}" stroke="#000" stroke-width="0.6"/>')
        lineas = _lineas(carril, d.caracteres_carril)
        medio = (len(lineas) - 1) / 2 if d.centrar_carril else 0.5
        ajuste = round(d.letra_carril * 0.35) if d.centrar_carril else 4  # de la base de la línea a su centro
        for j, linea in enumerate(lineas):
            partes.append(f'<text x="10" y="{y + alto_carril[i] / 2 + ajuste + (j - medio) * d.interlinea_carril:.1f}" '
                          f'font-size="{d.letra_carril}" font-weight="bold">{svg_texto(linea)}</text>')
    for columna in range(1, len(etapas)):
        x = d.margen_izq + columna * ancho_columna
        partes.append(f'<line x1="{x:.1f}" y1="{d.cabecera - 6}" x2="{x:.1f}" y2="{alto - 30}" stroke="#999" stroke-dasharray="4 3"/>')

    ocupadas: dict[tuple[int, int], int] = {}
    centros = []
    for (_, columna, actores, _), lineas in zip(actividades, textos):
        carril = carriles.index(actores[0])
        pila = ocupadas.get((carril, columna), 0)
        ocupadas[(carril, columna)] = pila + 1
        x = d.margen_izq + columna * ancho_columna + 10
        y = y_carril[carril] + d.separacion + pila * (alto_caja + d.separacion)
        w = ancho_columna - 20
        partes.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{alto_caja}" rx="6" fill="#fff" stroke="#000"/>')
        for j, linea in enumerate(lineas):
            partes.append(f'<text x="{x + 6:.1f}" y="{y + d.primera_linea + j * d.interlinea}" font-size="{d.letra}">'
                          f'{svg_texto(linea)}</text>')
        centros.append((x, y, w))
    for (x1, y1, w1), (x2, y2, w2) in zip(centros, centros[1:]):
        partes.append(f'<path d="{_conector(x1, y1, w1, x2, y2, w2, alto_caja)}" fill="none" stroke="#333" stroke-width="1.2" '
                      'marker-end="url(#flecha)"/>')
    partes.append(f'<text x="{d.ancho / 2}" y="{alto - 10}" font-size="{d.letra_pie}" text-anchor="middle">'
                  f'Actividades numeradas en orden de inicio según el cronograma aprobado ({svg_texto(str(ciclo.datos.get("resolucion") or ""))}).</text>')
    partes.append("</svg>")
    return "\n".join(partes)
