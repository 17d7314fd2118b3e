"""Lo común a los informes confidenciales de todos los modelos: los gráficos SVG (`graficos.py`) y
la escritura del PDF. Qué cifras tiene cada informe lo decide su modelo (`modelos/*/informe*`).
"""

from __future__ import annotations

from pathlib import Path


def escribir(ctx: dict, destino: Path, plantilla: str) -> int:
    """Escribe el informe `plantilla` en PDF/A-3b (solo si se compuso entero); devuelve sus páginas."""
    from ..anexos.motor import Motor
    from ..escritura import escribir_atomico

    motor = Motor()
    documento = motor.documento(plantilla, ctx)
    destino.parent.mkdir(parents=True, exist_ok=True)
    temporal = destino.with_name(f".{destino.name}.parcial")
    try:
        motor.escribir(documento, temporal, None, ctx["fecha"])
        escribir_atomico(destino, temporal.read_bytes())
    finally:
        temporal.unlink(missing_ok=True)
    return len(documento.pages)
