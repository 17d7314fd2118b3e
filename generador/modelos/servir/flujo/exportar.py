"""Resultados consolidados de un ciclo en xlsx o csv, para SERVIR y para la Junta de Directivos.

Una fila por servidor: órgano, segmento, puntajes, calificación y la fecha de cada
etapa. El xlsx trae una hoja «Consolidado», una por órgano y una «Acerca de»
(ciclo, política, aviso de datos personales). Contiene puntajes: es confidencial
(Ley N° 29733) y nunca va al portal. Las mismas entradas dan los mismos bytes:
las fechas del libro salen de los datos y el ZIP se reescribe con fecha fija.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from .... import escape
from ....anexos import formato
from ..anexos.contexto import evaluador as persona_evaluadora
from ....repositorio import Ciclo, Repositorio, como_fecha
from ..reglas.calificacion import NOMBRES, RENDIMIENTO_DISTINGUIDO
from ..resultados import Resultado


@dataclass(frozen=True)
class Campo:
    titulo: str
    tipo: str       # texto | cifra | fecha
    ancho: int


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
            organos.get(servidor.get("organo"), ""), formato.SEGMENTOS.get(servidor.get("segmento"), ""),
            str(servidor.get("regimen") or ""), servidor.get("puesto", ""), registro.evaluador or "",
            persona_evaluadora(ciclo, registro, organos).nombre,
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
    buffer = io.StringIO()
    escritor = csv.writer(buffer, lineterminator="\n")
    escritor.writerow([c.titulo for c in CAMPOS])
    for fila in filas_:
        escritor.writerow([_celda_csv(v) for v in fila])
    return buffer.getvalue()


def _celda_csv(valor) -> str:
    """Cifras tal cual, fechas DD/MM/AAAA; los textos, sin que la hoja de cálculo los tome por fórmulas."""
    if isinstance(valor, dt.date):
        return formato.fecha(valor)
    return escape.csv(valor)


def a_xlsx(filas_: list[list], repositorio: Repositorio, ciclo: Ciclo, fecha: dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    libro = Workbook()
    momento = dt.datetime.combine(fecha, dt.time(12, 0))
    libro.properties.creator = libro.properties.lastModifiedBy = "generador"
    libro.properties.created = libro.properties.modified = momento
    libro.properties.title = escape.texto_xlsx(f"Resultados — {ciclo.nombre}")
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    hojas = [("Consolidado", filas_)] + [(sigla, [f for f in filas_ if f[3] == sigla])
                                         for sigla in sorted({f[3] for f in filas_})]
    libro.remove(libro.active)
    negrita, relleno = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    for nombre, contenido in hojas:
        hoja = libro.create_sheet(_nombre_hoja(nombre))
        _fila(hoja, 1, [c.titulo for c in CAMPOS])
        for celda in hoja[1]:
            celda.font, celda.fill = negrita, relleno
            celda.alignment = Alignment(wrap_text=True, vertical="top")
        for i, fila in enumerate(contenido, start=2):
            _fila(hoja, i, fila)
        for j, campo in enumerate(CAMPOS, start=1):
            letra = hoja.cell(row=1, column=j).column_letter
            hoja.column_dimensions[letra].width = campo.ancho
            formato_celda = {"cifra": "0.00", "fecha": "DD/MM/YYYY"}.get(campo.tipo)
            if formato_celda:
                for (celda,) in hoja.iter_rows(min_row=2, min_col=j, max_col=j):
                    if celda.data_type != "s":  # una fecha fuera del rango de Excel va como texto
                        celda.number_format = formato_celda
        hoja.freeze_panes = "D2"
        hoja.auto_filter.ref = hoja.dimensions
    acerca = libro.create_sheet("Acerca de")
    for i, fila in enumerate((
        ["Entidad", (repositorio.datos_entidad or {}).get("nombre", "")],
        ["Ciclo", f"{ciclo.nombre} (carpeta {ciclo.carpeta})"],
        ["Política", f"{ciclo.politica.nombre} — {ciclo.politica.clave} v{ciclo.politica.version}" if ciclo.politica else ""],
        ["Servidores", len(filas_)],
        ["Datos al", fecha],
        ["Aviso", "CONFIDENCIAL: contiene documentos, puntajes y calificaciones (datos personales, Ley N° 29733). "
                  "Entréguelo solo a la Secretaría General, a la Junta de Directivos o a SERVIR; no lo publique."],
        *[[f"Hoja {sigla}", organos.get(sigla, "")] for sigla in sorted({f[3] for f in filas_})],
    ), start=1):
        _fila(acerca, i, fila)
    acerca.column_dimensions["A"].width, acerca.column_dimensions["B"].width = 16, 100
    if acerca["B5"].data_type != "s":
        acerca["B5"].number_format = "DD/MM/YYYY"
    for (celda,) in acerca.iter_rows(min_col=1, max_col=1):
        celda.font = negrita
    buffer = io.BytesIO()
    libro.save(buffer)
    return _zip_con_fecha_fija(buffer.getvalue(), momento)


def _fila(hoja, numero: int, valores: list) -> None:
    """Una fila del libro: cada valor por `escape.xlsx` (los textos nunca son fórmulas)."""
    for j, valor in enumerate(valores, start=1):
        escape.xlsx(hoja.cell(row=numero, column=j), valor)


def _nombre_hoja(nombre: str) -> str:
    """Excel no admite []:*?/\\ ni más de 31 caracteres en el nombre de una hoja."""
    return "".join("-" if c in "[]:*?/\\" else c for c in escape.texto_xlsx(nombre).strip("'"))[:31] or "Hoja"


def _zip_con_fecha_fija(contenido: bytes, momento: dt.datetime) -> bytes:
    """openpyxl pone la hora del reloj en cada entrada del ZIP y en «modified» de docProps/core.xml: se
    reescriben con la fecha de los datos."""
    entrada, salida = zipfile.ZipFile(io.BytesIO(contenido)), io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as nuevo:
        for info in entrada.infolist():
            datos = entrada.read(info.filename)
            if info.filename == "docProps/core.xml":
                datos = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                               rb"\g<1>" + momento.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", datos)
            copia = zipfile.ZipInfo(info.filename, date_time=_fecha_zip(momento))
            copia.compress_type, copia.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            nuevo.writestr(copia, datos)
    return salida.getvalue()


def _fecha_zip(momento: dt.datetime) -> tuple:
    """ZIP solo guarda fechas de 1980 a 2107: una fecha de los datos fuera de ese rango se acerca al extremo."""
    return max(min(momento, dt.datetime(2107, 12, 31, 23, 59, 58)), dt.datetime(1980, 1, 1)).timetuple()[:6]
