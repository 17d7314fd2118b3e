"""La forma de cada parámetro de la política «servir-2025» (`politica.py`) y su coherencia."""

from __future__ import annotations

from ...politica import Entero, Lista, Mapa, Numero, Objeto, Opciones, SiNo, Texto
from .. import opciones_del_esquema
from . import reglas

SEGMENTOS = opciones_del_esquema("registro-gdr", "servidor", "segmento")
SEGMENTOS_EVALUADOR = ("funcionario", "directivo", "mando_medio")
CAUSAS = ("no_asistio_fijacion_metas", "sin_evidencias")
_DIA_DEL_ANIO = Objeto({"mes": Entero(1, 12), "dia": Entero(1, 31)})

PARAMETROS: dict[str, type | tuple[type, ...]] = {
    "segmentos": dict, "segmentos_evaluador": list, "metas_minimo": int, "metas_maximo": int, "suma_pesos": int,
    "peso_minimo": int, "tope_factor_peso": int, "descendente_cero_si_mayor_a": int, "decimales_meta": int,
    "decimales_total": int, "umbral_buen_rendimiento": dict, "umbral_distinguido": int, "calificaciones": dict,
    "desaprobado_automatico": list, "desaprobado_por_reincidencia": bool, "permanencia_meses": int,
    "cupo_distinguido": dict, "capacitacion_meses": int, "confirmacion_dias_habiles": int,
    "convocatoria_dias_habiles": int, "evaluacion_fin_maximo": dict, "seguimiento_meses_minimo": int,
    "informe_cierre_plazo": dict, "publicar_distinguidos": bool,
}

FORMAS = {
    "segmentos": Mapa(Texto(), claves=SEGMENTOS),
    "segmentos_evaluador": Lista(Opciones(SEGMENTOS_EVALUADOR), minimo=1, unicos=True),
    "metas_minimo": Entero(1, 20),
    "metas_maximo": Entero(1, 20),
    "suma_pesos": Entero(1, 1000),
    "peso_minimo": Numero(0, 100),
    "tope_factor_peso": Numero(100, 1000),
    "descendente_cero_si_mayor_a": Numero(1, 100),
    "decimales_meta": Entero(0, 6),
    "decimales_total": Entero(0, 6),
    "umbral_buen_rendimiento": Mapa(Numero(0, 1000), claves=SEGMENTOS),
    "umbral_distinguido": Numero(0, 1000),
    "calificaciones": Mapa(Texto(), claves=reglas.CALIFICACIONES),
    "desaprobado_automatico": Lista(Opciones(CAUSAS), unicos=True),
    "permanencia_meses": Entero(0, 120),
    "cupo_distinguido": Objeto({"porcentaje": Numero(0, 100), "redondeo": Opciones(("techo", "piso", "mitad_arriba"))}),
    "capacitacion_meses": Entero(1, 60),
    "confirmacion_dias_habiles": Entero(1, 60),
    "convocatoria_dias_habiles": Entero(1, 60),
    "evaluacion_fin_maximo": _DIA_DEL_ANIO,
    "seguimiento_meses_minimo": Entero(0, 24),
    "informe_cierre_plazo": _DIA_DEL_ANIO,
    "desaprobado_por_reincidencia": SiNo(),
    "publicar_distinguidos": SiNo(),
}


def revisar_politica(parametros: dict):
    """Coherencia entre parámetros bien formados."""
    if parametros["metas_minimo"].valor > parametros["metas_maximo"].valor:
        yield ("metas_minimo", "valor"), "«metas_minimo» no puede ser mayor que «metas_maximo»"
    for segmento, umbral in parametros["umbral_buen_rendimiento"].valor.items():
        if umbral > parametros["umbral_distinguido"].valor:
            yield (("umbral_buen_rendimiento", "valor", segmento),
                   f"«umbral_buen_rendimiento»: el de «{segmento}» supera el «umbral_distinguido»")
    for nombre in ("evaluacion_fin_maximo", "informe_cierre_plazo"):
        dia = parametros[nombre].valor
        if dia["dia"] > (28 if dia["mes"] == 2 else 30 if dia["mes"] in (4, 6, 9, 11) else 31):  # 29 de febrero: no existe cada año
            yield (nombre, "valor"), f"«{nombre}»: el {dia['dia']} no existe en el mes {dia['mes']}"


def validar_politica(parametros: dict, documento, informe) -> bool:
    """Nada más que revisar: la coherencia está en `revisar_politica`."""
    return True
