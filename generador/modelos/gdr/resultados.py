"""Puntaje y calificación de cada registro, en el orden de la hoja (reglas.md §4 y §5).

`calcular(ciclo)` da un `Resultado` por documento: el puntaje exacto de cada meta, la puntuación
final exacta y la calificación de F!G35 (y la que cuenta, si el CIE la modificó). Un registro con
metas que la hoja puntuaría en silencio mal (pesos que no suman, esperado 0, sin sentido, una meta
sin valor alcanzado) no tiene calificación: `validacion.py` dice por qué, con su línea.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ...repositorio import Ciclo, Registro, como_fecha
from . import reglas

NO_ASISTIO, SIN_EVIDENCIAS, REINCIDENCIA = "no_asistio_fijacion_metas", "sin_evidencias", "reincidencia"


@dataclass
class Meta:
    """Una meta con lo que la hoja calcula de ella (F!N21)."""

    datos: dict
    sentido: str | None
    esperado: Fraction | None
    peso: Fraction | None
    alcanzado: Fraction | None
    tope: Fraction | None = None
    puntaje: Fraction | None = None

    @property
    def en_tope(self) -> bool:
        return self.puntaje is not None and self.puntaje == self.tope

    @property
    def en_cero(self) -> bool:
        """Descendente con más del doble del esperado: la hoja da 0 y no un número negativo."""
        return (self.puntaje == 0 and self.sentido == reglas.DESCENDENTE and self.alcanzado is not None
                and self.esperado is not None and self.alcanzado > 2 * self.esperado)


@dataclass
class Resultado:
    registro: Registro
    metas: list[Meta] = field(default_factory=list)
    metas_bien: bool = True                # ningún defecto que la hoja puntuaría en silencio
    sin_evidencias: bool = False           # L18 = No: la hoja imprime «No corresponde» en los puntajes
    total: Fraction | None = None          # F!D35 exacto
    calificacion_formato: str | None = None  # F!G35
    calificacion: str | None = None        # la que cuenta (la del CIE si la modificó)
    causas: list[str] = field(default_factory=list)   # del desaprobado automático
    permanencia: bool | None = None        # True: tiene los meses; None: no se sabe aún
    permanencia_declarada: str | None = None
    designado: bool = False
    faltantes: list[str] = field(default_factory=list)
    causa_no_atribuible: list[str] = field(default_factory=list)
    reincidente: bool = False              # segundo sujeto a observación seguido
    previo: str | None = None              # calificación del ciclo anterior

    @property
    def documento(self) -> str:
        return self.registro.documento or ""

    @property
    def segmento(self) -> str:
        return self.registro.segmento or ""

    @property
    def candidato(self) -> bool:
        """Candidato a distinguido: total exacto ≥ umbral y no desaprobado ni «no corresponde»."""
        politica = self.politica
        return (self.total is not None and self.calificacion_formato not in (None, "desaprobado", "no_corresponde")
                and self.total >= reglas.umbral_distinguido(politica))

    @property
    def notificado(self) -> bool:
        return como_fecha(self.registro.bloque("evaluacion").get("fecha_notificacion")) is not None

    @property
    def confirmacion(self) -> dict:
        return self.registro.bloque("confirmacion")

    @property
    def confirmacion_pendiente(self) -> bool:
        return bool(self.confirmacion) and not self.confirmacion.get("resultado")

    politica: object = None

    def puntajes_impresos(self) -> list[Decimal | None]:
        decimales = self.politica.decimales_meta.valor
        return [reglas.impreso(m.puntaje, decimales) if m.puntaje is not None else None for m in self.metas]

    def total_impreso(self) -> Decimal | None:
        return reglas.impreso(self.total, self.politica.decimales_total.valor) if self.total is not None else None

    def umbrales_ocultos(self) -> list[Fraction]:
        if self.total is None or self.segmento not in self.politica.umbral_buen_rendimiento.valor:
            return []
        return reglas.umbrales_ocultos(self.politica, self.segmento, self.total)

    def plazos_capacitacion(self) -> tuple[dt.date | None, dt.date | None]:
        """(desde el día siguiente de la notificación, F!I35; desde la retroalimentación final, I!E56)."""
        if self.calificacion != "sujeto_a_observacion":
            return None, None
        notificacion = como_fecha(self.registro.bloque("evaluacion").get("fecha_notificacion"))
        retro = como_fecha(self.registro.bloque("retroalimentacion").get("fecha"))
        politica = self.politica
        return (reglas.capacitacion_meses(politica, notificacion + dt.timedelta(days=1)) if notificacion else None,
                reglas.capacitacion_meses(politica, retro) if retro else None)


def etapa(ciclo: Ciclo, nombre: str) -> dict:
    """La etapa del cronograma (la primera con ese nombre), o {} si no está."""
    return next((e for e in ciclo.lista("cronograma") if isinstance(e, dict) and e.get("etapa") == nombre), {})


def inicio_evaluacion(ciclo: Ciclo) -> dt.date | None:
    return como_fecha(etapa(ciclo, "evaluacion").get("inicio"))


def designados(ciclo: Ciclo) -> set[str]:
    return {d for d in ciclo.bloque("junta").get("designados") or [] if isinstance(d, str)}


def _metas(politica, registro: Registro) -> tuple[list[Meta], bool]:
    metas, bien = [], True
    for datos in registro.lista("metas"):
        sentido = reglas.sentido(datos.get("sentido"))
        esperado = reglas.exacto(datos["valor_esperado"]) if datos.get("valor_esperado") is not None else None
        peso = reglas.exacto(datos["peso"]) if datos.get("peso") is not None else None
        alcanzado = reglas.exacto(datos["valor_alcanzado"]) if datos.get("valor_alcanzado") is not None else None
        meta = Meta(datos, sentido, esperado, peso, alcanzado)
        if sentido is None or esperado is None or esperado <= 0 or peso is None \
                or peso <= reglas.exacto(politica.peso_minimo.valor) or (alcanzado is not None and alcanzado < 0):
            bien = False
        else:
            meta.tope = reglas.tope_meta(politica, datos["peso"])
        metas.append(meta)
    if metas and sum((m.peso or 0) for m in metas) != reglas.exacto(politica.suma_pesos.valor):
        bien = False
    if not politica.metas_minimo.valor <= len(metas) <= politica.metas_maximo.valor:
        bien = False
    con_valor = [m for m in metas if m.alcanzado is not None]
    if con_valor and len(con_valor) != len(metas):
        bien = False  # la hoja contaría 0 por la meta sin valor (F!D35)
    return metas, bien


def _desaprobado(politica, registro: Registro, resultado: Resultado) -> None:
    automaticas = politica.desaprobado_automatico.valor
    for causa, bloque, campo in ((NO_ASISTIO, "fijacion_metas", "asistio"), (SIN_EVIDENCIAS, "evidencias", "presento")):
        datos = registro.bloque(bloque)
        if datos.get(campo) is False and causa in automaticas:
            if datos.get("causa_atribuible") is False:
                resultado.causa_no_atribuible.append(causa)
            else:
                resultado.causas.append(causa)


def _permanencia(ciclo: Ciclo, registro: Registro, resultado: Resultado) -> None:
    declarada = registro.bloque("evaluacion").get("permanencia")
    resultado.permanencia_declarada = declarada
    inicio_puesto = como_fecha(registro.servidor.get("fecha_inicio_puesto"))
    inicio = inicio_evaluacion(ciclo)
    if inicio_puesto and inicio:
        resultado.permanencia = reglas.permanencia_meses(ciclo.politica, inicio_puesto, inicio)
    elif declarada:
        resultado.permanencia = declarada == "seis_meses_o_mas"
    elif not inicio_puesto:
        resultado.faltantes.append("fecha de inicio en el puesto (servidor.fecha_inicio_puesto)")
    else:
        resultado.faltantes.append("inicio de la etapa de evaluación en el cronograma")


def calcular_registro(ciclo: Ciclo, registro: Registro, previo: str | None = None) -> Resultado:
    politica = ciclo.politica
    resultado = Resultado(registro, politica=politica, previo=previo)
    resultado.metas, resultado.metas_bien = _metas(politica, registro)
    resultado.sin_evidencias = registro.bloque("evidencias").get("presento") is False
    if resultado.metas_bien and not resultado.sin_evidencias:
        for meta in resultado.metas:
            if meta.alcanzado is not None:
                meta.puntaje = reglas.puntaje_meta(politica, meta.sentido, meta.esperado, meta.alcanzado, meta.datos["peso"])
        if resultado.metas and all(m.puntaje is not None for m in resultado.metas):
            resultado.total = sum((m.puntaje for m in resultado.metas), Fraction(0))
    resultado.designado = registro.documento in designados(ciclo)
    _desaprobado(politica, registro, resultado)
    _permanencia(ciclo, registro, resultado)
    resultado.calificacion_formato = _decidir(politica, resultado)
    if resultado.calificacion_formato == "sujeto_a_observacion" and previo == "sujeto_a_observacion":
        resultado.reincidente = True
        if politica.desaprobado_por_reincidencia.valor:
            resultado.causas.append(REINCIDENCIA)
            resultado.calificacion_formato = "desaprobado"
    confirmacion = registro.bloque("confirmacion")
    if confirmacion.get("resultado") == "modifica" and confirmacion.get("calificacion"):
        resultado.calificacion = confirmacion["calificacion"]
    else:
        resultado.calificacion = resultado.calificacion_formato
    return resultado


def _decidir(politica, r: Resultado) -> str | None:
    """F!G35 en su orden: desaprobado automático, permanencia, puntaje (distinguido, buen, observación)."""
    if r.causas:
        return "desaprobado"
    if r.causa_no_atribuible:
        r.faltantes.append("decisión de la ORH: la falta no es atribuible al servidor")
        return None
    if r.permanencia is None:
        return None
    if not r.permanencia:
        return "no_corresponde"
    if not r.metas:
        r.faltantes.append("metas")
        return None
    if not r.metas_bien:
        r.faltantes.append("corregir las metas")
        return None
    if r.total is None:
        r.faltantes.append("valor alcanzado de las metas")
        return None
    if r.segmento not in politica.umbral_buen_rendimiento.valor:
        return None
    return reglas.calificacion_por_puntaje(politica, r.segmento, r.total, r.designado)


def calcular(ciclo: Ciclo, anterior: dict[str, Resultado] | None = None) -> dict[str, Resultado]:
    """{documento: Resultado} de los registros válidos; `anterior`: los del ciclo previo (reincidencia)."""
    anterior = anterior or {}
    resultados = {}
    for registro in ciclo.validos():
        if registro.documento is None or registro.documento in resultados:
            continue
        previo = anterior.get(registro.documento)
        resultados[registro.documento] = calcular_registro(ciclo, registro, previo.calificacion if previo else None)
    return resultados
