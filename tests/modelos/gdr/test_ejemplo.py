"""La entidad de ejemplo de servir-2025 (datos/servir-2025): cada caso que la política debe mostrar está, y da
lo que su comentario dice."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

from conftest import correr


def _por_documento(corrida) -> dict[str, dict]:
    assert corrida.codigo == 0, corrida.errores
    return {fila["documento"]: fila for fila in json.loads(corrida.salida, parse_float=Decimal)}


def test_el_ejemplo_valida_con_una_sola_advertencia_explicada(servir2025):
    corrida = correr("validar", "--datos", "servir-2025")
    assert corrida.codigo == 0, corrida.errores
    advertencias = [l for l in corrida.lineas_error if ": advertencia: " in l]
    assert len(advertencias) == 1 and "condori-mamani-nelly.yaml" in advertencias[0], advertencias
    assert "cae fuera de la etapa de planificación" in advertencias[0]


def test_el_ejemplo_tiene_cada_caso_de_la_politica(servir2025):
    filas = _por_documento(correr("calificar", "--datos", "servir-2025", "--formato", "json"))
    assert len(filas) == 32
    assert Counter(f["segmento"] for f in filas.values()) == {"directivo": 7, "mando_medio": 6, "ejecutor": 12,
                                                               "operador_asistencia": 7}
    assert Counter(f["calificacion"] for f in filas.values()) == {
        "buen_rendimiento": 25, "sujeto_a_observacion": 3, "desaprobado": 2, "no_corresponde": 1,
        "rendimiento_distinguido": 1}
    # El directivo del caso E10: 70.00 impreso, 69.9958… exacto, sujeto a observación, con su nota.
    e10 = filas["08917345"]
    assert (e10["segmento"], str(e10["puntaje_final"]), e10["calificacion"]) == ("directivo", "70.00", "sujeto_a_observacion")
    assert e10["puntaje_final_exacto"] == "16799/240"
    assert e10["nota"].startswith("la puntuación 70.00 está redondeada; el valor exacto 69.9958… no alcanza el umbral 70")
    # Un desaprobado por cada causa automática; el que no presentó evidencias no tiene puntaje.
    assert filas["29873415"]["calificacion"] == "desaprobado" and filas["29873415"]["puntaje_final"] is not None
    assert filas["41890376"]["calificacion"] == "desaprobado" and filas["41890376"]["puntaje_final"] is None
    # «No corresponde» con puntaje calculado; el distinguido designado y el candidato que no lo fue.
    assert filas["45029871"]["calificacion"] == "no_corresponde" and not filas["45029871"]["candidato_distinguido"]
    assert filas["44280937"]["calificacion"] == "rendimiento_distinguido" and filas["44280937"]["designado"]
    assert filas["47712354"]["candidato_distinguido"] and filas["47712354"]["calificacion"] == "buen_rendimiento"


def test_cada_puntaje_del_ejemplo_se_relee_a_mano(servir2025):
    """El total impreso es la suma exacta redondeada: difiere de la suma de lo impreso en menos de un céntimo por meta."""
    from fractions import Fraction
    for fila in _por_documento(correr("calificar", "--datos", "servir-2025", "--formato", "json")).values():
        if fila["puntaje_final"] is None:
            continue
        partes = [Decimal(str(p)) for p in fila["puntajes_metas"]]
        total = Decimal(str(fila["puntaje_final"]))
        assert abs(sum(partes) - total) <= Decimal("0.005") * len(partes), fila["documento"]
        num, _, den = fila["puntaje_final_exacto"].partition("/")
        exacto = Fraction(int(num), int(den or 1))
        assert abs(Fraction(total) - exacto) <= Fraction(1, 200), fila["documento"]
