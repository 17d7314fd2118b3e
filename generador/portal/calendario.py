"""Cronograma del ciclo como calendario `.ics` (icalendar), para importarlo en Outlook o Google Calendar.

Reproducible: la marca de tiempo y los identificadores salen de los datos, no del reloj.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..anexos import formato
from ..repositorio import Ciclo, como_fecha


def ics(ciclo: Ciclo, siglas: str) -> bytes:
    """El cronograma de SERVIR: cada etapa y cada una de sus actividades."""
    eventos = []
    for i, etapa in enumerate(ciclo.lista("cronograma")):
        nombre_etapa = formato.ETAPAS.get(etapa["etapa"], etapa["etapa"])
        eventos.append((f"{i}-0", f"Etapa de {nombre_etapa.lower()}", etapa, ""))
        eventos += [(f"{i}-{j}", a["actividad"], a, f"Responsable: {a.get('responsable', '')}. Etapa: {nombre_etapa}.")
                    for j, a in enumerate(etapa.get("actividades") or [], 1)]
    return calendario(ciclo, f"-//{siglas}//Gestion del Rendimiento//ES", f"{ciclo.nombre} ({siglas})",
                      f"{siglas.lower()}.gestion-rendimiento", eventos)


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
