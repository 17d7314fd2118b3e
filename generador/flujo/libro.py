"""Tablas de resultados en xlsx o csv, comunes a los modelos (`generador exportar`).

Cada celda pasa por `escape.xlsx` o `escape.csv`: un texto nunca es una fórmula.
Las mismas entradas dan los mismos bytes: la fecha del libro sale de los datos
(no del reloj) y el ZIP se reescribe con esa fecha.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from .. import escape
from ..anexos import formato


@dataclass(frozen=True)
class Campo:
    titulo: str
    tipo: str       # texto | cifra | fecha
    ancho: int


def a_csv(campos: tuple[Campo, ...], filas: list[list]) -> str:
    buffer = io.StringIO()
    escritor = csv.writer(buffer, lineterminator="\n")
    escritor.writerow([c.titulo for c in campos])
    for fila in filas:
        escritor.writerow([_celda_csv(v) for v in fila])
    return buffer.getvalue()


def _celda_csv(valor) -> str:
    """Cifras tal cual, fechas DD/MM/AAAA; los textos, sin que la hoja de cálculo los tome por fórmulas."""
    if isinstance(valor, dt.date):
        return formato.fecha(valor)
    return escape.csv(valor)


def a_xlsx(campos: tuple[Campo, ...], hojas: list[tuple[str, list[list]]], acerca: list[list], titulo: str,
           fecha: dt.date, congelar: str) -> bytes:
    """Un libro con una hoja por cada (nombre, filas) de `hojas` y la hoja «Acerca de» (`acerca`: filas de dos
    celdas); `fecha` es la de los datos, `congelar` la celda donde se inmovilizan los paneles."""
    from openpyxl.styles import Alignment, Font, PatternFill

    libro = libro_vacio(titulo, fecha)
    negrita, relleno = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    for nombre, contenido in hojas:
        hoja = libro.create_sheet(_nombre_hoja(nombre))
        _fila(hoja, 1, [c.titulo for c in campos])
        for celda in hoja[1]:
            celda.font, celda.fill = negrita, relleno
            celda.alignment = Alignment(wrap_text=True, vertical="top")
        for i, fila in enumerate(contenido, start=2):
            _fila(hoja, i, fila)
        for j, campo in enumerate(campos, start=1):
            letra = hoja.cell(row=1, column=j).column_letter
            hoja.column_dimensions[letra].width = campo.ancho
            formato_celda = {"cifra": "0.00", "fecha": "DD/MM/YYYY"}.get(campo.tipo)
            if formato_celda:
                for (celda,) in hoja.iter_rows(min_row=2, min_col=j, max_col=j):
                    if celda.data_type != "s":  # una fecha fuera del rango de Excel va como texto
                        celda.number_format = formato_celda
        hoja.freeze_panes = congelar
        hoja.auto_filter.ref = hoja.dimensions
    hoja_acerca = libro.create_sheet("Acerca de")
    for i, fila in enumerate(acerca, start=1):
        _fila(hoja_acerca, i, fila)
        if isinstance(fila[1], dt.date) and hoja_acerca.cell(row=i, column=2).data_type != "s":
            hoja_acerca.cell(row=i, column=2).number_format = "DD/MM/YYYY"
    hoja_acerca.column_dimensions["A"].width, hoja_acerca.column_dimensions["B"].width = 16, 100
    for (celda,) in hoja_acerca.iter_rows(min_col=1, max_col=1):
        celda.font = negrita
    return bytes_del_libro(libro, fecha)


def libro_vacio(titulo: str, fecha: dt.date):
    """Un libro de openpyxl sin hojas, con propiedades que salen de los datos (`fecha`), no del reloj."""
    from openpyxl import Workbook
    libro = Workbook()
    momento = _momento(fecha)
    libro.properties.creator = libro.properties.lastModifiedBy = "generador"
    libro.properties.created = libro.properties.modified = momento
    libro.properties.title = escape.texto_xlsx(titulo)
    libro.remove(libro.active)
    return libro


def bytes_del_libro(libro, fecha: dt.date) -> bytes:
    """Los bytes del libro, los mismos para los mismos datos (ZIP con la fecha de `fecha`)."""
    buffer = io.BytesIO()
    libro.save(buffer)
    return zip_con_fecha_fija(buffer.getvalue(), _momento(fecha))


def _momento(fecha: dt.date) -> dt.datetime:
    return dt.datetime.combine(fecha, dt.time(12, 0))


def _fila(hoja, numero: int, valores: list) -> None:
    """Una fila del libro: cada valor por `escape.xlsx` (los textos nunca son fórmulas)."""
    for j, valor in enumerate(valores, start=1):
        escape.xlsx(hoja.cell(row=numero, column=j), valor)


def _nombre_hoja(nombre: str) -> str:
    """Excel no admite []:*?/\\ ni más de 31 caracteres en el nombre de una hoja."""
    return "".join("-" if c in "[]:*?/\\" else c for c in escape.texto_xlsx(nombre).strip("'"))[:31] or "Hoja"


def zip_con_fecha_fija(contenido: bytes, momento: dt.datetime) -> bytes:
    """openpyxl pone la hora del reloj en cada entrada del ZIP y en «modified» de docProps/core.xml: se
    reescriben con la fecha de los datos."""
    entrada, salida = zipfile.ZipFile(io.BytesIO(contenido)), io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as nuevo:
        for info in entrada.infolist():
            datos = entrada.read(info.filename)
            if info.filename == "docProps/core.xml":
                datos = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                               rb"\g<1>" + momento.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", datos)
            copia = zipfile.ZipInfo(info.filename, date_time=fecha_zip(momento))
            copia.compress_type, copia.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            nuevo.writestr(copia, datos)
    return salida.getvalue()


def fecha_zip(momento: dt.datetime) -> tuple:
    """ZIP solo guarda fechas de 1980 a 2107: una fecha de los datos fuera de ese rango se acerca al extremo."""
    return max(min(momento, dt.datetime(2107, 12, 31, 23, 59, 58)), dt.datetime(1980, 1, 1)).timetuple()[:6]
