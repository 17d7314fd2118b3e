"""El Formato GDR 2025 oficial de SERVIR como libro de Excel: los evaluadores lo reciben prellenado y lo devuelven
lleno (issue 16).

- `celdas.py`: el mapa de celdas de la hoja «Formato GDR 2025» y los rótulos que se verifican al leer;
- `plantilla.py`: el libro oficial (`plantillas/gdr/formato-gdr-2025.xlsx`) llenado editando el XML de la hoja,
  sin perder dibujos, listas, fórmulas ni comentarios;
- `exportar.py`: `generador exportar --formato gdr`, un libro por servidor en una carpeta por evaluador;
- `lectura.py`: lo que dice un libro devuelto, celda por celda, con cada problema en `archivo:hoja!celda`;
- `registro.py`: los cambios en el registro YAML (ruamel.yaml, con sus comentarios) y su validación en memoria;
- `importar.py`: `generador importar-formatos`, que junta todos los problemas y no escribe nada si hay alguno.
"""


def exportar_formatos(argumentos) -> int:
    """`generador exportar --formato gdr` (el nombre no es `exportar`: ese es el del módulo)."""
    from .exportar import exportar
    return exportar(argumentos)


def importar_formatos(argumentos) -> int:
    """`generador importar-formatos`."""
    from .importar import importar
    return importar(argumentos)
