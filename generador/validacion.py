"""Validación completa de `datos/`, común a todos los modelos: se reúnen todos los problemas antes de salir.

La lectura y el esquema los hace `repositorio.leer`; después, cada ciclo válido pasa por las reglas del
modelo que declara su política (`modelo.validar`). Aquí también viven las reglas que valen para todo
modelo (un registro por persona y ciclo; los órganos que nombra un registro están en entidad.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import repositorio as repo
from .diagnosticos import Informe
from .esquema import quiza
from .repositorio import Ciclo, Registro


def validar(raiz: Path | str, informe: Informe, cache=None) -> tuple[repo.Repositorio, dict[str, dict]]:
    """Lee `raiz` y aplica a cada ciclo válido las reglas del modelo que declara su política."""
    repositorio = repo.leer(raiz, informe, cache)
    por_modelo: dict = {}
    for ciclo in repositorio.ciclos:
        if ciclo.valido:
            por_modelo.setdefault(ciclo.politica.modelo, []).append(ciclo)
    resultados: dict[str, dict] = {}
    for modelo, ciclos in por_modelo.items():
        resultados.update(modelo.validar(repositorio, ciclos, informe))
    return repositorio, resultados


def documentos_unicos(ciclo: Ciclo, informe: Informe) -> None:
    """Un documento, un registro por ciclo (cualquiera sea el modelo de la política)."""
    primero: dict[str, Registro] = {}
    for registro in ciclo.registros:
        documento = registro.documento
        if documento is None:
            continue
        if documento in primero:
            persona = registro.clave_persona
            informe.error(registro.en(persona, "documento"),
                          f"el mismo documento ya está en {primero[documento].en(persona, 'documento')}: "
                          f"un {persona} tiene un solo registro por ciclo", "formato")
        else:
            primero[documento] = registro


def organo_desconocido(organo, organos: dict, nombre: str = "órgano") -> str | None:
    """El mensaje si `organo` no es una clave de «organos» de entidad.yaml (None si lo es, o si la entidad
    no declara órganos)."""
    if organos and organo not in organos:
        return f"el {nombre} «{organo}» no está en «organos» de entidad.yaml{quiza(organo, organos)}"
    return None


@dataclass
class Personas:
    """Quién está en el ciclo, por documento."""

    registros: dict[str, Registro]
    externos: set[str]
    completo: bool  # False si algún registro no se pudo leer: no se afirma que alguien «no existe»

    def existe(self, documento: str) -> bool:
        return documento in self.registros or documento in self.externos


def personas(ciclo: Ciclo) -> Personas:
    registros = ciclo.por_documento
    externos = {e["documento"] for e in ciclo.lista("evaluadores_externos")}
    completo = ciclo.ilegibles == 0 and all(r.documento is not None for r in ciclo.registros)
    return Personas(registros, externos, completo)


def validar_evaluadores(ciclo: Ciclo, gente: Personas, admitidos, ref: str, informe: Informe) -> None:
    """El evaluador de cada registro: no es el propio servidor, es de un segmento que evalúa (`admitidos`),
    existe en el ciclo (registro o evaluador externo) y la cadena de evaluadores no vuelve al servidor."""
    for registro in ciclo.validos():
        evaluador = registro.evaluador
        if evaluador == registro.documento:
            informe.error(registro.en("evaluador"), "nadie se evalúa a sí mismo: el evaluador es el propio servidor", ref)
        elif evaluador in gente.registros:
            segmento = gente.registros[evaluador].segmento
            if segmento not in admitidos:
                informe.error(registro.en("evaluador"),
                              f"el evaluador es del segmento «{segmento}»; solo evalúan: {', '.join(admitidos)}", ref)
        elif evaluador not in gente.externos and gente.completo:
            informe.error(registro.en("evaluador"),
                          "el evaluador no es un servidor del ciclo ni está en «evaluadores_externos» de ciclo.yaml", ref)
    _bucles(ciclo, gente, informe, ref)


def _bucles(ciclo: Ciclo, gente: Personas, informe: Informe, ref: str) -> None:
    """El grafo «evaluado → evaluador» no tiene ciclos (A evalúa a B y B evalúa a A)."""
    informados: set[str] = set()
    for registro in ciclo.validos():
        camino = [registro.documento]
        actual = registro.evaluador
        while actual in gente.registros and actual not in camino:
            camino.append(actual)
            actual = gente.registros[actual].evaluador
        if actual in camino and actual != camino[-1] and actual == registro.documento:
            cadena = set(camino)
            if cadena & informados:
                continue
            informados |= cadena
            archivos = ", ".join(str(gente.registros[d].en("evaluador")) for d in camino[1:])
            informe.error(registro.en("evaluador"),
                          f"cadena circular de evaluadores: este servidor termina evaluándose a sí mismo a través de {archivos}",
                          ref)
