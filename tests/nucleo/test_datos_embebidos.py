"""El ejemplo embebido en datos/: válido, con los casos de historial que la norma prevé."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conftest import DATOS_EMBEBIDOS, RAIZ, correr
from generador.carga import a_json, cargar
from generador.diagnosticos import Informe


def test_datos_validos_con_sus_advertencias(embebidos):
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[-2:] == ["0 errores, 3 advertencias", "Datos válidos: 2 ciclos, 86 registros."]


@pytest.fixture(scope="module")
def calificaciones_2025():
    corrida = correr("calificar", "--datos", str(DATOS_EMBEBIDOS), "--ciclo", "2025", "--formato", "json")
    assert corrida.codigo == 0, corrida.errores
    return {f["documento"]: f for f in json.loads(corrida.salida)}


@pytest.mark.parametrize("documento, calificacion, por_que", [
    ("45345768", "desaprobado", "sujeto a observación en 2024 (confirmado por el CIE) y otra vez en 2025"),
    ("47567980", "sujeto_a_observacion", "la observación de 2024 no la confirmó el CIE: no cuenta"),
    ("47347859", "desaprobado", "observación en el mismo puesto en el ciclo 2022 (historial), dentro de cinco años"),
    ("45125637", "sujeto_a_observacion", "la observación del ciclo 2019 quedó fuera de los cinco años"),
    ("40569071", "desaprobado", "negativa a participar comprobada por la AFRH"),
    ("40123987", "rendimiento_distinguido", "designado por la Junta"),
    ("43014425", "buen_rendimiento", "observado en 2024, mejora en 2025"),
    ("41781192", None, "ingresó a mitad de ciclo: aún sin evaluación"),
    ("42781293", None, "solo tiene metas fijadas"),
    ("40670081", None, "solo figura en la lista de participantes"),
])
def test_casos_de_historial(calificaciones_2025, documento, calificacion, por_que):
    assert calificaciones_2025[documento]["calificacion"] == calificacion, por_que


def test_cuatro_segmentos_y_al_menos_cuarenta_servidores(calificaciones_2025):
    assert len(calificaciones_2025) >= 40
    assert {f["segmento"] for f in calificaciones_2025.values()} == {"directivo", "mando_medio", "ejecutor", "operador_asistencia"}
    assert sum(f["calificacion"] == "rendimiento_distinguido" for f in calificaciones_2025.values()) == 1


def _archivos():
    """Cada archivo de datos/ (la entidad pública) y de datos/empresa/ (la empresa), con su esquema."""
    for raiz, sufijo in ((DATOS_EMBEBIDOS, ""), (DATOS_EMBEBIDOS / "empresa", "-ponderado")):
        yield raiz / "entidad.yaml", "entidad"
        for ciclo in sorted((raiz / "ciclos").iterdir()):
            yield ciclo / "ciclo.yaml", "ciclo" + sufijo
            for registro in sorted((ciclo / "servidores").glob("*.yaml")):
                yield registro, "registro" + sufijo


@pytest.mark.parametrize("ruta, esquema", list(_archivos()), ids=lambda v: getattr(v, "name", v))
def test_cada_archivo_cumple_su_esquema_publicado(ruta, esquema):
    """El mismo JSON Schema que usan los editores acepta cada archivo, y el archivo lo referencia."""
    primera = ruta.read_text(encoding="utf-8").splitlines()[0]
    referencia = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", primera)
    assert referencia, f"{ruta} no declara su esquema en la primera línea"
    archivo_esquema = (ruta.parent / referencia.group(1)).resolve()
    assert archivo_esquema == (RAIZ / "generador" / "esquemas" / f"{esquema}.schema.json").resolve()
    documento = cargar(ruta, Informe())
    validador = Draft202012Validator(json.loads(archivo_esquema.read_text(encoding="utf-8")), format_checker=FormatChecker())
    errores = [e.message for e in validador.iter_errors(a_json(documento.datos))]
    assert errores == []
