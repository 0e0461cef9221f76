"""Chapter "Regional imbalances" (paper, section 2.2): Fig. 2, Table 1 and the top-nine share.

The paper (section 2.2) describes the trade balances of China's nine largest trading
provinces in 2018 (Fig. 2) and, in Table 1, each province's balance in total and with
the EU+US, Asia and Japan+Korea, computed by the author from China Customs data.

Open data here hold only *total* trade (exports plus imports together) by province
(NBS, 2016-2024, table ``province_trade_totals``). Provincial balances therefore exist
only as the paper reports them (table ``paper_table1``). What this module computes:

- the share of the nine largest provinces in national trade, for every year with data,
  and whether they are the paper's nine (:func:`top_nine_share`);
- internal-consistency checks on the paper's own reported values (text against
  Table 1, the arithmetic of the text, shares computed from Table 1's columns). These
  check the paper's arithmetic; they are not reproductions from open data.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ..book import glue_text as book_glue_text
from ..charts.theme import PALETTE
from ..claims import CLOSE, ERRATUM, NOT_REPRODUCIBLE, REPRODUCED, Erratum, reproduces
from ..data import load
from ..figures import figure

CHAPTER = "regional"
PAPER_YEAR = 2018
#: Basis of the provincial totals used for the ranking and the shares: location of the
#: importer/exporter (经营单位所在地), the basis of customs' provincial tables (see the chapter).
BASIS = "location_of_importers_exporters"
OTHER_BASIS = "domestic_destination_source"
BASIS_LABELS = {
    "location_of_importers_exporters": "location of importers/exporters",
    "domestic_destination_source": "domestic destination/source of goods",
}
TOP_N = 9

#: Table 1 columns as registered (USD 100 million, as reported by the paper).
TABLE1_COLUMNS = ["province", "balance_total", "balance_eu_us", "balance_asia", "balance_japan_korea"]
_T1_SOURCE = {
    "balance_total": "net_exports_total",
    "balance_eu_us": "net_exports_eu_us",
    "balance_asia": "net_exports_asia",
    "balance_japan_korea": "net_exports_japan_korea",
}
#: The official tables that would turn the reported balances into reproducible ones.
MISSING_TABLES = (
    "China Customs (GACC) / NBS 'Imports and exports by location of importers/exporters' with exports and imports "
    "shown separately (for column 1 and Fig. 2), and the same by province and partner country (for columns 2-4)"
)

#: Text statements of section 2.2 that quote a Table 1 cell: claim id -> (province code, Table 1 column).
TEXT_TO_TABLE = {
    "s2_2_zhejiang_surplus_2018": ("CN-ZJ", "balance_total"),
    "s2_2_guangdong_surplus_2018_text": ("CN-GD", "balance_total"),
    "s2_2_jiangsu_euus_surplus_2018": ("CN-JS", "balance_eu_us"),
    "s2_2_guangdong_jpkr_balance_2018": ("CN-GD", "balance_japan_korea"),
    "s2_2_jiangsu_jpkr_balance_2018": ("CN-JS", "balance_japan_korea"),
    "s2_2_shanghai_balance_2018": ("CN-SH", "balance_total"),
    "s2_2_beijing_balance_2018": ("CN-BJ", "balance_total"),
    "s2_2_tianjin_balance_2018": ("CN-TJ", "balance_total"),
}


# --- data -------------------------------------------------------------------------------------

def table1_reported() -> pd.DataFrame:
    """The paper's Table 1 as reported (USD 100 million), in the paper's row order.

    Columns: ``code`` (ISO 3166-2:CN), ``province`` (English name) and the four
    balance columns of :data:`TABLE1_COLUMNS`.
    """
    t = load("paper_table1").sort_values("rank")
    out = pd.DataFrame({"code": t["province"].astype(str).to_numpy(), "province": t["province_en"].astype(str).to_numpy()})
    for dst, src in _T1_SOURCE.items():
        out[dst] = t[src].astype("float64").to_numpy()
    return out


def paper_provinces() -> list[str]:
    """ISO codes of the nine provinces of Table 1."""
    return table1_reported()["code"].tolist()


def totals(basis: str = BASIS) -> pd.DataFrame:
    """Total trade (exports + imports) by province and year, USD bn (NBS): code, province, year, trade_usd_bn."""
    t = load("province_trade_totals")
    t = t[t["basis"] == basis]
    return pd.DataFrame({
        "code": t["province"].astype(str).to_numpy(),
        "province": t["province_en"].astype(str).to_numpy(),
        "year": t["year"].astype(int).to_numpy(),
        "trade_usd_bn": t["value_usd_mn"].astype("float64").to_numpy() / 1000.0,
    })


def data_years(basis: str = BASIS) -> list[int]:
    """Years with provincial totals."""
    return sorted(totals(basis)["year"].unique().tolist())


def top_nine(year: int, basis: str = BASIS) -> pd.DataFrame:
    """The nine provinces with the largest total trade in ``year`` (empty when there are no data)."""
    t = totals(basis)
    t = t[t["year"] == int(year)].sort_values("trade_usd_bn", ascending=False).reset_index(drop=True)
    t["rank"] = range(1, len(t) + 1)
    return t.head(TOP_N)


def top_nine_share(basis: str = BASIS, up_to: int | None = None) -> pd.DataFrame:
    """Share of the nine largest provinces in the sum over all provinces, for every year with data.

    Columns: year, basis, national_trade_usd_bn (sum of the 31 provinces), top_nine_trade_usd_bn,
    top_nine_share_pct, same_nine_as_paper (the set equals Table 1's nine), entering
    (provinces in the year's nine but not in the paper's), leaving (the reverse).
    """
    t = totals(basis)
    paper = set(paper_provinces())
    names = dict(zip(t["code"], t["province"]))
    rows = []
    for y, g in t.groupby("year"):
        if up_to is not None and y > up_to:
            continue
        g = g.sort_values("trade_usd_bn", ascending=False)
        top = g.head(TOP_N)
        nine = set(top["code"])
        rows.append({
            "year": int(y),
            "basis": basis,
            "national_trade_usd_bn": float(g["trade_usd_bn"].sum()),
            "top_nine_trade_usd_bn": float(top["trade_usd_bn"].sum()),
            "top_nine_share_pct": float(100.0 * top["trade_usd_bn"].sum() / g["trade_usd_bn"].sum()),
            "same_nine_as_paper": nine == paper,
            "entering": ", ".join(sorted(names[c] for c in nine - paper)),
            "leaving": ", ".join(sorted(names[c] for c in paper - nine)),
        })
    return pd.DataFrame(rows, columns=["year", "basis", "national_trade_usd_bn", "top_nine_trade_usd_bn",
                                       "top_nine_share_pct", "same_nine_as_paper", "entering", "leaving"])


def share_in(year: int, basis: str = BASIS) -> float:
    """Top-nine share (percent) in ``year``; NaN without data."""
    t = top_nine_share(basis)
    row = t[t["year"] == int(year)]
    return float(row["top_nine_share_pct"].iloc[0]) if len(row) else math.nan


# --- Fig. 2 ---------------------------------------------------------------------------------------

FIG2_COLUMNS = [
    "province", "province_code", "year", "trade_rank", "total_trade_usd_bn", "share_of_national_trade_pct",
    "balance_total_usd_100m_reported",
]


def fig2_chart(df: pd.DataFrame, year: int):
    """Two panels per province: the paper's reported 2018 balance and NBS total trade in ``year``."""
    d = df.copy()
    # The book's unit: the paper's 亿美元 (USD 100 million) divided by ten; the tooltip keeps the printed figure.
    d["balance_usd_bn_reported"] = d["balance_total_usd_100m_reported"] / 10
    d["side"] = ["surplus" if v >= 0 else "deficit" if v < 0 else "not reported" for v in d["balance_total_usd_100m_reported"].fillna(0)]
    d.loc[d["balance_total_usd_100m_reported"].isna(), "side"] = "not reported"
    has_balance = d["balance_total_usd_100m_reported"].notna().any()
    order = (d.sort_values("balance_total_usd_100m_reported", ascending=False)["province"].tolist() if has_balance
             else d.sort_values("total_trade_usd_bn", ascending=False)["province"].tolist())
    y_enc = alt.Y("province:N", sort=order, title="Province")
    tips = [
        alt.Tooltip("province:N", title="Province"),
        alt.Tooltip("year:Q", title="Year (trade)", format="d"),
        alt.Tooltip("trade_rank:Q", title="Rank by trade"),
        alt.Tooltip("total_trade_usd_bn:Q", title="Total trade (USD bn)", format=",.1f"),
        alt.Tooltip("share_of_national_trade_pct:Q", title="Share of national trade (%)", format=".1f"),
        alt.Tooltip("balance_usd_bn_reported:Q", title="Balance 2018, as reported (USD bn)", format=",.1f"),
        alt.Tooltip("balance_total_usd_100m_reported:Q", title="Printed by the paper (亿美元, USD 100 million)", format=",.2f"),
    ]
    trade = alt.Chart(d, title=alt.Title(f"Total trade, {int(year)}", subtitle="NBS, exports + imports")).mark_bar(color=PALETTE[5]).encode(
        y=y_enc if not has_balance else alt.Y("province:N", sort=order, axis=None),
        x=alt.X("total_trade_usd_bn:Q", title="Exports + imports (USD bn)"),
        tooltip=tips,
    ).properties(width=250 if has_balance else 520, height=270)
    title = alt.Title(
        f"The nine largest trading provinces, {int(year)}",
        subtitle=("Balance as reported by the paper (Table 1, column 1) next to total trade from open data"
                  if has_balance else "Total trade from open data; the paper reports balances for 2018 only"),
    )
    if not has_balance:
        return trade.properties(title=title)
    domain = ["surplus", "deficit"]
    bal = alt.Chart(d, title=alt.Title("Balance, 2018, as reported", subtitle="exports minus imports")).mark_bar().encode(
        y=y_enc,
        x=alt.X("balance_usd_bn_reported:Q", title="Balance (USD bn)"),
        color=alt.Color("side:N", title="Balance", scale=alt.Scale(domain=domain, range=[PALETTE[0], PALETTE[1]])),
        tooltip=tips,
    ).properties(width=300, height=270)
    return alt.hconcat(bal, trade, spacing=12).properties(title=title)


@figure(
    "fig2",
    title="Trade balances of the largest trading provinces",
    caption=(
        "The nine provinces with the largest total trade in {year}: the trade balance in 2018 as reported by the "
        "paper (Table 1, column 1; no open source gives provincial exports and imports separately) and total trade "
        "(exports plus imports) by location of importers/exporters. Balances are shown only for 2018, the one year "
        "the paper reports."
    ),
    source=(
        "Balance: Yang (2020), Table 1, as reported (author's calculation from China Customs data). Total trade: "
        "National Bureau of Statistics of China, regional annual data, indicator A060101 (China Customs statistics)."
    ),
    chapter=CHAPTER,
    tables=["paper_table1", "province_trade_totals"],
    paper_number="Fig. 2",
    chart=fig2_chart,
    columns=FIG2_COLUMNS,
)
def fig2_data(year: int) -> pd.DataFrame:
    """The nine largest trading provinces of ``year`` (empty outside 2016-2024).

    Columns: province (English), province_code (ISO 3166-2:CN), year, trade_rank,
    total_trade_usd_bn and share_of_national_trade_pct (NBS, location of
    importers/exporters), balance_total_usd_100m_reported (the paper's Table 1,
    column 1, USD 100 million; only when ``year`` is 2018, NaN otherwise).
    """
    t = totals(BASIS)
    t = t[t["year"] == int(year)]
    if t.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c not in ("province", "province_code") else "object")
                             for c in FIG2_COLUMNS})
    national = t["trade_usd_bn"].sum()
    top = top_nine(year, BASIS)
    rep = table1_reported().set_index("code")["balance_total"]
    out = pd.DataFrame({
        "province": top["province"].to_numpy(),
        "province_code": top["code"].to_numpy(),
        "year": int(year),
        "trade_rank": top["rank"].astype("int64").to_numpy(),
        "total_trade_usd_bn": top["trade_usd_bn"].to_numpy(),
        "share_of_national_trade_pct": 100.0 * top["trade_usd_bn"].to_numpy() / national,
        "balance_total_usd_100m_reported": [float(rep[c]) if int(year) == PAPER_YEAR and c in rep.index else math.nan
                                            for c in top["code"]],
    })
    return out[FIG2_COLUMNS]


# --- top-nine share figure -----------------------------------------------------------------------------

def top9_chart(df: pd.DataFrame, year: int):
    """The top-nine share by year on both bases, with the paper's 80% line."""
    d = df.copy()
    d["basis_label"] = d["basis"].map(BASIS_LABELS)
    d["nine"] = d["same_nine_as_paper"].map({True: "the paper's nine", False: "another set"})
    domain = [BASIS_LABELS[BASIS], BASIS_LABELS[OTHER_BASIS]]
    years = sorted(int(y) for y in d["year"].unique())
    lo = min(76.0, float(d["top_nine_share_pct"].min()) - 1.0) if len(d) else 76.0
    hi = max(86.0, float(d["top_nine_share_pct"].max()) + 1.0) if len(d) else 86.0
    y_scale = alt.Scale(domain=[lo, hi], zero=False)
    base = alt.Chart(d)
    lines = base.mark_line(point=alt.OverlayMarkDef(size=40, filled=True)).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", values=years),
                scale=alt.Scale(domain=[min(years), max(years)] if len(years) > 1 else None, nice=False)),
        y=alt.Y("top_nine_share_pct:Q", title="Top-nine share of trade (%)", scale=y_scale),
        color=alt.Color("basis_label:N", title="Basis", scale=alt.Scale(domain=domain, range=[PALETTE[0], PALETTE[4]])),
        tooltip=[
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("basis_label:N", title="Basis"),
            alt.Tooltip("top_nine_share_pct:Q", title="Top-nine share (%)", format=".2f"),
            alt.Tooltip("top_nine_trade_usd_bn:Q", title="Top nine (USD bn)", format=",.1f"),
            alt.Tooltip("national_trade_usd_bn:Q", title="All provinces (USD bn)", format=",.1f"),
            alt.Tooltip("nine:N", title="Provinces"),
            alt.Tooltip("entering:N", title="In the nine, not in the paper's"),
            alt.Tooltip("leaving:N", title="The paper's, not in the nine"),
        ],
    )
    rule = alt.Chart(pd.DataFrame({"y": [80.0], "label": ["80% (the paper's threshold)"]})).mark_rule(
        color="#444444", strokeDash=[4, 3]).encode(y=alt.Y("y:Q", title="Top-nine share of trade (%)", scale=y_scale))
    first = int(d["year"].min()) if len(d) else int(year)
    last = int(d["year"].max()) if len(d) else int(year)
    return alt.layer(rule, lines).properties(
        width=560, height=260,
        title=alt.Title(f"Share of the nine largest trading provinces in China's trade, {first}–{last}",
                        subtitle="NBS provincial totals (exports + imports) on two bases; dashed line: 80%"),
    )


@figure(
    "regional_top9",
    title="Share of the nine largest trading provinces",
    caption=(
        "Share of the nine provinces with the largest total trade in the sum over all 31 provinces, each year with "
        "open data up to {year}, on the two bases of the provincial statistics; the table view tells for each year "
        "whether the nine are those of the paper's Table 1, and which provinces join or leave them."
    ),
    source="National Bureau of Statistics of China, regional annual data, indicators A060101 and A060201 (China Customs statistics).",
    chapter=CHAPTER,
    tables=["province_trade_totals", "paper_table1"],
    chart=top9_chart,
    columns=["year", "basis", "national_trade_usd_bn", "top_nine_trade_usd_bn", "top_nine_share_pct",
             "same_nine_as_paper", "entering", "leaving"],
)
def top9_data(year: int) -> pd.DataFrame:
    """:func:`top_nine_share` on both bases, years up to ``year``."""
    return pd.concat([top_nine_share(BASIS, up_to=year), top_nine_share(OTHER_BASIS, up_to=year)], ignore_index=True)


# --- Table 1 -------------------------------------------------------------------------------------------

@figure(
    "table1",
    title="Trade balances of the main trading provinces, 2018 (as reported)",
    caption=(
        "Table 1 of the paper as reported: 2018 exports minus imports of the nine largest trading provinces, in "
        "total and with the EU+US, Asia and Japan+Korea, USD 100 million (亿美元), in the paper's row order "
        "(by the surplus with the EU+US). Not reproducible from open data."
    ),
    source="Yang (2020), Table 1 (author's calculation from China Customs data), as reported.",
    chapter=CHAPTER,
    tables=["paper_table1"],
    paper_number="Table 1",
    kind="table",
    columns=TABLE1_COLUMNS,
)
def table1_data(year: int) -> pd.DataFrame:
    """The paper's Table 1 (2018, as reported; the same for every ``year``)."""
    return table1_reported()[TABLE1_COLUMNS]


def table1_display() -> pd.DataFrame:
    """Table 1 with readable headings (USD 100 million, as reported)."""
    t = table1_reported()
    return pd.DataFrame({
        "Province": t["province"],
        "(1) Exports minus imports": t["balance_total"],
        "(2) with the EU+US": t["balance_eu_us"],
        "(3) with Asia": t["balance_asia"],
        "(4) of which Japan+Korea": t["balance_japan_korea"],
    })


# --- internal consistency --------------------------------------------------------------------------------

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
    """Column (2) as a percentage of column (1) of Table 1 for province ``code`` (``total`` overrides column 1)."""
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
    """Provinces whose NBS total trade on ``basis`` is below the minimum implied by Table 1."""
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


glue_text = book_glue_text  # shared helper, kept under this name for the chapter


def _swap_digits(value: float, i: int, j: int, decimals: int = 2) -> float:
    """``value`` with its ``i``-th and ``j``-th digits (from the left, 0-based, sign and point ignored) exchanged."""
    text = f"{abs(value):.{decimals}f}"
    digits = [c for c in text if c.isdigit()]
    digits[i], digits[j] = digits[j], digits[i]
    whole = len(text.split(".")[0])
    swapped = "".join(digits[:whole]) + "." + "".join(digits[whole:])
    return math.copysign(float(swapped), value)


# --- claims ---------------------------------------------------------------------------------------------

_BOUND_METHOD = " A lower bound ('more than'): any computed value above the printed one bears the statement out."
_SHARE_METHOD = (
    "Sum of the nine largest provinces' total trade (exports + imports, NBS indicator A060101, by location of "
    "importers/exporters) divided by the sum over all 31 provinces, {years}."
)


@reproduces("s2_2_top9_share_total_trade")
def reproduce_top9_more_than_80():
    return share_in(PAPER_YEAR)


@reproduces("s2_2_table1_top9_share_2018")
def reproduce_top9_2018():
    return share_in(PAPER_YEAR)


@reproduces("s2_2_table1_top9_share_all_years")
def reproduce_top9_all_years():
    t = top_nine_share(BASIS, up_to=PAPER_YEAR)
    return None if t.empty else float(t["top_nine_share_pct"].min())


_TABLE_ONLY = (
    "Would need the province's exports and imports{partner} for 2018, which no open source gives ("
    + MISSING_TABLES + ")."
)
_TEXT_AGREES = "Not in open data. The text agrees with Table 1 exactly (see the chapter's check of text against table)."


@reproduces("s2_2_guangdong_surplus_2018_text")
def reproduce_guangdong_text():
    return float(table1_reported().set_index("code").loc["CN-GD", "balance_total"])


@reproduces("s2_2_jiangsu_euus_minus_total")
def reproduce_jiangsu_excess():
    t1 = table1_reported().set_index("code")
    return float(t1.loc["CN-JS", "balance_eu_us"] - t1.loc["CN-JS", "balance_total"])


@reproduces("s2_2_zhejiang_euus_share_of_surplus")
def reproduce_zhejiang_share():
    return euus_share_of_surplus("CN-ZJ")


@reproduces("s2_2_guangdong_euus_share_of_surplus")
def reproduce_guangdong_share():
    return euus_share_of_surplus("CN-GD")


# --- statements read off Table 1 and Fig. 2, and the 36 cells of Table 1 ----------------------------------

from .. import claims as _claims  # noqa: E402


@reproduces("s2_2_top9_are_largest")
def reproduce_top9_are_largest():
    years = [y for y in data_years() if y <= PAPER_YEAR]
    nine = set(paper_provinces())
    return None if not years else float(min(len(nine & set(top_nine(y)["code"])) for y in years))


def _table1_count(column: str, codes: list[str], largest: bool) -> float:
    """How many of ``codes`` are among the len(codes) largest (or most negative) values of a Table 1 column."""
    t = table1_reported().set_index("code")[column].sort_values(ascending=not largest)
    return float(len(set(codes) & set(t.index[: len(codes)])))


_T1_ARITH = "Arithmetic on the paper's own Table 1 (as reported), not a reproduction from open data: "


@reproduces("s2_2_fig2_largest_surpluses")
def reproduce_fig2_surpluses():
    return _table1_count("balance_total", ["CN-ZJ", "CN-GD", "CN-JS"], largest=True)


@reproduces("s2_2_fig2_largest_deficits")
def reproduce_fig2_deficits():
    return _table1_count("balance_total", ["CN-SH", "CN-BJ", "CN-TJ"], largest=False)


@reproduces("s2_2_top3_euus_deficit_with_jpkr")
def reproduce_top3_euus_jpkr():
    t = table1_reported().sort_values("balance_eu_us", ascending=False).head(3)
    return float((t["balance_japan_korea"] < 0).sum())


@reproduces("s2_2_five_provinces_in_deficit")
def reproduce_five_deficits():
    t = table1_reported().set_index("code")["balance_total"]
    return float((t[["CN-SD", "CN-LN", "CN-TJ", "CN-SH", "CN-BJ"]] < 0).sum())


def trade_bound(code: str, year: int = PAPER_YEAR) -> tuple[float, float] | None:
    """(-T, T) for province ``code``: no balance, overall or with any partner, can exceed its total trade T.

    T is the province's exports plus imports (NBS, by location of importers/exporters), USD 100 million.
    """
    t = totals()
    t = t[(t["code"] == code) & (t["year"] == int(year))]
    if t.empty:
        return None
    total = float(t["trade_usd_bn"].iloc[0]) * 10.0
    return (-total, total)


_T1_CODES = {"gd": "CN-GD", "js": "CN-JS", "zj": "CN-ZJ", "fj": "CN-FJ", "sd": "CN-SD", "ln": "CN-LN",
             "tj": "CN-TJ", "sh": "CN-SH", "bj": "CN-BJ"}


def _cell_bound(code: str):
    def reproduce():
        return trade_bound(code)

    reproduce.__qualname__ = f"table1_cell_bound_{code}"
    return reproduce



#: The 36 cells of Table 1, each bounded by its province's total trade (declared in reference/claims/s2_2.yaml).
REPRODUCTIONS = {f"s2_2_table1_{short}_{col}": _cell_bound(code)
                 for short, code in _T1_CODES.items() for col in ("total", "eu_us", "asia", "japan_korea")}
