"""El contrato de un modelo: lo que el núcleo le pide, escrito una sola vez.

Un modelo es un paquete (`generador/modelos/<clave>/` o uno instalado que se declara en el grupo de
puntos de entrada `generador.modelos`) cuyo módulo principal tiene cada miembro de `Modelo`. Las
constantes son datos; las funciones importan lo pesado (WeasyPrint, plantillas) solo cuando se
llaman: leer una política no debe cargar el motor de PDF.

Los miembros son los que el núcleo usa de verdad: `politica.py` (parámetros, formas, coherencia),
`repositorio.py` (esquemas, persona), `validacion.py` (reglas), `ordenes.py` (órdenes, calificar,
PDF, informe y las órdenes propias del modelo) y `portal/construir.py` (páginas y nombre del portal).
`tests/modelos/test_contrato.py` comprueba que cada modelo registrado los tiene y que cada uno está
documentado aquí.
"""

from __future__ import annotations

from typing import Any, Callable, Protocol, runtime_checkable


@runtime_checkable
class Modelo(Protocol):
    """Lo que un modelo de evaluación da al núcleo."""

    @property
    def PARAMETROS(self) -> dict[str, type | tuple[type, ...]]:  # noqa: N802 — constante del módulo
        """{nombre: tipo}: los parámetros que su política debe definir, cada uno `{valor, referencia}`
        (`politica.py` rechaza los que faltan, sobran o tienen otro tipo)."""

    @property
    def FORMAS(self) -> dict[str, Any]:  # noqa: N802
        """{nombre: Forma}: la forma del valor de cada parámetro (rangos, opciones, claves; ver
        `politica.py`). Debe poder leerse sin cargar WeasyPrint ni plantillas."""

    @property
    def POLITICA_POR_OMISION(self) -> str:  # noqa: N802
        """La clave de la política propia del modelo. La del modelo por omisión
        (`modelos.MODELO_POR_OMISION`) rige un ciclo.yaml que no nombra política y es la de
        `generador nuevo` sin --politica."""

    @property
    def ESQUEMA_CICLO(self) -> str:  # noqa: N802
        """Nombre del JSON Schema de ciclo.yaml (`generador/esquemas/<nombre>.schema.json`)."""

    @property
    def ESQUEMA_REGISTRO(self) -> str:  # noqa: N802
        """Nombre del JSON Schema de cada registro de `ciclos/<ciclo>/servidores/`."""

    @property
    def CLAVE_PERSONA(self) -> str:  # noqa: N802
        """La clave del registro con los datos de la persona evaluada («servidor», «colaborador»…)."""

    @property
    def ORDENES(self) -> tuple[str, ...]:  # noqa: N802
        """Las órdenes de `generador` que admite un ciclo de este modelo; las demás son un error de uso."""

    @property
    def NOMBRE_INFORME(self) -> str:  # noqa: N802
        """El nombre del informe confidencial, en el mensaje de `generador informe`."""

    @property
    def NOMBRE_PORTAL(self) -> str:  # noqa: N802
        """El nombre del portal (título del sitio, antes de las siglas de la entidad)."""

    def revisar_politica(self, parametros: dict) -> Any:
        """Coherencia entre parámetros ya bien formados: da pares (ruta bajo «parametros», mensaje).
        Sin cargar WeasyPrint ni plantillas."""

    def validar_politica(self, parametros: dict, documento: Any, informe: Any) -> bool:
        """Coherencia de la política que necesita el documento (pesos que suman, tramos): informa cada
        problema en `informe` y devuelve si la política se puede usar."""

    def validar(self, repositorio: Any, ciclos: list, informe: Any) -> dict[str, dict]:
        """Las reglas del modelo sobre sus ciclos, ya leídos y válidos contra el esquema: informa cada
        problema y devuelve {carpeta del ciclo: {documento: resultado}}."""

    def calificar(self, repositorio: Any, ciclo: Any, resultados: dict, formato: str) -> str:
        """El texto de `generador calificar` en `formato` («tabla», «json» o «csv»)."""

    def preparador_pdf(self) -> Any:
        """El `anexos.construccion.Preparador` de `generador pdf`: qué encargos (legajos, documentos del
        ciclo) prepara el modelo; el motor de PDF por lotes los compone."""

    def informe(self, repositorio: Any, ciclo: Any, resultados: dict, validacion: Any, corte: Any,
                destino: Any) -> int:
        """Escribe el informe confidencial del ciclo en `destino` (PDF) y devuelve sus páginas; `corte`
        es la fecha de --al (None: la del último hecho registrado)."""

    def sitio(self, repositorio: Any) -> tuple[dict[str, str | bytes], list | None]:
        """Las páginas del portal ({ruta: contenido}) y su menú (None: el de mkdocs.yml)."""

    def ordenes_propias(self) -> dict[str, Callable[[Any], int]]:
        """{orden: función(argumentos) -> código de salida}: las órdenes que hace el modelo mismo,
        porque dependen de la forma de sus registros (nuevo, importar, exportar…);
        el núcleo elige el modelo y le pasa los argumentos ya leídos. {} si no tiene."""


MIEMBROS = tuple(nombre for nombre in vars(Modelo) if not nombre.startswith("_"))


def faltantes(modulo: Any) -> list[str]:
    """Los miembros del contrato que `modulo` no tiene (vacío si lo cumple)."""
    return [nombre for nombre in MIEMBROS if not hasattr(modulo, nombre)]
