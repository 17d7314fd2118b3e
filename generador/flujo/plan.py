"""El «plan» de `nuevo` e `importar`: qué archivos se crean y cuáles se actualizan, antes de escribir nada.

Común a los modelos: convertir y revisar las filas de una lista (cada problema con
su fila y su columna), dar nombre de archivo a un registro nuevo, encontrar la
ruta del esquema para el editor y reescribir un registro existente sin perder sus
comentarios (ruamel.yaml). Lo propio de cada modelo (qué campos tiene la persona,
quién puede evaluar, la plantilla del registro) entra como funciones.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from . import columnas as col
from .lista import Fila


@dataclass
class Cambio:
    ruta: Path
    texto: str
    nuevo: bool


@dataclass
class Plan:
    cambios: list[Cambio] = field(default_factory=list)
    sin_cambios: int = 0
    errores: list[tuple[int, str | None, str]] = field(default_factory=list)   # (fila, campo, mensaje)
    fuera_de_lista: list[Path] = field(default_factory=list)  # registros del ciclo que la lista no trae (no se tocan)


def nombre_archivo(apellidos: str, nombres: str, ocupados: set[str]) -> str:
    """«Quispe Mamani», «Rosa Elena» → quispe-mamani-rosa (el nombre de archivo no lleva el documento)."""
    base = unicodedata.normalize("NFKD", f"{apellidos} {nombres.split()[0] if nombres.split() else ''}")
    base = re.sub(r"[^a-z0-9]+", "-", base.encode("ascii", "ignore").decode().lower()).strip("-") or "servidor"
    nombre, n = base, 2
    while nombre in ocupados:
        nombre, n = f"{base}-{n}", n + 1
    ocupados.add(nombre)
    return nombre


MARCA_ESQUEMA = "# yaml-language-server: $schema="


def ruta_esquema(destino: Path, esquema: str) -> str:
    """La ruta al esquema JSON para la línea `# yaml-language-server` del archivo nuevo: la misma que ya usan
    los archivos del mismo tipo (a la misma profundidad), o la ruta relativa hasta la carpeta `esquemas/` más
    cercana hacia arriba (la del repositorio de una entidad) o hasta `generador/esquemas/`. `esquema` es el
    nombre sin `.schema.json`: «registro», «ciclo», «registro-ponderado»…"""
    arriba, patron = (2, "*/servidores/*.yaml") if esquema.startswith("registro") else (1, "*/ciclo.yaml")
    busquedas = [(destino.parent, "*.yaml")]
    if len(destino.parents) > arriba:
        busquedas.append((destino.parents[arriba], patron))
    for carpeta, patron in busquedas:
        for archivo in sorted(carpeta.glob(patron))[:20]:
            with archivo.open(encoding="utf-8", errors="replace") as lector:
                primera = lector.readline().strip()
            if primera.startswith(MARCA_ESQUEMA) and primera.endswith(f"{esquema}.schema.json"):
                return primera[len(MARCA_ESQUEMA):]
    # La copia de los esquemas de un repositorio de entidad (`generador iniciar`), o la del generador.
    propia = next((c / "esquemas" for c in destino.resolve().parents if (c / "esquemas" / f"{esquema}.schema.json").is_file()),
                  None)
    carpeta = propia or Path(__file__).resolve().parents[1] / "esquemas"
    return Path(os.path.relpath(carpeta / f"{esquema}.schema.json", destino.resolve().parent)).as_posix()


def convertir(filas: list[Fila], columnas: tuple[col.Columna, ...], conversiones: dict[str, Callable],
              existentes: dict, solo_nuevos: bool, plan: Plan) -> list[tuple[Fila, dict]]:
    """Cada fila con sus valores convertidos (`conversiones`; `col.texto` por omisión). Los problemas van a
    `plan.errores`: valores mal escritos, datos obligatorios que faltan, documentos repetidos y, con
    `solo_nuevos` (`generador nuevo`), personas que ya tienen registro."""
    convertidas, vistos = [], {}
    for fila in filas:
        valores, errores = {}, []
        for campo, crudo in fila.valores.items():
            try:
                valores[campo] = conversiones.get(campo, col.texto)(crudo)
            except col.ValorInvalido as exc:
                errores.append((campo, str(exc)))
        for columna in columnas:
            if columna.obligatoria and columna.campo not in fila.valores:
                errores.append((columna.campo, "falta el dato"))
        documento = valores.get("documento")
        if documento in vistos:
            errores.append(("documento", f"el documento ya está en la fila {vistos[documento]}"))
        elif documento:
            vistos[documento] = fila.numero
        if documento and solo_nuevos and documento in existentes:
            errores.append(("documento", "ya hay un registro con ese documento en el ciclo "
                                         f"({Path(existentes[documento].doc.ruta).name})"))
        plan.errores.extend((fila.numero, campo, e) for campo, e in errores)
        convertidas.append((fila, valores))
    return convertidas


def revisar_evaluadores(plan: Plan, convertidas: list[tuple[Fila, dict]], evaluadores: set[str], uno_mismo: str,
                        no_admitido: str) -> None:
    """El evaluador de cada fila: no es la misma persona (`uno_mismo`) y puede evaluar (`no_admitido`)."""
    for fila, valores in convertidas:
        evaluador = valores.get("evaluador")
        if evaluador and evaluador == valores.get("documento"):
            plan.errores.append((fila.numero, "evaluador", uno_mismo))
        elif evaluador and evaluador not in evaluadores:
            plan.errores.append((fila.numero, "evaluador", no_admitido))


def componer(plan: Plan, convertidas: list[tuple[Fila, dict]], existentes: dict, carpeta: Path,
             crear: Callable[[Path, dict], str], actualizar: Callable[[str, dict], str]) -> Plan:
    """Los archivos a escribir: `crear(destino, valores)` da el texto de un registro nuevo y
    `actualizar(texto, valores)` el de uno que ya existe (el mismo texto si nada cambió)."""
    ocupados = {p.stem for p in carpeta.glob("*.y*ml")} if carpeta.is_dir() else set()
    for fila, valores in convertidas:
        existente = existentes.get(valores["documento"])
        if existente is None:
            destino = carpeta / f"{nombre_archivo(valores['apellidos'], valores['nombres'], ocupados)}.yaml"
            plan.cambios.append(Cambio(destino, crear(destino, valores), True))
            continue
        ruta = Path(existente.doc.ruta)
        texto = ruta.read_text(encoding="utf-8")
        try:
            nuevo = actualizar(texto, valores)
        except MarkedYAMLError as exc:
            plan.errores.append((fila.numero, "documento", f"su registro no se puede actualizar: {error_yaml(ruta, exc)}"))
            continue
        if nuevo == texto:
            plan.sin_cambios += 1
        else:
            plan.cambios.append(Cambio(ruta, nuevo, False))
    en_la_lista = {v["documento"] for _, v in convertidas}
    plan.fuera_de_lista = sorted(Path(r.doc.ruta) for d, r in existentes.items() if d not in en_la_lista)
    if plan.errores:
        plan.cambios = []  # nada se escribe si un registro no se pudo actualizar
    return plan


def error_yaml(ruta: Path, exc: MarkedYAMLError) -> str:
    """`ruta:línea:columna: error: …` de un registro que ruamel.yaml no puede reescribir."""
    marca = exc.problem_mark or exc.context_mark
    lugar = f"{ruta}:{marca.line + 1}:{marca.column + 1}" if marca else str(ruta)
    if isinstance(exc, DuplicateKeyError):
        clave = re.search(r'found duplicate key "(.*)" with value', str(exc.problem or ""))
        anterior = f" (ya aparece en la línea {exc.context_mark.line + 1})" if exc.context_mark else ""
        nombre = f" «{clave.group(1)}»" if clave else ""
        return f"{lugar}: error: clave duplicada{nombre}{anterior}; corrija el registro y vuelva a importar"
    return f"{lugar}: error: el YAML no se puede leer ({exc.problem or exc.context}); corrija el registro y vuelva a importar"


def poner(mapa, campo: str, valor, entre_comillas: bool = False) -> bool:
    """Cambia un campo de un mapa de ruamel.yaml si su valor es otro; True si cambió."""
    if mapa.get(campo) == valor:
        return False
    mapa[campo] = DoubleQuotedScalarString(valor) if entre_comillas else valor
    return True
