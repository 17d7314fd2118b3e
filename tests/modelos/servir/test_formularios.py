"""La disposición de los formularios impresos, leída de vuelta del PDF (texto y posición con pypdf).

Lo que se firma y las firmas van en la misma página; cada sección de la directiva se imprime (con «No
aplica» si no corresponde); cifras con su signo y con el mismo formato en una columna; rótulos sobre su
valor; líneas de firma a la misma altura. Se imprimen pocos legajos, una vez por módulo.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import DATOS_EMBEBIDOS, EMPRESA, correr, editar
from generador.anexos import formato
from generador.carga import cargar
from generador.diagnosticos import Informe

COMPLETO = "quispe-mamani-rosa"       # ejecutor con todas las etapas
DIRECTIVO = "cardenas-rivas-manuel"   # directivo: sin metas grupales, con compromisos
LARGO = "ventura-lazo-diana"          # ejecutor al que se le alarga el objetivo de una meta
OBJETIVO_CORTO = "Elaborar los boletines mensuales de condiciones oceanográficas"
OBJETIVO_LARGO = (OBJETIVO_CORTO + " frente a la costa peruana, con los datos de los cruceros de monitoreo, las "
                  "estaciones costeras y las boyas de la red nacional, validados por el comité científico y revisados "
                  "por la Dirección General antes de su difusión en el repositorio institucional")
EMPRESA_EVALUACIONES = {"benites-o": "anexo-1-a-evaluacion.pdf", "tello-m": "anexo-1-b-evaluacion.pdf",
                        "espinoza-b": "anexo-1-c-evaluacion.pdf"}


# --- Lectura del PDF: cada trozo de texto con su caja y cada trazo (bordes, líneas de firma) ---------------

@dataclass(frozen=True)
class Texto:
    texto: str
    x0: float
    x1: float
    y: float  # línea de base, en puntos desde el pie de la hoja

    @property
    def centro(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Trazo:
    """Lo que se pinta de un borde o una línea: su rectángulo en la hoja."""
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y1 - self.y0 < 1.5 and self.x1 - self.x0 > 5

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < 1.5 and self.y1 - self.y0 > 1


def _por(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _punto(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _caja(puntos):
    xs, ys = [p[0] for p in puntos], [p[1] for p in puntos]
    return min(xs), min(ys), max(xs), max(ys)


def _fuentes(pagina) -> dict:
    """Por fuente: su tabla código → carácter (ToUnicode) y el ancho de cada código (/W)."""
    fuentes = {}
    for nombre, fuente in pagina["/Resources"]["/Font"].items():
        fuente = fuente.get_object()
        mapa = {}
        cmap = fuente["/ToUnicode"].get_object().get_data().decode("latin-1")
        for bloque in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for codigo, texto in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", bloque):
                mapa[int(codigo, 16)] = bytes.fromhex(texto).decode("utf-16-be")
        for bloque in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for desde, hasta, texto in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", bloque):
                for i in range(int(hasta, 16) - int(desde, 16) + 1):
                    mapa[int(desde, 16) + i] = chr(int(texto, 16) + i)
        descendiente = fuente["/DescendantFonts"][0].get_object()
        anchos, lista = {}, list(descendiente.get("/W", []))
        while lista:
            primero, siguiente = int(lista.pop(0)), lista.pop(0)
            if isinstance(siguiente, list):
                anchos.update({primero + i: float(w) for i, w in enumerate(siguiente)})
            else:
                anchos.update({c: float(lista.pop(0)) for c in range(primero, int(siguiente) + 1)})
        fuentes[nombre] = (mapa, anchos, float(descendiente.get("/DW", 1000)))
    return fuentes


class Pagina:
    """Una página de un PDF de WeasyPrint: sus textos y sus trazos, en coordenadas de la hoja."""

    def __init__(self, lector: PdfReader, numero: int):
        pagina = lector.pages[numero]
        self.texto = " ".join((pagina.extract_text() or "").split())
        self.textos: list[Texto] = []
        self.trazos: list[Trazo] = []
        fuentes = _fuentes(pagina)
        matriz, pila, grosor, recorte, camino, recortar = (1, 0, 0, 1, 0, 0), [], 1.0, None, [], False
        tm, fuente, cuerpo = (1, 0, 0, 1, 0, 0), None, 0.0
        for operandos, op in ContentStream(pagina.get_contents(), lector).operations:
            if op == b"q":
                pila.append((matriz, grosor, recorte))
            elif op == b"Q":
                matriz, grosor, recorte = pila.pop()
            elif op == b"cm":
                matriz = _por(tuple(float(v) for v in operandos), matriz)
            elif op == b"w":
                grosor = float(operandos[0])
            elif op == b"m":
                camino.append([_punto(matriz, float(operandos[0]), float(operandos[1]))])
            elif op == b"l":
                camino[-1].append(_punto(matriz, float(operandos[0]), float(operandos[1])))
            elif op == b"re":
                x, y, w, h = (float(v) for v in operandos)
                camino.append([_punto(matriz, x, y), _punto(matriz, x + w, y + h)])
            elif op in (b"W", b"W*"):
                recortar = True
            elif op == b"n":
                if recortar and camino:
                    caja = _caja([p for sub in camino for p in sub])
                    recorte = caja if recorte is None else (max(caja[0], recorte[0]), max(caja[1], recorte[1]),
                                                            min(caja[2], recorte[2]), min(caja[3], recorte[3]))
                camino, recortar = [], False
            elif op in (b"S", b"s"):
                medio = grosor * abs(matriz[0] * matriz[3] - matriz[1] * matriz[2]) ** 0.5 / 2
                for sub in camino:
                    for (x0, y0), (x1, y1) in zip(sub, sub[1:]):
                        self.trazos.append(Trazo(min(x0, x1) - medio * (y0 != y1), min(y0, y1) - medio * (x0 != x1),
                                                 max(x0, x1) + medio * (y0 != y1), max(y0, y1) + medio * (x0 != x1)))
                camino = []
            elif op in (b"f", b"f*", b"F", b"B", b"B*"):
                if camino:
                    x0, y0, x1, y1 = _caja([p for sub in camino for p in sub])
                    if recorte is not None:
                        x0, y0, x1, y1 = max(x0, recorte[0]), max(y0, recorte[1]), min(x1, recorte[2]), min(y1, recorte[3])
                    if x1 > x0 and y1 > y0:
                        self.trazos.append(Trazo(x0, y0, x1, y1))
                camino = []
            elif op == b"BT":
                tm = (1, 0, 0, 1, 0, 0)
            elif op == b"Tf":
                fuente, cuerpo = operandos[0], float(operandos[1])
            elif op == b"Tm":
                tm = tuple(float(v) for v in operandos)
            elif op == b"TJ":
                mapa, anchos, omision = fuentes[fuente]
                letras, avance = [], 0.0
                for pieza in operandos[0]:
                    if isinstance(pieza, (int, float)):
                        avance -= float(pieza) / 1000 * cuerpo
                        continue
                    crudo = pieza.original_bytes
                    for i in range(0, len(crudo), 2):
                        codigo = int.from_bytes(crudo[i:i + 2], "big")
                        letras.append(mapa.get(codigo, "\ufffd"))
                        avance += anchos.get(codigo, omision) / 1000 * cuerpo
                texto = "".join(letras).strip()
                if texto:
                    total = _por(tm, matriz)
                    (x0, y), (x1, _) = _punto(total, 0, 0), _punto(total, avance, 0)
                    self.textos.append(Texto(texto, min(x0, x1), max(x0, x1), y))

    def uno(self, texto: str) -> Texto:
        hallados = [t for t in self.textos if t.texto == texto]
        assert len(hallados) == 1, (texto, hallados)
        return hallados[0]

    def comienzo(self, texto: str) -> Texto:
        """El primer renglón de un texto que la celda parte en varios."""
        hallados = [t for t in self.textos if texto.startswith(t.texto) and len(t.texto) >= min(len(texto), 12)]
        assert len(hallados) == 1, (texto, hallados)
        return hallados[0]

    def linea_de_firma(self, rotulo: Texto) -> Trazo:
        """La línea sobre la que se firma: la raya horizontal que está justo encima del rótulo."""
        lineas = [t for t in self.trazos if t.horizontal and t.x0 <= rotulo.centro <= t.x1 and t.x1 - t.x0 > 50
                  and 0 < t.y0 - rotulo.y < 15]
        assert len(lineas) == 1, (rotulo, lineas)
        return lineas[0]


def paginas(ruta: Path) -> list[Pagina]:
    lector = PdfReader(ruta)
    return [Pagina(lector, i) for i in range(len(lector.pages))]


# --- Lo que se imprime una vez por módulo ---------------------------------------------------------------------

@dataclass
class Construido:
    datos: Path
    salida: Path       # carpeta del ciclo 2025 con los legajos
    flujograma: Path
    empresa: Path      # carpeta del ciclo de la empresa
    calificaciones: dict

    def registro(self, nombre: str) -> dict:
        return cargar(self.datos / "ciclos/2025/servidores" / f"{nombre}.yaml", Informe()).datos

    def anexo(self, nombre: str, numero: int) -> Path:
        return self.salida / nombre / f"anexo-{numero}.pdf"


@pytest.fixture(scope="module")
def construido(tmp_path_factory) -> Construido:
    base = tmp_path_factory.mktemp("formularios")
    datos = base / "datos"
    shutil.copytree(DATOS_EMBEBIDOS, datos, ignore=shutil.ignore_patterns("empresa"))
    editar(datos / "ciclos/2025/servidores" / f"{LARGO}.yaml", f"    objetivo: {OBJETIVO_CORTO}\n",
           f"    objetivo: {OBJETIVO_LARGO}\n")
    comun = ("pdf", "--datos", str(datos), "--ciclo", "2025", "-j", "1", "--silencioso")
    corrida = correr(*comun, "--salida", str(base / "salida"), "--solo", COMPLETO, DIRECTIVO, LARGO)
    assert corrida.codigo == 0, corrida.errores
    # Una parte que no toca a ningún servidor: solo los PDF del ciclo (el flujograma).
    corrida = correr(*comun, "--salida", str(base / "ciclo"), "--fragmento", "1/1000")
    assert corrida.codigo == 0, corrida.errores
    corrida = correr("pdf", "--datos", str(EMPRESA), "--salida", str(base / "empresa"), "-j", "1", "--silencioso",
                     "--solo", *EMPRESA_EVALUACIONES)
    assert corrida.codigo == 0, corrida.errores
    calificaciones = json.loads(correr("calificar", "--datos", str(datos), "--ciclo", "2025", "--formato", "json").salida,
                                parse_float=Decimal)
    return Construido(datos, base / "salida/2025", base / "ciclo/2025/anexo-7-flujograma.pdf", base / "empresa/2025",
                      {c["documento"]: c for c in calificaciones})


# --- 1. Lo que se firma y las firmas, en la misma página ----------------------------------------------------

def _pagina_de_firmas(hojas: list[Pagina], rotulo: str) -> Pagina:
    con_firmas = [p for p in hojas if rotulo in p.texto]
    assert len(con_firmas) == 1, rotulo
    return con_firmas[0]


@pytest.mark.parametrize("nombre", [COMPLETO, DIRECTIVO, LARGO])
def test_anexo_1_la_puntuacion_final_va_con_las_firmas(construido, nombre):
    hojas = paginas(construido.anexo(nombre, 1))
    firmas = _pagina_de_firmas(hojas, "FIRMA DEL SERVIDOR EVALUADO")
    assert "PUNTUACIÓN FINAL" in firmas.texto and "OBSERVACIONES" in firmas.texto
    final = construido.calificaciones[construido.registro(nombre)["servidor"]["documento"]]["puntaje_final"]
    assert f"puntuación final = {final:.2f}" in firmas.texto
    if nombre == LARGO:  # el objetivo largo no cabe en dos hojas: la puntuación pasa con las firmas a la tercera
        assert len(hojas) == 3 and firmas is hojas[-1]


@pytest.mark.parametrize("nombre", [COMPLETO, DIRECTIVO, LARGO])
def test_anexo_4_cabe_en_una_hoja_con_el_sello_y_las_firmas(construido, nombre):
    hojas = paginas(construido.anexo(nombre, 4))
    assert len(hojas) == 1
    for texto in ("RESULTADOS DE LA EVALUACIÓN", "COMENTARIO DEL ÁREA FUNCIONAL DE RECURSOS HUMANOS", "SELLO DEL AFRH",
                  "FIRMA DEL EVALUADOR", "FIRMA DEL EVALUADO", "Fuente: Manual de Gestión del Rendimiento"):
        assert texto in hojas[0].texto


@pytest.mark.parametrize("nombre", sorted(EMPRESA_EVALUACIONES))
def test_empresa_el_resultado_va_con_las_firmas(construido, nombre):
    hojas = paginas(construido.empresa / nombre / EMPRESA_EVALUACIONES[nombre])
    firmas = _pagina_de_firmas(hojas, "FIRMA DEL EVALUADO")
    for texto in ("RESULTADO DE LA EVALUACIÓN", "Calificación final (%)", "COMENTARIOS DE LOS EVALUADORES"):
        assert texto in firmas.texto


# --- 2. Anexo 1: totales con su nombre, pesos con «%», la rejilla de niveles entera -------------------------

def test_anexo_1_totales_con_su_nombre_y_pesos_con_su_signo(construido):
    registro = construido.registro(COMPLETO)
    calificacion = construido.calificaciones[registro["servidor"]["documento"]]
    leido = " ".join(p.texto for p in paginas(construido.anexo(COMPLETO, 1)))
    for meta in registro["metas_grupales"]:
        assert f"{Decimal(meta['peso']):.2f} % {Decimal(meta['alcanzado']):.2f} % " in leido
    puntajes = []
    for meta in registro["metas_individuales"]:
        hallado = re.search(rf" {Decimal(meta['peso']):.2f} % {meta['logro']} (\d+\.\d\d) ", leido)
        assert hallado, meta["objetivo"]
        puntajes.append(Decimal(hallado.group(1)))
    suma = sum(Decimal(m["peso"]) for m in registro["metas_individuales"])
    assert f"PESO METAS INDIVIDUALES {suma:.2f} %" in leido
    assert f"PESO METAS GRUPALES {sum(Decimal(m['peso']) for m in registro['metas_grupales']):.2f} %" in leido
    # Cada total con su nombre, y el de las metas individuales es la suma de los puntajes impresos.
    assert f"TOTAL METAS GRUPALES {calificacion['puntaje_grupal']:.2f}" in leido
    assert f"TOTAL METAS INDIVIDUALES {calificacion['puntaje_individual']:.2f}" in leido
    assert sum(puntajes) == calificacion["puntaje_individual"]


def test_anexo_1_ninguna_meta_se_parte_entre_paginas(construido):
    for nombre in (COMPLETO, DIRECTIVO, LARGO):
        niveles = len(construido.registro(nombre)["metas_individuales"][0]["niveles"])
        for hoja in paginas(construido.anexo(nombre, 1)):
            # Los valores de los niveles (100 %, 95 %…) van alineados a la derecha de su columna.
            primeros = [t for t in hoja.textos if re.fullmatch(r"100 ?%", t.texto)]
            if not primeros:
                continue
            columna = [t for t in hoja.textos if abs(t.x1 - primeros[0].x1) < 0.5 and re.fullmatch(r"\d+ ?%", t.texto)]
            assert len(columna) % niveles == 0, (nombre, [t.texto for t in columna])


def test_anexo_1_la_rejilla_de_niveles_llega_al_pie_de_una_meta_con_objetivo_largo(construido):
    """El separador entre el nivel y su valor baja sin cortes hasta la fila de los totales, aunque el
    objetivo largo haga la meta más alta que sus cinco niveles."""
    hojas = paginas(construido.anexo(LARGO, 1))
    hoja = next(h for h in hojas if "PESO METAS INDIVIDUALES" in h.texto)
    assert " ".join(OBJETIVO_LARGO.split()[-4:]) in hoja.texto  # la meta larga está en esta página
    valor = next(t for t in hoja.textos if re.fullmatch(r"100 ?%", t.texto))  # el valor del nivel A
    verticales = [t for t in hoja.trazos if t.vertical and t.x1 < valor.x0 and t.y0 < valor.y < t.y1]
    separador = max(verticales, key=lambda t: t.x1)
    tramos = sorted((t.y0, t.y1) for t in hoja.trazos if t.vertical and abs(t.x0 - separador.x0) < 0.3)
    bajo, alto = tramos[0]
    for y0, y1 in tramos[1:]:
        assert y0 <= alto + 0.5, f"el separador se corta entre {alto:.1f} y {y0:.1f}"
        alto = max(alto, y1)
    peso = hoja.uno("PESO METAS INDIVIDUALES")
    assert bajo < peso.y + 12  # llega a la fila de los totales


# --- 3. Anexos 4, 5, 6 y 7 ------------------------------------------------------------------------------------

def _entre(hoja: Pagina, arriba: str, abajo: str, texto: str) -> bool:
    """`texto` está bajo el rótulo `arriba` y sobre el rótulo `abajo` (en esa hoja)."""
    medio = hoja.uno(texto)
    return hoja.uno(arriba).y > medio.y > hoja.uno(abajo).y


def test_anexo_4_imprime_las_tres_secciones_con_no_aplica(construido):
    directivo = paginas(construido.anexo(DIRECTIVO, 4))[0]
    assert _entre(directivo, "METAS GRUPALES", "METAS INDIVIDUALES", "No aplica a directivos")
    assert "No aplica: los compromisos" not in directivo.texto
    ejecutor = paginas(construido.anexo(COMPLETO, 4))[0]
    assert _entre(ejecutor, "COMPROMISOS", "RESULTADOS DE LA EVALUACIÓN",
                  "No aplica: los compromisos se evalúan solo a directivos")
    assert "No aplica a directivos" not in ejecutor.texto


NIVEL = re.compile(r"(?:[A-E] \()?(\d+\.\d\d) %\)?")


@pytest.mark.parametrize("nombre", [COMPLETO, DIRECTIVO])
def test_anexo_4_brecha_con_el_formato_de_los_niveles_centrada_y_que_resta_bien(construido, nombre):
    registro = construido.registro(nombre)
    hoja = paginas(construido.anexo(nombre, 4))[0]
    cabeceras = [t for t in hoja.textos if t.texto == "BRECHA"]
    assert len(cabeceras) == 3  # metas grupales, metas individuales, compromisos
    filas: dict[float, list[Texto]] = {}
    for texto in hoja.textos:
        if NIVEL.fullmatch(texto.texto):
            filas.setdefault(round(texto.y, 1), []).append(texto)
    metas = len(registro.get("metas_grupales", [])) + len(registro["metas_individuales"])
    assert len(filas) == metas  # una fila por meta: esperado, obtenido y brecha a la misma altura
    for fila in filas.values():
        esperado, obtenido, brecha = sorted(fila, key=lambda t: t.x0)
        assert re.fullmatch(r"\d+\.\d\d %", brecha.texto), brecha.texto
        assert abs(brecha.centro - cabeceras[0].centro) < 1  # centrada, como las demás celdas de nivel
        valor = {t: Decimal(NIVEL.fullmatch(t.texto).group(1)) for t in (esperado, obtenido, brecha)}
        assert valor[brecha] == max(Decimal(0), valor[esperado] - valor[obtenido])


@pytest.mark.parametrize("anexo", [5, 6])
def test_anexos_5_y_6_las_lineas_de_firma_a_la_misma_altura(construido, anexo):
    hoja = paginas(construido.anexo(COMPLETO, anexo))[0]
    izquierda = hoja.linea_de_firma(hoja.uno("FIRMA DEL SERVIDOR EVALUADO"))
    derecha = hoja.linea_de_firma(hoja.uno("FIRMA DEL EVALUADOR O DEL SUPERIOR JERÁRQUICO"))  # dos renglones
    assert izquierda.x1 < derecha.x0
    assert abs(izquierda.y0 - derecha.y0) < 0.1


def test_anexo_6_fecha_sobre_la_fecha_de_la_reunion(construido):
    registro = construido.registro(COMPLETO)
    hoja = paginas(construido.anexo(COMPLETO, 6))[0]
    rotulo = hoja.uno("FECHA")
    fecha = hoja.uno(formato.fecha(registro["retroalimentacion"]["fecha"]))
    assert rotulo.y > fecha.y and abs(rotulo.centro - fecha.centro) < 1
    reunion = hoja.uno("RETROALIMENTACIÓN")  # «REUNIÓN DE / RETROALIMENTACIÓN», a la izquierda de ambos
    assert reunion.x1 < min(rotulo.x0, fecha.x0)
    for rotulo, valor in (("MES DE INICIO", "mes_inicio"), ("MES DE FIN", "mes_fin")):
        mes = [t for t in hoja.textos if t.texto == formato.mes(registro["plan_mejora"][valor])]
        assert any(abs(t.centro - hoja.uno(rotulo).centro) < 1 and t.y < hoja.uno(rotulo).y for t in mes), rotulo


@pytest.mark.parametrize("nombre", [COMPLETO, LARGO])
def test_anexo_6_acciones_en_orden_cronologico(construido, nombre):
    acciones = construido.registro(nombre)["plan_mejora"]["acciones"]
    cronologico = sorted(acciones, key=lambda a: (str(a["mes_inicio"]), a["fecha_revision"]))
    assert cronologico != acciones  # en el registro no están en orden: la prueba puede fallar
    hoja = paginas(construido.anexo(nombre, 6))[0]
    impresas = sorted(acciones, key=lambda a: -hoja.comienzo(a["accion"]).y)
    assert impresas == cronologico
    primera = hoja.comienzo(cronologico[0]["accion"])
    meses = [t for t in hoja.textos if re.fullmatch(r"[a-z]+ de \d{4}", t.texto) and t.y < primera.y + 5]
    fechas = [dt.datetime.strptime(t.texto, "%d/%m/%Y").date() for t in sorted(hoja.textos, key=lambda t: -t.y)
              if re.fullmatch(r"\d\d/\d\d/\d{4}", t.texto) and t.y <= primera.y + 5]
    assert [t.texto for t in sorted(meses, key=lambda t: -t.y)] == [formato.mes(a["mes_inicio"]) for a in cronologico]
    assert fechas == sorted(fechas)


def test_anexo_7_una_sola_leyenda(construido):
    leido = paginas(construido.flujograma)
    assert len(leido) == 1
    resolucion = cargar(construido.datos / "ciclos/2025/ciclo.yaml", Informe()).datos["ciclo"]["resolucion"]
    assert leido[0].texto.count(resolucion) == 1  # antes: en la leyenda del dibujo y otra vez debajo
