"""Reglas de un registro: segmento, pesos, compromisos, etapas y plazos en días hábiles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ....diagnosticos import Informe
from ..reglas.plazos import fecha_limite
from ....repositorio import Ciclo, Registro, como_fecha
from .ciclo import etapas
from ..hechos import hechos

# (campo de la fecha, campo de la fecha anterior, parámetro del plazo, qué se hace)
PLAZOS = (
    ("fecha_remision_afrh", "fecha", "plazo_remision_afrh", "la remisión de la puntuación a la AFRH"),
    ("fecha_calificacion", "fecha_remision_afrh", "plazo_calificacion", "la calificación por la AFRH"),
    ("fecha_notificacion", "fecha_calificacion", "plazo_notificacion", "la notificación al servidor"),
)

NOMBRE_ETAPA = {
    "planificacion": "planificación",
    "establecimiento_metas": "establecimiento de metas",
    "seguimiento": "seguimiento",
    "evaluacion": "evaluación",
    "retroalimentacion": "retroalimentación",
}


def validar_registro(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    _metas(ciclo, registro, informe)
    _compromisos(ciclo, registro, informe)
    _fechas_en_etapas(ciclo, registro, informe)
    _etapas_completas(registro, informe)
    _plazos(ciclo, registro, informe)
    _otras_fechas(ciclo, registro, informe)
    _hechos_dentro_del_ciclo(ciclo, registro, informe)


def _metas(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    politica = ciclo.politica
    segmento = registro.segmento
    if segmento in politica.segmentos_sin_metas_grupales.valor and registro.lista("metas_grupales"):
        informe.error(registro.en("metas_grupales"), f"las metas grupales no aplican al segmento «{segmento}»",
                      politica.segmentos_sin_metas_grupales.referencia)
        return
    suma = politica.numero("suma_pesos_metas")
    for clave, nombre in (("metas_grupales", "metas grupales"), ("metas_individuales", "metas individuales")):
        metas = registro.lista(clave)
        if metas:
            total = sum((Decimal(m["peso"]) for m in metas), Decimal(0))
            if total != suma:
                informe.error(registro.en(clave), f"los pesos de las {nombre} suman {total}, deben sumar {suma}",
                              politica.suma_pesos_metas.referencia)


def _compromisos(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    politica = ciclo.politica
    compromisos = registro.lista("compromisos")
    if compromisos and registro.segmento not in politica.segmentos_con_compromisos.valor:
        informe.error(registro.en("compromisos"),
                      f"los compromisos se aplican solo a: {', '.join(politica.segmentos_con_compromisos.valor)}",
                      politica.segmentos_con_compromisos.referencia)
    maximo = politica.nivel_maximo_compromiso.valor
    for i, compromiso in enumerate(compromisos):
        for campo in ("nivel_exigido", "nivel_evidenciado"):
            nivel = compromiso.get(campo)
            if nivel is not None and nivel > maximo:
                informe.error(registro.en("compromisos", i, campo), f"el nivel de desarrollo va de 1 a {maximo}",
                              politica.nivel_maximo_compromiso.referencia)


def _fuera(fecha: dt.date | None, etapa: tuple | None) -> bool:
    return fecha is not None and etapa is not None and not (etapa[0] <= fecha <= etapa[1])


def _fechas_en_etapas(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    fechas = etapas(ciclo)
    if not fechas:
        return

    def revisar(fecha, etapa: str, ruta: tuple, que: str, numeral: str) -> None:
        if _fuera(como_fecha(fecha), fechas.get(etapa)):
            informe.advertencia(registro.en(*ruta), f"{que} cae fuera de la etapa de {NOMBRE_ETAPA[etapa]} del cronograma", numeral)

    revisar(registro.datos.get("reunion_fijacion_metas"), "establecimiento_metas", ("reunion_fijacion_metas",),
            "la reunión de fijación de metas", "7.2")
    reuniones = registro.lista("seguimiento")
    for i, reunion in enumerate(reuniones):
        revisar(reunion["fecha"], "seguimiento", ("seguimiento", i, "fecha"), "la reunión de seguimiento", "7.3")
    revisar(registro.bloque("evaluacion").get("fecha"), "evaluacion", ("evaluacion", "fecha"), "la evaluación", "7.4")
    revisar(registro.bloque("retroalimentacion").get("fecha"), "retroalimentacion", ("retroalimentacion", "fecha"),
            "la reunión de retroalimentación", "7.6")
    revisar(registro.bloque("confirmacion").get("fecha_solicitud"), "retroalimentacion", ("confirmacion", "fecha_solicitud"),
            "la solicitud de confirmación al CIE", "7.6")
    seguimiento = fechas.get("seguimiento")
    if reuniones and seguimiento and all(_fuera(como_fecha(r["fecha"]), seguimiento) for r in reuniones):
        informe.advertencia(registro.en("seguimiento"), "ninguna reunión de seguimiento cae dentro de la etapa de seguimiento", "7.3")


def _etapas_completas(registro: Registro, informe: Informe) -> None:
    """Una etapa posterior registrada con una anterior vacía: el ciclo no está completo (6.5)."""
    datos = registro.datos
    if "evaluacion" in datos:
        if not datos.get("reunion_fijacion_metas"):
            informe.advertencia(registro.en("evaluacion"), "hay evaluación pero no la fecha de la reunión de fijación de metas", "6.5")
        if not registro.lista("seguimiento"):
            informe.advertencia(registro.en("evaluacion"), "hay evaluación pero ninguna reunión de seguimiento (Anexo 3)", "6.5")
    if "retroalimentacion" in datos:
        if "evaluacion" not in datos:
            informe.advertencia(registro.en("retroalimentacion"), "hay retroalimentación pero no la evaluación (Anexo 4)", "6.5")
        if not registro.bloque("plan_mejora").get("acciones"):
            informe.advertencia(registro.en("retroalimentacion"),
                                "la reunión de retroalimentación debe terminar con un Plan de Mejora con acciones (Anexo 6)", "7.6")


def _plazos(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    politica = ciclo.politica
    evaluacion = registro.bloque("evaluacion")
    if not evaluacion:
        return
    no_laborables = [como_fecha(d) for d in ciclo.lista("dias_no_laborables")]
    pasos = [(campo, anterior, getattr(politica, parametro), que) for campo, anterior, parametro, que in PLAZOS]
    retro = registro.bloque("retroalimentacion").get("fecha")
    for campo, anterior, parametro, que in pasos:
        _plazo(registro, ("evaluacion", campo), evaluacion.get(campo), ("evaluacion", anterior), evaluacion.get(anterior),
               parametro, que, no_laborables, informe)
    _plazo(registro, ("retroalimentacion", "fecha"), retro, ("evaluacion", "fecha_notificacion"),
           evaluacion.get("fecha_notificacion"), politica.plazo_retroalimentacion, "la reunión de retroalimentación",
           no_laborables, informe)


def _plazo(registro, ruta, fecha, ruta_desde, desde, parametro, que: str, no_laborables, informe: Informe) -> None:
    fecha, desde = como_fecha(fecha), como_fecha(desde)
    if fecha is None or desde is None:
        return
    if fecha < desde:
        informe.error(registro.en(*ruta), f"{que} tiene fecha anterior a «{ruta_desde[-1]}» ({registro.en(*ruta_desde)})",
                      parametro.referencia)
        return
    limite = fecha_limite(desde, parametro.valor, no_laborables)
    if fecha > limite:
        informe.advertencia(registro.en(*ruta),
                            f"{que} está fuera de plazo: debía hacerse a más tardar el {limite:%d/%m/%Y} "
                            f"({parametro.valor} días hábiles)", parametro.referencia)


def _otras_fechas(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    for i, evidencia in enumerate(registro.lista("evidencias")):
        desde, hasta = como_fecha(evidencia.get("del")), como_fecha(evidencia.get("al"))
        if desde and hasta and desde > hasta:
            informe.error(registro.en("evidencias", i, "al"), "el período de recojo de la evidencia termina antes de empezar", "Anexo 2")
    plan = registro.bloque("plan_mejora")
    if plan.get("mes_inicio") and plan.get("mes_fin") and plan["mes_fin"] < plan["mes_inicio"]:
        informe.error(registro.en("plan_mejora", "mes_fin"), "el mes de fin del Plan de Mejora es anterior al de inicio", "Anexo 6")
    confirmacion = registro.bloque("confirmacion")
    solicitud, resultado = como_fecha(confirmacion.get("fecha_solicitud")), como_fecha(confirmacion.get("fecha_resultado"))
    if solicitud and resultado and resultado < solicitud:
        informe.error(registro.en("confirmacion", "fecha_resultado"), "el CIE no puede resolver antes de la solicitud", "7.6")
    if confirmacion and not confirmacion.get("resultado"):
        informe.advertencia(registro.en("confirmacion"),
                            "la solicitud de confirmación al CIE está pendiente: el ciclo no puede cerrarse sin su resultado", "7.6")
    for i, entrada in enumerate(registro.lista("historial")):
        if ciclo.inicio and como_fecha(entrada["fin"]) >= ciclo.inicio:
            informe.error(registro.en("historial", i, "fin"),
                          "el historial es para ciclos anteriores: este termina después de empezar el ciclo actual", "7.5.2 d")


def limites_del_ciclo(ciclo: Ciclo) -> tuple[dt.date | None, dt.date | None]:
    """Del inicio del ciclo al último día que admiten su fin y su cronograma."""
    fines = [f for f in [ciclo.fin] + [fin for _, fin, _ in etapas(ciclo).values()] if f]
    return ciclo.inicio, max(fines) if fines else None


def _hechos_dentro_del_ciclo(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    """Un hecho fechado fuera del ciclo suele ser un error de tipeo (2027 por 2026) que, además, movería la
    fecha de corte del informe de la AFRH y del libro de resultados."""
    inicio, fin = limites_del_ciclo(ciclo)
    for ruta, fecha in hechos(registro):
        if fin and fecha > fin:
            informe.advertencia(registro.en(*ruta), f"la fecha {fecha:%d/%m/%Y} es posterior al fin del ciclo "
                                f"({fin:%d/%m/%Y}): revísela; el informe de la AFRH toma el último hecho registrado "
                                "como fecha de corte", "6.5")
        elif inicio and fecha < inicio:
            informe.advertencia(registro.en(*ruta), f"la fecha {fecha:%d/%m/%Y} es anterior al inicio del ciclo "
                                f"({inicio:%d/%m/%Y}): revísela", "6.5")
