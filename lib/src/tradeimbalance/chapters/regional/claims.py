"""Reproductions of section 2.2's statements (declared in ``reference/claims/s2_2.yaml``).

Each function returns the value in the paper's unit. The top-nine shares are computed from
open data (NBS provincial totals); the other functions do arithmetic on the paper's own
Table 1, or bound its 36 cells by each province's total trade (:data:`REPRODUCTIONS`).
"""

from __future__ import annotations

from ...claims import reproduces
from . import BASIS, PAPER_YEAR
from .consistency import euus_share_of_surplus
from .measures import data_years, paper_provinces, share_in, table1_reported, top_nine, top_nine_share, trade_bound


@reproduces("s2_2_top9_share_total_trade")
def reproduce_top9_more_than_80() -> float:
    """Top-nine share of national trade in the paper's year, percent."""
    return share_in(PAPER_YEAR)


@reproduces("s2_2_table1_top9_share_2018")
def reproduce_top9_2018() -> float:
    """Top-nine share of national trade in 2018, percent."""
    return share_in(PAPER_YEAR)


@reproduces("s2_2_table1_top9_share_all_years")
def reproduce_top9_all_years() -> float | None:
    """Lowest top-nine share of the years with data up to the paper's year, percent (None without data)."""
    t = top_nine_share(BASIS, up_to=PAPER_YEAR)
    return None if t.empty else float(t["top_nine_share_pct"].min())


@reproduces("s2_2_guangdong_surplus_2018_text")
def reproduce_guangdong_text() -> float:
    """Guangdong's total balance in Table 1, USD 100 million (as reported), against the text's figure."""
    return float(table1_reported().set_index("code").loc["CN-GD", "balance_total"])


@reproduces("s2_2_jiangsu_euus_minus_total")
def reproduce_jiangsu_excess() -> float:
    """Jiangsu's balance with the EU+US minus its total balance (Table 1), USD 100 million."""
    t1 = table1_reported().set_index("code")
    return float(t1.loc["CN-JS", "balance_eu_us"] - t1.loc["CN-JS", "balance_total"])


@reproduces("s2_2_zhejiang_euus_share_of_surplus")
def reproduce_zhejiang_share() -> float:
    """The EU+US share of Zhejiang's surplus (Table 1), percent."""
    return euus_share_of_surplus("CN-ZJ")


@reproduces("s2_2_guangdong_euus_share_of_surplus")
def reproduce_guangdong_share() -> float:
    """The EU+US share of Guangdong's surplus (Table 1), percent."""
    return euus_share_of_surplus("CN-GD")


@reproduces("s2_2_top9_are_largest")
def reproduce_top9_are_largest() -> float | None:
    """Fewest of the paper's nine among the nine largest provinces of any year up to the paper's, a count."""
    years = [y for y in data_years() if y <= PAPER_YEAR]
    nine = set(paper_provinces())
    return None if not years else float(min(len(nine & set(top_nine(y)["code"])) for y in years))


def _table1_count(column: str, codes: list[str], largest: bool) -> float:
    """How many of ``codes`` are among the len(codes) largest (or most negative) values of a Table 1 column."""
    t = table1_reported().set_index("code")[column].sort_values(ascending=not largest)
    return float(len(set(codes) & set(t.index[: len(codes)])))


@reproduces("s2_2_fig2_largest_surpluses")
def reproduce_fig2_surpluses() -> float:
    """How many of Zhejiang, Guangdong and Jiangsu have the three largest total surpluses of Table 1, a count."""
    return _table1_count("balance_total", ["CN-ZJ", "CN-GD", "CN-JS"], largest=True)


@reproduces("s2_2_fig2_largest_deficits")
def reproduce_fig2_deficits() -> float:
    """How many of Shanghai, Beijing and Tianjin have the three largest total deficits of Table 1, a count."""
    return _table1_count("balance_total", ["CN-SH", "CN-BJ", "CN-TJ"], largest=False)


@reproduces("s2_2_top3_euus_deficit_with_jpkr")
def reproduce_top3_euus_jpkr() -> float:
    """How many of the three largest surpluses with the EU+US go with a deficit with Japan+Korea, a count."""
    t = table1_reported().sort_values("balance_eu_us", ascending=False).head(3)
    return float((t["balance_japan_korea"] < 0).sum())


@reproduces("s2_2_five_provinces_in_deficit")
def reproduce_five_deficits() -> float:
    """How many of Shandong, Liaoning, Tianjin, Shanghai and Beijing run a total deficit in Table 1, a count."""
    t = table1_reported().set_index("code")["balance_total"]
    return float((t[["CN-SD", "CN-LN", "CN-TJ", "CN-SH", "CN-BJ"]] < 0).sum())


_T1_CODES = {"gd": "CN-GD", "js": "CN-JS", "zj": "CN-ZJ", "fj": "CN-FJ", "sd": "CN-SD", "ln": "CN-LN",
             "tj": "CN-TJ", "sh": "CN-SH", "bj": "CN-BJ"}


def _cell_bound(code: str):
    """A reproduction returning :func:`~.measures.trade_bound` of province ``code`` (USD 100 million)."""
    def reproduce():
        return trade_bound(code)

    reproduce.__qualname__ = f"table1_cell_bound_{code}"
    return reproduce


#: The 36 cells of Table 1, each bounded by its province's total trade (declared in reference/claims/s2_2.yaml),
#: and the text's statements of the same numbers, bounded alike.
REPRODUCTIONS = {f"s2_2_table1_{short}_{col}": _cell_bound(code)
                 for short, code in _T1_CODES.items() for col in ("total", "eu_us", "asia", "japan_korea")}
REPRODUCTIONS.update({f"s2_2_{name}": _cell_bound(_T1_CODES[short]) for name, short in (
    ("zhejiang_surplus_2018", "zj"), ("shanghai_balance_2018", "sh"), ("beijing_balance_2018", "bj"),
    ("tianjin_balance_2018", "tj"), ("jiangsu_euus_surplus_2018", "js"), ("guangdong_jpkr_balance_2018", "gd"),
    ("jiangsu_jpkr_balance_2018", "js"))})
