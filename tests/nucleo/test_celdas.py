"""Los lectores comunes de una celda de Excel (`generador/flujo/celdas.py`): lo que un evaluador escribe, leído
como dato del registro, o `ValorInvalido` con un mensaje que no repite el dato."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generador.flujo import celdas
from generador.flujo.celdas import Problemas, ValorInvalido


@pytest.mark.parametrize("valor, esperado", [
    (None, True), ("", True), ("   ", True), ("[Seleccione]", True), (" [Seleccione] ", True),
    ("x", False), (0, False), ("[dd/mmm/aaaa]", False),
])
def test_vacia(valor, esperado):
    assert celdas.vacia(valor) is esperado


def test_vacia_con_otros_marcadores_del_formato():
    assert celdas.vacia("[dd/mmm/aaaa]", ("[Seleccione]", "[dd/mmm/aaaa]"))
    assert not celdas.vacia("[Seleccione]", ("[dd/mmm/aaaa]",))


@pytest.mark.parametrize("valor, esperado", [
    (93, Decimal(93)), (93.5, Decimal("93.5")), (79.98, Decimal("79.98")), ("93,5", Decimal("93.5")),
    ("93.5", Decimal("93.5")), (" 1 234,5 ", Decimal("1234.5")), ("1.234,5", Decimal("1234.5")),
    ("1,234.5", Decimal("1234.5")), ("1.234.567", Decimal("1234567")), (",5", Decimal("0.5")), ("-3", Decimal(-3)),
    (Decimal("4.25"), Decimal("4.25")),
])
def test_numero(valor, esperado):
    assert celdas.numero(valor) == esperado


@pytest.mark.parametrize("valor", ["mucho", "93,5 %", True, float("nan"), float("inf"), dt.date(2025, 1, 1), "1e5"])
def test_numero_invalido(valor):
    with pytest.raises(ValorInvalido) as error:
        celdas.numero(valor)
    assert "número" in str(error.value)


@pytest.mark.parametrize("valor, formato, hasta_100, esperado", [
    (0.4, "0%", False, Decimal("40")), (0.335, "0%", False, Decimal("33.5")), ("40 %", "General", False, Decimal(40)),
    ("40%", "0%", False, Decimal(40)), (40, "General", False, Decimal(40)), (1, "0%", True, Decimal(100)),
    (40, "0%", True, Decimal(40)),      # 40 escrito sin el signo en una celda 0 %: son puntos, no 4000 %
    (40, "0%", False, Decimal(4000)),
])
def test_porcentaje(valor, formato, hasta_100, esperado):
    assert celdas.porcentaje(valor, formato, hasta_100=hasta_100) == esperado


@pytest.mark.parametrize("valor", [
    dt.date(2025, 7, 15), dt.datetime(2025, 7, 15, 0, 0), "15/07/2025", "15-07-2025", "15.07.2025", "2025-07-15",
    "15/07/25", "15/7/2025", "15-jul-2025", "15 jul 2025", "15 de julio de 2025", " 15 de Julio de 2025 ",
])
def test_fecha(valor):
    assert celdas.fecha(valor) == dt.date(2025, 7, 15)


def test_fecha_setiembre_a_la_peruana():
    assert celdas.fecha("3 de setiembre de 2025") == dt.date(2025, 9, 3)


@pytest.mark.parametrize("valor", ["32/13/2025", "mañana", 45853, "31 de febrero de 2025"])
def test_fecha_invalida(valor):
    with pytest.raises(ValorInvalido):
        celdas.fecha(valor)


@pytest.mark.parametrize("valor, esperado", [
    ("Sí", True), ("Si", True), ("SI", True), ("sí", True), ("X", True), (True, True), ("No", False), ("NO", False),
    (False, False), ("VERDADERO", True), ("FALSO", False),
])
def test_si_no(valor, esperado):
    assert celdas.si_no(valor) is esperado


def test_si_no_invalido():
    with pytest.raises(ValorInvalido):
        celdas.si_no("Quizá")


def test_texto():
    assert celdas.texto("  Curso   de  redacción \n  Taller  ") == "Curso de redacción\nTaller"
    assert celdas.texto(2025.0) == "2025"
    with pytest.raises(ValorInvalido):
        celdas.texto(dt.date(2025, 1, 1))


def test_problemas_dicen_archivo_hoja_y_celda():
    problemas = Problemas()
    assert not problemas
    problemas.agregar("a.xlsx", "Formato GDR 2025", "M21", "se esperaba un número")
    problemas.agregar("a.xlsx", "Formato GDR 2025", None, "la hoja no se puede leer")
    problemas.agregar("b.xlsx", None, None, "no se puede abrir")
    assert problemas
    assert problemas.lineas == ["a.xlsx:Formato GDR 2025!M21: se esperaba un número",
                                "a.xlsx:Formato GDR 2025: la hoja no se puede leer", "b.xlsx: no se puede abrir"]
