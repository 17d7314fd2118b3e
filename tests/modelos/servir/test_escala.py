"""Construcción a escala: entidad sintética, procesos en paralelo, fragmentos y reconstrucción incremental.

Aquí se prueba el comportamiento (qué se escribe y qué se reutiliza); los tiempos se miden en `make bench`.
"""

from __future__ import annotations

import hashlib

import pytest

from conftest import correr


def _archivos(carpeta):
    return {p.relative_to(carpeta).as_posix(): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sintetica(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("sintetica") / "datos"
    corrida = correr("sintetico", "--n", "30", "--salida", str(carpeta), "--semilla", "7")
    assert corrida.codigo == 0, corrida.errores
    return carpeta


@pytest.fixture(scope="module")
def completa(sintetica, tmp_path_factory):
    salida = tmp_path_factory.mktemp("completa")
    corrida = correr("pdf", "--datos", str(sintetica), "--salida", str(salida), "-j", "2", "--silencioso")
    assert corrida.codigo == 0, corrida.errores
    return salida / "2025"


def test_la_entidad_sintetica_es_valida_y_determinista(sintetica, tmp_path):
    validacion = correr("validar", "--datos", str(sintetica), "--estricto")
    assert validacion.codigo == 0, validacion.errores
    assert validacion.lineas_error == ["Datos válidos: 1 ciclo, 30 registros."]
    otra = tmp_path / "otra"
    assert correr("sintetico", "--n", "30", "--salida", str(otra), "--semilla", "7").codigo == 0
    assert _archivos(otra) == _archivos(sintetica)
    segmentos = correr("calificar", "--datos", str(sintetica), "--formato", "csv").salida
    for segmento in ("directivo", "mando_medio", "ejecutor", "operador_asistencia"):
        assert f",{segmento}," in segmentos


def test_sintetico_no_sobrescribe_una_carpeta_con_datos(sintetica):
    corrida = correr("sintetico", "--n", "30", "--salida", str(sintetica))
    assert corrida.codigo == 2
    assert corrida.lineas_error[-1] == f"generador sintetico: error: la carpeta «{sintetica}» ya existe y no está vacía"


def test_tres_fragmentos_suman_la_construccion_completa(sintetica, completa, tmp_path):
    for parte in (1, 2, 3):
        corrida = correr("pdf", "--datos", str(sintetica), "--salida", str(tmp_path), "--fragmento", f"{parte}/3",
                         "-j", "2", "--silencioso")
        assert corrida.codigo == 0, corrida.errores
    union, total = _archivos(tmp_path / "2025"), _archivos(completa)
    assert union.keys() == total.keys()
    assert [nombre for nombre in total if union[nombre] != total[nombre]] == []


def test_un_fragmento_hace_solo_su_parte(sintetica, tmp_path):
    assert correr("pdf", "--datos", str(sintetica), "--salida", str(tmp_path), "--fragmento", "2/3", "--silencioso").codigo == 0
    carpetas = sorted(p.name for p in (tmp_path / "2025").iterdir() if p.is_dir())
    assert 0 < len(carpetas) < 30
    assert all(int(hashlib.sha256(c.encode()).hexdigest(), 16) % 3 == 1 for c in carpetas)
    assert not (tmp_path / "2025/anexo-7-flujograma.pdf").exists()  # el flujograma va en el fragmento 1


@pytest.mark.parametrize("texto", ["0/3", "4/3", "tres", "1-3"])
def test_fragmento_mal_escrito(sintetica, tmp_path, texto):
    corrida = correr("pdf", "--datos", str(sintetica), "--salida", str(tmp_path), "--fragmento", texto)
    assert corrida.codigo == 2
    assert "argumento --fragmento:" in corrida.lineas_error[-1]


def test_un_proceso_y_dos_procesos_dan_los_mismos_bytes(sintetica, completa, tmp_path):
    elegidos = sorted(p.name for p in completa.iterdir() if p.is_dir())[:3]
    assert correr("pdf", "--datos", str(sintetica), "--salida", str(tmp_path), "-j", "1", "--silencioso", "--solo", *elegidos).codigo == 0
    for carpeta in elegidos:
        assert _archivos(tmp_path / "2025" / carpeta) == _archivos(completa / carpeta)


def test_reconstruccion_incremental(sintetica, tmp_path):
    import shutil
    datos = tmp_path / "datos"
    shutil.copytree(sintetica, datos)
    salida = tmp_path / "salida"
    assert correr("pdf", "--datos", str(datos), "--salida", str(salida), "--silencioso").codigo == 0
    inodos = {p.relative_to(salida).as_posix(): p.stat().st_ino for p in salida.rglob("*.pdf")}

    sin_cambios = correr("pdf", "--datos", str(datos), "--salida", str(salida), "--silencioso")
    assert "30 legajos, 30 sin cambios desde la corrida anterior: 0 archivos PDF escritos" in sin_cambios.errores

    registros = sorted((datos / "ciclos/2025/servidores").glob("*.yaml"))
    ciclo = (datos / "ciclos/2025/ciclo.yaml").read_text(encoding="utf-8")
    # Se borra un servidor ejecutor (no evalúa a nadie) que no integra el CIE ni la Junta.
    borrado = next(r for r in registros if "segmento: ejecutor" in r.read_text(encoding="utf-8")
                   and r.read_text(encoding="utf-8").split('documento: "')[1][:8] not in ciclo)
    cambiado = next(r for r in registros if r != borrado)
    texto = cambiado.read_text(encoding="utf-8")
    cambiado.write_text(texto.replace("comentarios_evaluado: Conforme.", "comentarios_evaluado: Conforme, con sugerencias."),
                        encoding="utf-8")
    borrado.unlink()
    corrida = correr("pdf", "--datos", str(datos), "--salida", str(salida), "--silencioso")
    assert corrida.codigo == 0, corrida.errores
    assert "29 legajos, 28 sin cambios desde la corrida anterior" in corrida.errores
    despues = {p.relative_to(salida).as_posix(): p.stat().st_ino for p in salida.rglob("*.pdf")}
    assert not any(nombre.startswith(f"2025/{borrado.stem}/") for nombre in despues)  # la salida del registro borrado se fue
    for nombre, inodo in despues.items():
        # Solo lo del registro cambiado se volvió a escribir; lo demás es el mismo archivo de antes.
        assert (inodo == inodos[nombre]) == (not nombre.startswith(f"2025/{cambiado.stem}/")), nombre


def test_progreso_en_ci_y_silencioso(sintetica, tmp_path):
    corrida = correr("pdf", "--datos", str(sintetica), "--salida", str(tmp_path), "-j", "2")
    lineas = [l for l in corrida.lineas_error if "/30 legajos ·" in l]
    assert lineas and lineas[-1].startswith("30/30 legajos ·")  # sin terminal: líneas simples, sin «\r»
    assert "\r" not in corrida.errores
    callado = correr("pdf", "--datos", str(sintetica), "--salida", str(tmp_path / "otra"), "-j", "2", "--silencioso")
    assert not any("legajos ·" in l for l in callado.lineas_error)
