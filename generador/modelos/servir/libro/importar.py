"""`generador importar-formatos LIBROS_O_CARPETAS --ciclo C`: los libros de los Anexos 1 y 4 que devuelven
los evaluadores, de vuelta en los registros.

Se leen todos los libros y se juntan todos los problemas (`archivo.xlsx:Anexo 4!D20: …`); con uno solo no se
escribe nada. Después, los registros como quedarían se validan en memoria con las reglas del modelo (los
mismos mensajes de `generador validar`); si alguno queda con errores, tampoco se escribe nada. Un registro
que no cambia no se reescribe.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml.error import MarkedYAMLError

from ....diagnosticos import visible
from ....escritura import escribir_varios
from ....flujo.celdas import Problemas
from ....flujo.ordenes import leer_ciclo_existente
from ....flujo.plan import error_yaml
from ....ordenes import SALIDA_DATOS, SALIDA_OK, ErrorUso, _plural
from . import leer, planos
from .aplicar import actualizar
from .ficha import armar
from .validar import validar_en_memoria


def _libros(argumentos) -> list[tuple[Path, str]]:
    """(ruta, nombre para los mensajes) de cada libro: los archivos dados y los .xlsx de cada carpeta (sin
    ocultos ni los «~$…» que Excel deja mientras un libro está abierto), cada uno una vez."""
    encontrados, vistos = [], set()
    for argumento in argumentos.archivos:
        ruta = Path(argumento)
        if ruta.is_dir():
            dentro = sorted(p for p in ruta.rglob("*.xlsx") if p.is_file() and not p.name.startswith("~$")
                            and not any(parte.startswith(".") for parte in p.relative_to(ruta).parts))
            if not dentro:
                raise ErrorUso(f"la carpeta «{visible(argumento)}» no tiene libros .xlsx")
            candidatos = [(p, str(p)) for p in dentro]
        elif ruta.is_file():
            candidatos = [(ruta, argumento)]
        else:
            raise ErrorUso(f"no existe «{visible(argumento)}»")
        for candidato, nombre in candidatos:
            if candidato.resolve() not in vistos:
                vistos.add(candidato.resolve())
                encontrados.append((candidato, visible(nombre)))
    return encontrados


def importar_formatos(argumentos) -> int:
    libros = _libros(argumentos)
    leido = leer_ciclo_existente(argumentos)
    if leido is None:
        return SALIDA_DATOS
    repositorio, ciclo = leido
    problemas = Problemas()
    de_quien: dict[str, str] = {}          # documento → libro que ya lo trajo
    por_registro = []                      # (registro, libro, lo leído, celdas para llenar)
    for ruta, nombre in libros:
        libro = leer.abrir(ruta, nombre, problemas)
        if libro is None:
            continue
        documento = leer.documento(libro, nombre, problemas)
        if documento is None:
            continue
        registro = ciclo.por_documento.get(documento)
        if registro is None or not registro.valido:
            problemas.agregar(nombre, leer.ANEXO1, leer.DOCUMENTOS[leer.ANEXO1],
                              f"el documento no es de ningún servidor del ciclo «{ciclo.carpeta}»" if registro is None
                              else f"el registro de este servidor tiene errores: corríjalo primero ({registro.doc.ruta})")
            continue
        if documento in de_quien:
            problemas.agregar(nombre, leer.ANEXO1, leer.DOCUMENTOS[leer.ANEXO1],
                              f"es del mismo servidor que {de_quien[documento]}: deje un solo libro por servidor")
            continue
        de_quien[documento] = nombre
        ficha = armar(repositorio.datos_entidad, ciclo, registro)
        hojas = planos(ficha)[:2]
        leidos = {}
        for hoja in hojas:
            if leer.comprobar(hoja, libro, nombre, problemas):
                leidos.update(leer.leer(hoja, libro, nombre, ficha, problemas))
        celdas = {c.entrada.destino: (h.nombre, c.ref) for h in hojas for c in h.entradas()}
        por_registro.append((registro, nombre, leidos, celdas))
    if not problemas:
        textos = {}
        for registro, nombre, leidos, celdas in por_registro:
            ruta = Path(registro.doc.ruta)
            actual = ruta.read_text(encoding="utf-8")
            try:
                nuevo = actualizar(actual, leidos, celdas, nombre, problemas)
            except MarkedYAMLError as exc:   # el lector seguro lo admitió, pero ruamel no puede reescribirlo
                problemas.agregar(nombre, None, None, f"su registro no se puede actualizar: {error_yaml(ruta, exc)}")
                continue
            if nuevo != actual:
                textos[registro.doc.ruta] = nuevo
    if problemas:
        for linea in problemas.lineas:
            print(visible(linea), file=sys.stderr)
        print(f"{_plural(len(problemas.lineas), 'problema')} en {_plural(len(libros), 'libro')}: no se actualizó ningún "
              "registro.", file=sys.stderr)
        return SALIDA_DATOS
    errores, advertencias = validar_en_memoria(repositorio, textos)
    if errores:
        for diagnostico in errores:
            print(diagnostico, file=sys.stderr)
        print(f"{_plural(len(errores), 'error', 'errores')} en los registros tal como quedarían con los libros "
              "(líneas del registro ya actualizado): no se actualizó ningún registro.", file=sys.stderr)
        return SALIDA_DATOS
    escribir_varios({Path(ruta): texto for ruta, texto in textos.items()})
    sin_cambios = len(por_registro) - len(textos)
    aviso = (f" {_plural(advertencias, 'advertencia')} en los registros actualizados: véalas con «generador validar»."
             if advertencias else "")
    print(f"{_plural(len(libros), 'libro leído', 'libros leídos')}: "
          f"{_plural(len(textos), 'registro actualizado', 'registros actualizados')}, "
          f"{sin_cambios} sin cambios.{aviso}", file=sys.stderr)
    for ruta in sorted(textos):
        print(f"  actualizado: {ruta}", file=sys.stderr)
    return SALIDA_OK
