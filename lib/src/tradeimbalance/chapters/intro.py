"""Introduction: the imbalance in numbers (paper, section 1 and the opening of section 2).

Measures: China's 2019 customs goods balance in yuan; goods balances as a share
of GDP for China, India and Brazil; US–China WTO disputes 2002–2019; the
current account as a share of GDP. Figure ``intro_surplus_gdp`` compares the
three economies' goods balances relative to GDP over time.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..claims import reported_value, reproduces
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
    return reported_value(claim_id)


@reproduces("intro_goods_surplus_2019")
def _goods_surplus_2019():
    cny = customs_goods_cny(2019)
    return None if cny is None else cny["balance"]


@reproduces("intro_total_surplus_2019")
def _total_2019():

    return reported_value("intro_goods_surplus_2019") + reported_value("intro_services_balance_2019")


_GDP_NOTE = (
    "China's goods balance with the world as reported to the IMF (DOTS) over GDP in current US dollars "
    "(World Bank WDI, 2026 vintage)."
)


@reproduces("intro_goods_surplus_gdp_2018")
def _surplus_gdp_2018():
    return goods_balance_share("CHN", 2018, "dots")


@reproduces("intro_goods_surplus_gdp_2019")
def _surplus_gdp_2019():
    return goods_balance_share("CHN", 2019, "dots")


@reproduces("intro_fn1_india_goods_balance_gdp_2018")
def _india_2018():
    return goods_balance_share("IND", 2018)


@reproduces("intro_fn1_brazil_goods_balance_gdp_2018")
def _brazil_2018():
    return goods_balance_share("BRA", 2018)


@reproduces("intro_us_tariffs_start")
def _tariffs_start():
    return 2018.0  # March 2018, as documented in the cited Federal Register notices


@reproduces("intro_phase_one_signed")
def _phase_one():
    return 2020.0  # 15 January 2020, the date of signature on the agreement text


@reproduces("intro_tariffs_remaining_share")
def _tariffs_share():

    us = load("us_trade_hs")
    sel = us[(us["year"] == 2018) & (us["partner"] == "CHN") & (us["flow"] == "us_imports_consumption")]
    if sel.empty:
        return None
    return reported_value("intro_tariffs_remaining_value") * 100.0 / float(sel["value_usd_mn"].sum())


_WTO = (
    "Requests for consultations at the WTO in 2002-2019 (`wto_disputes`: the WTO list DS1-DS538 "
    "plus the documented US-China cases of 2018-2019), counting each case once."
)


@reproduces("intro_wto_us_v_china_2002_2019")
def _wto_us_v_cn():
    return len(disputes("USA", "CHN"))


@reproduces("intro_wto_china_v_us_2002_2019")
def _wto_cn_v_us():
    return len(disputes("CHN", "USA"))


@reproduces("intro_wto_china_rank_among_us_targets")
def _wto_rank():
    ranks = us_complaints_by_respondent()
    pos = ranks.index[ranks["respondent"] == "CHN"]
    return None if len(pos) == 0 else int(pos[0]) + 1


@reproduces("intro_wto_china_v_us_share")
def _wto_share():
    return 100 * len(disputes("CHN", "USA")) / len(disputes_as_complainant("CHN"))


@reproduces("s2_0_current_account_gdp_2018")
def _ca_2018():
    return safe_first_release_pct_gdp(2018)


def safe_first_release_pct_gdp(year: int) -> float | None:
    """The current account over GDP (percent) as SAFE first published it for ``year`` (``bop_china``)."""
    b = load("bop_china")
    sel = b[(b["year"] == int(year)) & (b["item"] == "current_account_pct_gdp")]
    return None if sel.empty else float(sel["value_pct"].iloc[0])
