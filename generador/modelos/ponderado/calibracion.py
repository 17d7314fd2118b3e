"""Calibración de las competencias (Políticas 15 y 16): por área, cuántos evaluados cayeron en cada
tramo frente a la distribución normal esperada, y qué evaluadores se apartan de ella.

Un evaluador se señala por sobrevaloración si la parte de sus evaluados en los tramos altos
(Excelente y Muy bueno) supera la esperada en más de `tolerancia_calibracion` puntos, y por
subvaloración si ocurre lo mismo con los bajos (Regular y No satisfactorio). Con menos de
`minimo_evaluados_calibracion` evaluados no se señala a nadie.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from . import reglas
from .resultados import CALIFICADO, Resultado

ALTOS, BAJOS = ("excelente", "muy_bueno"), ("regular", "no_satisfactorio")


@dataclass
class Area:
    clave: str
    observados: Counter = field(default_factory=Counter)   # tramo -> evaluados

    @property
    def total(self) -> int:
        return sum(self.observados.values())

    def esperados(self, politica) -> dict[str, Decimal]:
        return {t: Decimal(p) * self.total / 100 for t, p in politica.distribucion_esperada.valor.items()}


@dataclass
class Evaluador:
    documento: str
    tramos: Counter = field(default_factory=Counter)       # tramo -> evaluaciones
    porcentajes: list = field(default_factory=list)        # porcentaje de competencias de cada evaluación
    senal: str = ""  # «sobrevalora», «subvalora» o vacío

    @property
    def evaluados(self) -> int:
        return len(self.porcentajes)

    def proporcion(self, tramos) -> Decimal:
        return Decimal(100 * sum(self.tramos[t] for t in tramos)) / self.evaluados if self.evaluados else Decimal(0)

    @property
    def promedio(self) -> Decimal:
        return sum(self.porcentajes) / len(self.porcentajes) if self.porcentajes else Decimal(0)


def calcular(politica, resultados: dict[str, Resultado]) -> tuple[list[Area], list[Evaluador]]:
    """Áreas (departamentos) y evaluadores; el tramo de competencias de cada evaluación cuenta una vez."""
    areas: dict[str, Area] = {}
    evaluadores: dict[str, Evaluador] = {}
    for resultado in resultados.values():
        if resultado.estado != CALIFICADO:
            continue
        area = areas.setdefault(resultado.departamento, Area(resultado.departamento))
        area.observados[reglas.tramo(politica, resultado.partes["competencias"])["clave"]] += 1
        for parcial in resultado.parciales:
            evaluador = evaluadores.setdefault(parcial.evaluador, Evaluador(parcial.evaluador))
            evaluador.tramos[reglas.tramo(politica, parcial.competencias)["clave"]] += 1
            evaluador.porcentajes.append(parcial.competencias)
    esperada = politica.distribucion_esperada.valor
    tolerancia = Decimal(politica.tolerancia_calibracion.valor)
    for evaluador in evaluadores.values():
        if evaluador.evaluados < politica.minimo_evaluados_calibracion.valor:
            continue
        if evaluador.proporcion(ALTOS) - sum(Decimal(esperada[t]) for t in ALTOS) > tolerancia:
            evaluador.senal = "sobrevalora"
        elif evaluador.proporcion(BAJOS) - sum(Decimal(esperada[t]) for t in BAJOS) > tolerancia:
            evaluador.senal = "subvalora"
    return sorted(areas.values(), key=lambda a: a.clave), sorted(evaluadores.values(), key=lambda e: e.documento)
