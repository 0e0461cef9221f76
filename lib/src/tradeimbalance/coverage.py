"""Which years the book can be run for, checked before anything runs.

The years each dataset covers come from ``data/coverage.csv`` (written by the
data build). When that file is absent they are computed from the tables
themselves (:func:`tradeimbalance.data.list_tables` / :func:`tradeimbalance.data.load`).

Each chapter declares the datasets it reads in one place,
``reference/chapter_datasets.csv`` (``chapter, dataset, bounds, label``). The
*runnable* range of the book runs from the earliest to the latest year of any
dataset a chapter uses. A chapter can show the years up to the last year of the
datasets marked ``bounds`` (its figures need all of them); run for a later year,
it shows its own last year and says so in one line at the top of the page
(:func:`chapter_year`). :func:`chapter_table` lists, per chapter, the years it
can show; the ``coverage`` command and the interface chapter print it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: The dataset most chapters start from (marked in the coverage listing).
CORE_DATASET = "bilateral_trade"
CORE_DESCRIPTION = "IMF Direction of Trade Statistics, vintage early 2022, data to 2020"
#: Which datasets each chapter reads, and which of them bound the years it can show.
CHAPTER_DATASETS = Path(__file__).parent / "reference" / "chapter_datasets.csv"
REFRESH_HINT = "run `tradeimbalance refresh` to extend"

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
        """The range as a reader reads it, e.g. "1960–2020" (text)."""
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


@dataclass(frozen=True)
class ChapterRange:
    """The years one chapter can show: ``first``-``last``, bounded by ``limit`` (a dataset label)."""

    chapter: str
    first: int | None
    last: int | None
    limit: str
    datasets: tuple[str, ...]

    def text(self) -> str:
        """The years the chapter can run for, as a reader reads them (text)."""
        if self.first is None or self.last is None:
            return "any year of the book"
        return f"{self.first}-{self.last}"


def chapter_datasets() -> pd.DataFrame:
    """The registry ``reference/chapter_datasets.csv`` (one row per chapter and dataset)."""
    df = pd.read_csv(CHAPTER_DATASETS, dtype=str, keep_default_na=False)
    missing = [c for c in ("chapter", "dataset", "bounds", "label") if c not in df.columns]
    if missing:
        raise CoverageError(f"{CHAPTER_DATASETS} lacks column(s) {missing}")
    bad = ~df["bounds"].isin(["true", "false"])
    if bad.any():
        raise CoverageError(f"{CHAPTER_DATASETS}, row {int(bad.to_numpy().nonzero()[0][0]) + 2}: "
                            f"bounds must be true or false, not {df['bounds'][bad].iloc[0]!r}")
    df["bounds"] = df["bounds"] == "true"
    return df


def runnable_range(ranges: list[DatasetRange]) -> tuple[int, int]:
    """The first and last year the book can be run for: any year of a dataset some chapter reads."""
    used = set(chapter_datasets()["dataset"])
    years = [(r.first, r.last) for r in ranges if r.dataset in used and r.first is not None and r.last is not None]
    if not years:
        raise CoverageError(
            "no dataset that a chapter reads has years (is data/ built?); "
            "build the data first: `tradeimbalance data` (or `make data`)."
        )
    return min(f for f, _ in years), max(l for _, l in years)


def chapter_ranges(ranges: list[DatasetRange]) -> list[ChapterRange]:
    """Per chapter (registry order), the years its bounding datasets all cover."""
    reg = chapter_datasets()
    by_name = {r.dataset: r for r in ranges}
    out = []
    for chapter, rows in reg.groupby("chapter", sort=False):
        bound = [(by_name.get(d), lab) for d, lab in zip(rows["dataset"][rows["bounds"]], rows["label"][rows["bounds"]])]
        first = last = None
        limit = ""
        for r, lab in bound:
            if r is None or r.first is None or r.last is None:
                continue
            first = r.first if first is None else max(first, r.first)
            if last is None or r.last < last:
                last, limit = r.last, lab
        out.append(ChapterRange(chapter, first, last, limit, tuple(rows["dataset"])))
    return out


def chapter_table(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Per chapter: the years it can show, the dataset that ends it, and the datasets it reads."""
    ranges = dataset_ranges(data_dir)
    lo, hi = runnable_range(ranges)
    rows = []
    for c in chapter_ranges(ranges):
        rows.append({
            "chapter": c.chapter,
            "years shown": c.text(),
            "for a later year": (f"shows {c.last}: {c.limit} ends there" if c.last is not None and c.last < hi
                                 else "shows the year asked for"),
            "datasets": ", ".join(c.datasets),
        })
    return pd.DataFrame(rows)


def chapter_year(chapter: str, year: int, data_dir: str | Path | None = None) -> tuple[int, str]:
    """The year chapter ``chapter`` shows when run for ``year``, and the note to print ("" if none).

    A chapter whose bounding datasets end before ``year`` shows their last year;
    the note names the dataset and the command that extends it.
    """
    year = int(year)
    for c in chapter_ranges(dataset_ranges(data_dir)):
        if c.chapter == chapter:
            if c.last is not None and year > c.last:
                return c.last, (f"{c.limit}: the data end in {c.last} in this edition, so this page shows "
                                f"{c.last} (the book was run for {year}); {REFRESH_HINT}.")
            return year, ""
    raise CoverageError(f"chapter {chapter!r} is not in {CHAPTER_DATASETS}; add the datasets it reads there")


def show_chapter_year(chapter: str, year: int) -> int:
    """In a chapter: print the year note (if any) as one visible line and return the year to show."""
    shown, note = chapter_year(chapter, year)
    if note:
        from IPython.display import Markdown, display

        display(Markdown(f"**Year shown: {shown}.** {note}"))
    return shown


def coverage_table(ranges: list[DatasetRange]) -> str:
    """One line per dataset with its years; the core dataset is marked."""
    width = max([len(r.dataset) for r in ranges] + [7])
    lines = []
    for r in ranges:
        mark = "  <- core dataset: most chapters start from it" if r.dataset == CORE_DATASET else ""
        lines.append(f"  {r.dataset.ljust(width)}  {r.text()}{mark}")
    return "\n".join(lines)


def chapters_text(ranges: list[DatasetRange]) -> str:
    """One line per chapter with the years it can show."""
    lo, hi = runnable_range(ranges)
    cr = chapter_ranges(ranges)
    width = max(len(c.chapter) for c in cr)
    lines = []
    for c in cr:
        tail = f"  (ends with {c.limit})" if c.last is not None and c.last < hi else ""
        lines.append(f"  {c.chapter.ljust(width)}  {c.text()}{tail}")
    return "\n".join(lines)


def describe(data_dir: str | Path | None = None) -> str:
    """A text report: the runnable range, the years of each chapter and of each dataset."""
    ranges = dataset_ranges(data_dir)
    first, last = runnable_range(ranges)
    return (
        f"The book runs for {first}-{last}: from the earliest to the latest year of any dataset a chapter reads.\n"
        f"A chapter run for a year after its own last year shows its last year and says so.\n"
        f"Years each chapter can show:\n{chapters_text(ranges)}\n"
        f"Years covered by each dataset:\n{coverage_table(ranges)}"
    )


def check_year(year: int, data_dir: str | Path | None = None) -> tuple[int, int]:
    """Return the runnable range if ``year`` is inside it, else raise :class:`CoverageError`.

    The message gives the runnable range and lists the years of every chapter and dataset.
    """
    ranges = dataset_ranges(data_dir)
    first, last = runnable_range(ranges)
    if not first <= int(year) <= last:
        raise CoverageError(
            f"year {year} is outside the data's coverage. The book runs for {first}-{last}: from the earliest "
            f"to the latest year of any dataset a chapter reads.\n"
            f"Years each chapter can show:\n{chapters_text(ranges)}\n"
            f"Years covered by each dataset:\n{coverage_table(ranges)}\n"
            "Nothing was run and nothing was written."
        )
    return first, last
