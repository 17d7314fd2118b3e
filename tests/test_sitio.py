"""El portal de intranet: se construye en modo estricto, no publica datos personales, no pide nada
fuera de la intranet, muestra como texto lo que venga en los datos y es reproducible."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import DATOS_EMBEBIDOS, RAIZ, correr, editar
from generador.carga import cargar
from generador.diagnosticos import Informe


def copiar_proyecto(destino: Path) -> Path:
    """mkdocs.yml y las páginas escritas a mano (sin las generadas), en una carpeta aparte."""
    destino.mkdir(parents=True, exist_ok=True)
    shutil.copy(RAIZ / "mkdocs.yml", destino / "mkdocs.yml")
    shutil.copytree(RAIZ / "sitio", destino / "sitio", ignore=shutil.ignore_patterns("generado"))
    return destino


def construir(datos: Path, base: Path) -> Path:
    proyecto = copiar_proyecto(base / "proyecto")
    salida = base / "sitio"
    corrida = correr("sitio", "--datos", str(datos), "--salida", str(salida), "--proyecto", str(proyecto))
    assert corrida.codigo == 0, corrida.errores
    return salida


@pytest.fixture(scope="module")
def sitio(tmp_path_factory) -> Path:
    return construir(DATOS_EMBEBIDOS, tmp_path_factory.mktemp("sitio"))


def archivos_de_texto(carpeta: Path):
    for ruta in sorted(carpeta.rglob("*")):
        if ruta.is_file() and ruta.suffix in (".html", ".js", ".json", ".xml", ".css", ".ics", ".txt", ".svg"):
            yield ruta, ruta.read_text(encoding="utf-8", errors="replace")


def test_paginas_del_portal(sitio):
    for pagina in ("index.html", "guia.html", "normativa.html", "generado/cronograma.html", "generado/participantes.html",
                   "generado/cie.html", "generado/junta.html", "generado/flujograma.html", "generado/archivo/index.html",
                   "generado/archivo/2024/cronograma.html", "generado/archivo/2024/junta.html",
                   "generado/cronograma-2025.ics", "search/search_index.js"):
        assert (sitio / pagina).is_file(), pagina
    html = (sitio / "generado/junta.html").read_text(encoding="utf-8")
    assert "Miguel Ángel Rojas Tello" in html  # el designado con rendimiento distinguido en 2025
    assert "Milagros Cabrera Soto" in (sitio / "generado/archivo/2024/junta.html").read_text(encoding="utf-8")
    participantes = (sitio / "generado/participantes.html").read_text(encoding="utf-8")
    assert participantes.count("<tr><td>") == 44
    assert "Quispe Mamani, Rosa Elena" in participantes and "Miguel Ángel Rojas Tello" in participantes


def test_mkdocs_build_strict_por_su_cuenta(tmp_path):
    """Las páginas se escriben antes: `mkdocs build --strict` también construye el sitio."""
    proyecto = copiar_proyecto(tmp_path / "proyecto")
    corrida = correr("sitio", "--datos", str(DATOS_EMBEBIDOS), "--proyecto", str(proyecto), "--solo-paginas")
    assert corrida.codigo == 0, corrida.errores
    proceso = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "html")],
                             cwd=proyecto, capture_output=True, text=True)
    assert proceso.returncode == 0, proceso.stderr
    assert (tmp_path / "html/generado/participantes.html").is_file()


def _datos_personales():
    """Documentos, puntajes, comentarios, evidencias y planes de datos/: nada de eso va al sitio."""
    corrida = correr("calificar", "--datos", str(DATOS_EMBEBIDOS), "--formato", "json")
    puntajes = {f"{v:.2f}" for fila in json.loads(corrida.salida) for k, v in fila.items()
                if k.startswith(("puntaje", "subtotal")) and v is not None and v > 0}
    documentos, textos = set(), set()
    for ruta in sorted(DATOS_EMBEBIDOS.rglob("*.yaml")):
        datos = cargar(ruta, Informe()).datos
        if "servidor" in datos:
            documentos.add(datos["servidor"]["documento"])
            evaluacion, retro = datos.get("evaluacion") or {}, datos.get("retroalimentacion") or {}
            textos |= {evaluacion.get("comentarios_evaluador"), evaluacion.get("comentario_afrh"),
                       retro.get("comentarios_evaluador"), retro.get("comentarios_evaluado")}
            textos |= {e.get("descripcion") for e in datos.get("evidencias") or []}
            textos |= {a.get("accion") for a in (datos.get("plan_mejora") or {}).get("acciones") or []}
    documentos |= {e["documento"] for r in DATOS_EMBEBIDOS.glob("ciclos/*/ciclo.yaml")
                   for e in cargar(r, Informe()).datos.get("evaluadores_externos", [])}
    return documentos, puntajes, {t for t in textos if t and len(t) > 25}


def test_el_sitio_no_contiene_datos_personales(sitio):
    documentos, puntajes, textos = _datos_personales()
    assert len(documentos) >= 44 and len(puntajes) > 50 and textos
    for ruta, contenido in archivos_de_texto(sitio):
        for documento in documentos:
            assert documento not in contenido, f"documento en {ruta}"
        for puntaje in puntajes:
            assert not re.search(rf"(?<![\d.]){re.escape(puntaje)}(?!\d)", contenido), f"puntaje {puntaje} en {ruta}"
        for texto in textos:
            assert texto not in contenido, f"comentario o plan en {ruta}: {texto}"
        assert not re.search(r'(href|src)="[^"]*\.pdf"', contenido), f"enlace a un PDF en {ruta}"
        assert "salida/pdf" not in contenido


def test_nada_se_pide_fuera_de_la_intranet(sitio):
    for ruta, contenido in archivos_de_texto(sitio):
        if ruta.suffix == ".html":
            assert not re.search(r'(src|href)="(https?:)?//', contenido), f"recurso externo en {ruta}"
        if ruta.suffix == ".css":
            assert not re.search(r"url\(['\"]?(https?:)?//", contenido), f"recurso externo en {ruta}"
        assert "fonts.googleapis" not in contenido and "googletagmanager" not in contenido


def test_el_sitio_es_identico_en_dos_construcciones(sitio, tmp_path):
    otro = construir(DATOS_EMBEBIDOS, tmp_path)
    primeros = {p.relative_to(sitio): p.read_bytes() for p in sitio.rglob("*") if p.is_file()}
    segundos = {p.relative_to(otro): p.read_bytes() for p in otro.rglob("*") if p.is_file()}
    assert primeros.keys() == segundos.keys()
    distintos = [str(k) for k in primeros if primeros[k] != segundos[k]]
    assert distintos == []


def test_calendario_ics(sitio):
    calendario = Calendar.from_ical((sitio / "generado/cronograma-2025.ics").read_bytes())
    eventos = calendario.walk("VEVENT")
    titulos = [str(e["summary"]) for e in eventos]
    assert "Etapa de seguimiento" in titulos and "Sesión de la Junta de Directivos" in titulos
    seguimiento = next(e for e in eventos if str(e["summary"]) == "Etapa de seguimiento")
    assert seguimiento.decoded("dtstart").isoformat() == "2025-05-02"
    assert seguimiento.decoded("dtend").isoformat() == "2026-01-01"  # fin exclusivo: incluye el 31/12/2025
    assert len({str(e["uid"]) for e in eventos}) == len(eventos)


HOSTILES = {
    "nombres: Rosa Elena": "nombres: '<script>alert(1)</script> Rosa'",
    "apellidos: Quispe Mamani": "apellidos: 'Quispe | Mamani [clic](javascript:alert(2))'",
    "puesto: Especialista en Oceanografía Física": "puesto: '**Jefa** <img src=x onerror=alert(3)> _x_'",
}


def test_nombres_con_html_o_markdown_se_ven_como_texto(tmp_path, monkeypatch):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS_EMBEBIDOS, datos)
    for viejo, nuevo in HOSTILES.items():
        editar(datos / "ciclos/2025/servidores/quispe-mamani-rosa.yaml", viejo, nuevo)
    salida = construir(datos, tmp_path)
    html = (salida / "generado/participantes.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rosa" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html
    fila = next(f for f in html.split("<tr>") if "Quispe | Mamani" in f)
    assert fila.count("<td>") == 5  # el «|» no crea columnas
    assert "**Jefa** &lt;img src=x onerror=alert(3)&gt; _x_" in fila
    for _, contenido in archivos_de_texto(salida):
        assert "<script>alert" not in contenido and "onerror=alert(3)>" not in contenido


def test_datos_invalidos_no_tocan_el_sitio_anterior(tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS_EMBEBIDOS, datos)
    salida = construir(datos, tmp_path)
    antes = {p: p.read_bytes() for p in salida.rglob("*") if p.is_file()}
    editar(datos / "ciclos/2025/ciclo.yaml", 'designados: ["40123987"]', 'designados: ["45345768"]')
    corrida = correr("sitio", "--datos", str(datos), "--salida", str(salida), "--proyecto", str(tmp_path / "proyecto"))
    assert corrida.codigo == 1
    assert "la Junta solo puede designar a candidatos" in corrida.errores
    assert {p: p.read_bytes() for p in salida.rglob("*") if p.is_file()} == antes


def test_rutas_relativas(tmp_path, monkeypatch):
    """--salida y --proyecto relativos al directorio actual (MkDocs las tomaría relativas a mkdocs.yml)."""
    copiar_proyecto(tmp_path / "proyecto")
    monkeypatch.chdir(tmp_path)
    corrida = correr("sitio", "--datos", str(DATOS_EMBEBIDOS), "--salida", "salida/sitio", "--proyecto", "proyecto")
    assert corrida.codigo == 0, corrida.errores
    assert (tmp_path / "salida/sitio/index.html").is_file()
    assert (tmp_path / "salida/sitio/generado/participantes.html").is_file()
    assert not (tmp_path / "proyecto/salida").exists()
