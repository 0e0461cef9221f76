"""Run the book for one year: execute every chapter with papermill, build the HTML book.

:func:`run_year` is what ``tradeimbalance run --year YEAR`` does:

1. Refuse a year outside the data's coverage (:mod:`tradeimbalance.coverage`)
   before anything runs or is written.
2. Read each chapter listed in ``_toc.yml`` (MyST notebooks, with jupytext) and
   execute it with papermill's Python API, ``year`` injected after the cell
   tagged ``parameters``. Chapters run in parallel, one kernel each, on
   ``os.cpu_count()`` worker processes; one progress line per chapter.
3. In a temporary folder, lay out a book of the executed notebooks (``index.md``,
   ``_config.yml`` with execution off and the project's Sphinx extension kept,
   a ``_toc.yml`` pointing at the notebooks) and build it with ``jupyter-book``.
4. Only when every chapter ran and the build succeeded, swap the HTML into the
   output folder (default ``_build/years/YEAR``). A failure leaves no output
   folder behind, or the previous one untouched, and names the chapter and cell.

The output folder is checked (:func:`tradeimbalance.outdir.check`) before
anything runs. An interrupt (SIGINT, or SIGTERM turned into
:class:`~tradeimbalance.errors.Interrupted` by the command) stops the workers,
their kernels and the resource tracker, and removes the temporary folder.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from . import outdir, tempdirs
from .coverage import check_year
from .errors import UsageError

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_LINE = re.compile(r"Cell In\s*\[\d*\],\s*line (\d+)")
_ARROW_LINE = re.compile(r"^-+>\s*(\d+)\s?(.*)$")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})\{code-cell\}", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class RunError(Exception):
    """The book could not be run or built for the year; nothing was written to the output folder."""


class RunUsageError(RunError, UsageError):
    """The run was asked for something the book does not have (a chapter name, a worker count)."""


@dataclass(frozen=True)
class Chapter:
    """One page of the table of contents."""

    docname: str  # e.g. "chapters/bilateral"
    source: str  # e.g. "chapters/bilateral.md"
    executable: bool  # a MyST notebook with code cells (run with papermill); else copied as is

    @property
    def name(self) -> str:
        return Path(self.docname).name


@dataclass
class ChapterResult:
    chapter: Chapter
    ok: bool
    seconds: float
    error: str = ""
    skipped: bool = False


@dataclass
class RunResult:
    year: int
    out: Path
    seconds: float
    chapters: list[ChapterResult] = field(default_factory=list)
    figures: int = 0
    figures_with_data_link: int = 0
    build_seconds: float = 0.0

    @property
    def execute_seconds(self) -> float:
        return sum(r.seconds for r in self.chapters)


# --------------------------------------------------------------------------- table of contents


def _toc_files(entries) -> list[str]:
    files = []
    for e in entries or []:
        if not isinstance(e, dict):
            continue
        if "file" in e:
            files.append(str(e["file"]))
        for key in ("sections", "chapters", "parts"):
            files += _toc_files(e.get(key))
    return files


def _find_source(root: Path, docname: str) -> Path | None:
    p = root / docname
    if p.suffix in (".md", ".ipynb") and p.is_file():
        return p
    for ext in (".md", ".ipynb"):
        if p.with_name(p.name + ext).is_file():
            return p.with_name(p.name + ext)
    return None


def _strip_ext(docname: str) -> str:
    return re.sub(r"\.(md|ipynb)$", "", docname)


def is_executable(path: Path) -> bool:
    """Whether a page is a notebook with code cells (a MyST notebook or an .ipynb)."""
    if path.suffix == ".ipynb":
        return True
    text = path.read_text(encoding="utf-8")
    m = _FRONT_MATTER.match(text)
    return bool(m and "jupytext" in m.group(0) and _CODE_FENCE.search(text))


def toc_chapters(root: str | Path) -> list[Chapter]:
    """The chapters listed in ``root/_toc.yml`` (the root page excluded), in book order."""
    root = Path(root)
    if not (root / "_toc.yml").is_file():
        raise RunUsageError(f"{root} is not a book folder: it has no _toc.yml (check --root or TRADEIMBALANCE_ROOT)")
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    out = []
    for f in _toc_files([toc]):
        docname = _strip_ext(f)
        if docname == _strip_ext(str(toc.get("root", "index"))):
            continue
        src = _find_source(root, docname)
        if src is None:
            raise RunError(f"_toc.yml lists {f!r} but no {docname}.md or {docname}.ipynb exists in {root}")
        out.append(Chapter(docname, src.relative_to(root).as_posix(), is_executable(src)))
    return out


def select_chapters(chapters: list[Chapter], names: list[str] | None) -> list[Chapter]:
    """The chapters named in ``names`` (``bilateral``, ``chapters/bilateral`` or ``chapters/bilateral.md``)."""
    if not names:
        return list(chapters)
    by_key = {}
    for c in chapters:
        for key in (c.name, c.docname, c.source):
            by_key[key] = c
    chosen, unknown = [], []
    for n in names:
        key = n.strip().rstrip("/")
        c = by_key.get(key) or by_key.get(_strip_ext(key))
        if c is None:
            unknown.append(n)
        elif c not in chosen:
            chosen.append(c)
    if unknown:
        raise RunUsageError(f"unknown chapter(s) {unknown}; the table of contents lists: {[c.name for c in chapters]}")
    return [c for c in chapters if c in chosen]  # book order


# --------------------------------------------------------------------------- execution


def _code_cell_lines(md_text: str) -> list[int]:
    """1-based line numbers of the ``{code-cell}`` fences of a MyST notebook."""
    return [md_text.count("\n", 0, m.start()) + 1 for m in _CODE_FENCE.finditer(md_text)]


def describe_cell_error(source_rel: str, md_text: str | None, nb, err) -> str:
    """A one-paragraph message for a papermill execution error in chapter ``source_rel``.

    ``nb`` is the chapter as read from its source (without the injected
    parameters cell); ``err`` has papermill's ``cell_index``, ``exec_count``,
    ``source``, ``ename``, ``evalue`` and ``traceback``. The message gives the
    cell number in the chapter (1-based, counting every cell, and counting code
    cells only), the line in the chapter file where possible, the line of code
    that raised and the error.
    """
    cells = list(nb.cells)
    src = (getattr(err, "source", "") or "").strip()
    matches = [i for i, c in enumerate(cells) if c.cell_type == "code" and c.source.strip() == src]
    idx = None
    if matches:
        target = (getattr(err, "cell_index", 0) or 0) - 1  # papermill's index counts the injected cell
        idx = min(matches, key=lambda i: abs(i - target))
    tb = _ANSI.sub("", "\n".join(getattr(err, "traceback", []) or []))
    line_in_cell, code_line = None, ""
    m = _CELL_LINE.search(tb)
    if m:
        line_in_cell = int(m.group(1))
        for tl in tb[m.end():].splitlines():
            a = _ARROW_LINE.match(tl.strip())
            if a:
                code_line = a.group(2).strip()
                break
    if not code_line and line_in_cell and src:
        lines = src.splitlines()
        if 0 < line_in_cell <= len(lines):
            code_line = lines[line_in_cell - 1].strip()
    where = f"{source_rel}"
    if idx is not None:
        code_no = sum(1 for c in cells[: idx + 1] if c.cell_type == "code")
        where += f", cell {idx + 1} (code cell {code_no})"
        if md_text is not None:
            fences = _code_cell_lines(md_text)
            if code_no <= len(fences):
                fence = fences[code_no - 1]
                file_line = fence
                if line_in_cell and src:
                    raw = (getattr(err, "source", "") or "").splitlines()
                    lead = next((k for k, l in enumerate(raw) if l.strip()), 0)  # blank lines before the code
                    lines = md_text.splitlines()
                    first = src.splitlines()[0].strip()
                    for j in range(fence, min(len(lines), fence + 40)):
                        if lines[j].strip() == first:
                            file_line = j + 1 + (line_in_cell - 1 - lead)
                            break
                where += f", line {file_line} of the file"
    else:
        where += f", executed cell {getattr(err, 'exec_count', '?')}"
    msg = f"{where}: {getattr(err, 'ename', 'Error')}: {getattr(err, 'evalue', '')}"
    if code_line:
        msg += f"\n    the line that failed: {code_line}"
    return msg


def _prepare_executed(nb) -> None:
    """Show the effective ``year`` where the chapter shows its parameters cell.

    The injected cell takes the presentation tags of the ``parameters`` cell;
    the original cell (now superseded) is removed from the page.
    """
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    if not params or not injected:
        return
    tags = [t for t in params[0].metadata.get("tags", []) if t != "parameters"]
    injected[0].metadata["tags"] = ["injected-parameters", *[t for t in tags if t not in ("injected-parameters",)]]
    params[0].metadata["tags"] = [*params[0].metadata.get("tags", []), "remove-cell"]


def _worker_init() -> None:
    """Pool workers leave SIGINT to the parent (which stops them), so a Ctrl-C prints no traceback of theirs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Kill the pool's workers and everything they started (kernels), then the resource tracker."""
    procs = dict(getattr(pool, "_processes", None) or {})
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        psutil = None
    victims = []
    for pid in procs:
        if psutil is not None:
            try:
                victims += psutil.Process(pid).children(recursive=True)
            except psutil.Error:
                pass
    for v in victims:
        try:
            v.kill()
        except Exception:
            pass
    for proc in procs.values():
        try:
            proc.kill()
        except Exception:
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs.values():
        proc.join(timeout=5)
    if psutil is not None:
        psutil.wait_procs(victims, timeout=5)
    _stop_resource_tracker()


def _stop_resource_tracker(grace: float = 3.0) -> None:
    """End multiprocessing's resource tracker: close our end of its pipe (it then cleans up and exits).

    With the workers gone no one else holds the pipe; should it still run after
    ``grace`` seconds, it is killed.
    """
    from multiprocessing import resource_tracker

    rt = resource_tracker._resource_tracker
    pid, fd = getattr(rt, "_pid", None), getattr(rt, "_fd", None)
    if not pid:
        return
    rt._pid = rt._fd = None
    try:
        if fd is not None:
            os.close(fd)
        deadline = time.monotonic() + grace
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.05)
    except (OSError, ChildProcessError):
        pass


def execute_chapter(root: str, source_rel: str, year: int, out_ipynb: str, scratch: str, timeout: int) -> dict:
    """Execute one chapter with papermill (runs in a worker process); returns a plain dict."""
    os.environ["TRADEIMBALANCE_ROOT"] = root
    # The kernel's connection file and any temporary file go into the run's own temporary
    # folder, so that nothing is left behind when the run is interrupted and the folder removed.
    os.environ["TMPDIR"] = os.environ["JUPYTER_RUNTIME_DIR"] = scratch
    tempfile.tempdir = scratch
    path = Path(root) / source_rel
    # The kernel's own log lines (start-up warnings) go to a file, not the terminal.
    log_fd = os.open(Path(scratch) / (source_rel.replace("/", "__") + ".kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    saved_stderr = os.dup(2)
    os.dup2(log_fd, 2)
    try:
        return _execute(path, source_rel, year, out_ipynb, scratch, timeout)
    finally:
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.close(log_fd)


def _execute(path: Path, source_rel: str, year: int, out_ipynb: str, scratch: str, timeout: int) -> dict:
    import jupytext
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    t = time.perf_counter()
    md_text = path.read_text(encoding="utf-8") if path.suffix == ".md" else None
    try:
        nb = jupytext.read(path) if md_text is not None else nbformat.read(path, as_version=4)
        src_ipynb = Path(scratch) / (source_rel.replace("/", "__") + ".ipynb")
        nbformat.write(nb, src_ipynb)
        papermill.execute_notebook(
            str(src_ipynb),
            out_ipynb,
            parameters={"year": int(year)},
            cwd=str(path.parent),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
        )
        executed = nbformat.read(out_ipynb, as_version=4)
        _prepare_executed(executed)
        nbformat.write(executed, out_ipynb)
    except PapermillExecutionError as err:
        return {"ok": False, "seconds": time.perf_counter() - t, "error": describe_cell_error(source_rel, md_text, nb, err)}
    except Exception as err:  # kernel died, timeout, unreadable notebook, ...
        first = (str(err).strip().splitlines() or [""])[0]
        return {"ok": False, "seconds": time.perf_counter() - t, "error": f"{source_rel}: {type(err).__name__}: {first}"}
    return {"ok": True, "seconds": time.perf_counter() - t, "error": ""}


def _progress_line(r: ChapterResult, width: int) -> str:
    tag = "ok" if r.ok else ("skipped" if r.skipped else "FAILED")
    head = f"[{tag}] {r.chapter.source}"
    return f"{head.ljust(width + 10)}  {r.seconds:6.1f} s"


def execute_chapters(
    chapters: list[Chapter],
    year: int,
    root: Path,
    book_dir: Path,
    scratch: Path,
    workers: int | None = None,
    timeout: int = 600,
    progress: Callable[[str], None] = print,
) -> list[ChapterResult]:
    """Execute ``chapters`` in parallel into ``book_dir/<docname>.ipynb`` (one progress line each).

    After the first failure the chapters still waiting are cancelled (reported
    as skipped); the ones already handed to a worker finish. Returns a result
    per chapter, in book order.
    """
    todo = [c for c in chapters if c.executable]
    if not todo:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
    width = max(len(c.source) for c in todo)
    results: dict[Chapter, ChapterResult] = {}
    ctx = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init)
    try:
        futures = {}
        for c in todo:
            out = book_dir / (c.docname + ".ipynb")
            out.parent.mkdir(parents=True, exist_ok=True)
            futures[pool.submit(execute_chapter, str(root), c.source, year, str(out), str(scratch), timeout)] = c
        failed = False
        for fut in cf.as_completed(futures):
            c = futures[fut]
            if fut.cancelled():
                continue
            try:
                d = fut.result()
            except Exception as exc:  # the worker process itself died
                d = {"ok": False, "seconds": 0.0, "error": f"{c.source}: worker failed: {type(exc).__name__}: {exc}"}
            r = ChapterResult(c, d["ok"], d["seconds"], d["error"])
            results[c] = r
            progress(_progress_line(r, width))
            if not r.ok and not failed:
                failed = True
                for f in futures:
                    f.cancel()
        for f, c in futures.items():
            if c not in results:
                results[c] = ChapterResult(c, False, 0.0, "not run: another chapter failed first", skipped=True)
                progress(_progress_line(results[c], width))
    except BaseException:  # an interrupt: stop the workers and their kernels now, not after they finish
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return [results[c] for c in todo]


# --------------------------------------------------------------------------- book


def _book_toc(root: Path, chapters: list[Chapter]) -> dict:
    """The project's ``_toc.yml`` with only ``chapters`` kept (empty parts dropped)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    keep = {c.docname for c in chapters}

    def prune(entries):
        out = []
        for e in entries or []:
            if not isinstance(e, dict):
                continue
            e = dict(e)
            for key in ("sections", "chapters", "parts"):
                if key in e:
                    e[key] = prune(e[key])
                    if not e[key]:
                        del e[key]
            if "file" in e:
                if _strip_ext(str(e["file"])) in keep:
                    e["file"] = _strip_ext(str(e["file"]))
                    out.append(e)
                elif any(k in e for k in ("sections",)):  # a dropped page with kept sub-pages: keep the sub-pages
                    out.extend(e["sections"])
            elif any(k in e for k in ("chapters", "sections")):
                out.append(e)
        return out

    for key in ("parts", "chapters", "sections"):
        if key in toc:
            toc[key] = prune(toc[key])
            if not toc[key]:
                del toc[key]
    return toc


def _book_config(root: Path, year: int) -> dict:
    """The project's ``_config.yml`` for a book of executed notebooks for ``year``."""
    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    cfg["title"] = f"{cfg.get('title', 'Book')} ({year})"
    execute = dict(cfg.get("execute") or {})
    execute["execute_notebooks"] = "off"
    execute.pop("cache", None)
    cfg["execute"] = execute
    sphinx = dict(cfg.get("sphinx") or {})
    ext = list(sphinx.get("extra_extensions") or [])
    if "tradeimbalance.sphinxext" not in ext:
        ext.append("tradeimbalance.sphinxext")
    sphinx["extra_extensions"] = ext
    cfg["sphinx"] = sphinx
    return cfg


def lay_out_book(root: Path, book_dir: Path, chapters: list[Chapter], year: int) -> None:
    """Write ``index.md``, ``_config.yml``, ``_toc.yml`` and the non-executed pages into ``book_dir``.

    Executed chapters are written there as notebooks by :func:`execute_chapters`.
    Files next to the chapters (images, ...) and bibliographies are copied too.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    index = _find_source(root, _strip_ext(str(toc.get("root", "index"))))
    if index is None:
        raise RunError(f"the root page {toc.get('root', 'index')!r} of _toc.yml is missing in {root}")
    book_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(index, book_dir / index.name)
    for folder in sorted({Path(c.source).parent for c in chapters} - {Path(".")}):
        for p in (root / folder).rglob("*"):
            if p.is_file() and p.suffix not in (".md", ".ipynb") and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts:
                dest = book_dir / p.relative_to(root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dest)
    for p in list(root.glob("*.bib")) + [root / "_static"]:
        if p.is_file():
            shutil.copy2(p, book_dir / p.name)
        elif p.is_dir():
            shutil.copytree(p, book_dir / p.name, dirs_exist_ok=True)
    for c in chapters:
        if not c.executable:
            dest = book_dir / c.source
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / c.source, dest)
    dump = dict(sort_keys=False, allow_unicode=True)
    (book_dir / "_config.yml").write_text(yaml.safe_dump(_book_config(root, year), **dump), encoding="utf-8")
    (book_dir / "_toc.yml").write_text(yaml.safe_dump(_book_toc(root, chapters), **dump), encoding="utf-8")


def build_warnings(book_dir: Path) -> list[str]:
    """The Sphinx warnings of the last :func:`build_html` of ``book_dir``."""
    log = book_dir / "build.log"
    if not log.is_file():
        return []
    text = _ANSI.sub("", log.read_text(encoding="utf-8")).replace(f"{book_dir}/", "")
    return [l.strip() for l in text.splitlines() if "WARNING:" in l]


def build_html(book_dir: Path, strict: bool = True, env: dict | None = None) -> Path:
    """``jupyter-book build`` of ``book_dir`` (``-W -n --keep-going`` when strict); returns the HTML folder."""
    # jupyter_book.cli.main has no ``__main__`` guard, so ``python -m`` would do nothing: call main() instead.
    launcher = "import sys; from jupyter_book.cli.main import main; sys.exit(main())"
    cmd = [sys.executable, "-c", launcher, "build", str(book_dir), "--builder", "html", "-n", "--keep-going"]
    if strict:
        cmd.insert(-2, "-W")
    proc = subprocess.run(cmd, cwd=book_dir, env=env, capture_output=True, text=True)
    log = _ANSI.sub("", proc.stdout + "\n" + proc.stderr)
    (book_dir / "build.log").write_text(log, encoding="utf-8")
    html = book_dir / "_build" / "html"
    if proc.returncode != 0 or not (html / "index.html").is_file():
        problems = [l.strip().replace(f"{book_dir}/", "") for l in log.splitlines() if re.search(r"WARNING|ERROR|Error|Exception", l)]
        detail = "\n".join("    " + p for p in problems[-15:]) or "\n".join("    " + l for l in log.strip().splitlines()[-15:])
        raise RunError(f"jupyter-book build failed (exit code {proc.returncode}):\n{detail}")
    return html


_FIGURE_DIV = re.compile(r'<div class="ti-figure">(.*?)</script>\s*(<p class="ti-data-link">)?', re.S)


def data_links(html_dir: Path) -> tuple[int, int, list[str]]:
    """Count the charts in the built HTML and those with a CSV download link below them.

    Returns ``(charts, charts_with_link, pages_with_a_chart_missing_its_link)``.
    """
    charts = linked = 0
    missing = []
    for page in sorted(html_dir.rglob("*.html")):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        found = _FIGURE_DIV.findall(text)
        n = len(found)
        k = sum(1 for f in found if f[1])
        charts += n
        linked += k
        if k < n:
            missing.append(page.relative_to(html_dir).as_posix())
    return charts, linked, missing


def swap_into(src: Path, out: Path, owned: bool = False) -> None:
    """Copy ``src`` into a stage inside ``out``, then replace the book written there before by renames.

    Only entries the previous run wrote (listed by the folder's marker) are
    replaced; see :func:`tradeimbalance.outdir.publish`.
    """
    with outdir.staging(out, "book", owned=owned) as stage:
        shutil.copytree(src, stage, dirs_exist_ok=True)


def data_dir_of(root: Path) -> Path:
    """The data folder the chapters of the book at ``root`` read (``TRADEIMBALANCE_DATA`` overrides)."""
    env = os.environ.get("TRADEIMBALANCE_DATA")
    return Path(env).resolve() if env else Path(root) / "data"


def raw_dir_of(root: Path) -> Path:
    """The raw-source folder next to the book at ``root`` (``TRADEIMBALANCE_RAW`` overrides)."""
    env = os.environ.get("TRADEIMBALANCE_RAW")
    return Path(env).resolve() if env else (Path(root).parent / "shared" / "data" / "raw").resolve()


def default_out(root: Path, year: int) -> Path:
    return root / "_build" / "years" / str(year)


def run_year(
    year: int,
    root: str | Path | None = None,
    chapters: list[str] | None = None,
    out: str | Path | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] = print,
) -> RunResult:
    """Execute the chapters for ``year`` and build the HTML book into ``out``.

    Raises :class:`tradeimbalance.coverage.CoverageError` for a year outside
    the data (before anything runs) and :class:`RunError` when a chapter or
    the build fails; in both cases ``out`` is left as it was.
    """
    from . import paths
    from .paths import project_root

    t0 = time.perf_counter()
    root = Path(root).resolve() if root is not None else project_root()
    year = int(year)
    if workers is not None and int(workers) < 1:
        raise RunUsageError(f"--workers must be a positive number of parallel kernels, not {workers}")
    selected = select_chapters(toc_chapters(root), chapters)
    check_year(year, data_dir_of(root))
    default = default_out(root, year)
    out = outdir.check(out if out is not None else default, "book", root=root, raw=raw_dir_of(root), default=default)
    if raw_dir_of(root) != paths.raw_dir():
        outdir.check(out, "book", raw=paths.raw_dir())
    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    timeout = int((cfg.get("execute") or {}).get("timeout") or 600)

    tempdirs.clean_stale()  # temporary folders of runs that were killed
    tmp = tempdirs.make_temp()
    try:
        book_dir, scratch = tmp / "book", tmp / "scratch"
        scratch.mkdir()
        n_exec = sum(c.executable for c in selected)
        w = max(1, min(workers or os.cpu_count() or 1, max(n_exec, 1)))
        progress(f"Running {n_exec} chapter(s) for {year} on {w} worker(s)")
        results = execute_chapters(selected, year, root, book_dir, scratch, workers=w, timeout=timeout, progress=progress)
        failures = [r for r in results if not r.ok and not r.skipped]
        if failures:
            lines = "\n".join(f"  {r.error}" for r in failures)
            raise RunError(f"{len(failures)} chapter(s) failed for {year}; no book was written to {out}:\n{lines}")
        lay_out_book(root, book_dir, selected, year)
        progress("Building the HTML book")
        tb = time.perf_counter()
        html = build_html(book_dir, strict=chapters is None, env={**os.environ, "TRADEIMBALANCE_ROOT": str(root)})
        build_seconds = time.perf_counter() - tb
        warnings = build_warnings(book_dir)
        if warnings:
            progress(f"{len(warnings)} build warning(s), not fatal when only some chapters are built:")
            for w_line in warnings[:10]:
                progress(f"  {w_line}")
        n, linked, missing = data_links(html)
        if missing:
            progress(f"warning: a chart without its CSV download link on: {', '.join(missing)}")
        swap_into(html, out, owned=out == default)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return RunResult(year, out, time.perf_counter() - t0, results, n, linked, build_seconds)
