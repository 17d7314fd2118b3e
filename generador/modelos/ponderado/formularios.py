"""Los formularios del modelo «ponderado» en PDF, con la misma construcción por lotes que los Anexos
(`anexos/construccion.py`: incremental, en paralelo, por fragmentos, PDF/A con el YAML adjunto).

La política declara sus formularios (`formularios`: anexo, título, plantilla y alcance); aquí se
arma lo que cada uno imprime. Cada persona tiene su carpeta con el legajo (portada + formularios)
y cada formulario suelto; los de alcance «ciclo» (identificación del servicio) son un archivo
cada uno.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ...anexos import formato
from ...anexos.construccion import Preparador
from ...anexos.legajo import Documento, Encargo, huella_encargo, nombre_carpeta
from ...repositorio import Ciclo, Repositorio, como_fecha
from . import reglas
from .resultados import CALIFICADO, ESTADOS, Resultado, fecha_evaluacion


def preparador() -> Preparador:
    return Preparador(persona=preparar_persona, del_ciclo=preparar_del_ciclo)


def _ciclo(ciclo: Ciclo) -> dict:
    return {"nombre": ciclo.nombre, "inicio": formato.fecha(ciclo.inicio), "fin": formato.fecha(ciclo.fin),
            "resolucion": ciclo.datos.get("resolucion", ""), "carpeta": ciclo.carpeta,
            "fecha_evaluacion": formato.fecha(fecha_evaluacion(ciclo))}


def nombre_y_puesto(ciclo: Ciclo, documento: str | None) -> dict:
    """Nombre y puesto de alguien del ciclo (evaluado o evaluador externo)."""
    registro = ciclo.por_documento.get(documento or "")
    if registro is not None:
        return {"nombre": registro.nombre_completo, "puesto": registro.servidor.get("puesto", "")}
    for externo in ciclo.lista("evaluadores_externos"):
        if externo["documento"] == documento:
            return {"nombre": f"{externo['nombres']} {externo['apellidos']}", "puesto": externo.get("cargo", "")}
    return {"nombre": "", "puesto": ""}


def _documento(politica, formulario: dict, nivel: str | None, datos: dict, falta: str = "", horizontal: bool = False,
               sufijo: str = "") -> Documento:
    """Un formulario declarado por la política; con `variantes` por nivel (1-A, 1-B, 1-C) lleva el de `nivel`."""
    numero = (formulario.get("variantes") or {}).get(nivel) or formulario["anexo"]
    nombre = formulario["titulo"]
    if nivel and formulario.get("variantes"):
        nombre = f"{nombre} — {politica.niveles.valor[nivel]}"
    encabezado = f"Anexo N° {numero}"
    return Documento(f"anexo-{numero.lower()}-{formulario['clave']}", formulario["plantilla"],
                     f"{encabezado} — {nombre}{sufijo}", not falta, falta,
                     {**datos, "encabezado": encabezado, "horizontal": horizontal, "nombre_formulario": nombre})


def preparar_persona(repositorio: Repositorio, ciclo: Ciclo, resultado: Resultado, plantillas: str) -> Encargo:
    politica = ciclo.politica
    registro = resultado.registro
    persona = registro.servidor
    nivel = persona["nivel"]
    departamentos = repositorio.datos_entidad.get("organos") or {}
    directa = next((e for e in registro.lista("evaluaciones") if e["linea"] == "directa"), None)
    ctx = {
        "entidad": repositorio.datos_entidad, "ciclo": _ciclo(ciclo),
        "politica": {"clave": politica.clave, "version": politica.version, "nombre": politica.nombre},
        "servidor": {"nombre": registro.nombre_completo, "documento": registro.documento, "puesto": persona["puesto"],
                     "nivel": politica.niveles.valor[nivel], "departamento": departamentos.get(persona["departamento"],
                     persona["departamento"]), "area": persona.get("area", ""),
                     "fecha_ingreso": formato.fecha(como_fecha(persona["fecha_ingreso"])),
                     "fecha_ingreso_area": formato.fecha(como_fecha(persona.get("fecha_ingreso_area")))},
        "jefe": nombre_y_puesto(ciclo, directa["evaluador"] if directa else None),
        "archivo": Path(registro.doc.ruta).name, "huella": registro.doc.huella,
        "fecha": _fecha_documento(ciclo, registro),
        "estado": ESTADOS[resultado.estado], "calificado": resultado.estado == CALIFICADO,
        "final": formato.cifra(resultado.final) if resultado.final is not None else "",
        "tramo": resultado.tramo["nombre"] if resultado.tramo else "",
    }
    ctx["titulo_legajo"] = f"Legajo de evaluación del desempeño — {registro.nombre_completo}"
    ctx["pie"] = (f"Política {politica.clave} v{politica.version} · Registro {ctx['archivo']} · "
                  f"SHA-256 {registro.doc.huella} · Confidencial")
    documentos = []
    for formulario in politica.formularios.valor:
        if formulario["alcance"] != "persona":
            continue
        datos, falta = ARMADORES[formulario["clave"]](ciclo, resultado)
        documentos.append(_documento(politica, formulario, nivel, datos, falta))
    ruta = Path(registro.doc.ruta)
    adjunto = (ruta.name, registro.doc.contenido(), f"Registro YAML fuente de este documento (SHA-256 {registro.doc.huella})")
    encargo = Encargo(nombre_carpeta(resultado), ctx, documentos, adjunto, portada="ponderado/portada.html.j2",
                      faltan=[f"{d.titulo}: {d.falta}" for d in documentos if not d.disponible])
    encargo.huella = huella_encargo(encargo, plantillas)
    return encargo


def _fecha_documento(ciclo: Ciclo, registro) -> object:
    """La fecha del PDF: el último hecho registrado (no el reloj), para PDF idénticos byte a byte."""
    fechas = [como_fecha(registro.bloque("acuerdo").get("fecha"))]
    fechas += [como_fecha(e.get("fecha")) for e in registro.lista("registro_mensual")]
    fechas += [como_fecha(e.get("fecha")) for e in registro.lista("evaluaciones")]
    fechas.append(como_fecha(registro.bloque("entrevista").get("fecha")))
    fechas = [f for f in fechas if f]
    return max(fechas) if fechas else ciclo.inicio


def _acuerdo(ciclo: Ciclo, resultado: Resultado) -> tuple[dict, str]:
    politica = ciclo.politica
    nivel = resultado.nivel
    acuerdo = resultado.registro.bloque("acuerdo")
    catalogo = politica.competencias.valor[nivel]
    pesos = reglas.pesos_competencias(catalogo)
    total = sum(pesos)
    competencias = [{"nombre": c["nombre"], "descripcion": c["descripcion"],
                     "peso": formato.cifra(reglas.redondear(politica, p * 100 / total))} for c, p in zip(catalogo, pesos)]
    pesos_nivel = {p: v for p, v in politica.pesos_partes.valor[nivel].items() if Decimal(v)}
    datos = {"acuerdo_fecha": formato.fecha(como_fecha(acuerdo.get("fecha"))),
             "objetivos": [{**o, "peso": formato.cifra(Decimal(o["peso"]))} for o in acuerdo.get("objetivos") or []],
             "con_objetivos": "objetivos" in pesos_nivel, "competencias": competencias,
             "partes": [{"nombre": politica.partes.valor[p], "peso": v} for p, v in pesos_nivel.items()],
             "escala": politica.escala.valor, "comentarios": acuerdo.get("comentarios", "")}
    return datos, "" if acuerdo else "el acuerdo del desempeño aún no está registrado"


def _registro_mensual(ciclo: Ciclo, resultado: Resultado) -> tuple[dict, str]:
    """Los meses del período con registro y los que faltan (los mismos que advierte `validar`)."""
    entradas = resultado.registro.lista("registro_mensual")
    ingreso = como_fecha(resultado.registro.servidor["fecha_ingreso"])
    con_algo = {e["mes"] for e in entradas} | set(resultado.meses_sin_registro)
    meses = [m for m in reglas.meses_del_periodo(max(ciclo.inicio, ingreso), ciclo.fin) if m in con_algo]
    filas = [{"mes": formato.mes(mes), "entradas": [
        {"fecha": formato.fecha(como_fecha(e.get("fecha"))), "incidentes": e.get("incidentes") or [],
         "retroalimentacion": e.get("retroalimentacion", "")} for e in entradas if e["mes"] == mes]} for mes in meses]
    datos = {"meses": filas, "sin_registro": [formato.mes(m) for m in resultado.meses_sin_registro]}
    return datos, "" if entradas else "aún no hay registros mensuales"


def _evaluacion(ciclo: Ciclo, resultado: Resultado) -> tuple[dict, str]:
    politica = ciclo.politica
    if resultado.estado != CALIFICADO:
        meses = formato.cantidad(politica.meses_antiguedad_minima.valor, "mes", "meses")
        motivo = {"en_adaptacion": f"en proceso de adaptación (menos de {meses}): no se evalúa",
                  "fuera_de_alcance": "personal no estable: fuera del alcance de la política"}.get(resultado.estado)
        return {}, motivo or "falta " + "; ".join(resultado.faltantes)
    nivel = resultado.nivel
    registro = resultado.registro
    catalogo = politica.competencias.valor[nivel]
    pesos = reglas.pesos_competencias(catalogo)
    evaluadores = [{**nombre_y_puesto(ciclo, p.evaluador), "linea": politica.lineas_reporte.valor[p.linea],
                    "objetivos": formato.cifra(p.objetivos) if p.objetivos is not None else "",
                    "competencias": formato.cifra(p.competencias)} for p in resultado.parciales]
    evaluaciones = registro.lista("evaluaciones")
    objetivos = []
    for k, o in enumerate(registro.bloque("acuerdo").get("objetivos") or []):
        cumplimientos = [Decimal(e["cumplimiento"][k]) for e in evaluaciones] if "objetivos" in resultado.partes else []
        objetivos.append({"objetivo": o["objetivo"], "indicador": o.get("indicador", ""), "meta": o.get("meta", ""),
                          "peso": formato.cifra(Decimal(o["peso"])), "cumplimientos": [formato.cifra(c) for c in cumplimientos]})
    competencias = [{"nombre": c["nombre"], "peso": formato.cifra(reglas.redondear(politica, p * 100 / sum(pesos))),
                     "notas": [par.notas[c["clave"]] for par in resultado.parciales]} for c, p in zip(catalogo, pesos)]
    servicio = [e for e in ciclo.lista("servicio") if e["departamento"] == resultado.departamento and e.get("resultado") is not None]
    resumen = [{"parte": politica.partes.valor[parte], "porcentaje": formato.cifra(resultado.partes[parte]),
                "peso": formato.cifra(peso), "subtotal": formato.cifra(resultado.subtotales[parte])}
               for parte, peso in resultado.pesos.items()]
    nombres_consecuencias = politica.nombres_consecuencias.valor
    datos = {"evaluadores": evaluadores, "objetivos": objetivos, "competencias": competencias,
             "servicio": [{"tipo": e["tipo"], "resultado": formato.cifra(Decimal(e["resultado"])),
                           "encuesta": e.get("encuesta", "")} for e in servicio],
             "servicio_sin_medir": resultado.servicio_sin_medir, "resumen": resumen,
             "escala": politica.escala.valor, "tramo_clave": resultado.tramo["clave"],
             "consecuencias": [nombres_consecuencias[c] for c in resultado.consecuencias],
             "comentarios": [e.get("comentarios", "") for e in evaluaciones],
             "con_objetivos": "objetivos" in resultado.partes, "varios": len(evaluadores) > 1,
             "tope": politica.tope_cumplimiento.valor}
    return datos, ""


def _entrevista(ciclo: Ciclo, resultado: Resultado) -> tuple[dict, str]:
    entrevista = resultado.registro.bloque("entrevista")
    if not entrevista:
        return {}, "la entrevista de evaluación aún no está registrada"
    return {"entrevista": {**entrevista, "fecha": formato.fecha(como_fecha(entrevista["fecha"])),
                           "compromisos": [{**c, "plazo": formato.fecha(como_fecha(c.get("plazo")))}
                                           for c in entrevista.get("compromisos") or []]}}, ""


ARMADORES = {"acuerdo": _acuerdo, "registro-mensual": _registro_mensual, "evaluacion": _evaluacion,
             "entrevista": _entrevista}


def preparar_del_ciclo(repositorio: Repositorio, ciclo: Ciclo, plantillas: str) -> list[Encargo]:
    """Un PDF por formulario de alcance «ciclo»: la identificación del servicio interno y la del externo."""
    politica = ciclo.politica
    departamentos = repositorio.datos_entidad.get("organos") or {}
    encargos = []
    for formulario in politica.formularios.valor:
        if formulario["alcance"] != "ciclo":
            continue
        entradas = [e for e in ciclo.lista("servicio") if e["tipo"] == formulario["tipo"]]
        filas = [{"departamento": departamentos.get(e["departamento"], e["departamento"]),
                  "evaluado_por": ", ".join(departamentos.get(d, d) for d in e.get("evaluado_por") or []),
                  "encuesta": e.get("encuesta", ""), "muestra": e.get("muestra", ""),
                  "resultado": formato.cifra(Decimal(e["resultado"])) if e.get("resultado") is not None else "",
                  "ingresado_por": nombre_y_puesto(ciclo, e.get("ingresado_por"))["nombre"],
                  "fecha": formato.fecha(como_fecha(e.get("fecha")))} for e in entradas]
        sin_servicio = [nombre for clave, nombre in departamentos.items()
                        if clave not in {e["departamento"] for e in ciclo.lista("servicio")}]
        fechas = [como_fecha(e.get("fecha")) for e in entradas if e.get("fecha")]
        ctx = {"entidad": repositorio.datos_entidad, "ciclo": _ciclo(ciclo), "fecha": max(fechas) if fechas else ciclo.inicio,
               "filas": filas, "tipo": formulario["tipo"], "sin_servicio": sin_servicio,
               "pie": f"Política {politica.clave} v{politica.version} · Ciclo {ciclo.carpeta} · "
                      f"SHA-256 de ciclo.yaml {ciclo.doc.huella}"}
        documento = _documento(politica, formulario, None, {}, horizontal=True, sufijo=f" — {ciclo.nombre}")
        adjunto = ("ciclo.yaml", ciclo.doc.contenido(), f"Archivo del ciclo (SHA-256 {ciclo.doc.huella})")
        encargo = Encargo(f"{documento.clave}.pdf", ctx, [documento], adjunto, del_ciclo=True)
        encargo.huella = huella_encargo(encargo, plantillas)
        encargos.append(encargo)
    return encargos
