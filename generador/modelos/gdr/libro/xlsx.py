"""Las celdas de una hoja de un libro .xlsx, leídas directamente de su XML (valor y formato de número).

`openpyxl.load_workbook` arma todo el libro, con sus más de 200 estilos: unos 100 ms por Formato GDR 2025, que
son minutos para los libros de una entidad grande. Aquí se lee solo lo que la importación necesita —los textos
compartidos, el formato de número de cada estilo y las filas pedidas de una hoja— con las mismas reglas de
openpyxl para reconocer una fecha (`is_date_format`, `from_excel`, también el calendario de 1904). Sirve para
los libros que guardan Excel, LibreOffice y openpyxl (textos compartidos o en línea, con tramos de formato).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from xml.etree.ElementTree import fromstring

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PAQUETE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOCUMENTO = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


class ErrorDeFormula(str):
    """Una celda que muestra un error de Excel (#¡VALOR!, #DIV/0!…): no es un dato."""


class LibroIlegible(Exception):
    """El archivo no es un libro .xlsx que se pueda leer (el mensaje dice por qué, sin datos del libro)."""


class SinHoja(LibroIlegible):
    """El libro no tiene la hoja pedida."""


def celdas(ruta, hoja: str, ultima_fila: int, maximo_descomprimido: int) -> dict[str, tuple[object, str]]:
    """{«D8»: (valor, formato de número)} de las filas 1 a `ultima_fila` de la hoja `hoja`; las celdas vacías no
    están. Un valor es str, int, float, bool, datetime (una cifra con formato de fecha) o `ErrorDeFormula`."""
    try:
        with zipfile.ZipFile(ruta) as libro:
            if sum(i.file_size for i in libro.infolist()) > maximo_descomprimido:
                raise LibroIlegible("el libro es demasiado grande al descomprimirlo")
            return _leer(libro, hoja, ultima_fila)
    except LibroIlegible:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile):
        raise LibroIlegible("no es un archivo .xlsx (no es un ZIP)") from None
    except (KeyError, IndexError, ValueError, TypeError, AttributeError, SyntaxError, OverflowError, OSError,
            RuntimeError, NotImplementedError, EOFError) as exc:  # SyntaxError: ParseError de un XML dañado
        raise LibroIlegible(f"el libro está dañado ({type(exc).__name__})") from None


def _leer(libro: zipfile.ZipFile, hoja: str, ultima_fila: int) -> dict[str, tuple[object, str]]:
    principal = _principal(libro)
    carpeta = posixpath.dirname(principal)
    xml_libro = fromstring(libro.read(principal))
    propiedades = xml_libro.find(f"{_NS}workbookPr")
    epoca = CALENDAR_MAC_1904 if propiedades is not None and propiedades.get("date1904") in ("1", "true") \
        else CALENDAR_WINDOWS_1900
    relaciones = _relaciones(libro, carpeta, posixpath.basename(principal))
    destino = next((relaciones[h.get(_REL)][0] for h in xml_libro.iter(f"{_NS}sheet")
                    if h.get("name") == hoja and h.get(_REL) in relaciones), None)
    if destino is None:
        raise SinHoja(hoja)
    tipos = {tipo.rsplit("/", 1)[-1]: objetivo for objetivo, tipo in relaciones.values()}
    compartidas = _compartidas(libro, tipos.get("sharedStrings"))
    formatos = _formatos(libro, tipos.get("styles"))
    valores = {}
    for fila in fromstring(libro.read(destino)).iter(f"{_NS}row"):
        if fila.get("r", "").isdigit() and int(fila.get("r")) > ultima_fila:
            break  # las filas van en orden
        for celda in fila.iter(f"{_NS}c"):
            referencia = celda.get("r")
            if not referencia or not len(celda) or coordinate_from_string(referencia)[1] > ultima_fila:
                continue  # sin dato (solo estilo), o más abajo
            estilo = int(celda.get("s", "0"))
            formato = formatos[estilo] if estilo < len(formatos) else "General"
            valor = _valor(celda, compartidas, formato, epoca)
            if valor is not None:
                valores[referencia] = (valor, formato)
    return valores


def _principal(libro: zipfile.ZipFile) -> str:
    for relacion in fromstring(libro.read("_rels/.rels")).iter(f"{_PAQUETE}Relationship"):
        if relacion.get("Type") == _DOCUMENTO:
            return relacion.get("Target").lstrip("/")
    raise KeyError("workbook")


def _relaciones(libro: zipfile.ZipFile, carpeta: str, nombre: str) -> dict[str, tuple[str, str]]:
    """Id → (parte a la que apunta, tipo) de las relaciones del libro."""
    ruta = posixpath.join(carpeta, "_rels", f"{nombre}.rels")
    return {r.get("Id"): (_destino(carpeta, r.get("Target", "")), r.get("Type", ""))
            for r in fromstring(libro.read(ruta)).iter(f"{_PAQUETE}Relationship")}


def _destino(carpeta: str, objetivo: str) -> str:
    return objetivo.lstrip("/") if objetivo.startswith("/") else posixpath.normpath(posixpath.join(carpeta, objetivo))


def _texto(elemento) -> str:
    """El texto de un <si> o <is>: sus <t> propios y los de cada tramo <r>, sin la guía fonética (<rPh>)."""
    partes = [elemento.findtext(f"{_NS}t") or ""]
    partes += [tramo.findtext(f"{_NS}t") or "" for tramo in elemento.findall(f"{_NS}r")]
    return "".join(partes)


def _compartidas(libro: zipfile.ZipFile, ruta: str | None) -> list[str]:
    if ruta is None or ruta not in libro.namelist():
        return []
    return [_texto(si) for si in fromstring(libro.read(ruta)).iter(f"{_NS}si")]


def _formatos(libro: zipfile.ZipFile, ruta: str | None) -> list[str]:
    """El formato de número de cada estilo de celda (cellXfs), en orden."""
    if ruta is None or ruta not in libro.namelist():
        return []
    estilos = fromstring(libro.read(ruta))
    propios = {int(f.get("numFmtId")): f.get("formatCode", "General") for f in estilos.iter(f"{_NS}numFmt")}
    celdas_ = estilos.find(f"{_NS}cellXfs")
    if celdas_ is None:
        return []
    codigos = []
    for xf in celdas_.findall(f"{_NS}xf"):
        numero = int(xf.get("numFmtId", "0"))
        codigos.append(propios.get(numero) or BUILTIN_FORMATS.get(numero) or "General")
    return codigos


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?Z?")


def _valor(celda, compartidas: list[str], formato: str, epoca):
    tipo = celda.get("t", "n")
    if tipo == "inlineStr":
        contenido = celda.find(f"{_NS}is")
        return _texto(contenido) if contenido is not None else None
    crudo = celda.findtext(f"{_NS}v")
    if crudo is None or (tipo not in ("s", "str") and not crudo.strip()):  # una fórmula sin valor guardado
        return None
    if tipo == "s":
        return compartidas[int(crudo)]
    if tipo == "e":
        return ErrorDeFormula(crudo)
    if tipo == "str":
        return crudo
    if tipo == "b":
        return crudo.strip() in ("1", "true")
    if tipo == "d":
        if not _ISO.fullmatch(crudo.strip()):
            raise ValueError("fecha")
        return dt.datetime.fromisoformat(crudo.strip().rstrip("Z"))
    numero = float(crudo)
    if is_date_format(formato):
        try:
            return from_excel(numero, epoca)
        except (ValueError, OverflowError):  # una cifra que no es una fecha: el lector de fechas lo dirá
            return numero
    return int(numero) if numero.is_integer() and "." not in crudo and "E" not in crudo.upper() else numero
