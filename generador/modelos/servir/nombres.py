"""Cómo se nombran en los formatos impresos y en el portal los segmentos y las etapas de SERVIR."""

SEGMENTOS = {
    "directivo": "Directivo",
    "mando_medio": "Mando medio",
    "ejecutor": "Personal ejecutor",
    "operador_asistencia": "Personal operador y de asistencia",
}

ETAPAS = {
    "planificacion": "Planificación",
    "establecimiento_metas": "Establecimiento de metas",
    "seguimiento": "Seguimiento",
    "evaluacion": "Evaluación",
    "retroalimentacion": "Retroalimentación",
}
