"""Los datos nunca son código: una sola función de escape por cada formato que se escribe.

Todo texto que viene de los datos (nombres, puestos, órganos, siglas, nombres de
ciclos y de carpetas, nombres de archivos) pasa por la función de su destino
antes de quedar dentro de otro texto:

- `html`: texto o valor de atributo HTML (portal, plantillas de los PDF).
- `svg`: texto o valor de atributo en un SVG (gráficos, línea de tiempo, flujograma).
- `markdown`: texto dentro de una línea de Markdown del portal (título, párrafo, lista).
- `url`: una ruta relativa dentro de un enlace (Markdown o HTML).
- `yaml`: un escalar YAML que se vuelve a leer igual (plantillas de registros y ciclos).
- `comentario_yaml`: texto dentro de un comentario YAML («# …»), sin saltos de línea.
- `csv`: una celda de CSV que Excel o LibreOffice no toman por fórmula.
- `xlsx`: el valor de una celda de Excel (texto siempre como texto, fechas fuera de rango como texto);
  `texto_xlsx` limpia además nombres de hojas y propiedades del libro.

El calendario `.ics` lo escribe la biblioteca icalendar, que ya escapa cada texto
según el RFC 5545 (comas, punto y coma, barras y saltos de línea).
"""

from __future__ import annotations

import datetime as dt
import html as _html
import re
import unicodedata
from decimal import Decimal
from urllib.parse import quote

__all__ = ["html", "svg", "markdown", "url", "yaml", "comentario_yaml", "csv", "xlsx", "texto_xlsx"]

# Caracteres de control (C0 salvo tabulador, DEL y C1) y separadores de línea y de párrafo de Unicode.
_CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SALTOS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
# Lo que XML 1.0 no admite en ningún caso (ni escapado): controles C0 salvo \t \n \r, sustitutos y U+FFFE/U+FFFF.
_NO_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _texto(valor) -> str:
    return "" if valor is None else str(valor)


def html(valor) -> str:
    """Texto seguro dentro de HTML, como contenido de un elemento o como valor de atributo entre comillas.

    `<`, `>`, `&`, `"` y `'` se vuelven entidades: un nombre con `<img onerror=…>` o con comillas se ve tal
    cual y no crea etiquetas ni atributos. Los caracteres de control se quitan (HTML no los muestra y
    WeasyPrint los rechaza). `None` es el texto vacío."""
    return _html.escape(_NO_XML.sub("", _texto(valor)), quote=True)


def svg(valor) -> str:
    """Texto seguro dentro de un SVG (XML), en un `<text>`, un `<title>` o un valor de atributo entre comillas.

    Como `html`, con las cinco entidades de XML; además se quitan los caracteres que XML 1.0 no admite
    ni siquiera escapados (un SVG con ellos no se dibuja)."""
    return html(valor)


# Signos que Markdown (y sus extensiones del portal: tablas, attr_list, def_list) puede interpretar; todos
# están en la lista de escapes de Python-Markdown, así que la barra no se ve en la página.
_SIGNOS_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown(valor) -> str:
    """Texto seguro dentro de una línea de Markdown (título, párrafo, elemento de lista o texto de enlace).

    Primero se escapa como HTML (un `<img>` se ve como texto); luego se antepone una barra a cada signo de
    Markdown (`|`, `[`, `]`, `*`, `_`, acentos graves, `#`, `-`, `.`, `{`…), así un `#` o un `1.` al
    inicio no crean títulos ni listas, un `|` no crea columnas y `{: onclick=…}` no crea atributos. Las
    barras no se ven en la página: Python-Markdown las quita al convertir. Los saltos de línea y los
    caracteres de control se vuelven espacios: el texto no puede empezar otro bloque."""
    texto = _SALTOS.sub(" ", _texto(valor))
    texto = _CONTROLES.sub(" ", texto)
    return _SIGNOS_MARKDOWN.sub(r"\\\1", _html.escape(_NO_XML.sub("", texto), quote=False))


def url(ruta) -> str:
    """Una ruta relativa (carpetas separadas por «/») lista para ir dentro de un enlace Markdown o de un `href`.

    Cada parte se codifica con «%» (espacios, paréntesis, `<`, `>`, comillas, `#`, `?`…): el nombre de una
    carpeta no puede cerrar el enlace, agregar otro ni convertirse en `javascript:`."""
    return quote(_texto(ruta), safe="/")


# Un escalar llano que YAML lee como el mismo texto: empieza con letra o paréntesis, sin «: », «#», comillas ni
# signos de YAML, y no es una palabra reservada.
_LLANO = re.compile(r"[A-Za-zÀ-ÿ(][\wÀ-ÿ .,()/°ºª'&+-]*")
_PALABRAS_YAML = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_ESCAPES_YAML = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\0"}


def _imprimible_yaml(c: str) -> bool:
    """Los caracteres que YAML admite tal cual dentro de comillas dobles (sin saltos de línea ni controles)."""
    n = ord(c)
    return (0x20 <= n <= 0x7E or 0xA0 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or n >= 0x10000) \
        and c not in "\u2028\u2029\ufeff"


def yaml(valor, comillas: bool = False) -> str:
    """Un valor como escalar YAML que, leído de nuevo, da exactamente el mismo valor y nada más.

    Sin comillas si el texto es llano (nombres, puestos); si no, entre comillas dobles con cada comilla,
    barra, salto de línea o carácter de control escrito como secuencia de escape (`\\n`, `\\u2028`…): un
    texto con «\\nclave: valor» no agrega claves al archivo. `comillas=True` cita siempre (documentos,
    regímenes: textos que parecen números). `None` queda vacío (nulo); fechas, enteros y booleanos se
    escriben como tales."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, dt.date) and not comillas:
        return valor.isoformat()
    if isinstance(valor, int) and not comillas:
        return str(valor)
    texto = valor.isoformat() if isinstance(valor, dt.date) else str(valor)
    if not comillas and _LLANO.fullmatch(texto) and texto.lower() not in _PALABRAS_YAML and not texto.endswith(" "):
        return texto
    partes = []
    for c in texto:
        if c in _ESCAPES_YAML:
            partes.append(_ESCAPES_YAML[c])
        elif _imprimible_yaml(c):
            partes.append(c)
        elif ord(c) <= 0xFFFF:
            partes.append(f"\\u{ord(c):04x}")
        else:
            partes.append(f"\\U{ord(c):08x}")
    return '"' + "".join(partes) + '"'


def comentario_yaml(valor) -> str:
    """Texto seguro dentro de un comentario YAML (después de «#»): en una sola línea.

    Los saltos de línea (también `\\r`, NEL, U+2028 y U+2029) y los caracteres de control se vuelven
    espacios; así el texto no puede terminar el comentario y empezar una clave nueva."""
    texto = _SALTOS.sub(" ", _texto(valor))
    texto = _CONTROLES.sub(" ", texto)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in texto.replace("\ufeff", ""))


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv(valor) -> str:
    """Una celda de CSV: texto que Excel, LibreOffice o Google Sheets no ejecutan como fórmula.

    Regla de OWASP: un texto que empieza con `=`, `+`, `-`, `@`, tabulador o retorno de carro lleva
    delante un apóstrofo (`'=HYPERLINK(…)`), que la hoja de cálculo muestra como texto. Las cifras
    (`int`, `float`, `Decimal`) se escriben tal cual, también las negativas. `None` es la celda vacía.
    Las comillas y separadores los escapa después el módulo `csv`."""
    if valor is None:
        return ""
    if isinstance(valor, (int, float, Decimal)) and not isinstance(valor, bool):
        return str(valor)
    texto = str(valor)
    return "'" + texto if texto.startswith(_FORMULA) else texto


_LARGO_CELDA = 32767  # el máximo de Excel
_PRIMERA_FECHA, _ULTIMA_FECHA = dt.date(1900, 3, 1), dt.date(9999, 12, 31)  # antes de marzo de 1900 Excel se equivoca


def texto_xlsx(valor) -> str:
    """Texto que se puede guardar en un libro de Excel: sin los caracteres de control que el formato no admite
    (openpyxl daría IllegalCharacterError), que se vuelven espacios, y hasta 32 767 caracteres (el máximo de
    una celda). Lo usa `xlsx` y sirve también para nombres de hojas y propiedades del libro."""
    return _CONTROLES.sub(" ", _texto(valor))[:_LARGO_CELDA]


def xlsx(celda, valor) -> None:
    """Escribe `valor` en una celda de openpyxl sin que nunca sea una fórmula.

    Un texto queda siempre como texto (tipo «s», con el prefijo de comilla de Excel si empieza como fórmula,
    así tampoco se vuelve fórmula al editarlo), aunque empiece con `=`, `+`, `-`, `@` o sea un código de
    error como `#N/A`; los caracteres de control se cambian por espacios. Las cifras quedan como cifras
    (`Decimal` como número de punto flotante). Una fecha que Excel no sabe mostrar (antes del 1 de marzo
    de 1900) se escribe como texto DD/MM/AAAA. `None` deja la celda vacía."""
    if valor is None:
        celda.value = None
        return
    if isinstance(valor, Decimal):
        celda.value = float(valor)
        return
    if isinstance(valor, (bool, int, float)):
        celda.value = valor
        return
    if isinstance(valor, dt.date):
        fecha = valor.date() if isinstance(valor, dt.datetime) else valor
        if _PRIMERA_FECHA <= fecha <= _ULTIMA_FECHA:
            celda.value = valor
            return
        valor = fecha.strftime("%d/%m/") + f"{fecha.year:04d}"
    texto = texto_xlsx(valor)
    celda.value = texto
    celda.data_type = "s"
    if texto.startswith(_FORMULA) or texto.startswith("#"):
        celda.quotePrefix = True
