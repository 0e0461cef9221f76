"""Three of the chapter's figures: China's balances with the US and the EU, China's overall surplus, and the
US-side deficit with China to the latest year (the fourth, on US and EU imports, is in :mod:`.shift_figure`).

Each figure's data function and chart function come first, then its :class:`~tradeimbalance.figures.Figure`
(the US-side series is a measure of :mod:`.latest`).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ... import measures as common
from ...charts import PALETTE
from ...charts.theme import economy_scale
from ...data import load
from ...figures import Figure
from . import CHAPTER, PAPER_YEAR, START
from .latest import US_SIDE_COLUMNS, us_side_data
from .measures import bop_series, dots_last_year
from .sources import COMTRADE_SOURCE, DOTS_SOURCE, WDI_VINTAGE


def paper_rule(x_scale_field="year"):
    """A dashed vertical rule at the paper's last year (an Altair chart; encode its ``x`` with the figure's scale)."""
    return alt.Chart(pd.DataFrame({"year": [PAPER_YEAR], "label": [f"The paper's last year ({PAPER_YEAR})"]})).mark_rule(
        color="#666666", strokeDash=[5, 4]).encode(x=alt.X(f"{x_scale_field}:Q", title="Year"),
                                                   tooltip=[alt.Tooltip("label:N", title="Note")])


# --- China's balances with the US and the EU (China's own records, DOTS) -----------------------------

BILATERAL_COLUMNS = ["year", "china_balance_usa_usd_bn", "china_balance_eu27_usd_bn", "china_balance_eu28_usd_bn"]


def bilateral_data(year: int) -> pd.DataFrame:
    """China's balance with the US, the EU27 and the EU28 by year from :data:`START` to ``year`` (at most the
    last DOTS year), USD bn."""
    end = min(int(year), dots_last_year())
    years = list(range(START, end + 1))
    cols = {}
    for code, col in (("USA", BILATERAL_COLUMNS[1]), ("EU27", BILATERAL_COLUMNS[2]), ("EU28", BILATERAL_COLUMNS[3])):
        b = common.bilateral("CHN", code)
        cols[col] = b.set_index(b["year"].astype(int))["balance"].reindex(years).round(6).to_numpy()
    return pd.DataFrame({"year": np.array(years, dtype="int64"), **cols})


def bilateral_chart(df: pd.DataFrame, year: int):
    """The balances of :func:`bilateral_data` as lines (an Altair layer chart, USD bn)."""
    long = df.melt(id_vars="year", var_name="series", value_name="balance").dropna()
    long["partner"] = long["series"].map({BILATERAL_COLUMNS[1]: "United States", BILATERAL_COLUMNS[2]: "EU27",
                                          BILATERAL_COLUMNS[3]: "EU28 (with the UK)"})
    end = int(df["year"].max()) if len(df) else int(year)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2),
              scale=alt.Scale(domain=[START, max(end, START + 1)], nice=False, zero=False))
    lines = alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
        x=x,
        y=alt.Y("balance:Q", title="China's balance (USD bn)"),
        color=alt.Color("partner:N", title="China's balance with",
                        scale=economy_scale(["United States", "EU28 (with the UK)", "EU27"])),
        strokeDash=alt.StrokeDash("partner:N", title="China's balance with",
                                  scale=alt.Scale(domain=["United States", "EU28 (with the UK)", "EU27"],
                                                  range=[[1, 0], [1, 0], [5, 3]])),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("partner:N", title="Partner"),
                 alt.Tooltip("balance:Q", format=",.1f", title="Balance (USD bn)")],
    )
    layers = [lines]
    if end >= PAPER_YEAR:
        layers.insert(0, paper_rule().encode(x=x))
    return alt.layer(*layers).properties(
        width=560, height=300,
        title=alt.TitleParams(f"China's balance with the US and the EU, {START}-{end}",
                              subtitle="China's own records (IMF DOTS); positive = Chinese surplus"))


BILATERAL = Figure(
    id="policy_bilateral",
    title="China's balance with the United States and the EU",
    caption=(
        "China's merchandise balance (exports minus imports) with the United States, the EU27 and the EU28 (EU27 plus "
        "the United Kingdom), China's own records, {START} to {{year}} (the data end in 2020). The dashed line marks "
        "the paper's last year."
    ).format(START=START),
    source=DOTS_SOURCE + ", China (mainland) as reporter.",
    chapter=CHAPTER,
    data_fn=bilateral_data,
    chart_fn=bilateral_chart,
    columns=BILATERAL_COLUMNS,
    tables=["bilateral_trade", "aggregates"],
)


# --- China's overall goods surplus (WDI) and the SAFE balance of payments ---------------------------

SURPLUS_COLUMNS = ["year", "merch_exports_usd_bn", "merch_imports_usd_bn", "merch_balance_usd_bn",
                   "merch_balance_pct_gdp", "bop_goods_balance_usd_bn", "bop_services_balance_usd_bn"]


def surplus_data(year: int) -> pd.DataFrame:
    """China's merchandise exports, imports and balance (WDI, USD bn), the balance in percent of GDP and the SAFE
    goods and services balances (USD bn), by year from :data:`START` to ``year`` (years with some value)."""
    end = int(year)
    years = list(range(START, end + 1))
    m = load("macro")
    c = m[m["country"] == "CHN"].copy()
    c["year"] = c["year"].astype(int)
    c = c.set_index("year").reindex(years)
    exp = c["merch_exports_usd"] / 1e9
    imp = c["merch_imports_usd"] / 1e9
    bal = exp - imp
    keep = exp.notna() & imp.notna()
    out = pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "merch_exports_usd_bn": exp.round(6).to_numpy(),
        "merch_imports_usd_bn": imp.round(6).to_numpy(),
        "merch_balance_usd_bn": bal.round(6).to_numpy(),
        "merch_balance_pct_gdp": common.share(bal * 1e9, c["gdp_usd"]).round(4).to_numpy(),
        "bop_goods_balance_usd_bn": bop_series("goods_balance").reindex(years).to_numpy(),
        "bop_services_balance_usd_bn": bop_series("services_balance").reindex(years).to_numpy(),
    })
    # keep only years where some series has a value (WDI ends in 2025)
    has = out.drop(columns="year").notna().any(axis=1)
    return out[has | keep.to_numpy()].reset_index(drop=True)


def surplus_chart(df: pd.DataFrame, year: int):
    """The balances of :func:`surplus_data` (USD bn) over the goods balance in percent of GDP (an Altair vconcat)."""
    end = int(df["year"].max()) if len(df) else int(year)
    scale = alt.Scale(domain=[START - 0.5, max(end, START + 1) + 0.5], nice=False, zero=False)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2), scale=scale)
    names = {"merch_balance_usd_bn": "Goods balance (WDI, customs basis)",
             "bop_goods_balance_usd_bn": "Goods balance (SAFE, BoP basis)",
             "bop_services_balance_usd_bn": "Services balance (SAFE, BoP basis)"}
    # Missing values stay in (as nulls): the line breaks there instead of joining across a missing year.
    long = df.melt(id_vars="year", value_vars=list(names), var_name="series", value_name="value")
    long["series_name"] = long["series"].map(names)
    top = alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=16), invalid="break-paths-show-domains").encode(
        x=x,
        y=alt.Y("value:Q", title="Balance (USD bn)"),
        color=alt.Color("series_name:N", title="Series", scale=alt.Scale(domain=list(names.values()),
                                                                          range=[PALETTE[1], PALETTE[0], PALETTE[2]])),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("series_name:N", title="Series"),
                 alt.Tooltip("value:Q", format=",.1f", title="USD bn")],
    )
    top_layers = [top]
    bottom = alt.Chart(df.dropna(subset=["merch_balance_pct_gdp"])).mark_bar(color=PALETTE[1], opacity=0.8).encode(
        x=x,
        y=alt.Y("merch_balance_pct_gdp:Q", title="Goods balance (% of GDP)"),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("merch_balance_pct_gdp:Q", format=".2f", title="% of GDP")],
    )
    bottom_layers = [bottom]
    if end >= PAPER_YEAR:
        top_layers.insert(0, paper_rule().encode(x=x))
        bottom_layers.insert(0, paper_rule().encode(x=x))
    return alt.vconcat(
        alt.layer(*top_layers).properties(width=560, height=260, title="Balances (USD bn)"),
        alt.layer(*bottom_layers).properties(width=560, height=150, title="Goods balance as a share of GDP (WDI)"),
        spacing=20,
    ).properties(title=alt.TitleParams(f"China's goods and services balances, {START}-{end}",
                                       subtitle="Dashed line: the paper's last year"))


SURPLUS = Figure(
    id="policy_surplus",
    title="China's overall goods surplus",
    caption=(
        "China's merchandise exports, imports and balance (WTO-based series in the World Bank's WDI) and the balance as a "
        "percentage of GDP, with the goods and services balances of China's balance of payments (SAFE, BPM6; official "
        "annual figures where published, otherwise preliminary), {START} to {{year}}. SAFE values are available for "
        "2015-2024 only, without 2017 (published only as a derived figure)."
    ).format(START=START),
    source=(f"World Bank, World Development Indicators ({WDI_VINTAGE} vintage): TX.VAL.MRCH.CD.WT, TM.VAL.MRCH.CD.WT, "
            "NY.GDP.MKTP.CD; State Administration of Foreign Exchange (SAFE), balance-of-payments releases "
            "(see table `bop_china` for each release and its address)."),
    chapter=CHAPTER,
    data_fn=surplus_data,
    chart_fn=surplus_chart,
    columns=SURPLUS_COLUMNS,
    tables=["macro", "bop_china"],
)


# --- the US deficit with China on the US side, to the latest year -----------------------------------

def us_side_chart(df: pd.DataFrame, year: int):
    """The US balance with China of :func:`.latest.us_side_data` as bars (an Altair layer chart, USD bn)."""
    end = int(df["year"].max()) if len(df) else int(year)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2),
              scale=alt.Scale(domain=[START - 0.5, end + 0.5], nice=False, zero=False))
    base = alt.Chart(df).encode(x=x)
    bars = base.mark_bar(color=PALETTE[1], opacity=0.8).encode(
        y=alt.Y("us_balance_usd_bn:Q", title="US balance with China (USD bn)"),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("us_balance_usd_bn:Q", format=",.1f", title="Balance, USD bn"),
                 alt.Tooltip("source:N", title="Source")],
    )
    return alt.layer(paper_rule().encode(x=x), bars).properties(
        width=560, height=260,
        title=alt.TitleParams(f"US goods balance with China, US records, {START}-{end}",
                              subtitle="Dashed line: the paper's last year"))


US_SIDE = Figure(
    id="policy_us_china_us_side",
    title="The US deficit with China on the US side, to the latest year",
    caption=("US exports to China (FOB), imports from China (CIF) and the balance, in the United States' own "
             "records, {START} to {{year}}. The years come from different sources and vintages, named under the "
             "chart.").format(START=START),
    source=(DOTS_SOURCE + ", the United States as reporter, to 2020; " + COMTRADE_SOURCE + ", after 2020; "
            "IMF International Trade in Goods (IMTS), where `tradeimbalance refresh` fetched it, in preference "
            "to Comtrade. The vintage of every year is in the data's source column."),
    chapter=CHAPTER,
    data_fn=us_side_data,
    chart_fn=us_side_chart,
    columns=US_SIDE_COLUMNS,
    tables=["bilateral_trade", "comtrade_us_china_hs", "imts_trade"],
)
