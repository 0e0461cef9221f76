"""Fig. 7: the US deficit with Asia (footnote list plus Taiwan) and the shares of mainland China and Japan."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ...charts.theme import economy_color, economy_scale
from ...data import vintage
from ...figures import Figure
from ...views import fig7_members
from . import CHAPTER, FIRST_YEAR, SHARES_FROM
from .measures import last_year, shares

#: The source line of Fig. 7 (the release of DOTS as the data descriptor states it).
SOURCE = (
    f"{vintage('bilateral_trade')}, United States as reporter: "
    "US imports (customs value) minus US exports (FOB), current USD."
)

FIG7_COLUMNS = ["year", "us_deficit_with_asia_usd_bn", "china_share_pct", "japan_share_pct"]


def fig7_data(year: int) -> pd.DataFrame:
    """Fig. 7: every year from 1960 to ``year`` (data end in 2020), NaN where missing: the deficit with
    Asia in USD bn, China's and Japan's shares of it in percent."""
    end = min(int(year), last_year())
    years = list(range(FIRST_YEAR, end + 1))
    if not years:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in FIG7_COLUMNS}).astype({"year": "int64"})
    s = shares(fig7_members(), years)
    return pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "us_deficit_with_asia_usd_bn": s["asia"].round(6).to_numpy(),
        "china_share_pct": s["china_share"].round(4).to_numpy(),
        "japan_share_pct": s["japan_share"].round(4).to_numpy(),
    })


def fig7_chart(df: pd.DataFrame, year: int):
    """Two panels: the deficit (bars, USD bn) and China's and Japan's shares of it (lines, percent)."""
    first = int(df["year"].min()) if len(df) else FIRST_YEAR
    ticks = [y for y in range(FIRST_YEAR, int(year) + 1, 5) if y >= first]
    x = alt.X("year:O", title="Year", axis=alt.Axis(values=ticks, labelAngle=0))
    bars = (
        alt.Chart(df)
        .mark_bar(color=economy_color("Asia"))
        .encode(
            x=x,
            y=alt.Y("us_deficit_with_asia_usd_bn:Q", title="US deficit with Asia (USD bn)"),
            tooltip=[alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("us_deficit_with_asia_usd_bn:Q", title="Deficit (USD bn)", format=",.1f")],
        )
        .properties(width=560, height=230, title="US deficit with Asia (negative = US surplus)")
    )
    lines = (
        alt.Chart(df)
        .transform_filter(f"datum.year >= {SHARES_FROM}")
        .transform_fold(["china_share_pct", "japan_share_pct"], as_=["series", "share"])
        .transform_calculate(economy="datum.series == 'china_share_pct' ? 'Mainland China' : 'Japan'")
        .mark_line(point=alt.OverlayMarkDef(size=18))
        .encode(
            x=x,
            y=alt.Y("share:Q", title="Share of the US deficit with Asia (%)"),
            color=alt.Color("economy:N", title="Share of",
                            scale=economy_scale(["Mainland China", "Japan"])),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("economy:N", title="Economy"),
                     alt.Tooltip("share:Q", title="Share (%)", format=".1f")],
        )
        .properties(width=560, height=230, title=f"Shares of mainland China and Japan (from {SHARES_FROM})")
    )
    return alt.vconcat(bars, lines, spacing=24).properties(
        title=alt.TitleParams(f"Fig. 7: the US deficit with Asia, {first}-{min(int(year), last_year())}",
                              subtitle="US-reported merchandise trade; Asia = the paper's footnote list plus Taiwan")
    )


FIG7 = Figure(
    id="fig7",
    title="The US deficit with Asia and the shares of China and Japan",
    caption=(
        "US merchandise deficit with Asia (bars) and the shares of mainland China and Japan in it (lines), "
        "as recorded by the United States, to {year}. Asia is the paper's footnote list (mainland China, Japan, "
        "Korea, Malaysia, Indonesia, Vietnam, Thailand) plus Taiwan, the set that reproduces the paper's shares. "
        "Shares are shown from 1972, the first year of recorded US trade with mainland China, and only for years "
        "with a US deficit with the group (the data file has every year from 1960); a negative share is a US surplus "
        "with that economy."
    ),
    source=SOURCE,
    chapter=CHAPTER,
    data_fn=fig7_data,
    chart_fn=fig7_chart,
    paper_number="Fig. 7",
    columns=FIG7_COLUMNS,
    tables=["bilateral_trade", "aggregates"],
)
