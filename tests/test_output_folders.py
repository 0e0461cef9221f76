"""The output-folder rule, for every command that writes (run, export, data), through ``cli.main`` in-process.

Each refusal: one line on stderr naming the folder and the reason, exit code 2,
nothing run (the chapters, the figures and the readers are replaced by
functions that fail the test if called) and nothing changed (checksums of
every file under the folders concerned, before and after).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_runner import TINY, make_book
from tradeimbalance import build, cli, export, outdir, runner


def checksums(*folders: Path) -> dict[str, str]:
    """sha256 of every file (and the name of every folder) under ``folders``, symlinks not followed."""
    out = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if d not in ("proc", "sys", "dev")] if dirpath == "/" else dirnames
            out[dirpath] = "dir"
            for f in filenames:
                p = Path(dirpath) / f
                if p.is_file() and not p.is_symlink():
                    out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out



@pytest.fixture(autouse=True)
def _restore_root(monkeypatch):
    """``--root`` sets TRADEIMBALANCE_ROOT for the process; put it back after each test."""
    monkeypatch.setenv("TRADEIMBALANCE_ROOT", "")  # records the original value (or its absence) for the undo
    monkeypatch.delenv("TRADEIMBALANCE_ROOT")


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A tiny book (its own root), a raw folder with a file, and nothing that may run."""
    monkeypatch.delenv("TRADEIMBALANCE_DATA", raising=False)
    root = make_book(tmp_path / "proj" / "book", {"tiny": TINY})
    raw = tmp_path / "raw"
    (raw / "imf_dots").mkdir(parents=True)
    (raw / "imf_dots" / "SOURCE.md").write_text("raw source\n")
    monkeypatch.setenv("TRADEIMBALANCE_RAW", str(raw))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.txt").write_text("my thesis\n")
    monkeypatch.setattr(runner, "execute_chapters", lambda *a, **k: pytest.fail("a chapter ran"))
    monkeypatch.setattr(export, "figure_tables", lambda *a, **k: pytest.fail("a figure was computed"))
    monkeypatch.setattr(build, "read_all", lambda *a, **k: pytest.fail("a raw file was read"))
    return root


def command(kind: str, root: Path, out: str | Path, raw: Path | None = None) -> list[str]:
    if kind == "run":
        return ["--root", str(root), "run", "--year", "2015", "--chapters", "tiny", "--out", str(out)]
    if kind == "export":
        return ["--root", str(root), "export", "--year", "2015", "--out", str(out)]
    return ["--root", str(root), "data", "--raw", str(raw or root.parent.parent / "raw"), "--out", str(out)]


def refused(capsys, argv: list[str], watch: list[Path], reason: str) -> str:
    before = checksums(*watch)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tradeimbalance: refusing output folder"), err
    assert reason in err, err
    assert checksums(*watch) == before
    return err.strip()


KINDS = ["run", "export", "data"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_current_folder_when_it_is_the_root(kind, book, capsys, monkeypatch):
    monkeypatch.chdir(book)
    refused(capsys, command(kind, book, "."), [book.parent], "is the project root")


@pytest.mark.parametrize("kind", KINDS)
def test_the_project_root_and_its_parents(kind, book, capsys):
    refused(capsys, command(kind, book, book), [book.parent], "is the project root")
    refused(capsys, command(kind, book, book.parent), [book.parent], f"project root {book} or a folder above it")
    refused(capsys, command(kind, book, book / ".." / ".."), [book.parent.parent], "above it")


@pytest.mark.parametrize("kind", KINDS)
def test_a_non_empty_folder_it_did_not_write(kind, book, capsys, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.txt").write_text("three years of work\n")
    err = refused(capsys, command(kind, book, mine), [tmp_path], "exists, is not empty and was not written by tradeimbalance")
    assert str(mine) in err
    assert (mine / "thesis.txt").read_text() == "three years of work\n"


@pytest.mark.parametrize("kind", KINDS)
def test_a_file(kind, book, capsys, tmp_path):
    f = tmp_path / "thesis.txt"
    f.write_text("three years of work\n")
    refused(capsys, command(kind, book, f), [tmp_path], "is a file, not a folder")
    refused(capsys, command(kind, book, f / "sub"), [tmp_path], "is a file, not a folder")
    assert f.read_text() == "three years of work\n"


@pytest.mark.parametrize("kind", KINDS)
def test_the_file_system_root(kind, book, capsys):
    before = sorted(os.listdir("/"))
    assert cli.main(command(kind, book, "/")) == 2
    err = capsys.readouterr().err
    assert "is the file-system root" in err and err.count("\n") == 1
    assert sorted(os.listdir("/")) == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_home_folder(kind, book, capsys, tmp_path):
    refused(capsys, command(kind, book, tmp_path / "home"), [tmp_path / "home"], "is the home folder")
    refused(capsys, command(kind, book, "~"), [tmp_path / "home"], "is the home folder")


@pytest.mark.parametrize("kind", KINDS)
def test_the_raw_folder_inside_and_above_it(kind, book, capsys, tmp_path):
    raw = tmp_path / "raw"
    for out in (raw, raw / "imf_dots", raw / "new", tmp_path):
        refused(capsys, command(kind, book, out, raw=raw), [tmp_path], "raw-source folder")


def test_data_raw_x_out_x(book, capsys, tmp_path):
    """``data --raw X --out X`` once destroyed the raw sources."""
    x = tmp_path / "x"
    x.mkdir()
    (x / "DOTS_40.xlsx").write_bytes(b"not really a workbook")
    refused(capsys, ["data", "--raw", str(x), "--out", str(x)], [x], "raw-source folder")


def _immutable(folder: Path):
    """Make ``folder`` unwritable even for root: chattr +i, else a read-only bind mount; None if neither works."""
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0:
        return ["chattr", "-i", str(folder)]
    if subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True).returncode == 0:
        return ["umount", str(folder)]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return ["chmod", "755", str(folder)]
    return None


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_folder(kind, book, capsys, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    undo = _immutable(ro)
    if undo is None:
        pytest.skip("no way to make a folder read-only for root here (chattr, mount)")
    try:
        err = refused(capsys, command(kind, book, ro), [tmp_path], "cannot write into")
        assert str(ro) in err
        refused(capsys, command(kind, book, ro / "new" / "deeper"), [tmp_path], "cannot write into")
    finally:
        subprocess.run(undo, check=True)


def test_a_folder_of_another_kind(book, capsys, tmp_path):
    data = tmp_path / "built-data"
    data.mkdir()
    (data / "macro.csv").write_text("country,year\n")
    outdir._write_marker(data, "data", ["macro.csv"])
    refused(capsys, command("run", book, data), [tmp_path], "holds a data written by tradeimbalance, not a book")
    refused(capsys, command("export", book, data), [tmp_path], "not an export")


def test_the_check_comes_before_anything_runs(book, monkeypatch, tmp_path):
    """run_year checks the folder before it executes a chapter or makes a temporary folder."""
    made = []
    monkeypatch.setattr(outdir, "make_temp", lambda *a, **k: made.append(1))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.txt").write_text("a")
    with pytest.raises(outdir.OutputRefused):
        runner.run_year(2015, root=book, out=tmp_path / "mine", progress=lambda _: None)
    assert made == []


# --------------------------------------------------------------------------- what is allowed, and how it replaces


def test_a_new_or_empty_folder_is_accepted_and_marked(tmp_path):
    new = tmp_path / "a" / "b"
    assert outdir.check(new, "export") == new
    assert not (tmp_path / "a").exists()  # checking writes nothing
    with outdir.staging(new, "export") as stage:
        (stage / "fig1.csv").write_text("x\n")
    assert outdir.read_marker(new) == {"written_by": "tradeimbalance", "kind": "export", "entries": ["fig1.csv"]}
    empty = tmp_path / "empty"
    empty.mkdir()
    assert outdir.check(empty, "book") == empty


def test_replacing_keeps_files_it_did_not_write_and_refuses_to_overwrite_them(tmp_path):
    out = tmp_path / "out"
    with outdir.staging(out, "export") as stage:
        (stage / "fig1.csv").write_text("old\n")
        (stage / "fig2.csv").write_text("old\n")
    (out / "thesis.txt").write_text("mine\n")
    outdir.check(out, "export")  # marked: accepted although not empty
    with outdir.staging(out, "export") as stage:
        (stage / "fig1.csv").write_text("new\n")
    assert (out / "fig1.csv").read_text() == "new\n"
    assert not (out / "fig2.csv").exists()  # written by the earlier export, no longer produced
    assert (out / "thesis.txt").read_text() == "mine\n"
    before = checksums(out)
    with pytest.raises(outdir.OutputRefused, match="thesis.txt: not written by tradeimbalance"):
        with outdir.staging(out, "export") as stage:
            (stage / "thesis.txt").write_text("overwritten\n")
    assert checksums(out) == before
    assert sorted(p.name for p in out.iterdir()) == [outdir.MARKER, "fig1.csv", "thesis.txt"]


def test_a_failure_while_staging_leaves_the_folder_as_it_was(tmp_path):
    out = tmp_path / "out"
    with outdir.staging(out, "book") as stage:
        (stage / "index.html").write_text("v1")
    before = checksums(out)
    with pytest.raises(RuntimeError):
        with outdir.staging(out, "book") as stage:
            (stage / "index.html").write_text("v2")
            raise RuntimeError("build failed")
    assert checksums(out) == before
    fresh = tmp_path / "fresh" / "deep"
    with pytest.raises(RuntimeError):
        with outdir.staging(fresh, "book") as stage:
            raise RuntimeError("build failed")
    assert not (tmp_path / "fresh").exists()  # the folders it created are gone again
