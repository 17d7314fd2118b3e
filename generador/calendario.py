"""Días hábiles del sector público peruano, comunes a todos los modelos.

Día hábil: de lunes a viernes, sin los feriados nacionales del Perú (paquete `holidays`) ni los
días no laborables que declara el archivo del ciclo (decretos para el sector público, cierres de la
entidad). El día 1 de un plazo es el primer día hábil estrictamente posterior a la fecha de partida.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

from .calculo import sumar_meses


@cache
def feriados_nacionales(anio: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("PE", years=anio))


class Calendario:
    def __init__(self, no_laborables=()):
        self.no_laborables = frozenset(no_laborables)

    def es_habil(self, dia: dt.date) -> bool:
        return dia.weekday() < 5 and dia not in self.no_laborables and dia not in feriados_nacionales(dia.year)

    def sumar_habiles(self, desde: dt.date, dias: int) -> dt.date:
        """El día hábil número `dias` contado desde el día siguiente a `desde`."""
        dia = desde
        contados = 0
        while contados < dias:
            dia += dt.timedelta(days=1)
            if self.es_habil(dia):
                contados += 1
        return dia


def fecha_limite(desde: dt.date, dias_habiles: int, no_laborables=()) -> dt.date:
    """Último día para cumplir un plazo de `dias_habiles` contado desde `desde`."""
    return Calendario(no_laborables).sumar_habiles(desde, dias_habiles)


def meses_cumplidos(inicio: dt.date, fin: dt.date, meses: int) -> bool:
    """Un período de `inicio` a `fin` (ambos incluidos) dura al menos `meses` meses calendario: del 2 de
    mayo al 1 de noviembre son seis; el fin llega al día anterior a la misma fecha `meses` después."""
    return fin >= sumar_meses(inicio, meses) - dt.timedelta(days=1)
