"""The introduction's figure: goods balance relative to GDP, China, India and Brazil (data, chart, record)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...charts.theme import economy_scale
from ...figures import Figure
from ...views import wdi_vintage
from . import CHAPTER, COMPARATORS
from .measures import goods_balance_pct_gdp


def surplus_gdp_data(year: int, first: int = 2000) -> pd.DataFrame:
    """Goods balance of China, India and Brazil (WDI) and of China (DOTS, China-reported) by year from ``first`` to
    ``year``: balance and GDP in USD bn, the balance in percent of GDP."""
    wdi = goods_balance_pct_gdp("wdi")
    wdi = wdi[wdi["country"].isin(list(COMPARATORS))].assign(basis="WDI merchandise trade")
    dots = goods_balance_pct_gdp("dots").assign(basis="IMF DOTS, China-reported")
    out = pd.concat([wdi, dots], ignore_index=True)
    out = out[(out["year"] >= first) & (out["year"] <= year)]
    out["country"] = out["country"].map(COMPARATORS)
    cols = ["year", "country", "basis", "balance_usd_bn", "gdp_usd_bn", "balance_pct_gdp"]
    return out[cols].sort_values(["basis", "country", "year"]).reset_index(drop=True)


def surplus_gdp_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    """The goods balances of :func:`surplus_gdp_data` as lines by economy and basis (an Altair chart, % of GDP)."""
    data = df
    title = alt.Title(
        "Goods balance as a share of GDP",
        subtitle=f"Exports minus imports of goods, percent of GDP, {int(df['year'].min())}–{int(df['year'].max())}",
    )
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("balance_pct_gdp:Q", title="Goods balance (% of GDP)"),
        color=alt.Color("country:N", title="Economy", sort=list(COMPARATORS.values()),
                        scale=economy_scale(list(COMPARATORS.values())),
                        legend=alt.Legend(orient="bottom", direction="horizontal", columns=3)),
        strokeDash=alt.StrokeDash("basis:N", title="Basis",
                                  legend=alt.Legend(orient="bottom", direction="vertical", columns=1)),
        detail="basis:N",
        tooltip=[
            alt.Tooltip("country:N", title="Economy"),
            alt.Tooltip("basis:N", title="Basis"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("balance_pct_gdp:Q", title="% of GDP", format=".2f"),
            alt.Tooltip("balance_usd_bn:Q", title="Balance (USD bn)", format=",.1f"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#666666", strokeWidth=1).encode(
        y=alt.Y("y:Q", title="Goods balance (% of GDP)")
    )
    return (lines + zero).properties(width=600, height=320, title=title)


SURPLUS_GDP = Figure(
    id="intro_surplus_gdp",
    title="Goods balance relative to GDP: China, India and Brazil",
    caption=(
        "Goods (merchandise) exports minus imports as a percent of GDP, China, India and Brazil, "
        "up to {year}. China is also shown on the basis of its own customs figures reported to the IMF."
    ),
    source=(
        "World Bank, World Development Indicators (WTO merchandise trade; GDP in current US dollars), "
        f"{wdi_vintage()} vintage; IMF Direction of Trade Statistics (China-reported trade with the world). "
        "Tables `macro` and `bilateral_trade` in `data/`."
    ),
    chapter=CHAPTER,
    data_fn=surplus_gdp_data,
    chart_fn=surplus_gdp_chart,
    columns=["year", "country", "basis", "balance_usd_bn", "gdp_usd_bn", "balance_pct_gdp"],
    tables=["macro", "bilateral_trade"],
)
