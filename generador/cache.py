"""Caché de lectura: un registro que no cambió no se vuelve a leer ni a validar contra su esquema.

La clave es el SHA-256 del archivo junto con el del propio lector (carga.py, limites.py, esquema.py y los
esquemas JSON): si cambia el programa, la caché anterior deja de valer. Solo se guardan archivos
válidos; uno con errores se vuelve a leer siempre, para volver a decir dónde está cada error. Las
reglas entre archivos (evaluadores, CIE, Junta, historial) se aplican siempre, en cada corrida.

Una entrada es solo datos (JSON), nunca código: leerla no ejecuta nada, a diferencia de pickle.
Los valores que JSON no tiene van como objetos con una sola clave que empieza por «$»:
{"$decimal": "92.50"}, {"$date": "2024-04-10"}, {"$datetime": "2024-04-10T09:30:00"}, y un mapeo
con claves que no son texto (o que empiezan por «$») como {"$dict": [[clave, valor], ...]}.

Cada entrada va firmada (HMAC-SHA256) con una clave secreta propia de la carpeta de la caché
(`clave-firma`, 32 bytes al azar, solo legible por su dueño). Una entrada sin firma válida, de
otra forma o de otro archivo (pegada a mano, copiada de otra máquina, corrupta, un pickle puesto
en su lugar) se ignora y se vuelve a leer el YAML. Una clave que no es del usuario o que otros
pueden leer (por ejemplo, la que traería un repositorio clonado) deja la caché sin usar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import stat
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .carga import Documento
from .diagnosticos import Informe
from .limites import MAXIMO_BYTES, leer_bytes

CARPETA_POR_OMISION = Path(".cache") / "generador"
ARCHIVO_CLAVE = "clave-firma"
FORMATO = "generador-cache/2"
_LARGO_CLAVE = 32
_MAXIMO_ENTRADA = 4 * MAXIMO_BYTES  # una entrada más grande no puede venir de un archivo admitido


@cache
def _huella_del_lector() -> str:
    raiz = Path(__file__).parent
    resumen = hashlib.sha256()
    for ruta in [raiz / "carga.py", raiz / "limites.py", raiz / "esquema.py", raiz / "cache.py", *sorted((raiz / "esquemas").glob("*.json"))]:
        resumen.update(ruta.read_bytes())
    return resumen.hexdigest()


class _EntradaInvalida(Exception):
    """La entrada no tiene la forma de una que escribió este programa."""


class Cache:
    def __init__(self, carpeta: Path | str = CARPETA_POR_OMISION):
        self.carpeta = Path(carpeta)
        self._carpetas: set[str] = set()
        self._clave: bytes | None = None
        self._clave_leida = False

    def _ruta(self, huella: str, esquema: str) -> Path:
        return Path(self._camino(huella, esquema))

    def _camino(self, huella: str, esquema: str) -> str:
        clave = hashlib.sha256(f"{_huella_del_lector()}:{esquema}:{huella}".encode()).hexdigest()
        return os.path.join(self.carpeta, clave[:2], f"{clave}.json")

    def _secreto(self) -> bytes | None:
        """La clave de firma de esta carpeta (se crea la primera vez), o None si no se puede confiar en ella."""
        if not self._clave_leida:
            self._clave_leida = True
            self._clave = _leer_clave(self.carpeta / ARCHIVO_CLAVE)
            if self._clave is None and not os.path.lexists(self.carpeta / ARCHIVO_CLAVE):
                self._clave = _crear_clave(self.carpeta / ARCHIVO_CLAVE)
        return self._clave

    def leer(self, huella: str, esquema: str, ruta_archivo: str) -> Documento | None:
        """El documento guardado para ese contenido y esquema, o None si no hay uno en que confiar."""
        secreto = self._secreto()
        if secreto is None:
            return None
        crudo = leer_bytes(self._camino(huella, esquema), Informe(), _MAXIMO_ENTRADA)  # sin entrada: solo se tarda más
        if crudo is None:
            return None
        try:
            datos = _abrir(crudo, secreto, {"formato": FORMATO, "lector": _huella_del_lector(), "esquema": esquema, "huella": huella})
        except (_EntradaInvalida, ValueError, TypeError, ArithmeticError, RecursionError):
            return None  # se vuelve a leer el YAML y se reescribe la entrada
        # el mismo contenido puede estar en otra ruta: la ruta es la de ahora
        return Documento(ruta=ruta_archivo, datos=datos, huella=huella, con_posiciones=False)

    def guardar(self, documento: Documento, esquema: str) -> None:
        secreto = self._secreto()
        if secreto is None:
            return
        destino = self._camino(documento.huella, esquema)
        carpeta = os.path.dirname(destino)
        temporal = f"{destino}.{os.getpid()}.tmp"  # luego un renombre: nunca a medias
        try:
            contenido = _sellar(
                {"formato": FORMATO, "lector": _huella_del_lector(), "esquema": esquema,
                 "huella": documento.huella, "datos": _etiquetar(documento.datos)},
                secreto,
            )
            if carpeta not in self._carpetas:
                os.makedirs(carpeta, exist_ok=True)
                self._carpetas.add(carpeta)
            with open(temporal, "wb") as archivo:
                archivo.write(contenido)
            os.replace(temporal, destino)
        except (OSError, ValueError, TypeError):
            pass  # sin caché no se pierde nada: solo se tarda más


# --- La clave de firma -------------------------------------------------------------------------------

def _es_propia(estado: os.stat_result) -> bool:
    """Un archivo común, del usuario que corre el programa y que nadie más puede leer ni escribir."""
    if not stat.S_ISREG(estado.st_mode):
        return False
    if hasattr(os, "getuid") and (estado.st_uid != os.getuid() or estado.st_mode & 0o077):
        return False
    return True


def _leer_clave(ruta: Path) -> bytes | None:
    try:
        descriptor = os.open(ruta, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as archivo:
        if not _es_propia(os.fstat(archivo.fileno())):
            return None
        clave = archivo.read(_LARGO_CLAVE + 1)
    return clave if len(clave) == _LARGO_CLAVE else None


def _crear_clave(ruta: Path) -> bytes | None:
    """Crea la clave sin pisar ninguna: si otro proceso la creó a la vez, vale la suya."""
    clave = secrets.token_bytes(_LARGO_CLAVE)
    banderas = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        ruta.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(ruta, banderas, 0o600)
    except FileExistsError:
        return _leer_clave(ruta)
    except OSError:
        return None
    with os.fdopen(descriptor, "wb") as archivo:
        archivo.write(clave)
    return clave


# --- Formato de una entrada: «firma\njson» ------------------------------------------------------------

def _firma(secreto: bytes, cuerpo: bytes) -> bytes:
    return hmac.new(secreto, cuerpo, hashlib.sha256).hexdigest().encode("ascii")


def _sellar(contenido: dict, secreto: bytes) -> bytes:
    cuerpo = json.dumps(contenido, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return _firma(secreto, cuerpo) + b"\n" + cuerpo


def _abrir(crudo: bytes, secreto: bytes, esperado: dict) -> Any:
    """Los datos de una entrada, si está firmada con `secreto` y es la que se espera; si no, _EntradaInvalida."""
    firma, separador, cuerpo = crudo.partition(b"\n")
    if not separador or not hmac.compare_digest(firma, _firma(secreto, cuerpo)):
        raise _EntradaInvalida
    contenido = json.loads(cuerpo, object_hook=_desetiquetar, parse_float=_sin_flotantes, parse_constant=_sin_flotantes)
    if not isinstance(contenido, dict) or contenido.keys() != {*esperado, "datos"}:
        raise _EntradaInvalida
    if any(contenido[clave] != valor for clave, valor in esperado.items()):
        raise _EntradaInvalida
    return contenido["datos"]


def _sin_flotantes(texto: str):
    raise _EntradaInvalida  # la lectura nunca produce float, NaN ni Infinity


def _etiquetar(valor: Any) -> Any:
    """Copia apta para JSON, sin perder tipos: decimales, fechas y claves que no son texto."""
    tipo = type(valor)
    if tipo is dict:
        if all(type(clave) is str and not clave.startswith("$") for clave in valor):
            return {clave: _etiquetar(v) for clave, v in valor.items()}
        return {"$dict": [[_etiquetar(clave), _etiquetar(v)] for clave, v in valor.items()]}
    if tipo is list:
        return [_etiquetar(v) for v in valor]
    if tipo is Decimal:
        return {"$decimal": str(valor)}
    if tipo is dt.datetime:
        return {"$datetime": valor.isoformat()}
    if tipo is dt.date:
        return {"$date": valor.isoformat()}
    if valor is None or tipo in (str, int, bool):
        return valor
    raise TypeError(f"valor sin forma en la caché: {tipo.__name__}")


def _decimal(texto: str) -> Decimal:
    valor = Decimal(texto)
    if not valor.is_finite():
        raise _EntradaInvalida
    return valor


_DESETIQUETAR = {
    "$decimal": _decimal,
    "$date": dt.date.fromisoformat,
    "$datetime": dt.datetime.fromisoformat,
    "$dict": lambda pares: {clave: valor for clave, valor in pares},
}


def _desetiquetar(objeto: dict) -> Any:
    """La inversa de _etiquetar para un objeto JSON (se llama de adentro hacia afuera)."""
    if len(objeto) == 1:
        for etiqueta, valor in objeto.items():
            if etiqueta[:1] == "$":
                if etiqueta not in _DESETIQUETAR or type(valor) is not (list if etiqueta == "$dict" else str):
                    raise _EntradaInvalida
                return _DESETIQUETAR[etiqueta](valor)
    return objeto
