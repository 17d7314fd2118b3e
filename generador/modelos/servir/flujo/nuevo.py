"""`generador nuevo`: un registro, un ciclo vacío o un ciclo a partir del anterior.

- Registro: la plantilla comentada de `plantillas/yaml/registro.yaml.j2` con los
  datos del servidor; se revisa como una fila de la lista de participantes.
- Ciclo desde el anterior: el mismo ciclo.yaml (comentarios incluidos) con las
  fechas corridas un año (o los que separen los nombres de las carpetas), sin
  resolución, sin días no laborables ni acta o designados de la Junta, con el CIE
  y la Junta copiados pero «por_confirmar» (el portal no los publica como del
  ciclo nuevo hasta que la AFRH confirma su elección); y un registro por servidor
  con sus datos y su evaluador, sin metas ni resultados. Lo que la AFRH debe
  revisar sale como avisos (fechas que caen en sábado o domingo, resolución…).
- Ciclo vacío: `plantillas/yaml/ciclo.yaml.j2`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ....flujo import participantes
from ....flujo.plan import ruta_esquema
from ....flujo.yaml_texto import plantilla
from ....repositorio import Ciclo
from .importar import REGISTROS


POR_CONFIRMAR = {"cie": "el Comité Institucional de Evaluación se copió del ciclo {anterior}: elija o ratifique "
                        "a sus miembros (6.3) y borre «por_confirmar»",
                 "junta": "la Junta de Directivos se copió del ciclo {anterior}: confirme sus miembros "
                          "(7.5.2 b) y borre «por_confirmar»"}


def ciclo_desde(anterior: Ciclo, carpeta: Path) -> tuple[dict[Path, str], list[str]]:
    """Los archivos del ciclo nuevo (en `carpeta`), copiados del anterior, y lo que la AFRH debe revisar."""
    return participantes.ciclo_desde(REGISTROS, anterior, carpeta, POR_CONFIRMAR)


def ciclo_vacio(carpeta: Path, nombre: str, inicio: dt.date, fin: dt.date, politica: str) -> dict[Path, str]:
    destino = carpeta / "ciclo.yaml"
    texto = plantilla("ciclo.yaml.j2", esquema=ruta_esquema(destino, "ciclo"), nombre=nombre, inicio=inicio,
                      fin=fin, politica=politica)
    return {destino: texto}

