"""Lo común de `nuevo` e `importar` en todos los modelos: leer el ciclo, escribir el plan o informar sus
problemas, y el resumen de una importación. Cada modelo da sus columnas y su `planear`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..diagnosticos import Informe, visible
from ..ordenes import SALIDA_DATOS, SALIDA_OK, SALIDA_USO, ErrorUso, _admite, _plural
from .columnas import Columna

_NOMBRE_CICLO = re.compile(r"(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def revisar_nombres(argumentos) -> None:
    for opcion, valor in (("--ciclo", argumentos.ciclo), ("--desde", argumentos.desde)):
        if valor is not None and not _NOMBRE_CICLO.fullmatch(valor):
            raise ErrorUso(f"{opcion}: el ciclo es el nombre de una carpeta dentro de ciclos/, sin rutas: letras sin "
                           "tilde, cifras, «-», «_» o «.» (por ejemplo 2026)")


def leer_ciclo_existente(argumentos):
    """Lee los datos (sin exigir que sean válidos) y el ciclo pedido, que debe existir y poder leerse."""
    from ..repositorio import leer
    informe = Informe()
    repositorio = leer(argumentos.datos, informe)
    ciclo = repositorio.ciclo(argumentos.ciclo)
    if ciclo is None:
        disponibles = ", ".join(c.carpeta for c in repositorio.ciclos) or "ninguno"
        raise ErrorUso(f"no existe el ciclo «{argumentos.ciclo}»; ciclos disponibles: {disponibles} "
                       f"(créelo con: generador nuevo --ciclo {argumentos.ciclo} --desde CICLO_ANTERIOR)")
    _admite(ciclo, argumentos.orden)
    problemas = [d for d in informe.errores if Path(d.ubicacion.ruta).resolve().is_relative_to(ciclo.ruta.resolve())
                 or d.ubicacion.ruta.endswith("entidad.yaml")]
    if not ciclo.valido or ciclo.ilegibles or repositorio.entidad is None:
        for diagnostico in problemas:
            print(diagnostico, file=sys.stderr)
        print("Corrija primero estos errores del ciclo o de la entidad: sin ellos no se puede saber quién ya "
              "tiene registro.", file=sys.stderr)
        return None
    return repositorio, ciclo


def escribir_plan(plan, ruta_lista: str | None, columnas: tuple[Columna, ...]) -> int:
    """Escribe lo planeado o, si hay problemas, los informa: por fila de la lista, o por opción de `nuevo`."""
    from ..escritura import escribir_varios
    if plan.errores:
        titulos = {c.campo: c.titulo for c in columnas}
        for fila, campo, mensaje in plan.errores:
            if ruta_lista is None:
                print(f"generador nuevo: error: --{campo.replace('_', '-')}: {mensaje}", file=sys.stderr)
            else:
                print(f"{ruta_lista}:fila {fila}: columna «{titulos.get(campo, campo)}»: {mensaje}", file=sys.stderr)
        if ruta_lista is not None:
            print(f"{_plural(len(plan.errores), 'error', 'errores')}: no se escribió ningún registro.", file=sys.stderr)
        return SALIDA_DATOS if ruta_lista is not None else SALIDA_USO
    escribir_varios({c.ruta: c.texto for c in plan.cambios})
    return SALIDA_OK


def nuevo_registro(argumentos, campos: tuple[str, ...], columnas: tuple[Columna, ...], planear) -> int:
    """`generador nuevo --documento D …`: el registro de una persona, revisado como una fila de la lista."""
    from .lista import Fila
    leido = leer_ciclo_existente(argumentos)
    if leido is None:
        return SALIDA_DATOS
    repositorio, ciclo = leido
    valores = {c: getattr(argumentos, c) for c in campos if getattr(argumentos, c, None) is not None}
    plan = planear(repositorio, ciclo, [Fila(0, valores)], "Creado con «generador nuevo»", solo_nuevos=True)
    codigo = escribir_plan(plan, None, columnas)
    if codigo == SALIDA_OK:
        print(f"Registro creado: {plan.cambios[0].ruta}. Complete sus secciones en cada etapa.", file=sys.stderr)
    return codigo


def informar_ciclo_desde(argumentos, carpeta: Path, archivos: dict, avisos: list[str], anios: int, sin: str) -> int:
    """El resumen de `generador nuevo --desde`: cuántos registros y qué revisar en el ciclo.yaml nuevo."""
    print(f"Ciclo {argumentos.ciclo} creado desde {argumentos.desde}: ciclo.yaml y "
          f"{_plural(len(archivos) - 1, 'registro')} (mismas personas y evaluadores, sin {sin}). "
          f"Las fechas se corrieron {_plural(anios, 'año')}; quite los registros de quienes ya no participan.",
          file=sys.stderr)
    if avisos:
        print(f"Revise en {carpeta / 'ciclo.yaml'}:", file=sys.stderr)
        for aviso in avisos:
            print(f"  - {visible(aviso)}", file=sys.stderr)
    return SALIDA_OK


def importar(argumentos, columnas: tuple[Columna, ...], planear) -> int:
    """`generador importar LISTA`: la lista con las `columnas` del modelo, planeada con su `planear`."""
    from .lista import ListaIlegible, leer as leer_lista

    ruta = Path(argumentos.lista)
    if not ruta.is_file():
        raise ErrorUso(f"no existe el archivo «{ruta}»")
    leido = leer_ciclo_existente(argumentos)
    if leido is None:
        return SALIDA_DATOS
    repositorio, ciclo = leido
    try:
        lista = leer_lista(ruta, columnas)
    except ListaIlegible as exc:
        print(visible(str(exc)), file=sys.stderr)
        return SALIDA_DATOS
    plan = planear(repositorio, ciclo, lista.filas, f"Importado de la lista {ruta.name}")
    codigo = escribir_plan(plan, str(ruta), columnas)
    if codigo != SALIDA_OK:
        return codigo
    nuevos = sum(c.nuevo for c in plan.cambios)
    hoja = f", hoja «{visible(lista.hoja)}»" if lista.hoja else ""  # textos de la lista: en una sola línea
    print(f"{ruta.name}{hoja}: {_plural(len(lista.filas), 'fila')}; {_plural(nuevos, 'registro nuevo', 'registros nuevos')}, "
          f"{_plural(len(plan.cambios) - nuevos, 'actualizado', 'actualizados')}, "
          f"{_plural(plan.sin_cambios, 'sin cambios', 'sin cambios')} en {ciclo.ruta / 'servidores'}.", file=sys.stderr)
    for cambio in sorted(plan.cambios, key=lambda c: (not c.nuevo, str(c.ruta))):  # rutas: sin datos personales
        print(f"  {'creado' if cambio.nuevo else 'actualizado'}: {cambio.ruta}", file=sys.stderr)
    if lista.ignoradas:
        print("Columnas no usadas: " + ", ".join(f"«{visible(c)}»" for c in lista.ignoradas) + ".", file=sys.stderr)
    if plan.fuera_de_lista:
        print(f"{_plural(len(plan.fuera_de_lista), 'registro')} del ciclo no están en la lista: no se tocaron "
              "(quítelos si ya no participan):", file=sys.stderr)
        for ruta_registro in plan.fuera_de_lista:
            print(f"  {ruta_registro}", file=sys.stderr)
    return SALIDA_OK


def exportar(argumentos, exportacion, fecha_del_libro, persona: tuple[str, str], contiene: str) -> int:
    """`generador exportar` de cualquier modelo. `exportacion` es su módulo de filas (`filas`, `a_csv`, `a_xlsx`);
    `fecha_del_libro(ciclo, resultados)` la fecha fija del xlsx (no el reloj); `persona` = («servidor»,
    «servidores»); `contiene`: qué dato personal lleva («puntajes», «calificaciones»)."""
    from ..escritura import escribir_atomico
    from ..ordenes import _salida_confidencial, _validar_y_elegir_ciclo

    if argumentos.formato not in ("xlsx", "csv"):
        raise ErrorUso(f"la política de este ciclo no tiene libros «--formato {argumentos.formato}» para los "
                       "evaluadores: use --formato xlsx o csv (gdr es de servir-2025; anexos, de imarpe-2018)")
    if getattr(argumentos, "evaluador", None):
        raise ErrorUso("--evaluador va con --formato gdr o anexos (un libro por servidor)")
    elegido = _validar_y_elegir_ciclo(argumentos, argumentos.formato)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, _ = elegido
    por_ciclo = resultados.get(ciclo.carpeta, {})
    filas = exportacion.filas(repositorio, ciclo, por_ciclo)
    destino = _salida_confidencial(argumentos, f"resultados-{ciclo.carpeta}.{argumentos.formato}", argumentos.formato)
    if argumentos.formato == "csv":
        escribir_atomico(destino, exportacion.a_csv(filas), bom=True)
    else:
        escribir_atomico(destino, exportacion.a_xlsx(filas, repositorio, ciclo, fecha_del_libro(ciclo, por_ciclo)))
    print(f"{_plural(len(filas), *persona)} exportados a {destino} (confidencial: contiene {contiene}).",
          file=sys.stderr)
    return SALIDA_OK


def nuevo_ciclo(argumentos, andamio, persona: str, sin: str, nombre_por_omision: str) -> int:
    """`generador nuevo` de un ciclo en cualquier modelo: desde el anterior (--desde) o vacío (--inicio y --fin).
    `andamio` es el módulo del modelo con `ciclo_desde` y `ciclo_vacio`; `persona`: «servidor», «colaborador»;
    `sin`: lo que el ciclo nuevo no copia («metas ni resultados»)."""
    from ..escritura import escribir_varios
    from .ciclo import anios_entre

    carpeta = Path(argumentos.datos) / "ciclos" / argumentos.ciclo
    if carpeta.exists():
        raise ErrorUso(f"el ciclo «{argumentos.ciclo}» ya existe ({carpeta}); para un {persona} nuevo use --documento")
    if argumentos.desde:
        from ..repositorio import leer
        anterior = leer(argumentos.datos, Informe()).ciclo(argumentos.desde)
        if anterior is None or not anterior.valido:
            raise ErrorUso(f"no existe el ciclo «{argumentos.desde}» o su ciclo.yaml tiene errores (generador validar)")
        _admite(anterior, "nuevo")
        archivos, avisos = andamio.ciclo_desde(anterior, carpeta)
        escribir_varios(archivos)
        return informar_ciclo_desde(argumentos, carpeta, archivos, avisos, anios_entre(anterior.carpeta, argumentos.ciclo),
                                    sin)
    if not (argumentos.inicio and argumentos.fin):
        raise ErrorUso("indique --desde CICLO_ANTERIOR, o --inicio y --fin para un ciclo vacío, "
                       f"o --documento y los datos del {persona} para un registro")
    nombre = argumentos.nombre or f"{nombre_por_omision} {argumentos.ciclo}"
    escribir_varios(andamio.ciclo_vacio(carpeta, nombre, argumentos.inicio, argumentos.fin, argumentos.politica))
    print(f"Ciclo {argumentos.ciclo} creado en {carpeta}: complete ciclo.yaml y agregue los registros "
          "(generador importar LISTA.xlsx --ciclo ...).", file=sys.stderr)
    return SALIDA_OK
