"""Lo que se imprime de cada servidor (Anexos 1 a 6, confirmación del CIE y portada) y del ciclo
(Anexo 7): se prepara aquí, en el proceso principal, y lo compone `generador/anexos/legajo.py`.
"""

from __future__ import annotations

from pathlib import Path

from ....anexos import formato
from ....anexos.construccion import Preparador
from ....anexos.legajo import Documento, Encargo, huella_encargo, nombre_carpeta
from ....repositorio import Ciclo, Repositorio, como_fecha
from ..resultados import Resultado
from . import flujograma
from .contexto import contexto, documentos

HORIZONTALES = {"anexo1.html.j2", "anexo2.html.j2", "anexo7.html.j2"}
ENCABEZADOS = {
    "anexo1.html.j2": "Anexo N° 1", "anexo2.html.j2": "Anexo N° 2", "anexo3.html.j2": "Anexo N° 3",
    "anexo4.html.j2": "Anexo N° 4", "anexo5.html.j2": "Anexo N° 5", "anexo6.html.j2": "Anexo N° 6",
    "confirmacion.html.j2": "Confirmación del CIE", "portada.html.j2": "Legajo", "anexo7.html.j2": "Anexo N° 7",
}
DISPOSICION = {plantilla: {"encabezado": encabezado, "horizontal": plantilla in HORIZONTALES}
               for plantilla, encabezado in ENCABEZADOS.items()}


def preparador() -> Preparador:
    """Lo que `generador pdf` prepara en este modelo: un legajo por servidor y el Anexo 7 del ciclo."""
    return Preparador(persona=preparar_servidor, del_ciclo=lambda r, c, p: [preparar_flujograma(r, c, p)])


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
                      faltan=[f"{d.titulo}: {d.falta}" for d in lista if not d.disponible], disposicion=DISPOSICION)
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
    encargo = Encargo("anexo-7-flujograma.pdf", ctx, [documento], adjunto, del_ciclo=True, disposicion=DISPOSICION)
    encargo.huella = huella_encargo(encargo, plantillas)
    return encargo


def _fecha_recojo(evidencias: list) -> str:
    fechas = [como_fecha(e.get("fecha_recojo") or e.get("al")) for e in evidencias]
    fechas = [f for f in fechas if f]
    return formato.fecha(max(fechas)) if fechas else ""


def _presidente_cie(ciclo: Ciclo) -> str:
    titular = (ciclo.bloque("cie").get("afrh") or {}).get("titular")
    registro = ciclo.por_documento.get(titular)
    return registro.nombre_completo if registro else ""
