"""`generador nuevo` e `importar` en un ciclo servir-2025: la lista de participantes del sector público
(`generador/flujo/participantes.py`) con el `servidor` del Formato GDR 2025 y su plantilla comentada
(`plantillas/yaml/registro-gdr.yaml.j2`); un ciclo vacío sale de `plantillas/yaml/ciclo-gdr.yaml.j2`."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from ...flujo import ordenes as flujo
from ...flujo import participantes
from ...flujo.plan import ruta_esquema
from ...flujo.yaml_texto import plantilla
from ...ordenes import ErrorUso
from ...repositorio import Ciclo

CAMPOS_SERVIDOR = ("nombres", "apellidos", "documento", "segmento", "puesto", "organo", "fecha_inicio_puesto")
COLUMNAS = (participantes.DOCUMENTO, participantes.APELLIDOS, participantes.NOMBRES, participantes.SEGMENTO,
            participantes.PUESTO, participantes.ORGANO, participantes.EVALUADOR, participantes.FECHA_INICIO_PUESTO)
AJENAS = ("regimen", "profesion")  # datos del Anexo 1 de 2015 que el Formato GDR 2025 no tiene
POR_CONFIRMAR = {"cie": "el Comité Institucional de Evaluación se copió del ciclo {anterior}: confirme a sus "
                        "miembros y borre «por_confirmar»",
                 "junta": "la Junta de Directivos se copió del ciclo {anterior}: confirme sus miembros y borre "
                          "«por_confirmar»"}


def texto_registro(titulo_ciclo: str, destino: Path, servidor: dict, evaluador: str, origen: str) -> str:
    ordenado = {clave: servidor.get(clave) for clave in CAMPOS_SERVIDOR}
    return plantilla("registro-gdr.yaml.j2", esquema=ruta_esquema(destino, "registro-gdr"), ciclo=titulo_ciclo,
                     servidor=ordenado, evaluador=evaluador, origen=origen)


def _admitidos(ciclo: Ciclo) -> set[str]:
    return {s for s in ciclo.politica.segmentos_evaluador.valor if s != "funcionario"}


REGISTROS = participantes.Registros(
    columnas=COLUMNAS, campos_servidor=CAMPOS_SERVIDOR, entre_comillas=("documento",),
    conversiones=participantes.CONVERSIONES, texto_registro=texto_registro, admitidos=_admitidos, referencia="F!K11")
planear = partial(participantes.planear, REGISTROS)


def ciclo_desde(anterior: Ciclo, carpeta: Path) -> tuple[dict[Path, str], list[str]]:
    return participantes.ciclo_desde(REGISTROS, anterior, carpeta, POR_CONFIRMAR)


def ciclo_vacio(carpeta: Path, nombre: str, inicio: dt.date, fin: dt.date, politica: str) -> dict[Path, str]:
    destino = carpeta / "ciclo.yaml"
    return {destino: plantilla("ciclo-gdr.yaml.j2", esquema=ruta_esquema(destino, "ciclo-gdr"), nombre=nombre,
                               inicio=inicio, fin=fin, politica=politica)}


def nuevo(argumentos) -> int:
    flujo.revisar_nombres(argumentos)
    if argumentos.documento is not None:
        for opcion in AJENAS:
            if getattr(argumentos, opcion, None) is not None:
                raise ErrorUso(f"--{opcion} no es un dato del Formato GDR 2025")
        campos = ("documento", "nombres", "apellidos", "segmento", "puesto", "organo", "evaluador", "fecha_inicio_puesto")
        return flujo.nuevo_registro(argumentos, campos, COLUMNAS, planear)
    andamio = SimpleNamespace(ciclo_desde=ciclo_desde, ciclo_vacio=ciclo_vacio)
    return flujo.nuevo_ciclo(argumentos, andamio, "servidor", "metas ni resultados", "Ciclo de Gestión del Rendimiento")


def importar(argumentos) -> int:
    return flujo.importar(argumentos, COLUMNAS, planear)
