"""Is a build up to date? A digest of every file of the book, kept beside what was built from them.

``python -m tradeimbalance.uptodate check --root . --out _build/html [--salt TEXT]``
exits 0 when the digest recorded by the last successful build equals the
digest of the tree now (and says so), 1 otherwise; ``write`` records the digest
that the preceding ``check`` computed, once the build has succeeded. ``make book``
runs ``check``, and only when it fails the chapters and the Sphinx build, then
``write``: with nothing changed it stops in well under a second.

The digest (:func:`tree_digest`) covers the relative path and bytes of every file
under the book's folder except what no build reads: version control, the
virtual environment, build output, caches and the saved replies of ``refresh``.
The ``salt`` (the builder and its flags) is part of it, so another way of
building never counts as done. Nothing is written into ``out`` itself: the
record lives beside it (``_build/html.inputs``), the digest of the tree as it was
when ``check`` ran in ``_build/html.pending`` until ``write`` moves it into place.
A digest written after the build could record an edit made during it as built.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

#: Folder names that no build reads (anywhere in the tree).
SKIP_DIRS = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".test-cache", ".ipynb_checkpoints", "snapshots"}


def tree_digest(root: str | Path, salt: str = "") -> str:
    """SHA-256 (hex string) over ``salt`` and the path and bytes of every file the build could read."""
    root = Path(root).resolve()
    h = hashlib.sha256(salt.encode())
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            p = Path(folder) / name
            if p.suffix == ".pyc" or not p.is_file():
                continue
            rel = p.relative_to(root).as_posix()
            h.update(b"\0" + rel.encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def record_path(out: Path) -> Path:
    """Where the digest of the last successful build into ``out`` is kept (beside ``out``)."""
    return out.parent / (out.name + ".inputs")


def pending_path(out: Path) -> Path:
    """Where ``check`` leaves the digest it computed, for ``write`` to record after the build."""
    return out.parent / (out.name + ".pending")


def check(root: Path, out: Path, salt: str = "") -> bool:
    """True when ``out`` was built from the tree as it is now; otherwise leaves the digest for :func:`write`."""
    digest = tree_digest(root, salt)
    record = record_path(out)
    if out.is_dir() and record.is_file() and record.read_text(encoding="utf-8") == digest:
        return True
    record.unlink(missing_ok=True)  # a failed or interrupted build must not keep an old record
    pending = pending_path(out)
    pending.parent.mkdir(parents=True, exist_ok=True)
    pending.write_text(digest, encoding="utf-8")
    return False


def write(out: Path) -> None:
    """Record, after a successful build into ``out``, the digest its ``check`` computed (returns None)."""
    pending = pending_path(out)
    if not pending.is_file():
        raise FileNotFoundError(f"{pending}: no digest to record; run 'check' before the build")
    os.replace(pending, record_path(out))


def main(argv: list[str] | None = None) -> int:
    """Command line (``check`` or ``write``); returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["check", "write"])
    ap.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder (default: the current one)")
    ap.add_argument("--out", type=Path, required=True, help="the build's output folder, e.g. _build/html")
    ap.add_argument("--salt", default="", help="the builder and its flags (part of the digest)")
    args = ap.parse_args(argv)
    out = args.out if args.out.is_absolute() else args.root / args.out
    if args.action == "write":
        try:
            write(out)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    if check(args.root, out, args.salt):
        print(f"{args.out} is up to date: no file of the book changed since it was built")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
