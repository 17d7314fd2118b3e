"""Lo que hace cada orden de `generador` una vez leídos sus argumentos (ver `cli.py`).

Cada función recibe los argumentos ya leídos y devuelve el código de salida:
0 datos válidos (con advertencias), 1 datos inválidos, 2 uso incorrecto.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from .cache import Cache
from .carga import ArchivoCambiado
from .diagnosticos import ERROR, Informe, Ubicacion, visible
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


def _validar_y_elegir_ciclo(argumentos):
    """Valida todo y elige el ciclo pedido; None si los datos son inválidos (ya informado)."""
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
    if argumentos.salida:
        _salida(argumentos, argumentos.salida, formato=argumentos.formato)
    elegido = _validar_y_elegir_ciclo(argumentos)
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
    from .sintetico import MINIMO, escribir

    salida = Path(argumentos.salida)
    if argumentos.n < MINIMO:
        print(f"generador sintetico: error: --n debe ser al menos {MINIMO} (para formar el CIE y la Junta)", file=sys.stderr)
        return SALIDA_USO
    if salida.exists() and (not salida.is_dir() or any(salida.iterdir())):
        print(f"generador sintetico: error: la carpeta «{salida}» ya existe y no está vacía", file=sys.stderr)
        return SALIDA_USO
    inicio = time.perf_counter()
    escribir(argumentos.n, salida, argumentos.semilla)
    print(f"Entidad sintética de {argumentos.n} servidores escrita en {salida} en {time.perf_counter() - inicio:.1f} s.",
          file=sys.stderr)
    return SALIDA_OK


# --- Flujo de trabajo de la AFRH -----------------------------------------------------------------

def _leer_ciclo_existente(argumentos):
    """Lee los datos (sin exigir que sean válidos) y el ciclo pedido, que debe existir y poder leerse."""
    from .repositorio import leer
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


def _escribir_plan(plan, ruta_lista: str | None) -> int:
    """Escribe lo planeado o, si hay problemas, los informa: por fila de la lista, o por opción de `nuevo`."""
    from .escritura import escribir_varios
    from .flujo.columnas import COLUMNAS
    if plan.errores:
        titulos = {c.campo: c.titulo for c in COLUMNAS}
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


_NOMBRE_CICLO = re.compile(r"(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def nuevo(argumentos) -> int:
    from .flujo import nuevo as andamio
    from .escritura import escribir_varios

    for opcion, valor in (("--ciclo", argumentos.ciclo), ("--desde", argumentos.desde)):
        if valor is not None and not _NOMBRE_CICLO.fullmatch(valor):
            raise ErrorUso(f"{opcion}: el ciclo es el nombre de una carpeta dentro de ciclos/, sin rutas: letras sin "
                           "tilde, cifras, «-», «_» o «.» (por ejemplo 2026)")
    carpeta = Path(argumentos.datos) / "ciclos" / argumentos.ciclo
    if argumentos.documento is not None:
        leido = _leer_ciclo_existente(argumentos)
        if leido is None:
            return SALIDA_DATOS
        repositorio, ciclo = leido
        from .flujo.importar import planear
        from .flujo.lista import Fila
        campos = ("documento", "nombres", "apellidos", "segmento", "puesto", "organo", "evaluador", "regimen",
                  "profesion", "fecha_inicio_puesto")
        valores = {c: getattr(argumentos, c) for c in campos if getattr(argumentos, c) is not None}
        plan = planear(repositorio, ciclo, [Fila(0, valores)], "Creado con «generador nuevo»", solo_nuevos=True)
        codigo = _escribir_plan(plan, None)
        if codigo == SALIDA_OK:
            print(f"Registro creado: {plan.cambios[0].ruta}. Complete sus secciones en cada etapa.", file=sys.stderr)
        return codigo
    if carpeta.exists():
        raise ErrorUso(f"el ciclo «{argumentos.ciclo}» ya existe ({carpeta}); para un servidor nuevo use --documento")
    if argumentos.desde:
        from .repositorio import leer
        anterior = leer(argumentos.datos, Informe()).ciclo(argumentos.desde)
        if anterior is None or not anterior.valido:
            raise ErrorUso(f"no existe el ciclo «{argumentos.desde}» o su ciclo.yaml tiene errores (generador validar)")
        _admite(anterior, "nuevo")
        archivos, avisos = andamio.ciclo_desde(anterior, carpeta)
        escribir_varios(archivos)
        anios = andamio.anios_entre(anterior.carpeta, argumentos.ciclo)
        print(f"Ciclo {argumentos.ciclo} creado desde {argumentos.desde}: ciclo.yaml y "
              f"{_plural(len(archivos) - 1, 'registro')} (mismas personas y evaluadores, sin metas ni resultados). "
              f"Las fechas se corrieron {_plural(anios, 'año')}; quite los registros de quienes ya no participan.",
              file=sys.stderr)
        if avisos:
            print(f"Revise en {carpeta / 'ciclo.yaml'}:", file=sys.stderr)
            for aviso in avisos:
                print(f"  - {visible(aviso)}", file=sys.stderr)
        return SALIDA_OK
    if not (argumentos.inicio and argumentos.fin):
        raise ErrorUso("indique --desde CICLO_ANTERIOR, o --inicio y --fin para un ciclo vacío, "
                       "o --documento y los datos del servidor para un registro")
    nombre = argumentos.nombre or f"Ciclo de Gestión del Rendimiento {argumentos.ciclo}"
    escribir_varios(andamio.ciclo_vacio(carpeta, nombre, argumentos.inicio, argumentos.fin, argumentos.politica))
    print(f"Ciclo {argumentos.ciclo} creado en {carpeta}: complete ciclo.yaml y agregue los registros "
          "(generador importar LISTA.xlsx --ciclo ...).", file=sys.stderr)
    return SALIDA_OK


def importar(argumentos) -> int:
    from .flujo.importar import planear
    from .flujo.lista import ListaIlegible, leer as leer_lista

    ruta = Path(argumentos.lista)
    if not ruta.is_file():
        raise ErrorUso(f"no existe el archivo «{ruta}»")
    leido = _leer_ciclo_existente(argumentos)
    if leido is None:
        return SALIDA_DATOS
    repositorio, ciclo = leido
    try:
        lista = leer_lista(ruta)
    except ListaIlegible as exc:
        print(visible(str(exc)), file=sys.stderr)
        return SALIDA_DATOS
    plan = planear(repositorio, ciclo, lista.filas, f"Importado de la lista {ruta.name}")
    codigo = _escribir_plan(plan, str(ruta))
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


def _salida_confidencial(argumentos, nombre: str, formato: str) -> Path:
    return _salida(argumentos, argumentos.salida or Path("salida") / "confidencial" / nombre, formato=formato)


def exportar(argumentos) -> int:
    from .anexos.contexto import fecha_del_ciclo
    from .flujo import exportar as exportacion

    if argumentos.salida:
        _salida(argumentos, argumentos.salida, formato=argumentos.formato)
    elegido = _validar_y_elegir_ciclo(argumentos)
    if elegido is None:
        return SALIDA_DATOS
    repositorio, resultados, ciclo, _ = elegido
    por_ciclo = resultados.get(ciclo.carpeta, {})
    filas = exportacion.filas(repositorio, ciclo, por_ciclo)
    destino = _salida_confidencial(argumentos, f"resultados-{ciclo.carpeta}.{argumentos.formato}", argumentos.formato)
    if argumentos.formato == "csv":
        escribir_atomico(destino, exportacion.a_csv(filas), bom=True)
    else:
        fecha = fecha_del_ciclo(ciclo, por_ciclo)  # la del libro: el último hecho registrado, no el reloj
        escribir_atomico(destino, exportacion.a_xlsx(filas, repositorio, ciclo, fecha))
    print(f"{_plural(len(filas), 'servidor', 'servidores')} exportados a {destino} (confidencial: contiene puntajes).",
          file=sys.stderr)
    return SALIDA_OK


def informe(argumentos) -> int:
    if argumentos.salida:
        _salida(argumentos, argumentos.salida, formato="pdf")
    elegido = _validar_y_elegir_ciclo(argumentos)
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
    import datetime as dt

    from .flujo import nuevo as andamio
    from .iniciar import ErrorIniciar, fechas_por_omision, iniciar as armar
    from .politica import cargar_politica

    ciclo = argumentos.ciclo or str((argumentos.inicio or dt.date.today()).year)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", ciclo):
        raise ErrorUso("--ciclo: el ciclo es el nombre de una carpeta: letras sin tilde, cifras, «-», «_» o «.»")
    informe = Informe()
    politica = cargar_politica(argumentos.politica, informe, Ubicacion("--politica"))
    if politica is None:
        _informar(informe, False)
        return SALIDA_USO
    if "nuevo" not in politica.modelo.ORDENES:
        raise ErrorUso(f"la política «{argumentos.politica}» aún no admite «iniciar»")
    inicio, fin = fechas_por_omision(ciclo, argumentos.inicio, argumentos.fin)
    if fin <= inicio:
        raise ErrorUso("--fin debe ser posterior a --inicio")
    destino = Path(argumentos.carpeta)
    try:
        escritos = armar(destino, argumentos.nombre, argumentos.siglas, ciclo, inicio, fin, argumentos.politica,
                         andamio.ciclo_vacio)
    except ErrorIniciar as exc:
        raise ErrorUso(str(exc)) from None
    print(f"Repositorio de la entidad creado en {destino} ({_plural(len(escritos), 'archivo')}). Siguientes pasos: "
          f"agregue los órganos en datos/entidad.yaml, complete el cronograma en datos/ciclos/{ciclo}/ciclo.yaml "
          f"y cree los registros con «generador importar LISTA.xlsx --ciclo {ciclo}» (desde {destino}).",
          file=sys.stderr)
    return SALIDA_OK
