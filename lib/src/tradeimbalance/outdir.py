"""Output folders: where the commands may write, and how they replace what they wrote before.

Every command that writes files (``run``, ``export``, ``data``) goes through
this module:

- :func:`check` refuses an output folder before anything runs: ``/``, the home
  folder or any folder above it, the project root or any folder above it, the
  raw-source folder or anything inside or above it, a path that is a file, a
  folder that cannot be written, and an existing, non-empty folder that does
  not carry the marker file :data:`MARKER` of the same kind (``book``,
  ``export``, ``data``). The command's own default folder
  (``_build/years/YEAR``, ``_build/export/YEAR``, the project's ``data/``) is
  treated as the project's own even without the marker.
- :func:`staging` gives a temporary folder *inside* the output folder; when the
  block ends without error, the entries written there replace the entries the
  marker lists from the previous run (:func:`publish`). Files the marker does not
  list (a user's notes put into the folder) are never deleted or overwritten:
  a name clash refuses the whole replacement. On error the stage is removed and
  the output folder is as it was.
- The stage and the previous entries being replaced are temporary folders of
  :mod:`tradeimbalance.tempdirs` (with a pid file, so that those of a killed run
  are removed by the next command).

The marker (``.tradeimbalance-output.json``) is a small JSON file: the kind and
the sorted list of top-level entries written. It holds no time stamp, so a
rebuild of ``data/`` is byte-identical.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .tempdirs import PID_FILE, clean_stale, make_temp, write_pid_file

MARKER = ".tradeimbalance-output.json"
#: Prefix of the temporary folders inside an output folder (stage and the previous entries while swapping).
STAGE_PREFIX = ".tradeimbalance-stage-"
KINDS = ("book", "export", "data")


class OutputRefused(Exception):
    """The output folder is not one the command may write into (exit code 2; nothing was written)."""


class OutputError(OSError):
    """Writing into the output folder failed (exit code 1); the message names the path."""


# --------------------------------------------------------------------------- checks


def _real(p: str | Path) -> Path:
    return Path(os.path.realpath(os.path.expanduser(str(p))))


def _is_within(p: Path, folder: Path) -> bool:
    return p == folder or folder in p.parents


def read_marker(folder: Path) -> dict | None:
    """The marker of ``folder`` (``None`` if absent or unreadable)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("written_by") == "tradeimbalance" else None


def probe_writable(folder: Path, label: str = "") -> None:
    """Raise :class:`OutputRefused` unless a file can really be created in ``folder``.

    ``os.access`` alone says yes to root for any folder, so a probe file is
    created and removed (this catches read-only and immutable folders and full disks).
    """
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(f"{label}cannot write into {folder}: permission denied")
    try:
        fd, name = tempfile.mkstemp(prefix=".tradeimbalance-probe-", dir=folder)
        try:
            os.write(fd, b"probe\n")
        finally:
            os.close(fd)
            os.unlink(name)
    except OSError as exc:
        raise OutputRefused(f"{label}cannot write into {folder}: {exc.strerror or exc}") from None


def check(
    out: str | Path,
    kind: str,
    *,
    root: str | Path | None = None,
    raw: str | Path | None = None,
    default: str | Path | None = None,
) -> Path:
    """Refuse ``out`` (raise :class:`OutputRefused`) unless command kind ``kind`` may write there.

    ``root`` is the project root, ``raw`` the raw-source folder, ``default`` the
    command's own default output folder (accepted without a marker). Returns
    the resolved folder. Nothing is written, except a probe file that is removed.
    """
    assert kind in KINDS, kind
    given = str(out)
    out = _real(out)
    label = f"output folder {given!r}" + (f" ({out})" if given != str(out) else "")
    if out == Path(out.anchor):
        raise OutputRefused(f"refusing {label}: it is the file-system root")
    if raw is not None:
        rw = _real(raw)
        if _is_within(out, rw) or _is_within(rw, out):
            raise OutputRefused(f"refusing {label}: it is the raw-source folder {rw}, inside it or above it")
    home = _real(Path.home())
    if _is_within(home, out):
        raise OutputRefused(f"refusing {label}: it is the home folder {home} or a folder above it")
    if root is not None:
        r = _real(root)
        if _is_within(r, out):
            raise OutputRefused(f"refusing {label}: it is the project root {r} or a folder above it")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"refusing {label}: it is a file, not a folder")
    if out.is_dir():
        probe_writable(out, f"refusing {label}: ")
        marker = read_marker(out)
        if marker is not None and marker.get("kind") != kind:
            raise OutputRefused(f"refusing {label}: it holds a {marker.get('kind')} written by tradeimbalance, not {'an' if kind == 'export' else 'a'} {kind}")
        own = default is not None and _real(default) == out
        if marker is None and not own and any(out.iterdir()):
            raise OutputRefused(
                f"refusing {label}: the folder exists, is not empty and was not written by tradeimbalance "
                f"(no {MARKER}); choose a new or empty folder"
            )
        return out
    parent = out.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise OutputRefused(f"refusing {label}: {parent} is a file, not a folder")
    probe_writable(parent, f"refusing {label}: ")
    return out


# --------------------------------------------------------------------------- replacing the content


def _write_marker(folder: Path, kind: str, entries: list[str]) -> None:
    text = json.dumps({"written_by": "tradeimbalance", "kind": kind, "entries": sorted(entries)}, indent=2) + "\n"
    tmp = folder / f".{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(folder / MARKER)


def _ours(name: str) -> bool:
    return name == MARKER or name.startswith((STAGE_PREFIX, ".tradeimbalance-probe-", f".{MARKER}."))


def publish(stage: Path, out: Path, kind: str, owned: bool = False) -> list[str]:
    """Move every entry of ``stage`` into ``out``, replacing the entries listed by ``out``'s marker.

    ``owned``: ``out`` is the command's default folder; without a marker its
    current entries count as the previous run's. Entries of ``out`` that are
    neither listed nor ``owned`` stay; a new entry with the same name as one
    of them refuses the replacement (nothing moved). Returns the entries.
    """
    marker = read_marker(out)
    current = [p.name for p in out.iterdir() if not _ours(p.name)]
    previous = set(marker.get("entries", [])) if marker else (set(current) if owned else set())
    new = sorted(p.name for p in stage.iterdir() if p.name != PID_FILE)
    clash = sorted(n for n in new if n in current and n not in previous)
    if clash:
        raise OutputRefused(f"refusing to replace {', '.join(str(out / n) for n in clash)}: not written by tradeimbalance")
    old = out / f"{STAGE_PREFIX}{os.getpid()}-old"
    old.mkdir()
    write_pid_file(old)
    moved_out, moved_in = [], []
    try:
        for n in sorted(previous & set(current)):
            (out / n).rename(old / n)
            moved_out.append(n)
        for n in new:
            (stage / n).rename(out / n)
            moved_in.append(n)
        _write_marker(out, kind, new)
    except BaseException:
        for n in reversed(moved_in):  # put everything back as it was
            try:
                (out / n).rename(stage / n)
            except OSError:
                pass
        for n in reversed(moved_out):
            try:
                (old / n).rename(out / n)
            except OSError:
                pass
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
    return new


@contextmanager
def staging(out: Path, kind: str, owned: bool = False) -> Iterator[Path]:
    """A temporary folder inside ``out`` (created with its parents if needed) that replaces its content on success.

    ``out`` must have passed :func:`check`. Stale stages of killed runs are
    removed first. On error the stage is removed, and ``out`` too if this call
    created it (together with the parents it created).
    """
    out = Path(out)
    created = []
    p = out
    while not p.exists():
        created.append(p)
        p = p.parent
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(exc.errno, f"cannot create {out}: {exc.strerror}") from None
    clean_stale(out, STAGE_PREFIX)
    stage = None
    try:
        stage = make_temp(out, STAGE_PREFIX)
        yield stage
        publish(stage, out, kind, owned=owned)
    except BaseException as exc:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
        for c in created:  # innermost first; only folders this call made, and only if empty
            try:
                c.rmdir()
            except OSError:
                break
        if isinstance(exc, OSError) and not isinstance(exc, OutputRefused) and not exc.filename:
            # a failed write (disk full) names no file: name the folder being written
            raise OutputError(exc.errno, exc.strerror or str(exc), str(out)) from exc
        raise
    finally:
        if stage is not None and stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
