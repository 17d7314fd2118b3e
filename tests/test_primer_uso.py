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


def test_una_orden_que_la_politica_no_admite_se_rechaza_sin_validar_antes(empresa):
    """Antes, `exportar --datos datos/empresa` validaba todo (y listaba sus problemas) antes de decir que la
    política no lo admite."""
    registro = empresa / "ciclos/2025/servidores/aguirre-c.yaml"
    registro.write_text(registro.read_text(encoding="utf-8").replace("nivel: apoyo_servicio", "nivel: otro"),
                        encoding="utf-8")
    assert correr("validar", "--datos", str(empresa)).codigo == 1  # los datos tienen un error
    corrida = correr("exportar", "--datos", str(empresa))
    assert corrida.codigo == 2
    assert corrida.lineas_error == ["generador exportar: error: la política «empresa» del ciclo «2025» no admite "
                                    "«generador exportar»; admite: validar, calificar, pdf, sitio, informe"]


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
