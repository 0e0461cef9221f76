"""Temporary folders that name their owner, so that those of a killed run can be removed later.

A run makes its temporary folders with :func:`make_temp` (in the system's temporary folder, or
inside an output folder for a stage of :func:`tradeimbalance.outdir.staging`); each carries a pid
file (:func:`write_pid_file`: the process id and its start time). :func:`clean_stale` removes the
folders whose process is no longer running (a run killed by SIGKILL or a power cut).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

#: Prefix of the temporary folders a run makes in the system's temporary folder.
TMP_PREFIX = "tradeimbalance-tmp-"
#: The file in a temporary folder that names the process owning it.
PID_FILE = ".pid"


def _start_time(pid: int) -> str:
    """The start time of process ``pid`` (field 22 of /proc/PID/stat), '' where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def write_pid_file(folder: Path) -> None:
    """Mark ``folder`` as belonging to this process (pid and start time)."""
    (folder / PID_FILE).write_text(f"{os.getpid()} {_start_time(os.getpid())}\n", encoding="utf-8")


def _owner_alive(folder: Path) -> bool:
    try:
        pid_s, _, started = (folder / PID_FILE).read_text(encoding="utf-8").strip().partition(" ")
        pid = int(pid_s)
    except (OSError, ValueError):
        # no pid file (yet): the pid is in the folder's name
        digits = folder.name.split("-")
        pid = next((int(d) for d in digits if d.isdigit()), 0)
        started = ""
        if not pid:
            return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not started or _start_time(pid) in ("", started)


def make_temp(parent: Path | None = None, prefix: str = TMP_PREFIX) -> Path:
    """A new temporary folder (in ``parent`` or the system's), named with this pid and carrying a pid file."""
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
    write_pid_file(folder)
    return folder


def clean_stale(parent: Path | None = None, prefix: str = TMP_PREFIX) -> list[Path]:
    """Remove the temporary folders ``prefix*`` in ``parent`` left by processes no longer running."""
    parent = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed = []
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink()]
    except OSError:
        return removed
    for p in candidates:
        if not _owner_alive(p):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed
