"""The pre-execution step of `make book`: the notebook it caches and the digest behind its stamp.

The end-to-end behaviour (cache keys shared with the build, re-execution after a
change in data/, a failing chapter) is in test_book_cache.py.
"""

import textwrap

import pytest

from fixtures.tinybook import FRONT
from tradeimbalance import prebuild, sphinxext

CHAPTER = FRONT + textwrap.dedent(
    """

    # A chapter

    ```{code-cell} ipython3
    :tags: [remove-input]
    x = 1
    ```
    """
)


@pytest.fixture
def book(tmp_path, monkeypatch):
    root = tmp_path / "book"
    (root / "data").mkdir(parents=True)
    (root / "data" / "t.csv").write_text("a\n1\n")
    (root / "_config.yml").write_text("execute:\n  cache: _build/.jupyter_cache\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapter\n")
    (root / "index.md").write_text("# Index\n")
    (root / "chapter.md").write_text(CHAPTER)
    (root / "other.md").write_text("# Not in the table of contents\n")
    monkeypatch.setenv("TRADEIMBALANCE_DATA", str(root / "data"))
    return root


def test_the_notebook_carries_the_fingerprint_cell_first_and_keeps_the_cells(book):
    nb = prebuild.build_notebook(book / "chapter.md", "abc123")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source == "# inputs fingerprint (lib/, data/): abc123"
    assert code[0].metadata["tags"] == ["remove-cell"]
    assert code[1].source == "x = 1" and code[1].metadata["tags"] == ["remove-input"]
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_digest_follows_data_pages_and_config_but_not_other_files(book):
    d0 = prebuild.inputs_digest(book)
    assert prebuild.inputs_digest(book) == d0
    (book / "other.md").write_text("# Changed, but no chapter\n")
    assert prebuild.inputs_digest(book) == d0

    (book / "chapter.md").write_text(CHAPTER + "\nMore prose.\n")
    d1 = prebuild.inputs_digest(book)
    assert d1 != d0

    (book / "data" / "t.csv").write_text("a\n2\n")
    d2 = prebuild.inputs_digest(book)
    assert d2 not in (d0, d1)
    assert sphinxext.fingerprint() in prebuild.build_notebook(book / "chapter.md", sphinxext.fingerprint()).cells[0].source

    (book / "_config.yml").write_text("execute:\n  cache: _build/.jupyter_cache\n  timeout: 60\n")
    assert prebuild.inputs_digest(book) not in (d0, d1, d2)


def test_cache_path_comes_from_the_config(book):
    assert prebuild.cache_path(book) == book / "_build" / ".jupyter_cache"
    (book / "_config.yml").write_text("execute:\n  cache: elsewhere/cache\n")
    assert prebuild.cache_path(book) == book / "elsewhere" / "cache"


def test_no_more_workers_than_chapters(book, monkeypatch):
    """A book with one chapter gets one worker, whatever is asked or the machine has; more chapters, up to
    what is asked (default: the number of CPUs)."""
    monkeypatch.setattr(prebuild.os, "cpu_count", lambda: 8)
    assert prebuild.worker_count(book) == 1
    assert prebuild.worker_count(book, 4) == 1
    (book / "second.md").write_text(CHAPTER)
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapter\n  - file: second\n")
    assert prebuild.worker_count(book) == 2
    assert prebuild.worker_count(book, 1) == 1


STORE_MANY = """
import sys
import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from tradeimbalance import prebuild

cache = get_cache(sys.argv[1])
for i in range(int(sys.argv[3])):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"{sys.argv[2]} + {i}")]
    prebuild.store(cache, CacheBundleIn(nb, f"/book/{sys.argv[2]}-{i}.md"))
"""


def test_processes_caching_at_the_same_time_all_keep_their_notebooks(tmp_path):
    """Two processes cache notebooks into one execution cache at once (as the test workers do): every
    write succeeds and every notebook is found afterwards."""
    import subprocess
    import sys

    from jupyter_cache import get_cache

    cache_dir, n = tmp_path / "cache", 40
    get_cache(str(cache_dir)).list_cache_records()  # create it once, as a build does
    procs = [subprocess.Popen([sys.executable, "-c", STORE_MANY, str(cache_dir), name, str(n)], stderr=subprocess.PIPE,
                              text=True) for name in ("1", "2")]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert len(get_cache(str(cache_dir)).list_cache_records()) == 2 * n
