"""Las reglas de cálculo del modelo «ponderado», una función por parámetro de la política.

Funciones puras: reciben la política y números, devuelven números (Decimal) o
claves de la escala. Cada una nombra el parámetro que aplica; la referencia
está junto al valor, en `generador/politicas/<clave>.yaml`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...calculo import redondear, sumar_meses

CIEN = Decimal(100)


def en_adaptacion(politica, fecha_ingreso: dt.date, fecha_evaluacion: dt.date) -> bool:
    """`meses_antiguedad_minima`: con menos meses desde el ingreso, «en proceso de adaptación»."""
    return sumar_meses(fecha_ingreso, politica.meses_antiguedad_minima.valor) > fecha_evaluacion


def evaluacion_compartida(politica, fecha_ingreso_area: dt.date | None, fecha_evaluacion: dt.date) -> bool:
    """`meses_area_evaluacion_compartida`: con menos meses en el área evalúan el jefe anterior y el actual."""
    if fecha_ingreso_area is None:
        return False
    return sumar_meses(fecha_ingreso_area, politica.meses_area_evaluacion_compartida.valor) > fecha_evaluacion


def tramo_de_punto(politica, nota) -> dict:
    """`escala`: el tramo de una calificación dada como sigla (MB) o como punto del 1 al 5."""
    for tramo in politica.escala.valor:
        if nota == tramo["sigla"] or (isinstance(nota, int) and not isinstance(nota, bool) and nota == tramo["punto"]):
            return tramo
    raise KeyError(nota)


def porcentaje_de_nota(politica, nota) -> Decimal:
    """`escala`: una competencia calificada vale el porcentaje de su punto en la escala."""
    return Decimal(tramo_de_punto(politica, nota)["porcentaje_punto"])


def tramo(politica, porcentaje: Decimal) -> dict:
    """`escala`: el primer tramo (de mayor a menor) cuyo mínimo alcanza el porcentaje."""
    for fila in politica.escala.valor:
        if porcentaje >= Decimal(fila["minimo"]):
            return fila
    return politica.escala.valor[-1]


def pesos_competencias(catalogo: list[dict]) -> list[Decimal]:
    """`competencias`: el peso de cada una; si ninguna trae peso, todas pesan igual."""
    if any("peso" in c for c in catalogo):
        return [Decimal(c.get("peso", 0)) for c in catalogo]
    return [Decimal(1)] * len(catalogo)


def porcentaje_competencias(politica, catalogo: list[dict], notas: dict) -> Decimal:
    """Promedio ponderado de los porcentajes de las competencias del nivel."""
    pesos = pesos_competencias(catalogo)
    suma = sum(p * porcentaje_de_nota(politica, notas[c["clave"]]) for p, c in zip(pesos, catalogo))
    return redondear(politica, suma / sum(pesos))


def porcentaje_objetivos(politica, pesos: list[Decimal], cumplimientos: list[Decimal]) -> Decimal:
    """`tope_cumplimiento`: cada objetivo cuenta hasta el tope; promedio ponderado por los pesos del acuerdo."""
    tope = Decimal(politica.tope_cumplimiento.valor)
    suma = sum(Decimal(p) * min(Decimal(c), tope) for p, c in zip(pesos, cumplimientos))
    return redondear(politica, suma / sum(Decimal(p) for p in pesos))


def porcentaje_servicio(politica, resultados: list[Decimal]) -> Decimal | None:
    """Servicio del departamento: su resultado interno, externo o el promedio de ambos; None si no se mide."""
    if not resultados:
        return None
    return redondear(politica, sum(Decimal(r) for r in resultados) / len(resultados))


def pesos_aplicables(politica, nivel: str, sin_medir: set[str]) -> dict[str, Decimal]:
    """`pesos_partes`: los del nivel; si una parte no se mide (servicio de un departamento no identificado),
    su peso se reparte entre las demás en proporción a los suyos, para que sigan sumando `suma_pesos`."""
    pesos = {parte: Decimal(peso) for parte, peso in politica.pesos_partes.valor[nivel].items() if Decimal(peso)}
    quedan = {parte: peso for parte, peso in pesos.items() if parte not in sin_medir}
    if quedan == pesos or not quedan:
        return pesos
    total, suma = Decimal(politica.suma_pesos.valor), sum(quedan.values())
    repartidos = {parte: redondear(politica, peso * total / suma) for parte, peso in quedan.items()}
    ultima = list(repartidos)[-1]  # lo que el redondeo deje fuera va a la última parte: suman exactamente el total
    repartidos[ultima] += total - sum(repartidos.values())
    return repartidos


def subtotal(politica, porcentaje: Decimal, peso: Decimal) -> Decimal:
    """Lo que aporta una parte a la calificación final: porcentaje × peso / 100."""
    return redondear(politica, porcentaje * peso / CIEN)


def promedio(politica, valores: list[Decimal]) -> Decimal:
    """Políticas 12 y 13 (`lineas_reporte`): con varios evaluadores, el promedio de todos."""
    return redondear(politica, sum(valores) / len(valores))


def consecuencias(politica, clave_tramo: str) -> list[str]:
    """`consecuencias`: lo que permite u obliga cada tramo."""
    return list(politica.consecuencias.valor.get(clave_tramo, []))


def meses_del_periodo(inicio: dt.date, fin: dt.date) -> list[str]:
    """Los meses AAAA-MM de `inicio` a `fin`, ambos incluidos."""
    meses, actual = [], dt.date(inicio.year, inicio.month, 1)
    while actual <= fin:
        meses.append(f"{actual.year:04d}-{actual.month:02d}")
        actual = sumar_meses(actual, 1)
    return meses


def meses_sin_registro(politica, registrados: list[str], desde: dt.date, hasta: dt.date) -> list[str]:
    """`registros_por_mes`: los meses de `desde` a `hasta` con menos registros que el mínimo."""
    minimo = politica.registros_por_mes.valor
    return [mes for mes in meses_del_periodo(desde, hasta) if registrados.count(mes) < minimo]
