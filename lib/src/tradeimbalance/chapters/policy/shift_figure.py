"""The figure on US and EU imports from China and from its successors in assembly (Vietnam, Thailand,
Cambodia, Bangladesh): its data, its chart, its :class:`~tradeimbalance.figures.Figure`, and a summary of
its data for two years."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ... import measures as common
from ...data import view_cache
from ...charts.theme import economy_scale
from ...figures import Figure
from . import CHAPTER, NAMES, SHIFT_START, SUCCESSORS
from .measures import dots_last_year, reporter_imports
from .sources import DOTS_SOURCE

SHIFT_COLUMNS = ["year", "reporter", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn",
                 "share_of_reporter_imports_pct"]


def shift_data(year: int) -> pd.DataFrame:
    """US and EU27 trade with China and each successor by year from :data:`SHIFT_START` to ``year`` (at most the
    last DOTS year): exports, imports and balance in USD bn, the share of the reporter's imports in percent."""
    end = min(int(year), dots_last_year())
    d = _shift_data()
    return d[d["year"] <= end].reset_index(drop=True)


@view_cache
def _shift_data() -> pd.DataFrame:
    """:func:`shift_data` up to the last DOTS year (computed once per data folder; callers get copies)."""
    years = list(range(SHIFT_START, dots_last_year() + 1))
    rows = []
    for reporter in ("USA", "EU27"):
        total = reporter_imports(reporter)
        for partner in ["CHN"] + SUCCESSORS:
            b = common.bilateral(reporter, partner)
            b = b.set_index(b["year"].astype(int)).reindex(years)
            rows.append(pd.DataFrame({
                "year": np.array(years, dtype="int64"),
                "reporter": reporter,
                "partner": partner,
                "exports_usd_bn": b["exports"].round(6).to_numpy(),
                "imports_usd_bn": b["imports"].round(6).to_numpy(),
                "balance_usd_bn": b["balance"].round(6).to_numpy(),
                "share_of_reporter_imports_pct": common.share(b["imports"], total.reindex(years)).round(4).to_numpy(),
            }))
    if not rows or not years:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in SHIFT_COLUMNS})
    return pd.concat(rows, ignore_index=True)


def shift_chart(df: pd.DataFrame, year: int):
    """The import shares of :func:`shift_data`, US and EU27 side by side on a log scale (an Altair hconcat, percent)."""
    d = df.dropna(subset=["share_of_reporter_imports_pct"]).copy()
    d["economy"] = d["partner"].map(NAMES)
    d["importer"] = d["reporter"].map({"USA": "United States", "EU27": "EU27"})
    end = int(df["year"].max()) if len(df) else int(year)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2),
              scale=alt.Scale(domain=[SHIFT_START, max(end, SHIFT_START + 1)], nice=False, zero=False))
    domain = [NAMES[p] for p in ["CHN"] + SUCCESSORS]
    color = alt.Color("economy:N", title="Imports from", scale=economy_scale(domain))

    # A log scale: the successors' shares (about 0.1% to 5%) are readable next to China's (about 20%).
    y_scale = alt.Scale(type="log", domain=[0.04, 40], nice=False)
    y_axis = alt.Axis(values=[0.1, 0.2, 0.5, 1, 2, 5, 10, 20], format="~g")

    def panel(sub, y_field, y_title, title):
        sub = sub[sub[y_field] > 0]
        return alt.Chart(sub).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
            x=x, y=alt.Y(f"{y_field}:Q", title=y_title, scale=y_scale, axis=y_axis), color=color,
            tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("importer:N", title="Importer"),
                     alt.Tooltip("economy:N", title="From"),
                     alt.Tooltip("imports_usd_bn:Q", format=",.1f", title="Imports (USD bn)"),
                     alt.Tooltip("share_of_reporter_imports_pct:Q", format=".1f", title="Share of imports (%)")],
        ).properties(width=250, height=220, title=title)

    us = d[d["reporter"] == "USA"]
    eu = d[d["reporter"] == "EU27"]
    return alt.hconcat(
        panel(us, "share_of_reporter_imports_pct", "Share of US imports (%, log scale)", "United States"),
        panel(eu, "share_of_reporter_imports_pct", "Share of extra-EU27 imports (%, log scale)", "EU27"),
        spacing=30,
    ).properties(title=alt.TitleParams(f"Who supplies US and EU imports, {SHIFT_START}-{end}",
                                       subtitle="Shares of US imports and of EU27 imports from outside the EU (own records, IMF DOTS)"))


SHIFT = Figure(
    id="policy_shift",
    title="US and EU imports from China and from its successors in assembly",
    caption=(
        "Balance of the United States and the EU27 (their own records) with mainland China, Vietnam, Thailand, "
        "Cambodia and Bangladesh, the economies the paper expects to take over labour-intensive assembly, and the "
        "share of each in the reporter's imports (for the EU27, its imports from outside the EU27), {START} to {{year}} "
        "(the data end in 2020). The chart shows the shares on a logarithmic scale, so that the small shares of the "
        "four successors can be read next to China's."
    ).format(START=SHIFT_START),
    source=DOTS_SOURCE + ", the United States and the European Union (EU27) as reporters.",
    chapter=CHAPTER,
    data_fn=shift_data,
    chart_fn=shift_chart,
    columns=SHIFT_COLUMNS,
    tables=["bilateral_trade"],
)


def shift_summary(first: int, last: int) -> pd.DataFrame:
    """US and EU27 imports and balances (USD bn) and import shares (percent) with China and with the four
    successors combined, in ``first`` and ``last``."""
    d = shift_data(last)
    d = d[d["year"].isin([first, last])]
    d = d.assign(group=np.where(d["partner"] == "CHN", "Mainland China", "Vietnam, Thailand, Cambodia, Bangladesh"))
    g = d.groupby(["reporter", "group", "year"], sort=False)[["imports_usd_bn", "balance_usd_bn",
                                                               "share_of_reporter_imports_pct"]].sum(min_count=1)
    return g.reset_index()
