"""Validación contra los JSON Schema publicados en `generador/esquemas/`.

Los mismos archivos sirven a los editores (VS Code con la extensión YAML) y a
esta validación; los mensajes de jsonschema se traducen al castellano y se
ubican en la línea y columna del valor.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from decimal import Decimal
from functools import cache
from importlib import resources

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .carga import Documento, a_json
from .limites import INTERVALO_FECHAS, fecha_admitida
from .diagnosticos import Informe

_TIPOS = {
    "string": "un texto",
    "number": "un número",
    "integer": "un número entero",
    "object": "un mapeo de campos «clave: valor»",
    "array": "una lista (cada elemento empieza con «- »)",
    "boolean": "true o false",
    "null": "vacío",
}


def quiza(valor: object, opciones) -> str:
    """Sugerencia «¿quiso decir …?» cuando hay una opción parecida."""
    parecidas = difflib.get_close_matches(str(valor), [str(o) for o in opciones], n=1, cutoff=0.6)
    return f"; ¿quiso decir «{parecidas[0]}»?" if parecidas else ""


def _esquema(nombre: str) -> dict:
    return json.loads((resources.files("generador") / "esquemas" / f"{nombre}.schema.json").read_text("utf-8"))


_AAAA_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fecha_del_texto(texto: str) -> dt.date | None:
    """La fecha escrita como AAAA-MM-DD, o None si no lo está o no existe en el calendario."""
    if not _AAAA_MM_DD.fullmatch(texto):
        return None
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        return None


def es_fecha(valor) -> bool:
    """El formato «date» de los esquemas: AAAA-MM-DD, una fecha que existe, entre 1900-01-01 y
    2100-12-31 (como las fechas YAML, que ya acota la lectura). El mismo para los dos validadores."""
    if not isinstance(valor, str):
        return True
    fecha = _fecha_del_texto(valor)
    return fecha is not None and fecha_admitida(fecha)


def _verificador_de_formatos() -> FormatChecker:
    verificador = FormatChecker(formats=())
    verificador.checks("date")(es_fecha)
    return verificador


@cache
def _validador(nombre: str) -> Draft202012Validator:
    return Draft202012Validator(_esquema(nombre), format_checker=_verificador_de_formatos())


@cache
def _validador_rapido(nombre: str):
    """El mismo esquema compilado a Python (fastjsonschema): unas 50 veces más rápido, pero con
    mensajes en inglés. Solo dice sí o no; los errores los explica jsonschema."""
    esquema = {**_esquema(nombre), "$schema": "http://json-schema.org/draft-07/schema#"}  # las palabras usadas valen igual
    return fastjsonschema.compile(esquema, formats={"date": es_fecha})


def es_valido_rapido(instancia, nombre: str) -> bool:
    try:
        _validador_rapido(nombre)(instancia)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


# Los textos de muestra de las plantillas de `nuevo` (`objetivo: ...`, `fecha: AAAA-MM-DD`): si quedan, se
# imprimirían en el Anexo tal cual.
TEXTOS_DE_MUESTRA = frozenset({"...", "…", "AAAA-MM-DD", "AAAA-MM"})


def validar(documento: Documento, nombre: str, informe: Informe) -> bool:
    """Valida `documento` contra el esquema `nombre`; devuelve True si no hubo errores.

    Un campo que no es obligatorio y quedó vacío (`logro:`) es un dato que aún no se tiene: se quita antes de
    validar, como si la línea no estuviera. Un texto de muestra de la plantilla es un error en su línea."""
    _preparar(documento, _esquema_cacheado(nombre), informe)
    instancia = a_json(documento.datos)
    if not documento.invalidos and es_valido_rapido(instancia, nombre):
        return _fechas_donde_van_fechas(documento, nombre, informe)
    errores = sorted(_validador(nombre).iter_errors(instancia), key=lambda e: [str(p) for p in e.absolute_path])
    hubo = bool(documento.invalidos)  # un valor ya rechazado al leer invalida el documento
    for error in errores:
        ruta = tuple(error.absolute_path)
        if documento.es_invalido(ruta):
            continue  # ya se informó al leer el archivo
        for ubicacion_clave, mensaje in _traducir(error, documento, ruta):
            informe.error(ubicacion_clave, mensaje, _referencia(error))
            hubo = True
    return not hubo


def _preparar(documento: Documento, esquema: dict, informe: Informe) -> None:
    """Un solo recorrido antes de validar: quita, en el lugar, las claves vacías que su esquema no exige, e
    informa cada texto de muestra de la plantilla, que queda marcado como inválido."""

    def recorrer(valor, nodo, ruta: tuple) -> None:
        nodo = nodo if isinstance(nodo, dict) else {}
        if isinstance(valor, dict):
            obligatorios, propiedades = nodo.get("required", ()), nodo.get("properties", {})
            for clave in list(valor):
                hijo = propiedades.get(str(clave), nodo.get("additionalProperties"))
                if valor[clave] is None and clave not in obligatorios and isinstance(hijo, dict):
                    del valor[clave]
                else:
                    recorrer(valor[clave], hijo, ruta + (clave,))
        elif isinstance(valor, list):
            for i, elemento in enumerate(valor):
                recorrer(elemento, nodo.get("items"), ruta + (i,))
        elif isinstance(valor, str) and valor.strip() in TEXTOS_DE_MUESTRA:
            donde = _nombre_campo(ruta) + (f" (elemento {ruta[-1] + 1})" if ruta and isinstance(ruta[-1], int) else "")
            informe.error(documento.en(*ruta), f"{donde} todavía tiene el texto de muestra «{valor.strip()}» de la "
                                               "plantilla: escriba el dato (si aún no lo tiene, deje el campo vacío)")
            documento.invalidos.add(ruta)

    recorrer(documento.datos, esquema, ())


def _fechas_donde_van_fechas(documento: Documento, nombre: str, informe: Informe) -> bool:
    """Una fecha YAML sin comillas (`nombres: 2000-01-01`) pasa el esquema como texto, porque a JSON llega
    como «2000-01-01»; pero en el programa es una fecha, y donde se espera un texto no sirve. Solo valen
    donde el esquema pide el formato «date»."""
    bien = True
    for ruta in documento.fechas:  # las anotó el lector: no hace falta recorrer los datos
        nodo = _nodo_del_esquema(_esquema_cacheado(nombre), ruta)
        valor = _valor_en(documento.datos, ruta)
        if nodo is not None and isinstance(valor, dt.date) and nodo.get("format") != "date" \
                and "date" not in _formatos_de(nodo):
            informe.error(documento.en(*ruta), f"{_nombre_campo(ruta)}: aquí va un texto y YAML lo leyó como una "
                                               f"fecha; escríbalo entre comillas: \"{valor.isoformat()}\"")
            bien = False
    return bien


def _valor_en(datos, ruta: tuple):
    for parte in ruta:
        try:
            datos = datos[parte]
        except (KeyError, IndexError, TypeError):
            return None
    return datos


@cache
def _esquema_cacheado(nombre: str) -> dict:
    return _esquema(nombre)


def _nodo_del_esquema(nodo: dict, ruta: tuple) -> dict | None:
    """La parte del esquema que describe el valor en `ruta` (propiedades, elementos de listas y
    propiedades adicionales; los esquemas del programa no usan más que eso)."""
    for parte in ruta:
        if isinstance(parte, int):
            nodo = nodo.get("items")
        else:
            nodo = nodo.get("properties", {}).get(str(parte), nodo.get("additionalProperties"))
        if not isinstance(nodo, dict):
            return None
    return nodo


def _formatos_de(nodo: dict) -> set[str]:
    return {n.get("format") for n in nodo.get("anyOf", []) + nodo.get("oneOf", []) if isinstance(n, dict)}


def _referencia(error: ValidationError) -> str | None:
    esquema = error.schema if isinstance(error.schema, dict) else {}
    if "x-referencia" in esquema:
        return esquema["x-referencia"]
    padre = error.parent
    while padre is not None:
        if isinstance(padre.schema, dict) and "x-referencia" in padre.schema:
            return padre.schema["x-referencia"]
        padre = padre.parent
    return None


def _nombre_campo(ruta: tuple) -> str:
    campos = [p for p in ruta if isinstance(p, str)]
    return f"«{campos[-1]}»" if campos else "el archivo"


def _traducir(error: ValidationError, documento: Documento, ruta: tuple):
    """Pares (ubicación, mensaje) en castellano para un error de jsonschema."""
    tipo = error.validator
    valor = error.instance
    esquema = error.schema if isinstance(error.schema, dict) else {}
    campo = _nombre_campo(ruta)
    aqui = documento.en(*ruta)

    if tipo == "required":
        faltante = error.message.split("'")[1]
        donde = "el archivo" if not ruta else campo
        yield aqui, f"falta el campo obligatorio «{faltante}» en {donde}"
    elif tipo == "additionalProperties":
        conocidos = list(esquema.get("properties", {}))
        for clave in valor:
            if clave not in conocidos:
                sugerencia = quiza(clave, conocidos)
                yield documento.clave(*ruta, clave), f"campo desconocido «{clave}»{sugerencia}"
    elif tipo == "type":
        yield aqui, _mensaje_tipo(esquema.get("type"), valor, campo, ruta)
    elif tipo == "enum" and _numero_que_debia_ser_texto(valor, esquema["enum"]):
        yield aqui, f"{campo} está escrito como número; escríbalo entre comillas para que se lea como texto"
    elif tipo == "enum":
        opciones = esquema["enum"]
        yield aqui, (
            f"{campo}: el valor «{valor}» no está admitido; use uno de: {', '.join(map(str, opciones))}"
            f"{quiza(valor, opciones)}"
        )
    elif tipo == "format" and isinstance(valor, str) and _fecha_del_texto(valor) is not None:
        yield aqui, f"{campo}: la fecha «{valor}» está fuera del intervalo admitido, {INTERVALO_FECHAS}"
    elif tipo == "format":
        yield aqui, f"{campo}: «{valor}» no es una fecha válida (use AAAA-MM-DD, por ejemplo 2024-04-15)"
    elif tipo == "pattern":
        yield aqui, _mensaje_patron(esquema["pattern"], campo)
    elif tipo == "propertyNames":
        yield aqui, f"{campo}: la clave «{valor}» no tiene el formato esperado"
    elif tipo == "exclusiveMinimum":
        yield aqui, f"{campo} debe ser mayor que {esquema['exclusiveMinimum']}"
    elif tipo == "minimum":
        yield aqui, f"{campo} no puede ser menor que {esquema['minimum']}"
    elif tipo == "maximum":
        yield aqui, f"{campo} no puede ser mayor que {esquema['maximum']}"
    elif tipo == "minProperties":
        yield aqui, f"{campo} no puede estar vacío"
    else:  # una palabra clave que aún no tiene traducción: mejor algo que nada
        yield aqui, f"{campo}: valor no válido ({error.message})"


def _numero_que_debia_ser_texto(valor, opciones) -> bool:
    es_numero = isinstance(valor, (int, Decimal)) and not isinstance(valor, bool)
    return es_numero and str(valor) in [str(o) for o in opciones if isinstance(o, str)]


def _mensaje_tipo(esperado, valor, campo: str, ruta: tuple) -> str:
    tipos = esperado if isinstance(esperado, list) else [esperado]
    descripcion = " o ".join(_TIPOS.get(t, t) for t in tipos)
    if valor is None:
        return f"{campo} está vacío; se esperaba {descripcion}"
    es_numero = isinstance(valor, (int, Decimal)) and not isinstance(valor, bool)
    if "string" in tipos and es_numero:
        if ruta and ruta[-1] in ("documento", "evaluador", "titular", "suplente", "afrh") or (
            len(ruta) >= 2 and ruta[-2] in ("directivos", "designados")
        ):
            return (
                f"{campo} está escrito como número: escríbalo entre comillas (por ejemplo \"07654321\"), "
                "porque como número pierde los ceros iniciales"
            )
        return f"{campo} está escrito como número; escríbalo entre comillas para que se lea como texto"
    return f"{campo} debe ser {descripcion}"


def _mensaje_patron(patron: str, campo: str) -> str:
    if "0-9A-Za-z" in patron:
        return f"{campo}: un documento de identidad tiene de 8 a 15 dígitos o letras, sin espacios"
    if "(0[1-9]|1[0-2])" in patron:
        return f"{campo}: escriba el mes como AAAA-MM, entre 1900-01 y 2100-12, por ejemplo 2025-04"
    return f"{campo} no tiene el formato esperado"
