"""Diagnósticos para personas: `ruta:línea:columna: mensaje (numeral)`.

Cada etapa (carga, esquema, reglas) agrega diagnósticos a un `Informe`; nadie
sale a la mitad. La CLI imprime todos al final y decide el código de salida.
Los mensajes no llevan documentos, nombres ni puntajes (Ley N°29733): la
ubicación en el archivo basta para encontrar el dato.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

ERROR = "error"
ADVERTENCIA = "advertencia"

# Saltos de línea, controles y marcas de dirección: un texto de los datos citado en un mensaje (o el
# nombre de un archivo) no puede partir la línea ni fingir otro diagnóstico; se muestran como «\n».
_INVISIBLES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(texto: str) -> str:
    """`texto` en una sola línea, con cada carácter invisible escrito como su escape («\\n», «\\u202e»)."""
    return _INVISIBLES.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), texto)


@dataclass(frozen=True)
class Ubicacion:
    """Un punto de un archivo; línea y columna empiezan en 1 (0 = sin posición)."""

    ruta: str
    linea: int = 0
    columna: int = 0

    def __str__(self) -> str:
        ruta = ruta_legible(self.ruta)
        if self.linea:
            return f"{ruta}:{self.linea}:{self.columna}"
        return ruta


@dataclass(frozen=True)
class Diagnostico:
    ubicacion: Ubicacion
    mensaje: str
    numeral: str | None = None
    nivel: str = ERROR

    def clave_orden(self):
        u = self.ubicacion
        return (u.ruta, u.linea, u.columna, self.mensaje)

    def __str__(self) -> str:
        numeral = f" ({self.numeral})" if self.numeral else ""
        return visible(f"{self.ubicacion}: {self.nivel}: {self.mensaje}{numeral}")


@dataclass
class Informe:
    """Colección de diagnósticos de una corrida."""

    diagnosticos: list[Diagnostico] = field(default_factory=list)

    def error(self, ubicacion: Ubicacion, mensaje: str, numeral: str | None = None) -> None:
        self._agregar(Diagnostico(ubicacion, mensaje, numeral, ERROR))

    def advertencia(self, ubicacion: Ubicacion, mensaje: str, numeral: str | None = None) -> None:
        self._agregar(Diagnostico(ubicacion, mensaje, numeral, ADVERTENCIA))

    def _agregar(self, diagnostico: Diagnostico) -> None:
        if diagnostico not in self.diagnosticos:
            self.diagnosticos.append(diagnostico)

    @property
    def errores(self) -> list[Diagnostico]:
        return [d for d in self.diagnosticos if d.nivel == ERROR]

    @property
    def advertencias(self) -> list[Diagnostico]:
        return [d for d in self.diagnosticos if d.nivel == ADVERTENCIA]

    def tiene_errores(self, estricto: bool = False) -> bool:
        return bool(self.errores) or (estricto and bool(self.advertencias))

    def ordenados(self) -> list[Diagnostico]:
        return sorted(self.diagnosticos, key=Diagnostico.clave_orden)


def ruta_legible(ruta: str) -> str:
    """La ruta relativa al directorio actual cuando está debajo de él."""
    try:
        relativa = os.path.relpath(ruta)
    except ValueError:
        return ruta
    return ruta if relativa.startswith("..") else relativa
