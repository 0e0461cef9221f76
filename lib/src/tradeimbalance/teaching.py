"""Sphinx extension for using the book in class.

1. Typeset math offline: serves MathJax 2 (shipped inside the PyPI package
   ``jupyter-server-mathjax``) from the book's own ``_static/mathjax`` folder
   and points Sphinx's ``mathjax_path`` at it, so no page asks a CDN for the
   math renderer.
2. Student edition: with sphinx-exercise's ``hide_solutions`` set, the gated
   solutions (``{solution-start}`` ... ``{solution-end}``, including the code
   cells between them) are cut from each chapter's source before it is parsed
   or executed, so neither their text nor their code reaches the pages.
3. Notebooks to take away: each executed chapter is copied to
   ``_notebooks/<docname>.ipynb`` (outputs included) with a download link at
   the top of its page, and ``_notebooks/tradeimbalance-notebooks.zip`` holds
   every notebook with ``data/``, the library's source and a
   ``requirements.txt`` that installs it (:mod:`tradeimbalance.takeaway`).
   They are written by a process forked when every page has been read, while
   this one writes the pages; the build waits for it at its end and fails
   with its error.

The student edition's configuration is the book's ``_config.yml`` merged with
a small override file (``editions/student.yml``): ``python -m
tradeimbalance.teaching config _config.yml editions/student.yml OUT``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

from . import __version__

MATHJAX_SUBDIR = "tradeimbalance-mathjax"
NOTEBOOK_DIR = "_notebooks"
ZIP_NAME = "tradeimbalance-notebooks.zip"
#: MathJax 2 settings: the combined TeX/MathML configuration with the STIX web fonts it ships
#: (the same setup the classic Jupyter notebook uses with this package).
MATHJAX_PATH = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
MATHJAX2_CONFIG = {
    "HTML-CSS": {
        "availableFonts": [], "imageFont": None, "preferredFont": None, "webFont": "STIX-Web",
        # MathJax's placeholder font points at about:blank, which Chromium reports as a failed load.
        "styles": {"@font-face": {"font-family": "MathJax_Blank", "src": "local('MathJax_Blank')"}},
    },
    "menuSettings": {"zoom": "None"},
    "showMathMenu": False,
    "messageStyle": "none",
}

CSS_NAME = "tradeimbalance-teaching.css"
#: Wide display formulas scroll on a phone instead of being cut off; the download line stays small.
CSS = """div.math.notranslate { overflow-x: auto; overflow-y: hidden; max-width: 100%; }
p.ti-downloads { font-size: 0.9em; margin: 0 0 1.5em 0; }
"""

_SOLUTION = re.compile(r"^```\{solution-start\}.*?^```\{solution-end\}\s*\n```[ \t]*\n?", re.S | re.M)

def mathjax_source() -> Path:
    """The MathJax 2 folder inside the installed ``jupyter-server-mathjax`` package.

    The package is located, not imported: it is installed without its dependencies (the Jupyter
    server its ``__init__`` imports), for its static files only.
    """
    spec = importlib.util.find_spec("jupyter_server_mathjax")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - the lock installs it
        raise RuntimeError("typesetting math offline needs jupyter-server-mathjax (pip install --no-deps -r requirements-nodeps.txt)")
    src = Path(list(spec.submodule_search_locations)[0]) / "static"
    if not (src / "MathJax.js").is_file():
        raise RuntimeError(f"no MathJax.js in {src}: reinstall jupyter-server-mathjax")
    return src


def strip_solutions(text: str) -> str:
    """``text`` without its gated solutions (from ```` ```{solution-start} ```` to the closing fence
    of ```` ```{solution-end} ````). An unclosed solution is an error, not a silent leak."""
    out = _SOLUTION.sub("", text)
    if "{solution-start}" in out or "{solution}" in out:
        raise ValueError("a solution is not closed by ```{solution-end}``` (or uses the ungated {solution} directive)")
    return out


# --- Sphinx events ----------------------------------------------------------------------------


def _link_or_copy(src: str, dst: str) -> None:
    """A hard link to ``src`` (MathJax's 600 files are read, never written, here), else a copy."""
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)


def _on_config_inited(app, config):
    from sphinx.ext.mathjax import MATHJAX_URL

    if config.mathjax_path not in (MATHJAX_URL, MATHJAX_PATH):
        return  # the book chose another renderer
    src = mathjax_source()
    root = Path(app.doctreedir).parent / MATHJAX_SUBDIR
    target = root / "mathjax"
    stamp = root / "version.txt"
    want = f"{src} {(src / 'MathJax.js').stat().st_size}"
    if not target.is_dir() or not stamp.is_file() or stamp.read_text() != want:
        tmp = root / "mathjax.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(src, tmp, copy_function=_link_or_copy)
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
        stamp.write_text(want)
    (root / CSS_NAME).write_text(CSS, encoding="utf-8")
    config.html_static_path = list(config.html_static_path) + [str(root)]
    config.mathjax_path = MATHJAX_PATH
    config.mathjax2_config = MATHJAX2_CONFIG
    config.mathjax3_config = None


def _on_source_read(app, docname, source):
    if getattr(app.config, "hide_solutions", False) and "{solution-start}" in source[0]:
        source[0] = strip_solutions(source[0])


def _executed_notebook(app, docname: str) -> Path:
    return Path(app.outdir).parent / "jupyter_execute" / (docname + ".ipynb")


def _add_download_link(app, pagename, templatename, context, doctree):
    if app.builder.format != "html" or not _executed_notebook(app, pagename).is_file():
        return
    here = context["pathto"]
    nb = here(f"{NOTEBOOK_DIR}/{pagename}.ipynb", 1)
    zp = here(f"{NOTEBOOK_DIR}/{ZIP_NAME}", 1)
    run = here("chapters/run", 0) if "chapters/run" in app.env.all_docs else None
    link = (f'<p class="ti-downloads">Take this chapter away: <a class="ti-nb-download" href="{nb}" download>'
            f"executed notebook (.ipynb)</a> · <a href=\"{zp}\" download>all notebooks with the data (.zip)</a>")
    if run:
        link += f' · <a href="{run}">how to run them</a>'
    context["body"] = link + "</p>\n" + context.get("body", "")


def _on_env_updated(app, env):
    """Every page is read: start writing the take-away notebooks in a forked process (beside the pages)."""
    if app.builder.format != "html":
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .paths import project_root

    out = Path(app.outdir) / NOTEBOOK_DIR
    notebooks = {d: (_executed_notebook(app, d), out / (d + ".ipynb")) for d in sorted(env.found_docs)}
    notebooks = {d: paths for d, paths in notebooks.items() if paths[0].is_file()}
    cache_path = getattr(app.config, "nb_execution_cache_path", "") or ""
    from .takeaway import write_takeaway

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    app._ti_takeaway = (pool, pool.submit(write_takeaway, project_root(), cache_path, notebooks, out / ZIP_NAME))


def _on_build_finished(app, exception):
    started = getattr(app, "_ti_takeaway", None)
    if started is None:
        return
    app._ti_takeaway = None
    pool, job = started
    try:
        if exception is None:
            job.result()  # an error of the forked process is raised here, and the build fails with it
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def setup(app):
    """Sphinx entry point of the teaching extension; returns the extension metadata."""
    app.connect("config-inited", _on_config_inited, priority=600)
    app.add_css_file(CSS_NAME)
    app.connect("source-read", _on_source_read, priority=400)  # before other handlers see the text
    app.connect("html-page-context", _add_download_link)
    app.connect("env-updated", _on_env_updated)
    app.connect("build-finished", _on_build_finished)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


# --- the student edition's configuration --------------------------------------------------------


def merge(base: dict, override: dict) -> dict:
    """``base`` with ``override`` merged in (mappings recursively, everything else replaced)."""
    out = dict(base)
    for k, v in override.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def write_config(base: Path, override: Path, out: Path) -> Path:
    """Write ``base`` (a ``_config.yml``) merged with ``override`` to ``out``."""
    import yaml

    cfg = merge(yaml.safe_load(base.read_text(encoding="utf-8")) or {}, yaml.safe_load(override.read_text(encoding="utf-8")) or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line of the teaching tools (edition config, notebook zip); returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 4 or argv[0] != "config":
        print("usage: python -m tradeimbalance.teaching config BASE.yml OVERRIDE.yml OUT.yml", file=sys.stderr)
        return 2
    base, override, out = (Path(a) for a in argv[1:])
    for p in (base, override):
        if not p.is_file():
            print(f"error: no such config file: {p}", file=sys.stderr)
            return 1
    write_config(base, override, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
