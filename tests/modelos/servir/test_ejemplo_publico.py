"""El ejemplo público de la especificación da exactamente los resultados esperados."""

from __future__ import annotations

import json

from conftest import ESPERADO, correr


def test_calificar_json_da_los_resultados_publicos(ejemplo):
    corrida = correr("calificar", "--datos", str(ejemplo), "--ciclo", "2024", "--formato", "json")
    assert corrida.codigo == 0, corrida.errores
    assert json.loads(corrida.salida) == json.loads(ESPERADO.read_text(encoding="utf-8"))


def test_cifras_json_con_dos_decimales(ejemplo):
    corrida = correr("calificar", "--datos", str(ejemplo), "--formato", "json")
    assert '"puntaje_final": 96.75,' in corrida.salida
    assert '"subtotal_grupal": 0.00,' in corrida.salida
    assert '"puntaje_grupal": null,' in corrida.salida


def test_el_ultimo_ciclo_es_el_predeterminado(ejemplo):
    assert correr("calificar", "--datos", str(ejemplo), "--formato", "json").salida == \
        correr("calificar", "--datos", str(ejemplo), "--ciclo", "2024", "--formato", "json").salida


def test_validar_el_ejemplo_publico(ejemplo):
    corrida = correr("validar", "--datos", "datos")
    assert corrida.codigo == 0
    # La reunión de retroalimentación de este registro es el 18/02/2025; el plazo vencía el 13/02/2025.
    assert corrida.lineas_error == [
        "datos/ciclos/2024/servidores/huaman-cardenas-luis.yaml:64:10: advertencia: la reunión de retroalimentación "
        "está fuera de plazo: debía hacerse a más tardar el 13/02/2025 (10 días hábiles) (7.6)",
        "0 errores, 1 advertencia",
        "Datos válidos: 1 ciclo, 12 registros.",
    ]


def test_estricto_vuelve_fatales_las_advertencias(ejemplo):
    corrida = correr("validar", "--datos", "datos", "--estricto")
    assert corrida.codigo == 1
    assert "0 errores, 1 advertencia" in corrida.lineas_error


def test_tabla_legible(ejemplo):
    corrida = correr("calificar", "--datos", "datos")
    lineas = corrida.salida.splitlines()
    assert lineas[0] == "Ciclo de Gestión del Rendimiento 2024 (carpeta 2024)"
    fila = next(l for l in lineas if l.startswith("30000001"))
    assert fila.split() [-4:] == ["98.60", "Rendimiento", "distinguido", "sí"]
    assert lineas[-1] == ("12 servidores. Buen rendimiento: 10; Rendimiento distinguido: 1; "
                          "Rendimiento sujeto a observación: 1. Candidatos a rendimiento distinguido: 6.")


def test_csv_y_archivo_de_salida(ejemplo, tmp_path):
    destino = tmp_path / "salida" / "calificaciones.csv"
    corrida = correr("calificar", "--datos", "datos", "--formato", "csv", "--salida", str(destino))
    assert corrida.codigo == 0 and corrida.salida == ""
    crudo = destino.read_bytes()
    assert crudo.startswith("\ufeff".encode())  # BOM: Excel reconoce las tildes
    lineas = crudo.decode("utf-8-sig").splitlines()
    assert lineas[0] == ("documento,nombres,apellidos,segmento,puntaje_grupal,puntaje_individual,subtotal_grupal,"
                         "subtotal_individual,puntaje_final,calificacion,candidato_distinguido")
    assert "41234567,Rosa Elena,Quispe Mamani,ejecutor,75.00,85.00,22.50,59.50,82.00,buen_rendimiento,no" in lineas
