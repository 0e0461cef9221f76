"""The chapter's figures: the processing share over time and Fig. 3 (net exports by trade mode).

Each figure's data function and chart function come first, then its :class:`~tradeimbalance.figures.Figure` record.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...charts import PALETTE
from ...figures import Figure
from . import CHAPTER, CUSTOMS, FIG3_FIRST_YEAR, MISSING_TABLE, NON_ORDINARY, REGIME_SOURCE, SHORT_LABELS
from .measures import fig3_values, shares_data


# --- processing share over time -------------------------------------------------------------------

def shares_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    """Points of the processing share of total trade (percent) by definition, from :func:`processing_shares`."""
    data = df.assign(series=df["definition"].map(SHORT_LABELS))
    domain = [SHORT_LABELS[CUSTOMS], SHORT_LABELS[NON_ORDINARY]]
    title = alt.Title("Processing trade as a share of China's total trade, two definitions",
                      subtitle=f"Every year with a value up to {year}; points are not joined across missing years")
    base = alt.Chart(data)
    pts = base.mark_point(filled=True, size=70).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False)),
        y=alt.Y("share_pct:Q", title="Share of total trade (%)", scale=alt.Scale(domain=[0, 70])),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=domain, range=[PALETTE[0], PALETTE[1]])),
        shape=alt.Shape("series:N", title=None, scale=alt.Scale(domain=domain)),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Definition"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f"), alt.Tooltip("basis:N", title="Basis")],
    )
    rule = alt.Chart(pd.DataFrame({"y": [40.0]})).mark_rule(strokeDash=[4, 3], color=PALETTE[6], opacity=0.5).encode(
        y=alt.Y("y:Q", title="Share of total trade (%)"))
    return (rule + pts).properties(width=600, height=300, title=title)


def processing_shares(year: int) -> pd.DataFrame:
    """Data of the processing-share figure: :func:`.measures.shares_data` (``share_pct`` in percent)."""
    return shares_data(year)


PROCESSING_SHARES = Figure(
    id="processing_shares",
    title="Processing trade as a share of total trade, two definitions",
    caption=(
        "Processing trade as a percent of China's total trade (exports plus imports), every year with a value "
        "up to {year}: the customs definition (processing and assembling plus processing with imported materials) "
        "and all non-ordinary trade (total minus ordinary trade). The dashed line marks 40%."
    ),
    source=(
        "Secondary points quoting China Customs (China.org.cn, Xinhua, a 2016 journal article citing the China "
        "Customs Information Network), table `trade_mode_points`; " + REGIME_SOURCE + ", table `customs_regime`."
    ),
    chapter=CHAPTER,
    tables=["trade_mode_points", "customs_regime"],
    columns=["year", "definition", "share_pct", "basis"],
    chart_fn=shares_chart,
    data_fn=processing_shares,
)


# --- Fig. 3 ------------------------------------------------------------------------------------------

def fig3_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    """Stacked bars of ordinary and processing net exports (USD bn) by year, from :func:`fig3`."""
    years = [int(y) for y in df["year"]]
    long = df.melt("year", var_name="series", value_name="net_exports_usd_bn").dropna()
    labels = {"ordinary_net_exports_usd_bn": "Ordinary trade",
              "processing_net_exports_usd_bn": "Processing trade (total minus ordinary)"}
    long["series"] = long["series"].map(labels)
    long["year"] = long["year"].astype(int)
    title = alt.Title(
        "Net exports by trade mode: ordinary and processing trade",
        subtitle=[f"{years[0]}–{years[-1]}; bars only where open data exist, other years are missing (not zero)",
                  "Processing = total minus ordinary trade, so the two bars add up to the surplus"],
    )
    x = alt.X("year:O", title="Year", scale=alt.Scale(domain=years),
              axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 2 == 0 ? datum.label : ''"))
    bars = alt.Chart(long).mark_bar().encode(
        x=x,
        y=alt.Y("net_exports_usd_bn:Q", title="Net exports (USD bn)", stack="zero"),
        color=alt.Color("series:N", title=None, sort=list(labels.values()),
                        scale=alt.Scale(domain=list(labels.values()), range=[PALETTE[0], PALETTE[1]])),
        order=alt.Order("series:N", sort="ascending"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("series:N", title="Trade mode"),
                 alt.Tooltip("net_exports_usd_bn:Q", title="Net exports (USD bn)", format=",.1f")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=PALETTE[6], strokeWidth=1).encode(
        y=alt.Y("y:Q", title="Net exports (USD bn)"))
    return (bars + zero).properties(width=600, height=320, title=title)


def fig3(year: int) -> pd.DataFrame:
    """Data of Fig. 3: every year from 2000 (or ``year``) to ``year``, net exports in USD bn, NaN where missing."""
    first = min(FIG3_FIRST_YEAR, int(year))
    frame = pd.DataFrame({"year": list(range(first, int(year) + 1))})
    out = frame.merge(fig3_values(), on="year", how="left")
    return out[["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"]]


FIG3 = Figure(
    id="fig3",
    title="Processing and ordinary net exports",
    caption=(
        "China's net exports (exports minus imports) of ordinary trade and of processing trade in the paper's sense "
        "(all trade other than ordinary trade, so the two add up to the goods surplus), USD billion, "
        "{first}–{{year}}. Years without open data are empty cells in the data, never zeros."
    ).format(first=FIG3_FIRST_YEAR),
    source=(
        REGIME_SOURCE + ", table `customs_regime` (2018, 2019); 2005: ordinary-trade surplus from China Daily "
        "(11 July 2006, quoting customs data) in table `trade_mode_points`, total surplus from China's trade with "
        "the world as reported to the IMF (`bilateral_trade`) unless the points give total exports and imports. "
        "The missing years would come from " + MISSING_TABLE + "."
    ),
    chapter=CHAPTER,
    tables=["customs_regime", "trade_mode_points", "bilateral_trade"],
    paper_number="Fig. 3",
    columns=["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"],
    chart_fn=fig3_chart,
    data_fn=fig3,
)


def fig3_coverage(year: int) -> list[int]:
    """Years (calendar years) of Fig. 3 up to ``year`` that have both net exports."""
    d = fig3(year).dropna()
    return [int(y) for y in d["year"]]
