"""Modelo «gdr»: el método vigente de SERVIR (RPE 068-2020) con el libro oficial «Formato GDR 2025».

Lo usa la política `servir-2025`. Metas con valor esperado, sentido y peso, puntuadas de forma
continua y exacta (`fractions.Fraction`); calificación en el orden de la hoja. Etapas, un módulo cada una:

- `parametros.py`: la forma de cada parámetro de la política y su coherencia;
- `reglas.py`: las fórmulas puras (F!N21, F!D35, F!G35, cupo, permanencia, plazos), una por parámetro;
- `resultados.py`: puntaje y calificación de cada registro; `validacion.py`: errores y advertencias;
- `salidas.py`: `calificar` en tabla, JSON y CSV;
- `formulario.py`: el Formato GDR 2025 en PDF y el legajo (plantillas en `plantillas/gdr/`);
- `informe_cierre.py`: el informe de cierre (PDF confidencial, y sus cifras en CSV y Markdown);
- `portal.py`: páginas del portal (cronograma, participantes, CIE; nunca un puntaje);
- `flujo.py`: `nuevo` e `importar` (la lista de participantes común en `generador/flujo/participantes.py`).
"""

from __future__ import annotations

from . import parametros as _parametros

PARAMETROS = _parametros.PARAMETROS  # la forma de cada parámetro y su coherencia (contrato.py)
FORMAS = _parametros.FORMAS
revisar_politica = _parametros.revisar_politica
validar_politica = _parametros.validar_politica

POLITICA_POR_OMISION = "servir-2025"
ESQUEMA_CICLO = "ciclo-gdr"
ESQUEMA_REGISTRO = "registro-gdr"
CLAVE_PERSONA = "servidor"
NOMBRE_INFORME = "Informe de cierre del ciclo"
NOMBRE_PORTAL = "Gestión del Rendimiento"
ORDENES = ("validar", "calificar", "pdf", "sitio", "informe", "nuevo", "importar", "exportar", "importar-formatos")


def validar(repositorio, ciclos, informe):
    from .validacion import validar as validar_ciclos
    return validar_ciclos(repositorio, ciclos, informe)


def calificar(repositorio, ciclo, resultados, formato: str) -> str:
    from .salidas import texto
    return texto(ciclo, resultados, formato)


def preparador_pdf():
    from .formulario import preparador
    return preparador()


def informe(repositorio, ciclo, resultados, validacion, corte, destino) -> int:
    from .informe_cierre import escribir
    return escribir(repositorio, ciclo, resultados, validacion, corte, destino)


def sitio(repositorio):
    from .portal import paginas
    return paginas(repositorio)


def ordenes_propias() -> dict:
    """`nuevo` e `importar`: la lista de participantes del sector público con el servidor del Formato GDR 2025;
    `exportar --formato gdr` e `importar-formatos`: el libro oficial que llenan los evaluadores (`libro/`)."""
    from . import flujo, libro
    return {"nuevo": flujo.nuevo, "importar": flujo.importar, "exportar": libro.exportar_formatos,
            "importar-formatos": libro.importar_formatos}
