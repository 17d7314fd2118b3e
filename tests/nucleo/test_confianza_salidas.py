"""Confianza (1): ninguna salida pisa los datos, ningún corte deja restos, ningún fallo da una traza.

Cada caso corre la orden como la correría un usuario (en este proceso con `correr`, o como proceso
aparte cuando hay señales, procesos o discos de por medio) y comprueba el código de salida, el
mensaje y que ningún archivo de entrada cambió (resumen SHA-256 de todo el árbol antes y después).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import RAIZ, correr, editar

UN_SERVIDOR = "cabrera-soto-milagros"


def huellas(raiz: Path) -> dict[str, str]:
    """Resumen de cada archivo bajo `raiz` (incluidos .git y los ocultos; no la caché de lectura, que
    es del programa)."""
    return {p.relative_to(raiz).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(raiz.rglob("*")) if p.is_file() and ".cache" not in p.relative_to(raiz).parts}


@pytest.fixture
def repositorio(ejemplo):
    """La carpeta actual es un repositorio git con los datos del ejemplo."""
    raiz = ejemplo.parent
    subprocess.run(["git", "init", "-q", str(raiz)], check=True)
    return raiz


# --- 1. Las salidas nunca tocan las entradas ------------------------------------------------------

SALIDAS_PELIGROSAS = [
    (["sitio", "--salida", "."], "es la carpeta actual"),
    (["sitio", "--salida", "datos"], "es la carpeta de datos"),
    (["sitio", "--salida", ".."], "contiene la carpeta de datos"),
    (["pdf", "--salida", "datos/ciclos"], "está dentro de la carpeta de datos"),
    (["pdf", "--salida", "."], "es la carpeta actual"),
    (["calificar", "--formato", "csv", "--salida", "datos/entidad.yaml"], "está dentro de la carpeta de datos"),
    (["exportar", "--salida", "datos/entidad.yaml"], "está dentro de la carpeta de datos"),
    (["informe", "--salida", "datos/entidad.yaml"], "está dentro de la carpeta de datos"),
    (["informe", "--salida", "datos"], "es la carpeta de datos"),
    (["sitio", "--salida", ".git/sitio"], "está dentro de .git"),
    (["calificar", "--salida", "datos/ciclos/2024/servidores/x.txt"], "está dentro de la carpeta de datos"),
    (["calificar", "--formato", "csv", "--salida", "notas.yaml"], "debe terminar en .csv"),
    (["exportar", "--salida", "Makefile"], "debe terminar en .xlsx"),
    (["calificar", "--formato", "json", "--salida", "ajena"], "es una carpeta"),
    (["informe", "--salida", "ajena"], "es una carpeta"),
    (["sitio", "--salida", "ajena"], "no la creó el generador"),
    (["pdf", "--salida", "ajena"], "no la creó el generador"),
]


@pytest.mark.parametrize("argumentos, mensaje", SALIDAS_PELIGROSAS, ids=[" ".join(a) for a, _ in SALIDAS_PELIGROSAS])
def test_una_salida_peligrosa_se_rechaza_sin_tocar_nada(repositorio, argumentos, mensaje):
    ajena = repositorio / "ajena"
    ajena.mkdir()
    (ajena / "tesis.docx").write_bytes(b"un archivo del usuario")
    antes = huellas(repositorio)
    corrida = correr(*argumentos)
    assert corrida.codigo == 2, corrida.errores
    assert f"generador {argumentos[0]}: error: " in corrida.errores and mensaje in corrida.errores, corrida.errores
    assert huellas(repositorio) == antes


def test_una_salida_del_generador_se_reemplaza(ejemplo, tmp_path):
    """La carpeta que el generador creó lleva su marca y se puede reconstruir; una de una versión
    anterior (sin marca) se reconoce por su forma."""
    assert correr("sitio", "--salida", "salida/sitio").codigo == 0
    assert (tmp_path / "salida/sitio/.generador-salida").is_file()
    (tmp_path / "salida/sitio/.generador-salida").unlink()
    assert correr("sitio", "--salida", "salida/sitio").codigo == 0
    assert correr("pdf", "--solo", UN_SERVIDOR, "-j", "1", "--silencioso", "--salida", "salida/pdf").codigo == 0
    assert (tmp_path / "salida/pdf/.generador-salida").is_file()
    assert correr("pdf", "--solo", UN_SERVIDOR, "-j", "1", "--silencioso", "--salida", "salida/pdf").codigo == 0


def test_el_sitio_no_escribe_dentro_del_proyecto(ejemplo, tmp_path):
    proyecto = tmp_path / "proyecto"
    proyecto.mkdir()
    shutil.copy(RAIZ / "mkdocs.yml", proyecto / "mkdocs.yml")
    shutil.copytree(RAIZ / "sitio", proyecto / "sitio", ignore=shutil.ignore_patterns("generado"))
    antes = huellas(proyecto)
    corrida = correr("sitio", "--salida", "salida/sitio", "--proyecto", str(proyecto))
    assert corrida.codigo == 0, corrida.errores
    assert huellas(proyecto) == antes and not (proyecto / "sitio/generado").exists()
    assert (tmp_path / "salida/sitio/generado/participantes.html").is_file()
    assert [p.name for p in (tmp_path / "salida").iterdir()] == ["sitio"]  # ningún temporal quedó al lado


@pytest.mark.parametrize("ciclo", ["../fuera", "/tmp/fuera-del-repositorio", "a/b", "..", ".oculto", "2026\nx"])
def test_nuevo_ciclo_solo_acepta_un_nombre_de_carpeta(ejemplo, tmp_path, ciclo):
    antes = huellas(tmp_path)
    corrida = correr("nuevo", "--ciclo", ciclo, "--inicio", "2026-03-02", "--fin", "2027-03-31")
    assert corrida.codigo == 2
    assert "--ciclo: el ciclo es el nombre de una carpeta dentro de ciclos/" in corrida.errores
    assert huellas(tmp_path) == antes
    assert not Path("/tmp/fuera-del-repositorio").exists()
    assert corrida.salida == ""


# --- 2. Sin trazas: defectos, disco lleno, solo lectura -------------------------------------------

def test_un_defecto_es_una_linea_sin_datos_y_la_traza_solo_con_depurar(ejemplo, monkeypatch):
    from generador import ordenes

    def falla(*_argumentos, **_opciones):
        raise ValueError("41234567 Rosa Quispe Mamani 87.50")  # lo que un defecto podría arrastrar

    monkeypatch.setattr(ordenes, "validar_datos", falla)
    corrida = correr("validar")
    assert corrida.codigo == 4
    assert corrida.lineas_error == [
        "generador validar: error interno (ValueError en generador/ordenes.py:"
        f"{_linea(ordenes.validar, 'validar_datos(')}): es un defecto del programa, no de sus datos; no se escribió nada "
        "a medias. Repita la orden con --depurar y envíe la traza a quien mantiene el generador (revísela antes: "
        "puede contener datos personales)."]
    depurada = correr("validar", "--depurar")
    assert depurada.codigo == 4 and "Traceback" in depurada.errores and "41234567" in depurada.errores


def _linea(funcion, texto: str) -> int:
    import inspect
    lineas, inicio = inspect.getsourcelines(funcion)
    return inicio + next(i for i, linea in enumerate(lineas) if texto in linea)


def test_disco_lleno_al_escribir_un_archivo_deja_el_anterior(ejemplo, tmp_path, monkeypatch):
    import errno
    from generador import escritura

    assert correr("calificar", "--formato", "csv", "--salida", "notas.csv").codigo == 0
    anterior = (tmp_path / "notas.csv").read_bytes()
    original = escritura.os.replace

    def sin_espacio(origen, destino):
        raise OSError(errno.ENOSPC, "No space left on device", str(destino))

    monkeypatch.setattr(escritura.os, "replace", sin_espacio)
    corrida = correr("calificar", "--formato", "json", "--salida", "notas.json")
    monkeypatch.setattr(escritura.os, "replace", original)
    assert corrida.codigo == 3
    assert "generador calificar: error: no queda espacio en el disco en «notas.json»" in corrida.errores
    assert "Traceback" not in corrida.errores
    assert (tmp_path / "notas.csv").read_bytes() == anterior
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "datos", "notas.csv"]  # sin temporales


# --- 3. Procesos aparte: señales, restos de una corrida matada, disco lleno de verdad ------------

def _entorno() -> dict:
    return {**os.environ, "PYTHONPATH": str(RAIZ), "PYTHONDONTWRITEBYTECODE": "1"}


_LANZADOS: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _sin_procesos_huerfanos():
    """Si una prueba falla a mitad, su proceso (y los que creó) no queda corriendo."""
    yield
    while _LANZADOS:
        proceso = _LANZADOS.pop()
        if proceso.poll() is None:
            os.killpg(proceso.pid, signal.SIGKILL)
            proceso.wait()


def _generador(*argumentos: str, cwd: Path) -> subprocess.Popen:
    proceso = subprocess.Popen([sys.executable, "-m", "generador", *argumentos], cwd=cwd, env=_entorno(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _LANZADOS.append(proceso)
    return proceso


def _esperar(condicion, limite: float = 120) -> None:
    fin = time.monotonic() + limite
    while not condicion():
        assert time.monotonic() < fin, "la condición no se cumplió a tiempo"
        time.sleep(0.05)


def _temporales(carpeta: Path) -> list[Path]:
    return sorted(p for p in carpeta.glob(".*.tmp-*")) if carpeta.is_dir() else []


def _legajo_a_medias(carpeta: Path) -> bool:
    return any(any(t.glob("*/*.pdf")) for t in _temporales(carpeta))


@pytest.mark.parametrize("senal, trabajos, codigo, mensaje", [
    (signal.SIGINT, "1", 130, "generador pdf: interrumpido; las salidas anteriores quedan como estaban"),
    (signal.SIGINT, "2", 130, "generador pdf: interrumpido; las salidas anteriores quedan como estaban"),
    (signal.SIGTERM, "1", 143, "generador pdf: terminado por una señal (15); las salidas anteriores quedan como estaban"),
    (signal.SIGTERM, "2", 143, "generador pdf: terminado por una señal (15); las salidas anteriores quedan como estaban"),
])
def test_una_senal_a_media_construccion_no_deja_restos(ejemplo, tmp_path, senal, trabajos, codigo, mensaje):
    """Ctrl-C en una terminal llega a todo el grupo de procesos (también a los de PDF); SIGTERM, solo al
    principal (así termina un trabajo de CI cancelado)."""
    assert correr("pdf", "--solo", UN_SERVIDOR, "-j", "1", "--silencioso", "--salida", "salida").codigo == 0
    antes = huellas(tmp_path)
    proceso = _generador("pdf", "-j", trabajos, "--silencioso", "--salida", "salida", cwd=tmp_path)
    _esperar(lambda: _legajo_a_medias(tmp_path / "salida"))
    if senal == signal.SIGINT:
        os.killpg(proceso.pid, senal)
    else:
        proceso.send_signal(senal)
    _, errores = proceso.communicate(timeout=60)
    # 128 + N, o la muerte por la misma señal, que la terminal y la CI informan igual (`$?` = 128 + N): pasó
    # una vez con Ctrl-C, ya escrito el mensaje y borrados los temporales (CPython re-lanza SIGINT al salir).
    assert proceso.returncode in (codigo, -senal), errores
    assert errores.strip().splitlines()[-1] == mensaje, errores
    assert "Traceback" not in errores, errores
    assert _temporales(tmp_path / "salida") == []
    assert huellas(tmp_path) == antes  # los datos y el legajo de la corrida anterior, intactos


def test_los_restos_de_una_corrida_matada_se_borran_en_la_siguiente(ejemplo, tmp_path):
    proceso = _generador("pdf", "-j", "1", "--silencioso", "--salida", "salida", cwd=tmp_path)
    _esperar(lambda: _legajo_a_medias(tmp_path / "salida"))
    os.killpg(proceso.pid, signal.SIGKILL)  # como un corte de luz: nadie puede limpiar
    proceso.communicate(timeout=30)
    restos = _temporales(tmp_path / "salida")
    assert restos, "la corrida matada debía dejar su temporal"
    corrida = correr("pdf", "--solo", UN_SERVIDOR, "-j", "1", "--silencioso", "--salida", "salida")
    assert corrida.codigo == 0, corrida.errores
    assert _temporales(tmp_path / "salida") == []
    assert (tmp_path / "salida/2024" / UN_SERVIDOR / "legajo.pdf").is_file()


def _descendientes(pid: int) -> list[int]:
    padres: dict[int, int] = {}
    for entrada in Path("/proc").iterdir():
        if entrada.name.isdigit():
            try:
                padres[int(entrada.name)] = int((entrada / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    hijos, pendientes = [], [pid]
    while pendientes:
        actual = pendientes.pop()
        nuevos = [p for p, padre in padres.items() if padre == actual]
        hijos += nuevos
        pendientes += nuevos
    return hijos


def test_un_proceso_de_pdf_que_muere_hace_fallar_la_construccion_enseguida(ejemplo, tmp_path):
    proceso = _generador("pdf", "-j", "2", "--silencioso", "--salida", "salida", cwd=tmp_path)
    _esperar(lambda: _legajo_a_medias(tmp_path / "salida"))
    servidores = [p for p in _descendientes(proceso.pid)
                  if "forkserver" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")]
    trabajadores = [p for s in servidores for p in _descendientes(s)]  # los procesos del grupo
    assert trabajadores, _descendientes(proceso.pid)
    os.kill(trabajadores[0], signal.SIGKILL)
    _, errores = proceso.communicate(timeout=60)  # antes: esperaba para siempre
    assert proceso.returncode == 3, errores
    assert "generador pdf: error: un proceso que compone los PDF terminó de forma inesperada (señal 9" in errores
    assert _temporales(tmp_path / "salida") == []


def test_sin_plantillas_los_procesos_no_se_recrean_para_siempre(ejemplo, tmp_path):
    """Un generador instalado sin sus plantillas: antes cada proceso moría al arrancar y el grupo lo
    volvía a crear sin fin, sin un mensaje."""
    instalado = tmp_path / "instalado"
    shutil.copytree(RAIZ / "generador", instalado / "generador", ignore=shutil.ignore_patterns("__pycache__"))
    for trabajos in ("1", "2"):
        corrida = subprocess.run([sys.executable, "-m", "generador", "pdf", "-j", trabajos, "--silencioso",
                                  "--salida", "salida"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                                 env={**_entorno(), "PYTHONPATH": str(instalado)})
        assert corrida.returncode == 3, corrida.stderr
        # Sin el repositorio alrededor, las plantillas se buscan dentro del paquete (generador/recursos.py).
        assert f"faltan las plantillas de los PDF en {instalado / 'generador' / '_recursos' / 'plantillas'}" in corrida.stderr
        assert "Traceback" not in corrida.stderr


def _puede_montar() -> bool:
    if shutil.which("unshare") is None:
        return False
    prueba = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"], capture_output=True)
    return prueba.returncode == 0


montaje = pytest.mark.skipif(not _puede_montar(), reason="sin espacios de nombres de usuario (unshare -rm) para "
                                                          "montar un disco pequeño")


def _en_disco_pequeno(tmp_path: Path, tamano: str, orden: str, *, solo_lectura: bool = False):
    disco = tmp_path / "disco"
    disco.mkdir(exist_ok=True)
    guion = (f"mount -t tmpfs -o size={tamano} none {disco} && mkdir -p {disco}/salida && "
             f"{'mount -o remount,ro ' + str(disco) + ' && ' if solo_lectura else ''}"
             f"{sys.executable} -m generador {orden}; codigo=$?; "
             f"echo; echo \"quedan: $(find {disco} -name '.*.tmp-*' | wc -l) temporales, "
             f"$(du -sk {disco} | cut -f1) KiB\"; exit $codigo")
    return subprocess.run(["unshare", "-rm", "sh", "-c", guion], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env=_entorno())


@montaje
@pytest.mark.parametrize("trabajos", ["1", "2"])
def test_disco_lleno_de_verdad(ejemplo, tmp_path, trabajos):
    """Antes: con -j 1 qpdf abortaba en C++ (código 134) y con -j 2 el temporal quedaba ocupando el disco."""
    antes = huellas(ejemplo)
    corrida = _en_disco_pequeno(tmp_path, "1m", f"pdf -j {trabajos} --silencioso --salida disco/salida/pdf")
    assert corrida.returncode == 3, corrida.stderr
    assert "Traceback" not in corrida.stderr and "Aborted" not in corrida.stderr
    assert ("no queda espacio en el disco" in corrida.stderr
            or "terminó de forma inesperada" in corrida.stderr), corrida.stderr
    quedan = corrida.stdout.strip().splitlines()[-1]
    assert quedan.startswith("quedan: 0 temporales"), quedan
    assert int(quedan.split(", ")[1].split()[0]) < 64  # el disco lleno quedó vacío de nuevo
    assert huellas(ejemplo) == antes


@montaje
def test_carpeta_de_solo_lectura(ejemplo, tmp_path):
    corrida = _en_disco_pequeno(tmp_path, "1m", "calificar --formato csv --salida disco/salida/notas.csv",
                                solo_lectura=True)
    assert corrida.returncode == 3, corrida.stderr
    assert ("generador calificar: error: no se puede escribir en «" in corrida.stderr
            and "la carpeta es de solo lectura o no tiene permiso" in corrida.stderr), corrida.stderr
    assert "Traceback" not in corrida.stderr


def test_un_texto_con_saltos_de_linea_no_finge_otro_diagnostico(ejemplo):
    """Un valor citado en un mensaje se muestra en una sola línea, con sus saltos escritos como «\\n»."""
    ciclo = ejemplo / "ciclos/2024/ciclo.yaml"
    editar(ciclo, "politica: imarpe-2018", 'politica: "imarpe-2018\\ndatos/x.yaml:1:1: error: falso"')
    corrida = correr("validar")
    assert corrida.codigo == 1
    assert not [linea for linea in corrida.lineas_error if linea.startswith("datos/x.yaml")]
    assert any("imarpe-2018\\ndatos/x.yaml:1:1: error: falso" in linea for linea in corrida.lineas_error)


@pytest.mark.parametrize("orden", [["pdf", "-j", "1"], ["pdf", "-j", "2"], ["informe"]], ids=" ".join)
def test_ninguna_orden_deja_temporales_en_el_sistema(ejemplo, tmp_path, orden):
    """WeasyPrint copia las fuentes a una carpeta temporal que los procesos del grupo no borraban (1,6 MB
    por proceso y corrida, para siempre en /tmp)."""
    temporales = tmp_path / "tmp"
    temporales.mkdir()
    argumentos = [*orden, "--salida", "salida/x.pdf" if orden[0] == "informe" else "salida"]
    if orden[0] == "pdf":
        argumentos += ["--silencioso", "--solo", UN_SERVIDOR, "flores-aguirre-jesus", "gonzales-nique-patricia"]
    corrida = subprocess.run([sys.executable, "-m", "generador", *argumentos], cwd=tmp_path, capture_output=True,
                             text=True, timeout=300, env={**_entorno(), "TMPDIR": str(temporales)})
    assert corrida.returncode == 0, corrida.stderr
    assert list(temporales.iterdir()) == []
    assert _temporales(tmp_path / "salida") == []


def test_un_registro_que_cambia_durante_la_construccion_no_se_adjunta(ejemplo, tmp_path, monkeypatch):
    """El YAML adjunto a cada legajo es el que se validó y calificó, byte a byte: si el archivo cambia
    entre la validación y la impresión, no se escribe nada."""
    from generador import ordenes

    validar = ordenes.validar_datos
    registro = ejemplo / "ciclos/2024/servidores" / f"{UN_SERVIDOR}.yaml"

    def validar_y_luego_cambiar(*argumentos, **opciones):
        resultado = validar(*argumentos, **opciones)
        registro.write_text(registro.read_text(encoding="utf-8") + "# otra versión\n", encoding="utf-8")
        return resultado

    monkeypatch.setattr(ordenes, "validar_datos", validar_y_luego_cambiar)
    corrida = correr("pdf", "--solo", UN_SERVIDOR, "-j", "1", "--silencioso", "--salida", "salida")
    assert corrida.codigo == 1
    assert corrida.lineas_error[-1] == (f"generador pdf: error: «datos/ciclos/2024/servidores/{UN_SERVIDOR}.yaml» cambió "
                                        "mientras se trabajaba con él: repita la orden; los PDF anteriores quedan como "
                                        "estaban")
    assert not (tmp_path / "salida/2024").exists() and _temporales(tmp_path / "salida") == []
