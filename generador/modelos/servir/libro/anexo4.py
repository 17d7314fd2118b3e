"""La hoja «Anexo 4» (Notificación de calificación obtenida) con las columnas de la directiva: META,
DIFICULTAD O MEJORA ENCONTRADA, NIVEL DE LOGRO ESPERADO, NIVEL DE LOGRO OBTENIDO y BRECHA, para las metas
grupales, las individuales y los compromisos; los resultados con el peso del segmento; los comentarios.

Aquí escribe el evaluador: lo alcanzado (%) de cada meta grupal, el logro (A a E) de cada meta individual, el
nivel evidenciado (1 a 4) de cada compromiso, la dificultad o mejora de cada meta, sus comentarios y las
fechas de la evaluación. La calificación la asigna la AFRH (7.5.2): se muestra si ya está en el registro.
"""

from __future__ import annotations

from .anexo1 import COMPROMISO, META, METAS_GRUPALES, METAS_INDIVIDUALES
from .ficha import COMPROMISOS_EN_BLANCO, GRUPALES_EN_BLANCO, INDIVIDUALES_EN_BLANCO, Ficha
from .partes import (NO_APLICA_COMPROMISOS, NO_APLICA_GRUPALES, TIPO_ANEXO4, cifra, cifra_de, entrada, fecha, firmas,
                     fuente, periodo, personas, repetir, seccion, titulos, valor_nivel)
from .plano import Formula, Hoja

NOMBRE = "Anexo 4"
ANCHOS = (34, 32, 16, 16, 21)
A, B, C, D, E = range(1, 6)
CALIFICACIONES = (("buen_rendimiento", "BUEN RENDIMIENTO"), ("desaprobado", "PERSONAL DESAPROBADO"),
                  ("sujeto_a_observacion", "RENDIMIENTO SUJETO A OBSERVACIÓN"),
                  ("rendimiento_distinguido", "PERSONAL DE RENDIMIENTO DISTINGUIDO"))
OBTENIDO = "NIVEL DE LOGRO OBTENIDO"


def hoja(f: Ficha, posiciones: dict[str, str]) -> Hoja:
    h = Hoja(NOMBRE, ANCHOS, horizontal=False)
    titulos(h, "ANEXO N° 4", "NOTIFICACIÓN DE CALIFICACIÓN OBTENIDA", E)
    h.rotulo(A, "ENTIDAD", "etiqueta")
    h.poner(B, f.entidad, hasta=E)
    h.siguiente()
    h.rotulo(A, "PERÍODO DE GESTIÓN DEL RENDIMIENTO", "etiqueta", filas=2)
    h.rotulo(B, "INICIO")
    h.rotulo(C, "FIN")
    h.rotulo(D, "FECHA DE ENTREGA", hasta=E)
    h.siguiente()
    periodo(f, h, (B, B), (C, C))
    entrada(h, D, "fecha", ("evaluacion", "fecha_notificacion"), fecha(f.evaluacion.get("fecha_notificacion")), hasta=E)
    h.siguiente()
    personas(f, h, (A, A), (B, C), (D, E), TIPO_ANEXO4, "")

    _encabezado(h, "METAS GRUPALES", "META", "DIFICULTAD O MEJORA ENCONTRADA", "NIVEL DE LOGRO ESPERADO")
    if not f.aplica_grupales:
        h.rotulo(A, NO_APLICA_GRUPALES, "dato", hasta=E)
        h.siguiente()
    else:
        _metas(f, h, posiciones, METAS_GRUPALES, "g", GRUPALES_EN_BLANCO)
    _encabezado(h, "METAS INDIVIDUALES", "META", "DIFICULTAD O MEJORA ENCONTRADA", "NIVEL DE LOGRO ESPERADO")
    _metas(f, h, posiciones, METAS_INDIVIDUALES, "i", INDIVIDUALES_EN_BLANCO)
    _encabezado(h, "COMPROMISOS", "COMPROMISO", "INDICADORES ASIGNADOS", "NIVEL ESPERADO")
    if not f.aplica_compromisos:
        h.rotulo(A, NO_APLICA_COMPROMISOS, "dato", hasta=E)
        h.siguiente()
    else:
        _compromisos(f, h, posiciones)
    _resultados(f, h, posiciones)

    seccion(h, "COMENTARIOS DEL EVALUADOR", E)
    entrada(h, A, "texto", ("evaluacion", "comentarios_evaluador"), f.evaluacion.get("comentarios_evaluador"), hasta=E)
    h.siguiente()
    seccion(h, "COMENTARIO DEL ÁREA FUNCIONAL DE RECURSOS HUMANOS", E)
    h.poner(A, f.evaluacion.get("comentario_afrh"), hasta=E)
    h.alto_minimo(h.fila, 30)
    h.siguiente()
    seccion(h, "FECHAS DE LA EVALUACIÓN (PARA EL REGISTRO DE LA AFRH)", E)
    for texto, campo in (("Fecha de la evaluación (valoración de las metas por el evaluador)", "fecha"),
                         ("Fecha de remisión de la puntuación a la AFRH", "fecha_remision_afrh")):
        h.rotulo(A, texto, "etiqueta", hasta=C)
        entrada(h, D, "fecha", ("evaluacion", campo), fecha(f.evaluacion.get(campo)), hasta=E)
        h.siguiente()
    firmas(h, [(A, A, "SELLO DEL AFRH"), (B, C, f"FIRMA DEL EVALUADOR\n{f.evaluador.nombre}"),
               (D, E, f"FIRMA DEL EVALUADO\n{f.servidor.nombre}")])
    fuente(h, E)
    return h


def _encabezado(h: Hoja, titulo: str, primera: str, segunda: str, esperado: str) -> None:
    seccion(h, titulo, E)
    for columna, texto in zip(range(A, E + 1), (primera, segunda, esperado, OBTENIDO, "BRECHA")):
        h.rotulo(columna, texto)
    h.siguiente()


def _metas(f: Ficha, h: Hoja, posiciones: dict[str, str], grupo: str, letra: str, en_blanco: int) -> None:
    metas = f.metas(grupo)
    grupal = grupo == METAS_GRUPALES
    for i in range(en_blanco if f.metas_en_blanco else len(metas)):
        r = h.fila
        if f.metas_en_blanco:
            h.poner(A, repetir("Anexo 1", f"a1_{letra}{i}_objetivo"))
            entrada(h, B, "texto", ("dificultad", grupo, i))
        else:
            meta = metas[i]
            h.poner(A, meta.get("objetivo"), identidad=META)
            dificultad = f.dificultades.get(meta.get("objetivo"))
            entrada(h, B, "texto", ("dificultad", grupo, i), visto=dificultad)
        if grupal:
            h.poner(C, 100, formato='0" %"')
            actual = None if f.metas_en_blanco else cifra(metas[i].get("alcanzado"))
            entrada(h, D, "alcanzado", (grupo, i, "alcanzado"), actual)
            h.poner(E, Formula(f'=IFERROR(IF(D{r}="","",MAX(0,100-MIN({cifra_de(f"D{r}")},100))),"")'),
                    formato='0.00" %"')
        else:
            esperado = f.nivel_esperado
            h.poner(C, f"{esperado} ({f.valores[esperado]} %)", "centro")
            actual = None if f.metas_en_blanco else metas[i].get("logro")
            entrada(h, D, "logro", (grupo, i, "logro"), actual)
            h.poner(E, Formula(f'=IFERROR(IF(D{r}="","",{f.valores[esperado]}-{valor_nivel(f, f"D{r}")}),"")'),
                    formato='0.00" %"')
        posiciones[f"a4_{letra}{i}"] = f"D{r}"
        h.siguiente()


def _compromisos(f: Ficha, h: Hoja, posiciones: dict[str, str]) -> None:
    compromisos = f.metas("compromisos")
    for i in range(COMPROMISOS_EN_BLANCO if f.compromisos_en_blanco else len(compromisos)):
        r = h.fila
        if f.compromisos_en_blanco:
            h.poner(A, repetir("Anexo 1", f"a1_c{i}_compromiso"))
            h.poner(B, repetir("Anexo 1", f"a1_c{i}_descripcion"))
            h.poner(C, repetir("Anexo 1", f"a1_c{i}_exigido"))
            actual = None
        else:
            compromiso = compromisos[i]
            comportamientos = compromiso.get("comportamientos") or {}
            exigido = compromiso.get("nivel_exigido")
            h.poner(A, compromiso.get("compromiso"), identidad=COMPROMISO)
            h.poner(B, comportamientos.get(exigido) or comportamientos.get(str(exigido)) or compromiso.get("descripcion"))
            h.poner(C, cifra(exigido))
            actual = cifra(compromiso.get("nivel_evidenciado"))
        entrada(h, D, "nivel", ("compromisos", i, "nivel_evidenciado"), actual)
        h.poner(E, Formula(f'=IFERROR(IF(OR(C{r}="",D{r}=""),"",MAX(0,C{r}-D{r})),"")'))
        posiciones[f"a4_c{i}"] = f"D{r}"
        h.siguiente()


def _resultados(f: Ficha, h: Hoja, posiciones: dict[str, str]) -> None:
    seccion(h, "RESULTADOS DE LA EVALUACIÓN", E)
    for columna, texto in ((B, "Puntuación"), (C, "Peso de acuerdo al segmento (%)"), (D, "Sub total"),
                           (E, "CALIFICACIÓN (Marcar X)")):
        h.rotulo(columna, texto)
    h.siguiente()
    primera = h.fila
    marcas = [f"{'☒' if f.calificacion == clave else '☐'} {texto}" for clave, texto in CALIFICACIONES]
    for n, (texto, total, peso) in enumerate((("Metas Grupales", "a1_total_g", f.peso_grupal),
                                              ("Metas Individuales", "a1_total_i", f.peso_individual))):
        r = h.fila
        h.rotulo(A, texto, "etiqueta")
        if total == "a1_total_g" and not f.aplica_grupales:
            h.poner(B, "No aplica")
            h.poner(C, cifra(peso))
            h.poner(D, 0, formato="0.00")
        else:
            h.poner(B, Formula(f"='Anexo 1'!«{total}»"), formato="0.00")
            h.poner(C, cifra(peso))
            h.poner(D, Formula(f'=IFERROR(IF(B{r}="","",ROUND(B{r}*C{r}/100,2)),"")'), formato="0.00")
        h.poner(E, marcas[n], "marca")
        h.siguiente()
    h.rotulo(A, "Puntuación Final", "etiqueta")
    h.poner(D, Formula(f'=IF(OR(D{primera}="",D{primera + 1}=""),"",D{primera}+D{primera + 1})'), formato="0.00")
    posiciones["a4_final"] = f"D{h.fila}"
    h.poner(E, marcas[2], "marca")
    h.siguiente()
    h.rotulo(A, "Puntuaciones de referencia, calculadas en el libro; la puntuación y la calificación oficiales "
                "las asigna la AFRH (7.5.2).", "nota", hasta=D)
    h.poner(E, marcas[3], "marca")
    h.siguiente()
