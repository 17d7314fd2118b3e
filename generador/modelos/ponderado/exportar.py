"""`generador exportar` en la empresa: los resultados del período en xlsx o csv (confidencial).

Una fila por colaborador: sus datos, sus evaluadores, cada parte con su peso y su
subtotal, el porcentaje final, el tramo de la escala y sus consecuencias, el tramo
de competencias y la señal de calibración de sus evaluadores (Políticas 15 y 16),
los meses sin registro mensual y la fecha de cada etapa. El xlsx trae una hoja
«Consolidado», una por departamento y «Acerca de». El libro y el escape de cada
celda son los del núcleo (`generador/flujo/libro.py`): los mismos datos dan los
mismos bytes, con la fecha de la evaluación del período (no la del reloj).
"""

from __future__ import annotations

import datetime as dt

from ...flujo import libro
from ...flujo.libro import Campo
from ...repositorio import Ciclo, Repositorio, como_fecha
from . import calibracion, reglas
from .resultados import ESTADOS, Resultado, fecha_evaluacion

PARTES = {"objetivos": "objetivos", "competencias": "competencias", "servicio": "servicio"}
CAMPOS = (
    Campo("Documento", "texto", 12), Campo("Apellidos", "texto", 22), Campo("Nombres", "texto", 20),
    Campo("Nivel", "texto", 16), Campo("Departamento", "texto", 9), Campo("Nombre del departamento", "texto", 30),
    Campo("Área", "texto", 24), Campo("Puesto", "texto", 32), Campo("Estable", "texto", 8),
    Campo("Evaluadores", "texto", 24), Campo("Estado", "texto", 22),
    *(c for parte in PARTES for c in (Campo(f"% {parte}", "cifra", 10), Campo(f"Peso {parte}", "cifra", 8),
                                       Campo(f"Subtotal {parte}", "cifra", 10))),
    Campo("Porcentaje final", "cifra", 10), Campo("Tramo", "texto", 16), Campo("Consecuencias", "texto", 40),
    Campo("Tramo de competencias", "texto", 16), Campo("Calibración de sus evaluadores", "texto", 28),
    Campo("Meses sin registro mensual", "texto", 20),
    Campo("Acuerdo del desempeño", "fecha", 12), Campo("Evaluación", "fecha", 12), Campo("Entrevista", "fecha", 12),
)


def filas(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado]) -> list[list]:
    """Una fila por colaborador (por departamento, apellidos y nombres), con valores de Python."""
    politica = ciclo.politica
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    tramos = {t["clave"]: t["nombre"] for t in politica.escala.valor}
    nombres_consecuencias = politica.nombres_consecuencias.valor
    _, evaluadores = calibracion.calcular(politica, resultados)
    senales = {e.documento: e.senal for e in evaluadores if e.senal}
    salida = []
    for documento, r in resultados.items():
        persona, registro = r.registro.servidor, r.registro
        evaluaciones = registro.lista("evaluaciones")
        fechas = [f for f in (como_fecha(e.get("fecha")) for e in evaluaciones) if f]
        quienes = [str(e.get("evaluador")) for e in evaluaciones]
        competencias = r.partes.get("competencias")
        salida.append([
            documento, persona.get("apellidos", ""), persona.get("nombres", ""),
            politica.niveles.valor.get(r.nivel, r.nivel), r.departamento, organos.get(r.departamento, ""),
            persona.get("area", ""), persona.get("puesto", ""), "No" if persona.get("estable") is False else "Sí",
            ", ".join(f"{q} ({e.get('linea')})" for q, e in zip(quienes, evaluaciones)), ESTADOS[r.estado],
            *(valor for parte in PARTES for valor in (r.partes.get(parte), r.pesos.get(parte), r.subtotales.get(parte))),
            r.final, tramos.get(r.tramo["clave"], "") if r.tramo else "",
            "; ".join(nombres_consecuencias.get(c, c) for c in r.consecuencias),
            reglas.tramo(politica, competencias)["nombre"] if competencias is not None else "",
            "; ".join(f"{q}: {senales[q]}" for q in quienes if q in senales),
            ", ".join(r.meses_sin_registro),
            como_fecha(registro.bloque("acuerdo").get("fecha")), max(fechas) if fechas else None,
            como_fecha(registro.bloque("entrevista").get("fecha")),
        ])
    salida.sort(key=lambda f: (f[4], f[1], f[2], f[0]))
    return salida


def a_csv(filas_: list[list]) -> str:
    return libro.a_csv(CAMPOS, filas_)


def a_xlsx(filas_: list[list], repositorio: Repositorio, ciclo: Ciclo, fecha: dt.date) -> bytes:
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    claves = sorted({f[4] for f in filas_})
    hojas = [("Consolidado", filas_)] + [(clave, [f for f in filas_ if f[4] == clave]) for clave in claves]
    politica = ciclo.politica
    acerca = [
        ["Empresa", (repositorio.datos_entidad or {}).get("nombre", "")],
        ["Período", f"{ciclo.nombre} (carpeta {ciclo.carpeta})"],
        ["Política", f"{politica.nombre} — {politica.clave} v{politica.version}"],
        ["Colaboradores", len(filas_)],
        ["Datos al", fecha],
        ["Cómo leerlo", "Cada parte: porcentaje, peso y subtotal (porcentaje × peso ÷ 100); el porcentaje final es la "
                        "suma de los subtotales y su tramo el de la escala de la política."],
        ["Aviso", "CONFIDENCIAL: contiene documentos y calificaciones (datos personales). Entréguelo solo a Recursos "
                  "Humanos, al Comité Ejecutivo o a la Gerencia; no lo publique."],
        *[[f"Hoja {clave}", organos.get(clave, "")] for clave in claves],
    ]
    return libro.a_xlsx(CAMPOS, hojas, acerca, f"Resultados — {ciclo.nombre}", fecha, "D2")


def fecha_del_libro(ciclo: Ciclo) -> dt.date:
    """La fecha del libro: la de la evaluación del período (un dato, no el reloj)."""
    return fecha_evaluacion(ciclo)
