"""Los PDF de un ciclo: cada Anexo de cada servidor y su legajo.

Cada Anexo se compone una sola vez con WeasyPrint: se escribe como PDF propio y
sus páginas se reutilizan, sin volver a componerlas, en el legajo (portada +
Anexos 1 a 6 + confirmación del CIE). Así cada formato numera sus páginas
(«Página 1 de 2») como el formato en papel, y la portada da las páginas de cada
uno dentro del legajo.

Todo se escribe en una carpeta temporal que reemplaza a la anterior solo al
final: una corrida que falla deja intacta la salida de la última corrida buena.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..escritura import carpeta_temporal, reemplazar_carpeta
from ..repositorio import Ciclo, Repositorio, como_fecha
from ..resultados import Resultado
from . import flujograma, formato
from .contexto import Documento, contexto, documentos
from .motor import Motor

HORIZONTALES = {"anexo1.html.j2", "anexo2.html.j2", "anexo7.html.j2"}
ENCABEZADOS = {
    "anexo1.html.j2": "Anexo N° 1", "anexo2.html.j2": "Anexo N° 2", "anexo3.html.j2": "Anexo N° 3",
    "anexo4.html.j2": "Anexo N° 4", "anexo5.html.j2": "Anexo N° 5", "anexo6.html.j2": "Anexo N° 6",
    "confirmacion.html.j2": "Confirmación del CIE", "portada.html.j2": "Legajo", "anexo7.html.j2": "Anexo N° 7",
}


@dataclass
class Resumen:
    legajos: int = 0
    archivos: int = 0
    paginas: int = 0
    carpeta: Path | None = None
    faltantes: dict[str, list[str]] = field(default_factory=dict)


def nombre_carpeta(resultado: Resultado) -> str:
    """La carpeta de un servidor: el nombre de su archivo de registro (sin documento en la ruta)."""
    return Path(resultado.registro.doc.ruta).stem


def _pie(ctx: dict) -> str:
    politica = ctx["politica"]
    return f"Política {politica['clave']} v{politica['version']} · Registro {ctx['archivo']} · SHA-256 {ctx['huella']}"


def _preparar(ctx: dict, plantilla: str, titulo: str, extra: dict | None = None) -> dict:
    return {**ctx, **(extra or {}), "titulo": titulo, "encabezado": ENCABEZADOS[plantilla],
            "horizontal": plantilla in HORIZONTALES, "pie": _pie(ctx)}


def _rango(inicio: int, cantidad: int) -> str:
    return str(inicio) if cantidad == 1 else f"{inicio}–{inicio + cantidad - 1}"


def escribir_servidor(motor: Motor, repositorio: Repositorio, ciclo: Ciclo, resultado: Resultado, carpeta: Path) -> tuple[int, int, list[str]]:
    """Escribe los Anexos y el legajo de un servidor; devuelve (archivos, páginas, faltantes)."""
    registro = resultado.registro
    ctx = contexto(repositorio, ciclo, resultado)
    ctx["fecha_recojo"] = _fecha_recojo(registro.lista("evidencias"))
    ctx["presidente_cie"] = _presidente_cie(ciclo)
    adjunto = (Path(registro.doc.ruta).name, Path(registro.doc.ruta).read_bytes(),
               f"Registro YAML fuente de este documento (SHA-256 {registro.doc.huella})")
    carpeta.mkdir(parents=True)
    compuestos: list[tuple[Documento, object]] = []
    lista = documentos(registro, resultado)
    for documento in lista:
        if not documento.disponible:
            continue
        compuesto = motor.documento(documento.plantilla, _preparar(ctx, documento.plantilla, documento.titulo, documento.datos))
        motor.escribir(compuesto, carpeta / f"{documento.clave}.pdf", adjunto, ctx["fecha"])
        compuestos.append((documento, compuesto))

    faltan = [f"{d.titulo}: {d.falta}" for d in lista if not d.disponible]
    paginas_portada = 1
    while True:  # la portada casi siempre ocupa una página; si ocupa más, se recalculan los rangos
        contenido, pagina = [], paginas_portada + 1
        for documento in lista:
            fila = {"titulo": documento.titulo, "disponible": documento.disponible, "falta": documento.falta, "paginas": ""}
            for hecho, compuesto in compuestos:
                if hecho is documento:
                    fila["paginas"] = _rango(pagina, len(compuesto.pages))
                    pagina += len(compuesto.pages)
            contenido.append(fila)
        portada = motor.documento("portada.html.j2", _preparar(
            ctx, "portada.html.j2", f"Legajo de evaluación del desempeño — {ctx['servidor'].nombre}",
            {"contenido": contenido, "faltan": faltan}))
        if len(portada.pages) == paginas_portada:
            break
        paginas_portada = len(portada.pages)
    paginas = list(portada.pages) + [p for _, compuesto in compuestos for p in compuesto.pages]
    motor.escribir(portada.copy(paginas), carpeta / "legajo.pdf", adjunto, ctx["fecha"])
    return len(compuestos) + 1, len(paginas), faltan


def _fecha_recojo(evidencias: list) -> str:
    fechas = [como_fecha(e.get("fecha_recojo") or e.get("al")) for e in evidencias]
    fechas = [f for f in fechas if f]
    return formato.fecha(max(fechas)) if fechas else ""


def _presidente_cie(ciclo: Ciclo) -> str:
    titular = (ciclo.bloque("cie").get("afrh") or {}).get("titular")
    for registro in ciclo.registros:
        if registro.documento == titular:
            return registro.nombre_completo
    return ""


def escribir_flujograma(motor: Motor, repositorio: Repositorio, ciclo: Ciclo, destino: Path) -> int:
    entidad = repositorio.datos_entidad
    ctx = {
        "entidad": entidad, "fecha": ciclo.inicio,
        "ciclo": {"nombre": ciclo.nombre, "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin),
                  "resolucion": ciclo.datos.get("resolucion", "")},
        "svg": Markup(flujograma.svg(ciclo)),  # SVG generado aquí, con cada texto ya escapado
        "titulo": f"Anexo N° 7 — Flujograma de la evaluación del desempeño — {ciclo.nombre}",
        "encabezado": ENCABEZADOS["anexo7.html.j2"], "horizontal": True,
        "pie": f"Política {ciclo.politica.clave} v{ciclo.politica.version} · Ciclo {ciclo.carpeta} · "
               f"SHA-256 de ciclo.yaml {ciclo.doc.huella}",
    }
    compuesto = motor.documento("anexo7.html.j2", ctx)
    adjunto = ("ciclo.yaml", Path(ciclo.doc.ruta).read_bytes(), f"Archivo del ciclo (SHA-256 {ciclo.doc.huella})")
    motor.escribir(compuesto, destino, adjunto, ciclo.inicio)
    return len(compuesto.pages)


def escribir_ciclo(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado], salida: Path,
                   solo: set[str] | None = None) -> Resumen:
    """Escribe todos los PDF del ciclo en `salida/<ciclo>/`, reemplazando la salida anterior solo al final."""
    motor = Motor()
    final = salida / ciclo.carpeta
    temporal = carpeta_temporal(final)
    resumen = Resumen(carpeta=final)
    try:
        elegidos = sorted(resultados.values(), key=nombre_carpeta)
        if solo is not None:
            elegidos = [r for r in elegidos if r.registro.documento in solo or nombre_carpeta(r) in solo]
        for resultado in elegidos:
            archivos, paginas, faltan = escribir_servidor(motor, repositorio, ciclo, resultado, temporal / nombre_carpeta(resultado))
            resumen.legajos += 1
            resumen.archivos += archivos
            resumen.paginas += paginas
            if faltan:
                resumen.faltantes[nombre_carpeta(resultado)] = faltan
        resumen.paginas += escribir_flujograma(motor, repositorio, ciclo, temporal / "anexo-7-flujograma.pdf")
        resumen.archivos += 1
        _reemplazar(temporal, final, parcial=solo is not None)
    finally:
        shutil.rmtree(temporal, ignore_errors=True)
    return resumen


def _reemplazar(temporal: Path, final: Path, parcial: bool) -> None:
    """Pone lo escrito en su lugar. Parcial (--solo): solo las carpetas de esos servidores."""
    if parcial and final.is_dir():
        for nuevo in temporal.iterdir():
            reemplazar_carpeta(nuevo, final / nuevo.name)
        return
    reemplazar_carpeta(temporal, final)
