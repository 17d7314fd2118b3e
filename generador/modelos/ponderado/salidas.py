"""Salidas de `calificar` en el modelo «ponderado»: tabla, JSON y CSV.

Cada parte con su porcentaje, su peso y su subtotal; el porcentaje final es
la suma de los subtotales impresos, y el tramo es el de la escala.
"""

from __future__ import annotations

from ... import formatos
from .resultados import ESTADOS, Resultado

PARTES = ("objetivos", "competencias", "servicio")
CAMPOS = ("documento", "nombres", "apellidos", "nivel", "departamento", "estado", "evaluadores",
          *PARTES, *(f"peso_{p}" for p in PARTES), *(f"subtotal_{p}" for p in PARTES),
          "porcentaje_final", "tramo", "consecuencias")


def filas(resultados: dict[str, Resultado]) -> list[dict]:
    salida = []
    for documento in sorted(resultados):
        r = resultados[documento]
        persona = r.registro.servidor
        fila = {"documento": documento, "nombres": persona["nombres"], "apellidos": persona["apellidos"],
                "nivel": r.nivel, "departamento": r.departamento, "estado": r.estado, "evaluadores": len(r.parciales)}
        for parte in PARTES:
            fila[parte] = r.partes.get(parte)
            fila[f"peso_{parte}"] = r.pesos.get(parte)
            fila[f"subtotal_{parte}"] = r.subtotales.get(parte)
        fila["porcentaje_final"] = r.final
        fila["tramo"] = r.tramo["clave"] if r.tramo else None
        fila["consecuencias"] = r.consecuencias
        salida.append(fila)
    return salida


def _parte(fila: dict, parte: str) -> str:
    if fila[parte] is None:
        return "—"
    peso = fila[f"peso_{parte}"]
    return f"{fila[parte]} ×{peso.normalize():f}% = {fila[f'subtotal_{parte}']}"


def a_tabla(filas_: list[dict], titulo: str, politica) -> str:
    niveles = politica.niveles.valor
    tramos = {t["clave"]: t["nombre"] for t in politica.escala.valor}
    cabeceras = ["Documento", "Apellidos y nombres", "Nivel", "Depto.", "Ev.", "Objetivos", "Competencias", "Servicio",
                 "Final %", "Tramo"]
    numericas = {4, 5, 6, 7, 8}
    cuerpo = []
    for fila in filas_:
        calificado = fila["porcentaje_final"] is not None
        cuerpo.append([
            fila["documento"], f"{fila['apellidos']}, {fila['nombres']}", niveles.get(fila["nivel"], fila["nivel"]),
            fila["departamento"], str(fila["evaluadores"] or ""),
            *(_parte(fila, p) for p in PARTES),
            str(fila["porcentaje_final"]) if calificado else "—",
            tramos[fila["tramo"]] if calificado else ESTADOS[fila["estado"]],
        ])
    anchos = [max(len(c), *(len(f[i]) for f in cuerpo)) if cuerpo else len(c) for i, c in enumerate(cabeceras)]

    def linea(celdas) -> str:
        return "  ".join(c.rjust(anchos[i]) if i in numericas else c.ljust(anchos[i]) for i, c in enumerate(celdas)).rstrip()

    lineas = [titulo, "", linea(cabeceras), "  ".join("-" * a for a in anchos), *(linea(f) for f in cuerpo), ""]
    lineas.append("Cada parte: porcentaje ×peso = subtotal; Final = suma de los subtotales. Ev. = evaluadores promediados.")
    conteo: dict[str, int] = {}
    for fila in filas_:
        nombre = tramos[fila["tramo"]] if fila["tramo"] else ESTADOS[fila["estado"]]
        conteo[nombre] = conteo.get(nombre, 0) + 1
    orden = list(tramos.values()) + list(ESTADOS.values())
    resumen = "; ".join(f"{n}: {conteo[n]}" for n in orden if n in conteo)
    lineas.append(f"{len(filas_)} colaboradores. {resumen}.")
    return "\n".join(lineas) + "\n"


def texto(ciclo, resultados: dict[str, Resultado], formato: str) -> str:
    return formatos.calificar(ciclo, filas(resultados), CAMPOS, formato, a_tabla)
