"""Informe de Recursos Humanos al cierre del período (Políticas 32) y calibración (Políticas 15 y 16):
un PDF/A confidencial con gráficos SVG.

Parte I, los temas que la política pide: cumplimiento de objetivos por nivel y por departamento,
fortalezas (E, MB, B) y debilidades (R, NS) en competencias por nivel y por departamento, y
satisfacción del servicio por departamento; además, la distribución de calificaciones finales y
sus consecuencias. Parte II, calibración: distribución por área frente a la esperada, evaluadores
que se apartan y registros mensuales faltantes por evaluador.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from ...anexos import formato
from ...informe import graficos
from . import calibracion, reglas
from .formularios import nombre_y_puesto
from .resultados import CALIFICADO, ESTADOS, Resultado, fecha_evaluacion

FORTALEZAS, DEBILIDADES = ("E", "MB", "B"), ("R", "NS")


def _promedio(politica, valores: list[Decimal]) -> Decimal | None:
    return reglas.promedio(politica, valores) if valores else None


def contexto(repositorio, ciclo, resultados: dict[str, Resultado]) -> dict:
    politica = ciclo.politica
    departamentos = repositorio.datos_entidad.get("organos") or {}
    niveles = politica.niveles.valor
    calificados = [r for r in resultados.values() if r.estado == CALIFICADO]
    tramos = politica.escala.valor
    nombres_tramo = [t["nombre"] for t in tramos]

    # I.1 Objetivos por nivel y por departamento
    objetivos_nivel = [(niveles[n], _promedio(politica, [r.partes["objetivos"] for r in calificados
                                                          if r.nivel == n and "objetivos" in r.partes]))
                       for n in niveles if "objetivos" in politica.pesos_partes.valor[n]]
    objetivos_depto = [(departamentos.get(d, d), _promedio(politica, [r.partes["objetivos"] for r in calificados
                                                                       if r.departamento == d and "objetivos" in r.partes]))
                       for d in departamentos]

    # I.2 Competencias: conteo de cada sigla por competencia, por nivel y por departamento
    def conteo(filtro) -> list[dict]:
        filas = []
        for nivel in niveles:
            for comp in politica.competencias.valor[nivel]:
                notas = Counter(p.notas[comp["clave"]] for r in calificados if r.nivel == nivel and filtro(r)
                                for p in r.parciales)
                total = sum(notas.values())
                if total:
                    fuertes = sum(notas[s] for s in FORTALEZAS)
                    filas.append({"competencia": comp["nombre"], "nivel": niveles[nivel], "notas": notas, "total": total,
                                  "fortaleza": round(100 * fuertes / total), "debilidad": round(100 * (total - fuertes) / total)})
        return filas

    por_nivel = {niveles[n]: conteo(lambda r, n=n: r.nivel == n) for n in niveles}
    por_depto = {departamentos.get(d, d): conteo(lambda r, d=d: r.departamento == d) for d in departamentos}

    # I.3 Servicio por departamento
    servicio = defaultdict(dict)
    for entrada in ciclo.lista("servicio"):
        if entrada.get("resultado") is not None:
            servicio[entrada["departamento"]][entrada["tipo"]] = Decimal(entrada["resultado"])
    satisfaccion = [{"departamento": departamentos.get(d, d), "interno": servicio[d].get("interno"),
                     "externo": servicio[d].get("externo"),
                     "nota": reglas.porcentaje_servicio(politica, list(servicio[d].values()))} for d in departamentos]

    # I.4 Calificación final por departamento y consecuencias
    por_tramo = [(departamentos.get(d, d), dict(Counter(r.tramo["nombre"] for r in calificados if r.departamento == d)))
                 for d in departamentos]
    estados = Counter(ESTADOS[r.estado] for r in resultados.values() if r.estado != CALIFICADO)
    nombres_consecuencias = politica.nombres_consecuencias.valor
    seguimiento = [r for r in calificados if "seguimiento" in r.consecuencias]
    sin_bueno = [r for r in calificados if not r.consecuencias]

    # II Calibración
    areas, evaluadores = calibracion.calcular(politica, resultados)
    esperada = politica.distribucion_esperada.valor
    graficos_areas = []
    for area in areas:
        esperados = area.esperados(politica)
        filas = [(t["sigla"], area.observados[t["clave"]], float(reglas.redondear(politica, esperados[t["clave"]])))
                 for t in tramos]
        graficos_areas.append({"nombre": departamentos.get(area.clave, area.clave), "total": area.total,
                               "filas": [{"tramo": t["nombre"], "observado": area.observados[t["clave"]],
                                          "observado_pct": round(100 * area.observados[t["clave"]] / area.total),
                                          "esperado_pct": esperada[t["clave"]],
                                          "esperado": formato.cifra(reglas.redondear(politica, esperados[t["clave"]]))}
                                         for t in tramos],
                               "svg": Markup(graficos.pares(filas, f"Competencias por tramo — {area.clave}",
                                                            ("Evaluados (observado)", "Esperado (distribución normal)")))})
    altos = sum(Decimal(esperada[t]) for t in calibracion.ALTOS)
    bajos = sum(Decimal(esperada[t]) for t in calibracion.BAJOS)
    filas_evaluadores = [{"nombre": nombre_y_puesto(ciclo, e.documento)["nombre"], "evaluados": e.evaluados,
                          "altos": round(e.proporcion(calibracion.ALTOS)), "bajos": round(e.proporcion(calibracion.BAJOS)),
                          "promedio": formato.cifra(reglas.redondear(politica, e.promedio)), "senal": e.senal}
                         for e in evaluadores]
    faltas = _registros_faltantes(ciclo, resultados)
    return {
        "titulo": f"Informe de Recursos Humanos — {ciclo.nombre}", "encabezado": "Recursos Humanos · CONFIDENCIAL",
        "horizontal": False, "entidad": repositorio.datos_entidad, "fecha": fecha_evaluacion(ciclo),
        "ciclo": {"nombre": ciclo.nombre, "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin)},
        "politica": {"nombre": politica.nombre, "clave": politica.clave, "version": politica.version},
        "pie": f"Política {politica.clave} v{politica.version} · Ciclo {ciclo.carpeta} · Confidencial (Ley N° 29733)",
        "total": len(resultados), "calificados": len(calificados), "estados": dict(estados),
        "objetivos_nivel": objetivos_nivel, "objetivos_depto": objetivos_depto,
        "por_nivel": por_nivel, "por_depto": por_depto, "siglas": [t["sigla"] for t in tramos],
        "satisfaccion": satisfaccion, "por_tramo": por_tramo, "nombres_tramo": nombres_tramo,
        "seguimiento": [r.registro.nombre_completo for r in seguimiento], "sin_bueno": [r.registro.nombre_completo for r in sin_bueno],
        "meses_seguimiento": politica.meses_seguimiento.valor, "consecuencias": nombres_consecuencias,
        "areas": graficos_areas, "evaluadores": filas_evaluadores, "altos": altos, "bajos": bajos,
        "tolerancia": politica.tolerancia_calibracion.valor, "minimo": politica.minimo_evaluados_calibracion.valor,
        "esperada": [(t["nombre"], esperada[t["clave"]]) for t in tramos], "faltas": faltas,
        "graficos": {
            "objetivos_nivel": Markup(graficos.porcentajes([(n, v) for n, v in objetivos_nivel if v is not None],
                                                           "Cumplimiento de objetivos por nivel")),
            "objetivos_depto": Markup(graficos.porcentajes([(n, v) for n, v in objetivos_depto if v is not None],
                                                           "Cumplimiento de objetivos por departamento")),
            "satisfaccion": Markup(graficos.porcentajes([(s["departamento"], s["nota"]) for s in satisfaccion
                                                         if s["nota"] is not None], "Satisfacción del servicio por departamento")),
            "tramos": Markup(graficos.apiladas(por_tramo, nombres_tramo, "Calificación final por departamento")),
        },
    }


def _registros_faltantes(ciclo, resultados: dict[str, Resultado]) -> list[dict]:
    """Meses sin registro mensual, por evaluador directo (Recursos Humanos deja nota en el file)."""
    por_evaluador: dict[str, list] = defaultdict(list)
    for resultado in resultados.values():
        faltan = resultado.meses_sin_registro
        if faltan:
            registro = resultado.registro
            directa = next((e["evaluador"] for e in registro.lista("evaluaciones") if e["linea"] == "directa"), "")
            por_evaluador[nombre_y_puesto(ciclo, directa)["nombre"] or "(sin evaluador registrado)"].append(
                {"evaluado": registro.nombre_completo, "meses": ", ".join(formato.mes(m) for m in faltan), "n": len(faltan)})
    return [{"evaluador": k, "filas": v, "total": sum(f["n"] for f in v)} for k, v in sorted(por_evaluador.items())]


def escribir(repositorio, ciclo, resultados: dict[str, Resultado], destino: Path) -> int:
    from ...informe import escribir as escribir_pdf
    return escribir_pdf(contexto(repositorio, ciclo, resultados), destino, "ponderado/informe.html.j2")
