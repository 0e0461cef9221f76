"""The secondary points of ``trade_mode_points`` (news reports of customs data), by definition."""

from __future__ import annotations

import math

import pandas as pd

from ... import measures as units
from ...data import load, view_cache
from . import BASIS_SECONDARY, BASIS_SECONDARY_DERIVED, CUSTOMS, NON_ORDINARY, ORDINARY, TOTAL


@view_cache
def full_year_points() -> pd.DataFrame:
    """The full-year (Jan–Dec) rows of ``trade_mode_points``, ``year`` as int (values USD bn, CNY bn or percent)."""
    p = load("trade_mode_points")
    p = p[p["period"].astype(str) == "Jan-Dec"].copy()
    p["year"] = p["year"].astype(int)
    return p


@view_cache
def _point_lookup(column: str) -> dict:
    """``{(year, indicator, flow): value}`` of the first full-year row with a value in ``column``."""
    p = full_year_points()
    p = p[p[column].notna()]
    first = p.drop_duplicates(["year", "indicator", "flow"], keep="first")
    return {(int(y), str(i), str(f)): float(v)
            for y, i, f, v in zip(first["year"], first["indicator"], first["flow"], first[column])}


@view_cache
def _point_types() -> dict:
    """``{(year, indicator, flow): value_type}`` of the first full-year row of each key."""
    first = full_year_points().drop_duplicates(["year", "indicator", "flow"], keep="first")
    return {(int(y), str(i), str(f)): str(t)
            for y, i, f, t in zip(first["year"], first["indicator"], first["flow"], first["value_type"])}


def point(year: int, indicator: str, flow: str, column: str = "value_usd_bn") -> float | None:
    """One full-year secondary value (first match) from ``trade_mode_points``, or None."""
    return _point_lookup(column).get((int(year), indicator, flow))


def point_type(year: int, indicator: str, flow: str) -> str | None:
    """``published`` or ``derived`` for a secondary value, or None."""
    return _point_types().get((int(year), indicator, flow))


def total_balance_secondary(year: int) -> tuple[float | None, str]:
    """China's total goods balance (USD bn) for a secondary year, with its basis.

    Uses total exports and imports of ``trade_mode_points`` when present,
    otherwise China's exports minus imports with the world as China reports them
    to the IMF (``bilateral_trade``, reporter CHN, partner WLD).
    """
    x, m = point(year, "total_trade", "exports"), point(year, "total_trade", "imports")
    if x is not None and m is not None:
        return x - m, "secondary (news report of customs data)"
    bt = load("bilateral_trade")
    w = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "WLD") & (bt["year"] == year)]
    w = w.set_index(w["flow"].astype(str))["value_usd_mn"]
    if not {"exports", "imports"} <= set(w.index):
        return None, ""
    return units.mn_to_bn(float(w["exports"] - w["imports"])), "IMF DOTS, China-reported trade with the world"


@view_cache
def secondary_split(year: int) -> pd.DataFrame | None:
    """Trade and shares by definition for a year of the secondary points (USD 100 million).

    Needs total, ordinary and customs-processing trade (exports plus imports)
    for ``year``; net exports are filled where the points give them (the total
    from :func:`total_balance_secondary`). Returns None if the trade values are missing.
    """
    tot = point(year, "total_trade", "exports_plus_imports")
    ordi = point(year, "ordinary_trade", "exports_plus_imports")
    proc = point(year, "processing_trade", "exports_plus_imports")
    if tot is None or ordi is None or proc is None:
        return None
    bn = units.bn_to_yi
    ord_net = point(year, "ordinary_trade_net_exports", "balance")
    proc_net = point(year, "processing_trade_net_exports", "balance")
    tot_net, _ = total_balance_secondary(year) if ord_net is not None else (None, "")
    nan = math.nan
    trade = {TOTAL: tot, ORDINARY: ordi, CUSTOMS: proc, NON_ORDINARY: tot - ordi}
    net = {TOTAL: tot_net, ORDINARY: ord_net, CUSTOMS: proc_net,
           NON_ORDINARY: (tot_net - ord_net) if (tot_net is not None and ord_net is not None) else None}
    derived = any(point_type(year, i, "exports_plus_imports") == "derived" for i in ("ordinary_trade", "processing_trade"))
    rows = []
    for d in (TOTAL, ORDINARY, CUSTOMS, NON_ORDINARY):
        n = net[d]
        rows.append({
            "year": year, "definition": d, "exports": nan, "imports": nan, "trade": bn(trade[d]),
            "net_exports": nan if n is None else bn(n),
            "share_of_trade_pct": units.share(trade[d], tot),
            "share_of_surplus_pct": nan if (n is None or not tot_net or tot_net <= 0) else units.share(n, tot_net),
            "basis": BASIS_SECONDARY_DERIVED if derived else BASIS_SECONDARY,
        })
    return pd.DataFrame(rows)


@view_cache
def secondary_years() -> list[int]:
    """Years for which the secondary points give total, ordinary and processing trade."""
    p = full_year_points()
    return sorted(int(y) for y in p["year"].unique() if secondary_split(int(y)) is not None)



def points_cny_partial() -> pd.DataFrame:
    """Net exports of ordinary and customs-definition processing trade from points that are not full years.

    Columns: ``year, period, ordinary_net, processing_net, currency`` (billions of
    the currency the source used).
    """
    p = load("trade_mode_points")
    p = p[p["period"].astype(str) != "Jan-Dec"]
    rows = []
    for (y, per), g in p.groupby(["year", "period"], observed=True):
        g = g.set_index([g["indicator"].astype(str), g["flow"].astype(str)])
        cur = "CNY" if g["value_cny_bn"].notna().any() else "USD"
        col = "value_cny_bn" if cur == "CNY" else "value_usd_bn"
        try:
            o = g.loc[("ordinary_trade", "exports"), col] - g.loc[("ordinary_trade", "imports"), col]
            pr = g.loc[("processing_trade", "exports"), col] - g.loc[("processing_trade", "imports"), col]
        except KeyError:
            continue
        rows.append({"year": int(y), "period": str(per), "ordinary_net": float(o), "processing_net": float(pr),
                     "currency": cur})
    return pd.DataFrame(rows, columns=["year", "period", "ordinary_net", "processing_net", "currency"])
