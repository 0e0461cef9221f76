"""The ``tradeimbalance`` command: its subcommands, exit codes and messages (tiny books and registries only)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from test_export import registry  # noqa: F401  (fixture)
from test_runner import TINY, make_book
from tradeimbalance import cli, errors, outdir, runner


def test_python_dash_m_and_console_script_show_the_commands():
    out = subprocess.run([sys.executable, "-m", "tradeimbalance", "--help"], capture_output=True, text=True, check=True).stdout
    for cmd in ("run", "export", "claims", "coverage", "data"):
        assert cmd in out
    script = Path(sys.executable).with_name("tradeimbalance")
    if script.exists():
        assert "export" in subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True).stdout


def test_run_refuses_a_year_outside_coverage_fast_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("TRADEIMBALANCE_DATA", raising=False)
    book = make_book(tmp_path / "book", {"tiny": TINY})
    proc = subprocess.run(
        [sys.executable, "-m", "tradeimbalance", "--root", str(book), "run", "--year", "2031"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "year 2031 is outside the data's coverage" in proc.stderr
    assert "The book runs for 1960-2025" in proc.stderr and "bilateral_trade" in proc.stderr
    assert "bilateral     1960-2020" in proc.stderr  # the years of each chapter
    assert "macro            1960-2025" in proc.stderr
    assert "Running" not in proc.stdout  # nothing ran
    assert not (book / "_build").exists()


def test_run_prints_the_summary(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRADEIMBALANCE_ROOT", str(tmp_path))
    (tmp_path / "_toc.yml").write_text("root: index\n")
    res = runner.RunResult(2015, tmp_path / "out", 9.0, [], figures=3, figures_with_data_link=3, build_seconds=4.0)
    seen = {}

    def fake_run(year, **kw):
        seen.update(kw, year=year)
        return res

    monkeypatch.setattr(runner, "run_year", fake_run)
    assert cli.main(["--root", str(tmp_path), "run", "--year", "2015", "--chapters", "tiny", "--workers", "2"]) == 0
    assert seen["year"] == 2015 and seen["chapters"] == ["tiny"] and seen["workers"] == 2
    assert seen["root"] == str(tmp_path.resolve())
    out = capsys.readouterr().out
    assert "Book for 2015" in out and "3 of 3 chart(s) with a CSV download link" in out


def test_run_failure_exits_1_with_the_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRADEIMBALANCE_ROOT", str(tmp_path))
    (tmp_path / "_toc.yml").write_text("root: index\n")

    def fail(year, **kw):
        raise errors.RunError("1 chapter(s) failed for 2015; no book was written:\n  chapters/x.md, cell 3 ...")

    monkeypatch.setattr(runner, "run_year", fail)
    assert cli.main(["run", "--year", "2015"]) == 1
    assert "chapters/x.md, cell 3" in capsys.readouterr().err


def test_export_command_writes_the_files(registry, capsys):  # noqa: F811
    out = registry / "csv"
    assert cli.main(["export", "--year", "2019", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir() if p.name != outdir.MARKER) == ["claims.csv", "test_fig.csv", "test_table.csv"]
    assert "Exported 3 file(s) for 2019" in capsys.readouterr().out


def test_export_command_refuses_a_year_outside_coverage(registry, capsys):  # noqa: F811
    out = registry / "csv"
    assert cli.main(["export", "--year", "1901", "--out", str(out)]) == 2
    assert "year 1901 is outside" in capsys.readouterr().err
    assert not out.exists()


def test_claims_command_prints_statuses_and_counts(registry, capsys):  # noqa: F811
    assert cli.main(["claims", "--check"]) == 0
    out = capsys.readouterr().out
    assert "test_claim_open" in out and "not in this edition" in out
    assert "reproduced" in out and "erratum" in out  # the counts list every status


def test_claims_check_fails_when_a_claim_moves(registry, capsys, monkeypatch):  # noqa: F811
    from tradeimbalance import catalog

    monkeypatch.setitem(catalog._collect()[1], "test_claim_ok", ("tests", lambda: 9.0))
    assert cli.main(["claims"]) == 0
    assert cli.main(["claims", "--check"]) == 1
    assert "not at their declared status: test_claim_ok" in capsys.readouterr().out


def test_coverage_command(registry, capsys):  # noqa: F811
    assert cli.main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert "The book runs for 1960-2025" in out and "macro" in out
    assert "policy        1960-2020" in out and "report        any year of the book" in out
