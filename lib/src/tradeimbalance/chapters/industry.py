"""Industry and tariffs (paper, sections 2.4 and 2.5): trade balances by HS section, the mirror view.

The paper's section 2.4 quotes China Customs figures by HS section and partner
(section XVI, machinery and electrical equipment, chapters 84-85) and section 2.5
draws China's balance with the US by product group before and after the
2018-2019 tariffs (its Fig. 4). China Customs' table by section and partner is
not among the open sources, so this module builds the **mirror view**: the
United States' own records of its trade with China,

- China's exports to the US = US imports from China (US Census, imports for
  consumption, customs value; table ``us_trade_hs``), and
- China's imports from the US = US exports to China (US Census, total exports,
  f.a.s.; same table),

with UN Comtrade's US-reported data (imports CIF, table ``comtrade_us_china_hs``)
as a second mirror basis, and China's own 2017 imports from the US by chapter
(PIIE / ITC Trade Map, table ``china_imports_from_us_2017``) as a cross-check of
the import side. Values in USD billion unless a name says otherwise.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import measures
from ..book import reported_value
from ..charts import PALETTE
from ..claims import NOT_REPRODUCIBLE, REPRODUCED, claim
from ..data import load
from ..figures import figure

PAPER_YEAR = 2018
CHAPTER = "industry"
#: The years of the paper's Fig. 4 (before and after the 2018-2019 tariffs).
FIG4_PAPER_YEARS = (2017, 2018, 2019)
XVI = "XVI"
#: The three sections the paper names as China's largest exports to the US (footnote 1 of section 2).
PAPER_TOP_SECTIONS = ("XVI", "XX", "XI")
#: Sections whose balance is at least this large (USD bn, absolute) count as clearly in surplus or deficit.
SIGN_THRESHOLD_BN = 1.0
#: The tariff table lists sections whose balance reaches this size (USD bn, absolute) in some year.
TABLE_THRESHOLD_BN = 10.0
SECTION_ORDER = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                 "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII"]
#: Short English names of the HS sections (XXII: special classification provisions, national chapters 98-99).
SECTION_NAMES = {
    "I": "Live animals, animal products",
    "II": "Vegetable products",
    "III": "Fats and oils",
    "IV": "Prepared foodstuffs, beverages, tobacco",
    "V": "Mineral products",
    "VI": "Chemical products",
    "VII": "Plastics and rubber",
    "VIII": "Hides, leather, travel goods",
    "IX": "Wood and articles of wood",
    "X": "Pulp, paper, printed matter",
    "XI": "Textiles and textile articles",
    "XII": "Footwear, headgear, umbrellas",
    "XIII": "Stone, ceramic and glass articles",
    "XIV": "Pearls, precious metals, jewellery",
    "XV": "Base metals and articles",
    "XVI": "Machinery, electrical equipment",
    "XVII": "Vehicles, aircraft, vessels",
    "XVIII": "Optical, medical instruments, clocks",
    "XIX": "Arms and ammunition",
    "XX": "Miscellaneous manufactures (furniture, toys)",
    "XXI": "Works of art, antiques",
    "XXII": "Special provisions (chapters 98-99)",
}
BASIS_CENSUS = "US-reported mirror (US Census: imports for consumption; total exports)"
BASIS_COMTRADE = "US-reported mirror (UN Comtrade: US imports CIF; US exports FOB)"
CENSUS_SOURCE = (
    "US Census Bureau, international trade by HS chapter (imports for consumption, customs value; total exports, "
    "f.a.s.), monthly 2016-2020 summed to years, as extracted by the Trade War Tracker; table `us_trade_hs`"
)
MISSING_TABLE = (
    "China Customs' trade by HS section and country (the GACC monthly table \"Imports and Exports by Section and "
    "Chapter of HS\" for selected countries, or the China Customs Statistics Yearbook)"
)


# --- the mirror view by section ----------------------------------------------------------------------

def mirror_by_section(partner: str = "CHN", basis: str = "census") -> pd.DataFrame:
    """China's (or another economy's) trade with the US by HS section, from US records.

    Returns one row per year and section with ``year, hs_section, exports,
    imports, balance, months_imports`` in USD bn, from ``partner``'s side:
    ``exports`` = US imports from ``partner``, ``imports`` = US exports to it,
    ``balance`` = exports − imports. ``months_imports`` counts the months behind
    the import side (US exports; 11 for 2020 in the Census file). ``basis`` is
    ``census`` (table ``us_trade_hs``) or ``comtrade`` (``comtrade_us_china_hs``,
    China only).
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
    """Years covered by the mirror tables."""
    return sorted(int(y) for y in mirror_by_section(basis=basis)["year"].unique())


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


def mirror_table(year: int) -> pd.DataFrame:
    """The paper's China-side statements next to the US-reported mirror values for ``year``.

    Columns: ``Statement``, ``Paper (China Customs, as reported)`` (only for the
    paper's year), ``Mirror: US Census``, ``Mirror: UN Comtrade (CIF)``, ``Unit``.
    Mirror values in USD 100 million (the paper's unit) or percent.
    """
    cen, com = section_stats(year, basis="census"), section_stats(year, basis="comtrade")
    yi = measures.bn_to_yi
    rows = [
        ("Section XVI exports to the US", "s2_4_xvi_exports_to_us_2018", "xvi_exports", yi, "USD 100 million"),
        ("Section XVI share of exports to the US", "s2_4_xvi_share_exports_to_us_2018", "xvi_share_exports", None, "%"),
        ("Section XVI balance with the US", "s2_4_xvi_surplus_with_us_2018", "xvi_balance", yi, "USD 100 million"),
        ("Section XVI share of the balance with the US", "s2_4_xvi_share_surplus_with_us_2018", "xvi_share_balance", None, "%"),
        ("Sections XVI, XX and XI: share of exports to the US", "s2_4_fn_top3_sections_share_exports_to_us",
         "paper_top3_share_exports", None, "%"),
    ]
    out = []
    for label, cid, key, conv, unit in rows:
        f = conv or (lambda v: v)
        out.append({
            "Statement": label,
            "Paper (China Customs, as reported)": reported_value(cid) if year == PAPER_YEAR else float("nan"),
            "Mirror: US Census": float("nan") if cen is None else f(cen[key]),
            "Mirror: UN Comtrade (CIF)": float("nan") if com is None else f(com[key]),
            "Unit": unit,
        })
    return pd.DataFrame(out)


# --- the paper's own numbers against China's totals ----------------------------------------------------

def china_totals(year: int, partner: str) -> dict | None:
    """China's exports, imports and balance with ``partner`` as China reports them to the IMF (USD 100 million)."""
    bt = load("bilateral_trade")
    s = bt[(bt["reporter"] == "CHN") & (bt["partner"] == partner) & (bt["year"] == year)]
    s = s.set_index(s["flow"].astype(str))["value_usd_mn"]
    if not {"exports", "imports"} <= set(s.index):
        return None
    x, m = measures.mn_to_yi(float(s["exports"])), measures.mn_to_yi(float(s["imports"]))
    return {"exports": x, "imports": m, "balance": x - m}


def consistency_table() -> pd.DataFrame:
    """The paper's section XVI values divided by China's own 2018 totals with each partner (IMF DOTS).

    This does not reproduce the section values (they are the paper's); it checks
    that the paper's shares fit its values and China's reported totals.
    Columns: ``Statement, Paper value, China total (IMF DOTS), Implied share (%), Paper share (%)``.
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
    out = []
    for label, vid, total, sid in rows:
        v = reported_value(vid)
        out.append({"Statement": label, "Paper value (USD 100 mn)": v,
                    "China's total (USD 100 mn, IMF DOTS)": float("nan") if total is None else total,
                    "Implied share (%)": float("nan") if not total else measures.share(v, total),
                    "Paper's share (%)": reported_value(sid)})
    return pd.DataFrame(out)


# --- the 2017 cross-check of the import side ---------------------------------------------------------

def import_side_2017() -> pd.DataFrame:
    """China's 2017 imports from the US by section: China-reported (PIIE/ITC) vs US-reported exports (Census).

    Columns: ``hs_section, china_reported, us_reported, ratio`` (USD bn; ratio =
    China-reported / US-reported). China records imports CIF and by country of
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

    ``implied_2018`` = the paper's section XVI exports to the US minus its
    section XVI surplus (USD 100 million: China-side imports the paper's two
    numbers imply); ``scaled_2018`` = US-reported 2018 section XVI exports to
    China times the 2017 China/US ratio for section XVI (USD 100 million).
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


# --- context: provinces and the reporting gap in the tariff years --------------------------------------

def province_trade_shares(year: int, basis: str = "location_of_importers_exporters") -> dict[str, float]:
    """Each province's share of China's total trade (exports plus imports, all goods), percent, from NBS."""
    d = load("province_trade_totals")
    d = d[(d["year"] == year) & (d["basis"].astype(str) == basis)]
    tot = float(d["value_usd_mn"].sum())
    return {str(p): measures.share(float(v), tot) for p, v in zip(d["province"], d["value_usd_mn"])}


def sections_count() -> int:
    """Number of distinct HS sections in the US Census table (I-XXII)."""
    return int(load("us_trade_hs")["hs_section"].nunique())


def reporting_gap_change(first: int, last: int) -> dict | None:
    """Percent change of China's exports to the US as China reports them (IMF DOTS) and as the US records them.

    Keys ``china_reported`` (DOTS, reporter CHN, partner USA) and ``us_recorded``
    (US imports for consumption from China, all chapters); None if a year is missing.
    """
    bt = load("bilateral_trade")
    c = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "USA") & (bt["flow"] == "exports")].set_index("year")["value_usd_mn"]
    m = mirror_by_section("CHN", "census").groupby("year")["exports"].sum()
    if not all(y in c.index and y in m.index for y in (first, last)):
        return None
    return {"china_reported": 100 * (float(c[last]) / float(c[first]) - 1),
            "us_recorded": 100 * (float(m[last]) / float(m[first]) - 1)}


# --- Fig. 4 -------------------------------------------------------------------------------------------

def fig4_years(year: int) -> list[int]:
    """The years Fig. 4 shows for ``year``: the paper's 2017-2019 for the paper's year, else the three years to ``year``."""
    have = set(mirror_years())
    want = FIG4_PAPER_YEARS if int(year) == PAPER_YEAR else range(int(year) - 2, int(year) + 1)
    return [y for y in want if y in have]


def section_label(sec: str) -> str:
    return f"{sec} {SECTION_NAMES[sec]}"


def fig4_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    years = sorted(int(y) for y in df["year"].unique())
    data = df.assign(section=[section_label(s) for s in df["hs_section"]], year_label=df["year"].astype(int).astype(str))
    sort_year = PAPER_YEAR if PAPER_YEAR in years else years[-1]
    first = data[data["year"] == sort_year]
    order = [section_label(s) for s in first.sort_values("china_balance_usd_bn", ascending=False)["hs_section"]]
    span = f"{years[0]}–{years[-1]}" if years else "no years"
    title = alt.Title(
        "China's trade balance with the US by HS section, mirror view",
        subtitle=[f"{span}, US Census data read from China's side:",
                  "China's exports = US imports from China; China's imports = US exports to China.",
                  f"Positive = China's surplus; sections sorted by the {sort_year} balance"],
    )
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("section:N", title="HS section", sort=order,
                axis=alt.Axis(labelLimit=280, titleAngle=0, titleAnchor="end", titleAlign="right", titleY=-8, titleX=0)),
        yOffset=alt.YOffset("year_label:N", sort=[str(y) for y in years]),
        x=alt.X("china_balance_usd_bn:Q", title="China's balance with the US (USD bn)"),
        color=alt.Color("year_label:N", title="Year", sort=[str(y) for y in years],
                        scale=alt.Scale(domain=[str(y) for y in years], range=PALETTE[: len(years)])),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("year_label:N", title="Year"),
                 alt.Tooltip("china_exports_usd_bn:Q", title="China's exports to the US (USD bn)", format=",.1f"),
                 alt.Tooltip("china_imports_usd_bn:Q", title="China's imports from the US (USD bn)", format=",.1f"),
                 alt.Tooltip("china_balance_usd_bn:Q", title="Balance (USD bn)", format=",.1f")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=PALETTE[6], strokeWidth=1).encode(
        x=alt.X("x:Q", title="China's balance with the US (USD bn)"))
    return (bars + zero).properties(width=330, height=26 * max(len(order), 1), title=title)


@figure(
    "fig4",
    title="China's balance with the US by HS section before and after the tariffs (mirror view)",
    caption=(
        "China's trade balance with the United States by HS section, USD billion: 2017–2019, the years of the "
        "paper's Fig. 4, when run for the paper's year, otherwise the three years up to {year}. Mirror view: "
        "China's exports are US imports from China and China's imports are US exports to China, as the United "
        "States records them. A positive balance is China's surplus."
    ),
    source=(
        CENSUS_SOURCE + ". The paper used China Customs' trade by HS section and country, which is not open; it "
        "would come from " + MISSING_TABLE + "."
    ),
    chapter=CHAPTER,
    tables=["us_trade_hs"],
    paper_number="Fig. 4",
    columns=["year", "hs_section", "section_name", "china_exports_usd_bn", "china_imports_usd_bn",
             "china_balance_usd_bn", "basis"],
    chart=fig4_chart,
)
def fig4(year: int) -> pd.DataFrame:
    cols = ["year", "hs_section", "section_name", "china_exports_usd_bn", "china_imports_usd_bn",
            "china_balance_usd_bn", "basis"]
    ys = fig4_years(year)
    m = mirror_by_section("CHN", "census")
    m = m[m["year"].isin(ys)].copy()
    if m.empty:
        return pd.DataFrame(columns=cols)
    m["section_name"] = m["hs_section"].map(SECTION_NAMES)
    m["basis"] = [BASIS_CENSUS + ("" if k == 12 else f"; US exports for {k} months only") for k in m["months_imports"]]
    m = m.rename(columns={"exports": "china_exports_usd_bn", "imports": "china_imports_usd_bn",
                          "balance": "china_balance_usd_bn"})
    m["_o"] = m["hs_section"].map({s: i for i, s in enumerate(SECTION_ORDER)})
    return m.sort_values(["year", "_o"])[cols].reset_index(drop=True)


# --- section 2.5: what the tariff years show ----------------------------------------------------------

def balances_wide(years) -> pd.DataFrame:
    """China's mirror balance with the US by section (rows) and year (columns), USD bn."""
    m = mirror_by_section("CHN", "census")
    w = m[m["year"].isin(list(years))].pivot(index="hs_section", columns="year", values="balance")
    return w.reindex([s for s in SECTION_ORDER if s in w.index])


def sign_changes(first: int, last: int, threshold: float = 0.0) -> pd.DataFrame:
    """Sections whose balance has opposite signs in ``first`` and ``last``.

    With ``threshold`` > 0 only sections whose balance is at least that large
    (USD bn, absolute) in both years count. Columns: ``hs_section, first, last``.
    """
    w = balances_wide([first, last])
    if first not in w.columns or last not in w.columns:
        return pd.DataFrame(columns=["hs_section", "first", "last"])
    a, b = w[first], w[last]
    flip = (a * b < 0) & (a.abs() >= threshold) & (b.abs() >= threshold)
    out = pd.DataFrame({"hs_section": w.index[flip], "first": a[flip].to_numpy(), "last": b[flip].to_numpy()})
    return out.reset_index(drop=True)


def deficit_sections(years) -> pd.DataFrame:
    """Sections in deficit (China's view) by at least the threshold in the first year, with their balances."""
    ys = list(years)
    w = balances_wide(ys)
    if ys[0] not in w.columns:
        return w.iloc[0:0]
    return w[w[ys[0]] <= -SIGN_THRESHOLD_BN]


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


# --- claims ------------------------------------------------------------------------------------------

_MIRROR_NOTE = (
    "China Customs' trade by HS section and partner is not open. The US-reported mirror value is shown in the "
    "chapter's mirror table; it differs by construction (re-exports through Hong Kong, valuation, timing)."
)


@claim(
    "s2_4_hs_sections_count",
    method="Number of distinct HS sections to which the chapters of the US Census table map (sections I-XXII, XXII = chapters 98-99).",
    expected=REPRODUCED,
    tolerance=0,
)
def _sections_count():
    return float(sections_count())


@claim(
    "s2_4_xvi_exports_to_us_2018",
    method="Would need China Customs' 2018 exports to the US of section XVI (chapters 84-85). Mirror: US imports from China of HS 84-85.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " US imports exceed China's recorded exports because goods re-exported through Hong Kong count as Chinese in US data.",
)
def _xvi_exports():
    return None


@claim(
    "s2_4_xvi_share_exports_to_us_2018",
    method="Would need China Customs' exports to the US by section. Mirror: HS 84-85 as a percent of all US imports from China.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " The mirror share is a few points higher; the paper's value over China's own total exports to the US fits (consistency table).",
)
def _xvi_share_exports():
    return None


@claim(
    "s2_4_xvi_surplus_with_us_2018",
    method="Would need China Customs' exports to and imports from the US of section XVI. Mirror: US imports from China minus US exports to China, HS 84-85.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " The mirror surplus is larger; China records more imports from the US than the US records exports to China (2017 cross-check).",
)
def _xvi_surplus():
    return None


@claim(
    "s2_4_xvi_share_surplus_with_us_2018",
    method="Would need China Customs' balance with the US by section. Mirror: the HS 84-85 balance as a percent of the total US-reported balance.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " The mirror share is close to the paper's.",
)
def _xvi_share_surplus():
    return None


_JK_NOTE = (
    "Needs China's (or Japan's / Korea's) trade by HS section with each other; no such table is open, and the US "
    "data do not cover trade between China and Japan or Korea. The consistency table divides the paper's value by "
    "China's reported total deficit."
)


@claim("s2_4_xvi_balance_japan_2018", method="Would need China Customs' trade with Japan by HS section.",
       expected=NOT_REPRODUCIBLE, note=_JK_NOTE)
def _xvi_japan():
    return None


@claim("s2_4_xvi_balance_korea_2018", method="Would need China Customs' trade with Korea by HS section.",
       expected=NOT_REPRODUCIBLE, note=_JK_NOTE)
def _xvi_korea():
    return None


@claim("s2_4_xvi_share_deficit_japan_2018",
       method="Would need the section XVI balance with Japan; its total deficit with Japan is in IMF DOTS.",
       expected=NOT_REPRODUCIBLE, note=_JK_NOTE)
def _xvi_share_japan():
    return None


@claim("s2_4_xvi_share_deficit_korea_2018",
       method="Would need the section XVI balance with Korea; its total deficit with Korea is in IMF DOTS.",
       expected=NOT_REPRODUCIBLE, note=_JK_NOTE)
def _xvi_share_korea():
    return None


@claim(
    "s2_4_fn_top3_sections_share_exports_to_us",
    method="Would need China Customs' exports to the US by section. Mirror: sections XVI, XX and XI as a percent of US imports from China.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " In the mirror data the same three sections are the largest and their share is close to the paper's.",
)
def _top3():
    return None


_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_to_int(numeral: str) -> int:
    """``'XX'`` -> 20: HS sections are numbered in Roman numerals."""
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def mirror_section_rank(rank: int, year: int = PAPER_YEAR) -> int | None:
    """The HS section (as a number) ranked ``rank`` by China's exports to the US in the mirror view."""
    stats = section_stats(year)
    if stats is None:
        return None
    return roman_to_int(stats["top3_sections"][rank - 1])


@claim(
    "s2_4_fn_second_section_to_us",
    method="Would need China Customs' exports to the US by section. Mirror: the second-largest section of US imports from China.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " In the mirror data the second-largest section is the paper's (XX, miscellaneous manufactures).",
)
def _second_section():
    return None


@claim(
    "s2_4_fn_third_section_to_us",
    method="Would need China Customs' exports to the US by section. Mirror: the third-largest section of US imports from China.",
    expected=NOT_REPRODUCIBLE,
    note=_MIRROR_NOTE + " In the mirror data the third-largest section is the paper's (XI, textiles).",
)
def _third_section():
    return None


_REGIME_NOTE = (
    "Needs China Customs' exports by HS section and customs regime (GACC table \"(17) Export of Selected "
    "Commodities by Major Customs Regimes\"), which is not among the open sources."
)


@claim("s2_4_fn_xvi_exports_2018", method="Would need China's total 2018 exports of section XVI.",
       expected=NOT_REPRODUCIBLE, note=_REGIME_NOTE)
def _fn_xvi_exports():
    return None


@claim("s2_4_fn_xvi_processing_exports_2018", method="Would need section XVI exports under the processing regimes.",
       expected=NOT_REPRODUCIBLE, note=_REGIME_NOTE)
def _fn_xvi_processing():
    return None


@claim("s2_4_fn_xvi_processing_share_2018", method="Would need section XVI exports by customs regime.",
       expected=NOT_REPRODUCIBLE, note=_REGIME_NOTE)
def _fn_xvi_processing_share():
    return None


@claim("s2_4_xvi_processing_share_of_trade",
       method="Would need section XVI trade (exports plus imports) by customs regime.",
       expected=NOT_REPRODUCIBLE, note=_REGIME_NOTE + " The footnote's 62% concerns exports only.")
def _xvi_processing_share_trade():
    return None


_PROV_NOTE = (
    "Needs exports of section XVI by province (GACC table by location of exporters and commodity); the open "
    "provincial data are totals of exports plus imports only. The sentence is also ambiguous about the denominator."
)


@claim("s2_4_xvi_export_share_guangdong_2018", method="Would need Guangdong's 2018 exports by HS section.",
       expected=NOT_REPRODUCIBLE, note=_PROV_NOTE)
def _gd():
    return None


@claim("s2_4_xvi_export_share_jiangsu_2018", method="Would need Jiangsu's 2018 exports by HS section.",
       expected=NOT_REPRODUCIBLE, note=_PROV_NOTE)
def _js():
    return None


@claim("s2_4_xvi_export_share_zhejiang_2018", method="Would need Zhejiang's 2018 exports by HS section.",
       expected=NOT_REPRODUCIBLE, note=_PROV_NOTE)
def _zj():
    return None


@claim(
    "s2_5_years_without_balance_change",
    method=(
        "Would need China Customs' balance with the US by section for 2017-2019. Mirror check: sections whose "
        "US-reported balance changes sign between 2017 and 2019."
    ),
    expected=NOT_REPRODUCIBLE,
    note=(
        "China-side data by section are not open. On the mirror data no section with a balance of at least "
        "USD 1 bn changes sign over 2017-2019, in line with the paper (see the chapter's tariff table)."
    ),
)
def _no_sign_change():
    return None
