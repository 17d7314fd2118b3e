"""Los PDF de un servidor: cada Anexo y su legajo.

Cada Anexo se compone una sola vez con WeasyPrint, como documento propio, y sus
páginas forman el legajo (portada + Anexos 1 a 6 + confirmación del CIE), que se
escribe una sola vez; cada Anexo suelto se corta después del legajo escrito
(`particion.py`). Así cada formato numera sus páginas («Página 1 de 2») como el
formato en papel, y la portada da las páginas de cada uno dentro del legajo.

Este módulo no sabe de procesos ni de caché: recibe un `Encargo` ya preparado
(todo lo que se imprime) y escribe sus archivos. `construccion.py` reparte los
encargos y decide cuáles hace falta volver a hacer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .. import __version__, recursos
from ..repositorio import Ciclo, Repositorio, como_fecha
from ..resultados import Resultado
from . import flujograma, formato
from .contexto import Documento, contexto, documentos
from .motor import PLANTILLAS, Motor
from .particion import Corte, separar

HORIZONTALES = {"anexo1.html.j2", "anexo2.html.j2", "anexo7.html.j2"}
ENCABEZADOS = {
    "anexo1.html.j2": "Anexo N° 1", "anexo2.html.j2": "Anexo N° 2", "anexo3.html.j2": "Anexo N° 3",
    "anexo4.html.j2": "Anexo N° 4", "anexo5.html.j2": "Anexo N° 5", "anexo6.html.j2": "Anexo N° 6",
    "confirmacion.html.j2": "Confirmación del CIE", "portada.html.j2": "Legajo", "anexo7.html.j2": "Anexo N° 7",
}


@dataclass
class Encargo:
    """Todo lo que se imprime de un servidor (o del flujograma del ciclo): se puede enviar a otro proceso."""

    carpeta: str                       # nombre de la carpeta (o del archivo, para el flujograma)
    contexto: dict
    documentos: list[Documento]
    adjunto: tuple[str, bytes, str]
    huella: str = ""                   # resumen de todo lo anterior, las plantillas y la versión
    del_ciclo: bool = False            # un solo documento del ciclo (flujograma, formularios de área…)
    portada: str = "portada.html.j2"   # plantilla de la portada del legajo
    faltan: list[str] = field(default_factory=list)


def nombre_carpeta(resultado: Resultado) -> str:
    """La carpeta de un servidor: el nombre de su archivo de registro (sin documento en la ruta)."""
    return Path(resultado.registro.doc.ruta).stem


def _pie(ctx: dict) -> str:
    politica = ctx["politica"]
    return f"Política {politica['clave']} v{politica['version']} · Registro {ctx['archivo']} · SHA-256 {ctx['huella']}"


def _preparar(ctx: dict, plantilla: str, titulo: str, extra: dict | None = None) -> dict:
    """Contexto de un documento; las plantillas de otros modelos traen su encabezado y orientación en `extra`."""
    return {**ctx, "encabezado": ENCABEZADOS.get(plantilla, ""), "horizontal": plantilla in HORIZONTALES,
            **(extra or {}), "titulo": titulo, "pie": ctx.get("pie") or _pie(ctx)}


def _rango(inicio: int, cantidad: int) -> str:
    return str(inicio) if cantidad == 1 else f"{inicio}–{inicio + cantidad - 1}"


AJENAS = {"yaml", "informe.html.j2", "ponderado/informe.html.j2"}  # plantillas que no entran en ningún legajo


def huella_plantillas() -> str:
    """Resumen de las plantillas, la hoja de estilos y las fuentes: si cambian, todo se vuelve a imprimir."""
    resumen = hashlib.sha256(__version__.encode())
    propias = recursos.plantillas_propias()
    for prefijo, carpeta in (("", PLANTILLAS), ("propias/", propias)):
        if carpeta is None:
            continue
        for ruta in sorted(p for p in carpeta.rglob("*") if p.is_file() and p.relative_to(carpeta).parts[0] not in AJENAS
                                                        and p.relative_to(carpeta).as_posix() not in AJENAS):
            resumen.update((prefijo + ruta.relative_to(carpeta).as_posix()).encode())
            resumen.update(ruta.read_bytes())
    return resumen.hexdigest()


def huella_encargo(encargo: Encargo, plantillas: str) -> str:
    """Resumen de todo lo que se imprime en un encargo: si no cambia, su salida anterior se reutiliza."""
    contenido = json.dumps([encargo.contexto, [vars(d) for d in encargo.documentos], encargo.adjunto[0],
                            hashlib.sha256(encargo.adjunto[1]).hexdigest(), encargo.faltan, plantillas],
                           sort_keys=True, ensure_ascii=False, default=lambda v: vars(v) if hasattr(v, "__dict__") else str(v))
    return hashlib.sha256(contenido.encode()).hexdigest()


def preparar_servidor(repositorio: Repositorio, ciclo: Ciclo, resultado: Resultado, plantillas: str) -> Encargo:
    """Reúne en el proceso principal todo lo que se imprime de un servidor (sin componer nada)."""
    registro = resultado.registro
    ctx = contexto(repositorio, ciclo, resultado)
    ctx["fecha_recojo"] = _fecha_recojo(registro.lista("evidencias"))
    ctx["presidente_cie"] = _presidente_cie(ciclo)
    ruta = Path(registro.doc.ruta)
    adjunto = (ruta.name, registro.doc.contenido(), f"Registro YAML fuente de este documento (SHA-256 {registro.doc.huella})")
    lista = documentos(registro, resultado)
    encargo = Encargo(nombre_carpeta(resultado), ctx, lista, adjunto,
                      faltan=[f"{d.titulo}: {d.falta}" for d in lista if not d.disponible])
    encargo.huella = huella_encargo(encargo, plantillas)
    return encargo


def preparar_flujograma(repositorio: Repositorio, ciclo: Ciclo, plantillas: str) -> Encargo:
    ctx = {
        "entidad": repositorio.datos_entidad, "fecha": ciclo.inicio,
        "ciclo": {"nombre": ciclo.nombre, "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin),
                  "resolucion": ciclo.datos.get("resolucion", "")},
        "svg": flujograma.svg(ciclo),
        "pie": f"Política {ciclo.politica.clave} v{ciclo.politica.version} · Ciclo {ciclo.carpeta} · "
               f"SHA-256 de ciclo.yaml {ciclo.doc.huella}",
    }
    documento = Documento("anexo-7-flujograma", "anexo7.html.j2",
                          f"Anexo N° 7 — Flujograma de la evaluación del desempeño — {ciclo.nombre}", True)
    adjunto = ("ciclo.yaml", ciclo.doc.contenido(), f"Archivo del ciclo (SHA-256 {ciclo.doc.huella})")
    encargo = Encargo("anexo-7-flujograma.pdf", ctx, [documento], adjunto, del_ciclo=True)
    encargo.huella = huella_encargo(encargo, plantillas)
    return encargo


def ejecutar(motor: Motor, encargo: Encargo, destino: Path) -> tuple[int, int]:
    """Escribe los archivos de un encargo en `destino`; devuelve (archivos, páginas del legajo)."""
    if encargo.del_ciclo:
        documento = encargo.documentos[0]
        ctx = dict(encargo.contexto)
        if "svg" in ctx:
            ctx["svg"] = Markup(ctx["svg"])  # el SVG se generó aquí, con cada texto escapado
        ctx = _preparar(ctx, documento.plantilla, documento.titulo, documento.datos)
        compuesto = motor.documento(documento.plantilla, ctx)
        motor.escribir(compuesto, destino, encargo.adjunto, encargo.contexto["fecha"])
        return 1, len(compuesto.pages)

    ctx = encargo.contexto
    destino.mkdir(parents=True)
    compuestos = []
    for documento in encargo.documentos:
        if not documento.disponible:
            continue
        compuesto = motor.documento(documento.plantilla, _preparar(ctx, documento.plantilla, documento.titulo, documento.datos))
        compuestos.append((documento, compuesto))

    paginas_portada = 1
    while True:  # la portada casi siempre ocupa una página; si ocupa más, se recalculan los rangos
        contenido, pagina = [], paginas_portada + 1
        for documento in encargo.documentos:
            fila = {"titulo": documento.titulo, "disponible": documento.disponible, "falta": documento.falta, "paginas": ""}
            for hecho, compuesto in compuestos:
                if hecho.clave == documento.clave:
                    fila["paginas"] = _rango(pagina, len(compuesto.pages))
                    pagina += len(compuesto.pages)
            contenido.append(fila)
        titulo = ctx.get("titulo_legajo") or f"Legajo de evaluación del desempeño — {ctx['servidor'].nombre}"
        portada = motor.documento(encargo.portada, _preparar(
            ctx, encargo.portada, titulo, {"contenido": contenido, "faltan": encargo.faltan}))
        if len(portada.pages) == paginas_portada:
            break
        paginas_portada = len(portada.pages)
    paginas = list(portada.pages) + [p for _, compuesto in compuestos for p in compuesto.pages]
    motor.escribir(portada.copy(paginas), destino / "legajo.pdf", encargo.adjunto, ctx["fecha"])
    cortes, primera = [], paginas_portada
    for documento, compuesto in compuestos:
        cortes.append(Corte(destino / f"{documento.clave}.pdf", documento.titulo, primera, len(compuesto.pages)))
        primera += len(compuesto.pages)
    separar(destino / "legajo.pdf", titulo, cortes)
    (destino / ".huella").write_text(encargo.huella + "\n", encoding="utf-8")
    return len(compuestos) + 1, len(paginas)


def _fecha_recojo(evidencias: list) -> str:
    fechas = [como_fecha(e.get("fecha_recojo") or e.get("al")) for e in evidencias]
    fechas = [f for f in fechas if f]
    return formato.fecha(max(fechas)) if fechas else ""


def _presidente_cie(ciclo: Ciclo) -> str:
    titular = (ciclo.bloque("cie").get("afrh") or {}).get("titular")
    registro = ciclo.por_documento.get(titular)
    return registro.nombre_completo if registro else ""
