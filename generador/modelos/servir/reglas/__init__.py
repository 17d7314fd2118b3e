"""Las reglas de una política: funciones pequeñas que leen sus parámetros.

Cada función lleva el nombre de su caso de prueba en `tests/modelos/servir/reglas/<nombre>.yaml`.
"""

from .calificacion import calificar, candidato_distinguido, buen_rendimiento, observacion_consecutiva, observacion_reiterada_en_puesto, vigencia_desaprobado
from .plazos import fecha_limite, seguimiento_minimo
from .puntaje import calcular_puntaje, puntaje_meta_individual, puntuacion_final, puntuacion_meta_grupal, subtotal_segmento, total_metas

__all__ = [
    "buen_rendimiento",
    "calcular_puntaje",
    "calificar",
    "candidato_distinguido",
    "fecha_limite",
    "observacion_consecutiva",
    "observacion_reiterada_en_puesto",
    "puntaje_meta_individual",
    "puntuacion_final",
    "puntuacion_meta_grupal",
    "seguimiento_minimo",
    "subtotal_segmento",
    "total_metas",
    "vigencia_desaprobado",
]
