"""Views of the data that several chapters read: one definition each, computed once per process.

- the US-reported deficit with every partner and with a group of partners (USD bn), the members of
  the paper's "Asia" and the runs of deficit years (the US deficit with Asia, tariffs and exchange
  rates, policy chapters);
- the direct-investment positions of ``fdi_positions`` with one value per year (the investment and
  Japan-US chapters).

Views are cached with :func:`tradeimbalance.data.view_cache`, so they are cleared with the tables.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from . import measures
from .data import load, resource, view_cache

#: The reporter of the US-side views.
US_REPORTER = "USA"


# --- the US deficit by partner and by group ------------------------------------------------------

@view_cache
def _us_deficits() -> pd.DataFrame:
    us = measures.reporter_rows(US_REPORTER)
    flows = (us.assign(partner=us["partner"].astype(str), flow=us["flow"].astype(str))
               .set_index(["year", "partner", "flow"])["value_usd_mn"].unstack("flow"))
    deficit = (flows["imports"] - flows["exports"]) / 1000.0  # NaN unless both flows are reported
    out = deficit.unstack("partner")
    out.index = out.index.astype(int)
    return out.sort_index()


def us_deficits() -> pd.DataFrame:
    """US-reported deficit with every partner, USD bn (imports minus exports): rows = years, columns = partners.

    A cell is NaN unless DOTS reports both flows for that partner and year.
    """
    return _us_deficits().copy()


def group_deficit(members, deficits: pd.DataFrame | None = None) -> pd.Series:
    """The US deficit with a group: the sum of its members' deficits, USD bn, by year.

    Members without a reported balance in a year contribute nothing (the US had no recorded trade
    with mainland China before 1972 or with Vietnam during the 1975-1994 embargo); a year
    with no member reported is NaN.
    """
    d = us_deficits() if deficits is None else deficits
    cols = [m for m in members if m in d.columns]
    missing = sorted(set(members) - set(cols))
    if missing:
        raise KeyError(f"partners not reported by the US: {missing}")
    return d[cols].sum(axis=1, min_count=1)


def partner_deficit(partner: str) -> pd.Series:
    """The US-reported deficit with one partner, USD bn, by year."""
    return us_deficits()[partner]


def us_last_year() -> int:
    """Last year of US-reported bilateral data (a calendar year)."""
    return int(us_deficits().index.max())


def footnote_members() -> list[str]:
    """The economies the paper's footnote names as "Asia" (the paper's group of the aggregates table)."""
    return measures.group_members("ASIA_PAPER")


def fig7_members() -> list[str]:
    """The book's "Asia" for Fig. 7 and the 1983-2018 statements: the footnote list plus Taiwan (DOTS codes)."""
    return sorted(set(footnote_members()) | {"TWN"})


def phase1_members() -> list[str]:
    """The set that reproduces the paper's 1965-1980 statements: the footnote list plus Taiwan and Hong Kong."""
    return sorted(set(footnote_members()) | {"TWN", "HKG"})


def first_deficit_year(series: pd.Series, after: int) -> int | None:
    """First year (from ``after``) with a positive deficit in ``series`` (a calendar year, or None)."""
    s = series.dropna()
    s = s[s.index >= after]
    pos = s[s > 0]
    return int(pos.index[0]) if len(pos) else None


def run_start(series: pd.Series, end: int) -> int | None:
    """First year of the unbroken run of positive values of ``series`` that lasts to ``end``
    (a calendar year; None if ``end`` is not positive)."""
    s = series.dropna()
    s = s[s.index <= end]
    if not len(s) or s.iloc[-1] <= 0:
        return None
    start = int(s.index[-1])
    for y in reversed(s.index[:-1]):
        if s.loc[y] > 0 and int(y) == start - 1:
            start = int(y)
        else:
            break
    return start


# --- direct-investment positions --------------------------------------------------------------

#: Preference among sources for one value per year: primary before secondary before tertiary.
SOURCE_RANK = {"primary": 0, "secondary": 1, "tertiary": 2}
#: Source types used in the figures (tertiary text figures are shown in tables only, labelled).
FIGURE_SOURCE_TYPES = ("primary", "secondary")
#: BEA's headline country bases: the immediate foreign parent (FDIUS) / the country of the affiliate (USDIA).
IMMEDIATE_BASES = ("immediate_parent", "affiliate_country", "immediate")


def fdi_points(investor: str, host: str, bases=None, source_types=None) -> pd.DataFrame:
    """Position rows (not flows) of ``fdi_positions`` for one direction (values in USD million),
    optionally limited to bases and source types."""
    df = load("fdi_positions")
    df = df[(df["investor"].astype(str) == investor) & (df["host"].astype(str) == host)
            & (df["measure"].astype(str) == "position")]
    if bases is not None:
        df = df[df["basis"].astype(str).isin(list(bases))]
    if source_types is not None:
        df = df[df["source_type"].astype(str).isin(list(source_types))]
    return df.sort_values("year").reset_index(drop=True)


def _vintage_key(v) -> float:
    """A sortable number for a vintage (a year, or a date/text starting with one); unknown sorts first."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return -math.inf
    m = re.search(r"(19|20)\d{2}", str(v))
    return float(m.group(0)) if m else -math.inf


def pick_one_per_year(points: pd.DataFrame) -> pd.DataFrame:
    """One row per year: the best source type (primary < secondary < tertiary), then the latest vintage.

    ``points`` has at least ``year, value_usd_mn, source_type, vintage``. Rows with a missing value are dropped.
    """
    if points.empty:
        return points.copy()
    df = points.dropna(subset=["value_usd_mn"]).copy()
    df["_rank"] = df["source_type"].astype(str).map(SOURCE_RANK).fillna(9)
    df["_vint"] = [-_vintage_key(v) for v in df["vintage"]]
    df = df.sort_values(["year", "_rank", "_vint"]).drop_duplicates("year", keep="first")
    return df.drop(columns=["_rank", "_vint"]).reset_index(drop=True)


def position_series(investor: str, host: str, bases=IMMEDIATE_BASES, source_types=FIGURE_SOURCE_TYPES) -> pd.Series:
    """Direct-investment position of ``investor`` in ``host`` (USD million), one value per year."""
    picked = pick_one_per_year(fdi_points(investor, host, bases, source_types))
    s = pd.Series(picked["value_usd_mn"].astype("float64").to_numpy(), index=picked["year"].astype(int).to_numpy(),
                  name=f"{investor}_in_{host}_usd_mn")
    s.index.name = "year"
    return s


# --- releases the data descriptor states ---------------------------------------------------------

def wdi_vintage() -> str:
    """The World Bank WDI vintage of table ``macro``, as the descriptor's caveats state it (a year as text, e.g.
    ``"2026"``); the introduction's and the policy chapter's figure sources name it."""
    return next(m.group(1) for c in resource("macro")["caveats"] if (m := re.match(r"Vintage (\d{4})\b", c)))
