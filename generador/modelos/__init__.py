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
"""

from __future__ import annotations

import importlib
from types import ModuleType

MODULOS = {
    "servir": "generador.modelos.servir",
    "ponderado": "generador.modelos.ponderado",
}
MODELO_POR_OMISION = "servir"


def disponibles() -> list[str]:
    return sorted(MODULOS)


def modelo(clave: str) -> ModuleType:
    """El módulo del modelo `clave` (se importa solo cuando una política lo usa)."""
    return importlib.import_module(MODULOS[clave])
