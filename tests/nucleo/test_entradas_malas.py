"""Cada tipo de entrada mala: sale con 1, un mensaje en castellano con archivo:línea:columna,
sin traza de Python, y sin escribir nada."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import correr

REGISTRO = "datos/ciclos/2024/servidores/nuevo.yaml"

CASOS = [
    ("vacio", b"", "1:1: error: el archivo está vacío (no tiene datos, solo espacios o comentarios)"),
    ("solo comentarios", b"# pendiente\n\n", "1:1: error: el archivo está vacío (no tiene datos, solo espacios o comentarios)"),
    ("no es UTF-8", "servidor:\n  nombres: José\n".encode("latin-1"),
     "2:15: error: el archivo no está en UTF-8 (byte 0xE9); guárdelo con la codificación UTF-8 en su editor"),
    ("clave duplicada", b"servidor:\n  nombres: Ana\n  nombres: Rosa\n",
     "3:3: error: clave duplicada «nombres» (ya aparece en la línea 2); YAML tomaría solo una de las dos"),
    ("etiqueta de Python", b"servidor: !!python/object/apply:os.system [\"echo hola\"]\n",
     "1:11: error: etiqueta YAML no permitida «!!python/object/apply:os.system»: los registros solo admiten "
     "texto, números, fechas, listas y mapeos"),
    ("etiqueta propia", b"servidor: !persona {nombres: Ana}\n",
     "1:11: error: etiqueta YAML no permitida «!persona»: los registros solo admiten texto, números, fechas, listas y mapeos"),
    ("bomba de alias",
     b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
     "error: el archivo se expande a más de 50 000 valores por sus alias «*» (posible «bomba de alias»); "
     "escriba los datos sin alias"),
    ("clave de fusión", b"base: &b {nombres: Ana}\nservidor:\n  <<: *b\n",
     "3:3: error: no se admiten claves de fusión «<<»: escriba cada campo en el registro"),
    ("varios documentos", b"servidor: {}\n---\nservidor: {}\n",
     "3:1: error: el archivo tiene más de un documento YAML (separados por «---»); use un archivo por registro"),
    ("sintaxis", b"servidor:\n  nombres: [Ana\n",
     "3:1: error: YAML mal formado: falta «,» o «]» en la lista entre corchetes"),
    ("tabulador", b"servidor:\n\tnombres: Ana\n",
     "2:1: error: YAML mal formado: hay un tabulador: YAML solo admite espacios para la sangría"),
]


@pytest.mark.parametrize("nombre, contenido, esperado", CASOS, ids=[c[0] for c in CASOS])
def test_entrada_mala(ejemplo, nombre, contenido, esperado):
    (ejemplo / "ciclos/2024/servidores/nuevo.yaml").write_bytes(contenido)
    corrida = correr("validar")
    assert corrida.codigo == 1
    lineas = [l for l in corrida.lineas_error if l.startswith(REGISTRO)]
    assert lineas, corrida.errores
    assert any(l.endswith(esperado) for l in lineas), lineas
    assert "Traceback" not in corrida.errores


def _registro(**cambios) -> str:
    base = {
        "nombres": "Ana", "apellidos": "Pérez", "documento": '"45678912"', "segmento": "ejecutor",
        "puesto": "Analista", "organo": "DGIRP", "fecha_inicio_puesto": "2020-01-01",
    }
    base.update(cambios)
    servidor = "".join(f"  {k}: {v}\n" for k, v in base.items())
    return f"servidor:\n{servidor}evaluador: \"30000002\"\n"


CASOS_VALORES = [
    ("documento como número", _registro(documento="07654321"),
     "4:14: error: «documento» está escrito como número: escríbalo entre comillas (por ejemplo \"07654321\"), "
     "porque como número pierde los ceros iniciales (Anexo 1)"),
    ("fecha inexistente", _registro(fecha_inicio_puesto="2024-02-30"),
     "8:24: error: la fecha «2024-02-30» no existe en el calendario"),
    ("fecha en otro formato", _registro(fecha_inicio_puesto="30/01/2024"),
     "8:24: error: «fecha_inicio_puesto»: «30/01/2024» no es una fecha válida (use AAAA-MM-DD, por ejemplo 2024-04-15)"),
    ("campo desconocido con sugerencia", _registro(apelidos="Pérez"),
     "9:3: error: campo desconocido «apelidos»; ¿quiso decir «apellidos»? (Anexo 1)"),
    ("valor fuera de la lista con sugerencia", _registro(segmento="ejecutro"),
     "5:13: error: «segmento»: el valor «ejecutro» no está admitido; use uno de: directivo, mando_medio, ejecutor, "
     "operador_asistencia; ¿quiso decir «ejecutor»? (5.7)"),
    ("régimen como número", _registro(regimen="1057"),
     "9:12: error: «regimen» está escrito como número; escríbalo entre comillas para que se lea como texto (4)"),
]


@pytest.mark.parametrize("nombre, contenido, esperado", CASOS_VALORES, ids=[c[0] for c in CASOS_VALORES])
def test_valor_malo(ejemplo, nombre, contenido, esperado):
    (ejemplo / "ciclos/2024/servidores/nuevo.yaml").write_text(contenido, encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 1
    assert f"{REGISTRO}:{esperado}" in corrida.lineas_error, corrida.errores


def test_falta_un_campo_obligatorio(ejemplo):
    (ejemplo / "ciclos/2024/servidores/nuevo.yaml").write_text("servidor:\n  nombres: Ana\n", encoding="utf-8")
    corrida = correr("validar")
    assert f"{REGISTRO}:1:1: error: falta el campo obligatorio «evaluador» en el archivo" in corrida.lineas_error
    assert f"{REGISTRO}:1:1: error: falta el campo obligatorio «documento» en «servidor» (Anexo 1)" in corrida.lineas_error


def test_todos_los_errores_juntos(ejemplo):
    """Se informa todo de una vez, no solo el primer problema."""
    for i, (_, contenido, _) in enumerate(CASOS):
        (ejemplo / f"ciclos/2024/servidores/malo{i:02}.yaml").write_bytes(contenido)
    corrida = correr("validar")
    assert corrida.codigo == 1
    archivos = {l.split(":")[0] for l in corrida.lineas_error if ": error: " in l}
    assert len(archivos) == len(CASOS)


def test_datos_invalidos_no_escriben_salida(ejemplo, tmp_path):
    destino = tmp_path / "calificaciones.csv"
    destino.write_text("resultado anterior\n", encoding="utf-8")
    (ejemplo / "ciclos/2024/servidores/nuevo.yaml").write_bytes(b"servidor: [\n")
    corrida = correr("calificar", "--formato", "csv", "--salida", str(destino))
    assert corrida.codigo == 1
    assert corrida.salida == ""
    assert destino.read_text(encoding="utf-8") == "resultado anterior\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".calificaciones")] == []


def test_sin_traza_por_la_orden_instalada(ejemplo):
    """Por el ejecutable real: archivo ilegible y sin tracebacks."""
    (ejemplo / "ciclos/2024/servidores/nuevo.yaml").write_bytes(b"servidor: !!python/name:os.system\n")
    proceso = subprocess.run([sys.executable, "-m", "generador", "validar"], capture_output=True, text=True)
    assert proceso.returncode == 1
    assert "Traceback" not in proceso.stderr
    assert f"{REGISTRO}:1:11: error: etiqueta YAML no permitida «!!python/name:os.system»" in proceso.stderr


def test_el_validador_rapido_y_jsonschema_coinciden():
    """El atajo (fastjsonschema) nunca acepta lo que jsonschema rechaza, ni al revés: se cambia cada
    valor de un registro completo por valores incómodos y ambos deben decir lo mismo."""
    from decimal import Decimal

    from conftest import EJEMPLO
    from generador.carga import a_json, cargar
    from generador.diagnosticos import Informe
    from generador.esquema import _validador, es_valido_rapido

    base = a_json(cargar(EJEMPLO / "ciclos/2024/servidores/quispe-mamani-rosa.yaml", Informe()).datos)
    incomodos = [None, "", "x", 0, -1, Decimal("1.5"), Decimal("3"), True, [], {}, "2024-02-30", "2024-02-29", "07654321"]

    def hojas(valor, ruta=()):
        if isinstance(valor, dict):
            for k, v in valor.items():
                yield from hojas(v, ruta + (k,))
        elif isinstance(valor, list):
            for i, v in enumerate(valor):
                yield from hojas(v, ruta + (i,))
        yield ruta

    import copy
    revisados = 0
    for ruta in hojas(base):
        if not ruta:
            continue
        for incomodo in incomodos:
            copia = copy.deepcopy(base)
            padre = copia
            for parte in ruta[:-1]:
                padre = padre[parte]
            padre[ruta[-1]] = incomodo
            lento = not any(True for _ in _validador("registro").iter_errors(copia))
            assert es_valido_rapido(copia, "registro") == lento, (ruta, incomodo)
            revisados += 1
    assert revisados > 1000
