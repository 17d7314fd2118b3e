"""El plano de una hoja: qué va en cada celda, con qué estilo, y qué celdas llena el evaluador.

El mismo plano sirve en las dos direcciones: `escribir` lo dibuja con openpyxl y `leer` lo vuelve a armar
con el registro actual para saber qué es cada celda (las celdas se leen por su posición) y comprobar que
el libro que volvió tiene la misma forma (`rotulo`: los textos fijos del formato) y es del mismo servidor
(`identidad`: documento, período, metas).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


class Formula(str):
    """Una fórmula del propio formato (puntajes de referencia, metas repetidas de una hoja en la otra). Los
    datos nunca lo son: pasan por `escape.xlsx`."""


@dataclass(frozen=True)
class Entrada:
    """Una celda que llena el evaluador: qué tipo de dato lleva y adónde va en el registro.

    `destino` es la ruta en el registro («metas_individuales», 0, «logro»), o («nueva», grupo, i, campo)
    para las metas de un registro que aún no las tiene, o («dificultad», grupo, i) para la dificultad o
    mejora de una meta (va a `evaluacion.metas`). `actual` es lo que se muestra del registro: si la celda
    vuelve igual, no cambia nada."""

    tipo: str        # logro | alcanzado | nivel | fecha | texto | lineas | peso | hitos | comportamientos
    destino: tuple
    actual: object = None


@dataclass
class Celda:
    fila: int
    columna: int
    valor: object = None
    estilo: str = "dato"
    ultima_fila: int = 0          # rango combinado: última fila y columna (0: la misma celda)
    ultima_columna: int = 0
    formato: str | None = None    # formato de número de Excel
    rotulo: bool = False          # texto fijo del formato: al leer se comprueba que siga ahí
    identidad: str | None = None  # dato del registro que identifica el libro: al leer, el mensaje si no coincide
    entrada: Entrada | None = None

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.columna)}{self.fila}"

    @property
    def rango(self) -> str | None:
        ultima_fila, ultima_columna = self.ultima_fila or self.fila, self.ultima_columna or self.columna
        if (ultima_fila, ultima_columna) == (self.fila, self.columna):
            return None
        return f"{self.ref}:{get_column_letter(ultima_columna)}{ultima_fila}"


@dataclass
class Hoja:
    nombre: str
    anchos: tuple[float, ...]
    celdas: list[Celda] = field(default_factory=list)
    altos: dict[int, float] = field(default_factory=dict)
    fila: int = 1                 # la fila que se está llenando
    horizontal: bool = True       # orientación de la página al imprimir

    def poner(self, columna: int, valor=None, estilo: str = "dato", *, hasta: int = 0, filas: int = 1,
              fila: int | None = None, **opciones) -> Celda:
        """Una celda en la fila actual (o `fila`), combinada hasta la columna `hasta` y `filas` hacia abajo."""
        fila = self.fila if fila is None else fila
        celda = Celda(fila, columna, valor, estilo, ultima_fila=fila + filas - 1 if filas > 1 else 0,
                      ultima_columna=hasta if hasta and hasta != columna else 0, **opciones)
        self.celdas.append(celda)
        return celda

    def rotulo(self, columna: int, texto: str, estilo: str = "encabezado", **opciones) -> Celda:
        return self.poner(columna, texto, estilo, rotulo=True, **opciones)

    def siguiente(self, filas: int = 1) -> None:
        self.fila += filas

    def alto_minimo(self, fila: int, puntos: float) -> None:
        self.altos[fila] = max(self.altos.get(fila, 0), puntos)

    def entradas(self) -> list[Celda]:
        return [c for c in self.celdas if c.entrada is not None]

    def calcular_altos(self) -> None:
        """Alto de cada fila según el texto de sus celdas: Excel no ajusta solo las celdas combinadas, y un
        alto fijo hace que el libro se vea igual en Excel y en LibreOffice."""
        for celda in self.celdas:
            if celda.valor is None or isinstance(celda.valor, Formula):
                continue
            columnas = range(celda.columna, (celda.ultima_columna or celda.columna) + 1)
            ancho = sum(self.anchos[c - 1] for c in columnas if c - 1 < len(self.anchos))
            por_linea = max(1, int(ancho * (0.95 if celda.estilo in ("titulo", "seccion") else 1.15)) - 1)
            texto = str(celda.valor) if not hasattr(celda.valor, "year") else "00/00/0000"
            lineas = sum(max(1, math.ceil(len(parte) / por_linea)) for parte in texto.split("\n"))
            filas = (celda.ultima_fila or celda.fila) - celda.fila + 1
            por_fila = (lineas * LINEA[celda.estilo] + 4) / filas
            for fila in range(celda.fila, celda.fila + filas):
                self.alto_minimo(fila, por_fila)
        for fila, alto in self.altos.items():
            self.altos[fila] = round(max(alto, 15), 1)


# Alto de una línea de texto, en puntos, según el estilo (el tamaño de su letra).
LINEA = {"titulo": 16.5, "subtitulo": 14.5, "seccion": 12, "encabezado": 12, "etiqueta": 12, "dato": 12,
         "entrada": 12, "centro": 12, "nota": 11, "firma": 12, "texto": 13, "marca": 12}

ENTRADA_COMENTARIO = 54   # alto mínimo (puntos) de una celda para escribir comentarios
