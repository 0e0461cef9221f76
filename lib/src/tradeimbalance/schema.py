"""The table descriptors (``reference/tables.yaml``) and the fixed format of the built CSV files.

:func:`conform` checks a table read from the raw sources against its descriptor (columns, types,
required values, allowed values, minimums, primary-key uniqueness) and returns it typed and
sorted; :func:`write_csv` writes it so that two builds give byte-identical files, and
:func:`read_built` reads such a file back for :func:`conform`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
from . import paths, yamlio
from .errors import ValidationError
from .ingest._common import DECIMALS

SPEC_FILE = paths.REFERENCE_DIR / "tables.yaml"


@lru_cache(maxsize=1)
def load_spec() -> dict:
    """The table descriptors (``reference/tables.yaml``)."""
    with open(SPEC_FILE, encoding="utf-8") as fh:
        return yamlio.load(fh)


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


def read_built(folder: Path, name: str, spec: dict | None = None) -> pd.DataFrame:
    """Table ``name`` as written in ``folder`` (text cells), ready for :func:`conform` again."""
    spec = spec or load_spec()
    df = pd.read_csv(Path(folder) / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
    for f in spec["resources"][name]["fields"]:
        if f["type"] == "boolean" and f["name"] in df.columns:
            df[f["name"]] = df[f["name"]].map({"true": True, "false": False})
    return df
