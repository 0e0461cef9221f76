"""The chapter's figure: the US balances with the World, Asia and mainland China and China's designations.

The data function, then the chart function, then ``BALANCE`` (the figure record).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ...charts import PALETTE
from ...charts.theme import economy_scale
from ...data import vintage
from ...figures import Figure
from . import CHAPTER, FIG_COLUMNS, FIRST_YEAR
from .balances import last_year, us_balances
from .designations import designation_years, removal_years

SOURCE = (
    vintage("bilateral_trade") + ", United States as reporter (exports FOB minus imports at customs value); "
    "US Treasury designations of China as a currency manipulator as transcribed in the table "
    "`currency_designations` (GAO-05-351 and news reports quoting Treasury)."
)


def balance_data(year: int) -> pd.DataFrame:
    """US balances (USD bn) with the World, Asia and mainland China and whether China was designated, every year
    from 1960 to ``year`` (DOTS ends in 2020); NaN where the US reports no trade."""
    end = min(int(year), last_year())
    years = list(range(FIRST_YEAR, end + 1))
    bal = us_balances().reindex(years)
    designated = set(designation_years())
    return pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "us_balance_world_usd_bn": bal["world"].round(6).to_numpy(),
        "us_balance_asia_usd_bn": bal["asia"].round(6).to_numpy(),
        "us_balance_china_usd_bn": bal["china"].round(6).to_numpy(),
        "china_designated": np.array([y in designated for y in years], dtype=bool),
    })


def balance_chart(df: pd.DataFrame, year: int):
    """The balance figure as an Altair chart: three balance lines (USD bn), shaded designation years and a dashed
    rule at each removal (up to ``year``)."""
    end = int(df["year"].max()) if len(df) else int(year)
    long = df.melt(id_vars=["year"], value_vars=FIG_COLUMNS[1:4], var_name="series", value_name="balance")
    names = {"us_balance_world_usd_bn": "World", "us_balance_asia_usd_bn": "Asia",
             "us_balance_china_usd_bn": "Mainland China"}
    long["partner"] = long["series"].map(names)
    long = long.dropna(subset=["balance"])
    scale = alt.Scale(domain=[FIRST_YEAR - 0.5, max(end, FIRST_YEAR + 1) + 0.5], nice=False, zero=False)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=5), scale=scale)
    lines = (
        alt.Chart(long)
        .mark_line()
        .encode(
            x=x,
            y=alt.Y("balance:Q", title="US trade balance (USD bn)"),
            color=alt.Color("partner:N", title="US balance with",
                            scale=economy_scale(["World", "Asia", "Mainland China"])),
            tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("partner:N", title="Partner"),
                     alt.Tooltip("balance:Q", title="Balance (USD bn)", format=",.1f")],
        )
    )
    layers = []
    shade = pd.DataFrame([{"year": y - 0.5, "year_end": y + 0.5, "label": f"Designated {y}"}
                          for y in designation_years() if y <= end])
    if len(shade):
        layers.append(
            alt.Chart(shade).mark_rect(color=PALETTE[4], opacity=0.35).encode(
                x=x, x2="year_end:Q",
                tooltip=[alt.Tooltip("label:N", title="US Treasury")])
        )
    rm = pd.DataFrame([{"year": y, "label": f"Designation removed {y}"} for y in removal_years() if y <= end])
    if len(rm):
        layers.append(
            alt.Chart(rm).mark_rule(color=PALETTE[4], strokeDash=[5, 4], strokeWidth=2).encode(
                x=x, tooltip=[alt.Tooltip("label:N", title="US Treasury")])
        )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#888888").encode(
        y=alt.Y("y:Q", title="US trade balance (USD bn)"))
    return (
        alt.layer(*layers, zero, lines)
        .properties(width=560, height=340,
                    title=alt.TitleParams(f"US trade balance and China's currency designations, {FIRST_YEAR}-{end}",
                                          subtitle="US-reported merchandise trade; shaded: years China was designated"))
    )


BALANCE = Figure(
    id="tariffs_fx_balance",
    title="US trade balance and the currency-manipulator designations of China",
    caption=(
        "US merchandise balance (exports minus imports; negative = deficit) with the World, with Asia (the paper's "
        "footnote list plus Taiwan, as in Fig. 7) and with mainland China, to {year}. Shaded years: the US Treasury "
        "designated China a currency manipulator; dashed line: the designation was removed. In the table view, "
        "the designation years are marked yes."
    ),
    source=SOURCE,
    chapter=CHAPTER,
    data_fn=balance_data,
    chart_fn=balance_chart,
    columns=FIG_COLUMNS,
    tables=["bilateral_trade", "currency_designations", "aggregates"],
)
