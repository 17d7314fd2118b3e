"""Cálculos comunes a todos los modelos: el redondeo de la política y los meses calendario."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def redondear(politica, valor) -> Decimal:
    """Redondeo aritmético (ROUND_HALF_UP: 0.005 sube) a los `decimales` de la política."""
    return Decimal(valor).quantize(Decimal(1).scaleb(-politica.decimales.valor), rounding=ROUND_HALF_UP)


def sumar_meses(fecha: dt.date, meses: int) -> dt.date:
    """La misma fecha `meses` después (el último día del mes si ese día no existe: 31 ago + 6 = 28/29 feb)."""
    total = fecha.year * 12 + fecha.month - 1 + meses
    anio, mes = divmod(total, 12)
    mes += 1
    for dia in (fecha.day, 30, 29, 28):
        try:
            return dt.date(anio, mes, dia)
        except ValueError:
            continue
    raise ValueError(fecha)
