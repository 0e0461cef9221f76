"""The notebook zip of the built book runs as downloaded: unzipped into an empty folder, installed
into a fresh virtual environment from the zip's own requirements.txt, one chapter executes.

Needs the built book (make book); skipped without it unless TI_REQUIRE_BOOK=1. pip installs from
the configured index or wheel cache (offline here).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tradeimbalance import teaching
from fixtures.built import missing

pytestmark = pytest.mark.built  # checks a built product: make built-test runs it

ROOT = Path(__file__).resolve().parents[1]
ZIP = ROOT / "_build" / "html" / teaching.NOTEBOOK_DIR / teaching.ZIP_NAME


def test_downloaded_notebook_runs_in_a_fresh_venv(tmp_path):
    if not ZIP.is_file():
        if os.environ.get("TI_REQUIRE_BOOK", "") not in ("", "0"):
            pytest.fail(f"no notebook zip at {ZIP}")
        missing(f"no notebook zip at {ZIP} (make book)")
    folder = tmp_path / "download"
    with zipfile.ZipFile(ZIP) as z:
        z.extractall(folder)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # Nothing of this checkout may leak in: no PYTHONPATH, no TRADEIMBALANCE_* overrides.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("TRADEIMBALANCE_")}
    env["PATH"] = f"{env_dir / 'bin'}:{env['PATH']}"
    install = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
                             cwd=folder, env=env, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-3000:]
    where = subprocess.run([str(py), "-c", "import tradeimbalance, sys; print(tradeimbalance.__file__)"],
                           cwd=folder, env=env, capture_output=True, text=True)
    assert str(env_dir) in where.stdout and str(ROOT) not in where.stdout, where
    run = subprocess.run(
        [str(env_dir / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=600", "notebooks/bilateral.ipynb", "--output", "bilateral-run.ipynb"],
        cwd=folder, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    nb = json.loads((folder / "notebooks" / "bilateral-run.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code), "every cell must have run"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    shown = json.dumps([c.get("outputs", []) for c in code])
    assert "application/vnd.tradeimbalance.chart+json" in shown, "the figure was not drawn"
