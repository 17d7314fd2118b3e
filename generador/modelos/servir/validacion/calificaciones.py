"""Reglas que dependen del resultado: Plan de Mejora, CIE, Junta y designaciones."""

from __future__ import annotations

from ....diagnosticos import Informe
from ..reglas.calificacion import SIN_CALIFICACION, SUJETO_A_OBSERVACION, buen_rendimiento
from ....repositorio import Ciclo, como_fecha
from ..resultados import Resultado


def validar_calificaciones(ciclo: Ciclo, resultados: dict[str, Resultado], informe: Informe) -> None:
    politica = ciclo.politica
    for resultado in resultados.values():
        registro = resultado.registro
        calificacion = resultado.calificacion.calificacion
        if calificacion == SIN_CALIFICACION:
            informe.advertencia(registro.en("participacion", "negativa"), resultado.calificacion.motivo,
                                politica.vigencia_desaprobado.referencia)
        if "evaluacion" in registro.datos and resultado.puntaje is None and calificacion is None:
            informe.advertencia(registro.en("evaluacion"),
                                f"hay evaluación pero no se puede calcular el puntaje: faltan {', '.join(resultado.faltantes)}",
                                "7.4")
        _plan_de_mejora(ciclo, resultado, informe)
        _confirmacion(ciclo, resultado, informe)
    _junta(ciclo, resultados, informe)


def _plan_de_mejora(ciclo: Ciclo, resultado: Resultado, informe: Informe) -> None:
    politica = ciclo.politica
    registro = resultado.registro
    if resultado.calificacion.calificacion != SUJETO_A_OBSERVACION:
        return
    if "plan_mejora" not in registro.datos and "retroalimentacion" not in registro.datos:
        return  # aún no llega a la retroalimentación
    tipo = politica.tipo_accion_observacion.valor
    acciones = registro.bloque("plan_mejora").get("acciones") or []
    if not any(a.get("tipo") == tipo for a in acciones):
        donde = registro.en("plan_mejora") if "plan_mejora" in registro.datos else registro.en("retroalimentacion")
        informe.error(donde, f"con rendimiento sujeto a observación, el Plan de Mejora debe tener al menos una acción "
                      f"de tipo «{tipo}»", politica.tipo_accion_observacion.referencia)


def _confirmacion(ciclo: Ciclo, resultado: Resultado, informe: Informe) -> None:
    registro = resultado.registro
    if "confirmacion" not in registro.datos:
        return
    puntaje = resultado.puntaje
    if puntaje is None:
        informe.error(registro.en("confirmacion"), "solicitud de confirmación al CIE sin puntaje: faltan "
                      + ", ".join(resultado.faltantes or ["los datos de la evaluación"]), "7.6")
    elif buen_rendimiento(ciclo.politica, registro.segmento, puntaje.puntaje_final):
        informe.error(registro.en("confirmacion"), "solo quien obtiene rendimiento sujeto a observación puede pedir "
                      "al CIE la confirmación de su calificación", "7.6")


def _junta(ciclo: Ciclo, resultados: dict[str, Resultado], informe: Informe) -> None:
    junta = ciclo.bloque("junta")
    if not junta:
        return
    ref = ciclo.politica.umbral_candidato_distinguido.referencia

    def candidato(documento) -> bool:
        resultado = resultados.get(documento)
        return resultado is not None and resultado.calificacion.candidato_distinguido

    for i, documento in enumerate(junta.get("directivos") or []):
        if candidato(documento):
            informe.error(ciclo.en("junta", "directivos", i),
                          "este directivo es candidato a rendimiento distinguido: no puede integrar la Junta", ref)
    if candidato(junta.get("afrh")):
        informe.advertencia(ciclo.en("junta", "afrh"),
                            "el miembro de la AFRH en la Junta es candidato a rendimiento distinguido; "
                            "conviene que lo reemplace otra persona del área", ref)
    acta = como_fecha(junta.get("fecha"))
    for i, documento in enumerate(junta.get("designados") or []):
        if documento in resultados and not candidato(documento):
            informe.error(ciclo.en("junta", "designados", i),
                          "la Junta solo puede designar a candidatos a rendimiento distinguido "
                          "(buen rendimiento y puntuación final sobre el umbral)", ref)
        elif documento in resultados and acta:
            _notificado_despues_del_acta(resultados[documento], acta, junta.get("acta"), ref, informe)


def _notificado_despues_del_acta(resultado: Resultado, acta, nombre_acta, ref: str, informe: Informe) -> None:
    """El Anexo 4 de un designado notifica «rendimiento distinguido»: no puede ser anterior a la designación."""
    registro = resultado.registro
    notificacion = como_fecha(registro.bloque("evaluacion").get("fecha_notificacion"))
    if notificacion and notificacion < acta:
        informe.error(registro.en("evaluacion", "fecha_notificacion"),
                      f"se notifica el rendimiento distinguido el {notificacion:%d/%m/%Y}, antes de que la Junta "
                      f"lo designe ({nombre_acta or 'acta'} del {acta:%d/%m/%Y}); la notificación va después del acta",
                      ref)
