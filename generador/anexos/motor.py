"""Plantillas Jinja2 → HTML → WeasyPrint → PDF/A-3b.

Un `Motor` carga una sola vez las fuentes y la hoja de estilos y se reutiliza
para todos los documentos. Seguridad:
- Jinja2 escapa todo valor (autoescape): un texto con HTML se imprime como texto;
  los datos nunca se interpretan como plantilla.
- El lector de recursos de WeasyPrint solo entrega archivos de `plantillas/`:
  nada de `file://` fuera de esa carpeta ni de red.
Reproducibilidad: las fechas del PDF y del adjunto salen de los datos, y el
identificador del PDF es un resumen de su contenido.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import multiprocessing.util
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from weasyprint import CSS, HTML, Attachment, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .. import recursos
from . import formato

PLANTILLAS = recursos.plantillas()  # las del repositorio o, instalado, las del paquete
VARIANTE_PDF = "pdf/a-3b"

# WeasyPrint informa en su registro cada recurso rechazado; no son errores del usuario.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class LectorLocal(URLFetcher):
    """Entrega solo archivos de la carpeta de plantillas; todo lo demás se rechaza."""

    def __init__(self, raiz: Path):
        super().__init__(allowed_protocols=("file",))
        self.raiz = raiz.resolve()

    def fetch(self, url, headers=None):
        partes = urlparse(url)
        if partes.scheme != "file" or partes.netloc not in ("", "localhost"):
            raise ValueError(f"recurso externo rechazado: {url}")
        ruta = Path(unquote(partes.path)).resolve()
        if not ruta.is_relative_to(self.raiz) or not ruta.is_file():
            raise ValueError(f"recurso fuera de las plantillas rechazado: {url}")
        tipo = mimetypes.guess_type(ruta.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=ruta.read_bytes(), headers={"Content-Type": tipo})


def _borrar_fuentes(fuentes: FontConfiguration) -> None:
    carpeta = getattr(fuentes, "_folder", None)  # la crea WeasyPrint al leer el primer @font-face
    if carpeta:
        shutil.rmtree(carpeta, ignore_errors=True)


class MotorIncompleto(Exception):
    """Faltan las plantillas o la hoja de estilos: la instalación del generador está incompleta."""


class Motor:
    def __init__(self, raiz: Path = PLANTILLAS, propias: Path | None = None):
        if not (raiz / "estilos.css").is_file():
            raise MotorIncompleto(f"faltan las plantillas de los PDF en {raiz}: la instalación del generador está "
                                  "incompleta (reinstálelo)")
        self.raiz = raiz
        self.lector = LectorLocal(raiz)
        self.fuentes = FontConfiguration()
        # WeasyPrint copia las fuentes a una carpeta temporal que borra en __del__; un proceso del grupo
        # termina con os._exit y __del__ no corre: sin esto, cada proceso dejaba 1,6 MB en /tmp.
        multiprocessing.util.Finalize(self, _borrar_fuentes, args=(self.fuentes,), exitpriority=1)
        self.css = CSS(filename=str(raiz / "estilos.css"), url_fetcher=self.lector, font_config=self.fuentes)
        self.jinja = jinja2.Environment(
            # Las plantillas propias de la entidad (recursos.plantillas_propias) van delante de las del generador.
            loader=jinja2.FileSystemLoader([str(propias), str(raiz)] if propias else [str(raiz)]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.Undefined,
        )
        self.jinja.filters.update(fecha=formato.fecha, cifra=formato.cifra, mes=formato.mes, porcentaje=formato.porcentaje)

    def html(self, plantilla: str, contexto: dict) -> str:
        return self.jinja.get_template(plantilla).render(**contexto)

    def documento(self, plantilla: str, contexto: dict) -> Document:
        html = HTML(string=self.html(plantilla, contexto), base_url=self.raiz.as_uri() + "/", url_fetcher=self.lector)
        return html.render(stylesheets=[self.css], font_config=self.fuentes)

    @staticmethod
    def escribir(documento: Document, destino: Path, adjunto: tuple[str, bytes, str] | None, fecha: dt.date) -> None:
        """Escribe `documento` como PDF/A-3b; `adjunto` = (nombre, contenido, descripción)."""
        momento = dt.datetime.combine(fecha, dt.time(12, 0))
        adjuntos = []
        if adjunto is not None:
            nombre, contenido, descripcion = adjunto
            adjuntos.append(Attachment(string=contenido, name=nombre, description=descripcion,
                                       created=momento, modified=momento, relationship="Source"))
        documento.write_pdf(str(destino), pdf_variant=VARIANTE_PDF, attachments=adjuntos)
