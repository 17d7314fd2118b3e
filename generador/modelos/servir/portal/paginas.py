"""Las páginas Markdown del portal, generadas desde los datos de un ciclo.

Solo lo que la directiva publica: cronograma y lista de participantes (7.1),
composición del CIE (6.3), Junta de Directivos y servidores con rendimiento
distinguido (7.4.1). Nunca documentos, puntajes ni otras calificaciones
(Ley N°29733).
"""

from __future__ import annotations


from ....anexos import formato
from ....escape import markdown as md, url
from ....repositorio import Ciclo, Repositorio
from . import linea_tiempo
from ....portal.marcado import bloque, cabecera, etapas, tabla
from .. import nombres as legibles

DESCRIPCION_ETAPAS = {
    "planificacion": "Se comunica y capacita sobre el modelo de gestión del rendimiento y se organizan las "
                     "actividades del año.",
    "establecimiento_metas": "Se concretan las metas individuales y grupales, y los compromisos que serán evaluados.",
    "seguimiento": "Se registran y documentan las evidencias de desempeño, identificando dificultades y mejoras.",
    "evaluacion": "El evaluador valora el desempeño con base en las evidencias del período y se define la calificación.",
    "retroalimentacion": "Evaluador y evaluado intercambian opiniones sobre los resultados; concluye con el Plan de Mejora.",
}
GRUPOS_CIE = [("afrh", "Área Funcional de Recursos Humanos (preside)"), ("directivo", "Directivos"),
              ("mando_medio", "Mandos medios"), ("ejecutor", "Personal ejecutor"),
              ("operador_asistencia", "Personal operador y de asistencia"), ("evaluadores", "Evaluadores")]


class Personas:
    """Nombre, puesto y órgano de quienes figuran en el ciclo, por documento (el documento no se publica)."""

    def __init__(self, repositorio: Repositorio, ciclo: Ciclo):
        self.organos = repositorio.datos_entidad.get("organos") or {}
        self.registros = ciclo.por_documento
        self.externos = {e["documento"]: e for e in ciclo.lista("evaluadores_externos")}

    def nombre(self, documento: str) -> str:
        if documento in self.registros:
            return self.registros[documento].nombre_completo
        if documento in self.externos:
            externo = self.externos[documento]
            return f"{externo['nombres']} {externo['apellidos']} ({externo.get('cargo', 'evaluador externo')})"
        return ""

    def puesto(self, documento: str) -> str:
        registro = self.registros.get(documento)
        return registro.puesto if registro else self.externos.get(documento, {}).get("cargo", "")

    def organo(self, documento: str) -> str:
        registro = self.registros.get(documento)
        clave = registro.servidor.get("organo") if registro else ""
        return self.organos.get(clave, clave or "")


def ciclo_actual(ciclo: Ciclo) -> str:
    """Fragmento de la página de inicio: etapas con fechas; el navegador resalta la de hoy."""
    lineas = [etapas(ciclo, legibles.ETAPAS, DESCRIPCION_ETAPAS)]
    texto = f"## {md(ciclo.nombre)}\n\nDel {formato.fecha(ciclo.inicio)} al {formato.fecha(ciclo.fin)}"
    if ciclo.datos.get("resolucion"):
        texto += f", aprobado por {md(ciclo.datos['resolucion'])}"
    return texto + "." + bloque("\n".join(lineas))


def cronograma(ciclo: Ciclo, nombre_ics: str) -> str:
    texto = cabecera(ciclo, "Cronograma")
    if ciclo.datos.get("resolucion"):
        texto += f"\nAprobado por {md(ciclo.datos['resolucion'])} (numerales 6.2 y 7.1).\n"
    if not ciclo.lista("cronograma"):
        return texto + "\nEste ciclo no tiene cronograma registrado.\n"
    texto += (f"\n[Descargar el cronograma para su calendario (.ics)]({url(nombre_ics)}){{ .md-button }}\n")
    texto += bloque(f'<div class="linea-tiempo">{linea_tiempo.svg(ciclo)}</div>')
    filas = []
    for etapa in ciclo.lista("cronograma"):
        nombre = legibles.ETAPAS.get(etapa["etapa"], etapa["etapa"])
        filas.append([nombre, "Toda la etapa", "", formato.fecha(etapa["inicio"]), formato.fecha(etapa["fin"])])
        filas += [[nombre, a["actividad"], a.get("responsable", ""), formato.fecha(a["inicio"]), formato.fecha(a["fin"])]
                  for a in etapa.get("actividades") or []]
    return texto + bloque(tabla(["Etapa", "Actividad", "Responsable", "Inicio", "Fin"], filas, clase="cronograma"))


def participantes(repositorio: Repositorio, ciclo: Ciclo) -> str:
    gente = Personas(repositorio, ciclo)
    texto = cabecera(ciclo, "Lista de participantes")
    texto += (f"\nServidores que participan en el ciclo, aprobada junto con el cronograma (numeral 7.1). "
              f"{len(ciclo.registros)} participantes.\n")
    texto += bloque('<p><label for="filtro-participantes">Buscar en la lista: </label>'
                    '<input id="filtro-participantes" class="filtro" type="search" placeholder="Nombre, puesto u órgano" '
                    'data-tabla="participantes"></p>')
    # El órgano es el título de cada sección (y el buscador lo tiene en cuenta): no se repite en una columna.
    por_organo: dict[str, list] = {}
    for registro in sorted(ciclo.registros, key=lambda r: (formato.alfabetico(r.servidor.get("apellidos")),
                                                          formato.alfabetico(r.servidor.get("nombres")))):
        por_organo.setdefault(registro.servidor.get("organo", ""), []).append(registro)
    for clave in sorted(por_organo, key=lambda c: formato.alfabetico(gente.organos.get(c, c))):
        texto += f"\n## {md(gente.organos.get(clave, clave))}\n"
        filas = [[f"{r.servidor['apellidos']}, {r.servidor['nombres']}", legibles.SEGMENTOS.get(r.segmento, ""),
                  r.puesto, gente.nombre(r.evaluador)] for r in por_organo[clave]]
        texto += bloque(tabla(["Apellidos y nombres", "Segmento", "Puesto", "Evaluador"], filas, clase="participantes"))
    return texto


def cie(repositorio: Repositorio, ciclo: Ciclo) -> str:
    gente = Personas(repositorio, ciclo)
    texto = cabecera(ciclo, "Comité Institucional de Evaluación")
    composicion = ciclo.bloque("cie")
    if not composicion:
        return texto + "\nEl Comité de este ciclo aún no está registrado.\n"
    if composicion.get("por_confirmar"):  # copiado del ciclo anterior por «nuevo --desde»: no se publica
        return texto + ("\nEl Comité de este ciclo está pendiente de elección: sus representantes se eligen por "
                        "mayoría simple (numeral 6.3) y la AFRH publicará aquí su composición.\n")
    texto += ("\nLo integran un titular y un suplente de la AFRH, que lo preside; un representante titular y "
              "suplente de cada segmento, elegidos por mayoría simple; y un titular y un suplente de los "
              "evaluadores, propuestos por la AFRH (numeral 6.3). El Comité confirma la calificación de "
              "rendimiento sujeto a observación cuando el evaluado lo solicita (numeral 7.6).\n")
    filas = []
    for clave, rol in GRUPOS_CIE:
        par = composicion.get(clave) or {}
        filas.append([rol, gente.nombre(par.get("titular")), gente.nombre(par.get("suplente"))])
    return texto + bloque(tabla(["Representación", "Titular", "Suplente"], filas, clase="cie"))


def junta(repositorio: Repositorio, ciclo: Ciclo) -> str:
    gente = Personas(repositorio, ciclo)
    texto = cabecera(ciclo, "Junta de Directivos y rendimiento distinguido")
    datos = ciclo.bloque("junta")
    if not datos:
        return texto + "\nLa Junta de Directivos de este ciclo aún no está registrada.\n"
    if datos.get("por_confirmar"):  # copiada del ciclo anterior por «nuevo --desde»: no se publica
        return texto + ("\nLa Junta de Directivos de este ciclo está pendiente de conformación (numeral 7.5.2 b); "
                        "la AFRH publicará aquí a sus integrantes.\n")
    texto += ("\nLa Junta de Directivos la conforman la AFRH y, como máximo, la mitad de los directivos que no son "
              "candidatos; designa a los servidores con rendimiento distinguido (numerales 7.4.3 y 7.5.2 b).\n")
    miembros = [["Área Funcional de Recursos Humanos", gente.nombre(datos["afrh"]), gente.puesto(datos["afrh"])]]
    miembros += [["Directivo", gente.nombre(d), gente.puesto(d)] for d in datos.get("directivos") or []]
    texto += "\n## Integrantes\n" + bloque(tabla(["Representación", "Nombre", "Cargo"], miembros, clase="junta"))
    if datos.get("acta"):
        texto += f"Acta: {md(datos['acta'])}" + (f", del {formato.fecha(datos['fecha'])}" if datos.get("fecha") else "") + ".\n"
    texto += "\n## Servidores con rendimiento distinguido\n"
    designados = datos.get("designados") or []
    if not designados:
        return texto + "\nLa Junta aún no ha designado servidores con rendimiento distinguido en este ciclo.\n"
    filas = [[gente.nombre(d), gente.puesto(d), gente.organo(d)] for d in designados]
    return texto + ("\nLa AFRH difunde a los servidores que obtuvieron la calificación de rendimiento distinguido "
                    "(numeral 7.4.1). ¡Felicitaciones!\n") + bloque(tabla(["Nombre", "Puesto", "Órgano"], filas, clase="distinguidos"))


def flujo(ciclo: Ciclo, dibujo: str, nombre_svg: str) -> str:
    """La página del flujograma: `dibujo` es el SVG para pantalla, que también se publica solo en `nombre_svg`
    para verlo ampliado. Sin tabla de contenidos (no la tiene): el dibujo usa ese ancho."""
    texto = "---\nhide:\n  - toc\n---\n\n" + cabecera(ciclo, "Flujograma de la evaluación del desempeño")
    texto += "\nAnexo N° 7 de la directiva, dibujado a partir del cronograma del ciclo.\n"
    if not dibujo:
        return texto + "\nEste ciclo no tiene cronograma registrado.\n"
    texto += f"\n[Ver el flujograma ampliado]({url(nombre_svg)}){{ .md-button }}\n"
    texto += "\nSi el dibujo no cabe en la pantalla, deslícelo hacia los lados o véalo ampliado.\n"
    return texto + bloque(f'<div class="flujograma">{dibujo}</div>')


def indice_archivo(anteriores: list[Ciclo]) -> str:
    texto = "# Ciclos anteriores\n\n"
    if not anteriores:
        return texto + "No hay ciclos anteriores registrados.\n"
    for ciclo in reversed(anteriores):
        carpeta = url(ciclo.carpeta)  # el nombre de la carpeta es libre: no puede cerrar el enlace
        texto += (f"## {md(ciclo.nombre)}\n\nDel {formato.fecha(ciclo.inicio)} al {formato.fecha(ciclo.fin)}.\n\n"
                  f"- [Cronograma]({carpeta}/cronograma.md)\n- [Participantes]({carpeta}/participantes.md)\n"
                  f"- [Comité Institucional de Evaluación]({carpeta}/cie.md)\n"
                  f"- [Junta de Directivos y rendimiento distinguido]({carpeta}/junta.md)\n"
                  f"- [Flujograma]({carpeta}/flujograma.md)\n\n")
    return texto
