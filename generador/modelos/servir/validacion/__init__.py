"""Las reglas del modelo servir sobre `datos/`: se reúnen todos los problemas antes de salir.

Etapas, en orden (después de la lectura y el esquema, que hace `generador/repositorio.py`): reglas
del ciclo (`ciclo`), referencias entre archivos (`referencias`), reglas de cada registro
(`registro`) y, con los puntajes calculados, reglas de la calificación (`calificaciones`).
"""

from __future__ import annotations

from .... import repositorio as repo
from ....diagnosticos import Informe
from ..resultados import Resultado, calcular
from .calificaciones import validar_calificaciones
from .ciclo import validar_ciclo
from .referencias import validar_referencias
from .registro import validar_registro


def validar_ciclos(repositorio: repo.Repositorio, ciclos: list[repo.Ciclo], informe: Informe) -> dict[str, dict[str, Resultado]]:
    """Reglas del modelo SERVIR sobre sus ciclos (ya leídos y válidos contra el esquema)."""
    entidad = repositorio.datos_entidad
    organos = entidad.get("organos") or {}
    for ciclo in ciclos:
        # Solo si entidad.yaml lo declara (formato.md): sin «organo_rrhh», los miembros de la AFRH en el CIE y
        # en la Junta pueden ser de cualquier órgano.
        organo_rrhh = entidad.get("organo_rrhh") if isinstance(entidad.get("organo_rrhh"), str) else None
        validar_ciclo(ciclo, informe)
        validar_referencias(ciclo, organos, organo_rrhh, informe)
        for registro in ciclo.validos():
            validar_registro(ciclo, registro, informe)
    resultados = calcular(repositorio, ciclos)
    for ciclo in ciclos:
        if ciclo.carpeta in resultados:
            validar_calificaciones(ciclo, resultados[ciclo.carpeta], informe)
    return resultados
