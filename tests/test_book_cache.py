"""End to end: a change in data/ re-executes a chapter; an unchanged rebuild executes nothing.

Builds a one-chapter book in a temporary folder with the project's Sphinx
extension and the execution cache, the way `make book` does.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

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
CHAPTER = textwrap.dedent(
    """\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
        format_version: 0.13
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---

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
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root), "--builder", "html", "-W", "-n", "--keep-going"],
        check=True, env=env, capture_output=True, text=True, cwd=root,  # the execution cache is relative to the cwd
    )
    return (root / "_build" / "html" / "chapter.html").read_text()


def test_data_change_reexecutes_and_unchanged_rebuild_does_not(tmp_path):
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

    assert "USD 1.5 bn" in build(root, env)
    assert log.read_text().count("run") == 1

    assert "USD 1.5 bn" in build(root, env)
    assert log.read_text().count("run") == 1, "an unchanged rebuild executed the chapter again"

    data_file.write_text("value\n2.5\n")
    html = build(root, env)
    assert "USD 2.5 bn" in html and "USD 1.5 bn" not in html, "a stale number was served after data changed"
    assert log.read_text().count("run") == 2
