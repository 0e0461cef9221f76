"""Execute one chapter with papermill, in a worker process, and describe the cell that failed.

:func:`execute_chapter` reads a chapter (a MyST notebook with jupytext, or an ``.ipynb``), runs it
with ``year`` injected after the cell tagged ``parameters``, in a kernel of its own forked from the
warmed-up worker (:mod:`tradeimbalance.warmkernel`), and writes the executed notebook; the
kernel's connection file and temporary files go into the run's scratch folder. A failing cell is named by
:func:`describe_cell_error`: its number in the chapter, the line in the chapter file, the code line
that raised and the error.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from .. import warmkernel
from ..toc import CODE_FENCE

#: An ANSI terminal escape (colours in tracebacks and in jupyter-book's log).
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_LINE = re.compile(r"Cell In\s*\[\d*\],\s*line (\d+)")
_ARROW_LINE = re.compile(r"^-+>\s*(\d+)\s?(.*)$")


def _code_cell_lines(md_text: str) -> list[int]:
    """1-based line numbers of the ``{code-cell}`` fences of a MyST notebook."""
    return [md_text.count("\n", 0, m.start()) + 1 for m in CODE_FENCE.finditer(md_text)]


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
    tb = ANSI.sub("", "\n".join(getattr(err, "traceback", []) or []))
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


def execute_chapter(root: str, source_rel: str, year: int, out_ipynb: str, scratch: str, timeout: int) -> dict:
    """Execute one chapter with papermill (runs in a worker process) into ``out_ipynb``.

    Returns a plain dict: ``ok`` (bool), ``seconds`` (wall time of the execution, in seconds)
    and ``error`` (the message of :func:`describe_cell_error`, or "" on success).
    """
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
        with warmkernel.forked(path.parent) as km:  # a fresh kernel forked from this warmed-up worker
            papermill.execute_notebook(
                str(src_ipynb),
                out_ipynb,
                parameters={"year": int(year)},
                cwd=str(path.parent),
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
                km=km,
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
