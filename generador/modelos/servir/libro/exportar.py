"""`generador exportar --formato anexos`: un libro por servidor con sus Anexos 1 y 4, en una carpeta por
evaluador (nombrada como los registros: apellidos y primer nombre), para que cada evaluador los llene.

La carpeta de salida se reemplaza entera (como la de `generador pdf`): se arma en un temporal junto a ella y
se mueve al final; solo se acepta una carpeta nueva, vacía o escrita antes por el generador. Con
`--evaluador DOC` solo se reemplaza la carpeta de ese evaluador. Los mismos datos dan los mismos bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ....escritura import carpeta_temporal, marcar_salida, reemplazar_carpeta, soltar_temporal
from ....flujo import columnas
from ....flujo.plan import nombre_archivo
from ....ordenes import SALIDA_DATOS, SALIDA_OK, ErrorUso, _plural, _salida, _validar_y_elegir_ciclo
from . import planos
from .escribir import libro
from .ficha import armar, fecha_del_registro


def _carpetas_de_evaluadores(ciclo, documentos: set[str]) -> dict[str, str]:
    """documento del evaluador → nombre de su carpeta (quispe-mamani-rosa; -2 si dos se llaman igual)."""
    externos = {e.get("documento"): e for e in ciclo.lista("evaluadores_externos")}
    ocupados: set[str] = set()
    carpetas = {}
    for documento in sorted(documentos):
        if documento in ciclo.por_documento:
            persona = ciclo.por_documento[documento].servidor
        else:
            persona = externos.get(documento) or {"apellidos": "evaluador", "nombres": documento}
        carpetas[documento] = nombre_archivo(str(persona.get("apellidos", "")), str(persona.get("nombres", "")), ocupados)
    return carpetas


def exportar(argumentos) -> int:
    if argumentos.salida:
        _salida(argumentos, argumentos.salida, carpeta=True)
    solo = None
    if argumentos.evaluador:
        try:
            solo = columnas.documento(argumentos.evaluador)
        except columnas.ValorInvalido as exc:
            raise ErrorUso(f"--evaluador: {exc}") from None
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, _ = elegido
    destino = _salida(argumentos, argumentos.salida or Path("salida") / "confidencial" / f"formatos-{ciclo.carpeta}",
                      carpeta=True)
    calificaciones = {r.registro.doc.ruta: r.calificacion.calificacion for r in resultados.get(ciclo.carpeta, {}).values()}
    registros = sorted(ciclo.validos(), key=lambda r: Path(r.doc.ruta).name)
    carpetas = _carpetas_de_evaluadores(ciclo, {r.evaluador for r in registros if r.evaluador})
    if solo is not None:
        if solo not in carpetas:
            raise ErrorUso(f"--evaluador: ese documento no evalúa a ningún servidor del ciclo «{ciclo.carpeta}»")
        registros = [r for r in registros if r.evaluador == solo]
    archivos: dict[Path, bytes] = {}
    por_llenar = 0
    titulo = f"Anexos N° 1 y N° 4 — {ciclo.nombre}"
    for registro in registros:
        ficha = armar(repositorio.datos_entidad, ciclo, registro, calificaciones.get(registro.doc.ruta))
        por_llenar += ficha.metas_en_blanco
        relativa = Path(carpetas[registro.evaluador]) / f"{Path(registro.doc.ruta).stem}.xlsx"
        archivos[relativa] = libro(ficha, planos(ficha), fecha_del_registro(registro, ciclo), titulo)
    _escribir(destino, archivos, carpetas[solo] if solo is not None else None)
    evaluadores = len({p.parts[0] for p in archivos})
    sin_metas = (f"; {_plural(por_llenar, 'registro')} sin metas: su Anexo 1 trae filas para escribirlas"
                 if por_llenar else "")
    print(f"{_plural(len(archivos), 'libro escrito', 'libros escritos')} (Anexos 1 y 4) para "
          f"{_plural(evaluadores, 'evaluador', 'evaluadores')} en {destino}{sin_metas} (confidencial: contiene datos "
          "personales).", file=sys.stderr)
    return SALIDA_OK


def _escribir(destino: Path, archivos: dict[Path, bytes], carpeta_evaluador: str | None) -> None:
    """Todo se arma en un temporal junto a su destino y se mueve al final: nada queda a medias."""
    parcial = carpeta_evaluador is not None and destino.is_dir()
    final = destino / carpeta_evaluador if parcial else destino
    temporal = carpeta_temporal(final)
    try:
        for relativa, contenido in archivos.items():
            ruta = temporal / (relativa.relative_to(carpeta_evaluador) if parcial else relativa)
            ruta.parent.mkdir(parents=True, exist_ok=True)
            ruta.write_bytes(contenido)
        if parcial:
            marcar_salida(destino)
        else:
            marcar_salida(temporal)
        reemplazar_carpeta(temporal, final)
    finally:
        soltar_temporal(temporal)
