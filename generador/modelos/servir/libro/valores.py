"""Lo que el evaluador escribió en una celda para llenar, convertido al dato del registro.

Usa los lectores comunes de `generador/flujo/celdas.py` (número con coma o punto, porcentaje, fecha en las
formas peruanas, texto) y agrega los propios de los Anexos: nivel de logro (A–E), nivel de un compromiso
(1–4), peso, líneas (funciones, acciones), hitos («DD/MM/AAAA: descripción») y comportamientos («1. texto»).
Cada problema es un `ValorInvalido` cuyo mensaje dice qué se esperaba, sin repetir el dato.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ....flujo import celdas
from ....flujo.celdas import ValorInvalido
from ....limites import CONTROL, MAXIMOS_DECIMALES, fecha_admitida, mensaje_control
from .ficha import Ficha

_BULETA = re.compile(r"^\s*(?:[-•·*]|\d+[.)])\s+")
_HITO = re.compile(r"^\s*(\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2} de [^\W\d_]+ de \d{4})\s*[:\-–—]\s*(.+)$")
_COMPORTAMIENTO = re.compile(r"^\s*(\d{1,3})\s*[.:)\-–—]\s*(.+)$")


def texto(valor) -> str:
    """Un texto en NFC (la forma de los registros), sin caracteres de control invisibles."""
    limpio = unicodedata.normalize("NFC", celdas.texto(valor))
    invisible = CONTROL.search(limpio.replace("\t", " "))
    if invisible:
        raise ValorInvalido(mensaje_control(invisible.group()))
    return limpio


def lineas(valor) -> list[str]:
    """Una línea por elemento (funciones, acciones); las viñetas «- » o «1. » del inicio se quitan."""
    return [_BULETA.sub("", linea).strip() for linea in texto(valor).split("\n") if _BULETA.sub("", linea).strip()]


def fecha(valor):
    dia = celdas.fecha(valor)
    if not fecha_admitida(dia):
        raise ValorInvalido("la fecha debe estar entre 1900 y 2100")
    return dia


def cifra(valor: Decimal, admitido, fuera: str, nombre: str):
    """Un número del registro: entero si no tiene decimales (nunca con exponente), hasta 4 decimales;
    `admitido(valor)` dice si está en su rango y `fuera` es el mensaje si no lo está."""
    if not valor.is_finite():
        raise ValorInvalido("se esperaba un número")
    if not admitido(valor):   # antes de redondear: 1e30 no cabe en la precisión de Decimal
        raise ValorInvalido(fuera)
    valor = valor.quantize(Decimal(1)) if valor == valor.to_integral_value() else valor.normalize()
    if -valor.as_tuple().exponent > MAXIMOS_DECIMALES:
        raise ValorInvalido(f"{nombre} tiene más de {MAXIMOS_DECIMALES} decimales")
    return int(valor) if valor == valor.to_integral_value() else float(valor)


def alcanzado(valor, formato_celda: str):
    return cifra(celdas.porcentaje(valor, formato_celda), lambda v: 0 <= v <= 1000,
                 "el porcentaje alcanzado debe estar entre 0 y 1000", "el porcentaje alcanzado")


def peso(valor, formato_celda: str):
    return cifra(celdas.porcentaje(valor, formato_celda), lambda v: 0 < v <= 100,
                 "el peso debe ser mayor que 0 y hasta 100", "el peso")


def logro(valor, f: Ficha) -> str:
    letra = str(valor).strip().upper() if isinstance(valor, str) else None
    if letra not in f.valores:
        raise ValorInvalido(f"se esperaba un nivel de logro de {min(f.valores)} a {max(f.valores)}")
    return letra


def nivel(valor, f: Ficha) -> int:
    try:
        numero = celdas.numero(valor)
    except ValorInvalido:
        numero = None
    entero = numero is not None and numero.is_finite() and numero == numero.to_integral_value()
    if not entero or not 1 <= numero <= f.nivel_maximo:
        raise ValorInvalido(f"se esperaba un nivel del 1 al {f.nivel_maximo}")
    return int(numero)


def hitos(valor) -> list[dict]:
    resultado = []
    for linea in texto(valor).split("\n"):
        if not linea.strip():
            continue
        partes = _HITO.match(_BULETA.sub("", linea) if not _HITO.match(linea) else linea)
        if not partes:
            raise ValorInvalido("cada hito va en una línea, así: «DD/MM/AAAA: descripción»")
        resultado.append({"fecha": fecha(partes.group(1)), "descripcion": partes.group(2).strip()})
    return resultado


def comportamientos(valor, f: Ficha) -> dict[int, str]:
    resultado: dict[int, str] = {}
    for linea in texto(valor).split("\n"):
        if not linea.strip():
            continue
        partes = _COMPORTAMIENTO.match(linea)
        if not partes or not 1 <= int(partes.group(1)) <= f.nivel_maximo:
            raise ValorInvalido(f"cada comportamiento va en una línea con su nivel (1 a {f.nivel_maximo}), así: "
                                "«1. descripción»")
        if int(partes.group(1)) in resultado:
            raise ValorInvalido(f"el nivel {int(partes.group(1))} tiene dos comportamientos: deje uno por nivel")
        resultado[int(partes.group(1))] = partes.group(2).strip()
    return resultado


def convertir(tipo: str, crudo, formato_celda: str, f: Ficha):
    """El dato de una celda para llenar según su tipo (ver `plano.Entrada`)."""
    if tipo == "texto":
        return texto(crudo)
    if tipo == "lineas":
        return lineas(crudo)
    if tipo == "fecha":
        return fecha(crudo)
    if tipo == "alcanzado":
        return alcanzado(crudo, formato_celda)
    if tipo == "peso":
        return peso(crudo, formato_celda)
    if tipo == "logro":
        return logro(crudo, f)
    if tipo == "nivel":
        return nivel(crudo, f)
    if tipo == "hitos":
        return hitos(crudo)
    if tipo == "comportamientos":
        return comportamientos(crudo, f)
    raise ValueError(f"tipo de celda desconocido: {tipo}")


def igual(tipo: str, nuevo, actual) -> bool:
    """Si lo leído es lo mismo que el registro ya tiene (entonces no se cambia nada)."""
    if actual is None:
        return False
    if tipo in ("alcanzado", "peso", "nivel"):
        try:
            return Decimal(str(nuevo)) == Decimal(str(actual))
        except ArithmeticError:
            return False
    if tipo == "texto":
        try:
            return texto(actual) == nuevo
        except ValorInvalido:
            return False
    return nuevo == actual
