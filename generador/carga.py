"""Lectura segura de YAML conservando la línea y columna de cada valor.

ruamel.yaml solo compone el árbol de nodos; los valores los construye este
módulo, así que ninguna etiqueta puede crear objetos de Python. Se rechazan:
archivos vacíos o que no son UTF-8, claves duplicadas, etiquetas que no sean
las del núcleo YAML, claves de fusión, alias que se expanden sin límite y
fechas inexistentes. Los números con decimales se leen como `Decimal` a partir
del texto escrito, sin pasar por `float`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from .diagnosticos import Informe, Ubicacion

Ruta = tuple[Any, ...]

# Un registro real tiene unos cientos de nodos; más que esto es una «bomba de alias».
MAXIMO_NODOS = 50_000
MAXIMA_PROFUNDIDAD = 64

_PREFIJO = "tag:yaml.org,2002:"
_ETIQUETAS_ADMITIDAS = {
    _PREFIJO + nombre
    for nombre in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
_FECHA = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FECHA_HORA = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d*)?"
    r"(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?$"
)

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

    def sin_posiciones(self) -> "Documento":
        """Copia liviana para la caché: los datos sin la tabla de posiciones."""
        return Documento(ruta=self.ruta, datos=self.datos, huella=self.huella, con_posiciones=False)

    def _posiciones(self) -> None:
        """Rehace las posiciones leyendo de nuevo el archivo (de contenido idéntico: misma huella)."""
        if self.con_posiciones:
            return
        self.con_posiciones = True
        try:
            crudo = Path(self.ruta).read_bytes()
        except OSError:
            return
        if hashlib.sha256(crudo).hexdigest() != self.huella:
            return
        releido = cargar_texto(crudo, self.ruta, Informe(), posiciones=True)
        if releido is not None:
            self._valores, self._claves, self._colecciones = releido._valores, releido._claves, releido._colecciones

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
    try:
        crudo = Path(ruta).read_bytes()
    except OSError as exc:
        informe.error(Ubicacion(ruta), f"no se puede leer el archivo: {exc.strerror}")
        return None
    return cargar_texto(crudo, ruta, informe)


def cargar_texto(crudo: bytes, ruta: str, informe: Informe, posiciones: bool = False) -> Documento | None:
    """Lee un YAML ya en memoria. Sin `posiciones`, la tabla de línea y columna de cada valor se
    rehace solo si un mensaje la necesita (la mayoría de los archivos no tiene ningún problema)."""
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

    try:
        nodos = _componer(texto)
    except MarkedYAMLError as exc:
        informe.error(_ubicacion_marca(ruta, exc.problem_mark or exc.context_mark), _traducir_sintaxis(exc))
        return None
    except YAMLError as exc:  # errores sin marca (raros)
        informe.error(Ubicacion(ruta, 1, 1), f"YAML inválido: {exc}")
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
            self._fallar(nodo, f"anidamiento de más de {MAXIMA_PROFUNDIDAD} niveles: el archivo no es un registro válido")
        if self.posiciones:
            self.documento._valores.setdefault(ruta, (nodo.start_mark.line + 1, nodo.start_mark.column + 1))

        etiqueta = str(nodo.tag)
        if etiqueta not in _ETIQUETAS_ADMITIDAS:
            self.documento.invalidos.add(ruta)
            self._fallar(
                nodo,
                f"etiqueta YAML no permitida «{_etiqueta_corta(etiqueta)}»: los registros solo admiten "
                "texto, números, fechas, listas y mapeos",
            )
        if self.posiciones and isinstance(nodo, (MappingNode, SequenceNode)):
            self.documento._colecciones.add(ruta)
        if isinstance(nodo, MappingNode):
            return self._mapeo(nodo, ruta, profundidad)
        if isinstance(nodo, SequenceNode):
            return [self.construir(hijo, ruta + (i,), profundidad + 1) for i, hijo in enumerate(nodo.value)]
        return self._escalar(nodo, ruta, etiqueta)

    def _mapeo(self, nodo: MappingNode, ruta: Ruta, profundidad: int) -> dict:
        resultado: dict = {}
        vistas: dict[Any, int] = {}
        for nodo_clave, nodo_valor in nodo.value:
            if str(nodo_clave.tag) == _PREFIJO + "merge":
                self._fallar(nodo_clave, "no se admiten claves de fusión «<<»: escriba cada campo en el registro")
            if not isinstance(nodo_clave, ScalarNode):
                self._fallar(nodo_clave, "una clave debe ser un texto simple, no una lista ni un mapeo")
            clave = self._escalar(nodo_clave, ruta + ("<clave>",), str(nodo_clave.tag))
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
            return texto
        if tipo == "null":
            return None
        if tipo == "bool":
            return texto.lower() == "true"
        if tipo == "int":
            return _entero(texto)
        if tipo == "float":
            valor = _decimal(texto)
            if valor is None:
                self._invalido(nodo, ruta, f"«{texto}» no es un número finito")
                return texto
            return valor
        if tipo == "timestamp":
            return self._fecha(nodo, ruta, texto)
        return texto

    def _invalido(self, nodo, ruta: Ruta, mensaje: str) -> None:
        self.informe.error(self._ubicacion(nodo), mensaje)
        self.documento.invalidos.add(_normalizar(ruta))

    def _fecha(self, nodo, ruta: Ruta, texto: str):
        solo_fecha = _FECHA.match(texto)
        try:
            if solo_fecha:
                anio, mes, dia = (int(g) for g in solo_fecha.groups())
                return dt.date(anio, mes, dia)
            completa = _FECHA_HORA.match(texto)
            if completa:
                anio, mes, dia, hora, minuto, segundo = (int(g) for g in completa.groups()[:6])
                return dt.datetime(anio, mes, dia, hora, minuto, segundo)
        except ValueError:
            self._invalido(nodo, ruta, f"la fecha «{texto}» no existe en el calendario")
            return texto
        self._invalido(nodo, ruta, f"«{texto}» no es una fecha válida (use AAAA-MM-DD)")
        return texto


def _entero(texto: str) -> int:
    limpio = texto.replace("_", "")
    signo = -1 if limpio.startswith("-") else 1
    limpio = limpio.lstrip("+-")
    for prefijo, base in (("0o", 8), ("0x", 16), ("0b", 2)):
        if limpio.lower().startswith(prefijo):
            return signo * int(limpio[2:], base)
    return signo * int(limpio, 10)


def _decimal(texto: str) -> Decimal | None:
    try:
        valor = Decimal(texto.replace("_", ""))
    except InvalidOperation:
        return None
    return valor if valor.is_finite() else None


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
