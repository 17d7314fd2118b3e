"""Portal de intranet del modelo «gdr» (política servir-2025): inicio con las etapas del ciclo, cronograma
(con su calendario .ics), participantes por unidad de organización con su evaluador, Comité Institucional de
Evaluación y Junta de Directivos (solo su acta) del último ciclo.

Nunca un documento, un puntaje, una calificación, una evidencia ni un comentario (reglas §12, Ley N° 29733).
La única excepción la decide la política: con `publicar_distinguidos` (por omisión, no) se agrega la página
de los servidores con Rendimiento Distinguido; sin él, ninguna página dice quiénes son ni cuántos.

Devuelve las páginas y su menú (el mkdocs.yml del generador es el del modelo servir, con su guía y su
normativa de 2018); `portal/construir.py` las construye con las demás opciones de mkdocs.yml. Cada dato pasa
por `escape.markdown` (texto) o `escape.html` (tablas y atributos, `portal.marcado`).
"""

from __future__ import annotations


from ...anexos import formato
from ...escape import markdown as md, url
from ...portal.calendario import calendario as calendario_ics
from ...portal.marcado import bloque, cabecera, etapas, etiqueta_menu, tabla
from ...repositorio import Ciclo, Repositorio
from . import reglas

ETAPAS = {"planificacion": "Planificación", "seguimiento": "Seguimiento", "evaluacion": "Evaluación"}  # F!B17
DESCRIPCION_ETAPAS = {
    "planificacion": "En la reunión de fijación de metas, evaluador y servidor acuerdan de una a cinco metas, cada "
                     "una con su indicador, valor esperado, peso y evidencias, a partir de las prioridades anuales de "
                     "gestión del órgano o unidad orgánica.",
    "seguimiento": "Se revisa el avance de las metas con sus evidencias, en al menos una reunión de seguimiento; al "
                   "cierre de la etapa, el servidor presenta las evidencias que permiten evaluarlo.",
    "evaluacion": "Se registra el valor alcanzado de cada meta, se notifica la calificación y se realiza la reunión "
                  "de retroalimentación final, con sus acciones de mejora.",
}
GRUPOS_CIE = [("afrh", "Oficina de Recursos Humanos (preside)"), ("directivo", "Directivos"),
              ("mando_medio", "Mandos medios"), ("ejecutor", "Ejecutores"),
              ("operador_asistencia", "Operadores y de asistencia"), ("evaluadores", "Evaluadores")]


class Personas:
    """Nombre y puesto de quienes figuran en el ciclo, por documento (el documento nunca se publica): los
    servidores del ciclo y los evaluadores externos (funcionarios, F!K11)."""

    def __init__(self, ciclo: Ciclo):
        self.registros = ciclo.por_documento
        self.externos = {e["documento"]: e for e in ciclo.lista("evaluadores_externos")
                         if isinstance(e, dict) and e.get("documento")}

    def nombre(self, documento: str | None) -> str:
        if documento in self.registros:
            return self.registros[documento].nombre_completo
        externo = self.externos.get(documento)
        return f"{externo.get('nombres', '')} {externo.get('apellidos', '')}".strip() if externo else ""

    def puesto(self, documento: str | None) -> str:
        if documento in self.registros:
            return self.registros[documento].puesto or ""
        return (self.externos.get(documento) or {}).get("cargo", "")


def _publicar_distinguidos(ciclo: Ciclo) -> bool:
    return ciclo.politica.publicar_distinguidos.valor is True


def paginas(repositorio: Repositorio) -> tuple[dict[str, str | bytes], list]:
    ciclo = [c for c in repositorio.ciclos if c.valido][-1]
    siglas = repositorio.datos_entidad.get("siglas") or "entidad"
    nombre_ics = f"cronograma-{ciclo.carpeta}.ics"
    publicar = _publicar_distinguidos(ciclo)
    archivos: dict[str, str | bytes] = {
        "index.md": inicio(repositorio, ciclo, publicar), "cronograma.md": cronograma(ciclo, nombre_ics),
        nombre_ics: ics(ciclo, siglas), "participantes.md": participantes(repositorio, ciclo),
        "cie.md": cie(ciclo), "junta.md": junta(ciclo, publicar)}
    del_ciclo = [{"Cronograma": "cronograma.md"}, {"Participantes": "participantes.md"},
                 {"Comité Institucional de Evaluación": "cie.md"}, {"Junta de Directivos": "junta.md"}]
    if publicar:  # sin el parámetro, la página ni siquiera existe
        archivos["distinguidos.md"] = distinguidos(repositorio, ciclo)
        del_ciclo.append({"Rendimiento distinguido": "distinguidos.md"})
    return archivos, [{"Inicio": "index.md"}, {etiqueta_menu(ciclo): del_ciclo}]


def inicio(repositorio: Repositorio, ciclo: Ciclo, publicar: bool) -> str:
    entidad = repositorio.datos_entidad
    texto = (f"# Gestión del Rendimiento — {md(entidad.get('siglas', ''))}\n\n{md(entidad.get('nombre', ''))}.\n\n"
             "La gestión del rendimiento identifica, reconoce y promueve el aporte de los servidores a los objetivos "
             "y metas institucionales, y evidencia sus necesidades de mejora. Es un ciclo anual de tres etapas: "
             "planificación, seguimiento y evaluación; la retroalimentación acompaña todo el ciclo.\n\n"
             f"Este ciclo sigue la política {md(ciclo.politica.nombre)}.\n\n"
             f"## {md(ciclo.nombre)}\n\nDel {formato.fecha(ciclo.inicio)} al {formato.fecha(ciclo.fin)}")
    if ciclo.datos.get("resolucion"):
        texto += f", aprobado por {md(ciclo.datos['resolucion'])}"
    texto += "."
    texto += bloque(etapas(ciclo, ETAPAS, DESCRIPCION_ETAPAS)) if ciclo.lista("cronograma") else "\n\nEl cronograma de este ciclo aún no está registrado.\n\n"
    texto += ("## En este portal\n\n"
              "- El [cronograma](cronograma.md) del ciclo, con un calendario para descargar.\n"
              "- La [lista de participantes](participantes.md), por unidad de organización, con su evaluador.\n"
              "- La composición del [Comité Institucional de Evaluación](cie.md).\n"
              "- La [Junta de Directivos](junta.md).\n")
    if publicar:
        texto += "- Los servidores con [rendimiento distinguido](distinguidos.md).\n"
    return texto + ("\n!!! note \"Datos personales\"\n"
                    "    Las puntuaciones, las calificaciones, las evidencias y los comentarios de cada servidor son "
                    "datos personales (Ley N° 29733): están en su legajo, no en este portal.\n")


def cronograma(ciclo: Ciclo, nombre_ics: str) -> str:
    texto = cabecera(ciclo, "Cronograma")
    if ciclo.datos.get("resolucion"):
        texto += f"\nAprobado por {md(ciclo.datos['resolucion'])}.\n"
    etapas = [e for e in ciclo.lista("cronograma") if isinstance(e, dict)]
    if not etapas:
        return texto + "\nEste ciclo no tiene cronograma registrado.\n"
    texto += f"\n[Descargar el cronograma para su calendario (.ics)]({url(nombre_ics)}){{ .md-button }}\n"
    filas = []
    for etapa in etapas:
        nombre = ETAPAS.get(etapa["etapa"], etapa["etapa"])
        filas.append([nombre, "Toda la etapa", "", formato.fecha(etapa["inicio"]), formato.fecha(etapa["fin"])])
        filas += [[nombre, a["actividad"], a.get("responsable", ""), formato.fecha(a["inicio"]), formato.fecha(a["fin"])]
                  for a in etapa.get("actividades") or []]
    texto += bloque(tabla(["Etapa", "Actividad", "Responsable", "Inicio", "Fin"], filas, clase="cronograma"))
    return texto + ("La retroalimentación es transversal al ciclo: acompaña las tres etapas y concluye con la reunión de "
                    "retroalimentación final, después de la notificación de la calificación.\n")


def ics(ciclo: Ciclo, siglas: str) -> bytes:
    """Cada etapa y cada una de sus actividades, como eventos de día completo."""
    eventos = []
    for i, etapa in enumerate(e for e in ciclo.lista("cronograma") if isinstance(e, dict)):
        nombre = ETAPAS.get(etapa["etapa"], etapa["etapa"])
        eventos.append((f"{i}-0", f"Etapa de {nombre.lower()}", etapa, ""))
        eventos += [(f"{i}-{j}", a["actividad"], a,
                     (f"Responsable: {a['responsable']}. " if a.get("responsable") else "") + f"Etapa: {nombre}.")
                    for j, a in enumerate(etapa.get("actividades") or [], 1)]
    return calendario_ics(ciclo, f"-//{siglas}//Gestion del Rendimiento//ES", f"{ciclo.nombre} ({siglas})",
                          f"{siglas.lower()}.gestion-rendimiento", eventos)


def participantes(repositorio: Repositorio, ciclo: Ciclo) -> str:
    """Por unidad de organización (F!D12): nombre y puesto del servidor y de su evaluador; nada más."""
    organos = repositorio.datos_entidad.get("organos") or {}
    gente = Personas(ciclo)
    registros = ciclo.validos()
    texto = cabecera(ciclo, "Lista de participantes")
    texto += f"\nServidores que participan en el ciclo, con su evaluador. {len(registros)} participantes.\n"
    texto += bloque('<p><label for="filtro-participantes">Buscar en la lista: </label>'
                    '<input id="filtro-participantes" class="filtro" type="search" '
                    'placeholder="Nombre, puesto o unidad de organización" data-tabla="participantes"></p>')
    por_organo: dict[str, list] = {}
    for registro in sorted(registros, key=lambda r: (formato.alfabetico(r.servidor.get("apellidos")),
                                                    formato.alfabetico(r.servidor.get("nombres")))):
        por_organo.setdefault(registro.servidor.get("organo", ""), []).append(registro)
    # La unidad es el título de cada sección (y el buscador la tiene en cuenta): no se repite en una columna.
    for clave in sorted(por_organo, key=lambda c: formato.alfabetico(organos.get(c, c))):
        texto += f"\n## {md(organos.get(clave, clave))}\n"
        filas = [[f"{r.servidor.get('apellidos', '')}, {r.servidor.get('nombres', '')}", r.puesto or "",
                  gente.nombre(r.evaluador), gente.puesto(r.evaluador)] for r in por_organo[clave]]
        texto += bloque(tabla(["Apellidos y nombres", "Puesto", "Evaluador", "Puesto del evaluador"], filas,
                              clase="participantes"))
    return texto


def cie(ciclo: Ciclo) -> str:
    gente = Personas(ciclo)
    texto = cabecera(ciclo, "Comité Institucional de Evaluación")
    composicion = ciclo.bloque("cie")
    if not composicion:
        return texto + "\nEl Comité de este ciclo aún no está registrado.\n"
    if composicion.get("por_confirmar"):  # copiado de otro ciclo: no se publica como si fuera de este
        return texto + ("\nEl Comité de este ciclo está pendiente de elección; la Oficina de Recursos Humanos publicará "
                        "aquí su composición.\n")
    dias = ciclo.politica.confirmacion_dias_habiles.valor
    texto += ("\nEl Comité atiende las solicitudes de confirmación de la calificación: el evaluado puede pedirla dentro "
              f"de los {formato.cantidad(dias, 'día hábil', 'días hábiles')} siguientes a la reunión de "
              "retroalimentación final, y el Comité confirma o modifica la calificación.\n")
    filas = []
    for clave, rol in GRUPOS_CIE:
        par = composicion.get(clave) or {}
        filas.append([rol, gente.nombre(par.get("titular")), gente.nombre(par.get("suplente"))])
    return texto + bloque(tabla(["Representación", "Titular", "Suplente"], filas, clase="cie"))


def junta(ciclo: Ciclo, publicar: bool) -> str:
    """Solo su acta: quiénes la integran no tiene fuente en 2025 (reglas §6) y a quiénes otorgó el Rendimiento
    Distinguido se publica solo con `publicar_distinguidos`, en su propia página."""
    texto = cabecera(ciclo, "Junta de Directivos")
    datos = ciclo.bloque("junta")
    texto += ("\nLa Junta de Directivos otorga la calificación de Rendimiento Distinguido a los servidores que alcanzan "
              f"una puntuación final de {_umbral(ciclo)} o más y cumplen los requisitos de la Directiva.\n")
    if datos.get("por_confirmar"):  # copiada de otro ciclo: su acta no es de este
        return texto + "\nLa Junta de Directivos de este ciclo está pendiente de conformación.\n"
    if not datos.get("acta"):
        return texto + "\nLa Junta de Directivos de este ciclo aún no ha sesionado.\n"
    texto += (f"\nLa Junta de este ciclo sesionó: {md(datos['acta'])}"
              + (f", del {formato.fecha(datos['fecha'])}" if datos.get("fecha") else "") + ".\n")
    if publicar:
        texto += "\nLos servidores con rendimiento distinguido están en [su página](distinguidos.md).\n"
    return texto


def _umbral(ciclo: Ciclo) -> str:
    return format(reglas.impreso(reglas.umbral_distinguido(ciclo.politica), 2).normalize(), "f")


def distinguidos(repositorio: Repositorio, ciclo: Ciclo) -> str:
    """Solo con `publicar_distinguidos`: quienes tienen la calificación vigente de Rendimiento Distinguido
    (designados por la Junta con la puntuación suficiente; no quien el CIE cambió), con nombre, puesto y unidad."""
    from .resultados import calcular

    organos = repositorio.datos_entidad.get("organos") or {}
    texto = cabecera(ciclo, "Rendimiento distinguido")
    datos = ciclo.bloque("junta")
    if not datos.get("acta") or datos.get("por_confirmar"):
        return texto + "\nLa Junta de Directivos de este ciclo aún no ha otorgado el Rendimiento Distinguido.\n"
    elegidos = sorted((r.registro for r in calcular(ciclo).values() if r.calificacion == "rendimiento_distinguido"),
                      key=lambda r: (formato.alfabetico(r.servidor.get("apellidos")),
                                     formato.alfabetico(r.servidor.get("nombres"))))
    if not elegidos:
        return texto + "\nEn este ciclo la Junta de Directivos no otorgó el Rendimiento Distinguido.\n"
    texto += (f"\nServidores a quienes la Junta de Directivos otorgó el Rendimiento Distinguido ({md(datos['acta'])}). "
              "¡Felicitaciones!\n")
    filas = [[r.nombre_completo, r.puesto or "", organos.get(r.servidor.get("organo"), r.servidor.get("organo", ""))]
             for r in elegidos]
    return texto + bloque(tabla(["Nombre", "Puesto", "Unidad de organización"], filas, clase="distinguidos"))
