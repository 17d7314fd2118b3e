"""La lista de participantes se vuelve un registro por servidor (o actualiza los que ya hay).

Primero se revisan todas las filas; si alguna está mal, se informa cada problema
(`LISTA.xlsx:fila N: …`) y no se escribe nada. Un registro que ya existe (mismo
documento en el ciclo) solo cambia en los campos de `servidor` que trae la lista
y en `evaluador`: el resto del archivo, comentarios incluidos, queda igual, y si
nada cambió el archivo no se toca. Un servidor nuevo recibe un registro comentado
(la plantilla de `generador nuevo`). Lo común a los modelos está en `generador/flujo/`.
"""

from __future__ import annotations

from pathlib import Path

from ....flujo import columnas as comunes
from ....flujo.lista import Fila
from ....flujo.plan import Plan, componer, convertir, poner, ruta_esquema
from ....flujo.yaml_texto import abrir, plantilla, volcar
from ....repositorio import Ciclo, Repositorio
from . import columnas as col

CAMPOS_SERVIDOR = ("nombres", "apellidos", "documento", "segmento", "regimen", "profesion", "puesto", "organo",
                   "fecha_inicio_puesto")
ENTRE_COMILLAS = ("documento", "regimen")
CONVERSIONES = {"documento": comunes.documento, "evaluador": comunes.documento, "segmento": col.segmento,
                "regimen": col.regimen, "fecha_inicio_puesto": comunes.fecha}


def texto_registro(titulo_ciclo: str, destino: Path, servidor: dict, evaluador: str, origen: str) -> str:
    ordenado = {clave: servidor.get(clave) for clave in CAMPOS_SERVIDOR}
    return plantilla("registro.yaml.j2", esquema=ruta_esquema(destino, "registro"),
                     ciclo=titulo_ciclo, servidor=ordenado, evaluador=evaluador,
                     origen=origen)


def planear(repositorio: Repositorio, ciclo: Ciclo, filas: list[Fila], origen: str, solo_nuevos: bool = False) -> Plan:
    """Revisa todas las filas y prepara los archivos a escribir (sin escribir nada)."""
    plan = Plan()
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    admitidos = set(ciclo.politica.segmentos_evaluadores.valor) if ciclo.politica else {"directivo", "mando_medio"}
    existentes = {r.documento: r for r in ciclo.registros if r.documento}
    evaluadores = {d for d, r in existentes.items() if r.segmento in admitidos}
    evaluadores |= {str(e.get("documento")) for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}

    conversiones = {**CONVERSIONES, "organo": lambda valor: comunes.organo(valor, organos)}
    convertidas = convertir(filas, col.COLUMNAS, conversiones, existentes, solo_nuevos, plan)
    evaluadores |= {v["documento"] for _, v in convertidas if v.get("segmento") in admitidos and v.get("documento")}
    for fila, valores in convertidas:
        evaluador = valores.get("evaluador")
        if evaluador and evaluador == valores.get("documento"):
            plan.errores.append((fila.numero, "evaluador", "un servidor no se evalúa a sí mismo (5.3)"))
        elif evaluador and evaluador not in evaluadores:
            plan.errores.append((fila.numero, "evaluador", "no es directivo ni mando medio de la lista o del ciclo, "
                                                           "ni evaluador externo de ciclo.yaml (5.3)"))
    if plan.errores:
        return plan

    def crear(destino: Path, valores: dict) -> str:
        servidor = {c: v for c, v in valores.items() if c != "evaluador"}
        return texto_registro(f"{ciclo.nombre} (carpeta {ciclo.carpeta})", destino, servidor, valores["evaluador"], origen)

    return componer(plan, convertidas, existentes, ciclo.ruta / "servidores", crear, _actualizar)


def _actualizar(texto: str, valores: dict) -> str:
    """Cambia solo los campos del servidor y el evaluador; lo demás (y sus comentarios) queda igual."""
    datos, yaml = abrir(texto)
    servidor = datos["servidor"]
    cambio = False
    for campo, valor in valores.items():
        if campo != "evaluador":
            cambio |= poner(servidor, campo, valor, campo in ENTRE_COMILLAS)
    cambio |= poner(datos, "evaluador", valores["evaluador"], True)
    return volcar(datos, yaml) if cambio else texto
