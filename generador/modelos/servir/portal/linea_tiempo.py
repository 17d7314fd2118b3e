"""Línea de tiempo del cronograma en SVG: una barra por etapa y por actividad sobre los meses del ciclo."""

from __future__ import annotations

import datetime as dt
import textwrap

from ....anexos import formato
from ....escape import svg as svg_texto
from ....repositorio import Ciclo, como_fecha
from .. import nombres as legibles

ANCHO, IZQUIERDA, FILA = 1000, 380, 30
COLORES = {"planificacion": "#5c6bc0", "establecimiento_metas": "#26a69a", "seguimiento": "#ffa726",
           "evaluacion": "#ef5350", "retroalimentacion": "#8d6e63"}


def svg(ciclo: Ciclo) -> str:
    inicio, fin = ciclo.inicio, ciclo.fin
    dias = max((fin - inicio).days + 1, 1)
    escala = (ANCHO - IZQUIERDA - 10) / dias

    def x(fecha: dt.date) -> float:
        return IZQUIERDA + (fecha - inicio).days * escala

    filas = []
    for etapa in ciclo.lista("cronograma"):
        filas.append((True, legibles.ETAPAS.get(etapa["etapa"], etapa["etapa"]), etapa, etapa["etapa"]))
        filas += [(False, a["actividad"], a, etapa["etapa"]) for a in etapa.get("actividades") or []]
    alto = 30 + len(filas) * FILA + 10
    partes = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ANCHO} {alto}" class="linea-tiempo" role="img" '
              f'aria-label="Línea de tiempo del cronograma" font-family="sans-serif">']
    mes = dt.date(inicio.year, inicio.month, 1)
    while mes <= fin:
        xm = max(x(mes), IZQUIERDA)
        partes.append(f'<line x1="{xm:.1f}" y1="18" x2="{xm:.1f}" y2="{alto - 10}" stroke="#ccc"/>')
        partes.append(f'<text x="{xm + 3:.1f}" y="14" font-size="13" fill="#555">{formato.MESES[mes.month - 1][:3]} {mes.year % 100:02d}</text>')
        mes = dt.date(mes.year + (mes.month == 12), mes.month % 12 + 1, 1)
    for i, (es_etapa, nombre, fechas, clave) in enumerate(filas):
        y = 30 + i * FILA
        desde, hasta = como_fecha(fechas["inicio"]), como_fecha(fechas["fin"])
        etiqueta = textwrap.shorten(nombre, 42, placeholder="…")
        peso = ' font-weight="bold"' if es_etapa else ""
        sangria = 4 if es_etapa else 16
        partes.append(f'<text x="{sangria}" y="{y + 18}" font-size="15"{peso}>{svg_texto(etiqueta)}</text>')
        ancho = max((hasta - desde).days + 1, 1) * escala
        opacidad = "1" if es_etapa else "0.55"
        partes.append(f'<rect x="{x(desde):.1f}" y="{y + 3}" width="{ancho:.1f}" height="{FILA - 8}" rx="3" '
                      f'fill="{COLORES.get(clave, "#777")}" fill-opacity="{opacidad}">'
                      f'<title>{svg_texto(nombre)}: {formato.fecha(desde)} – {formato.fecha(hasta)}</title></rect>')
    partes.append("</svg>")
    return "\n".join(partes)
