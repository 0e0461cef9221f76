"""Benchmarks of the book, as ratios measured in one run (they hold on a busy machine).

Run with ``make bench``. In one run it measures

- the *floor*: a notebook that only starts a kernel, imports ``tradeimbalance``,
  pandas and Altair and loads the largest table;
- each chapter executed in a fresh launched kernel, one after another (kernel
  start and shutdown included, as for the floor), each right after a run of the
  floor: a chapter's ratio is its shortest run over the shortest of the floor runs
  paired with it, both sides sampled as often and at the same moments;
- a clean ``make book`` (``_build`` removed: parallel pre-execution, with the
  Sphinx build beside it), with the peak memory of all its processes together
  (the machine's copy of the Vega bundle, ``~/.cache/tradeimbalance``, is kept,
  as after any earlier build on the machine);
- ``tradeimbalance run --year 2015`` (into a temporary folder).

These are measured in five rounds of floor and chapter pairs; the first, third
and fifth rounds also run the build and run --year, so that every side of every
ratio is sampled over the same stretch of time: a slow spell of the machine falls
on all of them alike. The shortest run of each counts, as timeit does (a
chapter's run varies by about 30% from run to run here, so five samples); the
ratios of each round are printed too. The build and run --year are each one
whole pass over the chapters, so they are set against the shortest whole
sequential pass (one round's chapters, one after another), not against a sum of
each chapter's shortest run, which gathers the luckiest runs of different rounds
into a pass that never took place (both sums are printed). A launched kernel that does not
exit after its shutdown request (ipykernel 7 can hang there: its main thread
stops the IOPub thread while the control thread still flushes through it, and
jupyter_client terminates the kernel after half its wait, 2.5 s) has measured that
hang rather than the notebook, so such a run is repeated (at most twice) and
counted in the report.

After the rounds:

- the same build again with nothing changed (``make book``: its up-to-date check);
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
import statistics
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
REPEAT = 5  # rounds of the floor and every chapter in pairs (the shortest counts)
BUILD_ROUNDS = (0, 2, 4)  # the rounds that also run the clean build and run --year
RETRIES = 2  # further runs of a notebook whose kernel hung in its shutdown

#: key: (label, limit); a ratio or seconds must be at most the limit, the memory peak under it.
TARGETS = {
    "chapter": ("every chapter / floor notebook", 1.5),
    "build": ("clean make book / shortest sequential pass", 0.6),
    "rebuild": ("rebuild with nothing changed (s)", 3.0),
    "run": ("run --year / shortest sequential pass", 0.6),
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


def execute_once(nb, cwd: Path) -> tuple[float, bool]:
    """Seconds to execute a notebook in a fresh kernel, kernel start and shutdown included (its chatter on
    stderr dropped), and whether the kernel had to be terminated because it did not exit when asked."""
    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name="python3")
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            t = time.perf_counter()
            NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(cwd)}}).execute(cleanup_kc=True)
            seconds = time.perf_counter() - t
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    status = getattr(getattr(km, "_shutdown_status", None), "name", "")
    return seconds, status in ("SigtermRequest", "SigkillRequest")


#: Runs dropped because their kernel hung in its shutdown (see the module's docstring).
HUNG: list[str] = []


def execute(nb, cwd: Path, label: str) -> float:
    """:func:`execute_once`, run again (at most ``RETRIES`` times) while the kernel hangs in its shutdown."""
    for _ in range(RETRIES):
        seconds, hung = execute_once(nb, cwd)
        if not hung:
            return seconds
        HUNG.append(f"{label} ({seconds:.1f} s)")
    return execute_once(nb, cwd)[0]


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


def listing(seconds: list[float]) -> str:
    """Run times as printed beside a measurement, e.g. ``2.7, 2.1, 2.6``."""
    return ", ".join(f"{t:.1f}" for t in seconds)


def verdict(key: str, value: float) -> str:
    label, limit = TARGETS[key]
    met = value < limit if key == "memory" else value <= limit
    bound = "<" if key == "memory" else "<="
    return f"{label:50s} {value:8.2f}  target {bound} {limit:<5g} {'met' if met else 'NOT MET'}"


def main() -> int:
    table = largest_table()
    floor_nb = floor_notebook(table)
    # Each round: the floor and each chapter in pairs, a clean build and run --year, so that both sides of
    # every ratio are sampled at the same times; the shortest run of each is kept (a pause counts for none).
    runs: dict[Path, list[float]] = {p: [] for p in chapters()}
    paired: dict[Path, list[float]] = {p: [] for p in runs}  # the floor run just before each chapter run
    builds: list[float] = []
    run_runs: list[float] = []
    peak, rc_run = 0, 0
    for i in range(REPEAT):
        for p in runs:
            paired[p].append(execute(floor_nb, ROOT, "floor"))
            runs[p].append(execute(jupytext.read(p), p.parent, p.stem))
        if i not in BUILD_ROUNDS:
            continue
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        build_s, build_peak, rc = timed(BUILD, memory=True)
        if rc:
            print("the clean build failed")
            return 1
        builds.append(build_s)
        peak = max(peak, build_peak)
        out = Path(tempfile.mkdtemp(prefix="bench-run-"))
        try:
            run_s, _, rc_run = timed([[PY, "-m", "tradeimbalance", "run", "--year", str(RUN_YEAR), "--out", str(out / "book")]])
        finally:
            shutil.rmtree(out, ignore_errors=True)
        run_runs.append(run_s)
        if rc_run:
            break
    times = {p: min(r) for p, r in runs.items()}
    ratios = {p: times[p] / min(paired[p]) for p in runs}
    floors = [f for fs in paired.values() for f in fs]
    floor = min(floors)
    total = sum(times.values())  # each chapter's shortest run, from whichever round it fell in
    passes = [sum(r[i] for r in runs.values()) for i in range(min(len(r) for r in runs.values()))]
    sequential = min(passes)  # the shortest whole pass: what the build and run --year are set against
    build_s = min(builds)
    run_s = min(run_runs)
    rounds = []
    for i in range(len(passes)):
        line = f"round {i + 1} alone: worst chapter / its floor {max(runs[p][i] / paired[p][i] for p in runs):.2f}"
        if i in BUILD_ROUNDS[:len(run_runs)]:
            k, seq = BUILD_ROUNDS.index(i), passes[i]
            line += f", build / its pass {builds[k] / seq:.2f}, run --year / its pass {run_runs[k] / seq:.2f}"
        rounds.append(line)
    rebuild_s, _, rc = timed(BUILD)
    full_s, _, rc_full = timed([["env", "TI_RERUN_PROVEN=1", "make", "test"]])
    test_s, _, rc_test = timed([["make", "test"]])
    rc_test = rc_test or rc_full

    print(f"floor notebook (kernel + import tradeimbalance, pandas, altair + load {table}): "
          f"shortest {floor:5.1f} s, median {statistics.median(floors):5.1f} s over {len(floors)} runs")
    for p, s in times.items():
        print(f"execute {p.relative_to(ROOT)!s:32s} {s:6.1f} s  {ratios[p]:5.2f}x its floor"
              f"  (runs: {listing(runs[p])}; floor before each: "
              f"{listing(paired[p])})")
    print(f"execute all chapters, one after another: shortest pass {sequential:6.1f} s "
          f"(passes: {listing(passes)}); sum of each chapter's shortest run {total:6.1f} s")
    print(f"clean make book (parallel pre-execution + HTML): {build_s:6.1f} s  (runs: {listing(builds)}),"
          f" peak memory {peak / 1e9:.2f} GB")
    print(f"rebuild with nothing changed: {rebuild_s:6.1f} s")
    print(f"run --year {RUN_YEAR}: {run_s:6.1f} s  (runs: {listing(run_runs)})"
          f"{'' if rc_run == 0 else '  (FAILED)'}")
    for line in rounds:
        print(line)
    print(f"kernel runs repeated after a hang in their shutdown: {len(HUNG)}"
          + (f" ({', '.join(HUNG)})" if HUNG else ""))
    print(f"make test, every heavy test run (TI_RERUN_PROVEN=1): {full_s:6.1f} s{'' if rc_full == 0 else '  (FAILED)'}")
    print(f"make test again, nothing changed: {test_s:6.1f} s{'' if rc_test == 0 else '  (FAILED)'}")
    print("--- targets (measured in this run)")
    worst = max(ratios, key=ratios.get)
    print(verdict("chapter", ratios[worst]) + f"   (slowest: {worst.stem})")
    print(verdict("build", build_s / sequential))
    print(verdict("rebuild", rebuild_s))
    print(verdict("run", run_s / sequential))
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
