"""Confianza en los datos (issue 12): los diagnósticos no llevan datos personales en ningún modelo, el órgano
de la AFRH se exige solo si entidad.yaml lo declara, y una política mal escrita es una lista de errores
`ruta:línea:columna`, nunca una traza.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import generador.politica as modulo_politica
from conftest import EJEMPLO, EMPRESA, correr, editar, linea_de
from generador.carga import cargar
from generador.diagnosticos import Informe, Ubicacion
from test_validacion import ADVERTENCIAS, ERRORES, _aplicar

POLITICAS = Path(modulo_politica.__file__).parent / "politicas"


# --- 1. Los diagnósticos (stderr) no llevan documentos ni nombres -----------------------------------

def datos_personales(raiz: Path) -> set[str]:
    """Cada documento de 8 cifras escrito en los YAML de `raiz` y el nombre completo (y los apellidos
    compuestos) de cada persona de los registros, de los evaluadores externos y de los firmantes."""
    secretos: set[str] = set()
    for archivo in raiz.rglob("*.yaml"):
        texto = archivo.read_text(encoding="utf-8")
        secretos |= set(re.findall(r"(?<![0-9])[0-9]{8}(?![0-9])", texto))
        documento = cargar(archivo, Informe())
        if documento is None or not isinstance(documento.datos, dict):
            continue
        datos = documento.datos
        personas = [datos.get("servidor"), datos.get("colaborador"), *(datos.get("evaluadores_externos") or [])]
        personas += (datos.get("entidad") or {}).get("firmantes") or []
        for persona in personas:
            if not isinstance(persona, dict):
                continue
            if persona.get("nombres") and persona.get("apellidos"):
                secretos.add(f"{persona['nombres']} {persona['apellidos']}")
            if " " in str(persona.get("apellidos", "")):
                secretos.add(persona["apellidos"])
            if " " in str(persona.get("nombre", "")):
                secretos.add(persona["nombre"])
    return secretos


def sin_datos_personales(raiz: Path, *ordenes: tuple[str, ...]) -> str:
    """Corre cada orden y afirma que su stderr no lleva ningún dato personal de `raiz`; devuelve el stderr."""
    secretos = datos_personales(raiz)
    assert len(secretos) > 20
    todo = ""
    for orden in ordenes:
        corrida = correr(*orden)
        assert corrida.codigo in (0, 1), corrida.errores
        filtrados = [s for s in secretos if s in corrida.errores]
        assert not filtrados, (orden, filtrados, [l for l in corrida.lineas_error if any(s in l for s in filtrados)])
        todo += corrida.errores
    return todo


CICLO_E = "ciclos/2025/ciclo.yaml"
CRUZ = "ciclos/2025/servidores/cruz-w.yaml"     # Wilmer Cruz Mamani, evaluado por Hugo Morales Tapia (30000012)

# (id, ediciones [(archivo bajo empresa/, viejo, nuevo)], lo que debe decir stderr)
MUTACIONES_EMPRESA = [
    ("sin mutación: meses sin registro mensual", [], "falta el registro mensual de incidentes críticos"),
    ("documento de Recursos Humanos desconocido", [(CICLO_E, '["30000014", "30000041"]', '["30000014", "39999991"]')],
     "este documento no es de ninguna persona de este ciclo"),
    ("comité con documento desconocido", [(CICLO_E, '["10000001", "20000011", "30000011"]',
                                           '["10000001", "20000011", "39999993"]')],
     "este documento no es de ninguna persona de este ciclo"),
    ("evaluador sin registro", [(CRUZ, '  - evaluador: "30000012"', '  - evaluador: "39999992"')],
     "el evaluador no tiene registro en este ciclo"),
    ("evaluador que no puede evaluar", [(CRUZ, '  - evaluador: "30000012"', '  - evaluador: "30000022"')],
     "no puede evaluar: evalúan los ejecutivos"),
    ("autoevaluación", [(CRUZ, '  - evaluador: "30000012"', '  - evaluador: "30000021"')], "nadie se evalúa a sí mismo"),
    ("documento repetido", [(CRUZ, 'documento: "30000021"', 'documento: "30000022"')], "el mismo documento ya está en"),
    ("departamento desconocido", [(CRUZ, "departamento: OPE", "departamento: XYZ")], "el departamento «XYZ» no está"),
    ("servicio interno ingresado por quien no corresponde",
     [(CICLO_E, 'ingresado_por: "20000011"        # la Directora', 'ingresado_por: "30000011"        # la Directora')],
     "el resultado del servicio interno lo ingresa el Director"),
    ("servicio externo ingresado fuera de Recursos Humanos",
     [(CICLO_E, 'ingresado_por: "30000041"        # Recursos Humanos', 'ingresado_por: "30000021"')],
     "el resultado del servicio externo lo ingresa Recursos Humanos"),
]


@pytest.mark.parametrize("ediciones, esperado", [pytest.param(e, x, id=n) for n, e, x in MUTACIONES_EMPRESA])
def test_los_mensajes_del_modelo_ponderado_no_llevan_documentos_ni_nombres(empresa, ediciones, esperado):
    for archivo, viejo, nuevo in ediciones:
        editar(empresa / archivo, viejo, nuevo)
    errores = sin_datos_personales(empresa, ("validar", "--datos", str(empresa)),
                                   ("calificar", "--datos", str(empresa), "--formato", "json"))
    assert esperado in errores


def test_el_evaluador_se_senala_por_su_archivo(empresa):
    """Quien no puede evaluar se ubica por la ruta de su registro, no por su nombre ni su documento."""
    editar(empresa / CRUZ, '  - evaluador: "30000012"', '  - evaluador: "30000022"')
    corrida = correr("validar", "--datos", str(empresa))
    linea = linea_de(empresa / CRUZ, '  - evaluador: "30000022"')
    assert (f"empresa/{CRUZ}:{linea}:16: error: el evaluador (empresa/ciclos/2025/servidores/salas-t.yaml) es del "
            "nivel «apoyo_servicio» y no puede evaluar: evalúan los ejecutivos y mandos medios con personal a cargo "
            "(Definiciones: Evaluador)") in corrida.lineas_error


CICLO_S = "ciclos/2025/ciclo.yaml"
AGUILAR = "ciclos/2025/servidores/aguilar-poma-fernando.yaml"   # documento 47567980, evaluador 44456654

MUTACIONES_SERVIR = [
    ("sin mutación", []),
    ("evaluador inexistente", [(AGUILAR, 'evaluador: "44456654"', 'evaluador: "39999999"')]),
    ("autoevaluación", [(AGUILAR, 'evaluador: "44456654"', 'evaluador: "47567980"')]),
    ("documento repetido", [(AGUILAR, 'documento: "47567980"', 'documento: "44456654"')]),
    ("miembro del CIE sin registro", [(CICLO_S, 'afrh: {titular: "10452318"', 'afrh: {titular: "39999998"')]),
    ("miembro de la Junta de otro órgano", [(CICLO_S, 'afrh: "10452318"', 'afrh: "47567980"')]),
    ("cadena circular", [(AGUILAR, 'evaluador: "44456654"', 'evaluador: "47567980"')]),
]


@pytest.mark.parametrize("ediciones", [pytest.param(e, id=n) for n, e in MUTACIONES_SERVIR])
def test_los_mensajes_del_modelo_servir_no_llevan_documentos_ni_nombres(embebidos, ediciones):
    for archivo, viejo, nuevo in ediciones:
        editar(embebidos / archivo, viejo, nuevo)
    sin_datos_personales(embebidos, ("validar", "--datos", str(embebidos)),
                         ("calificar", "--datos", str(embebidos), "--formato", "json"))


@pytest.mark.parametrize("nombre, ediciones, archivo, texto, esperado", ERRORES + ADVERTENCIAS,
                         ids=[c[0] for c in ERRORES + ADVERTENCIAS])
def test_ninguna_regla_del_ejemplo_publico_nombra_a_nadie(ejemplo, nombre, ediciones, archivo, texto, esperado):
    """Cada caso de test_validacion (una regla cada uno), visto desde la confidencialidad."""
    _aplicar(ejemplo, ediciones)
    errores = sin_datos_personales(ejemplo, ("validar",), ("calificar", "--formato", "json"))
    assert esperado in errores


# --- 2. El órgano de la AFRH se exige solo si entidad.yaml lo declara --------------------------------

CICLO = "ciclos/2024/ciclo.yaml"
CABRERA = "ciclos/2024/servidores/cabrera-soto-milagros.yaml"   # 10000003: suplente de la AFRH en el CIE
GONZALES = "ciclos/2024/servidores/gonzales-nique-patricia.yaml"  # 10000002: AFRH en el CIE y en la Junta


def _ubicacion(ruta: Path, texto: str, valor: str) -> str:
    linea = linea_de(ruta, texto)
    columna = ruta.read_text(encoding="utf-8").splitlines()[linea - 1].index(valor) + 1
    return f"datos/{CICLO}:{linea}:{columna}"


def test_sin_organo_rrhh_declarado_la_afrh_puede_ser_de_cualquier_organo(ejemplo):
    """formato.md: una entidad que no declara `organo_rrhh` es válida y no se exige órgano alguno, aunque
    ninguno se llame como el de la política (aquí el área de personal se llama «RRHH»)."""
    assert "organo_rrhh" not in (ejemplo / "entidad.yaml").read_text(encoding="utf-8")
    editar(ejemplo / "entidad.yaml", "    AFRH: Área Funcional de Recursos Humanos", "    RRHH: Recursos Humanos")
    for archivo in (ejemplo / "ciclos/2024/servidores").glob("*.yaml"):
        texto = archivo.read_text(encoding="utf-8")
        archivo.write_text(texto.replace("organo: AFRH", "organo: RRHH"), encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores
    assert "AFRH" not in corrida.errores.replace("(AFRH", "")


def test_sin_organo_rrhh_declarado_no_se_revisa_el_organo_del_miembro(ejemplo):
    editar(ejemplo / CABRERA, "organo: AFRH", "organo: DGIOCC")
    editar(ejemplo / GONZALES, "organo: AFRH", "organo: SG")
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores
    assert "debe pertenecer al órgano" not in corrida.errores


def test_con_organo_rrhh_declarado_el_miembro_de_otro_organo_es_un_error(ejemplo):
    editar(ejemplo / "entidad.yaml", "  organos:", "  organo_rrhh: AFRH\n  organos:")
    editar(ejemplo / CABRERA, "organo: AFRH", "organo: DGIOCC")
    editar(ejemplo / GONZALES, "organo: AFRH", "organo: SG")
    corrida = correr("validar")
    assert corrida.codigo == 1
    cie = _ubicacion(ejemplo / CICLO, '  afrh: {titular: "10000002"', '"10000003"')
    junta = _ubicacion(ejemplo / CICLO, '  afrh: "10000002"', '"10000002"')
    assert f"{cie}: error: el representante de la AFRH debe pertenecer al órgano «AFRH» (6.3)" in corrida.lineas_error
    assert (f"{junta}: error: el miembro de la AFRH en la Junta debe pertenecer al órgano «AFRH» (7.5.2 b)"
            in corrida.lineas_error)


def test_el_organo_declarado_manda_sobre_el_de_la_politica(ejemplo):
    """Declarado «SG»: el miembro del área «AFRH» (el nombre por omisión de la política) ya no sirve."""
    editar(ejemplo / "entidad.yaml", "  organos:", "  organo_rrhh: SG\n  organos:")
    corrida = correr("validar")
    assert corrida.codigo == 1
    assert any(l.endswith("error: el representante de la AFRH debe pertenecer al órgano «SG» (6.3)")
               for l in corrida.lineas_error), corrida.errores


# --- 3. Una política mal escrita: errores con ubicación, todos juntos --------------------------------

@pytest.fixture
def politicas(tmp_path, monkeypatch) -> Path:
    """Una carpeta de políticas propia (copia de generador/politicas) de la que leen la CLI y las pruebas."""
    carpeta = tmp_path / "politicas"
    shutil.copytree(POLITICAS, carpeta)
    monkeypatch.setattr(modulo_politica, "carpeta_politicas", lambda: carpeta)
    return carpeta


def _cargar(clave: str) -> tuple[object, list[str]]:
    informe = Informe()
    politica = modulo_politica.cargar_politica(clave, informe, Ubicacion("prueba"))
    return politica, [str(d) for d in informe.diagnosticos]


def _ubicado(carpeta: Path, clave: str, texto: str, valor: str | None = None) -> str:
    ruta = carpeta / f"{clave}.yaml"
    linea = linea_de(ruta, texto)
    columna = ruta.read_text(encoding="utf-8").splitlines()[linea - 1].index(valor or texto.strip()) + 1
    return f"{ruta}:{linea}:{columna}: error: "


def test_las_politicas_publicadas_se_cargan_sin_diagnosticos(politicas):
    for clave in ("imarpe-2018", "empresa"):
        politica, diagnosticos = _cargar(clave)
        assert politica is not None and diagnosticos == []


@pytest.mark.parametrize("viejo, nuevo, linea, columna, mensaje", [
    ("ejecutor: 60, operador_asistencia: 60}", "ejecutor: 60}", "valor: {directivo: 70", "valor",
     "«umbral_buen_rendimiento»: falta «operador_asistencia» (se necesitan todas: directivo, mando_medio, ejecutor, "
     "operador_asistencia)"),
    ("B: 95", "B: noventa", "B: noventa", "noventa", "«valor_nivel_logro» → B: debe ser un número de 0 a 1000"),
], ids=["umbral sin un segmento", "un número escrito en letras"])
def test_un_problema_de_la_politica_es_un_diagnostico(politicas, viejo, nuevo, linea, columna, mensaje):
    """Antes: KeyError y decimal.InvalidOperation (trazas)."""
    editar(politicas / "imarpe-2018.yaml", viejo, nuevo)
    politica, diagnosticos = _cargar("imarpe-2018")
    assert politica is None
    assert diagnosticos == [_ubicado(politicas, "imarpe-2018", linea, columna) + mensaje]


def test_todos_los_problemas_a_la_vez(politicas):
    ruta = politicas / "imarpe-2018.yaml"
    editar(ruta, "B: 95", "B: noventa")
    editar(ruta, "    valor: 0.5", "    valor: 1.5")
    editar(ruta, "    valor: capacitacion", "    valor: [capacitacion]")
    editar(ruta, "  plazo_notificacion:", "  plazo_notificaciones:")
    editar(ruta, "    valor: 2020-01-01", "    valor: 2020-02-30")
    editar(ruta, "    valor: 6\n    referencia: \"7.3\"", "    valor: 6\n    referencia: \"7.3\"\n    nota: x")
    politica, diagnosticos = _cargar("imarpe-2018")
    assert politica is None
    texto = "\n".join(diagnosticos)
    for esperado in ("«valor_nivel_logro» → B: debe ser un número",
                     "«proporcion_maxima_directivos_junta»: debe ser un número de 0 a 1",
                     "«tipo_accion_observacion»: debe ser uno de: capacitacion, iniciativa",
                     "la política no define «plazo_notificacion» con su «valor» y su «referencia»",
                     "parámetro desconocido «plazo_notificaciones»; ¿quiso decir «plazo_notificacion»?",
                     "la fecha «2020-02-30» no existe en el calendario",
                     "«meses_minimos_seguimiento»: campo desconocido «nota»"):
        assert esperado in texto, texto
    assert len(diagnosticos) == 7, texto
    assert all(re.match(rf"{re.escape(str(ruta))}:\d+:\d+: error: ", d) for d in diagnosticos), texto


@pytest.mark.parametrize("viejo, nuevo, esperado", [
    ("sigla: R,", "sigla: X,", "«escala» → 4 → sigla: debe ser uno de: E, MB, B, R, NS"),
    ("minimo: 84", "minimo: ochenta", "«escala» → 2 → minimo: debe ser un número de 0 a 1000"),
    ("    valor: 1\n    referencia: Políticas 8", "    valor: 13\n    referencia: Políticas 8",
     "«mes_acuerdo»: debe ser un número entero de 1 a 12"),
    ("plantilla: ponderado/entrevista.html.j2", "plantilla: ../../etc/passwd.html.j2",
     "«formularios» → 4 → plantilla: el texto no tiene la forma esperada"),
    ("plantilla: ponderado/entrevista.html.j2", "plantilla: ponderado/no_existe.html.j2",
     "«formularios»: no existe la plantilla «ponderado/no_existe.html.j2»"),
    ("      seguimiento: Seguimiento durante", "      seguimiento_x: Seguimiento durante",
     "«consecuencias»: «seguimiento» no está en «nombres_consecuencias»"),
    ("peso: 30,\n", "peso: treinta,\n", "«competencias» → ejecutivo → 1 → peso: debe ser un número de 0 a 1000"),
    ("      anterior: Jefe anterior (menos de tres meses en el área)\n", "",
     "«lineas_reporte»: falta «anterior»"),
    ("{clave: acuerdo, anexo: \"3\"", "{clave: ../acuerdo, anexo: \"3\"",
     "«formularios» → 1 → clave: el texto no tiene la forma esperada"),
])
def test_politica_ponderada_mal_escrita(politicas, viejo, nuevo, esperado):
    editar(politicas / "empresa.yaml", viejo, nuevo)
    politica, diagnosticos = _cargar("empresa")
    assert politica is None
    assert any(esperado in d for d in diagnosticos), diagnosticos
    assert all(re.match(rf"{re.escape(str(politicas / 'empresa.yaml'))}:\d+:\d+: error: ", d) for d in diagnosticos)


@pytest.mark.parametrize("texto, esperado", [
    ("- una\n- lista\n", "la política es un mapeo con «politica» (cabecera) y «parametros»"),
    ("politica: {clave: x}\n", "falta «parametros»"),
    ("politica: {clave: x, modelo: [servir]}\nparametros: {}\n", "modelo desconocido"),
    ("politica: {clave: x, modelo: ponderado}\nparametros: {niveles: 3}\nextra: 1\n", "clave desconocida «extra»"),
])
def test_archivo_de_politica_sin_la_forma_de_una_politica(politicas, texto, esperado):
    (politicas / "rota.yaml").write_text(texto, encoding="utf-8")
    politica, diagnosticos = _cargar("rota")
    assert politica is None
    assert any(esperado in d for d in diagnosticos), diagnosticos


def test_el_ciclo_que_pide_una_politica_rota_recibe_sus_errores(politicas, ejemplo):
    """La CLI: el ciclo que usa la política rota no se valida; se informan los errores de la política."""
    editar(politicas / "imarpe-2018.yaml", "ejecutor: 60, operador_asistencia: 60}", "ejecutor: 60}")
    editar(politicas / "imarpe-2018.yaml", "B: 95", "B: noventa")
    for orden in (("validar",), ("calificar", "--formato", "json")):
        corrida = correr(*orden)
        assert corrida.codigo == 1, corrida.errores
        assert "Traceback" not in corrida.errores and "error interno" not in corrida.errores
        assert sum(l.startswith("politicas/imarpe-2018.yaml:") and ": error: " in l for l in corrida.lineas_error) == 2


def _reemplazar_valor(texto: str, parametro: str, valor: str) -> str:
    """El texto de la política con el `valor:` de `parametro` (de una línea o de un bloque) cambiado."""
    lineas = texto.split("\n")
    i = lineas.index(f"  {parametro}:")
    j = next(k for k in range(i + 1, len(lineas)) if lineas[k].startswith("    valor:"))
    fin = j + 1
    while fin < len(lineas) and lineas[fin].startswith("     "):
        fin += 1
    return "\n".join(lineas[:j] + [f"    valor: {valor}"] + lineas[fin:])


HOSTILES = ["null", "texto", "[]", "{}", "-1", "0", "1e999999999", "[[1]]", "{a: [1]}", "2024-01-01", "true"]


@pytest.mark.parametrize("clave", ["imarpe-2018", "empresa"])
def test_ningun_valor_de_la_politica_rompe_el_programa(politicas, clave, tmp_path, monkeypatch):
    """Cada parámetro con cada valor hostil: o la política se rechaza con errores ubicados, o se acepta y
    validar y calificar terminan con 0 o 1 (sobre el ejemplo público o la empresa de ejemplo)."""
    datos = tmp_path / "d"
    shutil.copytree(EJEMPLO if clave == "imarpe-2018" else EMPRESA, datos)
    monkeypatch.chdir(tmp_path)
    original = (politicas / f"{clave}.yaml").read_text(encoding="utf-8")
    parametros = re.findall(r"^  ([a-z_]+):$", original.split("\nparametros:\n")[1], flags=re.M)
    assert len(parametros) > 20
    aceptadas = 0
    for parametro in parametros:
        for valor in HOSTILES:
            (politicas / f"{clave}.yaml").write_text(_reemplazar_valor(original, parametro, valor), encoding="utf-8")
            politica, diagnosticos = _cargar(clave)
            if politica is None:
                assert diagnosticos and all(":" in d.split(" error: ")[0] for d in diagnosticos), (parametro, valor)
                continue
            aceptadas += 1
            for orden in (("validar", "--datos", str(datos)), ("calificar", "--datos", str(datos), "--formato", "json")):
                corrida = correr(*orden)
                assert corrida.codigo in (0, 1), (parametro, valor, corrida.errores[-800:])
    assert aceptadas < len(parametros) * len(HOSTILES) / 4
