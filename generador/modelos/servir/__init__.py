"""Modelo «servir»: la Gestión del Rendimiento de SERVIR (Directiva RPE 277-2015-SERVIR-PE).

Cumple el contrato de `generador/modelos/contrato.py`. Cada etapa, una carpeta o módulo:

- `reglas/`: puntaje, calificación y plazos; `resultados.py`: puntaje y calificación de cada registro;
- `validacion/`: reglas del ciclo, referencias entre archivos, de cada registro y de las calificaciones;
- `formatos.py`: filas y tabla de `calificar`;
- `anexos/`: datos de cada Anexo (`contexto.py`), flujograma SVG y los encargos del legajo (`legajo.py`);
- `portal/`: páginas, calendario y línea de tiempo del portal;
- `informe_afrh/`: cifras y documento del informe de la AFRH (no `informe/`: taparía la función `informe`);
- `flujo/` y `ordenes.py`: `nuevo`, `importar` (lista de participantes) y `exportar`;
- `sintetico.py`: una entidad sintética para pruebas de escala.

Aquí se declara qué parámetros exige su política y se conectan esas etapas con las órdenes. Las
importaciones son perezosas: leer una política no carga WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...politica import Entero, Fecha, Lista, Mapa, Numero, Opciones, Texto
from .. import opciones_del_esquema

POLITICA_POR_OMISION = "imarpe-2018"
ESQUEMA_CICLO = "ciclo"
ESQUEMA_REGISTRO = "registro"
CLAVE_PERSONA = "servidor"
NOMBRE_INFORME = "Informe de la AFRH"
NOMBRE_PORTAL = "Gestión del Rendimiento"
ORDENES = ("validar", "calificar", "pdf", "sitio", "nuevo", "importar", "exportar", "informe", "importar-formatos")

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

# La forma de cada valor (politica.py): lo que el esquema de registros admite, la política lo cubre.
SEGMENTOS = opciones_del_esquema("registro", "servidor", "segmento")
NIVELES_LOGRO = opciones_del_esquema("registro", "metas_individuales", "logro")
ETAPAS = opciones_del_esquema("ciclo", "cronograma", "etapa")
TIPOS_ACCION = opciones_del_esquema("registro", "plan_mejora", "acciones", "tipo")
_SEGMENTOS = Lista(Opciones(SEGMENTOS), unicos=True)
_PESO_TOTAL = Numero(1, 1000)
_PLAZO = Entero(0, 366)  # días hábiles: más de un año no es un plazo (y se cuentan uno a uno)

FORMAS = {
    "segmentos": Lista(Opciones(SEGMENTOS), minimo=1, unicos=True),
    "segmentos_evaluadores": Lista(Opciones(SEGMENTOS), minimo=1, unicos=True),
    "etapas": Lista(Opciones(ETAPAS), minimo=1, unicos=True),
    "meses_minimos_seguimiento": Entero(0, 12),
    "decimales": Entero(0, 6),
    "suma_pesos_metas": _PESO_TOTAL,
    "suma_pesos_segmento": _PESO_TOTAL,
    "tope_alcanzado": Numero(1, 1000),
    "valor_nivel_logro": Mapa(Numero(0, 1000), claves=NIVELES_LOGRO),
    "segmentos_sin_metas_grupales": _SEGMENTOS,
    "segmentos_con_compromisos": _SEGMENTOS,
    "nivel_maximo_compromiso": Entero(1, 100),
    "umbral_buen_rendimiento": Mapa(Numero(0, 1000), claves=SEGMENTOS),
    "umbral_candidato_distinguido": Numero(0, 1000),
    "proporcion_maxima_directivos_junta": Numero(0, 1),
    "vigencia_desaprobado": Fecha(),
    "anios_ventana_observacion": Entero(1, 100),
    "tipo_accion_observacion": Opciones(TIPOS_ACCION),
    "plazo_remision_afrh": _PLAZO,
    "plazo_calificacion": _PLAZO,
    "plazo_notificacion": _PLAZO,
    "plazo_retroalimentacion": _PLAZO,
    "organo_rrhh": Texto(),
}


def revisar_politica(parametros: dict):
    """Coherencia entre parámetros: los segmentos que se nombran son los de «segmentos»."""
    segmentos = parametros["segmentos"].valor
    for nombre in ("segmentos_evaluadores", "segmentos_sin_metas_grupales", "segmentos_con_compromisos"):
        for i, segmento in enumerate(parametros[nombre].valor):
            if segmento not in segmentos:
                yield (nombre, "valor", i), f"«{nombre}»: el segmento «{segmento}» no está en «segmentos»"


def validar_politica(parametros: dict, documento, informe) -> bool:
    """Nada que revisar con el documento: la coherencia entre parámetros está en `revisar_politica`."""
    return True


def validar(repositorio, ciclos, informe):
    from .validacion import validar_ciclos
    return validar_ciclos(repositorio, ciclos, informe)


def calificar(repositorio, ciclo, resultados, formato: str) -> str:
    from ... import formatos as salida
    from . import formatos
    filas = formatos.filas(resultados)
    if formato == "json":
        return salida.a_json(filas, formatos.CAMPOS)
    if formato == "csv":
        return salida.a_csv(filas, formatos.CAMPOS)
    return formatos.a_tabla(filas, f"{ciclo.nombre} (carpeta {ciclo.carpeta})")


def preparador_pdf():
    from .anexos.legajo import preparador
    return preparador()


def informe(repositorio, ciclo, resultados, validacion, corte, destino) -> int:
    from ...informe import escribir
    from .informe_afrh import contexto
    return escribir(contexto(repositorio, ciclo, resultados, validacion, corte), destino, "informe.html.j2")


def sitio(repositorio):
    """Las páginas del portal; el menú es el de mkdocs.yml (None)."""
    from .portal import paginas_del_repositorio
    return paginas_del_repositorio(repositorio), None


def ordenes_propias() -> dict:
    """nuevo, importar, exportar e importar-formatos trabajan con la forma de los registros de este modelo;
    sintetico escribe una entidad de este modelo."""
    from . import ordenes
    return {"nuevo": ordenes.nuevo, "importar": ordenes.importar, "exportar": ordenes.exportar,
            "importar-formatos": ordenes.importar_formatos, "sintetico": ordenes.sintetico}
