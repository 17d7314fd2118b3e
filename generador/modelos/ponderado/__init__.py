"""Modelo «ponderado»: partes ponderadas por nivel, escala por tramos y varios evaluadores.

Lo usa la política `empresa` (evaluación del desempeño de una empresa
privada). Etapas, un módulo cada una:

- `reglas.py`: cálculos puros, uno por parámetro de la política;
- `validacion.py`: reglas entre archivos; `resultados.py`: la calificación;
- `salidas.py`: `calificar` en tabla, JSON y CSV;
- `formularios.py`: los formularios en PDF (plantillas en `plantillas/ponderado/`);
- `informe_rrhh.py` y `calibracion.py`: informe de Recursos Humanos y de calibración;
- `portal.py`: páginas del portal (política, calendario, evaluados; sin notas);
- `ordenes.py`: `nuevo` (`nuevo.py`), `importar` (`lista.py`: columnas y registros) y `exportar` (`exportar.py`),
  sobre lo común de `generador/flujo/`.
"""

from __future__ import annotations

from . import validacion as _validacion

POLITICA_POR_OMISION = "empresa"
FORMAS = _validacion.FORMAS  # la forma de cada parámetro y su coherencia (contrato.py)
revisar_politica = _validacion.revisar_politica
ESQUEMA_CICLO = "ciclo-ponderado"
ESQUEMA_REGISTRO = "registro-ponderado"
CLAVE_PERSONA = "colaborador"
NOMBRE_INFORME = "Informe de Recursos Humanos y calibración"
NOMBRE_PORTAL = "Evaluación del Desempeño"
ORDENES = ("validar", "calificar", "pdf", "sitio", "informe", "nuevo", "importar", "exportar")

PARAMETROS: dict[str, type | tuple[type, ...]] = {
    "niveles": dict,
    "niveles_evaluadores": list,
    "partes": dict,
    "pesos_partes": dict,
    "suma_pesos": int,
    "competencias": dict,
    "escala": list,
    "tope_cumplimiento": int,
    "decimales": int,
    "meses_antiguedad_minima": int,
    "meses_area_evaluacion_compartida": int,
    "lineas_reporte": dict,
    "registros_por_mes": int,
    "mes_acuerdo": int,
    "distribucion_esperada": dict,
    "tolerancia_calibracion": int,
    "minimo_evaluados_calibracion": int,
    "consecuencias": dict,
    "nombres_consecuencias": dict,
    "meses_seguimiento": int,
    "formularios": list,
}


def validar(repositorio, ciclos, informe):
    from .validacion import validar as validar_ciclos
    return validar_ciclos(repositorio, ciclos, informe)


def calificar(repositorio, ciclo, resultados, formato: str) -> str:
    from .salidas import texto
    return texto(ciclo, resultados, formato)


def preparador_pdf():
    from .formularios import preparador
    return preparador()


def informe(repositorio, ciclo, resultados, validacion, corte, destino) -> int:
    from .informe_rrhh import escribir
    return escribir(repositorio, ciclo, resultados, destino)


def sitio(repositorio):
    from .portal import paginas
    return paginas(repositorio)


def ordenes_propias() -> dict:
    """`nuevo`, `importar` y `exportar`: trabajan con la forma de sus registros (colaborador, evaluaciones)."""
    from . import ordenes
    return {"nuevo": ordenes.nuevo, "importar": ordenes.importar, "exportar": ordenes.exportar}


def validar_politica(parametros: dict, documento, informe) -> bool:
    """Coherencia de la política misma: pesos que suman, niveles y tramos que coinciden."""
    from decimal import Decimal
    bien = True

    def error(ruta, mensaje):
        nonlocal bien
        informe.error(documento.en("parametros", *ruta), mensaje)
        bien = False

    niveles = set(parametros["niveles"].valor)
    for nivel, catalogo in parametros["competencias"].valor.items():
        if not catalogo or sum(Decimal(c.get("peso", 1)) for c in catalogo if isinstance(c, dict)) <= 0:
            error(("competencias", "valor", nivel), f"el nivel «{nivel}» necesita competencias con algún peso")
        for i, competencia in enumerate(catalogo if isinstance(catalogo, list) else []):
            claves = set(competencia) if isinstance(competencia, dict) else set()
            if not {"clave", "nombre", "descripcion"} <= claves or claves - {"clave", "nombre", "descripcion", "peso"}:
                error(("competencias", "valor", nivel, i), "cada competencia tiene «clave», «nombre», «descripcion» y, "
                      "si se quiere, «peso» (escriba entre comillas un texto con comas)")
    total = Decimal(parametros["suma_pesos"].valor)
    for clave in ("pesos_partes", "competencias"):
        if set(parametros[clave].valor) != niveles:
            error((clave, "valor"), f"«{clave}» debe tener exactamente los niveles: {', '.join(sorted(niveles))}")
    for nivel, pesos in parametros["pesos_partes"].valor.items():
        desconocidas = set(pesos) - set(parametros["partes"].valor)
        if desconocidas:
            error(("pesos_partes", "valor", nivel), f"parte desconocida: {', '.join(sorted(desconocidas))}")
        if sum(Decimal(p) for p in pesos.values()) != total:
            error(("pesos_partes", "valor", nivel), f"los pesos del nivel «{nivel}» no suman {total}")
    tramos = parametros["escala"].valor
    minimos = [Decimal(t["minimo"]) for t in tramos]
    if minimos != sorted(minimos, reverse=True) or minimos[-1] != 0:
        error(("escala", "valor"), "los tramos van de mayor a menor y el último empieza en 0")
    claves = {t["clave"] for t in tramos}
    for clave in ("distribucion_esperada", "consecuencias"):
        if set(parametros[clave].valor) != claves:
            error((clave, "valor"), f"«{clave}» debe tener exactamente los tramos de la escala")
    if sum(Decimal(v) for v in parametros["distribucion_esperada"].valor.values()) != 100:
        error(("distribucion_esperada", "valor"), "la distribución esperada debe sumar 100")
    return bien
