"""Políticas de evaluación como datos: `generador/politicas/<clave>.yaml`.

Cada parámetro es `{valor, referencia}`; el código pide los valores por su
nombre y cita la referencia en cada mensaje. Los números se leen como
`Decimal` a partir del texto del archivo.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from .carga import cargar
from .diagnosticos import Informe, Ubicacion
from .esquema import quiza
from .modelos import MODELO_POR_OMISION, formas_politica, revisar_coherencia
from .modelos import disponibles as modelos_disponibles
from .modelos import modelo as cargar_modelo

@dataclass(frozen=True)
class Parametro:
    valor: Any
    referencia: str


class Politica:
    """Una política cargada; `politica.umbral_buen_rendimiento.valor`, `.referencia`."""

    def __init__(self, clave: str, cabecera: dict, parametros: dict[str, Parametro], huella: str, modelo=None):
        self.clave = clave
        self.modelo = modelo  # el módulo del modelo que declara (ver generador/modelos/)
        self.cabecera = cabecera
        self.huella = huella
        self._parametros = parametros

    def __getattr__(self, nombre: str) -> Parametro:
        try:
            return self._parametros[nombre]
        except KeyError:
            raise AttributeError(nombre) from None

    @property
    def version(self) -> str:
        return str(self.cabecera.get("version", ""))

    @property
    def nombre(self) -> str:
        return str(self.cabecera.get("nombre", self.clave))

    def numero(self, nombre: str, *claves: str) -> Decimal:
        """Un valor numérico del parámetro (o de su subclave) como Decimal."""
        valor = self._parametros[nombre].valor
        for clave in claves:
            valor = valor[clave]
        return Decimal(valor)


# --- La forma de cada valor -------------------------------------------------------------------------
# Cada modelo declara en `FORMAS` qué forma tiene el valor de cada parámetro de su política (ver
# generador/modelos/__init__.py). `revisar(valor, ruta)` da pares (ruta dentro del valor, problema):
# vacío si el valor tiene la forma. Los rangos son los que el cálculo admite sin volverse absurdo.


def _es_numero(valor) -> bool:
    return isinstance(valor, (int, Decimal)) and not isinstance(valor, bool) and Decimal(valor).is_finite()


def _cifra(valor) -> str:
    return format(Decimal(valor).normalize(), "f") if isinstance(valor, Decimal) else str(valor)


class Forma:
    def revisar(self, valor, ruta: tuple) -> Iterator[tuple[tuple, str]]:
        raise NotImplementedError


@dataclass(frozen=True)
class Texto(Forma):
    """Un texto no vacío; con `patron`, que lo cumpla entero (para lo que termina en un nombre de archivo)."""

    patron: str | None = None
    explicacion: str = ""

    def revisar(self, valor, ruta):
        if not isinstance(valor, str) or not valor.strip():
            yield ruta, "debe ser un texto no vacío"
        elif self.patron and not re.fullmatch(self.patron, valor):
            yield ruta, f"el texto no tiene la forma esperada ({self.explicacion})"


@dataclass(frozen=True)
class Opciones(Forma):
    valores: tuple

    def revisar(self, valor, ruta):
        if not isinstance(valor, str) or valor not in self.valores:
            sugerencia = quiza(valor, self.valores) if isinstance(valor, str) else ""
            yield ruta, f"debe ser uno de: {', '.join(self.valores)}{sugerencia}"


@dataclass(frozen=True)
class Numero(Forma):
    """Un número (entero o con decimales) de `minimo` a `maximo`, ambos incluidos."""

    minimo: int | Decimal
    maximo: int | Decimal
    entero: bool = False

    def revisar(self, valor, ruta):
        clase = "un número entero" if self.entero else "un número"
        if not _es_numero(valor) or (self.entero and not isinstance(valor, int)):
            yield ruta, f"debe ser {clase} de {_cifra(self.minimo)} a {_cifra(self.maximo)}"
        elif not self.minimo <= valor <= self.maximo:
            yield ruta, f"debe ser {clase} de {_cifra(self.minimo)} a {_cifra(self.maximo)}"


def Entero(minimo: int, maximo: int) -> Numero:  # noqa: N802 (se lee como las otras formas)
    return Numero(minimo, maximo, entero=True)


@dataclass(frozen=True)
class SiNo(Forma):
    def revisar(self, valor, ruta):
        if not isinstance(valor, bool):
            yield ruta, "debe ser true (sí) o false (no)"


@dataclass(frozen=True)
class Fecha(Forma):
    def revisar(self, valor, ruta):
        if not isinstance(valor, dt.date) or isinstance(valor, dt.datetime) or not 1900 <= valor.year <= 2100:
            yield ruta, "debe ser una fecha AAAA-MM-DD (sin hora) entre 1900 y 2100"


@dataclass(frozen=True)
class Lista(Forma):
    elemento: Forma
    minimo: int = 0
    unicos: bool = False

    def revisar(self, valor, ruta):
        if not isinstance(valor, list):
            yield ruta, "debe ser una lista (cada elemento empieza con «- » o va entre [ ])"
            return
        if len(valor) < self.minimo:
            yield ruta, f"la lista debe tener al menos {self.minimo} elemento{'s' if self.minimo > 1 else ''}"
        vistos = []
        for i, elemento in enumerate(valor):
            problemas = list(self.elemento.revisar(elemento, (*ruta, i)))
            yield from problemas
            if self.unicos and not problemas:
                if elemento in vistos:
                    yield (*ruta, i), f"el elemento {i + 1} repite el elemento {vistos.index(elemento) + 1}"
                vistos.append(elemento)


@dataclass(frozen=True)
class Mapa(Forma):
    """Un mapeo «clave: valor» con claves de texto; `claves`: exactamente esas; `admitidas`: solo de esas."""

    valor: Forma
    claves: tuple | None = None
    admitidas: tuple | None = None
    minimo: int = 1

    def revisar(self, valor, ruta):
        if not isinstance(valor, dict):
            yield ruta, "debe ser un mapeo «clave: valor»"
            return
        if len(valor) < self.minimo:
            yield ruta, "no puede estar vacío"
        opciones = self.claves or self.admitidas
        for clave, contenido in valor.items():
            if not isinstance(clave, str):
                yield ruta, f"la clave «{clave}» debe ser un texto (escríbala entre comillas)"
            elif opciones is not None and clave not in opciones:
                yield (*ruta, clave), f"clave desconocida «{clave}»; use: {', '.join(opciones)}{quiza(clave, opciones)}"
            else:
                yield from self.valor.revisar(contenido, (*ruta, clave))
        for clave in self.claves or ():
            if clave not in valor:
                yield ruta, f"falta «{clave}» (se necesitan todas: {', '.join(self.claves)})"


@dataclass(frozen=True)
class Objeto(Forma):
    """Un mapeo con campos fijos: los `obligatorios` y, si están, los `opcionales`."""

    obligatorios: dict
    opcionales: dict = field(default_factory=dict)

    def revisar(self, valor, ruta):
        if not isinstance(valor, dict):
            yield ruta, f"debe ser un mapeo con {', '.join(f'«{c}»' for c in self.obligatorios)}"
            return
        campos = {**self.obligatorios, **self.opcionales}
        for clave, contenido in valor.items():
            if clave not in campos:
                yield (*ruta, clave), f"campo desconocido «{clave}»; los campos son: {', '.join(campos)}" \
                                      f"{quiza(clave, campos)}"
            else:
                yield from campos[clave].revisar(contenido, (*ruta, clave))
        for clave in self.obligatorios:
            if clave not in valor:
                yield ruta, f"falta el campo «{clave}»"



def carpeta_politicas() -> Path:
    return Path(str(resources.files("generador") / "politicas"))


def disponibles() -> list[str]:
    return sorted(p.stem for p in carpeta_politicas().glob("*.yaml"))


def cargar_politica(clave: str, informe: Informe, donde: Ubicacion) -> Politica | None:
    """Carga la política `clave`; `donde` es quien la pidió (para el mensaje si no existe).

    Cada problema del archivo (estructura, tipos, números fuera de rango, claves que faltan o sobran,
    incoherencias entre parámetros) es un diagnóstico `ruta:línea:columna`; se informan todos y la
    política no se usa (None): ningún cálculo llega a leer un valor que no entiende."""
    if clave not in disponibles():
        informe.error(
            donde,
            f"política desconocida «{clave}»; las disponibles son: {', '.join(disponibles())}"
            f"{quiza(clave, disponibles())}",
        )
        return None
    documento = cargar(carpeta_politicas() / f"{clave}.yaml", informe)
    if documento is None:
        return None
    bien = not documento.invalidos  # un valor que ya no se pudo leer (fecha imposible, número infinito…)
    datos = documento.datos
    if not isinstance(datos, dict):
        informe.error(documento.en(), "la política es un mapeo con «politica» (cabecera) y «parametros»")
        return None
    cabecera, crudos = datos.get("politica"), datos.get("parametros")
    for nombre in datos:
        if nombre not in ("politica", "parametros"):
            informe.error(documento.clave(nombre), f"clave desconocida «{nombre}»: la política solo tiene «politica» y "
                          f"«parametros»{quiza(nombre, ['politica', 'parametros'])}")
            bien = False
    if not isinstance(cabecera, dict):
        informe.error(documento.en("politica") if "politica" in datos else documento.en(),
                      "falta la cabecera «politica» (un mapeo con «clave», «modelo», «version», «nombre»…)")
        cabecera, bien = {}, False
    for campo, valor in cabecera.items():
        if not isinstance(valor, (str, int, Decimal)) or isinstance(valor, bool):
            informe.error(documento.en("politica", campo), f"«{campo}» de la cabecera debe ser un texto")
            bien = False
    if not isinstance(crudos, dict):
        informe.error(documento.en("parametros") if "parametros" in datos else documento.en(),
                      "falta «parametros»: un mapeo con cada parámetro, su «valor» y su «referencia»")
        return None
    clave_modelo = cabecera.get("modelo") or MODELO_POR_OMISION
    if not isinstance(clave_modelo, str) or clave_modelo not in modelos_disponibles():
        informe.error(documento.en("politica", "modelo"), f"modelo desconocido «{clave_modelo}»; los disponibles son: "
                      f"{', '.join(modelos_disponibles())}{quiza(clave_modelo, modelos_disponibles())}")
        return None
    modelo = cargar_modelo(clave_modelo)
    formas = formas_politica(clave_modelo)
    parametros: dict[str, Parametro] = {}
    for nombre, tipo in modelo.PARAMETROS.items():
        entrada = crudos.get(nombre)
        if not isinstance(entrada, dict) or "valor" not in entrada or not entrada.get("referencia"):
            donde_falta = documento.en("parametros", nombre) if nombre in crudos else documento.en("parametros")
            informe.error(donde_falta, f"la política no define «{nombre}» con su «valor» y su «referencia»")
            bien = False
            continue
        for campo in entrada:
            if campo not in ("valor", "referencia", "descripcion"):
                informe.error(documento.clave("parametros", nombre, campo), f"«{nombre}»: campo desconocido «{campo}»; "
                              f"cada parámetro tiene «valor», «referencia» y, si se quiere, «descripcion»"
                              f"{quiza(campo, ['valor', 'referencia', 'descripcion'])}")
                bien = False
        if not isinstance(entrada["referencia"], (str, int, Decimal)) or isinstance(entrada["referencia"], bool):
            informe.error(documento.en("parametros", nombre, "referencia"),
                          f"la «referencia» de «{nombre}» es un texto: el numeral o la sección de la norma")
            bien = False
            continue
        valor = entrada["valor"]
        forma = formas.get(nombre)
        if forma is not None:
            problemas = [(ruta, mensaje) for ruta, mensaje in forma.revisar(valor, ())
                         if not documento.es_invalido(("parametros", nombre, "valor", *ruta))]
            for ruta, mensaje in problemas:
                informe.error(documento.en("parametros", nombre, "valor", *ruta), f"«{nombre}»{_tramo(ruta)}: {mensaje}")
            if problemas or documento.es_invalido(("parametros", nombre, "valor")):
                bien = False
                continue
        elif not (isinstance(valor, tipo) and isinstance(valor, bool) == (tipo is bool)):
            informe.error(documento.en("parametros", nombre, "valor"), f"el valor de «{nombre}» no es del tipo esperado")
            bien = False
            continue
        parametros[nombre] = Parametro(valor, str(entrada["referencia"]))
    for nombre in crudos:
        if nombre not in modelo.PARAMETROS:
            informe.error(documento.clave("parametros", nombre),
                          f"parámetro desconocido «{nombre}»{quiza(nombre, modelo.PARAMETROS)}")
            bien = False
    if len(parametros) == len(modelo.PARAMETROS):  # coherencia entre parámetros: solo si cada uno tiene su forma
        for ruta, mensaje in revisar_coherencia(clave_modelo, parametros):
            informe.error(documento.en("parametros", *ruta), mensaje)
            bien = False
        if bien:
            bien = modelo.validar_politica(parametros, documento, informe)
    if not bien:
        return None
    return Politica(clave, cabecera, parametros, documento.huella, modelo)


def _tramo(ruta: tuple) -> str:
    """« → nivel → 2» para señalar dentro del valor de un parámetro (los elementos de una lista, desde 1)."""
    return "".join(f" → {p + 1}" if isinstance(p, int) else f" → {p}" for p in ruta)
