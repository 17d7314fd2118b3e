"""El portal en un navegador real (Chromium sin pantalla, con Playwright).

Se sirve el sitio construido desde 127.0.0.1, se recorre cada página del menú, se
busca a un participante con la caja de búsqueda y se guardan capturas (en la
carpeta de la variable CAPTURAS_PORTAL, o en una temporal). Se omite, diciendo
por qué, solo si no hay Chromium; `.ci/run` lo instala.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from conftest import DATOS_EMBEBIDOS
from generador.modelos.servir.anexos import flujograma
from generador.diagnosticos import Informe
from generador.portal.marcado import etiqueta_menu
from generador.repositorio import leer
from test_sitio import construir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium (Debian: apt-get install chromium)")
OPCIONES = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class _Silencioso(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *argumentos):
        pass


@pytest.fixture(scope="module")
def servidor(tmp_path_factory):
    sitio = construir(DATOS_EMBEBIDOS, tmp_path_factory.mktemp("navegador"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Silencioso, directory=str(sitio)))
    hilo = threading.Thread(target=httpd.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", sitio
    httpd.shutdown()


@pytest.fixture(scope="module")
def navegador():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=OPCIONES)
        yield chromium
        chromium.close()


@pytest.fixture
def capturas(tmp_path) -> Path:
    carpeta = Path(os.environ.get("CAPTURAS_PORTAL") or tmp_path / "capturas")
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


def _violacion_csp(mensaje, violaciones: list) -> None:
    """Chromium informa en la consola cada recurso o script que la CSP de la página no admite."""
    if "Content Security Policy" in mensaje.text:
        violaciones.append(mensaje.text)


@pytest.fixture
def pagina(navegador, servidor):
    base, _ = servidor
    contexto = navegador.new_context(viewport={"width": 1280, "height": 900}, locale="es-PE")
    pedidos, errores, csp = [], [], []
    pestana = contexto.new_page()
    pestana.on("request", lambda pedido: pedidos.append(pedido.url))
    pestana.on("pageerror", lambda error: errores.append(str(error)))
    pestana.on("console", lambda mensaje: _violacion_csp(mensaje, csp))
    pestana.pedidos, pestana.errores, pestana.base = pedidos, errores, base
    yield pestana
    contexto.close()
    assert errores == [], errores
    assert csp == [], f"la política de seguridad de contenidos (CSP) bloqueó algo: {csp}"
    externos = [u for u in pedidos if not u.startswith((base, "data:", "blob:"))]
    assert externos == [], f"pedidos fuera de la intranet: {externos}"


def test_cada_pagina_del_menu(pagina, capturas):
    pagina.goto(pagina.base + "/index.html")
    enlaces = pagina.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]", "els => [...new Set(els.map(e => e.href.split('#')[0]))]")
    assert len(enlaces) >= 9
    for enlace in enlaces:
        respuesta = pagina.goto(enlace)
        assert respuesta is None or respuesta.status == 200, enlace  # None: la misma página ya abierta
        titulo = pagina.locator("article h1").first.inner_text()
        assert titulo
        nombre = enlace.removeprefix(pagina.base + "/").replace("/", "_").removesuffix(".html") or "index"
        pagina.screenshot(path=str(capturas / f"{nombre}.png"), full_page=True)
    assert (capturas / "generado_participantes.png").stat().st_size > 10_000


def test_buscar_a_un_participante(pagina, capturas):
    pagina.goto(pagina.base + "/index.html")
    pagina.locator("label.md-search__icon, .md-search__input").first.click()
    pagina.locator("input.md-search__input").press_sequentially("Quispe Mamani", delay=30)  # Material escucha el teclado
    # El resultado es la sección de la lista (su órgano) donde figura la participante.
    resultado = pagina.locator(".md-search-result__item").filter(has_text="Dirección de Investigaciones Oceanográficas").first
    resultado.wait_for(timeout=15_000)
    pagina.screenshot(path=str(capturas / "busqueda.png"))
    resultado.locator("a").first.click()
    pagina.wait_for_url("**/participantes.html*")
    assert "Quispe Mamani, Rosa Elena" in pagina.locator("article").inner_text()


def _indice_visible(pagina) -> list[str]:
    """Las entradas visibles de la tabla de contenidos (a la derecha, a 1280 px de ancho)."""
    return pagina.locator("nav.md-nav--secondary a.md-nav__link:visible").all_inner_texts()


def _indice_oculto(pagina) -> list[bool]:
    """Por cada enlace de la tabla de contenidos (también la copia del menú del teléfono): ¿está oculto?"""
    return pagina.eval_on_selector_all('a.md-nav__link[href^="#"]', "els => els.map(a => !!a.closest('li[hidden]'))")


def test_filtrar_la_lista_de_participantes(pagina):
    pagina.goto(pagina.base + "/generado/participantes.html")
    organos = pagina.locator("article h2").all_inner_texts()
    assert _indice_visible(pagina) == organos
    # Por el órgano: ya no está en cada fila (no se repite en una columna), cuenta el título de la sección.
    pagina.locator("#filtro-participantes").fill("paita")  # sin distinguir mayúsculas ni tildes
    visibles = pagina.locator("div.participantes tbody tr:visible")
    assert visibles.count() == 4
    assert pagina.locator("h2:visible").all_inner_texts() == ["Laboratorio Costero de Paita"]
    seccion = pagina.locator("div.participantes:visible tbody tr")
    assert seccion.count() == 4  # la sección entera, y solo ella
    assert pagina.locator("p.sin-resultados").is_hidden()
    # La tabla de contenidos sigue al filtro: solo los órganos con filas visibles (antes quedaban todos).
    assert _indice_visible(pagina) == ["Laboratorio Costero de Paita"]
    assert _indice_oculto(pagina).count(False) == 2  # la entrada de la derecha y su copia en el menú del teléfono
    pagina.locator("#filtro-participantes").fill("quispe mamani")  # por nombre: el órgano de esa persona
    assert pagina.locator("div.participantes tbody tr:visible").count() == 1
    assert _indice_visible(pagina) == ["Dirección de Investigaciones Oceanográficas"]
    pagina.locator("#filtro-participantes").fill("")
    assert _indice_visible(pagina) == organos and not any(_indice_oculto(pagina))


def test_un_filtro_sin_coincidencias_lo_dice(pagina, capturas):
    """Antes la página quedaba en blanco bajo el buscador."""
    pagina.goto(pagina.base + "/generado/participantes.html")
    pagina.locator("#filtro-participantes").fill("<b>zzz</b>")
    assert pagina.locator("div.participantes tbody tr:visible").count() == 0
    aviso = pagina.locator("p.sin-resultados")
    assert aviso.is_visible() and aviso.inner_text() == "Sin resultados para «<b>zzz</b>»."
    assert pagina.locator("p.sin-resultados b").count() == 0  # lo escrito se muestra como texto
    pagina.screenshot(path=str(capturas / "filtro-sin-resultados.png"))
    pagina.locator("#filtro-participantes").fill("")
    assert aviso.is_hidden() and pagina.locator("div.participantes tbody tr:visible").count() == 44


def test_los_organos_van_en_orden_alfabetico_castellano(pagina):
    """Antes «Área Funcional de Recursos Humanos» quedaba al final (después de la «Z»)."""
    pagina.goto(pagina.base + "/generado/participantes.html")
    titulos = pagina.locator("article h2").all_inner_texts()
    assert titulos[0] == "Área Funcional de Recursos Humanos"
    from generador.anexos.formato import alfabetico
    assert titulos == sorted(titulos, key=alfabetico)


def test_la_etapa_de_hoy_se_resalta(pagina, capturas):
    pagina.clock.set_fixed_time(dt.datetime(2025, 9, 15, 10, 0))
    pagina.goto(pagina.base + "/index.html")
    actual = pagina.locator(".etapas-lista li.actual")
    assert actual.count() == 1 and actual.inner_text().startswith("Seguimiento")
    aviso = pagina.locator("#etapa-hoy").inner_text()
    assert aviso.startswith("Hoy, 15/09/2025, el ciclo está en la etapa de seguimiento.")
    assert "Próximo plazo: «Reuniones de seguimiento de hitos intermedios (Anexo 3)», hasta el 29/09/2025." in aviso
    pagina.screenshot(path=str(capturas / "inicio-en-seguimiento.png"))


def test_el_menu_no_llama_vigente_a_un_ciclo_concluido(pagina, capturas):
    """Antes: «Ciclo vigente» en el menú y «Este ciclo concluyó el 31/03/2026» en la página. El sitio es el
    mismo byte a byte, así que el menú nombra el ciclo por sus datos y la página dice, con la fecha del
    navegador, si está en curso o concluyó."""
    ultimo = leer(DATOS_EMBEBIDOS, Informe()).ciclos[-1]
    seccion = "nav.md-nav--primary label.md-nav__link"
    for hoy, aviso in [(dt.datetime(2026, 12, 2, 10, 0), f"Este ciclo concluyó el {ultimo.fin:%d/%m/%Y}."),
                       (dt.datetime(2025, 9, 15, 10, 0), "Hoy, 15/09/2025, el ciclo está en la etapa de seguimiento.")]:
        pagina.clock.set_fixed_time(hoy)
        pagina.goto(pagina.base + "/index.html")
        assert pagina.locator("#etapa-hoy").inner_text().startswith(aviso)
        menu = pagina.locator(seccion).all_inner_texts()
        assert etiqueta_menu(ultimo) in [m.strip() for m in menu], menu
        assert "vigente" not in pagina.locator("nav.md-nav--primary").inner_text().lower()
    pagina.screenshot(path=str(capturas / "inicio-menu-ciclo.png"))


def test_la_busqueda_distingue_el_ciclo_y_no_pega_celdas(pagina, capturas):
    """Antes: dos resultados «Lista de participantes» y el texto «Apellidos y nombresSegmentoPuesto…»."""
    nombres = [c.nombre for c in leer(DATOS_EMBEBIDOS, Informe()).ciclos]
    pagina.goto(pagina.base + "/index.html")
    pagina.locator("label.md-search__icon, .md-search__input").first.click()
    pagina.locator("input.md-search__input").press_sequentially("Castillo Neyra", delay=30)
    resultados = pagina.locator(".md-search-result__item")
    resultados.first.wait_for(timeout=15_000)
    titulos = pagina.locator(".md-search-result__item > a article h1").all_inner_texts()
    assert sorted(titulos) == sorted(f"Lista de participantes — {n}" for n in nombres)
    texto = pagina.locator(".md-search-result__list").inner_text()
    assert "Castillo Neyra, Luis Fernando Personal ejecutor" in texto
    assert "nombresSegmento" not in texto and "FernandoPersonal" not in texto
    pagina.screenshot(path=str(capturas / "busqueda-por-ciclo.png"))


def _letra_minima(pestana) -> float:
    """El menor tamaño, en píxeles CSS, con que se dibuja un texto del flujograma (letra × escala del SVG)."""
    return pestana.eval_on_selector(".flujograma svg", """svg => Math.min(...[...svg.querySelectorAll('text')].map(
        t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a))""")


@pytest.mark.parametrize("ancho, alto", [(1280, 900), (390, 844)], ids=["1280", "telefono"])
def test_el_flujograma_se_lee_y_se_puede_ampliar(navegador, servidor, capturas, ancho, alto):
    """Antes, un dibujo de 1100 de ancho apretado en ~690 px: letra de unos 7 px."""
    base, sitio = servidor
    contexto = navegador.new_context(viewport={"width": ancho, "height": alto}, locale="es-PE")
    pestana = contexto.new_page()
    pestana.goto(base + "/generado/flujograma.html")
    letra = _letra_minima(pestana)
    assert letra >= 11, f"letra de {letra:.1f} px a {ancho} px de ancho"
    # Cada texto cabe en su caja (el corte de líneas estima el ancho de las letras).
    desbordes = pestana.eval_on_selector(".flujograma svg", """svg => {
        const fuera = []; let caja = null, revisados = 0;
        for (const el of svg.children) {
            if (el.tagName !== 'text') caja = el.tagName === 'rect' && el.getAttribute('rx') ? el.getBBox() : null;
            else if (caja) {
                const t = el.getBBox();
                revisados += 1;
                if (t.x + t.width > caja.x + caja.width || t.y + t.height > caja.y + caja.height) fuera.push(el.textContent);
            }
        }
        return [fuera, revisados]; }""")
    assert desbordes[0] == [] and desbordes[1] >= 24  # las 12 actividades del ciclo, de 2 a 6 líneas cada una
    # La página no se desborda: el dibujo se desliza dentro de su recuadro si no cabe.
    assert pestana.evaluate("document.documentElement.scrollWidth") <= ancho
    recuadro = pestana.locator("div.flujograma")
    desliza = recuadro.evaluate("d => d.scrollWidth > d.clientWidth")
    assert desliza == (ancho < 900)
    pestana.screenshot(path=str(capturas / f"flujograma-{ancho}.png"), full_page=True)
    # El botón abre el mismo dibujo solo, más grande.
    boton = pestana.get_by_role("link", name="Ver el flujograma ampliado")
    assert boton.is_visible() and boton.bounding_box()["x"] + boton.bounding_box()["width"] <= ancho
    with pestana.expect_navigation():
        boton.click()
    assert pestana.url.endswith(".svg")
    ampliada = pestana.evaluate("""() => { const t = document.querySelector('svg text[font-size="%s"]');
        return parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a; }""" % flujograma.PANTALLA.letra)
    assert ampliada > max(letra, 16)
    contexto.close()


def test_desde_una_carpeta_compartida(navegador, servidor):
    """Con el complemento offline, el sitio abierto como archivo (file://) navega y busca."""
    _, sitio = servidor
    contexto = navegador.new_context()
    pestana, csp = contexto.new_page(), []
    pestana.on("console", lambda mensaje: _violacion_csp(mensaje, csp))
    pestana.goto((sitio / "index.html").as_uri())
    pestana.locator("nav.md-nav--primary a.md-nav__link", has_text="Participantes").first.click()
    assert "Lista de participantes" in pestana.locator("article h1").inner_text()
    pestana.locator("label.md-search__icon, .md-search__input").first.click()
    pestana.locator("input.md-search__input").press_sequentially("Rojas Tello", delay=30)
    pestana.locator(".md-search-result__item").filter(has_text="Lista de participantes").first.wait_for(timeout=15_000)
    contexto.close()
    assert csp == [], f"la política de seguridad de contenidos (CSP) bloqueó algo: {csp}"
