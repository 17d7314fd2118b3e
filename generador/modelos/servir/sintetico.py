"""Una entidad sintética de N servidores para pruebas de escala y mediciones.

Determinista para una semilla: los mismos parámetros dan los mismos archivos.
Realista en lo que importa al programa: órganos con su directivo, mandos medios
que evalúan a su equipo, de 2 a 5 metas por servidor, reuniones de
seguimiento, evidencias, todas las etapas con sus plazos en días hábiles, CIE,
Junta y algunos servidores sujetos a observación. Los datos son ficticios.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from .reglas.plazos import Calendario

NOMBRES = ["Ana", "Luis", "Rosa", "Jorge", "Carmen", "Pedro", "Lucía", "Miguel", "Elena", "Raúl", "Sofía", "César",
           "Patricia", "Víctor", "Gabriela", "Óscar", "Karina", "Daniel", "Milagros", "Fernando", "Liliana", "Hugo",
           "Natalia", "Álvaro", "Julia", "Renzo", "Diana", "Ricardo", "Mariela", "Juana", "Gladys", "Teodoro"]
APELLIDOS = ["Quispe", "Mamani", "Huamán", "Flores", "Rojas", "Sánchez", "Chávez", "Torres", "Ramírez", "Mendoza",
             "Vásquez", "Castillo", "Espinoza", "Paredes", "Cárdenas", "Ñahui", "Condori", "Villanueva", "Aguilar",
             "Salazar", "Pacheco", "Zevallos", "Calderón", "Palomino", "Rengifo", "Valdivia", "Tello", "Luna"]
TEMAS = ["monitoreo oceanográfico", "evaluación de recursos", "gestión presupuestal", "contrataciones", "tesorería",
         "recursos humanos", "tecnologías de la información", "laboratorio", "acuicultura", "atención al ciudadano"]
ACCIONES = ["Elaborar los informes técnicos de", "Procesar la base de datos de", "Ejecutar el plan anual de",
            "Supervisar las actividades de", "Actualizar los procedimientos de", "Atender los requerimientos de"]
NIVELES = {"A": "100 %", "B": "90 a 99 %", "C": "70 a 89 %", "D": "40 a 69 %", "E": "menos de 40 %"}
MINIMO = 20  # para que cada segmento tenga titular y suplente en el CIE
ETAPAS = [("planificacion", (3, 2), (3, 31)), ("establecimiento_metas", (4, 1), (4, 30)), ("seguimiento", (5, 2), (12, 31)),
          ("evaluacion", (1, 5), (2, 13)), ("retroalimentacion", (2, 16), (3, 31))]


def _q(texto: str) -> str:
    return json.dumps(texto, ensure_ascii=False)  # JSON es YAML válido: comillas dobles seguras


class _Entidad:
    def __init__(self, n: int, semilla: int, anio: int):
        self.n, self.anio, self.rnd = n, anio, random.Random(semilla)
        self.cal = Calendario()
        self.etapas = {}
        for clave, (m1, d1), (m2, d2) in ETAPAS:
            a1 = anio if m1 >= 3 else anio + 1  # el ciclo va de marzo a marzo
            a2 = a1 if m2 >= m1 else a1 + 1
            self.etapas[clave] = (dt.date(a1, m1, d1), dt.date(a2, m2, d2))
        self.personas = self._personas()

    def _documento(self, i: int) -> str:
        return f"{70000000 + i * 7919 % 9999991:08d}"

    def _personas(self) -> list[dict]:
        organos = max(2, self.n // 40)
        personas = []
        for i in range(self.n):
            organo = f"ORG{i % organos + 1:03d}"
            if i < organos:
                segmento = "directivo"
            elif i < organos * 4:
                segmento = "mando_medio"
            else:
                segmento = "ejecutor" if i % 5 < 3 else "operador_asistencia"  # 60 % y 40 %, siempre ambos
            personas.append({"i": i, "organo": organo, "segmento": segmento, "documento": self._documento(i),
                             "nombres": self.rnd.choice(NOMBRES), "apellidos": f"{self.rnd.choice(APELLIDOS)} {self.rnd.choice(APELLIDOS)}",
                             "tema": self.rnd.choice(TEMAS)})
        directivos = {p["organo"]: p for p in personas if p["segmento"] == "directivo"}
        mandos: dict[str, list] = {}
        for p in personas:
            if p["segmento"] == "mando_medio":
                mandos.setdefault(p["organo"], []).append(p)
        for p in personas:
            if p["segmento"] == "directivo":
                p["evaluador"] = "09999999"  # el Titular, evaluador externo
            elif p["segmento"] == "mando_medio" or not mandos.get(p["organo"]):
                p["evaluador"] = directivos[p["organo"]]["documento"]
            else:
                p["evaluador"] = self.rnd.choice(mandos[p["organo"]])["documento"]
            p["observado"] = p["segmento"] in ("ejecutor", "operador_asistencia") and self.rnd.random() < 0.05
        return personas

    def registro(self, p: dict) -> str:
        rnd, cal = self.rnd, self.cal
        puesto = {"directivo": "Director de", "mando_medio": "Jefe del área de", "ejecutor": "Especialista en",
                  "operador_asistencia": "Técnico de"}[p["segmento"]] + " " + p["tema"]
        lineas = ["servidor:", f"  nombres: {_q(p['nombres'])}", f"  apellidos: {_q(p['apellidos'])}",
                  f'  documento: "{p["documento"]}"', f"  segmento: {p['segmento']}", f'  regimen: "{rnd.choice(["728", "1057"])}"',
                  f"  profesion: {_q('Profesional en ' + p['tema'])}", f"  puesto: {_q(puesto)}", f"  organo: {p['organo']}",
                  f"  fecha_inicio_puesto: {dt.date(self.anio - 1 - rnd.randrange(8), 1 + rnd.randrange(12), 1)}",
                  f'evaluador: "{p["evaluador"]}"']
        fijacion = cal.sumar_habiles(self.etapas["establecimiento_metas"][0], 3 + p["i"] % 12)
        lineas.append(f"reunion_fijacion_metas: {fijacion}")
        logros_bajos = p["observado"]
        if p["segmento"] != "directivo":
            lineas += ["metas_grupales:", f"  - objetivo: {_q('Meta POI del órgano ' + p['organo'])}",
                       "    indicador: Porcentaje de avance", "    meta: 100 %", "    evidencia: Reporte del POI",
                       "    peso: 100", f"    alcanzado: {rnd.choice([40, 55]) if logros_bajos else rnd.choice([85, 90, 95, 100, 110])}"]
        cantidad = 2 + rnd.randrange(4)
        pesos = [100 // cantidad] * cantidad
        pesos[0] += 100 - sum(pesos)
        lineas.append("metas_individuales:")
        objetivos = []
        for k in range(cantidad):
            objetivo = f"{rnd.choice(ACCIONES)} {p['tema']} ({k + 1})"
            objetivos.append(objetivo)
            if logros_bajos:
                logro = rnd.choice("DE")
            elif p.get("en_junta"):
                logro = "C"  # quien integra la Junta no debe ser candidato a rendimiento distinguido
            else:
                logro = rnd.choices("ABCD", weights=[30, 40, 25, 5])[0]
            if p["segmento"] == "directivo" and logro == "D":
                logro = "C"
            lineas += [f"  - origen: {rnd.choice(['POI', 'MOF', 'TdR', 'Perfil de Puesto'])}", f"    objetivo: {_q(objetivo)}",
                       "    indicador: Entregables aprobados", "    meta: 100 % de los entregables", "    evidencia: Informes aprobados",
                       f"    hitos: [{{fecha: {dt.date(self.anio, 9, 30)}, descripcion: 50 % de avance}}]",
                       "    niveles: {" + ", ".join(f"{n}: {v}" for n, v in NIVELES.items()) + "}",
                       f"    peso: {pesos[k]}", f"    logro: {logro}"]
        if p["segmento"] == "directivo":
            lineas += ["compromisos:", "  - {compromiso: Liderazgo, descripcion: Orienta al equipo, nivel_exigido: 3, "
                       "comportamientos: {1: Comunica, 2: Distribuye, 3: Retroalimenta, 4: Desarrolla líderes}, nivel_evidenciado: 3}"]
        inicio_seg = self.etapas["seguimiento"][0]
        lineas += ["evidencias:", f"  - {{factor: meta, definicion: {_q(objetivos[0])}, descripcion: Informe de avance, "
                   f"del: {cal.sumar_habiles(inicio_seg, 5)}, al: {cal.sumar_habiles(inicio_seg, 30)}, comentarios: Entregado.}}",
                   "seguimiento:", f"  - fecha: {cal.sumar_habiles(dt.date(self.anio, 9, 1), p['i'] % 15)}",
                   "    comentarios: Avance conforme a lo programado.",
                   "    metas:", f"      - {{meta: {_q(objetivos[0])}, dificultad_o_mejora: Ninguna, modificacion: Ninguna, plan_accion: Continuar}}"]
        evaluacion = cal.sumar_habiles(self.etapas["evaluacion"][0] - dt.timedelta(days=1), 18 + p["i"] % 4)
        remision = cal.sumar_habiles(evaluacion, 2)
        calificacion = cal.sumar_habiles(remision, 6)
        notificacion = cal.sumar_habiles(calificacion, 1)
        retro = max(cal.sumar_habiles(notificacion, 5), self.etapas["retroalimentacion"][0])
        lineas += ["evaluacion:", f"  fecha: {evaluacion}", f"  fecha_remision_afrh: {remision}", f"  fecha_calificacion: {calificacion}",
                   f"  fecha_notificacion: {notificacion}", "  comentarios_evaluador: Desempeño evaluado según las evidencias.",
                   "retroalimentacion:", f"  fecha: {retro}", "  comentarios_evaluador: Se revisaron los resultados.",
                   "  comentarios_evaluado: Conforme.", "plan_mejora:", f"  mes_inicio: {self.anio + 1}-04", f"  mes_fin: {self.anio + 1}-09",
                   "  acciones:", f"    - {{accion: Curso de especialización, tipo: capacitacion, mes_inicio: {self.anio + 1}-05, "
                   f"fecha_revision: {dt.date(self.anio + 1, 7, 31)}}}", "participacion: {negativa: false}"]
        return "\n".join(lineas) + "\n"

    def ciclo(self, cie: dict, junta: dict) -> str:
        lineas = ["ciclo:", f"  nombre: Ciclo sintético {self.anio}", f"  inicio: {self.etapas['planificacion'][0]}",
                  f"  fin: {self.etapas['retroalimentacion'][1]}", f"  resolucion: Resolución N° 001-{self.anio}-SINT", "  politica: imarpe-2018",
                  "pesos_segmento:", "  directivo: {grupales: 0, individuales: 100}", "  mando_medio: {grupales: 30, individuales: 70}",
                  "  ejecutor: {grupales: 30, individuales: 70}", "  operador_asistencia: {grupales: 40, individuales: 60}", "cronograma:"]
        for clave, (inicio, fin) in self.etapas.items():
            lineas += [f"  - etapa: {clave}", f"    inicio: {inicio}", f"    fin: {fin}",
                       f"    actividades: [{{actividad: Actividades de la etapa, responsable: AFRH, inicio: {inicio}, fin: {fin}}}]"]
        lineas += ['evaluadores_externos: [{documento: "09999999", nombres: Titular, apellidos: De la Entidad, cargo: Titular}]', "cie:"]
        lineas += [f'  {grupo}: {{titular: "{t}", suplente: "{s}"}}' for grupo, (t, s) in cie.items()]
        lineas += ["junta:", f'  afrh: "{junta["afrh"]}"', "  directivos: [" + ", ".join(f'"{d}"' for d in junta["directivos"]) + "]",
                   f"  acta: Acta N° 001-{self.anio + 1}-JD", "  designados: []"]
        return "\n".join(lineas) + "\n"


def escribir(n: int, salida: Path, semilla: int = 1, anio: int = 2025) -> int:
    """Escribe la entidad sintética en `salida` (entidad.yaml y ciclos/<anio>/); devuelve cuántos registros."""
    if n < MINIMO:
        raise ValueError(f"se necesitan al menos {MINIMO} servidores para formar el CIE y la Junta")
    entidad = _Entidad(n, semilla, anio)
    organos = sorted({p["organo"] for p in entidad.personas})
    carpeta = salida / "ciclos" / str(anio)
    (carpeta / "servidores").mkdir(parents=True, exist_ok=True)
    nombres_organos = "\n".join(f"    {o}: Órgano sintético {o[3:]}" for o in organos)
    (salida / "entidad.yaml").write_text(
        "entidad:\n  nombre: Entidad Sintética de Pruebas\n  siglas: ESP\n  organo_rrhh: ORG001\n  organos:\n" + nombres_organos + "\n",
        encoding="utf-8")
    por_segmento: dict[str, list] = {}
    for p in entidad.personas:
        por_segmento.setdefault(p["segmento"], []).append(p)
    evaluan = {p["evaluador"] for p in entidad.personas}
    rrhh = [p for p in entidad.personas if p["organo"] == "ORG001" and p["segmento"] != "directivo"]
    usados: set[str] = set()

    def elegir(candidatos) -> str:
        elegido = next(p["documento"] for p in candidatos if p["documento"] not in usados)
        usados.add(elegido)
        return elegido

    cie = {"afrh": (elegir(rrhh), elegir(rrhh))}
    mandos_que_evaluan = [p for p in por_segmento["mando_medio"] if p["documento"] in evaluan]
    cie["evaluadores"] = (elegir(mandos_que_evaluan), elegir(mandos_que_evaluan))
    for segmento in ("directivo", "mando_medio", "ejecutor", "operador_asistencia"):
        cie[segmento] = (elegir(por_segmento[segmento]), elegir(por_segmento[segmento]))
    junta = {"afrh": cie["afrh"][0], "directivos": []}  # sin directivos: ninguno puede ser candidato
    next(p for p in entidad.personas if p["documento"] == junta["afrh"])["en_junta"] = True
    (carpeta / "ciclo.yaml").write_text(entidad.ciclo(cie, junta), encoding="utf-8")
    for p in entidad.personas:
        nombre = f"s{p['i']:06d}-{p['apellidos'].split()[0].lower()}"
        nombre = nombre.translate(str.maketrans("áéíóúñ", "aeioun"))
        (carpeta / "servidores" / f"{nombre}.yaml").write_text(entidad.registro(p), encoding="utf-8")
    return n
