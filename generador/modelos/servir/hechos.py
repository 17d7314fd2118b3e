"""Las fechas de lo que ya ocurrió en un registro de SERVIR: fijan la fecha de sus PDF, el corte del informe de
la AFRH y la advertencia de una fecha fuera del ciclo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...repositorio import Ciclo, Registro, como_fecha


def hechos(registro: Registro) -> list[tuple[tuple, dt.date]]:
    """Las fechas de lo que ya ocurrió (reuniones, evidencias, evaluación, notificación, decisión del CIE),
    cada una con su ruta en el registro; no las planificadas (hitos, revisiones del Plan de Mejora)."""
    encontrados: list[tuple[tuple, Any]] = [(("reunion_fijacion_metas",), registro.datos.get("reunion_fijacion_metas"))]
    encontrados += [(("seguimiento", i, "fecha"), r.get("fecha")) for i, r in enumerate(registro.lista("seguimiento"))
                    if isinstance(r, dict)]
    encontrados += [(("evidencias", i, "al"), e.get("al")) for i, e in enumerate(registro.lista("evidencias"))
                    if isinstance(e, dict)]
    encontrados += [(("evaluacion", k), v) for k, v in registro.bloque("evaluacion").items() if str(k).startswith("fecha")]
    encontrados.append((("retroalimentacion", "fecha"), registro.bloque("retroalimentacion").get("fecha")))
    encontrados += [(("confirmacion", k), v) for k, v in registro.bloque("confirmacion").items()
                    if str(k).startswith("fecha")]
    return [(ruta, fecha) for ruta, fecha in ((r, como_fecha(v)) for r, v in encontrados) if fecha]


def fecha_del_registro(registro: Registro, ciclo: Ciclo) -> dt.date:
    """La fecha fija de los PDF y los libros de un registro: la de su último hecho registrado (reuniones,
    evaluación, notificación, decisión del CIE), no la del reloj ni fechas planificadas."""
    fechas = [fecha for _, fecha in hechos(registro)]
    return max(fechas) if fechas else (ciclo.inicio or dt.date(2000, 1, 1))


def dificultades(registro: Registro) -> dict[str, str]:
    """Dificultad o mejora por meta (su objetivo): la de la evaluación o, si no, la última del seguimiento
    (lo que imprime el Anexo 4, en PDF y en el libro)."""
    por_meta: dict[str, str] = {}
    for reunion in registro.lista("seguimiento"):
        for meta in reunion.get("metas") or []:
            if meta.get("dificultad_o_mejora"):
                por_meta[meta["meta"]] = meta["dificultad_o_mejora"]
    for meta in registro.bloque("evaluacion").get("metas") or []:
        if meta.get("dificultad_o_mejora"):
            por_meta[meta["meta"]] = meta["dificultad_o_mejora"]
    return por_meta
