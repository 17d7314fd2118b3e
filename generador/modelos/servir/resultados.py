"""Puntaje y calificación de cada registro, ciclo por ciclo en orden de fin.

El historial de un servidor (por su `documento`) se arma con las
calificaciones de los ciclos anteriores del repositorio y con las entradas
`historial` de cualquiera de sus registros (reglas.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .reglas.calificacion import Antecedente, Calificacion, calificar
from .reglas.puntaje import Puntaje, calcular_puntaje, faltantes_para_puntaje
from ...repositorio import Ciclo, Registro, Repositorio, como_fecha


@dataclass
class Resultado:
    registro: Registro
    puntaje: Puntaje | None
    faltantes: list[str]
    calificacion: Calificacion
    antecedentes: list[Antecedente] = field(default_factory=list)


def calcular(repositorio: Repositorio, ciclos: list[Ciclo] | None = None) -> dict[str, dict[str, Resultado]]:
    """Resultados por carpeta de ciclo y por documento (solo ciclos y registros válidos; `ciclos`: los de
    este modelo, en orden de fin)."""
    historial = _historial_declarado(repositorio)
    previos: dict[str, list[Antecedente]] = {}
    resultados: dict[str, dict[str, Resultado]] = {}
    for ciclo in repositorio.ciclos if ciclos is None else ciclos:
        if not ciclo.valido:
            continue
        por_documento = {}
        for registro in ciclo.validos():
            antecedentes = _antecedentes(previos.get(registro.documento, []), historial.get(registro.documento, []))
            por_documento[registro.documento] = resultado_registro(ciclo, registro, antecedentes)
        for documento, resultado in por_documento.items():
            if resultado.calificacion.calificacion is not None:
                previos.setdefault(documento, []).append(
                    Antecedente(ciclo.fin, resultado.registro.puesto, resultado.calificacion.calificacion, ciclo.carpeta)
                )
        resultados[ciclo.carpeta] = por_documento
    return resultados


def _historial_declarado(repositorio: Repositorio) -> dict[str, list[Antecedente]]:
    historial: dict[str, list[Antecedente]] = {}
    for ciclo in repositorio.ciclos:
        for registro in ciclo.validos():
            for entrada in registro.lista("historial"):
                antecedente = Antecedente(
                    como_fecha(entrada["fin"]), entrada.get("puesto"), entrada["calificacion"], str(entrada["ciclo"])
                )
                if antecedente not in historial.setdefault(registro.documento, []):
                    historial[registro.documento].append(antecedente)
    return historial


def _antecedentes(del_repositorio: list[Antecedente], declarados: list[Antecedente]) -> list[Antecedente]:
    """Une ambos orígenes; si un ciclo está en el repositorio, su resultado manda."""
    fines = {a.fin for a in del_repositorio}
    return sorted(del_repositorio + [a for a in declarados if a.fin not in fines], key=lambda a: a.fin)


def resultado_registro(ciclo: Ciclo, registro: Registro, antecedentes: list[Antecedente]) -> Resultado:
    politica = ciclo.politica
    segmento = registro.segmento
    pesos = ciclo.bloque("pesos_segmento").get(segmento) or {"grupales": 0, "individuales": 100}
    grupales, individuales = registro.lista("metas_grupales"), registro.lista("metas_individuales")
    faltan = faltantes_para_puntaje(politica, segmento, pesos["grupales"], grupales, individuales)
    puntaje = None if faltan else calcular_puntaje(politica, segmento, pesos, grupales, individuales)
    junta = ciclo.bloque("junta")
    calificacion = calificar(
        politica,
        segmento=segmento,
        puntaje_final=puntaje.puntaje_final if puntaje else None,
        fin_ciclo=ciclo.fin,
        puesto=registro.puesto,
        negativa=bool(registro.bloque("participacion").get("negativa")),
        antecedentes=antecedentes,
        confirmacion=registro.bloque("confirmacion").get("resultado"),
        designado=registro.documento in (junta.get("designados") or []),
    )
    return Resultado(registro, puntaje, faltan, calificacion, antecedentes)
