"""Checks of the paper's own values: the text against Table 1, the table's arithmetic, its basis, its sum.

These check the paper's arithmetic on values it reports; they are not reproductions from
open data (except where an NBS or customs total is set against a reported value, as labelled).
"""

from __future__ import annotations

import math

import pandas as pd

from ...data import load
from . import BASIS, BASIS_LABELS, OTHER_BASIS, PAPER_YEAR, TEXT_TO_TABLE
from .measures import table1_reported, top_nine_share, totals

def text_vs_table() -> pd.DataFrame:
    """Each text value of section 2.2 that quotes a Table 1 cell, next to the cell (USD 100 million)."""
    rep = load("paper_reported").set_index("claim_id")
    t1 = table1_reported().set_index("code")
    rows = []
    for cid, (code, col) in TEXT_TO_TABLE.items():
        text = float(rep.loc[cid, "value"])
        table = float(t1.loc[code, col])
        rows.append({
            "claim": cid,
            "Province": t1.loc[code, "province"],
            "Table 1 column": {"balance_total": "(1) total", "balance_eu_us": "(2) EU+US",
                               "balance_japan_korea": "(4) Japan+Korea"}[col],
            "Text": text,
            "Table 1": table,
            "Difference": text - table,
        })
    return pd.DataFrame(rows)


def euus_share_of_surplus(code: str, total: float | None = None) -> float:
    """Column (2) as a percentage (percent) of column (1) of Table 1 for province ``code`` (``total`` overrides column 1)."""
    t1 = table1_reported().set_index("code")
    tot = float(t1.loc[code, "balance_total"]) if total is None else float(total)
    return 100.0 * float(t1.loc[code, "balance_eu_us"]) / tot


def implied_rest(code: str | None = None) -> pd.DataFrame:
    """Column (1) minus columns (2) and (3): the implied balance with all other partners (USD 100 million).

    Africa, Latin America, Oceania and non-EU Europe, among others; derived from the
    reported columns, not observed.
    """
    t = table1_reported()
    out = pd.DataFrame({
        "code": t["code"], "Province": t["province"],
        "(1) total": t["balance_total"], "(2) EU+US": t["balance_eu_us"], "(3) Asia": t["balance_asia"],
        "(1)-(2)-(3) all other partners": t["balance_total"] - t["balance_eu_us"] - t["balance_asia"],
    })
    return out if code is None else out[out["code"] == code]


def balance_relative_to_trade() -> pd.DataFrame:
    """The reported 2018 balance as a percentage of the province's 2018 total trade (NBS).

    Both in USD: the balance (USD 100 million) is divided by 10 to give USD bn. Combines a
    reported value with an observed one; labelled so in the chapter.
    """
    t1 = table1_reported()
    tot = totals(BASIS)
    tot = tot[tot["year"] == PAPER_YEAR].set_index("code")["trade_usd_bn"]
    return pd.DataFrame({
        "Province": t1["province"],
        "Balance, as reported (USD bn)": t1["balance_total"] / 10.0,
        "Total trade, NBS (USD bn)": [float(tot.get(c, math.nan)) for c in t1["code"]],
        "Balance / total trade (%)": [100.0 * b / 10.0 / float(tot.get(c, math.nan)) for b, c in zip(t1["balance_total"], t1["code"])],
    })


def minimum_trade_check(year: int = PAPER_YEAR) -> pd.DataFrame:
    """The smallest total trade each province must have for Table 1's balances to be possible, vs NBS totals.

    The EU+US, Asia and all other partners are disjoint groups, and trade with a group
    is at least the absolute value of the balance with it; so total trade is at least
    ``|col 2| + |col 3| + |col 1 - col 2 - col 3|`` (USD 100 million, divided by 10 for
    USD bn). Compared with the NBS totals of ``year`` on both bases: a basis on which a
    province trades less than this minimum cannot be the basis of Table 1.
    """
    t = table1_reported()
    rest = t["balance_total"] - t["balance_eu_us"] - t["balance_asia"]
    out = pd.DataFrame({
        "code": t["code"],
        "Province": t["province"],
        "Minimum trade implied by Table 1 (USD bn)": (t["balance_eu_us"].abs() + t["balance_asia"].abs() + rest.abs()) / 10.0,
    })
    for basis in (BASIS, OTHER_BASIS):
        tot = totals(basis)
        tot = tot[tot["year"] == int(year)].set_index("code")["trade_usd_bn"]
        out[f"Total trade, {BASIS_LABELS[basis]} (USD bn)"] = [float(tot.get(c, math.nan)) for c in t["code"]]
    return out


def impossible_on(basis: str, year: int = PAPER_YEAR) -> list[str]:
    """English names of the provinces whose NBS total trade on ``basis`` is below the minimum implied by Table 1."""
    m = minimum_trade_check(year)
    col = f"Total trade, {BASIS_LABELS[basis]} (USD bn)"
    bad = m[m[col] < m["Minimum trade implied by Table 1 (USD bn)"]]
    return bad["Province"].tolist()


def national_vs_nine(year: int = PAPER_YEAR) -> dict:
    """Table 1's nine balances added up, against China's customs balance of ``year`` (USD bn).

    The national balance is customs exports minus imports (table ``customs_regime``,
    TOTAL rows, full year; 2018 is backed out of the 2019 table's year-on-year changes).
    Returns nine_sum, national, rest (national minus the nine), rest_trade_share
    (percent of trade outside the nine largest provinces), and each group's balance as a
    percentage of its own total trade (nine_pct_of_trade, rest_pct_of_trade); NaN where missing.
    """
    nine = float(table1_reported()["balance_total"].sum()) / 10.0
    c = load("customs_regime")
    c = c[(c["regime"] == "TOTAL") & (c["period"] == "Jan-Dec") & (c["year"] == int(year))]
    flows = c.set_index("flow")["value_usd_mn"]
    national = (float(flows["exports"]) - float(flows["imports"])) / 1000.0 if {"exports", "imports"} <= set(flows.index) else math.nan
    t = top_nine_share(BASIS).set_index("year")
    if int(year) in t.index:
        nine_trade = float(t.loc[int(year), "top_nine_trade_usd_bn"])
        rest_trade = float(t.loc[int(year), "national_trade_usd_bn"]) - nine_trade
        share = float(t.loc[int(year), "top_nine_share_pct"])
    else:
        nine_trade = rest_trade = share = math.nan
    rest = national - nine
    return {
        "nine_sum": nine, "national": national, "rest": rest, "rest_trade_share": 100.0 - share,
        "nine_pct_of_trade": 100.0 * nine / nine_trade, "rest_pct_of_trade": 100.0 * rest / rest_trade,
    }




def swap_digits(value: float, i: int, j: int, decimals: int = 2) -> float:
    """``value`` (in its own unit) with its ``i``-th and ``j``-th digits exchanged (from the left, 0-based, sign and point ignored).

    The kind of misprint that turns Table 1's Guangdong total into the text's figure.
    """
    text = f"{abs(value):.{decimals}f}"
    digits = [c for c in text if c.isdigit()]
    digits[i], digits[j] = digits[j], digits[i]
    whole = len(text.split(".")[0])
    swapped = "".join(digits[:whole]) + "." + "".join(digits[whole:])
    return math.copysign(float(swapped), value)
