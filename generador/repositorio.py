"""Lectura de la carpeta `datos/`: entidad, ciclos y registros.

    datos/entidad.yaml
    datos/ciclos/<ciclo>/ciclo.yaml
    datos/ciclos/<ciclo>/servidores/*.yaml

Todo se lee y se valida contra su esquema antes de aplicar ninguna regla. El nombre de un archivo de
registro (sin .yaml) es el de la carpeta de su legajo en la salida: se admiten solo minúsculas sin
tildes, cifras, «-», «_» y «.», sin repetir el de otro registro (x.yaml junto a x.yml) ni terminar en
«.pdf» (chocaría con los PDF del ciclo, como anexo-7-flujograma.pdf, que van junto a esas carpetas).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import esquema
from .cache import Cache
from .carga import Documento, cargar, cargar_texto
from .limites import leer_bytes
from .diagnosticos import Informe, Ubicacion
from .modelos import politica_por_omision, por_omision
from .politica import Politica, cargar_politica

CABECERA_CICLO = ("nombre", "inicio", "fin", "resolucion", "politica")
EXTENSIONES_REGISTRO = (".yaml", ".yml")
_NOMBRE_REGISTRO = re.compile(r"[a-z0-9][a-z0-9._-]*")
_SUFIJO_RESERVADO = ".pdf"  # los archivos del ciclo en la salida (anexo-7-flujograma.pdf…) son todos PDF


def como_fecha(valor: Any) -> dt.date | None:
    """Fecha de un valor ya validado por el esquema (fecha YAML o texto AAAA-MM-DD)."""
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, str):
        try:
            return dt.date.fromisoformat(valor)
        except ValueError:
            return None
    return None


@dataclass
class Registro:
    """El registro de un servidor en un ciclo."""

    doc: Documento
    valido: bool
    clave_persona: str  # la del modelo de la política (CLAVE_PERSONA): «servidor», «colaborador»…

    @property
    def datos(self) -> dict:
        return self.doc.datos if isinstance(self.doc.datos, dict) else {}

    @property
    def servidor(self) -> dict:
        """Los datos de la persona evaluada (bajo la clave que fija el modelo de la política)."""
        servidor = self.datos.get(self.clave_persona)
        return servidor if isinstance(servidor, dict) else {}

    @property
    def documento(self) -> str | None:
        valor = self.servidor.get("documento")
        return valor if isinstance(valor, str) else None

    @property
    def segmento(self) -> str | None:
        valor = self.servidor.get("segmento")
        return valor if isinstance(valor, str) else None

    @property
    def puesto(self) -> str | None:
        valor = self.servidor.get("puesto")
        return valor if isinstance(valor, str) else None

    @property
    def evaluador(self) -> str | None:
        valor = self.datos.get("evaluador")
        return valor if isinstance(valor, str) else None

    @property
    def nombre_completo(self) -> str:
        return f"{self.servidor.get('nombres', '')} {self.servidor.get('apellidos', '')}".strip()

    def lista(self, clave: str) -> list:
        valor = self.datos.get(clave)
        return valor if isinstance(valor, list) else []

    def bloque(self, clave: str) -> dict:
        valor = self.datos.get(clave)
        return valor if isinstance(valor, dict) else {}

    def en(self, *ruta) -> Ubicacion:
        return self.doc.en(*ruta)


@dataclass
class Ciclo:
    carpeta: str
    ruta: Path
    doc: Documento | None
    valido: bool = False
    datos: dict = field(default_factory=dict)
    prefijo_cabecera: tuple = ()
    registros: list[Registro] = field(default_factory=list)
    ilegibles: int = 0  # registros que no se pudieron leer
    politica: Politica | None = None

    @property
    def cabecera(self) -> dict:
        return {k: self.datos.get(k) for k in CABECERA_CICLO}

    @property
    def nombre(self) -> str:
        return str(self.datos.get("nombre") or self.carpeta)

    @property
    def inicio(self) -> dt.date | None:
        return como_fecha(self.datos.get("inicio"))

    @property
    def fin(self) -> dt.date | None:
        return como_fecha(self.datos.get("fin"))

    def en(self, *ruta) -> Ubicacion:
        if self.doc is None:
            return Ubicacion(str(self.ruta / "ciclo.yaml"))
        if ruta and ruta[0] in CABECERA_CICLO:
            ruta = self.prefijo_cabecera + tuple(ruta)
        return self.doc.en(*ruta)

    def bloque(self, clave: str) -> dict:
        valor = self.datos.get(clave)
        return valor if isinstance(valor, dict) else {}

    def lista(self, clave: str) -> list:
        valor = self.datos.get(clave)
        return valor if isinstance(valor, list) else []

    def validos(self) -> list[Registro]:
        return [r for r in self.registros if r.valido]

    @cached_property
    def por_documento(self) -> dict[str, Registro]:
        """Registro de cada documento (el primero si se repite); se arma una vez, tras leer el ciclo."""
        indice: dict[str, Registro] = {}
        for registro in self.registros:
            if registro.documento is not None:
                indice.setdefault(registro.documento, registro)
        return indice


@dataclass
class Repositorio:
    raiz: Path
    entidad: Documento | None
    ciclos: list[Ciclo]

    @property
    def datos_entidad(self) -> dict:
        if self.entidad is None or not isinstance(self.entidad.datos, dict):
            return {}
        valor = self.entidad.datos.get("entidad")
        return valor if isinstance(valor, dict) else {}

    def ciclo(self, carpeta: str) -> Ciclo | None:
        return next((c for c in self.ciclos if c.carpeta == carpeta), None)

    def ultimo(self) -> Ciclo | None:
        return self.ciclos[-1] if self.ciclos else None


def _leer_validado(ruta: Path | str, esquema_nombre: str, informe: Informe, cache: Cache | None) -> tuple[Documento | None, bool]:
    """Lee un archivo y lo valida contra su esquema, usando la caché si el contenido no cambió."""
    if cache is not None:
        crudo = leer_bytes(ruta, informe)
        if crudo is None:
            return None, False
        guardado = cache.leer(hashlib.sha256(crudo).hexdigest(), esquema_nombre, str(ruta))
        if guardado is not None:
            return guardado, True
        documento = cargar_texto(crudo, str(ruta), informe)
        valido = documento is not None and esquema.validar(documento, esquema_nombre, informe)
        if valido:
            cache.guardar(documento, esquema_nombre)
        return documento, valido
    documento = cargar(ruta, informe)
    return documento, documento is not None and esquema.validar(documento, esquema_nombre, informe)


def leer(raiz: Path | str, informe: Informe, cache: Cache | None = None) -> Repositorio:
    """Lee y valida contra los esquemas todo lo que hay en `raiz`."""
    raiz = Path(raiz)
    entidad = _leer_entidad(raiz, informe, cache)
    carpeta_ciclos = raiz / "ciclos"
    ciclos = []
    if not carpeta_ciclos.is_dir():
        informe.error(Ubicacion(str(carpeta_ciclos)), "no existe la carpeta de ciclos (datos/ciclos/<ciclo>/ciclo.yaml)")
    else:
        for carpeta in sorted(p for p in carpeta_ciclos.iterdir() if p.is_dir()):
            ciclos.append(_leer_ciclo(carpeta, informe, cache))
        if not ciclos:
            informe.error(Ubicacion(str(carpeta_ciclos)), "no hay ningún ciclo en la carpeta de ciclos")
    ciclos.sort(key=lambda c: (c.fin or dt.date.max, c.carpeta))
    return Repositorio(raiz, entidad, ciclos)


def _leer_entidad(raiz: Path, informe: Informe, cache: Cache | None) -> Documento | None:
    ruta = raiz / "entidad.yaml"
    if not ruta.is_file():
        informe.error(Ubicacion(str(ruta)), "falta el archivo de la entidad (entidad.yaml)")
        return None
    documento, valido = _leer_validado(ruta, "entidad", informe, cache)
    return documento if valido else None


def politica_pedida(raiz: Path | str, carpeta: str | None) -> tuple[str, str] | None:
    """(carpeta, clave de la política) del ciclo `carpeta` (o del último por fecha de fin) leyendo solo
    los ciclo.yaml, sin validar nada: para decir enseguida que una orden no se admite. None si no se sabe."""
    cabeceras = []
    for ruta in sorted((Path(raiz) / "ciclos").glob("*/ciclo.yaml")):
        documento = cargar(ruta, Informe())
        if documento is None or not isinstance(documento.datos, dict):
            return None
        fin = como_fecha(_en_la_cabecera(documento, "fin")[0])
        cabeceras.append((fin or dt.date.max, ruta.parent.name, _clave_politica(documento)[0]))
    if carpeta is not None:
        return next(((nombre, clave) for _, nombre, clave in cabeceras if nombre == carpeta), None)
    return max(cabeceras)[1:] if cabeceras else None


def _clave_politica(documento: Documento) -> tuple[str, tuple]:
    """La política que pide ciclo.yaml y dónde, leída antes del esquema (el esquema depende de ella).
    Un archivo que no es un mapeo, o sin política, pide la por omisión (el esquema dirá qué está mal)."""
    clave, ruta = _en_la_cabecera(documento, "politica")
    return (clave if isinstance(clave, str) and clave else politica_por_omision()), ruta


def _en_la_cabecera(documento: Documento, campo: str) -> tuple[Any, tuple]:
    """Un campo de la cabecera de ciclo.yaml y dónde está, antes del esquema: dentro de «ciclo:» o en
    la raíz del archivo (cualquier otra forma la informa el esquema)."""
    datos = documento.datos if isinstance(documento.datos, dict) else {}
    anidada = datos.get("ciclo") if isinstance(datos.get("ciclo"), dict) else {}
    if campo in anidada:
        return anidada[campo], ("ciclo", campo)
    return datos.get(campo), (campo,)


def _leer_ciclo(carpeta: Path, informe: Informe, cache: Cache | None) -> Ciclo:
    ruta = carpeta / "ciclo.yaml"
    ciclo = Ciclo(carpeta=carpeta.name, ruta=carpeta, doc=None)
    modelo = por_omision()  # sin política legible, los esquemas del modelo por omisión
    if not ruta.is_file():
        informe.error(Ubicacion(str(ruta)), "falta el archivo del ciclo (ciclo.yaml) en esta carpeta")
    else:
        ciclo.doc = cargar(ruta, informe)
        if ciclo.doc is not None:
            clave, donde = _clave_politica(ciclo.doc)
            ciclo.politica = cargar_politica(clave, informe, ciclo.doc.en(*donde))
            if ciclo.politica is not None:
                modelo = ciclo.politica.modelo
            ciclo.valido = esquema.validar(ciclo.doc, modelo.ESQUEMA_CICLO, informe) and ciclo.politica is not None
        if ciclo.valido:
            _normalizar_cabecera(ciclo, informe)

    archivos, ciclo.ilegibles = _archivos_de_registro(carpeta / "servidores", informe)
    for archivo in archivos:
        documento, valido = _leer_validado(archivo, modelo.ESQUEMA_REGISTRO, informe, cache)
        if documento is None:
            ciclo.ilegibles += 1
            continue
        ciclo.registros.append(Registro(documento, valido, modelo.CLAVE_PERSONA))
    return ciclo


def _archivos_de_registro(carpeta: Path, informe: Informe) -> tuple[list[str], int]:
    """Las rutas de los registros de `carpeta`, en orden de nombre, y cuántos se rechazaron por su
    nombre (se informa cada uno y no se lee). También las que no son archivos comunes (una carpeta,
    un enlace roto): al leerlas se dice por qué no se pueden leer, en vez de saltarlas en silencio.
    os.scandir y nombres de texto: con miles de registros, ordenar objetos Path tarda más que
    leerlos de la caché."""
    try:
        with os.scandir(carpeta) as entradas:
            nombres = sorted((e.name, e.path) for e in entradas if e.name.endswith(EXTENSIONES_REGISTRO))
    except OSError:  # sin carpeta de servidores: un ciclo sin registros
        return [], 0
    admitidos: list[str] = []
    vistos: dict[str, str] = {}
    for nombre, ruta in nombres:
        problema = _problema_de_nombre(nombre, vistos)
        if problema:
            informe.error(Ubicacion(ruta, 1, 1), problema)
            continue
        vistos[nombre.rsplit(".", 1)[0]] = nombre
        admitidos.append(ruta)
    return admitidos, len(nombres) - len(admitidos)


def _problema_de_nombre(nombre: str, vistos: dict[str, str]) -> str | None:
    """Por qué `nombre` no sirve como nombre de un registro (y de la carpeta de su legajo), o None."""
    raiz = nombre.rsplit(".", 1)[0]
    if not _NOMBRE_REGISTRO.fullmatch(raiz):
        return (
            "nombre de archivo no admitido: use minúsculas sin tildes, cifras, «-», «_» o «.», empezando por "
            "una letra o una cifra (por ejemplo quispe-mamani-rosa.yaml); el nombre es también el de la "
            "carpeta de su legajo. El archivo no se leyó"
        )
    if raiz.endswith(_SUFIJO_RESERVADO):
        return (
            f"el nombre no puede terminar en «{_SUFIJO_RESERVADO}{nombre[len(raiz):]}»: la carpeta de su legajo "
            "chocaría con los PDF del ciclo (como anexo-7-flujograma.pdf); cámbielo. El archivo no se leyó"
        )
    if raiz in vistos:
        return (
            f"ya hay un registro con el nombre «{raiz}» ({vistos[raiz]}): los dos tendrían la misma carpeta de "
            "legajo; deje uno solo o cambie el nombre de uno. Este archivo no se leyó"
        )
    return None


def _normalizar_cabecera(ciclo: Ciclo, informe: Informe) -> None:
    """Admite la cabecera dentro de `ciclo:` (como el ejemplo) o en el nivel superior."""
    datos = dict(ciclo.doc.datos)
    anidada = datos.pop("ciclo", None)
    if isinstance(anidada, dict):
        for clave in CABECERA_CICLO:
            if clave in datos:
                informe.error(ciclo.doc.clave(clave), f"«{clave}» está a la vez dentro de «ciclo:» y fuera; déjelo en un solo lugar")
                ciclo.valido = False
        datos.update(anidada)
        ciclo.prefijo_cabecera = ("ciclo",)
    for clave in ("nombre", "inicio", "fin"):
        if datos.get(clave) is None:
            informe.error(ciclo.doc.en(), f"falta el campo obligatorio «{clave}» del ciclo")
            ciclo.valido = False
    ciclo.datos = datos
