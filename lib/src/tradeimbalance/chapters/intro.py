"""Introduction: the imbalance in numbers (paper, section 1 and the opening of section 2).

Measures: China's 2019 customs goods balance in yuan; goods balances as a share
of GDP for China, India and Brazil; US–China WTO disputes 2002–2019; the
current account as a share of GDP. Figure ``intro_surplus_gdp`` compares the
three economies' goods balances relative to GDP over time.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import claims
from ..claims import claim
from ..data import load, view_cache
from ..figures import figure
from ..charts.theme import economy_scale

PAPER_YEAR = 2019
CHAPTER = "intro"
COMPARATORS = {"CHN": "China", "IND": "India", "BRA": "Brazil"}
DISPUTE_YEARS = (2002, 2019)


# --- measures -----------------------------------------------------------------------------------

@view_cache
def goods_balance_pct_gdp(basis: str = "wdi") -> pd.DataFrame:
    """Goods balance as a share of GDP (percent) by country and year.

    ``basis="wdi"``: WTO merchandise exports minus imports (WDI ``TX/TM.VAL.MRCH.CD.WT``)
    over GDP in current US dollars (WDI), for every country in ``macro``.
    ``basis="dots"``: China's exports minus imports with the world as China reports
    them to the IMF (DOTS), over the same GDP; China only.
    Columns: country, year, balance_usd_bn, gdp_usd_bn, balance_pct_gdp.
    """
    macro = load("macro")
    gdp = macro.set_index(["country", "year"])["gdp_usd"]
    if basis == "wdi":
        bal = (macro["merch_exports_usd"] - macro["merch_imports_usd"]).to_numpy()
        out = pd.DataFrame({"country": macro["country"].astype(str), "year": macro["year"].astype(int), "balance_usd_bn": bal / 1e9})
    elif basis == "dots":
        bt = load("bilateral_trade")
        w = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "WLD")]
        w = w.pivot_table(index="year", columns="flow", values="value_usd_mn", observed=True)
        out = pd.DataFrame({"country": "CHN", "year": w.index.astype(int), "balance_usd_bn": ((w["exports"] - w["imports"]) / 1000).to_numpy()})
    else:
        raise ValueError(f"basis must be 'wdi' or 'dots', not {basis!r}")
    keys = pd.DataFrame({"country": macro["country"].astype(str).to_numpy(), "year": macro["year"].astype(int).to_numpy(),
                         "gdp": gdp.astype("float64").to_numpy()})
    out["gdp_usd_bn"] = out[["country", "year"]].merge(keys, on=["country", "year"], how="left")["gdp"].to_numpy() / 1e9
    out["balance_pct_gdp"] = out["balance_usd_bn"] / out["gdp_usd_bn"] * 100
    return out.dropna(subset=["balance_pct_gdp"]).reset_index(drop=True)


def goods_balance_share(country: str, year: int, basis: str = "wdi") -> float | None:
    """One country's goods balance as a percent of GDP in ``year`` (None if not covered)."""
    df = goods_balance_pct_gdp(basis)
    row = df[(df["country"] == country) & (df["year"] == year)]
    return None if row.empty else float(row["balance_pct_gdp"].iloc[0])


def customs_goods_cny(year: int) -> dict[str, float] | None:
    """China's customs-basis goods exports, imports and balance in CNY trillion (``bop_china``)."""
    bop = load("bop_china")
    sel = bop[(bop["year"] == year) & (bop["currency"] == "CNY")].set_index("item")["value_bn"]
    items = ("goods_exports_customs", "goods_imports_customs")
    if not all(i in sel.index for i in items):
        return None
    exp, imp = float(sel["goods_exports_customs"]) / 1000, float(sel["goods_imports_customs"]) / 1000
    return {"exports": exp, "imports": imp, "balance": exp - imp}


def customs_balance_usd(year: int) -> float | None:
    """China Customs total exports minus imports for ``year`` in USD bn (``customs_regime``, full year).

    2019 is published; 2018 is backed out of the 2019 year-on-year changes.
    """
    cr = load("customs_regime")
    sel = cr[(cr["year"] == year) & (cr["regime_group"] == "total") & (cr["period"] == "Jan-Dec")]
    flows = sel.groupby("flow", observed=True)["value_usd_mn"].sum()
    if not {"exports", "imports"} <= set(flows.index):
        return None
    return float(flows["exports"] - flows["imports"]) / 1000


def bop_usd(year: int, item: str, release: str | None = None) -> float | None:
    """A SAFE balance-of-payments item for ``year`` in USD bn (official annual release preferred)."""
    bop = load("bop_china")
    sel = bop[(bop["year"] == year) & (bop["currency"] == "USD") & (bop["item"] == item)]
    if release:
        sel = sel[sel["release"].astype(str).str.contains(release)]
    if sel.empty:
        return None
    official = sel[sel["release"].astype(str).str.startswith("official")]
    return float((official if len(official) else sel)["value_bn"].iloc[0])


def current_account_pct_gdp(year: int) -> float | None:
    """China's current account over GDP (percent), both from the WDI vintage in ``macro``."""
    m = load("macro")
    row = m[(m["country"] == "CHN") & (m["year"] == year)]
    if row.empty or pd.isna(row["current_account_usd"].iloc[0]):
        return None
    return float(row["current_account_usd"].iloc[0] / row["gdp_usd"].iloc[0] * 100)


def safe_first_release_ca_pct(year: int) -> float | None:
    """The current-account-to-GDP ratio as SAFE first published it (``bop_china``), if present."""
    bop = load("bop_china")
    sel = bop[(bop["year"] == year) & (bop["item"] == "current_account_pct_gdp")]
    return None if sel.empty else float(sel["value_pct"].iloc[0])


def disputes(complainant: str, respondent: str, first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """WTO disputes (one row per case) with ``complainant`` against ``respondent``, by year of request."""
    d = load("wto_disputes")
    sel = d[(d["complainant"] == complainant) & (d["respondent"] == respondent) & d["year"].between(first, last)]
    return sel.drop_duplicates("ds_number").sort_values("ds_number").reset_index(drop=True)


def disputes_as_complainant(complainant: str, first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """Every dispute ``complainant`` brought (any respondent) in the years given."""
    d = load("wto_disputes")
    sel = d[(d["complainant"] == complainant) & d["year"].between(first, last)]
    return sel.drop_duplicates("ds_number").sort_values("ds_number").reset_index(drop=True)


def us_complaints_by_respondent(first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """Number of WTO disputes the United States brought, by respondent, most first."""
    d = load("wto_disputes")
    sel = d[(d["complainant"] == "USA") & d["year"].between(first, last)].drop_duplicates("ds_number")
    out = sel.groupby("respondent", observed=True).size().rename("cases").reset_index()
    return out.sort_values(["cases", "respondent"], ascending=[False, True]).reset_index(drop=True)


def dispute_table(first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """US–China dispute counts for the paper's window, split at the end of the complete case list."""
    rows = []
    for comp, resp, label in (("USA", "CHN", "United States against China"), ("CHN", "USA", "China against the United States")):
        cases = disputes(comp, resp, first, last)
        rows.append({"complainant → respondent": label, "cases": len(cases),
                     "first case": f"DS{int(cases['ds_number'].min())}" if len(cases) else None,
                     "latest case": f"DS{int(cases['ds_number'].max())}" if len(cases) else None})
    return pd.DataFrame(rows)


# --- figure -------------------------------------------------------------------------------------

def surplus_gdp_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    data = df
    title = alt.Title(
        "Goods balance as a share of GDP",
        subtitle=f"Exports minus imports of goods, percent of GDP, {int(df['year'].min())}–{int(df['year'].max())}",
    )
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("balance_pct_gdp:Q", title="Goods balance (% of GDP)"),
        color=alt.Color("country:N", title="Economy", sort=list(COMPARATORS.values()),
                        scale=economy_scale(list(COMPARATORS.values())),
                        legend=alt.Legend(orient="bottom", direction="horizontal", columns=3)),
        strokeDash=alt.StrokeDash("basis:N", title="Basis",
                                  legend=alt.Legend(orient="bottom", direction="vertical", columns=1)),
        detail="basis:N",
        tooltip=[
            alt.Tooltip("country:N", title="Economy"),
            alt.Tooltip("basis:N", title="Basis"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("balance_pct_gdp:Q", title="% of GDP", format=".2f"),
            alt.Tooltip("balance_usd_bn:Q", title="Balance (USD bn)", format=",.1f"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#666666", strokeWidth=1).encode(
        y=alt.Y("y:Q", title="Goods balance (% of GDP)")
    )
    return (lines + zero).properties(width=600, height=320, title=title)


@figure(
    "intro_surplus_gdp",
    title="Goods balance relative to GDP: China, India and Brazil",
    caption=(
        "Goods (merchandise) exports minus imports as a percent of GDP, China, India and Brazil, "
        "up to {year}. China is also shown on the basis of its own customs figures reported to the IMF."
    ),
    source=(
        "World Bank, World Development Indicators (WTO merchandise trade; GDP in current US dollars), "
        "2026 vintage; IMF Direction of Trade Statistics (China-reported trade with the world). "
        "Tables `macro` and `bilateral_trade` in `data/`."
    ),
    chapter=CHAPTER,
    tables=["macro", "bilateral_trade"],
    columns=["year", "country", "basis", "balance_usd_bn", "gdp_usd_bn", "balance_pct_gdp"],
    chart=surplus_gdp_chart,
)
def surplus_gdp_data(year: int, first: int = 2000) -> pd.DataFrame:
    wdi = goods_balance_pct_gdp("wdi")
    wdi = wdi[wdi["country"].isin(list(COMPARATORS))].assign(basis="WDI merchandise trade")
    dots = goods_balance_pct_gdp("dots").assign(basis="IMF DOTS, China-reported")
    out = pd.concat([wdi, dots], ignore_index=True)
    out = out[(out["year"] >= first) & (out["year"] <= year)]
    out["country"] = out["country"].map(COMPARATORS)
    cols = ["year", "country", "basis", "balance_usd_bn", "gdp_usd_bn", "balance_pct_gdp"]
    return out[cols].sort_values(["basis", "country", "year"]).reset_index(drop=True)


# --- claims (paper, section 1, and the opening of section 2) ------------------------------------

def _reported(claim_id: str) -> float:
    return float(claims.reported().loc[claim_id, "value"])


@claim(
    "intro_goods_surplus_2019",
    method="China Customs goods exports minus imports in 2019, CNY trillion (customs basis), from `bop_china`.",
    expected=claims.REPRODUCED,
    tolerance=0.005,
)
def _goods_surplus_2019():
    cny = customs_goods_cny(2019)
    return None if cny is None else cny["balance"]


@claim(
    "intro_goods_surplus_growth_2019",
    gap="edition", gap_source="GACC, China Customs Statistics, December 2018 bulletin: exports and imports in yuan (full-year 2018)",
    method="Would need China Customs' 2018 goods balance in yuan; only the 2019 yuan figures are in `data/`.",
    expected=claims.NOT_REPRODUCIBLE,
    note=(
        "The 2018 customs goods balance in yuan is not among the open tables. In US dollars the customs totals "
        "(2019 published, 2018 backed out of the published year-on-year changes) give a smaller rise, shown in the "
        "chapter; the gap reflects the yuan's fall against the dollar in 2019."
    ),
)
def _goods_surplus_growth():
    return None


@claim(
    "intro_services_balance_2019",
    gap="edition", gap_source="MOFCOM, services trade statistics, full-year 2019 (yuan), released February 2020",
    method="Would need the Ministry of Commerce's full-year 2019 services balance in yuan.",
    expected=claims.NOT_REPRODUCIBLE,
    note=(
        "Only MOFCOM's January-September 2019 figure was found; SAFE's balance-of-payments services deficit is in US "
        "dollars and on another basis (it is far larger than CNY 1.5 trillion at any 2019 exchange rate)."
    ),
)
def _services_2019():
    return None


@claim(
    "intro_services_deficit_change_2019",
    gap="edition", gap_source="MOFCOM, services trade statistics, full-year 2018 and 2019 (yuan)",
    method="Would need MOFCOM's services balance in yuan for 2018 and 2019.",
    expected=claims.NOT_REPRODUCIBLE,
    note="MOFCOM's full-year services series is not among the open sources.",
)
def _services_change():
    return None


@claim(
    "intro_total_surplus_2019",
    basis="arithmetic",
    method="The paper's own goods surplus (2.92) plus its services balance (-1.5), CNY trillion: an identity on the printed numbers, not a reproduction from data.",
    expected=claims.CONSISTENT,
    note=(
        "The services term is not in this edition (MOFCOM's yuan series), so the total cannot be rebuilt from data; "
        "the paper's arithmetic is consistent."
    ),
)
def _total_2019():
    from ..book import reported_value

    return reported_value("intro_goods_surplus_2019") + reported_value("intro_services_balance_2019")


_GDP_NOTE = (
    "China's goods balance with the world as reported to the IMF (DOTS) over GDP in current US dollars "
    "(World Bank WDI, 2026 vintage)."
)


@claim(
    "intro_goods_surplus_gdp_2018",
    method=_GDP_NOTE + " 2018.",
    expected=claims.DIFFERS,
    tolerance=0.005,
    note=(
        "The World Bank has revised China's 2018 GDP upwards since 2020; over the older, lower GDP the same balance "
        "gives the paper's figure. The merchandise (WTO) basis gives a lower share."
    ),
)
def _surplus_gdp_2018():
    return goods_balance_share("CHN", 2018, "dots")


@claim("intro_goods_surplus_gdp_2019", method=_GDP_NOTE + " 2019.", expected=claims.REPRODUCED, tolerance=0.005)
def _surplus_gdp_2019():
    return goods_balance_share("CHN", 2019, "dots")


@claim(
    "intro_fn1_india_goods_balance_gdp_2018",
    method="India's merchandise exports minus imports (WTO, via WDI) over GDP (WDI), 2018.",
    expected=claims.REPRODUCED,
    tolerance=0.5,
)
def _india_2018():
    return goods_balance_share("IND", 2018)


@claim(
    "intro_fn1_brazil_goods_balance_gdp_2018",
    method="Brazil's merchandise exports minus imports (WTO, via WDI) over GDP (WDI), 2018.",
    expected=claims.DIFFERS,
    tolerance=0.05,
    note=(
        "The paper cites IMF data, most likely the balance-of-payments goods balance, which is larger than the "
        "WTO merchandise balance for Brazil; the IMF balance of payments for Brazil is not among the open tables."
    ),
)
def _brazil_2018():
    return goods_balance_share("BRA", 2018)


@claim(
    "intro_us_tariffs_start",
    basis="document", citation="Proclamation 9705 of 8 March 2018 (steel, Section 232), 83 Fed. Reg. 11625; Presidential Memorandum of 22 March 2018 on the Section 301 investigation of China, 83 Fed. Reg. 13099",
    method="Year of the first US tariff actions covering Chinese goods, from the cited presidential documents (March 2018).",
    expected=claims.DOCUMENTED,
    note="An event date (the first Section 301 tariffs), not a statistic; documented in USTR notices, not in the open tables.",
)
def _tariffs_start():
    return 2018.0  # March 2018, as documented in the cited Federal Register notices


@claim(
    "intro_phase_one_signed",
    basis="document", citation="Economic and Trade Agreement between the United States of America and the People's Republic of China, signed 15 January 2020 (USTR)",
    method="Year of signature of the Phase One agreement, from the agreement text (signed 15 January 2020).",
    expected=claims.DOCUMENTED,
    note="An event date (the Phase One agreement, signed on 15 January 2020), not a statistic in the open tables.",
)
def _phase_one():
    return 2020.0  # 15 January 2020, the date of signature on the agreement text


@claim(
    "intro_tariffs_remaining_value",
    gap="edition", gap_source="USTR, Section 301 tariff lists 1-4A (Federal Register notices 2018-2019), matched to US imports by HS-8 line (US Census, USA Trade Online)",
    method="Would need the US tariff lists (Section 301 lists 1-4A) matched to trade values.",
    expected=claims.NOT_REPRODUCIBLE,
    note="The tariff-line lists and their trade coverage (USTR, USITC) are not among the open tables.",
)
def _tariffs_value():
    return None


@claim(
    "intro_tariffs_remaining_share",
    basis="arithmetic",
    method="The paper's value still under tariffs (USD 370 bn, as reported) over US-reported imports for consumption from China in 2018 (US Census, `us_trade_hs`).",
    expected=claims.CONSISTENT,
    note="Checks the paper's two numbers against each other over the US total; 2019 imports give 0.81, also within the printed 2/3 (thirds: +-1/6). The tariff-line coverage itself is not in this edition.",
)
def _tariffs_share():
    from ..book import reported_value

    us = load("us_trade_hs")
    sel = us[(us["year"] == 2018) & (us["partner"] == "CHN") & (us["flow"] == "us_imports_consumption")]
    if sel.empty:
        return None
    return reported_value("intro_tariffs_remaining_value") * 100.0 / float(sel["value_usd_mn"].sum())


_WTO = (
    "Requests for consultations at the WTO in 2002-2019 (`wto_disputes`: the WTO list DS1-DS538 "
    "plus the documented US-China cases of 2018-2019), counting each case once."
)


@claim("intro_wto_us_v_china_2002_2019", method=_WTO + " Complainant USA, respondent CHN.", expected=claims.REPRODUCED)
def _wto_us_v_cn():
    return len(disputes("USA", "CHN"))


@claim("intro_wto_china_v_us_2002_2019", method=_WTO + " Complainant CHN, respondent USA.", expected=claims.REPRODUCED)
def _wto_cn_v_us():
    return len(disputes("CHN", "USA"))


@claim(
    "intro_wto_china_rank_among_us_targets",
    method=_WTO + " Rank of China among the respondents in US complaints (1 = most cases).",
    expected=claims.REPRODUCED,
    note=(
        "The case list lacks US complaints against other members after January 2018; the chapter shows China's "
        "lead over the next respondent, which those few later cases would have to overturn."
    ),
)
def _wto_rank():
    ranks = us_complaints_by_respondent()
    pos = ranks.index[ranks["respondent"] == "CHN"]
    return None if len(pos) == 0 else int(pos[0]) + 1


@claim(
    "intro_wto_china_v_us_share",
    method=_WTO + " Cases China brought against the US as a percent of all cases China brought.",
    expected=claims.DIFFERS,
    note=(
        "The paper says 'nearly 70%'; the complete count of China's complaints in 2002-2019 gives a larger share "
        "(the United States was the respondent in three of every four of China's cases)."
    ),
)
def _wto_share():
    return 100 * len(disputes("CHN", "USA")) / len(disputes_as_complainant("CHN"))


@claim(
    "s2_0_current_account_gdp_2018",
    method="SAFE's first release of the 2018 current account as a percent of GDP (SAFE 2018 balance-of-payments report, in `bop_china`), the vintage the paper quotes.",
    expected=claims.REPRODUCED,
    tolerance=0.05,
    note=(
        "SAFE has since revised the 2018 current account down: over the current WDI vintage the share is about "
        "0.2% (shown in the chapter)."
    ),
)
def _ca_2018():
    return safe_first_release_pct_gdp(2018)


def safe_first_release_pct_gdp(year: int) -> float | None:
    """The current account over GDP (percent) as SAFE first published it for ``year`` (``bop_china``)."""
    b = load("bop_china")
    sel = b[(b["year"] == int(year)) & (b["item"] == "current_account_pct_gdp")]
    return None if sel.empty else float(sel["value_pct"].iloc[0])
