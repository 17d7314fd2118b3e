"""El generador instalado como paquete, fuera de su repositorio, en el repositorio de una entidad.

Antes: la rueda no llevaba las plantillas ni el portal; `generador pdf` no terminaba nunca y `generador sitio`
decía «no hay mkdocs.yml en …/site-packages». Aquí se construye la rueda desde una copia del repositorio, se
instala en un entorno nuevo (las dependencias se toman del entorno de las pruebas, sin descargar nada) y se
usa desde una carpeta de entidad creada con `generador iniciar`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from pypdf import PdfReader
from ruamel.yaml import YAML

from conftest import RAIZ

IGNORAR = shutil.ignore_patterns(".git", ".venv", "salida", ".cache", "build", "dist", "*.egg-info", "__pycache__",
                                 ".hypothesis", ".pytest_cache", "generado")


def _correr(*orden, cwd: Path, codigo: int = 0) -> subprocess.CompletedProcess:
    entorno = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    hecho = subprocess.run([str(o) for o in orden], cwd=cwd, capture_output=True, text=True, env=entorno, timeout=600)
    assert hecho.returncode == codigo, (orden, hecho.stdout, hecho.stderr)
    return hecho


def _texto(ruta: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(ruta).pages).split())


@pytest.fixture(scope="module")
def instalado(tmp_path_factory) -> Path:
    """El `bin/` de un entorno nuevo con la rueda del generador instalada."""
    base = tmp_path_factory.mktemp("paquete")
    fuente = base / "fuente"
    shutil.copytree(RAIZ, fuente, ignore=IGNORAR)
    _correr(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", base / "rueda",
            fuente, cwd=base)
    rueda = next((base / "rueda").glob("generador_rendimiento-*.whl"))
    entorno = base / "entorno"
    _correr(sys.executable, "-m", "venv", entorno, cwd=base)
    _correr(entorno / "bin/python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", rueda, cwd=base)
    # Las dependencias (WeasyPrint, MkDocs…) son las del entorno de las pruebas: una ruta más, sin su .pth
    # (que instalaría el generador editable de este repositorio).
    propio = Path(_correr(entorno / "bin/python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                          cwd=base).stdout.strip())
    (propio / "dependencias.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return entorno / "bin"


def test_la_rueda_lleva_plantillas_portal_y_configuracion(instalado):
    ubicacion = _correr(instalado / "python", "-c", "import generador, generador.recursos as r; "
                        "print(generador.__file__); print(r.base())", cwd=instalado).stdout.split()
    assert ubicacion[0].startswith(str(instalado.parent)) and not ubicacion[0].startswith(str(RAIZ))
    base = Path(ubicacion[1])
    assert base.name == "_recursos"
    for relativa in ("mkdocs.yml", "plantillas/estilos.css", "plantillas/anexo1.html.j2",
                     "plantillas/fuentes/LiberationSans-Regular.ttf", "plantillas/iniciar/entidad.yaml.j2",
                     "sitio/index.md", "sitio/overrides/confianza.py", "sitio/recursos/portal.js"):
        assert (base / relativa).is_file(), relativa
        origen = RAIZ / relativa
        assert (base / relativa).read_bytes() == origen.read_bytes(), relativa
    assert not (base / "sitio/generado").exists()


def test_una_entidad_iniciada_valida_imprime_y_publica_desde_su_repositorio(instalado, tmp_path):
    generador = instalado / "generador"
    _correr(generador, "iniciar", "entidad", "--nombre", "Municipalidad <b>Distrital</b> de Ejemplo", "--siglas", "MDE",
            "--ciclo", "2026", cwd=tmp_path)
    entidad = tmp_path / "entidad"
    assert {p.relative_to(entidad).as_posix() for p in entidad.rglob("*") if p.is_file()} >= {
        "datos/entidad.yaml", "datos/ciclos/2026/ciclo.yaml", "esquemas/registro.schema.json", "README.md",
        ".pre-commit-config.yaml", ".github/workflows/rendimiento.yml", "requisitos.txt", ".gitignore"}
    # La línea del editor apunta a la copia de los esquemas del propio repositorio, no al paquete instalado.
    primera = (entidad / "datos/ciclos/2026/ciclo.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert primera == "# yaml-language-server: $schema=../../../esquemas/ciclo.schema.json"
    # El nombre llega tal cual a entidad.yaml y escapado al README (Markdown).
    assert YAML(typ="safe").load(entidad / "datos/entidad.yaml")["entidad"]["nombre"] == "Municipalidad <b>Distrital</b> de Ejemplo"
    assert "Municipalidad &lt;b&gt;Distrital&lt;/b&gt; de Ejemplo" in (entidad / "README.md").read_text(encoding="utf-8")
    assert "errores" in _correr(generador, "validar", cwd=entidad).stderr

    # Una página y una plantilla propias reemplazan a las del generador.
    (entidad / "sitio").mkdir()
    (entidad / "sitio/guia.md").write_text("# Guía de la MDE\n\nTexto propio de la entidad.\n", encoding="utf-8")
    (entidad / "plantillas").mkdir()
    plantilla = (RAIZ / "plantillas/anexo7.html.j2").read_text(encoding="utf-8")
    (entidad / "plantillas/anexo7.html.j2").write_text(
        plantilla.replace("{% block contenido %}", "{% block contenido %}<p>Versión de la MDE</p>"), encoding="utf-8")
    _correr(generador, "pdf", "-j", "2", cwd=entidad)
    flujograma = entidad / "salida/pdf/2026/anexo-7-flujograma.pdf"
    assert "Versión de la MDE" in _texto(flujograma)
    _correr(generador, "sitio", cwd=entidad)
    sitio = entidad / "salida/sitio"
    assert "Texto propio de la entidad." in (sitio / "guia.html").read_text(encoding="utf-8")
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]*MDE[^<]*</title>", inicio) and "Content-Security-Policy" in inicio


def test_el_paquete_instalado_imprime_los_anexos_de_un_ciclo_completo(instalado, tmp_path):
    """Los Anexos de un servidor (no solo el flujograma): las plantillas de todos los formatos viajan en la rueda."""
    shutil.copytree(RAIZ / "tests/datos/ejemplo", tmp_path / "datos")
    _correr(instalado / "generador", "pdf", "--solo", "quispe-mamani-rosa", "-j", "1", cwd=tmp_path)
    carpeta = next((tmp_path / "salida/pdf").glob("*/quispe-mamani-rosa"))
    assert {"anexo-1.pdf", "anexo-4.pdf", "legajo.pdf"} <= {p.name for p in carpeta.iterdir()}
    assert "FIJACIÓN DE FACTORES DE EVALUACIÓN" in _texto(carpeta / "anexo-1.pdf")


def test_una_plantilla_que_falta_en_la_instalacion_detiene_la_construccion_con_su_nombre(instalado, tmp_path):
    """Un proceso de PDF sin su plantilla no deja la construcción colgada ni da una traza: la detiene en
    segundos, nombra la plantilla y deja la salida anterior como estaba (código 3: el entorno, no los datos)."""
    shutil.copytree(RAIZ / "tests/datos/ejemplo", tmp_path / "datos")
    base = Path(_correr(instalado / "python", "-c", "import generador.recursos as r; print(r.base())",
                        cwd=tmp_path).stdout.strip())
    _correr(instalado / "generador", "pdf", "--solo", "quispe-mamani-rosa", "-j", "1", cwd=tmp_path)
    antes = {p: p.read_bytes() for p in (tmp_path / "salida").rglob("*") if p.is_file()}
    plantilla = base / "plantillas/anexo3.html.j2"
    guardada = plantilla.read_bytes()
    plantilla.unlink()
    try:
        for trabajos in ("1", "2"):
            hecho = _correr(instalado / "generador", "pdf", "--sin-cache", "-j", trabajos, cwd=tmp_path, codigo=3)
            assert hecho.stderr.splitlines()[-1] == (
                "generador pdf: error: falta la plantilla «anexo3.html.j2» de los PDF: la instalación del generador "
                "está incompleta (reinstálelo); los PDF anteriores quedan como estaban"), hecho.stderr
            assert "Traceback" not in hecho.stderr
            assert {p: p.read_bytes() for p in (tmp_path / "salida").rglob("*") if p.is_file()} == antes
    finally:
        plantilla.write_bytes(guardada)
