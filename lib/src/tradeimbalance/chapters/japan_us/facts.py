"""The numbers the chapter's prose cites, by the name it cites them (glued as ``japan_us_<name>``)."""

from __future__ import annotations

from ...facts import Fact, fact, reported, text
from ...fmt import year_ranges
from . import AFTER_2010_END, CHINA, FIRST_YEAR, JAPAN, KOREA, PAPER_YEAR
from .export_shares import after_2010_facts, china_share_peak, decade_facts, decline_facts, last_share
from .fdi_shares import BASIS_LABELS, fdi_points_table, fdi_share_facts, japan_fdi_share


def _years(years) -> str:
    """Years as runs (``'2010–2012, 2015'``), an em dash for none."""
    return year_ranges(years, empty="—")


def _dependence(year: int) -> list[Fact]:
    """Export shares to the US (percent): the 1980s, the decline, after 2010 and the latest shares."""
    out = [reported("rep_jpn_1980s", "s3_1_japan_us_export_share_1980s", "pct", digits=0),
           reported("rep_kor_1980s", "s3_1_korea_us_export_share_1980s", "pct", digits=0)]
    for key, code in (("jpn", JAPAN), ("kor", KOREA)):
        f = decade_facts(code)
        out += [fact(f"{key}_mean_1980s", f["mean"], "pct"), fact(f"{key}_1980", f["first"], "pct"),
                fact(f"{key}_1989", f["last"], "pct"), fact(f"{key}_max_1980s", f["max"], "pct"),
                fact(f"{key}_max_year_1980s", f["max_year"], "year")]
    dec = decline_facts(JAPAN, min(year, PAPER_YEAR) if year >= FIRST_YEAR + 2 else PAPER_YEAR)
    a10 = after_2010_facts(JAPAN, AFTER_2010_END)
    out += [
        reported("rep_after_2010", "s3_1_japan_us_export_share_after_2010", "pct", digits=0),
        fact("decline_peak_year", dec["peak_year"], "year"),
        fact("decline_slope", dec["slope_pp_per_year"], "number", digits=2),
        fact("decline_end", dec["end"], "year"),
        fact("after_2010_max", a10["max"], "pct"),
        fact("after_2010_max_year", a10["max_year"], "year"),
        fact("after_2010_mean", a10["mean"], "pct"),
        fact("after_2010_end", a10["end"], "year"),
        text("after_2010_over_20", _years(a10["years_at_or_above_20"])),
    ]
    for key, code in (("jpn", JAPAN), ("kor", KOREA)):
        share_now, year_now = last_share(code, year)
        out += [fact(f"{key}_share_now", share_now, "pct"), fact(f"{key}_share_now_year", year_now, "year")]
    return out


def _investment(year: int) -> list[Fact]:
    """Japan's position in the US as a share of its outward stock (percent), by source and year."""
    ff = fdi_share_facts(PAPER_YEAR)
    pts = fdi_points_table(max(year, PAPER_YEAR))
    w90 = pts[(pts["source type"] == "tertiary") & (pts["year"] == "1990")]
    jetro = pts[pts["basis"] == BASIS_LABELS["jetro"]]
    jetro_year = None if jetro.empty else int(jetro["year"].iloc[0])
    return [
        reported("rep_fdi_floor", "s3_1_japan_us_fdi_share_of_outward_stock", "pct", digits=0),
        reported("rep_fdi_peak", "s3_1_japan_us_fdi_share_peak_1990s", "pct", digits=0),
        fact("fdi_min", ff["min"], "pct"),
        fact("fdi_min_year", ff["min_year"], "year"),
        fact("fdi_max", ff["max"], "pct"),
        fact("fdi_max_year", ff["max_year"], "year"),
        text("fdi_years", _years(ff["years"])),
        text("fdi_below_30", _years(ff["years_below_30"])),
        fact("fdi_1990_weak", None if w90.empty else w90["share (%)"].iloc[0], "pct"),
        fact("fdi_jetro_share", None if jetro.empty else jetro["share (%)"].iloc[0], "pct"),
        fact("fdi_jetro_year", jetro_year, "year"),
        fact("fdi_bea_same_year", japan_fdi_share().get(jetro_year), "pct"),
    ]


def _china(year: int) -> list[Fact]:
    """China's export share to the US (percent): its highest, the runner-up and the latest."""
    pk = china_share_peak(PAPER_YEAR)
    cn_now, cn_now_year = last_share(CHINA, year)
    return [
        reported("rep_china_max", "s3_1_fn_china_us_export_share_max", "pct"),
        fact("china_max", pk["max"], "pct", digits=2),
        fact("china_max_year", pk["max_year"], "year"),
        fact("china_second", pk["second"], "pct", digits=2),
        fact("china_second_year", pk["second_year"], "year"),
        fact("china_now", cn_now, "pct"),
        fact("china_now_year", cn_now_year, "year"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the prose cites for ``year`` (percent, years, percentage points a year, year ranges as
    text; the paper's values as reported). Comparisons with the paper always use its year, ``PAPER_YEAR``."""
    return ([fact("year", year, "year"), fact("paper_year_text", PAPER_YEAR, "year")]
            + _dependence(year) + _investment(year) + _china(year))
