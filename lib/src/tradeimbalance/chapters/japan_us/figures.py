"""Fig. 6: Japan's and Korea's export shares to the US, and Japan's position in the US as a share of its
outward direct-investment stock (percent)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...charts.theme import economy_scale
from ...data import resource, vintage
from ...figures import Figure
from . import CHAPTER, FIRST_YEAR, JAPAN, KOREA
from .export_shares import export_share_to_us
from .fdi_shares import japan_fdi_share

FIG6_COLUMNS = ["year", "japan_exports_to_us_share_pct", "korea_exports_to_us_share_pct", "japan_fdi_in_us_share_pct"]
SERIES_LABELS = {
    "japan_exports_to_us_share_pct": "Japan: exports to the US (% of its exports)",
    "korea_exports_to_us_share_pct": "Korea: exports to the US (% of its exports)",
    "japan_fdi_in_us_share_pct": "Japan: position in the US (% of its outward FDI stock)",
}


def _publisher(table: str) -> str:
    """The publisher of the (first) source of ``table``, as the data descriptor states it."""
    return resource(table)["sources"][0]["publisher"]


#: The source line of Fig. 6 (release and publishers as the data descriptor states them).
SOURCE = (
    f"{vintage('bilateral_trade')}; {_publisher('fdi_positions')}, foreign direct investment in the United "
    f"States by country; {_publisher('fdi_stock_unctad')}, FDI flows and stock (UNCTADstat). Tables "
    "`bilateral_trade`, `fdi_positions` and `fdi_stock_unctad` of this book."
)


def fig6_data(year: int) -> pd.DataFrame:
    """One row per year from 1980 to ``year``: the three shares in percent, NaN where a share cannot be computed."""
    years = list(range(FIRST_YEAR, int(year) + 1))
    return pd.DataFrame({
        "year": pd.array(years, dtype="Int64"),
        "japan_exports_to_us_share_pct": export_share_to_us(JAPAN).reindex(years).to_numpy(dtype="float64"),
        "korea_exports_to_us_share_pct": export_share_to_us(KOREA).reindex(years).to_numpy(dtype="float64"),
        "japan_fdi_in_us_share_pct": japan_fdi_share().reindex(years).to_numpy(dtype="float64"),
    }, columns=FIG6_COLUMNS)


def has_data(year: int) -> bool:
    """True when Fig. 6 has at least one value up to ``year``."""
    df = fig6_data(year)
    return bool(df[FIG6_COLUMNS[1:]].notna().any().any())


def fig6_chart(df: pd.DataFrame, year: int):
    """Export shares as lines; the investment share as points joined only across consecutive years (percent)."""
    long = df.melt("year", var_name="series_id", value_name="share_pct")
    long["series"] = long["series_id"].map(SERIES_LABELS)
    domain = list(SERIES_LABELS.values())
    color = alt.Color("series:N", title=None, scale=economy_scale(domain),
                      legend=alt.Legend(columns=1))
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1),
              scale=alt.Scale(domain=[FIRST_YEAR, max(int(year), FIRST_YEAR + 1)]))
    y = alt.Y("share_pct:Q", title="Share (%)", scale=alt.Scale(domain=[0, 60]))
    tooltip = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Series"),
               alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")]
    base = alt.Chart(long)
    dash = alt.StrokeDash("series:N", title=None, legend=None,
                          scale=alt.Scale(domain=domain, range=[[1, 0], [1, 0], [5, 3]]))
    lines = base.mark_line(invalid="break-paths-show-domains").encode(x=x, y=y, color=color, strokeDash=dash, tooltip=tooltip)
    points = base.transform_filter(alt.datum.series_id == "japan_fdi_in_us_share_pct").mark_point(
        filled=True, size=36).encode(x=x, y=y, color=color, tooltip=tooltip)
    return alt.layer(lines, points).properties(
        width=620, height=320,
        title=alt.Title(f"Japan and Korea: exports to the US and Japan's investment in the US, {FIRST_YEAR}–{int(year)}",
                        subtitle="Investment share: BEA position in the US over UNCTAD outward stock; gaps are years with no value"),
    )


FIG6 = Figure(
    id="fig6",
    title="Japan's and Korea's export shares to the US, and Japan's US investment share",
    caption=(
        "Exports to the United States as a percentage of exports to the world, for Japan and Korea, as each "
        "reports them to the IMF (DOTS, exports FOB), 1980–{year}; and Japan's direct-investment position in the "
        "United States as a percentage of Japan's total outward direct-investment stock. The two parts of that "
        "ratio are measured differently: the numerator is BEA's inward position at historical cost by country of "
        "the immediate foreign parent (2020 vintage for 2008–2019, other years from secondary sources), the "
        "denominator UNCTAD's outward stock as Japan reports it (largely at market value). Empty years have no "
        "value (BEA's Japan position before 2004 and in 2005–2007; UNCTAD's stock before 1990); nothing is "
        "interpolated. The weak 1990 text figure for Japan's position is left out of the figure."
    ),
    source=SOURCE,
    chapter=CHAPTER,
    data_fn=fig6_data,
    chart_fn=fig6_chart,
    paper_number="Fig. 6",
    columns=FIG6_COLUMNS,
    tables=["bilateral_trade", "fdi_positions", "fdi_stock_unctad"],
)
