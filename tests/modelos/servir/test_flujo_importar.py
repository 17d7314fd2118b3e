"""`generador importar`: la lista de participantes (xlsx real, escrito con openpyxl, o csv) a registros."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook

from conftest import correr
from generador.carga import cargar
from generador.diagnosticos import Informe

ENCABEZADOS = ["N°", "DNI", "Apellidos", "Nombres", "Segmento", "Cargo", "Unidad orgánica", "DNI del evaluador",
               "Régimen laboral", "Fecha de inicio en el puesto", "Observaciones"]


def _xlsx(ruta, filas, encabezados=ENCABEZADOS, titulo=True):
    libro = Workbook()
    hoja = libro.active
    if titulo:
        hoja.append(["LISTA DE PARTICIPANTES — CICLO 2024"])
        hoja.append([])
    hoja.append(encabezados)
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)
    return ruta


def _archivos(carpeta):
    return {p.relative_to(carpeta): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file()}


QUISPE = [1, "41234567", "Quispe Mamani", "Rosa Elena", "Personal ejecutor", "Especialista Senior en Oceanografía Física",
          "DGIOCC", "30000001", "CAS", dt.datetime(2019, 4, 1), ""]
NUEVO = [2, 7654321, "Ñique Salas", "José Luis", "Mando medio", "Coordinador de Cruceros",
         "Dirección General de Investigaciones en Oceanografía y Cambio Climático", "20000001", 728, "15/01/2024", "ingresó en enero"]
OTRO = [3, "45678912", "Torres León", "Carla", "Operador y asistencial", "Asistente de laboratorio", "dgiocc", "07654321",
        "1057", None, ""]


def test_importar_crea_registros_nuevos_y_actualiza_solo_los_datos_del_servidor(ejemplo, tmp_path):
    quispe = ejemplo / "ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    antes = quispe.read_text(encoding="utf-8")
    lista = _xlsx(tmp_path / "lista.xlsx", [QUISPE, NUEVO, OTRO])
    corrida = correr("importar", str(lista), "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    servidores = "datos/ciclos/2024/servidores"
    fuera = sorted(p.name for p in (ejemplo / "ciclos/2024/servidores").glob("*.yaml")
                   if p.name not in ("quispe-mamani-rosa.yaml", "nique-salas-jose.yaml", "torres-leon-carla.yaml"))
    assert corrida.lineas_error == [
        f"lista.xlsx, hoja «Sheet»: 3 filas; 2 registros nuevos, 1 actualizado, 0 sin cambios en {servidores}.",
        f"  creado: {servidores}/nique-salas-jose.yaml",
        f"  creado: {servidores}/torres-leon-carla.yaml",
        f"  actualizado: {servidores}/quispe-mamani-rosa.yaml",
        "Columnas no usadas: «N°», «Observaciones».",
        "11 registros del ciclo no están en la lista: no se tocaron (quítelos si ya no participan):",
        *(f"  {servidores}/{nombre}" for nombre in fuera),
    ]
    assert len(fuera) == 11
    # Solo cambió la línea del puesto: comentarios, comillas y todo lo demás quedan igual.
    despues = quispe.read_text(encoding="utf-8")
    cambios = [(a, b) for a, b in zip(antes.splitlines(), despues.splitlines()) if a != b]
    assert cambios == [("  puesto: Especialista en Oceanografía Física", "  puesto: Especialista Senior en Oceanografía Física")]
    assert len(antes.splitlines()) == len(despues.splitlines())
    assert despues.startswith("# Registro completo: todas las etapas del ciclo.\n")

    nuevo = cargar(ejemplo / "ciclos/2024/servidores/nique-salas-jose.yaml", Informe()).datos
    assert nuevo["servidor"] == {"nombres": "José Luis", "apellidos": "Ñique Salas", "documento": "07654321",
                                 "segmento": "mando_medio", "regimen": "728", "puesto": "Coordinador de Cruceros",
                                 "organo": "DGIOCC", "fecha_inicio_puesto": dt.date(2024, 1, 15)}
    otro = cargar(ejemplo / "ciclos/2024/servidores/torres-leon-carla.yaml", Informe()).datos
    assert otro["evaluador"] == "07654321" and otro["servidor"]["organo"] == "DGIOCC"
    assert correr("validar").codigo == 0
    documentos = {f["documento"] for f in json.loads(correr("calificar", "--formato", "json").salida)}
    assert {"07654321", "45678912", "41234567"} <= documentos


def test_reimportar_la_misma_lista_no_toca_ningun_archivo(ejemplo, tmp_path):
    lista = _xlsx(tmp_path / "lista.xlsx", [QUISPE, NUEVO])
    assert correr("importar", str(lista), "--ciclo", "2024").codigo == 0
    antes = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (ejemplo / "ciclos/2024/servidores").iterdir()}
    corrida = correr("importar", str(lista), "--ciclo", "2024")
    assert corrida.codigo == 0
    assert "0 registros nuevos, 0 actualizados, 2 sin cambios" in corrida.lineas_error[0]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (ejemplo / "ciclos/2024/servidores").iterdir()} == antes


def test_filas_malas_se_informan_todas_y_no_se_escribe_nada(ejemplo, tmp_path):
    malas = [
        QUISPE,
        [2, "123", "Rojas", "Ana", "Gerente", "Analista", "DGIOCC", "30000001", "", None, ""],
        [3, "45678912", "", "Carla", "Ejecutor", "Asistente", "Oficina Inexistente", "99999999", "locación", "31/02/2020", ""],
        [4, "41234567", "Quispe Mamani", "Rosa Elena", "Ejecutor", "Otro puesto", "DGIOCC", "41234567", "", None, ""],
    ]
    antes = _archivos(ejemplo)
    corrida = correr("importar", str(_xlsx(tmp_path / "lista.xlsx", malas)), "--ciclo", "2024")
    assert corrida.codigo == 1
    lista = str(tmp_path / "lista.xlsx")
    assert corrida.lineas_error == [
        f"{lista}:fila 5: columna «Documento»: se esperaba un DNI de 8 dígitos o un carné de extranjería (8 a 15 letras o dígitos)",
        f"{lista}:fila 5: columna «Segmento»: segmento desconocido: use Directivo, Mando medio, Ejecutor u Operador y asistencial",
        f"{lista}:fila 6: columna «Órgano»: órgano desconocido: use la sigla o el nombre de un órgano de entidad.yaml",
        f"{lista}:fila 6: columna «Régimen»: régimen desconocido: use 728, 1057 o CAS",
        f"{lista}:fila 6: columna «Fecha de inicio en el puesto»: fecha no válida: use DD/MM/AAAA (o una celda con formato de fecha)",
        f"{lista}:fila 6: columna «Apellidos»: falta el dato",
        f"{lista}:fila 7: columna «Documento»: el documento ya está en la fila 4",
        f"{lista}:fila 6: columna «Documento del evaluador»: no es directivo ni mando medio de la lista o del ciclo, "
        "ni evaluador externo de ciclo.yaml (5.3)",
        f"{lista}:fila 7: columna «Documento del evaluador»: un servidor no se evalúa a sí mismo (5.3)",
        "9 errores: no se escribió ningún registro.",
    ]
    assert _archivos(ejemplo) == antes


def test_csv_de_excel_en_castellano(ejemplo, tmp_path):
    """Excel en Windows guarda CSV con «;» y en cp1252; los encabezados pueden ir sin tildes."""
    texto = ("Documento;Apellidos;Nombres;Segmento;Puesto;Organo;Evaluador;Regimen\n"
             "45678912;Torres León;Carla;Ejecutor;Técnica de laboratorio;DGIOCC;30000001;CAS\n")
    (tmp_path / "lista.csv").write_bytes(texto.encode("cp1252"))
    corrida = correr("importar", str(tmp_path / "lista.csv"), "--ciclo", "2024")
    assert corrida.codigo == 0, corrida.errores
    datos = cargar(ejemplo / "ciclos/2024/servidores/torres-leon-carla.yaml", Informe()).datos
    assert datos["servidor"]["apellidos"] == "Torres León" and datos["servidor"]["puesto"] == "Técnica de laboratorio"


@pytest.mark.parametrize("encabezados, mensaje", [
    (["DNI", "Apellidos", "Nombres", "Cargo"], "lista.xlsx:fila 1: faltan las columnas «Segmento», «Órgano», «Documento del evaluador»"),
    (["DNI", "Apellidos y nombres", "Segmento", "Cargo"], "lista.xlsx:fila 1: la columna «Apellidos y nombres» junta apellidos "
                                                          "y nombres: sepárelos en dos columnas, «Apellidos» y «Nombres»"),
    (["Código", "Sede"], "lista.xlsx: no se encontró la fila de encabezados en las primeras 10 filas; se esperan columnas como "
                         "«Documento», «Apellidos», «Nombres», «Segmento», «Puesto», «Órgano», «Documento del evaluador» "
                         "(hojas revisadas: «Sheet»)"),
])
def test_encabezados_que_no_sirven(ejemplo, tmp_path, monkeypatch, encabezados, mensaje):
    monkeypatch.chdir(tmp_path)
    _xlsx(tmp_path / "lista.xlsx", [], encabezados, titulo=False)
    corrida = correr("importar", "lista.xlsx", "--ciclo", "2024", "--datos", str(ejemplo))
    assert corrida.codigo == 1
    assert corrida.lineas_error == [mensaje]


def test_un_archivo_que_no_es_excel(ejemplo, tmp_path):
    (tmp_path / "lista.xlsx").write_text("no soy un libro", encoding="utf-8")
    corrida = correr("importar", str(tmp_path / "lista.xlsx"), "--ciclo", "2024")
    assert corrida.codigo == 1
    assert corrida.lineas_error == [f"{tmp_path / 'lista.xlsx'}: no se puede abrir como libro de Excel (.xlsx): BadZipFile"]


def test_importar_a_un_ciclo_que_no_existe(ejemplo, tmp_path):
    corrida = correr("importar", str(_xlsx(tmp_path / "lista.xlsx", [QUISPE])), "--ciclo", "2030")
    assert corrida.codigo == 2
    assert corrida.lineas_error == ["generador importar: error: no existe el ciclo «2030»; ciclos disponibles: 2024 "
                                    "(créelo con: generador nuevo --ciclo 2030 --desde CICLO_ANTERIOR)"]
