"""Los registros como quedarían después de importar, validados en memoria antes de escribir nada.

Cada texto nuevo se lee con el mismo lector seguro y el mismo esquema que `generador validar`, reemplaza a
su registro en el repositorio ya leído y todos los ciclos del modelo pasan por sus reglas (el historial de
un ciclo depende de los anteriores). Cuentan todos los errores de los registros que cambian y, en los demás
archivos, los que la importación causa (un directivo de la Junta que pasa a ser candidato es un error de
ciclo.yaml): los que ya estaban antes no los causa la importación (`generador validar` los muestra).
"""

from __future__ import annotations

from .... import esquema
from ....carga import cargar_texto
from ....diagnosticos import ERROR, Diagnostico, Informe
from ....repositorio import Registro, Repositorio


def _reglas(repositorio: Repositorio, informe: Informe) -> None:
    """Las reglas de cada modelo sobre sus ciclos válidos (como `validacion.validar`, sin volver a leer)."""
    por_modelo: dict = {}
    for ciclo in repositorio.ciclos:
        if ciclo.valido:
            por_modelo.setdefault(ciclo.politica.modelo, []).append(ciclo)
    for modelo, ciclos in por_modelo.items():
        modelo.validar(repositorio, ciclos, informe)


def validar_en_memoria(repositorio: Repositorio, textos: dict[str, str]) -> tuple[list[Diagnostico], int]:
    """(errores que deja la importación, cantidad de advertencias de los registros que cambian).
    `textos`: ruta del registro → su texto nuevo."""
    if not textos:
        return [], 0
    antes = Informe()
    _reglas(repositorio, antes)
    informe = Informe()
    for ciclo in repositorio.ciclos:
        modelo = ciclo.politica.modelo if ciclo.politica is not None else None
        for i, registro in enumerate(ciclo.registros):
            if registro.doc.ruta in textos and modelo is not None:
                documento = cargar_texto(textos[registro.doc.ruta].encode("utf-8"), registro.doc.ruta, informe,
                                         posiciones=True)
                if documento is not None:
                    valido = esquema.validar(documento, modelo.ESQUEMA_REGISTRO, informe)
                    ciclo.registros[i] = Registro(documento, valido, modelo.CLAVE_PERSONA)
        ciclo.__dict__.pop("por_documento", None)   # el índice por documento se vuelve a armar con los nuevos
    _reglas(repositorio, informe)
    ya_estaban = set(antes.errores)
    errores = [d for d in informe.ordenados() if d.nivel == ERROR
               and (d.ubicacion.ruta in textos or d not in ya_estaban)]
    advertencias = sum(1 for d in informe.advertencias if d.ubicacion.ruta in textos)
    return errores, advertencias
