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
from pathlib import Path

from ....escritura import carpeta_temporal, marcar_salida, reemplazar_carpeta, senales_diferidas, soltar_temporal
from ....flujo.plan import nombre_archivo
from ....ordenes import SALIDA_DATOS, SALIDA_OK, ErrorUso, _plural, _salida, _validar_y_elegir_ciclo
from ....repositorio import Ciclo, Repositorio, como_fecha
from .. import reglas
from ..formulario import _fecha_documento, apellidos_y_nombres, persona_evaluadora
from ..resultados import Resultado
from . import celdas as mapa
from .plantilla import Plantilla, PlantillaDanada, Valor, cargar, texto_xml

SIN_EVALUADOR = "sin-evaluador"


def exportar(argumentos) -> int:
    if argumentos.formato in ("xlsx", "csv"):
        raise ErrorUso(f"la política servir-2025 no tiene la tabla de resultados en {argumentos.formato}: use "
                       "--formato gdr (el Formato GDR 2025 oficial de cada servidor, para los evaluadores); los "
                       "puntajes están en «generador calificar --formato csv»")
    if argumentos.formato != "gdr":
        raise ErrorUso(f"--formato {argumentos.formato} es de la política imarpe-2018: en servir-2025 use --formato gdr")
    if argumentos.salida:
        _salida(argumentos, argumentos.salida, carpeta=True)
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, _ = elegido
    destino = _salida(argumentos, argumentos.salida or Path("salida") / "confidencial" / f"formatos-{ciclo.carpeta}",
                      carpeta=True)
    por_ciclo = resultados.get(ciclo.carpeta, {})
    elegidos = [r for r in sorted(por_ciclo.values(), key=lambda r: Path(r.registro.doc.ruta).name)]
    if argumentos.evaluador is not None:
        elegidos = _del_evaluador(ciclo, elegidos, argumentos.evaluador)
    carpetas = carpetas_de_evaluadores(ciclo, por_ciclo.values())
    libros = {Path(carpetas[r.registro.evaluador or ""]) / f"{Path(r.registro.doc.ruta).stem}.xlsx": r for r in elegidos}
    try:
        plantilla = cargar()
        _escribir(destino, libros, lambda r: libro(plantilla, repositorio, ciclo, r),
                  carpetas[argumentos.evaluador] if argumentos.evaluador is not None else None)
    except PlantillaDanada as exc:
        raise ErrorUso(str(exc)) from None
    evaluadores = len({ruta.parent for ruta in libros})
    print(f"{_plural(len(libros), 'Formato GDR 2025', 'Formatos GDR 2025')} del ciclo {ciclo.carpeta} en {destino}, "
          f"{_plural(evaluadores, 'carpeta')} (una por evaluador): envíe a cada evaluador su carpeta y, cuando los "
          f"devuelva, léalos con «generador importar-formatos CARPETA --ciclo {ciclo.carpeta}». Confidencial: "
          "contienen datos personales.", file=sys.stderr)
    return SALIDA_OK


def _del_evaluador(ciclo: Ciclo, resultados: list[Resultado], documento: str) -> list[Resultado]:
    """Los servidores que evalúa `documento`, que debe ser una persona del ciclo que evalúa a alguien."""
    externos = {e.get("documento") for e in ciclo.lista("evaluadores_externos")}
    suyos = [r for r in resultados if r.registro.evaluador == documento]
    if not suyos and documento not in ciclo.por_documento and documento not in externos:
        raise ErrorUso(f"--evaluador: ese documento no es de ningún servidor ni evaluador externo del ciclo "
                       f"«{ciclo.carpeta}» (los evaluadores externos están en ciclo.yaml, evaluadores_externos)")
    if not suyos:
        raise ErrorUso(f"--evaluador: esa persona no evalúa a ningún servidor del ciclo «{ciclo.carpeta}»")
    return suyos


def carpetas_de_evaluadores(ciclo: Ciclo, resultados) -> dict[str, str]:
    """La carpeta de cada evaluador: su nombre como el de un registro (zegarra-polo-carlos), en un orden fijo
    para que dos evaluadores con el mismo nombre reciban siempre el mismo sufijo."""
    personas = {e.get("documento"): e for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}
    personas.update({d: r.servidor for d, r in ciclo.por_documento.items()})
    documentos = sorted({r.registro.evaluador for r in resultados if r.registro.evaluador},
                        key=lambda d: (str(personas.get(d, {}).get("apellidos", "")),
                                       str(personas.get(d, {}).get("nombres", "")), d))
    ocupadas: set[str] = {SIN_EVALUADOR}
    carpetas = {"": SIN_EVALUADOR}
    for documento in documentos:
        persona = personas.get(documento, {})
        carpetas[documento] = nombre_archivo(str(persona.get("apellidos", "")) or "evaluador",
                                             str(persona.get("nombres", "")), ocupadas)
    return carpetas


def _escribir(destino: Path, libros: dict[Path, Resultado], fabricar, solo: str | None) -> None:
    """Cada libro se escribe en una carpeta temporal a medida que se arma (no todos en memoria) y la carpeta
    reemplaza a la anterior de una vez; con --evaluador, solo la carpeta de ese evaluador."""
    if solo is not None:
        marcar_salida(destino)
        destino, libros = destino / solo, {Path(ruta.name): r for ruta, r in libros.items()}
    temporal = carpeta_temporal(destino)
    try:
        for relativa, resultado in libros.items():
            (temporal / relativa).parent.mkdir(parents=True, exist_ok=True)
            (temporal / relativa).write_bytes(fabricar(resultado))
        if solo is None:
            marcar_salida(temporal)
        with senales_diferidas():
            reemplazar_carpeta(temporal, destino)
    finally:
        soltar_temporal(temporal)


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
