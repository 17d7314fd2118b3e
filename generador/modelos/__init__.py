"""Modelos de evaluación: la forma que puede tomar una política.

Una política (`generador/politicas/<clave>.yaml`) declara su `modelo` y da los
números; el modelo es el código que sabe leer esos números. Cada modelo es un
paquete que cumple el contrato de `contrato.py` (`Modelo`): sus parámetros, sus
esquemas y las funciones que llaman las órdenes. Los de este repositorio:

- `servir/`: metas grupales e individuales con niveles de logro, segmentos y
  calificaciones de la Directiva de SERVIR (Anexos 1 a 7, portal, informe de la AFRH);
- `ponderado/`: partes ponderadas por nivel, escala por tramos, varios evaluadores
  y calibración por área (política `empresa`).

El núcleo (lectura, esquemas, diagnósticos, órdenes, escritura, PDF por lotes,
MkDocs) no pregunta qué política rige ni importa ningún modelo por su nombre:
llama a las funciones del modelo que la política declara.

Los modelos se descubren: cada subpaquete de `generador.modelos` y cada punto de
entrada del grupo `generador.modelos` (pyproject.toml de un paquete instalado, para
modelos de terceros). Un mismo nombre por los dos caminos debe ser el mismo módulo.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import pkgutil
from functools import cache
from importlib import resources
from types import ModuleType

GRUPO = "generador.modelos"  # el grupo de puntos de entrada (entry points) de los modelos

# El modelo de los datos anteriores a las políticas: un ciclo.yaml que no nombra política se rige por la
# `POLITICA_POR_OMISION` de este modelo, y sus esquemas leen los registros de un ciclo cuya política no se
# pudo leer. Es un dato del registro de modelos, no un saber del núcleo.
MODELO_POR_OMISION = "servir"


class ModeloEnConflicto(Exception):
    """Dos caminos de descubrimiento dan módulos distintos para el mismo nombre de modelo."""


def _de_la_carpeta() -> dict[str, str]:
    """{clave: módulo}: los subpaquetes de `generador.modelos` (sin importarlos)."""
    return {info.name: f"{__name__}.{info.name}" for info in pkgutil.iter_modules(__path__) if info.ispkg}


def _de_los_puntos_de_entrada() -> dict[str, str]:
    """{clave: módulo}: los puntos de entrada del grupo `generador.modelos` de los paquetes instalados."""
    return {punto.name: punto.value for punto in importlib.metadata.entry_points(group=GRUPO)}


@cache
def registrados() -> dict[str, str]:
    """{clave: módulo} de todos los modelos: los de la carpeta y los de los puntos de entrada."""
    modulos = _de_la_carpeta()
    for clave, modulo in _de_los_puntos_de_entrada().items():
        if modulos.setdefault(clave, modulo) != modulo:
            raise ModeloEnConflicto(f"el modelo «{clave}» es «{modulos[clave]}» en generador/modelos/ y «{modulo}» "
                                    f"en el punto de entrada {GRUPO}")
    return modulos


def disponibles() -> list[str]:
    return sorted(registrados())


def modelo(clave: str) -> ModuleType:
    """El módulo del modelo `clave` (se importa solo cuando una política lo usa)."""
    return importlib.import_module(registrados()[clave])


def por_omision() -> ModuleType:
    """El modelo de los ciclos sin política (ver `MODELO_POR_OMISION`)."""
    return modelo(MODELO_POR_OMISION)


def politica_por_omision() -> str:
    """La política de un ciclo.yaml que no nombra ninguna y la de `generador nuevo` sin --politica."""
    return por_omision().POLITICA_POR_OMISION


def formas_politica(clave: str) -> dict:
    """{parámetro: Forma} del modelo `clave`."""
    return modelo(clave).FORMAS


def revisar_coherencia(clave: str, parametros: dict) -> list[tuple[tuple, str]]:
    """Problemas entre parámetros ya bien formados: [(ruta bajo «parametros», mensaje)]."""
    return list(modelo(clave).revisar_politica(parametros))


@cache
def _esquema(nombre: str) -> dict:
    return json.loads((resources.files("generador") / "esquemas" / f"{nombre}.schema.json").read_text("utf-8"))


def nodo_del_esquema(nombre: str, *ruta: str) -> dict:
    """La definición de un campo en el JSON Schema `nombre`, por sus claves (las listas se atraviesan solas;
    «*» es el valor de un mapeo de claves libres). Así la política cubre lo que el esquema admite."""
    nodo = _esquema(nombre)
    for parte in ruta:
        while "properties" not in nodo and "items" in nodo:
            nodo = nodo["items"]
        nodo = nodo["additionalProperties"] if parte == "*" else nodo["properties"][parte]
    return nodo


def opciones_del_esquema(nombre: str, *ruta: str) -> tuple[str, ...]:
    """Los valores que el esquema admite para un campo (su `enum`)."""
    nodo = nodo_del_esquema(nombre, *ruta)
    while "enum" not in nodo and "items" in nodo:
        nodo = nodo["items"]
    return tuple(nodo["enum"])
