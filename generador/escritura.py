"""Escritura segura: nunca queda un archivo o una carpeta a medias.

Todo se escribe primero en un temporal junto al destino y se mueve al final;
si algo falla antes, la salida de la última corrida buena queda como estaba.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def escribir_atomico(destino: Path, contenido: str | bytes, bom: bool = False) -> None:
    """Escribe un archivo (texto en UTF-8, o bytes) en un temporal y lo mueve sobre `destino`."""
    escribir_varios({destino: contenido}, bom=bom)


def escribir_varios(archivos: dict[Path, str | bytes], bom: bool = False) -> None:
    """Escribe todos los archivos en temporales y solo entonces los mueve a su lugar: si falla la
    escritura de uno, no se cambia ninguno."""
    temporales = []
    try:
        for destino, contenido in archivos.items():
            destino.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporal = tempfile.mkstemp(dir=destino.parent, prefix=f".{destino.name}.", suffix=".tmp")
            temporales.append((temporal, destino))
            if isinstance(contenido, str):
                contenido = contenido.encode("utf-8-sig" if bom else "utf-8")
            with os.fdopen(descriptor, "wb") as archivo:
                archivo.write(contenido)
        for temporal, destino in temporales:
            os.replace(temporal, destino)
    except BaseException:
        for temporal, _ in temporales:
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
