"""Lo que hace cada orden de `generador` una vez leídos sus argumentos (ver `cli.py`).

Cada función recibe los argumentos ya leídos y devuelve el código de salida:
0 datos válidos (con advertencias), 1 datos inválidos, 2 uso incorrecto.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .cache import Cache
from .carga import ArchivoCambiado
from .diagnosticos import ERROR, Informe, Ubicacion
from . import modelos
from .escritura import SalidaProhibida, comprobar_salida, escribir_atomico, marcar_salida
from .validacion import validar as validar_datos

# 3: el entorno no dejó terminar (disco lleno, sin permiso, un proceso de PDF murió); 4: defecto del
# programa (ver cli.main). Ctrl-C sale con 130 y una señal de terminación con 128 + la señal.
SALIDA_OK, SALIDA_DATOS, SALIDA_USO, SALIDA_ENTORNO, SALIDA_INTERNO = 0, 1, 2, 3, 4
EXTENSIONES = {"tabla": (".txt",), "json": (".json",), "csv": (".csv",), "xlsx": (".xlsx",), "pdf": (".pdf",)}


class ErrorUso(Exception):
    """Uso incorrecto detectado después de leer los argumentos (sale con 2)."""


def _salida(argumentos, destino: Path | str, *, carpeta: bool = False, formato: str | None = None) -> Path:
    """La guarda de toda orden que escribe: la salida no puede dañar los datos ni el proyecto."""
    try:
        return comprobar_salida(Path(destino), Path(argumentos.datos), carpeta=carpeta,
                                extensiones=EXTENSIONES.get(formato, ()))
    except SalidaProhibida as exc:
        raise ErrorUso(str(exc)) from None


def _informar(informe: Informe, estricto: bool, resumir: bool = False, ciclo=None) -> bool:
    """Imprime los diagnósticos y un resumen; devuelve True si se puede seguir.

    `validar` lista todo. Las demás órdenes (`resumir`) listan los errores, que impiden seguir, y de las
    advertencias solo dicen cuántas hay en su ciclo (o todas, con --estricto, que las vuelve errores):
    así `make` no repite las mismas advertencias en cada paso."""
    advertencias = informe.advertencias if ciclo is None else [d for d in informe.advertencias if _del_ciclo(d, ciclo)]
    listadas = [d for d in informe.ordenados() if estricto or not resumir or d.nivel == ERROR]
    for diagnostico in listadas:
        print(diagnostico, file=sys.stderr)
    errores = len(informe.errores)
    if errores or advertencias:
        donde = f" en el ciclo «{ciclo.carpeta}»" if ciclo is not None else ""
        vealas = " (véalas con «generador validar»)" if resumir and not estricto and advertencias else ""
        print(f"{_plural(errores, 'error', 'errores')}, {_plural(len(advertencias), 'advertencia')}{donde}{vealas}",
              file=sys.stderr)
    return not informe.tiene_errores(estricto)


def _del_ciclo(diagnostico, ciclo) -> bool:
    """Si el diagnóstico es de un archivo del ciclo, o de fuera de todo ciclo (la entidad)."""
    ruta = Path(diagnostico.ubicacion.ruta).resolve()
    carpeta_ciclos = ciclo.ruta.resolve().parent
    return ruta.is_relative_to(ciclo.ruta.resolve()) or not ruta.is_relative_to(carpeta_ciclos)


def _cache(argumentos) -> Cache | None:
    return None if argumentos.sin_cache else Cache(argumentos.cache)


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def validar(argumentos) -> int:
    informe = Informe()
    repositorio, _ = validar_datos(argumentos.datos, informe, _cache(argumentos))
    if not _informar(informe, argumentos.estricto):
        return SALIDA_DATOS
    registros = sum(len(c.registros) for c in repositorio.ciclos)
    print(f"Datos válidos: {_plural(len(repositorio.ciclos), 'ciclo')}, {_plural(registros, 'registro')}.", file=sys.stderr)
    return SALIDA_OK


def _validar_y_elegir_ciclo(argumentos, formato: str | None = None):
    """Valida todo y elige el ciclo pedido; None si los datos son inválidos (ya informado). Con `formato`, la
    orden escribe un archivo: un --salida prohibido se rechaza antes de validar."""
    if formato and argumentos.salida:
        _salida(argumentos, argumentos.salida, formato=formato)
    _admitida_antes_de_validar(argumentos)
    informe = Informe()
    repositorio, resultados = validar_datos(argumentos.datos, informe, _cache(argumentos))
    if argumentos.ciclo is not None and repositorio.ciclo(argumentos.ciclo) is None:
        disponibles = ", ".join(c.carpeta for c in repositorio.ciclos) or "ninguno"
        raise ErrorUso(f"no existe el ciclo «{argumentos.ciclo}»; ciclos disponibles: {disponibles}")
    ciclo = repositorio.ciclo(argumentos.ciclo) if argumentos.ciclo else repositorio.ultimo()
    if not _informar(informe, argumentos.estricto, resumir=True, ciclo=ciclo):
        return None
    _admite(ciclo, argumentos.orden)
    return repositorio, resultados, ciclo, informe


def _admitida_antes_de_validar(argumentos) -> None:
    """Si la política del ciclo no admite la orden, se dice enseguida, sin validar todo antes."""
    from .politica import cargar_politica
    from .repositorio import politica_pedida
    pedida = politica_pedida(argumentos.datos, argumentos.ciclo)
    if pedida is None:
        return
    carpeta, clave = pedida
    politica = cargar_politica(clave, Informe(), Ubicacion(str(argumentos.datos)))
    if politica is not None and argumentos.orden not in politica.modelo.ORDENES:
        raise ErrorUso(f"la política «{clave}» del ciclo «{carpeta}» no admite «generador {argumentos.orden}»; "
                       f"admite: {', '.join(politica.modelo.ORDENES)}")


def _admite(ciclo, orden: str) -> None:
    """Cada modelo declara las órdenes que admite; las demás son un error de uso, no una traza."""
    modelo = ciclo.politica.modelo if ciclo is not None and ciclo.politica is not None else None
    if modelo is not None and orden not in modelo.ORDENES:
        raise ErrorUso(f"la política «{ciclo.politica.clave}» del ciclo «{ciclo.carpeta}» no admite «generador {orden}»; "
                       f"admite: {', '.join(modelo.ORDENES)}")


def calificar(argumentos) -> int:
    elegido = _validar_y_elegir_ciclo(argumentos, argumentos.formato)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, _ = elegido
    texto = ciclo.politica.modelo.calificar(repositorio, ciclo, resultados.get(ciclo.carpeta, {}), argumentos.formato)
    if argumentos.salida:
        # CSV con BOM para que Excel reconozca las tildes.
        escribir_atomico(Path(argumentos.salida), texto, bom=argumentos.formato == "csv")
    else:
        sys.stdout.write(texto)
    return SALIDA_OK


def pdf(argumentos) -> int:
    from .anexos.construccion import ErrorConstruccion, construir  # WeasyPrint tarda en cargarse: solo cuando se usa

    if argumentos.trabajos < 1:
        raise ErrorUso("--trabajos debe ser 1 o más")
    salida = _salida(argumentos, argumentos.salida, carpeta=True)
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, _ = elegido
    por_ciclo = resultados.get(ciclo.carpeta, {})
    solo = set(argumentos.solo) if argumentos.solo else None
    if solo is not None:
        conocidos = {r.registro.documento for r in por_ciclo.values()} | {Path(r.registro.doc.ruta).stem for r in por_ciclo.values()}
        desconocidos = sorted(solo - conocidos)
        if desconocidos:
            raise ErrorUso(f"--solo: {len(desconocidos)} servidor(es) no están en el ciclo «{ciclo.carpeta}» "
                       "(use el nombre del archivo de registro sin .yaml)")
    inicio = time.perf_counter()
    marcar_salida(salida)
    try:
        resumen = construir(repositorio, ciclo, por_ciclo, salida, solo=solo, fragmento=argumentos.fragmento,
                            trabajos=argumentos.trabajos, silencioso=argumentos.silencioso,
                            preparador=ciclo.politica.modelo.preparador_pdf())
    except ErrorConstruccion as exc:
        print(f"generador pdf: error: {exc}; los PDF anteriores quedan como estaban", file=sys.stderr)
        return SALIDA_ENTORNO
    except ArchivoCambiado as exc:
        print(f"generador pdf: error: {exc}; los PDF anteriores quedan como estaban", file=sys.stderr)
        return SALIDA_DATOS
    segundos = time.perf_counter() - inicio
    reutilizados = f", {resumen.reutilizados} sin cambios desde la corrida anterior" if resumen.reutilizados else ""
    print(f"{_plural(resumen.legajos, 'legajo')}{reutilizados}: {_plural(resumen.archivos, 'archivo PDF escrito', 'archivos PDF escritos')} "
          f"({_plural(resumen.paginas, 'página')} de legajo) en {resumen.carpeta} en {segundos:.1f} s.", file=sys.stderr)
    if resumen.pendientes:
        print(f"{_plural(resumen.pendientes, 'legajo')} con formatos pendientes: la portada de cada uno dice qué falta.",
              file=sys.stderr)
    return SALIDA_OK


def sitio(argumentos) -> int:
    from .portal.construir import ErrorSitio, construir, escribir_paginas

    if not argumentos.solo_paginas:
        _salida(argumentos, argumentos.salida, carpeta=True)
    informe = Informe()
    repositorio, _ = validar_datos(argumentos.datos, informe, _cache(argumentos))
    if not _informar(informe, argumentos.estricto, resumir=True):
        return SALIDA_DATOS
    # Por omisión, la carpeta desde donde se corre: su mkdocs.yml y su sitio/, si los tiene, cambian o amplían
    # los del generador (el repositorio de una entidad); si no, el portal del generador tal cual.
    proyecto = Path(argumentos.proyecto) if argumentos.proyecto else Path.cwd()
    if argumentos.solo_paginas:
        try:
            paginas = escribir_paginas(repositorio, proyecto)
        except ErrorSitio as exc:
            raise ErrorUso(str(exc)) from None
        print(f"{_plural(paginas, 'archivo')} escritos en {proyecto / 'sitio' / 'generado'}.", file=sys.stderr)
        return SALIDA_OK
    try:
        archivos = construir(repositorio, Path(argumentos.salida), proyecto)
    except ErrorSitio as exc:
        print(f"generador sitio: error: {exc}", file=sys.stderr)
        return SALIDA_DATOS
    print(f"Sitio construido en {argumentos.salida} ({_plural(archivos, 'archivo')}).", file=sys.stderr)
    return SALIDA_OK


def sintetico(argumentos) -> int:
    """Una entidad sintética del modelo por omisión (no hay datos de los que leer la política)."""
    return modelos.por_omision().ordenes_propias()["sintetico"](argumentos)


# --- Órdenes propias de un modelo (nuevo, importar, exportar) ---------------------------------------

def _modelo_de(clave: str | None):
    """El modelo de la política `clave`; el por omisión si no hay clave o la política no se puede leer
    (el modelo informa después lo que esté mal, como con cualquier otro dato)."""
    from .politica import cargar_politica
    politica = cargar_politica(clave, Informe(), Ubicacion("--politica")) if clave else None
    return politica.modelo if politica is not None else modelos.por_omision()


def _propia(argumentos, clave: str | None, carpeta: str | None) -> int:
    """Pasa la orden al modelo de la política `clave` (del ciclo `carpeta`), si la admite."""
    modelo = _modelo_de(clave)
    propias = modelo.ordenes_propias()
    if argumentos.orden not in modelo.ORDENES or argumentos.orden not in propias:
        raise ErrorUso(f"la política «{clave}» del ciclo «{carpeta}» no admite «generador {argumentos.orden}»; "
                       f"admite: {', '.join(modelo.ORDENES)}")
    return propias[argumentos.orden](argumentos)


def _en_el_modelo_del_ciclo(argumentos, carpeta: str | None) -> int:
    """La orden, en el modelo de la política del ciclo `carpeta` (leída solo de los ciclo.yaml)."""
    from .repositorio import politica_pedida
    pedida = politica_pedida(argumentos.datos, carpeta)
    return _propia(argumentos, pedida[1] if pedida else None, pedida[0] if pedida else carpeta)


def nuevo(argumentos) -> int:
    """Un registro (del ciclo --ciclo) o un ciclo: desde el anterior (--desde) o vacío (de --politica)."""
    if argumentos.desde or argumentos.documento is not None:
        return _en_el_modelo_del_ciclo(argumentos, argumentos.desde or argumentos.ciclo)
    return _propia(argumentos, argumentos.politica, argumentos.ciclo)


def importar(argumentos) -> int:
    return _en_el_modelo_del_ciclo(argumentos, argumentos.ciclo)


def exportar(argumentos) -> int:
    return _en_el_modelo_del_ciclo(argumentos, argumentos.ciclo)


def importar_formatos(argumentos) -> int:
    """Los libros que devuelven los evaluadores, leídos por el modelo de la política del ciclo."""
    return _en_el_modelo_del_ciclo(argumentos, argumentos.ciclo)


def _salida_confidencial(argumentos, nombre: str, formato: str) -> Path:
    return _salida(argumentos, argumentos.salida or Path("salida") / "confidencial" / nombre, formato=formato)


def informe(argumentos) -> int:
    elegido = _validar_y_elegir_ciclo(argumentos, "pdf")
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, validacion = elegido
    destino = _salida_confidencial(argumentos, f"informe-{ciclo.carpeta}.pdf", "pdf")
    paginas = ciclo.politica.modelo.informe(repositorio, ciclo, resultados.get(ciclo.carpeta, {}), validacion,
                                            argumentos.al, destino)
    print(f"{ciclo.politica.modelo.NOMBRE_INFORME} ({_plural(paginas, 'página')}) escrito en {destino} (confidencial).",
          file=sys.stderr)
    return SALIDA_OK


def iniciar(argumentos) -> int:
    import argparse
    import contextlib
    import datetime as dt
    import io

    from .iniciar import ErrorIniciar, fechas_por_omision, iniciar as armar
    from .politica import cargar_politica

    ciclo = argumentos.ciclo or str((argumentos.inicio or dt.date.today()).year)  # el nombre lo revisa `nuevo`
    informe = Informe()
    politica = cargar_politica(argumentos.politica, informe, Ubicacion("--politica"))
    if politica is None:
        _informar(informe, False)
        return SALIDA_USO
    nuevo_del_modelo = politica.modelo.ordenes_propias().get("nuevo")
    if nuevo_del_modelo is None:
        raise ErrorUso(f"la política «{argumentos.politica}» aún no admite «iniciar»")
    inicio, fin = fechas_por_omision(ciclo, argumentos.inicio, argumentos.fin)
    if fin <= inicio:
        raise ErrorUso("--fin debe ser posterior a --inicio")

    def crear_ciclo(datos: Path) -> None:
        """El ciclo vacío, con el `generador nuevo` del modelo; su mensaje nombraría la carpeta temporal."""
        pedido = argparse.Namespace(datos=str(datos), ciclo=ciclo, desde=None, documento=None, inicio=inicio, fin=fin,
                                    nombre=None, politica=argumentos.politica)
        with contextlib.redirect_stderr(io.StringIO()) as mensajes:
            codigo = nuevo_del_modelo(pedido)
        if codigo != SALIDA_OK:
            raise ErrorIniciar(mensajes.getvalue().strip())

    destino = Path(argumentos.carpeta)
    try:
        escritos = armar(destino, argumentos.nombre, argumentos.siglas, ciclo, crear_ciclo)
    except ErrorIniciar as exc:
        raise ErrorUso(str(exc)) from None
    print(f"Repositorio de la entidad creado en {destino} ({_plural(len(escritos), 'archivo')}). Siguientes pasos: "
          f"agregue los órganos en datos/entidad.yaml, complete el cronograma en datos/ciclos/{ciclo}/ciclo.yaml "
          f"y cree los registros con «generador importar LISTA.xlsx --ciclo {ciclo}» (desde {destino}).",
          file=sys.stderr)
    return SALIDA_OK
