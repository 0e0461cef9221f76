"""The build is deterministic and swaps the output folder in only when complete (needs ../shared/data/raw)."""

from __future__ import annotations

import contextlib
import filecmp
import io

import pytest

from tradeimbalance import build, outdir, paths
from tradeimbalance.build.__main__ import main as build_main
from tradeimbalance.paths import raw_dir

pytestmark = [pytest.mark.raw, pytest.mark.heavy,
              pytest.mark.skipif(not raw_dir().exists(), reason="raw sources ../shared/data/raw not present")]


def _differ(x, y, names) -> list[str]:
    match, mismatch, errors = filecmp.cmpfiles(x, y, names, shallow=False)
    return mismatch + errors


def test_two_builds_are_byte_identical_current_and_replace_only_their_own_files(tmp_path):
    """One test, so that the two builds run once on one worker (a module fixture would be built again on
    every pytest-xdist worker that runs one of its tests).

    ``a`` is built through the command line into a new folder; ``b`` through :func:`build.build_data`
    into a folder holding a table an earlier build wrote (``stale.csv``) and a file of the user's
    (``notes.txt``)."""
    a = tmp_path / "a" / "data"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = build_main(["--raw", str(raw_dir()), "--out", str(a)])
    assert rc == 0 and "bilateral_trade" in out.getvalue(), "the command line reports what it built"

    b = tmp_path / "b" / "data"
    b.mkdir(parents=True)
    (b / "stale.csv").write_text("x\n", encoding="utf-8")
    outdir._write_marker(b, "data", ["stale.csv"])  # a table an earlier build wrote
    (b / "notes.txt").write_text("mine\n", encoding="utf-8")  # not written by the build
    counts = build.build_data(raw_dir(), b)

    # The build replaced what it wrote before and kept the rest.
    assert not (b / "stale.csv").exists(), "a table of the earlier build was left behind"
    assert (b / "notes.txt").read_text(encoding="utf-8") == "mine\n", "a file the build did not write was changed"
    assert {f"{n}.csv" for n in counts} | {"datapackage.json", outdir.MARKER, "notes.txt"} == {p.name for p in b.iterdir()}
    assert [p.name for p in b.parent.iterdir()] == ["data"], "the build left a temporary folder"

    # Two builds from the same raw sources are byte-identical.
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir() if p.name != "notes.txt")
    assert _differ(a, b, names) == [], "two builds differ"

    # data/ in the repository equals a fresh build (run `make data` after changing readers or references).
    committed = paths.data_dir()
    if (committed / "datapackage.json").exists():
        assert _differ(a, committed, names) == [], "data/ is not what the raw sources build (make data)"

    assert counts["bilateral_trade"] > 250_000
    assert counts["macro"] > 15_000
    assert counts["paper_reported"] >= 45
    assert counts["paper_table1"] == 9
