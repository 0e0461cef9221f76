"""The US balances with the World, Asia and mainland China (IMF DOTS, US-reported), USD bn.

A balance is US exports minus US imports: negative = deficit.
"""

from __future__ import annotations

import math

import pandas as pd

from ... import views
from ...data import load
from . import PAPER_YEAR, PARTNERS
from .designations import designation_years, episodes


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
    """The last year (calendar year) of the US-reported trade data."""
    return views.us_last_year()


def run_start_of_deficits(balance: pd.Series, end: int) -> int | None:
    """First year (calendar year) of the unbroken run of deficits (negative balances) that lasts to ``end``."""
    return views.run_start(-balance, end)


def turn_to_deficit(end: int = PAPER_YEAR) -> dict[str, int | float | None]:
    """When the US balance with the World turned to lasting deficit.

    Keys ``run_start`` (first year of the run of deficits lasting to ``end``), ``last_surplus``
    (the year before it, if a surplus), ``first_deficit`` (first deficit year after 1960), all
    calendar years or None; ``balance_last_surplus``, ``balance_run_start`` and
    ``balance_run_start_plus2``, USD bn (NaN if missing).
    """
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
    """US exports, imports and balance with the World (USD bn), ``first``-``last`` (limited to ``year``)."""
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
    """The US balance (USD bn) with each partner in the year before a designation episode and the year after it.

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
