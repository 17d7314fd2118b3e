"""Primer uso sin tropiezos: lo que una AFRH nueva encontró en los formularios, el informe y el portal.

Cada prueba lee de vuelta lo que la orden escribió (texto del PDF, páginas del sitio), como lo vería
quien lo recibe.
"""

from __future__ import annotations

import re

from pypdf import PdfReader

from conftest import RAIZ, correr
from test_sitio import construir

# El código de la directiva tal como figura en la semilla (001, portada de la Directiva).
CODIGO = "Directiva N°006-2018-IMARPE/SG/OGPP"


def _texto_pdf(ruta) -> str:
    return " ".join(" ".join(pagina.extract_text() for pagina in PdfReader(ruta).pages).split())


def test_el_codigo_de_la_directiva_es_el_de_la_semilla_en_legajo_informe_portal_y_readme(embebidos, tmp_path):
    """Antes: «N°006-2018-IMARPE/SG» en el legajo, el informe y el README, y «…/SG/OGPP» en el portal."""
    assert correr("pdf", "--solo", "quispe-mamani-rosa", "-j", "1", "--silencioso", "--salida", "salida").codigo == 0
    assert correr("informe", "--salida", "salida/informe.pdf").codigo == 0
    sitio = construir(embebidos, tmp_path / "portal")
    normativa = re.sub(r"<[^>]+>", " ", (sitio / "normativa.html").read_text(encoding="utf-8"))
    textos = {
        "legajo": _texto_pdf(tmp_path / "salida/2025/quispe-mamani-rosa/legajo.pdf"),
        "informe": _texto_pdf(tmp_path / "salida/informe.pdf"),
        "portal": " ".join(normativa.split()),
        "README": " ".join((RAIZ / "README.md").read_text(encoding="utf-8").split()),
    }
    for donde, texto in textos.items():
        # Las resoluciones de Secretaría General sí son «…-IMARPE/SG»: se mira solo el código de la directiva.
        directivas = re.findall(r"Directiva N°006-2018-IMARPE/\S+", texto)
        assert directivas, donde
        assert all(d.startswith(CODIGO) for d in directivas), (donde, directivas)
    # El portal habla con los servidores: sin el nombre interno de la política.
    assert "imarpe-2018" not in textos["portal"] and "del generador" not in textos["portal"]


def test_importar_una_lista_con_los_encabezados_y_regimenes_de_una_oficina_de_personal(ejemplo, tmp_path):
    """Antes: «D.L. 728» y «D.L. 1057» se rechazaban; «Fecha de ingreso al puesto» (que el README promete) no se
    reconocía y la fecha se perdía sin aviso; «Documento de Identidad (DNI)», «Grupo Ocupacional / Segmento» y
    «DNI del jefe inmediato» no se reconocían."""
    import datetime as dt

    from generador.carga import cargar
    from generador.diagnosticos import Informe
    from test_flujo_importar import _xlsx

    encabezados = ["Documento de Identidad (DNI)", "Apellidos", "Nombres", "Grupo Ocupacional / Segmento", "Cargo",
                   "Unidad orgánica", "DNI del jefe inmediato", "Régimen laboral", "Fecha de ingreso al puesto"]
    filas = [["45678912", "Torres León", "Carla", "Operador y asistencial", "Asistente de laboratorio", "DGIOCC",
              "30000001", "D.L. 728", "15/01/2024"],
             ["45678913", "Rojas Paz", "Luis", "Personal ejecutor", "Analista", "DGIOCC", "30000001", "D.L. N° 1057",
              dt.datetime(2023, 6, 1)]]
    corrida = correr("importar", str(_xlsx(tmp_path / "lista.xlsx", filas, encabezados)), "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    assert not [linea for linea in corrida.lineas_error if linea.startswith("Columnas no usadas")]
    carpeta = ejemplo / "ciclos/2024/servidores"
    torres = cargar(carpeta / "torres-leon-carla.yaml", Informe()).datos
    rojas = cargar(carpeta / "rojas-paz-luis.yaml", Informe()).datos
    assert (torres["servidor"]["regimen"], torres["servidor"]["fecha_inicio_puesto"]) == ("728", dt.date(2024, 1, 15))
    assert (rojas["servidor"]["regimen"], rojas["servidor"]["fecha_inicio_puesto"]) == ("1057", dt.date(2023, 6, 1))
    assert torres["evaluador"] == rojas["evaluador"] == "30000001"
    assert torres["servidor"]["segmento"] == "operador_asistencia"


def test_solo_validar_lista_las_advertencias_las_demas_ordenes_las_cuentan_por_ciclo(embebidos, tmp_path):
    """Antes, `make` repetía las mismas 3 advertencias en cada paso (7 veces) y `calificar --ciclo 2024`
    mostraba las advertencias del ciclo 2025."""
    validar = correr("validar")
    assert sum("advertencia:" in linea for linea in validar.lineas_error) == 3
    for orden in (["calificar", "--formato", "csv", "--salida", "notas.csv"], ["exportar", "--salida", "r.xlsx"],
                  ["sitio", "--salida", "salida/sitio"]):
        corrida = correr(*orden)
        assert corrida.codigo == 0, corrida.errores
        assert not [linea for linea in corrida.lineas_error if "advertencia:" in linea], orden
        resumen = "0 errores, 3 advertencias" + ("" if orden[0] == "sitio" else " en el ciclo «2025»")
        assert f"{resumen} (véalas con «generador validar»)" in corrida.lineas_error, corrida.errores
    del_2024 = correr("calificar", "--ciclo", "2024", "--formato", "csv", "--salida", "notas-2024.csv")
    assert del_2024.codigo == 0 and "advertencia" not in del_2024.errores
    estricto = correr("calificar", "--estricto")
    assert estricto.codigo == 1
    assert sum("advertencia:" in linea for linea in estricto.lineas_error) == 3  # fatales: se listan


def test_apellidos_en_dos_columnas_y_una_columna_que_falta_con_su_pista(ejemplo, tmp_path):
    """«Apellido Paterno» y «Apellido Materno» en dos columnas se unen; si falta una columna obligatoria, el
    mensaje dice qué encabezados no se reconocieron y cuál era probablemente el buscado."""
    from generador.carga import cargar
    from generador.diagnosticos import Informe
    from test_flujo_importar import _xlsx

    encabezados = ["DNI", "Apellido Paterno", "Apellido Materno", "Nombres", "Segmento", "Cargo", "Unidad orgánica",
                   "DNI del evaluador"]
    fila = ["45678912", "Torres", "León", "Carla", "Ejecutor", "Analista", "DGIOCC", "30000001"]
    corrida = correr("importar", str(_xlsx(tmp_path / "lista.xlsx", [fila], encabezados)), "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    registro = cargar(ejemplo / "ciclos/2024/servidores/torres-leon-carla.yaml", Informe()).datos
    assert registro["servidor"]["apellidos"] == "Torres León"

    encabezados = ["DNI", "Apellidos", "Nombres", "Segmento", "Cargo", "Unidad orgánica", "Jefe inmediato", "Sede"]
    antes = sorted((ejemplo / "ciclos/2024/servidores").iterdir())
    _xlsx(tmp_path / "otra.xlsx", [fila], encabezados, titulo=False)
    corrida = correr("importar", "otra.xlsx", "--ciclo", "2024")
    assert corrida.codigo == 1
    assert corrida.lineas_error == [
        "otra.xlsx:fila 1: faltan las columnas «Documento del evaluador»; encabezados sin reconocer: «Jefe inmediato», "
        "«Sede»; ¿«Jefe inmediato» es «Documento del evaluador»? cambie el encabezado a «Documento del evaluador»"]
    assert sorted((ejemplo / "ciclos/2024/servidores").iterdir()) == antes


def test_la_lista_se_lee_de_la_hoja_que_la_tiene(ejemplo, tmp_path):
    """Antes se leía siempre la primera hoja: un libro con «Instrucciones» delante fallaba, y una hoja oculta
    se leía. Ahora: la hoja activa si tiene la lista; si no, la primera visible que la tenga; nunca una oculta."""
    from openpyxl import Workbook

    libro = Workbook()
    instrucciones = libro.active
    instrucciones.title = "Instrucciones"
    instrucciones.append(["Llene la hoja «Participantes»; no cambie los encabezados."])
    oculta = libro.create_sheet("Anterior")
    oculta.sheet_state = "hidden"
    encabezados = ["DNI", "Apellidos", "Nombres", "Segmento", "Cargo", "Unidad orgánica", "DNI del evaluador"]
    oculta.append(encabezados)
    oculta.append(["45678999", "Oculta", "Persona", "Ejecutor", "Analista", "DGIOCC", "30000001"])
    participantes = libro.create_sheet("Participantes")
    participantes.append(encabezados)
    participantes.append(["45678912", "Torres León", "Carla", "Ejecutor", "Analista", "DGIOCC", "30000001"])
    libro.save(tmp_path / "libro.xlsx")  # la hoja activa es «Instrucciones»
    corrida = correr("importar", "libro.xlsx", "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[0].startswith("libro.xlsx, hoja «Participantes»: 1 fila; 1 registro nuevo")
    assert (ejemplo / "ciclos/2024/servidores/torres-leon-carla.yaml").is_file()
    assert not (ejemplo / "ciclos/2024/servidores/oculta-persona.yaml").exists()

    (tmp_path / "vieja.xls").write_bytes(b"\xd0\xcf\x11\xe0")  # un libro de Excel 97-2003
    vieja = correr("importar", "vieja.xls", "--ciclo", "2024")
    assert vieja.codigo == 1
    assert vieja.lineas_error == ["vieja.xls: este formato no se lee; ábralo en Excel o LibreOffice y guárdelo como "
                                  "«Libro de Excel (.xlsx)» o como CSV"]


def test_una_orden_que_la_politica_no_admite_se_rechaza_sin_validar_antes(empresa, monkeypatch):
    """Antes, `exportar --datos datos/empresa` validaba todo (y listaba sus problemas) antes de decir que la
    política no lo admite. Hoy cada modelo admite todas las órdenes: se prueba con un modelo que no admite
    «exportar»."""
    from generador.modelos import ponderado
    monkeypatch.setattr(ponderado, "ORDENES", tuple(o for o in ponderado.ORDENES if o != "exportar"))
    registro = empresa / "ciclos/2025/servidores/aguirre-c.yaml"
    registro.write_text(registro.read_text(encoding="utf-8").replace("nivel: apoyo_servicio", "nivel: otro"),
                        encoding="utf-8")
    assert correr("validar", "--datos", str(empresa)).codigo == 1  # los datos tienen un error
    corrida = correr("exportar", "--datos", str(empresa))
    assert corrida.codigo == 2
    assert corrida.lineas_error == ["generador exportar: error: la política «empresa» del ciclo «2025» no admite "
                                    f"«generador exportar»; admite: {', '.join(ponderado.ORDENES)}"]


def test_los_encabezados_de_la_lista_se_muestran_en_una_sola_linea(ejemplo, tmp_path):
    """Un encabezado con un salto de línea (posible entre comillas en un CSV) no finge otra línea de la consola."""
    encabezados = ["DNI", "Apellidos", "Nombres", "Segmento", "Cargo", "Unidad orgánica", "DNI del evaluador",
                   '"Obs\ndatos/x.yaml:1:1: error: falso"']
    fila = ["45678912", "Torres León", "Carla", "Ejecutor", "Analista", "DGIOCC", "30000001", ""]
    (tmp_path / "lista.csv").write_text(",".join(encabezados) + "\n" + ",".join(fila) + "\n", encoding="utf-8")
    corrida = correr("importar", "lista.csv", "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    assert "Columnas no usadas: «Obs\\ndatos/x.yaml:1:1: error: falso»." in corrida.lineas_error
    assert not [linea for linea in corrida.lineas_error if linea.startswith("datos/x.yaml")]


def test_el_anexo_1_esta_pendiente_hasta_que_hay_reunion_y_metas(embebidos, tmp_path):
    """Antes: tras `nuevo --desde`, el informe contaba «Anexo 1 · fijación de metas 44 de 44 (100 %)» y la portada
    del legajo decía «Anexo N° 1 — Incluido» en registros sin reunión ni metas."""
    assert correr("nuevo", "--ciclo", "2026", "--desde", "2025").codigo == 0
    registros = sorted((embebidos / "ciclos/2026/servidores").glob("*.yaml"))
    # Uno con la reunión y sus metas (como el de 2025), otro con la reunión pero sin metas.
    completo, sin_metas = registros[0], registros[1]
    origen = (embebidos / "ciclos/2025/servidores" / completo.name).read_text(encoding="utf-8")
    metas = origen[origen.index("metas_individuales:"):origen.index("acciones_servidor:")]
    metas = metas.replace("2025-", "2026-")
    completo.write_text(completo.read_text(encoding="utf-8") + "reunion_fijacion_metas: 2026-04-14\n" + metas,
                        encoding="utf-8")
    sin_metas.write_text(sin_metas.read_text(encoding="utf-8") + "reunion_fijacion_metas: 2026-04-15\n",
                         encoding="utf-8")
    assert correr("validar").codigo == 0
    assert correr("informe", "--ciclo", "2026", "--al", "2026-05-15", "--salida", "informe.pdf").codigo == 0
    informe = _texto_pdf(tmp_path / "informe.pdf")
    assert f"Anexo 1 · fijación de metas 1 de {len(registros)}" in informe
    # Los que no tienen el Anexo 1 figuran como pendientes de su evaluador, con lo que falta.
    assert "sin metas individuales registradas" in informe
    assert "sin reunión de fijación de metas ni metas individuales registradas" in informe

    nombres = [completo.stem, sin_metas.stem, registros[2].stem]
    for nombre in nombres:
        assert correr("pdf", "--ciclo", "2026", "--solo", nombre, "-j", "1", "--silencioso", "--salida", "salida").codigo == 0
    portadas = {n: _texto_pdf(tmp_path / "salida/2026" / n / "legajo.pdf") for n in nombres}
    assert "Anexo N° 1 — Fijación de factores de evaluación 2" in portadas[completo.stem]  # incluido, en la página 2
    assert (tmp_path / "salida/2026" / completo.stem / "anexo-1.pdf").is_file()
    assert "Pendiente: sin metas individuales registradas" in portadas[sin_metas.stem]
    assert "Pendiente: sin reunión de fijación de metas ni metas individuales registradas" in portadas[registros[2].stem]
    for nombre in nombres[1:]:
        assert not (tmp_path / "salida/2026" / nombre / "anexo-1.pdf").exists()
    assert "Incluido" not in portadas[registros[2].stem]


def test_una_fecha_fuera_del_ciclo_se_advierte_y_el_informe_dice_quien_fijo_el_corte(embebidos, tmp_path):
    """Antes: un año mal escrito (2027) movía en silencio la fecha de corte del informe y lo llenaba de pendientes."""
    from conftest import editar, linea_de

    registro = embebidos / "ciclos/2025/servidores/aguilar-poma-fernando.yaml"
    editar(registro, "fecha_resultado: 2026-03-02", "fecha_resultado: 2027-03-02")
    linea = linea_de(registro, "fecha_resultado: 2027-03-02")
    corrida = correr("validar")
    assert corrida.codigo == 0
    assert (f"datos/ciclos/2025/servidores/aguilar-poma-fernando.yaml:{linea}:20: advertencia: la fecha 02/03/2027 es "
            "posterior al fin del ciclo (31/03/2026): revísela; el informe de la AFRH toma el último hecho registrado "
            "como fecha de corte (6.5)") in corrida.lineas_error
    # Una fecha anterior al inicio del ciclo también se advierte.
    editar(registro, "fecha_resultado: 2027-03-02", "fecha_resultado: 2026-03-02")
    editar(registro, "- fecha: 2025-09-11", "- fecha: 2015-09-11")
    assert any("la fecha 11/09/2015 es anterior al inicio del ciclo (03/03/2025): revísela (6.5)" in l
               for l in correr("validar").lineas_error)
    editar(registro, "- fecha: 2015-09-11", "- fecha: 2025-09-11")
    editar(registro, "fecha_resultado: 2026-03-02", "fecha_resultado: 2027-03-02")

    assert correr("informe", "--ciclo", "2025", "--salida", "informe.pdf").codigo == 0
    texto = _texto_pdf(tmp_path / "informe.pdf").replace(" ", "")  # el PDF corta la línea en un guion
    assert (f"Situación al 02/03/2027 (último hecho registrado: «confirmacion.fecha_resultado» de "
            f"servidores/aguilar-poma-fernando.yaml, línea {linea}; es posterior al fin del ciclo (31/03/2026): "
            "revise esa fecha)").replace(" ", "") in texto
    # Con los datos tal como vienen, el informe nombra el hecho que fijó el corte y no avisa nada más.
    editar(registro, "fecha_resultado: 2027-03-02", "fecha_resultado: 2026-03-02")
    assert correr("informe", "--ciclo", "2025", "--salida", "informe2.pdf").codigo == 0
    situacion = re.search(r"Situación al (\S+) \(([^)]*)\)", _texto_pdf(tmp_path / "informe2.pdf"))
    assert situacion and situacion.group(2).startswith("último hecho registrado: «") and "revise" not in situacion.group(2)


def test_un_designado_no_se_notifica_antes_del_acta_de_la_junta(embebidos):
    """Antes: el ejemplo notificaba el rendimiento distinguido (Anexo 4, 05/02/2026) antes del acta de la Junta
    (11/02/2026) y `validar` no decía nada. El ejemplo ahora notifica al día siguiente del acta."""
    from conftest import editar, linea_de

    assert correr("validar").codigo == 0
    registro = embebidos / "ciclos/2025/servidores/rojas-tello-miguel.yaml"
    editar(registro, "fecha_notificacion: 2026-02-12", "fecha_notificacion: 2026-02-10")
    corrida = correr("validar")
    assert corrida.codigo == 1
    linea = linea_de(registro, "fecha_notificacion: 2026-02-10")
    assert (f"datos/ciclos/2025/servidores/rojas-tello-miguel.yaml:{linea}:23: error: se notifica el rendimiento "
            "distinguido el 10/02/2026, antes de que la Junta lo designe (Acta N° 001-2026-JD-INIMAR del 11/02/2026); "
            "la notificación va después del acta (7.5.2 b)") in corrida.lineas_error
    # El mismo día del acta sí se puede notificar.
    editar(registro, "fecha_notificacion: 2026-02-10", "fecha_notificacion: 2026-02-11")
    assert correr("validar").codigo == 0


def _descomentar(texto: str, hasta: str) -> str:
    """Quita el «# » de las líneas de datos de la plantilla (no de las explicaciones), hasta la línea `hasta`."""
    lineas = []
    for linea in texto[:texto.index(hasta)].splitlines():
        dato = linea[2:] if linea.startswith("# ") else linea
        lineas.append(dato if linea.startswith("# ") and re.match(r"(\s|[a-z_]+:)", dato) else linea)
    return "\n".join(lineas) + "\n" + texto[texto.index(hasta):]


def _nuevo_registro(documento: str, segmento: str, apellidos: str):
    corrida = correr("nuevo", "--ciclo", "2025", "--documento", documento, "--nombres", "Ana", "--apellidos", apellidos,
                     "--segmento", segmento, "--puesto", "Analista", "--organo", "DIO", "--evaluador", "44456654")
    assert corrida.codigo == 0, corrida.errores


def test_la_plantilla_de_nuevo_descomentada_tal_cual_solo_senala_sus_textos_de_muestra(embebidos):
    """Antes: descomentar el bloque del Anexo 1 daba dos errores (uno con el `None` de Python), los «...» se
    aceptaban y se habrían impreso en el Anexo 1, y faltaban funciones, hitos, acciones del servidor, Plan de
    Mejora y los comentarios de la evaluación. Ahora: un campo vacío es «aún no»; un texto de muestra, un error."""
    for documento, segmento, apellidos in (("42345678", "ejecutor", "Pérez Soto"), ("42345679", "directivo", "Ríos Paz")):
        _nuevo_registro(documento, segmento, apellidos)
        ruta = next((embebidos / "ciclos/2025/servidores").glob(f"{apellidos.split()[0][0].lower()}*-ana.yaml"))
        plantilla = ruta.read_text(encoding="utf-8")
        for campo in ("funciones:", "hitos:", "acciones_servidor:", "plan_mejora:", "comentarios_evaluador:",
                      "comentario_afrh:", "observaciones:", "confirmacion:"):
            assert f"# {campo}" in plantilla or f"#   {campo}" in plantilla or f"#     {campo}" in plantilla, campo
        ruta.write_text(_descomentar(plantilla, "# Solo si el servidor"), encoding="utf-8")
        corrida = correr("validar")
        assert corrida.codigo == 1
        errores = [l for l in corrida.lineas_error if ": error: " in l]
        assert errores and all(l.startswith(f"datos/ciclos/2025/servidores/{ruta.name}:") for l in errores), errores
        # Cada error es un texto de muestra, en su línea y columna; ninguno habla de None ni de tipos.
        for linea in errores:
            numero, columna = (int(x) for x in linea.split(":")[1:3])
            texto = ruta.read_text(encoding="utf-8").splitlines()[numero - 1]
            muestra = re.search(r"texto de muestra «([^»]+)»", linea)
            assert muestra, linea
            assert texto[columna - 1:].startswith(muestra.group(1)), (linea, texto)
        assert "None" not in corrida.errores
        # Con los datos escritos (y lo de etapas posteriores aún vacío), el registro es válido.
        texto = ruta.read_text(encoding="utf-8").replace("AAAA-MM-DD", "2025-04-14").replace("AAAA-MM", "2026-04")
        ruta.write_text(texto.replace("...", "Dato escrito por la AFRH"), encoding="utf-8")
        corrida = correr("validar")
        assert corrida.codigo == 0, corrida.errores
        # Lo vacío no se inventa: el logro vacío es un dato que aún falta para el puntaje.
        assert f"{ruta.name}:" in corrida.errores and "no se puede calcular el puntaje: faltan «logro»" in corrida.errores


def test_un_campo_vacio_que_es_obligatorio_sigue_siendo_un_error(embebidos):
    _nuevo_registro("42345678", "ejecutor", "Pérez Soto")
    ruta = embebidos / "ciclos/2025/servidores/perez-soto-ana.yaml"
    ruta.write_text(ruta.read_text(encoding="utf-8") + "metas_individuales:\n  - objetivo:\n    peso: 100\n    logro:\n",
                    encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 1
    assert [l.split(": error: ")[1] for l in corrida.lineas_error if ": error: " in l] == [
        "«objetivo» está vacío; se esperaba un texto"]


def test_nuevo_desde_avisa_lo_que_copio_y_deja_el_cie_y_la_junta_por_confirmar(embebidos):
    """Antes: `nuevo --desde` copiaba el CIE y la Junta (y el portal los publicaba enseguida como del ciclo nuevo),
    vaciaba la resolución sin decirlo y corría fechas a sábados y domingos sin avisar."""
    import datetime as dt

    corrida = correr("nuevo", "--ciclo", "2026", "--desde", "2025")
    assert corrida.codigo == 0
    avisos = [l[4:] for l in corrida.lineas_error if l.startswith("  - ")]
    assert "la resolución del ciclo anterior («Resolución de Presidencia Ejecutiva N° 021-2025-INIMAR/PE») se dejó " \
           "vacía: escriba la que aprueba este ciclo" in avisos
    assert "el Comité Institucional de Evaluación se copió del ciclo 2025: elija o ratifique a sus miembros (6.3) y " \
           "borre «por_confirmar»" in avisos
    ciclo = (embebidos / "ciclos/2026/ciclo.yaml").read_text(encoding="utf-8")
    assert ciclo.count("por_confirmar: true  # copiado del ciclo 2025: bórrelo al confirmar") == 2
    # Cada fecha del cronograma que cae en fin de semana se nombra, y solo esas.
    fines_de_semana = [l for l in avisos if l.startswith("cae en fin de semana: ")]
    fechas = re.findall(r"(?:inicio|fin): (\d{4}-\d{2}-\d{2})", ciclo[ciclo.index("cronograma:"):ciclo.index("\ncie:")])
    sabados_domingos = sorted({f for f in fechas if dt.date.fromisoformat(f).weekday() >= 5})
    assert sabados_domingos  # el ejemplo tiene algunas: la prueba mira algo
    avisadas = sorted({dt.datetime.strptime(l.split(": ")[-1].split(",")[0], "%d/%m/%Y").date().isoformat()
                       for l in fines_de_semana})
    assert avisadas == sabados_domingos
    # validar lo recuerda mientras siga «por_confirmar»; al borrarlo, el aviso se va.
    advertencias = [l for l in correr("validar").lineas_error if "ciclos/2026/ciclo.yaml" in l]
    assert len(advertencias) == 2 and all("está por confirmar" in l for l in advertencias)
    (embebidos / "ciclos/2026/ciclo.yaml").write_text(
        ciclo.replace("  por_confirmar: true  # copiado del ciclo 2025: bórrelo al confirmar\n", ""), encoding="utf-8")
    assert not [l for l in correr("validar").lineas_error if "ciclos/2026/ciclo.yaml" in l]


def test_el_portal_no_publica_como_del_ciclo_nuevo_el_cie_y_la_junta_copiados(embebidos, tmp_path):
    """Antes: tras `nuevo --desde`, el portal publicaba enseguida el CIE y la Junta de 2025 como los de 2026."""
    from generador.carga import cargar
    from generador.diagnosticos import Informe

    assert correr("nuevo", "--ciclo", "2026", "--desde", "2025").codigo == 0
    sitio = construir(embebidos, tmp_path / "portal")
    ciclo = cargar(embebidos / "ciclos/2025/ciclo.yaml", Informe()).datos
    titular = ciclo["cie"]["afrh"]["titular"]
    registro = next(cargar(r, Informe()).datos for r in (embebidos / "ciclos/2025/servidores").glob("*.yaml")
                    if cargar(r, Informe()).datos["servidor"]["documento"] == titular)
    nombre = registro["servidor"]["apellidos"]

    def texto(ruta: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", (sitio / ruta).read_text(encoding="utf-8")).split())

    # El ciclo en curso (2026) está en generado/; los anteriores, en generado/archivo/<ciclo>/.
    assert "2026" in texto("generado/cie.html")
    assert "El Comité de este ciclo está pendiente de elección" in texto("generado/cie.html")
    assert "pendiente de conformación" in texto("generado/junta.html")
    assert nombre not in texto("generado/cie.html") and nombre not in texto("generado/junta.html")
    # El de 2025 sigue publicado con sus miembros.
    assert nombre in texto("generado/archivo/2025/cie.html") and "pendiente" not in texto("generado/archivo/2025/cie.html")
