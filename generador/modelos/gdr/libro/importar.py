"""`generador importar-formatos LIBROS_O_CARPETAS --ciclo C`: los Formatos GDR 2025 que devuelven los evaluadores.

Cada libro se identifica por el DNI del servidor evaluado (F!D8) y actualiza su registro (`registro.py`). Todos
los problemas de todos los libros se juntan —celdas mal escritas, un DNI sin registro, dos libros del mismo
servidor, pesos que no suman 100 %, un registro que quedaría inválido— y si hay alguno no se escribe nada.
La Junta de Directivos (F!B37) no se importa: vive en ciclo.yaml; si el libro dice otra cosa, se advierte.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml.error import MarkedYAMLError

from ....diagnosticos import Informe, visible
from ....escritura import escribir_varios
from ....flujo.celdas import Problemas
from ....flujo.plan import error_yaml
from ....ordenes import SALIDA_DATOS, SALIDA_OK, ErrorUso, _admite, _cache, _plural
from ....validacion import validar as validar_datos
from . import celdas as mapa
from .lectura import Lectura, leer
from .registro import actualizar, errores_nuevos

_AJENOS = (".xls", ".ods", ".xlsm", ".xlsb")


def archivos(entradas: list[str]) -> list[tuple[Path, str]]:
    """(ruta, nombre en los mensajes) de cada libro: los archivos .xlsx nombrados y los de cada carpeta (también
    en subcarpetas, como las de cada evaluador), sin repetir ni leer archivos ocultos ni los «~$» de Excel."""
    encontrados: dict[Path, tuple[Path, str]] = {}
    for entrada in entradas:
        ruta = Path(entrada)
        if ruta.is_dir():
            libros = sorted(p for p in ruta.rglob("*") if p.is_file() and p.suffix.lower() == ".xlsx"
                            and not any(parte.startswith((".", "~$")) for parte in p.relative_to(ruta).parts))
            if not libros:
                raise ErrorUso(f"la carpeta «{visible(entrada)}» no tiene libros .xlsx")
        elif ruta.is_file():
            if ruta.suffix.lower() in _AJENOS:
                raise ErrorUso(f"«{visible(entrada)}» no es un libro .xlsx: ábralo y guárdelo como «Libro de Excel (.xlsx)»")
            if ruta.suffix.lower() != ".xlsx":
                raise ErrorUso(f"«{visible(entrada)}» no es un libro .xlsx")
            libros = [ruta]
        else:
            raise ErrorUso(f"no existe «{visible(entrada)}»")
        for libro in libros:
            encontrados.setdefault(libro.resolve(), (libro, visible(str(libro))))
    return list(encontrados.values())


def importar(argumentos) -> int:
    libros = archivos(argumentos.archivos)
    antes = Informe()
    repositorio, resultados = validar_datos(argumentos.datos, antes, _cache(argumentos))
    ciclo = repositorio.ciclo(argumentos.ciclo)
    if ciclo is None:
        disponibles = ", ".join(c.carpeta for c in repositorio.ciclos) or "ninguno"
        raise ErrorUso(f"no existe el ciclo «{argumentos.ciclo}»; ciclos disponibles: {disponibles}")
    _admite(ciclo, argumentos.orden)
    if not ciclo.valido or ciclo.ilegibles or repositorio.entidad is None:
        for diagnostico in antes.errores:
            if Path(diagnostico.ubicacion.ruta).resolve().is_relative_to(ciclo.ruta.resolve()) \
                    or diagnostico.ubicacion.ruta.endswith("entidad.yaml"):
                print(diagnostico, file=sys.stderr)
        print("Corrija primero estos errores del ciclo o de la entidad: sin ellos no se sabe de quién es cada "
              "formato.", file=sys.stderr)
        return SALIDA_DATOS
    problemas, avisos = Problemas(), Problemas()
    meses = ciclo.politica.permanencia_meses.valor
    lecturas = [lectura for ruta, nombre in libros if (lectura := leer(ruta, nombre, problemas, meses)) is not None]
    por_ciclo = resultados.get(ciclo.carpeta, {})
    nuevos, libro_de, sin_cambios = {}, {}, 0
    vistos: dict[str, str] = {}
    for lectura in lecturas:
        registro = _registro(ciclo, lectura, vistos, problemas)
        if registro is None:
            continue
        _junta(ciclo, registro, lectura, avisos)
        resultado = por_ciclo.get(registro.documento)
        ruta = Path(registro.doc.ruta)
        texto = ruta.read_text(encoding="utf-8")
        try:
            nuevo, problemas_libro = actualizar(texto, registro.datos, lectura, ciclo.politica,
                                                resultado.permanencia if resultado else None)
        except MarkedYAMLError as exc:  # lo que el lector del generador admite y ruamel.yaml no puede reescribir
            problemas.agregar(lectura.archivo, None, None, f"su registro no se puede actualizar: {error_yaml(ruta, exc)}")
            continue
        for celda, mensaje in problemas_libro:
            problemas.agregar(lectura.archivo, mapa.HOJA, celda, mensaje)
        if nuevo == texto:
            sin_cambios += 1
        else:
            nuevos[ruta], libro_de[str(ruta)] = nuevo, lectura.archivo
    for diagnostico, celda in errores_nuevos(repositorio, ciclo, antes, nuevos) if nuevos else []:
        numeral = f" ({diagnostico.numeral})" if diagnostico.numeral else ""
        archivo = libro_de.get(diagnostico.ubicacion.ruta)
        if archivo is None:
            problemas.agregar(str(diagnostico.ubicacion), None, None, f"con estos formatos quedaría el error: "
                              f"{diagnostico.mensaje}{numeral}")
        else:
            problemas.agregar(archivo, mapa.HOJA, celda, f"el registro {Path(diagnostico.ubicacion.ruta).name} "
                              f"quedaría inválido: {diagnostico.mensaje}{numeral}")
    for linea in avisos.lineas:
        print(visible(linea), file=sys.stderr)
    if problemas:
        orden = {nombre: i for i, (_, nombre) in enumerate(libros)}
        for linea in sorted(problemas.lineas, key=lambda l: _libro_de_la_linea(l, orden)):  # agrupados por libro
            print(visible(linea), file=sys.stderr)
        print(f"{_plural(len(problemas.lineas), 'problema')} en los formatos: no se actualizó ningún registro.",
              file=sys.stderr)
        return SALIDA_DATOS
    escribir_varios(nuevos)
    print(f"{_plural(len(libros), 'formato leído', 'formatos leídos')}: {_plural(len(nuevos), 'registro actualizado', 'registros actualizados')}, "
          f"{_plural(sin_cambios, 'sin cambios', 'sin cambios')} en {ciclo.ruta / 'servidores'}.", file=sys.stderr)
    for ruta in sorted(nuevos):
        print(f"  actualizado: {ruta}", file=sys.stderr)
    return SALIDA_OK


def _libro_de_la_linea(linea: str, orden: dict[str, int]) -> int:
    """El lugar del libro de una línea de problema (los que no son de un libro, al final)."""
    return min((i for nombre, i in orden.items() if linea.startswith(f"{nombre}:")), default=len(orden))


def _registro(ciclo, lectura: Lectura, vistos: dict[str, str], problemas: Problemas):
    """El registro del servidor del libro (por su DNI), o None si no hay uno solo (problema anotado)."""
    if lectura.documento is None:
        return None
    dni = mapa.EVALUADO["documento"]
    if lectura.documento in vistos:
        problemas.agregar(lectura.archivo, mapa.HOJA, dni, f"otro formato ({vistos[lectura.documento]}) es del mismo "
                          "servidor: deje uno solo")
        return None
    vistos[lectura.documento] = lectura.archivo
    registro = ciclo.por_documento.get(lectura.documento)
    if registro is None:
        problemas.agregar(lectura.archivo, mapa.HOJA, dni, f"el DNI no es de ningún servidor del ciclo {ciclo.carpeta}")
        return None
    if not registro.valido:
        problemas.agregar(lectura.archivo, None, None, f"el registro {Path(registro.doc.ruta).name} tiene errores: "
                          "corríjalo primero (generador validar) y vuelva a importar")
        return None
    if lectura.evaluador is not None and lectura.evaluador != registro.evaluador:
        problemas.agregar(lectura.archivo, mapa.HOJA, mapa.EVALUADOR["documento"], "el DNI del evaluador no es el del "
                          "registro: el evaluador se cambia con la lista de participantes (generador importar), no "
                          "desde el formato")
        return None
    return registro


def _junta(ciclo, registro, lectura: Lectura, avisos: Problemas) -> None:
    """F!B37 no se importa: la Junta y sus designados están en ciclo.yaml. Se advierte si el libro dice otra cosa."""
    if lectura.junta is None:
        return
    designado = registro.documento in (ciclo.bloque("junta").get("designados") or [])
    if lectura.junta and not designado:
        avisos.agregar(lectura.archivo, mapa.HOJA, mapa.JUNTA, "advertencia: el formato dice que la Junta de Directivos "
                       "otorgó Rendimiento Distinguido, pero ciclo.yaml no lo tiene entre sus designados "
                       "(junta.designados); la Junta se registra en ciclo.yaml, no desde el formato")
    elif not lectura.junta and designado:
        avisos.agregar(lectura.archivo, mapa.HOJA, mapa.JUNTA, "advertencia: el formato dice que la Junta de Directivos "
                       "no otorgó Rendimiento Distinguido, pero ciclo.yaml lo tiene entre sus designados "
                       "(junta.designados); la Junta se registra en ciclo.yaml, no desde el formato")
