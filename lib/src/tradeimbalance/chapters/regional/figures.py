"""Fig. 2 (balances and total trade of the nine largest provinces), the top-nine share figure and Table 1.

Each figure's data function (the columns ``tradeimbalance export`` writes) and chart function,
then its :class:`~tradeimbalance.figures.Figure` record.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ...charts.theme import PALETTE
from ...figures import Figure
from . import BASIS, BASIS_LABELS, CHAPTER, OTHER_BASIS, PAPER_YEAR, TABLE1_COLUMNS
from .measures import table1_reported, top_nine, top_nine_share, totals

# --- Fig. 2 ---------------------------------------------------------------------------------------

FIG2_COLUMNS = [
    "province", "province_code", "year", "trade_rank", "total_trade_usd_bn", "share_of_national_trade_pct",
    "balance_total_usd_100m_reported",
]


def fig2_chart(df: pd.DataFrame, year: int):
    """Altair chart, two panels per province: the paper's reported 2018 balance and NBS total trade in ``year`` (USD bn)."""
    d = df.copy()
    # The book's unit: the paper's 亿美元 (USD 100 million) divided by ten; the tooltip keeps the printed figure.
    d["balance_usd_bn_reported"] = d["balance_total_usd_100m_reported"] / 10
    d["side"] = ["surplus" if v >= 0 else "deficit" if v < 0 else "not reported" for v in d["balance_total_usd_100m_reported"].fillna(0)]
    d.loc[d["balance_total_usd_100m_reported"].isna(), "side"] = "not reported"
    has_balance = d["balance_total_usd_100m_reported"].notna().any()
    order = (d.sort_values("balance_total_usd_100m_reported", ascending=False)["province"].tolist() if has_balance
             else d.sort_values("total_trade_usd_bn", ascending=False)["province"].tolist())
    y_enc = alt.Y("province:N", sort=order, title="Province")
    tips = [
        alt.Tooltip("province:N", title="Province"),
        alt.Tooltip("year:Q", title="Year (trade)", format="d"),
        alt.Tooltip("trade_rank:Q", title="Rank by trade"),
        alt.Tooltip("total_trade_usd_bn:Q", title="Total trade (USD bn)", format=",.1f"),
        alt.Tooltip("share_of_national_trade_pct:Q", title="Share of national trade (%)", format=".1f"),
        alt.Tooltip("balance_usd_bn_reported:Q", title="Balance 2018, as reported (USD bn)", format=",.1f"),
        alt.Tooltip("balance_total_usd_100m_reported:Q", title="Printed by the paper (亿美元, USD 100 million)", format=",.2f"),
    ]
    trade = alt.Chart(d, title=alt.Title(f"Total trade, {int(year)}", subtitle="NBS, exports + imports")).mark_bar(color=PALETTE[5]).encode(
        y=y_enc if not has_balance else alt.Y("province:N", sort=order, axis=None),
        x=alt.X("total_trade_usd_bn:Q", title="Exports + imports (USD bn)"),
        tooltip=tips,
    ).properties(width=250 if has_balance else 520, height=270)
    title = alt.Title(
        f"The nine largest trading provinces, {int(year)}",
        subtitle=("Balance as reported by the paper (Table 1, column 1) next to total trade from open data"
                  if has_balance else "Total trade from open data; the paper reports balances for 2018 only"),
    )
    if not has_balance:
        return trade.properties(title=title)
    domain = ["surplus", "deficit"]
    bal = alt.Chart(d, title=alt.Title("Balance, 2018, as reported", subtitle="exports minus imports")).mark_bar().encode(
        y=y_enc,
        x=alt.X("balance_usd_bn_reported:Q", title="Balance (USD bn)"),
        color=alt.Color("side:N", title="Balance", scale=alt.Scale(domain=domain, range=[PALETTE[0], PALETTE[1]])),
        tooltip=tips,
    ).properties(width=300, height=270)
    return alt.hconcat(bal, trade, spacing=12).properties(title=title)


def fig2_data(year: int) -> pd.DataFrame:
    """The nine largest trading provinces of ``year`` (empty outside 2016-2024).

    Columns: province (English), province_code (ISO 3166-2:CN), year, trade_rank,
    total_trade_usd_bn and share_of_national_trade_pct (NBS, location of
    importers/exporters), balance_total_usd_100m_reported (the paper's Table 1,
    column 1, USD 100 million; only when ``year`` is 2018, NaN otherwise).
    """
    t = totals(BASIS)
    t = t[t["year"] == int(year)]
    if t.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c not in ("province", "province_code") else "object")
                             for c in FIG2_COLUMNS})
    national = t["trade_usd_bn"].sum()
    top = top_nine(year, BASIS)
    rep = table1_reported().set_index("code")["balance_total"]
    out = pd.DataFrame({
        "province": top["province"].to_numpy(),
        "province_code": top["code"].to_numpy(),
        "year": int(year),
        "trade_rank": top["rank"].astype("int64").to_numpy(),
        "total_trade_usd_bn": top["trade_usd_bn"].to_numpy(),
        "share_of_national_trade_pct": 100.0 * top["trade_usd_bn"].to_numpy() / national,
        "balance_total_usd_100m_reported": [float(rep[c]) if int(year) == PAPER_YEAR and c in rep.index else math.nan
                                            for c in top["code"]],
    })
    return out[FIG2_COLUMNS]


FIG2 = Figure(
    id="fig2",
    title="Trade balances of the largest trading provinces",
    caption=(
        "The nine provinces with the largest total trade in {year}: the trade balance in 2018 as reported by the "
        "paper (Table 1, column 1; no open source gives provincial exports and imports separately) and total trade "
        "(exports plus imports) by location of importers/exporters. Balances are shown only for 2018, the one year "
        "the paper reports."
    ),
    source=(
        "Balance: Yang (2020), Table 1, as reported (author's calculation from China Customs data). Total trade: "
        "National Bureau of Statistics of China, regional annual data, indicator A060101 (China Customs statistics)."
    ),
    chapter=CHAPTER,
    tables=["paper_table1", "province_trade_totals"],
    paper_number="Fig. 2",
    chart_fn=fig2_chart,
    columns=FIG2_COLUMNS,
    data_fn=fig2_data,
)


# --- top-nine share figure -----------------------------------------------------------------------------

def top9_chart(df: pd.DataFrame, year: int):
    """Altair chart of the top-nine share by year on both bases (percent), with the paper's 80% line."""
    d = df.copy()
    d["basis_label"] = d["basis"].map(BASIS_LABELS)
    d["nine"] = d["same_nine_as_paper"].map({True: "the paper's nine", False: "another set"})
    domain = [BASIS_LABELS[BASIS], BASIS_LABELS[OTHER_BASIS]]
    years = sorted(int(y) for y in d["year"].unique())
    lo = min(76.0, float(d["top_nine_share_pct"].min()) - 1.0) if len(d) else 76.0
    hi = max(86.0, float(d["top_nine_share_pct"].max()) + 1.0) if len(d) else 86.0
    y_scale = alt.Scale(domain=[lo, hi], zero=False)
    base = alt.Chart(d)
    lines = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True)).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", values=years),
                scale=alt.Scale(domain=[min(years), max(years)] if len(years) > 1 else None, nice=False)),
        y=alt.Y("top_nine_share_pct:Q", title="Top-nine share of trade (%)", scale=y_scale),
        color=alt.Color("basis_label:N", title="Basis", scale=alt.Scale(domain=domain, range=[PALETTE[0], PALETTE[4]])),
        tooltip=[
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("basis_label:N", title="Basis"),
            alt.Tooltip("top_nine_share_pct:Q", title="Top-nine share (%)", format=".2f"),
            alt.Tooltip("top_nine_trade_usd_bn:Q", title="Top nine (USD bn)", format=",.1f"),
            alt.Tooltip("national_trade_usd_bn:Q", title="All provinces (USD bn)", format=",.1f"),
            alt.Tooltip("nine:N", title="Provinces"),
            alt.Tooltip("entering:N", title="In the nine, not in the paper's"),
            alt.Tooltip("leaving:N", title="The paper's, not in the nine"),
        ],
    )
    rule = alt.Chart(pd.DataFrame({"y": [80.0], "label": ["80% (the paper's threshold)"]})).mark_rule(
        color="#444444", strokeDash=[4, 3]).encode(y=alt.Y("y:Q", title="Top-nine share of trade (%)", scale=y_scale))
    first = int(d["year"].min()) if len(d) else int(year)
    last = int(d["year"].max()) if len(d) else int(year)
    return alt.layer(rule, lines).properties(
        width=560, height=260,
        title=alt.Title(f"Share of the nine largest trading provinces in China's trade, {first}–{last}",
                        subtitle="NBS provincial totals (exports + imports) on two bases; dashed line: 80%"),
    )


def top9_data(year: int) -> pd.DataFrame:
    """:func:`~.measures.top_nine_share` on both bases, years up to ``year`` (shares in percent, trade in USD bn)."""
    return pd.concat([top_nine_share(BASIS, up_to=year), top_nine_share(OTHER_BASIS, up_to=year)], ignore_index=True)


REGIONAL_TOP9 = Figure(
    id="regional_top9",
    title="Share of the nine largest trading provinces",
    caption=(
        "Share of the nine provinces with the largest total trade in the sum over all 31 provinces, each year with "
        "open data up to {year}, on the two bases of the provincial statistics; the table view tells for each year "
        "whether the nine are those of the paper's Table 1, and which provinces join or leave them."
    ),
    source="National Bureau of Statistics of China, regional annual data, indicators A060101 and A060201 (China Customs statistics).",
    chapter=CHAPTER,
    tables=["province_trade_totals", "paper_table1"],
    chart_fn=top9_chart,
    columns=["year", "basis", "national_trade_usd_bn", "top_nine_trade_usd_bn", "top_nine_share_pct",
             "same_nine_as_paper", "entering", "leaving"],
    data_fn=top9_data,
)


# --- Table 1 -------------------------------------------------------------------------------------------

def table1_data(year: int) -> pd.DataFrame:
    """The paper's Table 1 (2018, USD 100 million, as reported; the same for every ``year``)."""
    return table1_reported()[TABLE1_COLUMNS]


TABLE1 = Figure(
    id="table1",
    title="Trade balances of the main trading provinces, 2018 (as reported)",
    caption=(
        "Table 1 of the paper as reported: 2018 exports minus imports of the nine largest trading provinces, in "
        "total and with the EU+US, Asia and Japan+Korea, USD 100 million (亿美元), in the paper's row order "
        "(by the surplus with the EU+US). Not reproducible from open data."
    ),
    source="Yang (2020), Table 1 (author's calculation from China Customs data), as reported.",
    chapter=CHAPTER,
    tables=["paper_table1"],
    paper_number="Table 1",
    kind="table",
    columns=TABLE1_COLUMNS,
    data_fn=table1_data,
)


def table1_display() -> pd.DataFrame:
    """Table 1 with readable headings (USD 100 million, as reported)."""
    t = table1_reported()
    return pd.DataFrame({
        "Province": t["province"],
        "(1) Exports minus imports": t["balance_total"],
        "(2) with the EU+US": t["balance_eu_us"],
        "(3) with Asia": t["balance_asia"],
        "(4) of which Japan+Korea": t["balance_japan_korea"],
    })
