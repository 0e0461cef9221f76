"""Loading API for the tidy tables in ``data/``.

>>> from tradeimbalance.data import load, list_tables, describe
>>> trade = load("bilateral_trade")          # a typed DataFrame (a fresh copy)
>>> describe("bilateral_trade")["fields"]["value_usd_mn"]["unit"]
'USD million (current)'

Types come from ``data/datapackage.json``: integer columns are ``Int64``,
numbers ``float64``, booleans ``boolean``, dates ``datetime64``, code columns
marked ``categorical`` are ``category`` and other text is ``string``. Tables
are read once per process (:func:`functools.lru_cache`); :func:`load` returns a
copy, so callers may modify what they get. Only ``paths.data_dir()`` is read,
never the raw sources.
"""

from __future__ import annotations

import contextlib
import functools
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

DATAPACKAGE = "datapackage.json"


@lru_cache(maxsize=4)
def _package(folder: str) -> dict:
    """Parsed ``datapackage.json`` of ``folder`` (cached)."""
    path = Path(folder) / DATAPACKAGE
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: build the data first (make data)")
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _resources(folder: str) -> dict[str, dict]:
    """Resources of the package of ``folder`` by table name."""
    return {r.get("table", r["name"].replace("-", "_")): r for r in _package(folder)["resources"]}


def package(folder: str | Path | None = None) -> dict:
    """The parsed ``datapackage.json`` of ``folder`` (default ``paths.data_dir()``)."""
    return _package(str(folder or paths.data_dir()))


def resource(name: str, folder: str | Path | None = None) -> dict:
    """The descriptor entry of table ``name`` (title, sources, licences, vintage, schema, ...)."""
    return _resource(name, str(folder or paths.data_dir()))


def vintage(name: str, folder: str | Path | None = None) -> str:
    """The release (vintage) of the source of table ``name`` as the descriptor states it, e.g.
    ``"vintage early 2022 (data to 2020)"``; raises ``KeyError`` if the descriptor states none."""
    res = resource(name, folder)
    text = res.get("vintage") or next((s.get("vintage") for s in res.get("sources", []) if s.get("vintage")), None)
    if not text:
        raise KeyError(f"data/datapackage.json states no vintage for table {name!r}")
    return text


def list_tables(folder: str | Path | None = None) -> list[str]:
    """Names of the tables in ``data/``, in descriptor order."""
    return list(_resources(str(folder or paths.data_dir())))


def dtypes(name: str, folder: str | Path | None = None) -> dict[str, str]:
    """The pandas dtype of every column of table ``name``, as declared in the descriptor."""
    res = _resource(name, str(folder or paths.data_dir()))
    out = {}
    for f in res["schema"]["fields"]:
        t = f["type"]
        if t == "integer":
            out[f["name"]] = "Int64"
        elif t == "number":
            out[f["name"]] = "float64"
        elif t == "boolean":
            out[f["name"]] = "boolean"
        elif t == "date":
            out[f["name"]] = "datetime64[ns]"
        elif f.get("categorical"):
            out[f["name"]] = "category"
        else:
            out[f["name"]] = "string"
    return out


def _resource(name: str, folder: str) -> dict:
    """The resource descriptor of table ``name``; ``KeyError`` if there is none."""
    res = _resources(folder)
    if name not in res:
        raise KeyError(f"no table {name!r} in {folder}; tables: {sorted(res)}")
    return res[name]


@lru_cache(maxsize=64)
def _read(name: str, folder: str) -> pd.DataFrame:
    """Read table ``name`` from ``folder`` with its declared dtypes (cached; callers get copies)."""
    res = _resource(name, folder)
    types = dtypes(name, folder)
    read_types = {c: ("string" if t == "datetime64[ns]" else t) for c, t in types.items()}
    bools = [c for c, t in types.items() if t == "boolean"]
    for c in bools:
        read_types[c] = "string"
    df = pd.read_csv(Path(folder) / res["path"], dtype=read_types, keep_default_na=False, na_values=[""],
                     encoding="utf-8")
    for c in bools:
        df[c] = df[c].map({"true": True, "false": False}, na_action="ignore").astype("boolean")
    for c, t in types.items():
        if t == "datetime64[ns]":
            df[c] = pd.to_datetime(df[c], format="%Y-%m-%d")
    return df


#: The sets of table names being recorded by :func:`recording` (innermost last).
_RECORDERS: list[set[str]] = []


@contextlib.contextmanager
def recording():
    """Record the names of the tables read inside the ``with`` block, in the set it yields.

    A cached view (:func:`view_cache`) counts the tables it read when it was computed, so the record is
    the same whether a view was computed inside the block or served from the cache.
    """
    read: set[str] = set()
    _RECORDERS.append(read)
    try:
        yield read
    finally:
        del _RECORDERS[next(i for i, r in enumerate(_RECORDERS) if r is read)]  # by identity: sets compare by content


def _note(names) -> None:
    for read in _RECORDERS:
        read.update(names)


def load(name: str, folder: str | Path | None = None) -> pd.DataFrame:
    """Load table ``name`` from ``data/`` with the declared dtypes; returns a copy of the cached frame."""
    _note((name,))
    return _read(name, str(Path(folder or paths.data_dir()).resolve())).copy()


def load_all(folder: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table of ``data/`` as ``{name: DataFrame}``."""
    return {n: load(n, folder) for n in list_tables(folder)}


def describe(name: str, folder: str | Path | None = None) -> dict:
    """Metadata of table ``name``: title, description, kind, sources, licenses, primary key, caveats,
    restrictions (terms that limit redistribution, or empty), fields.

    ``fields`` maps each column to ``{"type", "unit", "description"}``. ``kind``
    is ``observed`` (official statistics), ``secondary`` (points read from
    secondary sources), ``paper`` (figures *as reported by the paper*, never
    observed data), ``reference`` or ``derived``.
    """
    res = _resource(name, str(folder or paths.data_dir()))
    return {
        "name": name,
        "title": res.get("title", ""),
        "description": res.get("description", ""),
        "kind": res.get("kind", ""),
        "path": res["path"],
        "sources": res.get("sources", []),
        "licenses": res.get("licenses", []),
        "primary_key": res["schema"].get("primaryKey", []),
        "caveats": res.get("caveats", []),
        "restrictions": res.get("restrictions", ""),
        "fields": {f["name"]: {"type": f["type"], "unit": f.get("unit", ""), "description": f.get("description", "")}
                   for f in res["schema"]["fields"]},
    }


#: Caches of the derived views (:func:`view_cache`), cleared with the tables by :func:`clear_cache`.
_VIEW_CACHES: list = []


def _fresh(value):
    """A copy of a cached result that a caller may modify (frames, series, lists, dicts, sets)."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy()
    if isinstance(value, (list, dict, set)):
        return type(value)(value)
    return value


def view_cache(func):
    """Compute ``func(*args)`` once per process and data folder; callers get copies.

    For derived views of the tables (pivots, filtered frames, lookups) that several
    chapters or cells ask for with the same arguments. The cache key includes
    ``paths.data_dir()``, so pointing ``TRADEIMBALANCE_DATA`` elsewhere never serves a
    stale view, and :func:`clear_cache` forgets every view along with the tables. Each
    view keeps the names of the tables it read, for :func:`recording`.
    """
    store: dict = {}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (str(paths.data_dir()), args, tuple(sorted(kwargs.items())))
        try:
            value, read = store[key]
        except KeyError:
            with recording() as read:
                value = func(*args, **kwargs)
            store[key] = (value, frozenset(read))
        else:
            _note(read)
        return _fresh(value)

    wrapper.cache_clear = store.clear
    _VIEW_CACHES.append(store)
    return wrapper


def clear_views() -> None:
    """Forget the derived views of :func:`view_cache` (the tables stay cached)."""
    for store in _VIEW_CACHES:
        store.clear()


def clear_cache() -> None:
    """Forget cached tables, descriptors and derived views (after a rebuild in the same process)."""
    _read.cache_clear()
    _package.cache_clear()
    clear_views()
