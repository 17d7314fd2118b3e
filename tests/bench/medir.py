"""`make bench`: velocidad y memoria de la construcción, sobre una entidad sintética.

Imprime una tabla: N, procesos, páginas, segundos, páginas por segundo, la razón
frente a WeasyPrint solo (el mismo HTML, los mismos procesos, cada uno con
estilos y fuentes cargados una vez; solo la composición y escritura, sin leer
datos) y frente a una construcción ingenua (un proceso entero que lee y valida
los datos como `generador pdf` y compone cada Anexo como documento propio y el
legajo otra vez), la
memoria del proceso más grande, la reconstrucción tras cambiar un registro y
`validar` en frío y con caché. Cada cifra es la mediana de varias corridas.

Uso: make bench   (o: python tests/bench/medir.py --n 100 --corridas 3 --n-validar 10000)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

GENERADOR = [sys.executable, "-m", "generador"]


def _correr(orden: list[str]) -> float:
    inicio = time.perf_counter()
    subprocess.run(orden, check=True, capture_output=True)
    return time.perf_counter() - inicio


def _memoria_hijos_mb() -> float:
    """Memoria máxima (RSS) del proceso hijo más grande hasta ahora."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _encargos(datos: Path):
    from generador.anexos.legajo import huella_plantillas
    from generador.modelos.servir.anexos.legajo import preparar_servidor
    from generador.diagnosticos import Informe
    from generador.validacion import validar
    repositorio, resultados = validar(datos, Informe())
    ciclo = repositorio.ultimo()
    plantillas = huella_plantillas()
    return [preparar_servidor(repositorio, ciclo, r, plantillas) for r in resultados[ciclo.carpeta].values()]


# --- WeasyPrint solo y construcción ingenua (en procesos como los del generador) ---------------------
_ESTADO: dict = {}


def _iniciar():
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from generador.anexos.motor import PLANTILLAS, LectorLocal, Motor
    fuentes = FontConfiguration()
    lector = LectorLocal(PLANTILLAS)
    _ESTADO.update(fuentes=fuentes, lector=lector, motor=Motor(),
                   css=CSS(filename=str(PLANTILLAS / "estilos.css"), url_fetcher=lector, font_config=fuentes))


def _weasyprint_solo(tarea):
    """Solo WeasyPrint: cada HTML (ya escrito) a su PDF, nada más."""
    from weasyprint import HTML
    from generador.anexos.motor import PLANTILLAS
    html, destino = tarea
    HTML(string=html, base_url=PLANTILLAS.as_uri() + "/", url_fetcher=_ESTADO["lector"]).write_pdf(
        destino, stylesheets=[_ESTADO["css"]], font_config=_ESTADO["fuentes"], pdf_variant="pdf/a-3b")
    return 1


def _ingenuo(tarea):
    """Construcción ingenua: cada Anexo compuesto y escrito como documento propio, y el legajo compuesto y
    escrito otra vez entero (sin reutilizar nada de lo anterior)."""
    from generador.anexos.legajo import _preparar
    encargo, destino = tarea
    motor, ctx, destino = _ESTADO["motor"], encargo.contexto, Path(destino)
    destino.mkdir(parents=True)
    disponibles = [d for d in encargo.documentos if d.disponible]

    def componer(documento):
        return motor.documento(documento.plantilla, _preparar(encargo, ctx, documento.plantilla, documento.titulo, documento.datos))

    for documento in disponibles:
        motor.escribir(componer(documento), destino / f"{documento.clave}.pdf", encargo.adjunto, ctx["fecha"])
    portada = motor.documento("portada.html.j2", _preparar(encargo, ctx, "portada.html.j2", "Legajo",
                                                           {"contenido": [], "faltan": encargo.faltan}))
    paginas = list(portada.pages) + [p for d in disponibles for p in componer(d).pages]
    motor.escribir(portada.copy(paginas), destino / "legajo.pdf", encargo.adjunto, ctx["fecha"])
    return 1


def _html_de(encargos) -> list[str]:
    from generador.anexos.legajo import _preparar
    from generador.anexos.motor import Motor
    motor, htmls = Motor(), []
    for encargo in encargos:
        for documento in encargo.documentos:
            if documento.disponible:
                htmls.append(motor.html(documento.plantilla, _preparar(encargo, encargo.contexto, documento.plantilla,
                                                                       documento.titulo, documento.datos)))
        htmls.append(motor.html("portada.html.j2", _preparar(encargo, encargo.contexto, "portada.html.j2", "Legajo",
                                                             {"contenido": [], "faltan": encargo.faltan})))
    return htmls


def _pool(funcion, tareas, trabajos: int) -> float:
    contexto = multiprocessing.get_context("forkserver")
    inicio = time.perf_counter()
    with contexto.Pool(trabajos, initializer=_iniciar) as grupo:
        for _ in grupo.imap_unordered(funcion, tareas):
            pass
    return time.perf_counter() - inicio


def construccion_ingenua(datos: Path, salida: Path, trabajos: int) -> None:
    """Una construcción ingenua entera, como proceso propio: lee y valida los datos igual que `generador pdf`
    (la misma validación y preparación) y compone cada Anexo dos veces (suelto y otra vez en el legajo)."""
    encargos = _encargos(datos)
    _pool(_ingenuo, [(e, str(salida / e.carpeta)) for e in encargos], trabajos)


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--ingenuo":
        construccion_ingenua(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description="Mide la construcción de PDF y la validación.")
    parser.add_argument("--n", type=int, default=100, help="servidores de la entidad sintética para los PDF")
    parser.add_argument("--trabajos", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corridas", type=int, default=3)
    parser.add_argument("--n-validar", type=int, default=10_000, help="servidores para medir validar (0: no se mide)")
    parser.add_argument("--sin-referencias", action="store_true",
                        help="no medir WeasyPrint solo ni la construcción ingenua (para N grandes: memoria)")
    argumentos = parser.parse_args()
    nucleos = os.cpu_count()
    base = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        datos = base / "datos"
        subprocess.run(GENERADOR + ["sintetico", "--n", str(argumentos.n), "--salida", str(datos)], check=True, capture_output=True)
        filas, mediana_j = [], {}
        paginas = 0
        for trabajos in argumentos.trabajos:
            tiempos = []
            for _ in range(argumentos.corridas):
                salida = base / f"salida-{trabajos}"
                shutil.rmtree(salida, ignore_errors=True)
                tiempos.append(_correr(GENERADOR + ["pdf", "--datos", str(datos), "--salida", str(salida), "-j", str(trabajos),
                                                    "--silencioso", "--sin-cache"]))
            paginas = sum(len(PdfReader(p).pages) for p in (base / f"salida-{trabajos}").rglob("legajo.pdf"))
            mediana_j[trabajos] = statistics.median(tiempos)
            filas.append((trabajos, mediana_j[trabajos], min(tiempos), max(tiempos)))
        memoria = _memoria_hijos_mb()

        maximo = max(argumentos.trabajos)
        encargos = _encargos(datos)
        htmls = _html_de(encargos)
        solo, ingenuo = [], []
        for corrida in range(0 if argumentos.sin_referencias else argumentos.corridas):
            carpeta = base / f"solo-{corrida}"
            carpeta.mkdir()
            solo.append(_pool(_weasyprint_solo, [(h, str(carpeta / f"{i}.pdf")) for i, h in enumerate(htmls)], maximo))
        for corrida in range(0 if argumentos.sin_referencias else argumentos.corridas):
            carpeta = base / f"ingenuo-{corrida}"
            carpeta.mkdir()
            ingenuo.append(_correr([sys.executable, __file__, "--ingenuo", str(datos), str(carpeta), str(maximo)]))

        # Reconstrucción tras cambiar un registro: validar, PDF y sitio, como `make`.
        salida = base / f"salida-{maximo}"
        registro = sorted((datos / "ciclos/2025/servidores").glob("*.yaml"))[len(encargos) // 2]
        incremental = []
        for corrida in range(argumentos.corridas):
            texto = registro.read_text(encoding="utf-8")
            registro.write_text(texto.replace("comentarios_evaluado: Conforme", f"comentarios_evaluado: Conforme ({corrida})"),
                                encoding="utf-8")
            inicio = time.perf_counter()
            subprocess.run(GENERADOR + ["validar", "--datos", str(datos)], check=True, capture_output=True)
            subprocess.run(GENERADOR + ["pdf", "--datos", str(datos), "--salida", str(salida), "-j", str(maximo), "--silencioso"],
                           check=True, capture_output=True)
            subprocess.run(GENERADOR + ["sitio", "--datos", str(datos), "--salida", str(base / "sitio"), "--proyecto",
                                        str(_proyecto(base))], check=True, capture_output=True)
            incremental.append(time.perf_counter() - inicio)

        grande = base / "grande"
        frio, tibio = [], []
        if argumentos.n_validar:
            subprocess.run(GENERADOR + ["sintetico", "--n", str(argumentos.n_validar), "--salida", str(grande)],
                           check=True, capture_output=True)
        for corrida in range(argumentos.corridas if argumentos.n_validar else 0):
            cache = base / f"cache-{corrida}"
            frio.append(_correr(GENERADOR + ["validar", "--datos", str(grande), "--cache", str(cache)]))
            tibio.append(_correr(GENERADOR + ["validar", "--datos", str(grande), "--cache", str(cache)]))
        memoria_validar = _memoria_hijos_mb()
    finally:
        shutil.rmtree(base, ignore_errors=True)

    mediana_solo = statistics.median(solo) if solo else None
    mediana_ingenuo = statistics.median(ingenuo) if ingenuo else None
    print(f"Máquina: {nucleos} núcleos. Mediana de {argumentos.corridas} corridas (mín–máx entre corchetes).")
    print(f"Entidad sintética: N = {argumentos.n} servidores, {paginas} páginas de legajo.\n")
    print(f"{'N':>6} {'procesos':>9} {'páginas':>8} {'segundos':>22} {'páginas/s':>10} {'÷ WeasyPrint solo':>18} {'× más rápido que ingenuo':>25}")
    for trabajos, mediana, minimo, maximo_t in filas:
        razon_solo = f"{mediana / mediana_solo:.2f}" if trabajos == maximo and solo else "—"
        razon_ingenuo = f"{mediana_ingenuo / mediana:.2f}" if trabajos == maximo and ingenuo else "—"
        print(f"{argumentos.n:>6} {trabajos:>9} {paginas:>8} {f'{mediana:.1f} [{minimo:.1f}–{maximo_t:.1f}]':>22} "
              f"{paginas / mediana:>10.1f} {razon_solo:>18} {razon_ingenuo:>25}")
    print()
    if len(filas) > 1:
        print(f"Rendimiento con {filas[-1][0]} procesos frente a 1: {mediana_j[filas[0][0]] / mediana_j[filas[-1][0]]:.2f} ×")
    if solo:
        print(f"WeasyPrint solo (mismo HTML, {maximo} procesos): {mediana_solo:.1f} s; "
              f"construcción ingenua: {mediana_ingenuo:.1f} s")
    print(f"Memoria del proceso más grande (PDF): {memoria:.0f} MB")
    print(f"Tras cambiar un registro (validar + PDF + sitio), N = {argumentos.n}: {statistics.median(incremental):.1f} s "
          f"[{min(incremental):.1f}–{max(incremental):.1f}]")
    if frio:
        print(f"validar, N = {argumentos.n_validar}: en frío {statistics.median(frio):.1f} s [{min(frio):.1f}–{max(frio):.1f}], "
              f"con caché {statistics.median(tibio):.1f} s [{min(tibio):.1f}–{max(tibio):.1f}]; "
              f"memoria máxima {memoria_validar:.0f} MB")
    return 0


def _proyecto(base: Path) -> Path:
    proyecto = base / "proyecto"
    if not proyecto.exists():
        raiz = Path(__file__).resolve().parents[2]
        proyecto.mkdir()
        shutil.copy(raiz / "mkdocs.yml", proyecto)
        shutil.copytree(raiz / "sitio", proyecto / "sitio", ignore=shutil.ignore_patterns("generado"))
    return proyecto


if __name__ == "__main__":
    raise SystemExit(main())
