"""Lo que un Formato GDR 2025 devuelto cambia en el registro YAML de su servidor, y si el registro seguiría válido.

El registro se reescribe con ruamel.yaml (`flujo/yaml_texto.py`): comentarios, comillas, orden y claves que el
libro no trae quedan como estaban; un campo nuevo entra en el orden del esquema. Solo cambian los datos que
el libro trae y son otros: una celda vacía no borra nada, un texto que difiere solo en espacios no es un
cambio y un número o una fecha se comparan por su valor. `servidor` y `evaluador` nunca cambian desde el libro.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .... import esquema
from ....carga import cargar_texto
from ....diagnosticos import Diagnostico, Informe
from ....flujo import celdas as lector
from ....flujo.yaml_texto import abrir, volcar
from ....repositorio import Ciclo, Registro, Repositorio, como_fecha
from .. import reglas
from . import celdas as mapa
from .lectura import Lectura

ORDEN_REGISTRO = ("servidor", "evaluador", "notificacion", "fijacion_metas", "metas", "seguimiento", "evidencias",
                  "evaluacion", "retroalimentacion", "confirmacion", "observaciones")
ORDEN_BLOQUES = {"notificacion": ("consentimiento", "correo"), "fijacion_metas": ("asistio", "fecha", "causa_atribuible"),
                 "evidencias": ("presento", "causa_atribuible"),
                 "evaluacion": ("fecha_notificacion", "permanencia", "mejoras_implementadas", "cumple_8_2"),
                 "retroalimentacion": ("fecha", "acciones_capacitacion", "otras_acciones")}
ORDEN_META = tuple(campo for campo, _, _ in mapa.CAMPOS_META)
_CELDAS = {("fijacion_metas", "asistio"): mapa.ASISTIO, ("fijacion_metas", "fecha"): mapa.FECHA_FIJACION,
           ("evidencias", "presento"): mapa.PRESENTO, ("evaluacion", "permanencia"): mapa.PERMANENCIA,
           ("retroalimentacion", "fecha"): mapa.FECHA_RETRO, ("retroalimentacion", "otras_acciones"): mapa.OTRAS_ACCIONES,
           ("retroalimentacion", "acciones_capacitacion"): mapa.ACCIONES, ("notificacion",): mapa.CONSENTIMIENTO,
           ("metas",): mapa.PESOS}


def actualizar(texto: str, datos: dict, lectura: Lectura, politica,
               permanencia_calculada: bool | None) -> tuple[str, list[tuple[str | None, str]]]:
    """(texto nuevo del registro, problemas (celda, mensaje)). Primero se prueba sobre una copia de los datos
    ya leídos: solo si algo cambia se reescribe el YAML con ruamel (lo lento), y si nada cambia el texto es el
    mismo."""
    prueba = Cambios(copy.deepcopy(datos), politica, permanencia_calculada)
    prueba.aplicar(lectura)
    if prueba.problemas or not prueba.cambios:
        return texto, prueba.problemas
    comentado, yaml = abrir(texto)
    Cambios(comentado, politica, permanencia_calculada).aplicar(lectura)
    return volcar(comentado, yaml), []


class Cambios:
    """Aplica una lectura a los datos de un registro (los de ruamel.yaml, o una copia de los ya validados);
    `problemas`: (celda, mensaje) de lo que no se puede aplicar; `cambios`: cuántos datos cambiaron."""

    def __init__(self, datos, politica, permanencia_calculada: bool | None):
        self.datos, self.politica, self.permanencia_calculada = datos, politica, permanencia_calculada
        self.problemas: list[tuple[str | None, str]] = []
        self.cambios = 0

    def aplicar(self, lectura: Lectura) -> None:
        for (bloque, campo), valor in lectura.campos.items():
            self._poner(self._bloque(bloque, crear=True), campo, valor, ORDEN_BLOQUES[bloque])
        self._notificacion(lectura)
        self._metas(lectura.metas)
        self._permanencia(lectura.permanencia)
        if lectura.acciones is not None:
            self._acciones(lectura.acciones)

    def _poner(self, mapa_, campo: str, valor, orden: tuple[str, ...]) -> None:
        if campo not in mapa_ or not _igual(mapa_[campo], valor, campo):
            _insertar(mapa_, campo, _yaml(valor), orden)
            self.cambios += 1

    def _bloque(self, nombre: str, crear: bool) -> CommentedMap | None:
        bloque = self.datos.get(nombre)
        if bloque is None and crear:
            bloque = CommentedMap()
            _insertar(self.datos, nombre, bloque, ORDEN_REGISTRO)
            self.cambios += 1
        return bloque

    def _notificacion(self, lectura: Lectura) -> None:
        actual = self._bloque("notificacion", crear=False) or {}
        if lectura.consentimiento or (lectura.consentimiento is False and actual.get("consentimiento") is True):
            self._poner(self._bloque("notificacion", crear=True), "consentimiento", lectura.consentimiento,
                   ORDEN_BLOQUES["notificacion"])
        if lectura.correo:
            self._poner(self._bloque("notificacion", crear=True), "correo", lectura.correo, ORDEN_BLOQUES["notificacion"])

    def _metas(self, leidas: list[dict | None]) -> None:
        existentes = self.datos["metas"] if isinstance(self.datos.get("metas"), list) else []
        ultima = max((k for k, meta in enumerate(leidas) if meta), default=-1)
        for k, meta in enumerate(leidas):
            if meta is None:
                if k < len(existentes):
                    self.problemas.append((mapa.celda_meta(k + 1, "indicador"), f"el bloque de la meta {k + 1} está "
                                           "vacío y el registro tiene esa meta: las metas no se quitan desde el formato "
                                           "(quítela del registro YAML)"))
                elif k < ultima:
                    self.problemas.append((mapa.celda_meta(k + 1, "indicador"), f"el bloque de la meta {k + 1} está "
                                           f"vacío y hay una meta más abajo: escriba las metas seguidas desde la fila "
                                           f"{mapa.PRIMERA_FILA_META}"))
                continue
            if k < len(existentes):
                for campo, valor in meta.items():
                    self._poner(existentes[k], campo, valor, ORDEN_META)
                continue
            faltan = [c for c in mapa.OBLIGATORIOS_META if c not in meta]
            for campo in faltan:
                self.problemas.append((mapa.celda_meta(k + 1, campo), f"falta {mapa.NOMBRES_META[campo]} de la meta "
                                       f"{k + 1}: toda meta necesita indicador, sentido, valor esperado y peso"))
            if not faltan:
                if not isinstance(self.datos.get("metas"), list):
                    _insertar(self.datos, "metas", CommentedSeq(), ORDEN_REGISTRO)
                    existentes = self.datos["metas"]
                nueva = CommentedMap()
                for campo in ORDEN_META:
                    if campo in meta:
                        nueva[campo] = _yaml(meta[campo])
                existentes.append(nueva)
                self.cambios += 1
        self._pesos(existentes)

    def _pesos(self, metas) -> None:
        pesos = [m.get("peso") for m in metas if isinstance(m, dict)]
        if metas and all(isinstance(p, (int, float, Decimal)) and not isinstance(p, bool) for p in pesos):
            suma = sum((Decimal(str(p)) for p in pesos), Decimal(0))
            if suma != Decimal(self.politica.suma_pesos.valor):
                self.problemas.append((mapa.PESOS, f"los pesos de las metas suman {_numero(suma)} %: deben sumar "
                                       f"{self.politica.suma_pesos.valor} % ({self.politica.suma_pesos.referencia})"))

    def _permanencia(self, leida: str | None) -> None:
        """F!B35 se escribe en `evaluacion.permanencia` si el registro ya la tiene o si dice otra cosa que la que
        resulta de `fecha_inicio_puesto` (entonces la validación dirá cuál es la correcta)."""
        if leida is None:
            return
        evaluacion = self._bloque("evaluacion", crear=False) or {}
        calculada = None if self.permanencia_calculada is None else \
            ("seis_meses_o_mas" if self.permanencia_calculada else "menos_de_seis_meses")
        if "permanencia" in evaluacion or leida != calculada:
            self._poner(self._bloque("evaluacion", crear=True), "permanencia", leida, ORDEN_BLOQUES["evaluacion"])

    def _acciones(self, leidas: list[str]) -> None:
        """F!J35, una acción por línea; una acción que ya estaba con su fecha prevista la conserva."""
        retro = self._bloque("retroalimentacion", crear=True)
        actuales = retro.get("acciones_capacitacion") or []
        textos = [lector.texto(a.get("accion", "") if isinstance(a, dict) else a) for a in actuales]
        if textos == leidas:
            return
        por_texto = {t: a for t, a in zip(textos, actuales)}
        nuevas = CommentedSeq(por_texto.get(t, t) for t in leidas)
        _insertar(retro, "acciones_capacitacion", nuevas, ORDEN_BLOQUES["retroalimentacion"])
        self.cambios += 1


def _igual(actual, nuevo, campo: str) -> bool:
    if isinstance(nuevo, bool) or isinstance(actual, bool):
        return type(actual) is type(nuevo) and actual == nuevo
    if isinstance(nuevo, Decimal):
        return isinstance(actual, (int, float, Decimal)) and Decimal(str(actual)) == nuevo
    if isinstance(nuevo, dt.date):
        return como_fecha(actual) == nuevo
    if actual is None or isinstance(actual, (list, dict)):
        return False
    if campo == "sentido":
        return reglas.sentido(actual) == nuevo
    return lector.texto(actual) == nuevo


def _insertar(mapa_, campo: str, valor, orden: tuple[str, ...]) -> None:
    """Pone `campo` en su lugar según `orden` (antes del primer campo conocido que va después)."""
    if campo in mapa_:
        mapa_[campo] = valor
        return
    if not hasattr(mapa_, "insert"):  # la copia de los datos validados: el orden no importa
        mapa_[campo] = valor
        return
    indice = orden.index(campo)
    claves = list(mapa_.keys())
    lugar = next((i for i, c in enumerate(claves) if c in orden and orden.index(c) > indice), len(claves))
    mapa_.insert(lugar, campo, valor)


def _yaml(valor):
    """Un dato como lo escribe YAML: cifras sin exponente (40, no 4E+1), fechas como fechas YAML."""
    if isinstance(valor, Decimal):
        return int(valor) if valor == valor.to_integral_value() else float(_numero(valor))
    if isinstance(valor, str) and "\n" in valor:
        return LiteralScalarString(valor)
    return valor


def _numero(valor: Decimal) -> str:
    return format(valor.normalize(), "f") if valor != 0 else "0"


# --- El registro actualizado, validado en memoria antes de escribir nada ---------------------------------------

def errores_nuevos(repositorio: Repositorio, ciclo: Ciclo, antes: Informe,
                   nuevos: dict[Path, str]) -> list[tuple[Diagnostico, str | None]]:
    """Los errores que tendría el ciclo con los registros `nuevos` (ruta → texto) y que hoy no tiene, cada uno
    con la celda del formato donde está su dato (si es de un registro nuevo y se sabe)."""
    modelo = ciclo.politica.modelo
    informe = Informe()
    registros, leidos = [], {}
    for registro in ciclo.registros:
        texto = nuevos.get(Path(registro.doc.ruta))
        if texto is None:
            registros.append(registro)
            continue
        documento = cargar_texto(texto.encode("utf-8"), registro.doc.ruta, informe, posiciones=True)
        if documento is not None:
            leidos[documento.ruta] = documento
            valido = esquema.validar(documento, modelo.ESQUEMA_REGISTRO, informe)
            registros.append(Registro(documento, valido, registro.clave_persona))
    copia = dataclasses.replace(ciclo, registros=registros)
    ciclos = [copia if c is ciclo else c for c in repositorio.ciclos
              if c.valido and c.politica is not None and c.politica.modelo is modelo]
    modelo.validar(dataclasses.replace(repositorio, ciclos=[copia if c is ciclo else c for c in repositorio.ciclos]),
                   ciclos, informe)
    vistos = {(d.ubicacion.ruta, d.mensaje) for d in antes.errores}
    return [(d, _celda_del_error(d, leidos[d.ubicacion.ruta]) if d.ubicacion.ruta in leidos else None)
            for d in informe.errores if (d.ubicacion.ruta, d.mensaje) not in vistos]


def _celda_del_error(diagnostico: Diagnostico, documento) -> str | None:
    """La celda del formato donde está el dato que el error señala (por la posición en el YAML nuevo)."""
    posicion = (diagnostico.ubicacion.linea, diagnostico.ubicacion.columna)
    tablas = (getattr(documento, "_valores", {}), getattr(documento, "_claves", {}))
    ruta = next((r for tabla in tablas for r, p in tabla.items() if p == posicion), None)
    if ruta is None:
        return None
    if len(ruta) >= 2 and ruta[0] == "metas" and isinstance(ruta[1], int) and ruta[1] < mapa.METAS:
        campo = ruta[2] if len(ruta) > 2 and ruta[2] in ORDEN_META else "valor_alcanzado"
        return mapa.celda_meta(ruta[1] + 1, campo)
    return _CELDAS.get(tuple(ruta[:2])) or _CELDAS.get(tuple(ruta[:1]))
