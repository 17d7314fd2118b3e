"""`generador iniciar DIR`: el repositorio de datos de una entidad, listo para usar (como `mkdocs new`).

Escribe `datos/entidad.yaml` (la entidad y su AFRH), un ciclo vacío con su cronograma por completar,
los esquemas para el editor, el gancho de pre-commit, un flujo de integración continua, `requisitos.txt`,
`.gitignore` y un README corto. Todo se arma en una carpeta temporal junto a DIR y se mueve a DIR al final:
si algo falla, DIR no queda a medias. DIR no debe existir (o debe estar vacía).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources as recursos_paquete
from pathlib import Path

import jinja2

from . import __version__, escape, recursos
from .escritura import carpeta_temporal, reemplazar_carpeta, soltar_temporal

# (plantilla de plantillas/iniciar/, destino dentro de DIR)
ARCHIVOS = (
    ("entidad.yaml.j2", "datos/entidad.yaml"),
    ("README.md.j2", "README.md"),
    ("requisitos.txt.j2", "requisitos.txt"),
    ("pre-commit-config.yaml.j2", ".pre-commit-config.yaml"),
    ("gitignore.j2", ".gitignore"),
    ("rendimiento.yml.j2", ".github/workflows/rendimiento.yml"),
)


class ErrorIniciar(Exception):
    pass


def _entorno() -> jinja2.Environment:
    """Sin escape automático: cada valor que viene del usuario pasa por el filtro de su destino."""
    entorno = jinja2.Environment(loader=jinja2.FileSystemLoader(str(recursos.plantillas() / "iniciar")),
                                 autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    entorno.filters["yaml"] = escape.yaml
    entorno.filters["markdown"] = escape.markdown
    return entorno


def archivos(nombre: str, siglas: str, ciclo: str) -> dict[str, str]:
    """{ruta relativa dentro de DIR: texto} de los archivos fijos (el ciclo se escribe después)."""
    entorno = _entorno()
    datos = {"nombre": nombre, "siglas": siglas, "ciclo": ciclo, "version": __version__}
    resultado = {destino: entorno.get_template(plantilla).render(**datos) for plantilla, destino in ARCHIVOS}
    esquemas = recursos_paquete.files("generador") / "esquemas"
    for esquema in sorted(esquemas.iterdir(), key=lambda e: e.name):
        if esquema.name.endswith(".schema.json"):
            resultado[f"esquemas/{esquema.name}"] = esquema.read_text(encoding="utf-8")
    return resultado


def iniciar(destino: Path, nombre: str, siglas: str, ciclo: str, crear_ciclo) -> list[str]:
    """Arma el repositorio en una carpeta temporal junto a `destino` y la pone en su lugar; devuelve las rutas
    escritas. `crear_ciclo(datos)` escribe el ciclo vacío en la carpeta de datos (es el `nuevo` del modelo)."""
    if destino.exists() and (not destino.is_dir() or any(destino.iterdir())):
        raise ErrorIniciar(f"«{destino}» ya existe y no está vacía: elija una carpeta nueva")
    destino.parent.mkdir(parents=True, exist_ok=True)
    temporal = carpeta_temporal(destino)
    try:
        for relativa, texto in archivos(nombre, siglas, ciclo).items():
            _escribir(temporal / relativa, texto)
        crear_ciclo(temporal / "datos")
        escritos = [p.relative_to(temporal).as_posix() for p in temporal.rglob("*") if p.is_file()]
        reemplazar_carpeta(temporal, destino)
    finally:
        soltar_temporal(temporal)
    return sorted(escritos)


def _escribir(ruta: Path, texto: str) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(texto, encoding="utf-8")


def fechas_por_omision(ciclo: str, inicio: dt.date | None, fin: dt.date | None) -> tuple[dt.date, dt.date]:
    """Sin fechas: del primer día hábil de marzo del año del ciclo al 31 de marzo del siguiente (el
    calendario de la directiva de ejemplo); la AFRH las corrige en ciclo.yaml."""
    if inicio is None:
        anio = int(ciclo) if ciclo.isdigit() and len(ciclo) == 4 else dt.date.today().year
        inicio = dt.date(anio, 3, 1)
        while inicio.weekday() >= 5:
            inicio += dt.timedelta(days=1)
    return inicio, fin or dt.date(inicio.year + 1, 3, 31)
