"""Datos dañados al azar nunca producen una traza de Python: solo códigos 0 o 1 y mensajes.

Las mutaciones son deterministas (semilla fija): una falla se reproduce siempre igual.
"""

from __future__ import annotations

import random
import pytest

from conftest import correr, editar

VALORES = ["", "null", "[]", "{}", "0", "-5", "1e400", "abc", "2024-13-01", '"x"', "[1, 2]", "{a: 1}",
           "true", "2025-01-01", "9999", "directivo", "99.999", "*ancla", "&a x", "'sin cerrar"]


def _mutar(raiz, rnd: random.Random) -> list:
    archivos = sorted(raiz.rglob("*.yaml"))
    cambios = []
    for _ in range(rnd.randint(1, 3)):
        ruta = rnd.choice(archivos)
        lineas = ruta.read_text(encoding="utf-8").splitlines()
        i = rnd.randrange(len(lineas))
        operacion = rnd.random()
        if operacion < 0.3:
            del lineas[i]
        elif operacion < 0.7 and ":" in lineas[i]:
            lineas[i] = f"{lineas[i].split(':')[0]}: {rnd.choice(VALORES)}"
        elif operacion < 0.85:
            lineas.insert(i, lineas[rnd.randrange(len(lineas))])
        else:
            lineas[i] = " " + lineas[i]
        ruta.write_text("\n".join(lineas) + "\n", encoding="utf-8")
        cambios.append((ruta.name, i + 1))
    return cambios


@pytest.mark.parametrize("semilla", range(40))
def test_datos_danados_no_rompen_el_programa(ejemplo, semilla):
    cambios = _mutar(ejemplo, random.Random(semilla))
    for orden in (["validar"], ["calificar", "--formato", "json"]):
        corrida = correr(*orden)  # una excepción haría fallar la prueba aquí mismo
        assert corrida.codigo in (0, 1), (cambios, corrida.errores)
        if corrida.codigo == 1:
            assert "error: " in corrida.errores and corrida.salida == "", cambios


def test_valor_rechazado_al_leer_invalida_el_registro(ejemplo):
    """Una fecha imposible donde va un nivel de logro no llega a las reglas de puntaje."""
    editar(ejemplo / "ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml", "logro: D", "logro: 2024-13-01")
    corrida = correr("calificar")
    assert corrida.codigo == 1
    assert ("datos/ciclos/2024/servidores/sanchez-yupanqui-pedro.yaml:27:12: error: la fecha «2024-13-01» no existe "
            "en el calendario") in corrida.lineas_error
