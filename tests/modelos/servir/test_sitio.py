"""El portal de intranet: se construye en modo estricto, no publica datos personales, no pide nada
fuera de la intranet, muestra como texto lo que venga en los datos y es reproducible."""

from __future__ import annotations

import html as html_texto
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from icalendar import Calendar

from conftest import DATOS_EMBEBIDOS, RAIZ, correr, editar
from generador.carga import cargar
from generador.diagnosticos import Informe
from generador.portal.marcado import etiqueta_menu


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
                   "generado/cronograma-2025.ics", "generado/flujograma-2025.svg", "search/search_index.js"):
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
    for ruta in sorted(DATOS_EMBEBIDOS.glob("ciclos/*/servidores/*.yaml")):  # el ejemplo de imarpe-2018
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
    assert fila.count("<td>") == 4  # el «|» no crea columnas (nombre, segmento, puesto, evaluador)
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


# --- La búsqueda, la lista de participantes, el menú y el flujograma (issue 13, puntos 12 y 13) ----------------

class _Trozos(HTMLParser):
    """El texto del contenido de una página (`<article>`), partido donde el navegador separa: celdas, filas,
    saltos de línea, párrafos, elementos de lista, títulos y textos de un SVG."""

    CORTES = {"td", "th", "tr", "br", "li", "p", "div", "dd", "dt", "text", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.trozos: list[list[str]] = [[]]
        self._dentro = 0

    def handle_starttag(self, etiqueta, atributos):
        self._dentro += etiqueta == "article"
        if etiqueta in self.CORTES:
            self.trozos.append([])

    def handle_endtag(self, etiqueta):
        self._dentro -= etiqueta == "article"
        if etiqueta in self.CORTES:
            self.trozos.append([])

    def handle_data(self, datos):
        if self._dentro:
            self.trozos[-1].append(datos)


def _indice(sitio: Path) -> list[dict]:
    return json.loads((sitio / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def _normal(texto: str) -> str:
    return " ".join(html_texto.unescape(re.sub(r"</?[a-z]+>", " ", texto)).split())


def _pegados(pagina: str, indexado: str) -> list[str]:
    """Dos trozos vecinos de la página que el índice de búsqueda tiene pegados, sin espacio entre ellos."""
    lector = _Trozos()
    lector.feed(pagina)
    trozos = [t for t in ("".join(t) for t in lector.trozos) if t.strip()]
    pegados = []
    for antes, despues in zip(trozos, trozos[1:]):
        if antes[-1].isspace() or despues[0].isspace():
            continue
        cola, cabeza = " ".join(antes.split())[-12:], " ".join(despues.split())[:12]
        if cola + cabeza in indexado:
            pegados.append(cola + cabeza)
    return pegados


def test_la_busqueda_no_pega_celdas_ni_lineas(sitio):
    """Antes: «Apellidos y nombresSegmentoPuesto…», «Castillo Neyra, Luis FernandoPersonal ejecutor…»."""
    docs = _indice(sitio)
    revisadas = 0
    for ruta in sorted(sitio.rglob("*.html")):
        ubicacion = ruta.relative_to(sitio).as_posix()
        textos = [d["title"] + " " + d["text"] for d in docs if d["location"].split("#")[0] == ubicacion]
        if not textos:
            continue
        revisadas += 1
        indexado = _normal(" ".join(textos))
        assert _pegados(ruta.read_text(encoding="utf-8"), indexado) == [], ubicacion
    assert revisadas >= 14
    # La fila de títulos, la misma en cada tabla, no entra en el índice; las celdas sí, separadas.
    participantes = _normal(" ".join(d["text"] for d in docs if d["location"].startswith("generado/participantes.html")))
    assert "Apellidos y nombres" not in participantes
    assert "Castillo Neyra, Luis Fernando Personal ejecutor Especialista Legal en Recursos Humanos" in participantes
    assert not any(d["location"].startswith("generado/ciclo-actual") for d in docs)  # el fragmento de Inicio


def test_cada_pagina_de_un_ciclo_nombra_su_ciclo_en_la_busqueda(sitio):
    """Antes, dos resultados «Lista de participantes» (y dos «Cronograma»…) sin decir de qué ciclo."""
    nombres = {ruta.parent.name: cargar(ruta, Informe()).datos["ciclo"]["nombre"]
               for ruta in sorted(DATOS_EMBEBIDOS.glob("ciclos/*/ciclo.yaml"))}
    paginas = [d for d in _indice(sitio) if "#" not in d["location"]]
    titulos = [d["title"] for d in paginas]
    assert len(titulos) == len(set(titulos)), titulos
    listas = {d["location"]: d["title"] for d in paginas if d["location"].endswith("participantes.html")}
    ultimo = sorted(nombres)[-1]
    esperadas = {("generado/" if carpeta == ultimo else f"generado/archivo/{carpeta}/") + "participantes.html":
                 f"Lista de participantes — {nombre}" for carpeta, nombre in nombres.items()}
    assert listas == esperadas


class _Tablas(HTMLParser):
    """Cada tabla de participantes con el título (h2) que la precede: [(título, cabeceras, filas)]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tablas, self._titulo, self._celda, self._h2 = [], "", None, None

    def handle_starttag(self, etiqueta, atributos):
        if etiqueta == "h2":
            self._h2 = []
        elif etiqueta == "table":
            self.tablas.append((self._titulo, [], []))
        elif etiqueta == "tr" and self.tablas:
            self.tablas[-1][2].append([])
        elif etiqueta in ("td", "th"):
            self._celda = []

    def handle_endtag(self, etiqueta):
        if etiqueta == "h2" and self._h2 is not None:
            self._titulo, self._h2 = "".join(self._h2).strip(), None
        elif etiqueta in ("td", "th") and self._celda is not None:
            _, cabeceras, filas = self.tablas[-1]
            (cabeceras if etiqueta == "th" else filas[-1]).append("".join(self._celda).strip())
            self._celda = None

    def handle_data(self, datos):
        for destino in (self._h2, self._celda):
            if destino is not None:
                destino.append(datos)


def test_la_lista_no_repite_el_organo_de_la_seccion(sitio):
    """Antes, la columna «Órgano» repetía en cada fila el título de la sección."""
    for ruta in ("generado/participantes.html", "generado/archivo/2024/participantes.html"):
        lector = _Tablas()
        lector.feed((sitio / ruta).read_text(encoding="utf-8"))
        assert len(lector.tablas) >= 5
        for titulo, cabeceras, filas in lector.tablas:
            assert cabeceras == ["Apellidos y nombres", "Segmento", "Puesto", "Evaluador"]
            filas = [f for f in filas if f]
            assert filas and all(len(f) == 4 for f in filas)
            assert titulo and titulo not in {celda for f in filas for celda in f}, (ruta, titulo)


def test_el_menu_nombra_el_ciclo_por_sus_datos_y_no_dice_vigente(sitio):
    """El sitio es el mismo byte a byte: no puede saber si el ciclo sigue vigente el día en que se lee."""
    nombre = cargar(DATOS_EMBEBIDOS / "ciclos/2025/ciclo.yaml", Informe()).datos["ciclo"]["nombre"]
    etiqueta = etiqueta_menu(SimpleNamespace(nombre=nombre, inicio=None))
    assert etiqueta == "Ciclo " + re.search(r"\d{4}", nombre).group(0)
    for _, contenido in archivos_de_texto(sitio):
        assert "vigente" not in contenido.lower()
    inicio = (sitio / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<span class="md-ellipsis">\s*{etiqueta}\s*</span>', inicio)


def test_la_etiqueta_del_menu_sale_de_los_datos():
    import datetime as dt
    assert etiqueta_menu(SimpleNamespace(nombre="Ciclo de Gestión del Rendimiento 2031", inicio=dt.date(2030, 12, 1))) \
        == "Ciclo 2031"
    assert etiqueta_menu(SimpleNamespace(nombre="Ciclo anual", inicio=dt.date(2027, 3, 1))) == "Ciclo 2027"
    assert etiqueta_menu(SimpleNamespace(nombre="Ciclo 120255", inicio=dt.date(2026, 3, 1))) == "Ciclo 2026"


def test_el_flujograma_se_publica_tambien_solo_para_verlo_ampliado(sitio):
    pagina = (sitio / "generado/flujograma.html").read_text(encoding="utf-8")
    solo = (sitio / "generado/flujograma-2025.svg").read_text(encoding="utf-8")
    assert re.search(r'<a class="md-button" href="flujograma-2025.svg">Ver el flujograma ampliado</a>', pagina)
    assert solo.startswith("<svg ") and solo in pagina  # el mismo dibujo que la página
    ancho, alto = re.search(r'viewBox="0 0 (\d+) (\d+)"', solo).groups()
    visible = re.search(r'width="(\d+)" height="(\d+)"', solo).groups()
    assert int(visible[0]) > int(ancho) and int(visible[1]) > int(alto)  # se abre más grande que su dibujo
