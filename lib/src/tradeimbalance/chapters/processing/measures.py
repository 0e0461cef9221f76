"""The chapter's measures: the definitions compared, the processing share over time, net exports by trade mode.

Values are in USD 100 million (the paper's unit) unless a name or docstring says otherwise.
"""

from __future__ import annotations

import pandas as pd

from ... import measures as units
from ...data import load, view_cache
from . import CUSTOMS, NON_ORDINARY, ORDINARY, TABLE_BASIS, TABLE_LABELS, TOTAL
from .definitions import customs_split, customs_years
from .points import full_year_points, point, point_type, secondary_split, secondary_years


# --- the comparison of definitions ---------------------------------------------------------------

@view_cache
def definition_table(year: int) -> pd.DataFrame:
    """Trade, shares and net exports by definition, every year with data up to ``year``.

    Columns: ``year, definition, exports, imports, trade, net_exports,
    share_of_trade_pct, share_of_surplus_pct, basis`` (values USD 100 million).
    """
    parts = [secondary_split(y) for y in secondary_years() if y <= year]
    parts += [customs_split(y) for y in customs_years() if y <= year]
    parts = [p for p in parts if p is not None]
    cols = ["year", "definition", "exports", "imports", "trade", "net_exports", "share_of_trade_pct",
            "share_of_surplus_pct", "basis"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def definition_display(year: int) -> pd.DataFrame:
    """:func:`definition_table` with readable labels, for the chapter's table."""
    t = definition_table(year)
    t = t[t["definition"] != TOTAL]
    out = pd.DataFrame({
        "Year": t["year"].astype(int).astype(str),
        "Definition": t["definition"].map(TABLE_LABELS),
        "Trade (USD 100 mn)": t["trade"].astype(float),
        "Share of total trade (%)": t["share_of_trade_pct"].astype(float),
        "Net exports (USD 100 mn)": t["net_exports"].astype(float),
        "Share of the surplus (%)": t["share_of_surplus_pct"].astype(float),
        "Basis": t["basis"].map(lambda b: TABLE_BASIS.get(b, b)),
    })
    return out.reset_index(drop=True)


@view_cache
def _definition_rows() -> dict[tuple[int, str], dict]:
    """``{(year, definition): row}`` of :func:`definition_table` over every year with data (the first row of
    each pair). A year's rows do not depend on the last year of the table."""
    years = secondary_years() + customs_years()
    if not years:
        return {}
    t = definition_table(max(years)).drop_duplicates(["year", "definition"])
    return {(int(r["year"]), r["definition"]): r for r in t.to_dict("records")}


def split_value(year: int, definition: str, column: str) -> float | None:
    """One cell of :func:`definition_table` (USD 100 million or percent, by ``column``; None when missing)."""
    row = _definition_rows().get((int(year), definition))
    if row is None or pd.isna(row[column]):
        return None
    return float(row[column])


# --- processing share over time -------------------------------------------------------------------

def shares_data(year: int) -> pd.DataFrame:
    """Processing trade as a percent of total trade, both definitions, every year with a value up to ``year``.

    Published shares (secondary points, customs definition) are used as printed;
    other years are computed from values (secondary points or the customs
    regime table). Columns: ``year, definition, share_pct, basis``.
    """
    rows = []
    p = full_year_points()
    pub = p[(p["indicator"].astype(str) == "processing_trade_share_of_total_trade") & p["share_pct"].notna()]
    published_years = set()
    for r in pub.itertuples():
        rows.append({"year": int(r.year), "definition": CUSTOMS, "share_pct": float(r.share_pct),
                     "basis": "published share (secondary source)"})
        published_years.add(int(r.year))
    tot_years = p[(p["indicator"].astype(str) == "total_trade") & (p["flow"].astype(str) == "exports_plus_imports")]["year"]
    for y in sorted(set(int(v) for v in tot_years)):
        tot = point(y, "total_trade", "exports_plus_imports")
        proc = point(y, "processing_trade", "exports_plus_imports")
        ordi = point(y, "ordinary_trade", "exports_plus_imports")
        derived = any(point_type(y, i, "exports_plus_imports") == "derived" for i in ("ordinary_trade", "processing_trade"))
        basis = "computed from secondary values" + (" (derived from the next year's growth)" if derived else "")
        if proc is not None and y not in published_years:
            rows.append({"year": y, "definition": CUSTOMS, "share_pct": units.share(proc, tot), "basis": basis})
        if ordi is not None:
            rows.append({"year": y, "definition": NON_ORDINARY, "share_pct": units.share(tot - ordi, tot), "basis": basis})
    for y in customs_years():
        s = customs_split(y).set_index("definition")
        for d in (CUSTOMS, NON_ORDINARY):
            rows.append({"year": y, "definition": d, "share_pct": float(s.loc[d, "share_of_trade_pct"]),
                         "basis": s.loc[d, "basis"]})
    out = pd.DataFrame(rows, columns=["year", "definition", "share_pct", "basis"])
    out = out[out["year"] <= year]
    return out.sort_values(["definition", "year"]).reset_index(drop=True)


# --- net exports by trade mode -------------------------------------------------------------------

def fig3_values() -> pd.DataFrame:
    """Ordinary and processing (paper's definition) net exports, USD bn, every year with both.

    Columns ``year, ordinary_net_exports_usd_bn, processing_net_exports_usd_bn``.
    Processing = total − ordinary (the paper's identity for Fig. 3).
    """
    rows = {}
    for y in secondary_years():
        s = secondary_split(y).set_index("definition")
        o, n = s.loc[ORDINARY, "net_exports"], s.loc[NON_ORDINARY, "net_exports"]
        if pd.notna(o) and pd.notna(n):
            rows[y] = (units.yi_to_bn(o), units.yi_to_bn(n))
    for y in customs_years():
        s = customs_split(y).set_index("definition")
        rows[y] = (units.yi_to_bn(float(s.loc[ORDINARY, "net_exports"])),
                   units.yi_to_bn(float(s.loc[NON_ORDINARY, "net_exports"])))
    return pd.DataFrame([(y, *v) for y, v in sorted(rows.items())],
                        columns=["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"])


def processing_vs_ordinary(year: int) -> pd.DataFrame:
    """Every full year up to ``year`` where net exports of ordinary trade and of some processing measure exist.

    Columns: ``year, definition, ordinary_usd_bn, processing_usd_bn, processing_larger, basis``.
    Uses the customs-definition points (2004 has no ordinary value) and both
    definitions where available.
    """
    rows = []
    for y in sorted(set(secondary_years()) | set(customs_years())):
        if y > year:
            continue
        s = customs_split(y) if y in customs_years() else secondary_split(y)
        s = s.set_index("definition")
        o = s.loc[ORDINARY, "net_exports"]
        if pd.isna(o):
            continue
        for d in (CUSTOMS, NON_ORDINARY):
            v = s.loc[d, "net_exports"]
            if pd.notna(v):
                rows.append({"year": y, "definition": TABLE_LABELS[d], "ordinary_usd_bn": units.yi_to_bn(float(o)),
                             "processing_usd_bn": units.yi_to_bn(float(v)),
                             "processing_larger": "yes" if v > o else "no",
                             "basis": TABLE_BASIS.get(s.loc[d, "basis"], s.loc[d, "basis"])})
    return pd.DataFrame(rows, columns=["year", "definition", "ordinary_usd_bn", "processing_usd_bn",
                                       "processing_larger", "basis"])


def provincial_total_trade(year: int) -> float | None:
    """China's exports plus imports (USD 100 million) as the sum of the 31 provinces (NBS, by location of importers/exporters)."""
    d = load("province_trade_totals")
    d = d[(d["year"] == int(year)) & (d["basis"] == "location_of_importers_exporters")]
    return None if len(d) != 31 else float(d["value_usd_mn"].sum()) / 100.0
