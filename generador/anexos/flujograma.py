"""Anexo N° 7: flujograma de la evaluación del desempeño, dibujado en SVG a partir
del cronograma del ciclo (columnas = etapas, carriles = responsables), para que
coincida siempre con él. El mismo SVG sirve al PDF y al portal.
"""

from __future__ import annotations

import re
import textwrap

from ..escape import svg as svg_texto
from ..repositorio import Ciclo, como_fecha
from . import formato

ANCHO = 1100
MARGEN_IZQ = 130
CABECERA = 58
ALTO_CAJA = 62
SEPARACION = 12
FUENTE = "Formato, Liberation Sans, Arial, sans-serif"


def _actores(responsable: str) -> list[str]:
    partes = [p.strip() for p in re.split(r",| y ", responsable or "") if p.strip()]
    return [p[0].upper() + p[1:] for p in partes] or ["Sin responsable"]


def _lineas(texto: str, ancho_caracteres: int) -> list[str]:
    lineas = textwrap.wrap(texto, ancho_caracteres) or [""]
    if len(lineas) > 4:
        lineas = lineas[:4]
        lineas[-1] = lineas[-1][: ancho_caracteres - 1] + "…"
    return lineas


def _conector(x1: float, y1: float, w1: float, x2: float, y2: float, w2: float) -> str:
    """Flecha en ángulo recto de una caja a la siguiente, por el espacio entre columnas."""
    if abs(x1 - x2) < 1:  # misma columna: vertical, del borde de una caja al de la otra
        centro = x1 + w1 / 2
        if y2 > y1:
            return f"M{centro:.1f},{y1 + ALTO_CAJA} V{y2}"
        # hacia arriba: por el margen izquierdo de la columna, sin cruzar las cajas intermedias
        return f"M{x1:.1f},{y1 + ALTO_CAJA / 2:.1f} H{x1 - 7:.1f} V{y2 + ALTO_CAJA / 2:.1f} H{x2:.1f}"
    medio_y1, medio_y2 = y1 + ALTO_CAJA / 2, y2 + ALTO_CAJA / 2
    pasillo = x1 + w1 + 10  # la línea entre columnas: las cajas dejan 10 de margen a cada lado
    return f"M{x1 + w1:.1f},{medio_y1:.1f} H{pasillo:.1f} V{medio_y2:.1f} H{x2:.1f}"


def svg(ciclo: Ciclo) -> str:
    """El flujograma del ciclo como texto SVG (vacío si el ciclo no tiene cronograma)."""
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

    ancho_columna = (ANCHO - MARGEN_IZQ) / len(etapas)
    # Cuántas cajas caen en cada carril y columna: el carril crece para que no se encimen.
    pilas: dict[tuple[int, int], int] = {}
    for _, columna, actores, _ in actividades:
        clave = (carriles.index(actores[0]), columna)
        pilas[clave] = pilas.get(clave, 0) + 1
    alto_carril = [max([pilas.get((i, c), 0) for c in range(len(etapas))] + [1]) * (ALTO_CAJA + SEPARACION) + SEPARACION
                   for i in range(len(carriles))]
    y_carril = [CABECERA + sum(alto_carril[:i]) for i in range(len(carriles))]
    alto = CABECERA + sum(alto_carril) + 30

    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ANCHO} {alto}" width="{ANCHO}" height="{alto}" '
        f'font-family="{FUENTE}" role="img" aria-label="Flujograma de la evaluación del desempeño">',
        '<defs><marker id="flecha" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    ]
    for columna, etapa in enumerate(etapas):
        x = MARGEN_IZQ + columna * ancho_columna
        partes.append(f'<rect x="{x:.1f}" y="0" width="{ancho_columna:.1f}" height="{CABECERA - 6}" fill="#bfbfbf" stroke="#000"/>')
        partes.append(f'<text x="{x + ancho_columna / 2:.1f}" y="22" font-size="13" font-weight="bold" text-anchor="middle">'
                      f'{svg_texto(formato.ETAPAS.get(etapa["etapa"], etapa["etapa"]))}</text>')
        partes.append(f'<text x="{x + ancho_columna / 2:.1f}" y="40" font-size="11" text-anchor="middle">'
                      f'{formato.fecha(etapa["inicio"])} – {formato.fecha(etapa["fin"])}</text>')
    for i, carril in enumerate(carriles):
        y = y_carril[i]
        relleno = "#f7f7f7" if i % 2 == 0 else "#ffffff"
        partes.append(f'<rect x="0" y="{y}" width="{ANCHO}" height="{alto_carril[i]}" fill="{relleno}" stroke="#000" stroke-width="0.6"/>')
        for j, linea in enumerate(_lineas(carril, 16)):
            partes.append(f'<text x="10" y="{y + alto_carril[i] / 2 + 4 + (j - 0.5) * 14:.1f}" font-size="12" font-weight="bold">{svg_texto(linea)}</text>')
    for columna in range(1, len(etapas)):
        x = MARGEN_IZQ + columna * ancho_columna
        partes.append(f'<line x1="{x:.1f}" y1="{CABECERA - 6}" x2="{x:.1f}" y2="{alto - 30}" stroke="#999" stroke-dasharray="4 3"/>')

    ocupadas: dict[tuple[int, int], int] = {}
    centros = []
    caracteres = max(12, int((ancho_columna - 24) / 6.2))
    for numero, (_, columna, actores, actividad) in enumerate(actividades, 1):
        carril = carriles.index(actores[0])
        pila = ocupadas.get((carril, columna), 0)
        ocupadas[(carril, columna)] = pila + 1
        x = MARGEN_IZQ + columna * ancho_columna + 10
        y = y_carril[carril] + SEPARACION + pila * (ALTO_CAJA + SEPARACION)
        w = ancho_columna - 20
        texto = f"{numero}. {actividad['actividad']}"
        if len(actores) > 1:
            texto += f" (con {', '.join(a.lower() for a in actores[1:])})"
        partes.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ALTO_CAJA}" rx="6" fill="#fff" stroke="#000"/>')
        for j, linea in enumerate(_lineas(texto, caracteres)):
            partes.append(f'<text x="{x + 6:.1f}" y="{y + 15 + j * 13}" font-size="10.5">{svg_texto(linea)}</text>')
        centros.append((x, y, w))
    for (x1, y1, w1), (x2, y2, w2) in zip(centros, centros[1:]):
        partes.append(f'<path d="{_conector(x1, y1, w1, x2, y2, w2)}" fill="none" stroke="#333" stroke-width="1.2" '
                      'marker-end="url(#flecha)"/>')
    partes.append(f'<text x="{ANCHO / 2}" y="{alto - 10}" font-size="10" text-anchor="middle">'
                  f'Actividades numeradas en orden de inicio según el cronograma aprobado ({svg_texto(str(ciclo.datos.get("resolucion") or ""))}).</text>')
    partes.append("</svg>")
    return "\n".join(partes)
