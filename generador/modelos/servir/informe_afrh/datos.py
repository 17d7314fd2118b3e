"""Las cifras del informe de la AFRH: avance por etapa, pendientes y plazos por evaluador,
distribución de puntajes y calificaciones, candidatos a rendimiento distinguido.

Un formato se cuenta como pendiente solo si la etapa en que se hace ya terminó
en la fecha de corte (por omisión, el último hecho registrado del ciclo, para que
el informe no dependa del reloj). Los plazos vencidos son las advertencias de
`validar` sobre los registros del ciclo, atribuidas al evaluador de cada uno.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..anexos.contexto import documentos
from ..personas import evaluador as persona_evaluadora
from ....diagnosticos import Informe
from ....repositorio import Ciclo, Repositorio, como_fecha
from ..reglas.calificacion import NOMBRES, RENDIMIENTO_DISTINGUIDO, BUEN_RENDIMIENTO, SUJETO_A_OBSERVACION, DESAPROBADO
from ..resultados import Resultado
from .. import nombres as legibles

# Qué formato se hace en qué etapa del cronograma (6.5 y Anexos).
ETAPA_DE = {"anexo-1": "establecimiento_metas", "anexo-2": "seguimiento", "anexo-3": "seguimiento",
            "anexo-4": "evaluacion", "anexo-5": "retroalimentacion"}
FORMATOS = (("anexo-1", "Anexo 1 · fijación de metas"), ("anexo-2", "Anexo 2 · evidencias"),
            ("anexo-3", "Anexo 3 · seguimiento"), ("anexo-4", "Anexo 4 · calificación notificada"),
            ("anexo-5", "Anexo 5 · retroalimentación"), ("anexo-6", "Anexo 6 · plan de mejora"))
ORDEN_CALIFICACIONES = (RENDIMIENTO_DISTINGUIDO, BUEN_RENDIMIENTO, SUJETO_A_OBSERVACION, DESAPROBADO, None)
SIN_CALIFICAR = "Aún sin calificar"


@dataclass
class PorEvaluador:
    nombre: str
    evaluados: int = 0
    hechos: Counter = field(default_factory=Counter)
    pendientes: list[tuple[str, str]] = field(default_factory=list)       # (servidor, qué falta)
    fuera_de_plazo: list[tuple[str, str]] = field(default_factory=list)   # (servidor, advertencia)


def _fin_de_etapas(ciclo: Ciclo) -> dict[str, dt.date]:
    return {e.get("etapa"): como_fecha(e.get("fin")) for e in ciclo.lista("cronograma") if isinstance(e, dict)}


def _nombre_evaluador(ciclo: Ciclo, registro) -> str:
    nombre = persona_evaluadora(ciclo, registro.evaluador, {}).nombre
    if not nombre:
        return "Evaluador no registrado"
    return nombre if registro.evaluador in ciclo.por_documento else f"{nombre} (externo)"


def avance_y_evaluadores(ciclo: Ciclo, resultados: dict[str, Resultado], corte: dt.date,
                         informe: Informe) -> tuple[list[tuple[str, int, int]], list[PorEvaluador]]:
    fines = _fin_de_etapas(ciclo)
    advertencias = defaultdict(list)
    for diagnostico in informe.advertencias:
        advertencias[Path(diagnostico.ubicacion.ruta).resolve()].append(diagnostico)
    hechos_totales: Counter = Counter()
    evaluadores: dict[str, PorEvaluador] = {}
    for resultado in resultados.values():
        registro = resultado.registro
        fila = evaluadores.setdefault(registro.evaluador, PorEvaluador(_nombre_evaluador(ciclo, registro)))
        fila.evaluados += 1
        nombre = f"{registro.servidor.get('apellidos', '')}, {registro.servidor.get('nombres', '')}"
        contados = set()  # varias reuniones de seguimiento cuentan una vez
        for documento in documentos(registro, resultado):
            clave = documento.clave.rsplit("-", 1)[0] if documento.clave.startswith("anexo-3-") else documento.clave
            if documento.disponible:
                if clave not in contados:
                    contados.add(clave)
                    fila.hechos[clave] += 1
                    hechos_totales[clave] += 1
                continue
            fin = fines.get(ETAPA_DE.get(clave, ""))
            if fin and fin < corte:
                fila.pendientes.append((nombre, f"{documento.titulo.split(' — ')[0]}: {documento.falta}"))
        for diagnostico in advertencias.get(Path(registro.doc.ruta).resolve(), []):
            numeral = f" ({diagnostico.numeral})" if diagnostico.numeral else ""
            fila.fuera_de_plazo.append((nombre, diagnostico.mensaje + numeral))
    total = len(resultados)
    avance = [(titulo, hechos_totales[clave], total) for clave, titulo in FORMATOS]
    return avance, sorted(evaluadores.values(), key=lambda e: e.nombre)


def histograma(resultados: dict[str, Resultado], ancho: int = 10) -> list[tuple[str, int]]:
    """Cantidad de puntajes finales por tramo de `ancho` puntos: 0–9.99, …, 90–100."""
    cuentas = Counter()
    for resultado in resultados.values():
        if resultado.puntaje and resultado.puntaje.puntaje_final is not None:
            cuentas[min(int(Decimal(resultado.puntaje.puntaje_final) // ancho), 100 // ancho - 1)] += 1
    return [(f"{i * ancho}–{(i + 1) * ancho if i < 100 // ancho - 1 else 100}", cuentas[i]) for i in range(100 // ancho)]


def _etiqueta(calificacion: str | None) -> str:
    return NOMBRES.get(calificacion, SIN_CALIFICAR) if calificacion else SIN_CALIFICAR


def calificaciones_por(resultados: dict[str, Resultado], clave) -> list[tuple[str, dict[str, int]]]:
    grupos: dict[str, Counter] = defaultdict(Counter)
    for resultado in resultados.values():
        grupos[clave(resultado)][_etiqueta(resultado.calificacion.calificacion)] += 1
    return [(nombre, dict(cuentas)) for nombre, cuentas in grupos.items()]


def series_calificacion() -> list[str]:
    return [_etiqueta(c) for c in ORDEN_CALIFICACIONES]


def resumen_por_segmento(resultados: dict[str, Resultado]) -> list[dict]:
    """Por segmento: evaluados, calificados, promedio, mínimo y máximo del puntaje final."""
    grupos: dict[str, list] = defaultdict(list)
    cantidad: Counter = Counter()
    for resultado in resultados.values():
        segmento = resultado.registro.segmento
        cantidad[segmento] += 1
        if resultado.puntaje and resultado.puntaje.puntaje_final is not None:
            grupos[segmento].append(Decimal(resultado.puntaje.puntaje_final))
    filas = []
    for segmento in legibles.SEGMENTOS:
        if not cantidad[segmento]:
            continue
        valores = grupos[segmento]
        promedio = (sum(valores) / len(valores)).quantize(Decimal("0.01")) if valores else None
        filas.append({"segmento": legibles.SEGMENTOS[segmento], "evaluados": cantidad[segmento],
                      "calificados": len(valores), "promedio": promedio,
                      "minimo": min(valores) if valores else None, "maximo": max(valores) if valores else None})
    return filas


def candidatos(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado]) -> list[dict]:
    """Candidatos a rendimiento distinguido (7.5.2 b), de mayor a menor puntaje, para la Junta."""
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    filas = []
    for documento, resultado in resultados.items():
        if not resultado.calificacion.candidato_distinguido:
            continue
        servidor = resultado.registro.servidor
        filas.append({"nombre": f"{servidor.get('apellidos', '')}, {servidor.get('nombres', '')}",
                      "organo": organos.get(servidor.get("organo"), servidor.get("organo", "")),
                      "segmento": legibles.SEGMENTOS.get(servidor.get("segmento"), ""),
                      "puntaje": resultado.puntaje.puntaje_final, "designado": resultado.calificacion.calificacion == RENDIMIENTO_DISTINGUIDO})
    return sorted(filas, key=lambda f: (-Decimal(f["puntaje"]), f["nombre"]))
