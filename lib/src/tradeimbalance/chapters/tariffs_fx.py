"""Tariffs and exchange rates (paper, section 3.2, last paragraph).

The paper argues that tariffs and pressure on partners' exchange rates never
changed the US imbalance: the US trade sector swung from surplus to deficit in
the late 1970s, the United States then targeted Asian exchange rates, and
mainland China was named a "currency manipulator" for the first time in
1992-1994, yet the US deficit with Asia kept growing.

This module reads the US Treasury designations (``currency_designations``) and
the United States' own trade records (IMF DOTS, reporter USA) and shows what the
US balance with the World, with Asia and with mainland China did before and after
each designation. A balance is US exports minus US imports (negative = deficit).
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from ..charts import PALETTE
from ..claims import REPRODUCED, reproduces
from ..data import load
from ..figures import figure
from ..charts.theme import economy_scale
from .. import views

CHAPTER = "tariffs_fx"
PAPER_YEAR = 2018
FIRST_YEAR = 1960

SOURCE = (
    "IMF, Direction of Trade Statistics (vintage early 2022), United States as reporter (exports FOB minus imports "
    "at customs value); US Treasury designations of China as a currency manipulator as transcribed in the "
    "table `currency_designations` (GAO-05-351 and news reports quoting Treasury)."
)

#: Partners of the balance figure: column suffix -> (label, DOTS code or 'ASIA').
PARTNERS = {
    "world": ("World", "WLD"),
    "asia": ("Asia (footnote list plus Taiwan)", "ASIA"),
    "china": ("Mainland China", "CHN"),
}


# --------------------------------------------------------------------------------------------
# Designations
# --------------------------------------------------------------------------------------------

def classify_event(event: str) -> str:
    """``designation``, ``removal`` or ``corroboration`` (a source confirming a range, not an event)."""
    e = str(event).lower()
    if "removed" in e or "removal" in e or "dropped" in e:
        return "removal"
    if "range statement" in e:
        return "corroboration"
    return "designation"


def events() -> pd.DataFrame:
    """The Treasury events with a ``kind`` column (see :func:`classify_event`), sorted by year and date."""
    df = load("currency_designations")
    df["kind"] = [classify_event(e) for e in df["event"]]
    df["year"] = df["year"].astype(int)
    return df.sort_values(["year", "date"], na_position="last").reset_index(drop=True)


def designation_years(ev: pd.DataFrame | None = None) -> list[int]:
    """Years in which the Treasury designated China a currency manipulator."""
    ev = events() if ev is None else ev
    return sorted({int(y) for y in ev.loc[ev["kind"] == "designation", "year"]})


def removal_years(ev: pd.DataFrame | None = None) -> list[int]:
    """Years in which a designation was removed."""
    ev = events() if ev is None else ev
    return sorted({int(y) for y in ev.loc[ev["kind"] == "removal", "year"]})


def episodes(years) -> list[tuple[int, int]]:
    """Runs of consecutive years, e.g. ``[1992, 1993, 1994, 2019] -> [(1992, 1994), (2019, 2019)]``."""
    out: list[tuple[int, int]] = []
    for y in sorted(set(int(v) for v in years)):
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def events_table(year: int) -> pd.DataFrame:
    """The Treasury events up to ``year`` for display (year, date, event, kind, source type)."""
    ev = events()
    ev = ev[ev["year"] <= int(year)]
    return ev[["year", "date", "event", "kind", "source_type"]].assign(year=lambda d: d["year"].astype(str))


# --------------------------------------------------------------------------------------------
# Balances
# --------------------------------------------------------------------------------------------

def us_balances() -> pd.DataFrame:
    """US balance (exports minus imports, USD bn) with the World, Asia and mainland China, by year."""
    d = views.us_deficits()
    out = pd.DataFrame({
        "world": -d["WLD"],
        "asia": -views.group_deficit(views.fig7_members(), d),
        "china": -d["CHN"],
    })
    out.index = out.index.astype(int)
    return out


def last_year() -> int:
    return views.us_last_year()


def run_start_of_deficits(balance: pd.Series, end: int) -> int | None:
    """First year of the unbroken run of deficits (negative balances) that lasts to ``end``."""
    return views.run_start(-balance, end)


def turn_to_deficit(end: int = PAPER_YEAR) -> dict[str, int | float | None]:
    """When the US balance with the World turned to lasting deficit: the run start, the last surplus before it,
    the first deficit year after 1960 and the balances around the turn."""
    w = us_balances()["world"].dropna()
    start = run_start_of_deficits(w, end)
    first = next((int(y) for y in w.index if w[y] < 0), None)
    last_surplus = int(start) - 1 if start is not None and (start - 1) in w.index and w[start - 1] > 0 else None
    return {
        "run_start": start,
        "first_deficit": first,
        "last_surplus": last_surplus,
        "balance_last_surplus": float(w[last_surplus]) if last_surplus is not None else math.nan,
        "balance_run_start": float(w[start]) if start is not None else math.nan,
        "balance_run_start_plus2": float(w.get(start + 2, math.nan)) if start is not None else math.nan,
    }


def swing_table(year: int, first: int = 1970, last: int = 1980) -> pd.DataFrame:
    """US balance with the World, exports and imports, ``first``-``last`` (limited to ``year``)."""
    bt = load("bilateral_trade")
    us = bt[(bt["reporter"] == "USA") & (bt["partner"] == "WLD")]
    wide = us.set_index(["year", us["flow"].astype(str)])["value_usd_mn"].unstack() / 1000.0
    wide.index = wide.index.astype(int)
    end = min(int(year), int(last))
    wide = wide.loc[first:end]
    return pd.DataFrame({
        "year": [str(y) for y in wide.index],
        "exports": wide["exports"].to_numpy(),
        "imports": wide["imports"].to_numpy(),
        "balance": (wide["exports"] - wide["imports"]).to_numpy(),
    })


def episode_effects(year: int) -> pd.DataFrame:
    """The US balance with each partner in the year before a designation episode and the year after it.

    Episodes are runs of designation years (1992-1994, 2019). 'After' is the first year after the
    episode; it is NaN when it lies beyond ``year`` or beyond the data (DOTS ends in 2020).
    """
    bal = us_balances()
    last = min(int(year), last_year())
    rows = []
    for a, b in episodes(designation_years()):
        if a > int(year):
            continue
        before, after = a - 1, b + 1
        for key, (label, _) in PARTNERS.items():
            vb = float(bal[key].get(before, math.nan)) if before <= last else math.nan
            va = float(bal[key].get(after, math.nan)) if after <= last else math.nan
            rows.append({
                "episode": f"{a}" if a == b else f"{a}–{b}",
                "partner": label,
                "year_before": str(before),
                "balance_before": vb,
                "year_after": str(after),
                "balance_after": va,
                "change": va - vb,
            })
    return pd.DataFrame(rows, columns=["episode", "partner", "year_before", "balance_before", "year_after",
                                       "balance_after", "change"])


# --------------------------------------------------------------------------------------------
# Figure
# --------------------------------------------------------------------------------------------

FIG_COLUMNS = ["year", "us_balance_world_usd_bn", "us_balance_asia_usd_bn", "us_balance_china_usd_bn",
               "china_designated"]


def _chart(df: pd.DataFrame, year: int):
    return balance_chart(df, year=year)


@figure(
    "tariffs_fx_balance",
    title="US trade balance and the currency-manipulator designations of China",
    caption=(
        "US merchandise balance (exports minus imports; negative = deficit) with the World, with Asia (the paper's "
        "footnote list plus Taiwan, as in Fig. 7) and with mainland China, to {year}. Shaded years: the US Treasury "
        "designated China a currency manipulator; dashed line: the designation was removed. In the table view, "
        "the designation years are marked yes."
    ),
    source=SOURCE,
    chapter=CHAPTER,
    tables=["bilateral_trade", "currency_designations", "aggregates"],
    columns=FIG_COLUMNS,
    chart=_chart,
)
def balance_data(year: int) -> pd.DataFrame:
    """Every year from 1960 to ``year`` (DOTS ends in 2020); NaN where the US reports no trade."""
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
    """Three balance lines, shaded designation years and a dashed rule at each removal (up to ``year``)."""
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


# --------------------------------------------------------------------------------------------
# Claims (paper, section 3.2, paragraph 5)
# --------------------------------------------------------------------------------------------

@reproduces("s3_2_currency_manipulator_first")
def _first_designation():
    return float(designation_years()[0])


@reproduces("s3_2_currency_manipulator_last")
def _last_designation():
    return float(episodes(designation_years())[0][1])


@reproduces("s3_2_us_trade_turns_to_deficit")
def _turn_decade():
    start = turn_to_deficit(PAPER_YEAR)["run_start"]
    return None if start is None else float(start // 10 * 10)


def claims_display() -> pd.DataFrame:
    """The chapter's claims table for display (a value in unit 'decade' is shown as e.g. '1970s')."""
    from .. import claims as _claims

    return _claims.display_table(_claims.evaluate(chapter=CHAPTER))
