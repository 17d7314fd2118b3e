"""Línea de órdenes `generador` (también `python -m generador`).

Códigos de salida: 0 datos válidos (con advertencias), 1 datos inválidos,
2 uso incorrecto de la orden, 3 el entorno no dejó terminar (disco lleno, sin
permiso de escritura, un proceso de PDF murió), 4 defecto del programa, 130
interrumpido con Ctrl-C, 128 + N terminado por la señal N. Nunca una traza de
Python: la trayectoria completa de un defecto solo se imprime con --depurar.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__, ordenes
from .cache import CARPETA_POR_OMISION
from .modelos import politica_por_omision
from .escritura import Terminado, atender_senales, es_falta_de_espacio, es_sin_permiso, ruta_visible
from .ordenes import SALIDA_ENTORNO, SALIDA_INTERNO, SALIDA_OK, SALIDA_USO, ErrorUso

DEPURAR = "--depurar"

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
        epilog="Códigos de salida: 0 datos válidos, 1 datos inválidos, 2 uso incorrecto, 3 el entorno no dejó "
               "terminar (disco lleno, sin permiso), 4 defecto del programa, 130 interrumpido.",
    )
    parser.add_argument("--version", action="version", version=f"generador {__version__}",
                        help="muestra la versión y termina")
    parser.add_argument(DEPURAR, action="store_true",
                        help="ante un defecto del programa, imprime la traza completa (puede contener datos "
                             "personales: revísela antes de enviarla); se admite en cualquier lugar de la orden")
    ordenes = parser.add_subparsers(dest="orden", metavar="ORDEN", title="órdenes")

    validar_ = ordenes.add_parser("validar", parents=[comun], help="revisa todos los ciclos y registros",
                                  description="Lee y revisa todos los ciclos y registros; imprime cada problema como "
                                              "ruta:línea:columna: mensaje (numeral).")
    validar_.add_argument("--estricto", action="store_true", help="las advertencias también hacen fallar la validación")

    calificar_ = ordenes.add_parser("calificar", parents=[comun], help="calcula puntajes y calificaciones de un ciclo",
                                    description="Calcula el puntaje y la calificación de cada servidor de un ciclo. "
                                                "Los puntajes son datos personales: no los publique.")
    _ciclo_elegible(calificar_)
    calificar_.add_argument("--formato", choices=["tabla", "json", "csv"], default="tabla", help="formato de salida (por omisión: tabla)")
    calificar_.add_argument("--salida", metavar="ARCHIVO", help="escribe el resultado en ARCHIVO en lugar de la pantalla")
    calificar_.add_argument("--estricto", action="store_true", help="las advertencias también impiden calificar")
    pdf_ = ordenes.add_parser("pdf", parents=[comun], help="escribe los Anexos 1 a 7 y el legajo de cada servidor en PDF",
                              description="Escribe en PDF/A-3b los Anexos 1 a 6 de cada servidor, su legajo (portada y "
                                          "Anexos en orden) y el Anexo 7 del ciclo. Con datos inválidos no escribe nada.")
    _ciclo_elegible(pdf_)
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
    sitio_ = ordenes.add_parser("sitio", parents=[comun], help="construye el portal de intranet (MkDocs)",
                                description="Arma las páginas del portal en una carpeta temporal (nunca dentro del "
                                            "proyecto) y construye el sitio HTML con MkDocs; con --solo-paginas las "
                                            "escribe en sitio/generado/ para previsualizar. Publica solo cronograma, "
                                            "participantes, CIE, Junta y rendimiento distinguido; nunca documentos ni "
                                            "puntajes.")
    sitio_.add_argument("--salida", metavar="DIR", default="salida/sitio", help="carpeta del sitio HTML (por omisión: salida/sitio)")
    sitio_.add_argument("--proyecto", metavar="DIR", help="carpeta cuyo mkdocs.yml y sitio/ cambian o amplían los del generador (por omisión, "
                        "la carpeta actual; sin ellos, el portal del generador tal cual)")
    sitio_.add_argument("--solo-paginas", action="store_true",
                        help="solo escribe las páginas Markdown (para previsualizar con mkdocs serve)")
    sitio_.add_argument("--estricto", action="store_true", help="las advertencias también impiden construir")
    sintetico_ = ordenes.add_parser("sintetico", help="escribe una entidad sintética de N servidores (para pruebas de escala)",
                                    description="Escribe en DIR una entidad ficticia y realista de N servidores, con un ciclo "
                                                "completo; la misma semilla da los mismos archivos.")
    sintetico_.add_argument("--n", type=int, required=True, metavar="N", help="cantidad de servidores (al menos 20)")
    sintetico_.add_argument("--salida", required=True, metavar="DIR", help="carpeta de datos a crear (no debe existir)")
    sintetico_.add_argument("--semilla", type=int, default=1, help="semilla del azar (por omisión: 1)")
    iniciar_ = ordenes.add_parser(
        "iniciar", help="crea el repositorio de datos de una entidad, listo para usar",
        description="Crea en DIR el repositorio de datos de una entidad: datos/entidad.yaml, un ciclo vacío con su "
                    "cronograma por completar, los esquemas para el editor, el gancho de pre-commit, un flujo de "
                    "integración continua y un README. DIR no debe existir o debe estar vacía.")
    iniciar_.add_argument("carpeta", metavar="DIR", help="carpeta del repositorio nuevo")
    iniciar_.add_argument("--nombre", required=True, help="nombre de la entidad")
    iniciar_.add_argument("--siglas", required=True, help="siglas de la entidad")
    iniciar_.add_argument("--ciclo", metavar="C", help="carpeta del primer ciclo (por omisión, el año de --inicio o el actual)")
    iniciar_.add_argument("--inicio", type=_fecha, metavar="AAAA-MM-DD",
                          help="inicio del ciclo (por omisión, el primer día hábil de marzo)")
    iniciar_.add_argument("--fin", type=_fecha, metavar="AAAA-MM-DD", help="fin del ciclo (por omisión, el 31 de marzo siguiente)")
    politica = politica_por_omision()
    iniciar_.add_argument("--politica", default=politica, help=f"política del ciclo (por omisión: {politica})")
    _ordenes_afrh(ordenes, comun)
    return parser


def _ciclo_elegible(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ciclo", metavar="C", help="carpeta del ciclo (por omisión, el último por fecha de fin)")


def _fecha(texto: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError("escriba la fecha como AAAA-MM-DD") from None


def _ordenes_afrh(ordenes, comun) -> None:
    """Las órdenes del trabajo diario de la AFRH: nuevo, importar, exportar, informe."""
    nuevo_ = ordenes.add_parser(
        "nuevo", parents=[comun], help="crea un registro, un ciclo vacío o un ciclo a partir del anterior",
        description="Crea archivos YAML comentados que ya validan: un registro de servidor (--documento y sus datos), "
                    "un ciclo a partir del anterior (--desde: mismas personas, fechas corridas, sin resultados) "
                    "o un ciclo vacío (--inicio y --fin). Nunca sobrescribe un archivo.")
    nuevo_.add_argument("--ciclo", required=True, metavar="C", help="carpeta del ciclo (por ejemplo 2026)")
    nuevo_.add_argument("--desde", metavar="CICLO", help="crea el ciclo C copiando el ciclo CICLO (personas, evaluadores, CIE)")
    nuevo_.add_argument("--inicio", type=_fecha, metavar="AAAA-MM-DD", help="inicio de un ciclo vacío")
    nuevo_.add_argument("--fin", type=_fecha, metavar="AAAA-MM-DD", help="fin de un ciclo vacío")
    nuevo_.add_argument("--nombre", help="nombre de un ciclo vacío (por omisión: «Ciclo de Gestión del Rendimiento C»)")
    politica = politica_por_omision()
    nuevo_.add_argument("--politica", default=politica, help=f"política de un ciclo vacío (por omisión: {politica})")
    nuevo_.add_argument("--documento", metavar="D", help="crea el registro del servidor con este DNI o carné de extranjería")
    for opcion, ayuda in (("--nombres", "nombres del servidor"), ("--apellidos", "apellidos del servidor"),
                          ("--segmento", "directivo, mando medio, ejecutor u operador y asistencial"),
                          ("--puesto", "puesto específico"), ("--organo", "sigla o nombre del órgano (entidad.yaml)"),
                          ("--evaluador", "documento del evaluador"), ("--regimen", "728, 1057 o CAS"),
                          ("--profesion", "profesión y grado obtenido"),
                          ("--fecha-inicio-puesto", "fecha de inicio en el puesto (AAAA-MM-DD o DD/MM/AAAA)"),
                          # Los datos del colaborador en la política «empresa» (modelo ponderado).
                          ("--nivel", "empresa: ejecutivo, mando medio o apoyo y servicio"),
                          ("--departamento", "empresa: clave o nombre del departamento (entidad.yaml; también --organo)"),
                          ("--area", "empresa: área o equipo dentro del departamento"),
                          ("--fecha-ingreso", "empresa: ingreso o reingreso a la empresa (AAAA-MM-DD o DD/MM/AAAA)"),
                          ("--fecha-ingreso-area", "empresa: llegada al área actual, si cambió de área"),
                          ("--estable", "empresa: sí o no (no: fuera del alcance de la política)")):
        nuevo_.add_argument(opcion, help=ayuda)

    importar_ = ordenes.add_parser(
        "importar", parents=[comun], help="crea o actualiza los registros desde la lista de participantes (xlsx o csv)",
        description="Lee la lista de participantes (la hoja del .xlsx que la tiene, o un .csv) y escribe un registro por servidor; "
                    "a los que ya tienen registro solo les actualiza los datos del servidor y el evaluador, sin tocar "
                    "lo demás ni sus comentarios. Si alguna fila está mal, informa cada una y no escribe nada.")
    importar_.add_argument("lista", metavar="LISTA", help="archivo .xlsx o .csv con una fila de encabezados")
    importar_.add_argument("--ciclo", required=True, metavar="C", help="carpeta del ciclo (debe existir)")

    exportar_ = ordenes.add_parser(
        "exportar", parents=[comun], help="resultados consolidados en xlsx o csv, o un libro prellenado por servidor para "
                                          "los evaluadores (confidencial)",
        description="Escribe una fila por servidor: órgano, segmento, puntajes, calificación y fechas de cada etapa; "
                    "el xlsx trae además una hoja por órgano. Contiene puntajes: no lo publique.")
    _ciclo_elegible(exportar_)
    exportar_.add_argument("--formato", choices=["xlsx", "csv", "gdr", "anexos"], default="xlsx",
                           help="xlsx o csv: resultados consolidados (por omisión: xlsx); gdr (política servir-2025): el "
                                "Formato GDR 2025 oficial prellenado, un libro por servidor; anexos (imarpe-2018): los "
                                "Anexos 1 y 4 en un libro por servidor. Con gdr y anexos, una carpeta por evaluador")
    exportar_.add_argument("--salida", metavar="ARCHIVO",
                           help="archivo a escribir (por omisión: salida/confidencial/resultados-C.xlsx o .csv); con "
                                "gdr o anexos, la carpeta (por omisión: salida/confidencial/formatos-C)")
    exportar_.add_argument("--evaluador", metavar="DOC",
                           help="con gdr o anexos: solo los libros de los servidores que evalúa este documento")
    exportar_.add_argument("--estricto", action="store_true", help="las advertencias también impiden exportar")

    formatos_ = ordenes.add_parser(
        "importar-formatos", parents=[comun],
        help="lee los libros que devuelven los evaluadores (Formato GDR 2025 o Anexos) y actualiza los registros",
        description="Lee cada libro .xlsx (o los de cada carpeta) que «exportar --formato gdr» o «--formato anexos» "
                    "entregó a los evaluadores, revisa cada celda y actualiza el registro de su servidor sin tocar lo "
                    "demás ni sus comentarios. Si algo está mal informa cada problema (archivo:hoja!celda) y no "
                    "escribe nada.")
    formatos_.add_argument("archivos", nargs="+", metavar="ARCHIVO_O_CARPETA", help="libros .xlsx o carpetas con ellos")
    formatos_.add_argument("--ciclo", required=True, metavar="C", help="carpeta del ciclo (debe existir)")

    informe_ = ordenes.add_parser(
        "informe", parents=[comun], help="informe de la AFRH en PDF con gráficos (confidencial)",
        description="Escribe el informe del ciclo para la Secretaría General: avance de cada etapa, pendientes y "
                    "plazos vencidos por evaluador, distribución de puntajes y calificaciones por segmento y por "
                    "órgano, y candidatos a rendimiento distinguido para la Junta. Contiene datos personales.")
    _ciclo_elegible(informe_)
    informe_.add_argument("--salida", metavar="ARCHIVO", help="PDF a escribir (por omisión: salida/confidencial/informe-C.pdf)")
    informe_.add_argument("--al", type=_fecha, metavar="AAAA-MM-DD",
                          help="fecha de corte para contar pendientes (por omisión: el último hecho registrado)")
    informe_.add_argument("--estricto", action="store_true", help="las advertencias también impiden el informe")


def main(argv: list[str] | None = None) -> int:
    """Corre una orden y devuelve su código de salida. Ninguna entrada termina en una traza de Python:
    lo inesperado es una línea en castellano, sin datos de los registros."""
    argv = list(sys.argv[1:] if argv is None else argv)
    depurar = DEPURAR in argv
    argv = [a for a in argv if a != DEPURAR]
    orden = argv[0] if argv and not argv[0].startswith("-") else ""
    prefijo = f"generador {orden}".strip()
    atender_senales()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(f"\n{prefijo}: interrumpido; las salidas anteriores quedan como estaban", file=sys.stderr)
        return 130
    except Terminado as exc:
        print(f"{prefijo}: terminado por una señal ({exc.senal}); las salidas anteriores quedan como estaban",
              file=sys.stderr)
        return 128 + exc.senal
    except OSError as exc:
        if es_falta_de_espacio(exc) or es_sin_permiso(exc):
            print(f"{prefijo}: error: {_problema_del_disco(exc)}; no se escribió nada a medias y las salidas "
                  "anteriores quedan como estaban", file=sys.stderr)
            return SALIDA_ENTORNO
        return _defecto(prefijo, exc, depurar)
    except Exception as exc:  # noqa: BLE001 — la última red: un defecto nunca llega al usuario como traza
        return _defecto(prefijo, exc, depurar)


def _problema_del_disco(exc: OSError) -> str:
    donde = f" en «{ruta_visible(str(exc.filename))}»" if exc.filename else ""
    if es_falta_de_espacio(exc):
        return f"no queda espacio en el disco{donde} (o se superó la cuota): libere espacio y repita la orden"
    return f"no se puede escribir{donde}: la carpeta es de solo lectura o no tiene permiso"


def _defecto(prefijo: str, exc: BaseException, depurar: bool) -> int:
    """Un defecto del programa, dicho sin el texto de la excepción (podría llevar datos de un registro)."""
    import traceback
    if depurar:
        traceback.print_exception(exc, file=sys.stderr)
    cuadros = [c for c in traceback.extract_tb(exc.__traceback__) if "generador" in Path(c.filename).parts]
    donde = ""
    if cuadros:
        ruta = Path(cuadros[-1].filename)
        donde = f" en {'/'.join(ruta.parts[ruta.parts.index('generador'):])}:{cuadros[-1].lineno}"
    print(f"{prefijo}: error interno ({type(exc).__name__}{donde}): es un defecto del programa, no de sus datos; "
          "no se escribió nada a medias. "
          + ("" if depurar else f"Repita la orden con {DEPURAR} y envíe la traza a quien mantiene el generador "
                                "(revísela antes: puede contener datos personales)."),
          file=sys.stderr)
    return SALIDA_INTERNO


def _main(argv: list[str]) -> int:
    parser = _parser()
    try:
        argumentos = parser.parse_args(argv)
    except SystemExit as salida:  # argparse ya imprimió el mensaje
        return SALIDA_OK if salida.code == 0 else SALIDA_USO
    if argumentos.orden is None:
        parser.print_help(sys.stderr)
        return SALIDA_USO
    if argumentos.orden == "sintetico":
        return ordenes.sintetico(argumentos)
    try:
        if argumentos.orden == "iniciar":
            return ordenes.iniciar(argumentos)
        if not Path(argumentos.datos).is_dir():
            raise ErrorUso(f"no existe la carpeta de datos «{argumentos.datos}»")
        return getattr(ordenes, argumentos.orden.replace("-", "_"))(argumentos)
    except ErrorUso as exc:
        print(f"generador {argumentos.orden}: error: {exc}", file=sys.stderr)
        return SALIDA_USO


def _fragmento(texto: str) -> tuple[int, int]:
    try:
        parte, partes = (int(x) for x in texto.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("escriba K/N, por ejemplo 2/4") from None
    if not 1 <= parte <= partes:
        raise argparse.ArgumentTypeError("K debe estar entre 1 y N, por ejemplo 2/4")
    return parte, partes


