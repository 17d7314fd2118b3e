"""Las órdenes propias del modelo «ponderado»: `nuevo`, `importar` y `exportar`.

Lo común (leer el ciclo, la lista, el plan de archivos, el libro) es del núcleo
(`generador/flujo/`); aquí, las columnas, la forma del registro y los resultados de
la empresa. Devuelven el código de salida.
"""

from __future__ import annotations

from ...flujo import ordenes as flujo
from ...ordenes import ErrorUso

CAMPOS_NUEVO = ("documento", "nombres", "apellidos", "nivel", "puesto", "departamento", "area", "fecha_ingreso",
                "fecha_ingreso_area", "estable", "evaluador")
# Opciones de `nuevo` que son de la Gestión del Rendimiento de SERVIR, con la que corresponde en la empresa.
AJENAS = {"segmento": "--nivel", "regimen": None, "profesion": None, "fecha_inicio_puesto": "--fecha-ingreso"}


def nuevo(argumentos) -> int:
    from . import nuevo as andamio
    from .lista import COLUMNAS, planear

    flujo.revisar_nombres(argumentos)
    if argumentos.documento is not None:
        for opcion, en_su_lugar in AJENAS.items():
            if getattr(argumentos, opcion, None) is not None:
                otra = f"; use {en_su_lugar}" if en_su_lugar else ""
                raise ErrorUso(f"--{opcion.replace('_', '-')} no es un dato del colaborador en esta política{otra}")
        if getattr(argumentos, "departamento", None) is None and getattr(argumentos, "organo", None) is not None:
            argumentos.departamento = argumentos.organo  # --organo: el departamento, como en entidad.yaml
        return flujo.nuevo_registro(argumentos, CAMPOS_NUEVO, COLUMNAS, planear)
    return flujo.nuevo_ciclo(argumentos, andamio, "colaborador", "acuerdos, registros mensuales ni evaluaciones",
                             "Evaluación del Desempeño")


def importar(argumentos) -> int:
    from .lista import COLUMNAS, planear
    return flujo.importar(argumentos, COLUMNAS, planear)


def exportar(argumentos) -> int:
    from . import exportar as exportacion
    return flujo.exportar(argumentos, exportacion, lambda ciclo, _: exportacion.fecha_del_libro(ciclo),
                          ("colaborador", "colaboradores"), "calificaciones")
