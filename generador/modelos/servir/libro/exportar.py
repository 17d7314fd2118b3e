"""`generador exportar --formato anexos`: un libro por servidor con sus Anexos 1 y 4, en una carpeta por
evaluador (nombrada como los registros: apellidos y primer nombre), para que cada evaluador los llene.

La carpeta de salida se reemplaza entera (como la de `generador pdf`): se arma en un temporal junto a ella y
se mueve al final; solo se acepta una carpeta nueva, vacía o escrita antes por el generador. Con
`--evaluador DOC` solo se reemplaza la carpeta de ese evaluador. Los mismos datos dan los mismos bytes.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from ....flujo import por_evaluador
from ....ordenes import SALIDA_DATOS, SALIDA_OK, _plural
from . import planos
from .escribir import libro
from ..hechos import fecha_del_registro
from .ficha import armar


def exportar(argumentos) -> int:
    preparado = por_evaluador.preparar(argumentos)
    if preparado is None:
        return SALIDA_DATOS
    repositorio, por_ciclo, ciclo, destino, solo = preparado
    calificaciones = {r.registro.doc.ruta: r.calificacion.calificacion for r in por_ciclo.values()}
    registros = sorted(ciclo.validos(), key=lambda r: Path(r.doc.ruta).name)
    carpetas = por_evaluador.carpetas(ciclo, (r.evaluador or "" for r in registros))
    if solo is not None:
        registros = por_evaluador.del_evaluador(ciclo, registros, solo)
    archivos: dict[Path, bytes] = {}
    por_llenar = 0
    titulo = f"Anexos N° 1 y N° 4 — {ciclo.nombre}"
    for registro in registros:
        ficha = armar(repositorio.datos_entidad, ciclo, registro, calificaciones.get(registro.doc.ruta))
        por_llenar += ficha.metas_en_blanco
        relativa = Path(carpetas[registro.evaluador or ""]) / f"{Path(registro.doc.ruta).stem}.xlsx"
        archivos[relativa] = libro(ficha, planos(ficha), fecha_del_registro(registro, ciclo), titulo)
    por_evaluador.escribir(destino, {ruta: partial(bytes, contenido) for ruta, contenido in archivos.items()},
                           carpetas[solo] if solo is not None else None)
    evaluadores = len({p.parts[0] for p in archivos})
    sin_metas = (f"; {_plural(por_llenar, 'registro')} sin metas: su Anexo 1 trae filas para escribirlas"
                 if por_llenar else "")
    print(f"{_plural(len(archivos), 'libro escrito', 'libros escritos')} (Anexos 1 y 4) para "
          f"{_plural(evaluadores, 'evaluador', 'evaluadores')} en {destino}{sin_metas} (confidencial: contiene datos "
          "personales).", file=sys.stderr)
    return SALIDA_OK
