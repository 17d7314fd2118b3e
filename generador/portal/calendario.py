"""Cronograma del ciclo como calendario `.ics` (icalendar), para importarlo en Outlook o Google Calendar.

Reproducible: la marca de tiempo y los identificadores salen de los datos, no del reloj.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..anexos import formato
from ..repositorio import Ciclo, como_fecha


def ics(ciclo: Ciclo, siglas: str) -> bytes:
    calendario = Calendar()
    calendario.add("prodid", f"-//{siglas}//Gestion del Rendimiento//ES")
    calendario.add("version", "2.0")
    calendario.add("x-wr-calname", f"{ciclo.nombre} ({siglas})")
    marca = dt.datetime.combine(ciclo.inicio, dt.time(0, 0), tzinfo=dt.timezone.utc)
    dominio = f"{siglas.lower()}.gestion-rendimiento"
    for i, etapa in enumerate(ciclo.lista("cronograma")):
        nombre_etapa = formato.ETAPAS.get(etapa["etapa"], etapa["etapa"])
        eventos = [(f"Etapa de {nombre_etapa.lower()}", etapa, "")]
        eventos += [(a["actividad"], a, f"Responsable: {a.get('responsable', '')}. Etapa: {nombre_etapa}.")
                    for a in etapa.get("actividades") or []]
        for j, (titulo, fechas, descripcion) in enumerate(eventos):
            evento = Event()
            evento.add("uid", f"{ciclo.carpeta}-{i}-{j}@{dominio}")
            evento.add("dtstamp", marca)
            evento.add("summary", titulo)
            evento.add("dtstart", como_fecha(fechas["inicio"]))
            evento.add("dtend", como_fecha(fechas["fin"]) + dt.timedelta(days=1))  # fin exclusivo en iCalendar
            if descripcion:
                evento.add("description", descripcion)
            calendario.add_component(evento)
    return calendario.to_ical()
