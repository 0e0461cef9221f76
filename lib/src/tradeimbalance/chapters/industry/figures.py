"""Fig. 4 of the paper: China's balance with the US by HS section before and after the tariffs.

The data function returns the mirror view (US records read from China's side) for the
sections with the largest balances, the rest summed, and China's own SITC 71-77 records
for the years they cover; the chart function draws it; ``FIG4`` is the figure record.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ...charts import PALETTE
from ...figures import Figure
from . import (BASIS_CENSUS, BASIS_CHINA_SITC, CHAPTER, FIG4_COLUMNS, FIG4_OTHER, FIG4_PAPER_YEARS, FIG4_TOP_N,
               PAPER_YEAR, SECTION_NAMES, SECTION_ORDER, VIEW_CHINA, VIEW_MIRROR, XVI)
from .china_side import china_sitc
from .mirror import mirror_by_section, mirror_years
from .sections import section_label

CENSUS_SOURCE = (
    "US Census Bureau, international trade by HS chapter (imports for consumption, customs value; total exports, "
    "f.a.s.), monthly 2016-2020 summed to years, as extracted by the Trade War Tracker; table `us_trade_hs`"
)
MISSING_TABLE = (
    "China Customs' trade by HS section and country (the GACC monthly table \"Imports and Exports by Section and "
    "Chapter of HS\" for selected countries, or the China Customs Statistics Yearbook)"
)


def fig4_years(year: int) -> list[int]:
    """The years (calendar years) Fig. 4 shows for ``year``: the paper's 2017-2019 for the paper's year, else the
    three years to ``year``, as far as the mirror data cover them."""
    have = set(mirror_years())
    want = FIG4_PAPER_YEARS if int(year) == PAPER_YEAR else range(int(year) - 2, int(year) + 1)
    return [y for y in want if y in have]


def fig4_sections(m: pd.DataFrame) -> list[str]:
    """The :data:`FIG4_TOP_N` sections (numerals) with the largest absolute mirror balance in any year of ``m``."""
    size = m.assign(a=m["balance"].abs()).groupby("hs_section", observed=True)["a"].max()
    return list(size.sort_values(ascending=False).head(FIG4_TOP_N).index)


def fig4(year: int) -> pd.DataFrame:
    """Fig. 4's data for ``year``: columns :data:`FIG4_COLUMNS`, China's exports, imports and balance with the
    US in USD bn, one row per year, view (mirror or China's SITC 71-77) and section."""
    ys = fig4_years(year)
    m = mirror_by_section("CHN", "census")
    m = m[m["year"].isin(ys)].copy()
    if m.empty:
        return pd.DataFrame(columns=FIG4_COLUMNS)
    top = fig4_sections(m)
    m["basis"] = [BASIS_CENSUS + ("" if k == 12 else f"; US exports for {k} months only") for k in m["months_imports"]]
    m["hs_section"] = [s if s in top else FIG4_OTHER for s in m["hs_section"].astype(str)]
    g = m.groupby(["year", "hs_section"], as_index=False).agg(
        china_exports_usd_bn=("exports", "sum"), china_imports_usd_bn=("imports", "sum"), basis=("basis", "first"))
    g["china_balance_usd_bn"] = g["china_exports_usd_bn"] - g["china_imports_usd_bn"]
    n_other = len(set(mirror_by_section("CHN", "census")["hs_section"].astype(str)) - set(top))
    g["section_name"] = [f"{n_other} other sections" if s == FIG4_OTHER else SECTION_NAMES[s] for s in g["hs_section"]]
    g["view"] = VIEW_MIRROR
    rows = []
    for y in ys:
        x, i = china_sitc(y, "USA", "exports"), china_sitc(y, "USA", "imports")
        if x is not None and i is not None:
            rows.append({"year": y, "view": VIEW_CHINA, "hs_section": XVI, "section_name": SECTION_NAMES[XVI],
                         "china_exports_usd_bn": x / 10.0, "china_imports_usd_bn": i / 10.0,
                         "china_balance_usd_bn": (x - i) / 10.0, "basis": BASIS_CHINA_SITC})
    out = pd.concat([g, pd.DataFrame(rows, columns=g.columns)], ignore_index=True) if rows else g
    order = {s: k for k, s in enumerate(SECTION_ORDER + [FIG4_OTHER])}
    out["_v"] = (out["view"] == VIEW_CHINA).astype(int)
    out["_o"] = out["hs_section"].map(order)
    return out.sort_values(["year", "_v", "_o"])[FIG4_COLUMNS].reset_index(drop=True)


def fig4_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    """Fig. 4 as an Altair chart: grouped horizontal bars of China's balance with the US (USD bn) by section and year."""
    data = df.copy()
    data["section"] = [section_label(s) for s in data["hs_section"]]
    data["series"] = [f"{int(y)}, {'China, SITC 71–77' if v == VIEW_CHINA else 'US records'}" for y, v in zip(data["year"], data["view"])]
    mirror = data[data["view"] == VIEW_MIRROR]
    years = sorted(int(y) for y in mirror["year"].unique())
    series = [f"{y}, US records" for y in years] + sorted(s for s in data["series"].unique() if s.endswith("71–77"))
    sort_year = PAPER_YEAR if PAPER_YEAR in years else (years[-1] if years else None)
    first = mirror[(mirror["year"] == sort_year) & (mirror["hs_section"] != FIG4_OTHER)]
    order = [section_label(s) for s in first.sort_values("china_balance_usd_bn", ascending=False)["hs_section"]]
    order.append(section_label(FIG4_OTHER))
    span = f"{years[0]}–{years[-1]}" if years else "no years"
    colours = PALETTE[: len(years)] + [PALETTE[4], PALETTE[3]][: len(series) - len(years)]
    title = alt.Title(
        "China's trade balance with the US by HS section",
        subtitle=[f"{span}, US records read from China's side (China's exports = US imports from China),",
                  "and China's own records of machinery (SITC 71–77, close to HS section XVI) for 2017–2018.",
                  f"Positive = China's surplus; the {FIG4_TOP_N} largest sections by {sort_year} balance, the rest summed"],
    )
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("section:N", title="HS section", sort=order,
                axis=alt.Axis(labelLimit=280, titleAngle=0, titleAnchor="end", titleAlign="right", titleY=-8, titleX=0)),
        yOffset=alt.YOffset("series:N", sort=series),
        x=alt.X("china_balance_usd_bn:Q", title="China's balance with the US (USD bn)",
                axis=alt.Axis(values=[-50, 0, 50, 100, 150, 200, 250, 300], format=",.0f")),
        color=alt.Color("series:N", title="Year, records", sort=series,
                        scale=alt.Scale(domain=series, range=colours)),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("series:N", title="Year, records"),
                 alt.Tooltip("china_exports_usd_bn:Q", title="China's exports to the US (USD bn)", format=",.1f"),
                 alt.Tooltip("china_imports_usd_bn:Q", title="China's imports from the US (USD bn)", format=",.1f"),
                 alt.Tooltip("china_balance_usd_bn:Q", title="Balance (USD bn)", format=",.1f")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0], "label": ["0 = balanced"]}))
    x_title = "China's balance with the US (USD bn)"
    rule = zero.mark_rule(color=PALETTE[6], strokeWidth=1).encode(x=alt.X("x:Q", title=x_title))
    label = zero.mark_text(align="left", dx=3, dy=-6, y=0, fontSize=11, color=PALETTE[6]).encode(
        x=alt.X("x:Q", title=x_title), text="label:N")
    height = 11 * max(len(series), 1) * max(len(order), 1)
    return (bars + rule + label).properties(width=330, height=height, title=title)


FIG4 = Figure(
    id="fig4",
    title="China's balance with the US by HS section before and after the tariffs (US records and China's own)",
    caption=(
        "China's trade balance with the United States by HS section, USD billion: 2017–2019, the years of the "
        "paper's Fig. 4, when run for the paper's year, otherwise the three years up to {year}. The "
        + str(FIG4_TOP_N) + " sections with the largest balances are drawn one by one; the others are summed as "
        "'other sections'. US records read from China's side: China's exports are US imports from China and China's "
        "imports are US exports to China. For 2017 and 2018 the chart adds China's own records of machinery and "
        "electrical equipment, SITC divisions 71–77, the closest counterpart of HS section XVI in the SITC data "
        "China reports to UN Comtrade (an approximation: the two classifications differ by a few percent). A "
        "positive balance is China's surplus."
    ),
    source=(
        CENSUS_SOURCE + "; UN Comtrade (United Nations Statistics Division), China as reporter, SITC Rev. 4. The "
        "paper used China Customs' trade by HS section and country, which would come from " + MISSING_TABLE + "."
    ),
    chapter=CHAPTER,
    data_fn=fig4,
    chart_fn=fig4_chart,
    paper_number="Fig. 4",
    columns=FIG4_COLUMNS,
    tables=["us_trade_hs", "comtrade_china_sitc"],
)
