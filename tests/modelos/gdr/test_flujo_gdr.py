"""`iniciar`, `nuevo` e `importar` con la política servir-2025: lo que una ORH hace antes de escribir metas."""

from __future__ import annotations

import re

from openpyxl import Workbook

from conftest import correr

CICLO = "datos/ciclos/2026/ciclo.yaml"


def _entidad(raiz):
    (raiz / "datos/entidad.yaml").write_text(
        "entidad:\n  nombre: Autoridad Nacional de Prueba\n  siglas: ANP\n"
        "  organos: {DG: Dirección General, OA: Oficina de Administración}\n", encoding="utf-8")


def _iniciar(tmp_path, monkeypatch):
    raiz = tmp_path / "anp"
    corrida = correr("iniciar", str(raiz), "--nombre", "Autoridad Nacional de Prueba", "--siglas", "ANP",
                     "--politica", "servir-2025", "--ciclo", "2026", "--inicio", "2026-02-02", "--fin", "2027-01-29")
    assert corrida.codigo == 0, corrida.errores
    monkeypatch.chdir(raiz)
    _entidad(raiz)
    with open(CICLO, "a", encoding="utf-8") as archivo:
        archivo.write("cronograma:\n"
                      "  - {etapa: planificacion, inicio: 2026-02-02, fin: 2026-03-31}\n"
                      "  - {etapa: seguimiento, inicio: 2026-04-01, fin: 2026-11-30}\n"
                      "  - {etapa: evaluacion, inicio: 2026-12-01, fin: 2027-01-29}\n"
                      "evaluadores_externos:\n  - {documento: \"09999999\", nombres: Teresa, apellidos: Titular Paz}\n")
    return raiz


def _descomentar(texto: str, hasta: str) -> str:
    inicio = texto.index("# notificacion:")
    fin = texto.index(hasta)
    cuerpo = [re.sub(r"^# ?", "", linea) if linea.startswith("# ") and not linea.startswith("# ---") else linea
              for linea in texto[inicio:fin].splitlines()]
    return texto[:inicio] + "\n".join(cuerpo) + "\n" + texto[fin:]


def test_iniciar_crea_un_repositorio_servir_2025_que_valida(tmp_path, monkeypatch):
    raiz = _iniciar(tmp_path, monkeypatch)
    ciclo = (raiz / CICLO).read_text(encoding="utf-8")
    assert ciclo.startswith("# yaml-language-server: $schema=../../../esquemas/ciclo-gdr.schema.json")
    assert "politica: servir-2025" in ciclo
    assert (raiz / "esquemas/registro-gdr.schema.json").is_file()
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores


def test_la_plantilla_del_registro_descomentada_solo_senala_sus_textos_de_muestra(tmp_path, monkeypatch):
    raiz = _iniciar(tmp_path, monkeypatch)
    corrida = correr("nuevo", "--ciclo", "2026", "--documento", "41234567", "--nombres", "Rosa", "--apellidos",
                     "Quispe Mamani", "--segmento", "Ejecutor", "--puesto", "Especialista", "--organo", "DG",
                     "--evaluador", "09999999", "--fecha-inicio-puesto", "2019-04-01")
    assert corrida.codigo == 0, corrida.errores
    ruta = raiz / "datos/ciclos/2026/servidores/quispe-mamani-rosa.yaml"
    plantilla = ruta.read_text(encoding="utf-8")
    assert 'documento: "41234567"' in plantilla and "segmento: ejecutor" in plantilla
    ruta.write_text(_descomentar(plantilla, "# Solo si el servidor"), encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 1
    errores = [linea for linea in corrida.lineas_error if ": error: " in linea]
    assert len(errores) >= 10
    for linea in errores:
        numero, columna = (int(x) for x in linea.split(":")[1:3])
        muestra = re.search(r"texto de muestra «([^»]+)»", linea)
        assert muestra, linea
        assert ruta.read_text(encoding="utf-8").splitlines()[numero - 1][columna - 1:].startswith(muestra.group(1))
    texto = ruta.read_text(encoding="utf-8").replace("valor_esperado: ...", "valor_esperado: 90")
    texto = texto.replace("AAAA-MM-DD", "2026-03-10").replace("...", "Dato escrito por la ORH")
    # Lo de la etapa de evaluación aún no ocurrió: sin valor alcanzado no se notifica ninguna calificación.
    texto = texto.replace("fecha_notificacion: 2026-03-10", "fecha_notificacion:")
    ruta.write_text(texto, encoding="utf-8")
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores


def _xlsx(ruta, filas):
    libro = Workbook()
    hoja = libro.active
    hoja.append(["DNI", "Apellidos", "Nombres", "Segmento", "Puesto", "Unidad orgánica", "DNI del evaluador",
                 "Fecha de inicio en el puesto"])
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)


def test_importar_la_lista_de_participantes_crea_registros_del_formato_2025(tmp_path, monkeypatch):
    raiz = _iniciar(tmp_path, monkeypatch)
    lista = tmp_path / "participantes.xlsx"
    _xlsx(lista, [["40000001", "Ramos Vega", "Luis", "Directivo", "Director General", "DG", "09999999", "01/02/2018"],
                  ["40000002", "Soto <script>", "Ana", "Ejecutor", "Analista", "Dirección General", "40000001", "2025-09-15"]])
    corrida = correr("importar", str(lista), "--ciclo", "2026")
    assert corrida.codigo == 0, corrida.errores
    registro = (raiz / "datos/ciclos/2026/servidores/soto-script-ana.yaml").read_text(encoding="utf-8")
    assert "$schema=../../../../esquemas/registro-gdr.schema.json" in registro
    assert "fecha_inicio_puesto: 2025-09-15" in registro and "regimen" not in registro.split("evaluador:")[0]
    assert correr("validar").codigo == 0
    # La misma lista otra vez no reescribe nada.
    antes = registro
    assert correr("importar", str(lista), "--ciclo", "2026").codigo == 0
    assert (raiz / "datos/ciclos/2026/servidores/soto-script-ana.yaml").read_text(encoding="utf-8") == antes


def test_importar_rechaza_un_evaluador_ejecutor_con_la_referencia_del_formato(tmp_path, monkeypatch):
    _iniciar(tmp_path, monkeypatch)
    lista = tmp_path / "participantes.xlsx"
    _xlsx(lista, [["40000002", "Soto", "Ana", "Ejecutor", "Analista", "DG", "40000003", "2020-01-01"],
                  ["40000003", "Paz", "Eva", "Ejecutor", "Analista", "DG", "40000003", "2020-01-01"]])
    corrida = correr("importar", str(lista), "--ciclo", "2026")
    assert corrida.codigo == 1
    assert "participantes.xlsx:fila 2: columna «Documento del evaluador»: no es directivo ni mando medio de la " \
           "lista o del ciclo, ni evaluador externo de ciclo.yaml (F!K11)" in corrida.errores
    assert "participantes.xlsx:fila 3: columna «Documento del evaluador»: un servidor no se evalúa a sí mismo " \
           "(F!K11)" in corrida.errores
    assert not list((tmp_path / "anp/datos/ciclos/2026").glob("servidores/*.yaml"))


def test_nuevo_desde_copia_servidores_y_evaluadores_y_deja_el_cie_y_la_junta_por_confirmar(tmp_path, monkeypatch):
    raiz = _iniciar(tmp_path, monkeypatch)
    lista = tmp_path / "participantes.xlsx"
    _xlsx(lista, [["40000001", "Ramos Vega", "Luis", "Directivo", "Director General", "DG", "09999999", "2018-02-01"]])
    assert correr("importar", str(lista), "--ciclo", "2026").codigo == 0
    with open(CICLO, "a", encoding="utf-8") as archivo:
        archivo.write("junta: {acta: Acta N° 001-2027-JD, fecha: 2027-01-20, miembros: [\"40000001\"], designados: []}\n"
                      "cie:\n  afrh: {titular: \"40000001\", suplente: \"09999999\"}\n")
    corrida = correr("nuevo", "--ciclo", "2027", "--desde", "2026")
    assert corrida.codigo == 0, corrida.errores
    ciclo = (raiz / "datos/ciclos/2027/ciclo.yaml").read_text(encoding="utf-8")
    assert ciclo.count("por_confirmar: true  # copiado del ciclo 2026: bórrelo al confirmar") == 2
    assert "Acta N°" not in ciclo and "etapa: evaluacion, inicio: 2027-12-01" in ciclo
    assert (raiz / "datos/ciclos/2027/servidores/ramos-vega-luis.yaml").is_file()
    corrida = correr("validar")
    assert corrida.codigo == 0, corrida.errores
    assert "«junta» está copiado de otro ciclo" in corrida.errores
