"""Lo que dice un Formato GDR 2025 devuelto por un evaluador, celda por celda (`generador importar-formatos`).

Antes de leer un dato se verifica que el libro sea el formato oficial: la hoja «Formato GDR 2025», la versión
de M2 y los rótulos fijos (`celdas.ROTULOS`). Cada celda se lee con los lectores comunes de
`generador/flujo/celdas.py` (coma decimal, 40 % guardado como 0.4 o escrito 40, fechas escritas como texto,
«Sí» sin tilde…) y cada problema queda como `archivo.xlsx:Formato GDR 2025!M21: mensaje`. Los datos del
servidor y del evaluador (filas 8 a 12) no se leen, salvo los DNI: la identidad sale del registro.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ....flujo import celdas as lector
from ....flujo.celdas import Problemas, ValorInvalido
from ....flujo.columnas import documento as leer_documento
from ....limites import FECHA_MAXIMA, FECHA_MINIMA, MAXIMAS_CIFRAS, MAXIMOS_DECIMALES
from . import celdas as mapa
from . import xlsx

MAXIMO_BYTES = 10_000_000          # el libro oficial pesa unos 140 kB
MAXIMO_DESCOMPRIMIDO = 100_000_000  # un ZIP que se infla más que esto no se abre
_ULTIMA_FILA = 41


@dataclass
class Lectura:
    """Los datos de un libro: solo las celdas con algo escrito (una celda vacía no borra nada del registro)."""

    archivo: str
    documento: str | None = None
    evaluador: str | None = None
    campos: dict[tuple[str, str], object] = field(default_factory=dict)   # (bloque, campo) → valor
    consentimiento: bool | None = None     # True: «(  X  )»; False: sin marcar
    correo: str | None = None
    metas: list[dict | None] = field(default_factory=list)               # una por bloque; None si está vacío
    permanencia: str | None = None
    acciones: list[str] | None = None
    junta: bool | None = None


def leer(ruta: Path, archivo: str, problemas: Problemas, meses: int) -> Lectura | None:
    """El libro `ruta` (nombrado `archivo` en los mensajes); None si no se puede leer o no es el formato."""
    valores = _celdas(ruta, archivo, problemas)
    if valores is None:
        return None
    rotulos = mapa.revisar_rotulos({c: v for c, (v, _) in valores.items()})
    if rotulos:
        celda, mensaje = rotulos[0]
        if len(rotulos) == 1 and celda == "M2":   # mismo orden, otra versión
            problemas.agregar(archivo, mapa.HOJA, celda, f"{mensaje}: copie los datos al libro que entregó «generador "
                              "exportar --formato gdr»")
            return None
        mas = f" (y {len(rotulos) - 1} rótulos más fuera de lugar)" if len(rotulos) > 1 else ""
        problemas.agregar(archivo, mapa.HOJA, celda, f"{mensaje}{mas}: el libro no es el Formato GDR 2025 (v01, Rev: "
                          "nov-2025) o se movieron sus filas o columnas; complete el libro que entregó «generador "
                          "exportar --formato gdr» sin insertar ni borrar filas ni columnas")
        return None
    return _interpretar(Lectura(archivo), valores, problemas, meses)


def _celdas(ruta: Path, archivo: str, problemas: Problemas) -> dict[str, tuple[object, str]] | None:
    """Valor y formato de número de cada celda con dato de las filas 1 a 41 de la hoja, o None (problema ya
    anotado)."""
    try:
        if ruta.stat().st_size > MAXIMO_BYTES:
            problemas.agregar(archivo, None, None, f"el libro pesa más de {MAXIMO_BYTES // 1_000_000} MB: no es un "
                              "Formato GDR 2025 (pesa unos 140 kB)")
            return None
        return xlsx.celdas(ruta, mapa.HOJA, _ULTIMA_FILA, MAXIMO_DESCOMPRIMIDO)
    except xlsx.SinHoja:
        problemas.agregar(archivo, None, None, f"no tiene la hoja «{mapa.HOJA}»: no es el Formato GDR 2025 que "
                          "entregó «generador exportar --formato gdr»")
    except (xlsx.LibroIlegible, OSError) as exc:
        detalle = exc.strerror if isinstance(exc, OSError) else str(exc)
        problemas.agregar(archivo, None, None, f"no se puede abrir como libro de Excel (.xlsx): {detalle}; si es .xls "
                          "u .ods, ábralo y guárdelo como «Libro de Excel (.xlsx)»")
    return None


class _Lector:
    def __init__(self, lectura: Lectura, valores: dict, problemas: Problemas):
        self.lectura, self.valores, self.problemas = lectura, valores, problemas
        self.con_error = False

    def error(self, celda: str, mensaje: str) -> None:
        self.problemas.agregar(self.lectura.archivo, mapa.HOJA, celda, mensaje)
        self.con_error = True

    def __call__(self, celda: str, convertir):
        """El valor de `celda` convertido, o None si está vacía o mal escrita (el problema queda anotado)."""
        valor, formato = self.valores.get(celda, (None, "General"))
        if lector.vacia(valor, mapa.MARCADORES):
            return None
        if isinstance(valor, xlsx.ErrorDeFormula):
            self.error(celda, f"la celda muestra el error {valor} de una fórmula: escriba el dato, sin fórmula")
            return None
        try:
            return convertir(valor, formato)
        except ValorInvalido as exc:
            self.error(celda, str(exc))
            return None


def _interpretar(lectura: Lectura, valores: dict, problemas: Problemas, meses: int) -> Lectura:
    leer_ = _Lector(lectura, valores, problemas)
    lectura.documento = leer_(mapa.EVALUADO["documento"], lambda v, _: leer_documento(v))
    if lectura.documento is None and not leer_.con_error:
        leer_.error(mapa.EVALUADO["documento"], "falta el DNI del servidor evaluado: sin él no se sabe de quién es el "
                                                "formato")
    lectura.evaluador = leer_(mapa.EVALUADOR["documento"], lambda v, _: leer_documento(v))
    for bloque, campo, celda, convertir in (("fijacion_metas", "asistio", mapa.ASISTIO, si_no),
                                            ("fijacion_metas", "fecha", mapa.FECHA_FIJACION, fecha),
                                            ("evidencias", "presento", mapa.PRESENTO, si_no),
                                            ("retroalimentacion", "fecha", mapa.FECHA_RETRO, fecha),
                                            ("retroalimentacion", "otras_acciones", mapa.OTRAS_ACCIONES, texto)):
        valor = leer_(celda, convertir)
        if valor is not None:
            lectura.campos[(bloque, campo)] = valor
    consentimiento = leer_(mapa.CONSENTIMIENTO, texto)
    if consentimiento is not None:
        marca = mapa.MARCA.match(consentimiento)
        lectura.consentimiento = bool(marca.group("marca")) if marca else None
        correo = mapa.CORREO.search(consentimiento)
        lectura.correo = correo.group(0) if correo else None
    lectura.permanencia = leer_(mapa.PERMANENCIA, de_lista(mapa.permanencias(meses), "elija una de las dos opciones "
                                                           "de la lista (6 meses o más, o menos de 6 meses)"))
    acciones = leer_(mapa.ACCIONES, texto)
    if acciones is not None:
        lectura.acciones = [linea.strip() for linea in acciones.splitlines() if linea.strip()]
    lectura.junta = leer_(mapa.JUNTA, si_no)
    lectura.metas = [_meta(leer_, k) for k in range(1, mapa.METAS + 1)]
    return lectura


_LECTORES_META = {}


def _meta(leer_: _Lector, k: int) -> dict | None:
    meta = {}
    for campo, _, _ in mapa.CAMPOS_META:
        valor = leer_(mapa.celda_meta(k, campo), _LECTORES_META.get(campo, texto))
        if valor is not None:
            meta[campo] = valor
    return meta or None


# --- Conversión de una celda: (valor, formato de número) → dato del registro, o ValorInvalido ------------------

def texto(valor, _formato=None) -> str:
    resultado = lector.texto(valor)
    if not resultado:
        raise ValorInvalido("se esperaba un texto")
    return resultado


def si_no(valor, _formato=None) -> bool:
    try:
        return lector.si_no(valor)
    except ValorInvalido:
        raise ValorInvalido("se esperaba Sí o No (elíjalo de la lista)") from None


def fecha(valor, _formato=None) -> dt.date:
    resultado = lector.fecha(valor)
    if not FECHA_MINIMA <= resultado <= FECHA_MAXIMA:
        raise ValorInvalido(f"fecha fuera de rango: use una fecha entre {FECHA_MINIMA.year} y {FECHA_MAXIMA.year}")
    return resultado


def cifra(valor, _formato=None) -> Decimal:
    """Un número con a lo sumo 4 decimales y 15 cifras (los límites de un registro)."""
    numero = lector.numero(valor)
    return _en_limites(numero)


def _en_limites(numero: Decimal) -> Decimal:
    numero = numero.normalize() if numero != 0 else Decimal(0)
    exponente = numero.as_tuple().exponent
    if isinstance(exponente, int) and -exponente > MAXIMOS_DECIMALES:
        raise ValorInvalido(f"el número tiene más de {MAXIMOS_DECIMALES} decimales: redondéelo")
    if abs(numero) >= 10 ** MAXIMAS_CIFRAS:
        raise ValorInvalido("el número es demasiado grande")
    return numero


def positivo(valor, formato=None) -> Decimal:
    numero = cifra(valor, formato)
    if numero <= 0:
        raise ValorInvalido("el valor esperado debe ser mayor que 0")
    return numero


def no_negativo(valor, formato=None) -> Decimal:
    numero = cifra(valor, formato)
    if numero < 0:
        raise ValorInvalido("el valor alcanzado no puede ser negativo")
    return numero


def peso(valor, formato="General") -> Decimal:
    """F!G21 tiene formato 0 %: 40 % llega como 0.4; 40 escrito sin el signo, o el texto «40 %», también valen."""
    numero = _en_limites(lector.porcentaje(valor, formato, hasta_100=True))
    if not 0 < numero <= 100:
        raise ValorInvalido("el peso debe ser un porcentaje mayor que 0 % y de hasta 100 %")
    return numero


def de_lista(textos: dict[str, str], mensaje: str):
    def convertir(valor, _formato=None) -> str:
        codigo = mapa.de_lista(valor, textos)
        if codigo is None:
            raise ValorInvalido(mensaje)
        return codigo
    return convertir


_LECTORES_META.update({
    "sentido": de_lista(mapa.SENTIDOS, "sentido no válido: elija «Ascendente» o «Descendente» de la lista"),
    "valor_esperado": positivo, "peso": peso, "plazo_avance": fecha, "plazo_final": fecha,
    "estado_avance": de_lista(mapa.ESTADO_AVANCE, "estado no válido: elija «Logrado», «En proceso de logro» o «No "
                                                  "presenta evidencia» de la lista"),
    "estado_final": de_lista(mapa.ESTADO_FINAL, "estado no válido: elija «SÍ presenta evidencia final» o «NO "
                                                "presenta evidencia de logro final» de la lista"),
    "valor_alcanzado": no_negativo,
})
