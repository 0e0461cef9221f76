"""Reproductions of the claims of section 3.2, paragraphs 1-3 (declared in ``reference/claims/s3_2.yaml``).

Each function returns the value in the unit of the paper's statement (years, counts, percent, times,
USD 100 million or USD trillion), from the United States' own records.
"""

from __future__ import annotations

from ...claims import reproduces
from ...measures import bn_to_yi, convert
from ...trend import trend_direction
from ...views import first_deficit_year, fig7_members, group_deficit, partner_deficit, phase1_members, run_start, us_deficits
from . import FIRST_YEAR
from .definitions import definition_values
from .measures import china_growth, china_share_of_us_deficit


@reproduces("s3_2_us_asia_deficit_start")
def _start_year():
    """The later of the first deficit years with Japan and with Asia (footnote list plus Taiwan), a year."""
    d = us_deficits()
    return max(first_deficit_year(d["JPN"], FIRST_YEAR),
               first_deficit_year(group_deficit(fig7_members(), d), FIRST_YEAR))


@reproduces("s3_2_us_asia_deficit_duration")
def _duration():
    """Number of deficit years with Asia (footnote list plus Taiwan) in 1965-2018, a count of years."""
    a = group_deficit(fig7_members()).loc[1965:2018]
    return float((a > 0).sum())


@reproduces("s3_2_us_asia_deficit_still_growing")
def _still_growing():
    """The direction of the deficit with Asia (footnote list plus Taiwan) over 2009-2018 (1 rose, -1 fell)."""
    return trend_direction(group_deficit(fig7_members()), 2009, 2018)


@reproduces("s3_2_us_asia_deficit_growth_1965_1980")
def _growth_1965_1980():
    """The rise of the deficit with Asia (with Hong Kong) from 1965 to 1980, times (ratio minus one)."""
    return definition_values(phase1_members())["rise_1965_1980"]


@reproduces("s3_2_us_asia_balance_1980")
def _asia_1980():
    """The US balance with Asia (with Hong Kong) in 1980, USD 100 million (negative: a deficit)."""
    return -bn_to_yi(float(group_deficit(phase1_members())[1980]))


@reproduces("s3_2_us_japan_balance_1980")
def _japan_1980():
    """The US balance with Japan in 1980, USD 100 million (negative: a deficit)."""
    return -bn_to_yi(float(partner_deficit("JPN")[1980]))


@reproduces("s3_2_japan_share_us_asia_deficit_1980")
def _japan_share_1980():
    """Japan's share of the US deficit with Asia (with Hong Kong) in 1980, percent."""
    return definition_values(phase1_members())["japan_share_1980"]


@reproduces("s3_2_china_us_surplus_start")
def _china_start():
    """First year of the unbroken run of US deficits with mainland China that lasts to 2018, a year."""
    return run_start(partner_deficit("CHN"), 2018)


@reproduces("s3_2_china_us_surplus_1983")
def _china_1983():
    """The US deficit with mainland China in 1983, USD 100 million."""
    return bn_to_yi(float(partner_deficit("CHN")[1983]))


@reproduces("s3_2_china_us_surplus_growth")
def _china_growth():
    """Compound annual growth of the US deficit with mainland China, 1983-2018, percent a year."""
    return float(china_growth("cagr"))


@reproduces("s3_2_china_us_surplus_2018")
def _china_2018():
    """The US deficit with mainland China in 2018, USD trillion."""
    return convert(float(partner_deficit("CHN")[2018]), "bn", "tn")


@reproduces("s3_2_china_share_us_deficit_2018")
def _china_share_total_2018():
    """The deficit with mainland China as a share of the whole US merchandise deficit in 2018, percent."""
    return china_share_of_us_deficit(2018)


@reproduces("s3_2_china_share_us_asia_deficit_1983")
def _china_share_1983():
    """China's share of the US deficit with Asia (footnote list plus Taiwan) in 1983, percent."""
    return definition_values(fig7_members())["china_share_1983"]


@reproduces("s3_2_china_share_us_asia_deficit_2018")
def _china_share_2018():
    """China's share of the US deficit with Asia (footnote list plus Taiwan) in 2018, percent."""
    return definition_values(fig7_members())["china_share_2018"]


@reproduces("s3_2_japan_share_us_asia_deficit_1983")
def _japan_share_1983():
    """Japan's share of the US deficit with Asia (footnote list plus Taiwan) in 1983, percent."""
    return definition_values(fig7_members())["japan_share_1983"]


@reproduces("s3_2_japan_share_us_asia_deficit_2018")
def _japan_share_2018():
    """Japan's share of the US deficit with Asia (footnote list plus Taiwan) in 2018, percent."""
    return definition_values(fig7_members())["japan_share_2018"]


@reproduces("s3_2_china_us_surplus_2018_record")
def _china_record():
    """The year of the largest US deficit with mainland China up to 2018, a year (as a float)."""
    d = partner_deficit("CHN")
    d = d[d.index <= 2018].dropna()
    return None if d.empty else float(d.idxmax())
