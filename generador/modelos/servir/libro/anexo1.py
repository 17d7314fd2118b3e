"""La hoja «Anexo 1» (Fijación de factores de evaluación) con las columnas de la directiva.

Once columnas, las de la tabla de metas individuales: ORIGEN, OBJETIVO, INDICADOR, META, EVIDENCIA, HITOS
INTERMEDIOS, NIVELES DE LOGRO, Valor asignado (%), Peso asignado, Nivel de logro alcanzado y Puntaje; cada
meta individual ocupa una fila por nivel de logro (A a E), como en la directiva. Lo acordado en la fijación
de metas queda bloqueado; si el registro aún no tiene metas, compromisos, funciones, acciones, observaciones
o fecha de la reunión, esas celdas se dejan para escribir. El logro y lo alcanzado se escriben en el Anexo 4
y aquí se repiten con una fórmula, igual que los puntajes (de referencia).
"""

from __future__ import annotations

from .ficha import COMPROMISOS_EN_BLANCO, GRUPALES_EN_BLANCO, INDIVIDUALES_EN_BLANCO, Ficha
from .partes import (NO_APLICA_COMPROMISOS, NO_APLICA_GRUPALES, TIPO_ANEXO1, cifra, dato_o_entrada, entrada, fecha,
                     firmas, fuente, periodo, personas, repetir, repetir_cifra, seccion, titulos, valor_nivel)
from .plano import Formula, Hoja

NOMBRE = "Anexo 1"
ANCHOS = (12, 24, 17, 15, 17, 19, 24, 10, 9, 11, 10)
A, B, C, D, E, F, G, H, I, J, K = range(1, 12)
METAS_INDIVIDUALES = "metas_individuales"
METAS_GRUPALES = "metas_grupales"
META = "la meta de esta fila no es la del registro: el registro cambió o se movieron filas; pida el libro actual"
COMPROMISO = "el compromiso de esta fila no es el del registro: el registro cambió o se movieron filas"


def hoja(f: Ficha, posiciones: dict[str, str]) -> Hoja:
    h = Hoja(NOMBRE, ANCHOS)
    titulos(h, "ANEXO N° 1", "FIJACIÓN DE FACTORES DE EVALUACIÓN", K)
    h.rotulo(A, "ENTIDAD :", "etiqueta", hasta=B)
    h.poner(C, f.entidad, hasta=K)
    h.siguiente()
    h.rotulo(A, "PERÍODO DE GESTIÓN DEL RENDIMIENTO", "etiqueta", hasta=C, filas=2)
    h.rotulo(D, "INICIO", hasta=E)
    h.rotulo(F, "FIN", hasta=G)
    h.rotulo(H, "REUNIÓN DE FIJACIÓN DE METAS", "etiqueta", hasta=I, filas=2)
    h.rotulo(J, "FECHA", hasta=K)
    h.siguiente()
    periodo(f, h, (D, E), (F, G))
    dato_o_entrada(h, J, fecha(f.datos.get("reunion_fijacion_metas")), "fecha", ("reunion_fijacion_metas",), hasta=K)
    h.siguiente()
    personas(f, h, (A, C), (D, G), (H, K), TIPO_ANEXO1, "*")

    seccion(h, "FUNCIONES DEL PUESTO (DE ACUERDO AL MPP/MOF/TDR)", K)
    dato_o_entrada(h, A, f.datos.get("funciones"), "lineas", ("funciones",), hasta=K)
    h.siguiente()
    _grupales(f, h, posiciones)
    _individuales(f, h, posiciones)
    seccion(h, "ACCIONES DEL SERVIDOR PARA LA CONSECUCIÓN DE METAS INDIVIDUALES", K)
    dato_o_entrada(h, A, f.datos.get("acciones_servidor"), "lineas", ("acciones_servidor",), hasta=K)
    h.siguiente()
    _compromisos(f, h, posiciones)

    h.rotulo(A, "PUNTUACIÓN FINAL (Anexo N° 4)", "etiqueta", hasta=J)
    h.poner(K, repetir("Anexo 4", "a4_final"), formato="0.00")
    h.siguiente()
    h.rotulo(A, "OBSERVACIONES", "etiqueta", hasta=C)
    dato_o_entrada(h, D, f.datos.get("observaciones"), "texto", ("observaciones",), hasta=K)
    h.siguiente()
    firmas(h, [(A, E, f"FIRMA DEL SERVIDOR EVALUADO\n{f.servidor.nombre}"),
               (G, K, f"FIRMA DEL EVALUADOR\n{f.evaluador.nombre}")])
    fuente(h, K)
    return h


def _grupales(f: Ficha, h: Hoja, posiciones: dict[str, str]) -> None:
    seccion(h, "METAS GRUPALES (TRASLADA LA META POI ASIGNADA POR SU EVALUADOR) - NO APLICA A DIRECTIVOS", K)
    for columna, hasta, texto in ((A, B, "OBJETIVO"), (C, D, "INDICADOR"), (E, F, "META"), (G, H, "EVIDENCIA"),
                                  (I, I, "Peso Asignado"), (J, J, "Meta Alcanzada (%)"), (K, K, "Puntuación")):
        h.rotulo(columna, texto, hasta=hasta)
    h.siguiente()
    if not f.aplica_grupales:
        h.rotulo(A, NO_APLICA_GRUPALES, "dato", hasta=K)
        h.siguiente()
        return
    primera = h.fila
    metas = f.metas(METAS_GRUPALES)
    for i in range(GRUPALES_EN_BLANCO if f.metas_en_blanco else len(metas)):
        campos = ((A, B, "objetivo"), (C, D, "indicador"), (E, F, "meta"), (G, H, "evidencia"))
        if f.metas_en_blanco:
            for columna, hasta, campo in campos:
                entrada(h, columna, "texto", ("nueva", METAS_GRUPALES, i, campo), hasta=hasta)
            entrada(h, I, "peso", ("nueva", METAS_GRUPALES, i, "peso"))
            h.alto_minimo(h.fila, 30)
        else:
            meta = metas[i]
            for columna, hasta, campo in campos:
                h.poner(columna, meta.get(campo), hasta=hasta, identidad=META if campo == "objetivo" else None)
            h.poner(I, cifra(meta.get("peso")))
        posiciones[f"a1_g{i}_objetivo"] = f"A{h.fila}"
        h.poner(J, repetir_cifra("Anexo 4", f"a4_g{i}"), formato="0.##")
        r = h.fila
        h.poner(K, Formula(f'=IFERROR(IF(OR(I{r}="",J{r}=""),"",ROUND(I{r}*MIN(J{r},{f.tope})/100,2)),"")'),
                formato="0.00")
        h.siguiente()
    _totales(h, "GRUPALES", primera, h.fila - 1, posiciones, "a1_total_g")


def _totales(h: Hoja, grupo: str, primera: int, ultima: int, posiciones: dict[str, str], clave: str) -> None:
    pesos, puntajes = f"I{primera}:I{ultima}", f"K{primera}:K{ultima}"
    h.rotulo(A, f"PESO METAS {grupo}", "etiqueta", hasta=H)
    h.poner(I, Formula(f'=IF(COUNT({pesos})=0,"",SUM({pesos}))'))
    h.rotulo(J, "TOTAL", "etiqueta", hasta=K)
    h.siguiente()
    h.rotulo(A, f"TOTAL METAS {grupo}", "etiqueta", hasta=J)
    h.poner(K, Formula(f'=IF(OR(COUNT({pesos})=0,COUNT({puntajes})<COUNT({pesos})),"",SUM({puntajes}))'),
            formato="0.00")
    posiciones[clave] = f"K{h.fila}"
    h.siguiente()


def _individuales(f: Ficha, h: Hoja, posiciones: dict[str, str]) -> None:
    seccion(h, "METAS INDIVIDUALES", K)
    h.rotulo(A, "ESTABLECIMIENTO DE FACTORES", hasta=E)
    h.rotulo(F, "SEGUIMIENTO")
    h.rotulo(G, "EVALUACIÓN", hasta=K)
    h.siguiente()
    for columna, texto in zip(range(A, K + 1), ("ORIGEN", "OBJETIVO", "INDICADOR", "META", "EVIDENCIA",
                                                "HITOS INTERMEDIOS", "NIVELES DE LOGRO", "Valor asignado (%)",
                                                "Peso Asignado", "Nivel de logro Alcanzado", "Puntaje")):
        h.rotulo(columna, texto)
    h.siguiente()
    primera = h.fila
    metas = f.metas(METAS_INDIVIDUALES)
    niveles = len(f.valores)
    for i in range(INDIVIDUALES_EN_BLANCO if f.metas_en_blanco else len(metas)):
        meta = {} if f.metas_en_blanco else metas[i]
        campos = ("origen", "objetivo", "indicador", "meta", "evidencia", "hitos")
        for columna, campo in zip(range(A, G), campos):
            if f.metas_en_blanco:
                tipo = "hitos" if campo == "hitos" else "texto"
                entrada(h, columna, tipo, ("nueva", METAS_INDIVIDUALES, i, campo), filas=niveles)
            elif campo == "hitos":
                h.poner(columna, "\n".join(_hito(hito) for hito in meta.get("hitos") or []) or None, filas=niveles)
            else:
                h.poner(columna, meta.get(campo), filas=niveles, identidad=META if campo == "objetivo" else None)
        posiciones[f"a1_i{i}_objetivo"] = f"B{h.fila}"
        if f.metas_en_blanco:
            entrada(h, I, "peso", ("nueva", METAS_INDIVIDUALES, i, "peso"), filas=niveles)
        else:
            h.poner(I, cifra(meta.get("peso")), filas=niveles)
        h.poner(J, repetir("Anexo 4", f"a4_i{i}"), filas=niveles)
        r = h.fila
        h.poner(K, Formula(f'=IFERROR(IF(OR(I{r}="",J{r}=""),"",ROUND(I{r}*{valor_nivel(f, f"J{r}")}/100,2)),"")'),
                filas=niveles, formato="0.00")
        descripciones = meta.get("niveles") or {}
        for letra, valor in f.valores.items():
            if f.metas_en_blanco:
                entrada(h, G, "texto", ("nueva", METAS_INDIVIDUALES, i, "niveles", letra))
            else:
                h.poner(G, descripciones.get(letra))
            h.poner(H, cifra(valor), formato=f'"{letra}: "0" %"')
            h.siguiente()
    _totales(h, "INDIVIDUALES", primera, h.fila - 1, posiciones, "a1_total_i")


def _hito(hito: dict) -> str:
    dia = hito.get("fecha")
    return f"{dia.strftime('%d/%m/%Y') if hasattr(dia, 'strftime') else dia}: {hito.get('descripcion', '')}"


def _compromisos(f: Ficha, h: Hoja, posiciones: dict[str, str]) -> None:
    seccion(h, "COMPROMISOS (APLICABLE A DIRECTIVOS)", K)
    for columna, hasta, texto in ((A, B, "COMPROMISO"), (C, D, "DESCRIPCIÓN"), (E, E, "Nivel de Desarrollo Exigido (MPP)"),
                                  (F, I, "COMPORTAMIENTOS ASOCIADOS A CADA NIVEL"), (J, J, "Nivel Evidenciado"),
                                  (K, K, "Brecha")):
        h.rotulo(columna, texto, hasta=hasta)
    h.siguiente()
    if not f.aplica_compromisos:
        h.rotulo(A, NO_APLICA_COMPROMISOS, "dato", hasta=K)
        h.siguiente()
        return
    compromisos = f.metas("compromisos")
    for i in range(COMPROMISOS_EN_BLANCO if f.compromisos_en_blanco else len(compromisos)):
        posiciones[f"a1_c{i}_compromiso"], posiciones[f"a1_c{i}_descripcion"] = f"A{h.fila}", f"C{h.fila}"
        posiciones[f"a1_c{i}_exigido"] = f"E{h.fila}"
        if f.compromisos_en_blanco:
            destino = ("nueva", "compromisos", i)
            entrada(h, A, "texto", (*destino, "compromiso"), hasta=B)
            entrada(h, C, "texto", (*destino, "descripcion"), hasta=D)
            entrada(h, E, "nivel", (*destino, "nivel_exigido"))
            entrada(h, F, "comportamientos", (*destino, "comportamientos"), hasta=I)
        else:
            compromiso = compromisos[i]
            h.poner(A, compromiso.get("compromiso"), hasta=B, identidad=COMPROMISO)
            h.poner(C, compromiso.get("descripcion"), hasta=D)
            h.poner(E, cifra(compromiso.get("nivel_exigido")))
            comportamientos = sorted((int(k), v) for k, v in (compromiso.get("comportamientos") or {}).items())
            h.poner(F, "\n".join(f"{n}. {texto}" for n, texto in comportamientos) or None, hasta=I)
        r = h.fila
        h.poner(J, repetir("Anexo 4", f"a4_c{i}"))
        h.poner(K, Formula(f'=IFERROR(IF(OR(E{r}="",J{r}=""),"",MAX(0,E{r}-J{r})),"")'))
        h.siguiente()


__all__ = ["NOMBRE", "hoja"]
