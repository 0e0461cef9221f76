"""End to end: a change in data/ re-executes a chapter; an unchanged rebuild executes nothing.

Builds a one-chapter book in a temporary folder with the project's Sphinx
extension and the execution cache, the way `make book` does: first with the
Sphinx build alone, then with the parallel pre-execution (`tradeimbalance.prebuild`)
filling the cache before each build. The builds run in the book's folder, so
the relative cache path of `_config.yml` is the temporary book's own.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fixtures.tinybook import FRONT

CONFIG = textwrap.dedent(
    """
    title: cache test
    only_build_toc_files: true
    exclude_patterns: [_build, data]
    execute:
      execute_notebooks: cache
      cache: _build/.jupyter_cache
      raise_on_error: true
    sphinx:
      extra_extensions: [tradeimbalance.sphinxext]
    """
)
TOC = "format: jb-book\nroot: index\nchapters:\n  - file: chapter\n"
CHAPTER = FRONT + textwrap.dedent(
    """

    # Chapter

    ```{code-cell} ipython3
    :tags: [remove-cell]
    import os, pathlib
    from tradeimbalance.book import glue_value
    value = float(pathlib.Path(os.environ["TRADEIMBALANCE_DATA"], "value.csv").read_text().split()[-1])
    pathlib.Path(os.environ["RUN_LOG"]).open("a").write("run\\n")
    glue_value("the_value", value, "usd_bn")
    ```

    The value is {glue:text}`the_value`.
    """
)


def build(root: Path, env: dict) -> str:
    subprocess.run(
        [sys.executable, "-m", "tradeimbalance.jb", "build", str(root), "--builder", "html", "-W", "-n", "--keep-going"],
        check=True, env=env, capture_output=True, text=True,
        cwd=root,  # the cache path in _config.yml is relative: from elsewhere it would be that folder's cache
    )
    return (root / "_build" / "html" / "chapter.html").read_text()


def prebuild(root: Path, env: dict) -> str:
    """Run the pre-execution step of `make book`; returns its output."""
    done = subprocess.run([sys.executable, "-m", "tradeimbalance.prebuild", "--root", str(root)],
                          check=True, env=env, capture_output=True, text=True, cwd=root)
    return done.stdout


def make_book(tmp_path: Path) -> tuple[Path, Path, Path, dict]:
    root = tmp_path / "book"
    (root / "data").mkdir(parents=True)
    (root / "_config.yml").write_text(CONFIG)
    (root / "_toc.yml").write_text(TOC)
    (root / "index.md").write_text("# Index\n")
    (root / "chapter.md").write_text(CHAPTER)
    data_file = root / "data" / "value.csv"
    data_file.write_text("value\n1.5\n")
    log = tmp_path / "runs.log"
    env = {**os.environ, "TRADEIMBALANCE_DATA": str(root / "data"), "RUN_LOG": str(log)}
    return root, data_file, log, env


def runs(log: Path) -> int:
    return log.read_text().count("run") if log.exists() else 0


@pytest.mark.heavy
def test_data_change_reexecutes_and_unchanged_rebuild_does_not(tmp_path):
    root, data_file, log, env = make_book(tmp_path)

    assert "USD 1.5 bn" in build(root, env)
    assert runs(log) == 1

    assert "USD 1.5 bn" in build(root, env)
    assert runs(log) == 1, "an unchanged rebuild executed the chapter again"

    data_file.write_text("value\n2.5\n")
    html = build(root, env)
    assert "USD 2.5 bn" in html and "USD 1.5 bn" not in html, "a stale number was served after data changed"
    assert runs(log) == 2

    # The pre-execution of `make book` looks up the same cache keys as the build ...
    out = prebuild(root, env)
    assert "[cached]   chapter.md" in out and "0 chapter(s) executed" in out
    assert runs(log) == 2, "the pre-execution re-ran a chapter the build had cached (cache keys differ)"

    # ... re-executes after a change in data/, and the build then reads its result.
    data_file.write_text("value\n3.5\n")
    assert "[executed] chapter.md" in prebuild(root, env)
    assert runs(log) == 3
    html = build(root, env)
    assert "USD 3.5 bn" in html and "USD 2.5 bn" not in html, "a stale number was served after data changed"
    assert runs(log) == 3, "the build executed a chapter the pre-execution had cached (cache keys differ)"


@pytest.mark.heavy
def test_prebuild_reports_a_failing_chapter_and_caches_nothing(tmp_path):
    root, data_file, log, env = make_book(tmp_path)
    data_file.write_text("value\nnot-a-number\n")
    done = subprocess.run([sys.executable, "-m", "tradeimbalance.prebuild", "--root", str(root)],
                          env=env, capture_output=True, text=True, cwd=root)
    assert done.returncode == 1
    assert "[FAILED]   chapter.md" in done.stdout and "chapter.md failed" in done.stderr and "ValueError" in done.stderr
    again = subprocess.run([sys.executable, "-m", "tradeimbalance.prebuild", "--root", str(root)],
                           env=env, capture_output=True, text=True, cwd=root)
    assert again.returncode == 1, "a failed chapter was cached as if it had succeeded"


def make_book_then(root: Path, env: dict) -> subprocess.CompletedProcess:
    """`make book`'s pre-execution with the Sphinx build started beside it (``--then``)."""
    return subprocess.run([sys.executable, "-m", "tradeimbalance.prebuild", "--root", str(root), "--then",
                           sys.executable, "-m", "tradeimbalance.jb", "build", str(root), "--builder", "html", "-W", "-n",
                           "--keep-going"],
                          env=env, capture_output=True, text=True, cwd=root)


@pytest.mark.heavy
def test_the_build_beside_the_pre_execution_reads_each_chapter_from_the_cache(tmp_path):
    """The build starts at once and waits for the chapter: it reads the pre-execution's result and executes
    nothing itself; a second run with nothing changed runs the build alone."""
    root, data_file, log, env = make_book(tmp_path)
    done = make_book_then(root, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[executed] chapter.md" in done.stdout and "Using cached notebook" in done.stdout
    assert runs(log) == 1, "the build executed the chapter itself instead of waiting for the pre-execution"
    assert "USD 1.5 bn" in (root / "_build" / "html" / "chapter.html").read_text()
    again = make_book_then(root, env)
    assert again.returncode == 0 and "no input changed" in again.stdout and runs(log) == 1


@pytest.mark.heavy
def test_a_failing_chapter_stops_the_build_beside_the_pre_execution(tmp_path):
    """The build stops when it reaches the chapter that failed, before writing any page; the exit status is 1."""
    root, data_file, log, env = make_book(tmp_path)
    data_file.write_text("value\nnot-a-number\n")
    done = make_book_then(root, env)
    assert done.returncode == 1
    assert "chapter.md failed in the pre-execution" in done.stdout + done.stderr and "ValueError" in done.stderr
    assert "Executing notebook" not in done.stdout + done.stderr, "the build executed the failing chapter itself"
    assert not (root / "_build" / "html" / "chapter.html").exists()
