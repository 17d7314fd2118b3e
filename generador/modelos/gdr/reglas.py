"""Las fórmulas del Formato GDR 2025, puras y exactas (reglas.md §4 a §8).

Cada cifra se calcula con `fractions.Fraction` a partir del texto decimal de la entrada: 34/36 no se
corta en ningún dígito, así que un total de exactamente 70 es 70 (reglas §4.3, caso E11). Los
umbrales se comparan sobre la fracción; `Decimal` solo aparece al imprimir (ROUND_HALF_UP).
Cada función se llama como el parámetro de la política que usa.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ...calculo import sumar_meses

ASCENDENTE, DESCENDENTE = "ascendente", "descendente"
SENTIDOS = (ASCENDENTE, DESCENDENTE)
CALIFICACIONES = ("desaprobado", "no_corresponde", "rendimiento_distinguido", "buen_rendimiento",
                  "sujeto_a_observacion")  # en el orden en que F!G35 las decide


def exacto(valor) -> Fraction:
    """La fracción exacta de un número leído del YAML (Decimal o int): 79.98 es 7998/100, no un binario."""
    return Fraction(Decimal(valor)) if not isinstance(valor, Fraction) else valor


def sentido(texto) -> str | None:
    """El sentido normalizado (mayúsculas y espacios no importan); None si no es ninguno de los dos."""
    if not isinstance(texto, str):
        return None
    limpio = " ".join(texto.split()).lower()
    return limpio if limpio in SENTIDOS else None


def puntaje_meta(politica, sentido_: str, esperado, alcanzado, peso) -> Fraction:
    """F!N21: ascendente (M/F)·100·G; descendente (2 − M/F)·100·G; tope 120·G; descendente con M > 2F → 0.

    `peso` en puntos porcentuales (40 = 40 %); G = peso/100. El tope se prueba antes que la regla del
    cero, como en la hoja (un valor negativo nunca supera el tope)."""
    f, m, g = exacto(esperado), exacto(alcanzado), exacto(peso) / 100
    razon = m / f
    bruto = razon * 100 * g if sentido_ == ASCENDENTE else (2 - razon) * 100 * g
    tope = exacto(politica.tope_factor_peso.valor) * g
    if bruto > tope:
        return tope
    if sentido_ == DESCENDENTE and m > f * exacto(politica.descendente_cero_si_mayor_a.valor):
        return Fraction(0)
    return bruto


def tope_meta(politica, peso) -> Fraction:
    return exacto(politica.tope_factor_peso.valor) * exacto(peso) / 100


def impreso(valor: Fraction, decimales: int) -> Decimal:
    """La cifra que se imprime: ROUND_HALF_UP del valor exacto (no de un binario ni de otra cifra impresa)."""
    cuanto = Decimal(1).scaleb(-decimales)
    entero, resto = divmod(valor.numerator * 10 ** decimales, valor.denominator)
    # redondeo exacto, sin pasar por un Decimal de 28 dígitos: media unidad o más sube (valores ≥ 0)
    if resto * 2 >= valor.denominator:
        entero += 1
    return (Decimal(entero) * cuanto).quantize(cuanto, rounding=ROUND_HALF_UP)


def umbral_buen_rendimiento(politica, segmento: str) -> Fraction:
    return exacto(politica.umbral_buen_rendimiento.valor[segmento])


def umbral_distinguido(politica) -> Fraction:
    return exacto(politica.umbral_distinguido.valor)


def calificacion_por_puntaje(politica, segmento: str, total: Fraction, designado: bool) -> str:
    """F!G35, pasos 5 a 8: distinguido (Junta sí y total ≥ 100), buen rendimiento (≥ 70 directivo,
    ≥ 60 los demás) o sujeto a observación; siempre sobre el total exacto."""
    if designado and total >= umbral_distinguido(politica):
        return "rendimiento_distinguido"
    if total >= umbral_buen_rendimiento(politica, segmento):
        return "buen_rendimiento"
    return "sujeto_a_observacion"


def umbrales_ocultos(politica, segmento: str, total: Fraction) -> list[Fraction]:
    """Los umbrales que la cifra impresa parece alcanzar sin alcanzarlos: impreso ≥ umbral > exacto."""
    cifra = Fraction(impreso(total, politica.decimales_total.valor))
    return [u for u in (umbral_buen_rendimiento(politica, segmento), umbral_distinguido(politica))
            if cifra >= u > total]


def permanencia_meses(politica, inicio_puesto: dt.date, inicio_evaluacion: dt.date) -> bool:
    """¿Tiene los meses de permanencia en el puesto antes de empezar la etapa de evaluación? Meses
    calendario: el mismo día `meses` después (el último del mes si no existe) ≤ inicio de la etapa."""
    return sumar_meses(inicio_puesto, politica.permanencia_meses.valor) <= inicio_evaluacion


def fecha_permanencia(politica, inicio_puesto: dt.date) -> dt.date:
    """Desde qué inicio de la etapa de evaluación se cumplen los meses (para el mensaje)."""
    return sumar_meses(inicio_puesto, politica.permanencia_meses.valor)


def cupo_distinguido(politica, notificados: int) -> int:
    """Máximo de distinguidos: el porcentaje de los notificados, con el redondeo de la política."""
    valor = Fraction(notificados) * exacto(politica.cupo_distinguido.valor["porcentaje"]) / 100
    redondeo = politica.cupo_distinguido.valor["redondeo"]
    if redondeo == "techo":
        return math.ceil(valor)
    if redondeo == "piso":
        return math.floor(valor)
    return math.floor(valor + Fraction(1, 2))  # mitad hacia arriba


def capacitacion_meses(politica, inicio: dt.date) -> dt.date:
    """Último día de un plazo de meses que empieza el día `inicio`: inicio + meses − 1 día (E20 c)."""
    return sumar_meses(inicio, politica.capacitacion_meses.valor) - dt.timedelta(days=1)


def evaluacion_fin_maximo(politica, anio_seguimiento: int) -> dt.date:
    """D2020 6.1.3: la evaluación termina a más tardar el 31 de enero del año siguiente al seguimiento."""
    limite = politica.evaluacion_fin_maximo.valor
    return dt.date(anio_seguimiento + 1, limite["mes"], limite["dia"])


def informe_cierre_plazo(politica, anio_ciclo: int) -> dt.date:
    limite = politica.informe_cierre_plazo.valor
    return dt.date(anio_ciclo + 1, limite["mes"], limite["dia"])
