"""Lo que la política «empresa» escribe: formularios en PDF, informe con calibración y portal.

Se leen los PDF (pypdf), se recorre el portal en Chromium y se buscan en todo el sitio los
documentos y las notas de cada persona: no deben aparecer (Ley N°29733).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EMPRESA, correr
from test_navegador import CHROMIUM, OPCIONES
from test_pdf import texto
from test_sitio import construir



@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Path:
    salida = tmp_path_factory.mktemp("pdf-empresa")
    corrida = correr("pdf", "--datos", str(EMPRESA), "--salida", str(salida), "--silencioso")
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[-2].startswith("29 legajos: 140 archivos PDF escritos")
    return salida / "2025"


@pytest.fixture(scope="module")
def calificaciones():
    corrida = correr("calificar", "--datos", str(EMPRESA), "--formato", "json")
    return {f["documento"]: f for f in json.loads(corrida.salida, parse_float=Decimal)}


def test_un_legajo_por_persona_y_los_formularios_del_servicio(pdfs):
    carpetas = sorted(p.name for p in pdfs.iterdir() if p.is_dir())
    assert len(carpetas) == 29
    assert sorted(p.name for p in pdfs.glob("*.pdf")) == ["anexo-5-servicio-interno.pdf", "anexo-6-servicio-externo.pdf"]
    assert sorted(p.name for p in (pdfs / "benites-o").iterdir()) == [
        ".huella", "anexo-1-a-evaluacion.pdf", "anexo-2-entrevista.pdf", "anexo-3-acuerdo.pdf",
        "anexo-4-registro-mensual.pdf", "legajo.pdf"]
    assert (pdfs / "tello-m" / "anexo-1-b-evaluacion.pdf").is_file()   # mando medio: formato 1-B
    assert (pdfs / "campos-d" / "anexo-1-c-evaluacion.pdf").is_file()  # apoyo y servicio: formato 1-C


def test_el_formato_de_evaluacion_dice_lo_que_calcula_calificar(pdfs, calificaciones):
    contenido = texto(pdfs / "navarro-s" / "anexo-1-c-evaluacion.pdf")
    assert "FORMATO DE EVALUACIÓN DEL DESEMPEÑO — APOYO Y SERVICIO" in contenido
    assert "Jefe anterior (menos de tres meses en el área)" in contenido
    assert "la calificación final es el promedio de todos" in contenido.lower()
    fila = calificaciones["20000034"]
    for parte in ("competencias", "servicio"):
        assert f"{fila[parte]} {fila[f'peso_{parte}']:.2f} {fila[f'subtotal_{parte}']}" in contenido
    assert f"Calificación final (%) {fila['porcentaje_final']}" in contenido
    assert "X Bueno" in contenido


def test_el_ejecutivo_tiene_sus_objetivos_con_tope(pdfs, calificaciones):
    contenido = texto(pdfs / "benites-o" / "anexo-1-a-evaluacion.pdf")
    assert "1. OBJETIVOS — CUMPLIMIENTO EN % (CADA OBJETIVO CUENTA HASTA 100 %)" in contenido
    fila = calificaciones["30000011"]
    assert f"Objetivos {fila['objetivos']} 60.00 {fila['subtotal_objetivos']}" in contenido


def test_registro_mensual_con_meses_sin_registro(pdfs):
    contenido = texto(pdfs / "zegarra-j" / "anexo-4-registro-mensual.pdf")
    assert "ANEXO N° 4 FORMULARIO PARA REGISTRO MENSUAL DE INCIDENTES CRÍTICOS" in contenido
    assert contenido.count("SIN REGISTRO") == 3
    assert "Meses sin registro: febrero de 2025, marzo de 2025, setiembre de 2025." in contenido


def test_quien_esta_en_adaptacion_tiene_la_evaluacion_pendiente_con_su_motivo(pdfs):
    portada = texto(pdfs / "chavez-n" / "legajo.pdf")
    assert "En proceso de adaptación" in portada
    assert "Pendiente: en proceso de adaptación (menos de seis meses): no se evalúa" in portada
    assert not (pdfs / "chavez-n" / "anexo-1-c-evaluacion.pdf").exists()


def test_el_servicio_interno_nombra_quien_evalua_y_quien_ingresa(pdfs):
    contenido = texto(pdfs / "anexo-5-servicio-interno.pdf")
    assert "Departamento de Operaciones Departamento Comercial" in contenido
    assert "78.50 Claudia Inés Mendoza Paredes" in contenido


def test_cada_formulario_suelto_son_sus_paginas_del_legajo(pdfs):
    legajo = PdfReader(pdfs / "navarro-s" / "legajo.pdf")
    marcadores = [m.title for m in legajo.outline if not isinstance(m, list)]
    assert "Anexo N° 4 — Formulario para registro mensual de incidentes críticos" in marcadores
    paginas = [p.extract_text() for p in legajo.pages]
    suelto = [p.extract_text() for p in PdfReader(pdfs / "navarro-s" / "anexo-4-registro-mensual.pdf").pages]
    inicio = next(i for i, t in enumerate(paginas) if "REGISTRO MENSUAL" in t)
    assert paginas[inicio:inicio + len(suelto)] == suelto
    assert list(legajo.attachments) == ["navarro-s.yaml"]


def test_los_pdf_son_identicos_byte_a_byte_en_otra_corrida(pdfs, tmp_path):
    corrida = correr("pdf", "--datos", str(EMPRESA), "--salida", str(tmp_path), "--silencioso")
    assert corrida.codigo == 0

    def resumen(carpeta: Path) -> dict:
        return {p.relative_to(carpeta).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(carpeta.rglob("*.pdf"))}
    assert resumen(tmp_path / "2025") == resumen(pdfs)


def test_informe_de_recursos_humanos_y_calibracion(tmp_path):
    destino = tmp_path / "informe.pdf"
    corrida = correr("informe", "--datos", str(EMPRESA), "--salida", str(destino))
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[-1] == f"Informe de Recursos Humanos y calibración (5 páginas) escrito en {destino} (confidencial)."
    contenido = texto(destino)
    for tema in ("1. Cumplimiento de objetivos", "Ejecutivos 95.63 %", "Mandos medios 91.34 %",
                 "2. Competencias: fortalezas (E, MB, B) y debilidades (R, NS)",
                 "3. Satisfacción del servicio interno y externo por departamento",
                 "Departamento de Operaciones 78.50 86.00 82.25", "Parte II. Calibración de las competencias"):
        assert tema in contenido, tema
    assert "Lucía Beatriz Vargas Olaechea 4 100 % 0 % 87.74 Sobrevalora" in contenido
    assert "Seguimiento durante 3 meses (por debajo de Regular, Políticas 20): Julio César Zegarra Puma." in contenido
    assert "Lucía Beatriz Vargas Olaechea — 6 meses sin registro" in contenido
    otra = tmp_path / "otra.pdf"
    correr("informe", "--datos", str(EMPRESA), "--salida", str(otra))
    assert otra.read_bytes() == destino.read_bytes()


@pytest.fixture(scope="module")
def sitio(tmp_path_factory) -> Path:
    return construir(EMPRESA, tmp_path_factory.mktemp("sitio-empresa"))


def test_el_portal_tiene_politica_calendario_y_evaluados(sitio):
    assert {"index.html", "politica.html", "calendario.html", "evaluados.html", "calendario-2025.ics"} <= {
        p.name for p in sitio.iterdir()}
    politica = (sitio / "politica.html").read_text(encoding="utf-8")
    assert "<td>Ejecutivos</td> <td>60 %</td> <td>20 %</td> <td>20 %</td>" in politica
    assert "Organiza a su equipo, reparte el trabajo y da seguimiento a cada colaborador." in politica
    evaluados = (sitio / "evaluados.html").read_text(encoding="utf-8")
    assert "26 colaboradores se evalúan este período." in evaluados
    assert "Navarro Cárdenas, Sofía" in evaluados and "Chávez Rojas, Nicolás" in evaluados  # este, en adaptación
    assert "Mori Sánchez" not in evaluados                                                  # no estable
    assert "Evaluación del Desempeño — DAPSA" in evaluados


def test_el_portal_no_publica_documentos_ni_notas(sitio, calificaciones):
    textos = "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in sitio.rglob("*") if p.is_file()
                       and p.suffix in (".html", ".js", ".json", ".ics", ".xml"))
    for documento, fila in calificaciones.items():
        assert documento not in textos
        if fila["porcentaje_final"] is not None:
            assert str(fila["porcentaje_final"]) not in textos, documento
    # Ni la calibración, ni incidentes del registro mensual, ni comentarios de evaluadores o de la entrevista.
    for palabra in ("Sobrevalora", "Entregó tarde el reporte semanal", "Necesita mayor seguimiento",
                    "Estoy de acuerdo con la evaluación"):
        assert palabra not in textos


@pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium (Debian: apt-get install chromium)")
def test_el_portal_en_un_navegador(sitio):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=OPCIONES)
        pestana = navegador.new_page()
        errores = []
        pestana.on("pageerror", lambda e: errores.append(str(e)))
        pestana.goto((sitio / "index.html").as_uri())
        pestana.locator("nav.md-nav--primary a.md-nav__link", has_text="Evaluados").first.click()
        pestana.wait_for_load_state("load")
        assert "Evaluados" in pestana.locator("article h1").inner_text()
        pestana.locator("#filtro-evaluados").fill("logistica")
        visibles = pestana.locator("div.participantes tbody tr:visible")
        assert visibles.count() == 5  # Logística, sin el practicante (no estable) ni quien está en adaptación
        navegador.close()
    assert errores == []
