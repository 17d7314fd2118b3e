"""La lista de colaboradores de la empresa (xlsx o csv) se vuelve un registro por persona, o actualiza los que ya hay.

Las columnas salen del registro (`colaborador` en `registro-ponderado.schema.json`)
más el documento del jefe directo, que va a la evaluación de línea «directa». La
lectura, la revisión de las filas y la escritura son las del núcleo (`generador/flujo/`):
si alguna fila está mal, nada se escribe; un registro que ya existe solo cambia en
los datos de `colaborador` que trae la lista y en su evaluador directo.
"""

from __future__ import annotations

from pathlib import Path

from ...flujo import columnas as col
from ...flujo.columnas import Columna, ValorInvalido, normalizar
from ...flujo.lista import Fila
from ...flujo.plan import Plan, componer, convertir, poner, revisar_evaluadores, ruta_esquema
from ...flujo.yaml_texto import abrir, plantilla, volcar
from ...repositorio import Ciclo, Repositorio

COLUMNAS = (
    Columna("documento", "Documento", True, ("documento", "dni", "dni ce", "documento identidad", "doc identidad",
                                             "documento identidad dni", "dni colaborador", "documento colaborador"),
            "DNI (8 dígitos) o carné de extranjería; mejor como texto para no perder ceros iniciales"),
    Columna("apellidos", "Apellidos", True, ("apellidos", "apellido", "apellidos colaborador"), ""),
    Columna("nombres", "Nombres", True, ("nombres", "nombre", "nombres colaborador"), ""),
    Columna("nivel", "Nivel", True, ("nivel", "nivel puesto", "nivel cargo", "categoria", "grupo"),
            "Ejecutivo, Mando medio o Apoyo y servicio"),
    Columna("puesto", "Puesto", True, ("puesto", "cargo", "denominacion puesto", "nombre puesto"), ""),
    Columna("departamento", "Departamento", True, ("departamento", "depto", "gerencia", "direccion", "unidad"),
            "la clave o el nombre de un departamento de entidad.yaml («organos»)"),
    Columna("area", "Área", False, ("area", "equipo", "seccion", "area equipo"), ""),
    Columna("fecha_ingreso", "Fecha de ingreso", True,
            ("fecha ingreso", "ingreso", "fecha ingreso empresa", "fecha reingreso", "fecha alta"),
            "ingreso o reingreso a la empresa (celda de fecha, DD/MM/AAAA o AAAA-MM-DD)"),
    Columna("fecha_ingreso_area", "Fecha de ingreso al área", False,
            ("fecha ingreso area", "ingreso area", "fecha cambio area", "llegada area"), "si cambió de área"),
    Columna("estable", "Estable", False, ("estable", "personal estable", "estabilidad"), "Sí o No (No: practicante, temporal)"),
    Columna("evaluador", "Documento del evaluador", True,
            ("evaluador", "dni evaluador", "documento evaluador", "evaluador dni", "jefe directo", "dni jefe directo",
             "documento jefe directo", "dni jefe inmediato", "documento jefe inmediato"),
            "el documento del jefe directo: un ejecutivo o mando medio del ciclo, o un evaluador externo de ciclo.yaml"),
)
CAMPOS_COLABORADOR = ("nombres", "apellidos", "documento", "nivel", "departamento", "area", "puesto", "fecha_ingreso",
                      "fecha_ingreso_area", "estable")
SINONIMOS_NIVEL = {"ejecutivo": "ejecutivo", "ejecutivos": "ejecutivo", "gerente": "ejecutivo", "director": "ejecutivo",
                   "mando medio": "mando_medio", "mandos medios": "mando_medio", "mando": "mando_medio",
                   "jefe": "mando_medio", "apoyo servicio": "apoyo_servicio", "apoyo": "apoyo_servicio",
                   "servicio": "apoyo_servicio", "personal apoyo": "apoyo_servicio"}
SI_NO = {"si": True, "s": True, "x": True, "true": True, "verdadero": True, "1": True, "estable": True,
         "no": False, "false": False, "falso": False, "0": False}


def nivel(valor, niveles: dict[str, str]) -> str:
    """La clave del nivel, escrita como clave («mando_medio»), como su nombre en la política o como sinónimo."""
    conocidos = {normalizar(c): c for c in niveles} | {normalizar(n): c for c, n in niveles.items()}
    clave = normalizar(valor)
    encontrado = conocidos.get(clave) or SINONIMOS_NIVEL.get(clave)
    if encontrado not in niveles:
        raise ValorInvalido(f"nivel desconocido: use {', '.join(niveles.values())}")
    return encontrado


def estable(valor) -> bool:
    if isinstance(valor, bool):
        return valor
    clave = normalizar(valor) if not isinstance(valor, (int, float)) else str(int(valor))
    if clave not in SI_NO:
        raise ValorInvalido("use Sí o No")
    return SI_NO[clave]


def texto_registro(titulo_ciclo: str, destino: Path, colaborador: dict, evaluador: str, origen: str,
                   otros: tuple[dict, ...] = ()) -> str:
    """El registro nuevo, comentado: `evaluador` es el jefe directo; `otros`, las demás líneas de reporte."""
    ordenado = {clave: colaborador.get(clave) for clave in CAMPOS_COLABORADOR}
    return plantilla("registro-ponderado.yaml.j2", esquema=ruta_esquema(destino, "registro-ponderado"),
                     ciclo=titulo_ciclo, colaborador=ordenado, evaluador=evaluador, origen=origen, otros=otros)


def planear(repositorio: Repositorio, ciclo: Ciclo, filas: list[Fila], origen: str, solo_nuevos: bool = False) -> Plan:
    """Revisa todas las filas y prepara los archivos a escribir (sin escribir nada)."""
    plan = Plan()
    organos = (repositorio.datos_entidad or {}).get("organos") or {}
    politica = ciclo.politica
    niveles = politica.niveles.valor
    admitidos = set(politica.niveles_evaluadores.valor)
    existentes = {r.documento: r for r in ciclo.registros if r.documento}
    evaluadores = {d for d, r in existentes.items() if r.servidor.get("nivel") in admitidos}
    evaluadores |= {str(e.get("documento")) for e in ciclo.lista("evaluadores_externos") if isinstance(e, dict)}
    conversiones = {"documento": col.documento, "evaluador": col.documento, "fecha_ingreso": col.fecha,
                    "fecha_ingreso_area": col.fecha, "estable": estable,
                    "nivel": lambda valor: nivel(valor, niveles),
                    "departamento": lambda valor: col.organo(valor, organos)}
    convertidas = convertir(filas, COLUMNAS, conversiones, existentes, solo_nuevos, plan)
    evaluadores |= {v["documento"] for _, v in convertidas if v.get("nivel") in admitidos and v.get("documento")}
    referencia = politica.niveles_evaluadores.referencia
    revisar_evaluadores(plan, convertidas, evaluadores, f"nadie se evalúa a sí mismo ({referencia})",
                        f"no es ejecutivo ni mando medio de la lista o del ciclo, ni evaluador externo de ciclo.yaml ({referencia})")
    if plan.errores:
        return plan

    def crear(destino: Path, valores: dict) -> str:
        colaborador = {c: v for c, v in valores.items() if c != "evaluador"}
        return texto_registro(f"{ciclo.nombre} (carpeta {ciclo.carpeta})", destino, colaborador, valores["evaluador"],
                              origen)

    return componer(plan, convertidas, existentes, ciclo.ruta / "servidores", crear, actualizar)


def actualizar(texto: str, valores: dict) -> str:
    """Cambia solo los datos del colaborador y el evaluador directo; lo demás (y sus comentarios) queda igual."""
    from ruamel.yaml.comments import CommentedMap
    datos, yaml = abrir(texto)
    colaborador = datos["colaborador"]
    cambio = False
    for campo, valor in valores.items():
        if campo != "evaluador":
            cambio |= poner(colaborador, campo, valor, campo == "documento")
    evaluaciones = datos.get("evaluaciones")
    directa = next((e for e in evaluaciones or [] if isinstance(e, dict) and e.get("linea") == "directa"), None)
    if directa is not None:
        cambio |= poner(directa, "evaluador", valores["evaluador"], True)
    else:
        nueva = CommentedMap(evaluador=None, linea="directa")
        poner(nueva, "evaluador", valores["evaluador"], True)
        if evaluaciones is None:
            datos["evaluaciones"] = evaluaciones = []
        evaluaciones.insert(0, nueva)
        cambio = True
    return volcar(datos, yaml) if cambio else texto
