"""Chapter "Asymmetric investment" (paper, section 3.1(1)): US and Chinese direct investment in each other.

The paper argues that the US-China investment relationship is asymmetric (非对称投资关系): US firms serve
the Chinese market through affiliates in China (market-seeking investment, 市场寻求型投资), whose sales are
not US exports, while Chinese firms serve the US mainly by exporting. Its Fig. 5 shows the two
direct-investment positions since 1980, and the text states that over 2010-2018 the US position in China
was 7.8 times China's position in the US.

Data (all through :func:`tradeimbalance.load`):

- ``fdi_positions``: the US position in China (BEA, US direct investment abroad, historical cost) and China's
  position in the US (BEA, foreign direct investment in the US, historical cost, by country of the
  *immediate* foreign parent), plus China's own outward statistics (MOFCOM) as a cross-check.

Everything a chapter cell needs is a function here; the chapter only calls them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import altair as alt
import numpy as np
import pandas as pd

from ..book import glue_text as book_glue_text
from .. import fmt, measures
from ..charts.theme import PALETTE, economy_color
from ..claims import BOUNDED, CLOSE, DIFFERS, DOCUMENTED, NOT_REPRODUCIBLE, REPRODUCED, reproduces  # noqa: F401  (statuses named in claims)
from ..data import load
from ..figures import figure
from ..views import (FIGURE_SOURCE_TYPES, IMMEDIATE_BASES, SOURCE_RANK, fdi_points, pick_one_per_year,  # noqa: F401
                     position_series)

CHAPTER = "investment"
#: The year the paper's section 3.1 refers to.
PAPER_YEAR = 2018
#: First year of the paper's Fig. 5.
FIRST_YEAR = 1980
#: The window of the paper's "7.8 times" statement.
RATIO_START, RATIO_END = 2010, 2018
#: Years the paper gives for the start of each direction of investment (as reported, section 3.1).
PAPER_START_US_IN_CHINA, PAPER_START_CHINA_IN_US = 1982, 2002

#: Preference among sources for one value per year: primary before secondary before tertiary.
#: Source types used in the figures (tertiary text figures are shown in tables only, labelled).
#: BEA's headline country bases: the immediate foreign parent (FDIUS) / the country of the affiliate (USDIA).
UBO_BASES = ("ultimate_owner", "ubo")
MOFCOM_BASES = ("mofcom_outward",)

US, CHINA = "USA", "CHN"

FIG5_COLUMNS = ["year", "us_position_in_china_usd_bn", "china_position_in_us_usd_bn"]
SERIES_LABELS = {
    "us_position_in_china_usd_bn": "US position in China (BEA USDIA)",
    "china_position_in_us_usd_bn": "China's position in the US (BEA FDIUS)",
}


# --- selecting one value per year -----------------------------------------------------------------

def fdi_points_all(investor: str, host: str, measure: str = "flow") -> pd.DataFrame:
    """Rows of ``fdi_positions`` for one direction and one measure (``position`` or ``flow``)."""
    df = load("fdi_positions")
    df = df[(df["investor"].astype(str) == investor) & (df["host"].astype(str) == host)
            & (df["measure"].astype(str) == measure)]
    return df.sort_values("year").reset_index(drop=True)


def us_in_china() -> pd.Series:
    """US direct-investment position in China, BEA (USDIA), USD million."""
    return position_series(US, CHINA)


def china_in_us(bases=IMMEDIATE_BASES) -> pd.Series:
    """China's direct-investment position in the US, USD million (default: BEA, immediate parent)."""
    return position_series(CHINA, US, bases)


# --- Fig. 5 -----------------------------------------------------------------------------------------

def fig5_chart(df: pd.DataFrame, year: int):
    """Lines (broken where a year is missing) and points for the two positions, USD bn."""
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


@figure(
    "fig5",
    title="US and Chinese direct-investment positions in each other",
    paper_number="Fig. 5",
    chapter=CHAPTER,
    tables=["fdi_positions"],
    columns=FIG5_COLUMNS,
    chart=fig5_chart,
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
)
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


# --- the "7.8 times": two readings ------------------------------------------------------------------

@dataclass
class RatioReadings:
    """Two readings of "A was k times B over a window" for yearly positions A (numerator) and B."""

    start: int
    end: int
    years_used: list[int] = field(default_factory=list)
    years_missing: list[int] = field(default_factory=list)
    yearly: pd.Series = field(default_factory=lambda: pd.Series(dtype="float64"))
    mean_of_ratios: float = math.nan
    ratio_of_sums: float = math.nan

    @property
    def complete(self) -> bool:
        """Every year of the window has both values."""
        return bool(self.years_used) and not self.years_missing


def yearly_ratios(num: pd.Series, den: pd.Series, start: int, end: int) -> pd.Series:
    """``num / den`` for each year of ``start..end`` where both are present and ``den`` is not zero."""
    years = list(range(int(start), int(end) + 1))
    n = pd.Series(num, dtype="float64").reindex(years)
    d = pd.Series(den, dtype="float64").reindex(years)
    r = n / d.where(d != 0)
    return r.dropna()


def mean_of_yearly_ratios(num: pd.Series, den: pd.Series, start: int, end: int) -> float:
    """Reading 1: the arithmetic mean of the yearly ratios ``num_t / den_t`` (years with both values)."""
    r = yearly_ratios(num, den, start, end)
    return float(r.mean()) if len(r) else math.nan


def ratio_of_sums(num: pd.Series, den: pd.Series, start: int, end: int) -> float:
    """Reading 2: ``sum(num_t) / sum(den_t)`` over the years with both values."""
    r = yearly_ratios(num, den, start, end)
    if not len(r):
        return math.nan
    years = list(r.index)
    return float(pd.Series(num, dtype="float64").reindex(years).sum() / pd.Series(den, dtype="float64").reindex(years).sum())


def ratio_readings(num: pd.Series, den: pd.Series, start: int, end: int) -> RatioReadings:
    """Both readings over ``start..end``, with the years used and the years missing."""
    r = yearly_ratios(num, den, start, end)
    years = list(range(int(start), int(end) + 1))
    return RatioReadings(
        start=int(start), end=int(end),
        years_used=[int(y) for y in r.index],
        years_missing=[y for y in years if y not in set(int(i) for i in r.index)],
        yearly=r,
        mean_of_ratios=mean_of_yearly_ratios(num, den, start, end),
        ratio_of_sums=ratio_of_sums(num, den, start, end),
    )


def ratio_window(year: int) -> tuple[int, int] | None:
    """The part of the paper's 2010-2018 window that lies up to ``year`` (None before 2010)."""
    end = min(int(year), RATIO_END)
    return None if end < RATIO_START else (RATIO_START, end)


def paper_window_readings(year: int = PAPER_YEAR, bases=IMMEDIATE_BASES) -> RatioReadings | None:
    """US position in China / China's position in the US over the paper's window (up to ``year``)."""
    w = ratio_window(year)
    if w is None:
        return None
    return ratio_readings(us_in_china(), china_in_us(bases), *w)


def year_ranges(years: list[int]) -> str:
    """``[2010, 2011, 2012, 2015]`` -> ``'2010–2012, 2015'`` (an en dash for runs); empty -> em dash."""
    return fmt.year_ranges(years, empty="—")


READINGS_COLUMNS = ["China's position: basis", "reading", "years used", "years missing", "source types",
                    "ratio (times)"]


def readings_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Both readings on each basis of China's position, over the paper's window up to ``year``.

    One row per basis and reading: the years used (both positions present), the years missing, the source
    types behind China's position in the years used, and the ratio (NaN where the basis has no data). The
    UBO basis is listed although no source has it, so that its absence shows.
    """
    w = ratio_window(year)
    if w is None:
        return pd.DataFrame(columns=READINGS_COLUMNS)
    bases = [
        ("BEA, immediate foreign parent", IMMEDIATE_BASES),
        ("BEA, ultimate beneficial owner (UBO)", UBO_BASES),
        ("MOFCOM, China's outward statistics", MOFCOM_BASES),
    ]
    us = us_in_china()
    rows = []
    for label, b in bases:
        picked = pick_one_per_year(fdi_points(CHINA, US, b, ("primary", "secondary", "tertiary")))
        cn = pd.Series(picked["value_usd_mn"].astype("float64").to_numpy(),
                       index=picked["year"].astype(int).to_numpy()) if len(picked) else pd.Series(dtype="float64")
        r = ratio_readings(us, cn, *w)
        used = picked[picked["year"].astype(int).isin(r.years_used)] if len(picked) else picked
        types = ", ".join(sorted(set(used["source_type"].astype(str)), key=lambda t: SOURCE_RANK.get(t, 9))) if len(used) else "no data"
        for reading, value in (("mean of yearly ratios", r.mean_of_ratios), ("ratio of summed positions", r.ratio_of_sums)):
            rows.append({
                "China's position: basis": label,
                "reading": reading,
                "years used": year_ranges(r.years_used),
                "years missing": year_ranges(r.years_missing),
                "source types": types,
                "ratio (times)": value,
            })
    return pd.DataFrame(rows, columns=READINGS_COLUMNS)


def yearly_ratio_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Year by year over the paper's window: both positions (USD bn) and their ratio (NaN where a value is missing)."""
    w = ratio_window(year)
    if w is None:
        return pd.DataFrame(columns=["year", "US position in China (USD bn)", "China's position in the US (USD bn)", "ratio (times)"])
    years = list(range(w[0], w[1] + 1))
    us = measures.mn_to_bn(us_in_china()).reindex(years)
    cn = measures.mn_to_bn(china_in_us()).reindex(years)
    return pd.DataFrame({
        "year": [str(y) for y in years],
        "US position in China (USD bn)": us.to_numpy(dtype="float64"),
        "China's position in the US (USD bn)": cn.to_numpy(dtype="float64"),
        "ratio (times)": (us / cn).to_numpy(dtype="float64"),
    })


# --- what the data say about the start years --------------------------------------------------------

def first_year(s: pd.Series) -> int | None:
    """First year with a positive value, or None."""
    s = s.dropna()
    s = s[s > 0]
    return int(s.index.min()) if len(s) else None


def start_evidence() -> dict:
    """The earliest values in the data for each direction (the data cannot date the first investment)."""
    us = position_series(US, CHINA, None, ("primary", "secondary", "tertiary"))
    cn_bea = china_in_us()
    cn_mof = position_series(CHINA, US, MOFCOM_BASES, ("primary", "secondary", "tertiary"))
    flows = fdi_points_all(CHINA, US, measure="flow")
    out = {
        "us_first_year": first_year(us),
        "us_first_value_bn": None,
        "cn_bea_first_year": first_year(cn_bea),
        "cn_mofcom_first_year": first_year(cn_mof),
        "cn_mofcom_first_value_bn": None,
    }
    if out["us_first_year"] is not None:
        out["us_first_value_bn"] = measures.mn_to_bn(float(us.loc[out["us_first_year"]]))
    out["cn_mofcom_first_flow_bn"] = None
    if out["cn_mofcom_first_year"] is not None:
        y = out["cn_mofcom_first_year"]
        out["cn_mofcom_first_value_bn"] = measures.mn_to_bn(float(cn_mof.loc[y]))
        f = flows[(flows["year"].astype(int) == y) & (flows["basis"].astype(str).isin(MOFCOM_BASES))]
        if len(f):
            out["cn_mofcom_first_flow_bn"] = measures.mn_to_bn(float(f["value_usd_mn"].iloc[0]))
    return out


# --- pace: China accelerated after 2010 and slowed after 2016; the US rose steadily ------------------

#: The paper's breakpoints for the pace statements: periods before, between and after them.
PACE_PERIODS = ((2008, 2010), (2010, 2016), (2016, 2018))
#: Shortest segment (in yearly steps) on either side of a break year.
MIN_SEGMENT_YEARS = 2


def mean_annual_increase(s: pd.Series, start: int, end: int) -> float:
    """Average yearly increase of a position between two years, ``(s[end] - s[start]) / (end - start)``.

    For a direct-investment position this is net investment plus valuation and other changes per year: a
    measure of the *pace* of investment in money terms (a growth rate from a tiny base says little).
    """
    if end <= start:
        raise ValueError(f"end ({end}) must be after start ({start})")
    s = pd.Series(s, dtype="float64")
    if start not in s.index or end not in s.index or pd.isna(s.loc[start]) or pd.isna(s.loc[end]):
        return math.nan
    return float((s.loc[end] - s.loc[start]) / (end - start))


def break_year(s: pd.Series, kind: str, start: int | None = None, end: int | None = None,
               min_years: int = MIN_SEGMENT_YEARS) -> int | None:
    """The year that splits ``start..end`` into the largest change in the mean yearly increase.

    For each candidate year ``b`` (at least ``min_years`` from either end, with a value), compare the mean
    yearly increase over ``start..b`` with that over ``b..end``. ``kind="acceleration"`` returns the ``b`` with
    the largest rise (after minus before); ``kind="slowdown"`` the largest fall (before minus after). The
    window defaults to the first and last years of ``s``. None if no candidate exists.
    """
    if kind not in ("acceleration", "slowdown"):
        raise ValueError("kind must be 'acceleration' or 'slowdown'")
    s = pd.Series(s, dtype="float64").dropna()
    if s.empty:
        return None
    start = int(s.index.min()) if start is None else int(start)
    end = int(s.index.max()) if end is None else int(end)
    best, best_gap = None, -math.inf
    for b in sorted(int(y) for y in s.index):
        if b - start < min_years or end - b < min_years:
            continue
        before, after = mean_annual_increase(s, start, b), mean_annual_increase(s, b, end)
        if math.isnan(before) or math.isnan(after):
            continue
        gap = (after - before) if kind == "acceleration" else (before - after)
        if gap > best_gap:
            best, best_gap = b, gap
    return best


def china_break_years(end: int = PAPER_YEAR) -> dict:
    """Break years of China's position in the US (BEA, immediate parent), from its first year to ``end``."""
    cn = china_in_us()
    cn = cn[cn.index <= int(end)]
    if len(cn) < 2 * MIN_SEGMENT_YEARS + 1:
        return {"acceleration": None, "slowdown": None, "start": None, "end": None}
    return {
        "acceleration": break_year(cn, "acceleration"),
        "slowdown": break_year(cn, "slowdown"),
        "start": int(cn.index.min()),
        "end": int(cn.index.max()),
    }


def _cagr_or_nan(s: pd.Series, start: int, end: int) -> float:
    try:
        return float(measures.growth_rate(s, start, end, method="cagr"))
    except ValueError:
        return math.nan


PACE_COLUMNS = ["series", "period", "start (USD bn)", "end (USD bn)", "mean yearly increase (USD bn)",
                "growth (% a year, CAGR)"]


def pace_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Mean yearly increase and compound growth of each position over the paper's periods (up to ``year``).

    A period whose end year has no value is shortened to the last year with a value, and the row says so.
    """
    series = {
        "China's position in the US (BEA, immediate parent)": china_in_us(),
        "US position in China (BEA)": us_in_china(),
    }
    rows = []
    for label, s in series.items():
        s = s[s.index <= int(year)]
        for a, b in PACE_PERIODS:
            if a not in s.index:
                continue
            end = max((y for y in s.index if a < y <= b), default=None)
            if end is None:
                continue
            rows.append({
                "series": label,
                "period": f"{a}–{end}" + ("" if end == b else f" (no value for {b})"),
                "start (USD bn)": measures.mn_to_bn(float(s.loc[a])),
                "end (USD bn)": measures.mn_to_bn(float(s.loc[end])),
                "mean yearly increase (USD bn)": measures.mn_to_bn(mean_annual_increase(s, a, end)),
                "growth (% a year, CAGR)": _cagr_or_nan(s, a, end),
            })
    return pd.DataFrame(rows, columns=PACE_COLUMNS)


def us_pace_facts(year: int = PAPER_YEAR) -> dict:
    """The US position over the paper's window (up to ``year``): years it fell, years compared, CAGR."""
    us = us_in_china()
    w = us[(us.index >= RATIO_START) & (us.index <= min(int(year), RATIO_END))].sort_index()
    change = w.diff().dropna()
    first, last = (int(w.index.min()), int(w.index.max())) if len(w) else (None, None)
    return {
        "years_falling": [int(y) for y in change.index[change < 0]],
        "years_rising": int((change > 0).sum()),
        "years_compared": int(len(change)),
        "first": first, "last": last,
        "cagr": _cagr_or_nan(w, first, last) if first is not None and last != first else math.nan,
    }


# --- glue helpers -----------------------------------------------------------------------------------

glue_text = book_glue_text  # shared helper, kept under this name for the chapter


# --- claims -----------------------------------------------------------------------------------------
# The reported values, sections and units live in data/paper_reported.csv.

@reproduces("s3_1_us_china_fdi_ratio_2010_2018")
def reproduce_fdi_ratio():
    r = paper_window_readings(PAPER_YEAR)
    if r is None:
        return None
    if r.complete:
        return r.mean_of_ratios
    return (r.ratio_of_sums, r.mean_of_ratios)  # the two readings over the years that have both positions


@reproduces("s3_1_china_fdi_accelerates_after")
def reproduce_china_accelerates():
    return china_accelerates_after(2010, PAPER_YEAR)


def china_accelerates_after(year: int, end: int = PAPER_YEAR) -> float | None:
    """``year`` if China's position in the US rose faster on average (USD per year) after ``year`` than before it.

    Compares the mean yearly increase from the series' first year to ``year`` with that from ``year`` to ``end``;
    returns None without two yearly steps on each side, NaN if the pace did not rise.
    """
    s = china_in_us().dropna()
    if s.empty or int(s.index.min()) > year - 2 or int(s.index.max()) < year + 2:
        return None
    before = mean_annual_increase(s, int(s.index.min()), year)
    after = mean_annual_increase(s, year, min(end, int(s.index.max())))
    return float(year) if after > before else math.nan


@reproduces("s3_1_china_fdi_slows_after")
def reproduce_china_slows():
    return china_break_years(PAPER_YEAR)["slowdown"]


@reproduces("s3_1_firrma_year")
def reproduce_firrma():
    return 2018.0  # enacted 13 August 2018, as the cited public law records


# --- the claims table as shown in the chapters ----------------------------------------------------------

def claims_display(table: pd.DataFrame) -> pd.DataFrame:
    """The claims table as shown in the chapter (years, decades and values formatted by unit)."""
    from ..claims import display_table

    return display_table(table)
