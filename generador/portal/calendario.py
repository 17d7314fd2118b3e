"""Cronograma del ciclo como calendario `.ics` (icalendar), para importarlo en Outlook o Google Calendar.

Reproducible: la marca de tiempo y los identificadores salen de los datos, no del reloj.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..repositorio import Ciclo, como_fecha


def calendario(ciclo: Ciclo, prodid: str, nombre: str, dominio: str, eventos: list[tuple[str, str, dict, str]]) -> bytes:
    """Un .ics con un evento de día completo por (identificador, título, {inicio, fin}, descripción)."""
    resultado = Calendar()
    resultado.add("prodid", prodid)
    resultado.add("version", "2.0")
    resultado.add("x-wr-calname", nombre)
    marca = dt.datetime.combine(ciclo.inicio, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for identificador, titulo, fechas, descripcion in eventos:
        evento = Event()
        evento.add("uid", f"{ciclo.carpeta}-{identificador}@{dominio}")
        evento.add("dtstamp", marca)
        evento.add("summary", titulo)
        evento.add("dtstart", como_fecha(fechas["inicio"]))
        evento.add("dtend", como_fecha(fechas["fin"]) + dt.timedelta(days=1))  # fin exclusivo en iCalendar
        if descripcion:
            evento.add("description", descripcion)
        resultado.add_component(evento)
    return resultado.to_ical()
