"""El libro oficial «Formato GDR 2025» como plantilla: se llenan celdas editando el XML de la hoja dentro del ZIP.

openpyxl perdería los dibujos (el recuadro del logo, los iconos 💡 y 📢 y las imágenes de «Indicaciones»);
aquí se conserva todo el libro tal cual (hojas, estilos, celdas combinadas, listas, fórmulas, formatos
condicionales, comentarios, dibujos, hipervínculo) y solo cambian:

- las celdas llenadas: cada una conserva su estilo `s`; un texto va como cadena en línea (`inlineStr`),
  nunca como fórmula, y si empieza como una (= + - @ #) lleva además el estilo con «prefijo de comilla»
  (`quotePrefix`, como `escape.xlsx`), así tampoco se vuelve fórmula al editarlo; una fecha va como número
  de serie en su celda de formato de fecha;
- las filas de las metas que sobran, ocultas (`hidden="1"`), nunca borradas (I!C5);
- las fórmulas pierden su valor guardado y el libro pide recalcular al abrirse (`fullCalcOnLoad`);
- la fecha del libro (docProps/core.xml y cada entrada del ZIP) sale de los datos, no del reloj: los mismos
  datos dan los mismos bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape as escapar_xml

from .... import escape, recursos
from ....flujo.libro import fecha_zip
from . import celdas as mapa

RUTA = Path("gdr") / "formato-gdr-2025.xlsx"   # dentro de plantillas/
_EPOCA = dt.date(1899, 12, 30)
_PRIMERA_FECHA, _ULTIMA_FECHA = dt.date(1900, 3, 1), dt.date(9999, 12, 31)  # fuera de eso, la fecha va como texto
_NO_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_PIEZA = re.compile(r'<row r="(?P<fila>\d+)"[^>]*>|<c r="(?P<celda>[A-Z]+\d+)"(?P<atributos>[^>]*?)(?:/>|>.*?</c>)', re.S)
_FORMULA = ("=", "+", "-", "@", "#")


class PlantillaDanada(Exception):
    """La plantilla del generador no es el libro oficial esperado (defecto de la instalación)."""


@dataclass(frozen=True)
class Valor:
    """Lo que se escribe en una celda: texto, número (Decimal o int), fecha, o XML de texto enriquecido."""

    dato: object
    enriquecido: bool = False   # `dato` ya es el contenido XML de <is> (F!C13 conserva sus dos tipos de letra)


class Plantilla:
    def __init__(self, contenido: bytes):
        entrada = zipfile.ZipFile(io.BytesIO(contenido))
        self.miembros = {info.filename: entrada.read(info.filename) for info in entrada.infolist()}
        self.hoja = self._ruta_hoja()
        compartidas = self._compartidas()
        texto = self.miembros[self.hoja].decode("utf-8")
        # Las fórmulas, sin su valor calculado con la plantilla vacía (Excel y LibreOffice recalculan al abrir).
        texto = re.sub(r'(<c r="[A-Z]+\d+"[^>]*?) t="str"(>\s*<f>.*?</f>)\s*<v>[^<]*</v>', r"\1\2", texto, flags=re.S)
        self.piezas: list = []
        self.estilos: dict[str, str] = {}
        self.textos: dict[str, str] = {}           # el <si> de cada celda con texto compartido (C13)
        fin = 0
        for pieza in _PIEZA.finditer(texto):
            self.piezas.append(texto[fin:pieza.start()])
            if pieza.group("fila"):
                self.piezas.append(("fila", int(pieza.group("fila")), pieza.group(0)))
            else:
                celda, atributos = pieza.group("celda"), pieza.group("atributos")
                estilo = re.search(r'\bs="(\d+)"', atributos)
                self.estilos[celda] = estilo.group(1) if estilo else "0"
                indice = re.search(r"<v>(\d+)</v>", pieza.group(0))
                if ' t="s"' in atributos and indice and int(indice.group(1)) < len(compartidas):
                    self.textos[celda] = compartidas[int(indice.group(1))]
                self.piezas.append(("celda", celda, pieza.group(0)))
            fin = pieza.end()
        self.piezas.append(texto[fin:])
        self.con_comilla = self._estilos_con_comilla()
        libro = self.miembros["xl/workbook.xml"].decode("utf-8")
        self.miembros["xl/workbook.xml"] = re.sub(r"<calcPr\b(?![^>]*fullCalcOnLoad)", '<calcPr fullCalcOnLoad="1"',
                                                  libro).encode("utf-8")
        self.comprimidos = {nombre: _Comprimido(datos) for nombre, datos in self.miembros.items()}

    def _ruta_hoja(self) -> str:
        libro = self.miembros["xl/workbook.xml"].decode("utf-8")
        hoja = re.search(rf'<sheet name="{re.escape(mapa.HOJA)}"[^>]*\br:id="([^"]+)"', libro)
        relaciones = self.miembros["xl/_rels/workbook.xml.rels"].decode("utf-8")
        destino = hoja and re.search(rf'<Relationship Id="{hoja.group(1)}"[^>]*Target="([^"]+)"', relaciones)
        if not destino:
            raise PlantillaDanada(f"la plantilla {RUTA} no tiene la hoja «{mapa.HOJA}»")
        return posixpath.normpath(posixpath.join("xl", destino.group(1)))

    def _compartidas(self) -> list[str]:
        crudo = self.miembros.get("xl/sharedStrings.xml", b"").decode("utf-8")
        return re.findall(r"<si>(.*?)</si>", crudo, re.S)

    def _estilos_con_comilla(self) -> dict[str, str]:
        """Para cada estilo de celda, su copia con `quotePrefix="1"` (se agregan al final de cellXfs)."""
        estilos = self.miembros["xl/styles.xml"].decode("utf-8")
        bloque = re.search(r'<cellXfs count="(\d+)">(.*?)</cellXfs>', estilos, re.S)
        formatos = re.findall(r"<xf\b[^>]*?/>|<xf\b.*?</xf>", bloque.group(2), re.S)
        usados = sorted({self.estilos[celda] for celda in mapa.celdas_de_texto() if celda in self.estilos}, key=int)
        copias, nuevos = {}, []
        for estilo in usados:
            original = formatos[int(estilo)]
            copia = re.sub(r"\squotePrefix=\"[^\"]*\"", "", original)
            nuevos.append(re.sub(r"^<xf\b", '<xf quotePrefix="1"', copia))
            copias[estilo] = str(len(formatos) + len(nuevos) - 1)
        reemplazo = f'<cellXfs count="{len(formatos) + len(nuevos)}">{bloque.group(2)}{"".join(nuevos)}</cellXfs>'
        self.miembros["xl/styles.xml"] = (estilos[:bloque.start()] + reemplazo + estilos[bloque.end():]).encode("utf-8")
        return copias

    def texto_compartido(self, celda: str) -> str:
        """El contenido XML del texto que la plantilla tiene en `celda` (con sus tramos de formato)."""
        return self.textos[celda]

    def llenar(self, valores: dict[str, Valor], ocultas: set[int], creado: dt.date, modificado: dt.date) -> bytes:
        desconocidas = set(valores) - set(self.estilos)
        if desconocidas:
            raise PlantillaDanada(f"la plantilla {RUTA} no tiene las celdas {', '.join(sorted(desconocidas))}")
        partes = []
        for pieza in self.piezas:
            if isinstance(pieza, str):
                partes.append(pieza)
            elif pieza[0] == "fila":
                partes.append(re.sub(r"(/?>)$", r' hidden="1"\1', pieza[2]) if pieza[1] in ocultas and
                              'hidden="1"' not in pieza[2] else pieza[2])
            elif pieza[1] in valores:
                partes.append(self._celda(pieza[1], valores[pieza[1]]))
            else:
                partes.append(pieza[2])
        miembros = dict(self.comprimidos)
        miembros[self.hoja] = "".join(partes).encode("utf-8")
        miembros["docProps/core.xml"] = _propiedades(self.miembros["docProps/core.xml"], creado, modificado)
        return _zip(miembros, modificado)

    def _celda(self, celda: str, valor: Valor) -> str:
        estilo = self.estilos[celda]
        dato = valor.dato
        if valor.enriquecido:
            return f'<c r="{celda}" s="{estilo}" t="inlineStr"><is>{dato}</is></c>'
        if isinstance(dato, dt.datetime):
            dato = dato.date()
        if isinstance(dato, dt.date) and _PRIMERA_FECHA <= dato <= _ULTIMA_FECHA:
            return f'<c r="{celda}" s="{estilo}"><v>{(dato - _EPOCA).days}</v></c>'
        if isinstance(dato, dt.date):
            dato = dato.strftime("%d/%m/") + f"{dato.year:04d}"
        if isinstance(dato, (int, Decimal)) and not isinstance(dato, bool):
            return f'<c r="{celda}" s="{estilo}"><v>{cifra(dato)}</v></c>'
        texto = _NO_XML.sub("", escape.texto_xlsx(dato))
        if texto.startswith(_FORMULA):
            estilo = self.con_comilla.get(estilo, estilo)
        return (f'<c r="{celda}" s="{estilo}" t="inlineStr"><is><t xml:space="preserve">{escapar_xml(texto)}</t></is>'
                "</c>")


def cifra(valor) -> str:
    """Un número sin exponente: Decimal('40.0') → 40, Decimal('0.335') → 0.335."""
    numero = Decimal(valor)
    return format(numero.normalize(), "f") if numero != 0 else "0"


def texto_xml(texto: str) -> str:
    """Un texto de los datos listo para ir dentro de un <t> (sin caracteres que XML no admite)."""
    return escapar_xml(_NO_XML.sub("", escape.texto_xlsx(texto)))


def _propiedades(core: bytes, creado: dt.date, modificado: dt.date) -> bytes:
    texto = core.decode("utf-8")
    for etiqueta, fecha in (("created", creado), ("modified", modificado)):
        momento = dt.datetime.combine(fecha, dt.time(12, 0)).strftime("%Y-%m-%dT%H:%M:%SZ")
        texto = re.sub(rf"(<dcterms:{etiqueta}[^>]*>)[^<]*(</dcterms:{etiqueta}>)", rf"\g<1>{momento}\g<2>", texto)
    return texto.encode("utf-8")


class _Comprimido:
    """Una entrada del ZIP ya comprimida (deflate): las que no cambian se comprimen una sola vez."""

    def __init__(self, datos: bytes):
        compresor = zlib.compressobj(6, zlib.DEFLATED, -15)
        self.crc, self.largo = zlib.crc32(datos), len(datos)
        self.datos = compresor.compress(datos) + compresor.flush()


def _zip(miembros: dict[str, bytes | _Comprimido], fecha: dt.date) -> bytes:
    """El ZIP del libro, con cada entrada fechada `fecha` a mediodía (ZIP guarda fechas de 1980 a 2107).
    Se arma a mano (el formato de zipfile: deflate, atributos 0600 de Unix) para no volver a comprimir las
    imágenes y estilos en cada uno de miles de libros."""
    anio, mes, dia_mes, horas, minutos, segundos = fecha_zip(dt.datetime.combine(fecha, dt.time(12, 0)))
    hora = horas << 11 | minutos << 5 | segundos // 2
    dia = (anio - 1980) << 9 | mes << 5 | dia_mes
    locales, central = io.BytesIO(), io.BytesIO()
    for nombre, datos in miembros.items():
        entrada = datos if isinstance(datos, _Comprimido) else _Comprimido(datos)
        crudo = nombre.encode("utf-8")
        comun = struct.pack("<HHHHHIII", 20, 0, 8, hora, dia, entrada.crc, len(entrada.datos), entrada.largo)
        central.write(struct.pack("<IH", 0x02014B50, 3 << 8 | 20) + comun
                      + struct.pack("<HHHHHII", len(crudo), 0, 0, 0, 0, 0o600 << 16, locales.tell()) + crudo)
        locales.write(struct.pack("<I", 0x04034B50) + comun + struct.pack("<HH", len(crudo), 0) + crudo + entrada.datos)
    fin = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(miembros), len(miembros), central.tell(), locales.tell(), 0)
    return locales.getvalue() + central.getvalue() + fin


@lru_cache(maxsize=1)
def cargar() -> Plantilla:
    """La plantilla del generador (`plantillas/gdr/formato-gdr-2025.xlsx`), leída una vez por proceso."""
    ruta = recursos.plantillas() / RUTA
    try:
        return Plantilla(ruta.read_bytes())
    except (OSError, zipfile.BadZipFile, KeyError, AttributeError, IndexError) as exc:
        raise PlantillaDanada(f"no se puede leer la plantilla {ruta} ({type(exc).__name__}): reinstale el generador") \
            from None
