"""Entradas malas de la política «servir-2025» (reglas.md §1 a §10): cada una sobre una copia de los casos de
tests/datos/servir-2025-casos/, con su mensaje exacto en `archivo:línea:columna` y su referencia.

Los errores hacen salir `generador validar` con 1; las advertencias (reglas de fuentes secundarias, o que la ORH
debe confirmar) con 0. Ninguna termina en una traza de Python.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PRUEBAS, correr, editar, linea_de

CASOS = PRUEBAS / "datos" / "servir-2025-casos"
CICLO = "datos/ciclos/2025/ciclo.yaml"
S = "datos/ciclos/2025/servidores/"
E01A, E02, E03, E05, E14 = (S + f"{c}.yaml" for c in ("e01a", "e02", "e03", "e05", "e14"))

SEIS_METAS = "metas:\n" + "".join(
    f"  - {{indicador: Meta {k}, sentido: ascendente, valor_esperado: 10, peso: {peso}, valor_alcanzado: 10}}\n"
    for k, peso in enumerate((20, 20, 15, 15, 15, 15), 1))


def _metas_por(ruta: str, nuevo: str) -> None:
    """Reemplaza el bloque «metas:» entero (hasta «seguimiento:») por `nuevo`."""
    archivo = Path(ruta)
    texto = archivo.read_text(encoding="utf-8")
    texto, n = re.subn(r"(?ms)^metas:\n.*?(?=^seguimiento:)", nuevo, texto)
    assert n == 1
    archivo.write_text(texto, encoding="utf-8")


def _donde(ruta: str, texto: str, valor: str | None = None, *, linea_exacta: bool = False) -> str:
    """«ruta:línea:columna»: la línea única con `texto` (o igual a `texto`) y la columna donde empieza `valor`."""
    lineas = Path(ruta).read_text(encoding="utf-8").splitlines()
    if linea_exacta:
        assert lineas.count(texto) == 1, texto
        numero = lineas.index(texto) + 1
    else:
        numero = linea_de(Path(ruta), texto)
    return f"{ruta}:{numero}:{lineas[numero - 1].index(valor if valor is not None else texto) + 1}"


# (id, ediciones [(archivo, viejo, nuevo) o función], (archivo, texto de la línea, valor), mensaje)
ERRORES = [
    ("reunión de fijación registrada y ninguna meta",
     [lambda: _metas_por(E01A, ""), (E01A, "evaluacion:\n  fecha_notificacion: 2026-01-20\n", "")],
     (E01A, "  fecha: 2025-03-10", "2025"),
     "la reunión de fijación de metas está registrada pero el registro no tiene metas (de 1 a 5) (F!B21; I!C5)"),
    ("lista de metas vacía", [lambda: _metas_por(E01A, "metas: []\n"), (E01A, "evaluacion:\n  fecha_notificacion: 2026-01-20\n", "")],
     (E01A, "metas: []", None),
     "el servidor tiene cero metas; deben ser de 1 a 5 (el formato tiene cinco bloques) (F!B21…B29; I!C5)"),
    ("seis metas", [lambda: _metas_por(E01A, SEIS_METAS)], (E01A, "metas:", None),
     "el servidor tiene seis metas; deben ser de 1 a 5 (el formato tiene cinco bloques) (F!B21…B29; I!C5)"),
    ("sentido «subida»", [(E02, "sentido: descendente", "sentido: subida")], (E02, "sentido: subida", "subida"),
     "meta 1: sentido «subida» desconocido; escriba ascendente o descendente (la hoja calcularía cualquier otro "
     "texto como descendente) (F!E21; I!E29)"),
    ("valor esperado 0", [(E02, "valor_esperado: 10\n", "valor_esperado: 0\n")], (E02, "valor_esperado: 0", "0"),
     "meta 1: el valor esperado debe ser mayor que 0 (la hoja dejaría esta meta fuera del total sin avisar) "
     "(I!E30; F!N21)"),
    ("valor esperado negativo", [(E02, "valor_esperado: 100", "valor_esperado: -100")],
     (E02, "valor_esperado: -100", "-100"),
     "meta 2: el valor esperado debe ser mayor que 0 (la hoja dejaría esta meta fuera del total sin avisar) "
     "(I!E30; F!N21)"),
    ("valor alcanzado negativo", [(E02, "valor_alcanzado: 80", "valor_alcanzado: -0.5")],
     (E02, "valor_alcanzado: -0.5", "-0.5"),
     "meta 2: el valor alcanzado no puede ser negativo (F!M21; I!E44)"),
    ("una meta sin valor alcanzado y las otras con él", [(E02, "    valor_alcanzado: 80\n", "")],
     (E02, "  - indicador: Porcentaje de expedientes atendidos", "indicador"),
     "meta 2: falta el valor alcanzado y las otras metas ya lo tienen (la hoja la contaría como 0) (F!M21; F!D35)"),
    ("peso 0", [(E05, "peso: 40", "peso: 100"), (E05, "peso: 60", "peso: 0")], (E05, "peso: 0", "0"),
     "meta 2: el peso debe ser mayor que 0 (reglas §3.3 (sin fuente))"),
    ("peso negativo", [(E05, "peso: 40", "peso: 110"), (E05, "peso: 60", "peso: -10")], (E05, "peso: -10", "-10"),
     "meta 2: el peso debe ser mayor que 0 (reglas §3.3 (sin fuente))"),
    ("texto en el valor esperado", [(E02, "valor_esperado: 10\n", "valor_esperado: diez\n")],
     (E02, "valor_esperado: diez", "diez"), "«valor_esperado» debe ser un número (F!F21; I!E30)"),
    ("texto en el peso", [(E05, "peso: 60", 'peso: "60 %"')], (E05, 'peso: "60 %"', '"'),
     "«peso» debe ser un número (F!G21; I!E31)"),
    ("evaluador desconocido", [(E02, 'evaluador: "09999999"', 'evaluador: "39999999"')],
     (E02, 'evaluador: "39999999"', '"'),
     "el evaluador no es un servidor del ciclo ni está en «evaluadores_externos» de ciclo.yaml (F!K11)"),
    ("autoevaluación", [(E02, 'evaluador: "09999999"', 'evaluador: "10000200"')], (E02, 'evaluador: "10000200"', '"'),
     "nadie se evalúa a sí mismo: el evaluador es el propio servidor (F!K11)"),
    ("evaluador ejecutor", [(E02, 'evaluador: "09999999"', 'evaluador: "10000101"')], (E02, 'evaluador: "10000101"', '"'),
     "el evaluador es del segmento «ejecutor»; solo evalúan: directivo, mando_medio (F!K11)"),
    ("etapa de evaluación hasta el 15 de febrero",
     [(CICLO, "{etapa: evaluacion, inicio: 2025-12-01, fin: 2026-01-31}", "{etapa: evaluacion, inicio: 2025-12-01, fin: 2026-02-15}"),
      (CICLO, "  fin: 2026-01-31", "  fin: 2026-02-15")],
     (CICLO, "etapa: evaluacion", "2026-02-15"),
     "la etapa de evaluación termina el 15/02/2026: se prolonga como máximo hasta el 31/01/2026 (el año siguiente al "
     "del seguimiento) (D2020 6.1.3)"),
    ("permanencia declarada contra la fecha de inicio en el puesto",
     [(E14, "permanencia: menos_de_seis_meses", "permanencia: seis_meses_o_mas")],
     (E14, "permanencia: seis_meses_o_mas", "seis"),
     "la ORH dice que tiene seis meses en el puesto, pero desde el 15/07/2025 no se cumplen antes del inicio de la "
     "etapa de evaluación (se cumplirían el 15/01/2026) (F!B34; I!E49)"),
    ("permanencia declarada de menos de seis meses a quien los tiene",
     [(E01A, "  fecha_notificacion: 2026-01-20\n", "  fecha_notificacion: 2026-01-20\n  permanencia: menos_de_seis_meses\n")],
     (E01A, "permanencia: menos_de_seis_meses", "menos"),
     "la ORH dice que no tiene seis meses en el puesto, pero desde el 01/04/2019 se cumplen antes del inicio de la "
     "etapa de evaluación (se cumplirían el 01/10/2019) (F!B34; I!E49)"),
    ("sujeto a observación sin acción de capacitación",
     [(E03, "  acciones_capacitacion: [Curso de gestión por resultados]\n", "")],
     (E03, "retroalimentacion:", None),
     "un servidor con rendimiento sujeto a observación necesita al menos una acción de capacitación "
     "(«acciones_capacitacion») (F!I35 (comentario); I!E56)"),
    ("miembro de la Junta desconocido", [(CICLO, "  fecha: 2026-01-26\n", '  fecha: 2026-01-26\n  miembros: ["11111111"]\n')],
     (CICLO, 'miembros: ["11111111"]', '"'),
     "no corresponde a ningún servidor ni evaluador externo de este ciclo (F!G35; I!E55)"),
    ("retroalimentación antes de la notificación", [(E02, "  fecha: 2026-01-27", "  fecha: 2026-01-15")],
     (E02, "  fecha: 2026-01-15", "2026"),
     "la retroalimentación final (15/01/2026) es anterior a la notificación de la calificación (20/01/2026): va "
     "después (I!E57)"),
]


def _aplicar(ediciones) -> None:
    for edicion in ediciones:
        if callable(edicion):
            edicion()
        else:
            editar(Path(edicion[0]), edicion[1], edicion[2])


@pytest.mark.parametrize("ediciones, donde, mensaje", [pytest.param(*e[1:], id=e[0]) for e in ERRORES])
def test_error(casos, ediciones, donde, mensaje):
    _aplicar(ediciones)
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 1, corrida.errores
    assert "Traceback" not in corrida.errores
    prefijo = f"{_donde(*donde, linea_exacta=donde[1] in ('metas:', 'retroalimentacion:'))}: error: "
    errores = [linea for linea in corrida.lineas_error if ": error: " in linea]
    assert prefijo + mensaje in errores, errores
    calificar = correr("calificar", "--datos", "datos", "--formato", "json")
    assert calificar.codigo == 1 and calificar.salida == ""
    assert "Traceback" not in calificar.errores


# (id, ediciones, (archivo, texto de la línea, valor), mensaje)
ADVERTENCIAS = [
    ("cupo de distinguidos excedido", [(CICLO, '    - "10001201"   # E12a', '    - "10001201"   # E12a\n    - "10009001"')],
     (CICLO, "  designados:", "designados"),
     "la Junta designó tres distinguidos; el cupo es 2 (10 % de 19 servidores notificados) "
     "(INDECI DistinguishedPerformanceQuotaPolicy (sin fuente primaria))"),
    ("solicitud al CIE pasados cinco días hábiles",
     [(E02, "  fecha: 2026-01-27\n", "  fecha: 2026-01-27\nconfirmacion:\n  fecha_solicitud: 2026-02-04\n"
                                     "  resultado: confirma\n  fecha_resultado: 2026-02-10\n")],
     (E02, "fecha_solicitud:", "2026"),
     "la solicitud de confirmación (04/02/2026) llega después del plazo de cinco días hábiles desde la "
     "retroalimentación final: vencía el 03/02/2026 (INDECI «Art. 41» (sin fuente primaria))"),
    ("seguimiento de menos de seis meses calendario",
     [(CICLO, "{etapa: seguimiento, inicio: 2025-04-01, fin: 2025-11-30}", "{etapa: seguimiento, inicio: 2025-04-01, fin: 2025-09-29}")],
     (CICLO, "etapa: seguimiento", "2025-09-29"),
     "la etapa de seguimiento dura menos de seis meses calendario (reglas §10 (INDECI VAL-01, sin fuente primaria))"),
    ("CIE convocado pasados tres días hábiles (E20b)",
     [(E02, "  fecha: 2026-01-27\n", "  fecha: 2026-01-27\nconfirmacion:\n  fecha_solicitud: 2026-01-28\n"
                                     "  fecha_recepcion: 2026-01-30\n  fecha_convocatoria: 2026-02-05\n"
                                     "  resultado: confirma\n  fecha_resultado: 2026-02-10\n")],
     (E02, "fecha_convocatoria:", "2026"),
     "el CIE se convoca el 05/02/2026; el plazo de tres días hábiles desde que recibió el caso vencía el 04/02/2026 "
     "(INDECI «Art. 42» (sin fuente primaria))"),
    ("acción de capacitación fuera de los seis meses (E20c)",
     [(E03, "  acciones_capacitacion: [Curso de gestión por resultados]",
       "  acciones_capacitacion: [{accion: Curso de gestión por resultados, fecha: 2026-07-21}]")],
     (E03, "acciones_capacitacion:", "2026"),
     "la acción de capacitación (21/07/2026) pasa el plazo de seis meses: el 20/07/2026, contado desde el día "
     "siguiente de la notificación; desde la retroalimentación final sería el 26/07/2026 (F!I35 (comentario); I!E56)"),
    ("miembro de la Junta candidato a distinguido", [(CICLO, "  fecha: 2026-01-26\n", '  fecha: 2026-01-26\n  miembros: ["10000102"]\n')],
     (CICLO, 'miembros: ["10000102"]', '"'),
     "un miembro de la Junta es candidato a Rendimiento Distinguido (en la directiva de 2015 ningún miembro podía "
     "serlo; no hay fuente de 2025) (reglas §6)"),
    ("retroalimentación después de la etapa de evaluación", [(E02, "  fecha: 2026-01-27", "  fecha: 2026-02-03")],
     (E02, "  fecha: 2026-02-03", "2026"),
     "la retroalimentación final (03/02/2026) es posterior al fin de la etapa de evaluación (01/12/2025 al "
     "31/01/2026) (F!B38; D2020 6.1.3)"),
    ("notificación antes de la etapa de evaluación", [(E02, "  fecha_notificacion: 2026-01-20", "  fecha_notificacion: 2025-11-28")],
     (E02, "  fecha_notificacion: 2025-11-28", "2025"),
     "la notificación (28/11/2025) es anterior al inicio de la etapa de evaluación (01/12/2025 al 31/01/2026) "
     "(F!B38; D2020 6.1.3)"),
    ("notificado sin consentimiento", [(E02, "notificacion: {consentimiento: true}\n", "")],
     (E02, "fecha_notificacion:", "2026"),
     "calificación notificada sin consentimiento de notificación por correo registrado («notificacion») (F!C13)"),
]


@pytest.mark.parametrize("ediciones, donde, mensaje", [pytest.param(*e[1:], id=e[0]) for e in ADVERTENCIAS])
def test_advertencia(casos, ediciones, donde, mensaje):
    _aplicar(ediciones)
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 0, corrida.errores
    assert "Traceback" not in corrida.errores
    assert f"{_donde(*donde)}: advertencia: {mensaje}" in corrida.lineas_error, corrida.errores
    assert corrida.lineas_error[-2] == "0 errores, 2 advertencias"  # la suya y la de E15b (test_casos.py)
    assert correr("calificar", "--datos", "datos", "--formato", "json").codigo == 0
    assert correr("calificar", "--datos", "datos", "--estricto").codigo == 1


def test_solicitud_al_cie_el_quinto_dia_habil_no_advierte(casos):
    """El 03/02/2026 es el quinto día hábil después del martes 27/01/2026 (28, 29, 30, 2 y 3): aún a tiempo."""
    editar(Path(E02), "  fecha: 2026-01-27\n", "  fecha: 2026-01-27\nconfirmacion:\n  fecha_solicitud: 2026-02-03\n"
                                                "  resultado: confirma\n  fecha_resultado: 2026-02-10\n")
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 0 and "confirmación" not in corrida.errores
    assert corrida.lineas_error[-2] == "0 errores, 1 advertencia"


def test_acciones_y_convocatoria_el_ultimo_dia_del_plazo_no_advierten(casos):
    """E20c: la acción del 20/07/2026 está en plazo (desde el 21/01/2026, día siguiente de la notificación);
    E20b: convocar el 04/02/2026 un caso recibido el viernes 30/01/2026 está en plazo (2, 3 y 4 de febrero)."""
    editar(Path(E03), "  acciones_capacitacion: [Curso de gestión por resultados]",
           "  acciones_capacitacion: [{accion: Curso de gestión por resultados, fecha: 2026-07-20}]")
    editar(Path(E02), "  fecha: 2026-01-27\n", "  fecha: 2026-01-27\nconfirmacion:\n  fecha_solicitud: 2026-01-28\n"
                                                "  fecha_recepcion: 2026-01-30\n  fecha_convocatoria: 2026-02-04\n"
                                                "  resultado: confirma\n  fecha_resultado: 2026-02-10\n")
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[-2] == "0 errores, 1 advertencia"
