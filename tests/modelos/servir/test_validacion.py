"""Cada regla de validación (reglas.md §1–§5): sale con 1 (errores) o 0 (advertencias),
con el mensaje exacto en ruta:línea:columna y su numeral."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import correr, editar, linea_de

CICLO = "datos/ciclos/2024/ciclo.yaml"
S = "datos/ciclos/2024/servidores/"
QUISPE = S + "quispe-mamani-rosa.yaml"
SANCHEZ = S + "sanchez-yupanqui-pedro.yaml"

ETAPA_PLANIFICACION = """  - etapa: planificacion
    inicio: 2024-03-01
    fin: 2024-03-29
    actividades:
      - {actividad: Lista de participantes y cronograma aprobados, responsable: AFRH, inicio: 2024-03-01, fin: 2024-03-15}
      - {actividad: Elección del Comité Institucional de Evaluación, responsable: AFRH, inicio: 2024-03-18, fin: 2024-03-29}
"""
METAS_GRUPALES = """metas_grupales:
  - {objetivo: Meta POI 1, indicador: Avance, meta: 100 %, evidencia: Reporte, peso: 100, alcanzado: 90}
metas_individuales:"""
COMPROMISO = """compromisos:
  - {compromiso: Liderazgo, nivel_exigido: 3, nivel_evidenciado: 2}
seguimiento:"""

# (id, ediciones [(archivo, viejo, nuevo)], archivo del mensaje, texto de su línea, final esperado)
ERRORES = [
    ("pesos de metas grupales", [(S + "flores-aguirre-jesus.yaml", "peso: 40\n    alcanzado: 50", "peso: 30\n    alcanzado: 50")],
     S + "flores-aguirre-jesus.yaml", "metas_grupales:",
     "error: los pesos de las metas grupales suman 90, deben sumar 100 (Anexo 1)"),
    ("pesos de metas individuales", [(S + "rojas-tello-miguel.yaml", "peso: 40\n    logro: B", "peso: 45\n    logro: B")],
     S + "rojas-tello-miguel.yaml", "metas_individuales:",
     "error: los pesos de las metas individuales suman 105, deben sumar 100 (Anexo 1)"),
    ("directivo con metas grupales", [(S + "gonzales-nique-patricia.yaml", "metas_individuales:", METAS_GRUPALES)],
     S + "gonzales-nique-patricia.yaml", "metas_grupales:",
     "error: las metas grupales no aplican al segmento «directivo» (Anexo 1)"),
    ("compromisos de un ejecutor", [(QUISPE, "seguimiento:", COMPROMISO)],
     QUISPE, "compromisos:", "error: los compromisos se aplican solo a: directivo (Anexo 1; 5.6)"),
    ("evaluador inexistente", [(QUISPE, 'evaluador: "30000001"', 'evaluador: "39999999"')],
     QUISPE, 'evaluador: "',
     "error: el evaluador no es un servidor del ciclo ni está en «evaluadores_externos» de ciclo.yaml (5.3)"),
    ("evaluador de segmento ejecutor", [(QUISPE, 'evaluador: "30000001"', 'evaluador: "10000003"')],
     QUISPE, 'evaluador: "', "error: el evaluador es del segmento «ejecutor»; solo evalúan: directivo, mando_medio (5.3)"),
    ("autoevaluación", [(QUISPE, 'evaluador: "30000001"', 'evaluador: "41234567"')],
     QUISPE, 'evaluador: "', "error: nadie se evalúa a sí mismo: el evaluador es el propio servidor (5.3)"),
    ("órgano desconocido", [(QUISPE, "organo: DGIOCC", "organo: DGIOC")],
     QUISPE, "organo:", "error: el órgano «DGIOC» no está en «organos» de entidad.yaml; ¿quiso decir «DGIOCC»? (Anexo 1)"),
    ("documento repetido", [(S + "mendoza-ccori-lucia.yaml", 'documento: "30000003"', 'documento: "30000004"')],
     S + "mendoza-ccori-lucia.yaml", "documento:",
     "error: el mismo documento ya está en datos/ciclos/2024/servidores/chavez-inga-raul.yaml:4:14: "
     "un servidor tiene un solo registro por ciclo (formato)"),
    ("miembro del CIE sin registro", [(CICLO, 'ejecutor: {titular: "41234567", suplente: "40000002"}',
                                       'ejecutor: {titular: "41234567", suplente: "40000009"}')],
     CICLO, "  ejecutor: {titular", "error: no corresponde a ningún servidor con registro en este ciclo (6.3)"),
    ("representante de la AFRH de otro órgano", [(S + "cabrera-soto-milagros.yaml", "organo: AFRH", "organo: DGIOCC"),
                                                  ("datos/entidad.yaml", "  organos:", "  organo_rrhh: AFRH\n  organos:")],
     CICLO, "  afrh: {titular", "error: el representante de la AFRH debe pertenecer al órgano «AFRH» (6.3)"),
    ("representante de otro segmento", [(S + "ramos-lazo-victor.yaml", "segmento: operador_asistencia", "segmento: ejecutor")],
     CICLO, "  operador_asistencia: {titular",
     "error: el representante del segmento «operador_asistencia» es del segmento «ejecutor» (6.3)"),
    ("persona repetida en el CIE", [(CICLO, 'ejecutor: {titular: "41234567", suplente: "40000002"}',
                                     'ejecutor: {titular: "41234567", suplente: "41234567"}')],
     CICLO, "  ejecutor: {titular",
     "error: la misma persona ya integra el CIE en datos/ciclos/2024/ciclo.yaml:55:23: "
     "los miembros del CIE son personas distintas (6.3)"),
    ("representante de evaluadores que no evalúa", [(SANCHEZ, 'evaluador: "30000002"', 'evaluador: "30000001"'),
                                                    (S + "ramos-lazo-victor.yaml", 'evaluador: "30000002"', 'evaluador: "30000001"')],
     CICLO, "  evaluadores: {titular",
     "error: el representante de los evaluadores no evalúa a ningún servidor del ciclo (6.3)"),
    ("Junta con demasiados directivos", [(CICLO, 'directivos: ["20000002"]', 'directivos: ["20000002", "10000002"]')],
     CICLO, "  directivos: [",
     "error: la Junta tiene 2 directivos; como máximo puede tener 1 (la mitad de los 3 directivos del ciclo, "
     "redondeando hacia abajo) (7.5.2 b)"),
    ("candidato en la Junta", [(CICLO, 'directivos: ["20000002"]', 'directivos: ["20000001"]')],
     CICLO, "  directivos: [",
     "error: este directivo es candidato a rendimiento distinguido: no puede integrar la Junta (7.5.2 b)"),
    ("miembro de la Junta que no es directivo", [(CICLO, 'directivos: ["20000002"]', 'directivos: ["30000004"]')],
     CICLO, "  directivos: [", "error: este miembro de la Junta no es del segmento directivo (7.5.2 b)"),
    ("designado que no es candidato", [(CICLO, 'designados: ["30000001"]', 'designados: ["41234567"]')],
     CICLO, "  designados: [",
     "error: la Junta solo puede designar a candidatos a rendimiento distinguido "
     "(buen rendimiento y puntuación final sobre el umbral) (7.5.2 b)"),
    ("etapas superpuestas", [(CICLO, "    inicio: 2025-01-06\n    fin: 2025-02-14", "    inicio: 2024-12-20\n    fin: 2025-02-14")],
     CICLO, "    inicio: 2024-12-20",
     "error: la etapa «evaluacion» empieza antes de que termine «seguimiento»: las etapas son sucesivas (6.5)"),
    ("seguimiento de menos de seis meses", [(CICLO, "    inicio: 2024-05-02\n    fin: 2024-12-31", "    inicio: 2024-05-02\n    fin: 2024-10-31")],
     CICLO, "    fin: 2024-10-31", "error: la etapa de seguimiento dura menos de 6 meses calendario (7.3)"),
    ("falta una etapa", [(CICLO, ETAPA_PLANIFICACION, "")],
     CICLO, "cronograma:",
     "error: falta la etapa «planificacion» en el cronograma: el ciclo tiene cinco etapas (6.5)"),
    ("actividad fuera de su etapa", [(CICLO, "inicio: 2024-09-02, fin: 2024-09-30", "inicio: 2024-09-02, fin: 2025-01-10")],
     CICLO, "Reunión de hitos intermedios", "error: la actividad sale de las fechas de la etapa «seguimiento» (6.2)"),
    ("pesos de un segmento", [(CICLO, "ejecutor: {grupales: 30, individuales: 70}", "ejecutor: {grupales: 30, individuales: 60}")],
     CICLO, "  ejecutor: {grupales", "error: los pesos del segmento «ejecutor» suman 90, deben sumar 100 (Anexo 4)"),
    ("peso grupal de directivos", [(CICLO, "directivo: {grupales: 0, individuales: 100}", "directivo: {grupales: 10, individuales: 90}")],
     CICLO, "  directivo: {grupales",
     "error: el segmento «directivo» no tiene metas grupales: su peso grupal debe ser 0 (Anexo 1)"),
    ("observado sin capacitación", [(SANCHEZ, "tipo: capacitacion", "tipo: iniciativa")],
     SANCHEZ, "plan_mejora:",
     "error: con rendimiento sujeto a observación, el Plan de Mejora debe tener al menos una acción de tipo "
     "«capacitacion» (7.5.2 c)"),
    ("confirmación pedida por quien no es observado",
     [(QUISPE, "participacion: {negativa: false}",
       "confirmacion: {fecha_solicitud: 2025-02-20}\nparticipacion: {negativa: false}")],
     QUISPE, "confirmacion:",
     "error: solo quien obtiene rendimiento sujeto a observación puede pedir al CIE la confirmación de su calificación (7.6)"),
    ("historial posterior al inicio del ciclo",
     [(QUISPE, "participacion: {negativa: false}",
       "participacion: {negativa: false}\nhistorial: [{ciclo: \"2023\", fin: 2024-06-30, puesto: X, calificacion: buen_rendimiento}]")],
     QUISPE, "historial:",
     "error: el historial es para ciclos anteriores: este termina después de empezar el ciclo actual (7.5.2 d)"),
    ("fechas de la evaluación en desorden", [(QUISPE, "fecha_remision_afrh: 2025-01-22", "fecha_remision_afrh: 2025-01-10")],
     QUISPE, "fecha_remision_afrh:",
     "error: la remisión de la puntuación a la AFRH tiene fecha anterior a «fecha» "
     "(datos/ciclos/2024/servidores/quispe-mamani-rosa.yaml:69:10) (7.5.2)"),
    ("política desconocida", [(CICLO, "politica: imarpe-2018", "politica: imarpe-2019")],
     CICLO, "politica:",
     "error: política desconocida «imarpe-2019»; las disponibles son: empresa, imarpe-2018, servir-2025; ¿quiso decir «imarpe-2018»?"),
]

ADVERTENCIAS = [
    ("remisión fuera de plazo", [(QUISPE, "fecha_remision_afrh: 2025-01-22", "fecha_remision_afrh: 2025-01-28")],
     QUISPE, "fecha_remision_afrh:",
     "advertencia: la remisión de la puntuación a la AFRH está fuera de plazo: debía hacerse a más tardar el "
     "23/01/2025 (3 días hábiles) (7.5.2)"),
    ("notificación fuera de plazo con día no laborable", [(QUISPE, "fecha_notificacion: 2025-02-03", "fecha_notificacion: 2025-02-05")],
     QUISPE, "fecha_notificacion:",
     "advertencia: la notificación al servidor está fuera de plazo: debía hacerse a más tardar el 04/02/2025 "
     "(2 días hábiles) (7.5.2)"),
    ("reunión de seguimiento fuera de su etapa", [(QUISPE, "- fecha: 2024-09-16", "- fecha: 2025-01-08")],
     QUISPE, "- fecha: 2025-01-08",
     "advertencia: la reunión de seguimiento cae fuera de la etapa de seguimiento del cronograma (7.3)"),
    ("evaluado sin reunión de seguimiento", [(S + "chavez-inga-raul.yaml",
                                              "seguimiento:\n  - fecha: 2024-09-12\n    comentarios: Reunión de hitos intermedios sin observaciones.\n", "")],
     S + "chavez-inga-raul.yaml", "evaluacion:",
     "advertencia: hay evaluación pero ninguna reunión de seguimiento (Anexo 3) (6.5)"),
    ("solicitud al CIE pendiente", [(SANCHEZ, "resultado: confirmada, ", "")],
     SANCHEZ, "confirmacion:",
     "advertencia: la solicitud de confirmación al CIE está pendiente: el ciclo no puede cerrarse sin su resultado (7.6)"),
    ("retroalimentación sin Plan de Mejora", [(S + "rojas-tello-miguel.yaml", "plan_mejora:\n  mes_inicio: 2025-04\n  mes_fin: 2025-09\n  acciones:\n    - {accion: Taller de herramientas digitales, tipo: iniciativa, mes_inicio: 2025-05, fecha_revision: 2025-08-29}\n", "")],
     S + "rojas-tello-miguel.yaml", "retroalimentacion:",
     "advertencia: la reunión de retroalimentación debe terminar con un Plan de Mejora con acciones (Anexo 6) (7.6)"),
]


def _aplicar(raiz: Path, ediciones) -> None:
    for archivo, viejo, nuevo in ediciones:
        editar(raiz.parent / archivo, viejo, nuevo)


def _linea_esperada(raiz: Path, archivo: str, texto: str) -> str:
    ruta = raiz.parent / archivo
    if "\n" in texto:  # primera línea de varias coincidencias: la del primer bloque
        contenido = ruta.read_text(encoding="utf-8")
        return f"{archivo}:{contenido[: contenido.index(texto)].count(chr(10)) + 1}:"
    return f"{archivo}:{linea_de(ruta, texto)}:"


@pytest.mark.parametrize("nombre, ediciones, archivo, texto, esperado", ERRORES, ids=[c[0] for c in ERRORES])
def test_error(ejemplo, nombre, ediciones, archivo, texto, esperado):
    _aplicar(ejemplo, ediciones)
    corrida = correr("validar")
    assert corrida.codigo == 1, corrida.errores
    prefijo = _linea_esperada(ejemplo, archivo, texto)
    coincidencias = [l for l in corrida.lineas_error if l.endswith(esperado)]
    assert coincidencias, corrida.errores
    assert any(l.startswith(prefijo) for l in coincidencias), (prefijo, coincidencias)


@pytest.mark.parametrize("nombre, ediciones, archivo, texto, esperado", ADVERTENCIAS, ids=[c[0] for c in ADVERTENCIAS])
def test_advertencia(ejemplo, nombre, ediciones, archivo, texto, esperado):
    _aplicar(ejemplo, ediciones)
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores
    prefijo = _linea_esperada(ejemplo, archivo, texto)
    assert any(l.startswith(prefijo) and l.endswith(esperado) for l in corrida.lineas_error), corrida.errores
    assert correr("validar", "--estricto").codigo == 1


def test_cadena_circular_de_evaluadores(ejemplo):
    editar(ejemplo / "ciclos/2024/servidores/huaman-cardenas-luis.yaml", 'evaluador: "09000001"', 'evaluador: "30000001"')
    corrida = correr("validar")
    assert corrida.codigo == 1
    circulares = [l for l in corrida.lineas_error if "cadena circular" in l]
    assert circulares == [
        "datos/ciclos/2024/servidores/huaman-cardenas-luis.yaml:12:12: error: cadena circular de evaluadores: este "
        "servidor termina evaluándose a sí mismo a través de datos/ciclos/2024/servidores/rojas-tello-miguel.yaml:10:12 (5.3)"
    ]


def test_ciclo_sin_cronograma_cie_ni_junta_es_advertencia(ejemplo):
    ciclo = ejemplo / "ciclos/2024/ciclo.yaml"
    texto = ciclo.read_text(encoding="utf-8")
    ciclo.write_text(texto[: texto.index("cronograma:")] + texto[texto.index("dias_no_laborables:"): texto.index("cie:")],
                     encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores
    for esperado in ("advertencia: el ciclo no tiene «cronograma» (solo sirve como historial) (6.2)",
                     "advertencia: el ciclo no declara el Comité Institucional de Evaluación («cie») (6.3)",
                     "advertencia: el ciclo no declara la Junta de Directivos («junta») (7.5.2 b)"):
        assert f"{CICLO}:1:1: {esperado}" in corrida.lineas_error
