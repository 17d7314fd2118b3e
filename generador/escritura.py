"""Escritura segura: nunca queda un archivo o una carpeta a medias.

Todo se escribe primero en un temporal junto al destino y se mueve al final;
si algo falla antes, la salida de la última corrida buena queda como estaba.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def escribir_atomico(destino: Path, texto: str, bom: bool = False) -> None:
    """Escribe un archivo de texto en un temporal y lo mueve sobre `destino`."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporal = tempfile.mkstemp(dir=destino.parent, prefix=f".{destino.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as archivo:
            archivo.write(texto)
        os.replace(temporal, destino)
    except BaseException:
        Path(temporal).unlink(missing_ok=True)
        raise


def carpeta_temporal(destino: Path) -> Path:
    """Una carpeta temporal junto a `destino` (mismo disco: el cambio final es un renombre)."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{destino.name}.", dir=destino.parent))


def reemplazar_carpeta(nueva: Path, destino: Path) -> None:
    """Pone `nueva` en lugar de `destino` con dos renombres; borra la anterior al final."""
    anterior = destino.with_name(f".{destino.name}.anterior")
    shutil.rmtree(anterior, ignore_errors=True)
    if destino.exists():
        os.replace(destino, anterior)
    os.replace(nueva, destino)
    shutil.rmtree(anterior, ignore_errors=True)
