"""The US deficit with Asia (paper, section 3.2, first part; Fig. 7).

The paper traces the US merchandise deficit with "Asia" from 1965 and the shares
of Japan and mainland China in it. Everything here uses the United States' own
statistics (IMF DOTS, reporter USA): the US deficit with a partner is US imports
from it minus US exports to it, in USD billion.

The paper's footnote defines Asia as "mainland China, Korea, Japan, Malaysia,
Indonesia, Vietnam, Malaysia [sic], Thailand and other economies". Which set of
economies reproduces the paper's numbers is tested systematically
(:func:`definition_comparison`, :func:`subset_search`):

- the footnote list plus Taiwan (:data:`FIG7_MEMBERS`) reproduces the four shares
  that Fig. 7 is about (China 0.85% and Japan 60% in 1983; China 68% and Japan 11% in 2018);
- the first-phase statements (1980 level, Japan's 62%, the 77-fold rise from 1965)
  are reproduced only when Hong Kong is added as well (:data:`PHASE1_MEMBERS`).

No single set reproduces both groups of numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from .. import measures
from ..charts import PALETTE
from ..claims import CLOSE, DIFFERS, ERRATUM, REPRODUCED, Erratum, reproduces
from ..data import load
from ..figures import figure
from ..charts.theme import economy_color, economy_scale
from ..views import (fig7_members, footnote_members, group_deficit, partner_deficit, phase1_members,  # noqa: F401
                     run_start, us_deficits, us_last_year)

CHAPTER = "asia_deficit"
PAPER_YEAR = 2018
REPORTER = "USA"
#: First year of Fig. 7's data (DOTS starts in 1960; the paper's story starts in 1965).
FIRST_YEAR = 1960
#: Shares are charted from the first year the US reports trade with mainland China.
SHARES_FROM = 1972

SOURCE = (
    "IMF, Direction of Trade Statistics (vintage early 2022), United States as reporter: "
    "US imports (customs value) minus US exports (FOB), current USD."
)


# --------------------------------------------------------------------------------------------
# Definitions of 'Asia'
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Definition:
    """A candidate 'Asia': a label and the DOTS partner codes summed (IMF aggregates allowed)."""

    key: str
    label: str
    members: tuple[str, ...]


def candidate_definitions() -> list[Definition]:
    """The candidate definitions of the paper's 'Asia' compared in the chapter."""
    fn = footnote_members()
    east_se = measures.group_members("ASIA_EAST_SE")
    advanced_asia = ["HKG", "JPN", "KOR", "MAC", "SGP", "TWN"]  # IMF advanced economies in Asia

    def d(key, label, members):
        return Definition(key, label, tuple(sorted(set(members))))

    return [
        d("footnote", "Footnote list (the paper's)", fn),
        d("footnote_twn", "Footnote + Taiwan", fn + ["TWN"]),
        d("footnote_hkg", "Footnote + Hong Kong", fn + ["HKG"]),
        d("footnote_twn_hkg", "Footnote + Taiwan + Hong Kong", fn + ["TWN", "HKG"]),
        d("footnote_phl", "Footnote + Philippines", fn + ["PHL"]),
        d("footnote_twn_phl", "Footnote + Taiwan + Philippines", fn + ["TWN", "PHL"]),
        d("footnote_twn_sgp", "Footnote + Taiwan + Singapore", fn + ["TWN", "SGP"]),
        d("footnote_twn_ind", "Footnote + Taiwan + India", fn + ["TWN", "IND"]),
        d("footnote_nies_phl", "Footnote + Taiwan, Hong Kong, Singapore, Philippines", fn + ["TWN", "HKG", "SGP", "PHL"]),
        d("east_se", "East and Southeast Asia", east_se),
        d("east_se_ind", "East and Southeast Asia + India", east_se + ["IND"]),
        d("emde_asia_jpn", "IMF emerging and developing Asia + Japan", ["EMDE_ASIA", "JPN"]),
        d("emde_asia_jpn_kor", "IMF emerging and developing Asia + Japan + Korea", ["EMDE_ASIA", "JPN", "KOR"]),
        d("imf_asia", "IMF emerging and developing Asia + advanced Asia", ["EMDE_ASIA"] + advanced_asia),
    ]


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------

def last_year() -> int:
    """Last year of US-reported bilateral data."""
    return us_last_year()


def shares(members, year_list) -> pd.DataFrame:
    """Deficit with the group and China's and Japan's shares of it (percent) for the given years.

    A share is NaN where the group's deficit is not positive (the share of a surplus has no meaning).
    """
    d = us_deficits()
    asia = group_deficit(members, d).reindex(year_list)
    pos = asia.where(asia > 0)
    return pd.DataFrame({
        "asia": asia,
        "china_share": measures.share(d["CHN"].reindex(year_list), pos),
        "japan_share": measures.share(d["JPN"].reindex(year_list), pos),
    })


FIG7_COLUMNS = ["year", "us_deficit_with_asia_usd_bn", "china_share_pct", "japan_share_pct"]


def _fig7_chart(df: pd.DataFrame, year: int):
    return fig7_chart(df, year=year)


@figure(
    "fig7",
    title="The US deficit with Asia and the shares of China and Japan",
    caption=(
        "US merchandise deficit with Asia (bars) and the shares of mainland China and Japan in it (lines), "
        "as recorded by the United States, to {year}. Asia is the paper's footnote list (mainland China, Japan, "
        "Korea, Malaysia, Indonesia, Vietnam, Thailand) plus Taiwan, the set that reproduces the paper's shares. "
        "Shares are shown from 1972, the first year of recorded US trade with mainland China, and only for years "
        "with a US deficit with the group (the data file has every year from 1960); a negative share is a US surplus "
        "with that economy."
    ),
    source=SOURCE,
    chapter=CHAPTER,
    tables=["bilateral_trade", "aggregates"],
    columns=FIG7_COLUMNS,
    paper_number="Fig. 7",
    chart=_fig7_chart,
)
def fig7_data(year: int) -> pd.DataFrame:
    """Fig. 7: every year from 1960 to ``year`` (data end in 2020), NaN where missing."""
    end = min(int(year), last_year())
    years = list(range(FIRST_YEAR, end + 1))
    if not years:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in FIG7_COLUMNS}).astype({"year": "int64"})
    s = shares(fig7_members(), years)
    return pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "us_deficit_with_asia_usd_bn": s["asia"].round(6).to_numpy(),
        "china_share_pct": s["china_share"].round(4).to_numpy(),
        "japan_share_pct": s["japan_share"].round(4).to_numpy(),
    })


def fig7_chart(df: pd.DataFrame, year: int):
    """Two panels: the deficit (bars) and China's and Japan's shares of it (lines)."""
    first = int(df["year"].min()) if len(df) else FIRST_YEAR
    ticks = [y for y in range(FIRST_YEAR, int(year) + 1, 5) if y >= first]
    x = alt.X("year:O", title="Year", axis=alt.Axis(values=ticks, labelAngle=0))
    bars = (
        alt.Chart(df)
        .mark_bar(color=economy_color("Asia"))
        .encode(
            x=x,
            y=alt.Y("us_deficit_with_asia_usd_bn:Q", title="US deficit with Asia (USD bn)"),
            tooltip=[alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("us_deficit_with_asia_usd_bn:Q", title="Deficit (USD bn)", format=",.1f")],
        )
        .properties(width=560, height=230, title="US deficit with Asia (negative = US surplus)")
    )
    lines = (
        alt.Chart(df)
        .transform_filter(f"datum.year >= {SHARES_FROM}")
        .transform_fold(["china_share_pct", "japan_share_pct"], as_=["series", "share"])
        .transform_calculate(economy="datum.series == 'china_share_pct' ? 'Mainland China' : 'Japan'")
        .mark_line(point=alt.OverlayMarkDef(size=18))
        .encode(
            x=x,
            y=alt.Y("share:Q", title="Share of the US deficit with Asia (%)"),
            color=alt.Color("economy:N", title="Share of",
                            scale=economy_scale(["Mainland China", "Japan"])),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("economy:N", title="Economy"),
                     alt.Tooltip("share:Q", title="Share (%)", format=".1f")],
        )
        .properties(width=560, height=230, title=f"Shares of mainland China and Japan (from {SHARES_FROM})")
    )
    return alt.vconcat(bars, lines, spacing=24).properties(
        title=alt.TitleParams(f"Fig. 7: the US deficit with Asia, {first}-{min(int(year), last_year())}",
                              subtitle="US-reported merchandise trade; Asia = the paper's footnote list plus Taiwan")
    )


# --------------------------------------------------------------------------------------------
# Which 'Asia'? The paper's targets and the comparison of definitions
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    key: str
    label: str
    value: float  # the paper's value, in the unit of the comparison (units corrected where the paper's are off)
    tolerance: float


#: The paper's statements that depend on the definition of Asia. The 1980 level is compared after
#: correcting the paper's unit (printed 1966, read as USD 196.6 hundred million; see the errata).
TARGETS = [
    Target("deficit_1980_100m", "Deficit with Asia 1980 (USD 100 m, unit-corrected)", 196.6, 0.05),
    Target("japan_share_1980", "Japan's share 1980 (%)", 62.0, 0.5),
    Target("rise_1965_1980", "Rise 1965-1980 (times, ratio minus one)", 77.0, 0.5),
    Target("china_share_1983", "China's share 1983 (%)", 0.85, 0.005),
    Target("japan_share_1983", "Japan's share 1983 (%)", 60.0, 0.5),
    Target("china_share_2018", "China's share 2018 (%)", 68.0, 0.5),
    Target("japan_share_2018", "Japan's share 2018 (%)", 11.0, 0.5),
]


def definition_values(members, deficits: pd.DataFrame | None = None) -> dict[str, float]:
    """The targets' statistics for a group of partners (US-reported)."""
    d = us_deficits() if deficits is None else deficits
    asia = group_deficit(members, d)
    jp, cn = d["JPN"], d["CHN"]
    a = {y: float(asia.get(y, math.nan)) for y in (1965, 1980, 1983, 2018)}
    return {
        "deficit_1980_100m": measures.bn_to_yi(a[1980]),
        "japan_share_1980": measures.share(float(jp[1980]), a[1980]),
        "ratio_1965_1980": a[1980] / a[1965],
        "rise_1965_1980": a[1980] / a[1965] - 1.0,
        "china_share_1983": measures.share(float(cn[1983]), a[1983]),
        "japan_share_1983": measures.share(float(jp[1983]), a[1983]),
        "china_share_2018": measures.share(float(cn[2018]), a[2018]),
        "japan_share_2018": measures.share(float(jp[2018]), a[2018]),
    }


def matched_targets(values: dict[str, float]) -> list[str]:
    """Keys of the targets a definition reproduces within the paper's printed precision."""
    return [t.key for t in TARGETS if abs(values[t.key] - t.value) <= t.tolerance + 1e-9]


def definition_comparison() -> pd.DataFrame:
    """One row per candidate definition (and a first row with the paper's values): the statistics and matches."""
    rows = [{
        "definition": "Paper (as reported; 1980 level unit-corrected)",
        "members": "—",
        **{t.key: t.value for t in TARGETS},
        "matched": math.nan,
    }]
    for dfn in candidate_definitions():
        v = definition_values(dfn.members)
        rows.append({"definition": dfn.label, "members": ", ".join(dfn.members),
                     **{t.key: v[t.key] for t in TARGETS}, "matched": float(len(matched_targets(v)))})
    out = pd.DataFrame(rows)
    out["matched"] = out["matched"].astype("Int64")
    return out


#: Economies that may be added to mainland China and Japan in the exhaustive search.
SEARCH_POOL = ["KOR", "TWN", "HKG", "SGP", "MYS", "IDN", "THA", "VNM", "PHL", "IND",
               "MAC", "BRN", "KHM", "LAO", "MMR", "BGD", "PAK", "LKA"]


def subset_search(pool=SEARCH_POOL, top: int = 8) -> pd.DataFrame:
    """Every set of mainland China + Japan + a subset of ``pool`` (2^18 sets), scored against :data:`TARGETS`.

    Returns the ``top`` sets by number of targets matched, then by fewest members, then by the
    sum of errors in units of each target's tolerance. Also returns, in ``attrs['max_matched']``
    and ``attrs['n_sets']``, the best count and the number of sets tried.
    """
    d = us_deficits()
    years = [1965, 1980, 1983, 2018]
    core = d.loc[years, ["JPN", "CHN"]].fillna(0.0).sum(axis=1).to_numpy()
    m = d.loc[years, list(pool)].fillna(0.0).to_numpy().T  # n x 4
    n = len(pool)
    idx = np.arange(2 ** n, dtype=np.int64)
    mask = ((idx[:, None] >> np.arange(n)) & 1).astype(np.float64)
    tot = core + mask @ m
    jp, cn = d.loc[years, "JPN"].to_numpy(), d.loc[years, "CHN"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        stats = {
            "deficit_1980_100m": tot[:, 1] * 10.0,
            "japan_share_1980": 100 * jp[1] / tot[:, 1],
            "rise_1965_1980": tot[:, 1] / tot[:, 0] - 1.0,
            "china_share_1983": 100 * cn[2] / tot[:, 2],
            "japan_share_1983": 100 * jp[2] / tot[:, 2],
            "china_share_2018": 100 * cn[3] / tot[:, 3],
            "japan_share_2018": 100 * jp[3] / tot[:, 3],
        }
    matched = np.zeros(len(idx), dtype=int)
    err = np.zeros(len(idx))
    for t in TARGETS:
        e = np.abs(stats[t.key] - t.value) / t.tolerance
        e = np.where(np.isfinite(e), e, 1e6)
        matched += e <= 1 + 1e-9
        err += np.minimum(e, 100)
    size = mask.sum(axis=1)
    order = np.lexsort((err, size, -matched))[:top]
    out = pd.DataFrame({
        "added to China and Japan": [", ".join(pool[j] for j in range(n) if (i >> j) & 1) or "(none)" for i in order],
        **{t.key: stats[t.key][order] for t in TARGETS},
        "matched": pd.array(matched[order], dtype="Int64"),
    })
    out.attrs["max_matched"] = int(matched.max())
    out.attrs["n_sets"] = int(len(idx))
    out.attrs["n_max"] = int((matched == matched.max()).sum())
    return out


# --------------------------------------------------------------------------------------------
# Other statistics of the section
# --------------------------------------------------------------------------------------------

def first_deficit_year(series: pd.Series, after: int = FIRST_YEAR) -> int | None:
    """First year (from ``after``) with a positive deficit."""
    s = series.dropna()
    s = s[s.index >= after]
    pos = s[s > 0]
    return int(pos.index[0]) if len(pos) else None


def china_growth(method: str, start: int = 1983, end: int = 2018) -> measures.Growth:
    """Average yearly growth of the US deficit with mainland China (US-reported) by ``method``."""
    return measures.growth_rate(partner_deficit("CHN"), start, end, method=method)


def growth_table(start: int = 1983, end: int = 2018) -> pd.DataFrame:
    """The three growth definitions for the US deficit with China, ``start``-``end``."""
    labels = {
        "cagr": "Compound annual rate between the endpoints",
        "mean_yoy": "Mean of the year-on-year growth rates",
        "mean_log": "Mean log change (continuous rate)",
    }
    rows = [{"method": labels[m], "growth_pct": float(china_growth(m, start, end))} for m in measures.GROWTH_METHODS]
    return pd.DataFrame(rows)


def mirror_table() -> pd.DataFrame:
    """US-reported deficits against the partners' own records (their surplus with the US), USD bn."""
    rows = []
    for partner, years in (("JPN", (1965, 1980, 1983, 2018)), ("CHN", (1983, 2018))):
        own = measures.bilateral(partner, REPORTER).set_index("year")["balance"]
        us = partner_deficit(partner)
        for y in years:
            rows.append({
                "partner": {"JPN": "Japan", "CHN": "Mainland China"}[partner],
                "year": str(y),
                "us_reported_deficit": float(us.get(y, math.nan)),
                "partner_reported_surplus": float(own.get(y, math.nan)),
            })
    return pd.DataFrame(rows)


def share_of_total_deficit(year: int = 2018) -> float:
    """The US deficit with mainland China as a percentage of the total US merchandise deficit (partner WLD)."""
    d = us_deficits()
    return measures.share(float(d.loc[year, "CHN"]), float(d.loc[year, "WLD"]))


def summary(year: int = PAPER_YEAR) -> dict[str, float]:
    """Numbers the chapter glues into its prose."""
    d = us_deficits()
    fig = fig7_members()
    p1 = phase1_members()
    asia = group_deficit(fig, d)
    asia1 = group_deficit(p1, d)
    v_fig = definition_values(fig)
    v_p1 = definition_values(p1)
    out = {
        "japan_first_deficit": first_deficit_year(d["JPN"]),
        "asia_first_deficit": first_deficit_year(asia),
        "asia_run_start": run_start(asia, last_year()),
        "asia1_run_start": run_start(asia1, last_year()),
        "japan_run_start": run_start(d["JPN"], last_year()),
        "china_run_start": run_start(d["CHN"], 2018),
        "asia1_1965": float(asia1[1965]),
        "asia1_1980": float(asia1[1980]),
        "asia_1980": float(asia[1980]),
        "asia_1983": float(asia[1983]),
        "asia_2018": float(asia[2018]),
        "japan_1980": float(d.loc[1980, "JPN"]),
        "china_1983": float(d.loc[1983, "CHN"]),
        "china_2018": float(d.loc[2018, "CHN"]),
        "japan_2018": float(d.loc[2018, "JPN"]),
        "world_2018": float(d.loc[2018, "WLD"]),
        "ratio_1965_1980_p1": v_p1["ratio_1965_1980"],
        "rise_1965_1980_p1": v_p1["rise_1965_1980"],
        "ratio_1965_1980_fig": v_fig["ratio_1965_1980"],
        "japan_share_1980_fig": v_fig["japan_share_1980"],
        "japan_share_1980_p1": v_p1["japan_share_1980"],
        "china_share_1983": v_fig["china_share_1983"],
        "japan_share_1983": v_fig["japan_share_1983"],
        "china_share_2018": v_fig["china_share_2018"],
        "japan_share_2018": v_fig["japan_share_2018"],
        "china_share_total_2018": share_of_total_deficit(2018),
        "cagr": float(china_growth("cagr")),
        "mean_yoy": float(china_growth("mean_yoy")),
        "mean_log": float(china_growth("mean_log")),
    }
    cn = d["CHN"].dropna()
    early = [int(y) for y in cn.index if y < out["china_run_start"] and cn[y] > 0]
    out["china_first_year"] = int(cn.index.min())
    out["china_early_first"] = early[0] if early else None
    out["china_early_last"] = early[-1] if early else None
    a_run = asia.loc[out["asia_first_deficit"]:out["asia_run_start"]]
    dips = [int(y) for y in a_run.index if a_run[y] <= 0]
    out["asia_dip_year"] = dips[0] if dips else None
    out["fig7_matched"] = len(matched_targets(v_fig))
    out["n_pool"] = len(SEARCH_POOL)
    # the latest year shown
    end = min(int(year), last_year())
    if end >= FIRST_YEAR:
        s = shares(fig, [end])
        out.update({"end_year": end, "asia_end": float(s["asia"].iloc[0]),
                    "china_share_end": float(s["china_share"].iloc[0]),
                    "japan_share_end": float(s["japan_share"].iloc[0])})
    return out


# --------------------------------------------------------------------------------------------
# Claims (paper, section 3.2, paragraphs 1-3)
# --------------------------------------------------------------------------------------------

_FIG7_DEF = "Asia = the footnote list (mainland China, Japan, Korea, Malaysia, Indonesia, Vietnam, Thailand) plus Taiwan"
_P1_DEF = "Asia = the footnote list plus Taiwan and Hong Kong (the only candidate that reproduces the 1965-1980 figures)"
_UNIT_EVIDENCE = (
    "US-reported DOTS values are {data} ({unit}); the printed {printed} is ten times that. The paper's levels for "
    "1980, 1983 and 2018 are all US dollar millions divided by 10 instead of 100 when converted to 亿美元."
)


@reproduces("s3_2_us_asia_deficit_start")
def _start_year():
    d = us_deficits()
    return max(first_deficit_year(d["JPN"]), first_deficit_year(group_deficit(fig7_members(), d)))


@reproduces("s3_2_us_asia_deficit_duration")
def _duration():
    a = group_deficit(fig7_members()).loc[1965:2018]
    return float((a > 0).sum())


@reproduces("s3_2_us_asia_deficit_growth_1965_1980")
def _growth_1965_1980():
    return definition_values(phase1_members())["rise_1965_1980"]


@reproduces("s3_2_us_asia_balance_1980")
def _asia_1980():
    return -measures.bn_to_yi(float(group_deficit(phase1_members())[1980]))


@reproduces("s3_2_us_japan_balance_1980")
def _japan_1980():
    return -measures.bn_to_yi(float(partner_deficit("JPN")[1980]))


@reproduces("s3_2_japan_share_us_asia_deficit_1980")
def _japan_share_1980():
    return definition_values(phase1_members())["japan_share_1980"]


@reproduces("s3_2_china_us_surplus_start")
def _china_start():
    return run_start(partner_deficit("CHN"), 2018)


@reproduces("s3_2_china_us_surplus_1983")
def _china_1983():
    return measures.bn_to_yi(float(partner_deficit("CHN")[1983]))


@reproduces("s3_2_china_us_surplus_growth")
def _china_growth():
    return float(china_growth("cagr"))


@reproduces("s3_2_china_us_surplus_2018")
def _china_2018():
    return measures.convert(float(partner_deficit("CHN")[2018]), "bn", "tn")


@reproduces("s3_2_china_share_us_deficit_2018")
def _china_share_total_2018():
    return china_share_of_us_deficit(2018)


@reproduces("s3_2_china_share_us_asia_deficit_1983")
def _china_share_1983():
    return definition_values(fig7_members())["china_share_1983"]


@reproduces("s3_2_china_share_us_asia_deficit_2018")
def _china_share_2018():
    return definition_values(fig7_members())["china_share_2018"]


@reproduces("s3_2_japan_share_us_asia_deficit_1983")
def _japan_share_1983():
    return definition_values(fig7_members())["japan_share_1983"]


@reproduces("s3_2_japan_share_us_asia_deficit_2018")
def _japan_share_2018():
    return definition_values(fig7_members())["japan_share_2018"]


@reproduces("s3_2_china_us_surplus_2018_record")
def _china_record():
    d = partner_deficit("CHN")
    d = d[d.index <= 2018].dropna()
    return None if d.empty else float(d.idxmax())


def china_share_of_us_deficit(year: int) -> float | None:
    """The US deficit with mainland China as a percent of the whole US merchandise deficit (partner World), US records."""
    china, world = partner_deficit("CHN"), partner_deficit("WLD")
    if year not in china.index or year not in world.index:
        return None
    return 100.0 * float(china.loc[year]) / float(world.loc[year])
