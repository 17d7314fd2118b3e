"""El Formato GDR 2025 oficial en Excel para los evaluadores (issue 16): `generador exportar --formato gdr` escribe
el libro oficial de SERVIR prellenado, uno por servidor, y `generador importar-formatos` lee los que vuelven
llenos. Los libros de estas pruebas son los que escribe la exportación, llenados con openpyxl como lo haría un
evaluador (y, si está instalado, abiertos y guardados por LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import RAIZ, correr
from generador.carga import cargar
from generador.diagnosticos import Informe
from generador.flujo.celdas import Problemas
from generador.flujo.yaml_texto import abrir, volcar
from generador.modelos.gdr.libro import lectura

HOJA = "Formato GDR 2025"
PLANTILLA = RAIZ / "plantillas" / "gdr" / "formato-gdr-2025.xlsx"
CAMBIAN = {"xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml", "docProps/core.xml"}


def exportar(datos: Path, salida: Path, *extra: str):
    return correr("exportar", "--datos", str(datos), "--ciclo", "2025", "--formato", "gdr", "--salida", str(salida),
                  *extra)


def importar(datos: Path, *libros: Path):
    return correr("importar-formatos", *map(str, libros), "--datos", str(datos), "--ciclo", "2025")


def libro_de(formatos: Path, registro: str) -> Path:
    (ruta,) = formatos.glob(f"*/{registro}.xlsx")
    return ruta


def llenar(origen: Path, destino: Path, celdas: dict, arreglar=None) -> Path:
    """El libro `origen` con `celdas` escritas (y `arreglar(hoja)`), guardado con openpyxl en `destino`."""
    libro = load_workbook(origen)
    hoja = libro[HOJA]
    for celda, valor in celdas.items():
        hoja[celda] = valor
    if arreglar:
        arreglar(hoja)
    destino.parent.mkdir(parents=True, exist_ok=True)
    libro.save(destino)
    return destino


def foto(carpeta: Path) -> dict:
    """Bytes y fecha de modificación de cada archivo: para ver que nada se tocó."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(carpeta.rglob("*")) if p.is_file()}


def registro(datos: Path, nombre: str) -> Path:
    return datos / "ciclos" / "2025" / "servidores" / f"{nombre}.yaml"


def datos_de(ruta: Path) -> dict:
    informe = Informe()
    documento = cargar(ruta, informe)
    assert documento is not None, [str(d) for d in informe.diagnosticos]
    return documento.datos


def leido(ruta: Path) -> lectura.Lectura:
    problemas = Problemas()
    resultado = lectura.leer(ruta, ruta.name, problemas, 6)
    assert not problemas, problemas.lineas
    resultado.archivo = ""
    return resultado


@pytest.fixture
def formatos(servir2025, tmp_path) -> Path:
    corrida = exportar(servir2025, tmp_path / "formatos")
    assert corrida.codigo == 0, corrida.errores
    return tmp_path / "formatos"


# --- La exportación ---------------------------------------------------------------------------------------------

def test_un_libro_por_servidor_en_una_carpeta_por_evaluador(servir2025, formatos):
    libros = sorted(p.relative_to(formatos).as_posix() for p in formatos.rglob("*.xlsx"))
    assert len(libros) == len(list((servir2025 / "ciclos/2025/servidores").glob("*.yaml"))) == 32
    assert "zegarra-polo-carlos/aparicio-levano-raul.xlsx" in libros          # su evaluador, por su nombre
    assert "arbulu-santisteban-julio/zegarra-polo-carlos.xlsx" in libros      # un evaluador externo
    assert (formatos / ".generador-salida").is_file()


def test_el_libro_es_el_oficial_con_todas_sus_partes(formatos):
    exportado = zipfile.ZipFile(libro_de(formatos, "aparicio-levano-raul"))
    oficial = zipfile.ZipFile(PLANTILLA)
    assert exportado.testzip() is None
    assert exportado.namelist() == oficial.namelist()   # hojas, dibujos, imágenes, comentarios, impresora…
    for nombre in oficial.namelist():
        if nombre not in CAMBIAN:
            assert exportado.read(nombre) == oficial.read(nombre), nombre
    hoja = exportado.read("xl/worksheets/sheet2.xml").decode()
    original = oficial.read("xl/worksheets/sheet2.xml").decode()
    for parte in ("<mergeCells", "<conditionalFormatting", "<dataValidations", "<hyperlinks", "<drawing ",
                  "<legacyDrawing", "<pageSetup"):
        assert original[original.index(parte):].split(">")[0] in hoja, parte
    assert hoja.count("<f>") == original.count("<f>") == 8                 # las fórmulas siguen
    assert "<v>-</v>" not in hoja and 'fullCalcOnLoad="1"' in exportado.read("xl/workbook.xml").decode()
    libro = load_workbook(libro_de(formatos, "aparicio-levano-raul"))
    assert libro.sheetnames == ["Indicaciones", HOJA]
    hoja_ = libro[HOJA]
    assert len(hoja_.merged_cells.ranges) == 117 and len(hoja_.data_validations.dataValidation) == 7
    assert hoja_["N21"].value.startswith("=IFERROR(") and hoja_["H21"].comment is not None


def test_las_celdas_prellenadas(formatos):
    hoja = load_workbook(libro_de(formatos, "aparicio-levano-raul"))[HOJA]
    assert hoja["D4"].value == "Autoridad Nacional de Caminos Vecinales"
    assert [hoja[c].value for c in ("D8", "D9", "D10", "D11", "D12")] == [
        "41562873", "Aparicio Lévano, Raúl Fernando", "Coordinador de Logística", "MANDO MEDIO", "Oficina de Administración"]
    assert hoja["K8"].value == "09783452" and hoja["K11"].value == "DIRECTIVO"
    assert hoja["C13"].value.lstrip().startswith("(  X  ) Autorizo")
    assert (hoja["D18"].value, hoja["H18"].value, hoja["L18"].value) == ("Sí", dt.datetime(2025, 3, 10), "Sí")
    assert [hoja[c].value for c in ("E21", "F21", "G21", "J21", "J22", "M21", "E23", "M23")] == [
        "Ascendente", 90, 0.5, "Logrado", "SÍ presenta evidencia final", 81, "Descendente", 24]
    assert hoja["G21"].number_format == "0%" and hoja["I21"].value == dt.datetime(2025, 7, 31)
    assert hoja["K22"].value == "Se convocó el 81 % de lo programado."
    assert hoja["B35"].value == "Tiene 6 meses o más desempeñando el puesto que es objeto de evaluación"
    assert (hoja["B37"].value, hoja["M35"].value) == ("No", dt.datetime(2026, 1, 21))
    ocultas = {fila for fila, d in hoja.row_dimensions.items() if d.hidden}
    assert ocultas == set(range(25, 31))    # dos metas: los bloques 3 a 5 se ocultan, no se borran
    externo = load_workbook(libro_de(formatos, "zegarra-polo-carlos"))[HOJA]
    assert externo["K11"].value == "FUNCIONARIO" and externo["K10"].value == "Presidente Ejecutivo"
    correo = load_workbook(libro_de(formatos, "rios-pinedo-vanessa"))[HOJA]["C13"].value
    assert "vmrios.personal@example.com" in correo and "____" not in correo


def test_la_misma_exportacion_da_los_mismos_bytes(servir2025, formatos, tmp_path):
    assert exportar(servir2025, tmp_path / "otra").codigo == 0
    primera, segunda = foto(formatos), foto(tmp_path / "otra")
    assert [p.relative_to(formatos) for p in primera] == [p.relative_to(tmp_path / "otra") for p in segunda]
    assert [b for b, _ in primera.values()] == [b for b, _ in segunda.values()]
    propiedades = zipfile.ZipFile(libro_de(formatos, "aparicio-levano-raul")).read("docProps/core.xml").decode()
    assert "2026-01-21T12:00:00Z" in propiedades and str(dt.date.today().year + 1) not in propiedades
    assert zipfile.ZipFile(libro_de(formatos, "aparicio-levano-raul")).infolist()[0].date_time[:3] == (2026, 1, 21)


def test_un_texto_hostil_queda_como_texto(servir2025, tmp_path):
    ruta = registro(servir2025, "aparicio-levano-raul")
    texto = ruta.read_text(encoding="utf-8")
    texto = texto.replace("comentarios: Retraso en los requerimientos de las áreas usuarias.",
                          "comentarios: '=HYPERLINK(\"http://malo.example\",\"clic\")'")
    texto = texto.replace("evidencia_avance: Reporte de convocatorias del SEACE al 30 de junio",
                          "evidencia_avance: <script>alert(1)</script> & @SUMA(1)")
    ruta.write_text(texto, encoding="utf-8")
    assert exportar(servir2025, tmp_path / "f").codigo == 0
    archivo = libro_de(tmp_path / "f", "aparicio-levano-raul")
    hoja = load_workbook(archivo)[HOJA]
    assert hoja["K21"].value == '=HYPERLINK("http://malo.example","clic")' and hoja["K21"].data_type == "s"
    assert hoja["K21"].quotePrefix   # tampoco se vuelve fórmula al editar la celda
    assert hoja["H21"].value == "<script>alert(1)</script> & @SUMA(1)" and hoja["H21"].quotePrefix is False
    xml = zipfile.ZipFile(archivo).read("xl/worksheets/sheet2.xml").decode()
    assert "&lt;script&gt;" in xml and "<script>" not in xml
    assert xml.count("<f>") == 8
    assert importar(servir2025, archivo).codigo == 0   # y vuelve igual: el registro no cambia
    assert ruta.read_text(encoding="utf-8") == texto


def test_sin_metas_se_ven_los_cinco_bloques(servir2025, tmp_path):
    corrida = correr("nuevo", "--datos", str(servir2025), "--ciclo", "2025", "--documento", "48123456", "--nombres", "Ana",
                     "--apellidos", "Prueba Nueva", "--segmento", "ejecutor", "--puesto", "Analista", "--organo", "OA",
                     "--evaluador", "09783452", "--fecha-inicio-puesto", "2020-01-02")
    assert corrida.codigo == 0, corrida.errores
    assert exportar(servir2025, tmp_path / "f").codigo == 0
    hoja = load_workbook(libro_de(tmp_path / "f", "prueba-nueva-ana"))[HOJA]
    assert not any(d.hidden for d in hoja.row_dimensions.values())
    assert (hoja["D8"].value, hoja["D18"].value, hoja["H18"].value, hoja["E21"].value) == (
        "48123456", "[Seleccione]", "[dd/mmm/aaaa]", "[Seleccione]")


def test_por_omision_van_a_salida_confidencial(servir2025, tmp_path):
    corrida = correr("exportar", "--datos", str(servir2025), "--ciclo", "2025", "--formato", "gdr")
    assert corrida.codigo == 0, corrida.errores
    assert len(list((tmp_path / "salida" / "confidencial" / "formatos-2025").glob("*/*.xlsx"))) == 32
    assert "Confidencial: contienen datos personales." in corrida.errores


def test_solo_los_libros_de_un_evaluador(servir2025, formatos):
    antes = foto(formatos)
    corrida = exportar(servir2025, formatos, "--evaluador", "09412376")
    assert corrida.codigo == 0, corrida.errores
    assert "7 Formatos GDR 2025" in corrida.errores
    despues = foto(formatos)
    assert set(despues) == set(antes)
    tocados = {p.parent.name for p in despues if despues[p][1] != antes[p][1]}
    assert tocados == {"arbulu-santisteban-julio"}


@pytest.mark.parametrize("argumentos, mensaje", [
    (["--evaluador", "12345678"], "--evaluador: ese documento no es de ningún servidor ni evaluador externo del ciclo"),
    (["--evaluador", "42116849"], "--evaluador: esa persona no evalúa a ningún servidor del ciclo «2025»"),
])
def test_evaluador_que_no_es_del_ciclo(servir2025, tmp_path, argumentos, mensaje):
    corrida = exportar(servir2025, tmp_path / "f", *argumentos)
    assert corrida.codigo == 2 and mensaje in corrida.errores
    assert not (tmp_path / "f").exists()


@pytest.mark.parametrize("formato, mensaje", [
    ("xlsx", "la política servir-2025 no tiene la tabla de resultados en xlsx: use --formato gdr"),
    ("csv", "la política servir-2025 no tiene la tabla de resultados en csv: use --formato gdr"),
    ("anexos", "--formato anexos es de la política imarpe-2018: en servir-2025 use --formato gdr"),
])
def test_otros_formatos_no_son_de_esta_politica(servir2025, formato, mensaje):
    corrida = correr("exportar", "--datos", str(servir2025), "--ciclo", "2025", "--formato", formato)
    assert corrida.codigo == 2 and mensaje in corrida.errores


def test_no_reemplaza_una_carpeta_ajena(servir2025, tmp_path):
    (tmp_path / "mia").mkdir()
    (tmp_path / "mia" / "notas.txt").write_text("mío")
    corrida = exportar(servir2025, tmp_path / "mia")
    assert corrida.codigo == 2 and "no la creó el generador" in corrida.errores
    assert (tmp_path / "mia" / "notas.txt").read_text() == "mío"


# --- La importación: ida y vuelta -------------------------------------------------------------------------------

# (registro, celda, lo que escribe el evaluador, dónde va en el YAML, el mismo dato escrito a mano en el YAML)
CAMBIOS = [
    ("aparicio-levano-raul", "M21", "88,5", ("metas", 0, "valor_alcanzado"), 88.5),       # coma decimal
    ("aparicio-levano-raul", "G21", 0.6, ("metas", 0, "peso"), 60),                      # 60 % guardado como 0.6
    ("aparicio-levano-raul", "G23", 40, ("metas", 1, "peso"), 40),                       # 40 escrito sin el signo
    ("aparicio-levano-raul", "M23", 18, ("metas", 1, "valor_alcanzado"), 18),
    ("zegarra-polo-carlos", "E23", " Ascendente", ("metas", 1, "sentido"), "ascendente"),  # el espacio de la lista
    ("zegarra-polo-carlos", "M21", 95.25, ("metas", 0, "valor_alcanzado"), 95.25),
    ("bazan-cotrina-rosa", "L18", "No", ("evidencias", "presento"), False),
    ("rios-pinedo-vanessa", "F21", 280, ("metas", 0, "valor_esperado"), 280),
    ("quispe-huamani-flor", "I21", "15/07/2025", ("metas", 0, "plazo_avance"), dt.date(2025, 7, 15)),
    ("quispe-huamani-flor", "J21", "En proceso de logro", ("metas", 0, "estado_avance"), "en_proceso"),
    ("salinas-ochoa-karen", "D18", "NO", ("fijacion_metas", "asistio"), False),
    ("salinas-ochoa-karen", "H18", dt.datetime(2025, 3, 20), ("fijacion_metas", "fecha"), dt.date(2025, 3, 20)),
    ("yupanqui-sotelo-gladys", "M23", "2,5", ("metas", 1, "valor_alcanzado"), 2.5),
    ("yupanqui-sotelo-gladys", "K22", "Entregó el reporte  anual.", ("metas", 0, "comentarios_final"),
     "Entregó el reporte anual."),
    ("yupanqui-sotelo-gladys", "J35", "Curso de tesorería\nTaller de conciliaciones",
     ("retroalimentacion", "acciones_capacitacion"), ["Curso de tesorería", "Taller de conciliaciones"]),
    ("yupanqui-sotelo-gladys", "M35", "27 de enero de 2026", ("retroalimentacion", "fecha"), dt.date(2026, 1, 27)),
]


def escribir_a_mano(ruta: Path, camino: tuple, valor) -> None:
    datos, yaml = abrir(ruta.read_text(encoding="utf-8"))
    destino = datos
    for parte in camino[:-1]:
        destino = destino[parte]
    destino[camino[-1]] = valor
    ruta.write_text(volcar(datos, yaml), encoding="utf-8")


def test_ida_y_vuelta_califica_igual_que_escribir_el_yaml(servir2025, formatos, tmp_path):
    a_mano = tmp_path / "a-mano"
    shutil.copytree(servir2025, a_mano)
    llenos = {}
    for nombre, celda, valor, camino, en_yaml in CAMBIOS:
        origen = llenos.get(nombre, libro_de(formatos, nombre))
        llenos[nombre] = llenar(origen, tmp_path / "recibidos" / f"{nombre}.xlsx", {celda: valor})
        escribir_a_mano(registro(a_mano, nombre), camino, en_yaml)
    corrida = importar(servir2025, tmp_path / "recibidos")
    assert corrida.codigo == 0, corrida.errores
    assert f"{len(llenos)} formatos leídos: {len(llenos)} registros actualizados, 0 sin cambios" in corrida.errores
    for nombre in llenos:
        assert datos_de(registro(servir2025, nombre)) == datos_de(registro(a_mano, nombre)), nombre
    importados = correr("calificar", "--datos", str(servir2025), "--formato", "json")
    escritos = correr("calificar", "--datos", str(a_mano), "--formato", "json")
    assert importados.codigo == escritos.codigo == 0
    assert importados.salida == escritos.salida
    # Exportar otra vez da el mismo contenido que el libro que llenó el evaluador.
    assert exportar(servir2025, tmp_path / "otra").codigo == 0
    for nombre, lleno in llenos.items():
        assert vars(leido(libro_de(tmp_path / "otra", nombre))) == vars(leido(lleno)), nombre


def test_el_yaml_lleva_cifras_sin_exponente_y_fechas_yaml(servir2025, formatos, tmp_path):
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx",
                   {"G21": 0.6, "G23": "40 %", "M21": "84,50", "I21": "15/07/2025", "H18": "2025-03-12"})
    assert importar(servir2025, libro).codigo == 0
    texto = registro(servir2025, "aparicio-levano-raul").read_text(encoding="utf-8")
    assert "    peso: 60\n" in texto and "    peso: 40\n" in texto and "E+" not in texto
    assert "    valor_alcanzado: 84.5\n" in texto
    assert "    plazo_avance: 2025-07-15\n" in texto and "  fecha: 2025-03-12\n" in texto


def test_solo_cambia_lo_que_cambio_y_los_comentarios_quedan(servir2025, formatos, tmp_path):
    ruta = registro(servir2025, "zegarra-polo-carlos")
    antes = ruta.read_text(encoding="utf-8").splitlines()
    libro = llenar(libro_de(formatos, "zegarra-polo-carlos"), tmp_path / "z.xlsx", {"M23": 13})
    assert importar(servir2025, libro).codigo == 0
    despues = ruta.read_text(encoding="utf-8").splitlines()
    distintas = [(a, d) for a, d in zip(antes, despues) if a != d]
    assert len(antes) == len(despues) and len(distintas) == 1
    assert distintas[0][1].strip().startswith("valor_alcanzado: 13")
    assert any(linea.startswith("# Caso:") for linea in despues)
    assert '# Julio César Arbulú Santisteban' in "\n".join(despues)


def test_libros_sin_cambios_no_tocan_ningun_registro(servir2025, formatos):
    antes = foto(servir2025)
    corrida = importar(servir2025, formatos)
    assert corrida.codigo == 0, corrida.errores
    assert "32 formatos leídos: 0 registros actualizados, 32 sin cambios" in corrida.errores
    assert foto(servir2025) == antes


def test_los_demas_registros_no_se_tocan(servir2025, formatos, tmp_path):
    antes = foto(servir2025)
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", {"M21": 83})
    assert importar(servir2025, formatos / "zegarra-polo-carlos", libro).codigo == 1   # dos del mismo servidor
    assert foto(servir2025) == antes
    assert importar(servir2025, libro, formatos / "chirinos-alarcon-lourdes").codigo == 0
    despues = foto(servir2025)
    assert [p.name for p in despues if despues[p] != antes[p]] == ["aparicio-levano-raul.yaml"]


@pytest.mark.parametrize("sentido, en_yaml", [(" Ascendente", "ascendente"), ("ascendente", "ascendente"),
                                             (" Descendente", "descendente"), ("DESCENDENTE", "descendente")])
def test_el_sentido_con_el_espacio_de_la_lista(servir2025, formatos, tmp_path, sentido, en_yaml):
    ruta = registro(servir2025, "aparicio-levano-raul")   # meta 1 ascendente, meta 2 descendente
    antes = ruta.read_bytes()
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", {"E21": sentido})
    assert importar(servir2025, libro).codigo == 0
    assert datos_de(ruta)["metas"][0]["sentido"] == en_yaml
    assert (ruta.read_bytes() == antes) is (en_yaml == "ascendente")


@pytest.mark.parametrize("celdas, pesos", [
    ({"G21": 0.5, "G23": 0.5}, [50, 50]),     # como lo guarda Excel al escribir 50 %
    ({"G21": 50, "G23": 50}, [50, 50]),       # 50 escrito en la celda de porcentaje sin el signo
    ({"G21": 0.7, "G23": 30}, [70, 30]),
    ({"G21": "70%", "G23": "30 %"}, [70, 30]),
    ({"G21": 0.255, "G23": 0.745}, [Decimal("25.5"), Decimal("74.5")]),
])
def test_pesos_guardados_como_fraccion_o_escritos_en_puntos(servir2025, formatos, tmp_path, celdas, pesos):
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", celdas)
    corrida = importar(servir2025, libro)
    assert corrida.codigo == 0, corrida.errores
    assert [m["peso"] for m in datos_de(registro(servir2025, "aparicio-levano-raul"))["metas"]] == pesos


def test_una_meta_nueva_entra_con_sus_campos_en_orden(servir2025, formatos, tmp_path):
    def mostrar(hoja):
        for fila in (25, 26):
            hoja.row_dimensions[fila].hidden = False
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", {
        "G21": 0.4, "G23": 0.4, "C25": "OEI.04", "D25": "Porcentaje de órdenes atendidas", "E25": "Ascendente",
        "F25": 100, "G25": 0.2, "H25": "Reporte semestral", "H26": "Reporte anual", "I25": dt.datetime(2025, 7, 31),
        "I26": "28/11/2025", "M25": 100}, mostrar)
    corrida = importar(servir2025, libro)
    assert corrida.codigo == 0, corrida.errores
    metas = datos_de(registro(servir2025, "aparicio-levano-raul"))["metas"]
    assert len(metas) == 3 and list(metas[2]) == ["prioridad", "indicador", "sentido", "valor_esperado", "peso",
                                                  "evidencia_avance", "evidencia_final", "plazo_avance", "plazo_final",
                                                  "valor_alcanzado"]
    assert metas[2]["plazo_final"] == dt.date(2025, 11, 28) and metas[2]["peso"] == 20
    assert correr("validar", "--datos", str(servir2025)).codigo == 0


def test_autorizacion_y_correo(servir2025, formatos, tmp_path):
    def marcar(hoja):
        hoja["C13"] = hoja["C13"].value.replace("(     )", "( x )").replace("_" * 20, "ana.perez@correo.pe", 1)
    libro = llenar(libro_de(formatos, "ccopa-layme-teodoro"), tmp_path / "c.xlsx", {}, marcar)
    assert importar(servir2025, libro).codigo == 0
    assert datos_de(registro(servir2025, "ccopa-layme-teodoro"))["notificacion"] == {
        "consentimiento": True, "correo": "ana.perez@correo.pe"}


def test_la_junta_no_se_importa_pero_se_advierte(servir2025, formatos, tmp_path):
    antes = foto(servir2025)
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", {"B37": "Sí"})
    corrida = importar(servir2025, libro)
    assert corrida.codigo == 0
    assert corrida.lineas_error[0] == (
        f"{libro}:Formato GDR 2025!B37: advertencia: el formato dice que la Junta de Directivos otorgó Rendimiento "
        "Distinguido, pero ciclo.yaml no lo tiene entre sus designados (junta.designados); la Junta se registra en "
        "ciclo.yaml, no desde el formato")
    assert foto(servir2025) == antes


# --- La importación: cada problema con su libro, hoja y celda; nada se escribe --------------------------------

def _sin_valor_alcanzado(servir2025: Path, nombre: str) -> None:
    """Un registro a mitad de la evaluación: sin valores alcanzados, sin notificación ni retroalimentación."""
    ruta = registro(servir2025, nombre)
    datos, yaml = abrir(ruta.read_text(encoding="utf-8"))
    for meta in datos["metas"]:
        meta.pop("valor_alcanzado")
    for bloque in ("evaluacion", "retroalimentacion"):
        datos.pop(bloque, None)
    ruta.write_text(volcar(datos, yaml), encoding="utf-8")


def test_cada_problema_con_su_celda_y_nada_se_escribe(servir2025, tmp_path):
    _sin_valor_alcanzado(servir2025, "bazan-cotrina-rosa")
    assert exportar(servir2025, tmp_path / "f").codigo == 0
    f = tmp_path / "f"
    r = tmp_path / "recibidos"

    def vaciar_meta_2(hoja):
        for celda in ("C23", "D23", "E23", "F23", "G23", "H23", "H24", "I23", "I24", "J23", "J24", "K23", "K24", "M23"):
            hoja[celda] = None

    libros = [
        llenar(libro_de(f, "aparicio-levano-raul"), r / "01.xlsx", {"M21": "mucho", "I21": "32/13/2025",
                                                                    "E23": "Subiendo", "D18": "Quizá"}),
        llenar(libro_de(f, "zegarra-polo-carlos"), r / "02.xlsx", {"D8": "12345678"}),
        llenar(libro_de(f, "salinas-ochoa-karen"), r / "03.xlsx", {"G21": 0.6}),
        llenar(libro_de(f, "rios-pinedo-vanessa"), r / "04.xlsx", {"J21": "Regular", "K8": "10562394", "F23": 0,
                                                                   "M23": -1, "G23": 2}),
        llenar(libro_de(f, "rios-pinedo-vanessa"), r / "05.xlsx", {}),
        llenar(libro_de(f, "yupanqui-sotelo-gladys"), r / "06.xlsx", {}, vaciar_meta_2),
        llenar(libro_de(f, "quispe-huamani-flor"), r / "07.xlsx", {"D25": "Meta sin el resto", "M21": 12.34567}),
        llenar(libro_de(f, "bazan-cotrina-rosa"), r / "08.xlsx", {"M21": 96}),
        llenar(libro_de(f, "vilca-chambi-percy"), r / "09.xlsx", {"B35": "Tiene 7 años"}),
    ]
    (r / "10.xlsx").write_text("no soy un libro")
    libros.append(r / "10.xlsx")
    antes = foto(servir2025)
    corrida = importar(servir2025, *libros)
    assert corrida.codigo == 1
    h = "Formato GDR 2025"
    assert corrida.lineas_error == [
        f"{r}/01.xlsx:{h}!D18: se esperaba Sí o No (elíjalo de la lista)",
        f"{r}/01.xlsx:{h}!I21: fecha no válida: use DD/MM/AAAA (o una celda con formato de fecha)",
        f"{r}/01.xlsx:{h}!M21: se esperaba un número (con coma o punto decimal, por ejemplo 93,5)",
        f"{r}/01.xlsx:{h}!E23: sentido no válido: elija «Ascendente» o «Descendente» de la lista",
        f"{r}/02.xlsx:{h}!D8: el DNI no es de ningún servidor del ciclo 2025",
        f"{r}/03.xlsx:{h}!G31: los pesos de las metas suman 110 %: deben sumar 100 % (I!E31)",
        f"{r}/04.xlsx:{h}!J21: estado no válido: elija «Logrado», «En proceso de logro» o «No presenta evidencia» de "
        "la lista",
        f"{r}/04.xlsx:{h}!F23: el valor esperado debe ser mayor que 0",
        f"{r}/04.xlsx:{h}!M23: el valor alcanzado no puede ser negativo",
        f"{r}/04.xlsx:{h}!K8: el DNI del evaluador no es el del registro: el evaluador se cambia con la lista de "
        "participantes (generador importar), no desde el formato",
        f"{r}/05.xlsx:{h}!D8: otro formato ({r}/04.xlsx) es del mismo servidor: deje uno solo",
        f"{r}/06.xlsx:{h}!D23: el bloque de la meta 2 está vacío y el registro tiene esa meta: las metas no se quitan "
        "desde el formato (quítela del registro YAML)",
        f"{r}/07.xlsx:{h}!M21: el número tiene más de 4 decimales: redondéelo",
        f"{r}/07.xlsx:{h}!E25: falta el sentido del indicador de la meta 3: toda meta necesita indicador, sentido, "
        "valor esperado y peso",
        f"{r}/07.xlsx:{h}!F25: falta el valor esperado de la meta 3: toda meta necesita indicador, sentido, valor "
        "esperado y peso",
        f"{r}/07.xlsx:{h}!G25: falta el peso de la meta 3: toda meta necesita indicador, sentido, valor esperado y "
        "peso",
        f"{r}/08.xlsx:{h}!M23: el registro bazan-cotrina-rosa.yaml quedaría inválido: meta 2: falta el valor alcanzado "
        "y las otras metas ya lo tienen (la hoja la contaría como 0) (F!M21; F!D35)",
        f"{r}/09.xlsx:{h}!B35: elija una de las dos opciones de la lista (6 meses o más, o menos de 6 meses)",
        f"{r}/10.xlsx: no se puede abrir como libro de Excel (.xlsx): no es un archivo .xlsx (no es un ZIP); si es .xls "
        "u .ods, ábralo y guárdelo como «Libro de Excel (.xlsx)»",
        "19 problemas en los formatos: no se actualizó ningún registro.",
    ]
    assert foto(servir2025) == antes


def test_un_registro_que_quedaria_invalido_se_rechaza(servir2025, formatos, tmp_path):
    # Condori tiene 5 meses en el puesto (menos de 6): el evaluador no puede decir que tiene 6 o más.
    libro = llenar(libro_de(formatos, "condori-mamani-nelly"), tmp_path / "c.xlsx", {
        "B35": " Tiene 6 meses o más desempeñando el puesto que es objeto de evaluación"})
    antes = foto(servir2025)
    corrida = importar(servir2025, libro)
    assert corrida.codigo == 1
    assert corrida.lineas_error[0].startswith(
        f"{libro}:Formato GDR 2025!B35: el registro condori-mamani-nelly.yaml quedaría inválido: la ORH dice que tiene "
        "seis meses en el puesto, pero desde el 16/06/2025 no se cumplen antes del inicio de la etapa de evaluación")
    assert foto(servir2025) == antes


@pytest.mark.parametrize("arreglo, celda, mensaje", [
    (lambda libro: libro[HOJA].insert_rows(5), "B6", "aquí el Formato GDR 2025 dice «DATOS GENERALES» (y "),
    (lambda libro: libro[HOJA].insert_cols(3), "H7", "aquí el Formato GDR 2025 dice «SERVIDOR/A EVALUADOR/A» (y "),
    (lambda libro: libro[HOJA].__setitem__("M18", "VALOR LOGRADO"), "M18",
     "aquí el Formato GDR 2025 dice «VALOR ALCANZADO»:"),
])
def test_un_libro_de_otra_version_o_con_filas_movidas_se_rechaza(servir2025, formatos, tmp_path, arreglo, celda, mensaje):
    libro = load_workbook(libro_de(formatos, "aparicio-levano-raul"))
    arreglo(libro)
    libro.save(tmp_path / "a.xlsx")
    corrida = importar(servir2025, tmp_path / "a.xlsx")
    assert corrida.codigo == 1
    assert corrida.lineas_error[0].startswith(f"{tmp_path / 'a.xlsx'}:Formato GDR 2025!{celda}: {mensaje}")
    assert "se movieron sus filas o columnas" in corrida.lineas_error[0]


def test_otra_version_del_formato(servir2025, formatos, tmp_path):
    libro = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", {"M2": "v02\nRev: ene-2027"})
    corrida = importar(servir2025, libro)
    assert corrida.codigo == 1
    assert corrida.lineas_error[0] == (f"{libro}:Formato GDR 2025!M2: el libro no es de la versión v01, Rev: nov-2025 "
                                       "del Formato GDR 2025: copie los datos al libro que entregó «generador exportar "
                                       "--formato gdr»")


def _danar(origen: Path, destino: Path, como: str) -> Path:
    contenido = origen.read_bytes()
    if como == "cortado":
        destino.write_bytes(contenido[: len(contenido) // 2])
        return destino
    entrada, salida = zipfile.ZipFile(io.BytesIO(contenido)), io.BytesIO()
    with zipfile.ZipFile(salida, "w") as nuevo:
        for nombre in entrada.namelist():
            datos = entrada.read(nombre)
            if como == "sin libro" and nombre == "xl/workbook.xml":
                continue
            if como == "hoja rota" and nombre == "xl/worksheets/sheet2.xml":
                datos = datos[:5000]
            if como == "otra hoja" and nombre == "xl/workbook.xml":
                datos = datos.replace(b'name="Formato GDR 2025"', b'name="Mi formato"')
            if como == "fecha imposible" and nombre == "xl/worksheets/sheet2.xml":
                datos = datos.replace(b'<c r="H18" s="107"><v>45726</v></c>', b'<c r="H18" s="107"><v>9e99</v></c>')
            if como == "error de fórmula" and nombre == "xl/worksheets/sheet2.xml":
                datos = datos.replace(b'<c r="M21" s="161"><v>81</v></c>', b'<c r="M21" s="161" t="e"><v>#DIV/0!</v></c>')
            nuevo.writestr(nombre, datos)
    destino.write_bytes(salida.getvalue())
    return destino


@pytest.mark.parametrize("como, mensaje", [
    ("cortado", ": no se puede abrir como libro de Excel (.xlsx): no es un archivo .xlsx (no es un ZIP)"),
    ("sin libro", ": no se puede abrir como libro de Excel (.xlsx): el libro está dañado (KeyError)"),
    ("hoja rota", ": no se puede abrir como libro de Excel (.xlsx): el libro está dañado ("),
    ("otra hoja", ": no tiene la hoja «Formato GDR 2025»: no es el Formato GDR 2025 que entregó"),
    ("fecha imposible", ":Formato GDR 2025!H18: se esperaba una fecha (DD/MM/AAAA) y la celda tiene un número"),
    ("error de fórmula", ":Formato GDR 2025!M21: la celda muestra el error #DIV/0! de una fórmula: escriba el dato, "
                         "sin fórmula"),
])
def test_un_libro_danado_da_un_mensaje_y_nunca_una_traza(servir2025, formatos, tmp_path, como, mensaje):
    libro = _danar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "a.xlsx", como)
    corrida = importar(servir2025, libro)
    assert corrida.codigo == 1, corrida.errores
    assert corrida.lineas_error[0].startswith(f"{libro}{mensaje}"), corrida.errores


@pytest.mark.parametrize("entrada, mensaje", [
    ("no-existe.xlsx", "no existe «no-existe.xlsx»"),
    ("vieja.xls", "«vieja.xls» no es un libro .xlsx: ábralo y guárdelo como «Libro de Excel (.xlsx)»"),
    ("notas.txt", "«notas.txt» no es un libro .xlsx"),
    ("vacia", "la carpeta «vacia» no tiene libros .xlsx"),
])
def test_uso_incorrecto_sale_con_2(servir2025, entrada, mensaje):
    Path("vieja.xls").write_bytes(b"x")
    Path("notas.txt").write_text("x")
    Path("vacia").mkdir()
    corrida = correr("importar-formatos", entrada, "--datos", str(servir2025), "--ciclo", "2025")
    assert corrida.codigo == 2
    assert corrida.errores == f"generador importar-formatos: error: {mensaje}\n"


def test_ciclo_que_no_existe(servir2025, formatos):
    corrida = correr("importar-formatos", str(formatos), "--datos", str(servir2025), "--ciclo", "2099")
    assert corrida.codigo == 2 and "no existe el ciclo «2099»; ciclos disponibles: 2025" in corrida.errores


def test_en_carpetas_se_ignoran_los_ocultos_y_los_temporales_de_excel(servir2025, formatos):
    (formatos / "zegarra-polo-carlos" / "~$aparicio-levano-raul.xlsx").write_bytes(b"bloqueo de Excel")
    (formatos / ".oculta").mkdir()
    (formatos / ".oculta" / "x.xlsx").write_bytes(b"x")
    assert importar(servir2025, formatos).codigo == 0


# --- Un libro abierto y guardado por LibreOffice ---------------------------------------------------------------

def _libreoffice(origen: Path, carpeta: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) no está instalado: make sistema-pruebas instala libreoffice-calc-nogui")
    perfil = carpeta / "perfil"
    subprocess.run([soffice, f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(carpeta / "guardado"), str(origen)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(carpeta)})
    return carpeta / "guardado" / origen.name


def test_un_libro_guardado_por_libreoffice_se_lee_igual(servir2025, formatos, tmp_path):
    def como_texto(hoja):
        hoja["K21"].value, hoja["K21"].data_type = "=1+1 no es fórmula", "s"
    lleno = llenar(libro_de(formatos, "aparicio-levano-raul"), tmp_path / "lleno" / "aparicio.xlsx", {
        "M21": 84.5, "G21": 0.6, "G23": 0.4, "E23": " Descendente", "I21": "15/07/2025", "J35": "Curso A\nCurso B"},
        como_texto)
    guardado = _libreoffice(lleno, tmp_path)
    assert vars(leido(guardado)) == vars(leido(lleno))
    corrida = importar(servir2025, guardado)
    assert corrida.codigo == 0, corrida.errores
    datos = datos_de(registro(servir2025, "aparicio-levano-raul"))
    assert [m["peso"] for m in datos["metas"]] == [60, 40] and datos["metas"][0]["valor_alcanzado"] == Decimal("84.5")
    assert datos["metas"][0]["plazo_avance"] == dt.date(2025, 7, 15)
    assert datos["retroalimentacion"]["acciones_capacitacion"] == ["Curso A", "Curso B"]
    assert datos["metas"][0]["comentarios"] == "=1+1 no es fórmula"
    # El libro exportado, tal cual, abierto y guardado por LibreOffice: nada cambia.
    antes = foto(servir2025)
    assert importar(servir2025, _libreoffice(libro_de(formatos, "zegarra-polo-carlos"), tmp_path)).codigo == 0
    assert foto(servir2025) == antes
