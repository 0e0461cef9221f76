"""SIGTERM and SIGINT during ``tradeimbalance run``: one line, exit 143 / 130, no process or temporary folder left.

Real runs in a subprocess (signals need one), on a tiny book whose chapter
sleeps, so that the signal arrives while a pool worker and its kernel run.
The processes are found by PID (the run's process tree, with psutil) and the
temporary folders by path (the run's TMPDIR).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from fixtures.tinybook import FRONT
from test_runner import make_book
from tradeimbalance import tempdirs

SLEEPY = FRONT + textwrap.dedent(
    """
    # Sleepy chapter

    ```{code-cell} ipython3
    :tags: [parameters]
    year = 2019
    ```

    ```{code-cell} ipython3
    import time
    time.sleep(120)
    ```
    """
)


def _is_kernel(p: psutil.Process) -> bool:
    """A chapter's kernel: launched as ipykernel, or forked by a pool worker (tradeimbalance.warmkernel)."""
    try:
        if "ipykernel" in " ".join(p.cmdline()):
            return True
        return "spawn_main" in " ".join(p.cmdline()) and "spawn_main" in " ".join(p.parent().cmdline())
    except (psutil.Error, AttributeError):
        return False


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _start_run(tmp_path: Path):
    book = make_book(tmp_path / "book", {"sleepy": SLEEPY})
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"}
    env.pop("TRADEIMBALANCE_DATA", None)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tradeimbalance", "--root", str(book), "run", "--year", "2015", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
    )
    line = proc.stdout.readline()
    assert line.startswith("Running 1 chapter(s) for 2015"), line + proc.stderr.read()
    # wait until the pool worker has started its kernel: the process tree is then complete
    deadline = time.monotonic() + 120
    tree: list[psutil.Process] = []
    while time.monotonic() < deadline:
        tree = psutil.Process(proc.pid).children(recursive=True)
        if any(_is_kernel(p) for p in tree if _alive(p.pid)):
            break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"no kernel started; tree: {[p.cmdline() for p in tree]}")
    temps = [p for p in tmpdir.iterdir() if p.name.startswith(tempdirs.TMP_PREFIX)]
    assert temps, "the run made no temporary folder"
    return proc, [p.pid for p in tree], tmpdir, out


def _assert_clean_stop(proc, pids, tmpdir, out, code):
    t = time.monotonic()
    try:
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stopped_in = time.monotonic() - t
    err = proc.stderr.read()
    assert proc.returncode == code, (proc.returncode, err)
    assert err == "tradeimbalance: interrupted; nothing written\n", err
    assert stopped_in < 10, stopped_in
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    left = [(p, psutil.Process(p).cmdline()) for p in pids if _alive(p)]
    assert not left, f"still running: {left}"
    assert len(pids) >= 3  # worker, kernel and resource tracker were there to stop
    assert sorted(p.name for p in tmpdir.iterdir()) == []
    assert not out.exists()


@pytest.mark.heavy
def test_sigterm_during_run_leaves_no_process_and_no_temporary_folder(tmp_path):
    proc, pids, tmpdir, out = _start_run(tmp_path)
    os.kill(proc.pid, signal.SIGTERM)  # `kill PID`
    _assert_clean_stop(proc, pids, tmpdir, out, 143)


@pytest.mark.heavy
def test_ctrl_c_during_run_stops_within_seconds_without_traceback(tmp_path):
    proc, pids, tmpdir, out = _start_run(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group gets SIGINT
    _assert_clean_stop(proc, pids, tmpdir, out, 130)


def test_temporary_folders_of_killed_runs_are_removed_by_the_next_run(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{tempdirs.TMP_PREFIX}{dead.pid}-abc"
    stale.mkdir()
    (stale / tempdirs.PID_FILE).write_text(f"{dead.pid} 1\n")
    (stale / "book").mkdir()
    mine = tempdirs.make_temp(tmp_path)  # this process is alive: kept
    other = tmp_path / "tradeimbalance-notes"  # not a temporary folder of ours: kept
    other.mkdir()
    removed = tempdirs.clean_stale(tmp_path)
    assert removed == [stale] and not stale.exists()
    assert mine.exists() and other.exists()
