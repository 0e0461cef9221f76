"""Sphinx extension for the book.

1. Serves the vega / vega-lite / vega-embed JavaScript (shipped inside
   vl-convert-python) from the book's own ``_static`` folder, so charts are
   interactive with no network and no page asks a CDN for anything
   (copied from this machine's cache, or written by another process while the pages are
   read: :class:`_VegaBundle`).
2. Makes chapter execution depend on ``lib/`` and ``data/``: every notebook
   page notes those files as dependencies (so Sphinx re-reads it when one
   changes) and carries a hidden cell with their fingerprint (so the
   jupyter-cache entry no longer matches and the chapter is executed again).
   A rebuild with nothing changed re-reads and re-executes nothing.
3. Removes duplicate script entries from each page, so the browser console stays clean.
4. Tunes the garbage collector of the build process (:func:`tune_gc`).
5. Beside ``python -m tradeimbalance.prebuild --then`` or ``tradeimbalance run``: reads each chapter
   once the pre-execution has put it in the execution cache, or the run has written its executed
   notebook (:mod:`tradeimbalance.progress`).
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import shutil
from pathlib import Path

from . import __version__
from .paths import PACKAGE_DIR, cache_dir, data_dir

STATIC_SUBDIR = "tradeimbalance-static"
CSS_NAME = "tradeimbalance.css"
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CELL_LANG = re.compile(r"^```\{code-cell\}\s*(\S+)", re.M)


def dependency_files() -> list[Path]:
    """The files every chapter depends on: the package source and the tidy data."""
    files = [p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    d = data_dir()
    if d.exists():
        files += [p for p in d.rglob("*") if p.is_file()]
    return sorted(files)


def fingerprint(files: list[Path] | None = None) -> str:
    """SHA-256 over the names and bytes of ``files`` (default: :func:`dependency_files`)."""
    files = dependency_files() if files is None else files
    h = hashlib.sha256()
    for p in files:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def inject_fingerprint(text: str, digest: str) -> str:
    """Insert a hidden code cell holding ``digest`` after a MyST notebook's front matter."""
    m = _FRONT_MATTER.match(text)
    if not m or "format_name: myst" not in m.group(0):
        return text
    lang = _CELL_LANG.search(text)
    lang = lang.group(1) if lang else "ipython3"
    cell = f"\n```{{code-cell}} {lang}\n:tags: [remove-cell]\n\n# inputs fingerprint (lib/, data/): {digest}\n```\n"
    return text[: m.end()] + cell + text[m.end():]


def _prebuilt_chapters(where, timeout: float = 0.0) -> dict[str, str]:
    """``{docname: source}`` of the chapters the pre-execution beside this build runs (see :mod:`.progress`),
    waiting up to ``timeout`` s for their list."""
    from . import progress

    return {Path(s).with_suffix("").as_posix(): s for s in progress.read_order(where, timeout)}


def _on_env_before_read_docs(app, env, docnames):
    """With a pre-execution running beside the build: read the other pages first, then the chapters in the
    order they become ready."""
    from . import progress

    where = progress.folder()
    if where is None:
        return
    rank = {d: i for i, d in enumerate(_prebuilt_chapters(where, timeout=60))}
    docnames.sort(key=lambda d: rank.get(d, -1))


def _on_source_read(app, docname, source):
    from . import progress

    where = progress.folder()
    if where is not None:
        chapters = _prebuilt_chapters(where)
        if docname in chapters:
            from sphinx.errors import ExtensionError

            timeout = float(getattr(app.config, "nb_execution_timeout", 600) or 600) * max(1, len(chapters))
            try:
                progress.wait(where, chapters[docname], timeout)
            except (progress.ChapterFailed, TimeoutError) as exc:
                raise ExtensionError(str(exc)) from None
            if chapters[docname].endswith(".ipynb"):  # an executed notebook written while the build ran
                source[0] = Path(app.env.doc2path(docname)).read_text(encoding="utf-8")
    if not _FRONT_MATTER.match(source[0]) or "format_name: myst" not in source[0][:2000]:
        return
    if not hasattr(app, "_ti_deps"):
        app._ti_deps = dependency_files()
        app._ti_digest = fingerprint(app._ti_deps)
    for p in app._ti_deps:
        app.env.note_dependency(str(p))
    source[0] = inject_fingerprint(source[0], app._ti_digest)


def _static_dir(app) -> Path:
    return Path(app.doctreedir).parent / STATIC_SUBDIR


def _on_config_inited(app, config):
    target = _static_dir(app)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "static" / CSS_NAME, target / CSS_NAME)
    config.html_static_path = list(config.html_static_path) + [str(target)]


class _VegaBundle:
    """The Vega JavaScript bundle of ``_static``, copied from this machine's cache or written by a separate
    process while Sphinx reads the pages.

    vl-convert takes a few seconds of a core to write it and holds the interpreter lock meanwhile, so a
    thread would not help; a process uses another core. The bundle depends only on the installed versions,
    so a written bundle is also kept in :func:`tradeimbalance.paths.cache_dir` under a name made from them (the next clean
    build or ``run --year`` copies it from there); in the build's folder it is kept with a stamp of those
    versions and written again only when it is missing or a version changed.
    """

    def __init__(self, app):
        import vl_convert

        from .charts.vega import JS_BUNDLE_NAME, VL_VERSION

        target = _static_dir(app)
        self.js = target / JS_BUNDLE_NAME
        self.tmp = self.js.with_suffix(".tmp")
        self.stamp = target.parent / (STATIC_SUBDIR + ".version")
        self.want = (f"vl-convert {getattr(vl_convert, '__version__', '')} vega-lite {VL_VERSION} "
                     f"tradeimbalance {__version__}")
        key = hashlib.sha256(self.want.encode()).hexdigest()[:16]
        self.cached = cache_dir() / "vega" / f"{key}-{JS_BUNDLE_NAME}"
        self.proc = None

    def current(self) -> bool:
        """True when the bundle on disk was made from the installed versions."""
        return self.js.is_file() and self.stamp.is_file() and self.stamp.read_text() == self.want

    def from_cache(self) -> bool:
        """Put the machine's cached bundle in place; False (nothing changed) when there is none to copy."""
        try:
            shutil.copyfile(self.cached, self.tmp)
        except OSError:
            self.tmp.unlink(missing_ok=True)
            return False
        self._put_in_place()
        return True

    def _put_in_place(self) -> None:
        """Move the finished temporary file onto the bundle and stamp it with the versions (returns None)."""
        self.tmp.replace(self.js)
        self.stamp.write_text(self.want)

    def start(self) -> None:
        """Start writing the bundle to a temporary file (returns None)."""
        import subprocess
        import sys

        self.proc = subprocess.Popen([sys.executable, "-m", "tradeimbalance.charts.vega", str(self.tmp)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def finish(self) -> None:
        """Wait for the bundle and put it in place; raises ExtensionError if it could not be written."""
        from sphinx.errors import ExtensionError

        if self.proc is None:
            return
        _, err = self.proc.communicate()
        code, self.proc = self.proc.returncode, None
        if code != 0 or not self.tmp.is_file():
            self.tmp.unlink(missing_ok=True)
            raise ExtensionError(f"the Vega JavaScript bundle could not be written to {self.js} "
                                 f"(exit code {code}): {err.decode(errors='replace').strip()[-2000:]}")
        self._put_in_place()
        self._keep()

    def _keep(self) -> None:
        """Copy the bundle into the machine's cache, whole or not at all; a cache that cannot be written
        is left as it is (returns None)."""
        part = self.cached.with_name(f"{self.cached.name}.{os.getpid()}.tmp")
        try:
            self.cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.js, part)
            part.replace(self.cached)
        except OSError:
            try:
                part.unlink(missing_ok=True)
            except OSError:
                pass

    def stop(self) -> None:
        """Stop a bundle still being written (a failed build) and remove its temporary file (returns None)."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
        self.tmp.unlink(missing_ok=True)


def _on_builder_inited(app):
    if app.builder.format != "html":
        return  # only the HTML pages load the JavaScript
    bundle = _VegaBundle(app)
    if not bundle.current() and not bundle.from_cache():
        bundle.start()
        app._ti_vega = bundle


def _on_env_updated(app, env):
    """After reading, before any page or static file is written: the bundle must be in place."""
    bundle = getattr(app, "_ti_vega", None)
    if bundle is not None:
        app._ti_vega = None
        bundle.finish()
    return []


def _on_build_finished(app, exception):
    bundle = getattr(app, "_ti_vega", None)
    if bundle is not None:
        app._ti_vega = None
        bundle.stop()


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    """Drop repeated script entries from a page (sphinx-thebe's inline config is added twice
    under Sphinx 7.4, which makes the browser report a redeclared identifier)."""
    seen, unique = set(), []
    for js in context.get("script_files", []):
        attrs = getattr(js, "attributes", {}) or {}
        key = (getattr(js, "filename", None) or "", tuple(sorted((k, str(v)) for k, v in attrs.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    if "script_files" in context:
        context["script_files"][:] = unique


#: Allocations between two collections of the youngest generation while a book builds (Python's default: 700).
GC_YOUNG_THRESHOLD = 50_000


def tune_gc() -> None:
    """Collect garbage less often in the build process (returns None).

    A build creates and unpickles a few million docutils nodes, almost all alive until the process
    ends. With Python's default thresholds the collector walks them over and over, which costs
    about a quarter of the HTML build's time; collecting the youngest generation every 50,000
    allocations, and the oldest almost never, removes that at about 20 MB more memory. The objects
    created before (the imported modules) are frozen out of every later collection.
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 50, 1000)


def setup(app):
    """Sphinx entry point: connect the book's build-time checks; returns the extension metadata."""
    from .charts.vega import JS_BUNDLE_NAME

    from .charts import pdf

    tune_gc()
    pdf.setup(app)
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-updated", _on_env_updated)
    app.connect("build-finished", _on_build_finished)
    app.connect("source-read", _on_source_read)
    app.connect("env-before-read-docs", _on_env_before_read_docs)
    app.connect("html-page-context", _dedupe_scripts, priority=100)  # early: the event stops at the first handler that returns a template
    app.add_js_file(JS_BUNDLE_NAME, type="module")
    app.add_css_file(CSS_NAME)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
