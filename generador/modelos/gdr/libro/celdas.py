"""El mapa de celdas de la hoja «Formato GDR 2025» (v01, Rev: nov-2025): dónde va cada dato del registro y
qué rótulos fijos lo rodean (reglas.md §2 y §3; `formato-gdr-2025.celdas.txt`).

La exportación escribe en estas celdas y la importación las lee en la misma posición; antes de leer, los
rótulos de `ROTULOS` se comparan con los del libro (sin importar espacios, mayúsculas ni tildes): un libro de
otra versión, o con filas o columnas movidas, se rechaza en vez de leer datos de otro lugar.
"""

from __future__ import annotations

import re
import unicodedata

HOJA = "Formato GDR 2025"
VERSION = "v01 Rev: nov-2025 AUTORIDAD NACIONAL DEL SERVICIO CIVIL - SERVIR"   # F!M2
SELECCIONE, SIN_FECHA = "[Seleccione]", "[dd/mmm/aaaa]"                         # las indicaciones de la hoja
MARCADORES = (SELECCIONE, SIN_FECHA)

# Celdas de los datos generales, de la fijación de metas, de las evidencias y de la evaluación.
ENTIDAD = "D4"
EVALUADO = {"documento": "D8", "nombre": "D9", "puesto": "D10", "segmento": "D11", "organo": "D12"}
EVALUADOR = {"documento": "K8", "nombre": "K9", "puesto": "K10", "segmento": "K11", "organo": "K12"}
CONSENTIMIENTO = "C13"
ASISTIO, FECHA_FIJACION, PRESENTO = "D18", "H18", "L18"
PERMANENCIA, JUNTA = "B35", "B37"
ACCIONES, OTRAS_ACCIONES, FECHA_RETRO = "J35", "J36", "M35"
PESOS = "G31"                 # la fórmula que controla la suma de los pesos
FORMULAS = ("N21", "N23", "N25", "N27", "N29", "G31", "D35", "G35")
METAS = 5
PRIMERA_FILA_META, ULTIMA_FILA_META = 21, 30

# Las columnas de una meta: (campo del registro, columna, 0 = primera fila del bloque / 1 = segunda).
CAMPOS_META = (("prioridad", "C", 0), ("indicador", "D", 0), ("sentido", "E", 0), ("valor_esperado", "F", 0),
               ("peso", "G", 0), ("evidencia_avance", "H", 0), ("evidencia_final", "H", 1),
               ("plazo_avance", "I", 0), ("plazo_final", "I", 1), ("estado_avance", "J", 0),
               ("estado_final", "J", 1), ("comentarios", "K", 0), ("comentarios_final", "K", 1),
               ("valor_alcanzado", "M", 0))
NOMBRES_META = {"prioridad": "la prioridad anual de gestión", "indicador": "el indicador o producto",
                "sentido": "el sentido del indicador", "valor_esperado": "el valor esperado", "peso": "el peso"}
OBLIGATORIOS_META = ("indicador", "sentido", "valor_esperado", "peso")   # los que pide el esquema

# Los textos de las listas de la hoja (validaciones de datos de F!E21, J21, J22, D18, B35).
SENTIDOS = {"ascendente": "Ascendente", "descendente": "Descendente"}
ESTADO_AVANCE = {"logrado": "Logrado", "en_proceso": "En proceso de logro", "no_presenta": "No presenta evidencia"}
ESTADO_FINAL = {"presenta": "SÍ presenta evidencia final", "no_presenta": "NO presenta evidencia de logro final"}
SI_NO = {True: "Sí", False: "No"}


def permanencias(meses: int) -> dict[str, str]:
    """F!B35: los dos textos de la lista (el segundo con punto final, como lo compara F!G35)."""
    return {"seis_meses_o_mas": f"Tiene {meses} meses o más desempeñando el puesto que es objeto de evaluación",
            "menos_de_seis_meses": f"Tiene menos de {meses} meses desempeñando el puesto que es objeto de evaluación."}


def celdas_de_texto() -> set[str]:
    """Las celdas donde la exportación puede escribir un texto de los datos."""
    generales = {ENTIDAD, *EVALUADO.values(), *EVALUADOR.values(), ASISTIO, PRESENTO, PERMANENCIA, JUNTA, ACCIONES,
                 OTRAS_ACCIONES, FECHA_FIJACION, FECHA_RETRO}
    return generales | {celda_meta(k, campo) for k in range(1, METAS + 1) for campo, _, _ in CAMPOS_META}


def fila_meta(k: int) -> int:
    """La primera fila del bloque de la meta `k` (1 a 5): 21, 23, 25, 27, 29."""
    return PRIMERA_FILA_META + 2 * (k - 1)


def celda_meta(k: int, campo: str) -> str:
    columna, desfase = next((c, d) for nombre, c, d in CAMPOS_META if nombre == campo)
    return f"{columna}{fila_meta(k) + desfase}"


# Rótulos fijos que deben estar donde el formato oficial los pone (F!B2:N41).
ROTULOS = {
    "B4": "NOMBRE DE LA ENTIDAD", "B6": "DATOS GENERALES", "B7": "SERVIDOR/A EVALUADO/A",
    "H7": "SERVIDOR/A EVALUADOR/A", "B8": "DNI", "H8": "DNI", "B9": "APELLIDOS Y NOMBRES",
    "H9": "APELLIDOS Y NOMBRES", "B10": "PUESTO", "H10": "PUESTO", "B11": "SEGMENTO", "H11": "SEGMENTO",
    "B12": "NOMBRE DE LA UNIDAD DE ORGANIZACIÓN", "H12": "NOMBRE DE LA UNIDAD DE ORGANIZACIÓN",
    "B14": "FIRMA (a la definición de la meta)", "B16": "CICLO DE LA GESTIÓN DEL RENDIMIENTO",
    "B17": "ETAPA DE PLANIFICACIÓN", "J17": "ETAPA DE SEGUIMIENTO", "M17": "ETAPA DE EVALUACIÓN",
    "B18": "¿El servidor asistió a la reunión de fijación de metas?", "F18": "Fecha de la fijación de metas",
    "J18": "¿Al cierre de esta etapa, el servidor presentó evidencias que permitan su evaluación (al menos de una meta)?",
    "M18": "VALOR ALCANZADO", "N18": "PUNTAJE POR META",
    "B19": "PRIORIDADES ANUALES DE GESTIÓN DEL ÓRGANO O UNIDAD ORGÁNICA", "D19": "M E T A",
    "J19": "SEGUIMIENTO Y RETROALIMENTACIÓN", "D20": "INDICADOR / PRODUCTO", "E20": "SENTIDO DEL INDICADOR",
    "F20": "VALOR ESPERADO", "G20": "PESO", "H20": "EVIDENCIA", "I20": "PLAZOS", "J20": "COMENTARIOS",
    "B21": "1", "B23": "2", "B25": "3", "B27": "4", "B29": "5",
    "B33": "CRITERIOS PARA LA CALIFICACIÓN Esta sección debe ser consultada con la ORH",
    "D33": "RESULTADOS FINALES", "B34": "PERMANENCIA EN EL PUESTO ANTES DE EMPEZAR LA ETAPA DE EVALUACIÓN",
    "D34": "PUNTUACIÓN FINAL", "G34": "CALIFICACIÓN", "I34": "REUNIÓN DE RETROALIMENTACIÓN FINAL Y ACCIONES DE MEJORA",
    "M34": "FECHA DE REUNIÓN DE RETROALIMENTACIÓN FINAL", "I35": "ACCIONES DE CAPACITACIÓN:",
    "B36": "LA JUNTA DE DIRECTIVOS OTORGÓ RENDIMIENTO DISTINGUIDO AL SERVIDOR",
    "I36": "OTRAS ACCIONES PARA LA MEJORA DEL DESEMPEÑO DEL SERVIDOR EVALUADO:",
    "B38": "FIRMAS DE LA REUNIÓN DE RETROALIMENTACIÓN FINAL (En etapa de Evaluación)",
}
CONSENTIMIENTO_ROTULO = "Autorizo que se me notifique la calificación"   # parte fija del texto de F!C13
MARCA = re.compile(r"^\s*\(\s*(?P<marca>[^\s)]?)\s*\)")                  # «(  X  )» o «(     )» al inicio de C13
CORREO = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
RAYA = re.compile(r"_{5,}")                                               # la línea para escribir el correo


def clave(texto) -> str:
    """Un rótulo o un texto de lista comparable: sin tildes, minúsculas, espacios simples, sin punto final."""
    if texto is None:
        return ""
    if isinstance(texto, float) and texto.is_integer():
        texto = int(texto)
    sin_tildes = unicodedata.normalize("NFKD", str(texto)).encode("ascii", "ignore").decode()
    return " ".join(sin_tildes.lower().split()).rstrip(".")


def revisar_rotulos(valores: dict[str, object]) -> list[tuple[str, str]]:
    """(celda, mensaje) de cada rótulo que no está donde el formato oficial lo pone; la versión (M2), al final."""
    problemas = []
    for celda, rotulo in ROTULOS.items():
        if clave(valores.get(celda)) != clave(rotulo):
            problemas.append((celda, f"aquí el Formato GDR 2025 dice «{rotulo}»"))
    if clave(CONSENTIMIENTO_ROTULO) not in clave(valores.get(CONSENTIMIENTO)):
        problemas.append((CONSENTIMIENTO, "aquí el Formato GDR 2025 tiene el texto de la autorización de notificación"))
    if clave(valores.get("M2")) != clave(VERSION):
        problemas.append(("M2", "el libro no es de la versión v01, Rev: nov-2025 del Formato GDR 2025"))
    return problemas


def de_lista(valor, textos: dict[str, str]) -> str | None:
    """El código del texto de una lista de la hoja (« Ascendente» con el espacio de la lista oficial, o
    «ascendente», valen lo mismo); None si no es ninguno."""
    buscado = clave(valor)
    return next((codigo for codigo, texto in textos.items() if clave(texto) == buscado), None)
