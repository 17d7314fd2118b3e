"""El trabajo diario de la AFRH alrededor de los registros YAML.

- `nuevo.py`: crea un registro, un ciclo vacío o un ciclo a partir del anterior.
- `columnas.py`: las columnas de la lista de participantes (la lectura es `generador/flujo/lista.py`).
- `importar.py`: la lista se vuelve un registro por servidor (o actualiza los existentes).
- `exportar.py`: resultados consolidados del ciclo en xlsx o csv.

Lo común a los modelos (leer la lista, el plan de archivos, escribir YAML comentado,
el libro xlsx) está en `generador/flujo/`.
"""
