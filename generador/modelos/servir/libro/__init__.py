"""Los Anexos 1 y 4 de la directiva en Excel (política imarpe-2018): un libro por servidor para su evaluador
(`generador exportar --formato anexos`) y su lectura cuando vuelve lleno (`generador importar-formatos`).

- `ficha.py`: lo que el libro necesita de un servidor (sin calificar: los puntajes del libro son fórmulas);
- `plano.py`, `partes.py`, `anexo1.py`, `anexo4.py`, `instrucciones.py`: qué va en cada celda de cada hoja,
  qué rótulos son fijos y qué celdas llena el evaluador; el mismo plano sirve para escribir y para leer;
- `escribir.py`: el plano en un .xlsx (estilos, protección, validaciones, bytes idénticos);
- `valores.py`, `leer.py`: cada celda leída como dato, con su problema `archivo:Hoja!Celda: …`;
- `aplicar.py`: lo leído, escrito en el registro con ruamel.yaml sin tocar lo demás;
- `exportar.py`, `importar.py`: las dos órdenes (con la validación en memoria antes de escribir).
"""

from __future__ import annotations


def planos(f) -> list:
    """Las tres hojas del libro de un servidor: «Anexo 1», «Anexo 4» e «Instrucciones»."""
    from . import anexo1, anexo4, instrucciones
    from .partes import resolver
    posiciones: dict[str, str] = {}
    uno, cuatro = anexo1.hoja(f, posiciones), anexo4.hoja(f, posiciones)
    resolver([uno, cuatro], posiciones)
    return [uno, cuatro, instrucciones.hoja(f)]
