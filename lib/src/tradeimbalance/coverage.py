"""Which years the book can be run for, checked before anything runs.

The years each dataset covers come from ``data/coverage.csv`` (written by the
data build). When that file is absent they are computed from the tables
themselves (:func:`tradeimbalance.data.list_tables` / :func:`tradeimbalance.data.load`).

The *runnable* range is the range of the core dataset, ``bilateral_trade``
(IMF Direction of Trade Statistics, vintage early 2022, data to 2020): every
chapter starts from China's bilateral trade, so a year outside it cannot be
shown. The other datasets' ranges are listed in the refusal message so the
reader knows what a year inside the range will and will not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: The dataset whose years bound the years the book can be run for.
CORE_DATASET = "bilateral_trade"
CORE_DESCRIPTION = "IMF Direction of Trade Statistics, vintage early 2022, data to 2020"

_FIRST = ("year_min", "first_year", "year_first", "start_year", "first", "start")
_LAST = ("year_max", "last_year", "year_last", "end_year", "last", "end")
_NAME = ("dataset", "table", "name", "resource")


class CoverageError(Exception):
    """A year cannot be run: it is outside the data's coverage, or the coverage is unknown."""


@dataclass(frozen=True)
class DatasetRange:
    """The years one dataset covers (``first``/``last`` are ``None`` for tables without years)."""

    dataset: str
    first: int | None
    last: int | None
    kind: str = ""

    def text(self) -> str:
        if self.first is None or self.last is None:
            return "no years (reference table)"
        return f"{self.first}-{self.last}"


def _int_or_none(v) -> int | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)) or str(v).strip() == "":
        return None
    return int(float(v))


def _pick(columns, names) -> str | None:
    lower = {str(c).lower(): c for c in columns}
    for n in names:
        if n in lower:
            return lower[n]
    return None


def _from_coverage_csv(path: Path) -> list[DatasetRange]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    name, first, last = _pick(df.columns, _NAME), _pick(df.columns, _FIRST), _pick(df.columns, _LAST)
    if name is None or first is None or last is None:
        raise CoverageError(
            f"{path} has no dataset / first-year / last-year columns (columns: {list(df.columns)})"
        )
    kind = _pick(df.columns, ("kind",))
    return [
        DatasetRange(str(r[name]), _int_or_none(r[first]), _int_or_none(r[last]), str(r[kind]) if kind else "")
        for _, r in df.iterrows()
    ]


def _from_tables(folder: Path) -> list[DatasetRange]:
    from . import data

    out = []
    for name in data.list_tables(folder):
        if name == "coverage":
            continue
        df = data.load(name, folder)
        if "year" in df.columns and df["year"].notna().any():
            years = pd.to_numeric(df["year"], errors="coerce").dropna()
            out.append(DatasetRange(name, int(years.min()), int(years.max())))
        else:
            out.append(DatasetRange(name, None, None))
    return out


def dataset_ranges(data_dir: str | Path | None = None) -> list[DatasetRange]:
    """The years covered by every dataset in ``data/`` (sorted by name).

    Raises :class:`CoverageError` when ``data/`` holds neither ``coverage.csv``
    nor readable tables (the data have not been built).
    """
    from .paths import data_dir as default_data_dir

    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    csv = folder / "coverage.csv"
    if csv.is_file():
        ranges = _from_coverage_csv(csv)
    else:
        try:
            ranges = _from_tables(folder)
        except Exception as exc:  # no datapackage, unreadable table, ...
            raise CoverageError(
                f"cannot tell which years the data cover: {csv} is missing and the tables in {folder} "
                f"cannot be read ({type(exc).__name__}: {exc}). Build the data first: "
                "`tradeimbalance data` (or `make data`)."
            ) from exc
    return sorted(ranges, key=lambda r: r.dataset)


def runnable_range(ranges: list[DatasetRange]) -> tuple[int, int]:
    """The first and last year the book can be run for: the range of :data:`CORE_DATASET`."""
    for r in ranges:
        if r.dataset == CORE_DATASET and r.first is not None and r.last is not None:
            return r.first, r.last
    raise CoverageError(
        f"the core dataset {CORE_DATASET} ({CORE_DESCRIPTION}) is not in the data or has no years; "
        "build the data first: `tradeimbalance data` (or `make data`)."
    )


def coverage_table(ranges: list[DatasetRange]) -> str:
    """One line per dataset with its years; the core dataset is marked."""
    width = max([len(r.dataset) for r in ranges] + [7])
    lines = []
    for r in ranges:
        mark = "  <- core dataset: sets the years the book runs for" if r.dataset == CORE_DATASET else ""
        lines.append(f"  {r.dataset.ljust(width)}  {r.text()}{mark}")
    return "\n".join(lines)


def describe(data_dir: str | Path | None = None) -> str:
    """A text report: the runnable range and every dataset's years."""
    ranges = dataset_ranges(data_dir)
    first, last = runnable_range(ranges)
    return (
        f"The book runs for {first}-{last}: the years of the core dataset {CORE_DATASET} ({CORE_DESCRIPTION}).\n"
        f"Years covered by each dataset:\n{coverage_table(ranges)}"
    )


def check_year(year: int, data_dir: str | Path | None = None) -> tuple[int, int]:
    """Return the runnable range if ``year`` is inside it, else raise :class:`CoverageError`.

    The message gives the runnable range, says which dataset sets it, and lists
    the years of every dataset.
    """
    ranges = dataset_ranges(data_dir)
    first, last = runnable_range(ranges)
    if not first <= int(year) <= last:
        raise CoverageError(
            f"year {year} is outside the data's coverage. The book runs for {first}-{last}: the years of the "
            f"core dataset {CORE_DATASET} ({CORE_DESCRIPTION}).\n"
            f"Years covered by each dataset:\n{coverage_table(ranges)}\n"
            "Nothing was run and nothing was written."
        )
    return first, last
