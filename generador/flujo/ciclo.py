"""Lo común a los modelos para crear un ciclo a partir del anterior: correr las fechas y avisar las que
caen en fin de semana."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path


def anios_entre(anterior: str, nuevo: str) -> int:
    """Años que se corren las fechas: la diferencia entre las carpetas si ambas son años; si no, uno."""
    if re.fullmatch(r"\d{4}", anterior) and re.fullmatch(r"\d{4}", nuevo) and int(nuevo) > int(anterior):
        return int(nuevo) - int(anterior)
    return 1


def correr(fecha: dt.date, anios: int) -> dt.date:
    try:
        return fecha.replace(year=fecha.year + anios)
    except ValueError:  # 29 de febrero
        return fecha.replace(year=fecha.year + anios, day=28)


def correr_fechas(nodo, anios: int):
    if isinstance(nodo, dict):
        for clave in list(nodo):
            nodo[clave] = correr_fechas(nodo[clave], anios)
    elif isinstance(nodo, list):
        for i, valor in enumerate(nodo):
            nodo[i] = correr_fechas(valor, anios)
    elif isinstance(nodo, dt.date) and not isinstance(nodo, dt.datetime):
        return correr(nodo, anios)
    return nodo


DIAS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def fechas_en_fin_de_semana(datos) -> list[str]:
    """Las fechas del cronograma que caen en sábado o domingo, con la etapa o actividad que las usa."""
    avisos = []
    for etapa in datos.get("cronograma") or []:
        if not isinstance(etapa, dict):
            continue
        for elemento in [etapa] + [a for a in etapa.get("actividades") or [] if isinstance(a, dict)]:
            nombre = elemento.get("actividad") or etapa.get("etapa", "")
            for clave in ("inicio", "fin"):
                fecha = elemento.get(clave)
                if isinstance(fecha, dt.date) and fecha.weekday() >= 5:
                    avisos.append(f"«{clave}» de «{nombre}»: {fecha:%d/%m/%Y}, {DIAS[fecha.weekday()]}")
    return avisos


def nombre_corrido(nombre: str, anterior: str, nuevo: str) -> str:
    """El nombre del ciclo nuevo: el del anterior con su carpeta cambiada («… 2025» → «… 2026»)."""
    return nombre.replace(anterior, nuevo) if anterior in nombre else f"{nombre} ({nuevo})"


def comentarios_corridos(texto: str, anterior: str, nuevo: str) -> str:
    """Los comentarios que nombran el año del ciclo anterior pasan a nombrar el del nuevo."""
    if not re.fullmatch(r"\d{4}", anterior):
        return texto
    return "".join(linea.replace(anterior, nuevo) if linea.lstrip().startswith("#") else linea
                   for linea in texto.splitlines(keepends=True))


def abrir_anterior(anterior, carpeta: Path, aviso_resolucion: str):
    """El ciclo.yaml del ciclo `anterior` listo para el ciclo nuevo en `carpeta`: comentarios incluidos, fechas y
    nombre corridos, sin el documento que lo aprobó. Da (datos, yaml, cabecera, avisos); `aviso_resolucion` dice
    qué se dejó vacío, con «{resolucion}» donde va el del ciclo anterior."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from .yaml_texto import abrir
    avisos: list[str] = []
    datos, yaml = abrir((anterior.ruta / "ciclo.yaml").read_text(encoding="utf-8"))
    correr_fechas(datos, anios_entre(anterior.carpeta, carpeta.name))
    cabecera = datos["ciclo"] if isinstance(datos.get("ciclo"), dict) else datos
    cabecera["nombre"] = nombre_corrido(str(cabecera.get("nombre", "")), anterior.carpeta, carpeta.name)
    if cabecera.get("resolucion"):
        avisos.append(aviso_resolucion.format(resolucion=cabecera["resolucion"]))
        cabecera["resolucion"] = DoubleQuotedScalarString("")
    return datos, yaml, cabecera, avisos
