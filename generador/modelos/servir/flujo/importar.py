"""La lista de participantes se vuelve un registro por servidor (o actualiza los que ya hay).

Primero se revisan todas las filas; si alguna está mal, se informa cada problema
(`LISTA.xlsx:fila N: …`) y no se escribe nada. Un registro que ya existe (mismo
documento en el ciclo) solo cambia en los campos de `servidor` que trae la lista
y en `evaluador`: el resto del archivo, comentarios incluidos, queda igual, y si
nada cambió el archivo no se toca. Un servidor nuevo recibe un registro comentado
(la plantilla de `generador nuevo`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ....repositorio import Ciclo, Repositorio
from . import columnas as col
from .lista import Fila
from .yaml_texto import abrir, plantilla, volcar

CAMPOS_SERVIDOR = ("nombres", "apellidos", "documento", "segmento", "regimen", "profesion", "puesto", "organo",
                   "fecha_inicio_puesto")
ENTRE_COMILLAS = ("documento", "regimen")
CONVERSIONES = {"documento": col.documento, "evaluador": col.documento, "segmento": col.segmento,
                "regimen": col.regimen, "fecha_inicio_puesto": col.fecha}


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
    cercana hacia arriba (la del repositorio de una entidad) o hasta `generador/esquemas/`."""
    arriba, patron = (2, "*/servidores/*.yaml") if esquema == "registro" else (1, "*/ciclo.yaml")
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


def texto_registro(titulo_ciclo: str, destino: Path, servidor: dict, evaluador: str, origen: str) -> str:
    ordenado = {clave: servidor.get(clave) for clave in CAMPOS_SERVIDOR}
    return plantilla("registro.yaml.j2", esquema=ruta_esquema(destino, "registro"),
                     ciclo=titulo_ciclo, servidor=ordenado, evaluador=evaluador,
                     origen=origen)


def _convertir(fila: Fila, organos: dict) -> tuple[dict, list[tuple[str | None, str]]]:
    valores, errores = {}, []
    for campo, crudo in fila.valores.items():
        try:
            if campo == "organo":
                valores[campo] = col.organo(crudo, organos)
            else:
                valores[campo] = CONVERSIONES.get(campo, col.texto)(crudo)
        except col.ValorInvalido as exc:
            errores.append((campo, str(exc)))
    for columna in col.COLUMNAS:
        if columna.obligatoria and columna.campo not in fila.valores:
            errores.append((columna.campo, "falta el dato"))
    return valores, errores


def planear(repositorio: Repositorio, ciclo: Ciclo, filas: list[Fila], origen: str, solo_nuevos: bool = False) -> Plan:
    """Revisa todas las filas y prepara los archivos a escribir (sin escribir nada)."""
    plan = Plan()
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    admitidos = set(ciclo.politica.segmentos_evaluadores.valor) if ciclo.politica else {"directivo", "mando_medio"}
    existentes = {r.documento: r for r in ciclo.registros if r.documento}
    evaluadores = {d for d, r in existentes.items() if r.segmento in admitidos}
    evaluadores |= {str(e.get("documento")) for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}

    convertidas, vistos = [], {}
    for fila in filas:
        valores, errores = _convertir(fila, organos)
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
    evaluadores |= {v["documento"] for _, v in convertidas if v.get("segmento") in admitidos and v.get("documento")}
    for fila, valores in convertidas:
        evaluador = valores.get("evaluador")
        if evaluador and evaluador == valores.get("documento"):
            plan.errores.append((fila.numero, "evaluador", "un servidor no se evalúa a sí mismo (5.3)"))
        elif evaluador and evaluador not in evaluadores:
            plan.errores.append((fila.numero, "evaluador", "no es directivo ni mando medio de la lista o del ciclo, "
                                                           "ni evaluador externo de ciclo.yaml (5.3)"))
    if plan.errores:
        return plan

    numeros = {valores.get("documento"): fila.numero for fila, valores in convertidas}
    carpeta = ciclo.ruta / "servidores"
    ocupados = {p.stem for p in carpeta.glob("*.y*ml")} if carpeta.is_dir() else set()
    for _, valores in convertidas:
        evaluador = valores.pop("evaluador")
        existente = existentes.get(valores["documento"])
        if existente is None:
            destino = carpeta / f"{nombre_archivo(valores['apellidos'], valores['nombres'], ocupados)}.yaml"
            plan.cambios.append(Cambio(destino, texto_registro(f"{ciclo.nombre} (carpeta {ciclo.carpeta})", destino, valores, evaluador, origen), True))
            continue
        ruta = Path(existente.doc.ruta)
        texto = ruta.read_text(encoding="utf-8")
        try:
            nuevo = _actualizar(texto, valores, evaluador)
        except MarkedYAMLError as exc:
            plan.errores.append((numeros[valores["documento"]], "documento",
                                 f"su registro no se puede actualizar: {_error_yaml(ruta, exc)}"))
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


def _error_yaml(ruta: Path, exc: MarkedYAMLError) -> str:
    """`ruta:línea:columna: error: …` de un registro que ruamel.yaml no puede reescribir."""
    marca = exc.problem_mark or exc.context_mark
    lugar = f"{ruta}:{marca.line + 1}:{marca.column + 1}" if marca else str(ruta)
    if isinstance(exc, DuplicateKeyError):
        clave = re.search(r'found duplicate key "(.*)" with value', str(exc.problem or ""))
        anterior = f" (ya aparece en la línea {exc.context_mark.line + 1})" if exc.context_mark else ""
        nombre = f" «{clave.group(1)}»" if clave else ""
        return f"{lugar}: error: clave duplicada{nombre}{anterior}; corrija el registro y vuelva a importar"
    return f"{lugar}: error: el YAML no se puede leer ({exc.problem or exc.context}); corrija el registro y vuelva a importar"


def _actualizar(texto: str, valores: dict, evaluador: str) -> str:
    """Cambia solo los campos del servidor y el evaluador; lo demás (y sus comentarios) queda igual."""
    datos, yaml = abrir(texto)
    servidor = datos["servidor"]
    cambio = False
    for campo, valor in valores.items():
        if servidor.get(campo) != valor:
            servidor[campo] = DoubleQuotedScalarString(valor) if campo in ENTRE_COMILLAS else valor
            cambio = True
    if datos.get("evaluador") != evaluador:
        datos["evaluador"] = DoubleQuotedScalarString(evaluador)
        cambio = True
    return volcar(datos, yaml) if cambio else texto
