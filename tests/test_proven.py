"""Heavy tests proven by an earlier pass (tests/fixtures/proven.py and the hooks in conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fixtures.proven import Proofs, inputs_digest, rerun_all

ROOT = Path(__file__).resolve().parents[1]


def tree(tmp_path: Path) -> tuple[Path, Path]:
    root, shared = tmp_path / "project", tmp_path / "shared"
    for folder, files in ((root, {"lib/a.py": "x = 1\n", "data/t.csv": "a\n1\n"}), (shared, {"raw/r.csv": "r\n"})):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    return root, shared


def test_the_digest_changes_with_any_input_and_only_then(tmp_path, monkeypatch):
    root, shared = tree(tmp_path)
    monkeypatch.delenv("TI_EXTRA", raising=False)
    first = inputs_digest(root, shared)
    assert inputs_digest(root, shared) == first
    (root / "_build").mkdir()
    (root / "_build" / "page.html").write_text("built")  # build output is not an input
    assert inputs_digest(root, shared) == first
    changes = []
    (root / "data" / "t.csv").write_text("a\n2\n")
    changes.append(inputs_digest(root, shared))
    (shared / "raw" / "r.csv").write_text("r2\n")
    changes.append(inputs_digest(root, shared))
    monkeypatch.setenv("TI_EXTRA", "1")
    changes.append(inputs_digest(root, shared))
    assert len({first, *changes}) == 4


def test_a_record_holds_for_its_test_and_inputs_only(tmp_path):
    proofs = Proofs(tmp_path / "proven", "digest-1")
    assert not proofs.proven("tests/test_a.py::test_x")
    proofs.record("tests/test_a.py::test_x")
    assert proofs.proven("tests/test_a.py::test_x") and not proofs.proven("tests/test_a.py::test_y")
    assert not Proofs(tmp_path / "proven", "digest-2").proven("tests/test_a.py::test_x")
    proofs.forget("tests/test_a.py::test_x")
    assert not proofs.proven("tests/test_a.py::test_x")
    assert [p.suffix for p in (tmp_path / "proven").iterdir()] == []  # no temporary file left


def test_rerun_all(monkeypatch):
    monkeypatch.delenv("TI_RERUN_PROVEN", raising=False)
    assert rerun_all(True) and not rerun_all(False)
    monkeypatch.setenv("TI_RERUN_PROVEN", "0")
    assert not rerun_all(False)
    monkeypatch.setenv("TI_RERUN_PROVEN", "1")
    assert rerun_all(False)


PROBE = textwrap.dedent('''
    import os
    from pathlib import Path

    import pytest

    @pytest.mark.heavy
    def test_probe():
        with open(os.environ["PROBE_LOG"], "a") as log:
            log.write("ran\\n")
        assert not (Path(__file__).parent / "fail").exists()
''')


@pytest.mark.heavy
def test_a_passed_heavy_test_is_skipped_until_an_input_changes_and_a_failure_is_forgotten(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "conftest.py", project / "conftest.py")
    (project / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\nmarkers =\n    heavy: heavy\n")
    (project / "test_probe.py").write_text(PROBE)
    log = tmp_path / "runs.log"
    env = {**os.environ, "PROBE_LOG": str(log), "PYTHONPATH": str(ROOT / "tests")}
    env.pop("TI_RERUN_PROVEN", None)

    def run(*args: str) -> str:
        res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:xdist", *args], cwd=project,
                             env=env, capture_output=True, text=True, timeout=300)
        return res.stdout

    def runs() -> int:
        return log.read_text().count("ran") if log.exists() else 0

    assert "1 passed" in run() and runs() == 1
    out = run()
    assert "1 skipped" in out and "proven" in out and runs() == 1
    (project / "test_probe.py").write_text(PROBE + "\n# edited\n")
    assert "1 passed" in run() and runs() == 2
    assert "1 passed" in run("--rerun-proven") and runs() == 3
    (project / "fail").write_text("")
    assert "1 failed" in run() and runs() == 4
    (project / "fail").unlink()  # the inputs of the pass before the failure: the failure was forgotten
    assert "1 passed" in run() and runs() == 5
    assert "1 skipped" in run() and runs() == 5
