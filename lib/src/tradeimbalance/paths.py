"""Where things live: the project root, ``data/`` and the raw-source folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = PACKAGE_DIR / "reference"


def project_root() -> Path:
    """The book's root folder (the one holding ``_config.yml``).

    ``TRADEIMBALANCE_ROOT`` overrides; otherwise the package's own checkout
    (``lib/src/tradeimbalance`` -> root) is used, then the working directory and
    its parents.
    """
    env = os.environ.get("TRADEIMBALANCE_ROOT")
    if env:
        return Path(env).resolve()
    candidate = PACKAGE_DIR.parents[2]
    if (candidate / "_config.yml").exists():
        return candidate
    here = Path.cwd().resolve()
    for p in (here, *here.parents):
        if (p / "_config.yml").exists() and (p / "lib").is_dir():
            return p
    return candidate


def data_dir() -> Path:
    """The folder of tidy tables (``TRADEIMBALANCE_DATA`` overrides ``<root>/data``)."""
    env = os.environ.get("TRADEIMBALANCE_DATA")
    return Path(env).resolve() if env else project_root() / "data"


def raw_dir() -> Path:
    """The raw-source folder (``TRADEIMBALANCE_RAW`` overrides ``<root>/../shared/data/raw``)."""
    env = os.environ.get("TRADEIMBALANCE_RAW")
    return Path(env).resolve() if env else (project_root().parent / "shared" / "data" / "raw").resolve()


def snapshot_dir() -> Path:
    """Saved API replies of ``tradeimbalance refresh`` (``TRADEIMBALANCE_SNAPSHOTS`` overrides ``<root>/snapshots``)."""
    env = os.environ.get("TRADEIMBALANCE_SNAPSHOTS")
    return Path(env).resolve() if env else project_root() / "snapshots"


def cache_dir() -> Path:
    """This machine's cache of files made only from installed versions, such as the Vega JavaScript bundle.

    ``TRADEIMBALANCE_CACHE`` overrides ``$XDG_CACHE_HOME/tradeimbalance`` (``~/.cache/tradeimbalance``
    when ``XDG_CACHE_HOME`` is unset). Nothing in it is needed: a file missing there is made again.
    """
    env = os.environ.get("TRADEIMBALANCE_CACHE")
    if env:
        return Path(env).resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tradeimbalance"
