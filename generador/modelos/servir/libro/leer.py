"""Leer un libro devuelto: abrirlo sin riesgo, saber de qué servidor es, comprobar que tiene la forma del
formato y leer cada celda para llenar por su posición.

El plano se arma de nuevo con el registro actual (el mismo código que lo exportó): sus rótulos fijos deben
seguir en su lugar (si no, el libro se reordenó y no se lee esa hoja) y sus datos de identidad (documentos,
período, metas) deben ser los del registro. Cada problema va a `Problemas` como `archivo:Hoja!Celda: …`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ....flujo import celdas, columnas
from ....flujo.celdas import Problemas, ValorInvalido
from . import valores
from .anexo1 import NOMBRE as ANEXO1
from .anexo4 import NOMBRE as ANEXO4
from .ficha import Ficha
from .partes import FILA_DOCUMENTO
from .plano import Celda, Hoja

MAXIMO_BYTES = 10_000_000          # un libro de los Anexos pesa unos 20 KB
MAXIMO_DESCOMPRIMIDO = 100_000_000  # un ZIP que se infla más que esto no es un libro de los Anexos
DOCUMENTOS = {ANEXO1: f"D{FILA_DOCUMENTO}", ANEXO4: f"B{FILA_DOCUMENTO}"}
REORDENADO = ("el libro no tiene la forma del formato: aquí debía decir «{}»; no inserte, borre ni mueva filas o "
              "columnas (pida a la AFRH el libro otra vez y copie en él lo que llenó)")


@dataclass(frozen=True)
class Leida:
    """Lo que tiene una celda del libro devuelto."""

    value: object = None
    data_type: str = "n"
    number_format: str = "General"


VACIA = Leida()


@dataclass
class Libro:
    """Las celdas con algo de cada hoja del libro, leídas una sola vez (modo de solo lectura de openpyxl: leer
    las celdas combinadas de un libro normal tarda medio segundo por libro)."""

    nombres: list[str]
    hojas: dict[str, dict[str, Leida]]

    def __getitem__(self, hoja: str) -> dict[str, Leida]:
        return self.hojas[hoja]


def _leer_hoja(hoja) -> dict[str, Leida]:
    celdas = {}
    for fila in hoja.iter_rows():
        for celda in fila:
            if getattr(celda, "value", None) is not None:
                celdas[celda.coordinate] = Leida(celda.value, celda.data_type, celda.number_format or "General")
    return celdas


@dataclass
class Valor:
    """Un dato leído de una celda para llenar, distinto de lo que el registro ya tiene."""

    valor: object
    hoja: str
    ref: str


def abrir(ruta: Path, nombre: str, problemas: Problemas) -> Libro | None:
    """Las celdas del libro (las fórmulas como fórmulas) o None, con el problema ya anotado."""
    sufijo = ruta.suffix.lower()
    if sufijo in (".xls", ".ods", ".xlsm", ".xlsb", ".csv"):
        problemas.agregar(nombre, None, None, "este formato no se lee; ábralo en Excel o LibreOffice y guárdelo "
                                              "como «Libro de Excel (.xlsx)»")
        return None
    if sufijo != ".xlsx":
        problemas.agregar(nombre, None, None, "no es un libro .xlsx")
        return None
    try:
        tamanio = ruta.stat().st_size
        if tamanio > MAXIMO_BYTES:
            problemas.agregar(nombre, None, None, f"el archivo ocupa {tamanio // 1_000_000} MB; un libro de los "
                                                  "Anexos pesa unos KB: ¿es el archivo correcto?")
            return None
        with zipfile.ZipFile(ruta) as comprimido:
            if sum(i.file_size for i in comprimido.infolist()) > MAXIMO_DESCOMPRIMIDO:
                problemas.agregar(nombre, None, None, "el archivo se descomprime en más de 100 MB: no es un libro de "
                                                      "los Anexos")
                return None
        from openpyxl import load_workbook
        abierto = load_workbook(ruta, read_only=True, data_only=False, keep_links=False)
        try:
            nombres = list(abierto.sheetnames)
            libro = Libro(nombres, {h: _leer_hoja(abierto[h]) for h in (ANEXO1, ANEXO4) if h in nombres})
        finally:
            abierto.close()
    except Exception as exc:  # noqa: BLE001 — zipfile y openpyxl lanzan muchos tipos según el daño del archivo
        problemas.agregar(nombre, None, None, f"no se puede abrir como libro de Excel (.xlsx): {type(exc).__name__}")
        return None
    faltan = [h for h in (ANEXO1, ANEXO4) if h not in libro.nombres]
    if faltan:
        hojas = ", ".join(f"«{h}»" for h in libro.nombres[:5])
        problemas.agregar(nombre, None, None, f"falta la hoja «{faltan[0]}» (el libro tiene {hojas}): ¿es un libro "
                                              "de los Anexos 1 y 4 de «generador exportar --formato anexos»?")
        return None
    return libro


def documento(libro, nombre: str, problemas: Problemas) -> str | None:
    """El documento del servidor: el mismo en las dos hojas."""
    leidos = {}
    for hoja, ref in DOCUMENTOS.items():
        crudo = libro[hoja].get(ref, VACIA).value
        try:
            leidos[hoja] = columnas.documento(crudo) if not celdas.vacia(crudo) else None
        except ValorInvalido as exc:
            problemas.agregar(nombre, hoja, ref, str(exc))
            return None
        if leidos[hoja] is None:
            problemas.agregar(nombre, hoja, ref, "falta el documento del servidor: sin él no se sabe de quién es el libro")
            return None
    if leidos[ANEXO1] != leidos[ANEXO4]:
        problemas.agregar(nombre, ANEXO4, DOCUMENTOS[ANEXO4], "el documento del servidor no es el mismo que en la "
                                                              f"hoja «{ANEXO1}»")
        return None
    return leidos[ANEXO1]


def _normal(valor) -> str:
    if valor is None:
        return ""
    if isinstance(valor, dt.datetime):
        valor = valor.date()
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return " ".join(unicodedata.normalize("NFC", str(valor)).split())


def _esperado(celda: Celda) -> str:
    from .... import escape
    valor = celda.valor
    if isinstance(valor, str):
        valor = escape.texto_xlsx(valor)
    return _normal(valor)


def comprobar(hoja: Hoja, libro, nombre: str, problemas: Problemas) -> bool:
    """Los rótulos fijos en su lugar (si no, la hoja no se lee) y los datos de identidad del registro."""
    ws = libro[hoja.nombre]
    for celda in hoja.celdas:
        if celda.rotulo and _normal(ws.get(celda.ref, VACIA).value) != _esperado(celda):
            problemas.agregar(nombre, hoja.nombre, celda.ref, REORDENADO.format(" ".join(str(celda.valor).split())))
            return False
    bien = True
    for celda in hoja.celdas:
        if celda.identidad and _normal(ws.get(celda.ref, VACIA).value) != _esperado(celda):
            problemas.agregar(nombre, hoja.nombre, celda.ref, celda.identidad)
            bien = False
    return bien


def leer(hoja: Hoja, libro, nombre: str, f: Ficha, problemas: Problemas) -> dict[tuple, Valor]:
    """Cada celda para llenar con un dato distinto del que tiene el registro: destino → Valor."""
    ws = libro[hoja.nombre]
    leidos: dict[tuple, Valor] = {}
    for celda in hoja.entradas():
        fuente = ws.get(celda.ref, VACIA)
        if fuente.data_type == "f":
            problemas.agregar(nombre, hoja.nombre, celda.ref, "la celda tiene una fórmula: escriba el valor")
            continue
        if fuente.data_type == "e":
            problemas.agregar(nombre, hoja.nombre, celda.ref, "la celda tiene un error de Excel: escriba el valor")
            continue
        if celdas.vacia(fuente.value):
            continue
        entrada = celda.entrada
        try:
            valor = valores.convertir(entrada.tipo, fuente.value, fuente.number_format, f)
        except ValorInvalido as exc:
            problemas.agregar(nombre, hoja.nombre, celda.ref, str(exc))
            continue
        if valor in ("", []) or valores.igual(entrada.tipo, valor, entrada.actual):
            continue
        leidos[entrada.destino] = Valor(valor, hoja.nombre, celda.ref)
    return leidos
