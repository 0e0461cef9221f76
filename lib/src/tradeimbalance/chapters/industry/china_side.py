"""China's own records: its totals with each partner (IMF DOTS), SITC 71-77 (UN Comtrade), provinces (NBS).

China Customs' trade by HS section and partner is not open; SITC divisions 71-77
(machinery and electrical equipment), which China reports to UN Comtrade (table
``comtrade_china_sitc``), stand in for HS section XVI.
"""

from __future__ import annotations

from ... import measures
from ...data import load, view_cache


def china_totals(year: int, partner: str) -> dict | None:
    """China's exports, imports and balance with ``partner`` as China reports them to the IMF (USD 100 million)."""
    bt = measures.reporter_rows("CHN")
    s = bt[(bt["partner"] == partner) & (bt["year"] == year)]
    s = s.set_index(s["flow"].astype(str))["value_usd_mn"]
    if not {"exports", "imports"} <= set(s.index):
        return None
    x, m = measures.mn_to_yi(float(s["exports"])), measures.mn_to_yi(float(s["imports"]))
    return {"exports": x, "imports": m, "balance": x - m}


def china_sitc(year: int, partner: str, flow: str, group: str = "sitc_71_77") -> float | None:
    """China-reported trade with ``partner`` (USD 100 million) from ``comtrade_china_sitc``, or None if absent."""
    value = _sitc_values().get((int(year), str(partner), str(flow), str(group)))
    return None if value is None else value / 100.0


@view_cache
def _sitc_values() -> dict[tuple[int, str, str, str], float]:
    """``{(year, partner, flow, product group): USD million}`` of ``comtrade_china_sitc`` (the first row of each)."""
    df = load("comtrade_china_sitc").drop_duplicates(["year", "partner", "flow", "product_group"])
    return {(int(y), str(p), str(f), str(g)): float(v) for y, p, f, g, v in
            zip(df["year"], df["partner"], df["flow"], df["product_group"], df["value_usd_mn"])}


def china_sitc_balance(year: int, partner: str, group: str = "sitc_71_77") -> float | None:
    """China's balance (exports minus imports) with ``partner``, USD 100 million, China-reported."""
    x, m = china_sitc(year, partner, "exports", group), china_sitc(year, partner, "imports", group)
    return None if x is None or m is None else x - m


def _share(part: float | None, whole: float | None) -> float | None:
    return None if part is None or whole in (None, 0) else 100.0 * part / whole


def china_sitc_export_share(year: int, partner: str, group: str = "sitc_71_77") -> float | None:
    """``group``'s exports to ``partner`` as a percent of China's whole exports to it (China-reported SITC)."""
    return _share(china_sitc(year, partner, "exports", group), china_sitc(year, partner, "exports", "all"))


def china_sitc_balance_share(year: int, partner: str, group: str = "sitc_71_77") -> float | None:
    """``group``'s balance with ``partner`` as a percent of China's whole balance with it (China-reported SITC)."""
    return _share(china_sitc_balance(year, partner, group), china_sitc_balance(year, partner, "all"))


def sitc_hs_gap() -> float:
    """Relative gap (a fraction) between SITC 71-77 and HS 84-85 on the same records: China's 2017 imports from the US."""
    hs = load("china_imports_from_us_2017")
    hs_xvi = float(hs[hs["hs2"].astype(str).isin(["84", "85"])]["value_usd_mn"].sum())
    sitc = 100.0 * china_sitc(2017, "USA", "imports")
    return abs(sitc - hs_xvi) / hs_xvi


def province_trade_shares(year: int, basis: str = "location_of_importers_exporters") -> dict[str, float]:
    """Each province's share of China's total trade (exports plus imports, all goods), percent, from NBS."""
    d = load("province_trade_totals")
    d = d[(d["year"] == year) & (d["basis"].astype(str) == basis)]
    tot = float(d["value_usd_mn"].sum())
    return {str(p): measures.share(float(v), tot) for p, v in zip(d["province"], d["value_usd_mn"])}
