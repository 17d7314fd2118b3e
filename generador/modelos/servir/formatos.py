"""Salidas de `calificar` del modelo servir: las filas y sus columnas, y la tabla para la terminal.

JSON y CSV los escribe `generador/formatos.py` (común a los modelos) con las columnas `CAMPOS`.
"""

from __future__ import annotations

from ...formatos import texto
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
