"""`generador nuevo`: registros y ciclos comentados que validan, sin sobrescribir nada."""

from __future__ import annotations

import json
import shutil

from conftest import correr
from generador.carga import cargar
from generador.diagnosticos import Informe

REGISTRO = ["nuevo", "--ciclo", "2024", "--documento", "42345678", "--nombres", "Ana María", "--apellidos", "Pérez Soto",
            "--segmento", "Personal ejecutor", "--puesto", "Analista: datos oceanográficos", "--organo", "DGIOCC",
            "--evaluador", "30000001", "--regimen", "CAS", "--fecha-inicio-puesto", "15/03/2021"]


def _archivos(carpeta):
    return {p.relative_to(carpeta): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file()}


def test_nuevo_registro_comentado_que_valida(ejemplo):
    corrida = correr(*REGISTRO)
    assert corrida.codigo == 0, corrida.errores
    ruta = ejemplo / "ciclos/2024/servidores/perez-soto-ana.yaml"
    assert corrida.lineas_error[-1] == f"Registro creado: {ruta.relative_to(ejemplo.parent)}. Complete sus secciones en cada etapa."
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith("# yaml-language-server: $schema=") and "# metas_individuales:" in texto
    datos = cargar(ruta, Informe()).datos
    assert datos["servidor"] == {"nombres": "Ana María", "apellidos": "Pérez Soto", "documento": "42345678",
                                 "segmento": "ejecutor", "regimen": "1057", "puesto": "Analista: datos oceanográficos",
                                 "organo": "DGIOCC", "fecha_inicio_puesto": __import__("datetime").date(2021, 3, 15)}
    assert datos["evaluador"] == "30000001"
    assert correr("validar").codigo == 0
    fila = next(f for f in json.loads(correr("calificar", "--formato", "json").salida) if f["documento"] == "42345678")
    assert fila["puntaje_final"] is None and fila["calificacion"] is None


def test_un_directivo_recibe_compromisos_y_no_metas_grupales(ejemplo):
    argumentos = [a if a != "Personal ejecutor" else "Directivo" for a in REGISTRO]
    argumentos[argumentos.index("30000001")] = "09000001"  # evaluador externo
    assert correr(*argumentos).codigo == 0
    texto = (ejemplo / "ciclos/2024/servidores/perez-soto-ana.yaml").read_text(encoding="utf-8")
    assert "# compromisos:" in texto and "# metas_grupales:" not in texto


def test_nuevo_registro_no_sobrescribe_ni_duplica(ejemplo):
    assert correr(*REGISTRO).codigo == 0
    antes = _archivos(ejemplo)
    corrida = correr(*REGISTRO)
    assert corrida.codigo == 2
    assert corrida.lineas_error == ["generador nuevo: error: --documento: ya hay un registro con ese documento en el "
                                    "ciclo (perez-soto-ana.yaml)"]
    assert _archivos(ejemplo) == antes


def test_nuevo_registro_con_datos_malos_dice_cada_problema_y_no_escribe(ejemplo):
    antes = _archivos(ejemplo)
    corrida = correr("nuevo", "--ciclo", "2024", "--documento", "123", "--nombres", "X", "--segmento", "gerente",
                     "--puesto", "P", "--organo", "ZZZ", "--evaluador", "41234567", "--fecha-inicio-puesto", "31/02/2020")
    assert corrida.codigo == 2
    assert sorted(corrida.lineas_error) == sorted([
        "generador nuevo: error: --documento: se esperaba un DNI de 8 dígitos o un carné de extranjería (8 a 15 letras o dígitos)",
        "generador nuevo: error: --segmento: segmento desconocido: use Directivo, Mando medio, Ejecutor u Operador y asistencial",
        "generador nuevo: error: --organo: órgano desconocido: use la sigla o el nombre de un órgano de entidad.yaml",
        "generador nuevo: error: --fecha-inicio-puesto: fecha no válida: use DD/MM/AAAA (o una celda con formato de fecha)",
        "generador nuevo: error: --apellidos: falta el dato",
        "generador nuevo: error: --evaluador: no es directivo ni mando medio de la lista o del ciclo, ni evaluador "
        "externo de ciclo.yaml (5.3)",
    ])
    assert _archivos(ejemplo) == antes


def test_ciclo_desde_el_anterior(ejemplo):
    corrida = correr("nuevo", "--ciclo", "2025", "--desde", "2024")
    assert corrida.codigo == 0, corrida.errores
    carpeta = ejemplo / "ciclos/2025"
    anterior = ejemplo / "ciclos/2024"
    assert sorted(p.name for p in (carpeta / "servidores").iterdir()) == sorted(p.name for p in (anterior / "servidores").iterdir())
    ciclo = cargar(carpeta / "ciclo.yaml", Informe()).datos
    viejo = cargar(anterior / "ciclo.yaml", Informe()).datos
    cabecera, cabecera_vieja = ciclo.get("ciclo", ciclo), viejo.get("ciclo", viejo)
    assert cabecera["inicio"] == cabecera_vieja["inicio"].replace(year=cabecera_vieja["inicio"].year + 1)
    assert cabecera["fin"] == cabecera_vieja["fin"].replace(year=cabecera_vieja["fin"].year + 1)
    assert cabecera["resolucion"] == ""
    assert ciclo["cie"] == {**viejo["cie"], "por_confirmar": True} and ciclo["pesos_segmento"] == viejo["pesos_segmento"]
    assert "designados" not in ciclo.get("junta", {}) and "acta" not in ciclo.get("junta", {})
    etapas = [(e["inicio"], e["fin"]) for e in ciclo["cronograma"]]
    assert etapas == [(e["inicio"].replace(year=e["inicio"].year + 1), e["fin"].replace(year=e["fin"].year + 1))
                      for e in viejo["cronograma"]]
    registro = cargar(carpeta / "servidores/quispe-mamani-rosa.yaml", Informe()).datos
    original = cargar(anterior / "servidores/quispe-mamani-rosa.yaml", Informe()).datos
    assert registro == {"servidor": original["servidor"], "evaluador": original["evaluador"]}
    assert correr("validar").codigo == 0
    calificaciones = json.loads(correr("calificar", "--ciclo", "2025", "--formato", "json").salida)
    assert len(calificaciones) == 12 and all(c["calificacion"] is None for c in calificaciones)


def test_ciclo_que_ya_existe_no_se_toca(ejemplo):
    antes = _archivos(ejemplo)
    corrida = correr("nuevo", "--ciclo", "2024", "--desde", "2024")
    assert corrida.codigo == 2
    assert corrida.lineas_error[-1].startswith("generador nuevo: error: el ciclo «2024» ya existe")
    assert _archivos(ejemplo) == antes


def test_ciclo_vacio_valida_con_advertencias(ejemplo):
    shutil.rmtree(ejemplo / "ciclos/2024")
    corrida = correr("nuevo", "--ciclo", "2026", "--inicio", "2026-03-02", "--fin", "2027-03-31")
    assert corrida.codigo == 0, corrida.errores
    texto = (ejemplo / "ciclos/2026/ciclo.yaml").read_text(encoding="utf-8")
    assert "nombre: Ciclo de Gestión del Rendimiento 2026" in texto and "# cronograma:" in texto
    validacion = correr("validar")
    assert validacion.codigo == 0, validacion.errores
    assert "el ciclo no tiene «cronograma»" in validacion.errores


def test_nuevo_sin_modo_es_uso_incorrecto(ejemplo):
    corrida = correr("nuevo", "--ciclo", "2030")
    assert corrida.codigo == 2
    assert "indique --desde CICLO_ANTERIOR" in corrida.lineas_error[-1]
