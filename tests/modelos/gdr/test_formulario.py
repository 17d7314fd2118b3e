"""El «Formato GDR 2025» impreso (política servir-2025), leído de vuelta del PDF.

Los datos son propios de esta prueba (una entidad pequeña con un caso por situación), para no depender
del ejemplo de datos/servir-2025: Tabla 7 (41.33 + 42.00 + 22.14 y 105.48), el directivo de 69.9958…
que se imprime 70.00, un servidor sin evidencias, un registro recién empezado, cinco metas que suman
exacto, y textos hostiles. Se construye una vez por módulo.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import correr

ENTIDAD = """\
entidad:
  nombre: Autoridad Nacional de Prueba del Agua
  siglas: ANPA
  organo_rrhh: ORH
  organos: {ALTA: Alta Dirección, ORH: Oficina de Recursos Humanos, DGC: Dirección General de Calidad del Agua}
"""
CICLO = """\
ciclo:
  nombre: Ciclo de Gestión del Rendimiento 2025
  inicio: 2025-02-03
  fin: 2026-01-31
  politica: servir-2025
cronograma:
  - {etapa: planificacion, inicio: 2025-02-03, fin: 2025-03-31}
  - {etapa: seguimiento,   inicio: 2025-04-01, fin: 2025-11-30}
  - {etapa: evaluacion,    inicio: 2025-12-01, fin: 2026-01-31}
evaluadores_externos:
  - {documento: "09999999", nombres: Julia, apellidos: Paredes Soto, cargo: Jefa Institucional}
junta: {acta: Acta N° 001-2026-JD, fecha: 2026-01-26, designados: ["40000006"]}
"""


def _servidor(nombres, apellidos, documento, segmento, organo="DGC", inicio="2019-04-01", evaluador="40000001"):
    return (f"servidor: {{nombres: '{nombres}', apellidos: '{apellidos}', documento: '{documento}', segmento: {segmento},"
            f" puesto: Especialista, organo: {organo}, fecha_inicio_puesto: {inicio}}}\nevaluador: '{evaluador}'\n")


def _meta(indicador, esperado, peso, alcanzado, sentido="ascendente", extra=""):
    return (f"  - {{prioridad: Prioridad, indicador: '{indicador}', sentido: {sentido}, valor_esperado: {esperado}, "
            f"peso: {peso}, valor_alcanzado: {alcanzado}{extra}}}\n")


COMPLETO = ("fijacion_metas: {asistio: true, fecha: 2025-03-10}\nseguimiento: [{fecha: 2025-08-14}]\n"
            "evidencias: {presento: true}\n")
# (nombre, segmento, [(F, peso, M)]): las metas de cada caso, todas ascendentes.
TABLA_7 = [(90, 40, 93), (10, 35, 12), (70, 25, 62)]               # casos.md E01
DIRECTIVO = [(15, 40, 11), (25, 35, 19), (80, 25, 45)]             # casos.md E10
CINCO = [(80, 30, 96), (40, 20, 44), (12, 20, 12), (4, 15.5, 4), (10, 14.5, 10)]
HOSTIL = "<script>alert('x')</script> {{ config }} \"comillas\" 'simples' & más"

REGISTROS = {
    "directiva": _servidor("Ana María", "Torres Vega", "40000001", "directivo", evaluador="09999999") + COMPLETO
    + "notificacion: {consentimiento: true, correo: ana.torres@correo.pe}\nmetas:\n"
    + "".join(_meta(f"Meta {k}", *m) for k, m in enumerate(DIRECTIVO, 1))
    + "evaluacion: {fecha_notificacion: 2026-01-20}\n"
    + "retroalimentacion: {fecha: 2026-01-27, acciones_capacitacion: [Curso de gestión por resultados]}\n",
    "tabla-7": _servidor("Luis Alberto", "Quispe Huamán", "40000002", "ejecutor") + COMPLETO + "metas:\n"
    + "".join(_meta(f"Meta {k}", *m) for k, m in enumerate(TABLA_7, 1)),
    "sin-evidencias": _servidor("Carla", "Ríos Mendoza", "40000003", "mando_medio") + COMPLETO.replace(
        "presento: true", "presento: false") + "metas:\n" + _meta("Análisis", 100, 60, 90)
    + _meta("Días de atraso", 10, 40, 9, sentido="descendente"),
    "recien-empezado": _servidor("Pedro", "Salas Ñique", "40000004", "operador_asistencia", "ORH").replace(
        " fecha_inicio_puesto: 2019-04-01", "").replace(", }", "}"),
    "hostil": _servidor("Rosa", "O'Neill Díaz".replace("'", "''"), "40000005", "ejecutor") + COMPLETO
    + "metas:\n  - prioridad: \"{{ 7*7 }} {% raw %}\"\n    indicador: " + json.dumps(HOSTIL, ensure_ascii=False)
    + "\n    sentido: ascendente\n    valor_esperado: 10\n    peso: 100\n    valor_alcanzado: 10\n",
    "cinco": _servidor("María", "Fernández Cruz", "40000006", "mando_medio") + COMPLETO + "metas:\n"
    + "".join(_meta(f"Meta {k}", *m) for k, m in enumerate(CINCO, 1)),
}

ROTULOS = [  # los textos de la hoja, en su orden (formato-gdr-2025.celdas.txt)
    "FORMATO PARA LA GESTIÓN DEL RENDIMIENTO", "Ciclo 2025 ¹", "v01 Rev: nov-2025 AUTORIDAD NACIONAL DEL SERVICIO CIVIL - SERVIR",
    "NOMBRE DE LA ENTIDAD", "DATOS GENERALES", "SERVIDOR/A EVALUADO/A", "SERVIDOR/A EVALUADOR/A",
    "DNI", "APELLIDOS Y NOMBRES", "PUESTO", "SEGMENTO", "NOMBRE DE LA UNIDAD DE ORGANIZACIÓN",
    "Autorizo que se me notifique la calificación que obtenga a través del correo electrónico institucional.",
    "numeral 4 del artículo 20 del TUO de la Ley N° 27444, D.S. 004-2019-JUS.", "FIRMA (a la definición de la meta)",
    "CICLO DE LA GESTIÓN DEL RENDIMIENTO", "ETAPA DE PLANIFICACIÓN", "ETAPA DE SEGUIMIENTO", "ETAPA DE EVALUACIÓN",
    "¿El servidor asistió a la reunión de fijación de metas?", "Fecha de la fijación de metas",
    "¿Al cierre de esta etapa, el servidor presentó evidencias que permitan su evaluación (al menos de una meta)?",
    "PRIORIDADES ANUALES DE GESTIÓN DEL ÓRGANO O UNIDAD ORGÁNICA", "M E T A", "SEGUIMIENTO Y RETROALIMENTACIÓN",
    "VALOR ALCANZADO", "PUNTAJE POR META", "INDICADOR / PRODUCTO", "SENTIDO DEL INDICADOR", "VALOR ESPERADO", "PESO",
    "EVIDENCIA", "PLAZOS", "COMENTARIOS", "CRITERIOS PARA LA CALIFICACIÓN Esta sección debe ser consultada con la ORH",
    "RESULTADOS FINALES", "PERMANENCIA EN EL PUESTO ANTES DE EMPEZAR LA ETAPA DE EVALUACIÓN", "PUNTUACIÓN FINAL",
    "CALIFICACIÓN", "REUNIÓN DE RETROALIMENTACIÓN FINAL Y ACCIONES DE MEJORA", "FECHA DE REUNIÓN DE RETROALIMENTACIÓN FINAL",
    "ACCIONES DE CAPACITACIÓN:", "LA JUNTA DE DIRECTIVOS OTORGÓ RENDIMIENTO DISTINGUIDO AL SERVIDOR",
    "OTRAS ACCIONES PARA LA MEJORA DEL DESEMPEÑO DEL SERVIDOR EVALUADO:",
    "FIRMAS DE LA REUNIÓN DE RETROALIMENTACIÓN FINAL (En etapa de Evaluación)", "FIRMA EVALUADO/A", "FIRMA EVALUADOR/A",
    "La versión descargable del formato se encuentra en las herramientas de la Gestión del Rendimiento, disponible en la "
    "página web de SERVIR",
]


def escribir_datos(raiz: Path) -> Path:
    servidores = raiz / "ciclos" / "2025" / "servidores"
    servidores.mkdir(parents=True)
    (raiz / "entidad.yaml").write_text(ENTIDAD, encoding="utf-8")
    (raiz / "ciclos" / "2025" / "ciclo.yaml").write_text(CICLO, encoding="utf-8")
    for nombre, texto in REGISTROS.items():
        (servidores / f"{nombre}.yaml").write_text(texto, encoding="utf-8")
    return raiz


@pytest.fixture(scope="module")
def construido(tmp_path_factory):
    """(datos, carpeta de los PDF del ciclo, calificaciones por documento)."""
    base = tmp_path_factory.mktemp("formato-gdr")
    datos = escribir_datos(base / "datos")
    corrida = correr("pdf", "--datos", str(datos), "--salida", str(base / "salida"), "--sin-cache", "--silencioso")
    assert corrida.codigo == 0, corrida.errores
    calificar = correr("calificar", "--datos", str(datos), "--sin-cache", "--formato", "json")
    assert calificar.codigo == 0, calificar.errores
    filas = json.loads(calificar.salida, parse_float=Decimal)
    return datos, base / "salida" / "2025", {f["documento"]: f for f in filas}


def texto(ruta: Path) -> str:
    """Texto del PDF con los espacios normalizados (las celdas parten los renglones)."""
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(ruta).pages).split())


def formato(salida: Path, nombre: str) -> str:
    return texto(salida / nombre / "formato-gdr-2025.pdf")


def redondeo(valor: Fraction) -> Decimal:
    """ROUND_HALF_UP a dos decimales de un valor exacto (independiente de generador/modelos/gdr)."""
    return (Decimal(valor.numerator) / Decimal(valor.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def exactos(metas) -> list[Fraction]:
    """F!N21 para metas ascendentes: (M/F)·100·G con tope 120·G."""
    return [min(Fraction(str(m)) / Fraction(str(f)) * Fraction(str(g)), Fraction(str(g)) * Fraction(120, 100))
            for f, g, m in metas]


def test_cada_legajo_es_portada_y_formato_horizontal(construido):
    _, salida, _ = construido
    assert sorted(p.name for p in salida.iterdir()) == sorted(REGISTROS)
    for nombre in REGISTROS:
        assert sorted(p.name for p in (salida / nombre).iterdir()) == [".huella", "formato-gdr-2025.pdf", "legajo.pdf"]
        legajo = PdfReader(salida / nombre / "legajo.pdf")
        suelto = PdfReader(salida / nombre / "formato-gdr-2025.pdf")
        assert len(legajo.pages) == 1 + len(suelto.pages)
        portada = legajo.pages[0].mediabox
        assert (round(float(portada.width)), round(float(portada.height))) == (595, 842)  # A4 vertical
        for pagina in suelto.pages:  # A4 apaisado
            assert (round(float(pagina.mediabox.width)), round(float(pagina.mediabox.height))) == (842, 595)
        assert [m.title for m in suelto.outline] == ["Formato GDR 2025 — Formato para la Gestión del Rendimiento"]


def test_los_rotulos_de_la_hoja_en_su_orden(construido):
    _, salida, _ = construido
    contenido = formato(salida, "tabla-7")
    desde = 0
    for rotulo in ROTULOS:
        encontrado = contenido.find(rotulo, desde)
        assert encontrado >= 0, f"«{rotulo}» no está (o no en su orden) después de «{contenido[max(0, desde - 60):desde]}»"
        desde = encontrado + len(rotulo)
    assert "¹ Agregado al formato oficial de SERVIR, que no tiene campo de ciclo ni de período" in contenido
    assert "Se imprimen las 3 metas registradas: el formato tiene 5 bloques" in contenido


def test_datos_generales_del_evaluado_y_del_evaluador(construido):
    _, salida, _ = construido
    contenido = formato(salida, "directiva")
    assert "APELLIDOS Y NOMBRES Torres Vega, Ana María" in contenido
    assert "SEGMENTO DIRECTIVO" in contenido
    assert "SEGMENTO FUNCIONARIO" in contenido  # evaluador externo (F!K11)
    assert "APELLIDOS Y NOMBRES Paredes Soto, Julia" in contenido
    assert "(X) Autorizo" in contenido and "al siguiente correo: ana.torres@correo.pe." in contenido
    assert "Fecha de la fijación de metas 10-mar-2025" in contenido
    assert "( ) Autorizo" in formato(salida, "tabla-7").replace("(   )", "( )")


def test_los_puntajes_impresos_se_vuelven_a_sumar(construido):
    """Tabla 7: 41.33 + 42.00 + 22.14 = 105.47, pero la final es 105.48 (la suma exacta redondeada)."""
    _, salida, calificaciones = construido
    contenido = formato(salida, "tabla-7")
    puntajes = [redondeo(p) for p in exactos(TABLA_7)]
    total = redondeo(sum(exactos(TABLA_7), Fraction(0)))
    assert [str(p) for p in puntajes] == ["41.33", "42.00", "22.14"] and str(total) == "105.48"
    fila = calificaciones["40000002"]
    assert fila["puntajes_metas"] == puntajes and fila["puntaje_final"] == total
    # cada fila de meta: N° prioridad indicador sentido esperado peso alcanzado PUNTAJE
    impresos = re.findall(r"Ascendente \S+ \S+% \S+ (\d+\.\d\d)", contenido)
    assert impresos == ["41.33", "42.00", "22.14"]
    sumados = sum(Decimal(p) for p in impresos)
    assert sumados == Decimal("105.47") != total
    assert f"{total} Suma de los puntajes por meta: 41.33 + 42.00 + 22.14 = {sumados}" in contenido
    assert (f"Nota: La puntuación final {total} es la suma exacta de los puntajes por meta (105.4762…) redondeada a dos "
            f"decimales") in contenido and f"ya redondeados, suman {sumados}." in contenido
    assert "Buen rendimiento" in contenido and "Suma de los pesos ¹ 100%" in contenido


def test_cinco_metas_que_suman_exacto_no_llevan_nota(construido):
    _, salida, calificaciones = construido
    contenido = formato(salida, "cinco")
    puntajes = [str(redondeo(p)) for p in exactos(CINCO)]
    total = redondeo(sum(exactos(CINCO), Fraction(0)))
    assert f"Suma de los puntajes por meta: {' + '.join(puntajes)} = {total}" in contenido
    assert calificaciones["40000006"]["puntaje_final"] == total
    assert "15.5%" in contenido and "14.5%" in contenido  # el peso exacto, no el 16% del formato 0%
    assert "Rendimiento Distinguido" in contenido
    assert re.search(r"LA JUNTA DE DIRECTIVOS OTORGÓ RENDIMIENTO DISTINGUIDO AL SERVIDOR [^F]*Sí FIRMAS", contenido)
    assert "Nota:" not in contenido and "Se imprimen las 5 metas registradas." in contenido


def test_sin_evidencias_no_corresponde_en_cada_puntaje(construido):
    _, salida, _ = construido
    contenido = formato(salida, "sin-evidencias")
    assert "(al menos de una meta)? No" in contenido
    assert contenido.count("No corresponde") == 3  # dos metas y la puntuación final (F!N21, F!D35)
    assert "No corresponde Desaprobado" in contenido


def test_el_directivo_de_69_9958_lleva_la_nota_de_redondeo_y_los_dos_plazos(construido):
    _, salida, calificaciones = construido
    contenido = formato(salida, "directiva")
    total = redondeo(sum(exactos(DIRECTIVO), Fraction(0)))
    assert str(total) == "70.00" and calificaciones["40000001"]["calificacion"] == "sujeto_a_observacion"
    assert "70.00 Suma de los puntajes por meta: 29.33 + 26.60 + 14.06 = 69.99 Rendimiento sujeto a observación" in contenido
    assert "Nota: La puntuación 70.00 está redondeada; el valor exacto 69.9958… no alcanza el umbral 70" in contenido
    assert "Curso de gestión por resultados" in contenido
    assert ("Hasta el 20/07/2026: seis meses desde el día siguiente de la notificación de la calificación (21/01/2026)."
            in contenido)
    assert "Hasta el 26/07/2026: seis meses desde la reunión de retroalimentación final (27/01/2026)." in contenido
    assert "FECHA DE REUNIÓN DE RETROALIMENTACIÓN FINAL" in contenido and "27-ene-2026" in contenido
    portada = texto(salida / "directiva" / "legajo.pdf").split("FORMATO PARA LA GESTIÓN")[0]
    assert "Rendimiento sujeto a observación — puntuación final 70.00" in portada
    assert "Nota: La puntuación 70.00 está redondeada" in portada


def test_un_registro_recien_empezado_tiene_su_formato_y_la_portada_dice_que_falta(construido):
    _, salida, _ = construido
    contenido = formato(salida, "recien-empezado")
    assert "SEGMENTO OPERADOR Y DE ASISTENCIA" in contenido
    assert "se imprimen los 5 bloques vacíos del formato" in contenido
    assert re.search(r"PUNTUACIÓN FINAL .*?\s-\s", contenido)
    portada = texto(salida / "recien-empezado" / "legajo.pdf").split("FORMATO PARA LA GESTIÓN")[0]
    assert "Calificación Pendiente" in portada and "Incluido, con celdas aún vacías" in portada
    for falta in ("Falta registrar", "asistencia a la reunión de fijación de metas (fijacion_metas.asistio)",
                  "metas (metas)", "al menos una reunión de seguimiento (seguimiento)",
                  "fecha de inicio en el puesto (servidor.fecha_inicio_puesto)"):
        assert falta in portada, falta


def test_el_texto_hostil_se_imprime_tal_cual(construido):
    _, salida, _ = construido
    contenido = formato(salida, "hostil")
    # la celda angosta parte «</script>» en dos renglones: se compara sin los espacios
    assert HOSTIL.replace(" ", "") in contenido.replace(" ", "")
    assert "<script>alert('x')</" in contenido and "\"comillas\" 'simples' & más" in contenido
    assert "{{ 7*7 }} {% raw %}" in contenido and not re.search(r"\b49\b", contenido)
    assert "O'Neill Díaz, Rosa" in contenido


def test_pdf_a_3b_con_el_registro_adjunto(construido):
    datos, salida, _ = construido
    for archivo in ("legajo.pdf", "formato-gdr-2025.pdf"):
        lector = PdfReader(salida / "tabla-7" / archivo)
        xmp = lector.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert re.search(r"pdfaid:part(=\"|>)3", xmp) and re.search(r"pdfaid:conformance(=\"|>)B", xmp)
        fuente = (datos / "ciclos/2025/servidores/tabla-7.yaml").read_bytes()
        adjuntos = lector.attachments
        assert list(adjuntos) == ["tabla-7.yaml"] and adjuntos["tabla-7.yaml"][0] == fuente
        assert f"SHA-256 {hashlib.sha256(fuente).hexdigest()}" in texto(salida / "tabla-7" / archivo)
        assert lector.metadata.creation_date.date().isoformat() == "2025-08-14"  # el último hecho, no el reloj


def test_otra_corrida_da_los_mismos_bytes(construido, tmp_path):
    datos, salida, _ = construido
    corrida = correr("pdf", "--datos", str(datos), "--salida", str(tmp_path), "--sin-cache", "--silencioso", "-j", "1")
    assert corrida.codigo == 0, corrida.errores

    def resumen(carpeta: Path) -> dict:
        return {p.relative_to(carpeta).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(carpeta.rglob("*.pdf"))}
    assert resumen(tmp_path / "2025") == resumen(salida) and len(resumen(salida)) == 2 * len(REGISTROS)
