"""Fig. 1: China's goods-trade balance with its main partners (data, chart, then the figure record)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...charts.theme import economy_scale
from ...data import vintage
from ...figures import Figure
from . import CHAPTER, CHART_PARTNERS, PARTNER_NAMES, PARTNERS, START
from .series import china_series


def fig1_chart(df: pd.DataFrame, year: int):
    """Lines of China's balance with each partner (USD bn); EU27 dashed next to EU28."""
    d = df[df["partner"].isin(CHART_PARTNERS)].copy()
    d["partner_name"] = d["partner"].map(PARTNER_NAMES)
    order = [PARTNER_NAMES[p] for p in CHART_PARTNERS]
    first = int(d["year"].min()) if len(d) else START
    last = int(d["year"].max()) if len(d) else int(year)
    base = alt.Chart(d, title=alt.Title(
        f"China's goods-trade balance with main partners, {first}–{last}",
        subtitle="China-reported (IMF DOTS); positive = Chinese surplus, negative = deficit",
    ))
    lines = base.mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(domain=[first, last], nice=False)),
        y=alt.Y("balance_usd_bn:Q", title="Balance (USD bn)"),
        color=alt.Color("partner_name:N", title="Partner", sort=order, scale=economy_scale(order),
                        legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2.5, columns=3)),
        strokeDash=alt.StrokeDash(
            "partner_name:N", title="Partner", sort=order,
            scale=alt.Scale(domain=order, range=[[1, 0], [1, 0], [5, 3], [1, 0], [1, 0], [1, 0]]),
        ),
        tooltip=[
            alt.Tooltip("partner_name:N", title="Partner"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("exports_usd_bn:Q", title="Exports (USD bn)", format=",.1f"),
            alt.Tooltip("imports_usd_bn:Q", title="Imports (USD bn)", format=",.1f"),
            alt.Tooltip("balance_usd_bn:Q", title="Balance (USD bn)", format=",.1f"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#444444", strokeWidth=1).encode(y=alt.Y("y:Q", title="Balance (USD bn)"))
    return alt.layer(zero, lines).properties(width=620, height=340, title=base.title)


def fig1_data(year: int) -> pd.DataFrame:
    """Long table: one row per year (2000 .. ``year``) and partner (USA, EU27, EU28, JPN, KOR, AUS), USD bn."""
    frames = []
    for p in PARTNERS:
        s = china_series(p)
        s = s.loc[(s.index >= START) & (s.index <= int(year))]
        frames.append(pd.DataFrame({
            "year": s.index.astype(int),
            "partner": p,
            "exports_usd_bn": s["exports"].to_numpy(),
            "imports_usd_bn": s["imports"].to_numpy(),
            "balance_usd_bn": s["balance"].to_numpy(),
        }))
    out = pd.concat(frames, ignore_index=True)
    out["partner"] = pd.Categorical(out["partner"], categories=PARTNERS)
    out = out.sort_values(["year", "partner"]).reset_index(drop=True)
    out["partner"] = out["partner"].astype(str)
    out["year"] = out["year"].astype("int64")
    return out


FIG1 = Figure(
    id="fig1",
    title="China's goods-trade balance with its main partners",
    caption=(
        "China's merchandise exports, imports and balance with the United States, the EU (EU27 and EU28), "
        "Japan, Korea and Australia, 2000 to {year} (the chart shows the balance), as reported by China. "
        "Balance = exports (FOB) minus imports (CIF); positive values are Chinese surpluses."
    ),
    source=f"{vintage('bilateral_trade')}, China's own figures; EU28 = EU27 + United Kingdom.",
    chapter=CHAPTER,
    tables=["bilateral_trade", "aggregates"],
    paper_number="Fig. 1",
    chart_fn=fig1_chart,
    columns=["year", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"],
    data_fn=fig1_data,
)
