"""El trabajo diario alrededor de los registros YAML, común a todos los modelos.

- `lista.py` + `columnas.py`: leen una lista de personas (xlsx o csv) con las columnas de un modelo.
- `plan.py`: convierte y revisa las filas; qué archivos se crean y cuáles se actualizan (sin escribir).
- `ordenes.py`: lo común de `nuevo` e `importar` (leer el ciclo, escribir el plan, el resumen).
- `ciclo.py`: correr las fechas de un ciclo al copiarlo del anterior.
- `libro.py`: tablas de resultados en xlsx o csv (`exportar`), con los mismos bytes en cada corrida.
- `yaml_texto.py`: escribe YAML comentado (plantillas) y reescribe registros sin perder comentarios.

Cada modelo pone lo suyo (columnas, forma del registro, plantillas) en su propio `flujo`.
"""

