"""La política «empresa» (modelo ponderado) de punta a punta, por la línea de órdenes.

- Casos con las cuentas hechas a mano (tests/casos_empresa/<regla>.yaml: nombre / entrada / salida):
  cada caso es un registro que se escribe en una empresa mínima (tests/datos/empresa-base) y se
  califica con `generador calificar --formato json`.
- La empresa de ejemplo de datos/empresa: validar, calificar, mensajes de error, órdenes que no admite.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest
from ruamel.yaml import YAML

from conftest import EMPRESA, PRUEBAS, casos_yaml, correr, editar, linea_de, politica_de_prueba

BASE = PRUEBAS / "datos" / "empresa-base"
CASOS = PRUEBAS / "casos_empresa"


@pytest.mark.parametrize("regla, caso", list(casos_yaml(CASOS)))
def test_caso_calculado_a_mano(regla, caso, tmp_path):
    datos = tmp_path / "datos"
    shutil.copytree(BASE, datos)
    registro = {"colaborador": {"nombres": "Caso", "apellidos": "De Prueba", "documento": "50000001", "puesto": "Puesto",
                                **caso["entrada"]["colaborador"]},
                **{k: v for k, v in caso["entrada"].items() if k != "colaborador"}}
    yaml = YAML()
    (datos / "ciclos/2025/servidores").mkdir()
    with open(datos / "ciclos/2025/servidores/caso.yaml", "w", encoding="utf-8") as archivo:
        yaml.dump(registro, archivo)
    corrida = correr("calificar", "--datos", str(datos), "--formato", "json")
    assert corrida.codigo == 0, corrida.errores
    fila = json.loads(corrida.salida, parse_float=Decimal)[0]
    for campo, esperado in caso["salida"].items():
        obtenido = fila[campo]
        if isinstance(obtenido, Decimal):
            obtenido = f"{obtenido:.2f}"
        assert obtenido == esperado, campo


# --- La empresa de ejemplo -------------------------------------------------------------------------

def test_la_empresa_de_ejemplo_es_valida_con_sus_registros_mensuales_faltantes():
    corrida = correr("validar", "--datos", str(EMPRESA))
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[-2:] == ["0 errores, 5 advertencias", "Datos válidos: 1 ciclo, 29 registros."]
    faltas = [l for l in corrida.lineas_error if "falta el registro mensual" in l]
    assert len(faltas) == 5
    assert any("flores-g.yaml" in l and "abril de 2025, mayo de 2025, agosto de 2025 (evaluador: " in l
               and "empresa/ciclos/2025/servidores/vargas-l.yaml)" in l
               and l.endswith("(Políticas 22 y 23; Procedimientos (Recursos Humanos))") for l in faltas)


@pytest.fixture(scope="module")
def calificaciones():
    corrida = correr("calificar", "--datos", str(EMPRESA), "--formato", "json")
    assert corrida.codigo == 0, corrida.errores
    return {f["documento"]: f for f in json.loads(corrida.salida, parse_float=Decimal)}


def test_la_empresa_tiene_tres_niveles_dos_departamentos_y_unos_treinta_colaboradores(calificaciones):
    assert 25 <= len(calificaciones) <= 35
    assert {f["nivel"] for f in calificaciones.values()} == {"ejecutivo", "mando_medio", "apoyo_servicio"}
    assert {f["departamento"] for f in calificaciones.values()} == {"COM", "OPE"}
    assert sum(f["evaluadores"] > 1 for f in calificaciones.values()) == 3  # dos líneas funcionales y un cambio de área
    estados = [f["estado"] for f in calificaciones.values()]
    assert estados.count("en_adaptacion") == 2 and estados.count("fuera_de_alcance") == 1


def test_cada_final_se_vuelve_a_sumar_a_mano(calificaciones):
    """Subtotal = porcentaje × peso / 100 (dos decimales) y final = suma de los subtotales, para todos."""
    calificados = [f for f in calificaciones.values() if f["estado"] == "calificado"]
    assert len(calificados) == 26
    for fila in calificados:
        suma = Decimal(0)
        for parte in ("objetivos", "competencias", "servicio"):
            if fila[parte] is None:
                continue
            subtotal = (fila[parte] * fila[f"peso_{parte}"] / 100).quantize(Decimal("0.01"), "ROUND_HALF_UP")
            assert subtotal == fila[f"subtotal_{parte}"], (fila["documento"], parte)
            suma += subtotal
        assert suma == fila["porcentaje_final"]
        assert sum(fila[f"peso_{p}"] or 0 for p in ("objetivos", "competencias", "servicio")) == 100


def test_la_tabla_muestra_partes_final_y_tramo():
    corrida = correr("calificar", "--datos", str(EMPRESA))
    assert corrida.codigo == 0
    navarro = next(l for l in corrida.salida.splitlines() if l.startswith("20000034"))
    # Jefa actual 88.43 y jefa anterior 73.50 (menos de tres meses en el área): promedio 80.965 → 80.97
    assert "80.97 ×80% = 64.78" in navarro and "82.40 ×20% = 16.48" in navarro
    assert navarro.rstrip().endswith("81.26  Bueno")
    assert "29 colaboradores. Muy bueno: 13; Bueno: 10; Regular: 2; No satisfactorio: 1; En proceso de adaptación: 2; " \
           "Fuera del alcance (no estable): 1." in corrida.salida


def test_csv_con_las_mismas_cifras(calificaciones):
    corrida = correr("calificar", "--datos", str(EMPRESA), "--formato", "csv")
    lineas = corrida.salida.splitlines()
    assert lineas[0].startswith("documento,nombres,apellidos,nivel,departamento,estado,evaluadores,objetivos,")
    zegarra = next(l for l in lineas if l.startswith("30000024,"))
    assert zegarra.endswith(f",{calificaciones['30000024']['porcentaje_final']},no_satisfactorio,seguimiento")


# --- Errores con su ubicación y su referencia ---------------------------------------------------------

def test_falta_el_jefe_anterior_con_menos_de_tres_meses_en_el_area(empresa):
    ruta = empresa / "ciclos/2025/servidores/navarro-s.yaml"
    editar(ruta, "    linea: anterior", "    linea: funcional")
    corrida = correr("validar", "--datos", str(empresa))
    assert corrida.codigo == 1
    linea = linea_de(ruta, "evaluaciones:")
    assert (f"empresa/ciclos/2025/servidores/navarro-s.yaml:{linea}:1: error: tiene menos de tres meses en el área: "
            "la calificación es el promedio del jefe anterior y del actual; falta la evaluación con línea «anterior» "
            "(Políticas 13)") in corrida.lineas_error


def test_pesos_del_acuerdo_que_no_suman_100_y_competencia_mal_escrita(empresa):
    ruta = empresa / "ciclos/2025/servidores/benites-o.yaml"
    editar(ruta, "      peso: 25", "      peso: 20")
    editar(ruta, "      liderazgo: ", "      liderasgo: ")
    corrida = correr("validar", "--datos", str(empresa))
    assert corrida.codigo == 1
    errores = [l for l in corrida.lineas_error if "benites-o.yaml" in l]
    assert any(l.endswith("error: los pesos de los objetivos suman 95, deben sumar 100 (Políticas 7)") for l in errores)
    assert any("error: «liderasgo» no es una competencia del nivel «Ejecutivos»; ¿quiso decir «liderazgo»? "
               "(Definiciones: Competencias)" in l for l in errores)
    assert corrida.lineas_error[-1].startswith("2 errores")


def test_evaluador_que_no_puede_evaluar_y_servicio_ingresado_por_quien_no_corresponde(empresa):
    editar(empresa / "ciclos/2025/servidores/cruz-w.yaml", '  - evaluador: "30000012"', '  - evaluador: "30000022"')
    ciclo = empresa / "ciclos/2025/ciclo.yaml"
    editar(ciclo, '    ingresado_por: "20000011"        # la Directora', '    ingresado_por: "30000011"        # la Directora')
    corrida = correr("validar", "--datos", str(empresa))
    assert corrida.codigo == 1
    assert any("cruz-w.yaml" in l and "error: el evaluador (empresa/ciclos/2025/servidores/salas-t.yaml) es del nivel "
               "«apoyo_servicio» y no puede evaluar: evalúan los ejecutivos y mandos medios con personal a cargo "
               "(Definiciones: Evaluador)" in l for l in corrida.lineas_error)
    linea = linea_de(ciclo, 'ingresado_por: "30000011"')
    assert any(l.startswith(f"empresa/ciclos/2025/ciclo.yaml:{linea}:") and
               "error: el resultado del servicio interno lo ingresa el Director (nivel ejecutivo) de un departamento "
               "que lo evalúa (Políticas 27)" in l for l in corrida.lineas_error)


def test_una_politica_mal_escrita_se_informa_con_su_ubicacion(tmp_path):
    """Los números de la política se revisan al cargarla: un nivel cuyos pesos no suman 100 es un error."""
    from generador import politica as modulo
    carpeta = tmp_path / "politicas"
    shutil.copytree(modulo.carpeta_politicas(), carpeta)
    editar(carpeta / "empresa.yaml", "apoyo_servicio: {competencias: 80, servicio: 20}", "apoyo_servicio: {competencias: 80, servicio: 30}")
    from generador.diagnosticos import Informe, Ubicacion
    informe = Informe()
    original = modulo.carpeta_politicas
    try:
        modulo.carpeta_politicas = lambda: carpeta
        assert modulo.cargar_politica("empresa", informe, Ubicacion("ciclo.yaml")) is None
    finally:
        modulo.carpeta_politicas = original
    assert [d.mensaje for d in informe.errores] == ["los pesos del nivel «apoyo_servicio» no suman 100"]


# --- Calibración (Políticas 15 y 16), con cuentas a mano ---------------------------------------------

def _resultado(departamento: str, parciales: list[tuple[str, str]]):
    """Un calificado de `departamento` con (evaluador, porcentaje de competencias) por evaluación."""
    from types import SimpleNamespace
    from generador.modelos.ponderado.resultados import CALIFICADO, Parcial
    partes = [Parcial(e, "directa", None, Decimal(p)) for e, p in parciales]
    promedio = sum(p.competencias for p in partes) / len(partes)
    return SimpleNamespace(estado=CALIFICADO, departamento=departamento, parciales=partes,
                           partes={"competencias": promedio})


@pytest.mark.parametrize("porcentajes, senal, por_que", [
    (["89", "97.5", "89", "76.5"], "sobrevalora", "3 de 4 en E o MB = 75 %; esperado 10 + 20 = 30 %; 75 − 30 = 45 > 25"),
    (["89", "97.5", "76.5", "76.5"], "", "2 de 4 = 50 %; 50 − 30 = 20, dentro de la tolerancia de 25"),
    (["61.5", "26.5", "61.5", "76.5"], "subvalora", "3 de 4 en R o NS = 75 %; esperado 20 + 10 = 30 %"),
    (["97.5", "97.5"], "", "solo 2 evaluados: menos del mínimo de 3, no se señala"),
])
def test_calibracion_senala_a_quien_se_aparta_de_la_distribucion(porcentajes, senal, por_que):
    from generador.modelos.ponderado import calibracion
    politica = politica_de_prueba("empresa")
    resultados = {str(i): _resultado("COM", [("40000001", p)]) for i, p in enumerate(porcentajes)}
    areas, evaluadores = calibracion.calcular(politica, resultados)
    assert [e.senal for e in evaluadores] == [senal], por_que
    # Por área: evaluados por tramo frente a lo esperado (n × porcentaje esperado / 100).
    assert areas[0].total == len(porcentajes)
    assert sum(areas[0].observados.values()) == len(porcentajes)
    assert areas[0].esperados(politica)["bueno"] == Decimal(40) * len(porcentajes) / 100


def test_un_ciclo_que_no_es_un_mapeo_es_un_error_y_no_una_traza(empresa):
    """La política se busca en ciclo.yaml antes del esquema: un archivo que es una lista no debe romper nada."""
    (empresa / "ciclos/2025/ciclo.yaml").write_text("- a\n- b\n", encoding="utf-8")
    corrida = correr("validar", "--datos", str(empresa))
    assert corrida.codigo == 1
    assert "empresa/ciclos/2025/ciclo.yaml:1:1: error: el archivo debe ser un mapeo de campos «clave: valor»" in corrida.lineas_error


def test_los_mensajes_toman_los_meses_de_la_politica(empresa, tmp_path, monkeypatch):
    """«tres meses» no está escrito en el código: sale de `meses_area_evaluacion_compartida`."""
    from generador import politica as modulo
    from generador.anexos.formato import cantidad
    carpeta = tmp_path / "politicas"
    shutil.copytree(modulo.carpeta_politicas(), carpeta)
    texto = (carpeta / "empresa.yaml").read_text(encoding="utf-8")
    inicio = texto.index("meses_area_evaluacion_compartida:")
    valor = texto.index("valor: 3", inicio)
    (carpeta / "empresa.yaml").write_text(texto[:valor] + "valor: 4" + texto[valor + len("valor: 3"):], encoding="utf-8")
    monkeypatch.setattr(modulo, "carpeta_politicas", lambda: carpeta)
    ruta = empresa / "ciclos/2025/servidores/navarro-s.yaml"
    editar(ruta, "    linea: anterior", "    linea: funcional")
    corrida = correr("validar", "--datos", str(empresa), "--sin-cache")
    assert any("error: tiene menos de cuatro meses en el área: la calificación es el promedio" in l
               for l in corrida.lineas_error), corrida.errores
    assert [cantidad(n, "mes", "meses") for n in (1, 6, 12, 15)] == ["un mes", "seis meses", "doce meses", "15 meses"]
