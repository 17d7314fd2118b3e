"""Días hábiles y plazos (reglas.md §4; numerales 7.3, 7.5.2 y 7.6): el calendario es del núcleo
(`generador/calendario.py`); aquí, la duración mínima del seguimiento según la directiva de 2018."""

from __future__ import annotations

import datetime as dt

from ....calendario import Calendario, fecha_limite, meses_cumplidos

__all__ = ["Calendario", "fecha_limite", "seguimiento_minimo"]


def seguimiento_minimo(inicio: dt.date, fin: dt.date, meses: int) -> bool:
    """La etapa de seguimiento dura al menos `meses` meses calendario (7.3)."""
    return meses_cumplidos(inicio, fin, meses)
