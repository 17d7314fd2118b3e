"""Validación completa de `datos/`, común a todos los modelos: se reúnen todos los problemas antes de salir.

La lectura y el esquema los hace `repositorio.leer`; después, cada ciclo válido pasa por las reglas del
modelo que declara su política (`modelo.validar`). Aquí también viven las reglas que valen para todo
modelo (un registro por persona y ciclo; los órganos que nombra un registro están en entidad.yaml).
"""

from __future__ import annotations

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
