"""The mirror view: China's trade with the US by HS section as the US records it, and its checks.

China's exports to the US are US imports from China and China's imports from the
US are US exports to China (US Census, table ``us_trade_hs``; or UN Comtrade's
US-reported data, table ``comtrade_us_china_hs``). Values in USD bn unless a
docstring says otherwise.
"""

from __future__ import annotations

import pandas as pd

from ... import measures
from ...claims import reported_value
from ...data import load, view_cache
from . import PAPER_TOP_SECTIONS, PAPER_YEAR, SECTION_ORDER, XVI


@view_cache
def mirror_by_section(partner: str = "CHN", basis: str = "census") -> pd.DataFrame:
    """China's (or another economy's) trade with the US by HS section, from US records.

    Returns one row per year and section with ``year, hs_section, exports,
    imports, balance, months_imports`` in USD bn, from ``partner``'s side:
    ``exports`` = US imports from ``partner``, ``imports`` = US exports to it,
    ``balance`` = exports − imports. ``months_imports`` counts the months behind
    the import side (US exports; 11 for 2020 in the Census file). ``basis`` is
    ``census`` (table ``us_trade_hs``) or ``comtrade`` (``comtrade_us_china_hs``,
    China only). Computed once per partner, basis and data folder; callers get copies.
    """
    if basis == "census":
        d = load("us_trade_hs")
        d = d[d["partner"].astype(str) == partner]
        flows = {"us_imports_consumption": "exports", "us_exports": "imports"}
        months = d[d["flow"].astype(str) == "us_exports"].groupby("year")["months"].max()
    elif basis == "comtrade":
        if partner != "CHN":
            raise ValueError("the Comtrade mirror covers China only")
        d = load("comtrade_us_china_hs")
        d = d[d["hs2"].astype(str) != "TOTAL"]
        flows = {"us_imports": "exports", "us_exports": "imports"}
        months = pd.Series(12, index=sorted(d["year"].unique()))
    else:
        raise ValueError(f"basis must be 'census' or 'comtrade', not {basis!r}")
    d = d[d["flow"].astype(str).isin(flows)]
    g = d.groupby(["year", "hs_section", "flow"], observed=True)["value_usd_mn"].sum().unstack("flow")
    g = g.rename(columns=flows).reindex(columns=["exports", "imports"])
    g = measures.mn_to_bn(g).reset_index()
    g["year"] = g["year"].astype(int)
    g["hs_section"] = g["hs_section"].astype(str)
    g["balance"] = measures.balance(g["exports"], g["imports"])
    g["months_imports"] = g["year"].map(lambda y: int(months.get(y, 12)))
    return g[["year", "hs_section", "exports", "imports", "balance", "months_imports"]]


def mirror_years(basis: str = "census") -> list[int]:
    """Years (calendar years) covered by the mirror tables."""
    return sorted(int(y) for y in mirror_by_section(basis=basis)["year"].unique())


def sections_count() -> int:
    """Number (count) of distinct HS sections in the US Census table (I-XXII)."""
    return int(load("us_trade_hs")["hs_section"].nunique())


def section_stats(year: int, partner: str = "CHN", basis: str = "census") -> dict | None:
    """Section XVI and top-section measures of the mirror view for one year (None if not covered).

    Keys: ``total_exports``, ``total_imports``, ``total_balance``, ``xvi_exports``,
    ``xvi_imports``, ``xvi_balance`` (USD bn); ``xvi_share_exports``,
    ``xvi_share_balance``, ``top3_share_exports``, ``paper_top3_share_exports``
    (percent); ``top3_sections`` (the three largest sections by exports).
    """
    m = mirror_by_section(partner, basis)
    m = m[m["year"] == year].set_index("hs_section")
    if m.empty or XVI not in m.index:
        return None
    tot = m[["exports", "imports", "balance"]].sum()
    top3 = m["exports"].sort_values(ascending=False).head(3)
    return {
        "total_exports": float(tot["exports"]), "total_imports": float(tot["imports"]),
        "total_balance": float(tot["balance"]),
        "xvi_exports": float(m.loc[XVI, "exports"]), "xvi_imports": float(m.loc[XVI, "imports"]),
        "xvi_balance": float(m.loc[XVI, "balance"]),
        "xvi_share_exports": measures.share(float(m.loc[XVI, "exports"]), float(tot["exports"])),
        "xvi_share_balance": measures.share(float(m.loc[XVI, "balance"]), float(tot["balance"])),
        "top3_sections": list(top3.index),
        "top3_share_exports": measures.share(float(top3.sum()), float(tot["exports"])),
        "paper_top3_share_exports": measures.share(float(m.loc[list(PAPER_TOP_SECTIONS), "exports"].sum()),
                                                   float(tot["exports"])),
    }


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_to_int(numeral: str) -> int:
    """``'XX'`` -> 20 (a section number): HS sections are numbered in Roman numerals."""
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def mirror_section_rank(rank: int, year: int = PAPER_YEAR) -> int | None:
    """The HS section (as a number) ranked ``rank`` by China's exports to the US in the mirror view."""
    stats = section_stats(year)
    if stats is None:
        return None
    return roman_to_int(stats["top3_sections"][rank - 1])


def reporting_gap_change(first: int, last: int) -> dict | None:
    """Percent change of China's exports to the US as China reports them (IMF DOTS) and as the US records them.

    Keys ``china_reported`` (DOTS, reporter CHN, partner USA) and ``us_recorded``
    (US imports for consumption from China, all chapters), both percent; None if a year is missing.
    """
    bt = load("bilateral_trade")
    c = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "USA") & (bt["flow"] == "exports")].set_index("year")["value_usd_mn"]
    m = mirror_by_section("CHN", "census").groupby("year")["exports"].sum()
    if not all(y in c.index and y in m.index for y in (first, last)):
        return None
    return {"china_reported": 100 * (float(c[last]) / float(c[first]) - 1),
            "us_recorded": 100 * (float(m[last]) / float(m[first]) - 1)}


# --- the 2017 cross-check of the import side ---------------------------------------------------------

def import_side_2017() -> pd.DataFrame:
    """China's 2017 imports from the US by section: China-reported (PIIE/ITC) vs US-reported exports (Census).

    Columns: ``hs_section, china_reported, us_reported, ratio`` (USD bn; ratio =
    China-reported / US-reported, times). China records imports CIF and by country of
    origin, so its figures are usually higher.
    """
    c = load("china_imports_from_us_2017")
    c = c[c["year"] == 2017]
    cs = measures.mn_to_bn(c.groupby("hs_section", observed=True)["value_usd_mn"].sum())
    m = mirror_by_section("CHN", "census")
    us = m[m["year"] == 2017].set_index("hs_section")["imports"]
    out = pd.DataFrame({"china_reported": cs, "us_reported": us}).reindex(SECTION_ORDER)
    out["ratio"] = out["china_reported"] / out["us_reported"]
    out.index.name = "hs_section"
    return out.reset_index()


def import_side_summary() -> dict:
    """Totals and section XVI of :func:`import_side_2017`, and the paper's implied 2018 section XVI imports.

    ``total_china``, ``total_us``, ``xvi_china``, ``xvi_us`` in USD bn; ``total_ratio``
    and ``xvi_ratio`` (times, China-reported / US-reported). ``implied_2018`` = the
    paper's section XVI exports to the US minus its section XVI surplus (USD 100
    million: China-side imports the paper's two numbers imply); ``us_2018`` =
    US-reported 2018 section XVI exports to China and ``scaled_2018`` = the same
    times the 2017 China/US ratio for section XVI (both USD 100 million).
    """
    t = import_side_2017().set_index("hs_section")
    tot_c, tot_u = float(t["china_reported"].sum()), float(t["us_reported"].sum())
    ratio_xvi = float(t.loc[XVI, "ratio"])
    s18 = section_stats(PAPER_YEAR)
    return {
        "total_china": tot_c, "total_us": tot_u, "total_ratio": tot_c / tot_u,
        "xvi_china": float(t.loc[XVI, "china_reported"]), "xvi_us": float(t.loc[XVI, "us_reported"]),
        "xvi_ratio": ratio_xvi,
        "implied_2018": reported_value("s2_4_xvi_exports_to_us_2018") - reported_value("s2_4_xvi_surplus_with_us_2018"),
        "us_2018": measures.bn_to_yi(s18["xvi_imports"]),
        "scaled_2018": measures.bn_to_yi(s18["xvi_imports"] * ratio_xvi),
    }
