"""Salidas de `calificar`: tabla para la terminal, JSON y CSV.

En el CSV cada texto pasa por `escape.csv`: un nombre como `=HYPERLINK(…)` no se vuelve fórmula.

Las cifras salen con exactamente los decimales de la política (82.00): en
JSON como números, en CSV y en la tabla como texto con punto decimal, como en
los formatos de las entidades peruanas.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from . import escape
from .reglas.calificacion import NOMBRES
from .resultados import Resultado

CAMPOS = (
    "documento",
    "nombres",
    "apellidos",
    "segmento",
    "puntaje_grupal",
    "puntaje_individual",
    "subtotal_grupal",
    "subtotal_individual",
    "puntaje_final",
    "calificacion",
    "candidato_distinguido",
)
CIFRAS = ("puntaje_grupal", "puntaje_individual", "subtotal_grupal", "subtotal_individual", "puntaje_final")


def filas(resultados: dict[str, Resultado]) -> list[dict]:
    """Una fila por servidor, ordenadas por documento."""
    salida = []
    for documento in sorted(resultados):
        resultado = resultados[documento]
        servidor = resultado.registro.servidor
        puntaje = resultado.puntaje
        fila = {
            "documento": documento,
            "nombres": servidor["nombres"],
            "apellidos": servidor["apellidos"],
            "segmento": servidor["segmento"],
        }
        for campo in CIFRAS:
            fila[campo] = getattr(puntaje, campo) if puntaje else None
        fila["calificacion"] = resultado.calificacion.calificacion
        fila["candidato_distinguido"] = resultado.calificacion.candidato_distinguido
        salida.append(fila)
    return salida


def a_json(filas_: list[dict], campos: tuple[str, ...] = CAMPOS) -> str:
    """JSON con las cifras como números de dos decimales (82.00), no como float."""
    objetos = []
    for fila in filas_:
        partes = [f"    {json.dumps(c)}: {_valor_json(fila[c])}" for c in campos]
        objetos.append("  {\n" + ",\n".join(partes) + "\n  }")
    return "[\n" + ",\n".join(objetos) + "\n]\n" if objetos else "[]\n"


def _valor_json(valor) -> str:
    if isinstance(valor, Decimal):
        return str(valor)  # ya cuantizado: «82.00»
    return json.dumps(valor, ensure_ascii=False)


def a_csv(filas_: list[dict], campos: tuple[str, ...] = CAMPOS) -> str:
    buffer = io.StringIO()
    escritor = csv.writer(buffer, lineterminator="\n")
    escritor.writerow(campos)
    for fila in filas_:
        escritor.writerow([_celda_csv(fila[c]) for c in campos])
    return buffer.getvalue()


def _celda_csv(valor) -> str:
    """Las cifras tal cual; todo lo demás como texto que la hoja de cálculo no toma por fórmula."""
    if isinstance(valor, (Decimal, int, float)) and not isinstance(valor, bool):
        return escape.csv(valor)
    return escape.csv(texto(valor, vacio=""))


def texto(valor, vacio: str = "—") -> str:
    """Una celda: vacío, «sí»/«no», una lista separada por «; » o la cifra ya cuantizada."""
    if valor is None:
        return vacio
    if isinstance(valor, list):
        return "; ".join(texto(v, vacio) for v in valor)
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return str(valor)


def a_tabla(filas_: list[dict], titulo: str) -> str:
    cabeceras = ["Documento", "Apellidos y nombres", "Segmento", "Grupal", "Individual",
                 "Subt. grupal", "Subt. indiv.", "Final", "Calificación", "Candidato RD"]
    numericas = {3, 4, 5, 6, 7}
    cuerpo = []
    for fila in filas_:
        calificacion = fila["calificacion"]
        cuerpo.append([
            fila["documento"],
            f"{fila['apellidos']}, {fila['nombres']}",
            fila["segmento"].replace("_", " "),
            *(texto(fila[c]) for c in CIFRAS),
            NOMBRES.get(calificacion, "pendiente") if calificacion else "pendiente",
            "sí" if fila["candidato_distinguido"] else "",
        ])
    anchos = [max(len(c), *(len(f[i]) for f in cuerpo)) if cuerpo else len(c) for i, c in enumerate(cabeceras)]

    def linea(celdas) -> str:
        return "  ".join(c.rjust(anchos[i]) if i in numericas else c.ljust(anchos[i]) for i, c in enumerate(celdas)).rstrip()

    lineas = [titulo, "", linea(cabeceras), "  ".join("-" * a for a in anchos)]
    lineas += [linea(f) for f in cuerpo]
    conteo: dict[str, int] = {}
    for fila in filas_:
        nombre = NOMBRES.get(fila["calificacion"], "Pendiente") if fila["calificacion"] else "Pendiente"
        conteo[nombre] = conteo.get(nombre, 0) + 1
    resumen = "; ".join(f"{nombre}: {n}" for nombre, n in sorted(conteo.items()))
    candidatos = sum(1 for f in filas_ if f["candidato_distinguido"])
    lineas += ["", f"{len(filas_)} servidores. {resumen}. Candidatos a rendimiento distinguido: {candidatos}."]
    return "\n".join(lineas) + "\n"
