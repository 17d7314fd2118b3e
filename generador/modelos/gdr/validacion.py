"""Reglas del modelo «gdr» que el esquema no puede ver (reglas.md de servir-2025, §1 a §11).

Errores: lo que la hoja oficial o la Directiva fijan (pesos, metas, sentido, evaluadores, permanencia,
31 de enero, acción de capacitación, designación de la Junta). Advertencias: lo que solo dice una
fuente secundaria (cupo, plazos del CIE, duración del seguimiento) y lo que la ORH debe confirmar.
Cada mensaje cita la referencia del parámetro que aplica; ninguno nombra a la persona (Ley 29733):
la ubicación `archivo:línea:columna` dice de quién se trata.
"""

from __future__ import annotations


from ...anexos.formato import cantidad, fecha
from ...calendario import fecha_limite, meses_cumplidos
from ...diagnosticos import Informe
from ...repositorio import Ciclo, Registro, Repositorio, como_fecha
from ...validacion import documentos_unicos, organo_desconocido, personas, validar_evaluadores
from . import reglas
from .resultados import NO_ASISTIO, Resultado, calcular, etapa

ETAPAS = ("planificacion", "seguimiento", "evaluacion")
NOMBRES_ETAPAS = {"planificacion": "planificación", "seguimiento": "seguimiento", "evaluacion": "evaluación"}


def _cifra(valor) -> str:
    return format(reglas.impreso(reglas.exacto(valor), 2).normalize(), "f")


def validar(repositorio: Repositorio, ciclos: list[Ciclo], informe: Informe) -> dict[str, dict[str, Resultado]]:
    organos = repositorio.datos_entidad.get("organos") or {}
    resultados: dict[str, dict[str, Resultado]] = {}
    anterior: dict[str, Resultado] = {}
    for ciclo in sorted(ciclos, key=lambda c: c.carpeta):
        documentos_unicos(ciclo, informe)
        _cronograma(ciclo, informe)
        gente = personas(ciclo)
        admitidos = [s for s in ciclo.politica.segmentos_evaluador.valor if s != "funcionario"]
        validar_evaluadores(ciclo, gente, admitidos, ciclo.politica.segmentos_evaluador.referencia, informe)
        for i, externo in enumerate(ciclo.lista("evaluadores_externos")):
            if "organo" in externo and (mensaje := organo_desconocido(externo["organo"], organos)):
                informe.error(ciclo.en("evaluadores_externos", i, "organo"), mensaje)
        actuales = calcular(ciclo, anterior)
        for registro in ciclo.validos():
            if mensaje := organo_desconocido(registro.servidor["organo"], organos):
                informe.error(registro.en("servidor", "organo"), mensaje, "F!D12")
            _metas(ciclo, registro, informe)
            resultado = actuales.get(registro.documento or "")
            if resultado is not None and resultado.registro is registro:
                _registro(ciclo, resultado, informe)
        _junta(ciclo, gente, actuales, informe)
        _cie(ciclo, gente, informe)
        resultados[ciclo.carpeta] = actuales
        anterior = actuales
    return resultados


# --- El ciclo -------------------------------------------------------------------------------------------

def _cronograma(ciclo: Ciclo, informe: Informe) -> None:
    politica = ciclo.politica
    if ciclo.inicio and ciclo.fin and ciclo.inicio > ciclo.fin:
        informe.error(ciclo.en("fin"), "el fin del ciclo es anterior a su inicio")
    vistas: dict[str, int] = {}
    for i, entrada in enumerate(ciclo.lista("cronograma")):
        inicio, fin = como_fecha(entrada["inicio"]), como_fecha(entrada["fin"])
        if inicio > fin:
            informe.error(ciclo.en("cronograma", i, "fin"), "la etapa termina antes de empezar")
        if entrada["etapa"] in vistas:
            informe.error(ciclo.en("cronograma", i, "etapa"), f"la etapa de {NOMBRES_ETAPAS[entrada['etapa']]} ya está "
                          f"en la entrada {vistas[entrada['etapa']] + 1} del cronograma", "F!B17")
        vistas.setdefault(entrada["etapa"], i)
    if ciclo.lista("cronograma"):
        faltan = [NOMBRES_ETAPAS[e] for e in ETAPAS if e not in vistas]
        if faltan:
            informe.advertencia(ciclo.en("cronograma"), f"el cronograma no tiene la etapa de {', '.join(faltan)}: sin la "
                                "de evaluación no se sabe quién tiene los meses de permanencia en el puesto", "F!B17")
    fechas = [(e, como_fecha(etapa(ciclo, e).get("inicio")), como_fecha(etapa(ciclo, e).get("fin"))) for e in ETAPAS]
    presentes = [(e, ini, fin) for e, ini, fin in fechas if ini and fin]
    for (antes, _, fin_antes), (despues, ini_despues, _) in zip(presentes, presentes[1:]):
        if ini_despues <= fin_antes:
            informe.error(ciclo.en("cronograma", vistas[despues], "inicio"),
                          f"la etapa de {NOMBRES_ETAPAS[despues]} empieza antes de que termine la de "
                          f"{NOMBRES_ETAPAS[antes]} ({fecha(fin_antes)})", "F!B17")
    seguimiento, evaluacion = etapa(ciclo, "seguimiento"), etapa(ciclo, "evaluacion")
    if seguimiento and evaluacion:
        limite = reglas.evaluacion_fin_maximo(politica, como_fecha(seguimiento["fin"]).year)
        if como_fecha(evaluacion["fin"]) > limite:
            informe.error(ciclo.en("cronograma", vistas["evaluacion"], "fin"),
                          f"la etapa de evaluación termina el {fecha(como_fecha(evaluacion['fin']))}: se prolonga como "
                          f"máximo hasta el {fecha(limite)} (el año siguiente al del seguimiento)",
                          politica.evaluacion_fin_maximo.referencia)
    if seguimiento:
        meses = politica.seguimiento_meses_minimo.valor
        if not meses_cumplidos(como_fecha(seguimiento["inicio"]), como_fecha(seguimiento["fin"]), meses):
            informe.advertencia(ciclo.en("cronograma", vistas["seguimiento"], "fin"),
                                f"la etapa de seguimiento dura menos de {cantidad(meses, 'mes', 'meses')} calendario",
                                politica.seguimiento_meses_minimo.referencia)
    for bloque in ("cie", "junta"):
        if ciclo.bloque(bloque).get("por_confirmar"):
            informe.advertencia(ciclo.en(bloque, "por_confirmar"), f"«{bloque}» está copiado de otro ciclo: confírmelo y "
                                "borre «por_confirmar»; hasta entonces el portal lo muestra como pendiente")


def _junta(ciclo: Ciclo, gente, resultados: dict[str, Resultado], informe: Informe) -> None:
    politica = ciclo.politica
    junta = ciclo.bloque("junta")
    umbral = _cifra(politica.umbral_distinguido.valor)
    ref = politica.umbral_distinguido.referencia
    for i, documento in enumerate(junta.get("designados") or []):
        donde = ciclo.en("junta", "designados", i)
        resultado = resultados.get(documento)
        if resultado is None:
            if gente.completo:
                informe.error(donde, "la Junta designó a alguien que no tiene registro en este ciclo", ref)
            continue
        if resultado.calificacion_formato in ("desaprobado", "no_corresponde"):
            nombre = politica.calificaciones.valor[resultado.calificacion_formato]
            informe.error(donde, f"la Junta designó a un servidor que no es candidato: su calificación es «{nombre}»", ref)
        elif resultado.total is None:
            informe.error(donde, "la Junta designó a un servidor que aún no tiene puntuación final", ref)
        elif not resultado.candidato:
            informe.error(donde, f"la Junta designó a un servidor que no es candidato (total < {umbral}, F!G35): "
                          f"la hoja no le otorga el Rendimiento Distinguido", ref)
        if resultado.confirmacion_pendiente:
            informe.advertencia(donde, "la Junta designó a un servidor con una solicitud de confirmación al CIE sin "
                                "resolver", "reglas §6 (INDECI VAL-08)")
        if resultado.registro.bloque("evaluacion").get("cumple_8_2") is False:
            informe.advertencia(donde, "la Junta designó a un servidor que, según la ORH, no cumple los requisitos del "
                                "numeral 8.2", "D2020 8.2")
    for i, documento in enumerate(junta.get("miembros") or []):
        donde = ciclo.en("junta", "miembros", i)
        if not gente.existe(documento):
            if gente.completo:
                informe.error(donde, "no corresponde a ningún servidor ni evaluador externo de este ciclo", ref)
        elif documento in resultados and resultados[documento].candidato:
            informe.advertencia(donde, "un miembro de la Junta es candidato a Rendimiento Distinguido (en la directiva "
                                "de 2015 ningún miembro podía serlo; no hay fuente de 2025)", "reglas §6")
    notificados = sum(1 for r in resultados.values() if r.notificado)
    cupo = reglas.cupo_distinguido(politica, notificados)
    designados = len(junta.get("designados") or [])
    if designados > cupo:
        informe.advertencia(ciclo.en("junta", "designados"),
                            f"la Junta designó {cantidad(designados, 'distinguido', 'distinguidos')}; el cupo es "
                            f"{cupo} ({_cifra(politica.cupo_distinguido.valor['porcentaje'])} % de "
                            f"{cantidad(notificados, 'servidor notificado', 'servidores notificados')})",
                            politica.cupo_distinguido.referencia)


def _cie(ciclo: Ciclo, gente, informe: Informe) -> None:
    cie = ciclo.bloque("cie")
    if cie.get("por_confirmar"):
        return
    for miembro, datos in cie.items():
        if not isinstance(datos, dict):
            continue
        for rol in ("titular", "suplente"):
            documento = datos.get(rol)
            if documento and not gente.existe(documento) and gente.completo:
                informe.error(ciclo.en("cie", miembro, rol), "no corresponde a ningún servidor ni evaluador externo de "
                              "este ciclo", "reglas §9")


# --- Cada registro --------------------------------------------------------------------------------------

def _metas(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    """Lo que la hoja puntuaría en silencio mal es un error aquí (reglas §3 y caso E18)."""
    politica = ciclo.politica
    metas = registro.lista("metas")
    minimo, maximo = politica.metas_minimo.valor, politica.metas_maximo.valor
    rango = f"de {minimo} a {maximo}"
    if "metas" in registro.datos and not minimo <= len(metas) <= maximo:
        informe.error(registro.en("metas"), f"el servidor tiene {cantidad(len(metas), 'meta', 'metas')}; deben ser "
                      f"{rango} (el formato tiene {cantidad(maximo, 'bloque', 'bloques')})", politica.metas_maximo.referencia)
    elif not metas and registro.bloque("fijacion_metas").get("fecha") and registro.bloque("fijacion_metas").get("asistio") is not False:
        informe.error(registro.en("fijacion_metas", "fecha"), f"la reunión de fijación de metas está registrada pero el "
                      f"registro no tiene metas ({rango})", politica.metas_minimo.referencia)
    if not metas:
        return
    minimo_peso = reglas.exacto(politica.peso_minimo.valor)
    for k, meta in enumerate(metas):
        n = k + 1
        texto = meta.get("sentido")
        if reglas.sentido(texto) is None:
            detalle = "meta sin sentido" if not str(texto or "").strip() else f"sentido «{texto}» desconocido"
            informe.error(registro.en("metas", k, "sentido"), f"meta {n}: {detalle}; escriba ascendente o descendente "
                          "(la hoja calcularía cualquier otro texto como descendente)", "F!E21; I!E29")
        if reglas.exacto(meta["valor_esperado"]) <= 0:
            informe.error(registro.en("metas", k, "valor_esperado"), f"meta {n}: el valor esperado debe ser mayor que 0 "
                          "(la hoja dejaría esta meta fuera del total sin avisar)", "I!E30; F!N21")
        if reglas.exacto(meta["peso"]) <= minimo_peso:
            informe.error(registro.en("metas", k, "peso"), f"meta {n}: el peso debe ser mayor que {_cifra(minimo_peso)}",
                          politica.peso_minimo.referencia)
        if meta.get("valor_alcanzado") is not None and reglas.exacto(meta["valor_alcanzado"]) < 0:
            informe.error(registro.en("metas", k, "valor_alcanzado"), f"meta {n}: el valor alcanzado no puede ser "
                          "negativo", "F!M21; I!E44")
    suma = sum(reglas.exacto(m["peso"]) for m in metas)
    if suma != reglas.exacto(politica.suma_pesos.valor):
        informe.error(registro.en("metas"), f"los pesos de las metas suman {_cifra(suma)}; deben sumar "
                      f"{_cifra(politica.suma_pesos.valor)}", politica.suma_pesos.referencia)
    con_valor = [m for m in metas if m.get("valor_alcanzado") is not None]
    if con_valor and len(con_valor) < len(metas):
        for k, meta in enumerate(metas):
            if meta.get("valor_alcanzado") is None:
                informe.error(registro.en("metas", k), f"meta {k + 1}: falta el valor alcanzado y las otras metas ya lo "
                              "tienen (la hoja la contaría como 0)", "F!M21; F!D35")


def _registro(ciclo: Ciclo, resultado: Resultado, informe: Informe) -> None:
    politica = ciclo.politica
    registro = resultado.registro
    nombres = politica.calificaciones.valor
    evaluacion = registro.bloque("evaluacion")
    notificacion = como_fecha(evaluacion.get("fecha_notificacion"))
    retro = registro.bloque("retroalimentacion")
    fecha_retro = como_fecha(retro.get("fecha"))
    meses = cantidad(politica.permanencia_meses.valor, "mes", "meses")

    fijacion = como_fecha(registro.bloque("fijacion_metas").get("fecha"))
    planificacion = etapa(ciclo, "planificacion")
    if fijacion and planificacion and not como_fecha(planificacion["inicio"]) <= fijacion <= como_fecha(planificacion["fin"]):
        informe.advertencia(registro.en("fijacion_metas", "fecha"), f"la fijación de metas ({fecha(fijacion)}) cae fuera "
                            "de la etapa de planificación del cronograma", "F!H18")
    if any(m.alcanzado is not None for m in resultado.metas) and not registro.lista("seguimiento"):
        informe.advertencia(registro.en("metas"), "no hay ninguna reunión de seguimiento registrada: se debe realizar "
                            "al menos una", "F!J20")
    for causa in resultado.causa_no_atribuible:
        bloque = "fijacion_metas" if causa == NO_ASISTIO else "evidencias"
        informe.advertencia(registro.en(bloque, "causa_atribuible"), "la falta no es atribuible al servidor: no se aplica "
                            "el desaprobado automático y la calificación queda a decisión de la ORH",
                            politica.desaprobado_automatico.referencia)
    declarada, calculada = resultado.permanencia_declarada, resultado.permanencia
    inicio_puesto = como_fecha(registro.servidor.get("fecha_inicio_puesto"))
    if declarada and inicio_puesto and calculada is not None and (declarada == "seis_meses_o_mas") != calculada:
        dicho = "tiene" if declarada == "seis_meses_o_mas" else "no tiene"
        informe.error(registro.en("evaluacion", "permanencia"),
                      f"la ORH dice que {dicho} {meses} en el puesto, pero desde el {fecha(inicio_puesto)} "
                      f"{'se cumplen' if calculada else 'no se cumplen'} antes del inicio de la etapa de evaluación "
                      f"(se cumplirían el {fecha(reglas.fecha_permanencia(politica, inicio_puesto))})",
                      politica.permanencia_meses.referencia)
    if resultado.causas and calculada is False:
        informe.advertencia(registro.en("fijacion_metas" if NO_ASISTIO in resultado.causas else "evidencias"),
                            f"desaprobado automático aplicado a un servidor con menos de {meses} en el puesto (la hoja "
                            "decide primero el desaprobado); confírmelo con la ORH (sin texto de D2020 8.4)", "F!G35")
    if resultado.reincidente and not politica.desaprobado_por_reincidencia.valor:
        informe.advertencia(registro.en("servidor", "documento"), "segunda calificación seguida de sujeto a observación "
                            "(también en el ciclo anterior); el Formato 2025 no la convierte en desaprobado: revíselo "
                            "con la ORH", politica.desaprobado_por_reincidencia.referencia)
    if notificacion and resultado.calificacion_formato is None:
        falta = "; ".join(resultado.faltantes) or "datos"
        informe.error(registro.en("evaluacion", "fecha_notificacion"), f"se registra la notificación de una calificación "
                      f"que aún no se puede calcular (falta: {falta})", "F!G35")
    if notificacion and not registro.bloque("notificacion").get("consentimiento") \
            and "correo" not in registro.bloque("notificacion"):
        informe.advertencia(registro.en("evaluacion", "fecha_notificacion"), "calificación notificada sin consentimiento "
                            "de notificación por correo registrado («notificacion»)", "F!C13")
    evaluacion_etapa = etapa(ciclo, "evaluacion")
    if evaluacion_etapa:
        inicio_etapa, fin_etapa = como_fecha(evaluacion_etapa["inicio"]), como_fecha(evaluacion_etapa["fin"])
        for nombre, cuando, ruta in (("la notificación", notificacion, ("evaluacion", "fecha_notificacion")),
                                     ("la retroalimentación final", fecha_retro, ("retroalimentacion", "fecha"))):
            if cuando and not inicio_etapa <= cuando <= fin_etapa:
                lado = "anterior al inicio" if cuando < inicio_etapa else "posterior al fin"
                informe.advertencia(registro.en(*ruta), f"{nombre} ({fecha(cuando)}) es {lado} de la etapa de evaluación "
                                    f"({fecha(inicio_etapa)} al {fecha(fin_etapa)})", "F!B38; D2020 6.1.3")
    if fecha_retro and notificacion and fecha_retro < notificacion:
        informe.error(registro.en("retroalimentacion", "fecha"), f"la retroalimentación final ({fecha(fecha_retro)}) es "
                      f"anterior a la notificación de la calificación ({fecha(notificacion)}): va después", "I!E57")
    _capacitacion(ciclo, resultado, informe)
    _confirmacion(ciclo, resultado, informe, nombres)


def _capacitacion(ciclo: Ciclo, resultado: Resultado, informe: Informe) -> None:
    politica = ciclo.politica
    registro = resultado.registro
    retro = registro.bloque("retroalimentacion")
    if resultado.calificacion != "sujeto_a_observacion":
        return
    acciones = retro.get("acciones_capacitacion") or []
    if retro.get("fecha") and not acciones:
        informe.error(registro.en("retroalimentacion"), "un servidor con rendimiento sujeto a observación necesita al "
                      "menos una acción de capacitación («acciones_capacitacion»)", politica.capacitacion_meses.referencia)
    desde_notificacion, desde_retro = resultado.plazos_capacitacion()
    limite = min((d for d in (desde_notificacion, desde_retro) if d), default=None)
    if limite is None:
        return
    for k, accion in enumerate(acciones):
        cuando = como_fecha(accion.get("fecha")) if isinstance(accion, dict) else None
        if cuando and cuando > limite:
            otra = f"; desde la retroalimentación final sería el {fecha(desde_retro)}" if desde_retro and desde_retro != limite else ""
            informe.advertencia(registro.en("retroalimentacion", "acciones_capacitacion", k, "fecha"),
                                f"la acción de capacitación ({fecha(cuando)}) pasa el plazo de "
                                f"{cantidad(politica.capacitacion_meses.valor, 'mes', 'meses')}: el {fecha(limite)}, "
                                f"contado desde el día siguiente de la notificación{otra}",
                                politica.capacitacion_meses.referencia)


def _confirmacion(ciclo: Ciclo, resultado: Resultado, informe: Informe, nombres: dict) -> None:
    politica = ciclo.politica
    registro = resultado.registro
    confirmacion = resultado.confirmacion
    if not confirmacion:
        return
    no_laborables = [como_fecha(d) for d in ciclo.lista("dias_no_laborables")]
    solicitud = como_fecha(confirmacion["fecha_solicitud"])
    retro = como_fecha(registro.bloque("retroalimentacion").get("fecha"))
    if retro:
        limite = fecha_limite(retro, politica.confirmacion_dias_habiles.valor, no_laborables)
        if solicitud > limite:
            informe.advertencia(registro.en("confirmacion", "fecha_solicitud"),
                                f"la solicitud de confirmación ({fecha(solicitud)}) llega después del plazo de "
                                f"{cantidad(politica.confirmacion_dias_habiles.valor, 'día hábil', 'días hábiles')} desde "
                                f"la retroalimentación final: vencía el {fecha(limite)}",
                                politica.confirmacion_dias_habiles.referencia)
        elif solicitud < retro:
            informe.advertencia(registro.en("confirmacion", "fecha_solicitud"), "la solicitud de confirmación es anterior "
                                "a la retroalimentación final", politica.confirmacion_dias_habiles.referencia)
    recepcion, convocatoria = como_fecha(confirmacion.get("fecha_recepcion")), como_fecha(confirmacion.get("fecha_convocatoria"))
    if recepcion and convocatoria:
        limite = fecha_limite(recepcion, politica.convocatoria_dias_habiles.valor, no_laborables)
        if convocatoria > limite:
            informe.advertencia(registro.en("confirmacion", "fecha_convocatoria"),
                                f"el CIE se convoca el {fecha(convocatoria)}; el plazo de "
                                f"{cantidad(politica.convocatoria_dias_habiles.valor, 'día hábil', 'días hábiles')} desde que "
                                f"recibió el caso vencía el {fecha(limite)}", politica.convocatoria_dias_habiles.referencia)
    resultado_cie, calificacion = confirmacion.get("resultado"), confirmacion.get("calificacion")
    if resultado_cie == "modifica" and not calificacion:
        informe.error(registro.en("confirmacion", "resultado"), "el CIE modifica la calificación: escriba la nueva en "
                      "«calificacion»", "reglas §9")
    if calificacion and resultado_cie != "modifica":
        informe.error(registro.en("confirmacion", "calificacion"), "«calificacion» es la que da el CIE cuando la "
                      "modifica («resultado: modifica»)", "reglas §9")
    if resultado_cie == "modifica" and calificacion and calificacion == resultado.calificacion_formato:
        informe.advertencia(registro.en("confirmacion", "calificacion"), f"el CIE «modifica» la calificación pero da la "
                            f"misma: {nombres[calificacion]}", "reglas §9")
    if resultado_cie and not confirmacion.get("fecha_resultado"):
        informe.advertencia(registro.en("confirmacion", "resultado"), "falta la fecha de la decisión del CIE "
                            "(«fecha_resultado»)", "reglas §9")
    fin = como_fecha(confirmacion.get("fecha_resultado"))
    if fin and fin < solicitud:
        informe.error(registro.en("confirmacion", "fecha_resultado"), "la decisión del CIE es anterior a la solicitud",
                      "reglas §9")
