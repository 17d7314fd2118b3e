"""Línea de órdenes `generador` (también `python -m generador`).

Códigos de salida: 0 datos válidos (con advertencias), 1 datos inválidos,
2 uso incorrecto de la orden.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import __version__, formatos
from .cache import CARPETA_POR_OMISION, Cache
from .diagnosticos import Informe
from .escritura import escribir_atomico
from .validacion import validar

SALIDA_OK, SALIDA_DATOS, SALIDA_USO = 0, 1, 2

# argparse escribe en inglés; sus textos se traducen aquí.
_TRADUCCIONES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "show program's version number and exit": "muestra la versión y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "the following arguments are required: %s": "faltan los argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "expected one argument": "se esperaba un valor",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "not allowed with argument %s": "no se admite junto con el argumento %s",
}
argparse._ = lambda texto: _TRADUCCIONES.get(texto, texto)


class _Uso(Exception):
    """Uso incorrecto detectado después de leer los argumentos (sale con 2)."""


def _parser() -> argparse.ArgumentParser:
    comun = argparse.ArgumentParser(add_help=False)
    comun.add_argument("--datos", default="datos", metavar="DIR",
                       help="carpeta de datos con entidad.yaml y ciclos/ (por omisión: datos)")
    comun.add_argument("--cache", default=str(CARPETA_POR_OMISION), metavar="DIR",
                       help="caché de lectura: los archivos que no cambiaron no se vuelven a leer (por omisión: .cache/generador)")
    comun.add_argument("--sin-cache", action="store_true", help="lee y valida todo desde cero, sin usar la caché")

    parser = argparse.ArgumentParser(
        prog="generador",
        description="Generador de la Gestión del Rendimiento: valida y califica los registros de evaluación "
                    "del desempeño guardados en YAML.",
        epilog="Códigos de salida: 0 datos válidos, 1 datos inválidos, 2 uso incorrecto.",
    )
    parser.add_argument("--version", action="version", version=f"generador {__version__}")
    ordenes = parser.add_subparsers(dest="orden", metavar="ORDEN", title="órdenes")

    validar_ = ordenes.add_parser("validar", parents=[comun], help="revisa todos los ciclos y registros",
                                  description="Lee y revisa todos los ciclos y registros; imprime cada problema como "
                                              "ruta:línea:columna: mensaje (numeral).")
    validar_.add_argument("--estricto", action="store_true", help="las advertencias también hacen fallar la validación")

    calificar_ = ordenes.add_parser("calificar", parents=[comun], help="calcula puntajes y calificaciones de un ciclo",
                                    description="Calcula el puntaje y la calificación de cada servidor de un ciclo. "
                                                "Los puntajes son datos personales: no los publique.")
    calificar_.add_argument("--ciclo", metavar="C", help="carpeta del ciclo (por omisión, el último por fecha de fin)")
    calificar_.add_argument("--formato", choices=["tabla", "json", "csv"], default="tabla", help="formato de salida (por omisión: tabla)")
    calificar_.add_argument("--salida", metavar="ARCHIVO", help="escribe el resultado en ARCHIVO en lugar de la pantalla")
    calificar_.add_argument("--estricto", action="store_true", help="las advertencias también impiden calificar")
    pdf_ = ordenes.add_parser("pdf", parents=[comun], help="escribe los Anexos 1 a 7 y el legajo de cada servidor en PDF",
                              description="Escribe en PDF/A-3b los Anexos 1 a 6 de cada servidor, su legajo (portada y "
                                          "Anexos en orden) y el Anexo 7 del ciclo. Con datos inválidos no escribe nada.")
    pdf_.add_argument("--ciclo", metavar="C", help="carpeta del ciclo (por omisión, el último por fecha de fin)")
    pdf_.add_argument("--salida", metavar="DIR", default="salida/pdf",
                      help="carpeta de salida; los PDF van en DIR/<ciclo>/ (por omisión: salida/pdf)")
    pdf_.add_argument("--solo", metavar="SERVIDOR", nargs="+",
                      help="solo estos servidores: el nombre de su archivo de registro (sin .yaml) o su documento")
    pdf_.add_argument("-j", "--trabajos", type=int, default=os.cpu_count() or 1, metavar="N",
                      help="procesos que componen PDF a la vez (por omisión: los núcleos de la máquina)")
    pdf_.add_argument("--fragmento", metavar="K/N", type=_fragmento,
                      help="solo la parte K de N (para repartir entre varias máquinas de CI); la unión de las N partes "
                           "es la construcción completa")
    pdf_.add_argument("--silencioso", action="store_true", help="sin barra de progreso")
    pdf_.add_argument("--estricto", action="store_true", help="las advertencias también impiden escribir")
    sitio_ = ordenes.add_parser("sitio", parents=[comun], help="escribe y construye el portal de intranet (MkDocs)",
                                description="Escribe las páginas del portal en sitio/generado/ y construye el sitio "
                                            "HTML con MkDocs. Publica solo cronograma, participantes, CIE, Junta y "
                                            "rendimiento distinguido; nunca documentos ni puntajes.")
    sitio_.add_argument("--salida", metavar="DIR", default="salida/sitio", help="carpeta del sitio HTML (por omisión: salida/sitio)")
    sitio_.add_argument("--proyecto", metavar="DIR", help="carpeta con mkdocs.yml y sitio/ (por omisión, la del programa)")
    sitio_.add_argument("--solo-paginas", action="store_true",
                        help="solo escribe las páginas Markdown (para previsualizar con mkdocs serve)")
    sitio_.add_argument("--estricto", action="store_true", help="las advertencias también impiden construir")
    sintetico_ = ordenes.add_parser("sintetico", help="escribe una entidad sintética de N servidores (para pruebas de escala)",
                                    description="Escribe en DIR una entidad ficticia y realista de N servidores, con un ciclo "
                                                "completo; la misma semilla da los mismos archivos.")
    sintetico_.add_argument("--n", type=int, required=True, metavar="N", help="cantidad de servidores (al menos 20)")
    sintetico_.add_argument("--salida", required=True, metavar="DIR", help="carpeta de datos a crear (no debe existir)")
    sintetico_.add_argument("--semilla", type=int, default=1, help="semilla del azar (por omisión: 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        argumentos = parser.parse_args(argv)
    except SystemExit as salida:  # argparse ya imprimió el mensaje
        return SALIDA_OK if salida.code == 0 else SALIDA_USO
    if argumentos.orden is None:
        parser.print_help(sys.stderr)
        return SALIDA_USO
    if argumentos.orden == "sintetico":
        return _sintetico(argumentos)
    try:
        if not Path(argumentos.datos).is_dir():
            raise _Uso(f"no existe la carpeta de datos «{argumentos.datos}»")
        ordenes = {"validar": _validar, "calificar": _calificar, "pdf": _pdf, "sitio": _sitio}
        return ordenes[argumentos.orden](argumentos)
    except _Uso as exc:
        print(f"generador {argumentos.orden}: error: {exc}", file=sys.stderr)
        return SALIDA_USO


def _informar(informe: Informe, estricto: bool) -> bool:
    """Imprime los diagnósticos y un resumen; devuelve True si se puede seguir."""
    for diagnostico in informe.ordenados():
        print(diagnostico, file=sys.stderr)
    errores, advertencias = len(informe.errores), len(informe.advertencias)
    if errores or advertencias:
        print(f"{_plural(errores, 'error', 'errores')}, {_plural(advertencias, 'advertencia')}", file=sys.stderr)
    return not informe.tiene_errores(estricto)


def _cache(argumentos) -> Cache | None:
    return None if argumentos.sin_cache else Cache(argumentos.cache)


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _validar(argumentos) -> int:
    informe = Informe()
    repositorio, _ = validar(argumentos.datos, informe, _cache(argumentos))
    if not _informar(informe, argumentos.estricto):
        return SALIDA_DATOS
    registros = sum(len(c.registros) for c in repositorio.ciclos)
    print(f"Datos válidos: {_plural(len(repositorio.ciclos), 'ciclo')}, {_plural(registros, 'registro')}.", file=sys.stderr)
    return SALIDA_OK


def _validar_y_elegir_ciclo(argumentos):
    """Valida todo y elige el ciclo pedido; None si los datos son inválidos (ya informado)."""
    informe = Informe()
    repositorio, resultados = validar(argumentos.datos, informe, _cache(argumentos))
    if argumentos.ciclo is not None and repositorio.ciclo(argumentos.ciclo) is None:
        disponibles = ", ".join(c.carpeta for c in repositorio.ciclos) or "ninguno"
        raise _Uso(f"no existe el ciclo «{argumentos.ciclo}»; ciclos disponibles: {disponibles}")
    if not _informar(informe, argumentos.estricto):
        return None
    ciclo = repositorio.ciclo(argumentos.ciclo) if argumentos.ciclo else repositorio.ultimo()
    return repositorio, resultados, ciclo


def _calificar(argumentos) -> int:
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo = elegido
    filas = formatos.filas(resultados.get(ciclo.carpeta, {}))
    if argumentos.formato == "json":
        texto = formatos.a_json(filas)
    elif argumentos.formato == "csv":
        texto = formatos.a_csv(filas)
    else:
        texto = formatos.a_tabla(filas, f"{ciclo.nombre} (carpeta {ciclo.carpeta})")
    if argumentos.salida:
        # CSV con BOM para que Excel reconozca las tildes.
        escribir_atomico(Path(argumentos.salida), texto, bom=argumentos.formato == "csv")
    else:
        sys.stdout.write(texto)
    return SALIDA_OK


def _fragmento(texto: str) -> tuple[int, int]:
    try:
        parte, partes = (int(x) for x in texto.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("escriba K/N, por ejemplo 2/4") from None
    if not 1 <= parte <= partes:
        raise argparse.ArgumentTypeError("K debe estar entre 1 y N, por ejemplo 2/4")
    return parte, partes


def _pdf(argumentos) -> int:
    from .anexos.construccion import construir  # WeasyPrint tarda en cargarse: solo cuando se usa

    if argumentos.trabajos < 1:
        raise _Uso("--trabajos debe ser 1 o más")
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo = elegido
    por_ciclo = resultados.get(ciclo.carpeta, {})
    solo = set(argumentos.solo) if argumentos.solo else None
    if solo is not None:
        conocidos = {r.registro.documento for r in por_ciclo.values()} | {Path(r.registro.doc.ruta).stem for r in por_ciclo.values()}
        desconocidos = sorted(solo - conocidos)
        if desconocidos:
            raise _Uso(f"--solo: {len(desconocidos)} servidor(es) no están en el ciclo «{ciclo.carpeta}» "
                       "(use el nombre del archivo de registro sin .yaml)")
    inicio = time.perf_counter()
    resumen = construir(repositorio, ciclo, por_ciclo, Path(argumentos.salida), solo=solo, fragmento=argumentos.fragmento,
                        trabajos=argumentos.trabajos, silencioso=argumentos.silencioso)
    segundos = time.perf_counter() - inicio
    reutilizados = f", {resumen.reutilizados} sin cambios desde la corrida anterior" if resumen.reutilizados else ""
    print(f"{_plural(resumen.legajos, 'legajo')}{reutilizados}: {_plural(resumen.archivos, 'archivo PDF', 'archivos PDF')} "
          f"escritos ({_plural(resumen.paginas, 'página')} de legajo) en {resumen.carpeta} en {segundos:.1f} s.", file=sys.stderr)
    if resumen.pendientes:
        print(f"{_plural(resumen.pendientes, 'legajo')} con formatos pendientes: la portada de cada uno dice qué falta.",
              file=sys.stderr)
    return SALIDA_OK


def _sitio(argumentos) -> int:
    from .portal.construir import RAIZ, ErrorSitio, construir, escribir_paginas

    informe = Informe()
    repositorio, _ = validar(argumentos.datos, informe, _cache(argumentos))
    if not _informar(informe, argumentos.estricto):
        return SALIDA_DATOS
    proyecto = Path(argumentos.proyecto) if argumentos.proyecto else RAIZ
    if argumentos.solo_paginas:
        paginas = escribir_paginas(repositorio, proyecto)
        print(f"{_plural(paginas, 'archivo')} escritos en {proyecto / 'sitio' / 'generado'}.", file=sys.stderr)
        return SALIDA_OK
    try:
        archivos = construir(repositorio, Path(argumentos.salida), proyecto)
    except ErrorSitio as exc:
        print(f"generador sitio: error: {exc}", file=sys.stderr)
        return SALIDA_DATOS
    print(f"Sitio construido en {argumentos.salida} ({_plural(archivos, 'archivo')}).", file=sys.stderr)
    return SALIDA_OK


def _sintetico(argumentos) -> int:
    from .sintetico import MINIMO, escribir

    salida = Path(argumentos.salida)
    if argumentos.n < MINIMO:
        print(f"generador sintetico: error: --n debe ser al menos {MINIMO} (para formar el CIE y la Junta)", file=sys.stderr)
        return SALIDA_USO
    if salida.exists() and any(salida.iterdir()):
        print(f"generador sintetico: error: la carpeta «{salida}» ya existe y no está vacía", file=sys.stderr)
        return SALIDA_USO
    inicio = time.perf_counter()
    escribir(argumentos.n, salida, argumentos.semilla)
    print(f"Entidad sintética de {argumentos.n} servidores escrita en {salida} en {time.perf_counter() - inicio:.1f} s.",
          file=sys.stderr)
    return SALIDA_OK
