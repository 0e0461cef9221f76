"""Plausibility checks of the built tables, for what a table schema cannot say.

The descriptor (``reference/tables.yaml``) declares what Frictionless can
check on one value: required fields and ``minimum: 0`` on trade values
(enforced by :func:`tradeimbalance.schema.conform`). This module checks what
needs more than one value, after every table was read and before anything is
written:

- a minimum row count per table (:data:`MIN_ROWS`, about half of the rows the
  sources give today, so that a truncated or emptied source stops the build);
- a minimum row count per source file: per DOTS workbook and sheet (each
  reporter's exports and imports, :data:`MIN_DOTS_ROWS`) and per World Bank
  indicator file (non-empty values, :data:`MIN_WDI_VALUES`); this also means
  every reporter of ``bilateral_trade`` has both flows;
- magnitudes across sources: each reporter's exports to the World in DOTS
  against the World Bank's merchandise exports of the same country and years
  (the median ratio must lie within a factor :data:`TOLERANCE` of 1; today it
  is 0.99-1.00 for every reporter), and, within the World Bank files, GDP
  times exports in percent of GDP against merchandise exports (the median
  ratio over countries, per year, must lie in :data:`GDP_RATIO_RANGE`; today
  1.16-1.33). A value multiplied by 1,000 or 1,000,000 (a unit slip) fails
  both by far.

Each failure raises one :class:`~tradeimbalance.errors.IngestError` naming the
file and what is implausible.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import IngestError

#: Minimum rows per table (today's counts are in data/coverage.csv).
MIN_ROWS = {
    "bilateral_trade": 140_000,
    "macro": 7_500,
    "partners": 200,
    "aggregates": 80,
    "bop_china": 30,
    "customs_regime": 80,
    "customs_regime_enterprise": 80,
    "trade_mode_points": 10,
    "province_trade_totals": 250,
    "us_trade_hs": 2_000,
    "comtrade_us_china_hs": 450,
    "china_imports_from_us_2017": 90,
    "fdi_positions": 1_400,
    "fdi_stock_unctad": 8_000,
    "wto_disputes": 280,
    "currency_designations": 5,
    "paper_reported": 45,
    "paper_table1": 9,
}
#: Minimum rows per DOTS workbook sheet (one reporter, one flow; today at least 3,748).
MIN_DOTS_ROWS = 1_000
#: Minimum non-empty values per World Bank indicator file (today at least 7,807).
MIN_WDI_VALUES = 3_000
#: DOTS exports / World Bank merchandise exports: the median ratio must lie in [1/TOLERANCE, TOLERANCE].
TOLERANCE = 2.0
#: World Bank GDP x exports (% of GDP) / merchandise exports: median over countries, per year.
GDP_RATIO_RANGE = (0.4, 4.0)


def _dots_file(reporter: str) -> str:
    from .ingest.dots import REPORTER_FILES

    name = next((f for f, r in REPORTER_FILES.items() if r == reporter), f"DOTS ({reporter})")
    return f"imf_dots/xlsx/{name}"


def _wdi_file(column: str) -> str:
    from .ingest.wdi import INDICATORS

    name = next((f for f, c in INDICATORS.items() if c == column), column)
    return f"worldbank_wdi/{name}"


def _times(ratio: float) -> str:
    """``1,000 times`` / ``2.50 times`` / ``1/1,000 of``."""
    if ratio >= 1:
        return f"{ratio:,.0f} times" if ratio >= 10 else f"{ratio:.2f} times"
    inv = 1 / ratio
    return f"1/{inv:,.0f} of" if inv >= 10 else f"1/{inv:.2f} of"


def check_row_counts(tables: dict[str, pd.DataFrame], spec: dict | None = None) -> None:
    """Refuse a table with fewer rows than its minimum (:data:`MIN_ROWS`): a truncated or empty source file."""
    for name, minimum in MIN_ROWS.items():
        if name in tables and len(tables[name]) < minimum:
            raw = ", ".join((spec or {}).get("resources", {}).get(name, {}).get("raw", [])) or f"table {name}"
            raise IngestError(f"implausible: table {name} has {len(tables[name])} rows, fewer than the minimum "
                              f"{minimum:,}; a source file is truncated or empty", file=raw)


def check_dots(bt: pd.DataFrame) -> None:
    """Refuse a DOTS reporter with fewer than :data:`MIN_DOTS_ROWS` rows of exports or of imports (an emptied sheet)."""
    from .ingest.dots import REPORTER_FILES, SHEETS

    counts = bt.groupby(["reporter", "flow"]).size()
    for reporter in REPORTER_FILES.values():
        for sheet, flow in SHEETS.items():
            n = int(counts.get((reporter, flow), 0))
            if n < MIN_DOTS_ROWS:
                raise IngestError(f"implausible: {reporter} has {n} {flow} rows, fewer than the minimum "
                                  f"{MIN_DOTS_ROWS:,}; the sheet is empty or truncated",
                                  file=_dots_file(reporter), sheet=sheet)


def check_wdi(macro: pd.DataFrame) -> None:
    """Refuse a WDI indicator with (almost) no values, and a unit slip in GDP or merchandise exports.

    GDP times exports (% of GDP) must lie within :data:`GDP_RATIO_RANGE` of merchandise exports
    (median over countries, per year with at least ten countries).
    """
    from .ingest.wdi import INDICATORS

    for column in INDICATORS.values():
        n = int(macro[column].notna().sum())
        if n < MIN_WDI_VALUES:
            raise IngestError(f"implausible: {n} values of {column}, fewer than the minimum {MIN_WDI_VALUES:,}; "
                              "the file has its header but (almost) no rows", file=_wdi_file(column))
    ratio = (macro["gdp_usd"] * macro["exports_gs_pct_gdp"] / 100 / macro["merch_exports_usd"])
    ratio = ratio.replace([float("inf"), -float("inf")], float("nan"))
    ok = ratio.notna() & (macro["merch_exports_usd"] > 0)
    by_year = ratio[ok].groupby(macro.loc[ok, "year"]).agg(["median", "size"])
    by_year = by_year[by_year["size"] >= 10]
    lo, hi = GDP_RATIO_RANGE
    bad = by_year[(by_year["median"] < lo) | (by_year["median"] > hi)]
    if len(bad):
        year, med = int(bad.index[0]), float(bad["median"].iloc[0])
        raise IngestError(
            f"implausible magnitude: GDP times exports (% of GDP) is {_times(med)} merchandise exports "
            f"(median over countries, {year}; plausible: {lo}-{hi}); a unit slip in {_wdi_file('gdp_usd')} "
            f"or {_wdi_file('merch_exports_usd')}", file=_wdi_file("gdp_usd"))


def check_dots_against_wdi(bt: pd.DataFrame, macro: pd.DataFrame) -> None:
    """Each reporter's DOTS exports to the World against the World Bank's merchandise exports, same years."""
    exports = bt[(bt["partner"] == "WLD") & (bt["flow"] == "exports")]
    dots = exports.set_index(["reporter", "year"])["value_usd_mn"].astype(float)
    wdi = macro.set_index(["country", "year"])["merch_exports_usd"].astype(float) / 1e6
    ratio = (dots / wdi.reindex(dots.index)).replace([float("inf"), -float("inf")], float("nan")).dropna()
    ratio = ratio[ratio > 0]
    for reporter, r in ratio.groupby(level=0):
        med = float(r.median())
        if not (1 / TOLERANCE <= med <= TOLERANCE):
            raise IngestError(
                f"implausible magnitude: {reporter}'s exports to the World are {_times(med)} the World Bank's "
                f"merchandise exports ({_wdi_file('merch_exports_usd')}) in the same years (median of "
                f"{len(r)} years; plausible: within a factor {TOLERANCE:g}); a unit slip in one of the two files",
                file=_dots_file(str(reporter)), sheet="Exports, FOB")


def check_read(name: str, tables: dict[str, pd.DataFrame], spec: dict | None = None) -> None:
    """The checks that table ``name``, just read into ``tables``, completes: its own, and those across
    sources once both are read. A build calls it after each table, so a bad source stops the build
    before the rest is read; raises the first :class:`IngestError` found."""
    if name == "bilateral_trade":
        check_dots(tables[name])
    if name == "macro":
        check_wdi(tables[name])
    if name in ("bilateral_trade", "macro") and {"bilateral_trade", "macro"} <= set(tables):
        check_dots_against_wdi(tables["bilateral_trade"], tables["macro"])
    check_row_counts({name: tables[name]}, spec)


def check_plausible(tables: dict[str, pd.DataFrame], raw: Path | None = None, spec: dict | None = None) -> None:
    """Every check above, on tables already read (:func:`check_read` for each, in their order);
    raises the first :class:`IngestError` found."""
    if spec is None:
        from .schema import load_spec

        spec = load_spec()
    done: dict[str, pd.DataFrame] = {}
    for name, df in tables.items():
        done[name] = df
        check_read(name, done, spec)
