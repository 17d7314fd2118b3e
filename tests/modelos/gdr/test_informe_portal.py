"""Informe de cierre y portal de la política servir-2025 (modelo gdr), por la línea de órdenes.

Los datos los escribe la prueba misma (`escribir_datos`): una municipalidad pequeña con un caso de cada
calificación, un registro incompleto, un «no corresponde», solicitudes al CIE que confirma, modifica o no
resuelve aún, y un candidato a distinguido que la Junta no designó. Las cuentas esperadas están a mano al
lado de cada servidor. Se comprueba que el informe (PDF, CSV y Markdown) solo tiene cantidades que se vuelven
a sumar, y que el portal no tiene documentos, puntajes ni calificaciones; los distinguidos, solo si la
política lo pide. Al final, el mismo recorrido con la entidad de ejemplo de datos/servir-2025 (si ya está).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from conftest import SERVIR_2025, correr, editar

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
OPCIONES = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

ENTIDAD = """\
entidad:
  nombre: Municipalidad Provincial de Prueba
  siglas: MPR
  organos:
    GG: Gerencia General
    ORH: Oficina de Recursos Humanos
    GDU: Gerencia de Desarrollo Urbano
"""

CICLO = """\
ciclo:
  nombre: Ciclo de Gestión del Rendimiento 2025
  inicio: 2025-02-03
  fin: 2026-01-31
  resolucion: Resolución de Gerencia N° 010-2025-MPR
  politica: servir-2025
cronograma:
  - etapa: planificacion
    inicio: 2025-02-03
    fin: 2025-03-31
    actividades:
      - {actividad: Reuniones de fijación de metas, responsable: Evaluadores, inicio: 2025-03-03, fin: 2025-03-28}
  - etapa: seguimiento
    inicio: 2025-04-01
    fin: 2025-11-30
    actividades:
      - {actividad: Reuniones de seguimiento, responsable: Evaluadores, inicio: 2025-08-01, fin: 2025-08-29}
  - etapa: evaluacion
    inicio: 2025-12-01
    fin: 2026-01-31
    actividades:
      - {actividad: Notificación de la calificación, responsable: ORH, inicio: 2026-01-12, fin: 2026-01-16}
      - {actividad: Sesión de la Junta de Directivos, responsable: ORH, inicio: 2026-01-19, fin: 2026-01-20}
dias_no_laborables: []
evaluadores_externos:
  - {documento: "09000001", nombres: Tomás, apellidos: Titular Cero, cargo: Alcalde}
junta:
  acta: Acta N° 001-2026-JD
  fecha: 2026-01-20
  miembros: ["09000001"]
  designados: ["40000001"]
cie:
  afrh: {titular: "40000002", suplente: "40000003"}
  evaluadores: {titular: "40000001", suplente: "09000001"}
  directivo: {titular: "40000001", suplente: "09000001"}
  mando_medio: {titular: "40000002", suplente: "40000003"}
  ejecutor: {titular: "40000008", suplente: "40000005"}
  operador_asistencia: {titular: "40000006", suplente: "40000007"}
"""

# archivo, documento, nombres, apellidos, segmento, puesto, órgano, evaluador, lo demás. Una meta de peso 100 y
# valor esperado 100: la puntuación final es el valor alcanzado. La calificación vigente, a mano, al final.
SERVIDORES = [
    ("directora", "40000001", "Ana", "Directora Uno", "directivo", "Gerenta Municipal", "GG", "09000001",
     dict(alcanzado=110, notificado=True, retro=True)),                     # 110 ≥ 100 y designada: distinguido
    ("jefe", "40000002", "Bruno", "Jefe Dos", "mando_medio", "Jefe de Personal", "ORH", "40000001",
     dict(alcanzado=85, notificado=True, retro=True)),                      # 85 ≥ 60: buen rendimiento
    ("ejecutora-a", "40000003", "Carla", "Ejecutora Tres", "ejecutor", "Analista de Planillas", "ORH", "40000002",
     dict(alcanzado=50, notificado=True, retro=True, capacitacion=True, cie="confirma")),  # observación, confirmada
    ("ejecutor-b", "40000004", "Diego", "Ejecutor Cuatro", "ejecutor", "Asistente Técnico", "GDU", "40000002",
     dict(alcanzado=55, notificado=True, retro=True, capacitacion=True, cie="modifica")),  # observación → CIE: buen
    ("ejecutora-c", "40000005", "Elena", "Ejecutora Cinco", "ejecutor", "Inspectora de Obras", "GDU", "40000002",
     dict(alcanzado=40, notificado=True)),                                  # observación, sin acción aún
    ("operador-a", "40000006", "Fabio", "Operador Seis", "operador_asistencia", "Chofer", "GDU", "40000002",
     dict(alcanzado=90, notificado=True, inicio_puesto="2025-09-01")),     # < 6 meses: no corresponde
    ("operadora-b", "40000007", "Gina", "Operadora Siete", "operador_asistencia", "Secretaria", "GG", "40000001",
     dict(no_asistio=True, notificado=True)),                               # no asistió: desaprobado
    ("ejecutor-d", "40000008", "Hugo", "Ejecutor Ocho", "ejecutor", "Topógrafo", "GDU", "40000002",
     dict(alcanzado=None)),                                                 # sin valor alcanzado: pendiente
    ("ejecutora-e", "40000009", "Irene", "Ejecutora Nueve", "ejecutor", "Abogada", "GG", "40000001",
     dict(alcanzado=105, notificado=True, retro=True, cie="pendiente")),   # candidata no designada: buen
]
DOCUMENTOS = [s[1] for s in SERVIDORES] + ["09000001"]
NOMBRES = [f"{s[2]} {s[3]}" for s in SERVIDORES] + [s[3] for s in SERVIDORES] + ["Tomás Titular Cero"]
PUNTAJES = ["110.00", "85.00", "50.00", "55.00", "40.00", "90.00", "105.00", "110,00", "85,00"]
# A mano: columnas Distinguido, Buen, Observación, Desaprobado, No corresponde, Pendiente, Total.
ESPERADO = {"DIRECTIVO": [1, 0, 0, 0, 0, 0, 1], "MANDO MEDIO": [0, 1, 0, 0, 0, 0, 1],
            "EJECUTOR": [0, 2, 2, 0, 0, 1, 5], "OPERADOR Y DE ASISTENCIA": [0, 0, 0, 1, 1, 0, 2],
            "Total": [1, 3, 2, 1, 1, 1, 9]}


def _registro(documento, nombres, apellidos, segmento, puesto, organo, evaluador, extra) -> str:
    lineas = ["servidor:", f"  nombres: {nombres}", f"  apellidos: {apellidos}", f'  documento: "{documento}"',
              f"  segmento: {segmento}", f"  puesto: {puesto}", f"  organo: {organo}",
              f"  fecha_inicio_puesto: {extra.get('inicio_puesto', '2019-01-02')}",
              f'evaluador: "{evaluador}"', "notificacion: {consentimiento: true}"]
    if extra.get("no_asistio"):
        lineas.append("fijacion_metas: {asistio: false, fecha: 2025-03-10}")
    else:
        lineas += ["fijacion_metas: {asistio: true, fecha: 2025-03-10}", "metas:",
                   "  - prioridad: Mejorar la atención al vecino", "    indicador: Porcentaje de expedientes atendidos",
                   "    sentido: ascendente", "    valor_esperado: 100", "    peso: 100",
                   "    evidencia_avance: Reporte semestral", "    evidencia_final: Reporte anual",
                   "    plazo_avance: 2025-07-31", "    plazo_final: 2025-11-28"]
        if extra.get("alcanzado") is not None:
            lineas.append(f"    valor_alcanzado: {extra['alcanzado']}")
        lineas += ["seguimiento: [{fecha: 2025-08-14, comentarios: Avance conforme al plan}]",
                   "evidencias: {presento: true}"]
    if extra.get("notificado"):
        lineas.append("evaluacion: {fecha_notificacion: 2026-01-15}")
    if extra.get("retro"):
        lineas += ["retroalimentacion:", "  fecha: 2026-01-22"]
        if extra.get("capacitacion"):
            lineas.append("  acciones_capacitacion: [Curso de gestión del tiempo]")
    solicitud = "{fecha_solicitud: 2026-01-26"
    lineas += {"confirma": [f"confirmacion: {solicitud}, resultado: confirma, fecha_resultado: 2026-02-05}}"],
               "modifica": [f"confirmacion: {solicitud}, resultado: modifica, calificacion: buen_rendimiento, "
                            "fecha_resultado: 2026-02-05}"],
               "pendiente": [f"confirmacion: {solicitud}}}"]}.get(extra.get("cie"), [])
    return "\n".join(lineas) + "\n"


def escribir_datos(raiz: Path) -> Path:
    """La municipalidad de prueba en `raiz` (entidad.yaml y el ciclo 2025)."""
    (raiz / "ciclos/2025/servidores").mkdir(parents=True)
    (raiz / "entidad.yaml").write_text(ENTIDAD, encoding="utf-8")
    (raiz / "ciclos/2025/ciclo.yaml").write_text(CICLO, encoding="utf-8")
    for archivo, *datos in SERVIDORES:
        (raiz / f"ciclos/2025/servidores/{archivo}.yaml").write_text(_registro(*datos), encoding="utf-8")
    return raiz


@pytest.fixture
def datos(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return escribir_datos(tmp_path / "datos")


@pytest.fixture
def publicar_distinguidos(tmp_path, monkeypatch) -> Path:
    """Una copia de las políticas con `publicar_distinguidos: true` en servir-2025, de la que lee la CLI."""
    from generador import politica as modulo
    carpeta = tmp_path / "politicas"
    shutil.copytree(modulo.carpeta_politicas(), carpeta)
    ruta = carpeta / "servir-2025.yaml"
    texto = ruta.read_text(encoding="utf-8")
    inicio = texto.index("publicar_distinguidos:")
    valor = texto.index("valor: false", inicio)
    ruta.write_text(texto[:valor] + "valor: true" + texto[valor + len("valor: false"):], encoding="utf-8")
    monkeypatch.setattr(modulo, "carpeta_politicas", lambda: carpeta)
    return carpeta


def _informe(datos: Path, salida: Path, *extra: str) -> tuple[str, str, str]:
    corrida = correr("informe", "--datos", str(datos), "--sin-cache", "--salida", str(salida), *extra)
    assert corrida.codigo == 0, corrida.errores
    assert re.search(r"Informe de cierre del ciclo \(\d páginas\) escrito en .* \(confidencial\)", corrida.errores)
    texto_pdf = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(salida).pages).split())
    return (texto_pdf, salida.with_suffix(".csv").read_text(encoding="utf-8-sig"),
            salida.with_suffix(".md").read_text(encoding="utf-8"))


def _tabla_pdf(texto: str, filas) -> dict[str, list[int]]:
    """Las cifras de cada fila de la tabla de calificaciones por segmento, leídas del texto del PDF."""
    leidas = {}
    for fila in filas:
        encontrada = re.search(rf"(?<![A-Z]){re.escape(fila)}((?: \d+){{7}})", texto)
        assert encontrada, f"fila «{fila}» en el PDF"
        leidas[fila] = [int(x) for x in encontrada.group(1).split()]
    return leidas


def _csv(texto: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(texto)))


# --- Informe de cierre -----------------------------------------------------------------------------------

def test_informe_cuenta_por_segmento_y_calificacion_y_vuelve_a_sumar(datos, tmp_path):
    texto, tabla, markdown = _informe(datos, tmp_path / "salida/informe-2025.pdf")
    leidas = _tabla_pdf(texto, ESPERADO)
    assert leidas == ESPERADO
    for fila in leidas.values():  # cada fila suma su total…
        assert sum(fila[:-1]) == fila[-1]
    por_columna = [sum(leidas[s][i] for s in ESPERADO if s != "Total") for i in range(7)]
    assert por_columna == leidas["Total"]  # …y cada columna, la fila Total
    assert "9 en el ciclo · 8 con calificación · 1 con el registro incompleto" in texto
    # El CSV tiene las mismas cifras, una por fila, y también se vuelven a sumar.
    filas = [f for f in _csv(tabla) if f["seccion"] == "calificaciones por segmento"]
    cuentas = {(f["concepto"], f["detalle"]): int(f["cantidad"]) for f in filas}
    columnas = [f["detalle"] for f in filas if f["concepto"] == "DIRECTIVO"]
    assert columnas[-1] == "Total" and "No corresponde calificación" in columnas and "Pendiente (registro incompleto)" in columnas
    assert [[cuentas[(s, c)] for c in columnas] for s in ESPERADO] == list(ESPERADO.values())
    # El Markdown, la misma tabla.
    assert "| EJECUTOR | 0 | 2 | 2 | 0 | 0 | 1 | 5 |" in markdown
    assert "| Total | 1 | 3 | 2 | 1 | 1 | 1 | 9 |" in markdown


def test_informe_distinguidos_cupo_cie_y_capacitacion(datos, tmp_path):
    texto, tabla, markdown = _informe(datos, tmp_path / "informe.pdf")
    # Candidatas: 110 y 105 (2); designada 1; cupo: techo(10 % × 8 notificados) = 1; sin exceso.
    for concepto, cantidad in [("Candidatos: puntuación final de 100 o más, sin desaprobado ni «no corresponde»", 2),
                               ("Candidatos que la Junta no designó (conservan Buen rendimiento)", 1),
                               ("Designados por la Junta de Directivos", 1),
                               ("Con Rendimiento Distinguido (calificación vigente)", 1),
                               ("Servidores con calificación notificada (base del cupo)", 8),
                               ("Cupo", 1), ("Exceso sobre el cupo", 0)]:
        assert f"{concepto} {cantidad}" in texto
    # CIE: tres solicitudes; sobre Buen rendimiento 1 pendiente, sobre observación 1 confirma y 1 modifica.
    assert "Buen rendimiento 1 0 0 1" in texto and "Rendimiento sujeto a observación 2 1 1 0" in texto
    assert "Total 3 1 1 1" in texto
    assert "Rendimiento sujeto a observación Buen rendimiento 1" in texto  # la que el CIE cambió
    # Sujeto a observación (vigente: la que el CIE cambió ya no cuenta): 2, uno con acción y otro sin ella.
    assert "Con al menos una acción de capacitación 1" in texto and "Sin acción de capacitación registrada 1" in texto
    assert "Total con rendimiento sujeto a observación 2" in texto
    filas = {(f["seccion"], f["concepto"], f["detalle"]): f["cantidad"] for f in _csv(tabla)}
    assert filas[("rendimiento distinguido", "cupo", "")] == "1"
    assert filas[("confirmación del CIE", "Total", "solicitudes")] == "3"
    assert filas[("rendimiento sujeto a observación", "sin acción de capacitación", "")] == "1"
    # Puntuación final por tramo: solo quienes se califican por puntaje (ni el desaprobado ni el «no corresponde»).
    tramos = {f["concepto"]: int(f["cantidad"]) for f in _csv(tabla) if f["seccion"] == "puntuación final por tramo"}
    assert sum(tramos.values()) == 6
    assert (tramos["40–49"], tramos["50–59"], tramos["80–89"], tramos["100–109"], tramos["110–120"]) == (1, 2, 1, 1, 1)
    assert "| Exceso sobre el cupo | 0 |" in markdown


def test_informe_plazo_de_remision(datos, tmp_path):
    # Sin envío: la fecha de corte por omisión es el último hecho (la decisión del CIE, 05/02/2026).
    texto, tabla, _ = _informe(datos, tmp_path / "a.pdf")
    assert "Situación al 05/02/2026 (último hecho registrado del ciclo)" in texto
    assert "Plazo 31/05/2026" in texto and "Pendiente de envío; al 05/02/2026 faltan 115 días" in texto
    texto, _, _ = _informe(datos, tmp_path / "b.pdf", "--al", "2026-06-15")
    assert "Situación al 15/06/2026 (fecha pedida con --al)" in texto and "Plazo vencido" in texto
    # Una fecha anterior a lo registrado no cambia las cifras, y lo dice.
    texto, _, _ = _informe(datos, tmp_path / "b.pdf", "--al", "2026-01-20")
    assert "(fecha pedida con --al; las cifras incluyen lo registrado después" in texto
    assert "Total 1 3 2 1 1 1 9" in texto and "faltan 131 días" in texto
    # Con la remisión registrada en ciclo.yaml: tres días tarde.
    editar(datos / "ciclos/2025/ciclo.yaml", "dias_no_laborables: []",
           "dias_no_laborables: []\ninforme_cierre: {fecha_envio: 2026-06-03, canal: mesa_de_partes, tramite: EXP-77}")
    texto, tabla, markdown = _informe(datos, tmp_path / "c.pdf")
    assert "Fecha de envío 03/06/2026" in texto and "Remitido tres días después del plazo" in texto
    assert "Canal Mesa de partes" in texto and "N° de trámite EXP-77" in texto
    assert "remisión a SERVIR,fecha de envío,03/06/2026," in tabla
    assert "Fecha de envío: 03/06/2026; canal: Mesa de partes; trámite: EXP\\-77." in markdown


def test_el_informe_no_tiene_datos_personales(datos, tmp_path):
    salida = tmp_path / "informe.pdf"
    texto, tabla, markdown = _informe(datos, salida)
    crudo = salida.read_bytes()
    for contenido in (texto, tabla, markdown):
        for documento in DOCUMENTOS:
            assert documento not in contenido
        for nombre in NOMBRES:
            assert nombre not in contenido, nombre
        for puntaje in PUNTAJES:
            assert puntaje not in contenido, puntaje
        for puesto in ("Gerenta Municipal", "Topógrafo", "Abogada"):
            assert puesto not in contenido
        for archivo in ("directora", "ejecutora-a", "operadora-b"):  # el nombre del registro suele ser el de la persona
            assert archivo not in contenido
    for documento in DOCUMENTOS:
        assert documento.encode() not in crudo


def test_el_informe_escribe_sus_cifras_junto_al_pdf_sin_pisar_lo_ajeno(datos, tmp_path):
    salida = tmp_path / "salida/informe.pdf"
    _informe(datos, salida)
    primeros = {p.name: p.read_bytes() for p in salida.parent.iterdir()}
    assert sorted(primeros) == ["informe.csv", "informe.md", "informe.pdf"]
    _informe(datos, salida)  # la segunda vez reemplaza lo suyo, con los mismos bytes
    assert {p.name: p.read_bytes() for p in salida.parent.iterdir()} == primeros
    # Un CSV que no escribió el generador no se pisa: error de uso y nada cambia (ni el PDF).
    ajeno = tmp_path / "otra/informe.csv"
    ajeno.parent.mkdir()
    ajeno.write_text("mis,cuentas\n1,2\n", encoding="utf-8")
    corrida = correr("informe", "--datos", str(datos), "--sin-cache", "--salida", str(ajeno.with_suffix(".pdf")))
    assert corrida.codigo == 2
    assert "ya existe y no lo escribió el generador" in corrida.errores
    assert sorted(p.name for p in ajeno.parent.iterdir()) == ["informe.csv"]
    assert ajeno.read_text(encoding="utf-8") == "mis,cuentas\n1,2\n"


# --- Portal ----------------------------------------------------------------------------------------------

def _sitio(datos: Path, salida: Path) -> Path:
    corrida = correr("sitio", "--datos", str(datos), "--sin-cache", "--salida", str(salida))
    assert corrida.codigo == 0, corrida.errores
    return salida


def _textos(sitio: Path):
    """Los archivos de texto del sitio con datos (no los del tema ni los recursos fijos del portal)."""
    for ruta in sorted(sitio.rglob("*")):
        if ruta.is_file() and ruta.relative_to(sitio).parts[0] not in ("assets", "recursos") \
                and ruta.suffix in (".html", ".js", ".json", ".xml", ".ics", ".txt", ".svg"):
            yield ruta, ruta.read_text(encoding="utf-8", errors="replace")


def _paginas_md(datos: Path) -> dict:
    """Las páginas Markdown del modelo, tal como van a MkDocs."""
    from generador.diagnosticos import Informe
    from generador.modelos.gdr.portal import paginas
    from generador.validacion import validar
    repositorio, _ = validar(str(datos), Informe(), None)
    archivos, menu = paginas(repositorio)
    return {r: c for r, c in archivos.items() if r.endswith(".md")}, menu


def test_paginas_del_portal(datos, tmp_path):
    sitio = _sitio(datos, tmp_path / "sitio")
    for pagina in ("index.html", "cronograma.html", "participantes.html", "cie.html", "junta.html", "cronograma-2025.ics"):
        assert (sitio / pagina).is_file(), pagina
    assert not (sitio / "distinguidos.html").exists()
    participantes = (sitio / "participantes.html").read_text(encoding="utf-8")
    assert participantes.count("<tr><td>") == 9
    fila = next(f for f in participantes.split("<tr>") if "Directora Uno, Ana" in f)
    assert "<td>Gerenta Municipal</td> <td>Tomás Titular Cero</td> <td>Alcalde</td>" in fila  # evaluador externo
    assert re.findall(r"<h2[^>]*>([^<]+)<", participantes) == [
        "Gerencia de Desarrollo Urbano", "Gerencia General", "Oficina de Recursos Humanos"]
    cie = (sitio / "cie.html").read_text(encoding="utf-8")
    assert "<td>Oficina de Recursos Humanos (preside)</td> <td>Bruno Jefe Dos</td> <td>Carla Ejecutora Tres</td>" in cie
    junta = (sitio / "junta.html").read_text(encoding="utf-8")
    assert "Acta N° 001-2026-JD, del 20/01/2026" in junta
    calendario = Calendar.from_ical((sitio / "cronograma-2025.ics").read_bytes())
    titulos = [str(e["summary"]) for e in calendario.walk("VEVENT")]
    assert titulos == ["Etapa de planificación", "Reuniones de fijación de metas", "Etapa de seguimiento",
                       "Reuniones de seguimiento", "Etapa de evaluación", "Notificación de la calificación",
                       "Sesión de la Junta de Directivos"]
    _, menu = _paginas_md(datos)
    assert menu == [{"Inicio": "index.md"}, {"Ciclo 2025": [
        {"Cronograma": "cronograma.md"}, {"Participantes": "participantes.md"},
        {"Comité Institucional de Evaluación": "cie.md"}, {"Junta de Directivos": "junta.md"}]}]


def test_el_portal_no_tiene_documentos_puntajes_ni_calificaciones(datos, tmp_path):
    sitio = _sitio(datos, tmp_path / "sitio")
    paginas_md, _ = _paginas_md(datos)
    contenidos = list(_textos(sitio)) + [(Path(r), c) for r, c in paginas_md.items()]
    assert len(contenidos) > 8
    for ruta, contenido in contenidos:
        for documento in DOCUMENTOS:
            assert documento not in contenido, f"documento en {ruta}"
        for puntaje in PUNTAJES:
            assert puntaje not in contenido, f"puntaje en {ruta}"
        minusculas = contenido.lower()
        for calificacion in ("sujeto a observaci", "desaprobad", "buen rendimiento", "no corresponde", "pendiente"):
            assert calificacion not in minusculas, f"«{calificacion}» en {ruta}"
        for texto in ("Avance conforme al plan", "Reporte semestral", "Curso de gestión del tiempo",
                      "Porcentaje de expedientes atendidos"):
            assert texto not in contenido, f"dato del registro en {ruta}"
        if ruta.name not in ("junta.html", "junta.md", "search_index.json", "search_index.js"):
            # Rendimiento Distinguido se nombra solo al decir qué hace la Junta, nunca de quién. (La descripción
            # del sitio en mkdocs.yml, común a todos los modelos, lo menciona en una etiqueta <meta>.)
            assert "istinguido" not in re.sub(r'<meta name="description"[^>]*>', "", contenido), ruta
    # Cada número de las páginas: ninguna puntuación final, ni sin decimales.
    for ruta, contenido in paginas_md.items():
        sin_fechas = re.sub(r"\d\d/\d\d/\d{4}|\d{4}-\d\d-\d\d|\d{4}", "", contenido)
        assert not re.search(r"(?<![\d.])(110|85|50|55|40|90|105)(?![\d])", sin_fechas), ruta


def test_nada_del_portal_depende_de_puntajes_designaciones_ni_del_cie(datos, tmp_path):
    """El mismo sitio, byte a byte, con otros valores alcanzados, sin designados y sin decisiones del CIE."""
    primero = _sitio(datos, tmp_path / "uno")
    for archivo, *_ in SERVIDORES:
        ruta = datos / f"ciclos/2025/servidores/{archivo}.yaml"
        texto = ruta.read_text(encoding="utf-8")
        texto = re.sub(r"valor_alcanzado: \d+", "valor_alcanzado: 77", texto)
        texto = re.sub(r"resultado: \w+, (calificacion: \w+, )?fecha_resultado: [\d-]+", "fecha_recepcion: 2026-01-27", texto)
        ruta.write_text(texto, encoding="utf-8")
    editar(datos / "ciclos/2025/ciclo.yaml", 'designados: ["40000001"]', "designados: []")
    segundo = _sitio(datos, tmp_path / "dos")
    uno = {p.relative_to(primero): p.read_bytes() for p in primero.rglob("*") if p.is_file()}
    dos = {p.relative_to(segundo): p.read_bytes() for p in segundo.rglob("*") if p.is_file()}
    assert uno.keys() == dos.keys()
    assert [str(k) for k in uno if uno[k] != dos[k]] == []


def test_distinguidos_solo_si_la_politica_lo_pide(datos, tmp_path, publicar_distinguidos):
    sitio = _sitio(datos, tmp_path / "sitio")
    pagina = (sitio / "distinguidos.html").read_text(encoding="utf-8")
    # La designada con 110 (vigente: Rendimiento Distinguido); no la candidata con 105 que la Junta no designó.
    assert "<tr><td>Ana Directora Uno</td> <td>Gerenta Municipal</td> <td>Gerencia General</td></tr>" in pagina
    assert pagina.count("<tr><td>") == 1 and "Irene" not in pagina
    assert "110" not in re.sub(r"<[^>]+>", "", pagina) and "40000001" not in pagina
    assert 'href="distinguidos.html"' in (sitio / "junta.html").read_text(encoding="utf-8")
    assert 'href="distinguidos.html"' in (sitio / "index.html").read_text(encoding="utf-8")
    _, menu = _paginas_md(datos)
    assert {"Rendimiento distinguido": "distinguidos.md"} in menu[1]["Ciclo 2025"]
    # Si el CIE cambiara la calificación de la designada, ya no figura.
    editar(datos / "ciclos/2025/servidores/directora.yaml", "notificacion: {consentimiento: true}",
           "notificacion: {consentimiento: true}\nconfirmacion: {fecha_solicitud: 2026-01-26, resultado: modifica, "
           "calificacion: buen_rendimiento, fecha_resultado: 2026-02-05}")
    pagina = (_sitio(datos, tmp_path / "otro") / "distinguidos.html").read_text(encoding="utf-8")
    assert "Ana Directora Uno" not in pagina and "no otorgó el Rendimiento Distinguido" in pagina


HOSTILES = [
    ("ciclos/2025/servidores/ejecutor-d.yaml", "puesto: Topógrafo", "puesto: '<script>alert(1)</script> Topógrafo | x'"),
    ("entidad.yaml", "GDU: Gerencia de Desarrollo Urbano", "GDU: 'Gerencia [x](javascript:alert(2)) {{ 7*7 }} *U*'"),
    ("entidad.yaml", "nombre: Municipalidad Provincial de Prueba", "nombre: 'Muni <b>{{ 7*7 }}</b> [y](javascript:z)'"),
    ("ciclos/2025/ciclo.yaml", "acta: Acta N° 001-2026-JD", "acta: 'Acta <img src=x onerror=alert(3)> {% raw %}'"),
    ("ciclos/2025/ciclo.yaml", "cargo: Alcalde", "cargo: '**Alcalde** _x_ {{ 7*7 }}'"),
]


def test_textos_hostiles_se_ven_como_texto(datos, tmp_path, publicar_distinguidos):
    for archivo, viejo, nuevo in HOSTILES:
        editar(datos / archivo, viejo, nuevo)
    sitio = _sitio(datos, tmp_path / "sitio")
    participantes = (sitio / "participantes.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Topógrafo | x" in participantes
    fila = next(f for f in participantes.split("<tr>") if "Topógrafo" in f)
    assert fila.count("<td>") == 4  # el «|» no crea columnas
    assert "Gerencia [x](javascript:alert(2)) {{ 7*7 }} *U*" in participantes  # el título de la sección, tal cual
    assert "**Alcalde** _x_ {{ 7*7 }}" in participantes
    junta = (sitio / "junta.html").read_text(encoding="utf-8")
    assert "Acta &lt;img src=x onerror=alert(3)&gt; {% raw %}" in junta
    for ruta, contenido in _textos(sitio):
        assert "<script>alert" not in contenido and "<img src=x" not in contenido, ruta
        assert 'href="javascript:' not in contenido and "<b>{{" not in contenido, ruta
        assert ">49<" not in contenido and " 49 " not in contenido, ruta
    # El informe: el acta y la entidad se imprimen como texto (PDF) y se escapan (Markdown).
    texto, tabla, markdown = _informe(datos, tmp_path / "informe.pdf")
    assert "Acta <img src=x onerror=alert(3)> {% raw %}" in texto and "Muni <b>{{ 7*7 }}</b>" in texto
    assert "<img" not in markdown and "<b>" not in markdown and "](javascript" not in markdown
    assert "Muni &lt;b&gt;\\{\\{ 7\\*7 \\}\\}&lt;/b&gt;" in markdown


@pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium (Debian: apt-get install chromium)")
def test_el_portal_en_un_navegador(datos, tmp_path):
    import os
    playwright = pytest.importorskip("playwright.sync_api")
    sitio = _sitio(datos, tmp_path / "sitio")
    capturas = Path(os.environ.get("CAPTURAS_PORTAL") or tmp_path / "capturas")
    capturas.mkdir(parents=True, exist_ok=True)
    errores, csp = [], []
    with playwright.sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=OPCIONES)
        pestana = navegador.new_page(viewport={"width": 1280, "height": 900}, locale="es-PE")
        pestana.on("pageerror", lambda e: errores.append(str(e)))
        pestana.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
        pestana.goto((sitio / "index.html").as_uri())
        # portal.js escribió la etapa de hoy (o que el ciclo concluyó) en lugar del texto fijo.
        assert pestana.locator("#etapa-hoy").inner_text() != "Etapas del ciclo según el cronograma aprobado:"
        enlaces = pestana.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]",
                                               "els => [...new Set(els.map(e => e.href.split('#')[0]))]")
        assert len(enlaces) == 5
        for enlace in enlaces:
            pestana.goto(enlace)
            assert pestana.locator("article h1").first.inner_text()
            pestana.screenshot(path=str(capturas / f"gdr-{Path(enlace).stem}.png"), full_page=True)
        pestana.goto((sitio / "participantes.html").as_uri())
        pestana.locator("#filtro-participantes").fill("topografo")  # sin tilde
        assert pestana.locator("div.participantes tbody tr:visible").count() == 1
        assert pestana.locator("h2:visible").all_inner_texts() == ["Gerencia de Desarrollo Urbano"]
        pestana.locator("#filtro-participantes").fill("recursos humanos")  # por la unidad (título de la sección)
        assert pestana.locator("div.participantes tbody tr:visible").count() == 2
        navegador.close()
    assert errores == [] and csp == []


# --- La entidad de ejemplo (datos/servir-2025), cuando exista --------------------------------------------

@pytest.mark.skipif(not SERVIR_2025.is_dir(), reason="aún no hay datos/servir-2025")
def test_la_entidad_de_ejemplo(servir2025, tmp_path):
    """Las cifras del informe son las de `calificar` (contadas aparte, por segmento y calificación vigente), se
    vuelven a sumar, y ni el informe ni el portal tienen un documento de la entidad de ejemplo."""
    import json
    from generador.politica import cargar_politica
    from generador.diagnosticos import Informe, Ubicacion
    _, tabla, markdown = _informe(servir2025, tmp_path / "informe.pdf")
    filas = [f for f in _csv(tabla) if f["seccion"] == "calificaciones por segmento"]
    por = {(f["concepto"], f["detalle"]): int(f["cantidad"]) for f in filas}
    segmentos = sorted({s for s, _ in por} - {"Total"})
    columnas = sorted({c for _, c in por} - {"Total"})
    for columna in [*columnas, "Total"]:
        assert sum(por[(s, columna)] for s in segmentos) == por[("Total", columna)], columna
    for segmento in [*segmentos, "Total"]:
        assert sum(por[(segmento, c)] for c in columnas) == por[(segmento, "Total")], segmento
    corrida = correr("calificar", "--datos", str(servir2025), "--sin-cache", "--formato", "json")
    assert corrida.codigo == 0, corrida.errores
    politica = cargar_politica("servir-2025", Informe(), Ubicacion("prueba"))
    nombres = {**politica.calificaciones.valor, None: "Pendiente (registro incompleto)"}
    contadas = Counter((politica.segmentos.valor[f["segmento"]], nombres[f["calificacion"]]) for f in json.loads(corrida.salida))
    assert {k: v for k, v in por.items() if v and "Total" not in k} == dict(contadas)
    documentos = {f["documento"] for f in json.loads(corrida.salida)}
    sitio = _sitio(servir2025, tmp_path / "sitio")
    for ruta, contenido in [*_textos(sitio), (Path("informe.csv"), tabla), (Path("informe.md"), markdown)]:
        for documento in documentos:
            assert documento not in contenido, f"documento en {ruta}"
