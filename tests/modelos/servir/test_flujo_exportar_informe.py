"""`generador exportar` (xlsx/csv) e `informe` (PDF con gráficos): lo que dicen coincide con `calificar`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import correr, editar


@pytest.fixture
def calificaciones(ejemplo):
    return {f["documento"]: f for f in json.loads(correr("calificar", "--formato", "json").salida)}


def test_exportar_xlsx_con_una_hoja_por_organo(ejemplo, calificaciones):
    corrida = correr("exportar", "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    destino = ejemplo.parent / "salida/confidencial/resultados-2024.xlsx"
    assert corrida.lineas_error[-1] == ("12 servidores exportados a salida/confidencial/resultados-2024.xlsx "
                                        "(confidencial: contiene puntajes).")
    libro = load_workbook(destino)
    assert libro.sheetnames == ["Consolidado", "AFRH", "DGIOCC", "DGIRP", "Acerca de"]
    hoja = libro["Consolidado"]
    titulos = [c.value for c in hoja[1]]
    filas = [dict(zip(titulos, (c.value for c in fila))) for fila in hoja.iter_rows(min_row=2)]
    assert len(filas) == 12
    for fila in filas:
        esperado = calificaciones[fila["Documento"]]
        final = esperado["puntaje_final"]
        assert fila["Puntaje final"] == (None if final is None else pytest.approx(float(final)))
        assert (fila["Candidato a rendimiento distinguido"] == "Sí") == esperado["candidato_distinguido"]
    quispe = next(f for f in filas if f["Documento"] == "41234567")
    assert quispe["Notificación"] == dt.datetime(2025, 2, 3) and quispe["Apellidos"] == "Quispe Mamani"
    assert hoja["O2"].number_format == "0.00" and hoja.freeze_panes == "D2"
    por_organo = sum(libro[h].max_row - 1 for h in ("AFRH", "DGIOCC", "DGIRP"))
    assert por_organo == 12
    assert "CONFIDENCIAL" in libro["Acerca de"]["B6"].value


def test_exportar_da_los_mismos_bytes_dos_veces(ejemplo):
    assert correr("exportar", "--salida", "a.xlsx").codigo == 0
    assert correr("exportar", "--salida", "b.xlsx").codigo == 0
    assert (ejemplo.parent / "a.xlsx").read_bytes() == (ejemplo.parent / "b.xlsx").read_bytes()


def test_exportar_csv(ejemplo, calificaciones):
    assert correr("exportar", "--formato", "csv", "--salida", "r.csv").codigo == 0
    crudo = (ejemplo.parent / "r.csv").read_bytes()
    assert crudo.startswith("\ufeff".encode())  # Excel reconoce las tildes
    filas = list(csv.DictReader(io.StringIO(crudo.decode("utf-8-sig"))))
    assert len(filas) == 12
    for fila in filas:
        final = calificaciones[fila["Documento"]]["puntaje_final"]
        assert fila["Puntaje final"] == ("" if final is None else f"{Decimal(str(final)):.2f}")
        assert re.fullmatch(r"(\d\d/\d\d/\d{4})?", fila["Notificación"])


def test_exportar_con_datos_invalidos_no_escribe(ejemplo):
    editar(ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml", "segmento: ejecutor", "segmento: gerente")
    corrida = correr("exportar")
    assert corrida.codigo == 1
    assert not (ejemplo.parent / "salida").exists()


def _texto(ruta) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(ruta).pages).split())


def test_informe_pdf(ejemplo, calificaciones):
    corrida = correr("informe")
    assert corrida.codigo == 0, corrida.errores
    destino = ejemplo.parent / "salida/confidencial/informe-2024.pdf"
    assert corrida.lineas_error[-1].startswith("Informe de la AFRH (") and "salida/confidencial/informe-2024.pdf" in corrida.lineas_error[-1]
    lector = PdfReader(destino)
    texto = _texto(destino)
    for seccion in ("1. Avance por etapa", "2. Pendientes y plazos por evaluador", "3. Distribución de puntajes y calificaciones",
                    "4. Candidatos a rendimiento distinguido", "CONFIDENCIAL"):
        assert seccion in texto
    assert [m.title for m in lector.outline if not isinstance(m, list)][0].startswith("Informe de la AFRH")
    # Los candidatos son los de calificar, en orden de puntaje.
    candidatos = sorted((c for c in calificaciones.values() if c["candidato_distinguido"]), key=lambda c: -c["puntaje_final"])
    seccion = texto[texto.index("4. Candidatos a rendimiento distinguido (para la Junta"):]
    posiciones = [seccion.index(f"{c['apellidos']}, {c['nombres']}") for c in candidatos]
    assert posiciones == sorted(posiciones) and candidatos
    # El avance: cuántos registros tienen Anexo 1 (todos) — el gráfico escribe «12 de 12 (100 %)».
    assert "Anexo 1 · fijación de metas" in texto and "12 de 12 (100 %)" in texto
    # Sánchez no tiene evidencias: aparece como pendiente de su evaluador.
    assert "Sánchez Yupanqui, Pedro Pablo — pendiente: Anexo N° 2: sin evidencias registradas" in texto
    # Las leyendas de los gráficos (SVG dentro del PDF) se leen como texto.
    assert "Calificaciones por segmento" in texto and "Rendimiento distinguido" in texto and "Puntaje final (puntos)" in texto


def test_informe_con_fecha_de_corte_temprana_no_cuenta_pendientes(ejemplo):
    """Al 01/05/2024 la etapa de seguimiento no ha terminado: la falta de evidencias aún no es pendiente."""
    assert correr("informe", "--al", "2024-05-01", "--salida", "temprano.pdf").codigo == 0
    texto = _texto(ejemplo.parent / "temprano.pdf")
    assert "Situación al 01/05/2024 (fecha pedida)" in texto
    assert "pendiente: Anexo N° 2" not in texto and "pendiente: Anexo N° 4" not in texto


def test_informe_da_los_mismos_bytes_dos_veces(ejemplo):
    assert correr("informe", "--salida", "a.pdf").codigo == 0
    assert correr("informe", "--salida", "b.pdf").codigo == 0
    assert (ejemplo.parent / "a.pdf").read_bytes() == (ejemplo.parent / "b.pdf").read_bytes()
