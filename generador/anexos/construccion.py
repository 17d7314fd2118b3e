"""Construcción de los PDF de un ciclo: qué hacer, en cuántos procesos, y dónde dejarlo.

- Incremental: cada carpeta de servidor guarda la huella de lo que se imprimió
  (`.huella`). Si la huella nueva es igual, la carpeta anterior se reutiliza sin
  componer nada; las carpetas de registros que ya no existen desaparecen.
- En paralelo: `trabajos` procesos, cada uno carga fuentes y estilos una vez y
  se renueva cada cierto número de encargos para que la memoria no crezca.
- Por fragmentos: `fragmento=(K, N)` hace solo la parte K de N (reparto estable
  por el nombre del archivo); la unión de las N partes es la construcción
  completa, archivo por archivo y byte por byte.
- Todo se escribe en una carpeta temporal que reemplaza a la anterior al final; si algo falla (un
  error, Ctrl-C, una señal, el disco lleno) el temporal se borra y los PDF anteriores quedan.
- Si un proceso no puede arrancar (faltan las plantillas) o muere (memoria, señal), la construcción
  termina enseguida con `ErrorConstruccion`: nunca se queda esperando.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import multiprocessing.pool
import multiprocessing.resource_tracker
import os
import shutil
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import recursos
from ..escritura import SENALES, carpeta_temporal, reemplazar_carpeta, senales_diferidas, soltar_temporal
from ..repositorio import Ciclo, Repositorio
from .legajo import Encargo, ejecutar, huella_plantillas, nombre_carpeta

ENCARGOS_POR_PROCESO = 50  # luego el proceso se renueva: la memoria no crece con N
ESPERA_REVISION = 1.0      # segundos entre revisiones de que los procesos sigan vivos


class ErrorConstruccion(Exception):
    """La construcción no pudo terminar por el entorno (mensaje para el usuario, sin datos personales)."""


@dataclass
class Resumen:
    legajos: int = 0
    reutilizados: int = 0
    archivos: int = 0
    paginas: int = 0
    carpeta: Path | None = None
    pendientes: int = 0  # legajos con formatos que aún faltan


def en_fragmento(nombre: str, fragmento: tuple[int, int] | None) -> bool:
    """Reparto estable: depende solo del nombre, no de cuántos registros haya."""
    if fragmento is None:
        return True
    parte, partes = fragmento
    return int(hashlib.sha256(nombre.encode()).hexdigest(), 16) % partes == parte - 1


class Progreso:
    """Barra con cantidad y tiempo restante en una terminal; en CI, una línea cada pocos segundos."""

    def __init__(self, total: int, silencioso: bool = False, flujo=None):
        self.total, self.hechos, self.silencioso = total, 0, silencioso or total == 0
        self.flujo = flujo or sys.stderr
        self.terminal = self.flujo.isatty()
        self.inicio = self.ultimo = time.monotonic()

    def avanzar(self, cantidad: int = 1) -> None:
        self.hechos += cantidad
        if self.silencioso:
            return
        ahora = time.monotonic()
        if not self.terminal and ahora - self.ultimo < 5 and self.hechos < self.total:
            return
        self.ultimo = ahora
        transcurrido = ahora - self.inicio
        restante = transcurrido / self.hechos * (self.total - self.hechos) if self.hechos else 0
        texto = f"{self.hechos}/{self.total} legajos · {transcurrido:.0f} s · faltan ~{restante:.0f} s"
        if self.terminal:
            lleno = int(30 * self.hechos / self.total)
            print(f"\r[{'#' * lleno}{'-' * (30 - lleno)}] {texto}", end="", file=self.flujo, flush=True)
            if self.hechos >= self.total:
                print(file=self.flujo)
        else:
            print(texto, file=self.flujo, flush=True)


_MOTOR = None
_FALLA_AL_INICIAR: str | None = None


def _motor(propias: Path | None):
    """El motor de PDF (con las plantillas propias de la entidad, si las hay); si no se puede armar
    (instalación incompleta), `ErrorConstruccion`."""
    from .motor import Motor, MotorIncompleto
    try:
        return Motor(propias=propias)
    except MotorIncompleto as exc:
        raise ErrorConstruccion(str(exc)) from None


def _iniciar_proceso(propias: Path | None) -> None:
    """Arma el motor del proceso. Si falla, el proceso no muere (el grupo lo volvería a crear una y otra
    vez): cada encargo devuelve el motivo y la construcción termina."""
    global _MOTOR, _FALLA_AL_INICIAR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C lo atiende el proceso principal, que detiene a todos
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SENALES - {signal.SIGINT})  # nacieron bloqueadas (senales_diferidas)
    try:
        _MOTOR = _motor(propias)
    except ErrorConstruccion as exc:
        _FALLA_AL_INICIAR = str(exc)
    except Exception as exc:  # noqa: BLE001 — se informa en el proceso principal
        _FALLA_AL_INICIAR = f"un proceso de PDF no pudo arrancar ({type(exc).__name__})"


def _hecho(encargo: Encargo, cuentas: tuple[int, int]) -> tuple[tuple[str, str, bool], tuple[int, int]]:
    """Lo que vuelve al proceso principal: solo el nombre, la huella y las cuentas (no el encargo entero)."""
    return (encargo.carpeta, encargo.huella, encargo.del_ciclo), cuentas


def _ejecutar_en_proceso_tupla(tarea: tuple[Encargo, str]):
    if _MOTOR is None:
        raise ErrorConstruccion(_FALLA_AL_INICIAR or "un proceso de PDF no pudo arrancar")
    encargo, destino = tarea
    return _componer(_MOTOR, encargo, Path(destino))


def _componer(motor, encargo: Encargo, destino: Path):
    from jinja2 import TemplateNotFound
    try:
        return _hecho(encargo, ejecutar(motor, encargo, destino))
    except TemplateNotFound as exc:  # una plantilla que falta en la instalación, no un defecto de los datos
        raise ErrorConstruccion(f"falta la plantilla «{exc.name}» de los PDF: la instalación del generador está "
                                "incompleta (reinstálelo)") from None


def _huella_anterior(ruta: Path) -> str:
    try:
        return ruta.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _reutilizar(origen: Path, destino: Path) -> None:
    """Copia la salida anterior con enlaces duros (instantáneo, sin duplicar disco)."""
    if origen.is_dir():
        shutil.copytree(origen, destino, copy_function=os.link)
    else:
        os.link(origen, destino)


@dataclass(frozen=True)
class Preparador:
    """Qué imprime un modelo: el encargo de cada persona y los documentos del ciclo (uno por archivo).
    Las funciones se llaman en el proceso principal y no componen nada."""

    persona: Callable[[Repositorio, Ciclo, Any, str], Encargo]
    del_ciclo: Callable[[Repositorio, Ciclo, str], list[Encargo]]


def construir(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Any], salida: Path, *,
              preparador: Preparador, solo: set[str] | None = None, fragmento: tuple[int, int] | None = None,
              trabajos: int = 1, silencioso: bool = False) -> Resumen:
    final = salida / ciclo.carpeta
    preparar_servidor = preparador.persona
    plantillas = huella_plantillas()
    elegidos = sorted(resultados.values(), key=nombre_carpeta)
    if solo is not None:
        elegidos = [r for r in elegidos if r.registro.documento in solo or nombre_carpeta(r) in solo]
    elegidos = [r for r in elegidos if en_fragmento(nombre_carpeta(r), fragmento)]
    con_ciclo = solo is None and (fragmento is None or fragmento[0] == 1)  # los del ciclo van en la parte 1

    resumen = Resumen(carpeta=final, legajos=len(elegidos))
    temporal = carpeta_temporal(final)
    try:
        # Primera pasada: la huella de cada servidor decide qué se reutiliza. Los encargos no se guardan
        # (con miles de servidores ocuparían cientos de MB): se vuelven a preparar al componerlos.
        por_hacer: list = []
        for resultado in elegidos:
            encargo = preparar_servidor(repositorio, ciclo, resultado, plantillas)
            resumen.pendientes += bool(encargo.faltan)
            if _reutilizado(encargo, final, temporal):
                resumen.reutilizados += 1
            else:
                por_hacer.append(resultado)
        del_ciclo = preparador.del_ciclo(repositorio, ciclo, plantillas) if con_ciclo else []
        del_ciclo = [e for e in del_ciclo if not _reutilizado(e, final, temporal)]

        def encargos():
            for resultado in por_hacer:
                yield preparar_servidor(repositorio, ciclo, resultado, plantillas)
            yield from del_ciclo

        progreso = Progreso(len(por_hacer), silencioso)
        cantidad = len(por_hacer) + len(del_ciclo)
        # closing: ante cualquier salida (error, Ctrl-C, señal) los procesos paran antes de borrar el temporal.
        with contextlib.closing(_ejecutar_todos(encargos(), cantidad, temporal, trabajos)) as hechos:
            for (carpeta, huella, es_del_ciclo), (archivos, paginas) in hechos:
                resumen.archivos += archivos
                resumen.paginas += paginas
                if es_del_ciclo:
                    (temporal / f".{carpeta}.huella").write_text(huella + "\n", encoding="utf-8")
                else:
                    progreso.avanzar()
        parcial = solo is not None or fragmento is not None
        if parcial and final.is_dir():
            for nuevo in temporal.iterdir():
                reemplazar_carpeta(nuevo, final / nuevo.name)
        else:
            reemplazar_carpeta(temporal, final)
    finally:
        soltar_temporal(temporal)
    return resumen


def _reutilizado(encargo: Encargo, final: Path, temporal: Path) -> bool:
    """Si la salida anterior tiene la misma huella, se enlaza en `temporal` y no se vuelve a componer."""
    anterior = final / encargo.carpeta
    marca = anterior.parent / f".{encargo.carpeta}.huella" if encargo.del_ciclo else anterior / ".huella"
    if not (anterior.exists() and _huella_anterior(marca) == encargo.huella):
        return False
    _reutilizar(anterior, temporal / encargo.carpeta)
    if encargo.del_ciclo:
        _reutilizar(marca, temporal / marca.name)
    return True


def _ejecutar_todos(encargos, cantidad: int, temporal: Path, trabajos: int):
    """Compone los encargos (un iterable que se consume a medida que los procesos los piden)."""
    propias = recursos.plantillas_propias()  # aquí, no en cada proceso: su carpeta actual puede ser otra
    if trabajos <= 1 or cantidad <= 1:
        motor = _motor(propias)
        for encargo in encargos:
            yield _componer(motor, encargo, temporal / encargo.carpeta)
        return
    # multiprocessing.Pool y no ProcessPoolExecutor: en Python 3.11 a 3.13 este se bloquea al renovar
    # procesos con max_tasks_per_child (CPython gh-115634). «forkserver»: un servidor de un solo hilo que
    # ya importó WeasyPrint crea los procesos; cada uno arma su motor (fuentes y estilos) una vez.
    # imap_unordered consume el generador al ritmo en que la tubería hacia los procesos acepta tareas.
    contexto = multiprocessing.get_context("forkserver")
    contexto.set_forkserver_preload(["generador.anexos.legajo", "generador.anexos.motor"])
    procesos: list = []
    grupo = None
    try:
        # Mientras nacen los procesos, una señal espera (la atiende el `try`): un Ctrl-C a medio arranque
        # dejaría procesos a medio crear que, sin su principal, imprimen una traza.
        # El rastreador de recursos de multiprocessing, antes: al arrancarlo, CPython desbloquea SIGINT y
        # SIGTERM en este hilo (SIG_UNBLOCK, no restaura la máscara) y deshace `senales_diferidas`.
        multiprocessing.resource_tracker.ensure_running()
        with senales_diferidas():
            grupo = _Grupo(trabajos, initializer=_iniciar_proceso, initargs=(propias,), maxtasksperchild=ENCARGOS_POR_PROCESO,
                           context=contexto, procesos=procesos)
        tareas = ((e, str(temporal / e.carpeta)) for e in encargos)
        resultados = grupo.imap_unordered(_ejecutar_en_proceso_tupla, tareas)
        while True:
            try:
                yield resultados.next(timeout=ESPERA_REVISION)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                _revisar_procesos(procesos)
        grupo.close()  # que los procesos terminen solos: así borran sus temporales (las fuentes de WeasyPrint)
        grupo.join()
    except BaseException:
        if grupo is not None:
            grupo.abandonar()
        raise


class _Grupo(multiprocessing.pool.Pool):
    """Un `Pool` que recuerda cada proceso que crea, para saber si alguno murió: `Pool` los reemplaza
    en silencio y el encargo que tenía se pierde (la espera no terminaría nunca)."""

    def __init__(self, *args, procesos: list, **kwargs):
        self._creados = procesos
        super().__init__(*args, **kwargs)

    def Process(self, ctx, *args, **kwds):  # noqa: N802 — el nombre que usa Pool
        proceso = ctx.Process(*args, **kwds)
        self._creados.append(proceso)
        return proceso

    def abandonar(self) -> None:
        """Termina ya, matando los procesos, sin `terminate()`: si un proceso murió con el candado de la
        cola tomado (lo tiene mientras espera un encargo), `terminate()` esperaría ese candado para
        siempre, también al salir del programa."""
        self._terminate.cancel()
        self._state = self._worker_handler._state = multiprocessing.pool.TERMINATE  # sin reponer procesos
        self._change_notifier.put(None)  # despierta al hilo que repone procesos, para que vea TERMINATE
        self._worker_handler.join(timeout=5)
        for proceso in self._creados:
            if proceso.exitcode is None:
                proceso.kill()
        for proceso in self._creados:
            proceso.join(timeout=5)


def _revisar_procesos(procesos: list) -> None:
    """Un proceso que terminó con un código distinto de 0 murió en medio de un encargo."""
    for proceso in procesos:
        codigo = proceso.exitcode
        if codigo not in (None, 0):
            motivo = f"señal {-codigo}" if codigo < 0 else f"código {codigo}"
            raise ErrorConstruccion(f"un proceso que compone los PDF terminó de forma inesperada ({motivo}; "
                                    "puede faltar memoria o espacio en el disco: pruebe con -j 1)")
