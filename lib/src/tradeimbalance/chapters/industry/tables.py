"""The chapter's tables: the paper's section XVI statements against the mirror view and against China's
totals, and the balances of the large sections in the tariff years."""

from __future__ import annotations

import pandas as pd

from ... import measures
from ...claims import reported_value
from . import FIG4_PAPER_YEARS, PAPER_YEAR, TABLE_THRESHOLD_BN
from .china_side import china_totals
from .mirror import mirror_years, section_stats
from .sections import balances_wide, section_label


def _statement_table(rows, cells) -> pd.DataFrame:
    """One row per statement of the paper: ``Statement`` (the first item of each row of ``rows``), then the
    columns ``cells(*rest of the row)`` returns for it, in order."""
    return pd.DataFrame([{"Statement": label, **cells(*spec)} for label, *spec in rows])


def mirror_table(year: int) -> pd.DataFrame:
    """The paper's China-side statements next to the US-reported mirror values for ``year``.

    Columns: ``Statement``, ``Paper (China Customs, as reported)`` (only for the paper's year; the
    paper's USD 100 million converted to USD bn), ``Mirror: US Census``, ``Mirror: UN Comtrade (CIF)``,
    ``Unit`` (USD bn or %).
    """
    cen, com = section_stats(year, basis="census"), section_stats(year, basis="comtrade")
    rows = [  # (statement, claim id, key of the section statistics, in money)
        ("Section XVI exports to the US", "s2_4_xvi_exports_to_us_2018", "xvi_exports", True),
        ("Section XVI share of exports to the US", "s2_4_xvi_share_exports_to_us_2018", "xvi_share_exports", False),
        ("Section XVI balance with the US", "s2_4_xvi_surplus_with_us_2018", "xvi_balance", True),
        ("Section XVI share of the balance with the US", "s2_4_xvi_share_surplus_with_us_2018", "xvi_share_balance", False),
        ("Sections XVI, XX and XI: share of exports to the US", "s2_4_fn_top3_sections_share_exports_to_us",
         "paper_top3_share_exports", False),
    ]

    def cells(cid, key, money):
        paper = reported_value(cid) if year == PAPER_YEAR else float("nan")
        return {
            "Paper (China Customs, as reported)": measures.yi_to_bn(paper) if money else paper,
            "Mirror: US Census": float("nan") if cen is None else cen[key],
            "Mirror: UN Comtrade (CIF)": float("nan") if com is None else com[key],
            "Unit": "USD bn" if money else "%",
        }

    return _statement_table(rows, cells)


def consistency_table() -> pd.DataFrame:
    """The paper's section XVI values divided by China's own 2018 totals with each partner (IMF DOTS).

    This does not reproduce the section values (they are the paper's); it checks
    that the paper's shares fit its values and China's reported totals.
    Columns: ``Statement``, ``Paper value (USD bn)`` (the paper's USD 100 million converted),
    ``China's total (USD bn, IMF DOTS)``, ``Implied share (%)``, ``Paper's share (%)``.
    """
    y = PAPER_YEAR
    us, jp, kr = china_totals(y, "USA"), china_totals(y, "JPN"), china_totals(y, "KOR")
    rows = [
        ("Section XVI exports / exports to the US", "s2_4_xvi_exports_to_us_2018", us and us["exports"],
         "s2_4_xvi_share_exports_to_us_2018"),
        ("Section XVI surplus / surplus with the US", "s2_4_xvi_surplus_with_us_2018", us and us["balance"],
         "s2_4_xvi_share_surplus_with_us_2018"),
        ("Section XVI deficit / deficit with Japan", "s2_4_xvi_balance_japan_2018", jp and jp["balance"],
         "s2_4_xvi_share_deficit_japan_2018"),
        ("Section XVI deficit / deficit with Korea", "s2_4_xvi_balance_korea_2018", kr and kr["balance"],
         "s2_4_xvi_share_deficit_korea_2018"),
    ]

    def cells(vid, total, sid):
        v = reported_value(vid)
        return {"Paper value (USD bn)": measures.yi_to_bn(v),
                "China's total (USD bn, IMF DOTS)": float("nan") if total is None else measures.yi_to_bn(total),
                "Implied share (%)": float("nan") if not total else measures.share(v, total),
                "Paper's share (%)": reported_value(sid)}

    return _statement_table(rows, cells)


def tariff_table(years=FIG4_PAPER_YEARS) -> pd.DataFrame:
    """Balances (USD bn) of section XVI, the other large surplus sections and the deficit sections, by year."""
    ys = [y for y in years if y in mirror_years()]
    w = balances_wide(ys)
    if not ys:
        return pd.DataFrame()
    keep = [s for s in w.index if (w.loc[s].abs() >= TABLE_THRESHOLD_BN).any()]
    t = w.loc[keep].copy()
    t.insert(0, "Section", [section_label(s) for s in t.index])
    t.columns = ["Section"] + [f"{y} (USD bn)" for y in ys]
    return t.reset_index(drop=True)
