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

from .. import measures
from ..charts import PALETTE
from ..data import load
from ..figures import figure
from ..charts.theme import economy_scale
from . import asia_deficit

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
    us_d = asia_deficit.us_deficits()
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
