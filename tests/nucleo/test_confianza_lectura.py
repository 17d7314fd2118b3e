"""Confianza en la lectura (issue 12): ningún archivo descuidado u hostil borra datos, ejecuta código,
hace caer el programa ni cambia una calificación.

1. La caché es solo datos (JSON firmado): un pickle o un JSON plantados en su lugar no se ejecutan ni
   se creen; se vuelve a leer el YAML.
2. Límites antes de trabajar: tamaño del archivo, anidamiento (antes del compositor de libyaml),
   números, fechas, textos en NFC y sin caracteres de control.
3. Nombres de archivo de registro que chocarían en la salida.

Cada caso sale con su código, el mensaje exacto en `ruta:línea:columna` y sin tocar los datos.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import generador.carga as carga
from conftest import EJEMPLO, EMPRESA, correr, editar, linea_de
from generador.cache import ARCHIVO_CLAVE, Cache, _etiquetar, _sellar
from generador.carga import Documento, cargar_texto
from generador.limites import MAXIMO_BYTES
from generador.diagnosticos import Informe

SERVIDORES = "datos/ciclos/2024/servidores"
NUEVO = f"{SERVIDORES}/nuevo.yaml"
SANCHEZ = f"{SERVIDORES}/sanchez-yupanqui-pedro.yaml"  # sujeto a observación en el ejemplo


def huellas(raiz: Path) -> dict[str, str]:
    """SHA-256 de cada archivo bajo `raiz`: para afirmar que una orden no cambió ningún dato."""
    return {str(p.relative_to(raiz)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(raiz.rglob("*")) if p.is_file()}


def calificaciones(*opciones: str) -> dict[str, str]:
    corrida = correr("calificar", "--formato", "json", *opciones)
    assert corrida.codigo == 0, corrida.errores
    return {fila["documento"]: fila["calificacion"] for fila in json.loads(corrida.salida)}


def errores_de(corrida, ruta: str) -> list[str]:
    return [linea for linea in corrida.lineas_error if linea.startswith(f"{ruta}:")]


# --- 1. La caché: solo datos, firmados -------------------------------------------------------------

class _Carga:
    """Un pickle que, al leerse, crea una carpeta: la prueba de que se ejecutó código."""

    def __init__(self, marca: Path):
        self.marca = marca

    def __reduce__(self):
        return os.mkdir, (str(self.marca),)


def _ruta_en_cache(carpeta: Path, registro: Path, esquema: str = "registro") -> Path:
    return Cache(carpeta)._ruta(hashlib.sha256(registro.read_bytes()).hexdigest(), esquema)


def test_un_pickle_plantado_en_la_cache_no_se_ejecuta(ejemplo, tmp_path):
    cache = tmp_path / "cache"
    marca = tmp_path / "se-ejecuto"
    carga_maliciosa = pickle.dumps(_Carga(marca))
    pickle.loads(carga_maliciosa)  # la carga sí funciona si alguien la lee con pickle
    assert marca.is_dir()
    marca.rmdir()

    registro = ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    destino = _ruta_en_cache(cache, registro)
    destino.parent.mkdir(parents=True)
    destino.write_bytes(carga_maliciosa)  # antes de la primera corrida: la caché aún no tiene clave
    destino.with_suffix(".pickle").write_bytes(carga_maliciosa)  # donde la buscaba la caché anterior
    antes = huellas(ejemplo)

    for _ in range(2):
        corrida = correr("validar", "--cache", str(cache))
        assert corrida.codigo == 0, corrida.errores
        assert not marca.exists()
        destino.write_bytes(carga_maliciosa)  # y otra vez, ya con la caché creada y firmada
    corrida = correr("validar", "--cache", str(cache))
    assert corrida.codigo == 0 and not marca.exists()
    assert "Traceback" not in corrida.errores
    assert huellas(ejemplo) == antes
    assert destino.read_bytes().split(b"\n", 1)[1].startswith(b'{"formato":')  # se reescribió como JSON


def _entrada_alterada(cache: Path, registro: Path, secreto: bytes, **cambios) -> bytes:
    """La entrada de la caché de `registro`, con la meta grupal alcanzada al 100 % y todos los logros
    en A, sellada con `secreto`; `cambios` reemplaza campos del sobre (huella, esquema…)."""
    cuerpo = json.loads(_ruta_en_cache(cache, registro).read_bytes().split(b"\n", 1)[1])
    cuerpo["datos"]["metas_grupales"][0]["alcanzado"] = {"$decimal": "100"}
    for meta in cuerpo["datos"]["metas_individuales"]:
        meta["logro"] = "A"
    cuerpo.update(cambios)
    return _sellar(cuerpo, secreto)


@pytest.mark.parametrize("como", ["firma falsa", "de otro archivo", "otra forma", "etiqueta ajena", "flotante", "truncada"])
def test_un_json_plantado_no_cambia_la_calificacion(ejemplo, tmp_path, como):
    cache = tmp_path / "cache"
    esperado = calificaciones("--sin-cache")
    assert esperado["40000002"] == "sujeto_a_observacion"
    assert calificaciones("--cache", str(cache)) == esperado  # llena la caché

    registro = ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml"
    destino = _ruta_en_cache(cache, registro)
    secreto = (cache / ARCHIVO_CLAVE).read_bytes()
    plantada = {
        "firma falsa": lambda: _entrada_alterada(cache, registro, b"x" * 32),
        "de otro archivo": lambda: _entrada_alterada(cache, registro, secreto, huella="0" * 64),
        "otra forma": lambda: _sellar({"datos": {}}, secreto),
        "etiqueta ajena": lambda: _sellar({**json.loads(destino.read_bytes().split(b"\n", 1)[1]),
                                           "datos": {"$python": "os.system"}}, secreto),
        "flotante": lambda: destino.read_bytes().replace(b'"alcanzado":40', b'"alcanzado":100.0'),
        "truncada": lambda: destino.read_bytes()[:100],
    }[como]()
    assert plantada != destino.read_bytes()
    destino.write_bytes(plantada)
    antes = huellas(ejemplo)

    assert calificaciones("--cache", str(cache)) == esperado
    assert huellas(ejemplo) == antes
    assert destino.read_bytes() != plantada  # se volvió a leer el YAML y se reescribió la entrada


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="permisos POSIX")
def test_una_clave_que_otros_pueden_leer_deja_la_cache_sin_usar(ejemplo, tmp_path):
    """Como la que traería un repositorio clonado: una entrada firmada con ella no vale."""
    cache = tmp_path / "cache"
    esperado = calificaciones("--sin-cache")
    calificaciones("--cache", str(cache))
    clave = cache / ARCHIVO_CLAVE
    clave.chmod(0o644)
    registro = ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml"
    _ruta_en_cache(cache, registro).write_bytes(_entrada_alterada(cache, registro, clave.read_bytes()))
    assert calificaciones("--cache", str(cache)) == esperado


def test_la_cache_conserva_cada_tipo_exacto(tmp_path):
    datos = {
        "servidor": {"puesto": "Técnico", "documento": "07654321"},
        "decimales": [Decimal("92.50"), Decimal("1E+2"), Decimal("-0.0"), Decimal("3")],
        "fechas": [dt.date(2024, 4, 10), dt.datetime(2024, 4, 10, 9, 30)],
        "comportamientos": {1: "a", 2: "b"},
        "raras": {"$decimal": "no es una etiqueta", True: None, dt.date(2024, 1, 1): 0},
        "otros": [0, -5, True, False, None, ""],
    }
    cache = Cache(tmp_path / "cache")
    cache.guardar(Documento(ruta="a.yaml", datos=datos, huella="h" * 64), "registro")
    leido = Cache(tmp_path / "cache").leer("h" * 64, "registro", "b.yaml")
    assert leido is not None and leido.ruta == "b.yaml"

    def forma(valor):
        if isinstance(valor, dict):
            return [(forma(k), forma(v)) for k, v in valor.items()]
        if isinstance(valor, list):
            return [forma(v) for v in valor]
        return type(valor), (valor.as_tuple() if isinstance(valor, Decimal) else valor)

    assert forma(leido.datos) == forma(datos)
    assert _etiquetar(datos["raras"]) == {"$dict": [["$decimal", "no es una etiqueta"], [True, None], [{"$date": "2024-01-01"}, 0]]}


# --- 2. Límites antes de trabajar ------------------------------------------------------------------

def test_un_archivo_de_mas_de_5_mb_no_se_lee(ejemplo, monkeypatch):
    compuestos = []
    componer = carga._componer
    monkeypatch.setattr(carga, "_componer", lambda texto: compuestos.append(len(texto)) or componer(texto))
    nuevo = ejemplo / "ciclos/2024/servidores/nuevo.yaml"
    nuevo.write_bytes(b"servidor: {}\n# " + b"x" * (6 * 1_000_000) + b"\n")
    antes = huellas(ejemplo)
    corrida = correr("validar", "--sin-cache")
    assert corrida.codigo == 1
    assert errores_de(corrida, NUEVO) == [
        f"{NUEVO}:1:1: error: el archivo ocupa 6 MB y el máximo es 5 MB: no se lee "
        "(un registro ocupa unos pocos kB; revise que sea el archivo correcto)"
    ]
    assert max(compuestos) < MAXIMO_BYTES
    assert huellas(ejemplo) == antes


@pytest.mark.parametrize("contenido, linea, columna", [
    ("servidor: " + "[" * 30_000 + "\n", 1, 75),
    ("servidor: " + "[" * 30_000 + "]" * 30_000 + "\n", 1, 75),
    ("servidor: " + "{a: " * 30_000 + "\n", 1, 264),
    ("- " * 30_000 + "x\n", 1, 131),
], ids=["corchetes abiertos", "corchetes cerrados", "llaves", "guiones"])
def test_un_anidamiento_enorme_es_un_error_y_no_una_violacion_de_segmento(ejemplo, contenido, linea, columna):
    """Por el ejecutable real: con 30 000 «[» el compositor de libyaml reventaba la pila (código 139)."""
    (ejemplo / "ciclos/2024/servidores/nuevo.yaml").write_text(contenido, encoding="utf-8")
    proceso = subprocess.run([sys.executable, "-m", "generador", "validar", "--sin-cache"], capture_output=True, text=True)
    assert proceso.returncode == 1, proceso.stderr[-2000:]
    assert "Traceback" not in proceso.stderr
    assert (f"{NUEVO}:{linea}:{columna}: error: anidamiento de más de 64 niveles: el archivo no es un registro válido"
            in proceso.stderr.splitlines())


def test_el_anidamiento_se_cuenta_igual_antes_y_despues_de_componer(monkeypatch):
    """El recorrido previo (eventos de libyaml) y el constructor ponen el límite en el mismo valor y el
    mismo lugar: con 64 niveles se lee, con 65 no."""
    def leer(texto: str) -> tuple[bool, list[str]]:
        informe = Informe()
        documento = cargar_texto(texto.encode(), "r.yaml", informe)
        return documento is not None, [str(d) for d in informe.diagnosticos]

    textos = [
        "a: " + "[" * niveles + final + "]" * niveles + "\n# " + "{" * 100
        for niveles in (62, 63, 64, 65, 66) for final in ("", "x", "{b: 1}")
    ]
    textos += ["".join("  " * i + f"n{i}:\n" for i in range(niveles)) + "  " * niveles + "x: 1\n" for niveles in (63, 64, 65)]
    textos += ["- " * niveles + "x\n" for niveles in (63, 64, 65)]
    con_recorrido = [leer(texto) for texto in textos]
    monkeypatch.setattr(carga, "_demasiado_hondo", lambda texto: None)
    assert con_recorrido == [leer(texto) for texto in textos]
    # niveles 62 a 66 con «», «x» y «{b: 1}» al fondo; después, mapeos en bloque y guiones
    si, no = True, False
    assert [leido for leido, _ in con_recorrido] == [si, si, si, si, si, no, si, no, no] + [no] * 6 + [si, no, no] + [si, si, no]


GRANDE = "el número es demasiado grande: se admiten hasta 15 cifras enteras; si es un código o un documento, escríbalo entre comillas"
DECIMALES = "el número tiene más de 4 decimales; redondéelo a 4 como máximo"

CASOS_NUMEROS = [
    ("alcanzado: 40", "alcanzado: 1e999999999", 16, GRANDE),
    ("alcanzado: 40", "alcanzado: " + "9" * 5000, 16, GRANDE),
    ("alcanzado: 40", "alcanzado: !!int abc", 16, "con la etiqueta «!!int» el valor debe ser un número entero"),
    ("alcanzado: 40", "alcanzado: !!float abc", 16, "«abc» no es un número finito"),
    ("alcanzado: 40", "alcanzado: .nan", 16, "«.nan» no es un número finito"),
    ("alcanzado: 40", "alcanzado: 40.12345", 16, DECIMALES),
    ("alcanzado: 40", "alcanzado: 1e-999999999", 16, DECIMALES),
    ("alcanzado: 40", "alcanzado: 1000.5", 16, "«alcanzado» no puede ser mayor que 1000 (Anexo 1)"),
    ("alcanzado: 40", "alcanzado: -1", 16, "«alcanzado» no puede ser menor que 0 (Anexo 1)"),
    ("peso: 100", "peso: 100.0001", 11, "«peso» no puede ser mayor que 100 (Anexo 1)"),
    ("peso: 100", "peso: 1e999999999", 11, GRANDE),
    ("regimen: \"1057\"", "regimen: !!bool abc", 12, "con la etiqueta «!!bool» el valor debe ser true o false"),
]


@pytest.mark.parametrize("viejo, nuevo, columna, mensaje", CASOS_NUMEROS, ids=[c[1][:30] for c in CASOS_NUMEROS])
def test_numeros_acotados(ejemplo, viejo, nuevo, columna, mensaje):
    ruta = ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml"
    linea = linea_de(ruta, viejo)
    editar(ruta, viejo, nuevo)
    antes = huellas(ejemplo)
    corrida = correr("validar", "--sin-cache")
    assert corrida.codigo == 1
    assert errores_de(corrida, SANCHEZ) == [f"{SANCHEZ}:{linea}:{columna}: error: {mensaje}"]
    assert "Traceback" not in corrida.errores
    assert huellas(ejemplo) == antes


def test_un_alcanzado_enorme_no_llega_a_los_pdf(ejemplo, tmp_path):
    editar(ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml", "alcanzado: 40", "alcanzado: 1e999999999")
    corrida = correr("pdf", "--sin-cache", "--salida", str(tmp_path / "pdf"))
    assert corrida.codigo == 1
    assert not (tmp_path / "pdf").exists()


INTERVALO = "está fuera del intervalo admitido, de 1900-01-01 a 2100-12-31"


@pytest.mark.parametrize("archivo, viejo, nuevo, columna, mensaje", [
    ("ciclo.yaml", "  fin: 2025-03-31\n  resolucion", "  fin: 9999-12-31\n  resolucion", 8,
     f"la fecha «9999-12-31» {INTERVALO}"),
    ("ciclo.yaml", "  fin: 2025-03-31\n  resolucion", '  fin: "9999-12-31"\n  resolucion', 8,
     f"«fin»: la fecha «9999-12-31» {INTERVALO}"),
    ("servidores/sanchez-yupanqui-pedro.yaml", "fecha: 2025-01-20", "fecha: 2108-01-20", 10,
     f"la fecha «2108-01-20» {INTERVALO}"),
    ("servidores/sanchez-yupanqui-pedro.yaml", "fecha_inicio_puesto: 2020-02-01", "fecha_inicio_puesto: 1899-12-31", 24,
     f"la fecha «1899-12-31» {INTERVALO}"),
    ("servidores/sanchez-yupanqui-pedro.yaml", "mes_inicio: 2025-04\n  mes_fin", "mes_inicio: 9999-04\n  mes_fin", 15,
     "«mes_inicio»: escriba el mes como AAAA-MM, entre 1900-01 y 2100-12, por ejemplo 2025-04"),
], ids=["fin 9999 (fecha YAML)", "fin 9999 (texto)", "2108", "1899", "mes 9999"])
def test_fechas_entre_1900_y_2100(ejemplo, archivo, viejo, nuevo, columna, mensaje):
    ruta = ejemplo / "ciclos/2024" / archivo
    linea = 1 + ruta.read_text(encoding="utf-8").split(viejo)[0].count("\n")
    editar(ruta, viejo, nuevo)
    corrida = correr("validar", "--sin-cache")
    assert corrida.codigo == 1
    relativa = f"datos/ciclos/2024/{archivo}"
    assert f"{relativa}:{linea}:{columna}: error: {mensaje}" in errores_de(corrida, relativa), corrida.errores


def _con_historial(ruta: Path, forma: str) -> None:
    """Sánchez pasa a «Técnico en Datos Pesqueros», con una observación en ese puesto hace dos ciclos;
    el puesto del historial se escribe en la forma Unicode `forma` (NFD: «e» + tilde combinante)."""
    puesto = unicodedata.normalize(forma, "Técnico en Datos Pesqueros")
    editar(ruta, "puesto: Analista de Datos Pesqueros", "puesto: Técnico en Datos Pesqueros")
    with ruta.open("a", encoding="utf-8") as archivo:
        archivo.write(
            "historial:\n"
            f'  - {{ciclo: "2022", fin: 2023-02-28, puesto: {puesto}, calificacion: sujeto_a_observacion}}\n'
            f'  - {{ciclo: "2023", fin: 2024-02-29, puesto: {puesto}, calificacion: buen_rendimiento}}\n'
        )


def test_un_puesto_en_nfd_es_el_mismo_puesto(ejemplo):
    """Antes, el puesto escrito en NFD no era «el mismo puesto» (7.5.2 d) y un desaprobado quedaba
    como sujeto a observación; ahora los textos se leen en NFC y la calificación no depende de la forma."""
    ruta = ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml"
    original = ruta.read_text(encoding="utf-8")
    _con_historial(ruta, "NFC")
    con_nfc = calificaciones("--sin-cache")
    assert con_nfc["40000002"] == "desaprobado"

    ruta.write_text(original, encoding="utf-8")
    _con_historial(ruta, "NFD")
    assert "e\u0301" in ruta.read_text(encoding="utf-8")
    antes = huellas(ejemplo)
    assert calificaciones("--sin-cache") == con_nfc
    assert huellas(ejemplo) == antes


def test_textos_y_claves_en_nfc():
    informe = Informe()
    documento = cargar_texto("Te\u0301cnico: Mari\u0301a\n".encode(), "r.yaml", informe)
    assert documento.datos == {"Técnico": "María"} and not informe.diagnosticos
    informe = Informe()
    assert cargar_texto("Te\u0301cnico: 1\nTécnico: 2\n".encode(), "r.yaml", informe) is not None
    assert [str(d) for d in informe.diagnosticos] == [
        "r.yaml:2:1: error: clave duplicada «Técnico» (ya aparece en la línea 1); YAML tomaría solo una de las dos"
    ]


CONTROL = "el texto lleva un carácter de control invisible ({}); bórrelo (suele venir de copiar y pegar)"
DIRECCION = ("el texto lleva un control invisible de dirección del texto ({}), que cambia el orden en que se ve; "
             "bórrelo (suele venir de copiar y pegar)")
SEPARADOR = ("el texto lleva un separador de línea o de párrafo Unicode ({}), que no es un salto de línea común; "
             "bórrelo (suele venir de copiar y pegar)")


@pytest.mark.parametrize("valor, mensaje", [
    ("Ana\u202eoremoH", DIRECCION.format("U+202E")),
    ("Ana\u2066x\u2069", DIRECCION.format("U+2066")),
    ('"Ana\\x07"', CONTROL.format("U+0007")),
    ('"Ana\\r"', CONTROL.format("U+000D")),
    ('"Ana\\x9b"', CONTROL.format("U+009B")),
    ('"Ana\\N"', CONTROL.format("U+0085")),
    ('"Ana\\Lx"', SEPARADOR.format("U+2028")),
    ('"Ana\\u2029"', SEPARADOR.format("U+2029")),
], ids=["U+202E", "U+2066", "BEL", "CR", "CSI", "NEL", "U+2028", "U+2029"])
def test_caracteres_de_control(ejemplo, valor, mensaje):
    ruta = ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml"
    linea = linea_de(ruta, "nombres: Pedro Pablo")
    editar(ruta, "nombres: Pedro Pablo", f"nombres: {valor}")
    corrida = correr("validar", "--sin-cache")
    assert corrida.codigo == 1
    assert errores_de(corrida, SANCHEZ) == [f"{SANCHEZ}:{linea}:12: error: {mensaje}"]


def test_tabulador_y_salto_de_linea_se_admiten_en_un_texto(ejemplo):
    ruta = ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml"
    editar(ruta, "nombres: Pedro Pablo", 'nombres: "Pedro\\tPablo"\n  profesion: |\n    Economista\n    Magíster')
    assert correr("validar", "--sin-cache").codigo == 0


# --- 3. Nombres de archivo de registro -------------------------------------------------------------

def _copia_con_otro_documento(ejemplo: Path, nombre: str) -> Path:
    origen = ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    destino = origen.with_name(nombre)
    destino.write_text(origen.read_text(encoding="utf-8").replace('"41234567"', '"41234599"'), encoding="utf-8")
    return destino


@pytest.mark.parametrize("nombre, mensaje", [
    ("quispe-mamani-rosa.yml",
     "ya hay un registro con el nombre «quispe-mamani-rosa» (quispe-mamani-rosa.yaml): los dos tendrían la misma "
     "carpeta de legajo; deje uno solo o cambie el nombre de uno. Este archivo no se leyó"),
    ("anexo-7-flujograma.pdf.yaml",
     "el nombre no puede terminar en «.pdf.yaml»: la carpeta de su legajo chocaría con los PDF del ciclo "
     "(como anexo-7-flujograma.pdf); cámbielo. El archivo no se leyó"),
    ("Pérez Rosa.yaml",
     "nombre de archivo no admitido: use minúsculas sin tildes, cifras, «-», «_» o «.», empezando por una letra o "
     "una cifra (por ejemplo quispe-mamani-rosa.yaml); el nombre es también el de la carpeta de su legajo. "
     "El archivo no se leyó"),
    (".oculto.yaml",
     "nombre de archivo no admitido: use minúsculas sin tildes, cifras, «-», «_» o «.», empezando por una letra o "
     "una cifra (por ejemplo quispe-mamani-rosa.yaml); el nombre es también el de la carpeta de su legajo. "
     "El archivo no se leyó"),
], ids=["x.yaml y x.yml", "anexo-7-flujograma.pdf.yaml", "mayúsculas y espacio", "oculto"])
def test_nombres_de_registro_que_chocarian_en_la_salida(ejemplo, tmp_path, nombre, mensaje):
    """Antes, `pdf` terminaba en un error interno (FileExistsError, IsADirectoryError) tras componer."""
    _copia_con_otro_documento(ejemplo, nombre)
    antes = huellas(ejemplo)
    corrida = correr("validar", "--sin-cache")
    assert corrida.codigo == 1
    ruta = f"{SERVIDORES}/{nombre}"
    assert errores_de(corrida, ruta) == [f"{ruta}:1:1: error: {mensaje}"]
    corrida = correr("pdf", "--sin-cache", "--salida", str(tmp_path / "pdf"))
    assert corrida.codigo == 1 and "error interno" not in corrida.errores
    assert not (tmp_path / "pdf").exists()
    assert huellas(ejemplo) == antes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="tuberías POSIX")
def test_lo_que_no_es_un_archivo_comun_se_informa_y_no_se_espera(ejemplo, tmp_path):
    """Una tubería con nombre de registro (o en la caché) dejaba al programa esperando; un enlace roto
    o una carpeta con nombre de registro se saltaban en silencio: un registro menos sin aviso."""
    servidores = ejemplo / "ciclos/2024/servidores"
    os.mkfifo(servidores / "tubo.yaml")
    (servidores / "roto.yaml").symlink_to(tmp_path / "no-existe.yaml")
    (servidores / "carpeta.yaml").mkdir()
    cache = tmp_path / "cache"
    correr("validar", "--cache", str(cache))
    registro = servidores / "quispe-mamani-rosa.yaml"
    destino = _ruta_en_cache(cache, registro)
    destino.unlink()
    os.mkfifo(destino)
    proceso = subprocess.run([sys.executable, "-m", "generador", "validar", "--cache", str(cache)],
                             capture_output=True, text=True, timeout=60)
    assert proceso.returncode == 1
    errores = [linea for linea in proceso.stderr.splitlines() if ": error: " in linea]
    assert errores == [
        f"{SERVIDORES}/carpeta.yaml: error: no se puede leer el archivo: {os.strerror(errno.EISDIR)}",
        f"{SERVIDORES}/roto.yaml: error: no se puede leer el archivo: {os.strerror(errno.ENOENT)}",
        f"{SERVIDORES}/tubo.yaml:1:1: error: no es un archivo común (es una tubería, un dispositivo o una carpeta)",
    ], proceso.stderr


@pytest.mark.parametrize("politica, registro, campo, texto", [
    ("imarpe-2018", "ciclos/2024/servidores/cabrera-soto-milagros.yaml", "nombres", "Milagros"),
    ("empresa", "ciclos/2025/servidores/aguirre-c.yaml", "apellidos", "Aguirre Solís"),
])
def test_una_fecha_sin_comillas_donde_va_un_texto(tmp_path, monkeypatch, politica, registro, campo, texto):
    """`nombres: 2000-01-01` es una fecha para YAML: pasaba el esquema (en JSON es un texto) y `calificar
    --formato json` terminaba en un defecto. Ahora es un error con su ubicación."""
    datos = tmp_path / "datos"
    shutil.copytree(EJEMPLO if politica == "imarpe-2018" else EMPRESA, datos)
    monkeypatch.chdir(tmp_path)
    editar(datos / registro, f"  {campo}: {texto}\n", f"  {campo}: 2000-01-01\n")
    linea = linea_de(datos / registro, f"{campo}: 2000-01-01")
    for orden in (["validar"], ["calificar", "--formato", "json"]):
        corrida = correr(*orden, "--sin-cache")
        assert corrida.codigo == 1, corrida.errores
        assert (f"datos/{registro}:{linea}:{len(campo) + 5}: error: «{campo}»: aquí va un texto y YAML lo leyó como "
                'una fecha; escríbalo entre comillas: "2000-01-01"') in corrida.lineas_error
        assert corrida.salida == ""
