"""Escritura segura: nunca queda un archivo o una carpeta a medias, y nunca se escribe sobre los datos.

- Todo se escribe primero en un temporal junto al destino y se mueve al final; si algo falla
  antes (un error, Ctrl-C, una señal de terminación, el disco lleno), la salida de la última
  corrida buena queda como estaba y el temporal se borra.
- Un temporal que dejó una corrida matada sin aviso (SIGKILL, corte de luz) lleva el número del
  proceso en su nombre: la corrida siguiente lo reconoce y lo borra.
- `comprobar_salida` es la única guarda de las órdenes que escriben: rechaza una salida que es o
  contiene los datos, el proyecto o la carpeta actual, que está dentro de los datos o de `.git`, o
  una carpeta con contenido que no creó el generador.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

# Archivo que marca una carpeta de salida como escrita por el generador: solo esas se reemplazan.
MARCA_SALIDA = ".generador-salida"
_TEXTO_MARCA = ("Carpeta escrita por el generador de la Gestión del Rendimiento.\n"
                "Su contenido se reemplaza en cada construcción: no guarde aquí nada propio.\n")

# Temporales de este proceso: se borran al salir, también por Ctrl-C o por una señal de terminación.
_TEMPORALES: set[Path] = set()


class SalidaProhibida(Exception):
    """La salida pedida dañaría los datos, el proyecto o una carpeta ajena (mensaje para el usuario)."""


class Terminado(BaseException):
    """El proceso recibió una señal de terminación (SIGTERM, SIGHUP): se sale limpiando los temporales."""

    def __init__(self, senal: int):
        super().__init__(senal)
        self.senal = senal


SENALES = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
_DIFERIDAS: list[int] = []
_DIFIRIENDO = 0


def _lanzar(senal: int) -> None:
    if senal == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminado(senal)


def _al_recibir_senal(senal, _marco) -> None:
    if _DIFIRIENDO:
        _DIFERIDAS.append(senal)
        return
    _lanzar(senal)


def atender_senales() -> None:
    """Ctrl-C (KeyboardInterrupt), SIGTERM y SIGHUP (`Terminado`) se vuelven excepciones: los `finally`
    borran los temporales y la salida anterior queda intacta."""
    for senal in SENALES:
        try:
            signal.signal(senal, _al_recibir_senal)
        except (ValueError, OSError):  # fuera del hilo principal: no se puede, y no hace falta
            pass


@contextlib.contextmanager
def senales_diferidas():
    """Un tramo que no se interrumpe a la mitad: la señal que llegue se atiende al salir de él. (Bloquear
    la señal en el sistema no basta: la recibe cualquier otro hilo, por ejemplo uno de Pango.)"""
    global _DIFIRIENDO
    _DIFIRIENDO += 1
    # Además, bloqueadas en este hilo: los procesos que se creen aquí nacen con ellas bloqueadas y no
    # mueren a medio arrancar (con una traza) por un Ctrl-C que llega a todo el grupo de procesos.
    mascara = signal.pthread_sigmask(signal.SIG_BLOCK, SENALES)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mascara)  # la que esperaba llega aquí y se anota
        _DIFIRIENDO -= 1
        if not _DIFIRIENDO and _DIFERIDAS:
            senal = _DIFERIDAS[0]
            _DIFERIDAS.clear()
            _lanzar(senal)


def _borrar_temporales() -> None:
    for ruta in list(_TEMPORALES):
        _borrar(ruta)


atexit.register(_borrar_temporales)


def _borrar(ruta: Path) -> None:
    if ruta.is_dir() and not ruta.is_symlink():
        shutil.rmtree(ruta, ignore_errors=True)
    else:
        try:
            ruta.unlink()
        except OSError:
            pass
    _TEMPORALES.discard(ruta)


# --- Temporales con el número del proceso: los de una corrida muerta se reconocen y se borran ----

_TEMPORAL = re.compile(r"^\..+\.tmp-(\d+)-[A-Za-z0-9_]+(\.tmp)?$")
_ANTERIOR = re.compile(r"^\.(.+)\.anterior$")
_BARRIDAS: set[Path] = set()  # carpetas ya revisadas por este proceso


def _proceso_vivo(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def limpiar_restos(carpeta: Path) -> None:
    """Borra de `carpeta` los temporales que dejaron corridas ya muertas. Una carpeta `.X.anterior`
    (la corrida murió entre los dos renombres) vuelve a ser `X` si `X` falta."""
    try:
        hermanos = sorted(carpeta.iterdir())
    except OSError:
        return
    vivos = False
    for hermano in hermanos:
        coincide = _TEMPORAL.match(hermano.name)
        if coincide is None:
            continue
        if _proceso_vivo(int(coincide.group(1))):
            vivos = vivos or int(coincide.group(1)) != os.getpid()
        else:
            _borrar(hermano)
    if not vivos:  # con otra corrida en marcha, su `.anterior` es suyo
        for hermano in hermanos:
            coincide = _ANTERIOR.match(hermano.name)
            if coincide and hermano.exists():
                original = carpeta / coincide.group(1)
                if original.exists():
                    _borrar(hermano)
                else:
                    os.replace(hermano, original)


def _nuevo_temporal(destino: Path, carpeta: bool) -> Path:
    destino.parent.mkdir(parents=True, exist_ok=True)
    padre = destino.parent.resolve()
    if padre not in _BARRIDAS:
        _BARRIDAS.add(padre)
        limpiar_restos(padre)
    prefijo = f".{destino.name}.tmp-{os.getpid()}-"
    if carpeta:
        ruta = Path(tempfile.mkdtemp(prefix=prefijo, dir=destino.parent))
    else:
        descriptor, nombre = tempfile.mkstemp(prefix=prefijo, suffix=".tmp", dir=destino.parent)
        os.close(descriptor)
        ruta = Path(nombre)
    _TEMPORALES.add(ruta)
    return ruta


def escribir_atomico(destino: Path, contenido: str | bytes, bom: bool = False) -> None:
    """Escribe un archivo (texto en UTF-8, o bytes) en un temporal y lo mueve sobre `destino`."""
    escribir_varios({destino: contenido}, bom=bom)


def escribir_varios(archivos: dict[Path, str | bytes], bom: bool = False) -> None:
    """Escribe todos los archivos en temporales y solo entonces los mueve a su lugar: si falla la
    escritura de uno, no se cambia ninguno."""
    temporales: list[tuple[Path, Path]] = []
    try:
        for destino, contenido in archivos.items():
            temporal = _nuevo_temporal(destino, carpeta=False)
            temporales.append((temporal, destino))
            if isinstance(contenido, str):
                contenido = contenido.encode("utf-8-sig" if bom else "utf-8")
            with open(temporal, "wb") as archivo:
                archivo.write(contenido)
        for temporal, destino in temporales:
            os.replace(temporal, destino)
            _TEMPORALES.discard(temporal)
    finally:
        for temporal, _ in temporales:
            if temporal in _TEMPORALES:
                _borrar(temporal)


def carpeta_temporal(destino: Path) -> Path:
    """Una carpeta temporal junto a `destino` (mismo disco: el cambio final es un renombre). Se
    borra sola al salir del proceso si nadie la movió; la de una corrida muerta, en la siguiente."""
    return _nuevo_temporal(destino, carpeta=True)


def soltar_temporal(ruta: Path) -> None:
    """Borra ya un temporal de `carpeta_temporal` (si todavía existe)."""
    _borrar(ruta)


def reemplazar_carpeta(nueva: Path, destino: Path) -> None:
    """Pone `nueva` en lugar de `destino` con dos renombres; borra la anterior al final."""
    anterior = destino.with_name(f".{destino.name}.anterior")
    shutil.rmtree(anterior, ignore_errors=True)
    if destino.exists():
        os.replace(destino, anterior)
    os.replace(nueva, destino)
    _TEMPORALES.discard(nueva)
    shutil.rmtree(anterior, ignore_errors=True)


# --- La guarda de las salidas -------------------------------------------------------------------

def _raiz_git(desde: Path) -> Path | None:
    for carpeta in (desde, *desde.parents):
        if (carpeta / ".git").exists():
            return carpeta
    return None


def carpetas_protegidas(datos: Path) -> dict[Path, str]:
    """Las carpetas que una salida no puede ser ni contener, con el nombre con que se las menciona."""
    datos, actual = datos.resolve(), Path.cwd().resolve()
    protegidas = {datos: "la carpeta de datos", actual: "la carpeta actual"}
    for raiz in {_raiz_git(datos), _raiz_git(actual)} - {None}:
        protegidas.setdefault(raiz, "el repositorio")
    programa = Path(__file__).resolve().parent
    protegidas.setdefault(programa, "el programa")
    protegidas.setdefault(programa.parent, "la carpeta del programa")
    return protegidas


def _dentro_de_git(ruta: Path) -> bool:
    return ".git" in ruta.parts


def _parece_salida_anterior(carpeta: Path) -> bool:
    """Una carpeta escrita por una versión anterior del generador, de antes de la marca: un sitio
    construido o una carpeta de legajos (solo carpetas de ciclo con sus huellas)."""
    if (carpeta / "index.html").is_file() and (carpeta / "search").is_dir():
        return True
    hijos = [h for h in carpeta.iterdir() if not h.name.startswith(".")]
    return bool(hijos) and all(h.is_dir() and any(h.glob("*/.huella")) for h in hijos)


def comprobar_salida(destino: Path, datos: Path, *, carpeta: bool, extensiones: tuple[str, ...] = ()) -> Path:
    """Devuelve `destino` si se puede escribir ahí sin dañar nada; si no, `SalidaProhibida`.

    Con `carpeta`, el destino es una carpeta que el generador reemplaza entera (sitio, legajos):
    debe estar vacía, no existir, o llevar la marca de una salida anterior del generador. Si no,
    es un archivo, que no puede ser una carpeta ni un archivo de los datos, y cuyo nombre debe
    terminar en una de las `extensiones` (así `--salida entidad.yaml` nunca pisa un dato)."""
    resuelto = destino.resolve()
    protegidas = carpetas_protegidas(datos)
    for protegida, nombre in protegidas.items():
        if resuelto == protegida:
            raise SalidaProhibida(f"la salida «{destino}» es {nombre}: se borraría; elija una carpeta aparte, "
                                  "por ejemplo salida/")
    for protegida, nombre in protegidas.items():
        if protegida.is_relative_to(resuelto):
            raise SalidaProhibida(f"la salida «{destino}» contiene {nombre} ({protegida}): se borraría; elija una "
                                  "carpeta aparte, por ejemplo salida/")
    if resuelto.is_relative_to(datos.resolve()):
        raise SalidaProhibida(f"la salida «{destino}» está dentro de la carpeta de datos: elija una carpeta aparte, "
                              "por ejemplo salida/")
    if _dentro_de_git(resuelto):
        raise SalidaProhibida(f"la salida «{destino}» está dentro de .git: elija una carpeta aparte, por ejemplo salida/")
    if carpeta:
        if resuelto.exists() and not resuelto.is_dir():
            raise SalidaProhibida(f"«{destino}» ya existe y es un archivo: --salida debe ser una carpeta")
        if resuelto.is_dir() and any(resuelto.iterdir()) and not (resuelto / MARCA_SALIDA).is_file() \
                and not _parece_salida_anterior(resuelto):
            raise SalidaProhibida(f"la carpeta «{destino}» ya existe, tiene archivos y no la creó el generador: "
                                  "se reemplazaría entera; elija una carpeta nueva o vacía")
        return destino
    if resuelto.is_dir():
        raise SalidaProhibida(f"«{destino}» es una carpeta: --salida debe ser el nombre de un archivo")
    if extensiones and resuelto.suffix.lower() not in extensiones:
        raise SalidaProhibida(f"el archivo de salida «{destino}» debe terminar en {' o '.join(extensiones)}")
    return destino


def marcar_salida(carpeta: Path) -> None:
    """Deja la marca de carpeta de salida del generador (ver `comprobar_salida`)."""
    marca = carpeta / MARCA_SALIDA
    if not marca.is_file():
        carpeta.mkdir(parents=True, exist_ok=True)
        escribir_atomico(marca, _TEXTO_MARCA)


def ruta_visible(ruta: str) -> str:
    """La ruta que el usuario reconoce: la del destino en lugar de la de su temporal."""
    camino = Path(ruta)
    coincide = _TEMPORAL.match(camino.name)
    if coincide is None:
        return ruta
    return str(camino.with_name(camino.name[1:camino.name.index(".tmp-")]))


def es_falta_de_espacio(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def es_sin_permiso(exc: OSError) -> bool:
    return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
