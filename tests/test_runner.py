"""The per-year runner, on a tiny book of its own in tmp_path (no chapter content of the real book).

One test executes a chapter and builds the HTML book end to end; one runs a
chapter that fails; the others are fast unit tests of the pieces.
"""

from __future__ import annotations

import base64
import re
import shutil
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import jupytext
import pandas as pd
import pytest
import yaml

from tradeimbalance import outdir, runner
from tradeimbalance.coverage import CoverageError
from tradeimbalance.errors import RunError
from tradeimbalance.runner import chapter, html, layout
from tradeimbalance.toc import select_chapters, toc_chapters

from fixtures.tinybook import FRONT

REPO = Path(__file__).resolve().parents[1]

TINY = FRONT + textwrap.dedent(
    """
    # Tiny chapter

    ```{code-cell} ipython3
    :tags: [parameters]
    year = 2019
    ```

    ```{code-cell} ipython3
    :tags: [remove-input]
    import altair as alt
    import pandas as pd
    from tradeimbalance import figures
    from tradeimbalance.book import glue_value, show_figure
    from tradeimbalance import catalog
    from tradeimbalance.checks import check_chapter_invariants



    def tiny_data(year):
        years = list(range(2010, year + 1))
        exports = [float(y - 2000) for y in years]
        imports = [1.0 for _ in years]
        return pd.DataFrame({"year": years, "exports_usd_bn": exports, "imports_usd_bn": imports,
                             "balance_usd_bn": [e - i for e, i in zip(exports, imports)]})


    figures.figure(
        "tiny_fig", title="Tiny", caption="Tiny balance up to {year}.", source="made in a test", chapter="tiny",
        columns=["year", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"],
        chart=lambda df, year: alt.Chart(df, title="Tiny").mark_line().encode(x="year:O", y="balance_usd_bn:Q"),
    )(tiny_data)
    catalog._collect = lambda: ({"tiny_fig": tiny_data.__figure__}, {})  # this test book has no chapter packages
    show_figure("tiny_fig", year)
    glue_value("tiny_year", year, "year")
    ```

    The chapter shows {glue:text}`tiny_year`.

    ```{code-cell} ipython3
    :tags: [remove-cell]
    from tradeimbalance.checks import check_chapter_invariants
    check_chapter_invariants("tiny", year)
    ```
    """
)

BROKEN = FRONT + textwrap.dedent(
    """
    # Broken chapter

    ```{code-cell} ipython3
    :tags: [parameters]
    year = 2019
    ```

    Some prose.

    ```{code-cell} ipython3
    x = year + 1
    ```

    ```{code-cell} ipython3
    :tags: [remove-input]

    y = x * 2
    z = y / (year - year)
    ```
    """
)

COVERAGE = "dataset,kind,rows,year_min,year_max\nbilateral_trade,observed,10,1960,2020\nmacro,observed,5,1960,2025\npartners,reference,3,,\n"


def make_book(root: Path, chapters: dict[str, str]) -> Path:
    """A book folder like the project's: its _config.yml, index.md, _toc.yml, chapters and data/coverage.csv."""
    (root / "chapters").mkdir(parents=True)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    for bib in REPO.glob("*.bib"):  # the bibliography _config.yml names
        shutil.copy(bib, root / bib.name)
    (root / "index.md").write_text("# Test book\n\nA book made by the tests.\n")
    for name, text in chapters.items():
        (root / "chapters" / f"{name}.md").write_text(text)
    toc = {"format": "jb-book", "root": "index",
           "parts": [{"caption": "Tests", "chapters": [{"file": f"chapters/{n}"} for n in chapters]}]}
    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    (root / "data").mkdir()
    (root / "data" / "coverage.csv").write_text(COVERAGE)
    return root


@pytest.fixture
def no_data_env(monkeypatch):
    monkeypatch.delenv("TRADEIMBALANCE_DATA", raising=False)


def _csv_behind_link(html: str) -> pd.DataFrame:
    import io

    m = re.search(r'download="tiny_fig.csv" href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', html)
    assert m, "no CSV download link for tiny_fig"
    return pd.read_csv(io.StringIO(base64.b64decode(m.group(1)).decode()))


@pytest.mark.heavy
def test_run_builds_a_book_for_the_year_with_data_links_and_progress(tmp_path, no_data_env):
    root = make_book(tmp_path / "book", {"tiny": TINY})
    lines = []
    out = tmp_path / "out" / "2015"
    res = runner.run_year(2015, root=root, out=out, progress=lines.append)
    page = (out / "chapters" / "tiny.html").read_text()
    assert (out / "index.html").is_file()
    df = _csv_behind_link(page)
    assert df["year"].max() == 2015 and df["year"].min() == 2010  # the figure ends in the year run
    assert re.search(r"The chapter shows (<[^>]+>)?2015", page)
    assert "(2015)" in (out / "index.html").read_text()  # the year is in the book's title
    assert any(re.fullmatch(r"\[ok\] chapters/tiny\.md\s+\d+\.\d s", l) for l in lines), lines
    assert res.figures == res.figures_with_data_link == 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["2015"]  # no staging folder left


@pytest.mark.heavy
def test_failing_chapter_names_chapter_and_cell_and_leaves_nothing(tmp_path, no_data_env):
    root = make_book(tmp_path / "book", {"tiny": TINY, "broken": BROKEN})
    out = tmp_path / "out" / "2015"
    lines = []
    with pytest.raises(RunError) as info:
        runner.run_year(2015, root=root, out=out, workers=2, progress=lines.append)
    msg = str(info.value)
    assert "chapters/broken.md, cell 5 (code cell 3)" in msg, msg
    md_line = BROKEN.splitlines().index("z = y / (year - year)") + 1
    assert f"line {md_line} of the file" in msg, msg
    assert "ZeroDivisionError" in msg and "z = y / (year - year)" in msg
    assert any(l.startswith("[FAILED] chapters/broken.md") for l in lines), lines
    assert not out.exists() and not out.parent.exists()


def test_failed_rerun_keeps_the_previous_book(tmp_path, no_data_env, monkeypatch):
    root = make_book(tmp_path / "book", {"tiny": TINY})
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous book")
    outdir._write_marker(out, "book", ["index.html"])  # written by an earlier run

    class FailingBuild:
        stopped = False

        def finish(self):
            raise RunError("jupyter-book build failed (exit code 1)")

        def stop(self):
            FailingBuild.stopped = True

    monkeypatch.setattr(runner, "execute_chapters", lambda *a, **k: [])
    monkeypatch.setattr(runner, "start_html", lambda *a, **k: FailingBuild())
    with pytest.raises(RunError):
        runner.run_year(2015, root=root, out=out, progress=lambda _: None)
    assert sorted(p.name for p in tmp_path.joinpath("out").iterdir()) == [outdir.MARKER, "index.html"]
    assert (out / "index.html").read_text() == "previous book"
    assert FailingBuild.stopped


@pytest.mark.heavy
def test_the_html_build_runs_beside_the_chapters_and_reads_each_once_written(tmp_path, no_data_env, monkeypatch):
    """The build is already running while the chapters execute; it reads a chapter only once its executed
    notebook is written (the page shows what was written, not the empty notebook in its place)."""
    import nbformat
    import psutil

    root = make_book(tmp_path / "book", {"tiny": TINY})
    seen = {}

    def execute(selected, year, root_, book_dir, scratch, workers, timeout, progress, on_result):
        builds = [p for p in psutil.Process().children() if "tradeimbalance.jb" in p.cmdline()]
        seen["build running"] = bool(builds)
        log, deadline = Path(scratch) / "build.stdout", time.monotonic() + 120
        while "chapters/tiny" not in (log.read_text() if log.is_file() else "") and time.monotonic() < deadline:
            time.sleep(0.05)  # until the build has come to the chapter (it has read the empty notebook) ...
        time.sleep(1.0)  # ... and waits for it
        nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                               "language": "python"}})
        nb.cells = [nbformat.v4.new_markdown_cell("# Tiny chapter\n\nWritten while the build ran.")]
        nbformat.write(nb, book_dir / "chapters" / "tiny.ipynb")
        results = [runner.ChapterResult(c, True, 0.1) for c in selected if c.executable]
        for r in results:
            on_result(r)
        return results

    monkeypatch.setattr(runner, "execute_chapters", execute)
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")  # the build's progress lines reach its log at once
    out = tmp_path / "out"
    runner.run_year(2015, root=root, out=out, progress=lambda _: None)
    assert seen["build running"], "the build started only after the chapters"
    assert "Written while the build ran." in (out / "chapters" / "tiny.html").read_text()


def test_year_outside_coverage_is_refused_before_anything_runs(tmp_path, no_data_env, monkeypatch):
    root = make_book(tmp_path / "book", {"tiny": TINY})
    monkeypatch.setattr(runner, "execute_chapters", lambda *a, **k: pytest.fail("ran a chapter"))
    with pytest.raises(CoverageError) as info:
        runner.run_year(2031, root=root, out=tmp_path / "out")
    msg = str(info.value)
    assert "runs for 1960-2025" in msg and re.search(r"bilateral_trade +1960-2020", msg) and "macro" in msg
    assert not (tmp_path / "out").exists()


def test_toc_chapters_and_selection(tmp_path):
    root = make_book(tmp_path, {"tiny": TINY, "broken": BROKEN})
    (root / "chapters" / "notes.md").write_text("# Notes\n\nNo code here.\n")
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    toc["parts"].append({"caption": "More", "chapters": [{"file": "chapters/notes.md"}]})
    (root / "_toc.yml").write_text(yaml.safe_dump(toc))
    chapters = toc_chapters(root)
    assert [(c.source, c.executable) for c in chapters] == [
        ("chapters/tiny.md", True), ("chapters/broken.md", True), ("chapters/notes.md", False)]
    assert [c.name for c in select_chapters(chapters, ["notes", "chapters/tiny.md"])] == ["tiny", "notes"]
    with pytest.raises(RunError, match="unknown chapter"):
        select_chapters(chapters, ["nope"])
    pruned = layout._book_toc(root, select_chapters(chapters, ["notes"]))
    assert pruned["parts"] == [{"caption": "More", "chapters": [{"file": "chapters/notes"}]}]


def test_book_config_turns_execution_off_and_keeps_the_extension(tmp_path):
    root = make_book(tmp_path, {"tiny": TINY})
    cfg = layout._book_config(root, 2015)
    assert cfg["execute"]["execute_notebooks"] == "off"
    assert "tradeimbalance.sphinxext" in cfg["sphinx"]["extra_extensions"]
    assert cfg["title"].endswith("(2015)")


def test_cell_error_message_counts_cells_of_the_chapter_file():
    nb = jupytext.reads(BROKEN, fmt="md:myst")
    err = SimpleNamespace(
        cell_index=5,  # papermill counts its injected parameters cell
        exec_count=4,
        source="y = x * 2\nz = y / (year - year)",
        ename="ZeroDivisionError",
        evalue="division by zero",
        traceback=["\x1b[31mZeroDivisionError\x1b[0m", "Cell In[4], line 2\n      1 y = x * 2\n----> 2 z = y / (year - year)\n"],
    )
    msg = chapter.describe_cell_error("chapters/broken.md", BROKEN, nb, err)
    line = BROKEN.splitlines().index("z = y / (year - year)") + 1
    assert msg.startswith(f"chapters/broken.md, cell 5 (code cell 3), line {line} of the file: ZeroDivisionError: division by zero")
    assert msg.endswith("the line that failed: z = y / (year - year)")


def test_data_links_counts_charts_without_a_link(tmp_path):
    (tmp_path / "a.html").write_text('<div class="ti-figure"><div></div><script>x</script>\n<p class="ti-data-link">l</p></div>')
    (tmp_path / "b.html").write_text('<div class="ti-figure"><div></div><script>x</script>\n</div>')
    assert html.data_links(tmp_path) == (2, 1, ["b.html"])
