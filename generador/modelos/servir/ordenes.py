"""Las órdenes propias del modelo servir: `nuevo`, `importar`, `exportar`, `importar-formatos` y `sintetico`.

Trabajan con la forma de sus registros (servidor, evaluador, metas), por eso viven aquí; `generador/ordenes.py`
elige el modelo por la política del ciclo y les pasa los argumentos ya leídos. Devuelven el código de salida.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ...flujo import ordenes as flujo
from ...ordenes import SALIDA_OK, SALIDA_USO


def sintetico(argumentos) -> int:
    from .sintetico import MINIMO, escribir

    salida = Path(argumentos.salida)
    if argumentos.n < MINIMO:
        print(f"generador sintetico: error: --n debe ser al menos {MINIMO} (para formar el CIE y la Junta)", file=sys.stderr)
        return SALIDA_USO
    if salida.exists() and (not salida.is_dir() or any(salida.iterdir())):
        print(f"generador sintetico: error: la carpeta «{salida}» ya existe y no está vacía", file=sys.stderr)
        return SALIDA_USO
    inicio = time.perf_counter()
    escribir(argumentos.n, salida, argumentos.semilla)
    print(f"Entidad sintética de {argumentos.n} servidores escrita en {salida} en {time.perf_counter() - inicio:.1f} s.",
          file=sys.stderr)
    return SALIDA_OK


def nuevo(argumentos) -> int:
    from .flujo import nuevo as andamio
    from .flujo.columnas import COLUMNAS
    from .flujo.importar import planear

    flujo.revisar_nombres(argumentos)
    if argumentos.documento is not None:
        campos = ("documento", "nombres", "apellidos", "segmento", "puesto", "organo", "evaluador", "regimen",
                  "profesion", "fecha_inicio_puesto")
        return flujo.nuevo_registro(argumentos, campos, COLUMNAS, planear)
    return flujo.nuevo_ciclo(argumentos, andamio, "servidor", "metas ni resultados", "Ciclo de Gestión del Rendimiento")


def importar(argumentos) -> int:
    from .flujo.columnas import COLUMNAS
    from .flujo.importar import planear
    return flujo.importar(argumentos, COLUMNAS, planear)


def exportar(argumentos) -> int:
    if argumentos.formato == "anexos":  # los Anexos 1 y 4 en Excel, un libro por servidor (libro/)
        from .libro.exportar import exportar as anexos
        return anexos(argumentos)
    from .anexos.contexto import fecha_del_ciclo  # la del libro: el último hecho registrado, no el reloj
    from .flujo import exportar as exportacion
    return flujo.exportar(argumentos, exportacion, fecha_del_ciclo, ("servidor", "servidores"), "puntajes")


def importar_formatos(argumentos) -> int:
    """Los libros de los Anexos 1 y 4 que devuelven los evaluadores, de vuelta en los registros."""
    from .libro.importar import importar_formatos as importar_libros
    return importar_libros(argumentos)
