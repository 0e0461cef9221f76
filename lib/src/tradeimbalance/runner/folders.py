"""The folders of a run: the data it reads, the output folder it may write, and the swap into it.

The output folder is checked (:func:`check_out`, by :func:`tradeimbalance.outdir.check`) before
anything runs. Only when every chapter ran and the build succeeded is the built HTML swapped into
it (:func:`swap_into`): copied into a stage inside the folder, then moved in by renames, so that a
failure leaves no output folder behind, or the previous one untouched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .. import outdir, paths


def data_dir_of(root: Path) -> Path:
    """The data folder the chapters of the book at ``root`` read (``TRADEIMBALANCE_DATA`` overrides)."""
    env = os.environ.get("TRADEIMBALANCE_DATA")
    return Path(env).resolve() if env else Path(root) / "data"


def raw_dir_of(root: Path) -> Path:
    """The raw-source folder next to the book at ``root`` (``TRADEIMBALANCE_RAW`` overrides)."""
    env = os.environ.get("TRADEIMBALANCE_RAW")
    return Path(env).resolve() if env else (Path(root).parent / "shared" / "data" / "raw").resolve()


def default_out(root: Path, year: int) -> Path:
    """The output folder of a run for ``year`` when none is given: ``root/_build/years/YEAR``."""
    return root / "_build" / "years" / str(year)


def check_out(out: str | Path | None, root: Path, year: int) -> Path:
    """The resolved output folder of a run (default: :func:`default_out`), refused if it may not be written.

    Raises :class:`tradeimbalance.outdir.OutputRefused`. The raw folder of the book at ``root``
    is protected, and so is the package's own raw folder when it is another one.
    """
    default = default_out(root, year)
    out = outdir.check(out if out is not None else default, "book", root=root, raw=raw_dir_of(root), default=default)
    if raw_dir_of(root) != paths.raw_dir():
        outdir.check(out, "book", raw=paths.raw_dir())
    return out


def swap_into(src: Path, out: Path, owned: bool = False) -> None:
    """Copy ``src`` into a stage inside ``out``, then replace the book written there before by renames.

    Only entries the previous run wrote (listed by the folder's marker) are
    replaced; see :func:`tradeimbalance.outdir.publish`.
    """
    with outdir.staging(out, "book", owned=owned) as stage:
        shutil.copytree(src, stage, dirs_exist_ok=True)
