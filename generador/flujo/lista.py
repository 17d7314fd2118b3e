"""Lee una lista de personas tal como la guarda la oficina de personal: una hoja de Excel (.xlsx) o un CSV.

Cada modelo da sus columnas (`columnas.Columna`); la lectura es la misma.

La fila de encabezados puede estar debajo de un título (se busca en las primeras
filas); las columnas que no se reconocen se ignoran y se informan. Cada fila
queda con su número tal como se ve en Excel, para que los mensajes digan
`LISTA.xlsx:fila N: …`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .columnas import JUNTAS, MATERNO, PATERNO, Columna, normalizar, por_variante

FILAS_DE_TITULO = 10  # la fila de encabezados se busca entre las primeras


class ListaIlegible(Exception):
    """El archivo no se puede leer como lista (el mensaje ya dice dónde)."""


class SinEncabezados(ListaIlegible):
    """En la hoja no hay una fila de encabezados reconocible (puede estar en otra hoja)."""


@dataclass
class Fila:
    numero: int
    valores: dict[str, object]      # campo → valor de la celda (sin celdas vacías)


@dataclass
class Lista:
    ruta: Path
    hoja: str
    filas: list[Fila]
    ignoradas: list[str] = field(default_factory=list)   # encabezados que no son columnas conocidas


def leer(ruta: Path, columnas: tuple[Columna, ...]) -> Lista:
    """La lista de `ruta` con las `columnas` del modelo (en el orden en que se recomiendan)."""
    sufijo = ruta.suffix.lower()
    if sufijo == ".xlsx":
        return _leer_xlsx(ruta, columnas)
    if sufijo == ".csv":
        return _interpretar(ruta, "", _celdas_csv(ruta), columnas)
    if sufijo in (".xls", ".ods", ".xlsm", ".xlsb"):
        raise ListaIlegible(f"{ruta}: este formato no se lee; ábralo en Excel o LibreOffice y guárdelo como "
                            "«Libro de Excel (.xlsx)» o como CSV")
    raise ListaIlegible(f"{ruta}: la lista debe ser un archivo .xlsx o .csv")


def _leer_xlsx(ruta: Path, columnas: tuple[Columna, ...]) -> Lista:
    """La hoja con la lista: la activa si tiene encabezados reconocibles; si no, la primera hoja visible
    que los tenga (un libro suele traer antes una hoja de «Instrucciones»). Las hojas ocultas no cuentan."""
    from openpyxl import load_workbook
    try:
        libro = load_workbook(ruta, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl lanza varios tipos según el daño del archivo
        raise ListaIlegible(f"{ruta}: no se puede abrir como libro de Excel (.xlsx): {type(exc).__name__}") from None
    try:
        visibles = [h for h in libro.worksheets if getattr(h, "sheet_state", "visible") == "visible"]
        activa = libro.active if libro.active in visibles else None
        candidatas = ([activa] if activa is not None else []) + [h for h in visibles if h is not activa]
        primer_problema = None
        for hoja in candidatas:
            try:
                return _interpretar(ruta, hoja.title, [list(fila) for fila in hoja.iter_rows(values_only=True)], columnas)
            except SinEncabezados as exc:
                primer_problema = primer_problema or exc
        if primer_problema is None:
            raise ListaIlegible(f"{ruta}: el libro no tiene hojas visibles")
        nombres = ", ".join(f"«{h.title}»" for h in candidatas)
        raise ListaIlegible(f"{primer_problema} (hojas revisadas: {nombres})")
    finally:
        libro.close()


def _celdas_csv(ruta: Path) -> list[list]:
    crudo = ruta.read_bytes()
    for codificacion in ("utf-8-sig", "cp1252", "latin-1"):  # Excel en Windows guarda el CSV en cp1252
        try:
            texto = crudo.decode(codificacion)
            break
        except UnicodeDecodeError:
            continue
    primera = texto.split("\n", 1)[0]
    separador = max(";,\t", key=primera.count)  # Excel en castellano suele separar con «;»
    lector = csv.reader(io.StringIO(texto), delimiter=separador)
    filas = []
    try:
        for fila in lector:
            filas.append(fila)
    except csv.Error as exc:  # una celda de más de 128 KiB, un carácter nulo…
        motivo = (f"una celda pasa de {csv.field_size_limit() // 1024} KiB: revise las comillas de esa fila"
                  if "field larger than field limit" in str(exc) else "no se puede leer como CSV")
        raise ListaIlegible(f"{ruta}:fila {lector.line_num}: {motivo}") from None
    return filas


def _vacia(valor) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _interpretar(ruta: Path, hoja: str, celdas: list[list], conocidas: tuple[Columna, ...]) -> Lista:
    variantes = por_variante(conocidas)
    encabezado, columnas = None, {}
    for i, fila in enumerate(celdas[:FILAS_DE_TITULO]):
        reconocidas = {j: variantes[normalizar(v)] for j, v in enumerate(fila)
                       if not _vacia(v) and normalizar(v) in variantes}
        juntas = [v for v in fila if not _vacia(v) and normalizar(v) in JUNTAS]
        if juntas:
            raise ListaIlegible(f"{ruta}:fila {i + 1}: la columna «{juntas[0]}» junta apellidos y nombres: "
                                "sepárelos en dos columnas, «Apellidos» y «Nombres»")
        if len(reconocidas) >= 3:
            encabezado, columnas = i, reconocidas
            break
    if encabezado is None:
        raise SinEncabezados(f"{ruta}: no se encontró la fila de encabezados en las primeras {FILAS_DE_TITULO} filas; "
                            f"se esperan columnas como {', '.join('«' + c.titulo + '»' for c in conocidas[:7])}")
    fila_encabezado = celdas[encabezado]
    _revisar_columnas(ruta, encabezado, columnas, fila_encabezado, conocidas)
    ignoradas = [str(v).strip() for j, v in enumerate(fila_encabezado) if not _vacia(v) and j not in columnas]
    filas = []
    for i, fila in enumerate(celdas[encabezado + 1:], start=encabezado + 2):
        valores = {columna.campo: fila[j] for j, columna in columnas.items() if j < len(fila) and not _vacia(fila[j])}
        if valores:
            filas.append(Fila(i, _apellidos_juntos(valores)))
    return Lista(ruta, hoja, filas, ignoradas)


def _apellidos_juntos(valores: dict[str, object]) -> dict[str, object]:
    """«Apellido paterno» y «Apellido materno» en dos columnas → «Apellidos» («Quispe» + «Mamani»)."""
    partes = [str(valores.pop(c.campo)).strip() for c in (PATERNO, MATERNO) if c.campo in valores]
    if partes:
        valores["apellidos"] = " ".join(partes)
    return valores


def _revisar_columnas(ruta: Path, encabezado: int, columnas: dict[int, Columna], fila_encabezado: list,
                      conocidas: tuple[Columna, ...]) -> None:
    vistas: dict[str, int] = {}
    for j, columna in sorted(columnas.items()):
        if columna.campo in vistas:
            raise ListaIlegible(f"{ruta}:fila {encabezado + 1}: hay dos columnas para «{columna.titulo}» "
                                f"(columnas {_letra(vistas[columna.campo])} y {_letra(j)})")
        vistas[columna.campo] = j
    if PATERNO.campo in vistas:
        vistas.setdefault("apellidos", vistas[PATERNO.campo])
    faltan = [c for c in conocidas if c.obligatoria and c.campo not in vistas]
    if faltan:
        otros = [str(v).strip() for j, v in enumerate(fila_encabezado) if not _vacia(v) and j not in columnas]
        pistas = [_pista(c, otros) for c in faltan]
        raise ListaIlegible(
            f"{ruta}:fila {encabezado + 1}: faltan las columnas " + ", ".join(f"«{c.titulo}»" for c in faltan)
            + ("; encabezados sin reconocer: " + ", ".join(f"«{o}»" for o in otros) if otros else "")
            + "".join(f"; ¿«{o}» es «{c.titulo}»? cambie el encabezado a «{c.titulo}»" for c, o in pistas if o))


def _pista(columna: Columna, encabezados: list[str]) -> tuple[Columna, str | None]:
    """El encabezado sin reconocer que más se parece a alguna forma de escribir `columna`, si alguno."""
    import difflib
    mejor, parecido = None, 0.0
    for encabezado in encabezados:
        for variante in columna.variantes:
            razon = difflib.SequenceMatcher(None, normalizar(encabezado), variante).ratio()
            if razon > parecido:
                mejor, parecido = encabezado, razon
    return columna, mejor if parecido >= 0.6 else None


def _letra(indice: int) -> str:
    """0 → A, 26 → AA: la letra de columna que ve el usuario en Excel."""
    letras = ""
    indice += 1
    while indice:
        indice, resto = divmod(indice - 1, 26)
        letras = chr(65 + resto) + letras
    return letras
