"""Benchmarks of the book: clean build, rebuild with nothing changed, each chapter's execution.

Run with ``make bench``. Prints one line per measurement (seconds) and writes
nothing into the repository except ``_build`` (the clean build rebuilds it).
Further benchmark scripts in this folder (``bench_*.py``) are run after these
measurements and their output is printed as is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
JB = [str(Path(sys.executable).parent / "jupyter-book")]


def chapters() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = []
    for part in toc.get("parts", []):
        for ch in part.get("chapters", []):
            p = ROOT / (ch["file"] + ".md")
            if p.exists() and "format_name: myst" in p.read_text(encoding="utf-8")[:600]:
                files.append(p)
    return files


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def execute(path: Path) -> float:
    """Seconds to execute one chapter in a fresh kernel (the kernel's start-up chatter on stderr is dropped)."""
    nb = jupytext.read(path)
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            t = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
            return time.perf_counter() - t
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def main() -> int:
    build = [*JB, "build", ".", "--builder", "html", "-W", "-n", "--keep-going"]
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    print(f"clean build (execute every chapter + HTML): {timed(build):7.1f} s")
    print(f"rebuild with nothing changed:               {timed(build):7.1f} s")
    total = 0.0
    for p in chapters():
        s = execute(p)
        total += s
        print(f"execute {p.relative_to(ROOT)!s:40s} {s:7.1f} s")
    print(f"execute all chapters, one after another:    {total:7.1f} s")
    for extra in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"--- {extra.name}")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(extra)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
