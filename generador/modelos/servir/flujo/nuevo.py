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

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ....flujo.ciclo import anios_entre, comentarios_corridos, correr_fechas, fechas_en_fin_de_semana, nombre_corrido
from ....flujo.plan import ruta_esquema
from ....flujo.yaml_texto import abrir, plantilla, volcar
from ....repositorio import Ciclo
from .importar import CAMPOS_SERVIDOR, texto_registro


POR_CONFIRMAR = {"cie": "el Comité Institucional de Evaluación se copió del ciclo {anterior}: elija o ratifique "
                        "a sus miembros (6.3) y borre «por_confirmar»",
                 "junta": "la Junta de Directivos se copió del ciclo {anterior}: confirme sus miembros "
                          "(7.5.2 b) y borre «por_confirmar»"}


def ciclo_desde(anterior: Ciclo, carpeta: Path) -> tuple[dict[Path, str], list[str]]:
    """Los archivos del ciclo nuevo (en `carpeta`), copiados del anterior ({ruta: texto}), y lo que la AFRH
    debe revisar en ellos."""
    avisos: list[str] = []
    anios = anios_entre(anterior.carpeta, carpeta.name)
    texto = (anterior.ruta / "ciclo.yaml").read_text(encoding="utf-8")
    datos, yaml = abrir(texto)
    correr_fechas(datos, anios)
    cabecera = datos["ciclo"] if isinstance(datos.get("ciclo"), dict) else datos
    nombre = str(cabecera.get("nombre", ""))
    cabecera["nombre"] = nombre_corrido(nombre, anterior.carpeta, carpeta.name)
    if cabecera.get("resolucion"):
        avisos.append(f"la resolución del ciclo anterior («{cabecera['resolucion']}») se dejó vacía: escriba la que "
                      "aprueba este ciclo")
        cabecera["resolucion"] = DoubleQuotedScalarString("")
    if datos.get("dias_no_laborables"):
        avisos.append("los días no laborables se dejaron vacíos: escriba los del año nuevo")
        datos["dias_no_laborables"] = []
    junta = datos.get("junta")
    if isinstance(junta, dict):
        for clave in ("acta", "fecha", "designados"):
            junta.pop(clave, None)
    for bloque in POR_CONFIRMAR:
        if isinstance(datos.get(bloque), dict):
            datos[bloque]["por_confirmar"] = True
            datos[bloque].yaml_add_eol_comment(f"copiado del ciclo {anterior.carpeta}: bórrelo al confirmar", "por_confirmar")
            avisos.append(POR_CONFIRMAR[bloque].format(anterior=anterior.carpeta))
    avisos += [f"cae en fin de semana: {aviso}" for aviso in fechas_en_fin_de_semana(datos)]
    texto_ciclo = comentarios_corridos(volcar(datos, yaml), anterior.carpeta, carpeta.name)
    archivos = {carpeta / "ciclo.yaml": texto_ciclo}

    titulo = f"{cabecera['nombre']} (carpeta {carpeta.name})"
    for registro in sorted(anterior.registros, key=lambda r: r.doc.ruta):
        servidor = {clave: registro.servidor.get(clave) for clave in CAMPOS_SERVIDOR}
        destino = carpeta / "servidores" / Path(registro.doc.ruta).name
        archivos[destino] = texto_registro(titulo, destino, servidor, str(registro.evaluador or ""),
                                           f"Creado con «generador nuevo» desde el ciclo {anterior.carpeta}")
    return archivos, avisos


def ciclo_vacio(carpeta: Path, nombre: str, inicio: dt.date, fin: dt.date, politica: str) -> dict[Path, str]:
    destino = carpeta / "ciclo.yaml"
    texto = plantilla("ciclo.yaml.j2", esquema=ruta_esquema(destino, "ciclo"), nombre=nombre, inicio=inicio,
                      fin=fin, politica=politica)
    return {destino: texto}

