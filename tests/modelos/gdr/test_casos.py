"""Los ejemplos de casos.md (servir-2025) de punta a punta, por la línea de órdenes.

tests/datos/servir-2025-casos/ es una entidad mínima con un ciclo 2025 y un registro por caso (E01a … E17b y X1;
el nombre del archivo es el del caso). `generador calificar --formato json` debe dar, para cada servidor, las
cifras de casos.md: cada puntaje y la puntuación final con dos decimales ROUND_HALF_UP del valor exacto (la
final, de la suma exacta: la Tabla 7 da 105.48 y no 105.47), la calificación decidida sobre el total exacto y si
es candidato a distinguido. Los casos que terminan en error (E06, E07, E13, E18 y X2) están en
tests/datos/servir-2025-casos/errores/: cada uno se copia solo en una copia temporal del ciclo, porque con un
error `validar` y `calificar` no califican a nadie.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import PRUEBAS, correr, editar, linea_de
from generador.diagnosticos import Informe
from generador.validacion import validar

CASOS = PRUEBAS / "datos" / "servir-2025-casos"
CICLO = "datos/ciclos/2025/ciclo.yaml"
SERVIDORES = "datos/ciclos/2025/servidores/"

# documento: (caso, puntajes por meta, puntaje final, calificación, candidato a distinguido) — casos.md
ESPERADO = {
    "10000101": ("E01a", ["41.33", "42.00", "22.14"], "105.48", "buen_rendimiento", True),
    "10000102": ("E01b", ["41.33", "42.00", "22.14"], "105.48", "rendimiento_distinguido", True),
    "10000200": ("E02", ["55.00", "40.00"], "95.00", "buen_rendimiento", False),
    "10000300": ("E03", ["0.00", "0.00", "40.00"], "40.00", "sujeto_a_observacion", False),
    "10000400": ("E04", ["36.00", "36.00", "40.00"], "112.00", "buen_rendimiento", True),
    "10000500": ("E05", ["48.00", "36.00"], "84.00", "buen_rendimiento", False),
    "10000800": ("E08", ["40.00", "30.00"], "70.00", "buen_rendimiento", False),
    "10000900": ("E09", ["39.99", "30.00"], "69.99", "sujeto_a_observacion", False),
    "10001000": ("E10", ["29.33", "26.60", "14.06"], "70.00", "sujeto_a_observacion", False),
    "10001100": ("E11", ["56.67", "13.33"], "70.00", "buen_rendimiento", False),
    "10001201": ("E12a", ["40.00", "35.00", "25.00"], "100.00", "rendimiento_distinguido", True),
    "10001202": ("E12b", ["40.00", "35.00", "25.00"], "100.00", "buen_rendimiento", True),
    "10001400": ("E14", ["90.00"], "90.00", "no_corresponde", False),
    "10001501": ("E15a", ["100.00"], "100.00", "desaprobado", False),
    "10001502": ("E15b", ["100.00"], "100.00", "desaprobado", False),
    "10001600": ("E16", [None], None, "desaprobado", False),
    "10001701": ("E17a", ["59.99"], "59.99", "sujeto_a_observacion", False),
    "10001702": ("E17b", ["60.00"], "60.00", "buen_rendimiento", False),
    "10009001": ("X1", ["103.33"], "103.33", "buen_rendimiento", True),
}
# La suma exacta de F!D35 (puntaje_final_exacto), donde casos.md la da.
EXACTO = {"E01a": "2215/21", "E01b": "2215/21", "E02": "95", "E03": "40", "E04": "112", "E05": "84", "E08": "70",
          "E09": "6999/100", "E10": "16799/240", "E11": "70", "E12a": "100", "E12b": "100", "E14": "90",
          "E15a": "100", "E15b": "100", "E17a": "5999/100", "E17b": "60", "X1": "310/3"}
COMILLA = '"'
NOTA_E10 = "la puntuación 70.00 está redondeada; el valor exacto 69.9958… no alcanza el umbral 70 (F!G35)"


def _centesimos(valor: Fraction) -> Decimal:
    """ROUND_HALF_UP a dos decimales, exacto: piso(100·x + 1/2) / 100 (valores ≥ 0)."""
    return (Decimal((valor * 100 + Fraction(1, 2)).__floor__()) / 100).quantize(Decimal("0.01"))


def _decimal(valor):
    return None if valor is None else str(valor)


@pytest.fixture(scope="module")
def calificados(tmp_path_factory) -> dict[str, dict]:
    """{caso: fila de `calificar --formato json`}, con las cifras como Decimal escrito (42.00 sigue siendo «42.00»)."""
    raiz = tmp_path_factory.mktemp("casos") / "datos"
    shutil.copytree(CASOS, raiz)
    corrida = correr("calificar", "--datos", str(raiz), "--formato", "json", "--sin-cache")
    assert corrida.codigo == 0, corrida.errores
    filas = json.loads(corrida.salida, parse_float=Decimal)
    por_caso = {}
    for fila in filas:
        assert fila["documento"] in ESPERADO, fila["documento"]
        por_caso[ESPERADO[fila["documento"]][0]] = fila
    return por_caso


def test_cada_caso_tiene_su_registro_y_su_fila(calificados):
    assert sorted(calificados) == sorted(caso for caso, *_ in ESPERADO.values())
    archivos = {p.stem for p in (CASOS / "ciclos" / "2025" / "servidores").glob("*.yaml")}
    assert archivos == {caso.lower() for caso, *_ in ESPERADO.values()}


@pytest.mark.parametrize("documento", ESPERADO, ids=[v[0] for v in ESPERADO.values()])
def test_calificar_da_las_cifras_de_casos_md(calificados, documento):
    caso, puntajes, final, calificacion, candidato = ESPERADO[documento]
    fila = calificados[caso]
    assert fila["documento"] == documento
    assert [_decimal(p) for p in fila["puntajes_metas"]] == puntajes
    assert _decimal(fila["puntaje_final"]) == final
    assert fila["calificacion"] == calificacion
    assert fila["candidato_distinguido"] is candidato
    assert fila["puntaje_final_exacto"] == EXACTO.get(caso)
    if final is not None:  # lo impreso es ROUND_HALF_UP a dos decimales de la suma exacta
        assert Decimal(final) == _centesimos(Fraction(fila["puntaje_final_exacto"]))
    assert fila["faltantes"] == []


def test_e01_imprime_105_48_y_no_la_suma_de_las_partes(calificados):
    fila = calificados["E01a"]
    assert sum(fila["puntajes_metas"]) == Decimal("105.47")
    assert fila["puntaje_final"] == Decimal("105.48")


def test_e10_imprime_70_00_con_una_nota_y_es_observacion(calificados):
    fila = calificados["E10"]
    assert fila["nota"] == NOTA_E10
    assert fila["calificacion"] == "sujeto_a_observacion"
    assert [c for c, f in calificados.items() if f["nota"]] == ["E10"]


def test_e11_es_70_exacto_con_fracciones(calificados):
    assert calificados["E11"]["puntaje_final_exacto"] == "70"
    assert calificados["E11"]["calificacion"] == "buen_rendimiento"


def test_e12_la_junta_decide_entre_distinguido_y_buen_rendimiento(calificados):
    assert calificados["E12a"]["designado"] is True and calificados["E12b"]["designado"] is False
    assert calificados["E12a"]["calificacion"] == "rendimiento_distinguido"
    assert calificados["E12b"]["calificacion"] == "buen_rendimiento"
    assert calificados["E01b"]["designado"] is True


def test_e14_calcula_el_puntaje_pero_no_corresponde_calificacion(calificados):
    fila = calificados["E14"]
    assert fila["puntaje_final"] == Decimal("90.00")
    assert fila["calificacion"] == fila["calificacion_formato"] == "no_corresponde"
    assert fila["candidato_distinguido"] is False


def test_e15_desaprobado_aunque_el_puntaje_llegue_a_100(calificados):
    for caso in ("E15a", "E15b"):
        assert calificados[caso]["puntaje_final"] == Decimal("100.00")
        assert calificados[caso]["calificacion"] == "desaprobado"
        assert calificados[caso]["candidato_distinguido"] is False


def test_e16_sin_evidencias_no_tiene_puntajes_y_es_desaprobado(calificados):
    fila = calificados["E16"]
    assert fila["puntajes_metas"] == [None]
    assert fila["puntaje_final"] is None and fila["puntaje_final_exacto"] is None
    assert fila["calificacion"] == "desaprobado"


def test_x1_el_sentido_con_un_espacio_delante_es_ascendente(calificados):
    assert calificados["X1"]["puntajes_metas"] == [Decimal("103.33")]  # no 96.67, como la hoja con « Ascendente»


def test_validar_los_casos_solo_advierte_el_desaprobado_de_e15b(casos):
    """E15b: desaprobado (paso 1 antes que el 3) y una advertencia; E14 no advierte nada (su «menos de seis
    meses» declarado coincide con la fecha de inicio en el puesto)."""
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 0, corrida.errores
    e15b = Path(SERVIDORES + "e15b.yaml")
    linea = linea_de(e15b, "fijacion_metas:")
    assert corrida.lineas_error[:-2] == [
        f"{e15b}:{linea}:1: advertencia: desaprobado automático aplicado a un servidor con menos de seis meses en el "
        "puesto (la hoja decide primero el desaprobado); confírmelo con la ORH (sin texto de D2020 8.4) (F!G35)"]
    assert corrida.lineas_error[-2] == "0 errores, 1 advertencia"
    assert "Traceback" not in corrida.errores


def test_calificar_en_tabla_marca_la_nota_de_e10(casos):
    corrida = correr("calificar", "--datos", "datos")
    assert corrida.codigo == 0
    assert f"* 10001000: {NOTA_E10}" in corrida.salida.splitlines()
    assert "Caso E01a, Alicia" in corrida.salida and "105.48" in corrida.salida and "105.47" not in corrida.salida


def test_calificar_en_csv_da_las_mismas_cifras(casos):
    corrida = correr("calificar", "--datos", "datos", "--formato", "csv")
    assert corrida.codigo == 0
    lineas = corrida.salida.splitlines()
    e01 = next(linea for linea in lineas if linea.startswith("10000101"))
    assert "105.48" in e01 and "buen_rendimiento" in e01


# --- Los casos que terminan en error --------------------------------------------------------------------------

def _con_caso(datos: Path, archivo: str, designar: str | None = None) -> Path:
    """Agrega al ciclo el registro de errores/<archivo> (y, si se pide, lo designa la Junta)."""
    destino = datos / "ciclos" / "2025" / "servidores" / archivo
    shutil.copy(CASOS / "errores" / archivo, destino)
    if designar:
        editar(datos / "ciclos" / "2025" / "ciclo.yaml", '    - "10001201"   # E12a',
               f'    - "10001201"   # E12a\n    - "{designar}"')
    return Path(SERVIDORES + archivo)


def _donde(ruta: Path | str, texto: str, desde: str | None = None) -> str:
    """«ruta:línea:columna» del valor que empieza en `desde` (o de `texto`) en la línea única que contiene `texto`
    («metas:», que también está en «fijacion_metas:», es la línea que empieza así)."""
    ruta = Path(ruta)
    if texto == "metas:":
        lineas = ruta.read_text(encoding="utf-8").splitlines()
        linea = lineas.index("metas:") + 1
        assert lineas.count("metas:") == 1
    else:
        linea = linea_de(ruta, texto)
    contenido = ruta.read_text(encoding="utf-8").splitlines()[linea - 1]
    return f"{ruta}:{linea}:{contenido.index(desde if desde is not None else texto) + 1}"


def _errores(corrida) -> list[str]:
    return [linea for linea in corrida.lineas_error if ": error: " in linea]


def _resultado(datos: Path, documento: str):
    informe = Informe()
    _, resultados = validar(datos, informe)
    return resultados["2025"][documento]


def test_e06_pesos_que_suman_80_son_un_error_y_no_hay_calificacion(casos):
    ruta = _con_caso(casos, "e06.yaml")
    for argumentos in (["validar"], ["calificar", "--formato", "json"]):
        corrida = correr(*argumentos, "--datos", "datos")
        assert corrida.codigo == 1
        if argumentos[0] == "calificar":
            assert corrida.salida == ""  # ninguna calificación, ni siquiera la de los demás
        assert _errores(corrida) == [
            f"{_donde(ruta, 'metas:')}: error: los pesos de las metas suman 80; deben sumar 100 (I!E31)"]
        assert "Traceback" not in corrida.errores
    resultado = _resultado(casos, "10000600")
    assert resultado.calificacion is None and resultado.total is None


def test_e07_pesos_que_suman_120_con_la_junta_son_un_error_y_no_hay_calificacion(casos):
    ruta = _con_caso(casos, "e07.yaml", designar="10000700")
    designado = '"10000700"'
    corrida = correr("calificar", "--datos", "datos", "--formato", "json")
    assert corrida.codigo == 1 and corrida.salida == ""
    assert _errores(corrida) == [
        f"{_donde(CICLO, designado)}: error: la Junta designó a un servidor que aún no tiene puntuación final "
        "(F!G35; I!E55)",
        f"{_donde(ruta, 'metas:')}: error: los pesos de las metas suman 120; deben sumar 100 (I!E31)"]
    resultado = _resultado(casos, "10000700")
    assert resultado.calificacion is None and resultado.total is None
    assert resultado.designado is True and not resultado.candidato


def test_e13_la_junta_designa_a_quien_no_llega_a_100(casos):
    _con_caso(casos, "e13.yaml", designar="10001300")
    designado = '"10001300"'
    corrida = correr("calificar", "--datos", "datos", "--formato", "json")
    assert corrida.codigo == 1 and corrida.salida == ""
    errores = _errores(corrida)
    assert len(errores) == 1
    assert errores[0].startswith(f"{_donde(CICLO, designado)}: error: la Junta designó a un servidor que no es "
                                 "candidato (total < 100, F!G35)")
    resultado = _resultado(casos, "10001300")
    assert resultado.total == Fraction("99.99")  # 39.99 + 35 + 25
    assert resultado.calificacion == "buen_rendimiento" and not resultado.candidato


def test_e18_metas_defectuosas_son_tres_errores_y_no_hay_calificacion(casos):
    ruta = _con_caso(casos, "e18.yaml")
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 1
    assert _errores(corrida) == [
        f"{_donde(ruta, '  - indicador: Visitas', 'indicador')}: error: meta 2: falta el valor "
        "alcanzado y las otras metas ya lo tienen (la hoja la contaría como 0) (F!M21; F!D35)",
        f"{_donde(ruta, 'valor_esperado: 0', '0')}: error: meta 3: el valor esperado debe ser mayor que 0 (la hoja "
        "dejaría esta meta fuera del total sin avisar) (I!E30; F!N21)",
        f"{_donde(ruta, '[Seleccione]', COMILLA)}: error: meta 4: sentido «[Seleccione]» desconocido; escriba "
        "ascendente o descendente (la hoja calcularía cualquier otro texto como descendente) (F!E21; I!E29)"]
    resultado = _resultado(casos, "10001800")
    assert resultado.calificacion is None and resultado.total is None
    assert all(m.puntaje is None for m in resultado.metas)  # ni siquiera la meta 1 (la hoja daría 50 en total)


def test_x2_meta_sin_sentido_es_un_error_y_no_puntua_menos_20(casos):
    ruta = _con_caso(casos, "x2.yaml")
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 1
    assert _errores(corrida) == [
        f"{_donde(ruta, 'sentido:', COMILLA)}: error: meta 1: meta sin sentido; escriba ascendente o descendente (la "
        "hoja calcularía cualquier otro texto como descendente) (F!E21; I!E29)"]
    resultado = _resultado(casos, "10009002")
    assert resultado.calificacion is None and resultado.total is None and resultado.metas[0].puntaje is None
