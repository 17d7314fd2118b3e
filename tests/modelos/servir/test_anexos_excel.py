"""Los Anexos 1 y 4 en Excel (imarpe-2018): `generador exportar --formato anexos` y `generador importar-formatos`.

Ida y vuelta: el libro exportado se llena con openpyxl (o se guarda con LibreOffice), se importa y `calificar`
da lo mismo que si los valores se hubieran escrito en el YAML. Cada problema sale con su celda y, con uno
solo, no se escribe nada.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from ruamel.yaml import YAML

from conftest import EJEMPLO, correr, editar
from generador.carga import cargar
from generador.diagnosticos import Informe
from generador.modelos.servir.libro import planos
from generador.modelos.servir.libro.ficha import armar
from generador.repositorio import leer

CICLO = "2024"
SALIDA = Path("salida/confidencial/formatos-2024")
SERVIDORES = Path("datos/ciclos/2024/servidores")


def _exportar(*extra: str) -> str:
    corrida = correr("exportar", "--formato", "anexos", "--ciclo", CICLO, *extra)
    assert corrida.codigo == 0, corrida.errores
    return corrida.errores


def _importar(*rutas) -> object:
    return correr("importar-formatos", *(str(r) for r in rutas), "--ciclo", CICLO)


def _libro(nombre: str, carpeta: Path = SALIDA) -> Path:
    (ruta,) = carpeta.rglob(f"{nombre}.xlsx")
    return ruta


def _celdas(nombre: str, datos: Path = Path("datos")) -> dict[tuple, tuple[str, str]]:
    """destino → (hoja, celda) de cada celda para llenar del libro de `nombre` (su registro, sin .yaml)."""
    repositorio = leer(datos, Informe())
    ciclo = repositorio.ciclo(CICLO)
    (registro,) = [r for r in ciclo.registros if Path(r.doc.ruta).stem == nombre]
    ficha = armar(repositorio.datos_entidad, ciclo, registro)
    return {c.entrada.destino: (h.nombre, c.ref) for h in planos(ficha)[:2] for c in h.entradas()}


def _llenar(ruta: Path, valores: dict[tuple[str, str], object], formatos: dict[tuple[str, str], str] = {}) -> None:
    """Escribe como lo haría el evaluador: un texto queda como texto aunque empiece con «=»."""
    libro = load_workbook(ruta)
    for (hoja, ref), valor in valores.items():
        celda = libro[hoja][ref]
        celda.value = valor
        if isinstance(valor, str):
            celda.data_type = "s"
        if (hoja, ref) in formatos:
            celda.number_format = formatos[(hoja, ref)]
    libro.save(ruta)


def _archivos(carpeta: Path) -> dict[Path, bytes]:
    return {p.relative_to(carpeta): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file()}


def _json(*extra: str) -> list[dict]:
    corrida = correr("calificar", "--ciclo", CICLO, "--formato", "json", *extra)
    assert corrida.codigo == 0, corrida.errores
    return json.loads(corrida.salida)


def _en_yaml(datos: Path, cambios: dict[str, dict[tuple, object]]) -> None:
    """Los mismos valores escritos directamente en los registros (como los escribiría la AFRH a mano)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    for nombre, valores in cambios.items():
        ruta = datos / "ciclos" / CICLO / "servidores" / f"{nombre}.yaml"
        registro = yaml.load(ruta.read_text(encoding="utf-8"))
        for camino, valor in valores.items():
            destino = registro
            for parte in camino[:-1]:
                destino = destino[parte]
            destino[camino[-1]] = valor
        salida = io.StringIO()
        yaml.dump(registro, salida)
        ruta.write_text(salida.getvalue(), encoding="utf-8")


# --- Ida y vuelta --------------------------------------------------------------------------------

def test_llenar_e_importar_califica_igual_que_escribir_en_el_yaml(ejemplo, tmp_path):
    assert "12 libros escritos (Anexos 1 y 4) para 7 evaluadores en salida/confidencial/formatos-2024" in _exportar()
    antes = {p.name: p.read_text(encoding="utf-8") for p in (ejemplo / "ciclos/2024/servidores").glob("*.yaml")}
    # Quien tiene hoy buen rendimiento y no es directivo recibe otros logros (solo A y B: sigue con buen
    # rendimiento y las reglas de observación, Plan de Mejora, CIE y Junta no cambian); a todos, otro comentario
    # y la fecha de la evaluación un día antes, escrita como texto.
    buenos = {f["documento"] for f in _json() if f["calificacion"] in ("buen_rendimiento", "rendimiento_distinguido")}
    en_yaml = {}
    for k, nombre in enumerate(sorted(antes)):
        nombre = nombre.removesuffix(".yaml")
        registro = cargar(SERVIDORES / f"{nombre}.yaml", Informe()).datos
        celdas = _celdas(nombre)
        valores, esperado, formatos = {}, {}, {}
        for destino, donde in celdas.items():
            grupo = destino[0]
            if registro["servidor"]["documento"] not in buenos or registro["servidor"]["segmento"] == "directivo":
                continue
            if grupo == "metas_individuales":
                letra = "AB"[(k + destino[1]) % 2]
                valores[donde] = letra.lower() if k % 2 else letra          # «b» vale como «B»
                esperado[destino] = letra
            elif grupo == "metas_grupales":
                forma = k % 3
                valores[donde] = ("87,5", 0.935, 112)[forma]                 # texto con coma, 93,5 % y 112
                if forma == 1:
                    formatos[donde] = "0.0%"
                esperado[destino] = (87.5, 93.5, 112)[forma]
            elif grupo == "compromisos" and ("nueva", "compromisos", 0, "compromiso") not in celdas:
                valores[donde] = 3
                esperado[destino] = 3
        comentario = celdas[("evaluacion", "comentarios_evaluador")]
        valores[comentario] = f"Comentario {k}:\nsegunda línea."
        esperado[("evaluacion", "comentarios_evaluador")] = f"Comentario {k}:\nsegunda línea."
        fecha = registro["evaluacion"]["fecha"] - dt.timedelta(days=1)
        valores[celdas[("evaluacion", "fecha")]] = fecha.strftime("%d/%m/%Y")
        esperado[("evaluacion", "fecha")] = fecha
        _llenar(_libro(nombre), valores, formatos)
        en_yaml[nombre] = esperado

    corrida = _importar(SALIDA)
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[0] == ("12 libros leídos: 12 registros actualizados, 0 sin cambios. 1 advertencia en "
                                       "los registros actualizados: véalas con «generador validar».")
    assert corrida.lineas_error[1:] == [f"  actualizado: {SERVIDORES}/{n}" for n in sorted(antes)]

    # Los mismos valores, escritos a mano en otra copia de los datos.
    otra = tmp_path / "a-mano"
    shutil.copytree(EJEMPLO, otra / "datos")
    _en_yaml(otra / "datos", en_yaml)
    assert _json() == _json("--datos", str(otra / "datos"))
    for nombre in en_yaml:
        importado = cargar(ejemplo / f"ciclos/2024/servidores/{nombre}.yaml", Informe()).datos
        a_mano = cargar(otra / f"datos/ciclos/2024/servidores/{nombre}.yaml", Informe()).datos
        assert importado == a_mano, nombre
    assert correr("validar").codigo == 0

    # Solo cambian las líneas de los valores: comentarios, orden, comillas y lo demás quedan igual.
    quispe = (ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml").read_text(encoding="utf-8")
    cambios = [l for l in difflib.unified_diff(antes["quispe-mamani-rosa.yaml"].splitlines(), quispe.splitlines(),
                                               lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
    assert cambios == ["-    alcanzado: 75", "+    alcanzado: 93.5", "-    logro: C", "+    logro: A",
                       "-  fecha: 2025-01-20", "+  fecha: 2025-01-19",
                       "-  comentarios_evaluador: Buen desempeño técnico; mejorar la puntualidad de los boletines.",
                       "+  comentarios_evaluador: |-", "+    Comentario 7:", "+    segunda línea."]

    # Importar otra vez los mismos libros no cambia nada ni reescribe archivos.
    fechas = {p: p.stat().st_mtime_ns for p in (ejemplo / "ciclos/2024/servidores").glob("*.yaml")}
    corrida = _importar(SALIDA)
    assert corrida.codigo == 0 and corrida.lineas_error == ["12 libros leídos: 0 registros actualizados, 12 sin cambios."]
    assert fechas == {p: p.stat().st_mtime_ns for p in fechas}


def test_un_libro_sin_cambios_no_toca_el_registro(ejemplo):
    _exportar()
    antes = _archivos(ejemplo)
    corrida = _importar(_libro("quispe-mamani-rosa"), _libro("huaman-cardenas-luis"))
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error == ["2 libros leídos: 0 registros actualizados, 2 sin cambios."]
    assert _archivos(ejemplo) == antes


# --- Problemas: todos juntos, cada uno con su celda, y nada escrito -------------------------------

def test_cada_problema_con_su_celda_y_nada_escrito(ejemplo, tmp_path):
    _exportar()
    antes = _archivos(ejemplo)
    quispe, huaman = _libro("quispe-mamani-rosa"), _libro("huaman-cardenas-luis")
    celdas = _celdas("quispe-mamani-rosa")
    assert celdas[("metas_individuales", 0, "logro")] == ("Anexo 4", "D20")
    _llenar(quispe, {("Anexo 4", "D20"): "F",                       # logro fuera de A–E
                     ("Anexo 4", "D21"): "  c ",                    # «c» con espacios: vale como C
                     ("Anexo 4", "D17"): "noventa",                 # texto donde va un número
                     ("Anexo 4", "D36"): "31/02/2025",              # fecha que no existe
                     ("Anexo 4", "D37"): "21 de enero de 2025",     # fecha en palabras: vale
                     ("Anexo 4", "D6"): "2025-02-03"})
    libro = load_workbook(quispe)
    libro["Anexo 4"]["B20"] = "=1+1"                                # una fórmula donde va un texto
    libro.save(quispe)
    _llenar(huaman, {("Anexo 4", "D25"): 7})                        # nivel de compromiso fuera de 1–4
    copia = tmp_path / "otra" / "copia-de-quispe.xlsx"
    copia.parent.mkdir()
    shutil.copy(_libro("huarcaya-poma-juana"), copia)               # dos libros del mismo servidor
    _llenar(_libro("rojas-tello-miguel"), {("Anexo 1", "D9"): "99999999", ("Anexo 4", "B9"): "99999999"})
    _llenar(_libro("chavez-inga-raul"), {("Anexo 4", "D9"): "12345678"})  # otro evaluador
    libro = load_workbook(_libro("mendoza-ccori-lucia"))
    libro["Anexo 4"].insert_rows(16)                                # una fila insertada
    libro.save(_libro("mendoza-ccori-lucia"))
    libro = load_workbook(_libro("cabrera-soto-milagros"))
    libro["Anexo 4"].title = "Evaluación"                           # una hoja con otro nombre
    libro.save(_libro("cabrera-soto-milagros"))
    roto = tmp_path / "roto.xlsx"
    roto.write_bytes(b"no es un libro")
    ods = tmp_path / "anexos.ods"
    ods.write_bytes(b"PK")

    corrida = _importar(SALIDA, copia, roto, ods)
    assert corrida.codigo == 1
    base = "salida/confidencial/formatos-2024"
    assert corrida.lineas_error == [
        f"{base}/gonzales-nique-patricia/cabrera-soto-milagros.xlsx: falta la hoja «Anexo 4» (el libro tiene «Anexo 1», "
        "«Evaluación», «Instrucciones»): ¿es un libro de los Anexos 1 y 4 de «generador exportar --formato anexos»?",
        f"{base}/huaman-cardenas-luis/mendoza-ccori-lucia.xlsx:Anexo 4!A16: el libro no tiene la forma del formato: aquí "
        "debía decir «META»; no inserte, borre ni mueva filas o columnas (pida a la AFRH el libro otra vez y copie en él "
        "lo que llenó)",
        f"{base}/huaman-cardenas-luis/rojas-tello-miguel.xlsx:Anexo 1!D9: el documento no es de ningún servidor del "
        "ciclo «2024»",
        f"{base}/rojas-tello-miguel/quispe-mamani-rosa.xlsx:Anexo 4!D17: se esperaba un número (con coma o punto decimal, "
        "por ejemplo 93,5)",
        f"{base}/rojas-tello-miguel/quispe-mamani-rosa.xlsx:Anexo 4!B20: la celda tiene una fórmula: escriba el valor",
        f"{base}/rojas-tello-miguel/quispe-mamani-rosa.xlsx:Anexo 4!D20: se esperaba un nivel de logro de A a E",
        f"{base}/rojas-tello-miguel/quispe-mamani-rosa.xlsx:Anexo 4!D36: fecha no válida: use DD/MM/AAAA (o una celda "
        "con formato de fecha)",
        f"{base}/salas-vega-jorge/huaman-cardenas-luis.xlsx:Anexo 4!D25: se esperaba un nivel del 1 al 4",
        f"{base}/vilchez-paredes-carmen/chavez-inga-raul.xlsx:Anexo 4!D9: el evaluador del libro ya no es el del "
        "registro: pida a la AFRH el libro actual",
        f"{copia}:Anexo 1!D9: es del mismo servidor que {base}/rojas-tello-miguel/huarcaya-poma-juana.xlsx: deje un solo "
        "libro por servidor",
        f"{roto}: no se puede abrir como libro de Excel (.xlsx): BadZipFile",
        f"{ods}: este formato no se lee; ábralo en Excel o LibreOffice y guárdelo como «Libro de Excel (.xlsx)»",
        "12 problemas en 15 libros: no se actualizó ningún registro.",
    ]
    assert _archivos(ejemplo) == antes


# --- Un registro sin metas: el Anexo 1 trae filas para escribirlas ------------------------------

NUEVA = ("--documento", "45678912", "--nombres", "Carla", "--apellidos", "Torres León", "--segmento", "ejecutor",
         "--puesto", "Asistente de laboratorio", "--organo", "DGIOCC", "--evaluador", "30000001")


def _sin_metas() -> tuple[Path, dict[tuple, tuple[str, str]]]:
    """Un registro nuevo (solo servidor y evaluador), su libro exportado y sus celdas para llenar."""
    corrida = correr("nuevo", "--ciclo", CICLO, *NUEVA)
    assert corrida.codigo == 0, corrida.errores
    assert "1 registro sin metas: su Anexo 1 trae filas para escribirlas" in _exportar()
    return _libro("torres-leon-carla"), _celdas("torres-leon-carla")


def _metas_nuevas(celdas, peso_segunda) -> dict:
    nueva = lambda grupo, i, *campo: celdas[("nueva", grupo, i, *campo)]
    valores = {
        celdas[("reunion_fijacion_metas",)]: dt.datetime(2024, 4, 12),
        celdas[("funciones",)]: "- Preparar los reactivos\n- Registrar las muestras",
        nueva("metas_grupales", 0, "objetivo"): "Monitorear la calidad del agua de mar",
        nueva("metas_grupales", 0, "indicador"): "Muestreos ejecutados",
        nueva("metas_grupales", 0, "meta"): 12,
        nueva("metas_grupales", 0, "peso"): 100,
        nueva("metas_individuales", 0, "origen"): "POI",
        nueva("metas_individuales", 0, "objetivo"): "Procesar las muestras del crucero",
        nueva("metas_individuales", 0, "hitos"): "30/08/2024: 50 % de las muestras\n2024-11-29: 90 %",
        nueva("metas_individuales", 0, "peso"): 60,
        nueva("metas_individuales", 1, "objetivo"): "Mantener el inventario de reactivos",
        nueva("metas_individuales", 1, "peso"): peso_segunda,
        celdas[("metas_grupales", 0, "alcanzado")]: "80 %",
        celdas[("metas_individuales", 0, "logro")]: "A",
        celdas[("metas_individuales", 1, "logro")]: "C",
        celdas[("dificultad", "metas_individuales", 1)]: "Demora en las compras",
        celdas[("evaluacion", "fecha")]: dt.datetime(2025, 1, 20),
    }
    for letra, texto in zip("ABCDE", ("100 %", "90 a 99 %", "70 a 89 %", "40 a 69 %", "menos de 40 %")):
        valores[nueva("metas_individuales", 0, "niveles", letra)] = texto
    return valores


def test_las_metas_de_un_registro_que_no_las_tiene_se_escriben_en_el_anexo1(ejemplo):
    libro, celdas = _sin_metas()
    registro = ejemplo / "ciclos/2024/servidores/torres-leon-carla.yaml"
    _llenar(libro, _metas_nuevas(celdas, 30))
    antes = _archivos(ejemplo)
    # Los pesos suman 90: lo dice la validación del modelo, con la línea del registro como quedaría.
    corrida = _importar(libro)
    assert corrida.codigo == 1
    assert corrida.lineas_error == [
        f"{SERVIDORES}/torres-leon-carla.yaml:92:1: error: los pesos de las metas individuales suman 90, deben "
        "sumar 100 (Anexo 1)",
        "1 error en los registros tal como quedarían con los libros (líneas del registro ya actualizado): no se "
        "actualizó ningún registro.",
    ]
    assert _archivos(ejemplo) == antes

    _llenar(libro, {celdas[("nueva", "metas_individuales", 1, "peso")]: 40})
    corrida = _importar(libro)
    assert corrida.codigo == 0, corrida.errores
    datos = cargar(registro, Informe()).datos
    assert {k: v for k, v in datos.items() if k not in ("servidor", "evaluador")} == {
        "reunion_fijacion_metas": dt.date(2024, 4, 12),
        "funciones": ["Preparar los reactivos", "Registrar las muestras"],
        "metas_grupales": [{"objetivo": "Monitorear la calidad del agua de mar", "indicador": "Muestreos ejecutados",
                            "meta": "12", "peso": 100, "alcanzado": 80}],
        "metas_individuales": [
            {"origen": "POI", "objetivo": "Procesar las muestras del crucero",
             "hitos": [{"fecha": dt.date(2024, 8, 30), "descripcion": "50 % de las muestras"},
                       {"fecha": dt.date(2024, 11, 29), "descripcion": "90 %"}],
             "niveles": {"A": "100 %", "B": "90 a 99 %", "C": "70 a 89 %", "D": "40 a 69 %", "E": "menos de 40 %"},
             "peso": 60, "logro": "A"},
            {"objetivo": "Mantener el inventario de reactivos", "peso": 40, "logro": "C"}],
        "evaluacion": {"fecha": dt.date(2025, 1, 20),
                       "metas": [{"meta": "Mantener el inventario de reactivos",
                                  "dificultad_o_mejora": "Demora en las compras"}]},
    }
    # El comentario de la plantilla de «generador nuevo» sigue ahí.
    assert "# --- Establecimiento de metas (Anexo 1)" in registro.read_text(encoding="utf-8")
    (fila,) = [f for f in _json() if f["documento"] == "45678912"]
    # 80 × 30 % = 24; (60 × 100 % + 40 × 70 %) = 88 × 70 % = 61.60; final 85.60.
    assert (fila["puntaje_grupal"], fila["puntaje_individual"], fila["puntaje_final"]) == (80.0, 88.0, 85.6)
    # Ya tiene metas: el libro nuevo las trae bloqueadas, sin filas en blanco.
    _exportar()
    assert ("nueva", "metas_individuales", 0, "objetivo") not in _celdas("torres-leon-carla")


def test_filas_incompletas_y_evaluacion_sin_fecha(ejemplo):
    libro, celdas = _sin_metas()
    valores = _metas_nuevas(celdas, 40)
    del valores[celdas[("nueva", "metas_individuales", 1, "peso")]]        # meta sin peso
    del valores[celdas[("evaluacion", "fecha")]]                            # dificultad sin fecha de evaluación
    valores[celdas[("metas_individuales", 3, "logro")]] = "B"               # logro en una fila sin meta
    valores[celdas[("nueva", "metas_grupales", 1, "indicador")]] = "Informes"  # fila con datos y sin objetivo
    _llenar(libro, valores)
    antes = _archivos(ejemplo)
    corrida = _importar(libro)
    assert corrida.codigo == 1
    nombre = str(libro)
    assert corrida.lineas_error == [
        f"{nombre}:Anexo 1!A20: falta el objetivo de la meta: la fila tiene otros datos",
        f"{nombre}:Anexo 1!I20: falta el peso de la meta: la fila tiene otros datos",
        f"{nombre}:Anexo 1!I32: falta el peso de la meta: la fila tiene otros datos",
        f"{nombre}:Anexo 4!D25: esta fila no tiene meta en el Anexo 1: escriba primero la meta (o deje la celda vacía)",
        f"{nombre}:Anexo 4!D41: falta la fecha de la evaluación (valoración de las metas): sin ella no se registran los "
        "comentarios, las dificultades ni las fechas del Anexo 4",
        "5 problemas en 1 libro: no se actualizó ningún registro.",
    ]
    assert _archivos(ejemplo) == antes


def test_un_cambio_que_rompe_una_regla_de_otro_archivo_no_se_escribe(ejemplo):
    """Con todo A, una directiva de la Junta pasa a ser candidata: el error es de ciclo.yaml (7.5.2 b)."""
    _exportar()
    celdas = _celdas("vilchez-paredes-carmen")
    _llenar(_libro("vilchez-paredes-carmen"), {donde: "A" for destino, donde in celdas.items()
                                               if destino[0] == "metas_individuales"})
    antes = _archivos(ejemplo)
    corrida = _importar(SALIDA)
    assert corrida.codigo == 1
    assert corrida.lineas_error == [
        "datos/ciclos/2024/ciclo.yaml:60:16: error: este directivo es candidato a rendimiento distinguido: no puede "
        "integrar la Junta (7.5.2 b)",
        "1 error en los registros tal como quedarían con los libros (líneas del registro ya actualizado): no se "
        "actualizó ningún registro.",
    ]
    assert _archivos(ejemplo) == antes


# --- El libro exportado ------------------------------------------------------------------------------

def test_el_libro_tiene_la_forma_de_los_anexos_y_solo_se_llenan_las_celdas_amarillas(ejemplo):
    _exportar()
    libro = load_workbook(_libro("huaman-cardenas-luis"))
    assert libro.sheetnames == ["Anexo 1", "Anexo 4", "Instrucciones"]
    assert libro.security.lockStructure
    uno, cuatro = libro["Anexo 1"], libro["Anexo 4"]
    assert (uno["A1"].value, uno["A2"].value) == ("ANEXO N° 1", "FIJACIÓN DE FACTORES DE EVALUACIÓN")
    assert (cuatro["A1"].value, cuatro["A2"].value) == ("ANEXO N° 4", "NOTIFICACIÓN DE CALIFICACIÓN OBTENIDA")
    assert [uno.cell(row=22, column=c).value for c in range(1, 12)] == [
        "ORIGEN", "OBJETIVO", "INDICADOR", "META", "EVIDENCIA", "HITOS INTERMEDIOS", "NIVELES DE LOGRO",
        "Valor asignado (%)", "Peso Asignado", "Nivel de logro Alcanzado", "Puntaje"]
    assert [cuatro.cell(row=19, column=c).value for c in range(1, 6)] == [
        "META", "DIFICULTAD O MEJORA ENCONTRADA", "NIVEL DE LOGRO ESPERADO", "NIVEL DE LOGRO OBTENIDO", "BRECHA"]
    assert (uno["D9"].value, cuatro["B9"].value, uno["H9"].value) == ("20000001", "20000001", "09000001")
    for hoja in (uno, cuatro, libro["Instrucciones"]):
        assert hoja.protection.sheet and not hoja.protection.password
    libres = {(h.title, c.coordinate) for h in (uno, cuatro) for fila in h.iter_rows() for c in fila
              if c.protection.locked is False}
    assert {c for c in _celdas("huaman-cardenas-luis").values()} <= libres
    assert ("Anexo 4", "D20") in libres and ("Anexo 4", "A20") not in libres and ("Anexo 1", "B23") not in libres
    listas = {(h.title, str(v.sqref)): v.formula1 for h in (uno, cuatro) for v in h.data_validations.dataValidation
              if v.type == "list"}
    assert listas == {("Anexo 4", "D20 D21 D22"): '"A,B,C,D,E"', ("Anexo 4", "D25"): '"1,2,3,4"'}
    # Los puntajes del libro son fórmulas de referencia; los datos nunca.
    assert cuatro["D20"].value == "B" and cuatro["D20"].data_type == "s"
    assert uno["J23"].data_type == "f" and uno["J23"].value == "=IF('Anexo 4'!D20=\"\",\"\",'Anexo 4'!D20)"
    assert uno["B23"].value == "Monitorear las condiciones oceanográficas frente a la costa peruana"


def test_exportar_dos_veces_da_los_mismos_bytes_con_la_fecha_de_los_datos(ejemplo, tmp_path):
    _exportar()
    primera = _archivos(SALIDA)
    shutil.rmtree(SALIDA)
    _exportar()
    assert _archivos(SALIDA) == primera
    assert (SALIDA / ".generador-salida").is_file()
    with zipfile.ZipFile(_libro("quispe-mamani-rosa")) as libro:
        fechas = {i.date_time for i in libro.infolist()}
        propiedades = libro.read("docProps/core.xml").decode()
    # El último hecho del registro de Quispe es la retroalimentación del 17/02/2025.
    assert fechas == {(2025, 2, 17, 12, 0, 0)}
    assert propiedades.count("2025-02-17T12:00:00Z") == 2            # creado y modificado
    # Otra salida del mismo ciclo: los mismos bytes.
    _exportar("--salida", str(tmp_path / "otra"))
    assert _archivos(tmp_path / "otra") == primera


def test_textos_hostiles_quedan_como_texto(ejemplo):
    quispe = ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    editar(quispe, "Buen desempeño técnico; mejorar la puntualidad de los boletines.", "'=HYPERLINK(\"http://x\",\"y\")'")
    texto = quispe.read_text(encoding="utf-8")
    objetivo = "Procesar los datos CTD de los cruceros de monitoreo"
    quispe.write_text(texto.replace(objetivo, '"+cmd|\' /C calc\'!A0"'), encoding="utf-8")
    assert correr("validar").codigo == 0
    _exportar()
    libro = load_workbook(_libro("quispe-mamani-rosa"))
    celdas = _celdas("quispe-mamani-rosa")
    hoja, ref = celdas[("evaluacion", "comentarios_evaluador")]
    comentario = libro[hoja][ref]
    assert (comentario.value, comentario.data_type, comentario.quotePrefix) == ('=HYPERLINK("http://x","y")', "s", True)
    (meta,) = [c for fila in libro["Anexo 4"].iter_rows() for c in fila if c.value == "+cmd|' /C calc'!A0"]
    assert meta.data_type == "s"
    antes = _archivos(ejemplo)
    corrida = _importar(_libro("quispe-mamani-rosa"))            # vuelve igual: nada cambia
    assert corrida.codigo == 0 and corrida.lineas_error == ["1 libro leído: 0 registros actualizados, 1 sin cambios."]
    assert _archivos(ejemplo) == antes
    _llenar(_libro("quispe-mamani-rosa"), {(hoja, ref): "@SUMA(A1:A9)"})   # el evaluador escribe algo así
    assert _importar(_libro("quispe-mamani-rosa")).codigo == 0
    assert cargar(quispe, Informe()).datos["evaluacion"]["comentarios_evaluador"] == "@SUMA(A1:A9)"


# --- La carpeta de salida y los argumentos ----------------------------------------------------------

def test_la_salida_y_el_evaluador(ejemplo, tmp_path):
    ajena = tmp_path / "ajena"
    ajena.mkdir()
    (ajena / "mio.txt").write_text("no borrar", encoding="utf-8")
    corrida = correr("exportar", "--formato", "anexos", "--ciclo", CICLO, "--salida", str(ajena))
    assert corrida.codigo == 2
    assert "ya existe, tiene archivos y no la creó el generador" in corrida.errores
    assert (ajena / "mio.txt").read_text(encoding="utf-8") == "no borrar"
    corrida = correr("exportar", "--formato", "anexos", "--ciclo", CICLO, "--salida", "datos/anexos")
    assert corrida.codigo == 2 and "está dentro de la carpeta de datos" in corrida.errores

    _exportar()
    todos = _archivos(SALIDA)
    otro = _libro("quispe-mamani-rosa")
    otro.write_bytes(b"cambiado")
    ajeno = _libro("huaman-cardenas-luis")
    ajeno.write_bytes(b"de otro evaluador")
    # Solo la carpeta de Rojas Tello (evaluador 30000001) se escribe de nuevo.
    salida = _exportar("--evaluador", "30000001")
    assert "2 libros escritos (Anexos 1 y 4) para 1 evaluador en" in salida
    assert _libro("quispe-mamani-rosa").read_bytes() == todos[otro.relative_to(SALIDA)]
    assert ajeno.read_bytes() == b"de otro evaluador"
    corrida = correr("exportar", "--formato", "anexos", "--ciclo", CICLO, "--evaluador", "41234567")
    assert corrida.codigo == 2
    assert corrida.lineas_error[-1] == ("generador exportar: error: --evaluador: esa persona no evalúa a ningún "
                                        "servidor del ciclo «2024»")
    corrida = correr("exportar", "--ciclo", CICLO, "--evaluador", "30000001")
    assert corrida.codigo == 2 and "--evaluador va con --formato gdr o anexos" in corrida.errores


def test_argumentos_de_importar_formatos(ejemplo, tmp_path):
    corrida = correr("importar-formatos", "no-existe.xlsx", "--ciclo", CICLO)
    assert (corrida.codigo, corrida.errores) == (2, "generador importar-formatos: error: no existe «no-existe.xlsx»\n")
    (tmp_path / "vacia").mkdir()
    corrida = correr("importar-formatos", str(tmp_path / "vacia"), "--ciclo", CICLO)
    assert corrida.codigo == 2 and "no tiene libros .xlsx" in corrida.errores
    _exportar()
    corrida = correr("importar-formatos", str(SALIDA), "--ciclo", "1999")
    assert corrida.codigo == 2 and "no existe el ciclo «1999»" in corrida.errores


def test_otra_politica_no_tiene_los_anexos(empresa):
    corrida = correr("exportar", "--datos", str(empresa), "--formato", "anexos")
    assert corrida.codigo == 2
    assert "no tiene libros «--formato anexos»" in corrida.errores
    corrida = correr("importar-formatos", "x.xlsx", "--datos", str(empresa), "--ciclo", "2025")
    assert corrida.codigo == 2


# --- Un libro guardado con LibreOffice ------------------------------------------------------------

def _libreoffice(archivos: list[Path], salida: Path, perfil: Path) -> None:
    """`soffice --headless --convert-to xlsx`, con un perfil propio (otra instancia abierta no estorba)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) no está instalado: no se prueba un libro guardado con él")
    orden = [soffice, f"-env:UserInstallation={perfil.as_uri()}", "--headless", "--convert-to", "xlsx",
             "--outdir", str(salida), *map(str, archivos)]
    hecho = subprocess.run(orden, capture_output=True, text=True, timeout=300)
    faltan = [a.name for a in archivos if not (salida / a.name).is_file()]
    assert not faltan, f"LibreOffice no convirtió {faltan}: {hecho.stdout} {hecho.stderr}"


def test_un_libro_guardado_con_libreoffice_se_lee_igual(ejemplo, tmp_path):
    _exportar()
    quispe, huaman = _libro("quispe-mamani-rosa"), _libro("huaman-cardenas-luis")
    celdas = _celdas("quispe-mamani-rosa")
    alcanzado = celdas[("metas_grupales", 0, "alcanzado")]
    _llenar(quispe, {alcanzado: 0.925,                                    # «92,5 %»: 0.925 con formato de porcentaje
                     celdas[("metas_individuales", 0, "logro")]: " a ",
                     celdas[("metas_individuales", 1, "logro")]: "D",
                     celdas[("dificultad", "metas_grupales", 0)]: "=SUMA(1;2) (texto, no fórmula)",
                     celdas[("evaluacion", "comentarios_evaluador")]: "Cumplió.\nMejorar los plazos.",
                     celdas[("evaluacion", "fecha")]: dt.datetime(2025, 1, 21),
                     celdas[("evaluacion", "fecha_remision_afrh")]: "23/01/2025"}, {alcanzado: "0.0%"})
    cabrera = _libro("cabrera-soto-milagros")
    _llenar(cabrera, {_celdas("cabrera-soto-milagros")[("metas_grupales", 0, "alcanzado")]: "87,5"})  # como texto
    celdas = _celdas("huaman-cardenas-luis")
    _llenar(huaman, {celdas[("compromisos", 0, "nivel_evidenciado")]: 3,
                     celdas[("metas_individuales", 2, "logro")]: "B"})
    llenos = tmp_path / "llenos"
    llenos.mkdir()
    for libro in (quispe, huaman, cabrera):
        shutil.copy(libro, llenos / libro.name)
    guardados = tmp_path / "libreoffice"
    _libreoffice([llenos / libro.name for libro in (quispe, huaman, cabrera)], guardados, tmp_path / "perfil")

    corrida = _importar(guardados)
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[0].startswith("3 libros leídos: 3 registros actualizados, 0 sin cambios.")
    otra = tmp_path / "otra" / "datos"
    shutil.copytree(EJEMPLO, otra)
    corrida = correr("importar-formatos", str(llenos), "--ciclo", CICLO, "--datos", str(otra))
    assert corrida.codigo == 0, corrida.errores
    for nombre in ("quispe-mamani-rosa.yaml", "huaman-cardenas-luis.yaml", "cabrera-soto-milagros.yaml"):
        importado, a_mano = ejemplo / "ciclos/2024/servidores" / nombre, otra / "ciclos/2024/servidores" / nombre
        assert importado.read_bytes() == a_mano.read_bytes()
    datos = cargar(SERVIDORES / "quispe-mamani-rosa.yaml", Informe()).datos
    assert datos["metas_grupales"][0]["alcanzado"] == 92.5
    assert datos["evaluacion"]["metas"][-1]["dificultad_o_mejora"] == "=SUMA(1;2) (texto, no fórmula)"
    assert datos["evaluacion"]["fecha_remision_afrh"] == dt.date(2025, 1, 23)

    # LibreOffice calculó las fórmulas de referencia: dan lo mismo que `calificar`.
    calificados = {f["documento"]: f for f in _json()}
    assert cargar(SERVIDORES / "cabrera-soto-milagros.yaml", Informe()).datos["metas_grupales"][0]["alcanzado"] == 87.5
    for libro, documento in ((guardados / quispe.name, "41234567"), (guardados / huaman.name, "20000001"),
                             (guardados / cabrera.name, "10000003")):
        cuatro = load_workbook(libro, data_only=True)["Anexo 4"]
        (fila,) = [f for f in range(1, cuatro.max_row + 1) if cuatro.cell(row=f, column=1).value == "Puntuación Final"]
        assert round(cuatro.cell(row=fila, column=4).value, 2) == calificados[documento]["puntaje_final"]
        assert round(cuatro.cell(row=fila - 1, column=2).value, 2) == calificados[documento]["puntaje_individual"]


# --- Cualquier cosa en una celda: un dato o un mensaje, nunca una traza ----------------------------

@settings(max_examples=400, deadline=None)
@given(valor=st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.booleans(), st.decimals(),
                       st.datetimes(min_value=dt.datetime(1, 1, 1)), st.dates(), st.times(),
                       st.sampled_from(["92,5 %", "1.234,5", "31/02/2025", "1. a\n1. b", "30/08/2024: x", "\u202e",
                                        "1e400", "-0", " b ", "[Seleccione]", "9" * 60])),
       tipo=st.sampled_from(["texto", "lineas", "fecha", "alcanzado", "peso", "logro", "nivel", "hitos",
                             "comportamientos"]),
       formato=st.sampled_from(["General", "0.0%", "@", "DD/MM/YYYY"]))
def test_una_celda_cualquiera_da_un_dato_o_un_mensaje(valor, tipo, formato):
    from decimal import Decimal

    from generador.flujo.celdas import ValorInvalido
    from generador.modelos.servir.libro import valores

    politica = type("F", (), {"valores": {"A": Decimal(100), "B": Decimal(95), "C": Decimal(70), "D": Decimal(40),
                                          "E": Decimal(10)}, "nivel_maximo": 4})()
    try:
        dato = valores.convertir(tipo, valor, formato, politica)
    except ValorInvalido as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    if tipo in ("alcanzado", "peso"):
        assert isinstance(dato, (int, float)) and "e" not in repr(dato)
    elif tipo == "fecha":
        assert isinstance(dato, dt.date) and 1900 <= dato.year <= 2100
