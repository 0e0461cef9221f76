"""Benchmarks of the book, as ratios measured in one run (they hold on a busy machine).

Run with ``make bench``. In one run it measures

- the *floor*: a notebook that only starts a kernel, imports ``tradeimbalance``,
  pandas and Altair and loads the largest table;
- each chapter executed in a fresh launched kernel, one after another (kernel
  start included, as for the floor). Three rounds, each the floor then every
  chapter, so the floor and each chapter are sampled alike; the shortest run of
  each counts, and the sum of the chapters' is the sequential time;
- a clean ``make book`` (``_build`` removed: parallel pre-execution, with the
  Sphinx build beside it), three times (the shortest counts, as for the
  chapters), with the peak memory of all its processes together
  (the machine's copy of the Vega bundle, ``~/.cache/tradeimbalance``, is kept,
  as after any earlier build on the machine);
- the same build again with nothing changed (``make book``: its up-to-date check);
- ``tradeimbalance run --year 2015`` (into a temporary folder), three times (the
  shortest counts);
- ``make test`` twice after the clean build (so unchanged chapters are proven by
  the execution cache): first with ``TI_RERUN_PROVEN=1``, every heavy test run
  (reported, not a target), then as a user runs it again with nothing changed,
  the heavy tests and the tables that first run passed proven by its records in
  ``.test-cache`` (the target); every other test runs both times.

It then prints each target with its measured ratio or value and whether it is
met. Further benchmark scripts in this folder (``bench_*.py``) are run after
these measurements and their output is printed as is (``bench_rerun.py`` is
left out: ``run --year`` is measured here). Nothing is written into the
repository except ``_build`` (the clean build rebuilds it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import jupytext
import nbformat
import psutil
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BUILD = [["make", "book"]]  # the up-to-date check, the parallel pre-execution, the Sphinx build
RUN_YEAR = 2015
REPEAT = 3  # rounds: executions of the floor and of each chapter (the shortest counts)

#: key: (label, limit); a ratio or seconds must be at most the limit, the memory peak under it.
TARGETS = {
    "chapter": ("every chapter / floor notebook", 1.5),
    "build": ("clean make book / sum of sequential executions", 0.6),
    "rebuild": ("rebuild with nothing changed (s)", 3.0),
    "run": ("run --year / sum of sequential executions", 0.6),
    "test": ("make test wall time (s)", 90.0),
    "memory": ("peak memory of a full build (GB)", 2.0),
}


def chapters() -> list[Path]:
    from tradeimbalance import toc

    files = []
    for f in toc.files(toc.read_toc(ROOT)):
        p = ROOT / (f + ".md")
        if p.exists() and "format_name: myst" in p.read_text(encoding="utf-8")[:600]:
            files.append(p)
    return files


def largest_table() -> str:
    from tradeimbalance import data

    folder = Path(data.paths.data_dir())
    sizes = {n: (folder / data.describe(n)["path"]).stat().st_size for n in data.list_tables()}
    return max(sizes, key=sizes.get)


def floor_notebook(table: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "import tradeimbalance\nimport pandas\nimport altair\n"
        f"from tradeimbalance.data import load\nframe = load({table!r})\nassert len(frame)")]
    return nb


def execute(nb, cwd: Path) -> float:
    """Seconds to execute a notebook in a fresh kernel, kernel start included (its chatter on stderr dropped)."""
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            t = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
            return time.perf_counter() - t
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class PeakMemory:
    """Samples the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            total = 0
            try:
                for p in [self.proc, *self.proc.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmds: list[list[str]], memory: bool = False) -> tuple[float, int, int]:
    """Wall seconds of running ``cmds`` one after another, peak summed memory (bytes) and the last return code."""
    t = time.perf_counter()
    peak, rc = 0, 0
    for cmd in cmds:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mon = PeakMemory(proc.pid) if memory else None
        rc = proc.wait()
        if mon:
            peak = max(peak, mon.stop())
        if rc:
            break
    return time.perf_counter() - t, peak, rc


def verdict(key: str, value: float) -> str:
    label, limit = TARGETS[key]
    met = value < limit if key == "memory" else value <= limit
    bound = "<" if key == "memory" else "<="
    return f"{label:50s} {value:8.2f}  target {bound} {limit:<5g} {'met' if met else 'NOT MET'}"


def main() -> int:
    table = largest_table()
    floor_nb = floor_notebook(table)
    # The floor and each chapter once per round: the shortest run of each is kept, as timeit does, so
    # that a pause of the machine counts for neither, and both are sampled the same number of times.
    floors: list[float] = []
    runs: dict[Path, list[float]] = {p: [] for p in chapters()}
    for _ in range(REPEAT):
        floors.append(execute(floor_nb, ROOT))
        for p in runs:
            runs[p].append(execute(jupytext.read(p), p.parent))
    times = {p: min(r) for p, r in runs.items()}
    floor = min(floors)
    total = sum(times.values())

    # The clean build and run --year are sampled like the chapters (REPEAT times, the shortest counts), so
    # that both sides of their ratios are measured alike; the memory peak is the highest of the builds.
    builds: list[float] = []
    peak = 0
    for _ in range(REPEAT):
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        build_s, build_peak, rc = timed(BUILD, memory=True)
        if rc:
            print("the clean build failed")
            return 1
        builds.append(build_s)
        peak = max(peak, build_peak)
    build_s = min(builds)
    rebuild_s, _, rc = timed(BUILD)
    run_runs: list[float] = []
    rc_run = 0
    for _ in range(REPEAT):
        out = Path(tempfile.mkdtemp(prefix="bench-run-"))
        try:
            run_s, _, rc_run = timed([[PY, "-m", "tradeimbalance", "run", "--year", str(RUN_YEAR), "--out", str(out / "book")]])
        finally:
            shutil.rmtree(out, ignore_errors=True)
        run_runs.append(run_s)
        if rc_run:
            break
    run_s = min(run_runs)
    full_s, _, rc_full = timed([["env", "TI_RERUN_PROVEN=1", "make", "test"]])
    test_s, _, rc_test = timed([["make", "test"]])
    rc_test = rc_test or rc_full

    print(f"floor notebook (kernel + import tradeimbalance, pandas, altair + load {table}): "
          f"{floor:5.1f} s  (runs: {', '.join(f'{f:.1f}' for f in floors)})")
    for p, s in times.items():
        print(f"execute {p.relative_to(ROOT)!s:32s} {s:6.1f} s  {s / floor:5.2f}x floor"
              f"  (runs: {', '.join(f'{r:.1f}' for r in runs[p])})")
    print(f"execute all chapters, one after another: {total:6.1f} s")
    print(f"clean make book (parallel pre-execution + HTML): {build_s:6.1f} s  (runs: {', '.join(f'{b:.1f}' for b in builds)}),"
          f" peak memory {peak / 1e9:.2f} GB")
    print(f"rebuild with nothing changed: {rebuild_s:6.1f} s")
    print(f"run --year {RUN_YEAR}: {run_s:6.1f} s  (runs: {', '.join(f'{r:.1f}' for r in run_runs)})"
          f"{'' if rc_run == 0 else '  (FAILED)'}")
    print(f"make test, every heavy test run (TI_RERUN_PROVEN=1): {full_s:6.1f} s{'' if rc_full == 0 else '  (FAILED)'}")
    print(f"make test again, nothing changed: {test_s:6.1f} s{'' if rc_test == 0 else '  (FAILED)'}")
    print("--- targets (measured in this run)")
    worst = max(times, key=times.get)
    print(verdict("chapter", times[worst] / floor) + f"   (slowest: {worst.stem})")
    print(verdict("build", build_s / total))
    print(verdict("rebuild", rebuild_s))
    print(verdict("run", run_s / total))
    print(verdict("test", test_s))
    print(verdict("memory", peak / 1e9))
    for extra in sorted(Path(__file__).parent.glob("bench_*.py")):
        if extra.name == "bench_rerun.py":
            continue
        print(f"--- {extra.name}")
        sys.stdout.flush()
        subprocess.run([PY, str(extra)], cwd=ROOT, check=True)
    return 0 if rc_run == 0 and rc_test == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
