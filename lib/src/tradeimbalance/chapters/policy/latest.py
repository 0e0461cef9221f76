"""After 2019: every year the data hold, from every source, with the vintage of each year.

The US-side series of trade with China (DOTS, then IMF IMTS where ``tradeimbalance refresh`` fetched it,
then UN Comtrade), the table of the paper's expectations year by year, and the points the chapter's
paragraph on the years after 2019 cites.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ... import fmt
from ... import measures as common
from ...data import list_tables, load, view_cache
from . import PAPER_YEAR, START, SUCCESSORS
from .measures import processing_share
from .sources import COMTRADE_SOURCE, DOTS_SOURCE, FILL_CHINA, FILL_PROCESSING, FILL_US_PARTNERS, FILL_WDI

US_SIDE_COLUMNS = ["year", "us_exports_usd_bn", "us_imports_usd_bn", "us_balance_usd_bn", "source"]
#: The row labels of :func:`after_2019_table` that :func:`after_2019_points` reads.
CHINA_US_ROW = "China's surplus with the US (China's records, USD bn)"
PROCESSING_IMPORTS_ROW = "Processing share of China's imports (full year, %)"
SUCCESSORS_ROW = "Vietnam, Thailand, Cambodia, Bangladesh: share of US imports (%)"


def _table_or_empty(name: str) -> pd.DataFrame:
    """Table ``name`` from ``data/``, or an empty frame when this edition has no such table."""
    return load(name) if name in list_tables() else pd.DataFrame()


def imts_series(reporter: str, partner: str) -> pd.DataFrame:
    """IMF IMTS rows fetched by ``tradeimbalance refresh`` for one pair: year, exports, imports (USD bn), vintage."""
    t = _table_or_empty("imts_trade")
    if t.empty:
        return pd.DataFrame(columns=["year", "exports", "imports", "vintage"])
    t = t[(t["reporter"] == reporter) & (t["partner"] == partner)]
    wide = t.pivot_table(index="year", columns="flow", values="value_usd_mn", aggfunc="sum", observed=True) / 1000
    wide = wide.reindex(columns=["exports", "imports"])
    vint = t.groupby("year")["vintage"].first()
    out = wide.assign(vintage=vint).reset_index()
    out["year"] = out["year"].astype(int)
    return out


def imts_vintage_label(vintage: str) -> str:
    """The source label of an IMTS value fetched on ``vintage`` (a date), e.g. ``"IMF IMTS (fetched 2026-12-01)"``."""
    return f"IMF IMTS (fetched {vintage})"


def us_side_data(year: int | None = None) -> pd.DataFrame:
    """US-reported trade with China by year: DOTS, then IMTS (if refreshed), then Comtrade for later years;
    exports, imports and balance in USD bn, with the source of each year (text).

    Imports are CIF in all three sources. Every row names its source and vintage; years after
    ``year`` (when given) are left out.
    """
    out = _us_side_all()
    if year is not None:
        out = out[out["year"] <= int(year)].reset_index(drop=True)
    return out


@view_cache
def _us_side_all() -> pd.DataFrame:
    """:func:`us_side_data` for every year held (computed once per process and data folder; callers get copies)."""
    d = common.bilateral("USA", "CHN")
    d = d[d["year"].astype(int) >= START]
    rows = {int(r.year): (float(r.exports), float(r.imports), DOTS_SOURCE) for r in d.itertuples()}
    last_dots = max(rows)
    for r in imts_series("USA", "CHN").itertuples():
        if int(r.year) > last_dots and not (pd.isna(r.exports) or pd.isna(r.imports)):
            rows[int(r.year)] = (float(r.exports), float(r.imports), imts_vintage_label(r.vintage))
    c = load("comtrade_us_china_hs")
    c = c[c["hs2"] == "TOTAL"]
    wide = c.pivot_table(index="year", columns="flow", values="value_usd_mn", aggfunc="sum", observed=True) / 1000
    for y, r in wide.iterrows():
        if int(y) > last_dots and int(y) not in rows:
            rows[int(y)] = (float(r["us_exports"]), float(r["us_imports"]), COMTRADE_SOURCE)
    years = sorted(rows)
    out = pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "us_exports_usd_bn": [round(rows[y][0], 6) for y in years],
        "us_imports_usd_bn": [round(rows[y][1], 6) for y in years],
        "source": [rows[y][2] for y in years],
    })
    out["us_balance_usd_bn"] = (out["us_exports_usd_bn"] - out["us_imports_usd_bn"]).round(6)
    return out[US_SIDE_COLUMNS]


def us_side_last_year() -> int:
    """The latest year of US-reported trade with China held, from any source (a calendar year)."""
    return int(us_side_data()["year"].max())


def vintage_lines(df: pd.DataFrame) -> str:
    """``'2000–2020: source; 2021–2025: source'`` for the years of ``df`` (text, one entry per run of years)."""
    parts, start, prev, cur = [], None, None, None
    for y, s in zip(df["year"].astype(int), df["source"]):
        if s != cur:
            if cur is not None:
                parts.append(f"{start}–{prev}: {cur}" if start != prev else f"{start}: {cur}")
            start, cur = y, s
        prev = y
    if cur is not None:
        parts.append(f"{start}–{prev}: {cur}" if start != prev else f"{start}: {cur}")
    return "; ".join(parts)


def _fmt(v, kind: str = "bn") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    return f"{v:,.1f}" if kind == "bn" else f"{v:.1f} %"


def _china_merch_balance() -> pd.Series:
    """China's merchandise balance (WDI), USD bn by year, years with both flows."""
    macro = load("macro")
    cn = macro[(macro["country"] == "CHN")].set_index(macro.loc[macro["country"] == "CHN", "year"].astype(int))
    return ((cn["merch_exports_usd"] - cn["merch_imports_usd"]) / 1e9).dropna()


def _china_balance(partner: str, wiki_partner: str, wiki: pd.DataFrame) -> dict:
    """China's balance with ``partner``, USD bn by year: DOTS, then IMTS, then the secondary table (flagged)."""
    d = common.bilateral("CHN", partner)
    s = {int(y): (float(b), False) for y, b in zip(d["year"], d["balance"])}
    for r in imts_series("CHN", partner).itertuples():
        if int(r.year) not in s and not (pd.isna(r.exports) or pd.isna(r.imports)):
            s[int(r.year)] = (float(r.exports - r.imports), False)
    if not wiki.empty:
        for r in wiki[wiki["partner"] == wiki_partner].itertuples():
            if int(r.year) not in s:
                s[int(r.year)] = (float(r.balance_usd_bn), True)
    return s


def _partner_sum(total: pd.Series, parts: list[pd.Series]) -> pd.Series:
    """The partners' imports summed for each year of ``total`` (NaN where any partner lacks the year)."""
    return pd.concat([p.reindex(total.index) for p in parts], axis=1).sum(axis=1, skipna=False)


def _us_import_shares(partners) -> dict:
    """Share of US imports (US records), percent by year: DOTS, then IMTS where refreshed."""
    w = common.bilateral("USA", "WLD").set_index("year")["imports"]
    parts = [common.bilateral("USA", p).set_index("year")["imports"] for p in partners]
    out = {int(y): (100 * float(t) / float(w[y]), False) for y, t in _partner_sum(w, parts).items()}
    world = imts_series("USA", "WLD")
    if not world.empty:
        wi = world.set_index("year")["imports"]
        tot = _partner_sum(wi, [imts_series("USA", p).set_index("year")["imports"] for p in partners])
        out.update({int(y): (100 * float(t) / float(wi[y]), False) for y, t in tot.items()
                    if int(y) not in out and not math.isnan(t)})
    return out


def after_2019_table() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The paper's expectations against every year after 2019 that the data hold (values as text: USD bn or %).

    Returns ``(table, missing)``: ``table`` has one row per measure and one column per year from
    2019 to the latest year of any dataset used (values as text; "—" where the data have none,
    "s" after a secondary value); ``missing`` lists, per measure, the years without data and the
    publisher and table that would fill them.
    """
    merch = _china_merch_balance()
    wiki = _table_or_empty("china_bilateral_secondary")
    us_side = us_side_data().set_index("year")
    last = max(int(merch.index.max()), int(us_side.index.max()))
    years = list(range(PAPER_YEAR, last + 1))

    def proc(flow):
        return {int(y): (processing_share(y, flow), False) for y in years
                if not math.isnan(processing_share(y, flow))}

    rows_ = [
        (CHINA_US_ROW, "bn", _china_balance("USA", "USA", wiki), FILL_CHINA),
        ("China's surplus with the EU27 (China's records, USD bn)", "bn", _china_balance("EU27", "EU", wiki),
         FILL_CHINA),
        ("US deficit with China (US records, USD bn)", "bn",
         {int(y): (-float(r["us_balance_usd_bn"]), False) for y, r in us_side.iterrows()}, "—"),
        ("China's overall goods surplus (World Bank WDI, USD bn)", "bn",
         {int(y): (float(v), False) for y, v in merch.items()}, FILL_WDI),
        (PROCESSING_IMPORTS_ROW, "pct", proc("imports"), FILL_PROCESSING),
        ("Processing share of China's exports (full year, %)", "pct", proc("exports"), FILL_PROCESSING),
        ("Mainland China's share of US imports (%)", "pct", _us_import_shares(["CHN"]), FILL_US_PARTNERS),
        (SUCCESSORS_ROW, "pct", _us_import_shares(SUCCESSORS), FILL_US_PARTNERS),
    ]
    rows, missing = [], []
    for label, kind, values, fill in rows_:
        row = {"Measure": label}
        gaps = []
        for y in years:
            v = values.get(y)
            if v is None:
                row[str(y)] = "—"
                gaps.append(y)
            else:
                row[str(y)] = _fmt(v[0], kind) + (" s" if v[1] else "")
        rows.append(row)
        if gaps:
            missing.append({"Measure": label, "Years without data": fmt.year_ranges(gaps), "Would be filled by": fill})
    return pd.DataFrame(rows), pd.DataFrame(missing, columns=["Measure", "Years without data", "Would be filled by"])


def after_2019_points() -> dict:
    """The points the paragraph on the years after 2019 cites, by name (USD bn, calendar years, or table text).

    ``us_*``: the US-reported deficit with China (USD bn) in the paper's year, at its peak after it and in
    the last year, with that year's source; ``china_us_after``: the last year after the DOTS vintage with
    China's own surplus with the US, as ``(year, table text)`` or None; ``merch_*``: China's goods balance (WDI,
    USD bn); ``processing_imports``: ``(year, table text)`` of every year with a full-year processing share of
    imports; ``successors_last``: ``(year, table text)`` of the successors' share of US imports in the last year
    with a value.
    """
    us = us_side_data().set_index("year")
    dl = int(load("bilateral_trade")["year"].max())
    later = us.loc[us.index > PAPER_YEAR, "us_balance_usd_bn"] * -1
    py, ly = int(later.idxmax()), int(later.index.max())
    t = after_2019_table()[0].set_index("Measure")
    cn_us = t.loc[CHINA_US_ROW]
    known = [(int(y), v) for y, v in cn_us.items() if v != "—" and int(y) > dl]
    bal = _china_merch_balance()
    succ = [(y, v) for y, v in t.loc[SUCCESSORS_ROW].items() if v != "—"]
    return {
        "dots_last": dl,
        "us_deficit_paper": -us.loc[PAPER_YEAR, "us_balance_usd_bn"],
        "us_peak_year": py, "us_deficit_peak": later[py],
        "us_last_year": ly, "us_deficit_last": later[ly], "us_last_source": us.loc[ly, "source"].split(",")[0],
        "china_us_after": known[-1] if known else None,
        "china_us_paper": cn_us[str(PAPER_YEAR)],
        "merch_paper": bal[PAPER_YEAR], "merch_last": bal.iloc[-1], "merch_last_year": int(bal.index[-1]),
        "processing_imports": [(y, v) for y, v in t.loc[PROCESSING_IMPORTS_ROW].items() if v != "—"],
        "successors_last": succ[-1] if succ else None,
    }


def imts_table() -> pd.DataFrame:
    """The IMTS rows of this edition after the DOTS vintage, values in USD bn (empty until `tradeimbalance refresh`
    is run)."""
    t = _table_or_empty("imts_trade")
    if t.empty:
        return pd.DataFrame(columns=["reporter", "partner", "flow", "year", "value_usd_bn", "vintage"])
    dots_last = int(load("bilateral_trade")["year"].max())
    t = t[t["year"].astype(int) > dots_last].copy()
    t["value_usd_bn"] = t["value_usd_mn"] / 1000
    return t[["reporter", "partner", "flow", "year", "value_usd_bn", "vintage"]].sort_values(
        ["reporter", "partner", "flow", "year"]).reset_index(drop=True)
