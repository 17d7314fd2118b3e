"""Lo que un evaluador escribe en una celda de Excel, leído como dato: común a los libros que vuelven llenos
(`generador importar-formatos`) de cualquier modelo.

Excel guarda lo que se tipea de muchas formas: 40 % como 0.4 (con formato de porcentaje) o como 40; 93,5 con
coma decimal como texto; una fecha como fecha o como el texto «15/07/2025»; «Sí» con o sin tilde. Cada
función acepta esas formas, devuelve el dato en la forma del registro (Decimal, date, bool, str) y, si no
puede, levanta `ValorInvalido` con un mensaje que dice qué se esperaba sin repetir el dato (puede ser personal).
Los problemas de un lote se juntan en `Problemas`, cada uno como `archivo.xlsx:Hoja!Celda: mensaje`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .columnas import ValorInvalido

__all__ = ["Problemas", "ValorInvalido", "fecha", "numero", "porcentaje", "si_no", "texto", "vacia"]

MESES = {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "set": 9, "sep": 9,
         "oct": 10, "nov": 11, "dic": 12}
_NUMERO = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+)(?:[.,]\d+)?|[+-]?[.,]\d+")


def vacia(valor, marcadores: tuple[str, ...] = ("[Seleccione]",)) -> bool:
    """Una celda sin dato: vacía, solo espacios o una indicación del formato oficial que aún no se reemplazó
    (`marcadores`: por omisión el «[Seleccione]» de sus listas; por ejemplo, también «[dd/mmm/aaaa]»)."""
    return valor is None or (isinstance(valor, str) and (not valor.strip() or valor.strip() in marcadores))


def texto(valor) -> str:
    """El texto de la celda, sin espacios de más al inicio y al final (los saltos de línea interiores quedan)."""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, (dt.datetime, dt.date)):
        raise ValorInvalido("se esperaba un texto y la celda tiene una fecha")
    return "\n".join(" ".join(linea.split()) for linea in str(valor).strip().splitlines()).strip()


def numero(valor) -> Decimal:
    """Una cifra: la de la celda (un float de Excel se lee por su representación más corta: 79.98, no
    79.9800000000000039…) o un texto «93,5», «93.5», «1 234,5», «1.234,5»."""
    if isinstance(valor, bool):
        raise ValorInvalido("se esperaba un número")
    if isinstance(valor, int):
        return Decimal(valor)
    if isinstance(valor, float):
        if valor != valor or valor in (float("inf"), float("-inf")):
            raise ValorInvalido("se esperaba un número")
        return Decimal(repr(valor))
    if isinstance(valor, Decimal):
        if not valor.is_finite():
            raise ValorInvalido("se esperaba un número")
        return valor
    if isinstance(valor, (dt.date, dt.datetime)):
        raise ValorInvalido("se esperaba un número y la celda tiene una fecha")
    crudo = str(valor).strip()
    if not _NUMERO.fullmatch(crudo):
        raise ValorInvalido("se esperaba un número (con coma o punto decimal, por ejemplo 93,5)")
    sin_miles = re.sub(r"[ \u00a0\u202f]", "", crudo)
    if "," in sin_miles and "." in sin_miles:      # 1.234,5 o 1,234.5: el último signo es el decimal
        decimal = "," if sin_miles.rfind(",") > sin_miles.rfind(".") else "."
        sin_miles = sin_miles.replace("." if decimal == "," else ",", "")
    elif re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", sin_miles):  # 1.234.567: puntos de miles
        sin_miles = sin_miles.replace(".", "")
    try:
        return Decimal(sin_miles.replace(",", "."))
    except InvalidOperation:
        raise ValorInvalido("se esperaba un número (con coma o punto decimal, por ejemplo 93,5)") from None


def porcentaje(valor, formato_celda: str = "General", hasta_100: bool = False) -> Decimal:
    """Un porcentaje en puntos (40 = 40 %): 0.4 en una celda con formato de porcentaje (así lo guarda Excel
    al escribir «40%»), el texto «40 %» o «40%», o el número 40 escrito tal cual.

    Con `hasta_100` (un porcentaje que no pasa de 100 %, como el peso de una meta), una cifra mayor que 1 en
    una celda con formato de porcentaje es el número ya escrito en puntos (40 que la hoja muestra como
    4000 %), no 40 veces el total."""
    if isinstance(valor, str) and valor.strip().endswith("%"):
        return numero(valor.strip()[:-1])
    cifra = numero(valor)
    if "%" in (formato_celda or "") and not (hasta_100 and cifra > 1):
        return cifra * 100
    return cifra


def fecha(valor) -> dt.date:
    """Una fecha: celda de fecha, o texto DD/MM/AAAA, DD-MM-AAAA, DD.MM.AAAA, AAAA-MM-DD, «15-jul-2025» o
    «15 de julio de 2025»."""
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        raise ValorInvalido("se esperaba una fecha (DD/MM/AAAA) y la celda tiene un número")
    crudo = " ".join(str(valor).strip().lower().split())
    for formato in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(crudo, formato).date()
        except ValueError:
            pass
    sin_tildes = unicodedata.normalize("NFKD", crudo).encode("ascii", "ignore").decode()
    partes = re.fullmatch(r"(\d{1,2})(?:\s*de\s*|[-/ .])([a-z]+)\.?(?:\s*de\s*|[-/ .])(\d{4})", sin_tildes)
    if partes and partes.group(2)[:3] in MESES:
        try:
            return dt.date(int(partes.group(3)), MESES[partes.group(2)[:3]], int(partes.group(1)))
        except ValueError:
            pass
    raise ValorInvalido("fecha no válida: use DD/MM/AAAA (o una celda con formato de fecha)")


def si_no(valor) -> bool:
    """«Sí», «Si», «SI», «sí», «X» → True; «No» → False (también celdas VERDADERO/FALSO)."""
    if isinstance(valor, bool):
        return valor
    clave = unicodedata.normalize("NFKD", str(valor)).encode("ascii", "ignore").decode().strip().lower()
    if clave in ("si", "s", "x", "verdadero", "true"):
        return True
    if clave in ("no", "n", "falso", "false"):
        return False
    raise ValorInvalido("se esperaba Sí o No")


@dataclass
class Problemas:
    """Los problemas de un lote de libros: se juntan todos y se informan antes de escribir nada."""

    lineas: list[str] = field(default_factory=list)

    def agregar(self, archivo: str, hoja: str | None, celda: str | None, mensaje: str) -> None:
        donde = archivo if hoja is None else f"{archivo}:{hoja}!{celda}" if celda else f"{archivo}:{hoja}"
        self.lineas.append(f"{donde}: {mensaje}")

    def __bool__(self) -> bool:
        return bool(self.lineas)
