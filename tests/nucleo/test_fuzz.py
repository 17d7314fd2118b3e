"""Datos dañados al azar, en cada orden: el programa responde con 0, 1 o 2 y mensajes; nunca con una traza.

Sobre una copia de `datos/` (política «imarpe-2018», modelo «servir») y de `datos/empresa/` (política
«empresa», modelo «ponderado») se cambian de 1 a 3 líneas de los registros, de ciclo.yaml o de
entidad.yaml: se borra una clave, se reemplaza un valor por null, un tipo equivocado, un número enorme
(1e999999999, un entero de 5000 cifras), un negativo, una lista vacía, un texto hostil (`<script>`,
`=HYPERLINK(`, saltos de línea, texto NFD, caracteres de control), se duplica una línea o se cambia su
sangría. Luego se corren `validar`, `calificar --formato json`, `exportar`, `pdf --solo` y `sitio`.

Las mutaciones salen de hypothesis con `derandomize=True`: la misma lista cada vez, y una falla se
reproduce con la mutación que muestra el mensaje (archivo, línea, operación, valor). No se reduce el
ejemplo (sin fase «shrink»): cada corrida del programa cuesta casi un segundo.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import DATOS_EMBEBIDOS, EMPRESA, correr


CONTROL = "".join(map(chr, (0, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x202E)))
VALORES = [
    "null",
    "",
    "[]",
    "{}",
    "abc",
    "-5",
    "-0.01",
    "0",
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "9" * 5000,
    "99999999999999999999999999",
    "true",
    "2024-02-30",
    "1800-01-01",
    "9999-12-31",
    "2024-01-01T25:00:00",
    '"<script>alert(1)</script>"',
    "<b>negrita</b> & </td></tr>",
    '"=HYPERLINK(\\"http://ejemplo.invalid\\",\\"clic\\")"',
    "'=1+1'",
    "'@SUM(A1)'",
    '"línea uno\\nlínea dos\\r\\n# no es comentario"',
    '"Jose\u0301 Pe\u0301rez Nu\u0303ez"',                    # NFD: letra + acento combinante
    '"\\x07\\e[31m rojo \\0 nulo \\x1b"',                     # caracteres de control por escape YAML
    "texto" + CONTROL,                                        # caracteres de control crudos
    '"{{ 7 * 7 }} {% raw %}"',
    "'../../../etc/passwd'",
    '"| --- |\\n| tabla |"',
    "[1, [2, [3, [4]]]]",
    "{a: {b: {c: {d: 1}}}}",
    "'" + "x" * 20000 + "'",
    "!!python/object/apply:os.system ['true']",
    "*ancla",
    "&a x",
    "'sin cerrar",
]
OPERACIONES = ["borrar", "valor", "valor", "valor", "duplicar", "sangria+", "sangria-"]


@dataclass(frozen=True)
class Cambio:
    archivo: int     # índice (módulo el número de archivos) en la lista ordenada de archivos YAML
    linea: int       # índice (módulo el número de líneas)
    operacion: str
    valor: str

    def __repr__(self) -> str:  # el valor entero puede tener 20 000 caracteres
        return f"Cambio({self.archivo}, {self.linea}, {self.operacion!r}, {self.valor[:40]!r})"


CAMBIOS = st.lists(
    st.builds(Cambio, st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from(OPERACIONES),
              st.sampled_from(VALORES)),
    min_size=1, max_size=3,
)


def archivos_yaml(raiz: Path) -> list[Path]:
    """entidad.yaml y cada ciclo.yaml dos veces (son pocos y de ellos depende todo), luego los registros."""
    principales = sorted(raiz.glob("entidad.yaml")) + sorted(raiz.glob("ciclos/*/ciclo.yaml"))
    return principales * 2 + sorted(raiz.glob("ciclos/*/servidores/*.yaml"))


def mutar(raiz: Path, cambios: list[Cambio]) -> tuple[dict[Path, str], list[str]]:
    """Aplica los cambios; devuelve los textos originales (para restaurarlos) y una descripción legible."""
    archivos = archivos_yaml(raiz)
    originales: dict[Path, str] = {}
    descripcion = []
    for cambio in cambios:
        ruta = archivos[cambio.archivo % len(archivos)]
        texto = ruta.read_text(encoding="utf-8")
        originales.setdefault(ruta, texto)
        lineas = texto.split("\n")
        i = cambio.linea % len(lineas)
        linea = lineas[i]
        operacion = cambio.operacion
        if operacion == "valor" and ":" in linea:
            lineas[i] = f"{linea.split(':')[0]}: {cambio.valor}"
        elif operacion == "valor" and linea.lstrip().startswith("- "):
            lineas[i] = f"{linea[: len(linea) - len(linea.lstrip())]}- {cambio.valor}"
        elif operacion == "borrar":
            del lineas[i]
        elif operacion == "sangria+":
            lineas[i] = "  " + linea
        elif operacion == "sangria-":
            lineas[i] = linea[2:] if linea.startswith("  ") else linea.lstrip()
        else:
            operacion = "duplicar"
            lineas.insert(i, linea)
        ruta.write_text("\n".join(lineas), encoding="utf-8")
        valor = f" → {cambio.valor[:60]!r}" if operacion == "valor" else ""
        descripcion.append(f"{ruta.relative_to(raiz.parent)}:{i + 1} {operacion} (era {linea[:60]!r}){valor}")
    return originales, descripcion


def restaurar(originales: dict[Path, str]) -> None:
    for ruta, texto in originales.items():
        ruta.write_text(texto, encoding="utf-8")


def correr_sin_traza(descripcion: list[str], *argumentos: str) -> None:
    """Corre la orden; una excepción, un código fuera de {0, 1, 2} o una traza en stderr hacen fallar la
    prueba con la mutación y la orden a la vista (y la traza de `--depurar`, para ubicar el defecto)."""
    orden = " ".join(a if len(a) < 40 else "…" + a[-30:] for a in argumentos)
    try:
        corrida = correr(*argumentos)
    except BaseException as exc:  # noqa: BLE001 — cualquier cosa que escape del programa es la falla
        pytest.fail(f"generador {orden}: excepción {type(exc).__name__}: {exc!s:.300}\nmutación: {descripcion}")
    if corrida.codigo not in (0, 1, 2) or "Traceback" in corrida.errores:
        try:
            traza = correr("--depurar", *argumentos).errores
        except BaseException as exc:  # noqa: BLE001
            traza = f"{type(exc).__name__}: {exc!s:.300}"
        pytest.fail(f"generador {orden}: código {corrida.codigo}\nmutación: {descripcion}\n"
                    f"stderr: {corrida.errores[-1500:]}\ncon --depurar: {traza[-2500:]}")
    if corrida.codigo != 0:
        assert corrida.errores.strip(), f"generador {orden}: código {corrida.codigo} sin ningún mensaje\n{descripcion}"


def ajustes(ejemplos: int):
    return settings(max_examples=ejemplos, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate], print_blob=False,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def copias(tmp_path_factory) -> dict[str, Path]:
    """Una copia de cada conjunto de datos para todo el módulo (cada ejemplo restaura lo que cambia)."""
    base = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATOS_EMBEBIDOS, base / "datos", ignore=shutil.ignore_patterns("empresa"))
    shutil.copytree(EMPRESA, base / "empresa")
    return {"servir": base / "datos", "ponderado": base / "empresa", "cache": base / "cache"}


@pytest.fixture(autouse=True)
def _en_tmp(copias, monkeypatch):
    monkeypatch.chdir(copias["servir"].parent)


def _primer_registro(raiz: Path) -> str:
    ultimo = sorted(raiz.glob("ciclos/*"))[-1]
    return sorted(ultimo.glob("servidores/*.yaml"))[0].stem


@pytest.mark.parametrize("modelo", ["servir", "ponderado"])
@ajustes(40)
@given(cambios=CAMBIOS)
def test_validar_y_calificar(copias, modelo, cambios):
    raiz = copias[modelo]
    originales, descripcion = mutar(raiz, cambios)
    try:
        comun = ("--datos", str(raiz), "--cache", str(copias["cache"]))
        correr_sin_traza(descripcion, "validar", *comun)
        correr_sin_traza(descripcion, "calificar", *comun, "--formato", "json")
    finally:
        restaurar(originales)


@ajustes(5)
@given(cambios=CAMBIOS)
def test_exportar(copias, cambios):
    raiz = copias["servir"]
    originales, descripcion = mutar(raiz, cambios)
    salida = Path(tempfile.mkdtemp(dir=raiz.parent))
    try:
        correr_sin_traza(descripcion, "exportar", "--datos", str(raiz), "--cache", str(copias["cache"]),
                         "--salida", str(salida / "x.xlsx"))
    finally:
        restaurar(originales)
        shutil.rmtree(salida, ignore_errors=True)


@pytest.mark.parametrize("modelo", ["servir", "ponderado"])
@ajustes(2)
@given(cambios=CAMBIOS)
def test_pdf_y_sitio(copias, modelo, cambios):
    raiz = copias[modelo]
    solo = _primer_registro(raiz)
    originales, descripcion = mutar(raiz, cambios)
    salida = Path(tempfile.mkdtemp(dir=raiz.parent))
    try:
        comun = ("--datos", str(raiz), "--cache", str(copias["cache"]))
        correr_sin_traza(descripcion, "pdf", *comun, "--solo", solo, "-j", "1", "--salida", str(salida / "pdf"))
        correr_sin_traza(descripcion, "sitio", *comun, "--salida", str(salida / "sitio"))
    finally:
        restaurar(originales)
        shutil.rmtree(salida, ignore_errors=True)
