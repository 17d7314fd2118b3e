"""Informe de la AFRH (numeral 8): un PDF confidencial con el avance del ciclo, los pendientes y plazos
por evaluador, la distribución de puntajes y calificaciones (gráficos SVG) y los candidatos a
rendimiento distinguido para la Junta.

- `datos.py`: las cifras; `generador/informe/graficos.py`: los SVG; `plantillas/informe.html.j2`: el documento.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from ....anexos import formato
from ....diagnosticos import Informe
from ....informe import graficos
from ....repositorio import Ciclo, Repositorio
from ..anexos.contexto import fecha_del_ciclo
from ..resultados import Resultado
from ..validacion.registro import limites_del_ciclo
from . import datos
from .. import nombres as legibles
from ..hechos import hechos


def origen_del_corte(ciclo: Ciclo, resultados: dict[str, Resultado], corte: dt.date) -> str:
    """Qué registro fijó la fecha de corte por omisión (su último hecho), y si cae fuera del ciclo: un año mal
    escrito (2027 por 2026) movería el corte y llenaría el informe de pendientes."""
    for resultado in sorted(resultados.values(), key=lambda r: Path(r.registro.doc.ruta).name):
        for ruta, fecha in hechos(resultado.registro):
            if fecha == corte:
                ubicacion = resultado.registro.en(*ruta)
                texto = (f"último hecho registrado: «{'.'.join(str(r) for r in ruta)}» de "
                         f"servidores/{Path(ubicacion.ruta).name}, línea {ubicacion.linea}")
                _, fin = limites_del_ciclo(ciclo)
                if fin and corte > fin:
                    texto += f"; es posterior al fin del ciclo ({formato.fecha(fin)}): revise esa fecha"
                return texto
    return "inicio del ciclo: ningún hecho registrado"


def contexto(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado], validacion: Informe,
             corte: dt.date | None = None) -> dict:
    corte_por_omision = corte is None
    corte = corte or fecha_del_ciclo(ciclo, resultados)
    avance, evaluadores = datos.avance_y_evaluadores(ciclo, resultados, corte, validacion)
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    series = datos.series_calificacion()
    por_segmento = datos.calificaciones_por(resultados, lambda r: legibles.SEGMENTOS.get(r.registro.segmento, "—"))
    orden = list(legibles.SEGMENTOS.values())
    por_segmento.sort(key=lambda f: orden.index(f[0]) if f[0] in orden else len(orden))
    por_organo = sorted(datos.calificaciones_por(resultados, lambda r: str(r.registro.servidor.get("organo", "—"))))
    politica = ciclo.politica
    candidatos = datos.candidatos(repositorio, ciclo, resultados)
    totales = {clave: sum(e.hechos[clave] for e in evaluadores) for clave in ("anexo-1", "anexo-3", "anexo-4", "anexo-5")}
    return {
        "titulo": f"Informe de la Gestión del Rendimiento — {ciclo.nombre}",
        "encabezado": "Informe de la AFRH · CONFIDENCIAL",
        "horizontal": False,
        "entidad": repositorio.datos_entidad,
        "fecha": corte,
        "corte": formato.fecha(corte),
        "corte_por_omision": corte_por_omision,
        "origen_corte": origen_del_corte(ciclo, resultados, corte) if corte_por_omision else "fecha pedida",
        "ciclo": {"nombre": ciclo.nombre, "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin),
                  "resolucion": ciclo.datos.get("resolucion", "")},
        "politica": {"nombre": politica.nombre, "clave": politica.clave, "version": politica.version},
        "pie": f"Política {politica.clave} v{politica.version} · Ciclo {ciclo.carpeta} · Confidencial (Ley N° 29733)",
        "total": len(resultados),
        "calificados": sum(1 for r in resultados.values() if r.calificacion.calificacion),
        "evaluadores": evaluadores,
        "totales": totales,
        "total_pendientes": sum(len(e.pendientes) for e in evaluadores),
        "total_fuera": sum(len(e.fuera_de_plazo) for e in evaluadores),
        "por_segmento": datos.resumen_por_segmento(resultados),
        "candidatos": candidatos,
        "umbral_candidato": formato.cifra(politica.umbral_candidato_distinguido.valor),
        "referencia_candidato": politica.umbral_candidato_distinguido.referencia,
        "junta": ciclo.bloque("junta"),
        "organos": [(sigla, organos.get(sigla, "")) for sigla, _ in por_organo],
        "graficos": {
            "avance": Markup(graficos.avance(avance, "Avance por formato")),
            "histograma": Markup(graficos.histograma(datos.histograma(resultados), "Puntaje final por tramo",
                                                     eje="Puntaje final (puntos)")),
            "segmentos": Markup(graficos.apiladas(por_segmento, series, "Calificaciones por segmento")),
            "organos": Markup(graficos.apiladas(por_organo, series, "Calificaciones por órgano")),
        },
    }
