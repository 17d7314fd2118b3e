"""Calificación (reglas.md §3; numeral 7.5.2 y Disposición Final 9).

Las reglas se aplican en este orden: negativa a participar, umbral de buen
rendimiento, confirmación del CIE, desaprobado por reiteración, candidatura a
rendimiento distinguido y designación de la Junta.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ....anexos.formato import cantidad
from ....politica import Politica

BUEN_RENDIMIENTO = "buen_rendimiento"
RENDIMIENTO_DISTINGUIDO = "rendimiento_distinguido"
SUJETO_A_OBSERVACION = "sujeto_a_observacion"
DESAPROBADO = "desaprobado"
SIN_CALIFICACION = "sin_calificacion"

NOMBRES = {
    BUEN_RENDIMIENTO: "Buen rendimiento",
    RENDIMIENTO_DISTINGUIDO: "Rendimiento distinguido",
    SUJETO_A_OBSERVACION: "Rendimiento sujeto a observación",
    DESAPROBADO: "Desaprobado",
    SIN_CALIFICACION: "Sin calificación",
}


@dataclass(frozen=True)
class Antecedente:
    """La calificación de un ciclo anterior del mismo servidor."""

    fin: dt.date
    puesto: str | None
    calificacion: str
    ciclo: str = ""


@dataclass(frozen=True)
class Calificacion:
    calificacion: str | None
    candidato_distinguido: bool
    motivo: str  # explicación para el auditor, con su numeral


def buen_rendimiento(politica: Politica, segmento: str, puntaje_final) -> bool:
    """Buen rendimiento si la puntuación final alcanza el umbral del segmento (7.5.2 a)."""
    return Decimal(puntaje_final) >= politica.numero("umbral_buen_rendimiento", segmento)


def candidato_distinguido(politica: Politica, calificacion: str | None, puntaje_final) -> bool:
    """Candidato: buen rendimiento y puntuación final de al menos el umbral (7.5.2 b)."""
    return calificacion == BUEN_RENDIMIENTO and Decimal(puntaje_final) >= politica.numero("umbral_candidato_distinguido")


def vigencia_desaprobado(politica: Politica, fin_ciclo: dt.date) -> bool:
    """El literal d) de 7.5.2 rige para ciclos que terminan desde la fecha de la Disposición Final 9."""
    return fin_ciclo >= politica.vigencia_desaprobado.valor


def _anteriores(antecedentes, fin_ciclo: dt.date) -> list[Antecedente]:
    return sorted((a for a in antecedentes if a.fin < fin_ciclo), key=lambda a: a.fin)


def observacion_consecutiva(antecedentes, fin_ciclo: dt.date) -> bool:
    """La calificación anterior más reciente fue sujeto a observación (7.5.2 d, primer caso)."""
    anteriores = _anteriores(antecedentes, fin_ciclo)
    return bool(anteriores) and anteriores[-1].calificacion == SUJETO_A_OBSERVACION


def mismo_puesto(a: str | None, b: str | None) -> bool:
    """Compara puestos sin distinguir mayúsculas ni espacios repetidos."""
    if not a or not b:
        return False
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def observacion_reiterada_en_puesto(politica: Politica, antecedentes, fin_ciclo: dt.date, puesto: str | None) -> bool:
    """Otra observación en el mismo puesto en cinco años calendario (7.5.2 d, segundo caso).

    Cuentan los ciclos cuyo `fin` cae en el año del fin del ciclo actual o en los
    cuatro anteriores.
    """
    primer_anio = fin_ciclo.year - politica.anios_ventana_observacion.valor + 1
    return any(
        a.calificacion == SUJETO_A_OBSERVACION and a.fin.year >= primer_anio and mismo_puesto(a.puesto, puesto)
        for a in _anteriores(antecedentes, fin_ciclo)
    )


def calificar(
    politica: Politica,
    *,
    segmento: str,
    puntaje_final,
    fin_ciclo: dt.date,
    puesto: str | None = None,
    negativa: bool = False,
    antecedentes=(),
    confirmacion: str | None = None,
    designado: bool = False,
) -> Calificacion:
    """Calificación de un servidor en un ciclo. `puntaje_final` None: aún sin puntaje."""
    rige_d = vigencia_desaprobado(politica, fin_ciclo)
    ref_d = politica.anios_ventana_observacion.referencia
    if negativa:
        if rige_d:
            return Calificacion(DESAPROBADO, False, f"no participó por su exclusiva negativa ({ref_d})")
        return Calificacion(
            SIN_CALIFICACION, False,
            f"negativa a participar en un ciclo anterior a la vigencia del literal d) ({politica.vigencia_desaprobado.referencia})",
        )
    if puntaje_final is None:
        return Calificacion(None, False, "aún sin puntaje: faltan logros o alcances")

    umbral = politica.umbral_buen_rendimiento.referencia
    if buen_rendimiento(politica, segmento, puntaje_final):
        calificacion, motivo = BUEN_RENDIMIENTO, f"puntuación final en el umbral del segmento o sobre él ({umbral})"
    elif confirmacion == "no_confirmada":
        calificacion, motivo = BUEN_RENDIMIENTO, "el CIE no confirmó la observación (7.6)"
    else:
        calificacion, motivo = SUJETO_A_OBSERVACION, "puntuación final bajo el umbral del segmento (7.5.2 c)"
        if rige_d and observacion_consecutiva(antecedentes, fin_ciclo):
            calificacion, motivo = DESAPROBADO, f"sujeto a observación por segunda vez consecutiva ({ref_d})"
        elif rige_d and observacion_reiterada_en_puesto(politica, antecedentes, fin_ciclo, puesto):
            anios = cantidad(politica.anios_ventana_observacion.valor, "año", "años")
            calificacion, motivo = DESAPROBADO, f"segunda observación en el mismo puesto en {anios} calendario ({ref_d})"

    candidato = candidato_distinguido(politica, calificacion, puntaje_final)
    if candidato and designado:
        calificacion = RENDIMIENTO_DISTINGUIDO
        motivo = f"designado por la Junta de Directivos ({politica.umbral_candidato_distinguido.referencia})"
    return Calificacion(calificacion, candidato, motivo)
