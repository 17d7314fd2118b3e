"""Los PDF se leen de vuelta: cada legajo dice lo que calcula `calificar`, y nada de otro servidor."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EJEMPLO, correr, editar
from generador.anexos import motor as motor_pdf


def texto(ruta: Path) -> str:
    """Texto del PDF con los espacios normalizados (las celdas parten las líneas)."""
    return " ".join(" ".join(pagina.extract_text() or "" for pagina in PdfReader(ruta).pages).split())


@pytest.fixture(scope="module")
def construido(tmp_path_factory):
    """El ejemplo público construido una vez: (carpeta de datos, carpeta de PDF, calificaciones)."""
    base = tmp_path_factory.mktemp("pdf")
    datos = base / "datos"
    shutil.copytree(EJEMPLO, datos)
    corrida = correr("pdf", "--datos", str(datos), "--salida", str(base / "salida"))
    assert corrida.codigo == 0, corrida.errores
    calificaciones = json.loads(correr("calificar", "--datos", str(datos), "--formato", "json").salida)
    return datos, base / "salida" / "2024", {c["documento"]: c for c in calificaciones}


def _registros(datos: Path):
    from generador.carga import cargar
    from generador.diagnosticos import Informe
    for ruta in sorted((datos / "ciclos/2024/servidores").glob("*.yaml")):
        yield ruta.stem, cargar(ruta, Informe()).datos


def test_un_legajo_por_registro_y_el_flujograma(construido):
    datos, salida, _ = construido
    assert sorted(p.name for p in salida.iterdir() if p.is_dir()) == sorted(n for n, _ in _registros(datos))
    assert (salida / "anexo-7-flujograma.pdf").is_file()
    for carpeta in (p for p in salida.iterdir() if p.is_dir()):
        assert (carpeta / "legajo.pdf").is_file()


@pytest.mark.parametrize("nombre", [p.stem for p in sorted((EJEMPLO / "ciclos/2024/servidores").glob("*.yaml"))])
def test_el_legajo_dice_lo_que_calcula_calificar(construido, nombre):
    datos, salida, calificaciones = construido
    registros = dict(_registros(datos))
    registro = registros[nombre]
    servidor = registro["servidor"]
    leido = texto(salida / nombre / "legajo.pdf")
    esperado = calificaciones[servidor["documento"]]

    assert f"{servidor['nombres']} {servidor['apellidos']}" in leido
    assert servidor["documento"] in leido
    for meta in registro.get("metas_grupales", []) + registro["metas_individuales"]:
        assert " ".join(meta["objetivo"].split()) in leido
        assert f"{meta['peso']:.2f}" in leido
    for campo in ("puntaje_grupal", "puntaje_individual", "subtotal_grupal", "subtotal_individual", "puntaje_final"):
        if esperado[campo] is not None:
            assert f"{esperado[campo]:.2f}" in leido, campo
    nombres = {"buen_rendimiento": "Buen rendimiento", "rendimiento_distinguido": "Rendimiento distinguido",
               "sujeto_a_observacion": "Rendimiento sujeto a observación"}
    assert f"Calificación {nombres[esperado['calificacion']]}" in leido

    # Nada de otro servidor evaluado, salvo quien lo evalúa (y quien preside el CIE, en la confirmación).
    permitidos = {registro["evaluador"]} | ({"10000002"} if "confirmacion" in registro else set())
    for otro_nombre, otro in registros.items():
        documento = otro["servidor"]["documento"]
        if otro_nombre == nombre or documento in permitidos:
            continue
        assert documento not in leido
        assert f"{otro['servidor']['nombres']} {otro['servidor']['apellidos']}" not in leido


def test_anexo_4_se_vuelve_a_sumar_a_mano(construido):
    _, salida, _ = construido
    leido = texto(salida / "cabrera-soto-milagros" / "anexo-4.pdf")
    # 95.00 × 30 % = 28.50; 97.50 × 70 % = 68.25; 28.50 + 68.25 = 96.75
    assert re.search(r"Metas grupales 95\.00 30 28\.50", leido)
    assert re.search(r"Metas individuales 97\.50 70 68\.25", leido)
    assert re.search(r"Puntuación final 96\.75", leido)
    assert "X BUEN RENDIMIENTO" in leido


def test_anexo_4_marca_la_calificacion_correcta(construido):
    _, salida, _ = construido
    assert "X PERSONAL DE RENDIMIENTO DISTINGUIDO" in texto(salida / "rojas-tello-miguel" / "anexo-4.pdf")
    observado = texto(salida / "sanchez-yupanqui-pedro" / "anexo-4.pdf")
    assert "X RENDIMIENTO SUJETO A OBSERVACIÓN" in observado
    assert "X BUEN" not in observado


def test_el_legajo_junta_los_anexos_en_orden(construido):
    _, salida, _ = construido
    carpeta = salida / "sanchez-yupanqui-pedro"
    sueltos = ["anexo-1", "anexo-2", "anexo-3", "anexo-4", "anexo-5", "anexo-6", "confirmacion-cie"]
    presentes = [n for n in sueltos if (carpeta / f"{n}.pdf").exists()]
    assert presentes == ["anexo-1", "anexo-3", "anexo-4", "anexo-5", "anexo-6", "confirmacion-cie"]
    paginas = sum(len(PdfReader(carpeta / f"{n}.pdf").pages) for n in presentes)
    assert len(PdfReader(carpeta / "legajo.pdf").pages) == 1 + paginas
    portada = PdfReader(carpeta / "legajo.pdf").pages[0].extract_text()
    assert "Pendiente: sin evidencias registradas" in " ".join(portada.split())
    titulos = [" ".join(PdfReader(carpeta / f"{n}.pdf").pages[0].extract_text().split())[:200] for n in presentes]
    assert [t for t in titulos if "ANEXO N°" in t] == titulos[:5]


def test_cada_anexo_suelto_son_sus_paginas_del_legajo_con_su_titulo_y_marcador(construido):
    _, salida, _ = construido
    carpeta = salida / "quispe-mamani-rosa"
    legajo = PdfReader(carpeta / "legajo.pdf")
    paginas_legajo = [" ".join((p.extract_text() or "").split()) for p in legajo.pages]
    marcadores = [m.title for m in legajo.outline if not isinstance(m, list)]  # la portada tiene un hijo
    sueltos = [n for n in ("anexo-1", "anexo-2", "anexo-3", "anexo-4", "anexo-5", "anexo-6", "confirmacion-cie")
               if (carpeta / f"{n}.pdf").exists()]
    assert marcadores[0] == "Legajo de evaluación del desempeño" and len(marcadores) == 1 + len(sueltos) >= 6
    desde = 1  # después de la portada
    for nombre, marcador in zip(sueltos, marcadores[1:]):
        suelto = PdfReader(carpeta / f"{nombre}.pdf")
        propias = [" ".join((p.extract_text() or "").split()) for p in suelto.pages]
        assert propias == paginas_legajo[desde:desde + len(propias)], nombre
        desde += len(propias)
        assert suelto.pdf_header == "%PDF-1.7"
        assert [m.title for m in suelto.outline] == [marcador]
        assert suelto.get_destination_page_number(suelto.outline[0]) == 0
        titulo = suelto.metadata.title
        assert titulo.startswith(marcador.split(" — ")[0]) and titulo != legajo.metadata.title
        xmp = suelto.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert f">{titulo}</rdf:li>" in xmp and legajo.metadata.title not in xmp
        assert suelto.metadata.author == legajo.metadata.author
    assert desde == len(paginas_legajo)


def test_pdf_a_3b_con_el_registro_adjunto_y_fechas_de_los_datos(construido):
    datos, salida, _ = construido
    for nombre in ("legajo", "anexo-1"):
        lector = PdfReader(salida / "quispe-mamani-rosa" / f"{nombre}.pdf")
        xmp = lector.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert re.search(r"pdfaid:part(=\"|>)3", xmp) and re.search(r"pdfaid:conformance(=\"|>)B", xmp)
        adjuntos = lector.attachments
        assert list(adjuntos) == ["quispe-mamani-rosa.yaml"]
        assert adjuntos["quispe-mamani-rosa.yaml"][0] == (datos / "ciclos/2024/servidores/quispe-mamani-rosa.yaml").read_bytes()
        # La última fecha del registro (la reunión de retroalimentación), no la del reloj.
        assert lector.metadata.creation_date.date() == dt.date(2025, 2, 17)
    pie = texto(salida / "quispe-mamani-rosa" / "anexo-1.pdf")
    import hashlib
    huella = hashlib.sha256((datos / "ciclos/2024/servidores/quispe-mamani-rosa.yaml").read_bytes()).hexdigest()
    assert f"SHA-256 {huella}" in pie and "Política imarpe-2018 v2018.1" in pie


def test_dos_corridas_dan_archivos_identicos(construido, tmp_path):
    datos, salida, _ = construido
    otra = tmp_path / "otra"
    assert correr("pdf", "--datos", str(datos), "--salida", str(otra), "--solo", "quispe-mamani-rosa", "sanchez-yupanqui-pedro").codigo == 0
    for carpeta in ("quispe-mamani-rosa", "sanchez-yupanqui-pedro"):
        for archivo in sorted((otra / "2024" / carpeta).iterdir()):
            assert archivo.read_bytes() == (salida / carpeta / archivo.name).read_bytes(), archivo.name


HOSTIL = {
    "objetivo: Procesar los datos CTD de los cruceros de monitoreo":
        "objetivo: '<img src=\"file:///etc/passwd\"> <script>alert(1)</script> {{ 7*7 }}'",
    "comentarios: Avance conforme en procesamiento; retraso en dos boletines.":
        "comentarios: '[x](javascript:alert(1)) <link rel=stylesheet href=\"http://ejemplo.invalid/a.css\"> {% raw %}'",
}


def test_un_registro_hostil_se_imprime_como_texto_y_no_se_busca_nada(ejemplo, tmp_path, monkeypatch):
    registro = ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    for viejo, nuevo in HOSTIL.items():
        editar(registro, viejo, nuevo)
    pedidos = []
    original = motor_pdf.LectorLocal.fetch
    monkeypatch.setattr(motor_pdf.LectorLocal, "fetch", lambda self, url, headers=None: (pedidos.append(url), original(self, url, headers))[1])
    corrida = correr("pdf", "--salida", str(tmp_path / "salida"), "--solo", "quispe-mamani-rosa")
    assert corrida.codigo == 0, corrida.errores
    def sin_espacios(cadena: str) -> str:  # una celda angosta parte el texto en cualquier espacio o barra
        return "".join(cadena.split())

    anexo1 = sin_espacios(texto(tmp_path / "salida/2024/quispe-mamani-rosa/anexo-1.pdf"))
    assert sin_espacios('<img src="file:///etc/passwd"> <script>alert(1)</script> {{ 7*7 }}') in anexo1
    anexo3 = sin_espacios(texto(tmp_path / "salida/2024/quispe-mamani-rosa/anexo-3.pdf"))
    assert sin_espacios('[x](javascript:alert(1)) <link rel=stylesheet href="http://ejemplo.invalid/a.css"> {% raw %}') in anexo3
    assert pedidos and all(u.startswith(motor_pdf.PLANTILLAS.as_uri() + "/fuentes/") for u in pedidos), pedidos


def test_el_lector_de_recursos_rechaza_lo_que_no_es_de_las_plantillas():
    lector = motor_pdf.LectorLocal(motor_pdf.PLANTILLAS)
    for url in ("file:///etc/passwd", "http://ejemplo.invalid/x.png", "https://ejemplo.invalid/",
                motor_pdf.PLANTILLAS.as_uri() + "/../README.md", "data:text/plain,hola"):
        with pytest.raises(ValueError):
            lector.fetch(url)
    assert lector.fetch(motor_pdf.PLANTILLAS.as_uri() + "/estilos.css").status == 200


def test_datos_invalidos_no_escriben_y_la_salida_anterior_queda(ejemplo, tmp_path):
    salida = tmp_path / "salida"
    assert correr("pdf", "--salida", str(salida), "--solo", "rojas-tello-miguel").codigo == 0
    antes = {p: p.read_bytes() for p in salida.rglob("*") if p.is_file()}
    editar(ejemplo / "ciclos/2024/servidores/rojas-tello-miguel.yaml", "peso: 40\n    logro: B", "peso: 45\n    logro: B")
    corrida = correr("pdf", "--salida", str(salida))
    assert corrida.codigo == 1
    assert "los pesos de las metas individuales suman 105, deben sumar 100 (Anexo 1)" in corrida.errores
    despues = {p: p.read_bytes() for p in salida.rglob("*") if p.is_file()}
    assert despues == antes
    assert sorted(p.name for p in salida.iterdir()) == [".generador-salida", "2024"]  # sin carpetas temporales


def test_registro_en_fijacion_de_metas_imprime_el_anexo_1_para_llenar(ejemplo, tmp_path):
    registro = ejemplo / "ciclos/2024/servidores/chavez-inga-raul.yaml"
    contenido = registro.read_text(encoding="utf-8")
    contenido = contenido[: contenido.index("seguimiento:")].replace("    alcanzado: 100\n", "").replace("    logro: C\n", "")
    registro.write_text(contenido, encoding="utf-8")
    corrida = correr("pdf", "--salida", str(tmp_path / "salida"), "--solo", "chavez-inga-raul")
    assert corrida.codigo == 0, corrida.errores
    carpeta = tmp_path / "salida/2024/chavez-inga-raul"
    assert sorted(p.name for p in carpeta.iterdir()) == [".huella", "anexo-1.pdf", "legajo.pdf"]
    portada = " ".join(PdfReader(carpeta / "legajo.pdf").pages[0].extract_text().split())
    assert "Calificación Pendiente" in portada
    assert "Pendiente: sin evaluación registrada" in portada
    assert "Anexo N° 5 — Acta de retroalimentación: sin reunión de retroalimentación registrada" in portada


def test_solo_con_un_servidor_desconocido_es_uso_incorrecto(ejemplo, tmp_path):
    corrida = correr("pdf", "--salida", str(tmp_path / "salida"), "--solo", "no-existe")
    assert corrida.codigo == 2
    assert corrida.lineas_error[-1] == ("generador pdf: error: --solo: 1 servidor(es) no están en el ciclo «2024» "
                                        "(use el nombre del archivo de registro sin .yaml)")


def test_cada_legajo_de_datos_embebidos_dice_lo_que_calcula_calificar(tmp_path_factory):
    """Lo mismo sobre datos/ (el ciclo 2025, como lo construye `make`): nombre, cada meta, cada
    peso, cada puntaje y la calificación; nada de otro servidor evaluado que no sea su evaluador."""
    from conftest import DATOS_EMBEBIDOS
    salida = tmp_path_factory.mktemp("embebidos")
    assert correr("pdf", "--datos", str(DATOS_EMBEBIDOS), "--salida", str(salida)).codigo == 0
    calificaciones = {c["documento"]: c for c in json.loads(
        correr("calificar", "--datos", str(DATOS_EMBEBIDOS), "--formato", "json").salida)}
    from generador.carga import cargar
    from generador.diagnosticos import Informe
    registros = {p.stem: cargar(p, Informe()).datos for p in sorted((DATOS_EMBEBIDOS / "ciclos/2025/servidores").glob("*.yaml"))}
    nombres = {"buen_rendimiento": "Buen rendimiento", "rendimiento_distinguido": "Rendimiento distinguido",
               "sujeto_a_observacion": "Rendimiento sujeto a observación", "desaprobado": "Desaprobado"}
    revisados = 0
    for nombre, registro in registros.items():
        servidor = registro["servidor"]
        leido = texto(salida / "2025" / nombre / "legajo.pdf")
        assert f"{servidor['nombres']} {servidor['apellidos']}" in leido
        esperado = calificaciones[servidor["documento"]]
        for otro_nombre, otro in registros.items():
            if otro_nombre != nombre and otro["servidor"]["documento"] != registro["evaluador"]:
                assert otro["servidor"]["documento"] not in leido, (nombre, otro_nombre)
        if esperado["puntaje_final"] is None:
            continue
        revisados += 1
        for meta in registro.get("metas_grupales", []) + registro["metas_individuales"]:
            assert " ".join(meta["objetivo"].split()) in leido, nombre
            assert f"{meta['peso']:.2f}" in leido, nombre
        for campo in ("puntaje_grupal", "puntaje_individual", "subtotal_grupal", "subtotal_individual", "puntaje_final"):
            if esperado[campo] is not None:
                assert f"{esperado[campo]:.2f}" in leido, (nombre, campo)
        assert f"Calificación {nombres[esperado['calificacion']]}" in leido, nombre
    assert revisados >= 40
