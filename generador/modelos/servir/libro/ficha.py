"""Lo que los Anexos 1 y 4 en Excel necesitan de un servidor: sus datos y los del evaluador, los de la política
(niveles de logro, tope, niveles de los compromisos) y qué partes del Anexo 1 aún no tiene el registro.

No depende del puntaje: los puntajes del libro son fórmulas de referencia y la calificación, si ya existe,
entra como dato opcional. Así `importar-formatos` arma el mismo plano que `exportar` sin calificar.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ....repositorio import Ciclo, Registro
from ..hechos import dificultades
from ..personas import Persona, evaluador, persona

# Filas en blanco para las metas de un registro que aún no las tiene (se llenan en la fijación de metas).
GRUPALES_EN_BLANCO = 3
INDIVIDUALES_EN_BLANCO = 5
COMPROMISOS_EN_BLANCO = 3


@dataclass
class Ficha:
    registro: Registro
    entidad: str                      # «SIGLAS — nombre»
    ciclo: Ciclo
    servidor: Persona
    evaluador: Persona
    valores: dict[str, Decimal]       # nivel de logro → valor (%), en el orden de la política (A…E)
    tope: Decimal                     # la meta grupal cuenta hasta este % (Anexo 1)
    nivel_maximo: int                 # nivel de desarrollo más alto de un compromiso
    aplica_grupales: bool
    aplica_compromisos: bool
    metas_en_blanco: bool             # el registro no tiene metas: el Anexo 1 trae filas para escribirlas
    compromisos_en_blanco: bool
    peso_grupal: Decimal              # peso de cada grupo de metas según el segmento (Anexo 4)
    peso_individual: Decimal
    dificultades: dict[str, str]      # objetivo → dificultad o mejora (la de la evaluación o del seguimiento)
    calificacion: str | None = None

    @property
    def datos(self) -> dict:
        return self.registro.datos

    def metas(self, grupo: str) -> list[dict]:
        return self.registro.lista(grupo)

    @property
    def evaluacion(self) -> dict:
        return self.registro.bloque("evaluacion")

    @property
    def nivel_esperado(self) -> str:
        """El nivel más alto (A): lo que se espera de cada meta individual."""
        return max(self.valores, key=self.valores.__getitem__)


def armar(entidad: dict, ciclo: Ciclo, registro: Registro, calificacion: str | None = None) -> Ficha:
    politica = ciclo.politica
    organos = entidad.get("organos") or {}
    segmento = registro.segmento
    pesos = (ciclo.bloque("pesos_segmento").get(segmento) or {}) if segmento else {}
    aplica_grupales = segmento not in politica.segmentos_sin_metas_grupales.valor
    aplica_compromisos = segmento in politica.segmentos_con_compromisos.valor
    return Ficha(
        registro=registro,
        entidad=" — ".join(str(p) for p in (entidad.get("siglas"), entidad.get("nombre")) if p),
        ciclo=ciclo,
        servidor=persona(registro, organos),
        evaluador=evaluador(ciclo, registro.evaluador, organos),
        valores={k: Decimal(v) for k, v in politica.valor_nivel_logro.valor.items()},
        tope=Decimal(politica.tope_alcanzado.valor),
        nivel_maximo=int(politica.nivel_maximo_compromiso.valor),
        aplica_grupales=aplica_grupales,
        aplica_compromisos=aplica_compromisos,
        metas_en_blanco=not registro.lista("metas_individuales") and not registro.lista("metas_grupales"),
        compromisos_en_blanco=aplica_compromisos and not registro.lista("compromisos"),
        peso_grupal=Decimal(pesos.get("grupales", 0)),
        peso_individual=Decimal(pesos.get("individuales", 0)),
        dificultades=dificultades(registro),
        calificacion=calificacion,
    )
