"""The build is deterministic and swaps the output folder in only when complete (needs ../shared/data/raw)."""

from __future__ import annotations

import filecmp

import pytest

from tradeimbalance import build, outdir, paths
from tradeimbalance.build.__main__ import main as build_main
from tradeimbalance.paths import raw_dir

pytestmark = [pytest.mark.raw,
              pytest.mark.skipif(not raw_dir().exists(), reason="raw sources ../shared/data/raw not present")]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    a = tmp_path_factory.mktemp("a") / "data"
    b = tmp_path_factory.mktemp("b") / "data"
    counts = build.build_data(raw_dir(), a)
    build.build_data(raw_dir(), b)
    return a, b, counts


def test_rebuild_is_byte_identical(two_builds):
    a, b, _ = two_builds
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert not mismatch and not errors


def test_committed_data_is_current(two_builds):
    """data/ in the repository equals a fresh build (run `make data` after changing readers or references)."""
    a, _, _ = two_builds
    committed = paths.data_dir()
    if not (committed / "datapackage.json").exists():
        pytest.skip("data/ not built")
    names = sorted(p.name for p in a.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, committed, names, shallow=False)
    assert not mismatch and not errors


def test_build_replaces_what_it_wrote_and_keeps_the_rest(tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    (out / "stale.csv").write_text("x\n", encoding="utf-8")
    outdir._write_marker(out, "data", ["stale.csv"])  # a table an earlier build wrote
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")  # not written by the build
    counts = build.build_data(raw_dir(), out)
    assert not (out / "stale.csv").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert {f"{n}.csv" for n in counts} | {"datapackage.json", outdir.MARKER, "notes.txt"} == {p.name for p in out.iterdir()}
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_row_counts(two_builds):
    _, _, counts = two_builds
    assert counts["bilateral_trade"] > 250_000
    assert counts["macro"] > 15_000
    assert counts["paper_reported"] >= 45
    assert counts["paper_table1"] == 9


def test_cli_entry_point(tmp_path, capsys):
    assert build_main(["--raw", str(raw_dir()), "--out", str(tmp_path / "out")]) == 0
    assert "bilateral_trade" in capsys.readouterr().out
