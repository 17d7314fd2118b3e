"""Piezas que se repiten en las hojas «Anexo 1» y «Anexo 4»: títulos, el bloque de datos del servidor y del
evaluador, las celdas que llena el evaluador, las firmas y la fuente; y las fórmulas de referencia."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .ficha import Ficha
from .plano import ENTRADA_COMENTARIO, Entrada, Formula, Hoja

FECHA = "DD/MM/YYYY"
FUENTE = "Fuente: Manual de Gestión del Rendimiento, aprobado por Resolución de Presidencia Ejecutiva N°031-2016-SERVIR/PE."
NO_APLICA_GRUPALES = "No aplica a directivos"
NO_APLICA_COMPROMISOS = "No aplica: los compromisos se evalúan solo a directivos"
TIPO_ANEXO1 = "Segmento (directivo, mando medio, personal ejecutor, personal operativo y asistencia)*"
TIPO_ANEXO4 = "Tipo (directivo, mando medio, personal ejecutor o personal operativo y asistencial)"
# Un libro se reconoce por el documento del servidor: la misma celda en las dos hojas (fila 9).
FILA_DOCUMENTO = 9
MENSAJE_OTRO_CICLO = "el libro es de otro período: no coincide con el del ciclo"


def mostrar(valor):
    """El valor de un dato del registro tal como va en la celda: una lista, una línea por elemento."""
    if isinstance(valor, list):
        return "\n".join(str(v) for v in valor)
    return valor


def vacio(valor) -> bool:
    return valor is None or valor == "" or valor == [] or valor == {}


def entrada(h: Hoja, columna: int, tipo: str, destino: tuple, actual=None, *, visto=None, **opciones):
    """Una celda que llena el evaluador (desbloqueada, con su lista o regla de validación). `actual` es lo
    que el registro ya tiene; `visto`, lo que se muestra si no es lo mismo (la dificultad del seguimiento)."""
    mostrado = mostrar(actual if visto is None else visto)
    if tipo == "fecha":
        opciones.setdefault("formato", FECHA)
    if tipo in ("texto", "lineas", "hitos", "comportamientos") and opciones.get("hasta", 0) - columna >= 2:
        h.alto_minimo(h.fila, ENTRADA_COMENTARIO)
    return h.poner(columna, mostrado, "entrada", entrada=Entrada(tipo, destino, actual if visto is None else visto),
                   **opciones)


def dato_o_entrada(h: Hoja, columna: int, valor, tipo: str, destino: tuple, **opciones):
    """Un dato del Anexo 1 que el registro ya tiene se muestra bloqueado; si aún no lo tiene, lo escribe el
    evaluador (la fijación de metas se puede devolver en el mismo libro)."""
    if vacio(valor):
        return entrada(h, columna, tipo, destino, None, **opciones)
    return h.poner(columna, mostrar(valor), "dato", formato=FECHA if tipo == "fecha" else None, **opciones)


def titulos(h: Hoja, anexo: str, titulo: str, ultima: int) -> None:
    h.rotulo(1, anexo, "titulo", hasta=ultima)
    h.siguiente()
    h.rotulo(1, titulo, "subtitulo", hasta=ultima)
    h.siguiente(2)


def personas(f: Ficha, h: Hoja, etiqueta: tuple[int, int], servidor: tuple[int, int], evaluador: tuple[int, int],
             tipo: str, asterisco: str) -> None:
    """DESCRIPCIÓN | DATOS DEL SERVIDOR EVALUADO | DATOS DEL EVALUADOR, siete filas. Los documentos identifican
    el libro: al leerlo se comprueba que sigan siendo los del registro."""
    h.rotulo(etiqueta[0], "DESCRIPCIÓN", hasta=etiqueta[1])
    h.rotulo(servidor[0], "DATOS DEL SERVIDOR EVALUADO", hasta=servidor[1])
    h.rotulo(evaluador[0], "DATOS DEL EVALUADOR", hasta=evaluador[1])
    h.siguiente()
    filas = (("Nombre Completo" + asterisco, "nombre"), ("Documento de Identidad" + asterisco, "documento"),
             (tipo, "segmento"), ("Profesión y Grado obtenido*", "profesion"),
             ("Fecha de inicio en el Puesto*", "fecha_inicio"), ("Puesto Específico" + asterisco, "puesto"),
             ("Órgano o Unidad Orgánica" + asterisco, "organo"))
    for texto, campo in filas:
        h.rotulo(etiqueta[0], texto, "etiqueta", hasta=etiqueta[1])
        documento = campo == "documento"
        assert not documento or h.fila == FILA_DOCUMENTO
        h.poner(servidor[0], getattr(f.servidor, campo), hasta=servidor[1],
                identidad="el documento del servidor no coincide con el de su registro" if documento else None)
        h.poner(evaluador[0], getattr(f.evaluador, campo), hasta=evaluador[1],
                identidad=("el evaluador del libro ya no es el del registro: pida a la AFRH el libro actual"
                           if documento else None))
        h.siguiente()


def periodo(f: Ficha, h: Hoja, columna_inicio: tuple[int, int], columna_fin: tuple[int, int]) -> None:
    """Inicio y fin del ciclo en la fila actual: identifican el ciclo del libro."""
    for (desde, hasta), fecha in ((columna_inicio, f.ciclo.inicio), (columna_fin, f.ciclo.fin)):
        h.poner(desde, fecha, hasta=hasta, formato=FECHA, identidad=MENSAJE_OTRO_CICLO)


def firmas(h: Hoja, columnas: list[tuple[int, int, str]]) -> None:
    """Una fila alta para firmar y, debajo, cada rótulo con el nombre de quien firma."""
    h.alto_minimo(h.fila, 42)
    h.siguiente()
    for desde, hasta, texto in columnas:
        h.poner(desde, texto, "firma", hasta=hasta)
    h.siguiente()


def fuente(h: Hoja, ultima: int) -> None:
    h.siguiente()
    h.rotulo(1, FUENTE, "nota", hasta=ultima)
    h.siguiente()


def seccion(h: Hoja, texto: str, ultima: int) -> None:
    h.rotulo(1, texto, "seccion", hasta=ultima)
    h.siguiente()


def cifra(valor) -> int | Decimal | None:
    """Un número del registro para una celda (Decimal se escribe como número de Excel)."""
    if valor is None or isinstance(valor, bool):
        return None
    if isinstance(valor, (int, Decimal)):
        return valor
    if isinstance(valor, float):
        return Decimal(repr(valor))
    return None


def fecha(valor) -> dt.date | None:
    return valor if isinstance(valor, dt.date) else None


# --- Fórmulas de referencia ------------------------------------------------------------------------
# Las celdas de la otra hoja se nombran «clave» mientras se arma el plano (`posiciones`) y se resuelven al final.

_MARCA = re.compile("«([a-z0-9_]+)»")


def valor_nivel(f: Ficha, celda: str) -> str:
    """El valor (%) del nivel de logro escrito en `celda`: IF(TRIM(celda)="A",100,IF(…="B",95,…,"")))."""
    partes = [f'IF(TRIM({celda})="{letra}",{valor}' for letra, valor in f.valores.items()]
    return ",".join(partes) + ',""' + ")" * len(partes)


def cifra_de(celda: str) -> str:
    """El porcentaje escrito en `celda` como número, como lo lee `importar-formatos`: 92.5 tal cual, 92,5 % con
    formato de porcentaje (0.925) por cien, y un texto «92,5» o «92.5 %» convertido; "" si no es un número."""
    texto = f'SUBSTITUTE({celda},"%","")'
    return (f'IF(ISNUMBER({celda}),IF(LEFT(CELL("format",{celda}),1)="P",{celda}*100,{celda}),'
            f'IFERROR(VALUE(SUBSTITUTE({texto},",",".")),IFERROR(VALUE({texto}),"")))')


def repetir_cifra(hoja: str, clave: str) -> Formula:
    """El porcentaje de la celda `clave` de la otra hoja, como número (ver `cifra_de`)."""
    celda = f"'{hoja}'!«{clave}»"
    return Formula(f'=IF({celda}="","",{cifra_de(celda)})')


def repetir(hoja: str, clave: str) -> Formula:
    """La celda `clave` de la otra hoja, vacía si está vacía (y no 0)."""
    return Formula(f"=IF('{hoja}'!«{clave}»=\"\",\"\",'{hoja}'!«{clave}»)")


def resolver(hojas: list[Hoja], posiciones: dict[str, str]) -> None:
    for hoja in hojas:
        for celda in hoja.celdas:
            if isinstance(celda.valor, Formula):
                celda.valor = Formula(_MARCA.sub(lambda m: posiciones[m.group(1)], celda.valor))
