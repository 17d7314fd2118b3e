"""Propiedades del puntaje del modelo «gdr» (política «servir-2025») con `hypothesis`: miles de metas y registros
generados al azar, con cifras decimales como las que se escriben en el YAML.

- cada meta es la fórmula de F!N21 escrita aparte en esta prueba, exacta (reglas.md §4.1);
- el puntaje nunca baja si sube lo alcanzado de una meta ascendente o si baja el de una descendente;
- cada meta está entre 0 y 120 × G (tope_meta) y la puntuación final entre 0 y 120;
- la puntuación final es la suma exacta de las fracciones de las metas, y la impresa es ROUND_HALF_UP a dos
  decimales de esa suma exacta (no de las partes impresas);
- la calificación cambia exactamente en los umbrales (70 directivo, 60 los demás, 100 distinguido con la Junta),
  sobre el valor exacto: una diezmilésima, o menos, por debajo ya no alcanza.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import politica_de_prueba
from generador.carga import Documento
from generador.modelos.gdr import reglas, resultados
from generador.repositorio import Ciclo, Registro

POLITICA = politica_de_prueba("servir-2025")
SEGMENTOS = ("directivo", "mando_medio", "ejecutor", "operador_asistencia")
UMBRAL = {"directivo": 70, "mando_medio": 60, "ejecutor": 60, "operador_asistencia": 60}

esperados = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"), places=4)
alcanzados = st.decimals(min_value=Decimal("0"), max_value=Decimal("300000"), places=4)
pesos = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2)
sentidos = st.sampled_from(reglas.SENTIDOS)


def _hoja(sentido: str, f: Decimal, m: Decimal, peso: Decimal) -> Fraction:
    """F!N21 tal como está en la hoja, en fracciones: primero el tope, después la regla del cero."""
    f, m, g = Fraction(f), Fraction(m), Fraction(peso) / 100
    bruto = (m / f) * 100 * g if sentido == "ascendente" else ((1 - (m / f)) + 1) * 100 * g
    if bruto > g * 120:
        return g * 120
    if sentido == "ascendente":
        return bruto
    if m > f * 2:
        return Fraction(0)
    return bruto


def _redondeo_a_centesimos(valor: Fraction) -> Decimal:
    """ROUND_HALF_UP a dos decimales hecho aparte: piso(100·x + 1/2) / 100 (valores ≥ 0)."""
    centesimos = (valor * 100 + Fraction(1, 2)).__floor__()
    return (Decimal(centesimos) / 100).quantize(Decimal("0.01"))


# --- Cada meta ------------------------------------------------------------------------------------------------

@settings(max_examples=1000, deadline=None)
@given(sentidos, esperados, alcanzados, pesos)
def test_cada_meta_es_la_formula_de_la_hoja(sentido, esperado, alcanzado, peso):
    puntaje = reglas.puntaje_meta(POLITICA, sentido, esperado, alcanzado, peso)
    assert isinstance(puntaje, Fraction)
    assert puntaje == _hoja(sentido, esperado, alcanzado, peso)


@settings(max_examples=1000, deadline=None)
@given(sentidos, esperados, alcanzados, pesos)
def test_cada_meta_esta_entre_0_y_120_por_su_peso(sentido, esperado, alcanzado, peso):
    puntaje = reglas.puntaje_meta(POLITICA, sentido, esperado, alcanzado, peso)
    assert 0 <= puntaje <= reglas.tope_meta(POLITICA, peso) == Fraction(peso) * 120 / 100


@settings(max_examples=1000, deadline=None)
@given(sentidos, esperados, alcanzados, alcanzados, pesos)
def test_el_puntaje_nunca_baja_si_lo_alcanzado_mejora(sentido, esperado, uno, otro, peso):
    menor, mayor = sorted((uno, otro))
    con_menor = reglas.puntaje_meta(POLITICA, sentido, esperado, menor, peso)
    con_mayor = reglas.puntaje_meta(POLITICA, sentido, esperado, mayor, peso)
    if sentido == reglas.ASCENDENTE:
        assert con_mayor >= con_menor
    else:  # descendente: lo deseable es menos
        assert con_menor >= con_mayor


@settings(deadline=None)
@given(esperados, pesos, st.fractions(min_value=0, max_value=Fraction(6, 5)))
def test_ascendente_hasta_el_tope_es_proporcional(esperado, peso, razon):
    alcanzado = Fraction(esperado) * razon
    puntaje = reglas.puntaje_meta(POLITICA, reglas.ASCENDENTE, esperado, alcanzado, peso)
    assert puntaje == razon * Fraction(peso)


# --- Cada registro ----------------------------------------------------------------------------------------------

@st.composite
def metas(draw, minimo: int = 1):
    """De 1 a 5 metas con pesos (dos decimales) que suman exactamente 100."""
    n = draw(st.integers(minimo, 5))
    cortes = sorted(draw(st.lists(st.integers(1, 9999), min_size=n - 1, max_size=n - 1, unique=True)))
    limites = [0, *cortes, 10000]
    lista = []
    for k in range(n):
        lista.append({
            "indicador": f"Meta {k + 1}",
            "sentido": draw(sentidos),
            "valor_esperado": draw(esperados),
            "peso": Decimal(limites[k + 1] - limites[k]) / 100,
            "valor_alcanzado": draw(alcanzados),
        })
    return lista


def _ciclo(designados=()) -> Ciclo:
    datos = {
        "nombre": "Ciclo de prueba", "inicio": dt.date(2025, 2, 3), "fin": dt.date(2026, 1, 31),
        "cronograma": [
            {"etapa": "planificacion", "inicio": dt.date(2025, 2, 3), "fin": dt.date(2025, 3, 31)},
            {"etapa": "seguimiento", "inicio": dt.date(2025, 4, 1), "fin": dt.date(2025, 11, 30)},
            {"etapa": "evaluacion", "inicio": dt.date(2025, 12, 1), "fin": dt.date(2026, 1, 31)},
        ],
        "junta": {"designados": list(designados)},
    }
    return Ciclo(carpeta="2025", ruta=Path("ciclos/2025"), doc=None, valido=True, datos=datos, politica=POLITICA)


def _resultado(lista: list[dict], segmento: str = "ejecutor", designado: bool = False) -> resultados.Resultado:
    datos = {
        "servidor": {"nombres": "Ana", "apellidos": "Prueba", "documento": "10000001", "segmento": segmento,
                     "puesto": "Analista", "organo": "DIO", "fecha_inicio_puesto": dt.date(2019, 4, 1)},
        "evaluador": "09999999",
        "fijacion_metas": {"asistio": True, "fecha": dt.date(2025, 3, 10)},
        "metas": lista,
        "evidencias": {"presento": True},
    }
    registro = Registro(Documento("prueba.yaml", datos, ""), True, "servidor")
    return resultados.calcular_registro(_ciclo(["10000001"] if designado else []), registro)


@settings(max_examples=300, deadline=None)
@given(metas())
def test_la_puntuacion_final_es_la_suma_exacta_de_las_metas(lista):
    resultado = _resultado(lista)
    esperadas = [_hoja(m["sentido"], m["valor_esperado"], m["valor_alcanzado"], m["peso"]) for m in lista]
    assert [m.puntaje for m in resultado.metas] == esperadas
    assert resultado.total == sum(esperadas, Fraction(0))
    assert 0 <= resultado.total <= 120


@settings(max_examples=300, deadline=None)
@given(metas())
def test_la_puntuacion_impresa_es_el_redondeo_de_la_suma_exacta(lista):
    resultado = _resultado(lista)
    impreso = resultado.total_impreso()
    assert impreso == _redondeo_a_centesimos(resultado.total)
    assert impreso.as_tuple().exponent == -2
    assert resultado.puntajes_impresos() == [_redondeo_a_centesimos(m.puntaje) for m in resultado.metas]


@settings(max_examples=300, deadline=None)
@given(metas(), st.integers(0, 4), alcanzados, st.sampled_from(SEGMENTOS))
def test_el_total_nunca_baja_si_una_meta_mejora(lista, cual, otro, segmento):
    meta = lista[cual % len(lista)]
    antes = _resultado(lista, segmento)
    mejora = otro > meta["valor_alcanzado"] if meta["sentido"] == reglas.ASCENDENTE else otro < meta["valor_alcanzado"]
    assume(mejora)
    meta["valor_alcanzado"] = otro
    despues = _resultado(lista, segmento)
    assert despues.total >= antes.total
    orden = ["sujeto_a_observacion", "buen_rendimiento"]
    assert orden.index(despues.calificacion) >= orden.index(antes.calificacion)


@settings(max_examples=300, deadline=None)
@given(metas(), st.sampled_from(SEGMENTOS), st.booleans())
def test_la_calificacion_se_decide_sobre_el_total_exacto(lista, segmento, designado):
    resultado = _resultado(lista, segmento, designado)
    total = resultado.total
    if designado and total >= 100:
        esperada = "rendimiento_distinguido"
    elif total >= UMBRAL[segmento]:
        esperada = "buen_rendimiento"
    else:
        esperada = "sujeto_a_observacion"
    assert resultado.calificacion == esperada
    assert resultado.candidato is (total >= 100)


# --- Los umbrales, exactamente -----------------------------------------------------------------------------------

distancias = st.fractions(min_value=Fraction(-1, 10), max_value=Fraction(1, 10), max_denominator=10 ** 12)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(SEGMENTOS), distancias, st.booleans())
def test_la_calificacion_cambia_justo_en_el_umbral_de_buen_rendimiento(segmento, distancia, designado):
    total = UMBRAL[segmento] + distancia
    calificacion = reglas.calificacion_por_puntaje(POLITICA, segmento, total, designado)
    assert calificacion == ("buen_rendimiento" if distancia >= 0 else "sujeto_a_observacion")


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(SEGMENTOS), distancias, st.booleans())
def test_la_junta_solo_otorga_distinguido_desde_100(segmento, distancia, designado):
    total = 100 + distancia
    calificacion = reglas.calificacion_por_puntaje(POLITICA, segmento, total, designado)
    assert calificacion == ("rendimiento_distinguido" if designado and distancia >= 0 else "buen_rendimiento")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEGMENTOS), st.integers(1, 10 ** 6), st.integers(0, 2), st.booleans())
def test_un_registro_en_el_umbral_o_una_fraccion_debajo(segmento, unidades, lado, designado):
    """Una meta de 100 % con valor esperado F = unidades/10⁴ y valor alcanzado M = F × umbral/100 da el umbral
    exacto; una diezmilésima menos de M queda debajo aunque se imprima igual o redondeado hacia arriba."""
    umbral = 100 if designado else UMBRAL[segmento]
    esperado = Decimal(unidades) / 10000
    alcanzado = esperado * umbral / 100 - [0, Decimal("0.0001"), 0][lado]
    if lado == 2:
        alcanzado += Decimal("0.0001")
    assume(alcanzado >= 0)
    resultado = _resultado([{"indicador": "Meta", "sentido": "ascendente", "valor_esperado": esperado, "peso": 100,
                             "valor_alcanzado": alcanzado}], segmento, designado)
    alcanza = lado != 1
    assert (resultado.total == umbral) is (lado == 0)
    assert (resultado.total >= umbral) is alcanza
    if alcanza:
        esperada = "rendimiento_distinguido" if designado else "buen_rendimiento"
    else:  # debajo del 100 de la Junta puede quedar aún el buen rendimiento del segmento
        esperada = "buen_rendimiento" if designado and resultado.total >= UMBRAL[segmento] else "sujeto_a_observacion"
    assert resultado.calificacion == esperada


@settings(deadline=None)
@given(st.sampled_from(SEGMENTOS), st.fractions(min_value=0, max_value=Fraction(1, 200), max_denominator=10 ** 9))
def test_una_cifra_impresa_que_alcanza_el_umbral_sin_alcanzarlo_lo_dice(segmento, falta):
    """reglas §4.2, punto 4: si el total impreso llega al umbral y el exacto no, `umbrales_ocultos` lo nombra."""
    assume(falta > 0)
    total = UMBRAL[segmento] - falta
    ocultos = reglas.umbrales_ocultos(POLITICA, segmento, total)
    assert ocultos == [UMBRAL[segmento]]
    assert reglas.calificacion_por_puntaje(POLITICA, segmento, total, False) == "sujeto_a_observacion"
