"""Export the data behind every figure and table, and the claims table, as CSV.

``tradeimbalance export --year YEAR --out DIR`` writes one ``<figure id>.csv``
per entry of the figure registry (:func:`tradeimbalance.catalog.all_figures`),
with the columns each figure documents, plus ``claims.csv``. Missing values
are empty cells, never zeros (:func:`tradeimbalance.charts.render.csv_text`).

Everything is computed and checked before anything is written: if one
figure fails, or its data break an invariant that ``run`` checks too
(:func:`tradeimbalance.checks.invariant_problems`: balance = exports - imports,
shares add up to 100, no negative trade value), no file is written and the
error names the figure. The output folder is checked first
(:func:`tradeimbalance.outdir.check`); the files are written into a stage
inside it and moved in by renames, replacing only what an earlier export wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

#: Columns of ``claims.csv`` (a public interface, documented in chapters/interface.md).
CLAIMS_COLUMNS = ["id", "section", "reported", "reproduced", "unit", "status"]
CLAIMS_FILE = "claims.csv"

#: The figure ids and columns promised in chapters/interface.md. The figures
#: themselves come from the registry; this only guards the promise: a figure
#: registered under one of these ids with other columns stops the export.
PUBLIC_COLUMNS: dict[str, list[str]] = {
    "fig1": ["year", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"],
    "fig2": ["province", "province_code", "year", "trade_rank", "total_trade_usd_bn", "share_of_national_trade_pct",
             "balance_total_usd_100m_reported"],
    "fig3": ["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"],
    "fig4": ["year", "view", "hs_section", "section_name", "china_exports_usd_bn", "china_imports_usd_bn",
             "china_balance_usd_bn", "basis"],
    "fig5": ["year", "us_position_in_china_usd_bn", "china_position_in_us_usd_bn"],
    "fig6": ["year", "japan_exports_to_us_share_pct", "korea_exports_to_us_share_pct", "japan_fdi_in_us_share_pct"],
    "fig7": ["year", "us_deficit_with_asia_usd_bn", "china_share_pct", "japan_share_pct"],
    "table1": ["province", "balance_total", "balance_eu_us", "balance_asia", "balance_japan_korea"],
    "intro_surplus_gdp": ["year", "country", "basis", "balance_usd_bn", "gdp_usd_bn", "balance_pct_gdp"],
    "regional_top9": ["year", "basis", "national_trade_usd_bn", "top_nine_trade_usd_bn", "top_nine_share_pct",
                      "same_nine_as_paper", "entering", "leaving"],
    "processing_shares": ["year", "definition", "share_pct", "basis"],
    "tariffs_fx_balance": ["year", "us_balance_world_usd_bn", "us_balance_asia_usd_bn", "us_balance_china_usd_bn",
                           "china_designated"],
    "policy_bilateral": ["year", "china_balance_usa_usd_bn", "china_balance_eu27_usd_bn", "china_balance_eu28_usd_bn"],
    "policy_surplus": ["year", "merch_exports_usd_bn", "merch_imports_usd_bn", "merch_balance_usd_bn",
                       "merch_balance_pct_gdp", "bop_goods_balance_usd_bn", "bop_services_balance_usd_bn"],
    "policy_shift": ["year", "reporter", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn",
                     "share_of_reporter_imports_pct"],
    "policy_us_china_us_side": ["year", "us_exports_usd_bn", "us_imports_usd_bn", "us_balance_usd_bn", "source"],
}


class ExportError(Exception):
    """A figure's data or the claims table could not be computed; nothing was written."""


@dataclass
class ExportedFile:
    name: str
    rows: int
    columns: list[str]


def figure_tables(year: int, figure_ids: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The data of every registered figure (or of ``figure_ids``) for ``year``, by figure id."""
    from .catalog import all_figures

    figs = all_figures()
    changed = [
        f"{fid}: registered with {fig.columns}, documented as {PUBLIC_COLUMNS[fid]}"
        for fid, fig in figs.items()
        if fid in PUBLIC_COLUMNS and list(fig.columns) != PUBLIC_COLUMNS[fid]
    ]
    if changed:
        raise ExportError("figure columns differ from the public interface (chapters/interface.md):\n  " + "\n  ".join(changed))
    if figure_ids:
        unknown = [f for f in figure_ids if f not in figs]
        if unknown:
            raise ExportError(f"unknown figure id(s) {unknown}; registered: {sorted(figs)}")
        figs = {k: figs[k] for k in figure_ids}
    from .coverage import CoverageError, chapter_year

    tables = {}
    for fid, fig in figs.items():
        try:
            shown = chapter_year(fig.chapter, year)[0]  # a chapter whose data end earlier shows its last year
        except CoverageError:
            shown = year
        try:
            tables[fid] = fig.data(shown)
        except Exception as exc:
            raise ExportError(f"figure {fid}: its data for {year} cannot be computed: {type(exc).__name__}: {exc}") from exc
    return tables


def default_out(year: int) -> Path:
    """``<root>/_build/export/YEAR``."""
    from .paths import project_root

    return project_root() / "_build" / "export" / str(int(year))


def check_tables(tables: dict[str, pd.DataFrame]) -> None:
    """Raise :class:`ExportError` listing every invariant a figure's data break (the checks of ``run``)."""
    from .checks import invariant_problems
    from .catalog import all_figures

    figs = all_figures()
    problems = []
    for fid, df in tables.items():
        problems += invariant_problems(df, fid, getattr(figs.get(fid), "share_groups", None))
    if problems:
        raise ExportError("the data break the book's invariants:\n  " + "\n  ".join(problems))


def claims_table() -> pd.DataFrame:
    """Every claim with the columns of ``claims.csv``."""
    from . import reproduction

    try:
        table = reproduction.evaluate()
    except Exception as exc:
        raise ExportError(f"the claims table cannot be computed: {type(exc).__name__}: {exc}") from exc
    return table[CLAIMS_COLUMNS].reset_index(drop=True)


def export(
    year: int,
    out: str | Path,
    figure_ids: list[str] | None = None,
    include_claims: bool = True,
    progress: Callable[[str], None] = print,
) -> list[ExportedFile]:
    """Write ``<id>.csv`` for each figure and ``claims.csv`` into ``out``; returns what was written.

    A year outside the data's coverage is refused before anything is computed
    (:class:`tradeimbalance.coverage.CoverageError`).
    """
    from . import outdir, paths
    from .charts.render import csv_text
    from .coverage import check_year

    year = int(year)
    check_year(year)
    default = default_out(year)
    out = outdir.check(out, "export", root=paths.project_root(), raw=paths.raw_dir(), default=default)
    tables = figure_tables(year, figure_ids)
    check_tables(tables)
    if not figure_ids:
        missing = [fid for fid in PUBLIC_COLUMNS if fid not in tables]
        if missing:
            progress(f"note: documented figure(s) not registered (yet): {', '.join(missing)}")
    if include_claims:
        if CLAIMS_FILE[:-4] in tables:
            raise ExportError("a figure is registered with the id 'claims', which would overwrite claims.csv")
        tables[CLAIMS_FILE[:-4]] = claims_table()
    written = []
    with outdir.staging(out, "export", owned=out == outdir._real(default)) as stage:
        for name, df in tables.items():
            (stage / f"{name}.csv").write_text(csv_text(df), encoding="utf-8")
            written.append(ExportedFile(f"{name}.csv", len(df), [str(c) for c in df.columns]))
    for f in written:
        progress(f"wrote {out / f.name}  ({f.rows} rows)")
    return written
