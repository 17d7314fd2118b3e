"""Utilidades de las pruebas: copiar datos a una carpeta temporal y correr la CLI."""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generador.carga import cargar
from generador.cli import main
from generador.diagnosticos import Informe, Ubicacion
from generador.politica import cargar_politica

PRUEBAS = Path(__file__).parent
# Las pruebas están en carpetas que siguen al código (nucleo/, modelos/<modelo>/) y algunas usan ayudantes
# de otras («from test_sitio import construir»): cada carpeta de pruebas entra en sys.path.
for _carpeta in sorted({p.parent for p in PRUEBAS.rglob("test_*.py")}):
    if str(_carpeta) not in sys.path:
        sys.path.append(str(_carpeta))
RAIZ = PRUEBAS.parent
EJEMPLO = PRUEBAS / "datos" / "ejemplo"          # copia de ../shared/especificacion/ejemplo
ESPERADO = PRUEBAS / "datos" / "ejemplo-2024.esperado.json"
DATOS_EMBEBIDOS = RAIZ / "datos"
EMPRESA = DATOS_EMBEBIDOS / "empresa"            # la empresa de ejemplo (política «empresa»)


@dataclass
class Corrida:
    codigo: int
    salida: str
    errores: str

    @property
    def lineas_error(self) -> list[str]:
        return self.errores.splitlines()


def correr(*argumentos: str) -> Corrida:
    """Corre `generador ARGUMENTOS` en este proceso y captura lo que escribe."""
    salida, errores = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(salida), contextlib.redirect_stderr(errores):
        codigo = main(list(argumentos))
    return Corrida(codigo, salida.getvalue(), errores.getvalue())


def politica_de_prueba(clave: str):
    """Una política de generador/politicas, que debe cargarse sin errores."""
    informe = Informe()
    politica = cargar_politica(clave, informe, Ubicacion("prueba"))
    assert politica is not None, [str(d) for d in informe.diagnosticos]
    return politica


def casos_yaml(carpeta: Path):
    """Los casos `nombre / entrada / salida` de cada archivo YAML de `carpeta`, como parámetros
    (nombre del archivo, caso), leídos con el mismo lector seguro del programa."""
    for archivo in sorted(carpeta.glob("*.yaml")):
        informe = Informe()
        documento = cargar(archivo, informe)
        assert documento is not None, [str(d) for d in informe.diagnosticos]
        for caso in documento.datos:
            yield pytest.param(archivo.stem, caso, id=f"{archivo.stem}: {caso['nombre']}")


def editar(ruta: Path, viejo: str, nuevo: str) -> None:
    """Reemplaza un texto que debe aparecer exactamente una vez en el archivo."""
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count(viejo) == 1, f"«{viejo}» aparece {texto.count(viejo)} veces en {ruta}"
    ruta.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")


def linea_de(ruta: Path, texto: str) -> int:
    """Número de línea (desde 1) donde aparece `texto` por única vez."""
    lineas = [i for i, linea in enumerate(ruta.read_text(encoding="utf-8").splitlines(), 1) if texto in linea]
    assert len(lineas) == 1, f"«{texto}» está en las líneas {lineas} de {ruta}"
    return lineas[0]


def _copiar_y_entrar(origen: Path, tmp_path: Path, monkeypatch, nombre: str = "datos") -> Path:
    """Copia `origen` en tmp/`nombre` y hace de tmp el directorio actual."""
    destino = tmp_path / nombre
    shutil.copytree(origen, destino)
    monkeypatch.chdir(tmp_path)
    return destino


@pytest.fixture
def ejemplo(tmp_path, monkeypatch) -> Path:
    """Copia del ejemplo público en tmp/datos; el directorio actual pasa a ser tmp."""
    return _copiar_y_entrar(EJEMPLO, tmp_path, monkeypatch)


@pytest.fixture
def embebidos(tmp_path, monkeypatch) -> Path:
    """Copia de datos/ del repositorio en tmp/datos."""
    return _copiar_y_entrar(DATOS_EMBEBIDOS, tmp_path, monkeypatch)


@pytest.fixture
def empresa(tmp_path, monkeypatch) -> Path:
    """Copia de la empresa de ejemplo en tmp/empresa; el directorio actual pasa a ser tmp."""
    return _copiar_y_entrar(EMPRESA, tmp_path, monkeypatch, "empresa")


SERVIR_2025 = DATOS_EMBEBIDOS / "servir-2025"    # la entidad de ejemplo de la política «servir-2025»


@pytest.fixture
def servir2025(tmp_path, monkeypatch) -> Path:
    """Copia de la entidad de ejemplo de servir-2025 en tmp/servir-2025; el directorio actual pasa a ser tmp."""
    return _copiar_y_entrar(SERVIR_2025, tmp_path, monkeypatch, "servir-2025")


CASOS_SERVIR_2025 = PRUEBAS / "datos" / "servir-2025-casos"   # un registro por caso de casos.md de servir-2025


@pytest.fixture
def casos(tmp_path, monkeypatch) -> Path:
    """Copia de la entidad de los casos de servir-2025 en tmp/datos; el directorio actual pasa a ser tmp."""
    return _copiar_y_entrar(CASOS_SERVIR_2025, tmp_path, monkeypatch)
