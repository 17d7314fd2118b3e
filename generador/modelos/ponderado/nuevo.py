"""`generador nuevo` en la empresa: un ciclo vacío o un ciclo a partir del anterior.

- Desde el anterior: el mismo ciclo.yaml (comentarios incluidos) con las fechas
  corridas, sin el documento de apertura ni los resultados de las encuestas de
  servicio (se conserva qué departamento presta servicio a cuál); y un registro
  por colaborador con sus datos y sus evaluadores, sin acuerdo, registro mensual,
  evaluaciones ni entrevista. Lo que Recursos Humanos debe revisar sale como avisos.
- Vacío: `plantillas/yaml/ciclo-ponderado.yaml.j2`.
- Un registro: como una fila de la lista (`lista.py`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...flujo.ciclo import abrir_anterior, comentarios_corridos, fechas_en_fin_de_semana
from ...flujo.plan import ruta_esquema
from ...flujo.yaml_texto import plantilla, volcar
from ...repositorio import Ciclo
from .lista import CAMPOS_COLABORADOR, texto_registro

RESULTADOS_SERVICIO = ("muestra", "resultado", "ingresado_por", "fecha")


def ciclo_desde(anterior: Ciclo, carpeta: Path) -> tuple[dict[Path, str], list[str]]:
    """Los archivos del ciclo nuevo ({ruta: texto}) y lo que Recursos Humanos debe revisar en ellos."""
    datos, yaml, cabecera, avisos = abrir_anterior(anterior, carpeta, "el documento de apertura del ciclo anterior "
                                                   "(«{resolucion}») se dejó vacío: escriba el de este ciclo")
    servicio = [s for s in datos.get("servicio") or [] if isinstance(s, dict)]
    if any(clave in s for s in servicio for clave in RESULTADOS_SERVICIO):
        for entrada in servicio:
            for clave in RESULTADOS_SERVICIO:
                entrada.pop(clave, None)
        avisos.append("se quitaron los resultados de las encuestas de servicio del ciclo anterior (muestra, "
                      "resultado, quién y cuándo los ingresó); revise qué departamentos prestan servicio")
    for clave, quienes in (("comite_ejecutivo", "el Comité Ejecutivo"), ("recursos_humanos", "Recursos Humanos"),
                           ("evaluadores_externos", "los evaluadores externos")):
        if datos.get(clave):
            avisos.append(f"«{clave}» se copió del ciclo {anterior.carpeta}: confirme {quienes}")
    avisos += [f"cae en fin de semana: {aviso}" for aviso in fechas_en_fin_de_semana(datos)]
    archivos = {carpeta / "ciclo.yaml": comentarios_corridos(volcar(datos, yaml), anterior.carpeta, carpeta.name)}

    titulo = f"{cabecera['nombre']} (carpeta {carpeta.name})"
    for registro in sorted(anterior.registros, key=lambda r: r.doc.ruta):
        colaborador = {clave: registro.servidor.get(clave) for clave in CAMPOS_COLABORADOR}
        lineas = [e for e in registro.lista("evaluaciones") if e.get("linea") != "anterior"]
        directa = next((str(e.get("evaluador")) for e in lineas if e.get("linea") == "directa"), "")
        otros = tuple({"evaluador": str(e.get("evaluador")), "linea": e.get("linea")} for e in lineas
                      if e.get("linea") != "directa")
        destino = carpeta / "servidores" / Path(registro.doc.ruta).name
        archivos[destino] = texto_registro(titulo, destino, colaborador, directa,
                                           f"Creado con «generador nuevo» desde el ciclo {anterior.carpeta}", otros)
    return archivos, avisos


def ciclo_vacio(carpeta: Path, nombre: str, inicio: dt.date, fin: dt.date, politica: str) -> dict[Path, str]:
    destino = carpeta / "ciclo.yaml"
    texto = plantilla("ciclo-ponderado.yaml.j2", esquema=ruta_esquema(destino, "ciclo-ponderado"), nombre=nombre,
                      inicio=inicio, fin=fin, politica=politica)
    return {destino: texto}
