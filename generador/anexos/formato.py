"""Cómo se escriben cifras, fechas y nombres en los formatos impresos.

Cifras con punto decimal y dos decimales (82.00), como en los formularios de las
entidades peruanas; fechas DD/MM/AAAA; meses en palabras.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "setiembre", "octubre", "noviembre", "diciembre")

def cifra(valor) -> str:
    """82.00; vacío si no hay valor."""
    if valor is None or valor == "":
        return ""
    return f"{Decimal(valor):.2f}"


def porcentaje(valor) -> str:
    """Un peso o valor en %: «30» si es entero, «33.50» si no (como en los formatos)."""
    texto = cifra(valor)
    return texto.removesuffix(".00")


def cifra_porcentaje(valor) -> str:
    """«95.00 %»: una cifra que es un porcentaje, con su signo; vacío si no hay valor."""
    texto = cifra(valor)
    return f"{texto} %" if texto else ""


def fecha(valor) -> str:
    """20/01/2025; vacío si no hay fecha."""
    if isinstance(valor, dt.datetime):
        valor = valor.date()
    if isinstance(valor, str):
        try:
            valor = dt.date.fromisoformat(valor)
        except ValueError:
            return valor
    return valor.strftime("%d/%m/%Y") if isinstance(valor, dt.date) else ""


def mes(valor) -> str:
    """«2025-04» → «abril de 2025»."""
    if not valor:
        return ""
    try:
        anio, numero = str(valor).split("-")
        return f"{MESES[int(numero) - 1]} de {anio}"
    except (ValueError, IndexError):
        return str(valor)


def alfabetico(texto) -> tuple[str, str]:
    """Clave para ordenar textos como un diccionario en castellano: sin distinguir mayúsculas ni tildes
    («Área» junto a «Archivo», no después de la «Z») y con la «ñ» después de la «n»."""
    texto = str(texto or "")
    base = "".join(c for c in unicodedata.normalize("NFD", texto.lower().replace("ñ", "n\uffff"))
                   if not unicodedata.combining(c))
    return base, texto


_EN_LETRAS = ("cero", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce")


def cantidad(numero, singular: str, plural: str) -> str:
    """«cinco años», «un mes», «15 días»: el número de la política en letras hasta doce, como en la norma."""
    n = int(numero)
    texto = _EN_LETRAS[n] if 0 <= n < len(_EN_LETRAS) else str(n)
    return f"{texto} {singular if n == 1 else plural}"
