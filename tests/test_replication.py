"""The README's list of exhibits is generated from the figure and claims registries and up to date."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tradeimbalance import replication
from tradeimbalance.claims import declared
from tradeimbalance.catalog import all_figures

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "replication_table.py"


@pytest.mark.heavy
def test_readme_exhibits_table_is_up_to_date():
    res = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_table_lists_every_paper_exhibit_and_claims_table():
    table = replication.table_markdown()
    for n in range(1, 8):
        assert f"| Fig. {n} |" in table
    assert "| Table 1 |" in table
    for ch in {c.chapter for c in declared().values()}:
        assert f"Claims table, chapter {ch} " in table
    for fid in all_figures():
        assert f"`{fid}.csv`" in table


def _script():
    """The script as a module, so that its command line runs in this process (its entry as a program is
    tested by the up-to-date check above)."""
    spec = importlib.util.spec_from_file_location("replication_table", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_check_fails_on_a_stale_readme_and_write_repairs_it(tmp_path, capsys):
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("| Fig. 1 |", "| Fig. one |"), encoding="utf-8")
    script = _script()
    assert script.main(["--check", "--readme", str(readme)]) == 1
    assert "stale" in capsys.readouterr().err
    assert script.main(["--write", "--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == text
