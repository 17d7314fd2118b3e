"""Resultados consolidados de un ciclo en xlsx o csv, para SERVIR y para la Junta de Directivos.

Una fila por servidor: órgano, segmento, puntajes, calificación y la fecha de cada
etapa. El xlsx trae una hoja «Consolidado», una por órgano y una «Acerca de»
(ciclo, política, aviso de datos personales). Contiene puntajes: es confidencial
(Ley N° 29733) y nunca va al portal. Las mismas entradas dan los mismos bytes:
las fechas del libro salen de los datos y el ZIP se reescribe con fecha fija.
"""

from __future__ import annotations

import datetime as dt

from ....flujo import libro
from ....flujo.libro import Campo
from ..personas import evaluador as persona_evaluadora
from ....repositorio import Ciclo, Repositorio, como_fecha
from ..reglas.calificacion import NOMBRES, RENDIMIENTO_DISTINGUIDO
from ..resultados import Resultado
from .. import nombres as legibles


CAMPOS = (
    Campo("Documento", "texto", 12), Campo("Apellidos", "texto", 22), Campo("Nombres", "texto", 20),
    Campo("Órgano", "texto", 9), Campo("Nombre del órgano", "texto", 36), Campo("Segmento", "texto", 22),
    Campo("Régimen", "texto", 8), Campo("Puesto", "texto", 34), Campo("Evaluador", "texto", 12),
    Campo("Nombre del evaluador", "texto", 28),
    Campo("Puntaje metas grupales", "cifra", 11), Campo("Puntaje metas individuales", "cifra", 11),
    Campo("Subtotal grupal", "cifra", 10), Campo("Subtotal individual", "cifra", 10), Campo("Puntaje final", "cifra", 10),
    Campo("Calificación", "texto", 30), Campo("Candidato a rendimiento distinguido", "texto", 12),
    Campo("Designado por la Junta", "texto", 12),
    Campo("Fijación de metas", "fecha", 12), Campo("Última reunión de seguimiento", "fecha", 12),
    Campo("Evaluación", "fecha", 12), Campo("Remisión a la AFRH", "fecha", 12), Campo("Calificación asignada", "fecha", 12),
    Campo("Notificación", "fecha", 12), Campo("Retroalimentación", "fecha", 12),
    Campo("Solicitud de confirmación al CIE", "fecha", 12), Campo("Resultado del CIE", "texto", 14),
)


def filas(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado]) -> list[list]:
    """Una fila por servidor (ordenadas por órgano, apellidos y nombres), con valores de Python."""
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    salida = []
    for documento, resultado in resultados.items():
        registro, puntaje = resultado.registro, resultado.puntaje
        servidor = registro.servidor
        calificacion = resultado.calificacion.calificacion
        evaluacion, confirmacion = registro.bloque("evaluacion"), registro.bloque("confirmacion")
        seguimiento = [como_fecha(r.get("fecha")) for r in registro.lista("seguimiento")]
        seguimiento = [f for f in seguimiento if f]
        salida.append([
            documento, servidor.get("apellidos", ""), servidor.get("nombres", ""), servidor.get("organo", ""),
            organos.get(servidor.get("organo"), ""), legibles.SEGMENTOS.get(servidor.get("segmento"), ""),
            str(servidor.get("regimen") or ""), servidor.get("puesto", ""), registro.evaluador or "",
            persona_evaluadora(ciclo, registro.evaluador, organos).nombre,
            *(getattr(puntaje, c) if puntaje else None
              for c in ("puntaje_grupal", "puntaje_individual", "subtotal_grupal", "subtotal_individual", "puntaje_final")),
            NOMBRES.get(calificacion, "") if calificacion else "Aún sin calificar",
            "Sí" if resultado.calificacion.candidato_distinguido else "No",
            "Sí" if calificacion == RENDIMIENTO_DISTINGUIDO else "No",  # solo la Junta lo da (7.5.2 b)
            como_fecha(registro.datos.get("reunion_fijacion_metas")), max(seguimiento) if seguimiento else None,
            como_fecha(evaluacion.get("fecha")), como_fecha(evaluacion.get("fecha_remision_afrh")),
            como_fecha(evaluacion.get("fecha_calificacion")), como_fecha(evaluacion.get("fecha_notificacion")),
            como_fecha(registro.bloque("retroalimentacion").get("fecha")), como_fecha(confirmacion.get("fecha_solicitud")),
            {"confirmada": "Confirmada", "no_confirmada": "No confirmada"}.get(confirmacion.get("resultado"), ""),
        ])
    salida.sort(key=lambda f: (f[3], f[1], f[2], f[0]))
    return salida


def a_csv(filas_: list[list]) -> str:
    return libro.a_csv(CAMPOS, filas_)


def a_xlsx(filas_: list[list], repositorio: Repositorio, ciclo: Ciclo, fecha: dt.date) -> bytes:
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    siglas = sorted({f[3] for f in filas_})
    hojas = [("Consolidado", filas_)] + [(sigla, [f for f in filas_ if f[3] == sigla]) for sigla in siglas]
    acerca = [
        ["Entidad", (repositorio.datos_entidad or {}).get("nombre", "")],
        ["Ciclo", f"{ciclo.nombre} (carpeta {ciclo.carpeta})"],
        ["Política", f"{ciclo.politica.nombre} — {ciclo.politica.clave} v{ciclo.politica.version}" if ciclo.politica else ""],
        ["Servidores", len(filas_)],
        ["Datos al", fecha],
        ["Aviso", "CONFIDENCIAL: contiene documentos, puntajes y calificaciones (datos personales, Ley N° 29733). "
                  "Entréguelo solo a la Secretaría General, a la Junta de Directivos o a SERVIR; no lo publique."],
        *[[f"Hoja {sigla}", organos.get(sigla, "")] for sigla in siglas],
    ]
    return libro.a_xlsx(CAMPOS, hojas, acerca, f"Resultados — {ciclo.nombre}", fecha, "D2")
