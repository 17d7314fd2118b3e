"""El gancho de pre-commit corre `generador validar` de verdad: deja pasar datos válidos y frena los inválidos."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import EJEMPLO, RAIZ

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="sin git no hay commits que revisar")


def test_los_ganchos_publicados_corren_generador_validar():
    ganchos = YAML(typ="safe").load((RAIZ / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [g["id"] for g in ganchos] == ["generador-validar"]
    assert ganchos[0]["entry"] == "generador validar" and ganchos[0]["pass_filenames"] is False
    local = YAML(typ="safe").load((RAIZ / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    gancho = local["repos"][0]["hooks"][0]
    assert gancho["entry"] == ".venv/bin/generador validar" and gancho["files"] == ganchos[0]["files"]


def _git(carpeta: Path, *argumentos: str) -> subprocess.CompletedProcess:
    entorno = {**os.environ, "PRE_COMMIT_HOME": str(carpeta.parent / "cache-pre-commit"),
               "GIT_AUTHOR_NAME": "AFRH", "GIT_AUTHOR_EMAIL": "afrh@example.invalid",
               "GIT_COMMITTER_NAME": "AFRH", "GIT_COMMITTER_EMAIL": "afrh@example.invalid"}
    return subprocess.run(argumentos, cwd=carpeta, env=entorno, capture_output=True, text=True)


def test_pre_commit_frena_un_registro_invalido(tmp_path):
    repo = tmp_path / "entidad"
    shutil.copytree(EJEMPLO, repo / "datos")
    shutil.copy(RAIZ / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(Path(sys.prefix))  # el entorno que corre estas pruebas, con `generador`
    (repo / ".gitignore").write_text(".venv\n", encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    assert _git(repo, "git", "init", "-q").returncode == 0
    assert _git(repo, *pre_commit, "install").returncode == 0
    assert _git(repo, "git", "add", ".").returncode == 0
    bueno = _git(repo, "git", "commit", "-qm", "Ciclo 2024")
    assert bueno.returncode == 0, bueno.stdout + bueno.stderr

    registro = repo / "datos/ciclos/2024/servidores/quispe-mamani-rosa.yaml"
    registro.write_text(registro.read_text(encoding="utf-8").replace("peso: 60", "peso: 65", 1), encoding="utf-8")
    _git(repo, "git", "add", ".")
    malo = _git(repo, "git", "commit", "-qm", "Cambio de pesos")
    assert malo.returncode != 0
    assert "datos/ciclos/2024/servidores/quispe-mamani-rosa.yaml:" in malo.stdout + malo.stderr
    assert _git(repo, "git", "log", "--oneline").stdout.count("\n") == 1  # el commit malo no entró
