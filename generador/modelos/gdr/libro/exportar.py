"""`generador exportar --formato gdr`: el Formato GDR 2025 oficial prellenado, un libro por servidor.

Cada libro es el libro oficial de SERVIR (`plantillas/gdr/formato-gdr-2025.xlsx`) con lo que el registro ya
sabe en sus celdas (`celdas.py`): datos generales del evaluado y del evaluador, autorización de notificación,
fijación de metas, metas, estados de las evidencias, valores alcanzados, permanencia, Junta y
retroalimentación. Lo que aún no se sabe queda como en el libro oficial («[Seleccione]», «[dd/mmm/aaaa]» o
vacío) para que el evaluador lo complete. Los libros van en una carpeta por evaluador (con el nombre del
evaluador, como los registros) y cada uno se llama como el registro de su servidor.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from functools import partial
from pathlib import Path

from ....flujo import por_evaluador
from ....ordenes import SALIDA_DATOS, SALIDA_OK, ErrorUso, _plural
from ....repositorio import Ciclo, Repositorio, como_fecha
from .. import reglas
from ..formulario import _fecha_documento, apellidos_y_nombres, persona_evaluadora
from ..resultados import Resultado
from . import celdas as mapa
from .plantilla import Plantilla, PlantillaDanada, Valor, cargar, texto_xml

def exportar(argumentos) -> int:
    if argumentos.formato in ("xlsx", "csv"):
        raise ErrorUso(f"la política servir-2025 no tiene la tabla de resultados en {argumentos.formato}: use "
                       "--formato gdr (el Formato GDR 2025 oficial de cada servidor, para los evaluadores); los "
                       "puntajes están en «generador calificar --formato csv»")
    if argumentos.formato != "gdr":
        raise ErrorUso(f"--formato {argumentos.formato} es de la política imarpe-2018: en servir-2025 use --formato gdr")
    preparado = por_evaluador.preparar(argumentos)
    if preparado is None:
        return SALIDA_DATOS
    repositorio, por_ciclo, ciclo, destino, solo = preparado
    por_registro = {id(r.registro): r for r in por_ciclo.values()}
    registros = sorted((r.registro for r in por_ciclo.values()), key=lambda r: Path(r.doc.ruta).name)
    if solo is not None:
        registros = por_evaluador.del_evaluador(ciclo, registros, solo)
    carpetas = por_evaluador.carpetas(ciclo, (r.registro.evaluador or "" for r in por_ciclo.values()))
    try:
        plantilla = cargar()
        libros = {Path(carpetas[r.evaluador or ""]) / f"{Path(r.doc.ruta).stem}.xlsx":
                  partial(libro, plantilla, repositorio, ciclo, por_registro[id(r)]) for r in registros}
        por_evaluador.escribir(destino, libros, carpetas[solo] if solo is not None else None)
    except PlantillaDanada as exc:
        raise ErrorUso(str(exc)) from None
    evaluadores = len({ruta.parent for ruta in libros})
    print(f"{_plural(len(libros), 'Formato GDR 2025', 'Formatos GDR 2025')} del ciclo {ciclo.carpeta} en {destino}, "
          f"{_plural(evaluadores, 'carpeta')} (una por evaluador): envíe a cada evaluador su carpeta y, cuando los "
          f"devuelva, léalos con «generador importar-formatos CARPETA --ciclo {ciclo.carpeta}». Confidencial: "
          "contienen datos personales.", file=sys.stderr)
    return SALIDA_OK


def libro(plantilla: Plantilla, repositorio: Repositorio, ciclo: Ciclo, resultado: Resultado) -> bytes:
    """El libro de un servidor; su fecha es la del último hecho de su registro (no el reloj)."""
    valores, ocultas = valores_del_registro(plantilla, repositorio, ciclo, resultado)
    modificado = _fecha_documento(ciclo, resultado.registro)
    return plantilla.llenar(valores, ocultas, min(ciclo.inicio or modificado, modificado), modificado)


def valores_del_registro(plantilla: Plantilla, repositorio: Repositorio, ciclo: Ciclo,
                         resultado: Resultado) -> tuple[dict[str, Valor], set[int]]:
    registro, politica = resultado.registro, ciclo.politica
    persona = registro.servidor
    organos = repositorio.datos_entidad.get("organos") or {}
    valores: dict[str, object] = {mapa.ENTIDAD: repositorio.datos_entidad.get("nombre", "")}
    evaluado = {"documento": registro.documento or "", "nombre": apellidos_y_nombres(persona),
                "puesto": persona.get("puesto", ""), "segmento": politica.segmentos.valor.get(registro.segmento or ""),
                "organo": organos.get(persona.get("organo"), persona.get("organo", ""))}
    evaluador = persona_evaluadora(repositorio, ciclo, registro.evaluador)
    for datos, celdas in ((evaluado, mapa.EVALUADO), (evaluador, mapa.EVALUADOR)):
        for campo, celda in celdas.items():
            if datos.get(campo):
                valores[celda] = datos[campo]
    fijacion, evidencias = registro.bloque("fijacion_metas"), registro.bloque("evidencias")
    for celda, valor in ((mapa.ASISTIO, fijacion.get("asistio")), (mapa.PRESENTO, evidencias.get("presento"))):
        if isinstance(valor, bool):
            valores[celda] = mapa.SI_NO[valor]
    if como_fecha(fijacion.get("fecha")):
        valores[mapa.FECHA_FIJACION] = como_fecha(fijacion["fecha"])
    metas = registro.lista("metas")[:mapa.METAS]
    for k, meta in enumerate(metas, 1):
        valores.update(_meta(k, meta))
    if resultado.permanencia is None:
        valores[mapa.PERMANENCIA] = mapa.SELECCIONE
    else:
        textos = mapa.permanencias(politica.permanencia_meses.valor)
        valores[mapa.PERMANENCIA] = textos["seis_meses_o_mas" if resultado.permanencia else "menos_de_seis_meses"]
    junta = ciclo.bloque("junta")
    if resultado.designado or junta.get("fecha") or junta.get("acta"):
        valores[mapa.JUNTA] = mapa.SI_NO[resultado.designado]
    retro = registro.bloque("retroalimentacion")
    acciones = [a.get("accion", "") if isinstance(a, dict) else str(a) for a in retro.get("acciones_capacitacion") or []]
    if acciones:
        valores[mapa.ACCIONES] = "\n".join(acciones)
    if retro.get("otras_acciones"):
        valores[mapa.OTRAS_ACCIONES] = retro["otras_acciones"]
    if como_fecha(retro.get("fecha")):
        valores[mapa.FECHA_RETRO] = como_fecha(retro["fecha"])
    escritos = {celda: Valor(valor) for celda, valor in valores.items()}
    consentimiento = _consentimiento(plantilla, registro.bloque("notificacion"))
    if consentimiento is not None:
        escritos[mapa.CONSENTIMIENTO] = Valor(consentimiento, enriquecido=True)
    visibles = len(metas) or mapa.METAS   # sin metas aún: los cinco bloques, para que el evaluador las escriba
    ocultas = set(range(mapa.fila_meta(visibles + 1), mapa.ULTIMA_FILA_META + 1))
    return escritos, ocultas


def _meta(k: int, meta: dict) -> dict[str, object]:
    valores = {}
    for campo, _, _ in mapa.CAMPOS_META:
        valor = meta.get(campo)
        if valor is None or isinstance(valor, bool) or valor == "":
            continue
        if campo == "sentido":
            valor = mapa.SENTIDOS.get(reglas.sentido(valor) or "", valor)
        elif campo == "peso":
            valor = Decimal(valor) / 100   # F!G21 tiene formato 0 %: 40 % se guarda como 0.4
        elif campo == "estado_avance":
            valor = mapa.ESTADO_AVANCE.get(valor, valor)
        elif campo == "estado_final":
            valor = mapa.ESTADO_FINAL.get(valor, valor)
        elif campo.startswith("plazo"):
            valor = como_fecha(valor) or valor
        valores[mapa.celda_meta(k, campo)] = valor
    return valores


def _consentimiento(plantilla: Plantilla, notificacion: dict) -> str | None:
    """F!C13 con «(  X  )» si autorizó y el correo en la línea para escribirlo; None si no hay nada que marcar.
    Se conserva el texto enriquecido de la hoja (sus dos tamaños de letra)."""
    marcado, correo = notificacion.get("consentimiento") is True, notificacion.get("correo")
    if not marcado and not correo:
        return None
    contenido = plantilla.texto_compartido(mapa.CONSENTIMIENTO)
    if marcado:
        contenido = contenido.replace("(     )", "(  X  )", 1)
    if correo:
        contenido = mapa.RAYA.sub(lambda _: texto_xml(correo), contenido, count=1)
    return contenido
