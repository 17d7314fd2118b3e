# Generador de la Gestión del Rendimiento
# `make`       instala lo necesario (paquetes de Debian y .venv/) y construye todo desde datos/:
#              calificaciones, legajos en PDF y portal de intranet, en salida/; y lo mismo para la
#              empresa de ejemplo de la política «empresa» (datos/empresa/), en salida/empresa/
# `make test`  corre todas las pruebas

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DATOS  ?= datos
SALIDA ?= salida
CICLOS := $(notdir $(wildcard $(DATOS)/ciclos/*))
# La empresa de ejemplo (política «empresa», modelo de partes ponderadas por nivel).
EMPRESA ?= datos/empresa
SALIDA_EMPRESA ?= $(SALIDA)/empresa
# La entidad de ejemplo de la política «servir-2025» (Formato GDR 2025 de SERVIR, modelo «gdr»).
SERVIR2025 ?= datos/servir-2025
SALIDA_SERVIR2025 ?= $(SALIDA)/servir-2025

# Bibliotecas del sistema que usa WeasyPrint. libharfbuzz-subset0 recorta las fuentes
# unas 3 veces más rápido y de forma reproducible; poppler-utils (pdftoppm) sirve para
# mirar los PDF como imágenes.
PAQUETES_DEBIAN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
# Chromium sin pantalla (el portal en un navegador real) y LibreOffice Calc sin interfaz (un Formato GDR 2025
# abierto y guardado por LibreOffice se vuelve a leer con «generador importar-formatos»).
PAQUETES_PRUEBAS := chromium libreoffice-calc-nogui
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all sistema sistema-pruebas instalar validar calificar pdf sitio informe empresa servir2025 test bench gancho restricciones limpiar

all: instalar validar calificar pdf sitio informe empresa servir2025

# Instala los paquetes de Debian que falten (con sudo si no es root).
define instalar_debian
	@if ! command -v dpkg >/dev/null; then echo "Sin dpkg: instale a mano: $(1)"; exit 0; fi; \
	faltan=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || faltan="$$faltan $$p"; done; \
	if [ -n "$$faltan" ]; then \
	  echo "Instalando paquetes de Debian:$$faltan (si otro programa está instalando paquetes, se espera hasta 10 minutos)"; \
	  $(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$faltan >/dev/null \
	    || { echo "No se pudieron instalar los paquetes de Debian:$$faltan (vea el mensaje de apt más arriba)"; exit 1; }; \
	fi
endef

sistema:
	$(call instalar_debian,$(PAQUETES_DEBIAN))

# Los paquetes de Debian que usan solo las pruebas (PAQUETES_PRUEBAS).
sistema-pruebas:
	$(call instalar_debian,$(PAQUETES_PRUEBAS))

# La marca se rehace cuando cambian las dependencias declaradas o sus versiones.
$(VENV)/.instalado: pyproject.toml restricciones.txt
	@command -v $(PYTHON) >/dev/null || { echo "Falta $(PYTHON): instálelo (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -c restricciones.txt -e '.[pruebas]'
	touch $@

instalar: sistema $(VENV)/.instalado

validar: instalar
	$(BIN)/generador validar --datos $(DATOS)

# Los puntajes son datos personales (Ley N°29733): van a un archivo en salida/, nunca a la consola de CI.
calificar: instalar
	@mkdir -p $(SALIDA)
	$(BIN)/generador calificar --datos $(DATOS) --formato csv --salida $(SALIDA)/calificaciones.csv
	@echo "Calificaciones escritas en $(SALIDA)/calificaciones.csv"

pdf: instalar
	@for ciclo in $(CICLOS); do \
	  $(BIN)/generador pdf --datos $(DATOS) --ciclo $$ciclo --salida $(SALIDA)/pdf || exit $$?; \
	done

# El portal de intranet: páginas en sitio/generado/ y HTML en salida/sitio/ (ábralo con un navegador).
sitio: instalar
	$(BIN)/generador sitio --datos $(DATOS) --salida $(SALIDA)/sitio

# Informe de la AFRH y resultados consolidados del último ciclo: confidenciales, en salida/confidencial/.
informe: instalar
	$(BIN)/generador informe --datos $(DATOS) --salida $(SALIDA)/confidencial/informe.pdf
	$(BIN)/generador exportar --datos $(DATOS) --salida $(SALIDA)/confidencial/resultados.xlsx

# La empresa de ejemplo: los mismos pasos con su política; todo en salida/empresa/.
empresa: instalar
	$(BIN)/generador validar --datos $(EMPRESA)
	@mkdir -p $(SALIDA_EMPRESA)
	$(BIN)/generador calificar --datos $(EMPRESA) --formato csv --salida $(SALIDA_EMPRESA)/calificaciones.csv
	$(BIN)/generador pdf --datos $(EMPRESA) --salida $(SALIDA_EMPRESA)/pdf
	$(BIN)/generador sitio --datos $(EMPRESA) --salida $(SALIDA_EMPRESA)/sitio
	$(BIN)/generador informe --datos $(EMPRESA) --salida $(SALIDA_EMPRESA)/confidencial/informe.pdf

# La entidad de ejemplo de la política «servir-2025»: los mismos pasos con su política; todo en salida/servir-2025/.
servir2025: instalar
	$(BIN)/generador validar --datos $(SERVIR2025)
	@mkdir -p $(SALIDA_SERVIR2025)
	$(BIN)/generador calificar --datos $(SERVIR2025) --formato csv --salida $(SALIDA_SERVIR2025)/calificaciones.csv
	$(BIN)/generador pdf --datos $(SERVIR2025) --salida $(SALIDA_SERVIR2025)/pdf
	$(BIN)/generador sitio --datos $(SERVIR2025) --salida $(SALIDA_SERVIR2025)/sitio
	$(BIN)/generador informe --datos $(SERVIR2025) --salida $(SALIDA_SERVIR2025)/confidencial/informe.pdf

test: instalar sistema-pruebas
	$(BIN)/python -m pytest -q

# Activa el gancho de git: cada commit que toque datos/ pasa antes por «generador validar».
gancho: instalar
	$(BIN)/pre-commit install

# Mide con una entidad sintética; por ejemplo: make bench BENCH="--n 300 --corridas 3"
BENCH ?= --n 100 --corridas 3 --n-validar 10000
bench: instalar
	$(BIN)/python tests/bench/medir.py $(BENCH)

# Vuelve a fijar las versiones exactas después de actualizar dependencias a propósito.
restricciones: instalar
	{ head -2 restricciones.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^generador'; } > restricciones.nuevo
	mv restricciones.nuevo restricciones.txt

limpiar:
	rm -rf $(SALIDA) .pytest_cache .hypothesis
