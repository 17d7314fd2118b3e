"""Construcción del paquete: además del código, lleva dentro las plantillas, el portal y la configuración
de MkDocs (la fuente son las carpetas `plantillas/`, `sitio/` y `mkdocs.yml` del repositorio), para que una
entidad que instala el generador imprima y publique desde su propio repositorio (ver generador/recursos.py).
La configuración del paquete está en pyproject.toml; aquí solo se agrega ese paso."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RECURSOS = ("plantillas", "sitio", "mkdocs.yml")
SIN_COPIAR = shutil.ignore_patterns("generado", "__pycache__", "*.pyc")


class ConRecursos(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # la instalación editable los lee del repositorio
            return
        destino = Path(self.build_lib) / "generador" / "_recursos"
        shutil.rmtree(destino, ignore_errors=True)
        destino.mkdir(parents=True)
        for nombre in RECURSOS:
            origen = Path(nombre)
            if origen.is_dir():
                shutil.copytree(origen, destino / nombre, ignore=SIN_COPIAR)
            else:
                shutil.copy2(origen, destino / nombre)


setup(cmdclass={"build_py": ConRecursos})
