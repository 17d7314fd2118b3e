"""Construcción de los PDF de un ciclo: qué hacer, en cuántos procesos, y dónde dejarlo.

- Incremental: cada carpeta de servidor guarda la huella de lo que se imprimió
  (`.huella`). Si la huella nueva es igual, la carpeta anterior se reutiliza sin
  componer nada; las carpetas de registros que ya no existen desaparecen.
- En paralelo: `trabajos` procesos, cada uno carga fuentes y estilos una vez y
  se renueva cada cierto número de encargos para que la memoria no crezca.
- Por fragmentos: `fragmento=(K, N)` hace solo la parte K de N (reparto estable
  por el nombre del archivo); la unión de las N partes es la construcción
  completa, archivo por archivo y byte por byte.
- Todo se escribe en una carpeta temporal que reemplaza a la anterior al final.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..escritura import carpeta_temporal, reemplazar_carpeta
from ..repositorio import Ciclo, Repositorio
from ..resultados import Resultado
from .legajo import Encargo, ejecutar, huella_plantillas, nombre_carpeta, preparar_flujograma, preparar_servidor

ENCARGOS_POR_PROCESO = 50  # luego el proceso se renueva: la memoria no crece con N


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


def _iniciar_proceso() -> None:
    global _MOTOR
    from .motor import Motor
    _MOTOR = Motor()


def _ejecutar_en_proceso_tupla(tarea: tuple[Encargo, str]) -> tuple[Encargo, tuple[int, int]]:
    encargo, destino = tarea
    return encargo, ejecutar(_MOTOR, encargo, Path(destino))


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


def construir(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado], salida: Path, *,
              solo: set[str] | None = None, fragmento: tuple[int, int] | None = None, trabajos: int = 1,
              silencioso: bool = False) -> Resumen:
    final = salida / ciclo.carpeta
    plantillas = huella_plantillas()
    elegidos = sorted(resultados.values(), key=nombre_carpeta)
    if solo is not None:
        elegidos = [r for r in elegidos if r.registro.documento in solo or nombre_carpeta(r) in solo]
    elegidos = [r for r in elegidos if en_fragmento(nombre_carpeta(r), fragmento)]
    encargos = [preparar_servidor(repositorio, ciclo, r, plantillas) for r in elegidos]
    if solo is None and (fragmento is None or fragmento[0] == 1):
        encargos.append(preparar_flujograma(repositorio, ciclo, plantillas))

    resumen = Resumen(carpeta=final, legajos=sum(not e.es_flujograma for e in encargos),
                      pendientes=sum(bool(e.faltan) for e in encargos))
    temporal = carpeta_temporal(final)
    try:
        por_hacer = []
        for encargo in encargos:
            anterior = final / encargo.carpeta
            marca = anterior.parent / f".{encargo.carpeta}.huella" if encargo.es_flujograma else anterior / ".huella"
            if anterior.exists() and _huella_anterior(marca) == encargo.huella:
                _reutilizar(anterior, temporal / encargo.carpeta)
                if encargo.es_flujograma:
                    _reutilizar(marca, temporal / marca.name)
                resumen.reutilizados += not encargo.es_flujograma
            else:
                por_hacer.append(encargo)
        progreso = Progreso(sum(not e.es_flujograma for e in por_hacer), silencioso)
        for encargo, (archivos, paginas) in _ejecutar_todos(por_hacer, temporal, trabajos):
            resumen.archivos += archivos
            resumen.paginas += paginas
            if encargo.es_flujograma:
                (temporal / f".{encargo.carpeta}.huella").write_text(encargo.huella + "\n", encoding="utf-8")
            else:
                progreso.avanzar()
        parcial = solo is not None or fragmento is not None
        if parcial and final.is_dir():
            for nuevo in temporal.iterdir():
                reemplazar_carpeta(nuevo, final / nuevo.name)
        else:
            reemplazar_carpeta(temporal, final)
    finally:
        shutil.rmtree(temporal, ignore_errors=True)
    return resumen


def _ejecutar_todos(encargos: list[Encargo], temporal: Path, trabajos: int):
    if trabajos <= 1 or len(encargos) <= 1:
        from .motor import Motor
        motor = Motor()
        for encargo in encargos:
            yield encargo, ejecutar(motor, encargo, temporal / encargo.carpeta)
        return
    # multiprocessing.Pool y no ProcessPoolExecutor: en Python 3.11 a 3.13 este se bloquea al renovar
    # procesos con max_tasks_per_child (CPython gh-115634). «forkserver»: un servidor de un solo hilo que
    # ya importó WeasyPrint crea los procesos; cada uno arma su motor (fuentes y estilos) una vez.
    contexto = multiprocessing.get_context("forkserver")
    contexto.set_forkserver_preload(["generador.anexos.legajo", "generador.anexos.motor"])
    with contexto.Pool(trabajos, initializer=_iniciar_proceso, maxtasksperchild=ENCARGOS_POR_PROCESO) as grupo:
        tareas = [(e, str(temporal / e.carpeta)) for e in encargos]
        yield from grupo.imap_unordered(_ejecutar_en_proceso_tupla, tareas)
