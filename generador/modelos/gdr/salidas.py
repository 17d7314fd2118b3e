"""Salidas de `calificar` en el modelo «gdr»: tabla, JSON y CSV (formato.md de servir-2025).

Cada puntaje se imprime ROUND_HALF_UP desde su valor exacto; la puntuación final, desde la suma
exacta (no desde los puntajes ya impresos: la Tabla 7 da 105.48, no 105.47). La calificación se
decidió sobre la suma exacta; cuando la cifra impresa parece alcanzar un umbral que la exacta no
alcanza, la fila lo dice (`nota`).
"""

from __future__ import annotations

from ... import formatos
from . import reglas
from .resultados import Resultado

CAMPOS = ("documento", "nombres", "apellidos", "segmento", "puntajes_metas", "puntaje_final", "calificacion",
          "candidato_distinguido", "calificacion_formato", "puntaje_final_exacto", "designado", "notificado",
          "confirmacion", "faltantes", "nota")


def nota_redondeo(resultado: Resultado) -> str:
    """«la puntuación 70.00 está redondeada; el valor exacto 69.9958… no alcanza el umbral 70 (F!G35)»."""
    ocultos = resultado.umbrales_ocultos()
    if not ocultos:
        return ""
    exacto = resultado.total
    cifras = reglas.impreso(exacto, 4)
    aproximado = f"{cifras}…" if reglas.exacto(cifras) != exacto else str(cifras)
    umbrales = " ni ".join(format(reglas.impreso(u, 2).normalize(), "f") for u in ocultos)
    # F!G35 es la celda que compara la puntuación sin redondear (reglas §4.2, caso E10)
    return (f"la puntuación {resultado.total_impreso()} está redondeada; el valor exacto {aproximado} no alcanza el "
            f"umbral {umbrales} (F!G35)")


def _exacto(resultado: Resultado) -> str | None:
    if resultado.total is None:
        return None
    t = resultado.total
    return str(t.numerator) if t.denominator == 1 else f"{t.numerator}/{t.denominator}"


def filas(resultados: dict[str, Resultado]) -> list[dict]:
    salida = []
    for documento in sorted(resultados):
        r = resultados[documento]
        persona = r.registro.servidor
        confirmacion = r.confirmacion
        estado_cie = (confirmacion.get("resultado") or "pendiente") if confirmacion else None
        salida.append({
            "documento": documento, "nombres": persona["nombres"], "apellidos": persona["apellidos"],
            "segmento": r.segmento,
            "puntajes_metas": r.puntajes_impresos() if not r.sin_evidencias else [None] * len(r.metas),
            "puntaje_final": r.total_impreso(), "calificacion": r.calificacion,
            "candidato_distinguido": r.candidato, "calificacion_formato": r.calificacion_formato,
            "puntaje_final_exacto": _exacto(r), "designado": r.designado, "notificado": r.notificado,
            "confirmacion": estado_cie, "faltantes": r.faltantes if r.calificacion is None else [],
            "nota": nota_redondeo(r) or None,
        })
    return salida


def a_tabla(filas_: list[dict], titulo: str, politica) -> str:
    nombres = politica.calificaciones.valor
    segmentos = politica.segmentos.valor
    cabeceras = ["Documento", "Apellidos y nombres", "Segmento", "Puntajes por meta", "Final", "Calificación"]
    cuerpo = []
    notas = []
    for fila in filas_:
        puntajes = " + ".join("—" if p is None else str(p) for p in fila["puntajes_metas"]) or "—"
        calificacion = nombres[fila["calificacion"]] if fila["calificacion"] else \
            "Pendiente: " + "; ".join(fila["faltantes"] or ["datos"])
        if fila["confirmacion"] == "pendiente":
            calificacion += " (confirmación pendiente en el CIE)"
        elif fila["calificacion"] != fila["calificacion_formato"] and fila["calificacion_formato"]:
            calificacion += f" (modificada por el CIE; la hoja daba {nombres[fila['calificacion_formato']]})"
        if fila["nota"]:
            calificacion += " *"
            notas.append(f"* {fila['documento']}: {fila['nota']}")
        cuerpo.append([fila["documento"], f"{fila['apellidos']}, {fila['nombres']}",
                       segmentos.get(fila["segmento"], fila["segmento"]), puntajes,
                       "—" if fila["puntaje_final"] is None else str(fila["puntaje_final"]), calificacion])
    anchos = [max(len(c), *(len(f[i]) for f in cuerpo)) if cuerpo else len(c) for i, c in enumerate(cabeceras)]

    def linea(celdas) -> str:
        return "  ".join(c.rjust(anchos[i]) if i == 4 else c.ljust(anchos[i]) for i, c in enumerate(celdas)).rstrip()

    lineas = [titulo, "", linea(cabeceras), "  ".join("-" * a for a in anchos), *(linea(f) for f in cuerpo), ""]
    lineas.append("Final = suma exacta de los puntajes, redondeada a dos decimales; la calificación se decide sobre la "
                  "suma exacta (F!D35, F!G35).")
    lineas += notas
    conteo: dict[str, int] = {}
    for fila in filas_:
        clave = fila["calificacion"] or "pendiente"
        conteo[clave] = conteo.get(clave, 0) + 1
    resumen = "; ".join(f"{nombres.get(c, 'Pendiente')}: {conteo[c]}" for c in (*nombres, "pendiente") if c in conteo)
    total = formatos_cantidad(len(filas_))
    lineas.append(f"{total[:1].upper()}{total[1:]}. {resumen}.")
    return "\n".join(lineas) + "\n"


def formatos_cantidad(n: int) -> str:
    from ...anexos.formato import cantidad
    return cantidad(n, "servidor", "servidores")


def texto(ciclo, resultados: dict[str, Resultado], formato: str) -> str:
    return formatos.calificar(ciclo, filas(resultados), CAMPOS, formato, a_tabla)
