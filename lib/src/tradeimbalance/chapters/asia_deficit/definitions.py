"""Which "Asia"? The candidate definitions, the paper's targets and the comparison of the two.

A definition is a set of DOTS partner codes; its statistics are the paper's seven numbers that depend
on the definition (US-reported deficits, USD bn, and shares of them in percent).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ...measures import bn_to_yi, group_members, share
from ...views import footnote_members, group_deficit, us_deficits


@dataclass(frozen=True)
class Definition:
    """A candidate 'Asia': a label and the DOTS partner codes summed (IMF aggregates allowed)."""

    key: str
    label: str
    members: tuple[str, ...]


def candidate_definitions() -> list[Definition]:
    """The candidate definitions of the paper's 'Asia' compared in the chapter (DOTS partner codes)."""
    fn = footnote_members()
    east_se = group_members("ASIA_EAST_SE")
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


@dataclass(frozen=True)
class Target:
    """One of the paper's statements that depend on the definition of Asia, with its printed precision."""

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
    """The targets' statistics for a group of partners (US-reported): the 1980 level in USD 100 million,
    shares in percent, the 1965-1980 ratio and rise (ratio minus one) in times."""
    d = us_deficits() if deficits is None else deficits
    asia = group_deficit(members, d)
    jp, cn = d["JPN"], d["CHN"]
    a = {y: float(asia.get(y, math.nan)) for y in (1965, 1980, 1983, 2018)}
    return {
        "deficit_1980_100m": bn_to_yi(a[1980]),
        "japan_share_1980": share(float(jp[1980]), a[1980]),
        "ratio_1965_1980": a[1980] / a[1965],
        "rise_1965_1980": a[1980] / a[1965] - 1.0,
        "china_share_1983": share(float(cn[1983]), a[1983]),
        "japan_share_1983": share(float(jp[1983]), a[1983]),
        "china_share_2018": share(float(cn[2018]), a[2018]),
        "japan_share_2018": share(float(jp[2018]), a[2018]),
    }


def matched_targets(values: dict[str, float]) -> list[str]:
    """Keys of the targets a definition reproduces within the paper's printed precision (a list of keys)."""
    return [t.key for t in TARGETS if abs(values[t.key] - t.value) <= t.tolerance + 1e-9]


def definition_comparison() -> pd.DataFrame:
    """One row per candidate definition (and a first row with the paper's values): the statistics of
    :func:`definition_values` (in their units) and the number of targets matched (a count)."""
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
