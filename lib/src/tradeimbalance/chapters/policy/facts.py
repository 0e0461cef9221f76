"""The numbers the chapter's prose cites, by the name it cites them (glued as ``policy_<name>``).

The extension section always reads the latest data, whatever year the chapter runs for, so every fact
has the same value for every ``year``.
"""

from __future__ import annotations

import math

from ... import views
from ...facts import Fact, fact
from . import PAPER_YEAR, SUCCESSORS
from .figures import BILATERAL_COLUMNS, bilateral_data, surplus_data
from .measures import (bop_series, china_in_us, dots_last_year, fdi_points, macro_last_year, processing_share,
                       section_claims)
from .shift_figure import shift_data

#: Processing shares the prose cites: name -> (year, flow, period).
PROCESSING_POINTS = {
    "proc_imp_2018": (2018, "imports", "Jan-Dec"), "proc_imp_2019": (2019, "imports", "Jan-Dec"),
    "proc_imp_2023": (2023, "imports", "Jan-Dec"), "proc_imp_2024": (2024, "imports", "Jan-Dec"),
    "proc_exp_2019": (2019, "exports", "Jan-Dec"), "proc_exp_oct_2022": (2022, "exports", "Jan-Oct"),
    "proc_exp_oct_2023": (2023, "exports", "Jan-Oct"),
}


def _balances(dl: int) -> list[Fact]:
    """China's balances with the US and the EU (DOTS) and the US deficit with China (US records), USD bn."""
    bil = bilateral_data(dl).set_index("year")
    us_d = views.us_deficits()
    us, eu27, eu28 = BILATERAL_COLUMNS[1:]
    peak = int(bil[us].idxmax())
    return [
        fact("cn_us_peak_year", peak, "year"),
        fact("cn_us_paper", float(bil.loc[PAPER_YEAR, us]), "usd_bn"),
        fact("cn_us_last", float(bil.loc[dl, us]), "usd_bn"),
        fact("cn_us_peak", float(bil.loc[peak, us]), "usd_bn"),
        fact("cn_eu27_paper", float(bil.loc[PAPER_YEAR, eu27]), "usd_bn"),
        fact("cn_eu27_last", float(bil.loc[dl, eu27]), "usd_bn"),
        fact("cn_eu28_paper", float(bil.loc[PAPER_YEAR, eu28]), "usd_bn"),
        fact("cn_eu28_last", float(bil.loc[dl, eu28]), "usd_bn"),
        fact("us_cn_deficit_2018", float(us_d.loc[2018, "CHN"]), "usd_bn"),
        fact("us_cn_deficit_last", float(us_d.loc[dl, "CHN"]), "usd_bn"),
    ]


def _surplus() -> list[Fact]:
    """China's overall goods balance (WDI: USD bn and percent of GDP) and the SAFE goods balance and services
    deficit (USD bn, the deficit as a positive amount), with the years SAFE covers."""
    ml = macro_last_year()
    sur = surplus_data(ml).set_index("year")
    bop_g, bop_s = bop_series("goods_balance"), bop_series("services_balance")
    gaps = [y for y in range(int(bop_g.index.min()), int(bop_g.index.max()) + 1) if y not in bop_g.index]
    return [
        fact("macro_last", ml, "year"),
        fact("bop_first", int(bop_g.index.min()), "year"),
        fact("bop_last", int(bop_g.index.max()), "year"),
        fact("bop_missing", gaps[0] if len(gaps) == 1 else None, "year"),
        fact("merch_paper", float(sur.loc[PAPER_YEAR, "merch_balance_usd_bn"]), "usd_bn"),
        fact("merch_last", float(sur.loc[ml, "merch_balance_usd_bn"]), "usd_bn"),
        fact("merch_pct_paper", float(sur.loc[PAPER_YEAR, "merch_balance_pct_gdp"]), "pct"),
        fact("merch_pct_last", float(sur.loc[ml, "merch_balance_pct_gdp"]), "pct"),
        fact("bop_goods_paper", float(bop_g.get(PAPER_YEAR, math.nan)), "usd_bn"),
        fact("bop_goods_last", float(bop_g.iloc[-1]), "usd_bn"),
        fact("bop_services_paper", -float(bop_s.get(PAPER_YEAR, math.nan)), "usd_bn"),
        fact("bop_services_last", -float(bop_s.iloc[-1]), "usd_bn"),
    ]


def _shift(dl: int) -> list[Fact]:
    """Shares of US and extra-EU27 imports (percent) from China and the four successors, 2018 and the last DOTS
    year, and US imports from Vietnam (USD bn)."""
    shift = shift_data(dl)
    out = []
    for rep in ("USA", "EU27"):
        for y, tag in ((2018, "2018"), (dl, "last")):
            s = shift[(shift["reporter"] == rep) & (shift["year"] == y)].set_index("partner")
            out.append(fact(f"{rep}_cn_share_{tag}", float(s.loc["CHN", "share_of_reporter_imports_pct"]), "pct"))
            out.append(fact(f"{rep}_succ_share_{tag}",
                            float(s.loc[SUCCESSORS, "share_of_reporter_imports_pct"].sum()), "pct"))
            if rep == "USA":
                out.append(fact(f"USA_vnm_imports_{tag}", float(s.loc["VNM", "imports_usd_bn"]), "usd_bn"))
    return out


def _investment() -> list[Fact]:
    """The latest US and Chinese direct-investment positions (USD bn), their ratio (times), the years missing
    before it, and China's position in the paper's year (USD bn)."""
    fdi = fdi_points().set_index("year")
    fy = [int(y) for y in fdi.index]
    gap_first = fy[-2] + 1 if len(fy) > 1 and fy[-1] - fy[-2] > 1 else None
    return [
        fact("fdi_last", fdi.index[-1], "year"),
        fact("fdi_ratio_last", float(fdi["ratio"].iloc[-1]), "times"),
        fact("fdi_us_last", float(fdi["us_in_china_usd_bn"].iloc[-1]), "usd_bn"),
        fact("fdi_cn_last", float(fdi["china_in_us_usd_bn"].iloc[-1]), "usd_bn"),
        fact("fdi_gap_first", gap_first, "year"),
        fact("fdi_gap_last", fy[-1] - 1 if gap_first is not None else None, "year"),
        fact("cn_in_us_paper", float(china_in_us().get(PAPER_YEAR, math.nan)), "usd_bn"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the chapter's prose cites (years, USD bn, percent, times, a count), for any ``year``."""
    dl = dots_last_year()
    return [
        fact("paper_year", PAPER_YEAR, "year"),
        fact("n_s4", len(section_claims()), "count"),
        fact("dots_last", dl, "year"),
        *_balances(dl),
        *_surplus(),
        *[fact(name, processing_share(*point), "pct") for name, point in PROCESSING_POINTS.items()],
        *_shift(dl),
        *_investment(),
    ]
