"""El «Formato GDR 2025» de cada servidor en PDF, y su legajo (portada + formato).

La plantilla `plantillas/gdr/formato.html.j2` copia la hoja «Formato GDR 2025» del libro oficial fila
por fila (reglas.md §2); aquí se arma cada celda ya escrita, para que la plantilla no calcule nada.
Toda cifra sale de `resultados.py` (las mismas de `generador calificar`): cada puntaje por meta y la
puntuación final se imprimen ROUND_HALF_UP desde su valor exacto, y la final desde la suma exacta
(F!D35), así que puede no ser la suma de los puntajes impresos: entonces el formato lo explica
(reglas §4.2). Un registro a medio llenar tiene igual su formato, con las celdas que aún no tienen
dato vacías, y la portada dice qué falta.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from ...anexos import formato
from ...anexos.construccion import Preparador
from ...anexos.legajo import Documento, Encargo, huella_encargo, nombre_carpeta
from ...repositorio import Ciclo, Registro, Repositorio, como_fecha
from . import reglas
from .resultados import Resultado
from .salidas import nota_redondeo

FORMATO, PORTADA = "gdr/formato.html.j2", "gdr/portada.html.j2"
TITULO = "Formato GDR 2025 — Formato para la Gestión del Rendimiento"
DISPOSICION = {FORMATO: {"encabezado": "Formato GDR 2025", "horizontal": True},
               PORTADA: {"encabezado": "Legajo", "horizontal": False}}
VERSION, SERVIR = "v01 / Rev: nov-2025", "AUTORIDAD NACIONAL DEL SERVICIO CIVIL - SERVIR"   # F!M2
MESES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic")
SI_NO = {True: "Sí", False: "No"}                                                   # F!D18, L18, B37
SENTIDOS = {reglas.ASCENDENTE: "Ascendente", reglas.DESCENDENTE: "Descendente"}     # F!E21
ESTADO_AVANCE = {"logrado": "Logrado", "en_proceso": "En proceso de logro", "no_presenta": "No presenta evidencia"}  # F!J21
ESTADO_FINAL = {"presenta": "SÍ presenta evidencia final", "no_presenta": "NO presenta evidencia de logro final"}  # F!J22
NO_CORRESPONDE, SIN_CIFRA = "No corresponde", "-"                                   # F!N21, F!D35
CAMPOS_META = (("evidencia_avance", "evidencia de avance"), ("plazo_avance", "plazo de avance"),  # F!H21:I22
               ("evidencia_final", "evidencia final"), ("plazo_final", "plazo final"))


def preparador() -> Preparador:
    """Un legajo por servidor (portada + Formato GDR 2025); el ciclo no tiene documentos propios."""
    return Preparador(persona=preparar_servidor, del_ciclo=lambda repositorio, ciclo, plantillas: [])


def fecha_formato(valor) -> str:
    """«10-mar-2025»: el formato dd-mmm-aaaa de las celdas de fecha F!H18 y F!M35."""
    fecha = como_fecha(valor)
    return f"{fecha.day:02d}-{MESES[fecha.month - 1]}-{fecha.year}" if fecha else ""


def numero(valor) -> str:
    """Un valor esperado o alcanzado tal como se escribió (formato General de la hoja)."""
    if valor is None or isinstance(valor, bool):
        return ""
    return format(valor, "f") if isinstance(valor, Decimal) else str(valor)


def peso(valor) -> str:
    """«40%» (formato 0% de F!G21), sin redondear un peso con decimales: «33.5%»."""
    return "" if valor is None or isinstance(valor, bool) else f"{format(Decimal(valor).normalize(), 'f')}%"


def _aprox(valor) -> str:
    """La cifra exacta con cuatro decimales y «…» si sigue (105.4762…), o entera si lo es."""
    cifras = reglas.impreso(valor, 4)
    return f"{cifras}…" if reglas.exacto(cifras) != valor else format(cifras.normalize(), "f")


def apellidos_y_nombres(persona: dict) -> str:
    """«Quispe Mamani, Rosa Elena»: el orden del rótulo APELLIDOS Y NOMBRES (F!B9)."""
    return ", ".join(t for t in (persona.get("apellidos", ""), persona.get("nombres", "")) if t)


def persona_evaluadora(repositorio: Repositorio, ciclo: Ciclo, documento: str | None) -> dict:
    """F!H8:N12: el evaluador es un servidor del ciclo (su segmento) o un evaluador externo (FUNCIONARIO)."""
    organos = repositorio.datos_entidad.get("organos") or {}
    registro = ciclo.por_documento.get(documento or "")
    if registro is not None:
        return {"documento": documento, "nombre": apellidos_y_nombres(registro.servidor), "puesto": registro.puesto or "",
                "segmento": ciclo.politica.segmentos.valor.get(registro.segmento or "", ""),
                "organo": organos.get(registro.servidor.get("organo"), registro.servidor.get("organo", ""))}
    for externo in ciclo.lista("evaluadores_externos"):
        if externo.get("documento") == documento:
            return {"documento": documento, "nombre": apellidos_y_nombres(externo),
                    "puesto": externo.get("cargo", ""), "segmento": "FUNCIONARIO",
                    "organo": organos.get(externo.get("organo"), externo.get("organo", ""))}
    return {"documento": documento or "", "nombre": "", "puesto": "", "segmento": "", "organo": ""}


def _metas(resultado: Resultado) -> list[dict]:
    """F!B21:N30, una fila doble por meta; «No corresponde» en cada puntaje sin evidencias (F!N21)."""
    impresos = resultado.puntajes_impresos()
    filas = []
    for k, meta in enumerate(resultado.metas):
        datos = meta.datos
        if resultado.sin_evidencias:
            puntaje = NO_CORRESPONDE
        else:
            puntaje = str(impresos[k]) if impresos[k] is not None else SIN_CIFRA
        filas.append({
            "numero": k + 1, "prioridad": datos.get("prioridad", ""), "indicador": datos.get("indicador", ""),
            "sentido": SENTIDOS.get(meta.sentido, datos.get("sentido") or ""),
            "esperado": numero(datos.get("valor_esperado")), "peso": peso(datos.get("peso")),
            "evidencia_avance": datos.get("evidencia_avance", ""), "evidencia_final": datos.get("evidencia_final", ""),
            "plazo_avance": formato.fecha(como_fecha(datos.get("plazo_avance"))),
            "plazo_final": formato.fecha(como_fecha(datos.get("plazo_final"))),
            "estado_avance": ESTADO_AVANCE.get(datos.get("estado_avance"), ""),
            "estado_final": ESTADO_FINAL.get(datos.get("estado_final"), ""),
            "comentarios": datos.get("comentarios", ""), "comentarios_final": datos.get("comentarios_final", ""),
            "alcanzado": numero(datos.get("valor_alcanzado")), "puntaje": puntaje,
        })
    return filas


def _total(resultado: Resultado) -> dict:
    """F!D35 y cómo se vuelve a sumar: la final es la suma exacta redondeada (reglas §4.2)."""
    if resultado.sin_evidencias:
        return {"cifra": NO_CORRESPONDE, "suma": "", "nota": ""}
    total = resultado.total_impreso()
    if total is None:
        return {"cifra": SIN_CIFRA, "suma": "", "nota": ""}
    partes = resultado.puntajes_impresos()
    suma = sum(partes, Decimal(0))
    sumandos = " + ".join(str(p) for p in partes)
    if suma == total:
        return {"cifra": str(total), "suma": f"{sumandos} = {total}", "nota": ""}
    return {"cifra": str(total), "suma": f"{sumandos} = {suma}",
            "nota": (f"La puntuación final {total} es la suma exacta de los puntajes por meta ({_aprox(resultado.total)}) "
                     f"redondeada a dos decimales, como en la hoja oficial, que suma los puntajes sin redondear; los "
                     f"puntajes por meta impresos, ya redondeados, suman {suma}.")}


def _plazos_capacitacion(resultado: Resultado) -> list[str]:
    """Los dos plazos de la acción de capacitación de un sujeto a observación (F!I35 e I!E56 difieren)."""
    if resultado.calificacion != "sujeto_a_observacion":
        return []
    meses = formato.cantidad(resultado.politica.capacitacion_meses.valor, "mes", "meses")
    registro = resultado.registro
    notificacion = como_fecha(registro.bloque("evaluacion").get("fecha_notificacion"))
    retro = como_fecha(registro.bloque("retroalimentacion").get("fecha"))
    desde_notificacion, desde_retro = resultado.plazos_capacitacion()
    return [
        (f"Hasta el {formato.fecha(desde_notificacion)}: " if desde_notificacion else "Plazo: ")
        + f"{meses} desde el día siguiente de la notificación de la calificación"
        + (f" ({formato.fecha(notificacion + dt.timedelta(days=1))})." if notificacion else " (aún sin notificar)."),
        (f"Hasta el {formato.fecha(desde_retro)}: " if desde_retro else "Plazo: ")
        + f"{meses} desde la reunión de retroalimentación final" + (f" ({formato.fecha(retro)})." if retro else " (aún sin fecha)."),
    ]


def _acciones(retro: dict) -> list[str]:
    """F!J35: cada acción de capacitación (texto, o acción con su fecha prevista)."""
    return [str(a) if not isinstance(a, dict) else a.get("accion", "") + (
            f" (fecha prevista: {formato.fecha(como_fecha(a['fecha']))})" if como_fecha(a.get("fecha")) else "")
            for a in retro.get("acciones_capacitacion") or []]


def _permanencia(resultado: Resultado) -> str:
    """F!B35: el texto de la opción de la lista que corresponde (vacío mientras no se sabe)."""
    if resultado.permanencia is None:
        return ""
    meses = resultado.politica.permanencia_meses.valor
    if resultado.permanencia:
        return f"Tiene {meses} meses o más desempeñando el puesto que es objeto de evaluación"
    return f"Tiene menos de {meses} meses desempeñando el puesto que es objeto de evaluación."


def _calificacion(resultado: Resultado) -> dict:
    nombres = resultado.politica.calificaciones.valor
    formato_ = nombres.get(resultado.calificacion_formato or "", SIN_CIFRA)
    cie = ""
    if resultado.calificacion != resultado.calificacion_formato and resultado.calificacion:
        fecha = formato.fecha(como_fecha(resultado.confirmacion.get("fecha_resultado")))
        cie = (f"El Comité Institucional de Evaluación modificó la calificación{' el ' + fecha if fecha else ''}: "
               f"{nombres[resultado.calificacion]}.")
    elif resultado.confirmacion_pendiente:
        cie = "Confirmación de la calificación solicitada al Comité Institucional de Evaluación: pendiente."
    return {"formato": formato_, "vigente": nombres.get(resultado.calificacion or "", ""), "cie": cie,
            "clave": resultado.calificacion or ""}


def faltantes(ciclo: Ciclo, resultado: Resultado) -> list[str]:
    """Lo que aún falta registrar, en el orden de las etapas del formato (lo dice la portada)."""
    registro = resultado.registro
    falta = []
    fijacion = registro.bloque("fijacion_metas")
    if not isinstance(fijacion.get("asistio"), bool):
        falta.append("asistencia a la reunión de fijación de metas (fijacion_metas.asistio)")
    if fijacion.get("asistio") is not False and not como_fecha(fijacion.get("fecha")):
        falta.append("fecha de la fijación de metas (fijacion_metas.fecha)")
    if not registro.lista("metas"):
        falta.append("metas (metas)")
    por_campos: dict[tuple, list[str]] = {}  # metas a las que les faltan los mismos campos, juntas
    for k, meta in enumerate(registro.lista("metas"), 1):
        campos = tuple(nombre for campo, nombre in CAMPOS_META if not meta.get(campo))
        if campos:
            por_campos.setdefault(campos, []).append(str(k))
    for campos, metas in por_campos.items():
        falta.append(f"{'meta' if len(metas) == 1 else 'metas'} {_y(metas)}: {', '.join(campos)} (obligatorios)")
    if not registro.lista("seguimiento"):
        falta.append("al menos una reunión de seguimiento (seguimiento)")
    if not isinstance(registro.bloque("evidencias").get("presento"), bool):
        falta.append("si presentó evidencias al cierre del seguimiento (evidencias.presento)")
    sin_valor = [str(k) for k, m in enumerate(registro.lista("metas"), 1) if m.get("valor_alcanzado") is None]
    if sin_valor and not resultado.sin_evidencias and resultado.calificacion != "desaprobado":
        falta.append(f"valor alcanzado de la meta {_y(sin_valor)} (metas[].valor_alcanzado)".replace(
            "de la meta", "de las metas" if len(sin_valor) > 1 else "de la meta"))
    falta += [f for f in resultado.faltantes if not f.startswith("valor alcanzado") and f != "metas"]
    if resultado.calificacion and not resultado.notificado:
        falta.append("notificación de la calificación (evaluacion.fecha_notificacion)")
    retro = registro.bloque("retroalimentacion")
    if resultado.calificacion and not como_fecha(retro.get("fecha")):
        falta.append("reunión de retroalimentación final (retroalimentacion.fecha)")
    if resultado.calificacion == "sujeto_a_observacion" and not retro.get("acciones_capacitacion"):
        falta.append("acción de capacitación, obligatoria para un servidor sujeto a observación "
                     "(retroalimentacion.acciones_capacitacion)")
    if resultado.confirmacion_pendiente:
        falta.append("decisión del Comité Institucional de Evaluación sobre la confirmación solicitada")
    return falta


def _oracion(texto: str) -> str:
    return f"{texto[:1].upper()}{texto[1:]}." if texto else ""


def _y(partes: list[str]) -> str:
    """«1», «1 y 2», «1, 2 y 3»."""
    return partes[0] if len(partes) == 1 else f"{', '.join(partes[:-1])} y {partes[-1]}"


def _fecha_documento(ciclo: Ciclo, registro: Registro):
    """La fecha del PDF: el último hecho registrado (no el reloj), para PDF idénticos byte a byte."""
    fechas = [registro.bloque("fijacion_metas").get("fecha"), registro.bloque("evaluacion").get("fecha_notificacion"),
              registro.bloque("retroalimentacion").get("fecha"), *(s.get("fecha") for s in registro.lista("seguimiento")),
              *(registro.bloque("confirmacion").get(c) for c in ("fecha_solicitud", "fecha_resultado"))]
    fechas = [f for f in map(como_fecha, fechas) if f]
    return max(fechas) if fechas else ciclo.inicio


def preparar_servidor(repositorio: Repositorio, ciclo: Ciclo, resultado: Resultado, plantillas: str) -> Encargo:
    """Reúne en el proceso principal todo lo que se imprime de un servidor (sin componer nada)."""
    politica = ciclo.politica
    registro = resultado.registro
    persona = registro.servidor
    organos = repositorio.datos_entidad.get("organos") or {}
    notificacion, fijacion = registro.bloque("notificacion"), registro.bloque("fijacion_metas")
    retro, junta = registro.bloque("retroalimentacion"), ciclo.bloque("junta")
    archivo = Path(registro.doc.ruta).name
    ctx = {
        "entidad": repositorio.datos_entidad,
        "ciclo": {"nombre": ciclo.nombre, "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin),
                  "carpeta": ciclo.carpeta,  # el año: agregado al formato, que no tiene campo de período (reglas §2)
                  "anio": str(ciclo.inicio.year) if ciclo.inicio else ciclo.carpeta},
        "politica": {"clave": politica.clave, "version": politica.version, "nombre": politica.nombre},
        "servidor": {"nombre": apellidos_y_nombres(persona), "documento": registro.documento or "",
                     "puesto": persona.get("puesto", ""), "segmento": politica.segmentos.valor.get(registro.segmento or "", ""),
                     "organo": organos.get(persona.get("organo"), persona.get("organo", ""))},
        "evaluador": persona_evaluadora(repositorio, ciclo, registro.evaluador),
        "calificacion": _calificacion(resultado), "total": _total(resultado),
        "nota_redondeo": _oracion(nota_redondeo(resultado)), "archivo": archivo, "huella": registro.doc.huella,
        "fecha": _fecha_documento(ciclo, registro),
        "seguimiento": [formato.fecha(como_fecha(s.get("fecha"))) for s in registro.lista("seguimiento")],  # F!J20
        "titulo_legajo": f"Legajo de Gestión del Rendimiento — {registro.nombre_completo}",
        "pie": f"Política {politica.clave} v{politica.version} · Registro {archivo} · SHA-256 {registro.doc.huella}",
    }
    metas = _metas(resultado)
    datos = {
        "version": [*str(politica.cabecera.get("version_formato") or VERSION).split(" / "), SERVIR],
        "consentimiento": notificacion.get("consentimiento") is True,
        "correo": notificacion.get("correo", "") if notificacion.get("consentimiento") is True else "",
        "asistio": SI_NO.get(fijacion.get("asistio"), ""), "fecha_fijacion": fecha_formato(fijacion.get("fecha")),
        "presento": SI_NO.get(registro.bloque("evidencias").get("presento"), ""),
        "metas": metas, "bloques": len(metas) or politica.metas_maximo.valor, "maximo": politica.metas_maximo.valor,
        "suma_pesos": _suma_pesos(politica, registro),
        "permanencia": _permanencia(resultado),
        "junta": "Sí" if resultado.designado else ("No" if junta.get("fecha") or junta.get("acta") else ""),
        "acciones": _acciones(retro), "plazos_capacitacion": _plazos_capacitacion(resultado),
        "otras_acciones": retro.get("otras_acciones", ""), "fecha_retro": fecha_formato(retro.get("fecha")),
    }
    documento = Documento("formato-gdr-2025", FORMATO, TITULO, True, "", datos)
    adjunto = (archivo, registro.doc.contenido(), f"Registro YAML fuente de este documento (SHA-256 {registro.doc.huella})")
    encargo = Encargo(nombre_carpeta(resultado), ctx, [documento], adjunto, portada=PORTADA,
                      faltan=faltantes(ciclo, resultado), disposicion=DISPOSICION)
    encargo.huella = huella_encargo(encargo, plantillas)
    return encargo


def _suma_pesos(politica, registro: Registro) -> dict:
    """F!G31: la suma de los pesos, o el aviso de la hoja si no es 100 %."""
    pesos = [m.get("peso") for m in registro.lista("metas")]
    if not pesos or any(p is None or isinstance(p, bool) for p in pesos):
        return {"texto": "", "bien": True}
    suma = sum((reglas.exacto(p) for p in pesos), reglas.exacto(0))
    if suma != reglas.exacto(politica.suma_pesos.valor):
        return {"texto": "El peso total debe sumar 100%", "bien": False}
    return {"texto": peso(Decimal(suma.numerator) / suma.denominator), "bien": True}
