"""La lista de participantes se vuelve un registro por servidor (o actualiza los que ya hay).

Primero se revisan todas las filas; si alguna está mal, se informa cada problema
(`LISTA.xlsx:fila N: …`) y no se escribe nada. Un registro que ya existe (mismo
documento en el ciclo) solo cambia en los campos de `servidor` que trae la lista
y en `evaluador`: el resto del archivo, comentarios incluidos, queda igual, y si
nada cambió el archivo no se toca. Un servidor nuevo recibe un registro comentado
(la plantilla de `generador nuevo`). Lo común está en `generador/flujo/participantes.py`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ....flujo import participantes
from ....flujo.plan import ruta_esquema
from ....flujo.yaml_texto import plantilla
from . import columnas as col

CAMPOS_SERVIDOR = ("nombres", "apellidos", "documento", "segmento", "regimen", "profesion", "puesto", "organo",
                   "fecha_inicio_puesto")


def texto_registro(titulo_ciclo: str, destino: Path, servidor: dict, evaluador: str, origen: str) -> str:
    ordenado = {clave: servidor.get(clave) for clave in CAMPOS_SERVIDOR}
    return plantilla("registro.yaml.j2", esquema=ruta_esquema(destino, "registro"),
                     ciclo=titulo_ciclo, servidor=ordenado, evaluador=evaluador,
                     origen=origen)


REGISTROS = participantes.Registros(
    columnas=col.COLUMNAS, campos_servidor=CAMPOS_SERVIDOR, entre_comillas=("documento", "regimen"),
    conversiones={**participantes.CONVERSIONES, "regimen": col.regimen}, texto_registro=texto_registro,
    admitidos=lambda ciclo: set(ciclo.politica.segmentos_evaluadores.valor) if ciclo.politica else {"directivo", "mando_medio"},
    referencia="5.3")
planear = partial(participantes.planear, REGISTROS)
