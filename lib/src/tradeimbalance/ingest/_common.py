"""Helpers shared by the readers: checked file access, number parsing, code maps."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import IngestError
from ..paths import REFERENCE_DIR

#: Decimal places kept for every float value written to ``data/``.
DECIMALS = 6


def require(path: Path) -> Path:
    """Return ``path`` if it is an existing file, else raise :class:`IngestError`."""
    path = Path(path)
    if not path.is_file():
        raise IngestError("raw file is missing", file=path)
    return path


def read_csv(path: Path, columns: Iterable[str], **kwargs) -> pd.DataFrame:
    """Read a CSV as text columns and check that ``columns`` are all present.

    Everything is read as strings (``dtype=str``, empty cells as ``NA``) so that
    numbers are converted, and errors reported, by :func:`to_number`.
    """
    require(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig", **kwargs)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise IngestError(f"cannot be parsed as CSV: {exc}", file=path) from exc
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise IngestError(f"expected column(s) {missing} not found; columns are {list(df.columns)}", file=path)
    return df


_NUM = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
#: A character that no number of :data:`_NUM` in the digits 0-9 has.
_NOT_PLAIN = re.compile(r"[^0-9.eE+-]")


def _plain_numbers(values: pd.Series, thousands: bool, allow_blank: bool) -> pd.Series | None:
    """:func:`to_number` of a text column whose every cell is missing or a number in the digits 0-9; else None.

    Such a column is checked in one pass over all its text (no character outside the digits, the
    point, the sign and the exponent's ``e``) and converted by NumPy's reading of each text as
    Python's ``float`` reads it. On those characters ``float`` accepts exactly the texts of
    :data:`_NUM`, so the result is the cell-by-cell one; a column with anything else (a blank or an
    odd cell, a cell that is not text, an empty cell where a number is required) returns None.
    """
    if not isinstance(values.dtype, pd.StringDtype):
        return None
    missing = values.isna().to_numpy()
    if missing.any() and not allow_blank:
        return None
    text = values[~missing].tolist()
    if thousands:
        text = [t.replace(",", "") for t in text]
    if _NOT_PLAIN.search("".join(text)):
        return None
    try:
        numbers = np.array(text, dtype="float64")
    except ValueError:  # e.g. "1e" or "1.2.3": the cell-by-cell reading names it
        return None
    out = np.full(len(values), np.nan)
    out[~missing] = numbers
    return pd.Series(out, index=values.index, dtype="float64")


def to_number(
    values: pd.Series,
    path: Path,
    column: str,
    *,
    header_rows: int = 1,
    thousands: bool = False,
    allow_blank: bool = True,
    sheet: str | None = None,
) -> pd.Series:
    """Convert a text column to float64; a non-numeric cell raises :class:`IngestError`.

    ``header_rows`` is the number of file lines before the first data row, so
    that the error names the line as an editor shows it (the DataFrame index
    must be the default 0-based ``RangeIndex`` position). A column of text
    cells in plain digits is converted at once (:func:`_plain_numbers`); any
    other goes cell by cell, which finds the first cell that is not a number.
    """
    fast = _plain_numbers(values, thousands, allow_blank)
    if fast is not None:
        return fast
    out = []
    for pos, v in enumerate(values.tolist()):
        if v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()):
            if not allow_blank:
                raise IngestError("empty cell where a number is required", file=path, sheet=sheet,
                                  row=pos + header_rows + 1, column=column)
            out.append(math.nan)
            continue
        if isinstance(v, (int, float)):
            out.append(float(v))
            continue
        s = str(v).strip()
        if thousands:
            s = s.replace(",", "")
        if not _NUM.match(s):
            raise IngestError(f"non-numeric value {v!r}", file=path, sheet=sheet,
                              row=pos + header_rows + 1, column=column)
        out.append(float(s))
    return pd.Series(out, index=values.index, dtype="float64")


def year_of(value) -> int | None:
    """The year a cell holds (``2015``, ``"2015"``, ``"2015.0"``, blanks around it), or None."""
    s = str(value).strip()
    if s.endswith(".0"):
        s = s[:-2]
    return int(s) if re.fullmatch(r"\d{4}", s) else None


def to_year(values: pd.Series, path: Path, column: str, *, header_rows: int = 1) -> pd.Series:
    """Convert a text column of years to ``Int64``; anything but a 4-digit year raises (naming its first cell).

    Each distinct value is read once (a column holds a few dozen years over many rows).
    """
    codes, distinct = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    years = [year_of(v) for v in distinct.tolist()]
    bad = [k for k, y in enumerate(years) if y is None]
    wrong = codes < 0  # an empty cell
    if bad:
        wrong |= np.isin(codes, bad)
    if wrong.any():
        pos = int(np.flatnonzero(wrong)[0])
        raise IngestError(f"not a year: {values.iloc[pos]!r}", file=path, row=pos + header_rows + 1, column=column)
    return pd.Series(np.asarray([y or 0 for y in years], dtype="int64")[codes], index=values.index, dtype="Int64")


def rounded(values: pd.Series) -> pd.Series:
    """Round floats to :data:`DECIMALS` places (removes binary noise such as ``21473.599999999995``)."""
    return values.astype("float64").round(DECIMALS)


@lru_cache(maxsize=None)
def reference(name: str) -> pd.DataFrame:
    """A hand-made reference table from ``tradeimbalance/reference/<name>.csv`` (all text)."""
    path = REFERENCE_DIR / f"{name}.csv"
    if not path.is_file():
        raise IngestError("reference table is missing", file=path)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


def code_map(name: str, key: str, value: str = "code") -> dict[str, str]:
    """A ``{key: value}`` dict from reference table ``name`` (keys must be unique)."""
    ref = reference(name)
    dup = ref[key][ref[key].duplicated()].tolist()
    if dup:
        raise IngestError(f"duplicated key(s) {dup} in column {key!r}", file=REFERENCE_DIR / f"{name}.csv")
    return dict(zip(ref[key], ref[value]))


def map_codes(
    values: pd.Series,
    mapping: Mapping[str, str],
    path: Path,
    column: str,
    *,
    what: str = "name",
    reference_file: str = "",
    header_rows: int = 1,
) -> pd.Series:
    """Map names to codes; the first name missing from ``mapping`` raises :class:`IngestError`."""
    mapped = values.map(mapping)
    bad = mapped.isna() & values.notna()
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        hint = f"; add it to reference/{reference_file}.csv" if reference_file else ""
        raise IngestError(f"unknown {what} {values.iloc[pos]!r}{hint}", file=path,
                          row=pos + header_rows + 1, column=column)
    return mapped.astype("string")


def check_unique(df: pd.DataFrame, keys: list[str], path: Path, *, header_rows: int = 1) -> None:
    """Raise :class:`IngestError` naming the first duplicated key in ``df``."""
    dup = df.duplicated(keys, keep="first")
    if dup.any():
        pos = int(dup.to_numpy().nonzero()[0][0])
        key = {k: df[k].iloc[pos] for k in keys}
        raise IngestError(f"duplicate key {key}", file=path, row=pos + header_rows + 1)


def check_unit(found: str, expected: str, path: Path, column: str | None = None, *, row: int | None = None,
               sheet: str | None = None) -> None:
    """Raise :class:`IngestError` if a unit label differs from the one the reader expects."""
    if (found or "").strip() != expected:
        raise IngestError(f"unit mismatch: expected {expected!r}, found {found!r}", file=path, sheet=sheet,
                          row=row, column=column)
