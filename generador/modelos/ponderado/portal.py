"""Portal de intranet del modelo «ponderado»: la política (desde su archivo de datos), el calendario
(con .ics) y la lista de evaluados. Nunca documentos, notas, tramos ni comentarios (Ley N°29733).

Devuelve las páginas y su menú; `portal/construir.py` las construye con las opciones de mkdocs.yml.
"""

from __future__ import annotations

from decimal import Decimal

from ...anexos import formato
from ...escape import markdown as md, url
from ...portal.calendario import calendario as calendario_ics
from ...portal.marcado import bloque, tabla
from ...repositorio import Ciclo, Repositorio, como_fecha
from . import reglas
from .resultados import fecha_evaluacion


def paginas(repositorio: Repositorio) -> tuple[dict[str, str | bytes], list]:
    ciclo = [c for c in repositorio.ciclos if c.valido][-1]
    entidad = repositorio.datos_entidad
    siglas = entidad.get("siglas", "empresa")
    nombre_ics = f"calendario-{ciclo.carpeta}.ics"
    archivos = {"index.md": inicio(repositorio, ciclo), "politica.md": politica(ciclo),
                "calendario.md": calendario(ciclo, nombre_ics), nombre_ics: ics(ciclo, siglas),
                "evaluados.md": evaluados(repositorio, ciclo)}
    menu = [{"Inicio": "index.md"}, {"Política de evaluación": "politica.md"}, {"Calendario": "calendario.md"},
            {"Evaluados": "evaluados.md"}]
    return archivos, menu


def _periodo(ciclo: Ciclo) -> str:
    return f"{md(ciclo.nombre)}: del {formato.fecha(ciclo.inicio)} al {formato.fecha(ciclo.fin)}."


def inicio(repositorio: Repositorio, ciclo: Ciclo) -> str:
    entidad = repositorio.datos_entidad
    return (f"# Evaluación del Desempeño — {md(entidad.get('siglas', ''))}\n\n"
            f"{md(entidad.get('nombre', ''))}. {_periodo(ciclo)}\n\n"
            "La evaluación del desempeño es una herramienta para dar una retroalimentación formal a cada colaborador "
            "y reconocer, apoyar y desarrollar su potencial. Es anual: empieza en enero con el acuerdo del desempeño "
            "y termina en enero del año siguiente con la evaluación formal y la entrevista.\n\n"
            "- [Política de evaluación](politica.md): partes, pesos, competencias y escala de cada nivel.\n"
            "- [Calendario](calendario.md): las actividades del período, también para su agenda (.ics).\n"
            "- [Evaluados](evaluados.md): quiénes participan este período.\n\n"
            "!!! note \"Confidencialidad\"\n    Las evaluaciones son confidenciales: solo las conocen la organización y el "
            "propio colaborador. Este portal no publica calificaciones ni comentarios.\n")


def politica(ciclo: Ciclo) -> str:
    pol = ciclo.politica
    niveles, partes = pol.niveles.valor, pol.partes.valor
    texto = f"# Política de evaluación\n\n{md(pol.nombre)} (versión {md(pol.version)}).\n"
    filas = [[niveles[n], *(f"{pol.pesos_partes.valor[n].get(p, 0)} %" if pol.pesos_partes.valor[n].get(p) else "—"
                            for p in partes)] for n in niveles]
    texto += f"\n## Partes de la evaluación\n\nPeso de cada parte en la calificación final, por nivel ({md(pol.pesos_partes.referencia)}).\n"
    # Celdas juntas (la búsqueda las lee pegadas): tests/modelos/ponderado/test_empresa_salidas.py fija este HTML tal cual.
    texto += bloque(tabla(["Nivel", *partes.values()], filas, clase="politica"))
    texto += ("Los **objetivos** se fijan en el acuerdo del desempeño de enero y se miden en % de cumplimiento (cada uno "
              f"cuenta hasta {pol.tope_cumplimiento.valor} %). Las **competencias** se califican en la escala. El "
              "**servicio** es la nota de la encuesta de servicio interno o externo del departamento, la misma para todo "
              "su personal; si el departamento no presta servicio identificado, su peso se reparte entre las otras partes.\n")
    texto += f"\n## Escala de calificación\n\n({md(pol.escala.referencia)})\n"
    filas, anterior = [], None
    for t in pol.escala.valor:
        filas.append([t["nombre"], t["sigla"], str(t["punto"]), f"{anterior - 1 if anterior else 100} % al {t['minimo']} %",
                      f"{formato.cifra(Decimal(str(t['porcentaje_punto'])))} %"])
        anterior = t["minimo"]
    texto += bloque(tabla(["Tramo", "Sigla", "Punto (1 a 5)", "Porcentaje", "Valor de una competencia"], filas, clase="politica"))
    texto += "\n## Competencias por nivel\n"
    for nivel, catalogo in pol.competencias.valor.items():
        pesos = reglas.pesos_competencias(catalogo)
        total = sum(pesos)
        texto += f"\n### {md(niveles[nivel])}\n"
        texto += bloque(tabla(["Competencia", "Descripción", "Peso"],
                              [[c["nombre"], c["descripcion"], f"{formato.cifra(reglas.redondear(pol, p * 100 / total))} %"]
                               for c, p in zip(catalogo, pesos)], clase="politica"))
    consecuencias = pol.nombres_consecuencias.valor
    texto += (
        "\n## Reglas\n\n"
        f"- **Quiénes se evalúan.** El personal estable con {pol.meses_antiguedad_minima.valor} meses o más desde su ingreso; "
        f"quien tiene menos está en proceso de adaptación ({md(pol.meses_antiguedad_minima.referencia)}).\n"
        f"- **Varias líneas de reporte.** La calificación final es el promedio de todos los evaluadores; con menos de "
        f"{pol.meses_area_evaluacion_compartida.valor} meses en el área, el promedio del jefe anterior y del actual "
        f"({md(pol.lineas_reporte.referencia)}).\n"
        f"- **Registro mensual.** El evaluador anota incidentes críticos, positivos y negativos, y da retroalimentación "
        f"al menos {pol.registros_por_mes.valor} vez al mes; Recursos Humanos anota la falta de registros "
        f"({md(pol.registros_por_mes.referencia)}).\n"
        "- **Calibración.** Las competencias de cada área se comparan con una distribución normal: "
        + ", ".join(f"{md(t['nombre'])} {pol.distribucion_esperada.valor[t['clave']]} %" for t in pol.escala.valor)
        + f"; los Directores de área y el Comité Ejecutivo revisan la sub y la sobrevaloración ({md(pol.distribucion_esperada.referencia)}).\n"
        f"- **Consecuencias.** Con Bueno o más: {md(consecuencias['lider_proyectos'].lower())}, "
        f"{md(consecuencias['instructor_interno'].lower())} y {md(consecuencias['movimientos_personal'].lower())}. "
        f"Por debajo de Regular: {md(consecuencias['seguimiento'].lower())} ({md(pol.consecuencias.referencia)}).\n")
    texto += "\n## Formularios\n\n" + "".join(f"- Anexo N° {md(f['anexo'])}: {md(f['titulo'])}\n" for f in pol.formularios.valor)
    return texto


def calendario(ciclo: Ciclo, nombre_ics: str) -> str:
    texto = f"# Calendario\n\n{_periodo(ciclo)}\n"
    if ciclo.datos.get("resolucion"):
        texto += f"\n{md(ciclo.datos['resolucion'])}.\n"
    if not ciclo.lista("cronograma"):
        return texto + "\nEl calendario de este período aún no está registrado.\n"
    texto += f"\n[Descargar el calendario para su agenda (.ics)]({url(nombre_ics)}){{ .md-button }}\n"
    filas = [[a["actividad"], a.get("responsable", ""), formato.fecha(a["inicio"]), formato.fecha(a["fin"])]
             for a in sorted(ciclo.lista("cronograma"), key=lambda a: (str(a["inicio"]), str(a["fin"])))]
    return texto + bloque(tabla(["Actividad", "Responsable", "Inicio", "Fin"], filas, clase="cronograma"))


def ics(ciclo: Ciclo, siglas: str) -> bytes:
    eventos = [(str(i), a["actividad"], a, f"Responsable: {a['responsable']}." if a.get("responsable") else "")
               for i, a in enumerate(ciclo.lista("cronograma"))]
    return calendario_ics(ciclo, f"-//{siglas}//Evaluacion del Desempeno//ES", f"{ciclo.nombre} ({siglas})",
                          f"{siglas.lower()}.evaluacion-desempeno", eventos)


def evaluados(repositorio: Repositorio, ciclo: Ciclo) -> str:
    departamentos = repositorio.datos_entidad.get("organos") or {}
    niveles = ciclo.politica.niveles.valor
    corte = fecha_evaluacion(ciclo)
    en_alcance, adaptacion = [], []  # el personal no estable no figura (Alcance)
    for r in ciclo.validos():
        if r.servidor.get("estable") is not False:
            nuevo = reglas.en_adaptacion(ciclo.politica, como_fecha(r.servidor["fecha_ingreso"]), corte)
            (adaptacion if nuevo else en_alcance).append(r)
    texto = f"# Evaluados\n\n{_periodo(ciclo)}\n"
    texto += (f"\n{len(en_alcance)} colaboradores se evalúan este período. Sin calificaciones: las evaluaciones son "
              "confidenciales.\n")
    texto += bloque('<p><label for="filtro-evaluados">Buscar en la lista: </label>'
                    '<input id="filtro-evaluados" class="filtro" type="search" placeholder="Nombre, puesto o área" '
                    'data-tabla="participantes"></p>')
    for clave, nombre in departamentos.items():
        del_depto = sorted((r for r in en_alcance if r.servidor["departamento"] == clave),
                           key=lambda r: (formato.alfabetico(r.servidor["apellidos"]), formato.alfabetico(r.servidor["nombres"])))
        if not del_depto:
            continue
        texto += f"\n## {md(nombre)}\n"
        texto += bloque(tabla(["Apellidos y nombres", "Nivel", "Puesto", "Área"],
                              [[f"{r.servidor['apellidos']}, {r.servidor['nombres']}", niveles[r.servidor["nivel"]],
                                r.servidor["puesto"], r.servidor.get("area", "")] for r in del_depto], clase="participantes"))
    if adaptacion:
        meses = formato.cantidad(ciclo.politica.meses_antiguedad_minima.valor, "mes", "meses")
        texto += (f"\n## En proceso de adaptación\n\nIngresaron hace menos de {meses}: no se evalúan este período "
                  f"({md(ciclo.politica.meses_antiguedad_minima.referencia)}).\n")
        texto += bloque(tabla(["Apellidos y nombres", "Puesto", "Departamento"],
                              [[f"{r.servidor['apellidos']}, {r.servidor['nombres']}", r.servidor["puesto"],
                                departamentos.get(r.servidor["departamento"], "")] for r in adaptacion], clase="participantes"))
    return texto
