"""Dibuja los planos de las hojas en un libro .xlsx con openpyxl: estilos, celdas combinadas, altos, celdas
desbloqueadas con su validación (listas A–E y 1–4), hojas protegidas sin contraseña y página A4.

Cada dato pasa por `escape.xlsx` (un texto nunca es una fórmula); solo las `Formula` del propio formato se
escriben como fórmulas. Los mismos datos dan los mismos bytes: la fecha del libro es la de los datos y el
ZIP se reescribe con ella (`flujo.libro.bytes_del_libro`).
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation

from .... import escape
from ....flujo.libro import bytes_del_libro, libro_vacio
from .ficha import Ficha
from .plano import Celda, Formula, Hoja

LETRA = "Arial"
_FINA = Side(style="thin", color="808080")
_BORDE = Border(left=_FINA, right=_FINA, top=_FINA, bottom=_FINA)
_FIRMA = Border(top=Side(style="thin", color="000000"))
_GRIS, _CLARO, _AMARILLO = (PatternFill("solid", fgColor=c) for c in ("D9D9D9", "F2F2F2", "FFF2CC"))
_BLOQUEADA, _LIBRE = Protection(locked=True), Protection(locked=False)
# estilo → (letra, relleno, borde, alineación)
_ESTILOS = {
    "titulo": (Font(name=LETRA, size=13, bold=True), None, None, Alignment("center", "center", wrap_text=True)),
    "subtitulo": (Font(name=LETRA, size=11, bold=True), None, None, Alignment("center", "center", wrap_text=True)),
    "seccion": (Font(name=LETRA, size=9, bold=True), _GRIS, _BORDE, Alignment("left", "center", wrap_text=True)),
    "encabezado": (Font(name=LETRA, size=8, bold=True), _CLARO, _BORDE, Alignment("center", "center", wrap_text=True)),
    "etiqueta": (Font(name=LETRA, size=8, bold=True), _CLARO, _BORDE, Alignment("left", "center", wrap_text=True)),
    "dato": (Font(name=LETRA, size=9), None, _BORDE, Alignment("left", "top", wrap_text=True)),
    "centro": (Font(name=LETRA, size=9), None, _BORDE, Alignment("center", "center", wrap_text=True)),
    "marca": (Font(name=LETRA, size=9), None, _BORDE, Alignment("left", "center", wrap_text=True)),
    "entrada": (Font(name=LETRA, size=9, color="1F3864"), _AMARILLO, _BORDE, Alignment("left", "top", wrap_text=True)),
    "nota": (Font(name=LETRA, size=8, italic=True), None, None, Alignment("left", "top", wrap_text=True)),
    "firma": (Font(name=LETRA, size=8, bold=True), None, _FIRMA, Alignment("center", "top", wrap_text=True)),
    "texto": (Font(name=LETRA, size=10), None, None, Alignment("left", "top", wrap_text=True)),
}
_CENTRADO = Alignment("center", "center", wrap_text=True)
_TEXTOS = ("texto", "lineas", "hitos", "comportamientos")
_ULTIMA_FECHA = 73415  # 31/12/2100 como número de serie de Excel


def _validaciones(f: Ficha) -> dict[str, DataValidation]:
    """La validación de cada tipo de celda para llenar, una por hoja: listas que no admiten otro valor (niveles
    de logro, niveles de los compromisos) y, para cifras y fechas, un aviso que deja seguir (el evaluador puede
    escribir «92,5 %» o una fecha como texto: `importar-formatos` los lee)."""
    letras = ",".join(f.valores)
    niveles = ",".join(str(n) for n in range(1, f.nivel_maximo + 1))
    reglas = {
        "logro": ("list", f'"{letras}"', None, "stop", "Nivel de logro",
                  f"Elija el nivel de logro alcanzado: {letras.replace(',', ', ')}.",
                  f"Elija un nivel de {letras[0]} a {letras[-1]}."),
        "nivel": ("list", f'"{niveles}"', None, "stop", "Nivel",
                  f"Elija el nivel, de 1 a {f.nivel_maximo}.", f"Elija un nivel de 1 a {f.nivel_maximo}."),
        "alcanzado": ("decimal", "0", "1000", "warning", "Meta alcanzada (%)",
                      "Porcentaje alcanzado de la meta, de 0 a 1000 (por ejemplo 92,5).",
                      "Escriba un porcentaje de 0 a 1000."),
        "peso": ("decimal", "0", "100", "warning", "Peso asignado",
                 "Peso de la meta, en %: los pesos de cada grupo suman 100.", "Escriba un peso de 0 a 100."),
        "fecha": ("date", "1", str(_ULTIMA_FECHA), "warning", "Fecha", "Fecha como DD/MM/AAAA.",
                  "Escriba una fecha como DD/MM/AAAA."),
    }
    validaciones = {}
    for clave, (tipo, uno, dos, error_estilo, titulo, ayuda, error) in reglas.items():
        validacion = DataValidation(type=tipo, formula1=uno, formula2=dos, operator="between" if dos else None,
                                    allow_blank=True, showErrorMessage=True, showInputMessage=True,
                                    errorStyle=error_estilo, errorTitle=titulo, error=error, promptTitle=titulo,
                                    prompt=ayuda)
        validaciones[clave] = validacion
    return validaciones


def libro(f: Ficha, hojas: list[Hoja], fecha: dt.date, titulo: str) -> bytes:
    """Los bytes del libro, siempre los mismos para los mismos datos."""
    libro = libro_vacio(titulo, fecha)
    estilos: dict = {}   # los de un libro valen en todas sus hojas
    for plano in hojas:
        _hoja(libro.create_sheet(plano.nombre), plano, _validaciones(f), estilos)
    libro.active = 0
    libro.security = WorkbookProtection(lockStructure=True)   # sin contraseña: no se agregan ni mueven hojas
    return bytes_del_libro(libro, fecha)


def _hoja(hoja, plano: Hoja, validaciones: dict[str, DataValidation], estilos: dict) -> None:
    plano.calcular_altos()
    for j, ancho in enumerate(plano.anchos, start=1):
        hoja.column_dimensions[hoja.cell(row=1, column=j).column_letter].width = ancho
    combinadas = []
    for celda in plano.celdas:
        _celda(hoja, celda, estilos)
        if celda.rango:
            combinadas.append(CellRange(celda.rango))
        if celda.entrada is not None and celda.entrada.tipo in validaciones:
            validaciones[celda.entrada.tipo].add(celda.ref)
    # Solo la lista de rangos combinados: cada celda del rango ya tiene su estilo y está vacía (`merge_cells`
    # volvería a calcular los bordes de cada rango, y con cien rangos por hoja tarda).
    hoja.merged_cells = MultiCellRange(combinadas)
    for validacion in validaciones.values():
        if validacion.sqref:
            hoja.add_data_validation(validacion)
    for fila, alto in sorted(plano.altos.items()):
        hoja.row_dimensions[fila].height = alto
    hoja.sheet_view.showGridLines = False
    hoja.protection.sheet = True              # sin contraseña: el evaluador solo escribe en las celdas amarillas
    hoja.protection.formatRows = hoja.protection.formatColumns = False   # puede agrandar filas y columnas
    hoja.page_setup.paperSize = hoja.PAPERSIZE_A4
    hoja.page_setup.orientation = "landscape" if plano.horizontal else "portrait"
    hoja.page_setup.fitToWidth, hoja.page_setup.fitToHeight = 1, 0
    hoja.sheet_properties.pageSetUpPr.fitToPage = True
    hoja.page_margins.left = hoja.page_margins.right = 0.4
    hoja.page_margins.top = hoja.page_margins.bottom = 0.5
    hoja.print_options.horizontalCentered = True


def _celda(hoja, celda: Celda, estilos: dict) -> None:
    """La celda con su estilo en todo su rango combinado (el borde de cada celda del rango) y su valor."""
    letra, relleno, borde, alineacion = _ESTILOS[celda.estilo]
    corta = celda.entrada is not None and celda.entrada.tipo not in _TEXTOS
    if celda.estilo in ("dato", "entrada") and (isinstance(celda.valor, (int, float, Decimal, Formula)) or celda.formato
                                                or corta):
        alineacion = _CENTRADO
    formato = celda.formato
    if formato is None and celda.entrada is not None and celda.entrada.tipo in _TEXTOS:
        formato = "@"   # lo que se escribe queda como texto, también «=…» o «1/2»
    clave = (celda.estilo, alineacion is _CENTRADO, celda.entrada is not None, formato)
    if clave not in estilos:   # openpyxl tarda en comparar estilos: cada combinación se arma una vez por libro
        muestra = hoja.cell(row=celda.fila, column=celda.columna)
        muestra.font, muestra.alignment = letra, alineacion
        muestra.protection = _LIBRE if celda.entrada is not None else _BLOQUEADA
        if relleno is not None:
            muestra.fill = relleno
        if borde is not None:
            muestra.border = borde
        if formato:
            muestra.number_format = formato
        estilos[clave] = copy(muestra._style)
    ultima_fila, ultima_columna = celda.ultima_fila or celda.fila, celda.ultima_columna or celda.columna
    for fila in range(celda.fila, ultima_fila + 1):
        for columna in range(celda.columna, ultima_columna + 1):
            hoja.cell(row=fila, column=columna)._style = copy(estilos[clave])
    destino = hoja.cell(row=celda.fila, column=celda.columna)
    if isinstance(celda.valor, Formula):
        destino.value = str(celda.valor)
    else:
        escape.xlsx(destino, celda.valor)   # después del estilo: conserva la marca de texto («'=…»)
