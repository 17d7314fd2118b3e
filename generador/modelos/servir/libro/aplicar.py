"""Lo leído de un libro, escrito en el texto del registro con ruamel.yaml: comentarios, orden, comillas y
claves no tocadas quedan como estaban; un campo nuevo entra en el lugar que le da el esquema.

- Metas nuevas (el registro no tenía): una por fila del Anexo 1 con algún dato; deben traer objetivo y peso.
- Lo evaluado (Anexo 4): `logro`, `alcanzado` y `nivel_evidenciado` en su meta o compromiso; la dificultad o
  mejora en `evaluacion.metas` (por el objetivo de la meta); comentarios y fechas en `evaluacion`, que
  necesita su `fecha` (la de la evaluación).
Los problemas van a `Problemas` con la celda que los causó.
"""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ....flujo.celdas import Problemas
from ....flujo.plan import poner
from ....flujo.yaml_texto import abrir, volcar
from .leer import Valor

ORDEN = ("servidor", "evaluador", "reunion_fijacion_metas", "funciones", "metas_grupales", "metas_individuales",
         "compromisos", "acciones_servidor", "observaciones", "evidencias", "seguimiento", "evaluacion",
         "retroalimentacion", "plan_mejora", "confirmacion", "participacion", "historial")
ORDEN_EVALUACION = ("fecha", "fecha_remision_afrh", "fecha_calificacion", "fecha_notificacion",
                    "comentarios_evaluador", "comentario_afrh", "metas")
ORDEN_META = ("origen", "objetivo", "indicador", "meta", "evidencia", "hitos", "niveles", "peso", "alcanzado", "logro")
ORDEN_COMPROMISO = ("compromiso", "descripcion", "nivel_exigido", "comportamientos", "nivel_evidenciado")
GRUPOS = ("metas_grupales", "metas_individuales", "compromisos")
FALTA = {"objetivo": "el objetivo de la meta", "peso": "el peso de la meta", "compromiso": "el nombre del compromiso",
         "nivel_exigido": "el nivel de desarrollo exigido del compromiso"}
SIN_META = "esta fila no tiene meta en el Anexo 1: escriba primero la meta (o deje la celda vacía)"
SIN_FECHA = ("falta la fecha de la evaluación (valoración de las metas): sin ella no se registran los comentarios, "
             "las dificultades ni las fechas del Anexo 4")


def en_orden(mapa, clave: str, valor, orden: tuple[str, ...]) -> bool:
    """Pone `clave` en `mapa`: si ya está, en su lugar; si no, después de la última clave que el esquema pone
    antes que ella. True si algo cambió."""
    if clave in mapa:
        return poner(mapa, clave, valor)
    antes = orden[:orden.index(clave)] if clave in orden else orden
    claves = list(mapa)
    posicion = max((claves.index(k) + 1 for k in antes if k in mapa), default=0 if clave in orden else len(claves))
    mapa.insert(posicion, clave, valor)
    return True


def _yaml(valor):
    """Un dato leído en la forma de ruamel: textos de varias líneas en bloque literal, listas y mapas."""
    if isinstance(valor, str) and "\n" in valor:
        return LiteralScalarString(valor)
    if isinstance(valor, list):
        return CommentedSeq(_yaml(v) for v in valor)
    if isinstance(valor, dict):
        mapa = CommentedMap((k, _yaml(v)) for k, v in valor.items())
        return mapa
    return valor


def _nuevas(grupo: str, leidos: dict[tuple, Valor], celdas: dict[tuple, tuple[str, str]], nombre: str,
            problemas: Problemas) -> dict[int, CommentedMap]:
    """Las metas (o compromisos) escritas en las filas en blanco del Anexo 1: fila → meta."""
    filas: dict[int, dict[str, Valor]] = {}
    for destino, valor in leidos.items():
        if destino[:2] == ("nueva", grupo):
            campo = destino[3] if len(destino) == 4 else f"niveles.{destino[4]}"
            filas.setdefault(destino[2], {})[campo] = valor
    principal, obligatorio = ("compromiso", "nivel_exigido") if grupo == "compromisos" else ("objetivo", "peso")
    orden = ORDEN_COMPROMISO if grupo == "compromisos" else ORDEN_META
    nuevas = {}
    for fila, campos in sorted(filas.items()):
        for requerido in (principal, obligatorio):
            if requerido not in campos:
                problemas.agregar(nombre, *celdas[("nueva", grupo, fila, requerido)],
                                  f"falta {FALTA[requerido]}: la fila tiene otros datos")
        meta = CommentedMap()
        for campo in orden:
            if campo in campos:
                valor = _yaml(campos[campo].valor)
                if campo == "hitos":
                    for hito in valor:
                        hito.fa.set_flow_style()
                meta[campo] = valor
        niveles = {c.split(".")[1]: v.valor for c, v in campos.items() if c.startswith("niveles.")}
        if niveles:
            meta.insert(list(meta).index("peso") if "peso" in meta else len(meta), "niveles", CommentedMap(niveles))
        nuevas[fila] = meta
    return nuevas


def actualizar(texto: str, leidos: dict[tuple, Valor], celdas: dict[tuple, tuple[str, str]], nombre: str,
               problemas: Problemas) -> str:
    """El texto nuevo del registro (el mismo si nada cambió). `celdas`: destino → (hoja, celda) de cada celda
    para llenar del libro, para señalar la que falta."""
    if not leidos:
        return texto
    datos, yaml = abrir(texto)
    for clave in ("reunion_fijacion_metas", "funciones", "acciones_servidor", "observaciones"):
        if (clave,) in leidos:
            en_orden(datos, clave, _yaml(leidos[(clave,)].valor), ORDEN)
    dificultades: list[tuple[str, Valor]] = []
    for grupo in GRUPOS:
        nuevas = _nuevas(grupo, leidos, celdas, nombre, problemas)
        if nuevas:
            en_orden(datos, grupo, CommentedSeq(nuevas.values()), ORDEN)
            filas, indice = list(nuevas.values()), {fila: i for i, fila in enumerate(nuevas)}
        else:
            filas = [m for m in datos.get(grupo) or [] if isinstance(m, dict)]
            indice = {i: i for i in range(len(filas))}
        orden = ORDEN_COMPROMISO if grupo == "compromisos" else ORDEN_META
        for destino, valor in leidos.items():
            if destino[0] not in (grupo, "dificultad") or (destino[0] == "dificultad" and destino[1] != grupo):
                continue
            fila = destino[1] if destino[0] == grupo else destino[2]
            if fila not in indice:
                problemas.agregar(nombre, valor.hoja, valor.ref, SIN_META)
            elif destino[0] == grupo:
                en_orden(filas[indice[fila]], destino[2], valor.valor, orden)
            else:
                dificultades.append((filas[indice[fila]].get("objetivo"), valor))
    _evaluacion(datos, leidos, dificultades, celdas[("evaluacion", "fecha")], nombre, problemas)
    return volcar(datos, yaml)


def _evaluacion(datos, leidos: dict[tuple, Valor], dificultades: list[tuple[str, Valor]],
                celda_fecha: tuple[str, str], nombre: str, problemas: Problemas) -> None:
    """Comentarios, fechas y dificultades del Anexo 4, en `evaluacion` (que necesita su fecha)."""
    propios = {d[1]: v for d, v in leidos.items() if d[0] == "evaluacion"}
    if not propios and not dificultades:
        return
    evaluacion = datos.get("evaluacion")
    if (not isinstance(evaluacion, dict) or evaluacion.get("fecha") is None) and "fecha" not in propios:
        problemas.agregar(nombre, celda_fecha[0], celda_fecha[1], SIN_FECHA)
        return
    if not isinstance(evaluacion, dict):
        evaluacion = CommentedMap()
        en_orden(datos, "evaluacion", evaluacion, ORDEN)
    for campo in ORDEN_EVALUACION:
        if campo in propios:
            en_orden(evaluacion, campo, _yaml(propios[campo].valor), ORDEN_EVALUACION)
    for objetivo, valor in dificultades:
        metas = evaluacion.get("metas")
        if not isinstance(metas, list):
            metas = CommentedSeq()
            en_orden(evaluacion, "metas", metas, ORDEN_EVALUACION)
        existente = next((m for m in metas if isinstance(m, dict) and m.get("meta") == objetivo), None)
        if existente is None:
            metas.append(CommentedMap((("meta", objetivo), ("dificultad_o_mejora", _yaml(valor.valor)))))
        else:
            en_orden(existente, "dificultad_o_mejora", _yaml(valor.valor), ("meta", "dificultad_o_mejora"))
