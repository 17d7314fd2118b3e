"""Informe de cierre del ciclo (reglas.md de servir-2025, §11 [REC]): un PDF/A confidencial con gráficos SVG
y, junto a él, las mismas cifras en CSV y en Markdown.

Solo cantidades (reglas §11: «No personal data beyond counts»): ni nombres, ni documentos, ni puntajes de
una persona, ni el nombre de un archivo de registro (suele ser el de la persona). Contenido:

- entidad, ciclo y fecha de corte;
- servidores por segmento × calificación vigente (la del CIE si la modificó, reglas §9), con «No corresponde
  calificación» y los registros aún incompletos (pendientes); cada fila y cada columna suman su total;
- rendimiento distinguido frente al cupo (`cupo_distinguido`, base: servidores con calificación notificada);
- solicitudes de confirmación al CIE y su resultado (confirma, modifica, pendiente);
- servidores con rendimiento sujeto a observación, con y sin acción de capacitación (reglas §7);
- plazo de remisión a SERVIR (`informe_cierre_plazo`) y la fecha de envío de `informe_cierre` en ciclo.yaml;
- gráficos: puntuación final por tramo y calificaciones por segmento (`generador/informe/graficos.py`).

`cifras()` calcula todo una vez; el PDF (`plantillas/gdr/informe_cierre.html.j2`), el CSV y el Markdown
salen de esas mismas cifras. Los tres archivos se escriben juntos o ninguno (`escritura.escribir_varios`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ...anexos import formato
from ...escape import csv as celda_csv, markdown as md
from ...repositorio import Ciclo, Repositorio, como_fecha
from . import reglas
from .resultados import Resultado

PENDIENTE = "pendiente"  # registro incompleto: aún sin calificación
# Orden de las columnas: de la mejor a la peor, luego las que no se califican por puntaje.
ORDEN = ("rendimiento_distinguido", "buen_rendimiento", "sujeto_a_observacion", "desaprobado", "no_corresponde", PENDIENTE)
CORTOS = {"rendimiento_distinguido": "Distinguido", "buen_rendimiento": "Buen rendimiento",
          "sujeto_a_observacion": "Sujeto a observación", "desaprobado": "Desaprobado",
          "no_corresponde": "No corresponde", PENDIENTE: "Pendiente"}  # leyenda del gráfico: cabe en una línea
POR_PUNTAJE = ("rendimiento_distinguido", "buen_rendimiento", "sujeto_a_observacion")
TRAMO = 10
CANALES = {"mesa_de_partes": "Mesa de partes", "correo": "Correo electrónico", "fisico": "Documento físico",
           "plataforma_servir": "Plataforma de SERVIR", "otro": "Otro"}
# Primera línea de cada archivo de cifras: un archivo que no empieza así no lo escribió el generador.
CABECERA_CSV = ["seccion", "concepto", "detalle", "cantidad"]
MARCA_MD = "<!-- Informe de cierre: cifras escritas por el generador de la Gestión del Rendimiento -->"


@dataclass
class Fila:
    """Una fila de conteos por columna (clave → cantidad), con su total."""

    nombre: str
    cuentas: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.cuentas.values())


def _numero(valor) -> str:
    """Un número de la política como se lee: 10, 12.5 (exacto, sin ceros de más)."""
    return format(reglas.impreso(reglas.exacto(valor), 2).normalize(), "f")


def _clave(resultado: Resultado) -> str:
    return resultado.calificacion or PENDIENTE


def _nombres(politica) -> dict[str, str]:
    return {**politica.calificaciones.valor, PENDIENTE: "Pendiente (registro incompleto)"}


def _por_segmento(politica, resultados: list[Resultado]) -> list[Fila]:
    segmentos = dict(politica.segmentos.valor)
    for r in resultados:  # un segmento que la política no nombra no se pierde del total
        segmentos.setdefault(r.segmento or "—", r.segmento or "—")
    filas = {clave: Fila(nombre) for clave, nombre in segmentos.items()}
    for r in resultados:
        filas[r.segmento or "—"].cuentas[_clave(r)] += 1
    return list(filas.values())


def _suma(filas: list[Fila], nombre: str = "Total") -> Fila:
    total = Fila(nombre)
    for fila in filas:
        total.cuentas.update(fila.cuentas)
    return total


def _tramos(resultados: list[Resultado], politica) -> list[tuple[str, int]]:
    """Servidores calificados por su puntuación final (distinguido, buen, observación), por tramo de 10 puntos
    hasta el tope (120 × la suma de los pesos): 0–9, 10–19, …, 110–120. Sobre el total exacto."""
    tope = reglas.exacto(politica.tope_factor_peso.valor) * reglas.exacto(politica.suma_pesos.valor) / 100
    n = max(int(tope // TRAMO), 1)
    cuentas: Counter = Counter()
    for r in resultados:
        if r.total is not None and r.calificacion_formato in POR_PUNTAJE:
            cuentas[min(int(r.total // TRAMO), n - 1)] += 1
    ultimo = _numero(tope)
    return [(f"{i * TRAMO}–{(i + 1) * TRAMO - 1 if i < n - 1 else ultimo}", cuentas[i]) for i in range(n)]


def _hechos(registro) -> list[dt.date]:
    """Las fechas de lo que ya ocurrió en un registro (no los plazos): fijación, seguimiento, notificación,
    retroalimentación final y los pasos del CIE."""
    fechas = [registro.bloque("fijacion_metas").get("fecha"), registro.bloque("evaluacion").get("fecha_notificacion"),
              registro.bloque("retroalimentacion").get("fecha")]
    fechas += [s.get("fecha") for s in registro.lista("seguimiento") if isinstance(s, dict)]
    confirmacion = registro.bloque("confirmacion")
    fechas += [confirmacion.get(c) for c in ("fecha_solicitud", "fecha_recepcion", "fecha_convocatoria", "fecha_resultado")]
    return [f for f in (como_fecha(x) for x in fechas) if f]


def fecha_de_corte(ciclo: Ciclo, resultados: dict[str, Resultado]) -> dt.date:
    """El último hecho registrado del ciclo (registros, Junta, envío del informe): el informe no depende del
    día en que se corre. Sin ningún hecho, el inicio del ciclo."""
    fechas = [f for r in resultados.values() for f in _hechos(r.registro)]
    fechas += [f for f in (como_fecha(ciclo.bloque("junta").get("fecha")),
                           como_fecha(ciclo.bloque("informe_cierre").get("fecha_envio"))) if f]
    return max(fechas, default=ciclo.inicio or dt.date(2000, 1, 1))


def anio_del_ciclo(ciclo: Ciclo) -> int:
    """El año del ciclo para el plazo «31 de mayo del año siguiente al ciclo»: el de la etapa de seguimiento
    (la evaluación puede pasar al año siguiente, D2020 6.1.3); sin ella, el del inicio del ciclo."""
    for entrada in ciclo.lista("cronograma"):
        if isinstance(entrada, dict) and entrada.get("etapa") == "seguimiento" and como_fecha(entrada.get("fin")):
            return como_fecha(entrada["fin"]).year
    return (ciclo.inicio or dt.date(2000, 1, 1)).year


def _plazo(ciclo: Ciclo, corte: dt.date) -> dict:
    politica = ciclo.politica
    limite = reglas.informe_cierre_plazo(politica, anio_del_ciclo(ciclo))
    envio = ciclo.bloque("informe_cierre")
    fecha_envio = como_fecha(envio.get("fecha_envio"))
    alerta = False
    if fecha_envio:
        dias = (fecha_envio - limite).days
        alerta = dias > 0
        estado = ("Remitido dentro del plazo" if dias <= 0 else
                  f"Remitido {formato.cantidad(dias, 'día', 'días')} después del plazo")
    elif corte > limite:
        alerta = True
        estado = "Plazo vencido: no hay fecha de envío registrada (informe_cierre.fecha_envio en ciclo.yaml)"
    else:
        dias = (limite - corte).days
        estado = (f"Pendiente de envío; al {formato.fecha(corte)} faltan {formato.cantidad(dias, 'día', 'días')}"
                  if dias else f"Pendiente de envío; el plazo vence el mismo {formato.fecha(corte)}")
    return {"limite": limite, "referencia": politica.informe_cierre_plazo.referencia, "fecha_envio": fecha_envio,
            "estado": estado, "alerta": alerta, "canal": CANALES.get(envio.get("canal"), envio.get("canal") or ""),
            "tramite": envio.get("tramite") or "", "observaciones": envio.get("observaciones") or ""}


def cifras(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado], corte: dt.date | None) -> dict:
    """Todas las cantidades del informe (sin un dato de persona), para el PDF, el CSV y el Markdown."""
    politica = ciclo.politica
    todos = list(resultados.values())
    nombres = _nombres(politica)
    ultimo_hecho = fecha_de_corte(ciclo, resultados)
    corte_por_omision = corte is None
    corte = corte or ultimo_hecho

    segmentos = _por_segmento(politica, todos)
    total = _suma(segmentos)

    # Rendimiento distinguido y cupo (reglas §6): la base del cupo son los servidores con calificación notificada.
    notificados = sum(1 for r in todos if r.notificado)
    junta = ciclo.bloque("junta")
    designados = set(junta.get("designados") or []) if not junta.get("por_confirmar") else set()
    cupo = reglas.cupo_distinguido(politica, notificados)
    distinguidos = sum(1 for r in todos if r.calificacion == "rendimiento_distinguido")
    distinguido = {
        "candidatos": sum(1 for r in todos if r.candidato),
        "candidatos_no_designados": sum(1 for r in todos if r.candidato and r.documento not in designados),
        "designados": sum(1 for d in designados if d in resultados),
        "distinguidos": distinguidos, "notificados": notificados, "cupo": cupo,
        "porcentaje": _numero(politica.cupo_distinguido.valor["porcentaje"]),
        "redondeo": {"techo": "hacia arriba", "piso": "hacia abajo"}.get(politica.cupo_distinguido.valor["redondeo"],
                                                                        "al entero más cercano"),
        "referencia": politica.cupo_distinguido.referencia,
        "exceso": max(distinguidos - cupo, 0),
        "umbral": _numero(politica.umbral_distinguido.valor),
        "acta": junta.get("acta") if not junta.get("por_confirmar") else "",
        "fecha_acta": como_fecha(junta.get("fecha")) if not junta.get("por_confirmar") else None,
    }

    # CIE (reglas §9): por la calificación que dio la hoja, que es la que se pidió confirmar.
    solicitudes = [r for r in todos if r.confirmacion]
    cie_filas: dict[str, Fila] = {}
    modificadas: Counter = Counter()
    for r in solicitudes:
        origen = r.calificacion_formato or PENDIENTE
        fila = cie_filas.setdefault(origen, Fila(nombres.get(origen, origen)))
        decision = r.confirmacion.get("resultado") or PENDIENTE
        fila.cuentas[decision] += 1
        if decision == "modifica":
            modificadas[(nombres.get(origen, origen), nombres.get(r.calificacion, r.calificacion or ""))] += 1
    cie_filas_ordenadas = [cie_filas[c] for c in ORDEN if c in cie_filas]
    cie = {"filas": cie_filas_ordenadas, "total": _suma(cie_filas_ordenadas),
           "modificadas": sorted((de, a, n) for (de, a), n in modificadas.items()),
           "referencia": politica.confirmacion_dias_habiles.referencia}

    # Sujeto a observación (reglas §7): la calificación vigente; la acción va en «acciones_capacitacion».
    observados = [r for r in todos if r.calificacion == "sujeto_a_observacion"]
    con_accion = [r for r in observados if r.registro.bloque("retroalimentacion").get("acciones_capacitacion")]
    observacion = {"total": len(observados), "con_accion": len(con_accion), "sin_accion": len(observados) - len(con_accion),
                   "meses": politica.capacitacion_meses.valor, "referencia": politica.capacitacion_meses.referencia}

    # «70 (DIRECTIVO) y 60 (MANDO MEDIO, EJECUTOR…)»: el umbral de buen rendimiento de cada segmento.
    por_umbral: dict[str, list[str]] = {}
    for segmento, umbral in politica.umbral_buen_rendimiento.valor.items():
        por_umbral.setdefault(_numero(umbral), []).append(politica.segmentos.valor.get(segmento, segmento))
    return {
        "entidad": repositorio.datos_entidad,
        "ciclo": {"nombre": ciclo.nombre, "carpeta": ciclo.carpeta, "inicio": ciclo.inicio, "fin": ciclo.fin,
                  "resolucion": ciclo.datos.get("resolucion") or ""},
        "politica": {"nombre": politica.nombre, "clave": politica.clave, "version": politica.version},
        "corte": corte, "corte_por_omision": corte_por_omision,
        "hechos_posteriores": corte < ultimo_hecho,  # con --al: las cifras son las de los registros tal como están
        "columnas": [(c, nombres[c]) for c in ORDEN],
        "segmentos": segmentos, "total": total,
        "calificados": total.total - total.cuentas[PENDIENTE],
        "tramos": _tramos(todos, politica), "tramo": TRAMO,
        "umbrales": [(u, ", ".join(s)) for u, s in sorted(por_umbral.items(), key=lambda x: -Fraction(x[0]))],
        "distinguido": distinguido, "cie": cie, "observacion": observacion, "plazo": _plazo(ciclo, corte),
    }


# --- CSV y Markdown: las mismas cifras ----------------------------------------------------------------

def filas_csv(datos: dict) -> list[list]:
    """(sección, concepto, detalle, cantidad): una fila por cifra; cada total es también una fila."""
    filas: list[list] = []
    for fila in [*datos["segmentos"], datos["total"]]:
        for clave, nombre in datos["columnas"]:
            filas.append(["calificaciones por segmento", fila.nombre, nombre, fila.cuentas[clave]])
        filas.append(["calificaciones por segmento", fila.nombre, "Total", fila.total])
    for etiqueta, cantidad in datos["tramos"]:
        filas.append(["puntuación final por tramo", etiqueta, "servidores", cantidad])
    d = datos["distinguido"]
    for concepto, cantidad in (("candidatos (puntuación final ≥ umbral)", d["candidatos"]),
                               ("designados por la Junta", d["designados"]),
                               ("con Rendimiento Distinguido", d["distinguidos"]),
                               ("servidores con calificación notificada (base del cupo)", d["notificados"]),
                               ("cupo", d["cupo"]), ("exceso sobre el cupo", d["exceso"])):
        filas.append(["rendimiento distinguido", concepto, "", cantidad])
    c = datos["cie"]
    for fila in [*c["filas"], c["total"]]:
        for clave, nombre in (("confirma", "confirma"), ("modifica", "modifica"), (PENDIENTE, "pendiente")):
            filas.append(["confirmación del CIE", fila.nombre, nombre, fila.cuentas[clave]])
        filas.append(["confirmación del CIE", fila.nombre, "solicitudes", fila.total])
    for de, a, n in c["modificadas"]:
        filas.append(["calificaciones modificadas por el CIE", de, a, n])
    o = datos["observacion"]
    for concepto, cantidad in (("con acción de capacitación", o["con_accion"]),
                               ("sin acción de capacitación", o["sin_accion"]), ("total", o["total"])):
        filas.append(["rendimiento sujeto a observación", concepto, "", cantidad])
    p = datos["plazo"]
    filas.append(["remisión a SERVIR", "plazo", formato.fecha(p["limite"]), ""])
    filas.append(["remisión a SERVIR", "fecha de envío", formato.fecha(p["fecha_envio"]) or "no registrada", ""])
    return filas


def texto_csv(datos: dict) -> str:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(CABECERA_CSV)
    for fila in filas_csv(datos):
        escritor.writerow([celda_csv(x) for x in fila])
    return salida.getvalue()


def _tabla_md(cabeceras: list[str], filas: list[list]) -> str:
    cifras_ = [bool(filas) and all(isinstance(f[i], int) for f in filas) for i in range(len(cabeceras))]
    lineas = ["| " + " | ".join(md(c) for c in cabeceras) + " |",
              "|" + "|".join("---:" if derecha else "---" for derecha in cifras_) + "|"]
    lineas += ["| " + " | ".join(md(x) for x in fila) + " |" for fila in filas]
    return "\n".join(lineas) + "\n"


def texto_md(datos: dict) -> str:
    entidad, ciclo, d, c, o, p = (datos["entidad"], datos["ciclo"], datos["distinguido"], datos["cie"],
                                  datos["observacion"], datos["plazo"])
    columnas = datos["columnas"]
    partes = [MARCA_MD, "",
              f"# Informe de cierre del ciclo — {md(ciclo['nombre'])}", "",
              f"{md(entidad.get('nombre', ''))} ({md(entidad.get('siglas', ''))}). Del {formato.fecha(ciclo['inicio'])} "
              f"al {formato.fecha(ciclo['fin'])}. Situación al {formato.fecha(datos['corte'])}.", "",
              "Solo cantidades: ningún nombre, documento ni puntaje de una persona (Ley N° 29733). Confidencial: una "
              "cifra pequeña puede identificar a alguien.", "",
              "## 1. Calificaciones por segmento", "",
              _tabla_md(["Segmento", *[n for _, n in columnas], "Total"],
                        [[f.nombre, *[f.cuentas[k] for k, _ in columnas], f.total]
                         for f in [*datos["segmentos"], datos["total"]]]),
              "## 2. Puntuación final por tramo", "",
              _tabla_md(["Tramo (puntos)", "Servidores"], [[e, n] for e, n in datos["tramos"]]),
              "## 3. Rendimiento distinguido y cupo", "",
              _tabla_md(["Concepto", "Cantidad"], [
                  [f"Candidatos (puntuación final de {d['umbral']} o más)", d["candidatos"]],
                  ["Designados por la Junta de Directivos", d["designados"]],
                  ["Con Rendimiento Distinguido", d["distinguidos"]],
                  ["Servidores con calificación notificada (base del cupo)", d["notificados"]],
                  [f"Cupo ({d['porcentaje']} % de la base, redondeado {d['redondeo']})", d["cupo"]],
                  ["Exceso sobre el cupo", d["exceso"]]]),
              "## 4. Confirmación de la calificación por el CIE", "",
              _tabla_md(["Calificación del formato", "Solicitudes", "Confirma", "Modifica", "Pendiente"],
                        [[f.nombre, f.total, f.cuentas["confirma"], f.cuentas["modifica"], f.cuentas[PENDIENTE]]
                         for f in [*c["filas"], c["total"]]])]
    if c["modificadas"]:
        partes += ["Calificaciones modificadas:", "",
                   _tabla_md(["De", "A", "Servidores"], [[de, a, n] for de, a, n in c["modificadas"]])]
    partes += ["## 5. Rendimiento sujeto a observación y acción de capacitación", "",
               _tabla_md(["Concepto", "Cantidad"], [["Con acción de capacitación", o["con_accion"]],
                                                    ["Sin acción de capacitación", o["sin_accion"]],
                                                    ["Total", o["total"]]]),
               "## 6. Remisión a SERVIR", "",
               f"- Plazo: {formato.fecha(p['limite'])} (fuente: {md(p['referencia'])}).",
               f"- Fecha de envío: {formato.fecha(p['fecha_envio']) or 'no registrada'}"
               + (f"; canal: {md(p['canal'])}" if p["canal"] else "")
               + (f"; trámite: {md(p['tramite'])}" if p["tramite"] else "") + ".",
               f"- Estado: {md(p['estado'])}."]
    if p["observaciones"]:
        partes += [f"- Observaciones de la ORH: {md(p['observaciones'])}"]
    return "\n".join(partes) + "\n"


# --- Escritura ------------------------------------------------------------------------------------------

def _hermanos(destino: Path) -> tuple[Path, Path]:
    """Los archivos de cifras junto al PDF: informe-2025.pdf → informe-2025.csv e informe-2025.md."""
    return destino.with_suffix(".csv"), destino.with_suffix(".md")


def _comprobar_hermanos(repositorio: Repositorio, destino: Path) -> None:
    """La misma guarda que el PDF (`escritura.comprobar_salida`) y, además, un CSV o Markdown que ya existe
    solo se reemplaza si lo escribió el generador (su primera línea): nunca se pisa un archivo ajeno."""
    from ...escritura import SalidaProhibida, comprobar_salida
    from ...ordenes import ErrorUso

    marcas = {".csv": ",".join(CABECERA_CSV), ".md": MARCA_MD}
    for hermano in _hermanos(destino):
        try:
            comprobar_salida(hermano, Path(repositorio.raiz), carpeta=False, extensiones=(hermano.suffix,))
        except SalidaProhibida as exc:
            raise ErrorUso(str(exc)) from None
        if hermano.is_file():
            with open(hermano, encoding="utf-8-sig", errors="replace") as archivo:
                primera = archivo.readline().strip()
            if primera != marcas[hermano.suffix]:
                raise ErrorUso(f"«{hermano}» ya existe y no lo escribió el generador: el informe escribe sus cifras "
                               f"junto al PDF ({hermano.name}); elija otro nombre con --salida o mueva ese archivo")


def contexto(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado], corte: dt.date | None) -> dict:
    from markupsafe import Markup

    from ...informe import graficos

    datos = cifras(repositorio, ciclo, resultados, corte)
    politica = ciclo.politica
    series = [CORTOS[c] for c in ORDEN]
    por_segmento = [(f.nombre, {CORTOS[k]: n for k, n in f.cuentas.items()}) for f in datos["segmentos"] if f.total]
    return {
        **datos,
        "titulo": f"Informe de cierre del ciclo — {ciclo.nombre}",
        "encabezado": "Informe de cierre · CONFIDENCIAL",
        "horizontal": False,
        "fecha": datos["corte"],
        "pie": f"Política {politica.clave} v{politica.version} · Ciclo {ciclo.carpeta} · Confidencial (Ley N° 29733)",
        "graficos": {
            "tramos": Markup(graficos.histograma(datos["tramos"], "Puntuación final por tramo",
                                                 alto=150, eje="Puntuación final (puntos)")),
            "segmentos": Markup(graficos.apiladas(por_segmento, series, "Calificaciones por segmento")),
        },
    }


def escribir(repositorio: Repositorio, ciclo: Ciclo, resultados: dict[str, Resultado], validacion, corte,
             destino: Path) -> int:
    """Escribe el PDF en `destino` y sus cifras en CSV y Markdown al lado; devuelve las páginas del PDF.

    Los tres se escriben juntos: el PDF se compone en una carpeta temporal junto al destino y, solo si se
    compuso entero, los tres archivos pasan a su lugar (si algo falla, los anteriores quedan como estaban)."""
    from ...escritura import carpeta_temporal, escribir_varios, soltar_temporal
    from ...informe import escribir as escribir_pdf

    destino = Path(destino)
    _comprobar_hermanos(repositorio, destino)
    ctx = contexto(repositorio, ciclo, resultados, corte)
    tabla, texto = _hermanos(destino)
    provisional = carpeta_temporal(destino)
    try:
        paginas = escribir_pdf(ctx, provisional / destino.name, "gdr/informe_cierre.html.j2")
        escribir_varios({destino: (provisional / destino.name).read_bytes(),
                         tabla: texto_csv(ctx).encode("utf-8-sig"),  # con BOM: Excel reconoce las tildes
                         texto: texto_md(ctx)})
    finally:
        soltar_temporal(provisional)
    return paginas
