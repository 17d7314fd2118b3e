"""Propiedades del puntaje: siempre entre 0 y 100, nunca baja si sube un logro o un alcance,
y cada total se vuelve a sumar a mano a partir de sus partes impresas."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from generador.diagnosticos import Informe, Ubicacion
from generador.politica import cargar_politica
from generador.modelos.servir.reglas.puntaje import calcular_puntaje

POLITICA = cargar_politica("imarpe-2018", Informe(), Ubicacion("prueba"))
NIVELES = "EDCBA"  # de peor a mejor
SEGMENTOS = ["directivo", "mando_medio", "ejecutor", "operador_asistencia"]
PESOS = {"directivo": (0, 100), "mando_medio": (30, 70), "ejecutor": (30, 70), "operador_asistencia": (40, 60)}


@st.composite
def pesos_que_suman_100(draw):
    """Entre 1 y 5 pesos positivos con dos decimales que suman exactamente 100."""
    n = draw(st.integers(1, 5))
    cortes = sorted(draw(st.lists(st.integers(1, 9999), min_size=n - 1, max_size=n - 1, unique=True)))
    bordes = [0, *cortes, 10000]
    return [Decimal(b - a) / 100 for a, b in zip(bordes, bordes[1:])]


@st.composite
def registro(draw):
    segmento = draw(st.sampled_from(SEGMENTOS))
    individuales = [{"peso": p, "logro": draw(st.sampled_from(NIVELES))} for p in draw(pesos_que_suman_100())]
    grupales = []
    if segmento != "directivo":
        alcance = st.decimals(min_value=0, max_value=150, places=2)
        grupales = [{"peso": p, "alcanzado": draw(alcance)} for p in draw(pesos_que_suman_100())]
    return segmento, grupales, individuales


def puntaje(segmento, grupales, individuales):
    grupal, individual = PESOS[segmento]
    return calcular_puntaje(POLITICA, segmento, {"grupales": grupal, "individuales": individual}, grupales, individuales)


@settings(max_examples=300, deadline=None)
@given(registro())
def test_puntaje_entre_0_y_100_y_se_suma_a_mano(datos):
    resultado = puntaje(*datos)
    assert Decimal(0) <= resultado.puntaje_final <= Decimal(100)
    assert resultado.puntaje_final == resultado.subtotal_grupal + resultado.subtotal_individual
    assert resultado.puntaje_individual == sum(resultado.puntajes_individuales)
    if resultado.puntaje_grupal is not None:
        assert resultado.puntaje_grupal == sum(resultado.puntuaciones_grupales)
    for cifra in (resultado.puntaje_final, resultado.subtotal_grupal, resultado.subtotal_individual):
        assert cifra == cifra.quantize(Decimal("0.01"))


@settings(max_examples=300, deadline=None)
@given(registro(), st.data())
def test_subir_un_logro_nunca_baja_el_puntaje(datos, extra):
    segmento, grupales, individuales = datos
    antes = puntaje(segmento, grupales, individuales).puntaje_final
    i = extra.draw(st.integers(0, len(individuales) - 1))
    actual = NIVELES.index(individuales[i]["logro"])
    mejor = extra.draw(st.sampled_from(NIVELES[actual:]))
    mejorados = [dict(m) for m in individuales]
    mejorados[i]["logro"] = mejor
    assert puntaje(segmento, grupales, mejorados).puntaje_final >= antes


@settings(max_examples=300, deadline=None)
@given(registro().filter(lambda d: d[1]), st.data())
def test_subir_un_alcance_nunca_baja_el_puntaje(datos, extra):
    segmento, grupales, individuales = datos
    antes = puntaje(segmento, grupales, individuales).puntaje_final
    i = extra.draw(st.integers(0, len(grupales) - 1))
    aumento = extra.draw(st.decimals(min_value=0, max_value=100, places=2))
    mejorados = [dict(m) for m in grupales]
    mejorados[i]["alcanzado"] += aumento
    assert puntaje(segmento, mejorados, individuales).puntaje_final >= antes
