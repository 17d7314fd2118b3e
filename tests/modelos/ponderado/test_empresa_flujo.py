"""`nuevo`, `importar` y `exportar` con la política «empresa» (modelo ponderado), por la CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook, load_workbook

from conftest import correr, editar

ENCABEZADOS = ["N°", "DNI", "Apellido paterno", "Apellido materno", "Nombres", "Nivel", "Cargo", "Departamento",
               "Área", "Fecha de ingreso", "Estable", "DNI del jefe directo"]


def _xlsx(ruta, filas):
    libro = Workbook()
    libro.active.title = "Instrucciones"
    libro.active["A1"] = "Lista de colaboradores: no borre los encabezados"
    hoja = libro.create_sheet("Colaboradores")
    hoja.append(["Lista de colaboradores 2025"])
    hoja.append(ENCABEZADOS)
    for fila in filas:
        hoja.append(fila)
    for fila in hoja.iter_rows():
        for celda in fila:
            if isinstance(celda.value, str) and celda.value.startswith("="):
                celda.data_type = "s"  # un texto que empieza con «=», guardado como texto (no como fórmula)
    libro.save(ruta)
    return ruta


NUEVA = [1, 40000001, "Pérez", "Soto", "Ana\nMaría", "Apoyo y servicio", "=HYPERLINK(\"http://x\",\"y\")",
         "Departamento Comercial", "Ventas Lima", dt.datetime(2020, 3, 2), "Sí", "20000013"]


def test_importar_xlsx_crea_y_el_registro_valida_con_textos_hostiles_escapados(empresa, tmp_path):
    lista = _xlsx(tmp_path / "lista.xlsx", [NUEVA])
    corrida = correr("importar", str(lista), "--ciclo", "2025", "--datos", str(empresa))
    assert corrida.codigo == 0, corrida.errores
    assert "lista.xlsx, hoja «Colaboradores»: 1 fila; 1 registro nuevo, 0 actualizados, 0 sin cambios" in corrida.errores
    nuevo = empresa / "ciclos/2025/servidores/perez-soto-ana.yaml"
    assert f"  creado: {nuevo}" in corrida.lineas_error
    assert "Columnas no usadas: «N°»." in corrida.lineas_error
    assert "29 registros del ciclo no están en la lista" in corrida.errores
    texto = nuevo.read_text(encoding="utf-8")
    assert "  nombres: Ana María\n" in texto and '  puesto: "=HYPERLINK(\\"http://x\\",\\"y\\")"' in texto
    assert '  documento: "40000001"' in texto and "  nivel: apoyo_servicio" in texto and "  departamento: COM" in texto
    assert '  - evaluador: "20000013"\n    linea: directa' in texto
    assert correr("validar", "--datos", str(empresa)).codigo == 0
    salida = tmp_path / "r.csv"
    assert correr("exportar", "--datos", str(empresa), "--formato", "csv", "--salida", str(salida)).codigo == 0
    filas = list(csv.reader(io.StringIO(salida.read_text(encoding="utf-8-sig"))))
    fila = next(f for f in filas if f[0] == "40000001")
    assert fila[7] == "'=HYPERLINK(\"http://x\",\"y\")" and fila[2] == "Ana María"
    assert fila[10] == "Pendiente"


def test_importar_reune_los_errores_de_todas_las_filas_y_no_escribe_nada(empresa, tmp_path):
    malas = [NUEVA[:5] + ["Gerente de planta raro"] + NUEVA[6:],
             [2, "123", "Ríos", "", "Luis", "Mando medio", "Jefe", "XYZ", "", "31/02/2020", "quizá", "30000031"],
             [3, 40000001, "Paz", "", "Eva", "Ejecutivo", "Directora", "OPE", "", "2019-01-01", "", "40000001"]]
    antes = sorted(p.name for p in (empresa / "ciclos/2025/servidores").iterdir())
    corrida = correr("importar", str(_xlsx(tmp_path / "lista.xlsx", malas)), "--ciclo", "2025", "--datos", str(empresa))
    assert corrida.codigo == 1
    errores = corrida.lineas_error
    assert f"{tmp_path / 'lista.xlsx'}:fila 3: columna «Nivel»: nivel desconocido: use Ejecutivos, Mandos medios, " \
           "Apoyo y servicio" in errores
    assert any(":fila 4: columna «Documento»: se esperaba un DNI" in e for e in errores)
    assert any(":fila 4: columna «Departamento»: órgano desconocido" in e for e in errores)
    assert any(":fila 4: columna «Fecha de ingreso»: fecha no válida" in e for e in errores)
    assert any(":fila 4: columna «Estable»: use Sí o No" in e for e in errores)
    assert any(":fila 4: columna «Documento del evaluador»: no es ejecutivo ni mando medio" in e for e in errores)
    assert any(":fila 5: columna «Documento»: el documento ya está en la fila 3" in e for e in errores)
    assert any(":fila 5: columna «Documento del evaluador»: nadie se evalúa a sí mismo" in e for e in errores)
    assert errores[-1].endswith("errores: no se escribió ningún registro.")
    assert sorted(p.name for p in (empresa / "ciclos/2025/servidores").iterdir()) == antes


def test_importar_csv_actualiza_solo_los_datos_y_el_evaluador_directo_con_sus_comentarios(empresa, tmp_path):
    registro = empresa / "ciclos/2025/servidores/aguirre-c.yaml"
    antes = registro.read_text(encoding="utf-8")
    lista = tmp_path / "lista.csv"
    lista.write_text("Documento;Apellidos;Nombres;Nivel;Puesto;Departamento;Fecha de ingreso;Evaluador\n"
                     "30000031;Aguirre Solís;Carmen;apoyo_servicio;Supervisora de atención;OPE;01/10/2018;20000043\n",
                     encoding="cp1252")
    corrida = correr("importar", str(lista), "--ciclo", "2025", "--datos", str(empresa))
    assert corrida.codigo == 0, corrida.errores
    assert "0 registros nuevos, 1 actualizado, 0 sin cambios" in corrida.errores
    despues = registro.read_text(encoding="utf-8")
    assert despues == antes.replace("puesto: Asesora de atención al cliente", "puesto: Supervisora de atención")
    assert "# Elena Ortiz Villanueva" in despues
    again = correr("importar", str(lista), "--ciclo", "2025", "--datos", str(empresa))
    assert "0 actualizados, 1 sin cambios" in again.errores
    assert correr("validar", "--datos", str(empresa)).codigo == 0


def test_exportar_xlsx_con_hojas_por_departamento_y_los_mismos_bytes(empresa, tmp_path):
    editar(empresa / "ciclos/2025/servidores/aguirre-c.yaml", "  apellidos: Aguirre Solís", "  apellidos: '@SUM(A1)'")
    salida = tmp_path / "r.xlsx"
    corrida = correr("exportar", "--datos", str(empresa), "--salida", str(salida))
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[-1] == f"29 colaboradores exportados a {salida} (confidencial: contiene calificaciones)."
    primero = salida.read_bytes()
    assert correr("exportar", "--datos", str(empresa), "--salida", str(salida)).codigo == 0
    assert salida.read_bytes() == primero
    libro = load_workbook(salida)
    assert libro.sheetnames == ["Consolidado", "COM", "OPE", "Acerca de"]
    hoja = libro["Consolidado"]
    titulos = [c.value for c in hoja[1]]
    assert {"Porcentaje final", "Tramo", "Consecuencias", "Calibración de sus evaluadores"} <= set(titulos)
    filas = {f[0]: dict(zip(titulos, f)) for f in hoja.iter_rows(min_row=2, values_only=True)}
    assert len(filas) == 29 and len(list(libro["COM"].iter_rows(min_row=2))) + len(list(libro["OPE"].iter_rows(min_row=2))) == 29
    aguirre = filas["30000031"]
    assert aguirre["Apellidos"] == "@SUM(A1)" and aguirre["Tramo"] in {"Excelente", "Muy bueno", "Bueno", "Regular",
                                                                        "No satisfactorio"}
    celda = next(c for c in hoja["B"] if c.value == "@SUM(A1)")
    assert celda.data_type == "s" and celda.quotePrefix
    assert aguirre["Porcentaje final"] == sum(aguirre[f"Subtotal {p}"] or 0 for p in ("objetivos", "competencias", "servicio"))
    assert filas["20000012"]["Estado"] in {"Calificado", "Pendiente", "En proceso de adaptación"}
    csv_ = tmp_path / "r.csv"
    assert correr("exportar", "--datos", str(empresa), "--formato", "csv", "--salida", str(csv_)).codigo == 0
    assert csv_.read_bytes().startswith(b"\xef\xbb\xbfDocumento,") and "'@SUM(A1)" in csv_.read_text(encoding="utf-8-sig")


def test_nuevo_desde_el_anterior_copia_personas_y_evaluadores_y_valida(empresa, tmp_path):
    corrida = correr("nuevo", "--ciclo", "2026", "--desde", "2025", "--datos", str(empresa))
    assert corrida.codigo == 0, corrida.errores
    assert corrida.lineas_error[0].startswith("Ciclo 2026 creado desde 2025: ciclo.yaml y 29 registros")
    assert f"Revise en {empresa / 'ciclos/2026/ciclo.yaml'}:" in corrida.lineas_error
    assert any("el documento de apertura del ciclo anterior" in e for e in corrida.lineas_error)
    assert any("«fin» de «Acuerdo del desempeño (objetivos del año y competencias a evaluar)»: 31/01/2026, sábado" in e
               for e in corrida.lineas_error)
    ciclo = (empresa / "ciclos/2026/ciclo.yaml").read_text(encoding="utf-8")
    assert "nombre: Evaluación del Desempeño 2026" in ciclo and "fecha_evaluacion: 2027-01-20" in ciclo
    assert "resultado:" not in ciclo and "evaluado_por: [COM]" in ciclo
    navarro = (empresa / "ciclos/2026/servidores/navarro-s.yaml").read_text(encoding="utf-8")
    assert "registro_mensual:" not in navarro.replace("# registro_mensual:", "")
    assert "linea: anterior" not in navarro
    validacion = correr("validar", "--datos", str(empresa))
    assert validacion.codigo == 0, validacion.errores


def test_nuevo_ciclo_vacio_y_registro_suelto_validan(empresa):
    corrida = correr("nuevo", "--ciclo", "2027", "--inicio", "2027-01-01", "--fin", "2027-12-31",
                     "--politica", "empresa", "--datos", str(empresa))
    assert corrida.codigo == 0, corrida.errores
    assert "nombre: Evaluación del Desempeño 2027" in (empresa / "ciclos/2027/ciclo.yaml").read_text(encoding="utf-8")
    corrida = correr("nuevo", "--ciclo", "2025", "--documento", "40000002", "--nombres", "Luis", "--apellidos", "Ramos",
                     "--nivel", "mando medio", "--puesto", "Jefe de almacén", "--organo", "OPE", "--area", "Logística",
                     "--fecha-ingreso", "15/03/2022", "--evaluador", "20000013", "--datos", str(empresa))
    assert corrida.codigo == 0, corrida.errores
    texto = (empresa / "ciclos/2025/servidores/ramos-luis.yaml").read_text(encoding="utf-8")
    assert "  nivel: mando_medio" in texto and "  fecha_ingreso: 2022-03-15" in texto and "#     - {objetivo" in texto
    assert correr("validar", "--datos", str(empresa)).codigo == 0
    mal = correr("nuevo", "--ciclo", "2025", "--documento", "40000003", "--segmento", "ejecutor", "--datos", str(empresa))
    assert mal.codigo == 2 and mal.lineas_error[-1].endswith("--segmento no es un dato del colaborador en esta "
                                                             "política; use --nivel")
    falta = correr("nuevo", "--ciclo", "2025", "--documento", "40000003", "--nombres", "X", "--datos", str(empresa))
    assert falta.codigo == 2 and "generador nuevo: error: --nivel: falta el dato" in falta.lineas_error


def test_iniciar_con_la_politica_de_la_empresa(tmp_path, monkeypatch):
    corrida = correr("iniciar", str(tmp_path / "ent"), "--nombre", "X", "--siglas", "X", "--ciclo", "2026",
                     "--politica", "empresa")
    assert corrida.codigo == 0, corrida.errores
    ciclo = (tmp_path / "ent/datos/ciclos/2026/ciclo.yaml").read_text(encoding="utf-8")
    assert "politica: empresa" in ciclo and "ciclo-ponderado.schema.json" in ciclo.splitlines()[0]
    monkeypatch.chdir(tmp_path / "ent")
    validacion = correr("validar", "--datos", "datos")
    assert validacion.codigo == 0, validacion.errores
