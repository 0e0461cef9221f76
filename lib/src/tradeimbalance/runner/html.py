"""Build the HTML of a laid-out book with ``jupyter-book`` and read what the build left.

:func:`start_html` starts ``jupyter-book build`` (strict: warnings are errors) in its own process and
:meth:`HtmlBuild.finish` waits for it and keeps its log;
:func:`build_warnings` reads the warnings of that log; :func:`data_links` counts the charts of
the built pages and those with their CSV download link.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ..errors import RunError
from .chapter import ANSI


def build_warnings(book_dir: Path) -> list[str]:
    """The Sphinx warnings of the last build of ``book_dir`` (:meth:`HtmlBuild.finish`)."""
    log = book_dir / "build.log"
    if not log.is_file():
        return []
    text = ANSI.sub("", log.read_text(encoding="utf-8")).replace(f"{book_dir}/", "")
    return [l.strip() for l in text.splitlines() if "WARNING:" in l]


class HtmlBuild:
    """A ``jupyter-book build`` running in its own process, started by :func:`start_html`."""

    def __init__(self, book_dir: Path, proc: subprocess.Popen, out_file: Path, err_file: Path):
        self.book_dir, self.proc, self.out_file, self.err_file = book_dir, proc, out_file, err_file

    def finish(self) -> Path:
        """Wait for the build, keep its log in ``book_dir/build.log``; return the HTML folder or raise RunError."""
        code = self.proc.wait()
        text = self.out_file.read_text(encoding="utf-8", errors="replace") + "\n" + \
            self.err_file.read_text(encoding="utf-8", errors="replace")
        log = ANSI.sub("", text)
        (self.book_dir / "build.log").write_text(log, encoding="utf-8")
        html = self.book_dir / "_build" / "html"
        if code != 0 or not (html / "index.html").is_file():
            book = f"{self.book_dir}/"
            problems = [l.strip().replace(book, "") for l in log.splitlines() if re.search(r"WARNING|ERROR|Error|Exception", l)]
            detail = "\n".join("    " + p for p in problems[-15:]) or "\n".join("    " + l for l in log.strip().splitlines()[-15:])
            raise RunError(f"jupyter-book build failed (exit code {code}):\n{detail}")
        return html

    def stop(self) -> None:
        """Stop the build if it still runs (returns None)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_html(book_dir: Path, strict: bool = True, env: dict | None = None, log_dir: Path | None = None) -> HtmlBuild:
    """Start ``jupyter-book build`` of ``book_dir`` (``-W -n --keep-going`` when strict) in its own process.

    Its output goes to two files in ``log_dir`` (default: ``book_dir/_build``) until
    :meth:`HtmlBuild.finish` reads them.
    """
    cmd = [sys.executable, "-m", "tradeimbalance.jb", "build", str(book_dir), "--builder", "html", "-n", "--keep-going"]
    if strict:
        cmd.insert(-2, "-W")
    log_dir = Path(log_dir) if log_dir is not None else book_dir / "_build"
    log_dir.mkdir(parents=True, exist_ok=True)
    out_file, err_file = log_dir / "build.stdout", log_dir / "build.stderr"
    with out_file.open("wb") as out, err_file.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=book_dir, env=env, stdout=out, stderr=err)
    return HtmlBuild(book_dir, proc, out_file, err_file)


_FIGURE_DIV = re.compile(r'<div class="ti-figure">(.*?)</script>\s*(<p class="ti-data-link">)?', re.S)


def data_links(html_dir: Path) -> tuple[int, int, list[str]]:
    """Count the charts in the built HTML and those with a CSV download link below them.

    Returns ``(charts, charts_with_link, pages)``: the number of charts, the number of those with
    a link, and the pages (paths relative to ``html_dir``) with a chart missing its link.
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
