"""Lo que cada plantilla necesita de un servidor: sus datos, los del evaluador,
las filas de cada tabla con las cifras ya calculadas por `resultados`, y qué
Anexos tienen datos para imprimirse.

Las plantillas no calculan nada: toda cifra impresa viene de aquí y, por lo
tanto, de las mismas funciones que usa `generador calificar`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from ..reglas.calificacion import NOMBRES as NOMBRES_CALIFICACION
from ....repositorio import Ciclo, Registro, Repositorio, como_fecha
from ..resultados import Resultado
from ....anexos import formato
from ....anexos.legajo import Documento
from ..hechos import dificultades, fecha_del_registro
from ..personas import evaluador, persona

CIEN = Decimal(100)


def _grupales(registro: Registro, resultado: Resultado) -> list[dict]:
    puntuaciones = resultado.puntaje.puntuaciones_grupales if resultado.puntaje else []
    filas = []
    for i, meta in enumerate(registro.lista("metas_grupales")):
        alcanzado = meta.get("alcanzado")
        filas.append({
            **{k: meta.get(k, "") for k in ("objetivo", "indicador", "meta", "evidencia")},
            "peso": formato.cifra_porcentaje(meta["peso"]),
            "esperado": formato.cifra_porcentaje(CIEN),
            "alcanzado": formato.cifra_porcentaje(alcanzado),
            "puntuacion": formato.cifra(puntuaciones[i]) if i < len(puntuaciones) else "",
            "brecha": (formato.cifra_porcentaje(max(Decimal(0), CIEN - min(Decimal(alcanzado), CIEN)))
                       if alcanzado is not None else ""),
        })
    return filas


def _individuales(registro: Registro, resultado: Resultado, valores: dict) -> list[dict]:
    puntajes = resultado.puntaje.puntajes_individuales if resultado.puntaje else []
    esperado = max(valores, key=valores.__getitem__)  # el nivel más alto (A): lo que se espera de cada meta
    filas = []
    for i, meta in enumerate(registro.lista("metas_individuales")):
        descripciones = meta.get("niveles") or {}
        logro = meta.get("logro")
        filas.append({
            **{k: meta.get(k, "") for k in ("origen", "objetivo", "indicador", "meta", "evidencia")},
            "hitos": [f"{formato.fecha(h['fecha'])}: {h['descripcion']}" for h in meta.get("hitos") or []],
            "niveles": [(letra, str(descripciones.get(letra, "")), formato.porcentaje(valor))
                        for letra, valor in valores.items()],
            "peso": formato.cifra_porcentaje(meta["peso"]),
            "logro": logro or "",
            "esperado": f"{esperado} ({formato.cifra_porcentaje(valores[esperado])})",
            "obtenido": f"{logro} ({formato.cifra_porcentaje(valores[logro])})" if logro else "",
            "puntaje": formato.cifra(puntajes[i]) if i < len(puntajes) else "",
            "brecha": formato.cifra_porcentaje(valores[esperado] - valores[logro]) if logro else "",
        })
    return filas


def _compromisos(registro: Registro) -> list[dict]:
    filas = []
    for compromiso in registro.lista("compromisos"):
        exigido, evidenciado = compromiso.get("nivel_exigido"), compromiso.get("nivel_evidenciado")
        comportamientos = compromiso.get("comportamientos") or {}
        filas.append({
            "compromiso": compromiso["compromiso"],
            "descripcion": compromiso.get("descripcion", ""),
            "exigido": exigido,
            "evidenciado": "" if evidenciado is None else evidenciado,
            "brecha": "" if evidenciado is None else max(0, exigido - evidenciado),
            "comportamientos": sorted((int(k), v) for k, v in comportamientos.items()),
            "comportamiento_exigido": comportamientos.get(exigido) or comportamientos.get(str(exigido), ""),
        })
    return filas


def _acciones_mejora(registro: Registro) -> list[dict]:
    """Las acciones del Plan de Mejora en orden cronológico: por mes de inicio y, en el mismo mes, por fecha de
    revisión (las que no tienen fecha, al final de su mes); empates en el orden del registro."""
    def clave(accion: dict) -> tuple:
        revision = como_fecha(accion.get("fecha_revision"))
        return str(accion.get("mes_inicio") or "9999-99"), revision is None, revision or dt.date.min
    return sorted(registro.bloque("plan_mejora").get("acciones") or [], key=clave)


def fecha_del_ciclo(ciclo: Ciclo, resultados: dict[str, Resultado]) -> dt.date:
    """La fecha fija de lo que resume un ciclo entero (informe, xlsx): el último hecho registrado de sus registros."""
    fechas = [fecha_del_registro(r.registro, ciclo) for r in resultados.values()]
    return max(fechas) if fechas else (ciclo.inicio or dt.date(2000, 1, 1))


def contexto(repositorio: Repositorio, ciclo: Ciclo, resultado: Resultado) -> dict:
    registro = resultado.registro
    entidad = repositorio.datos_entidad
    organos = entidad.get("organos") or {}
    politica = ciclo.politica
    valores = {k: Decimal(v) for k, v in politica.valor_nivel_logro.valor.items()}
    puntaje = resultado.puntaje
    calificacion = resultado.calificacion.calificacion
    segmento = registro.segmento
    evaluacion = registro.bloque("evaluacion")
    por_meta = dificultades(registro)
    grupales = _grupales(registro, resultado)
    for fila in grupales:
        fila["dificultad"] = por_meta.get(fila["objetivo"], "")
    individuales = _individuales(registro, resultado, valores)
    for fila in individuales:
        fila["dificultad"] = por_meta.get(fila["objetivo"], "")
    return {
        "entidad": entidad,
        "ciclo": {
            "nombre": ciclo.nombre, "carpeta": ciclo.carpeta, "resolucion": ciclo.datos.get("resolucion", ""),
            "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin),
        },
        "politica": {"clave": politica.clave, "version": politica.version, "nombre": politica.nombre},
        "huella": registro.doc.huella,
        "archivo": Path(registro.doc.ruta).name,
        "servidor": persona(registro, organos),
        "evaluador": evaluador(ciclo, registro.evaluador, organos),
        "r": registro.datos,
        "fecha": fecha_del_registro(registro, ciclo),
        "aplica_grupales": segmento not in politica.segmentos_sin_metas_grupales.valor,
        "aplica_compromisos": segmento in politica.segmentos_con_compromisos.valor,
        "grupales": grupales,
        "peso_grupales": formato.cifra_porcentaje(sum((Decimal(m["peso"]) for m in registro.lista("metas_grupales")), Decimal(0))),
        "individuales": individuales,
        "peso_individuales": formato.cifra_porcentaje(sum((Decimal(m["peso"]) for m in registro.lista("metas_individuales")), Decimal(0))),
        "compromisos": _compromisos(registro),
        "acciones_mejora": _acciones_mejora(registro),
        "puntaje": {
            "grupal": formato.cifra(puntaje.puntaje_grupal) if puntaje else "",
            "individual": formato.cifra(puntaje.puntaje_individual) if puntaje else "",
            "peso_grupal": formato.porcentaje(puntaje.peso_grupal) if puntaje else "",
            "peso_individual": formato.porcentaje(puntaje.peso_individual) if puntaje else "",
            "subtotal_grupal": formato.cifra(puntaje.subtotal_grupal) if puntaje else "",
            "subtotal_individual": formato.cifra(puntaje.subtotal_individual) if puntaje else "",
            "final": formato.cifra(puntaje.puntaje_final) if puntaje else "",
        },
        "calificacion": calificacion,
        "nombre_calificacion": NOMBRES_CALIFICACION.get(calificacion, "Pendiente") if calificacion else "Pendiente",
        "motivo": resultado.calificacion.motivo,
        "candidato": resultado.calificacion.candidato_distinguido,
        "evaluacion": {k: formato.fecha(v) if k.startswith("fecha") else v for k, v in evaluacion.items() if k != "metas"},
        "niveles_vacios": [(k, "", formato.porcentaje(v)) for k, v in valores.items()],
    }


def _fijacion(registro: Registro) -> tuple[bool, str]:
    """El Anexo 1 se cuenta hecho cuando hubo la reunión de fijación de metas y quedaron metas individuales."""
    reunion = bool(registro.datos.get("reunion_fijacion_metas"))
    metas = bool(registro.lista("metas_individuales"))
    if reunion and metas:
        return True, ""
    if not reunion and not metas:
        return False, "sin reunión de fijación de metas ni metas individuales registradas"
    return False, "sin reunión de fijación de metas registrada" if metas else "sin metas individuales registradas"


def documentos(registro: Registro, resultado: Resultado) -> list[Documento]:
    """Los formatos del legajo en orden, cada uno con o sin datos para imprimirse."""
    datos = registro.datos
    lista = [Documento("anexo-1", "anexo1.html.j2", "Anexo N° 1 — Fijación de factores de evaluación",
                       *_fijacion(registro))]
    evidencias = bool(registro.lista("evidencias"))
    lista.append(Documento("anexo-2", "anexo2.html.j2", "Anexo N° 2 — Registro de evidencias", evidencias,
                           "" if evidencias else "sin evidencias registradas"))
    reuniones = registro.lista("seguimiento")
    for i, reunion in enumerate(reuniones, 1):
        lista.append(Documento(f"anexo-3-{i}" if len(reuniones) > 1 else "anexo-3", "anexo3.html.j2",
                               f"Anexo N° 3 — Reunión de seguimiento del {formato.fecha(reunion['fecha'])}", True,
                               datos={"reunion": reunion}))
    if not reuniones:
        lista.append(Documento("anexo-3", "anexo3.html.j2", "Anexo N° 3 — Reunión de seguimiento", False,
                               "sin reuniones de seguimiento registradas"))
    notificado = resultado.calificacion.calificacion is not None  # también la negativa a participar se notifica
    lista.append(Documento("anexo-4", "anexo4.html.j2", "Anexo N° 4 — Notificación de calificación obtenida", notificado,
                           "" if notificado else ("sin evaluación registrada" if "evaluacion" not in datos
                                                  else "faltan " + ", ".join(resultado.faltantes))))
    lista.append(Documento("anexo-5", "anexo5.html.j2", "Anexo N° 5 — Acta de retroalimentación", "retroalimentacion" in datos,
                           "" if "retroalimentacion" in datos else "sin reunión de retroalimentación registrada"))
    lista.append(Documento("anexo-6", "anexo6.html.j2", "Anexo N° 6 — Plan de mejora", "plan_mejora" in datos,
                           "" if "plan_mejora" in datos else "sin Plan de Mejora registrado"))
    if "confirmacion" in datos:
        lista.append(Documento("confirmacion-cie", "confirmacion.html.j2",
                               "Confirmación de la calificación por el Comité Institucional de Evaluación", True))
    return lista
