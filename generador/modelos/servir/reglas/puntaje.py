"""Puntaje (reglas.md §2; Anexo 1 y Anexo 4).

Todo en `Decimal`. Cada total se suma a partir de las partes ya redondeadas,
que son las que se imprimen: quien vuelva a sumar el formato a mano obtiene la
misma cifra.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ....calculo import redondear
from ....politica import Politica

CIEN = Decimal(100)


def puntuacion_meta_grupal(politica: Politica, peso, alcanzado) -> Decimal:
    """Puntuación = peso × min(alcanzado, tope) / 100, redondeada (Anexo 1)."""
    tope = politica.numero("tope_alcanzado")
    return redondear(politica, Decimal(peso) * min(Decimal(alcanzado), tope) / CIEN)


def puntaje_meta_individual(politica: Politica, peso, logro: str) -> Decimal:
    """Puntaje = peso × valor del nivel de logro / 100, redondeado (Anexo 1)."""
    return redondear(politica, Decimal(peso) * politica.numero("valor_nivel_logro", logro) / CIEN)


def total_metas(politica: Politica, puntajes) -> Decimal:
    """Total de un grupo de metas: la suma de las puntuaciones impresas."""
    return redondear(politica, sum((Decimal(p) for p in puntajes), Decimal(0)))


def subtotal_segmento(politica: Politica, total, peso_segmento) -> Decimal:
    """Subtotal = total × peso del segmento / 100, redondeado (Anexo 4)."""
    return redondear(politica, Decimal(total) * Decimal(peso_segmento) / CIEN)


def puntuacion_final(politica: Politica, subtotal_grupal, subtotal_individual) -> Decimal:
    """Puntuación final = subtotal grupales + subtotal individuales (Anexo 4)."""
    return redondear(politica, Decimal(subtotal_grupal) + Decimal(subtotal_individual))


@dataclass
class Puntaje:
    """El puntaje de un servidor, con cada parte tal como se imprime."""

    puntuaciones_grupales: list[Decimal] = field(default_factory=list)
    puntajes_individuales: list[Decimal] = field(default_factory=list)
    puntaje_grupal: Decimal | None = None  # None: el segmento no tiene metas grupales
    puntaje_individual: Decimal = Decimal(0)
    peso_grupal: Decimal = Decimal(0)
    peso_individual: Decimal = Decimal(0)
    subtotal_grupal: Decimal = Decimal(0)
    subtotal_individual: Decimal = Decimal(0)
    puntaje_final: Decimal = Decimal(0)


def faltantes_para_puntaje(politica: Politica, segmento: str, peso_grupal, metas_grupales, metas_individuales) -> list[str]:
    """Lo que falta en el registro para calcular el puntaje (vacío: se puede calcular)."""
    faltan = []
    if not metas_individuales:
        faltan.append("metas individuales")
    faltan += [f"«logro» de la meta individual {i}" for i, m in enumerate(metas_individuales, 1) if m.get("logro") is None]
    if usa_metas_grupales(politica, segmento, peso_grupal):
        if not metas_grupales:
            faltan.append("metas grupales")
        faltan += [f"«alcanzado» de la meta grupal {i}" for i, m in enumerate(metas_grupales, 1) if m.get("alcanzado") is None]
    return faltan


def usa_metas_grupales(politica: Politica, segmento: str, peso_grupal) -> bool:
    """Las metas grupales cuentan si el segmento las admite y su peso no es cero."""
    return segmento not in politica.segmentos_sin_metas_grupales.valor and Decimal(peso_grupal) > 0


def calcular_puntaje(politica: Politica, segmento: str, pesos: dict, metas_grupales, metas_individuales) -> Puntaje:
    """Puntaje completo de un registro que ya tiene todos sus logros y alcances."""
    peso_grupal = Decimal(pesos["grupales"])
    peso_individual = Decimal(pesos["individuales"])
    resultado = Puntaje(peso_grupal=peso_grupal, peso_individual=peso_individual)
    resultado.puntajes_individuales = [
        puntaje_meta_individual(politica, m["peso"], m["logro"]) for m in metas_individuales
    ]
    resultado.puntaje_individual = total_metas(politica, resultado.puntajes_individuales)
    if segmento not in politica.segmentos_sin_metas_grupales.valor and metas_grupales:
        resultado.puntuaciones_grupales = [
            puntuacion_meta_grupal(politica, m["peso"], m["alcanzado"]) for m in metas_grupales
        ]
        resultado.puntaje_grupal = total_metas(politica, resultado.puntuaciones_grupales)
        resultado.subtotal_grupal = subtotal_segmento(politica, resultado.puntaje_grupal, peso_grupal)
    else:
        resultado.subtotal_grupal = redondear(politica, Decimal(0))
    resultado.subtotal_individual = subtotal_segmento(politica, resultado.puntaje_individual, peso_individual)
    resultado.puntaje_final = puntuacion_final(politica, resultado.subtotal_grupal, resultado.subtotal_individual)
    return resultado
