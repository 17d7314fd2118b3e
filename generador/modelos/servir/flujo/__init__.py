"""El trabajo diario de la AFRH alrededor de los registros YAML.

- `nuevo.py`: crea un registro, un ciclo vacío o un ciclo a partir del anterior.
- `lista.py` + `columnas.py`: leen la lista de participantes (xlsx o csv).
- `importar.py`: la lista se vuelve un registro por servidor (o actualiza los existentes).
- `exportar.py`: resultados consolidados del ciclo en xlsx o csv.
- `yaml_texto.py`: escribe YAML comentado (plantillas) y reescribe registros sin perder comentarios.
"""
