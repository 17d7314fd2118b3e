"""Dónde están los archivos que no son código: plantillas de los PDF, páginas y recursos del portal y la
configuración base de MkDocs.

En el repositorio del generador son las carpetas de arriba (`plantillas/`, `sitio/`, `mkdocs.yml`), que
son la fuente. Al construir el paquete (`pip wheel .`, ver setup.py) se copian dentro de
`generador/_recursos/`, así una entidad que instala el generador en su propio repositorio también
imprime los formularios y construye el portal.
"""

from __future__ import annotations

from pathlib import Path

PAQUETE = Path(__file__).resolve().parent
EMPAQUETADOS = PAQUETE / "_recursos"     # dentro del paquete instalado
REPOSITORIO = PAQUETE.parent             # en el repositorio del generador (instalación editable)


def base() -> Path:
    """La carpeta con `plantillas/`, `sitio/` y `mkdocs.yml` de esta instalación."""
    if (EMPAQUETADOS / "mkdocs.yml").is_file():
        return EMPAQUETADOS
    if (REPOSITORIO / "pyproject.toml").is_file() and (REPOSITORIO / "mkdocs.yml").is_file():
        return REPOSITORIO
    return EMPAQUETADOS  # falta: quien la use dirá que la instalación está incompleta


def plantillas() -> Path:
    return base() / "plantillas"


def plantillas_propias() -> Path | None:
    """Las plantillas de la entidad: `plantillas/` en la carpeta desde donde se corre, si existe y no es la
    del generador. Una plantilla con el mismo nombre que una del generador la reemplaza (como el
    `custom_dir` de MkDocs); la hoja de estilos y las fuentes son siempre las del generador."""
    propias = Path.cwd() / "plantillas"
    if propias.is_dir() and propias.resolve() != plantillas().resolve():
        return propias
    return None
