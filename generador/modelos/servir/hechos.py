"""Las fechas de lo que ya ocurrió en un registro de SERVIR: fijan la fecha de sus PDF, el corte del informe de
la AFRH y la advertencia de una fecha fuera del ciclo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...repositorio import Registro, como_fecha


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
