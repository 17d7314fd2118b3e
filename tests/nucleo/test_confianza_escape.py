"""Los datos nunca son código (issue 12, «Confianza»): textos hostiles en los datos, por la CLI.

Cada prueba pone texto hostil en los datos (nombres, siglas, órganos, carpetas, nombres de archivo), corre
la orden y revisa lo que escribió: en el portal (HTML), en los PDF, en los xlsx y CSV, en los YAML que crean
`nuevo` e `importar` y en el calendario .ics, el texto se ve tal cual y no se vuelve etiqueta, atributo,
enlace, fórmula ni clave. Ninguna orden cambia sus archivos de entrada.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from ruamel.yaml import YAML

from conftest import DATOS_EMBEBIDOS, RAIZ, correr, editar
from generador import escape
from test_sitio import construir

IMG = "<img src=x onerror=alert(1)>"
SIGLAS = f"{IMG}\"'&"
NOMBRE_ENTIDAD = f'Instituto "{IMG}" & </title><script>alert(2)</script>'
CARPETA = "x) <img src=x onerror=alert(3)> ("
NOMBRE_CICLO = "1. - Ciclo *2024* | [clic](javascript:alert(4)) `c` _y_ {: onclick=alert(4) }"
ORGANO = "# Dirección *de* [Investigaciones](javascript:alert(5)) | `Oceanográficas` _x_ <b>"
APELLIDOS = "- Quispe | Mamani [clic](javascript:alert(6)) `x`"
PUESTO = "**Jefa** <img src=x onerror=alert(7)> _x_ 1. #"
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


def _archivos(carpeta: Path) -> dict:
    return {p.relative_to(carpeta): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file()}


def _comillas(texto: str) -> str:
    """El texto como escalar YAML entre comillas simples, para escribirlo en los datos de prueba."""
    return "'" + texto.replace("'", "''") + "'"


# --- 1 y 2. Portal: nada se inyecta, todo se ve como texto, y cada página trae su CSP --------------------------

class _Revisor(HTMLParser):
    """Lee una página como el navegador: etiquetas, atributos, texto y scripts en línea."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.etiquetas, self.atributos, self.texto, self.scripts, self.csp = [], [], [], [], []
        self._en_script = None

    def handle_starttag(self, etiqueta, atributos):
        self.etiquetas.append(etiqueta)
        self.atributos += [nombre for nombre, _ in atributos]
        datos = dict(atributos)
        if etiqueta == "meta" and (datos.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(datos.get("content") or "")
        if etiqueta == "script":
            self._en_script, self._ejecutable = [], "src" not in datos and datos.get("type") != "application/json"

    def handle_endtag(self, etiqueta):
        if etiqueta == "script" and self._en_script is not None:
            if self._ejecutable:
                self.scripts.append("".join(self._en_script))
            self._en_script = None

    def handle_data(self, datos):
        if self._en_script is not None:
            self._en_script.append(datos)
        else:
            self.texto.append(datos)


def _revisar_portal(sitio: Path, literales: list[str]) -> str:
    """Cada página HTML: sin etiquetas ni atributos inyectados y con su CSP; devuelve el texto visible de todas."""
    paginas = sorted(sitio.rglob("*.html"))
    assert len(paginas) >= 5
    todo = []
    for ruta in paginas:
        contenido = ruta.read_text(encoding="utf-8")
        revisor = _Revisor()
        revisor.feed(contenido)
        assert "img" not in revisor.etiquetas and "b" not in revisor.etiquetas, f"etiqueta inyectada en {ruta}"
        assert not [a for a in revisor.atributos if a.startswith("on")], f"atributo on… inyectado en {ruta}"
        assert "onerror=" not in contenido.replace("onerror=alert", ""), ruta  # solo como texto escapado
        assert 'href="javascript:' not in contenido
        assert "<script>alert" not in contenido and "<img src=x" not in contenido
        # CSP: una sola, al principio de <head>, limitada al propio sitio, con el resumen de cada script en línea.
        assert len(revisor.csp) == 1, f"{ruta}: {revisor.csp}"
        politica = revisor.csp[0]
        assert politica.startswith("default-src 'self'; script-src 'self' ")
        assert "unsafe-inline" not in politica and "unsafe-eval" not in politica and "http" not in politica
        assert contenido.index("Content-Security-Policy") < contenido.index("<script")
        for script in revisor.scripts:
            resumen = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{resumen}'" in politica, f"script en línea sin resumen en {ruta}"
        todo.append(" ".join(revisor.texto))
    texto = re.sub(r"\s+", " ", " ".join(todo))
    for literal in literales:
        assert literal in texto, f"«{literal}» no se ve como texto"
    return texto


def test_portal_con_textos_hostiles_los_muestra_como_texto(tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS_EMBEBIDOS, datos)
    editar(datos / "entidad.yaml", "  siglas: INIMAR", f"  siglas: {_comillas(SIGLAS)}")
    editar(datos / "entidad.yaml", "  nombre: Instituto Nacional de Investigación del Mar",
           f"  nombre: {_comillas(NOMBRE_ENTIDAD)}")
    editar(datos / "entidad.yaml", "    DIO: Dirección de Investigaciones Oceanográficas", f"    DIO: {_comillas(ORGANO)}")
    editar(datos / "ciclos/2024/ciclo.yaml", "  nombre: Ciclo de Gestión del Rendimiento 2024",
           f"  nombre: {_comillas(NOMBRE_CICLO)}")
    quispe = datos / "ciclos/2025/servidores/quispe-mamani-rosa.yaml"
    editar(quispe, "  apellidos: Quispe Mamani", f"  apellidos: {_comillas(APELLIDOS)}")
    editar(quispe, "  puesto: Especialista en Oceanografía Física", f"  puesto: {_comillas(PUESTO)}")
    (datos / "ciclos/2024").rename(datos / "ciclos" / CARPETA)
    antes = _archivos(datos)

    sitio = construir(datos, tmp_path)

    assert _archivos(datos) == antes
    texto = _revisar_portal(sitio, [f"Gestión del Rendimiento — {SIGLAS}", ORGANO, NOMBRE_CICLO, APELLIDOS, PUESTO])
    assert "\\" not in texto  # las barras que escapan el Markdown no se ven
    # El órgano y el ciclo son títulos de sección (Markdown), no listas, enlaces ni columnas.
    participantes = (sitio / "generado/participantes.html").read_text(encoding="utf-8")
    assert f">{escape.html(ORGANO)}</h2>" in participantes
    fila = next(f for f in participantes.split("<tr>") if "Quispe | Mamani" in f)
    assert fila.count("<td>") == 4  # nombre, segmento, puesto y evaluador: el «|» no crea columnas
    archivo = (sitio / "generado/archivo/index.html").read_text(encoding="utf-8")
    assert f">{escape.html(NOMBRE_CICLO)}</h2>" in archivo
    enlaces = re.findall(r'<a href="([^"]*)">Cronograma</a>', archivo)
    assert enlaces == ["x%29%20%3Cimg%20src%3Dx%20onerror%3Dalert%283%29%3E%20%28/cronograma.html"]
    assert (sitio / "generado/archivo" / CARPETA / "cronograma.html").is_file()


def test_portal_de_la_empresa_con_textos_hostiles(tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS_EMBEBIDOS / "empresa", datos)
    editar(datos / "entidad.yaml", "  siglas: DAPSA", f"  siglas: {_comillas(SIGLAS)}")
    editar(datos / "entidad.yaml", "  nombre: Distribuidora Andina del Pacífico S.A.C.",
           f"  nombre: {_comillas(NOMBRE_ENTIDAD)}")
    editar(datos / "entidad.yaml", "    OPE: Departamento de Operaciones", f"    OPE: {_comillas(ORGANO)}")
    aguirre = datos / "ciclos/2025/servidores/aguirre-c.yaml"
    editar(aguirre, "  apellidos: Aguirre Solís", f"  apellidos: {_comillas(APELLIDOS)}")
    editar(aguirre, "  puesto: Asesora de atención al cliente", f"  puesto: {_comillas(PUESTO)}")
    antes = _archivos(datos)

    sitio = construir(datos, tmp_path)

    assert _archivos(datos) == antes
    _revisar_portal(sitio, [f"Evaluación del Desempeño — {SIGLAS}", NOMBRE_ENTIDAD, ORGANO, APELLIDOS, PUESTO])


# --- 3. Fórmulas en xlsx y CSV ------------------------------------------------------------------------------

def _con_formulas(datos: Path) -> None:
    """Cuatro servidores de datos/ciclos/2025 con nombres que una hoja de cálculo tomaría por fórmulas."""
    for ruta, formula in zip(sorted((datos / "ciclos/2025/servidores").glob("*.yaml"))[:4], FORMULAS):
        texto = ruta.read_text(encoding="utf-8")
        texto = re.sub(r"(?m)^  nombres: .*$", lambda _: f"  nombres: {_comillas(formula)}", texto, count=1)
        ruta.write_text(texto, encoding="utf-8")


def test_exportar_xlsx_y_csv_no_crean_formulas(embebidos, tmp_path):
    _con_formulas(embebidos)
    editar(embebidos / "entidad.yaml", "    DIO: Dirección de Investigaciones Oceanográficas", "    DIO: '=1+1'")
    antes = _archivos(embebidos)
    corrida = correr("exportar", "--ciclo", "2025", "--salida", str(tmp_path / "r.xlsx"))
    assert corrida.codigo == 0, corrida.errores
    corrida_csv = correr("exportar", "--ciclo", "2025", "--formato", "csv", "--salida", str(tmp_path / "r.csv"))
    assert corrida_csv.codigo == 0, corrida_csv.errores
    assert _archivos(embebidos) == antes

    libro = load_workbook(tmp_path / "r.xlsx")
    celdas = [c for hoja in libro.worksheets for fila in hoja.iter_rows() for c in fila if c.value is not None]
    assert [c.coordinate for c in celdas if c.data_type == "f"] == []
    vistas = {c.value for c in celdas if c.data_type == "s"}
    assert set(FORMULAS) | {"=1+1"} <= vistas
    consolidado = libro["Consolidado"]
    titulos = [c.value for c in consolidado[1]]
    final = titulos.index("Puntaje final") + 1
    cifras = [consolidado.cell(row=i, column=final) for i in range(2, consolidado.max_row + 1)]
    assert any(isinstance(c.value, float) and c.data_type == "n" for c in cifras)  # las cifras siguen siendo cifras

    filas = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    celdas_csv = [c for fila in filas for c in fila]
    for formula in FORMULAS + ["=1+1"]:
        assert "'" + formula in celdas_csv and formula not in celdas_csv
    assert not [c for c in celdas_csv if c.startswith(tuple("=+-@\t\r"))]
    assert any(re.fullmatch(r"\d+\.\d\d", c) for c in celdas_csv)


def test_calificar_csv_no_crea_formulas(embebidos):
    _con_formulas(embebidos)
    corrida = correr("calificar", "--formato", "csv")
    assert corrida.codigo == 0, corrida.errores
    celdas = [c for fila in csv.reader(io.StringIO(corrida.salida)) for c in fila]
    for formula in FORMULAS:
        assert "'" + formula in celdas and formula not in celdas
    assert not [c for c in celdas if c.startswith(tuple("=+-@\t\r"))]
    assert any(re.fullmatch(r"\d+\.\d\d", c) for c in celdas)


def test_calificar_csv_de_la_empresa_no_crea_formulas(tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS_EMBEBIDOS / "empresa", datos)
    editar(datos / "ciclos/2025/servidores/aguirre-c.yaml", "  apellidos: Aguirre Solís", "  apellidos: '@SUM(A1)'")
    corrida = correr("calificar", "--datos", str(datos), "--formato", "csv")
    assert corrida.codigo == 0, corrida.errores
    celdas = [c for fila in csv.reader(io.StringIO(corrida.salida)) for c in fila]
    assert "'@SUM(A1)" in celdas and "@SUM(A1)" not in celdas


def test_el_escritor_de_xlsx_es_seguro_por_su_cuenta(embebidos, tmp_path):
    """Aunque el lector rechaza caracteres de control, el xlsx no depende de eso; tampoco de fechas raras."""
    from generador.modelos.servir.flujo import exportar
    from generador.repositorio import leer
    from generador.diagnosticos import Informe

    repositorio = leer(str(embebidos), Informe())
    ciclo = repositorio.ciclo("2025")
    fila = ["41234567", "Quispe\x01Mamani\x0b", "\tx", "\rx", "Nombre\x1f", "#N/A", "1057", "=1+1", "", "",
            Decimal("82.50"), None, None, None, Decimal("-2.00"), "Buen rendimiento", "No", "No",
            dt.date(1850, 1, 1), dt.date(2200, 5, 6), None, None, None, None, None, None, ""]
    for fecha in (dt.date(2200, 1, 1), dt.date(1970, 1, 1)):
        contenido = exportar.a_xlsx([fila], repositorio, ciclo, fecha)
        (tmp_path / "r.xlsx").write_bytes(contenido)
        hoja = load_workbook(tmp_path / "r.xlsx")["Consolidado"]
        valores = [c.value for c in hoja[2]]
        assert valores[1:8] == ["Quispe Mamani ", "\tx", " x", "Nombre ", "#N/A", "1057", "=1+1"]
        assert all(c.data_type == "s" for c in hoja[2][1:8])
        assert valores[10] == 82.5 and valores[14] == -2.0
        assert valores[18] == "01/01/1850" and valores[19] == dt.datetime(2200, 5, 6)
    celdas = [escape.csv(v) for v in ("\tx", "\rx", "-2+3", -2, Decimal("-2.50"), "Ana")]
    assert celdas == ["'\tx", "'\rx", "'-2+3", "-2", "-2.50", "Ana"]


# --- 4. YAML: las plantillas de `nuevo` e `importar` no dejan crear claves -----------------------------------

def _leer_yaml(ruta: Path):
    return YAML(typ="safe", pure=True).load(ruta.read_text(encoding="utf-8"))


CLAVES_REGISTRO = {"servidor", "evaluador"}
FORJADO = "Ciclo 2025\nparticipacion: {negativa: true}\n#"


def test_nuevo_desde_un_ciclo_con_nombre_hostil(ejemplo):
    ciclo = ejemplo / "ciclos/2024/ciclo.yaml"
    texto = ciclo.read_text(encoding="utf-8")
    texto = re.sub(r"(?m)^  nombre: .*$", lambda _: '  nombre: "Ciclo 2025\\nparticipacion: {negativa: true}\\n#"',
                   texto, count=1)
    ciclo.write_text(texto, encoding="utf-8")
    antes = _archivos(ejemplo)
    corrida = correr("nuevo", "--ciclo", "2026", "--desde", "2024")
    assert corrida.codigo == 0, corrida.errores
    assert {k: v for k, v in _archivos(ejemplo).items() if not str(k).startswith("ciclos/2026")} == antes
    registros = sorted((ejemplo / "ciclos/2026/servidores").glob("*.yaml"))
    assert len(registros) == 12
    for ruta in registros:
        assert set(_leer_yaml(ruta)) == CLAVES_REGISTRO, ruta
    assert _leer_yaml(ejemplo / "ciclos/2026/ciclo.yaml")["ciclo"]["nombre"] == FORJADO.replace("#", "# (2026)")
    corrida = correr("calificar", "--ciclo", "2026", "--formato", "json")
    assert corrida.codigo == 0, corrida.errores
    assert '"desaprobado"' not in corrida.salida and "negativa" not in corrida.salida


def test_nuevo_ciclo_vacio_con_nombre_y_politica_hostiles(ejemplo):
    antes = _archivos(ejemplo)
    corrida = correr("nuevo", "--ciclo", "2026", "--inicio", "2026-03-02", "--fin", "2027-03-31",
                     "--nombre", FORJADO, "--politica", "imarpe-2018\nresolucion: forjada")
    assert corrida.codigo == 0, corrida.errores
    assert {k: v for k, v in _archivos(ejemplo).items() if not str(k).startswith("ciclos/2026")} == antes
    datos = _leer_yaml(ejemplo / "ciclos/2026/ciclo.yaml")
    assert set(datos) == {"ciclo", "pesos_segmento", "dias_no_laborables"}
    assert datos["ciclo"] == {"nombre": FORJADO, "inicio": dt.date(2026, 3, 2), "fin": dt.date(2027, 3, 31),
                              "resolucion": "", "politica": "imarpe-2018\nresolucion: forjada"}
    corrida = correr("validar")  # la política desconocida es el único error: «resolucion» no es «forjada»
    assert corrida.codigo == 1 and corrida.errores.count("forjada") == 1 and "«imarpe-2018" in corrida.errores


def test_importar_una_lista_con_nombre_de_archivo_hostil(ejemplo, tmp_path):
    lista = tmp_path / "lista\nparticipacion: {negativa: true}\n#.csv"
    lista.write_text("DNI;Apellidos;Nombres;Segmento;Puesto;Órgano;DNI del evaluador\n"
                     "45678912;Torres León;Carla;Operador y asistencial;Asistente;DGIOCC;20000001\n", encoding="utf-8")
    antes = _archivos(ejemplo)
    corrida = correr("importar", str(lista), "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    nuevos = {k for k in _archivos(ejemplo) if k not in antes}
    assert {k: v for k, v in _archivos(ejemplo).items() if k in antes} == antes
    assert len(nuevos) == 1
    ruta = ejemplo / nuevos.pop()
    assert set(_leer_yaml(ruta)) == CLAVES_REGISTRO
    assert "# Importado de la lista lista participacion: {negativa: true} #.csv." in ruta.read_text(encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 0 and "negativa" not in corrida.errores


def test_nuevo_registro_con_datos_hostiles(ejemplo):
    corrida = correr("nuevo", "--ciclo", "2024", "--documento", "45678912", "--nombres", "Carla\nevaluador: \"1\"",
                     "--apellidos", '"León"\n# x', "--segmento", "ejecutor", "--puesto", "Asistente: #1\u2028x",
                     "--organo", "DGIOCC", "--evaluador", "20000001")
    assert corrida.codigo == 0, corrida.errores
    ruta = ejemplo / "ciclos/2024/servidores/leon-x-carla.yaml"
    datos = _leer_yaml(ruta)
    assert set(datos) == CLAVES_REGISTRO and datos["evaluador"] == "20000001"
    assert datos["servidor"]["nombres"] == "Carla evaluador: \"1\"" or datos["servidor"]["nombres"] == "Carla\nevaluador: \"1\""


# --- 5. Importar: celdas enormes y registros con claves duplicadas --------------------------------------------

def test_importar_un_csv_con_una_celda_enorme(ejemplo, tmp_path):
    lista = tmp_path / "lista.csv"
    lista.write_text("DNI;Apellidos;Nombres;Segmento;Puesto;Órgano;DNI del evaluador\n"
                     "41234567;Quispe Mamani;Rosa Elena;Ejecutor;Especialista;DGIOCC;30000001\n"
                     f'45678912;Torres;"{"x" * 200_000}";Ejecutor;Asistente;DGIOCC;30000001\n', encoding="utf-8")
    antes = _archivos(ejemplo)
    corrida = correr("importar", str(lista), "--ciclo", "2024")
    assert corrida.codigo == 1
    assert corrida.lineas_error == [f"{lista}:fila 3: una celda pasa de 128 KiB: revise las comillas de esa fila"]
    assert _archivos(ejemplo) == antes


def test_importar_sobre_un_registro_con_una_clave_duplicada(ejemplo, tmp_path):
    quispe = ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    editar(quispe, "  puesto: Especialista en Oceanografía Física",
           "  puesto: Especialista en Oceanografía Física\n  puesto: Otro puesto")
    lista = tmp_path / "lista.csv"
    lista.write_text("DNI;Apellidos;Nombres;Segmento;Puesto;Órgano;DNI del evaluador\n"
                     "45678912;Torres León;Carla;Operador y asistencial;Asistente;DGIOCC;20000001\n"
                     "41234567;Quispe Mamani;Rosa Elena;Ejecutor;Especialista Senior;DGIOCC;30000001\n", encoding="utf-8")
    antes = _archivos(ejemplo)
    corrida = correr("importar", str(lista), "--ciclo", "2024")
    assert corrida.codigo == 1, corrida.errores
    linea = next(l for l in corrida.lineas_error if "clave duplicada" in l)
    numero = next(i for i, l in enumerate(quispe.read_text(encoding="utf-8").splitlines(), 1) if "Otro puesto" in l)
    assert f"{quispe.relative_to(ejemplo.parent)}:{numero}:3: error: clave duplicada «puesto»" in linea
    assert linea.startswith(f"{lista}:fila 3: ")
    assert "Traceback" not in corrida.errores and "no se escribió ningún registro" in corrida.errores
    assert _archivos(ejemplo) == antes


# --- 6. PDF: Jinja escapa siempre; los SVG, con escape.svg ----------------------------------------------------

def test_informe_con_un_organo_hostil_lo_imprime_literal(embebidos, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    hostil = '<b>Órgano</b> & "x" <img src=x>'
    editar(embebidos / "entidad.yaml", "    DIO: Dirección de Investigaciones Oceanográficas", f"    DIO: {_comillas(hostil)}")
    editar(embebidos / "entidad.yaml", "  siglas: INIMAR", "  siglas: '<i>IN</i>'")
    antes = _archivos(embebidos)
    destino = tmp_path / "informe.pdf"
    corrida = correr("informe", "--ciclo", "2025", "--salida", str(destino))
    assert corrida.codigo == 0, corrida.errores
    assert _archivos(embebidos) == antes
    texto = " ".join(p.extract_text() for p in pypdf.PdfReader(destino).pages)
    texto = re.sub(r"\s+", " ", texto)
    assert hostil in texto


@pytest.mark.parametrize("funcion", ["avance", "apiladas"])
def test_los_graficos_escapan_textos_y_atributos(funcion):
    from xml.etree import ElementTree

    from generador.informe import graficos
    hostil = 'DIO" onload="alert(1)<script>'
    dibujo = (graficos.avance([(hostil, 1, 2)], hostil) if funcion == "avance"
              else graficos.apiladas([(hostil, {"A": 1})], ["A"], hostil))
    raiz = ElementTree.fromstring(dibujo)
    assert raiz.get("aria-label") == hostil and "onload" not in raiz.attrib
    assert hostil in [t.text for t in raiz.iter("{http://www.w3.org/2000/svg}text")]


# --- 7. Calendario .ics ---------------------------------------------------------------------------------------

def test_calendario_con_saltos_de_linea_en_una_actividad(tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(DATOS_EMBEBIDOS, datos)
    hostil = "Elección del CIE\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:falso; con, signos\\"
    editar(datos / "ciclos/2025/ciclo.yaml",
           "{actividad: Elección del Comité Institucional de Evaluación,",
           '{actividad: "Elección del CIE\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:falso; con, signos\\\\",')
    sitio = construir(datos, tmp_path)
    crudo = (sitio / "generado/cronograma-2025.ics").read_bytes()
    original = Calendar.from_ical((construir(DATOS_EMBEBIDOS, tmp_path / "original") /
                                   "generado/cronograma-2025.ics").read_bytes())
    calendario = Calendar.from_ical(crudo)
    assert len(calendario.walk("VEVENT")) == len(original.walk("VEVENT"))
    assert crudo.split(b"\r\n").count(b"BEGIN:VEVENT") == len(original.walk("VEVENT"))
    assert hostil in [str(e["summary"]) for e in calendario.walk("VEVENT")]


def test_la_csp_no_autoriza_un_script_dentro_del_contenido():
    """Solo los scripts del tema (fuera de `<article>`) reciben su resumen: uno que los datos lograran meter
    en el contenido de la página quedaría sin resumen y el navegador no lo ejecutaría."""
    import importlib.util
    especificacion = importlib.util.spec_from_file_location("confianza", RAIZ / "sitio/overrides/confianza.py")
    gancho = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(gancho)
    pagina = ("<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'sha256-PENDIENTE'\">"
              "<script>var tema = 1</script></head><body><article><script>alert(1)</script></article></body>")
    politica = re.search(r'content="([^"]*)"', gancho._con_resumenes(pagina)).group(1)

    def resumen(codigo: str) -> str:
        return f"'sha256-{base64.b64encode(hashlib.sha256(codigo.encode()).digest()).decode()}'"

    assert resumen("var tema = 1") in politica
    assert resumen("alert(1)") not in politica
