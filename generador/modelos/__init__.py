"""Modelos de evaluación: la forma que puede tomar una política.

Una política (`generador/politicas/<clave>.yaml`) declara su `modelo` y da los
números; el modelo es el código que sabe leer esos números:

- `servir`: metas grupales e individuales con niveles de logro, segmentos y
  calificaciones de la Directiva de SERVIR (`reglas/`, `validacion/`,
  `anexos/`, `portal/`, `informe/`; adaptador en `modelos/servir.py`).
- `ponderado`: partes ponderadas por nivel (objetivos, competencias,
  servicio), escala por tramos, promedio de varios evaluadores y calibración
  por área (`modelos/ponderado/`).

El núcleo (lectura, esquemas, diagnósticos, órdenes, escritura, PDF por lotes,
MkDocs) no pregunta qué política rige: llama a las funciones del modelo que la
política declara. Cada modelo es un módulo con:

    PARAMETROS        {nombre: tipo} que su política debe definir (con referencia)
    ESQUEMA_CICLO     nombre del JSON Schema de ciclo.yaml
    ESQUEMA_REGISTRO  nombre del JSON Schema de cada registro
    CLAVE_PERSONA     clave del registro con los datos de la persona
    ORDENES           órdenes de `generador` que admite
    validar(repositorio, ciclos, informe) -> {carpeta: {documento: resultado}}
    calificar(repositorio, ciclo, resultados, formato) -> texto
    encargos_pdf(repositorio, ciclo, resultados) -> Encargos (ver anexos/construccion.py)
    informe(repositorio, ciclo, resultados, validacion, corte, destino) -> páginas
    sitio(repositorio) -> Portal (páginas y menú para MkDocs)

Y, en el módulo que nombra `REVISION_POLITICA` (sin cargar WeasyPrint ni plantillas):

    FORMAS            {nombre: Forma} la forma del valor de cada parámetro (ver politica.py)
    revisar_politica(parametros) -> [(ruta bajo «parametros», mensaje)] coherencia entre parámetros
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from importlib import resources
from types import ModuleType

MODULOS = {
    "servir": "generador.modelos.servir",
    "ponderado": "generador.modelos.ponderado",
}
MODELO_POR_OMISION = "servir"
REVISION_POLITICA = {
    "servir": "generador.modelos.servir",
    "ponderado": "generador.modelos.ponderado.validacion",
}


def disponibles() -> list[str]:
    return sorted(MODULOS)


def modelo(clave: str) -> ModuleType:
    """El módulo del modelo `clave` (se importa solo cuando una política lo usa)."""
    return importlib.import_module(MODULOS[clave])


def formas_politica(clave: str) -> dict:
    """{parámetro: Forma} del modelo `clave` (vacío si no declara formas: basta el tipo de PARAMETROS)."""
    return getattr(importlib.import_module(REVISION_POLITICA[clave]), "FORMAS", {})


def revisar_coherencia(clave: str, parametros: dict) -> list[tuple[tuple, str]]:
    """Problemas entre parámetros ya bien formados: [(ruta bajo «parametros», mensaje)]."""
    revisar = getattr(importlib.import_module(REVISION_POLITICA[clave]), "revisar_politica", None)
    return list(revisar(parametros)) if revisar else []


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
