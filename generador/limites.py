"""Los límites de la lectura, en un solo lugar: cuánto puede pesar un archivo, qué números, fechas y
caracteres se admiten. `carga.py` los aplica mientras lee el YAML; `cache.py` y el esquema los usan
también. Cada límite es una constante con nombre, citada en los mensajes y en el README («Límites de
la lectura»).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .diagnosticos import Informe, Ubicacion

# Un registro ocupa unos pocos kB; el ciclo más grande, unos cientos. Uno mayor ni se lee.
MAXIMO_BYTES = 5_000_000
# Los números de los datos son pesos y porcentajes (hasta 1000 en el esquema), niveles y muestras:
# 15 cifras enteras bastan de sobra y dejan pasar un documento de 15 cifras escrito sin comillas
# (para que el esquema diga que falta ponerlo entre comillas). Cuatro decimales, como los pesos
# más finos; el puntaje se redondea a dos.
MAXIMAS_CIFRAS = 15
MAXIMOS_DECIMALES = 4
MAXIMO_LARGO_NUMERO = 40  # un número escrito con más caracteres ni se convierte (int() se niega pasadas 4 300 cifras)
TOPE_ENTERO = 10**MAXIMAS_CIFRAS
FECHA_MINIMA = dt.date(1900, 1, 1)
FECHA_MAXIMA = dt.date(2100, 12, 31)

# Caracteres que no se ven y alteran lo que se ve, se compara o se imprime: controles C0 (salvo
# tabulador y salto de línea), DEL y C1, separadores de línea y párrafo Unicode, controles de
# dirección del texto y mitades sueltas de pares sustitutos (que ni se pueden guardar en UTF-8).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def leer_bytes(ruta: Path | str, informe: Informe, maximo: int = MAXIMO_BYTES) -> bytes | None:
    """El contenido de un archivo común; uno de más de `maximo` bytes ni se lee (se mira su tamaño antes)."""
    ruta = str(ruta)
    try:
        with _abrir_archivo_comun(ruta) as archivo:
            if archivo is None:
                informe.error(Ubicacion(ruta, 1, 1), "no es un archivo común (es una tubería, un dispositivo o una carpeta)")
                return None
            tamanio = os.fstat(archivo.fileno()).st_size
            crudo = _leer_hasta(archivo, tamanio, maximo) if tamanio <= maximo else b""
    except OSError as exc:
        informe.error(Ubicacion(ruta), f"no se puede leer el archivo: {exc.strerror}")
        return None
    if tamanio > maximo or len(crudo) > maximo:  # también si creció mientras se leía
        informe.error(Ubicacion(ruta, 1, 1), mensaje_tamanio(max(tamanio, len(crudo)), maximo))
        return None
    return crudo


@contextlib.contextmanager
def _abrir_archivo_comun(ruta: str):
    """El archivo abierto para leer en binario, o None si no es un archivo común. Se abre sin
    bloquear: una tubería con el nombre de un archivo dejaría al programa esperando para siempre."""
    descriptor = os.open(ruta, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as archivo:
        yield archivo if stat.S_ISREG(os.fstat(descriptor).st_mode) else None


def _leer_hasta(archivo, tamanio: int, maximo: int) -> bytes:
    """Hasta `maximo` + 1 bytes de un archivo que dice medir `tamanio` (≤ `maximo`). Se pide lo que
    mide y no el máximo: read(n) reserva n bytes de entrada, y 5 MB por archivo multiplica el tiempo
    del sistema."""
    crudo = archivo.read(tamanio + 1)
    if len(crudo) > tamanio:  # creció mientras tanto, o no es un archivo común: se lee hasta el límite
        crudo += archivo.read(maximo + 1 - len(crudo))
    return crudo


def mensaje_tamanio(tamanio: int, maximo: int = MAXIMO_BYTES) -> str:
    def megas(n: int) -> str:
        return f"{n / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")

    return (
        f"el archivo ocupa {megas(tamanio)} MB y el máximo es {megas(maximo)} MB: no se lee "
        "(un registro ocupa unos pocos kB; revise que sea el archivo correcto)"
    )


INTERVALO_FECHAS = f"de {FECHA_MINIMA.isoformat()} a {FECHA_MAXIMA.isoformat()}"
MENSAJE_NUMERO_GRANDE = (
    f"el número es demasiado grande: se admiten hasta {MAXIMAS_CIFRAS} cifras enteras; "
    "si es un código o un documento, escríbalo entre comillas"
)


def fecha_admitida(valor: dt.date) -> bool:
    """Si la fecha (o el día de la fecha y hora) cae entre FECHA_MINIMA y FECHA_MAXIMA."""
    dia = valor.date() if isinstance(valor, dt.datetime) else valor
    return FECHA_MINIMA <= dia <= FECHA_MAXIMA


def mensaje_control(caracter: str) -> str:
    codigo = f"U+{ord(caracter):04X}"
    if "\u202a" <= caracter <= "\u202e" or "\u2066" <= caracter <= "\u2069":
        que = f"un control invisible de dirección del texto ({codigo}), que cambia el orden en que se ve"
    elif caracter in "\u2028\u2029":
        que = f"un separador de línea o de párrafo Unicode ({codigo}), que no es un salto de línea común"
    elif "\ud800" <= caracter <= "\udfff":
        que = f"la mitad suelta de un carácter Unicode ({codigo}), que no se puede guardar ni imprimir"
    else:
        que = f"un carácter de control invisible ({codigo})"
    return f"el texto lleva {que}; bórrelo (suele venir de copiar y pegar)"


def entero(texto: str) -> int | None:
    """El entero escrito (decimal, 0o, 0x o 0b), o None si el texto no es un entero."""
    limpio = texto.replace("_", "")
    signo = -1 if limpio.startswith("-") else 1
    limpio = limpio[1:] if limpio[:1] in ("+", "-") else limpio
    base = 10
    for prefijo, base_prefijo in (("0o", 8), ("0x", 16), ("0b", 2)):
        if limpio.lower().startswith(prefijo):
            limpio, base = limpio[2:], base_prefijo
            break
    if not limpio.isascii() or not limpio.isalnum():  # int() admitiría espacios y cifras de otras escrituras
        return None
    try:
        return signo * int(limpio, base)
    except ValueError:
        return None


def decimal(texto: str) -> Decimal | None:
    try:
        valor = Decimal(texto.replace("_", ""))
    except InvalidOperation:
        return None
    return valor if valor.is_finite() else None


def decimales(valor: Decimal) -> int:
    """Cifras decimales tal como se escribieron (92.50 tiene dos; 1e2, ninguna)."""
    return max(0, -valor.as_tuple().exponent)
