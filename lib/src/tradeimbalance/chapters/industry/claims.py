"""Reproductions of the claims of sections 2.4 and 2.5 that the open data reproduce or bound.

Each function returns the value in the paper's unit (declared in
``reference/claims/s2_4.yaml`` and ``s2_5.yaml``): the section XVI statements on
China's own SITC 71-77 records (USD 100 million or percent), the footnote's
ranking on the US-reported mirror view (section numbers, percent), and the
directions of change in the tariff years (+1 / -1).
"""

from __future__ import annotations

from ...claims import reproduces
from . import PAPER_YEAR
from .china_side import china_sitc, china_sitc_balance, china_sitc_balance_share, china_sitc_export_share
from .mirror import mirror_section_rank, roman_to_int, section_stats, sections_count
from .sections import balances_wide, direction, sign_changes, xvi_change_2019_pct


@reproduces("s2_4_hs_sections_count")
def hs_sections_count() -> float:
    """Number (count) of HS sections in the US Census table."""
    return float(sections_count())


@reproduces("s2_4_xvi_exports_to_us_2018")
def xvi_exports_to_us() -> float | None:
    """China's 2018 SITC 71-77 exports to the US, USD 100 million (China-reported)."""
    return china_sitc(PAPER_YEAR, "USA", "exports")


@reproduces("s2_4_xvi_share_exports_to_us_2018")
def xvi_share_exports_to_us() -> float | None:
    """SITC 71-77 as a percent of China's 2018 exports to the US (China-reported)."""
    return china_sitc_export_share(PAPER_YEAR, "USA")


@reproduces("s2_4_xvi_surplus_with_us_2018")
def xvi_surplus_with_us() -> float | None:
    """China's 2018 SITC 71-77 balance with the US, USD 100 million (China-reported)."""
    return china_sitc_balance(PAPER_YEAR, "USA")


@reproduces("s2_4_xvi_share_surplus_with_us_2018")
def xvi_share_surplus_with_us() -> float | None:
    """The SITC 71-77 balance as a percent of China's 2018 balance with the US (China-reported)."""
    return china_sitc_balance_share(PAPER_YEAR, "USA")


@reproduces("s2_4_xvi_balance_japan_2018")
def xvi_balance_japan() -> float | None:
    """China's 2018 SITC 71-77 balance with Japan, USD 100 million (China-reported)."""
    return china_sitc_balance(PAPER_YEAR, "JPN")


@reproduces("s2_4_xvi_balance_korea_2018")
def xvi_balance_korea() -> float | None:
    """China's 2018 SITC 71-77 balance with Korea, USD 100 million (China-reported)."""
    return china_sitc_balance(PAPER_YEAR, "KOR")


@reproduces("s2_4_xvi_share_deficit_japan_2018")
def xvi_share_deficit_japan() -> float | None:
    """The SITC 71-77 balance as a percent of China's 2018 balance with Japan (China-reported)."""
    return china_sitc_balance_share(PAPER_YEAR, "JPN")


@reproduces("s2_4_xvi_share_deficit_korea_2018")
def xvi_share_deficit_korea() -> float | None:
    """The SITC 71-77 balance as a percent of China's 2018 balance with Korea (China-reported)."""
    return china_sitc_balance_share(PAPER_YEAR, "KOR")


@reproduces("s2_4_fn_top3_sections_share_exports_to_us")
def top3_sections_share_exports_to_us() -> float | None:
    """Sections XVI, XX and XI as a percent of US imports from China, 2018 (mirror view)."""
    stats = section_stats(PAPER_YEAR)
    return None if stats is None else stats["paper_top3_share_exports"]


@reproduces("s2_4_fn_second_section_to_us")
def second_section_to_us() -> int | None:
    """The second-largest HS section (a section number) of US imports from China, 2018 (mirror view)."""
    return mirror_section_rank(2)


@reproduces("s2_4_fn_third_section_to_us")
def third_section_to_us() -> int | None:
    """The third-largest HS section (a section number) of US imports from China, 2018 (mirror view)."""
    return mirror_section_rank(3)


@reproduces("s2_4_xvi_largest_us_surplus_section")
def largest_us_surplus_section() -> float | None:
    """The HS section (a section number) with China's largest 2018 mirror surplus with the US."""
    w = balances_wide([PAPER_YEAR])
    return None if PAPER_YEAR not in w.columns else float(roman_to_int(str(w[PAPER_YEAR].idxmax())))


@reproduces("s2_5_years_without_balance_change")
def years_without_balance_change() -> float:
    """Years (count) over which no section of at least USD 1 bn changed between surplus and deficit (mirror view)."""
    if sign_changes(2017, 2019, threshold=1.0).empty:
        return 3.0  # no section of at least USD 1 bn changed sign over the three years 2017-2019
    return float(len(balances_wide([2017, 2018, 2019]).columns) - 1)


@reproduces("s2_5_xvi_surplus_rose_2018")
def xvi_surplus_rose_2018() -> float | None:
    """The direction (+1 / -1) of China's SITC 71-77 balance with the US from 2017 to 2018 (China-reported)."""
    return direction(china_sitc_balance(2017, "USA"), china_sitc_balance(2018, "USA"))


@reproduces("s2_5_xvi_surplus_fell_2019")
def xvi_surplus_fell_2019() -> float | None:
    """The direction (-1 fell, +1 rose) of China's section XVI mirror surplus with the US from 2018 to 2019."""
    change = xvi_change_2019_pct()
    return None if change is None else (-1.0 if change < 0 else 1.0)


@reproduces("s2_5_deficit_sections_fell_2019")
def deficit_sections_fell_2019() -> float | None:
    """-1 if every 2017 deficit section's 2019 deficit was below both earlier years', else +1 (mirror view)."""
    w = balances_wide([2017, 2018, 2019])
    if not {2017, 2018, 2019} <= set(w.columns):
        return None
    deficit = w[w[2017] <= -1.0]
    if deficit.empty:
        return None
    fell = (deficit[2019].abs() < deficit[2017].abs()) & (deficit[2019].abs() < deficit[2018].abs())
    return -1.0 if bool(fell.all()) else 1.0
