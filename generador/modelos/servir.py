"""Modelo «servir»: la Gestión del Rendimiento de SERVIR (Directiva RPE 277-2015-SERVIR-PE).

Adaptador: las reglas viven en `reglas/` y `validacion/`, los Anexos en
`anexos/`, el portal en `portal/` y el informe en `informe/`; aquí solo se
declara qué parámetros exige su política y se conectan esas etapas con las
órdenes. Las importaciones son perezosas: leer una política no carga WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

ESQUEMA_CICLO = "ciclo"
ESQUEMA_REGISTRO = "registro"
CLAVE_PERSONA = "servidor"
NOMBRE_INFORME = "Informe de la AFRH"
NOMBRE_PORTAL = "Gestión del Rendimiento"
ORDENES = ("validar", "calificar", "pdf", "sitio", "nuevo", "importar", "exportar", "informe")

# Parámetros que el modelo necesita y el tipo de su valor.
PARAMETROS: dict[str, type | tuple[type, ...]] = {
    "segmentos": list,
    "segmentos_evaluadores": list,
    "etapas": list,
    "meses_minimos_seguimiento": int,
    "decimales": int,
    "suma_pesos_metas": (int, Decimal),
    "suma_pesos_segmento": (int, Decimal),
    "tope_alcanzado": (int, Decimal),
    "valor_nivel_logro": dict,
    "segmentos_sin_metas_grupales": list,
    "segmentos_con_compromisos": list,
    "nivel_maximo_compromiso": int,
    "umbral_buen_rendimiento": dict,
    "umbral_candidato_distinguido": (int, Decimal),
    "proporcion_maxima_directivos_junta": (int, Decimal),
    "vigencia_desaprobado": dt.date,
    "anios_ventana_observacion": int,
    "tipo_accion_observacion": str,
    "plazo_remision_afrh": int,
    "plazo_calificacion": int,
    "plazo_notificacion": int,
    "plazo_retroalimentacion": int,
    "organo_rrhh": str,
}




def validar(repositorio, ciclos, informe):
    from ..validacion import validar_ciclos
    return validar_ciclos(repositorio, ciclos, informe)


def calificar(repositorio, ciclo, resultados, formato: str) -> str:
    from .. import formatos
    filas = formatos.filas(resultados)
    if formato == "json":
        return formatos.a_json(filas)
    if formato == "csv":
        return formatos.a_csv(filas)
    return formatos.a_tabla(filas, f"{ciclo.nombre} (carpeta {ciclo.carpeta})")


def preparador_pdf():
    from ..anexos.construccion import Preparador
    return Preparador()


def informe(repositorio, ciclo, resultados, validacion, corte, destino) -> int:
    from .. import informe as informe_afrh
    ctx = informe_afrh.contexto(repositorio, ciclo, resultados, validacion, corte)
    return informe_afrh.escribir(ctx, destino)


def sitio(repositorio):
    """Las páginas del portal; el menú es el de mkdocs.yml (None)."""
    from ..portal.construir import paginas_del_repositorio
    return paginas_del_repositorio(repositorio), None
