"""Table 1 as reported, the NBS provincial totals and the share of the nine largest provinces."""

from __future__ import annotations

import math

import pandas as pd

from ...data import load, view_cache
from . import BASIS, PAPER_YEAR, TOP_N

_T1_SOURCE = {
    "balance_total": "net_exports_total",
    "balance_eu_us": "net_exports_eu_us",
    "balance_asia": "net_exports_asia",
    "balance_japan_korea": "net_exports_japan_korea",
}


def table1_reported() -> pd.DataFrame:
    """The paper's Table 1 as reported (USD 100 million), in the paper's row order.

    Columns: ``code`` (ISO 3166-2:CN), ``province`` (English name) and the four
    balance columns of :data:`TABLE1_COLUMNS`.
    """
    t = load("paper_table1").sort_values("rank")
    out = pd.DataFrame({"code": t["province"].astype(str).to_numpy(), "province": t["province_en"].astype(str).to_numpy()})
    for dst, src in _T1_SOURCE.items():
        out[dst] = t[src].astype("float64").to_numpy()
    return out


def paper_provinces() -> list[str]:
    """ISO 3166-2:CN codes of the nine provinces of Table 1, in the paper's row order."""
    return table1_reported()["code"].tolist()


@view_cache
def totals(basis: str = BASIS) -> pd.DataFrame:
    """Total trade (exports + imports) by province and year, USD bn (NBS): code, province, year, trade_usd_bn."""
    t = load("province_trade_totals")
    t = t[t["basis"] == basis]
    return pd.DataFrame({
        "code": t["province"].astype(str).to_numpy(),
        "province": t["province_en"].astype(str).to_numpy(),
        "year": t["year"].astype(int).to_numpy(),
        "trade_usd_bn": t["value_usd_mn"].astype("float64").to_numpy() / 1000.0,
    })


def data_years(basis: str = BASIS) -> list[int]:
    """Years (calendar years, ascending) with provincial totals on ``basis``."""
    return sorted(totals(basis)["year"].unique().tolist())


def top_nine(year: int, basis: str = BASIS) -> pd.DataFrame:
    """The nine provinces with the largest total trade in ``year`` (empty when there are no data).

    Columns of :func:`totals` (trade_usd_bn in USD bn) and rank (1 = largest).
    """
    t = totals(basis)
    t = t[t["year"] == int(year)].sort_values("trade_usd_bn", ascending=False).reset_index(drop=True)
    t["rank"] = range(1, len(t) + 1)
    return t.head(TOP_N)


def top_nine_share(basis: str = BASIS, up_to: int | None = None) -> pd.DataFrame:
    """Share of the nine largest provinces in the sum over all provinces, for every year with data (up to ``up_to``).

    Columns: year, basis, national_trade_usd_bn (sum of the 31 provinces), top_nine_trade_usd_bn,
    top_nine_share_pct, same_nine_as_paper (the set equals Table 1's nine), entering
    (provinces in the year's nine but not in the paper's), leaving (the reverse).
    """
    t = totals(basis)
    paper = set(paper_provinces())
    names = dict(zip(t["code"], t["province"]))
    rows = []
    for y, g in t.groupby("year"):
        if up_to is not None and y > up_to:
            continue
        g = g.sort_values("trade_usd_bn", ascending=False)
        top = g.head(TOP_N)
        nine = set(top["code"])
        rows.append({
            "year": int(y),
            "basis": basis,
            "national_trade_usd_bn": float(g["trade_usd_bn"].sum()),
            "top_nine_trade_usd_bn": float(top["trade_usd_bn"].sum()),
            "top_nine_share_pct": float(100.0 * top["trade_usd_bn"].sum() / g["trade_usd_bn"].sum()),
            "same_nine_as_paper": nine == paper,
            "entering": ", ".join(sorted(names[c] for c in nine - paper)),
            "leaving": ", ".join(sorted(names[c] for c in paper - nine)),
        })
    return pd.DataFrame(rows, columns=["year", "basis", "national_trade_usd_bn", "top_nine_trade_usd_bn",
                                       "top_nine_share_pct", "same_nine_as_paper", "entering", "leaving"])


def share_in(year: int, basis: str = BASIS) -> float:
    """Top-nine share in ``year``, percent of the sum over all provinces; NaN without data."""
    t = top_nine_share(basis)
    row = t[t["year"] == int(year)]
    return float(row["top_nine_share_pct"].iloc[0]) if len(row) else math.nan



def trade_bound(code: str, year: int = PAPER_YEAR) -> tuple[float, float] | None:
    """(-T, T) for province ``code``: no balance, overall or with any partner, can exceed its total trade T.

    T is the province's exports plus imports (NBS, by location of importers/exporters), USD 100 million.
    """
    t = totals()
    t = t[(t["code"] == code) & (t["year"] == int(year))]
    if t.empty:
        return None
    total = float(t["trade_usd_bn"].iloc[0]) * 10.0
    return (-total, total)

