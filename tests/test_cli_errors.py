"""Command-line misuse and I/O errors: one line naming the argument or the path, the right exit code, nothing written."""

from __future__ import annotations

import hashlib
import os
import subprocess

import pandas as pd
import pytest

from fixtures.catalog import add_figure
from test_export import registry  # noqa: F401  (fixture)
from test_runner import TINY, make_book
from test_output_folders import _restore_root  # noqa: F401  (autouse fixture: --root sets TRADEIMBALANCE_ROOT)
from tradeimbalance import build, cli, errors, export, figures, outdir, runner


@pytest.fixture
def book(tmp_path, monkeypatch):
    monkeypatch.delenv("TRADEIMBALANCE_DATA", raising=False)
    monkeypatch.setattr(runner, "execute_chapters", lambda *a, **k: pytest.fail("a chapter ran"))
    return make_book(tmp_path / "book", {"tiny": TINY})


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err.strip()


# --------------------------------------------------------------------------- arguments


def test_unknown_chapter_names(book, capsys, tmp_path):
    assert cli.main(["--root", str(book), "run", "--year", "2015", "--chapters", "tiny", "nope", "bilateral.md"]) == 2
    err = one_line(capsys)
    assert err == "tradeimbalance: unknown chapter(s) ['nope', 'bilateral.md']; the table of contents lists: ['tiny']"
    assert not (book / "_build").exists()


@pytest.mark.parametrize("value, message", [("0", "must be at least 1, not 0"), ("-2", "must be at least 1, not -2"),
                                            ("two", "not a whole number: 'two'")])
def test_non_positive_or_non_numeric_workers(book, capsys, value, message):
    with pytest.raises(SystemExit) as info:
        cli.main(["--root", str(book), "run", "--year", "2015", "--workers", value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --workers: {message}" in err


def test_run_year_refuses_zero_workers_too(book):
    with pytest.raises(errors.RunUsageError, match="--workers must be a positive number"):
        runner.run_year(2015, root=book, workers=0)


@pytest.mark.parametrize("cmd", [["run", "--year", "2015"], ["export", "--year", "2015"], ["coverage"], ["claims"]])
def test_a_root_without_toc(tmp_path, capsys, cmd):
    (tmp_path / "notabook").mkdir()
    assert cli.main(["--root", str(tmp_path / "notabook"), *cmd]) == 2
    assert one_line(capsys) == f"tradeimbalance: --root {tmp_path / 'notabook'} is not a book folder: it has no _toc.yml"
    assert cli.main(["--root", str(tmp_path / "missing"), *cmd]) == 2
    assert "has no _toc.yml" in one_line(capsys)


def test_an_environment_root_without_toc(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRADEIMBALANCE_ROOT", str(tmp_path))
    assert cli.main(["coverage"]) == 2
    assert one_line(capsys) == f"tradeimbalance: TRADEIMBALANCE_ROOT={tmp_path} is not a book folder: it has no _toc.yml"


def test_the_data_command_calls_the_build_in_process(tmp_path, capsys, monkeypatch):
    seen = {}

    def fake_build(raw, out):
        seen.update(raw=raw, out=out, pid=os.getpid())
        return {"macro": 3}

    monkeypatch.setattr(build, "build_data", fake_build)
    assert cli.main(["data", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "d")]) == 0
    assert seen == {"raw": str(tmp_path / "raw"), "out": tmp_path / "d", "pid": os.getpid()}
    assert "wrote 1 tables and datapackage.json" in capsys.readouterr().out


def test_data_with_a_missing_raw_folder_writes_nothing(tmp_path, capsys):
    assert cli.main(["data", "--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "new")]) == 1
    assert one_line(capsys) == f"tradeimbalance: build failed: raw source folder not found (file {tmp_path / 'nowhere'})"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- I/O errors


def _sums(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _big_figure(year):
    n = 4000
    return pd.DataFrame({"year": [year] * n, "exports_usd_bn": [1.5] * n, "imports_usd_bn": [0.5] * n,
                         "balance_usd_bn": [1.0] * n})


def test_a_full_disk_is_one_line_naming_the_folder_and_nothing_is_left(registry, capsys, tmp_path):  # noqa: F811
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        add_figure(figures.figure("test_big", title="Big", caption="Big", source="test", chapter="tests",
                       columns=["year", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"])(_big_figure))
        out = disk / "export"
        assert cli.main(["export", "--year", "2019", "--out", str(out)]) == 1
        err = one_line(capsys)
        assert err == f"tradeimbalance: I/O error on {out}: No space left on device", err
        assert sorted(p.name for p in disk.iterdir()) == []  # no stage, no half-written export
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_permission_error_is_one_line_naming_the_path(registry, capsys, monkeypatch):  # noqa: F811
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", "/srv/data/macro.csv")

    monkeypatch.setattr(export, "figure_tables", denied)
    assert cli.main(["export", "--year", "2019", "--out", str(registry / "out")]) == 1
    assert one_line(capsys) == "tradeimbalance: I/O error on /srv/data/macro.csv: Permission denied"
    assert not (registry / "out").exists()


def test_export_fails_midway_and_the_previous_export_stays(registry, capsys, monkeypatch):  # noqa: F811
    out = registry / "csv"
    assert cli.main(["export", "--year", "2019", "--out", str(out)]) == 0
    capsys.readouterr()
    before = _sums(out)
    from tradeimbalance.charts import render

    calls = []
    real = render.csv_text

    def fail_second(df):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(df)

    monkeypatch.setattr(render, "csv_text", fail_second)
    assert cli.main(["export", "--year", "2018", "--out", str(out)]) == 1
    assert one_line(capsys) == f"tradeimbalance: I/O error on {out}: No space left on device"
    assert _sums(out) == before
    assert sorted(p.name for p in registry.iterdir()) == ["csv", "data"]


# --------------------------------------------------------------------------- export checks like run


def test_export_runs_the_invariant_checks_of_run(registry, capsys):  # noqa: F811
    def wrong_balance(year):
        return pd.DataFrame({"year": [2018, 2019], "exports_usd_bn": [5.0, 6.0], "imports_usd_bn": [1.0, 2.0],
                             "balance_usd_bn": [4.0, 9.0]})

    add_figure(figures.figure("test_wrong", title="W", caption="W", source="test", chapter="tests",
                   columns=["year", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"])(wrong_balance))
    out = registry / "csv"
    assert cli.main(["export", "--year", "2019", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the data break the book's invariants" in err
    assert "test_wrong: balance_usd_bn != exports_usd_bn - imports_usd_bn on 1 row(s)" in err
    assert err.rstrip().endswith("Nothing was written.")
    assert not out.exists()


def test_export_refuses_a_negative_trade_value(registry, capsys):  # noqa: F811
    add_figure(figures.figure("test_neg", title="N", caption="N", source="test", chapter="tests",
                   columns=["year", "exports_usd_bn"])(lambda year: pd.DataFrame({"year": [2019], "exports_usd_bn": [-1.0]})))
    assert cli.main(["export", "--year", "2019", "--out", str(registry / "csv")]) == 1
    assert "test_neg: negative trade value in exports_usd_bn" in capsys.readouterr().err
    assert outdir.read_marker(registry) is None and not (registry / "csv").exists()
