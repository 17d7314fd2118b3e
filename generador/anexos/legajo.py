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
from .motor import PLANTILLAS, Motor
from .particion import Corte, separar

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
    # {plantilla: {"encabezado": …, "horizontal": …}}: cómo va cada formato en la página (lo declara el modelo)
    disposicion: dict[str, dict] = field(default_factory=dict)


@dataclass
class Documento:
    """Un formato del legajo: su clave de archivo, su título y si tiene datos."""

    clave: str            # anexo-1, anexo-3-2, confirmacion-cie...
    plantilla: str        # anexo1.html.j2
    titulo: str
    disponible: bool
    falta: str = ""       # por qué no se imprime aún
    datos: dict = field(default_factory=dict)


def nombre_carpeta(resultado) -> str:
    """La carpeta de un servidor: el nombre de su archivo de registro (sin documento en la ruta)."""
    return Path(resultado.registro.doc.ruta).stem


def _pie(ctx: dict) -> str:
    politica = ctx["politica"]
    return f"Política {politica['clave']} v{politica['version']} · Registro {ctx['archivo']} · SHA-256 {ctx['huella']}"


def _preparar(encargo: Encargo, ctx: dict, plantilla: str, titulo: str, extra: dict | None = None) -> dict:
    """Contexto de un documento: su encabezado y orientación salen de la disposición del encargo o, en
    cada documento, de `extra`."""
    return {**ctx, "encabezado": "", "horizontal": False, **encargo.disposicion.get(plantilla, {}),
            **(extra or {}), "titulo": titulo, "pie": ctx.get("pie") or _pie(ctx)}


def _rango(inicio: int, cantidad: int) -> str:
    return str(inicio) if cantidad == 1 else f"{inicio}–{inicio + cantidad - 1}"


# Lo que no entra en ningún legajo: las plantillas de YAML (`nuevo`) y de `iniciar`, y el informe confidencial
# de cada modelo, que por convención se llama `informe.html.j2` (en plantillas/ o en la carpeta del modelo).
CARPETAS_AJENAS = {"yaml", "iniciar"}
INFORME = "informe.html.j2"


def _entra_en_legajos(relativa: Path) -> bool:
    return relativa.parts[0] not in CARPETAS_AJENAS and relativa.name != INFORME


def huella_plantillas() -> str:
    """Resumen de las plantillas, la hoja de estilos y las fuentes: si cambian, todo se vuelve a imprimir."""
    resumen = hashlib.sha256(__version__.encode())
    propias = recursos.plantillas_propias()
    for prefijo, carpeta in (("", PLANTILLAS), ("propias/", propias)):
        if carpeta is None:
            continue
        for ruta in sorted(p for p in carpeta.rglob("*") if p.is_file() and _entra_en_legajos(p.relative_to(carpeta))):
            resumen.update((prefijo + ruta.relative_to(carpeta).as_posix()).encode())
            resumen.update(ruta.read_bytes())
    return resumen.hexdigest()


def huella_encargo(encargo: Encargo, plantillas: str) -> str:
    """Resumen de todo lo que se imprime en un encargo: si no cambia, su salida anterior se reutiliza."""
    contenido = json.dumps([encargo.contexto, [vars(d) for d in encargo.documentos], encargo.adjunto[0],
                            hashlib.sha256(encargo.adjunto[1]).hexdigest(), encargo.faltan, plantillas],
                           sort_keys=True, ensure_ascii=False, default=lambda v: vars(v) if hasattr(v, "__dict__") else str(v))
    return hashlib.sha256(contenido.encode()).hexdigest()


def ejecutar(motor: Motor, encargo: Encargo, destino: Path) -> tuple[int, int]:
    """Escribe los archivos de un encargo en `destino`; devuelve (archivos, páginas del legajo)."""
    if encargo.del_ciclo:
        documento = encargo.documentos[0]
        ctx = dict(encargo.contexto)
        if "svg" in ctx:
            ctx["svg"] = Markup(ctx["svg"])  # el SVG se generó aquí, con cada texto escapado
        ctx = _preparar(encargo, ctx, documento.plantilla, documento.titulo, documento.datos)
        compuesto = motor.documento(documento.plantilla, ctx)
        motor.escribir(compuesto, destino, encargo.adjunto, encargo.contexto["fecha"])
        return 1, len(compuesto.pages)

    ctx = encargo.contexto
    destino.mkdir(parents=True)
    compuestos = []
    for documento in encargo.documentos:
        if not documento.disponible:
            continue
        compuesto = motor.documento(documento.plantilla, _preparar(encargo, ctx, documento.plantilla, documento.titulo, documento.datos))
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
            encargo, ctx, encargo.portada, titulo, {"contenido": contenido, "faltan": encargo.faltan}))
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
