"""El portal del modelo servir: cronograma, participantes, CIE, Junta y flujograma de cada ciclo.

Las páginas las escribe `paginas.py` (la línea de tiempo, `linea_tiempo.py`); MkDocs las construye
con el menú de mkdocs.yml (`generador/portal/construir.py`, común a todos los modelos).
"""

from __future__ import annotations

from ....portal.calendario import calendario
from ....repositorio import Ciclo, Repositorio
from ..anexos import flujograma
from . import paginas
from .. import nombres as legibles


def ics(ciclo: Ciclo, siglas: str) -> bytes:
    """El cronograma de SERVIR: cada etapa y cada una de sus actividades."""
    eventos = []
    for i, etapa in enumerate(ciclo.lista("cronograma")):
        nombre_etapa = legibles.ETAPAS.get(etapa["etapa"], etapa["etapa"])
        eventos.append((f"{i}-0", f"Etapa de {nombre_etapa.lower()}", etapa, ""))
        eventos += [(f"{i}-{j}", a["actividad"], a, f"Responsable: {a.get('responsable', '')}. Etapa: {nombre_etapa}.")
                    for j, a in enumerate(etapa.get("actividades") or [], 1)]
    return calendario(ciclo, f"-//{siglas}//Gestion del Rendimiento//ES", f"{ciclo.nombre} ({siglas})",
                      f"{siglas.lower()}.gestion-rendimiento", eventos)


def paginas_del_repositorio(repositorio: Repositorio) -> dict[str, str | bytes]:
    """{ruta relativa dentro de sitio/generado: contenido} para el último ciclo y el archivo."""
    validos = [c for c in repositorio.ciclos if c.valido]
    ultimo, anteriores = validos[-1], validos[:-1]
    siglas = repositorio.datos_entidad.get("siglas", "entidad")
    archivos: dict[str, str | bytes] = {"ciclo-actual.md": paginas.ciclo_actual(ultimo),
                                        "archivo/index.md": paginas.indice_archivo(anteriores)}
    for ciclo, prefijo in [(ultimo, "")] + [(c, f"archivo/{c.carpeta}/") for c in anteriores]:
        nombre_ics = f"cronograma-{ciclo.carpeta}.ics"
        archivos[prefijo + "cronograma.md"] = paginas.cronograma(ciclo, nombre_ics)
        archivos[prefijo + nombre_ics] = ics(ciclo, siglas)
        archivos[prefijo + "participantes.md"] = paginas.participantes(repositorio, ciclo)
        archivos[prefijo + "cie.md"] = paginas.cie(repositorio, ciclo)
        archivos[prefijo + "junta.md"] = paginas.junta(repositorio, ciclo)
        dibujo, nombre_svg = flujograma.svg(ciclo, flujograma.PANTALLA), f"flujograma-{ciclo.carpeta}.svg"
        archivos[prefijo + "flujograma.md"] = paginas.flujo(ciclo, dibujo, nombre_svg)
        if dibujo:
            archivos[prefijo + nombre_svg] = dibujo  # el mismo dibujo, solo, para verlo ampliado
    return archivos
