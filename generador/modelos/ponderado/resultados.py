"""Calificación de cada colaborador en el modelo «ponderado».

Por evaluador: porcentaje de objetivos (del acuerdo, con el cumplimiento que
da ese evaluador) y de competencias (las del nivel). Luego el promedio de los
evaluadores por parte, el servicio del departamento, los pesos del nivel, el
subtotal de cada parte y la suma: el porcentaje final, que se relee a mano
sumando los subtotales impresos.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ...anexos.formato import cantidad
from ...repositorio import Ciclo, Registro, como_fecha
from . import reglas

CALIFICADO, PENDIENTE, EN_ADAPTACION, FUERA_DE_ALCANCE = "calificado", "pendiente", "en_adaptacion", "fuera_de_alcance"
ESTADOS = {CALIFICADO: "Calificado", PENDIENTE: "Pendiente", EN_ADAPTACION: "En proceso de adaptación",
           FUERA_DE_ALCANCE: "Fuera del alcance (no estable)"}


@dataclass
class Parcial:
    """Lo que da un evaluador."""

    evaluador: str
    linea: str
    objetivos: Decimal | None
    competencias: Decimal | None
    notas: dict = field(default_factory=dict)  # clave de competencia -> sigla del tramo


@dataclass
class Resultado:
    registro: Registro
    estado: str
    faltantes: list[str] = field(default_factory=list)
    parciales: list[Parcial] = field(default_factory=list)
    partes: dict[str, Decimal] = field(default_factory=dict)      # porcentaje de cada parte (promedio)
    pesos: dict[str, Decimal] = field(default_factory=dict)       # peso aplicado a cada parte
    subtotales: dict[str, Decimal] = field(default_factory=dict)  # porcentaje × peso / 100
    final: Decimal | None = None
    tramo: dict | None = None
    consecuencias: list[str] = field(default_factory=list)
    servicio_sin_medir: bool = False
    meses_sin_registro: list[str] = field(default_factory=list)  # AAAA-MM sin el registro mensual mínimo

    @property
    def nivel(self) -> str:
        return self.registro.servidor.get("nivel", "")

    @property
    def departamento(self) -> str:
        return self.registro.servidor.get("departamento", "")


def fecha_evaluacion(ciclo: Ciclo) -> dt.date:
    """Fecha de la evaluación formal (a ella se cuentan antigüedad y meses en el área); por omisión, el fin."""
    return como_fecha(ciclo.datos.get("fecha_evaluacion")) or ciclo.fin


def servicio_por_departamento(ciclo: Ciclo) -> dict[str, list[Decimal]]:
    """Resultados de servicio (interno y externo) de cada departamento: una misma nota para todo su personal."""
    por_departamento: dict[str, list[Decimal]] = {}
    for entrada in ciclo.lista("servicio"):
        if entrada.get("resultado") is not None:
            por_departamento.setdefault(entrada["departamento"], []).append(Decimal(entrada["resultado"]))
    return por_departamento


def fin_registros(ciclo: Ciclo) -> dt.date | None:
    """Hasta cuándo se exige el registro mensual: el fin del último mes con algún registro en el ciclo (sin
    reloj: un ciclo en curso no exige meses futuros), sin pasar del fin del período; None si no hay ninguno."""
    meses = [e["mes"] for r in ciclo.validos() for e in r.lista("registro_mensual")]
    if not meses:
        return None
    anio, mes = (int(x) for x in max(meses).split("-"))
    return min(ciclo.fin, reglas.sumar_meses(dt.date(anio, mes, 1), 1) - dt.timedelta(days=1))


def calcular(ciclo: Ciclo) -> dict[str, Resultado]:
    servicio = servicio_por_departamento(ciclo)
    hasta = fin_registros(ciclo)
    resultados = {}
    for registro in ciclo.validos():
        resultado = resultados[registro.documento] = resultado_registro(ciclo, registro, servicio)
        if hasta is not None and registro.servidor.get("estable") is not False:
            desde = max(ciclo.inicio, como_fecha(registro.servidor["fecha_ingreso"]))
            resultado.meses_sin_registro = reglas.meses_sin_registro(
                ciclo.politica, [e["mes"] for e in registro.lista("registro_mensual")], desde, hasta)
    return resultados


def resultado_registro(ciclo: Ciclo, registro: Registro, servicio: dict[str, list[Decimal]]) -> Resultado:
    politica = ciclo.politica
    persona = registro.servidor
    corte = fecha_evaluacion(ciclo)
    if persona.get("estable") is False:
        return Resultado(registro, FUERA_DE_ALCANCE)
    if reglas.en_adaptacion(politica, como_fecha(persona["fecha_ingreso"]), corte):
        return Resultado(registro, EN_ADAPTACION)

    nivel = persona["nivel"]
    pesos_nivel = {p: Decimal(v) for p, v in politica.pesos_partes.valor[nivel].items() if Decimal(v)}
    catalogo = politica.competencias.valor[nivel]
    objetivos = registro.bloque("acuerdo").get("objetivos") or []
    evaluaciones = registro.lista("evaluaciones")
    faltan = []
    if not evaluaciones:
        faltan.append("las evaluaciones (ningún evaluador calificó aún)")
    compartida = reglas.evaluacion_compartida(politica, como_fecha(persona.get("fecha_ingreso_area")), corte)
    if compartida and evaluaciones and not any(e["linea"] == "anterior" for e in evaluaciones):
        faltan.append(f"la evaluación del jefe anterior (menos de "
                      f"{cantidad(politica.meses_area_evaluacion_compartida.valor, 'mes', 'meses')} en el área)")
    if "objetivos" in pesos_nivel and not objetivos:
        faltan.append("los objetivos del acuerdo del desempeño")

    parciales = []
    for numero, evaluacion in enumerate(evaluaciones, 1):
        notas = evaluacion.get("competencias") or {}
        sin_nota = [c["nombre"] for c in catalogo if c["clave"] not in notas]
        cumplimiento = evaluacion.get("cumplimiento") or []
        quien = f"evaluación {numero}"
        if sin_nota:
            faltan.append(f"{quien}: la calificación de {', '.join(sin_nota)}")
        if "objetivos" in pesos_nivel and objetivos and len(cumplimiento) != len(objetivos):
            faltan.append(f"{quien}: el cumplimiento de cada objetivo del acuerdo ({len(objetivos)})")
        if faltan:
            continue
        porcentaje_objetivos = None
        if "objetivos" in pesos_nivel:
            porcentaje_objetivos = reglas.porcentaje_objetivos(
                politica, [Decimal(o["peso"]) for o in objetivos], [Decimal(c) for c in cumplimiento])
        notas_validas = {c["clave"]: reglas.tramo_de_punto(politica, notas[c["clave"]])["sigla"] for c in catalogo}
        parciales.append(Parcial(evaluacion["evaluador"], evaluacion["linea"], porcentaje_objetivos,
                                 reglas.porcentaje_competencias(politica, catalogo, notas), notas_validas))
    resultado = Resultado(registro, PENDIENTE, faltan, parciales)
    if faltan:
        return resultado

    partes: dict[str, Decimal] = {}
    if "objetivos" in pesos_nivel:
        partes["objetivos"] = reglas.promedio(politica, [p.objetivos for p in parciales])
    partes["competencias"] = reglas.promedio(politica, [p.competencias for p in parciales])
    servicio_depto = reglas.porcentaje_servicio(politica, servicio.get(persona["departamento"], []))
    sin_medir = set()
    if "servicio" in pesos_nivel:
        if servicio_depto is None:
            sin_medir.add("servicio")
        else:
            partes["servicio"] = servicio_depto
    pesos = reglas.pesos_aplicables(politica, nivel, sin_medir)
    subtotales = {parte: reglas.subtotal(politica, partes[parte], peso) for parte, peso in pesos.items()}
    final = sum(subtotales.values(), Decimal(0))
    fila = reglas.tramo(politica, final)
    resultado.estado = CALIFICADO
    resultado.partes, resultado.pesos, resultado.subtotales, resultado.final = partes, pesos, subtotales, final
    resultado.tramo = fila
    resultado.consecuencias = reglas.consecuencias(politica, fila["clave"])
    resultado.servicio_sin_medir = bool(sin_medir)
    return resultado
