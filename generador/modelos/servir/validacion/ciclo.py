"""Reglas del archivo de ciclo: pesos por segmento, cronograma, CIE y Junta presentes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ....anexos import formato
from ....diagnosticos import Informe
from ..reglas.plazos import seguimiento_minimo
from ....repositorio import Ciclo, como_fecha


def etapas(ciclo: Ciclo) -> dict[str, tuple[dt.date, dt.date, int]]:
    """Fechas de cada etapa del cronograma: {etapa: (inicio, fin, posición en la lista)}."""
    resultado = {}
    for i, etapa in enumerate(ciclo.lista("cronograma")):
        resultado.setdefault(etapa["etapa"], (como_fecha(etapa["inicio"]), como_fecha(etapa["fin"]), i))
    return resultado


def validar_ciclo(ciclo: Ciclo, informe: Informe) -> None:
    politica = ciclo.politica
    if ciclo.inicio and ciclo.fin and ciclo.inicio > ciclo.fin:
        informe.error(ciclo.en("fin"), "el fin del ciclo es anterior a su inicio", "4")
    _pesos_segmento(ciclo, informe)
    if "cronograma" not in ciclo.datos:
        informe.advertencia(ciclo.en(), "el ciclo no tiene «cronograma» (solo sirve como historial)", "6.2")
    else:
        _cronograma(ciclo, informe)
    if "cie" not in ciclo.datos:
        informe.advertencia(ciclo.en(), "el ciclo no declara el Comité Institucional de Evaluación («cie»)", "6.3")
    if "junta" not in ciclo.datos:
        informe.advertencia(ciclo.en(), "el ciclo no declara la Junta de Directivos («junta»)", politica.proporcion_maxima_directivos_junta.referencia)
    for bloque, que, numeral in (("cie", "el Comité Institucional de Evaluación", "6.3"),
                                 ("junta", "la Junta de Directivos", politica.proporcion_maxima_directivos_junta.referencia)):
        if ciclo.bloque(bloque).get("por_confirmar"):
            informe.advertencia(ciclo.en(bloque, "por_confirmar"),
                                f"{que} está por confirmar (se copió del ciclo anterior): confirme a sus miembros y borre "
                                "«por_confirmar»; hasta entonces el portal lo muestra como pendiente", numeral)
    externos: dict[str, int] = {}
    for i, externo in enumerate(ciclo.lista("evaluadores_externos")):
        if externo["documento"] in externos:
            primero = ciclo.en("evaluadores_externos", externos[externo["documento"]]).linea
            informe.error(ciclo.en("evaluadores_externos", i, "documento"),
                          f"evaluador externo repetido (ya figura en la línea {primero})", "5.3")
        externos.setdefault(externo["documento"], i)


def _pesos_segmento(ciclo: Ciclo, informe: Informe) -> None:
    politica = ciclo.politica
    pesos = ciclo.datos.get("pesos_segmento")
    if pesos is None:
        informe.error(ciclo.en(), "falta «pesos_segmento»: el peso de metas grupales e individuales de cada segmento",
                      politica.suma_pesos_segmento.referencia)
        return
    suma = politica.numero("suma_pesos_segmento")
    for segmento, par in pesos.items():
        total = Decimal(par["grupales"]) + Decimal(par["individuales"])
        if total != suma:
            informe.error(ciclo.en("pesos_segmento", segmento),
                          f"los pesos del segmento «{segmento}» suman {total}, deben sumar {suma}",
                          politica.suma_pesos_segmento.referencia)
        if segmento in politica.segmentos_sin_metas_grupales.valor and Decimal(par["grupales"]) != 0:
            informe.error(ciclo.en("pesos_segmento", segmento, "grupales"),
                          f"el segmento «{segmento}» no tiene metas grupales: su peso grupal debe ser 0",
                          politica.segmentos_sin_metas_grupales.referencia)


def _cronograma(ciclo: Ciclo, informe: Informe) -> None:
    politica = ciclo.politica
    orden = politica.etapas.valor
    ref = politica.etapas.referencia
    vistas: dict[str, int] = {}
    for i, etapa in enumerate(ciclo.lista("cronograma")):
        nombre = etapa["etapa"]
        if nombre in vistas:
            informe.error(ciclo.en("cronograma", i, "etapa"), f"la etapa «{nombre}» aparece dos veces en el cronograma", ref)
            continue
        vistas[nombre] = i
        inicio, fin = como_fecha(etapa["inicio"]), como_fecha(etapa["fin"])
        if inicio > fin:
            informe.error(ciclo.en("cronograma", i, "fin"), f"la etapa «{nombre}» termina antes de empezar", ref)
        if ciclo.inicio and ciclo.fin and (inicio < ciclo.inicio or fin > ciclo.fin):
            informe.error(ciclo.en("cronograma", i), f"la etapa «{nombre}» sale de las fechas del ciclo", "6.2")
        for j, actividad in enumerate(etapa.get("actividades") or []):
            a_inicio, a_fin = como_fecha(actividad["inicio"]), como_fecha(actividad["fin"])
            if a_inicio > a_fin:
                informe.error(ciclo.en("cronograma", i, "actividades", j, "fin"), "la actividad termina antes de empezar", "6.2")
            elif a_inicio < inicio or a_fin > fin:
                informe.error(ciclo.en("cronograma", i, "actividades", j),
                              f"la actividad sale de las fechas de la etapa «{nombre}»", "6.2")
    for nombre in orden:
        if nombre not in vistas:
            informe.error(ciclo.en("cronograma"), f"falta la etapa «{nombre}» en el cronograma: el ciclo tiene "
                          f"{formato.cantidad(len(politica.etapas.valor), 'etapa', 'etapas')}", ref)
    presentes = [n for n in orden if n in vistas]
    fechas = etapas(ciclo)
    for anterior, siguiente in zip(presentes, presentes[1:]):
        if fechas[siguiente][0] < fechas[anterior][1]:
            informe.error(ciclo.en("cronograma", vistas[siguiente], "inicio"),
                          f"la etapa «{siguiente}» empieza antes de que termine «{anterior}»: las etapas son sucesivas", ref)
    if "seguimiento" in fechas:
        inicio, fin, i = fechas["seguimiento"]
        meses = politica.meses_minimos_seguimiento.valor
        if not seguimiento_minimo(inicio, fin, meses):
            informe.error(ciclo.en("cronograma", i, "fin"),
                          f"la etapa de seguimiento dura menos de {meses} meses calendario",
                          politica.meses_minimos_seguimiento.referencia)
