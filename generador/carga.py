"""Lectura segura de YAML conservando la línea y columna de cada valor.

ruamel.yaml solo compone el árbol de nodos; los valores los construye este
módulo, así que ninguna etiqueta puede crear objetos de Python. Se rechazan:
archivos vacíos, de más de MAXIMO_BYTES o que no son UTF-8, anidamientos de
más de MAXIMA_PROFUNDIDAD niveles (antes de componer: el compositor de libyaml
es recursivo y revienta la pila con miles de «[»), claves duplicadas, etiquetas
que no sean las del núcleo YAML, claves de fusión, alias que se expanden sin
límite, fechas inexistentes o fuera de FECHA_MINIMA..FECHA_MAXIMA, números de
más de MAXIMAS_CIFRAS cifras enteras o MAXIMOS_DECIMALES decimales, y textos con
caracteres de control invisibles. Los números con decimales se leen como
`Decimal` a partir del texto escrito, sin pasar por `float`; los textos y las
claves se normalizan a NFC («é» escrita con tilde combinante es la misma «é»).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from .diagnosticos import Informe, Ubicacion
from .limites import (CONTROL, INTERVALO_FECHAS, MAXIMAS_CIFRAS, MAXIMO_BYTES, MAXIMO_LARGO_NUMERO,
                      MAXIMOS_DECIMALES, MENSAJE_NUMERO_GRANDE, TOPE_ENTERO, decimal, decimales, entero,
                      fecha_admitida, leer_bytes, mensaje_control, mensaje_tamanio)

Ruta = tuple[Any, ...]

# Un registro real tiene unos cientos de nodos; más que esto es una «bomba de alias».
MAXIMO_NODOS = 50_000
MAXIMA_PROFUNDIDAD = 64
_PREFIJO = "tag:yaml.org,2002:"
_ETIQUETAS_ADMITIDAS = {
    _PREFIJO + nombre
    for nombre in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
_FECHA = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_FECHA_HORA = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d*)?"
    r"(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?$",
    re.ASCII,
)
_NULOS = {"", "~", "null", "Null", "NULL"}

# Para saber sin recorrer el archivo que su anidamiento no llega a dañar: cada dos niveles de
# bloque piden al menos una columna más de sangría o de indicadores «- », «? », «: ».
_PREFIJO_BLOQUE = MAXIMA_PROFUNDIDAD // 2
_SANGRIA_HONDA = re.compile(r"\n[ \t?:-]{%d}" % _PREFIJO_BLOQUE)
_SANGRIA_HONDA_INICIAL = re.compile(r"[ \t?:-]{%d}" % _PREFIJO_BLOQUE)

# Los problemas más comunes que informa ruamel.yaml, dichos en castellano.
_PROBLEMAS_SINTAXIS = [
    ("mapping values are not allowed", "aquí no se espera «clave: valor»; revise la sangría o ponga el texto entre comillas"),
    ("could not find expected ':'", "falta el «:» después de la clave"),
    ("found character '\\t'", "hay un tabulador: YAML solo admite espacios para la sangría"),
    ("found undefined alias", "alias no definido (un «*nombre» sin su «&nombre»)"),
    ("found duplicate anchor", "ancla «&» repetida"),
    ("expected <block end>", "la sangría no es coherente con las líneas anteriores"),
    ("expected a comment or a line break", "texto inesperado al final de la línea"),
    ("found unexpected end of stream", "el archivo termina antes de cerrar comillas, corchetes o llaves"),
    ("found unknown escape character", "secuencia de escape desconocida dentro de comillas dobles"),
    ("expected ',' or ']'", "falta «,» o «]» en la lista entre corchetes"),
    ("expected ',' or '}'", "falta «,» o «}» en el mapeo entre llaves"),
    ("found character that cannot start any token", "carácter que no puede iniciar un valor; póngalo entre comillas"),
    ("while scanning a quoted scalar", "comillas sin cerrar"),
    ("while scanning a simple key", "falta el «:» después de la clave"),
    ("while parsing a block mapping", "la sangría no es coherente con las líneas anteriores"),
    ("found character '@' that cannot start any token", "el carácter «@» no puede iniciar un valor; póngalo entre comillas"),
    ("found character '`' that cannot start any token", "el carácter «`» no puede iniciar un valor; póngalo entre comillas"),
]


class ArchivoCambiado(Exception):
    """Un archivo cambió en disco después de leerlo y validarlo (mensaje para el usuario)."""

    def __init__(self, ruta: str):
        super().__init__(f"«{ruta}» cambió mientras se trabajaba con él: repita la orden")


@dataclass
class Documento:
    """Un archivo YAML leído: sus datos y dónde está cada valor."""

    ruta: str
    datos: Any
    huella: str  # SHA-256 del archivo tal como está en disco
    _valores: dict[Ruta, tuple[int, int]] = field(default_factory=dict, repr=False)
    _claves: dict[Ruta, tuple[int, int]] = field(default_factory=dict, repr=False)
    invalidos: set[Ruta] = field(default_factory=set, repr=False)
    _colecciones: set[Ruta] = field(default_factory=set, repr=False)
    con_posiciones: bool = True  # False si vino de la caché: las posiciones se rehacen solo si se piden
    fechas: list[Ruta] = field(default_factory=list, repr=False)  # dónde hay fechas YAML (sin comillas)

    def _posiciones(self) -> None:
        """Rehace las posiciones leyendo de nuevo el archivo (de contenido idéntico: misma huella)."""
        if self.con_posiciones:
            return
        self.con_posiciones = True
        crudo = self._releer()
        if crudo is None:
            return
        releido = cargar_texto(crudo, self.ruta, Informe(), posiciones=True)
        if releido is not None:
            self._valores, self._claves, self._colecciones = releido._valores, releido._claves, releido._colecciones

    def contenido(self) -> bytes:
        """Los bytes que se leyeron y validaron, para adjuntarlos a un PDF. Si el archivo cambió desde
        entonces, `ArchivoCambiado`: un legajo nunca lleva un adjunto distinto de lo que se calificó."""
        crudo = self._releer()
        if crudo is None:
            raise ArchivoCambiado(self.ruta)
        return crudo

    def _releer(self) -> bytes | None:
        """El archivo leído otra vez, si sigue siendo el que se leyó (misma huella); si no, None."""
        crudo = leer_bytes(self.ruta, Informe())
        return crudo if crudo is not None and hashlib.sha256(crudo).hexdigest() == self.huella else None

    def en(self, *ruta: Any) -> Ubicacion:
        """Ubicación del valor en `ruta`, o la del antepasado más cercano que la tenga.

        Para una lista o un mapeo en bloque es la línea de su clave («plan_mejora:»),
        que es donde el usuario lo busca; para un valor simple, el valor mismo.
        """
        self._posiciones()
        ruta = _normalizar(ruta)
        if ruta in self._colecciones and ruta in self._claves:
            linea, columna = self._claves[ruta]
            return Ubicacion(self.ruta, linea, columna)
        return self._buscar(self._valores, ruta)

    def clave(self, *ruta: Any) -> Ubicacion:
        """Ubicación de la clave que lleva a `ruta` (útil para claves desconocidas)."""
        self._posiciones()
        ruta = _normalizar(ruta)
        if ruta in self._claves:
            linea, columna = self._claves[ruta]
            return Ubicacion(self.ruta, linea, columna)
        return self.en(*ruta)

    def _buscar(self, tabla: dict[Ruta, tuple[int, int]], ruta: Ruta) -> Ubicacion:
        while True:
            if ruta in tabla:
                linea, columna = tabla[ruta]
                return Ubicacion(self.ruta, linea, columna)
            if not ruta:
                return Ubicacion(self.ruta, 1, 1)
            ruta = ruta[:-1]

    def es_invalido(self, ruta: Ruta) -> bool:
        """Si el valor en `ruta` (o un antepasado) ya tuvo un error al leerse."""
        ruta = _normalizar(ruta)
        return any(ruta[: len(r)] == r for r in self.invalidos)


def _parte(parte: Any) -> Any:
    return parte if type(parte) is int else str(parte)


def _normalizar(ruta: Ruta) -> Ruta:
    return tuple(_parte(p) for p in ruta)


class _Abortar(Exception):
    """Corta la construcción de un documento que no se puede leer de forma segura."""


def cargar(ruta: Path | str, informe: Informe) -> Documento | None:
    """Lee un archivo YAML. Devuelve None si no se puede leer; los motivos van a `informe`."""
    ruta = str(ruta)
    crudo = leer_bytes(ruta, informe)
    if crudo is None:
        return None
    return cargar_texto(crudo, ruta, informe)


def cargar_texto(crudo: bytes, ruta: str, informe: Informe, posiciones: bool = False) -> Documento | None:
    """Lee un YAML ya en memoria. Sin `posiciones`, la tabla de línea y columna de cada valor se
    rehace solo si un mensaje la necesita (la mayoría de los archivos no tiene ningún problema)."""
    if len(crudo) > MAXIMO_BYTES:
        informe.error(Ubicacion(ruta, 1, 1), mensaje_tamanio(len(crudo)))
        return None
    huella = hashlib.sha256(crudo).hexdigest()
    try:
        texto = crudo.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        linea = crudo.count(b"\n", 0, exc.start) + 1
        columna = exc.start - (crudo.rfind(b"\n", 0, exc.start) + 1) + 1
        informe.error(
            Ubicacion(ruta, linea, columna),
            f"el archivo no está en UTF-8 (byte 0x{crudo[exc.start]:02X}); "
            "guárdelo con la codificación UTF-8 en su editor",
        )
        return None
    if "\x00" in texto:
        informe.error(Ubicacion(ruta, 1, 1), "el archivo contiene bytes nulos: no es un texto YAML")
        return None
    hondo = _demasiado_hondo(texto)
    if hondo is not None:
        informe.error(_ubicacion_marca(ruta, hondo), _MENSAJE_PROFUNDIDAD)
        return None

    try:
        nodos = _componer(texto)
    except MarkedYAMLError as exc:
        informe.error(_ubicacion_marca(ruta, exc.problem_mark or exc.context_mark), _traducir_sintaxis(exc))
        return None
    except YAMLError as exc:  # errores sin marca (raros)
        informe.error(Ubicacion(ruta, 1, 1), f"YAML inválido: {exc}")
        return None
    except RecursionError:  # no debería ocurrir tras _demasiado_hondo: última defensa
        informe.error(Ubicacion(ruta, 1, 1), _MENSAJE_PROFUNDIDAD)
        return None

    nodos = [n for n in nodos if n is not None]
    if not nodos:
        informe.error(Ubicacion(ruta, 1, 1), "el archivo está vacío (no tiene datos, solo espacios o comentarios)")
        return None
    if len(nodos) > 1:
        informe.error(
            _ubicacion_marca(ruta, nodos[1].start_mark),
            "el archivo tiene más de un documento YAML (separados por «---»); use un archivo por registro",
        )
        return None

    documento = Documento(ruta=ruta, datos=None, huella=huella, con_posiciones=posiciones)
    constructor = _Constructor(documento, informe, posiciones)
    try:
        documento.datos = constructor.construir(nodos[0], ())
    except _Abortar:
        return None
    return documento


class _Resolutor12(VersionedResolver):
    """Resolución de etiquetas siempre según YAML 1.2 (la que usa el programa), sin volver a
    averiguar la versión en cada valor: la lectura tarda la mitad."""

    @property
    def processing_version(self):
        return (1, 2)


def _yaml(pure: bool) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.Resolver = _Resolutor12
    return yaml


_MENSAJE_PROFUNDIDAD = f"anidamiento de más de {MAXIMA_PROFUNDIDAD} niveles: el archivo no es un registro válido"


def _demasiado_hondo(texto: str):
    """La marca (línea y columna) del primer valor anidado a más de MAXIMA_PROFUNDIDAD niveles, o None.

    Se mira antes de componer: el compositor de libyaml es recursivo y con decenas de miles de «[»
    revienta la pila de C (el proceso muere sin mensaje), y el de Python puro agota la de Python.
    Casi nunca hace falta recorrer el archivo: con pocos «[» y «{» y sin líneas de sangría honda el
    anidamiento queda acotado (bloque ≤ MAXIMA_PROFUNDIDAD, flujo ≤ MAXIMA_PROFUNDIDAD) y lo que pase
    de MAXIMA_PROFUNDIDAD lo dice el constructor. Si no, se cuentan los niveles con los eventos del
    analizador de libyaml, que no es recursivo: un recorrido lineal, sin construir nada.
    """
    if (
        texto.count("[") + texto.count("{") <= MAXIMA_PROFUNDIDAD
        and _SANGRIA_HONDA.search(texto) is None
        and _SANGRIA_HONDA_INICIAL.match(texto) is None
    ):
        return None
    profundidad = 0
    try:
        for evento in _yaml(pure=False).parse(texto):
            if isinstance(evento, (ScalarEvent, AliasEvent, CollectionStartEvent)) and profundidad > MAXIMA_PROFUNDIDAD:
                return evento.start_mark
            if isinstance(evento, CollectionStartEvent):
                profundidad += 1
            elif isinstance(evento, CollectionEndEvent):
                profundidad -= 1
    except YAMLError:
        pass  # hasta el error el anidamiento está acotado; el error lo informa la lectura
    return None


def _componer(texto: str) -> list:
    """Compone los nodos con libyaml (rápido); si el YAML está mal formado, repite con el
    analizador de Python puro, cuyos mensajes y posiciones son los que se traducen."""
    try:
        return list(_yaml(pure=False).compose_all(texto))
    except YAMLError:
        return list(_yaml(pure=True).compose_all(texto))


def _ubicacion_marca(ruta: str, marca) -> Ubicacion:
    if marca is None:
        return Ubicacion(ruta, 1, 1)
    return Ubicacion(ruta, marca.line + 1, marca.column + 1)


def _traducir_sintaxis(exc: MarkedYAMLError) -> str:
    problema = f"{exc.context or ''} {exc.problem or ''}"
    for ingles, castellano in _PROBLEMAS_SINTAXIS:
        if ingles in problema:
            return f"YAML mal formado: {castellano}"
    return f"YAML mal formado: {(exc.problem or exc.context or 'error de sintaxis').strip()}"


class _Constructor:
    """Convierte nodos en valores de Python, anotando la posición de cada uno."""

    def __init__(self, documento: Documento, informe: Informe, posiciones: bool):
        self.documento = documento
        self.informe = informe
        self.posiciones = posiciones
        self.nodos = 0

    def _ubicacion(self, nodo) -> Ubicacion:
        return _ubicacion_marca(self.documento.ruta, nodo.start_mark)

    def _fallar(self, nodo, mensaje: str):
        self.informe.error(self._ubicacion(nodo), mensaje)
        raise _Abortar

    def construir(self, nodo, ruta: Ruta, profundidad: int = 0) -> Any:
        self.nodos += 1
        if self.nodos > MAXIMO_NODOS:
            self._fallar(
                nodo,
                f"el archivo se expande a más de {MAXIMO_NODOS:,} valores por sus alias «*»".replace(",", " ")
                + " (posible «bomba de alias»); escriba los datos sin alias",
            )
        if profundidad > MAXIMA_PROFUNDIDAD:
            self._fallar(nodo, _MENSAJE_PROFUNDIDAD)
        if self.posiciones:
            self.documento._valores.setdefault(ruta, (nodo.start_mark.line + 1, nodo.start_mark.column + 1))

        etiqueta = str(nodo.tag)
        if etiqueta not in _ETIQUETAS_ADMITIDAS:
            self._etiqueta_no_permitida(nodo, ruta, etiqueta)
        if self.posiciones and isinstance(nodo, (MappingNode, SequenceNode)):
            self.documento._colecciones.add(ruta)
        if isinstance(nodo, MappingNode):
            if etiqueta != _PREFIJO + "map":
                self._etiqueta_ajena(nodo, ruta, etiqueta, "un mapeo")
            return self._mapeo(nodo, ruta, profundidad)
        if isinstance(nodo, SequenceNode):
            if etiqueta != _PREFIJO + "seq":
                self._etiqueta_ajena(nodo, ruta, etiqueta, "una lista")
            return [self.construir(hijo, ruta + (i,), profundidad + 1) for i, hijo in enumerate(nodo.value)]
        return self._escalar(nodo, ruta, etiqueta)

    def _etiqueta_no_permitida(self, nodo, ruta: Ruta, etiqueta: str) -> None:
        self.documento.invalidos.add(ruta)
        self._fallar(
            nodo,
            f"etiqueta YAML no permitida «{_etiqueta_corta(etiqueta)}»: los registros solo admiten "
            "texto, números, fechas, listas y mapeos",
        )

    def _etiqueta_ajena(self, nodo, ruta: Ruta, etiqueta: str, que: str) -> None:
        self.documento.invalidos.add(ruta)
        self._fallar(nodo, f"la etiqueta «{_etiqueta_corta(etiqueta)}» no corresponde a {que}")

    def _mapeo(self, nodo: MappingNode, ruta: Ruta, profundidad: int) -> dict:
        resultado: dict = {}
        vistas: dict[Any, int] = {}
        for nodo_clave, nodo_valor in nodo.value:
            etiqueta = str(nodo_clave.tag)  # una sola vez: str() de una etiqueta de ruamel no es barato
            if etiqueta == _PREFIJO + "merge":
                self._fallar(nodo_clave, "no se admiten claves de fusión «<<»: escriba cada campo en el registro")
            if not isinstance(nodo_clave, ScalarNode):
                self._fallar(nodo_clave, "una clave debe ser un texto simple, no una lista ni un mapeo")
            if etiqueta not in _ETIQUETAS_ADMITIDAS:
                self._etiqueta_no_permitida(nodo_clave, ruta + ("<clave>",), etiqueta)
            if profundidad >= MAXIMA_PROFUNDIDAD:  # la clave está un nivel más adentro, como su valor
                self._fallar(nodo_clave, _MENSAJE_PROFUNDIDAD)
            clave = self._escalar(nodo_clave, ruta + ("<clave>",), etiqueta)
            marca = (nodo_clave.start_mark.line + 1, nodo_clave.start_mark.column + 1)
            if clave in vistas:
                self.informe.error(
                    self._ubicacion(nodo_clave),
                    f"clave duplicada «{clave}» (ya aparece en la línea {vistas[clave]}); "
                    "YAML tomaría solo una de las dos",
                )
                self.documento.invalidos.add(ruta + (_parte(clave),))
                continue
            vistas[clave] = marca[0]
            ruta_hijo = ruta + (_parte(clave),)  # `ruta` ya viene normalizada
            if self.posiciones:
                self.documento._claves[ruta_hijo] = marca
            resultado[clave] = self.construir(nodo_valor, ruta_hijo, profundidad + 1)
        return resultado

    def _escalar(self, nodo: ScalarNode, ruta: Ruta, etiqueta: str) -> Any:
        texto = nodo.value
        tipo = etiqueta[len(_PREFIJO):]
        if tipo == "str":
            if texto.isascii() and texto.isprintable():  # casi todos: sin llamar a nada más
                return texto
            return self._texto(nodo, ruta, texto)
        if tipo == "null":
            if texto not in _NULOS:
                self._invalido(nodo, ruta, "con la etiqueta «!!null» el valor debe quedar vacío (o ser null o ~)")
            return None
        if tipo == "bool":
            if texto.lower() not in ("true", "false"):
                self._invalido(nodo, ruta, "con la etiqueta «!!bool» el valor debe ser true o false")
                return texto
            return texto.lower() == "true"
        if tipo == "int":
            return self._numero(nodo, ruta, texto, es_entero=True)
        if tipo == "float":
            return self._numero(nodo, ruta, texto, es_entero=False)
        if tipo == "timestamp":
            return self._fecha(nodo, ruta, texto)
        self._etiqueta_ajena(nodo, ruta, etiqueta, "un valor simple")  # !!map o !!seq en un valor simple: no vuelve

    def _invalido(self, nodo, ruta: Ruta, mensaje: str) -> None:
        self.informe.error(self._ubicacion(nodo), mensaje)
        self.documento.invalidos.add(_normalizar(ruta))

    def _texto(self, nodo, ruta: Ruta, texto: str) -> str:
        """El texto en NFC, si no lleva caracteres de control."""
        if not texto.isprintable():  # también con salto de línea o tabulador, que se admiten: se mira bien
            prohibido = CONTROL.search(texto)
            if prohibido:
                self._invalido(nodo, ruta, mensaje_control(prohibido.group()))
                return texto
        if not texto.isascii():
            texto = unicodedata.normalize("NFC", texto)
        return texto

    def _numero(self, nodo, ruta: Ruta, texto: str, es_entero: bool):
        """Un número acotado: a lo más MAXIMAS_CIFRAS cifras enteras y MAXIMOS_DECIMALES decimales.
        Los mensajes no repiten el valor: podría ser un documento escrito sin comillas."""
        if len(texto) > MAXIMO_LARGO_NUMERO:
            self._invalido(nodo, ruta, MENSAJE_NUMERO_GRANDE)
            return texto
        valor = entero(texto) if es_entero else decimal(texto)
        if valor is None:  # un entero solo falla con «!!int» explícito: el texto puede ser cualquier cosa
            if es_entero:
                self._invalido(nodo, ruta, "con la etiqueta «!!int» el valor debe ser un número entero")
            else:
                self._invalido(nodo, ruta, f"«{texto}» no es un número finito")
            return texto
        if isinstance(valor, Decimal):
            grande = valor.adjusted() >= MAXIMAS_CIFRAS  # sin operar con el valor: 1e999999999 desbordaría
        else:
            grande = abs(valor) >= TOPE_ENTERO
        if grande:
            self._invalido(nodo, ruta, MENSAJE_NUMERO_GRANDE)
            return texto
        if not es_entero and decimales(valor) > MAXIMOS_DECIMALES:
            self._invalido(
                nodo, ruta, f"el número tiene más de {MAXIMOS_DECIMALES} decimales; redondéelo a {MAXIMOS_DECIMALES} como máximo"
            )
            return texto
        return valor

    def _fecha(self, nodo, ruta: Ruta, texto: str):
        solo_fecha = _FECHA.match(texto)
        try:
            if solo_fecha:
                anio, mes, dia = (int(g) for g in solo_fecha.groups())
                valor = dt.date(anio, mes, dia)
            else:
                completa = _FECHA_HORA.match(texto)
                if not completa:
                    self._invalido(nodo, ruta, f"«{texto}» no es una fecha válida (use AAAA-MM-DD)")
                    return texto
                anio, mes, dia, hora, minuto, segundo = (int(g) for g in completa.groups()[:6])
                valor = dt.datetime(anio, mes, dia, hora, minuto, segundo)
        except ValueError:
            self._invalido(nodo, ruta, f"la fecha «{texto}» no existe en el calendario")
            return texto
        if not fecha_admitida(valor):
            self._invalido(nodo, ruta, f"la fecha «{texto}» está fuera del intervalo admitido, {INTERVALO_FECHAS}")
            return texto
        self.documento.fechas.append(ruta)
        return valor


def _etiqueta_corta(etiqueta: str) -> str:
    return "!!" + etiqueta[len(_PREFIJO):] if etiqueta.startswith(_PREFIJO) else etiqueta


def a_json(valor: Any) -> Any:
    """Copia apta para JSON Schema: claves como texto y fechas en ISO 8601."""
    if isinstance(valor, dict):
        return {str(k): a_json(v) for k, v in valor.items()}
    if isinstance(valor, list):
        return [a_json(v) for v in valor]
    if isinstance(valor, (dt.date, dt.datetime)):
        return valor.isoformat()
    return valor
