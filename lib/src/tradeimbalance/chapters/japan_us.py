"""Chapter "Japan, Korea and the United States" (paper, section 3.1(2)).

The paper argues that a more symmetric investment relationship eased Japan's (and Korea's) trade imbalance
with the United States: Japanese direct investment in the US replaced part of Japan's exports to it. Its
Fig. 6 shows Japan's and Korea's export shares to the US and the share of Japan's outward direct-investment
stock that is in the US.

Data (all through :func:`tradeimbalance.load`):

- ``bilateral_trade`` (IMF DOTS, reporter's own figures): exports of Japan, Korea and China to the US and to
  the world;
- ``fdi_positions``: Japan's direct-investment position in the US (BEA, historical cost, immediate parent);
- ``fdi_stock_unctad``: Japan's total outward direct-investment stock (UNCTAD).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .. import measures
from ..charts.theme import PALETTE
from ..claims import CLOSE, DIFFERS, NOT_REPRODUCIBLE, REPRODUCED, reproduces  # noqa: F401
from ..data import load, view_cache
from ..figures import figure
from ..charts.theme import economy_scale
from ..views import FIGURE_SOURCE_TYPES, IMMEDIATE_BASES, fdi_points, pick_one_per_year  # noqa: F401

CHAPTER = "japan_us"
#: The year the paper's section 3.1 refers to.
PAPER_YEAR = 2018
#: First year of Fig. 6.
FIRST_YEAR = 1980
#: The paper's "1980s": the yearly shares of 1980-1989 are averaged (arithmetic mean).
DECADE_1980S = (1980, 1989)
#: "After 2010": the years 2010 to 2019 (the period of the statement in paper_reported; the paper's
#: trade data run to 2019). The highest share is the same if the period ends in 2018.
AFTER_2010_START, AFTER_2010_END = 2010, 2019

JAPAN, KOREA, CHINA, US, WORLD = "JPN", "KOR", "CHN", "USA", "WLD"

FIG6_COLUMNS = ["year", "japan_exports_to_us_share_pct", "korea_exports_to_us_share_pct", "japan_fdi_in_us_share_pct"]
SERIES_LABELS = {
    "japan_exports_to_us_share_pct": "Japan: exports to the US (% of its exports)",
    "korea_exports_to_us_share_pct": "Korea: exports to the US (% of its exports)",
    "japan_fdi_in_us_share_pct": "Japan: position in the US (% of its outward FDI stock)",
}


# --- export shares ---------------------------------------------------------------------------------

@view_cache
def exports_to(reporter: str, partner: str) -> pd.Series:
    """``reporter``'s exports to ``partner`` as the reporter reports them (IMF DOTS), USD million, by year."""
    bt = load("bilateral_trade")
    sel = bt[(bt["reporter"].astype(str) == reporter) & (bt["partner"].astype(str) == partner)
             & (bt["flow"].astype(str) == "exports")]
    s = pd.Series(sel["value_usd_mn"].astype("float64").to_numpy(), index=sel["year"].astype(int).to_numpy())
    s.index.name = "year"
    return s.sort_index()


def export_share_to_us(reporter: str) -> pd.Series:
    """Exports to the US as a percentage of exports to the world, by year (reporter's own DOTS figures)."""
    us, world = exports_to(reporter, US), exports_to(reporter, WORLD)
    years = us.index.intersection(world.index)
    s = measures.share(us.loc[years], world.loc[years]).dropna()
    s.name = f"{reporter}_exports_to_us_share_pct"
    return s


def decade_mean(share: pd.Series, start: int = DECADE_1980S[0], end: int = DECADE_1980S[1]) -> float:
    """Arithmetic mean of the yearly shares over ``start..end`` (NaN unless every year is present)."""
    window = share.reindex(range(start, end + 1))
    return math.nan if window.isna().any() else float(window.mean())


def decade_facts(reporter: str) -> dict:
    """1980s facts: mean of yearly shares 1980-1989, the endpoint years, the lowest and highest year."""
    s = export_share_to_us(reporter)
    w = s.reindex(range(DECADE_1980S[0], DECADE_1980S[1] + 1))
    return {
        "mean": decade_mean(s),
        "first": float(w.iloc[0]),
        "last": float(w.iloc[-1]),
        "min": float(w.min()), "min_year": int(w.idxmin()),
        "max": float(w.max()), "max_year": int(w.idxmax()),
    }


def peak(share: pd.Series, start: int, end: int) -> tuple[float, int]:
    """Highest share within ``start..end`` and its year."""
    w = share[(share.index >= start) & (share.index <= end)].dropna()
    return float(w.max()), int(w.idxmax())


def after_2010_facts(reporter: str = JAPAN, end: int = AFTER_2010_END) -> dict:
    """Shares from 2010 to ``end``: highest (and its year), mean, and the years at or above 20%."""
    s = export_share_to_us(reporter)
    w = s[(s.index >= AFTER_2010_START) & (s.index <= end)]
    return {
        "max": float(w.max()), "max_year": int(w.idxmax()),
        "mean": float(w.mean()),
        "years_at_or_above_20": [int(y) for y in w.index[w >= 20]],
        "start": AFTER_2010_START, "end": int(w.index.max()),
    }


def decline_facts(reporter: str = JAPAN, end: int = PAPER_YEAR) -> dict:
    """Where the decline of the export share to the US starts and how steep it is.

    The start is the year of the highest share from 1980 to ``end``; the trend is the least-squares slope of
    the yearly share on the year from that peak to ``end`` (percentage points a year).
    """
    s = export_share_to_us(reporter)
    s = s[(s.index >= FIRST_YEAR) & (s.index <= end)].dropna()
    peak_year = int(s.idxmax())
    after = s[s.index >= peak_year]
    x = pd.Series(after.index, dtype="float64")
    y = pd.Series(after.to_numpy(), dtype="float64")
    slope = float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()) if len(after) > 1 else math.nan
    return {
        "peak": float(s.max()), "peak_year": peak_year, "peak_decade": peak_year // 10 * 10,
        "slope_pp_per_year": slope, "end": int(after.index.max()), "end_share": float(after.iloc[-1]),
    }


# --- Japan's investment in the US as a share of its outward stock ------------------------------------

def japan_position_in_us(source_types=FIGURE_SOURCE_TYPES) -> pd.DataFrame:
    """Japan's direct-investment position in the US (BEA, immediate parent), one row per year.

    Columns of ``fdi_positions`` (``year, value_usd_mn, source, source_type, vintage, ...``); where two sources
    give a year, the primary one (then the latest vintage) is kept.
    """
    return pick_one_per_year(fdi_points(JAPAN, US, IMMEDIATE_BASES, source_types))


def japan_outward_stock() -> pd.Series:
    """Japan's total outward direct-investment stock (UNCTAD), USD million, by year."""
    st = load("fdi_stock_unctad")
    sel = st[(st["economy"].astype(str) == JAPAN) & (st["direction"].astype(str) == "outward")].dropna(subset=["value_usd_mn"])
    s = pd.Series(sel["value_usd_mn"].astype("float64").to_numpy(), index=sel["year"].astype(int).to_numpy())
    s.index.name = "year"
    return s.sort_index()


def japan_fdi_share(source_types=FIGURE_SOURCE_TYPES) -> pd.Series:
    """Japan's position in the US (BEA) as a percentage of Japan's outward stock (UNCTAD), years with both."""
    pos = japan_position_in_us(source_types)
    num = pd.Series(pos["value_usd_mn"].astype("float64").to_numpy(), index=pos["year"].astype(int).to_numpy())
    den = japan_outward_stock()
    years = num.index.intersection(den.index)
    s = measures.share(num.loc[years], den.loc[years]).dropna()
    s.index.name = "year"
    return s.sort_index()


#: Readable labels for the bases of fdi_positions.
BASIS_LABELS = {
    "immediate_parent": "BEA, immediate parent",
    "jetro": "JETRO, Japan's outward position",
    "unspecified": "text figure, basis unknown",
}


def short_source(row) -> str:
    """A short label for where a value of Japan's position in the US comes from."""
    if str(row.source_type) == "primary":
        return "BEA table"
    if "blogspot" in str(row.source_url):
        return "BEA text, quoted in a blog"
    if "state.gov" in str(row.source_url):
        return "US State Dept., citing " + ("JETRO" if str(row.basis) == "jetro" else "BEA")
    if "EBC" in str(row.source):
        return "EBC (1992), quoted in an abstract"
    return str(row.source)


def fdi_points_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Every value of Japan's position in the US up to ``year`` (all bases and source types) and its share.

    The share is computed against UNCTAD's outward stock of the same year where that exists (from 1990).
    """
    pts = fdi_points(JAPAN, US)
    pts = pts[pts["year"].astype(int) <= int(year)]
    den = japan_outward_stock()
    rows = []
    for r in pts.itertuples(index=False):
        y = int(r.year)
        total = den.get(y, math.nan)
        rows.append({
            "year": str(y),
            "position (USD bn)": measures.mn_to_bn(float(r.value_usd_mn)),
            "basis": BASIS_LABELS.get(str(r.basis), str(r.basis)),
            "source": short_source(r),
            "source type": str(r.source_type),
            "outward stock (USD bn, UNCTAD)": measures.mn_to_bn(total),
            "share (%)": measures.share(float(r.value_usd_mn), total) if not math.isnan(total) else math.nan,
        })
    return pd.DataFrame(rows, columns=["year", "position (USD bn)", "basis", "source", "source type",
                                       "outward stock (USD bn, UNCTAD)", "share (%)"])


def fdi_share_facts(end: int = PAPER_YEAR) -> dict:
    """Shares up to ``end`` (figure sources): lowest (year), highest (year), years below 30%, years covered."""
    s = japan_fdi_share()
    s = s[s.index <= end]
    return {
        "min": float(s.min()), "min_year": int(s.idxmin()),
        "max": float(s.max()), "max_year": int(s.idxmax()),
        "years_below_30": [int(y) for y in s.index[s < 30]],
        "years": [int(y) for y in s.index],
        "in_1990s": [int(y) for y in s.index if 1990 <= y <= 1999],
    }


# --- China's export share to the US (footnote) -------------------------------------------------------

def china_share_peak(end: int = PAPER_YEAR) -> dict:
    """China's exports to the US / to the world (China-reported DOTS): the highest share up to ``end``,
    its year, the runner-up, and the share in 2002 (the year the paper names)."""
    s = export_share_to_us(CHINA)
    s = s[s.index <= end]
    ordered = s.sort_values(ascending=False)
    return {
        "max": float(ordered.iloc[0]), "max_year": int(ordered.index[0]),
        "second": float(ordered.iloc[1]), "second_year": int(ordered.index[1]),
        "share_2002": float(s.get(2002, math.nan)),
        "first_year": int(s.index.min()),
    }


# --- Fig. 6 -----------------------------------------------------------------------------------------

def fig6_chart(df: pd.DataFrame, year: int):
    """Export shares as lines; the investment share as points joined only across consecutive years."""
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


@figure(
    "fig6",
    title="Japan's and Korea's export shares to the US, and Japan's US investment share",
    paper_number="Fig. 6",
    chapter=CHAPTER,
    tables=["bilateral_trade", "fdi_positions", "fdi_stock_unctad"],
    columns=FIG6_COLUMNS,
    chart=fig6_chart,
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
    source=(
        "International Monetary Fund, Direction of Trade Statistics; U.S. Bureau of Economic Analysis, foreign "
        "direct investment in the United States by country; UNCTAD, FDI flows and stock (UNCTADstat). Tables "
        "`bilateral_trade`, `fdi_positions` and `fdi_stock_unctad` of this book."
    ),
)
def fig6_data(year: int) -> pd.DataFrame:
    """One row per year from 1980 to ``year``; NaN where a share cannot be computed."""
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


# --- claims -----------------------------------------------------------------------------------------

@reproduces("s3_1_japan_us_export_share_1980s")
def reproduce_japan_1980s():
    return decade_mean(export_share_to_us(JAPAN))


@reproduces("s3_1_korea_us_export_share_1980s")
def reproduce_korea_1980s():
    return decade_mean(export_share_to_us(KOREA))


@reproduces("s3_1_japan_us_dependence_declines_from")
def reproduce_japan_decline_start():
    return decline_facts(JAPAN, PAPER_YEAR)["peak_decade"]


@reproduces("s3_1_japan_us_export_share_after_2010")
def reproduce_japan_after_2010():
    return after_2010_facts(JAPAN, AFTER_2010_END)["max"]


@reproduces("s3_1_japan_us_fdi_share_of_outward_stock")
def reproduce_japan_fdi_min():
    s = japan_fdi_share()
    s = s[s.index <= PAPER_YEAR]
    return float(s.min()) if len(s) else None


@reproduces("s3_1_japan_us_fdi_share_peak_1990s")
def reproduce_japan_fdi_peak():
    s = japan_fdi_share()
    w = s[(s.index >= 1990) & (s.index <= 1999)]
    return float(w.max()) if len(w) else None


@reproduces("s3_1_fn_china_us_export_share_max")
def reproduce_china_max():
    return china_share_peak(PAPER_YEAR)["max"]


# --- tables for the chapter ----------------------------------------------------------------------------

DECADE_COLUMNS = ["exporter", "mean of yearly shares 1980–1989 (%)", "1980 (%)", "1989 (%)", "lowest (%)",
                  "lowest in", "highest (%)", "highest in"]


def decade_table() -> pd.DataFrame:
    """The 1980s export shares to the US of Japan and Korea: mean of the yearly shares, endpoints, range."""
    rows = []
    for name, code in (("Japan", JAPAN), ("Korea", KOREA)):
        f = decade_facts(code)
        rows.append({
            "exporter": name,
            "mean of yearly shares 1980–1989 (%)": f["mean"],
            "1980 (%)": f["first"], "1989 (%)": f["last"],
            "lowest (%)": f["min"], "lowest in": str(f["min_year"]),
            "highest (%)": f["max"], "highest in": str(f["max_year"]),
        })
    return pd.DataFrame(rows, columns=DECADE_COLUMNS)


def share_in(reporter: str, year: int) -> float | None:
    """``reporter``'s export share to the US in ``year`` (None where DOTS has no value)."""
    v = export_share_to_us(reporter).get(int(year), math.nan)
    return None if pd.isna(v) else float(v)


def last_share(reporter: str, year: int) -> tuple[float | None, int | None]:
    """The latest export share to the US up to ``year`` and its year."""
    s = export_share_to_us(reporter)
    s = s[s.index <= int(year)]
    return (float(s.iloc[-1]), int(s.index[-1])) if len(s) else (None, None)


@reproduces("s3_1_fn_china_us_export_share_max_year")
def reproduce_china_max_year():
    return float(china_share_peak(PAPER_YEAR)["max_year"])
