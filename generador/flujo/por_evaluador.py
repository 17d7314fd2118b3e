"""Libros para los evaluadores, una carpeta por evaluador: común a `exportar --formato gdr` (servir-2025) y
`--formato anexos` (imarpe-2018).

Cada carpeta se llama como los registros (apellidos y primer nombre del evaluador, con «-2» si dos se llaman
igual, en un orden fijo: el mismo evaluador recibe siempre el mismo nombre). La salida se arma en una carpeta
temporal junto a su destino, libro por libro (no todos en memoria), y reemplaza a la anterior de una vez, como
la de `generador pdf`; con --evaluador, solo la carpeta de ese evaluador cambia.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..escritura import carpeta_temporal, marcar_salida, reemplazar_carpeta, senales_diferidas, soltar_temporal
from ..flujo.plan import nombre_archivo
from ..repositorio import Ciclo, Registro

SIN_EVALUADOR = "sin-evaluador"


def carpetas(ciclo: Ciclo, documentos: Iterable[str]) -> dict[str, str]:
    """documento del evaluador → nombre de su carpeta; «» (un registro sin evaluador) → «sin-evaluador»."""
    personas = {e.get("documento"): e for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}
    personas.update({d: r.servidor for d, r in ciclo.por_documento.items()})
    ordenados = sorted({d for d in documentos if d}, key=lambda d: (str(personas.get(d, {}).get("apellidos", "")),
                                                                  str(personas.get(d, {}).get("nombres", "")), d))
    ocupadas: set[str] = {SIN_EVALUADOR}
    resultado = {"": SIN_EVALUADOR}
    for documento in ordenados:
        persona = personas.get(documento, {})
        resultado[documento] = nombre_archivo(str(persona.get("apellidos", "")) or "evaluador",
                                              str(persona.get("nombres", "")), ocupadas)
    return resultado


def escribir(destino: Path, libros: dict[Path, Callable[[], bytes]], solo: str | None = None) -> None:
    """Escribe cada libro (`libros`: ruta relativa «carpeta/archivo.xlsx» → función que da sus bytes) y pone la
    carpeta en su lugar; con `solo` (la carpeta de un evaluador) y una salida anterior, reemplaza solo esa."""
    parcial = solo is not None and destino.is_dir()
    final = destino / solo if parcial else destino
    temporal = carpeta_temporal(final)
    try:
        for relativa, fabricar in libros.items():
            ruta = temporal / (relativa.relative_to(solo) if parcial else relativa)
            ruta.parent.mkdir(parents=True, exist_ok=True)
            ruta.write_bytes(fabricar())
        marcar_salida(destino if parcial else temporal)
        with senales_diferidas():
            reemplazar_carpeta(temporal, final)
    finally:
        soltar_temporal(temporal)


def del_evaluador(ciclo: Ciclo, registros: list[Registro], documento: str) -> list[Registro]:
    """Los registros que evalúa `documento` (--evaluador), que debe ser una persona del ciclo que evalúa a alguien."""
    from ..ordenes import ErrorUso
    externos = {e.get("documento") for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}
    suyos = [r for r in registros if r.evaluador == documento]
    if not suyos and documento not in ciclo.por_documento and documento not in externos:
        raise ErrorUso(f"--evaluador: ese documento no es de ningún servidor ni evaluador externo del ciclo "
                       f"«{ciclo.carpeta}» (los evaluadores externos están en ciclo.yaml, evaluadores_externos)")
    if not suyos:
        raise ErrorUso(f"--evaluador: esa persona no evalúa a ningún servidor del ciclo «{ciclo.carpeta}»")
    return suyos


def documento_pedido(texto: str) -> str:
    """El documento de --evaluador como lo guardan los registros (07654321 con su cero inicial)."""
    from ..ordenes import ErrorUso
    from .columnas import ValorInvalido, documento
    try:
        return documento(texto)
    except ValorInvalido as exc:
        raise ErrorUso(f"--evaluador: {exc}") from None


def preparar(argumentos):
    """Lo común de `exportar --formato gdr|anexos`: revisa --salida y --evaluador antes de validar, valida y elige
    el ciclo. Da (repositorio, resultados del ciclo, ciclo, carpeta de salida, documento de --evaluador o None),
    o None si los datos no son válidos (los errores ya se informaron)."""
    from ..ordenes import _salida, _validar_y_elegir_ciclo
    if argumentos.salida:
        _salida(argumentos, argumentos.salida, carpeta=True)
    solo = documento_pedido(argumentos.evaluador) if argumentos.evaluador is not None else None
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return None
    repositorio, resultados, ciclo, _ = elegido
    destino = _salida(argumentos, argumentos.salida or Path("salida") / "confidencial" / f"formatos-{ciclo.carpeta}",
                      carpeta=True)
    return repositorio, resultados.get(ciclo.carpeta, {}), ciclo, destino, solo
