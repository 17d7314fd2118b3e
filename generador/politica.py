"""Políticas de evaluación como datos: `generador/politicas/<clave>.yaml`.

Cada parámetro es `{valor, referencia}`; el código pide los valores por su
nombre y cita la referencia en cada mensaje. Los números se leen como
`Decimal` a partir del texto del archivo.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from .carga import cargar
from .diagnosticos import Informe, Ubicacion
from .esquema import quiza
from .modelos import MODELO_POR_OMISION
from .modelos import disponibles as modelos_disponibles
from .modelos import modelo as cargar_modelo

POLITICA_POR_OMISION = "imarpe-2018"

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


def carpeta_politicas() -> Path:
    return Path(str(resources.files("generador") / "politicas"))


def disponibles() -> list[str]:
    return sorted(p.stem for p in carpeta_politicas().glob("*.yaml"))


def cargar_politica(clave: str, informe: Informe, donde: Ubicacion) -> Politica | None:
    """Carga la política `clave`; `donde` es quien la pidió (para el mensaje si no existe)."""
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
    datos = documento.datos if isinstance(documento.datos, dict) else {}
    cabecera = datos.get("politica") or {}
    crudos = datos.get("parametros") or {}
    clave_modelo = cabecera.get("modelo") or MODELO_POR_OMISION
    if clave_modelo not in modelos_disponibles():
        informe.error(documento.en("politica", "modelo"), f"modelo desconocido «{clave_modelo}»; los disponibles son: "
                      f"{', '.join(modelos_disponibles())}{quiza(clave_modelo, modelos_disponibles())}")
        return None
    modelo = cargar_modelo(clave_modelo)
    parametros: dict[str, Parametro] = {}
    bien = True
    for nombre, tipo in modelo.PARAMETROS.items():
        entrada = crudos.get(nombre)
        if not isinstance(entrada, dict) or "valor" not in entrada or not entrada.get("referencia"):
            informe.error(documento.en("parametros"), f"la política no define «{nombre}» con su «valor» y su «referencia»")
            bien = False
            continue
        valor = entrada["valor"]
        if not (isinstance(valor, tipo) and isinstance(valor, bool) == (tipo is bool)):
            informe.error(documento.en("parametros", nombre, "valor"), f"el valor de «{nombre}» no es del tipo esperado")
            bien = False
            continue
        parametros[nombre] = Parametro(valor, str(entrada["referencia"]))
    for nombre in crudos:
        if nombre not in modelo.PARAMETROS:
            informe.error(documento.clave("parametros", nombre),
                          f"parámetro desconocido «{nombre}»{quiza(nombre, modelo.PARAMETROS)}")
            bien = False
    if bien and hasattr(modelo, "validar_politica"):
        bien = modelo.validar_politica(parametros, documento, informe)
    if not bien:
        return None
    return Politica(clave, cabecera, parametros, documento.huella, modelo)
