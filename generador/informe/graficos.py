"""Gráficos del informe como SVG (texto), dibujados aquí: sin bibliotecas de gráficos ni red.

Cada barra lleva su cifra escrita al lado (el gráfico se lee también impreso en
blanco y negro) y los colores distinguen bien entre sí para quien no distingue
rojo y verde (paleta de Okabe e Ito).
"""

from __future__ import annotations

from ..escape import svg as svg_texto

# Okabe–Ito: distinguibles con daltonismo.
COLORES = ("#0072B2", "#009E73", "#E69F00", "#D55E00", "#999999", "#CC79A7", "#56B4E9", "#F0E442")
TINTA, REJILLA = "#222222", "#CCCCCC"

FUENTE = "Formato, Liberation Sans, Arial, sans-serif"  # la letra de todos los dibujos SVG (informe, flujograma)


def _svg(ancho: float, alto: float, titulo: str, partes: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho:.0f} {alto:.0f}" width="{ancho:.0f}" '
            f'height="{alto:.0f}" font-family="{FUENTE}" role="img" aria-label="{svg_texto(titulo)}">'
            f'<title>{svg_texto(titulo)}</title>' + "".join(partes) + "</svg>")


def _texto(x: float, y: float, contenido: str, tam: float = 11, ancla: str = "start", negrita: bool = False,
           color: str = TINTA) -> str:
    peso = ' font-weight="bold"' if negrita else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{tam}" text-anchor="{ancla}" fill="{color}"{peso}>'
            f'{svg_texto(contenido)}</text>')


def avance(filas: list[tuple[str, int, int]], titulo: str, ancho: float = 640) -> str:
    """Barras horizontales de «hechos de total» por etapa, con la cifra y el porcentaje."""
    izquierda, alto_fila = 250, 26
    util = ancho - izquierda - 90
    partes = []
    for i, (etiqueta, hechos, total) in enumerate(filas):
        y = 8 + i * alto_fila
        partes.append(_texto(izquierda - 8, y + 14, etiqueta, ancla="end"))
        partes.append(f'<rect x="{izquierda}" y="{y + 2}" width="{util:.1f}" height="16" fill="#EEEEEE"/>')
        largo = util * hechos / total if total else 0
        partes.append(f'<rect x="{izquierda}" y="{y + 2}" width="{largo:.1f}" height="16" fill="{COLORES[0]}"/>')
        porcentaje = f"{round(100 * hechos / total)} %" if total else "—"
        partes.append(_texto(izquierda + util + 6, y + 14, f"{hechos} de {total} ({porcentaje})", tam=10))
    return _svg(ancho, 16 + len(filas) * alto_fila, titulo, partes)


def histograma(cuentas: list[tuple[str, int]], titulo: str, ancho: float = 640, alto: float = 220,
               eje: str = "") -> str:
    """Columnas verticales con la cantidad encima de cada una."""
    abajo, arriba, izquierda = 40, 18, 36
    util_alto, util_ancho = alto - abajo - arriba, ancho - izquierda - 10
    maximo = max((n for _, n in cuentas), default=0) or 1
    paso = util_ancho / max(len(cuentas), 1)
    partes = [f'<line x1="{izquierda}" y1="{alto - abajo}" x2="{ancho - 10}" y2="{alto - abajo}" stroke="{TINTA}"/>']
    for i, (etiqueta, n) in enumerate(cuentas):
        x = izquierda + i * paso
        largo = util_alto * n / maximo
        partes.append(f'<rect x="{x + paso * 0.12:.1f}" y="{alto - abajo - largo:.1f}" width="{paso * 0.76:.1f}" '
                      f'height="{largo:.1f}" fill="{COLORES[0]}"/>')
        partes.append(_texto(x + paso / 2, alto - abajo - largo - 4, str(n), tam=10, ancla="middle", negrita=True))
        partes.append(_texto(x + paso / 2, alto - abajo + 14, etiqueta, tam=9.5, ancla="middle"))
    if eje:
        partes.append(_texto(izquierda + util_ancho / 2, alto - 6, eje, tam=10, ancla="middle"))
    return _svg(ancho, alto, titulo, partes)


def apiladas(categorias: list[tuple[str, dict[str, int]]], series: list[str], titulo: str, ancho: float = 640) -> str:
    """Una barra horizontal por categoría, partida por serie (en %), con la cantidad en cada tramo."""
    izquierda, alto_fila, leyenda = 190, 26, 22
    util = ancho - izquierda - 50
    partes = []
    x = 0.0
    for k, serie in enumerate(series):  # leyenda arriba
        partes.append(f'<rect x="{x:.1f}" y="4" width="11" height="11" fill="{COLORES[k % len(COLORES)]}"/>')
        partes.append(_texto(x + 15, 14, serie, tam=9.5))
        x += 24 + 5.6 * len(serie)
    for i, (etiqueta, cuentas) in enumerate(categorias):
        y = leyenda + 8 + i * alto_fila
        total = sum(cuentas.values())
        partes.append(_texto(izquierda - 8, y + 14, etiqueta, ancla="end"))
        inicio = float(izquierda)
        for k, serie in enumerate(series):
            n = cuentas.get(serie, 0)
            if not n:
                continue
            largo = util * n / total
            partes.append(f'<rect x="{inicio:.1f}" y="{y + 2}" width="{largo:.1f}" height="16" '
                          f'fill="{COLORES[k % len(COLORES)]}" stroke="#FFFFFF" stroke-width="0.8"/>')
            if largo >= 14:
                partes.append(_texto(inicio + largo / 2, y + 14, str(n), tam=9.5, ancla="middle", color="#FFFFFF",
                                     negrita=True))
            inicio += largo
        partes.append(_texto(izquierda + util + 6, y + 14, f"n = {total}", tam=9.5))
    return _svg(ancho, leyenda + 16 + len(categorias) * alto_fila, titulo, partes)


def porcentajes(filas: list[tuple[str, float]], titulo: str, ancho: float = 640, maximo: float = 100) -> str:
    """Barras horizontales de un porcentaje (0 a `maximo`) con la cifra al final de cada una."""
    izquierda, alto_fila = 230, 24
    util = ancho - izquierda - 60
    partes = []
    for i, (etiqueta, valor) in enumerate(filas):
        y = 6 + i * alto_fila
        partes.append(_texto(izquierda - 8, y + 13, etiqueta, ancla="end"))
        partes.append(f'<rect x="{izquierda}" y="{y + 2}" width="{util:.1f}" height="15" fill="#EEEEEE"/>')
        partes.append(f'<rect x="{izquierda}" y="{y + 2}" width="{util * float(valor) / maximo:.1f}" height="15" '
                      f'fill="{COLORES[0]}"/>')
        partes.append(_texto(izquierda + util + 6, y + 13, f"{valor} %", tam=10))
    return _svg(ancho, 12 + len(filas) * alto_fila, titulo, partes)


def pares(categorias: list[tuple[str, float, float]], titulo: str, nombres: tuple[str, str], ancho: float = 640,
          alto: float = 200) -> str:
    """Columnas en pares (observado, esperado) por categoría, con la cifra encima de cada una."""
    abajo, arriba, izquierda = 34, 30, 10
    util_alto, util_ancho = alto - abajo - arriba, ancho - izquierda - 10
    maximo = max([max(a, b) for _, a, b in categorias] + [1])
    paso = util_ancho / max(len(categorias), 1)
    partes = [f'<line x1="{izquierda}" y1="{alto - abajo}" x2="{ancho - 10}" y2="{alto - abajo}" stroke="{TINTA}"/>']
    for k, nombre in enumerate(nombres):  # leyenda
        partes.append(f'<rect x="{izquierda + k * 150}" y="4" width="11" height="11" fill="{COLORES[k * 2]}"/>')
        partes.append(_texto(izquierda + k * 150 + 15, 14, nombre, tam=9.5))
    for i, (etiqueta, observado, esperado) in enumerate(categorias):
        x = izquierda + i * paso
        for k, valor in enumerate((observado, esperado)):
            largo = util_alto * float(valor) / float(maximo)
            xk = x + paso * (0.14 + 0.36 * k)
            partes.append(f'<rect x="{xk:.1f}" y="{alto - abajo - largo:.1f}" width="{paso * 0.34:.1f}" '
                          f'height="{largo:.1f}" fill="{COLORES[k * 2]}"/>')
            partes.append(_texto(xk + paso * 0.17, alto - abajo - largo - 3, f"{valor:g}" if isinstance(valor, float)
                                 else str(valor), tam=9, ancla="middle"))
        partes.append(_texto(x + paso / 2, alto - abajo + 14, etiqueta, tam=9.5, ancla="middle"))
    return _svg(ancho, alto, titulo, partes)
