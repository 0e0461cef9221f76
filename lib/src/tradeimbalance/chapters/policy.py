"""Policy implications (paper, section 4), and what the data after 2019 say about them.

The paper draws two implications:

1. as inward FDI turns from export platforms to serving China's own market, and
   processing trade gives way to ordinary trade, China's surpluses with the EU and
   the US will shrink; labour-intensive assembly will move on to Southeast and South
   Asia (Vietnam, Thailand, Cambodia, Bangladesh), taking part of the US and EU
   deficits with it, as China once took over from Japan and Korea;
2. China should seek a balanced two-way investment relationship with the EU and the US.

Section 4 prints no numbers, so there is nothing to reproduce; the chapter ties each
implication to the evidence chapters and, in a separate extension, shows what the
data after the paper's year (2019) say. Everything is read through
:func:`tradeimbalance.load` and :mod:`tradeimbalance.measures`.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from .. import fmt, measures
from ..charts import PALETTE
from ..data import load
from ..figures import figure
from ..charts.theme import economy_scale
from .. import views

CHAPTER = "policy"
PAPER_YEAR = 2019
#: First year of the context shown in the extension figures (the paper's Fig. 1 also starts in 2000).
START = 2000
#: The claim-id prefix of the paper's section 4.
SECTION_PREFIX = "s4_"

#: The economies the paper expects to take over labour-intensive assembly (section 4).
SUCCESSORS = ["VNM", "THA", "KHM", "BGD"]
NAMES = {
    "CHN": "Mainland China", "VNM": "Vietnam", "THA": "Thailand", "KHM": "Cambodia", "BGD": "Bangladesh",
    "USA": "United States", "EU27": "EU27", "EU28": "EU28", "WLD": "World",
}

DOTS_SOURCE = "IMF, Direction of Trade Statistics (vintage early 2022, data to 2020)"


def section_claims() -> pd.DataFrame:
    """The paper's numeric statements of section 4 in ``paper_reported`` (none are expected)."""
    rep = load("paper_reported")
    return rep[rep["claim_id"].astype(str).str.startswith(SECTION_PREFIX)].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# China's balances with the US and the EU (China's own records, DOTS)
# --------------------------------------------------------------------------------------------

BILATERAL_COLUMNS = ["year", "china_balance_usa_usd_bn", "china_balance_eu27_usd_bn", "china_balance_eu28_usd_bn"]


def dots_last_year() -> int:
    return int(measures.bilateral("CHN", "USA")["year"].max())


def _bilateral_chart(df, year):
    return bilateral_chart(df, year=year)


@figure(
    "policy_bilateral",
    title="China's balance with the United States and the EU",
    caption=(
        "China's merchandise balance (exports minus imports) with the United States, the EU27 and the EU28 (EU27 plus "
        "the United Kingdom), China's own records, {START} to {{year}} (the data end in 2020). The dashed line marks "
        "the paper's last year."
    ).format(START=START),
    source=DOTS_SOURCE + ", China (mainland) as reporter.",
    chapter=CHAPTER,
    tables=["bilateral_trade", "aggregates"],
    columns=BILATERAL_COLUMNS,
    chart=_bilateral_chart,
)
def bilateral_data(year: int) -> pd.DataFrame:
    end = min(int(year), dots_last_year())
    years = list(range(START, end + 1))
    cols = {}
    for code, col in (("USA", BILATERAL_COLUMNS[1]), ("EU27", BILATERAL_COLUMNS[2]), ("EU28", BILATERAL_COLUMNS[3])):
        b = measures.bilateral("CHN", code)
        cols[col] = b.set_index(b["year"].astype(int))["balance"].reindex(years).round(6).to_numpy()
    return pd.DataFrame({"year": np.array(years, dtype="int64"), **cols})


def _paper_rule(x_scale_field="year"):
    return alt.Chart(pd.DataFrame({"year": [PAPER_YEAR], "label": [f"The paper's last year ({PAPER_YEAR})"]})).mark_rule(
        color="#666666", strokeDash=[5, 4]).encode(x=alt.X(f"{x_scale_field}:Q", title="Year"),
                                                   tooltip=[alt.Tooltip("label:N", title="Note")])


def bilateral_chart(df: pd.DataFrame, year: int):
    long = df.melt(id_vars="year", var_name="series", value_name="balance").dropna()
    long["partner"] = long["series"].map({BILATERAL_COLUMNS[1]: "United States", BILATERAL_COLUMNS[2]: "EU27",
                                          BILATERAL_COLUMNS[3]: "EU28 (with the UK)"})
    end = int(df["year"].max()) if len(df) else int(year)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2),
              scale=alt.Scale(domain=[START, max(end, START + 1)], nice=False, zero=False))
    lines = alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
        x=x,
        y=alt.Y("balance:Q", title="China's balance (USD bn)"),
        color=alt.Color("partner:N", title="China's balance with",
                        scale=economy_scale(["United States", "EU28 (with the UK)", "EU27"])),
        strokeDash=alt.StrokeDash("partner:N", title="China's balance with",
                                  scale=alt.Scale(domain=["United States", "EU28 (with the UK)", "EU27"],
                                                  range=[[1, 0], [1, 0], [5, 3]])),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("partner:N", title="Partner"),
                 alt.Tooltip("balance:Q", format=",.1f", title="Balance (USD bn)")],
    )
    layers = [lines]
    if end >= PAPER_YEAR:
        layers.insert(0, _paper_rule().encode(x=x))
    return alt.layer(*layers).properties(
        width=560, height=300,
        title=alt.TitleParams(f"China's balance with the US and the EU, {START}-{end}",
                              subtitle="China's own records (IMF DOTS); positive = Chinese surplus"))


# --------------------------------------------------------------------------------------------
# China's overall goods surplus (WDI) and the SAFE balance of payments
# --------------------------------------------------------------------------------------------

SURPLUS_COLUMNS = ["year", "merch_exports_usd_bn", "merch_imports_usd_bn", "merch_balance_usd_bn",
                   "merch_balance_pct_gdp", "bop_goods_balance_usd_bn", "bop_services_balance_usd_bn"]

#: Preference among SAFE releases: the official annual figure or annual report first, then the preliminary one.
#: Values derived by the source from growth rates (not published) are left out.
_RELEASE_RANK = (("official", 0), ("report", 0), ("preliminary", 1))


def _release_rank(release: str) -> float:
    r = str(release).lower()
    if "derived" in r:
        return math.inf
    for key, rank in _RELEASE_RANK:
        if key in r:
            return rank
    return 2


def bop_series(item: str) -> pd.Series:
    """SAFE balance-of-payments ``item`` in USD bn by year, one release per year (official before preliminary;
    derived values excluded)."""
    b = load("bop_china")
    b = b[(b["item"].astype(str) == item) & (b["currency"].astype(str) == "USD") & b["value_bn"].notna()].copy()
    b["rank"] = [_release_rank(r) for r in b["release"]]
    b = b[np.isfinite(b["rank"])].sort_values(["year", "rank"])
    s = b.groupby("year")["value_bn"].first()
    s.index = s.index.astype(int)
    return s


def bop_release(item: str) -> pd.Series:
    """The release behind each value of :func:`bop_series`."""
    b = load("bop_china")
    b = b[(b["item"].astype(str) == item) & (b["currency"].astype(str) == "USD") & b["value_bn"].notna()].copy()
    b["rank"] = [_release_rank(r) for r in b["release"]]
    b = b[np.isfinite(b["rank"])].sort_values(["year", "rank"])
    s = b.groupby("year")["release"].first()
    s.index = s.index.astype(int)
    return s


def macro_last_year() -> int:
    m = load("macro")
    c = m[(m["country"] == "CHN") & m["merch_exports_usd"].notna() & m["merch_imports_usd"].notna()]
    return int(c["year"].max())


def _surplus_chart(df, year):
    return surplus_chart(df, year=year)


@figure(
    "policy_surplus",
    title="China's overall goods surplus",
    caption=(
        "China's merchandise exports, imports and balance (WTO-based series in the World Bank's WDI) and the balance as a "
        "percentage of GDP, with the goods and services balances of China's balance of payments (SAFE, BPM6; official "
        "annual figures where published, otherwise preliminary), {START} to {{year}}. SAFE values are available for "
        "2015-2024 only, without 2017 (published only as a derived figure)."
    ).format(START=START),
    source=("World Bank, World Development Indicators (2026 vintage): TX.VAL.MRCH.CD.WT, TM.VAL.MRCH.CD.WT, "
            "NY.GDP.MKTP.CD; State Administration of Foreign Exchange (SAFE), balance-of-payments releases "
            "(see table `bop_china` for each release and its address)."),
    chapter=CHAPTER,
    tables=["macro", "bop_china"],
    columns=SURPLUS_COLUMNS,
    chart=_surplus_chart,
)
def surplus_data(year: int) -> pd.DataFrame:
    end = int(year)
    years = list(range(START, end + 1))
    m = load("macro")
    c = m[m["country"] == "CHN"].copy()
    c["year"] = c["year"].astype(int)
    c = c.set_index("year").reindex(years)
    exp = c["merch_exports_usd"] / 1e9
    imp = c["merch_imports_usd"] / 1e9
    bal = exp - imp
    keep = exp.notna() & imp.notna()
    out = pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "merch_exports_usd_bn": exp.round(6).to_numpy(),
        "merch_imports_usd_bn": imp.round(6).to_numpy(),
        "merch_balance_usd_bn": bal.round(6).to_numpy(),
        "merch_balance_pct_gdp": measures.share(bal * 1e9, c["gdp_usd"]).round(4).to_numpy(),
        "bop_goods_balance_usd_bn": bop_series("goods_balance").reindex(years).to_numpy(),
        "bop_services_balance_usd_bn": bop_series("services_balance").reindex(years).to_numpy(),
    })
    # keep only years where some series has a value (WDI ends in 2025)
    has = out.drop(columns="year").notna().any(axis=1)
    return out[has | keep.to_numpy()].reset_index(drop=True)


def surplus_chart(df: pd.DataFrame, year: int):
    end = int(df["year"].max()) if len(df) else int(year)
    scale = alt.Scale(domain=[START - 0.5, max(end, START + 1) + 0.5], nice=False, zero=False)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2), scale=scale)
    names = {"merch_balance_usd_bn": "Goods balance (WDI, customs basis)",
             "bop_goods_balance_usd_bn": "Goods balance (SAFE, BoP basis)",
             "bop_services_balance_usd_bn": "Services balance (SAFE, BoP basis)"}
    # Missing values stay in (as nulls): the line breaks there instead of joining across a missing year.
    long = df.melt(id_vars="year", value_vars=list(names), var_name="series", value_name="value")
    long["series_name"] = long["series"].map(names)
    top = alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=16), invalid="break-paths-show-domains").encode(
        x=x,
        y=alt.Y("value:Q", title="Balance (USD bn)"),
        color=alt.Color("series_name:N", title="Series", scale=alt.Scale(domain=list(names.values()),
                                                                          range=[PALETTE[1], PALETTE[0], PALETTE[2]])),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("series_name:N", title="Series"),
                 alt.Tooltip("value:Q", format=",.1f", title="USD bn")],
    )
    top_layers = [top]
    bottom = alt.Chart(df.dropna(subset=["merch_balance_pct_gdp"])).mark_bar(color=PALETTE[1], opacity=0.8).encode(
        x=x,
        y=alt.Y("merch_balance_pct_gdp:Q", title="Goods balance (% of GDP)"),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("merch_balance_pct_gdp:Q", format=".2f", title="% of GDP")],
    )
    bottom_layers = [bottom]
    if end >= PAPER_YEAR:
        top_layers.insert(0, _paper_rule().encode(x=x))
        bottom_layers.insert(0, _paper_rule().encode(x=x))
    return alt.vconcat(
        alt.layer(*top_layers).properties(width=560, height=260, title="Balances (USD bn)"),
        alt.layer(*bottom_layers).properties(width=560, height=150, title="Goods balance as a share of GDP (WDI)"),
        spacing=20,
    ).properties(title=alt.TitleParams(f"China's goods and services balances, {START}-{end}",
                                       subtitle="Dashed line: the paper's last year"))


# --------------------------------------------------------------------------------------------
# Processing and ordinary trade (GACC)
# --------------------------------------------------------------------------------------------

def processing_table(year: int | None = None) -> pd.DataFrame:
    """Processing and ordinary trade as a share of total trade, by year, period and flow (GACC customs regimes).

    Processing trade is the customs definition: processing and assembling plus processing with imported
    materials. Full-year and January-October periods are kept apart; ``value_type`` says whether a value
    is published or backed out of a printed year-on-year change.
    """
    c = load("customs_regime")
    if year is not None:
        c = c[c["year"] <= int(year)]
    g = (c.groupby(["year", "period", "flow", "regime_group", "value_type"], observed=True)["value_usd_mn"].sum()
           .unstack("regime_group"))
    g = g.reset_index()
    out = pd.DataFrame({
        "year": g["year"].astype(int).astype(str),
        "period": g["period"].astype(str),
        "flow": g["flow"].astype(str),
        "total_usd_bn": g["total"] / 1000,
        "ordinary_usd_bn": g["ordinary"] / 1000,
        "processing_usd_bn": g["processing"] / 1000,
        "processing_share_pct": measures.share(g["processing"], g["total"]),
        "ordinary_share_pct": measures.share(g["ordinary"], g["total"]),
        "value_type": g["value_type"].astype(str).map({"published": "published", "derived_from_yoy": "derived"})
                        .fillna(g["value_type"].astype(str)),
    })
    order = {"Jan-Dec": 0, "Jan-Oct": 1}
    out["_o"] = out["period"].map(order).fillna(2)
    return out.sort_values(["flow", "_o", "year"]).drop(columns="_o").reset_index(drop=True)


def processing_share(year: int, flow: str, period: str = "Jan-Dec") -> float:
    t = processing_table()
    r = t[(t["year"] == str(year)) & (t["flow"] == flow) & (t["period"] == period)]
    return float(r["processing_share_pct"].iloc[0]) if len(r) else math.nan


# --------------------------------------------------------------------------------------------
# Where the US and EU deficits go: China and its successors
# --------------------------------------------------------------------------------------------

SHIFT_COLUMNS = ["year", "reporter", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn",
                 "share_of_reporter_imports_pct"]
SHIFT_START = 2010


def reporter_imports(reporter: str) -> pd.Series:
    """The reporter's imports from outside itself, USD bn by year: from the World, less intra-EU imports for EU27."""
    w = measures.bilateral(reporter, "WLD")
    total = w.set_index(w["year"].astype(int))["imports"]
    if reporter == "EU27":
        intra = measures.bilateral("EU27", "EU27")
        total = total - intra.set_index(intra["year"].astype(int))["imports"]
    return total


def _shift_chart(df, year):
    return shift_chart(df, year=year)


@figure(
    "policy_shift",
    title="US and EU imports from China and from its successors in assembly",
    caption=(
        "Balance of the United States and the EU27 (their own records) with mainland China, Vietnam, Thailand, "
        "Cambodia and Bangladesh, the economies the paper expects to take over labour-intensive assembly, and the "
        "share of each in the reporter's imports (for the EU27, its imports from outside the EU27), {START} to {{year}} "
        "(the data end in 2020). The chart shows the shares on a logarithmic scale, so that the small shares of the "
        "four successors can be read next to China's."
    ).format(START=SHIFT_START),
    source=DOTS_SOURCE + ", the United States and the European Union (EU27) as reporters.",
    chapter=CHAPTER,
    tables=["bilateral_trade"],
    columns=SHIFT_COLUMNS,
    chart=_shift_chart,
)
def shift_data(year: int) -> pd.DataFrame:
    end = min(int(year), dots_last_year())
    years = list(range(SHIFT_START, end + 1))
    rows = []
    for reporter in ("USA", "EU27"):
        total = reporter_imports(reporter)
        for partner in ["CHN"] + SUCCESSORS:
            b = measures.bilateral(reporter, partner)
            b = b.set_index(b["year"].astype(int)).reindex(years)
            rows.append(pd.DataFrame({
                "year": np.array(years, dtype="int64"),
                "reporter": reporter,
                "partner": partner,
                "exports_usd_bn": b["exports"].round(6).to_numpy(),
                "imports_usd_bn": b["imports"].round(6).to_numpy(),
                "balance_usd_bn": b["balance"].round(6).to_numpy(),
                "share_of_reporter_imports_pct": measures.share(b["imports"], total.reindex(years)).round(4).to_numpy(),
            }))
    if not rows or not years:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in SHIFT_COLUMNS})
    return pd.concat(rows, ignore_index=True)


def shift_chart(df: pd.DataFrame, year: int):
    d = df.dropna(subset=["share_of_reporter_imports_pct"]).copy()
    d["economy"] = d["partner"].map(NAMES)
    d["importer"] = d["reporter"].map({"USA": "United States", "EU27": "EU27"})
    end = int(df["year"].max()) if len(df) else int(year)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2),
              scale=alt.Scale(domain=[SHIFT_START, max(end, SHIFT_START + 1)], nice=False, zero=False))
    domain = [NAMES[p] for p in ["CHN"] + SUCCESSORS]
    color = alt.Color("economy:N", title="Imports from", scale=economy_scale(domain))

    # A log scale: the successors' shares (about 0.1% to 5%) are readable next to China's (about 20%).
    y_scale = alt.Scale(type="log", domain=[0.04, 40], nice=False)
    y_axis = alt.Axis(values=[0.1, 0.2, 0.5, 1, 2, 5, 10, 20], format="~g")

    def panel(sub, y_field, y_title, title):
        sub = sub[sub[y_field] > 0]
        return alt.Chart(sub).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
            x=x, y=alt.Y(f"{y_field}:Q", title=y_title, scale=y_scale, axis=y_axis), color=color,
            tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("importer:N", title="Importer"),
                     alt.Tooltip("economy:N", title="From"),
                     alt.Tooltip("imports_usd_bn:Q", format=",.1f", title="Imports (USD bn)"),
                     alt.Tooltip("share_of_reporter_imports_pct:Q", format=".1f", title="Share of imports (%)")],
        ).properties(width=250, height=220, title=title)

    us = d[d["reporter"] == "USA"]
    eu = d[d["reporter"] == "EU27"]
    return alt.hconcat(
        panel(us, "share_of_reporter_imports_pct", "Share of US imports (%, log scale)", "United States"),
        panel(eu, "share_of_reporter_imports_pct", "Share of extra-EU27 imports (%, log scale)", "EU27"),
        spacing=30,
    ).properties(title=alt.TitleParams(f"Who supplies US and EU imports, {SHIFT_START}-{end}",
                                       subtitle="Shares of US imports and of EU27 imports from outside the EU (own records, IMF DOTS)"))


def shift_summary(first: int, last: int) -> pd.DataFrame:
    """US and EU27 balances with China and with the four successors combined, ``first`` and ``last``."""
    d = shift_data(last)
    d = d[d["year"].isin([first, last])]
    d = d.assign(group=np.where(d["partner"] == "CHN", "Mainland China", "Vietnam, Thailand, Cambodia, Bangladesh"))
    g = d.groupby(["reporter", "group", "year"], sort=False)[["imports_usd_bn", "balance_usd_bn",
                                                               "share_of_reporter_imports_pct"]].sum(min_count=1)
    return g.reset_index()


# --------------------------------------------------------------------------------------------
# Two-way investment with the US (points only)
# --------------------------------------------------------------------------------------------

def fdi_points() -> pd.DataFrame:
    """US direct-investment position in China and China's in the US, BEA historical cost, years with both values.

    US in China: BEA position by country of the foreign affiliate (as republished by Statista). China in the US:
    BEA position by country of the immediate foreign parent. Flows, MOFCOM figures and years with only one side
    are left out.
    """
    f = load("fdi_positions")
    f = f[(f["measure"].astype(str) == "position") & f["value_usd_mn"].notna()]
    us = f[(f["investor"].astype(str) == "USA") & (f["host"].astype(str) == "CHN")
           & (f["basis"].astype(str) == "affiliate_country")]
    cn = f[(f["investor"].astype(str) == "CHN") & (f["host"].astype(str) == "USA")
           & (f["basis"].astype(str) == "immediate_parent")]
    # one value per year: the primary source first, then the latest vintage listed
    def one(df):
        df = df.assign(_p=(df["source_type"].astype(str) != "primary").astype(int)).sort_values(["year", "_p"])
        s = df.groupby("year")["value_usd_mn"].first() / 1000
        s.index = s.index.astype(int)
        return s
    u, c = one(us), one(cn)
    years = sorted(set(u.index) & set(c.index))
    out = pd.DataFrame({"year": [str(y) for y in years],
                        "us_in_china_usd_bn": u.reindex(years).to_numpy(),
                        "china_in_us_usd_bn": c.reindex(years).to_numpy()})
    out["ratio"] = out["us_in_china_usd_bn"] / out["china_in_us_usd_bn"]
    return out


def china_in_us() -> pd.Series:
    """China's direct-investment position in the US, BEA historical cost, immediate parent, USD bn by year
    (the primary BEA release where there is one)."""
    f = load("fdi_positions")
    f = f[(f["measure"].astype(str) == "position") & f["value_usd_mn"].notna()
          & (f["investor"].astype(str) == "CHN") & (f["host"].astype(str) == "USA")
          & (f["basis"].astype(str) == "immediate_parent")]
    f = f.assign(_p=(f["source_type"].astype(str) != "primary").astype(int)).sort_values(["year", "_p"])
    s = f.groupby("year")["value_usd_mn"].first() / 1000
    s.index = s.index.astype(int)
    return s


# --------------------------------------------------------------------------------------------
# Numbers for the prose
# --------------------------------------------------------------------------------------------

def summary() -> dict:
    """Numbers glued into the chapter's extension section (always the latest data)."""
    dl = dots_last_year()
    bil = bilateral_data(dl).set_index("year")
    sur = surplus_data(macro_last_year()).set_index("year")
    bop_g, bop_s = bop_series("goods_balance"), bop_series("services_balance")
    ml = macro_last_year()
    us_d = views.us_deficits()
    fdi = fdi_points().set_index("year")
    peak_us = int(bil[BILATERAL_COLUMNS[1]].idxmax())
    out = {
        "dots_last": dl,
        "macro_last": ml,
        "bop_first": int(bop_g.index.min()),
        "bop_last": int(bop_g.index.max()),
        "cn_us_paper": float(bil.loc[PAPER_YEAR, BILATERAL_COLUMNS[1]]),
        "cn_us_last": float(bil.loc[dl, BILATERAL_COLUMNS[1]]),
        "cn_us_peak_year": peak_us,
        "cn_us_peak": float(bil.loc[peak_us, BILATERAL_COLUMNS[1]]),
        "cn_eu27_paper": float(bil.loc[PAPER_YEAR, BILATERAL_COLUMNS[2]]),
        "cn_eu27_last": float(bil.loc[dl, BILATERAL_COLUMNS[2]]),
        "cn_eu28_paper": float(bil.loc[PAPER_YEAR, BILATERAL_COLUMNS[3]]),
        "cn_eu28_last": float(bil.loc[dl, BILATERAL_COLUMNS[3]]),
        "us_cn_deficit_2018": float(us_d.loc[2018, "CHN"]),
        "us_cn_deficit_last": float(us_d.loc[dl, "CHN"]),
        "merch_paper": float(sur.loc[PAPER_YEAR, "merch_balance_usd_bn"]),
        "merch_last": float(sur.loc[ml, "merch_balance_usd_bn"]),
        "merch_pct_paper": float(sur.loc[PAPER_YEAR, "merch_balance_pct_gdp"]),
        "merch_pct_last": float(sur.loc[ml, "merch_balance_pct_gdp"]),
        "bop_goods_paper": float(bop_g.get(PAPER_YEAR, math.nan)),
        "bop_goods_last": float(bop_g.iloc[-1]),
        "bop_services_paper": float(bop_s.get(PAPER_YEAR, math.nan)),
        "bop_services_last": float(bop_s.iloc[-1]),
        "proc_imp_2018": processing_share(2018, "imports"),
        "proc_imp_2019": processing_share(2019, "imports"),
        "proc_imp_2023": processing_share(2023, "imports"),
        "proc_imp_2024": processing_share(2024, "imports"),
        "proc_exp_2019": processing_share(2019, "exports"),
        "proc_exp_oct_2023": processing_share(2023, "exports", "Jan-Oct"),
        "proc_exp_oct_2022": processing_share(2022, "exports", "Jan-Oct"),
        "fdi_first": fdi.index[0],
        "fdi_last": fdi.index[-1],
        "fdi_ratio_first": float(fdi["ratio"].iloc[0]),
        "fdi_ratio_last": float(fdi["ratio"].iloc[-1]),
        "fdi_us_last": float(fdi["us_in_china_usd_bn"].iloc[-1]),
        "fdi_cn_last": float(fdi["china_in_us_usd_bn"].iloc[-1]),
        "cn_in_us_paper": float(china_in_us().get(PAPER_YEAR, math.nan)),
    }
    gaps = [y for y in range(int(bop_g.index.min()), int(bop_g.index.max()) + 1) if y not in bop_g.index]
    out["bop_missing"] = gaps[0] if len(gaps) == 1 else None
    fy = [int(y) for y in fdi.index]
    out["fdi_gap_first"] = fy[-2] + 1 if len(fy) > 1 and fy[-1] - fy[-2] > 1 else None
    out["fdi_gap_last"] = fy[-1] - 1 if out["fdi_gap_first"] is not None else None
    shift = shift_data(dl)
    for rep in ("USA", "EU27"):
        for y, tag in ((2018, "2018"), (dl, "last")):
            s = shift[(shift["reporter"] == rep) & (shift["year"] == y)].set_index("partner")
            out[f"{rep}_cn_share_{tag}"] = float(s.loc["CHN", "share_of_reporter_imports_pct"])
            out[f"{rep}_succ_share_{tag}"] = float(s.loc[SUCCESSORS, "share_of_reporter_imports_pct"].sum())
            out[f"{rep}_vnm_imports_{tag}"] = float(s.loc["VNM", "imports_usd_bn"])
            out[f"{rep}_succ_balance_{tag}"] = float(s.loc[SUCCESSORS, "balance_usd_bn"].sum())
    return out


# --------------------------------------------------------------------------------------------
# After 2020: every year the data hold, from every source, with the vintage of each year
# --------------------------------------------------------------------------------------------

COMTRADE_SOURCE = "UN Comtrade, United States as reporter (vintage June 2026; 2025 is the first annual release)"
WIKI_SOURCE = "Wikipedia tables quoting China Customs (secondary; first-release figures)"
#: Where the missing China-reported years would come from.
FILL_CHINA = ("China Customs (GACC) monthly bulletin, 'Imports and exports by country (region)', December issues, "
              "or IMF IMTS with China as reporter (`tradeimbalance refresh`)")
FILL_US_PARTNERS = ("US Census Bureau international trade API (imports by country), or IMF IMTS with the United "
                    "States as reporter (`tradeimbalance refresh`)")
FILL_PROCESSING = "China Customs monthly bulletin, 'Imports and Exports by Customs Regime', December issues"
US_SIDE_COLUMNS = ["year", "us_exports_usd_bn", "us_imports_usd_bn", "us_balance_usd_bn", "source"]


def _table_or_empty(name: str) -> pd.DataFrame:
    """Table ``name`` from ``data/``, or an empty frame when this edition has no such table."""
    from ..data import list_tables

    return load(name) if name in list_tables() else pd.DataFrame()


def imts_series(reporter: str, partner: str) -> pd.DataFrame:
    """IMF IMTS rows fetched by ``tradeimbalance refresh`` for one pair: year, exports, imports (USD bn), vintage."""
    t = _table_or_empty("imts_trade")
    if t.empty:
        return pd.DataFrame(columns=["year", "exports", "imports", "vintage"])
    t = t[(t["reporter"] == reporter) & (t["partner"] == partner)]
    wide = t.pivot_table(index="year", columns="flow", values="value_usd_mn", aggfunc="sum", observed=True) / 1000
    wide = wide.reindex(columns=["exports", "imports"])
    vint = t.groupby("year")["vintage"].first()
    out = wide.assign(vintage=vint).reset_index()
    out["year"] = out["year"].astype(int)
    return out


def imts_vintage_label(vintage: str) -> str:
    return f"IMF IMTS (fetched {vintage})"


def _us_side_chart(df, year):
    return us_side_chart(df, year=year)


@figure(
    "policy_us_china_us_side",
    title="The US deficit with China on the US side, to the latest year",
    caption=("US exports to China (FOB), imports from China (CIF) and the balance, in the United States' own "
             "records, {START} to {{year}}. The years come from different sources and vintages, named under the "
             "chart.").format(START=START),
    source=(DOTS_SOURCE + ", the United States as reporter, to 2020; " + COMTRADE_SOURCE + ", after 2020; "
            "IMF International Trade in Goods (IMTS), where `tradeimbalance refresh` fetched it, in preference "
            "to Comtrade. The vintage of every year is in the data's source column."),
    chapter=CHAPTER,
    columns=US_SIDE_COLUMNS,
    tables=["bilateral_trade", "comtrade_us_china_hs", "imts_trade"],
    chart=_us_side_chart,
)
def us_side_data(year: int | None = None) -> pd.DataFrame:
    """US-reported trade with China by year: DOTS, then IMTS (if refreshed), then Comtrade for later years.

    Imports are CIF in all three sources. Every row names its source and vintage; years after
    ``year`` (when given) are left out.
    """
    d = measures.bilateral("USA", "CHN")
    d = d[d["year"].astype(int) >= START]
    rows = {int(r.year): (float(r.exports), float(r.imports), DOTS_SOURCE) for r in d.itertuples()}
    last_dots = max(rows)
    for r in imts_series("USA", "CHN").itertuples():
        if int(r.year) > last_dots and not (pd.isna(r.exports) or pd.isna(r.imports)):
            rows[int(r.year)] = (float(r.exports), float(r.imports), imts_vintage_label(r.vintage))
    c = load("comtrade_us_china_hs")
    c = c[c["hs2"] == "TOTAL"]
    wide = c.pivot_table(index="year", columns="flow", values="value_usd_mn", aggfunc="sum", observed=True) / 1000
    for y, r in wide.iterrows():
        if int(y) > last_dots and int(y) not in rows:
            rows[int(y)] = (float(r["us_exports"]), float(r["us_imports"]), COMTRADE_SOURCE)
    years = sorted(y for y in rows if year is None or y <= int(year))
    out = pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "us_exports_usd_bn": [round(rows[y][0], 6) for y in years],
        "us_imports_usd_bn": [round(rows[y][1], 6) for y in years],
        "source": [rows[y][2] for y in years],
    })
    out["us_balance_usd_bn"] = (out["us_exports_usd_bn"] - out["us_imports_usd_bn"]).round(6)
    return out[US_SIDE_COLUMNS]


def us_side_last_year() -> int:
    """The latest year of US-reported trade with China held, from any source."""
    return int(us_side_data()["year"].max())


def after_2019_summary() -> str:
    """A paragraph on the years after 2019, every number and direction computed from the data."""
    us = us_side_data().set_index("year")
    dl = int(load("bilateral_trade")["year"].max())
    later = us.loc[us.index > PAPER_YEAR, "us_balance_usd_bn"] * -1
    py, ly = int(later.idxmax()), int(later.index.max())
    text = [f"On the US side, the deficit with China was {-us.loc[PAPER_YEAR, 'us_balance_usd_bn']:,.1f} bn USD "
            f"in {PAPER_YEAR}, reached {later[py]:,.1f} bn in {py} and stood at {later[ly]:,.1f} bn in {ly} "
            f"({us.loc[ly, 'source'].split(',')[0]}); the US records count goods shipped through Hong Kong as "
            "Chinese and value imports including freight, so they run above China's."]
    table, _ = after_2019_table()
    t = table.set_index("Measure")
    cn_us = t.loc["China's surplus with the US (China's records, USD bn)"]
    known = [(int(y), v) for y, v in cn_us.items() if v != "—" and int(y) > dl]
    if known:
        y, v = known[-1]
        kind = "a secondary table quoting China Customs" if v.endswith(" s") else "China's records"
        text.append(f"After {dl}, China's own surplus with the United States is known for {y} only from {kind}: "
                    f"{v.rstrip(' s')} bn, against {cn_us[str(PAPER_YEAR)]} bn in {PAPER_YEAR}.")
    else:
        text.append(f"China's own figures by partner end in {dl} in this edition.")
    m = load("macro")
    c = m[(m["country"] == "CHN")].dropna(subset=["merch_exports_usd", "merch_imports_usd"])
    c = c.set_index(c["year"].astype(int))
    bal = (c["merch_exports_usd"] - c["merch_imports_usd"]) / 1e9
    text.append(f"China's overall goods surplus went from {bal[PAPER_YEAR]:,.1f} bn in {PAPER_YEAR} to "
                f"{bal.iloc[-1]:,.1f} bn in {int(bal.index[-1])}.")
    proc = t.loc["Processing share of China's imports (full year, %)"]
    pk = [(y, v) for y, v in proc.items() if v != "—"]
    if len(pk) > 1:
        text.append(f"Processing trade was {pk[0][1]} of China's imports in {pk[0][0]} and {pk[-1][1]} in "
                    f"{pk[-1][0]}, in the years with full-year tables.")
    succ = t.loc["Vietnam, Thailand, Cambodia, Bangladesh: share of US imports (%)"]
    sk = [(y, v) for y, v in succ.items() if v != "—"]
    if sk and int(sk[-1][0]) > dl:
        text.append(f"Vietnam, Thailand, Cambodia and Bangladesh supplied {sk[-1][1]} of US imports in {sk[-1][0]}.")
    else:
        text.append(f"Whether US imports moved on to Vietnam and its neighbours after {dl} cannot be told from this "
                    "edition: the US records by partner end with the IMF vintage.")
    return " ".join(text)


def us_side_chart(df: pd.DataFrame, year: int):
    end = int(df["year"].max()) if len(df) else int(year)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=2),
              scale=alt.Scale(domain=[START - 0.5, end + 0.5], nice=False, zero=False))
    base = alt.Chart(df).encode(x=x)
    bars = base.mark_bar(color=PALETTE[1], opacity=0.8).encode(
        y=alt.Y("us_balance_usd_bn:Q", title="US balance with China (USD bn)"),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("us_balance_usd_bn:Q", format=",.1f", title="Balance, USD bn"),
                 alt.Tooltip("source:N", title="Source")],
    )
    return alt.layer(_paper_rule().encode(x=x), bars).properties(
        width=560, height=260,
        title=alt.TitleParams(f"US goods balance with China, US records, {START}-{end}",
                              subtitle="Dashed line: the paper's last year"))


def vintage_lines(df: pd.DataFrame) -> str:
    """'2000-2020: source; 2021-2025: source' for the years of ``df`` (one entry per run of years)."""
    parts, start, prev, cur = [], None, None, None
    for y, s in zip(df["year"].astype(int), df["source"]):
        if s != cur:
            if cur is not None:
                parts.append(f"{start}–{prev}: {cur}" if start != prev else f"{start}: {cur}")
            start, cur = y, s
        prev = y
    if cur is not None:
        parts.append(f"{start}–{prev}: {cur}" if start != prev else f"{start}: {cur}")
    return "; ".join(parts)


def _fmt(v, kind: str = "bn") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    return f"{v:,.1f}" if kind == "bn" else f"{v:.1f} %"


def after_2019_table() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The paper's expectations against every year after 2019 that the data hold.

    Returns ``(table, missing)``: ``table`` has one row per measure and one column per year from
    2019 to the latest year of any dataset used (values as text; "—" where the data have none,
    "s" after a secondary value); ``missing`` lists, per measure, the years without data and the
    publisher and table that would fill them.
    """
    macro = load("macro")
    cn = macro[(macro["country"] == "CHN")].set_index(macro.loc[macro["country"] == "CHN", "year"].astype(int))
    merch = ((cn["merch_exports_usd"] - cn["merch_imports_usd"]) / 1e9).dropna()
    wiki = _table_or_empty("china_bilateral_secondary")
    us_side = us_side_data().set_index("year")
    last = max(int(merch.index.max()), int(us_side.index.max()))
    years = list(range(PAPER_YEAR, last + 1))

    def china_balance(partner, wiki_partner):
        d = measures.bilateral("CHN", partner)
        s = {int(y): (float(b), False) for y, b in zip(d["year"], d["balance"])}
        im = imts_series("CHN", partner)
        for r in im.itertuples():
            if int(r.year) not in s and not (pd.isna(r.exports) or pd.isna(r.imports)):
                s[int(r.year)] = (float(r.exports - r.imports), False)
        if not wiki.empty:
            for r in wiki[wiki["partner"] == wiki_partner].itertuples():
                if int(r.year) not in s:
                    s[int(r.year)] = (float(r.balance_usd_bn), True)
        return s

    def shares(partners):
        """Share of US imports (US records): DOTS, then IMTS where refreshed."""
        out = {}
        w = measures.bilateral("USA", "WLD").set_index("year")["imports"]
        for y in w.index:
            tot = 0.0
            for p in partners:
                b = measures.bilateral("USA", p).set_index("year")["imports"]
                tot += float(b.get(y, math.nan))
            out[int(y)] = (100 * tot / float(w[y]), False)
        wi = imts_series("USA", "WLD").set_index("year")["imports"] if not imts_series("USA", "WLD").empty else None
        if wi is not None:
            parts = [imts_series("USA", p).set_index("year")["imports"] for p in partners]
            for y in wi.index:
                vals = [float(p.get(y, math.nan)) for p in parts]
                if int(y) not in out and not any(math.isnan(v) for v in vals):
                    out[int(y)] = (100 * sum(vals) / float(wi[y]), False)
        return out

    def proc(flow):
        return {int(y): (processing_share(y, flow), False) for y in years
                if not math.isnan(processing_share(y, flow))}

    measures_ = [
        ("China's surplus with the US (China's records, USD bn)", "bn", china_balance("USA", "USA"), FILL_CHINA),
        ("China's surplus with the EU27 (China's records, USD bn)", "bn", china_balance("EU27", "EU"), FILL_CHINA),
        ("US deficit with China (US records, USD bn)", "bn",
         {int(y): (-float(r["us_balance_usd_bn"]), False) for y, r in us_side.iterrows()}, "—"),
        ("China's overall goods surplus (World Bank WDI, USD bn)", "bn",
         {int(y): (float(v), False) for y, v in merch.items()}, "World Bank WDI (TX/TM.VAL.MRCH.CD.WT)"),
        ("Processing share of China's imports (full year, %)", "pct", proc("imports"), FILL_PROCESSING),
        ("Processing share of China's exports (full year, %)", "pct", proc("exports"), FILL_PROCESSING),
        ("Mainland China's share of US imports (%)", "pct", shares(["CHN"]), FILL_US_PARTNERS),
        ("Vietnam, Thailand, Cambodia, Bangladesh: share of US imports (%)", "pct", shares(SUCCESSORS),
         FILL_US_PARTNERS),
    ]
    rows, missing = [], []
    for label, kind, values, fill in measures_:
        row = {"Measure": label}
        gaps = []
        for y in years:
            v = values.get(y)
            if v is None:
                row[str(y)] = "—"
                gaps.append(y)
            else:
                row[str(y)] = _fmt(v[0], kind) + (" s" if v[1] else "")
        rows.append(row)
        if gaps:
            missing.append({"Measure": label, "Years without data": _year_ranges(gaps), "Would be filled by": fill})
    return pd.DataFrame(rows), pd.DataFrame(missing, columns=["Measure", "Years without data", "Would be filled by"])


def _year_ranges(years: list[int]) -> str:
    return fmt.year_ranges(years)


def imts_table() -> pd.DataFrame:
    """The IMTS rows of this edition after the DOTS vintage (empty until `tradeimbalance refresh` is run)."""
    t = _table_or_empty("imts_trade")
    if t.empty:
        return pd.DataFrame(columns=["reporter", "partner", "flow", "year", "value_usd_bn", "vintage"])
    dots_last = int(load("bilateral_trade")["year"].max())
    t = t[t["year"].astype(int) > dots_last].copy()
    t["value_usd_bn"] = t["value_usd_mn"] / 1000
    return t[["reporter", "partner", "flow", "year", "value_usd_bn", "vintage"]].sort_values(
        ["reporter", "partner", "flow", "year"]).reset_index(drop=True)
