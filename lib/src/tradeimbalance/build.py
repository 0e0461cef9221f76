"""Build ``data/`` from the raw sources: ``python -m tradeimbalance.build --raw DIR --out DIR``.

Every table is read by its reader (:mod:`tradeimbalance.ingest`), checked
against its descriptor in ``reference/tables.yaml`` (columns, types, required
values, allowed values, primary-key uniqueness), sorted by its primary key and
written with fixed formatting, so that two builds give byte-identical files.
Before anything is read, the output folder is checked
(:func:`tradeimbalance.outdir.check`: never the raw folder, the project root,
the home folder, a file, or a folder tradeimbalance did not write; the
project's own ``data/`` carries the marker, committed). After every table has
been read and validated, the plausibility checks of :mod:`tradeimbalance.plausibility`
run (row counts, both flows per reporter, magnitudes across sources). The
build then writes into a temporary folder inside the output folder and moves
the tables in only when all of it succeeded; if anything fails, the output
folder is left byte-identical and one :class:`~tradeimbalance.errors.IngestError`
explains what and where.
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path
import pandas as pd
import yaml

from . import fmt, paths
from .errors import IngestError, ValidationError
from .ingest import READERS
from .ingest._common import DECIMALS
from .ingest.reference_tables import known_gaps

SPEC_FILE = paths.REFERENCE_DIR / "tables.yaml"
DATAPACKAGE = "datapackage.json"
#: Columns that name the countries / partners / provinces of a table, for the coverage table.
ENTITY_COLUMNS = ["partner", "country", "province", "economy", "investor", "complainant", "code", "member"]


@lru_cache(maxsize=1)
def load_spec() -> dict:
    """The table descriptors (``reference/tables.yaml``)."""
    with open(SPEC_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def conform(name: str, df: pd.DataFrame, spec: dict | None = None) -> pd.DataFrame:
    """Check ``df`` against the descriptor of table ``name``; return it typed, ordered and sorted.

    Raises :class:`ValidationError` for missing or unexpected columns, values
    that do not fit the declared type, empty required values, values outside an
    ``enum`` constraint, and duplicated primary keys.
    """
    spec = spec or load_spec()
    res = spec["resources"][name]
    fields = res["fields"]
    names = [f["name"] for f in fields]
    where = f"table {name}"
    missing = [c for c in names if c not in df.columns]
    extra = [c for c in df.columns if c not in names]
    if missing or extra:
        raise ValidationError(f"{where}: columns do not match the descriptor (missing {missing}, unexpected {extra})",
                              file=SPEC_FILE)
    out = pd.DataFrame(index=range(len(df)))
    df = df.reset_index(drop=True)
    for f in fields:
        col, typ = f["name"], f["type"]
        s = df[col]
        try:
            if typ == "integer":
                num = pd.to_numeric(s, errors="raise")
                if num.notna().any() and not (num.dropna() == num.dropna().round()).all():
                    raise ValueError("not whole numbers")
                s = num.astype("Int64")
            elif typ == "number":
                s = pd.to_numeric(s, errors="raise").astype("float64").round(DECIMALS)
            elif typ == "boolean":
                s = s.astype("boolean")
            elif typ == "date":
                s = s.astype("string")
                bad = s.notna() & ~s.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False)
                if bad.any():
                    raise ValueError(f"not an ISO date: {s[bad].iloc[0]!r}")
            else:
                s = s.astype("string")
        except (ValueError, TypeError) as exc:
            raise ValidationError(f"{where}: values do not fit type {typ}: {exc}", column=col) from exc
        cons = f.get("constraints", {})
        if "minimum" in cons:
            low = s.notna() & (s < cons["minimum"])
            if low.any():
                pos = int(low.to_numpy().nonzero()[0][0])
                raise ValidationError(f"{where}: value {s[low].iloc[0]} below the minimum {cons['minimum']} "
                                      f"(table row {pos + 1}{_row_key(df, res, pos)})",
                                      file=", ".join(res.get("raw", [])) or None, column=col)
        if cons.get("required") and s.isna().any():
            pos = int(s.isna().to_numpy().nonzero()[0][0])
            raise ValidationError(f"{where}: required value missing (table row {pos + 1})", column=col)
        if "enum" in cons:
            bad = s.notna() & ~s.astype("string").isin([str(v) for v in cons["enum"]])
            if bad.any():
                raise ValidationError(f"{where}: value {s[bad].iloc[0]!r} not allowed (allowed: {cons['enum']})",
                                      column=col)
        out[col] = s
    pk = res.get("primaryKey", [])
    if pk:
        for k in pk:
            if out[k].isna().any():
                raise ValidationError(f"{where}: primary-key column has an empty value", column=k)
        dup = out.duplicated(pk, keep=False)
        if dup.any():
            first = out[dup].sort_values(pk).iloc[0]
            raise ValidationError(f"{where}: duplicate primary key {({k: first[k] for k in pk})}")
    sort = res.get("sort", pk) or names
    out = out.sort_values(sort, kind="mergesort", na_position="first").reset_index(drop=True)
    return out


def _row_key(df: pd.DataFrame, res: dict, pos: int) -> str:
    """``, reporter='CHN', year=2015`` for row ``pos``: the primary key, to find the row in the source."""
    pk = [k for k in res.get("primaryKey", []) if k in df.columns]
    vals = {k: df[k].iloc[pos] for k in pk}
    return "".join(f", {k}={(v.item() if hasattr(v, 'item') else v)!r}" for k, v in vals.items())


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write one table: UTF-8, LF line ends, booleans as true/false, empty cells for missing values."""
    df = df.copy()
    for col in df.columns:
        if str(df[col].dtype) == "boolean":
            df[col] = df[col].map({True: "true", False: "false"}).astype("string")
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", na_rep="")


def _year_ranges(years: list[int]) -> str:
    """Compact ``1962-1977;1990`` form of a sorted list of years."""
    return fmt.year_ranges(years, dash="-", sep=";")


def coverage(tables: dict[str, pd.DataFrame], spec: dict | None = None) -> pd.DataFrame:
    """The coverage table: years, gaps, entities and known missing items per dataset."""
    spec = spec or load_spec()
    gaps = known_gaps()
    rows = []
    for name, df in tables.items():
        res = spec["resources"][name]
        years = sorted(int(y) for y in df["year"].dropna().unique()) if "year" in df.columns else []
        missing = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
        ent_col = next((c for c in ENTITY_COLUMNS if c in df.columns), None)
        ents = sorted(str(v) for v in df[ent_col].dropna().unique()) if ent_col else []
        g = gaps[gaps["dataset"] == name]
        rows.append({
            "dataset": name,
            "kind": res.get("kind", ""),
            "rows": len(df),
            "year_min": years[0] if years else None,
            "year_max": years[-1] if years else None,
            "years_missing": _year_ranges(missing),
            "entity_column": ent_col,
            "n_entities": len(ents) if ent_col else None,
            "entities": ";".join(ents) if ent_col and len(ents) <= 40 else None,
            "raw_folders": ";".join(res.get("raw", [])),
            "known_missing": " | ".join(f"[{f}] {t}" for f, t in zip(g["source_folder"], g["gap"])) or None,
        })
    return pd.DataFrame(rows)


def datapackage(tables: dict[str, pd.DataFrame], cov: pd.DataFrame, spec: dict | None = None) -> dict:
    """The ``datapackage.json`` descriptor (Frictionless Data Package v1) for the built tables."""
    spec = spec or load_spec()
    pkg = dict(spec["package"])
    resources, sources, caveats = [], [], []
    for name in tables:
        res = spec["resources"][name]
        fields = []
        for f in res["fields"]:
            fd = {"name": f["name"], "type": f["type"], "description": f.get("description", "")}
            if f["type"] == "boolean":
                fd["trueValues"], fd["falseValues"] = ["true"], ["false"]
            if f["type"] == "date":
                fd["format"] = "default"
            fd["unit"] = f.get("unit", "")
            if f.get("categorical"):
                fd["categorical"] = True
            if f.get("constraints"):
                fd["constraints"] = f["constraints"]
            fields.append(fd)
        schema = {"fields": fields, "missingValues": [""]}
        if res.get("primaryKey"):
            schema["primaryKey"] = res["primaryKey"]
        r = {
            "name": name.replace("_", "-"),
            "table": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "title": res["title"],
            "description": " ".join(res.get("description", "").split()),
            "kind": res.get("kind", ""),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
            "sources": res.get("sources", []),
            "licenses": res.get("licenses", []),
            "schema": schema,
            "caveats": res.get("caveats", []),
        }
        if res.get("restrictions"):
            r["restrictions"] = " ".join(res["restrictions"].split())  # terms that limit redistribution
        if res.get("kind") == "paper":
            r["reported_by_paper"] = True
        if res.get("vintage"):
            r["vintage"] = res["vintage"]
        df = tables[name]
        if "vintage" in df.columns and df["vintage"].notna().any():
            pub = df["published"] if "published" in df.columns else pd.Series(pd.NA, index=df.index)
            pairs = sorted({(str(v), "" if pd.isna(p) else str(p)) for v, p in zip(df["vintage"], pub) if not pd.isna(v)})
            r["vintages"] = [{"accessed": v, "published": p} for v, p in pairs]
        resources.append(r)
        for s in res.get("sources", []):
            if s not in sources:
                sources.append(s)
        caveats.extend(f"{name}: {c}" for c in res.get("caveats", []))
    pkg["profile"] = "tabular-data-package"
    pkg["sources"] = sources
    pkg["resources"] = resources
    pkg["coverage"] = [
        {k: (None if pd.isna(v) else (int(v) if k in ("rows", "year_min", "year_max", "n_entities") else v))
         for k, v in row.items() if k in ("dataset", "rows", "year_min", "year_max", "years_missing", "n_entities")}
        for row in cov.to_dict("records")
    ]
    pkg["caveats"] = caveats
    return pkg


def read_all(raw: Path, only: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Run every reader (or those in ``only``) and conform its table to the descriptor."""
    spec = load_spec()
    tables = {}
    for name, reader in READERS.items():
        if only and name not in only:
            continue
        if name not in spec["resources"]:
            raise ValidationError(f"table {name} has a reader but no descriptor", file=SPEC_FILE)
        tables[name] = conform(name, reader(raw), spec)
    return tables


def build_data(raw_dir: str | Path | None = None, out_dir: str | Path | None = None) -> dict[str, int]:
    """Build every table from ``raw_dir`` into ``out_dir``; return ``{table: rows}``.

    Nothing in ``out_dir`` changes unless every table was read and validated:
    the files are written to a temporary sibling folder that then replaces
    ``out_dir`` in one rename.
    """
    from . import outdir
    from .plausibility import check_plausible

    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    out = Path(out_dir) if out_dir is not None else paths.data_dir()
    default = paths.project_root() / "data"
    out = outdir.check(out, "data", root=paths.project_root(), raw=raw, default=default)
    if not raw.is_dir():
        raise IngestError("raw source folder not found", file=raw)
    spec = load_spec()
    tables = read_all(raw)
    check_plausible(tables, raw)
    cov = conform("coverage", coverage(tables, spec), spec)
    tables["coverage"] = cov
    pkg = datapackage(tables, cov, spec)

    _write_swap(tables, pkg, out, owned=out == outdir._real(default))
    return {name: len(df) for name, df in tables.items()}


def _write_swap(tables: dict[str, pd.DataFrame], pkg: dict, out: Path, owned: bool) -> None:
    """Write every table and the datapackage into a stage inside the guarded ``out``, then swap it in."""
    from . import outdir

    with outdir.staging(out, "data", owned=owned) as tmp:
        for name, df in tables.items():
            write_csv(df, tmp / f"{name}.csv")
        with open(tmp / DATAPACKAGE, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(pkg, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        _check_written(tmp, tables)


#: Tables built from the saved replies of ``tradeimbalance refresh`` (not from the raw folder).
SNAPSHOT_TABLES = ("imts_trade", "wdi_api", "comtrade_china_hs", "census_us_trade")


def read_built(folder: Path, name: str, spec: dict | None = None) -> pd.DataFrame:
    """Table ``name`` as written in ``folder`` (text cells), ready for :func:`conform` again."""
    spec = spec or load_spec()
    df = pd.read_csv(Path(folder) / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
    for f in spec["resources"][name]["fields"]:
        if f["type"] == "boolean" and f["name"] in df.columns:
            df[f["name"]] = df[f["name"]].map({"true": True, "false": False})
    return df


def rebuild_from_data(out_dir: str | Path | None = None, only: tuple[str, ...] = SNAPSHOT_TABLES) -> dict[str, int]:
    """Rebuild ``out_dir`` without the raw folder: the tables in ``only`` are read again (from the
    snapshots), every other table is taken as already built. Used by ``tradeimbalance refresh`` in a
    clone that has no raw sources; the result is byte-identical to a full build from the same inputs.
    The same output-folder rule and plausibility checks apply as in :func:`build_data`.
    """
    from . import outdir
    from .plausibility import check_plausible

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


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m tradeimbalance.build [--raw DIR] [--out DIR]``).

    The same as ``tradeimbalance data``: the same checks, messages and exit codes.
    """
    from .cli import main as cli_main

    return cli_main(["data", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
