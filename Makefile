# Generador de la Gestión del Rendimiento
# `make`       crea .venv/, instala el proyecto y construye todo desde datos/
# `make test`  corre todas las pruebas

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DATOS  ?= datos
SALIDA ?= salida

.PHONY: all instalar validar calificar test limpiar

all: instalar validar calificar

# La marca se rehace cuando cambian las dependencias declaradas.
$(VENV)/.instalado: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Falta $(PYTHON): instálelo (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[pruebas]'
	touch $@

instalar: $(VENV)/.instalado

validar: instalar
	$(BIN)/generador validar --datos $(DATOS)

# Los puntajes son datos personales (Ley N°29733): van a un archivo en salida/, nunca a la consola de CI.
calificar: instalar
	@mkdir -p $(SALIDA)
	$(BIN)/generador calificar --datos $(DATOS) --formato csv --salida $(SALIDA)/calificaciones.csv
	@echo "Calificaciones escritas en $(SALIDA)/calificaciones.csv"

test: instalar
	$(BIN)/python -m pytest -q

limpiar:
	rm -rf $(SALIDA) .pytest_cache .hypothesis
