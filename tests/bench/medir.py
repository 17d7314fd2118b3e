"""Mide la velocidad de `generador pdf` sobre un ciclo de datos: páginas por segundo y
segundos por legajo (mediana de varias corridas completas, cada una en un proceso nuevo).

Uso: make bench   (o: python tests/bench/medir.py --datos datos --corridas 3)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader


def main() -> int:
    parser = argparse.ArgumentParser(description="Mide la velocidad de generador pdf.")
    parser.add_argument("--datos", default="datos")
    parser.add_argument("--ciclo", help="carpeta del ciclo (por omisión, el último)")
    parser.add_argument("--corridas", type=int, default=3)
    argumentos = parser.parse_args()

    tiempos = []
    with tempfile.TemporaryDirectory() as temporal:
        for _ in range(argumentos.corridas):
            orden = [sys.executable, "-m", "generador", "pdf", "--datos", argumentos.datos, "--salida", temporal]
            if argumentos.ciclo:
                orden += ["--ciclo", argumentos.ciclo]
            inicio = time.perf_counter()
            subprocess.run(orden, check=True, capture_output=True)
            tiempos.append(time.perf_counter() - inicio)
        carpeta = next(p for p in Path(temporal).iterdir() if p.is_dir() and not p.name.startswith("."))
        legajos = sorted(carpeta.glob("*/legajo.pdf"))
        paginas_legajos = sum(len(PdfReader(p).pages) for p in legajos)
        archivos = list(carpeta.rglob("*.pdf"))
        paginas_escritas = sum(len(PdfReader(p).pages) for p in archivos)

    mediana = statistics.median(tiempos)
    print(f"Máquina: {os.cpu_count()} núcleos; un proceso; {argumentos.corridas} corridas, se cita la mediana.")
    print(f"Ciclo {carpeta.name}: {len(legajos)} legajos ({paginas_legajos} páginas), "
          f"{len(archivos)} archivos PDF en total ({paginas_escritas} páginas escritas).")
    print()
    print(f"{'segundos (mín / mediana / máx)':<34}{'páginas de legajo/s':>22}{'s por legajo':>15}")
    print(f"{min(tiempos):.1f} / {mediana:.1f} / {max(tiempos):.1f}".ljust(34)
          + f"{paginas_legajos / mediana:>22.1f}{mediana / len(legajos):>15.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
