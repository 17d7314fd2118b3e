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


def test_filtrar_la_lista_de_participantes(pagina):
    pagina.goto(pagina.base + "/generado/participantes.html")
    pagina.locator("#filtro-participantes").fill("paita")  # sin distinguir mayúsculas ni tildes
    visibles = pagina.locator("div.participantes tbody tr:visible")
    assert visibles.count() == 4
    for i in range(visibles.count()):
        assert "Paita" in visibles.nth(i).inner_text()
    assert pagina.locator("h2:visible").all_inner_texts() == ["Laboratorio Costero de Paita"]
    assert pagina.locator("p.sin-resultados").is_hidden()


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
