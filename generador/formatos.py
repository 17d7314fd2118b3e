"""Salidas en JSON y CSV de una lista de filas, comunes a todos los modelos (`calificar`).

En el CSV cada texto pasa por `escape.csv`: un nombre como `=HYPERLINK(…)` no se vuelve fórmula.

Las cifras salen con exactamente los decimales de la política (82.00): en
JSON como números, en CSV y en la tabla como texto con punto decimal, como en
los formatos de las entidades peruanas. Cada modelo arma sus filas y elige sus columnas.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from . import escape


def a_json(filas_: list[dict], campos: tuple[str, ...]) -> str:
    """JSON con las cifras como números de dos decimales (82.00), no como float."""
    objetos = []
    for fila in filas_:
        partes = [f"    {json.dumps(c)}: {_valor_json(fila[c])}" for c in campos]
        objetos.append("  {\n" + ",\n".join(partes) + "\n  }")
    return "[\n" + ",\n".join(objetos) + "\n]\n" if objetos else "[]\n"


def _valor_json(valor) -> str:
    if isinstance(valor, Decimal):
        return str(valor)  # ya cuantizado: «82.00»
    if isinstance(valor, list) and any(isinstance(v, Decimal) for v in valor):
        return "[" + ", ".join(_valor_json(v) for v in valor) + "]"
    return json.dumps(valor, ensure_ascii=False)


def a_csv(filas_: list[dict], campos: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    escritor = csv.writer(buffer, lineterminator="\n")
    escritor.writerow(campos)
    for fila in filas_:
        escritor.writerow([_celda_csv(fila[c]) for c in campos])
    return buffer.getvalue()


def _celda_csv(valor) -> str:
    """Las cifras tal cual; todo lo demás como texto que la hoja de cálculo no toma por fórmula."""
    if isinstance(valor, (Decimal, int, float)) and not isinstance(valor, bool):
        return escape.csv(valor)
    return escape.csv(texto(valor, vacio=""))


def texto(valor, vacio: str = "—") -> str:
    """Una celda: vacío, «sí»/«no», una lista separada por «; » o la cifra ya cuantizada."""
    if valor is None:
        return vacio
    if isinstance(valor, list):
        return "; ".join(texto(v, vacio) for v in valor)
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return str(valor)


def calificar(ciclo, filas_: list[dict], campos: tuple[str, ...], formato: str, a_tabla) -> str:
    """El texto de `generador calificar`: JSON o CSV con `campos`, o la tabla del modelo (`a_tabla(filas, título,
    política)`) con el título del ciclo."""
    if formato == "json":
        return a_json(filas_, campos)
    if formato == "csv":
        return a_csv(filas_, campos)
    return a_tabla(filas_, f"{ciclo.nombre} (carpeta {ciclo.carpeta}) — {ciclo.politica.nombre}", ciclo.politica)
