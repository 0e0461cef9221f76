"""Fig. 5: the US and Chinese direct-investment positions in each other since 1980.

The data function (the columns ``tradeimbalance export`` writes) and the chart function, then the
:class:`~tradeimbalance.figures.Figure` record.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ... import measures
from ...charts.theme import economy_color
from ...figures import Figure
from . import CHAPTER, FIRST_YEAR
from .positions import china_in_us, us_in_china


FIG5_COLUMNS = ["year", "us_position_in_china_usd_bn", "china_position_in_us_usd_bn"]
SERIES_LABELS = {
    "us_position_in_china_usd_bn": "US position in China (BEA USDIA)",
    "china_position_in_us_usd_bn": "China's position in the US (BEA FDIUS)",
}


def fig5_data(year: int) -> pd.DataFrame:
    """One row per year from 1980 to ``year``: both positions in USD bn (NaN where no source has a value)."""
    years = list(range(FIRST_YEAR, int(year) + 1))
    us = measures.mn_to_bn(us_in_china()).reindex(years)
    cn = measures.mn_to_bn(china_in_us()).reindex(years)
    return pd.DataFrame({
        "year": pd.array(years, dtype="Int64"),
        "us_position_in_china_usd_bn": us.to_numpy(dtype="float64"),
        "china_position_in_us_usd_bn": cn.to_numpy(dtype="float64"),
    }, columns=FIG5_COLUMNS)


def has_data(year: int) -> bool:
    """True when Fig. 5 has at least one value up to ``year``."""
    df = fig5_data(year)
    return bool(df[FIG5_COLUMNS[1:]].notna().any().any())


def fig5_chart(df: pd.DataFrame, year: int):
    """Altair chart: lines (broken where a year is missing) and points for the two positions, USD bn."""
    long = df.melt("year", var_name="series_id", value_name="position_usd_bn")
    long["series"] = long["series_id"].map(SERIES_LABELS)
    domain = list(SERIES_LABELS.values())
    color = alt.Color("series:N", title=None,
                      scale=alt.Scale(domain=domain, range=[economy_color("United States"), economy_color("Mainland China")]))
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1),
              scale=alt.Scale(domain=[FIRST_YEAR, max(int(year), FIRST_YEAR + 1)]))
    y = alt.Y("position_usd_bn:Q", title="Direct-investment position (USD bn)")
    tooltip = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Series"),
               alt.Tooltip("position_usd_bn:Q", title="Position (USD bn)", format=",.1f")]
    base = alt.Chart(long)
    lines = base.mark_line(invalid="break-paths-show-domains").encode(x=x, y=y, color=color, tooltip=tooltip)
    points = base.mark_point(filled=True, size=30).encode(x=x, y=y, color=color, tooltip=tooltip)
    return alt.layer(lines, points).properties(
        width=620, height=320,
        title=alt.Title(f"US and Chinese direct investment in each other, {FIRST_YEAR}–{int(year)}",
                        subtitle="Year-end positions at historical cost; gaps are years with no value in the sources"),
    )


FIG5 = Figure(
    id="fig5",
    title="US and Chinese direct-investment positions in each other",
    paper_number="Fig. 5",
    chapter=CHAPTER,
    tables=["fdi_positions"],
    columns=FIG5_COLUMNS,
    chart_fn=fig5_chart,
    caption=(
        "US direct-investment position in mainland China and China's position in the United States, "
        "year-end, historical cost, USD billion, 1980–{year}. Both series are BEA statistics, but on different "
        "country bases: the US position is by country of the foreign affiliate; China's position is by country of "
        "the *immediate* foreign parent, so Chinese investment routed through Hong Kong or other places is not "
        "counted as Chinese (BEA's ultimate-owner series was not available). Vintages are mixed: the US position "
        "for 2000–2017 is a 2017 vintage re-published by Statista, China's position for 2008–2019 a 2020 BEA "
        "vintage; the 2023 points come from Statista's text. Empty years have no value in any source used here "
        "(the US position before 2000 and in 2018–2022, China's position before 2008); they are not zero."
    ),
    source=(
        "U.S. Bureau of Economic Analysis (BEA): US direct investment abroad (USDIA) position in China, as "
        "re-published by Statista (statista.com/statistics/188629); foreign direct investment in the United States "
        "(FDIUS), selected items by detailed country, 2008–2019. Table `fdi_positions` of this book."
    ),
    data_fn=fig5_data,
)
