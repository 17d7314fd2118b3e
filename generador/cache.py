"""Caché de lectura: un registro que no cambió no se vuelve a leer ni a validar contra su esquema.

La clave es el SHA-256 del archivo junto con el del propio lector (carga.py, esquema.py y los
esquemas JSON): si cambia el programa, la caché anterior deja de valer. Solo se guardan archivos
válidos; uno con errores se vuelve a leer siempre, para volver a decir dónde está cada error. Las
reglas entre archivos (evaluadores, CIE, Junta, historial) se aplican siempre, en cada corrida.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from .carga import Documento

CARPETA_POR_OMISION = Path(".cache") / "generador"


@cache
def _huella_del_lector() -> str:
    raiz = Path(__file__).parent
    resumen = hashlib.sha256()
    for ruta in [raiz / "carga.py", raiz / "esquema.py", *sorted((raiz / "esquemas").glob("*.json"))]:
        resumen.update(ruta.read_bytes())
    return resumen.hexdigest()


class Cache:
    def __init__(self, carpeta: Path | str = CARPETA_POR_OMISION):
        self.carpeta = Path(carpeta)
        self._carpetas: set[Path] = set()

    def _ruta(self, huella: str, esquema: str) -> Path:
        clave = hashlib.sha256(f"{_huella_del_lector()}:{esquema}:{huella}".encode()).hexdigest()
        return self.carpeta / clave[:2] / f"{clave}.pickle"

    def leer(self, huella: str, esquema: str, ruta_archivo: str) -> Documento | None:
        try:
            with open(self._ruta(huella, esquema), "rb") as archivo:
                documento = pickle.load(archivo)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        documento.ruta = ruta_archivo  # el mismo contenido puede estar en otra ruta
        return documento

    def guardar(self, documento: Documento, esquema: str) -> None:
        destino = self._ruta(documento.huella, esquema)
        temporal = destino.with_name(f"{destino.name}.{os.getpid()}.tmp")  # luego un renombre: nunca a medias
        try:
            if destino.parent not in self._carpetas:
                destino.parent.mkdir(parents=True, exist_ok=True)
                self._carpetas.add(destino.parent)
            with open(temporal, "wb") as archivo:
                pickle.dump(documento.sin_posiciones(), archivo, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporal, destino)
        except OSError:
            pass  # sin caché no se pierde nada: solo se tarda más
