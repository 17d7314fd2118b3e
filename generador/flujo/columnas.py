"""Las columnas de una lista de personas y cómo se reconocen sus encabezados y valores (común a los modelos).

Los encabezados se comparan sin tildes, mayúsculas, signos ni palabras de
relleno («N° de documento» = «numero documento» = «Documento»): cada columna
acepta las variantes que suelen tener las listas de las oficinas de personal.
Cada modelo declara sus columnas (`Columna`) y usa estas conversiones.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

RELLENO = {"de", "del", "al", "la", "el", "los", "las", "y", "o", "en", "n", "no", "nro", "num", "numero", "n°", "cod", "codigo"}


def normalizar(texto: str) -> str:
    """«N° de Documento» → «documento»: sin tildes, minúsculas, sin signos ni palabras de relleno."""
    sin_tildes = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode().lower()
    palabras = re.sub(r"[^a-z0-9]+", " ", sin_tildes).split()
    return " ".join(p for p in palabras if p not in RELLENO)


@dataclass(frozen=True)
class Columna:
    campo: str            # clave del registro (un campo de la persona, o evaluador)
    titulo: str           # encabezado recomendado
    obligatoria: bool
    variantes: tuple[str, ...]
    ayuda: str


# Los apellidos en dos columnas, como los guardan muchas oficinas de personal: se unen en «Apellidos».
PATERNO = Columna("apellido_paterno", "Apellido paterno", False, ("apellido paterno", "primer apellido", "ap paterno"), "")
MATERNO = Columna("apellido_materno", "Apellido materno", False, ("apellido materno", "segundo apellido", "ap materno"), "")
JUNTAS = ("apellidos nombres", "nombres apellidos", "apellidos nombres completos", "nombre completo", "nombres completos")
DOCUMENTO = re.compile(r"^[0-9A-Za-z-]{8,15}$")


def por_variante(columnas: tuple[Columna, ...]) -> dict[str, Columna]:
    """Cada forma de escribir un encabezado → su columna (también los apellidos en dos columnas)."""
    return {variante: columna for columna in (*columnas, PATERNO, MATERNO) for variante in columna.variantes}


class ValorInvalido(ValueError):
    """El mensaje dice qué se esperaba, sin repetir el dato (puede ser personal)."""


def documento(valor) -> str:
    """Un documento como texto. Excel guarda 07654321 como el número 7654321: se completan los ceros."""
    if isinstance(valor, bool):
        raise ValorInvalido("se esperaba un DNI o carné de extranjería")
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, int):
        texto = str(valor)
        if len(texto) > 8:
            return texto
        return texto.zfill(8)
    texto = str(valor).strip().replace(" ", "")
    if not DOCUMENTO.match(texto):
        raise ValorInvalido("se esperaba un DNI de 8 dígitos o un carné de extranjería (8 a 15 letras o dígitos)")
    return texto


def fecha(valor) -> dt.date:
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    texto = str(valor).strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(texto, formato).date()
        except ValueError:
            pass
    raise ValorInvalido("fecha no válida: use DD/MM/AAAA (o una celda con formato de fecha)")


def organo(valor, organos: dict[str, str]) -> str:
    """La sigla de un órgano de entidad.yaml, escrita como sigla o como nombre completo."""
    texto = str(valor).strip()
    por_sigla = {sigla.lower(): sigla for sigla in organos}
    if texto.lower() in por_sigla:
        return por_sigla[texto.lower()]
    por_nombre = {normalizar(nombre): sigla for sigla, nombre in organos.items()}
    if normalizar(texto) in por_nombre:
        return por_nombre[normalizar(texto)]
    raise ValorInvalido("órgano desconocido: use la sigla o el nombre de un órgano de entidad.yaml")


def texto(valor) -> str:
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return " ".join(str(valor).split())
