"""Build ``data/`` from the raw sources: ``python -m tradeimbalance.build --raw DIR --out DIR``.

Every table is read by its reader (:mod:`tradeimbalance.ingest`), checked
against its descriptor in ``reference/tables.yaml`` (:func:`tradeimbalance.schema.conform`:
columns, types, required values, allowed values, primary-key uniqueness), sorted by its
primary key and written with fixed formatting (:func:`tradeimbalance.schema.write_csv`),
so that two builds give byte-identical files, next to the coverage table and the
``datapackage.json`` descriptor (:mod:`tradeimbalance.datapackage`).
Before anything is read, the output folder is checked
(:func:`tradeimbalance.outdir.check`: never the raw folder, the project root,
the home folder, a file, or a folder tradeimbalance did not write; the
project's own ``data/`` carries the marker, committed). As each table is read and
validated, the plausibility checks of :mod:`tradeimbalance.plausibility` that it completes run
(row counts, both flows per reporter, magnitudes across sources), so a bad source stops the build
before the rest is read. The
build then writes into a temporary folder inside the output folder and moves
the tables in only when all of it succeeded; if anything fails, the output
folder is left byte-identical and one :class:`~tradeimbalance.errors.IngestError`
explains what and where. The command line (``python -m tradeimbalance.build``, the same as
``tradeimbalance data``) is :mod:`tradeimbalance.build.__main__`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .. import paths
from ..datapackage import coverage, datapackage
from ..errors import IngestError, ValidationError
from ..ingest import READERS
from ..schema import SPEC_FILE, conform, load_spec, read_built, write_csv

DATAPACKAGE = "datapackage.json"


def read_all(raw: Path, only: list[str] | None = None, check=None) -> dict[str, pd.DataFrame]:
    """Run every reader (or those in ``only``) and conform its table to the descriptor; then
    ``check(name, tables)``, if given, with the tables read so far (a bad table stops the reading)."""
    spec = load_spec()
    tables = {}
    for name, reader in READERS.items():
        if only and name not in only:
            continue
        if name not in spec["resources"]:
            raise ValidationError(f"table {name} has a reader but no descriptor", file=SPEC_FILE)
        tables[name] = conform(name, reader(raw), spec)
        if check is not None:
            check(name, tables)
    return tables


def build_data(raw_dir: str | Path | None = None, out_dir: str | Path | None = None) -> dict[str, int]:
    """Build every table from ``raw_dir`` into ``out_dir``; return ``{table: number of rows}``.

    Nothing in ``out_dir`` changes unless every table was read and validated:
    the files are written to a temporary sibling folder that then replaces
    ``out_dir`` in one rename.
    """
    from .. import outdir
    from ..plausibility import check_read

    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    out = Path(out_dir) if out_dir is not None else paths.data_dir()
    default = paths.project_root() / "data"
    out = outdir.check(out, "data", root=paths.project_root(), raw=raw, default=default)
    if not raw.is_dir():
        raise IngestError("raw source folder not found", file=raw)
    spec = load_spec()
    tables = read_all(raw, check=lambda name, done: check_read(name, done, spec))
    cov = conform("coverage", coverage(tables, spec), spec)
    tables["coverage"] = cov
    pkg = datapackage(tables, cov, spec)

    _write_swap(tables, pkg, out, owned=out == outdir._real(default))
    return {name: len(df) for name, df in tables.items()}


def _write_swap(tables: dict[str, pd.DataFrame], pkg: dict, out: Path, owned: bool) -> None:
    """Write every table and the datapackage into a stage inside the guarded ``out``, then swap it in."""
    from .. import outdir

    with outdir.staging(out, "data", owned=owned) as tmp:
        for name, df in tables.items():
            write_csv(df, tmp / f"{name}.csv")
        with open(tmp / DATAPACKAGE, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(pkg, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        _check_written(tmp, tables)


#: Tables built from the saved replies of ``tradeimbalance refresh`` (not from the raw folder).
SNAPSHOT_TABLES = ("imts_trade", "wdi_api", "comtrade_china_hs", "census_us_trade")


def rebuild_from_data(out_dir: str | Path | None = None, only: tuple[str, ...] = SNAPSHOT_TABLES) -> dict[str, int]:
    """Rebuild ``out_dir`` without the raw folder: the tables in ``only`` are read again (from the
    snapshots), every other table is taken as already built. Used by ``tradeimbalance refresh`` in a
    clone that has no raw sources; the result is byte-identical to a full build from the same inputs.
    The same output-folder rule and plausibility checks apply as in :func:`build_data`; returns
    ``{table: number of rows}``.
    """
    from .. import outdir
    from ..plausibility import check_plausible

    out = Path(out_dir) if out_dir is not None else paths.data_dir()
    default = paths.project_root() / "data"
    spec = load_spec()
    if not (out / DATAPACKAGE).is_file():
        raise IngestError("no built data to update: build it first (make data)", file=out / DATAPACKAGE)
    out = outdir.check(out, "data", root=paths.project_root(), raw=paths.raw_dir(), default=default)
    tables = {}
    for name in READERS:
        if name in only:
            tables[name] = conform(name, READERS[name](paths.raw_dir()), spec)
        elif (out / f"{name}.csv").is_file():
            tables[name] = conform(name, read_built(out, name, spec), spec)
        else:
            raise IngestError(f"table {name} is not in the built data and cannot be rebuilt without the raw sources",
                              file=out / f"{name}.csv")
    check_plausible(tables, paths.raw_dir())
    cov = conform("coverage", coverage(tables, spec), spec)
    tables["coverage"] = cov
    _write_swap(tables, datapackage(tables, cov, spec), out, owned=out == outdir._real(default))
    return {name: len(df) for name, df in tables.items()}


def _check_written(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Re-read each written file and check its row count (guards against a truncated write)."""
    for name, df in tables.items():
        n = len(pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False))
        if n != len(df):
            raise ValidationError(f"table {name}: wrote {n} rows, expected {len(df)}", file=folder / f"{name}.csv")
