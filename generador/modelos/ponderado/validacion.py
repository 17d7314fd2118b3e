"""Reglas del modelo «ponderado» que el esquema no puede ver: referencias entre archivos, pesos,
evaluadores y líneas de reporte, antigüedad, registros mensuales y servicio por departamento.

Cada mensaje cita la referencia del parámetro de la política que aplica.
"""

from __future__ import annotations

from decimal import Decimal

from ... import recursos
from ...anexos.formato import MESES, cantidad
from ...anexos.formato import mes as mes_legible
from ...diagnosticos import Informe, Ubicacion
from ...esquema import quiza
from ...politica import Entero, Lista, Mapa, Numero, Objeto, Opciones, Texto
from ...repositorio import Ciclo, Registro, Repositorio, como_fecha
from ...validacion import documentos_unicos, organo_desconocido
from .. import nodo_del_esquema, opciones_del_esquema
from . import reglas
from .resultados import EN_ADAPTACION, Resultado, calcular, fecha_evaluacion

PERSONA = "colaborador"

# --- La forma de cada parámetro de la política (politica.py) ----------------------------------------
# Lo que el esquema de registros admite, la política lo cubre: cada nivel, cada línea de reporte, cada
# sigla y cada punto de la escala con que se califica una competencia.
NIVELES = opciones_del_esquema("registro-ponderado", "colaborador", "nivel")
LINEAS = opciones_del_esquema("registro-ponderado", "evaluaciones", "linea")
_NOTA = nodo_del_esquema("registro-ponderado", "evaluaciones", "competencias", "*")["anyOf"]
SIGLAS = tuple(_NOTA[0]["enum"])
PUNTOS = tuple(range(_NOTA[1]["minimum"], _NOTA[1]["maximum"] + 1))
TIPOS_SERVICIO = opciones_del_esquema("ciclo-ponderado", "servicio", "tipo")
PARTES = ("objetivos", "competencias", "servicio")  # las que sabe calcular resultados.py
FORMULARIOS_PERSONA = ("acuerdo", "registro-mensual", "evaluacion", "entrevista")  # los que arma formularios.py
PLANTILLAS = recursos.plantillas()

_CLAVE = Texto(r"[a-z0-9][a-z0-9_-]*", "minúsculas, cifras, «_» y «-»")
_ANEXO = Texto(r"[0-9A-Za-z][0-9A-Za-z-]*", "letras, cifras y «-», por ejemplo 1-A")
_PORCENTAJE = Numero(0, 1000)
_MESES = Entero(0, 120)

FORMAS = {
    "niveles": Mapa(Texto(), claves=NIVELES),
    "niveles_evaluadores": Lista(Opciones(NIVELES), minimo=1, unicos=True),
    "partes": Mapa(Texto(), admitidas=PARTES),
    "pesos_partes": Mapa(Mapa(Numero(0, 1000))),
    "suma_pesos": Entero(1, 1000),
    "competencias": Mapa(Lista(Objeto({"clave": _CLAVE, "nombre": Texto(), "descripcion": Texto()},
                                      {"peso": Numero(0, 1000)}), minimo=1)),
    "escala": Lista(Objeto({"clave": _CLAVE, "nombre": Texto(), "sigla": Opciones(SIGLAS), "minimo": _PORCENTAJE,
                            "punto": Entero(PUNTOS[0], PUNTOS[-1]), "porcentaje_punto": _PORCENTAJE}), minimo=1),
    "tope_cumplimiento": Entero(1, 1000),
    "decimales": Entero(0, 6),
    "meses_antiguedad_minima": _MESES,
    "meses_area_evaluacion_compartida": _MESES,
    "lineas_reporte": Mapa(Texto(), claves=LINEAS),
    "registros_por_mes": Entero(0, 31),
    "mes_acuerdo": Entero(1, 12),
    "distribucion_esperada": Mapa(Numero(0, 100)),
    "tolerancia_calibracion": Entero(0, 100),
    "minimo_evaluados_calibracion": Entero(1, 10000),
    "consecuencias": Mapa(Lista(Texto(), unicos=True)),
    "nombres_consecuencias": Mapa(Texto(), minimo=0),
    "meses_seguimiento": _MESES,
    "formularios": Lista(Objeto({"clave": _CLAVE, "anexo": _ANEXO, "titulo": Texto(),
                                 "plantilla": Texto(r"[a-z0-9_]+(/[a-z0-9_]+)*\.html\.j2", "carpeta/archivo.html.j2"),
                                 "alcance": Opciones(("persona", "ciclo"))},
                                {"variantes": Mapa(_ANEXO, admitidas=NIVELES), "tipo": Opciones(TIPOS_SERVICIO)}),
                         minimo=1),
}


def revisar_politica(parametros: dict):
    """Coherencia entre parámetros bien formados (la de pesos y tramos está en `validar_politica`)."""
    niveles = parametros["niveles"].valor
    for i, nivel in enumerate(parametros["niveles_evaluadores"].valor):
        if nivel not in niveles:
            yield ("niveles_evaluadores", "valor", i), f"«niveles_evaluadores»: el nivel «{nivel}» no está en «niveles»"
    for nivel, catalogo in parametros["competencias"].valor.items():
        yield from _repetidas("competencias", [c["clave"] for c in catalogo], ("competencias", "valor", nivel))
    escala = parametros["escala"].valor
    yield from _repetidas("escala", [t["clave"] for t in escala], ("escala", "valor"))
    for campo, esperados in (("sigla", SIGLAS), ("punto", PUNTOS)):
        valores = [t[campo] for t in escala]
        if sorted(valores, key=str) != sorted(esperados, key=str):
            yield ("escala", "valor"), (f"«escala»: cada tramo tiene su «{campo}» y están todas, una vez cada una: "
                                        f"{', '.join(map(str, esperados))} (las que admiten los registros)")
    nombres = parametros["nombres_consecuencias"].valor
    for tramo, lista in parametros["consecuencias"].valor.items():
        for i, consecuencia in enumerate(lista):
            if consecuencia not in nombres:
                yield ("consecuencias", "valor", tramo, i), (f"«consecuencias»: «{consecuencia}» no está en "
                                                              "«nombres_consecuencias»")
    formularios = parametros["formularios"].valor
    yield from _repetidas("formularios", [f["clave"] for f in formularios], ("formularios", "valor"))
    for i, formulario in enumerate(formularios):
        donde = ("formularios", "valor", i)
        if formulario["alcance"] == "persona" and formulario["clave"] not in FORMULARIOS_PERSONA:
            yield (*donde, "clave"), (f"«formularios»: no hay un formulario por persona «{formulario['clave']}»; "
                                      f"los hay: {', '.join(FORMULARIOS_PERSONA)}")
        if formulario["alcance"] == "ciclo" and "tipo" not in formulario:
            yield donde, "«formularios»: un formulario de alcance «ciclo» dice de qué «tipo» de servicio es"
        if not (PLANTILLAS / formulario["plantilla"]).is_file():
            yield (*donde, "plantilla"), f"«formularios»: no existe la plantilla «{formulario['plantilla']}»"


def _repetidas(nombre: str, claves: list, ruta: tuple):
    vistas = set()
    for clave in claves:
        if clave in vistas:
            yield ruta, f"«{nombre}»: la clave «{clave}» está repetida"
        vistas.add(clave)


def _archivo(registro: Registro) -> str:
    """Quién, sin nombrarlo: la ruta del archivo de su registro (los mensajes no llevan nombres ni documentos)."""
    return str(Ubicacion(registro.doc.ruta))


def validar(repositorio: Repositorio, ciclos: list[Ciclo], informe: Informe) -> dict[str, dict[str, Resultado]]:
    departamentos = repositorio.datos_entidad.get("organos") or {}
    resultados = {}
    for ciclo in ciclos:
        documentos_unicos(ciclo, informe)
        _ciclo(ciclo, departamentos, informe)
        for registro in ciclo.validos():
            _registro(ciclo, registro, departamentos, informe)
        resultados[ciclo.carpeta] = calcular(ciclo)
        for resultado in resultados[ciclo.carpeta].values():
            _meses_sin_registro(ciclo, resultado, informe)
            if resultado.estado == EN_ADAPTACION and resultado.registro.lista("evaluaciones"):
                informe.advertencia(resultado.registro.en("evaluaciones"),
                                    f"ingresó hace menos de {_meses(ciclo.politica.meses_antiguedad_minima)}: está en "
                                    "proceso de adaptación y no se califica; sus evaluaciones no se toman en cuenta",
                                    ciclo.politica.meses_antiguedad_minima.referencia)
    return resultados


def _meses(parametro) -> str:
    return cantidad(parametro.valor, "mes", "meses")


def _ciclo(ciclo: Ciclo, departamentos: dict, informe: Informe) -> None:
    politica = ciclo.politica
    if ciclo.inicio and ciclo.fin and ciclo.inicio > ciclo.fin:
        informe.error(ciclo.en("fin"), "el fin del período es anterior a su inicio")
    evaluacion = como_fecha(ciclo.datos.get("fecha_evaluacion"))
    if evaluacion and ciclo.fin and evaluacion <= ciclo.fin:
        informe.advertencia(ciclo.en("fecha_evaluacion"), "la evaluación formal se hace al terminar el período "
                            f"(en enero del año siguiente), no antes del {ciclo.fin.isoformat()}", politica.mes_acuerdo.referencia)
    conocidos = set(ciclo.por_documento) | {e["documento"] for e in ciclo.lista("evaluadores_externos")}
    for clave in ("recursos_humanos", "comite_ejecutivo"):
        for i, documento in enumerate(ciclo.lista(clave)):
            if documento not in conocidos:
                informe.error(ciclo.en(clave, i), "este documento no es de ninguna persona de este ciclo (registros y "
                              "«evaluadores_externos»)")
    vistos = {}
    for i, entrada in enumerate(ciclo.lista("servicio")):
        departamento, tipo = entrada["departamento"], entrada["tipo"]
        ref = "Políticas 25, 26 y 27"
        if mensaje := organo_desconocido(departamento, departamentos, "departamento"):
            informe.error(ciclo.en("servicio", i, "departamento"), mensaje, ref)
        if (departamento, tipo) in vistos:
            informe.error(ciclo.en("servicio", i), f"el servicio {tipo} de «{departamento}» ya está en la entrada "
                          f"{vistos[(departamento, tipo)] + 1}: una sola nota por departamento", ref)
        vistos[(departamento, tipo)] = i
        evaluadores = entrada.get("evaluado_por") or []
        if tipo == "interno" and not evaluadores:
            informe.error(ciclo.en("servicio", i), "un servicio interno indica qué departamentos lo reciben y lo "
                          "evalúan («evaluado_por»)", "Procedimientos del cliente interno")
        for k, otro in enumerate(evaluadores):
            if otro == departamento:
                informe.error(ciclo.en("servicio", i, "evaluado_por", k), "un departamento no evalúa su propio servicio",
                              "Procedimientos del cliente interno")
            elif mensaje := organo_desconocido(otro, departamentos, "departamento"):
                informe.error(ciclo.en("servicio", i, "evaluado_por", k), mensaje, ref)
        _ingresado_por(ciclo, i, entrada, informe)


def _ingresado_por(ciclo: Ciclo, i: int, entrada: dict, informe: Informe) -> None:
    """Interno: lo ingresa el Director de un área evaluadora; externo: Recursos Humanos (Políticas 27)."""
    quien = entrada.get("ingresado_por")
    if entrada.get("resultado") is None or quien is None:
        return
    donde = ciclo.en("servicio", i, "ingresado_por")
    if entrada["tipo"] == "externo":
        if quien not in ciclo.lista("recursos_humanos"):
            informe.error(donde, "el resultado del servicio externo lo ingresa Recursos Humanos: el documento no está "
                          "en «recursos_humanos» del ciclo", "Políticas 27")
        return
    registro = ciclo.por_documento.get(quien)
    persona = registro.servidor if registro else {}
    if persona.get("nivel") != "ejecutivo" or persona.get("departamento") not in (entrada.get("evaluado_por") or []):
        informe.error(donde, "el resultado del servicio interno lo ingresa el Director (nivel ejecutivo) de un "
                      "departamento que lo evalúa", "Políticas 27")


def _registro(ciclo: Ciclo, registro: Registro, departamentos: dict, informe: Informe) -> None:
    persona = registro.servidor
    if mensaje := organo_desconocido(persona["departamento"], departamentos, "departamento"):
        informe.error(registro.en(PERSONA, "departamento"), mensaje)
    ingreso, ingreso_area = como_fecha(persona["fecha_ingreso"]), como_fecha(persona.get("fecha_ingreso_area"))
    if ingreso_area and ingreso_area < ingreso:
        informe.error(registro.en(PERSONA, "fecha_ingreso_area"), "la llegada al área es anterior al ingreso a la Empresa")
    _acuerdo(ciclo, registro, informe)
    _evaluaciones(ciclo, registro, informe)
    _meses_fuera_del_periodo(ciclo, registro, informe)
    entrevista = registro.bloque("entrevista")
    fechas = [como_fecha(e.get("fecha")) for e in registro.lista("evaluaciones") if e.get("fecha")]
    if entrevista and fechas and como_fecha(entrevista["fecha"]) < max(fechas):
        informe.error(registro.en("entrevista", "fecha"), "la entrevista de evaluación es posterior a la evaluación: "
                      "en ella se dialoga sobre la calificación obtenida", "Definiciones: Entrevista de evaluación")


def _acuerdo(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    politica = ciclo.politica
    nivel = registro.servidor["nivel"]
    acuerdo = registro.bloque("acuerdo")
    objetivos = acuerdo.get("objetivos") or []
    con_objetivos = Decimal(politica.pesos_partes.valor[nivel].get("objetivos", 0)) > 0
    if objetivos and not con_objetivos:
        informe.advertencia(registro.en("acuerdo", "objetivos"), f"el nivel «{politica.niveles.valor[nivel]}» no se "
                            "evalúa por objetivos: estos objetivos no entran en la calificación", politica.pesos_partes.referencia)
    if objetivos and con_objetivos:
        suma = sum(Decimal(o["peso"]) for o in objetivos)
        if suma != Decimal(politica.suma_pesos.valor):
            informe.error(registro.en("acuerdo", "objetivos"), f"los pesos de los objetivos suman {suma}, deben sumar "
                          f"{politica.suma_pesos.valor}", politica.suma_pesos.referencia)
    fecha = como_fecha(acuerdo.get("fecha"))
    if fecha and ciclo.inicio and (fecha.year, fecha.month) != (ciclo.inicio.year, politica.mes_acuerdo.valor):
        ingreso = como_fecha(registro.servidor["fecha_ingreso"])
        if not (ingreso and ingreso > ciclo.inicio):  # quien ingresó en el año acuerda al llegar
            informe.advertencia(registro.en("acuerdo", "fecha"), f"el acuerdo del desempeño se establece en "
                                f"{MESES[politica.mes_acuerdo.valor - 1]}, al empezar el período",
                                politica.mes_acuerdo.referencia)


def _evaluaciones(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    politica = ciclo.politica
    persona = registro.servidor
    catalogo = {c["clave"]: c for c in politica.competencias.valor[persona["nivel"]]}
    evaluaciones = registro.lista("evaluaciones")
    ref_lineas = politica.lineas_reporte.referencia
    externos = {e["documento"] for e in ciclo.lista("evaluadores_externos")}
    vistos = set()
    for i, evaluacion in enumerate(evaluaciones):
        documento = evaluacion["evaluador"]
        evaluador = ciclo.por_documento.get(documento)
        if documento in externos:
            pass  # evalúa sin ser evaluado por esta política (por ejemplo, el Gerente General)
        elif documento == registro.documento:
            informe.error(registro.en("evaluaciones", i, "evaluador"), "nadie se evalúa a sí mismo",
                          politica.niveles_evaluadores.referencia)
        elif evaluador is None:
            informe.error(registro.en("evaluaciones", i, "evaluador"), "el evaluador no tiene registro en este ciclo "
                          "ni está en «evaluadores_externos» de ciclo.yaml", politica.niveles_evaluadores.referencia)
        elif evaluador.servidor.get("nivel") not in politica.niveles_evaluadores.valor:
            informe.error(registro.en("evaluaciones", i, "evaluador"), f"el evaluador ({_archivo(evaluador)}) es del "
                          f"nivel «{evaluador.servidor.get('nivel')}» y no puede evaluar: evalúan los ejecutivos y mandos "
                          "medios con personal a cargo", politica.niveles_evaluadores.referencia)
        if documento in vistos:
            informe.error(registro.en("evaluaciones", i, "evaluador"), "este evaluador ya tiene una evaluación en este "
                          "registro; cada línea de reporte evalúa una vez", ref_lineas)
        vistos.add(documento)
        for clave in evaluacion.get("competencias") or {}:
            if clave not in catalogo:
                informe.error(registro.en("evaluaciones", i, "competencias", clave), f"«{clave}» no es una competencia "
                              f"del nivel «{politica.niveles.valor[persona['nivel']]}»{quiza(clave, catalogo)}",
                              politica.competencias.referencia)
        fecha = como_fecha(evaluacion.get("fecha"))
        if fecha and ciclo.fin and fecha <= ciclo.fin:
            informe.advertencia(registro.en("evaluaciones", i, "fecha"), "la evaluación formal se hace al cerrar el "
                                "período, en enero del año siguiente", politica.mes_acuerdo.referencia)
    directas = [i for i, e in enumerate(evaluaciones) if e["linea"] == "directa"]
    if evaluaciones and len(directas) != 1:
        informe.error(registro.en("evaluaciones"), f"debe haber una sola evaluación del jefe directo (línea «directa»); "
                      f"hay {len(directas)}", ref_lineas)
    corte = fecha_evaluacion(ciclo)
    compartida = reglas.evaluacion_compartida(politica, como_fecha(persona.get("fecha_ingreso_area")), corte)
    anteriores = [i for i, e in enumerate(evaluaciones) if e["linea"] == "anterior"]
    if compartida and evaluaciones and not anteriores:
        informe.error(registro.en("evaluaciones"), f"tiene menos de {_meses(politica.meses_area_evaluacion_compartida)} "
                      "en el área: la calificación es el promedio del jefe anterior y del actual; falta la evaluación con línea «anterior»",
                      politica.meses_area_evaluacion_compartida.referencia)
    if anteriores and not compartida:
        informe.advertencia(registro.en("evaluaciones", anteriores[0], "linea"), "la evaluación del jefe anterior "
                            f"corresponde solo con menos de {_meses(politica.meses_area_evaluacion_compartida)} en el "
                            "área («fecha_ingreso_area»); se promedia "
                            "igual que otra línea de reporte", politica.meses_area_evaluacion_compartida.referencia)


def _meses_fuera_del_periodo(ciclo: Ciclo, registro: Registro, informe: Informe) -> None:
    periodo = reglas.meses_del_periodo(ciclo.inicio, ciclo.fin)
    for i, entrada in enumerate(registro.lista("registro_mensual")):
        if entrada["mes"] not in periodo:
            informe.advertencia(registro.en("registro_mensual", i, "mes"), f"el mes {entrada['mes']} está fuera del "
                                "período de evaluación", ciclo.politica.registros_por_mes.referencia)


def _meses_sin_registro(ciclo: Ciclo, resultado: Resultado, informe: Informe) -> None:
    """Recursos Humanos anota cada mes sin registro mensual (calculados en `resultados.calcular`)."""
    if not resultado.meses_sin_registro:
        return
    registro = resultado.registro
    evaluador = next((e["evaluador"] for e in registro.lista("evaluaciones") if e["linea"] == "directa"), None)
    jefe = ciclo.por_documento.get(evaluador) if evaluador else None
    de_quien = f" (evaluador: {_archivo(jefe)})" if jefe else ""
    meses = ", ".join(mes_legible(m) for m in resultado.meses_sin_registro)
    informe.advertencia(registro.en("registro_mensual") if registro.lista("registro_mensual") else registro.en(PERSONA),
                        f"falta el registro mensual de incidentes críticos de {meses}{de_quien}; Recursos Humanos "
                        "deja nota de la falta en el file personal", ciclo.politica.registros_por_mes.referencia)
