"""Processing trade (paper, section 2.3): ordinary vs processing trade and China's surplus.

The paper splits China's goods surplus by trade mode (its Fig. 3): net exports of
ordinary trade (一般贸易) and of processing trade (加工贸易). Two definitions of
"processing trade" are in use:

``customs``
    China Customs' definition: the two processing regimes, processing and
    assembling with supplied materials (来料加工装配贸易) plus processing with
    imported materials (进料加工贸易).
``non_ordinary``
    Everything that is not ordinary trade: total minus ordinary trade. Besides
    the two processing regimes this holds bonded-area logistics, customs
    warehousing, border trade, equipment imported by foreign-invested
    enterprises and the other regimes.

The paper's 2018 numbers (19,481 of 46,224, 42 %; a 36 % / 64 % split of the
surplus) and the identity it states for Fig. 3 (surplus = ordinary + processing
net exports) hold only for ``non_ordinary``; :func:`definition_table` shows both.

Data: ``customs_regime`` (GACC table by customs regime: 2019 published, 2018
derived from the 2019 year-on-year changes) and ``trade_mode_points`` (scattered
secondary values 1982-2017). Values are in USD 100 million (亿美元, the paper's
unit) unless a name says otherwise.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .. import measures
from ..charts import PALETTE
from ..claims import BOUNDED, CLOSE, INFERRED, NOT_REPRODUCIBLE, REPRODUCED, reproduces
from ..data import load, view_cache
from ..figures import figure

PAPER_YEAR = 2018
CHAPTER = "processing"
#: The paper's Fig. 3 covers the years "since 2000".
FIG3_FIRST_YEAR = 2000
#: The year the paper calls the historical peak of the processing share.
PEAK_YEAR = 2005

ORDINARY = "ordinary"
CUSTOMS = "customs"
NON_ORDINARY = "non_ordinary"
TOTAL = "total"
DEFINITION_LABELS = {
    TOTAL: "Total trade",
    ORDINARY: "Ordinary trade (一般贸易)",
    CUSTOMS: "Processing trade, customs definition (来料加工装配 + 进料加工)",
    NON_ORDINARY: "All non-ordinary trade (total − ordinary), the paper's definition",
}
SHORT_LABELS = {
    ORDINARY: "Ordinary trade",
    CUSTOMS: "Processing trade (customs definition)",
    NON_ORDINARY: "All non-ordinary trade (paper's definition)",
}
TABLE_LABELS = {ORDINARY: "Ordinary", CUSTOMS: "Processing (customs)", NON_ORDINARY: "Non-ordinary (paper)"}
BASIS_SECONDARY = "secondary points"
BASIS_SECONDARY_DERIVED = "secondary points (trade values derived from the next year's growth)"
BASIS_PUBLISHED = "GACC regime table, as published"
BASIS_DERIVED = "GACC regime table, derived from the next year's y/y changes"
TABLE_BASIS = {BASIS_SECONDARY: "news reports", BASIS_SECONDARY_DERIVED: "news reports, partly derived",
               BASIS_PUBLISHED: "customs table", BASIS_DERIVED: "customs table, derived"}
#: The official table that would fill the missing years of Fig. 3.
MISSING_TABLE = (
    "China Customs statistics, reproduced in the China Statistical Yearbook (National Bureau of Statistics), "
    "table \"Total Value of Imports and Exports by Trade Mode\" (exports and imports of ordinary and processing "
    "trade), 2000–2017"
)
REGIME_SOURCE = (
    "General Administration of Customs of China (GACC), \"(5) Imports and Exports by Customs Regime, 12. 2019\" "
    "(2019 as published; 2018 derived from the printed year-on-year changes)"
)


# --- definitions on plain numbers ---------------------------------------------------------------

def split_by_definition(total: tuple[float, float], ordinary: tuple[float, float],
                        processing: tuple[float, float]) -> pd.DataFrame:
    """Trade and net exports of each trade-mode definition from (exports, imports) pairs.

    ``total``, ``ordinary`` and ``processing`` (the two customs processing regimes)
    are ``(exports, imports)`` in any one unit. Returns one row per definition
    (total, ordinary, customs, non_ordinary) with columns ``definition, exports,
    imports, trade, net_exports, share_of_trade_pct, share_of_surplus_pct``;
    ``non_ordinary`` = total − ordinary. Shares of the surplus are NaN when the
    total balance is not positive.
    """
    (tx, tm), (ox, om), (px, pm) = total, ordinary, processing
    rows = {TOTAL: (tx, tm), ORDINARY: (ox, om), CUSTOMS: (px, pm), NON_ORDINARY: (tx - ox, tm - om)}
    surplus = tx - tm
    out = []
    for d, (x, m) in rows.items():
        trade, net = x + m, measures.balance(x, m)
        out.append({
            "definition": d, "exports": x, "imports": m, "trade": trade, "net_exports": net,
            "share_of_trade_pct": measures.share(trade, tx + tm),
            "share_of_surplus_pct": measures.share(net, surplus) if surplus > 0 else math.nan,
        })
    return pd.DataFrame(out)


# --- customs regime table -------------------------------------------------------------------------

@view_cache
def regime_groups() -> pd.DataFrame:
    """Full-year (Jan–Dec) exports and imports by regime group from ``customs_regime``, USD 100 million.

    One row per year and group (total, ordinary, processing, other) for years in
    which both flows of the total were published or derived; columns ``year,
    group, exports, imports, value_type`` (``published`` or ``derived_from_yoy``).
    """
    cr = load("customs_regime")
    cr = cr[cr["period"].astype(str) == "Jan-Dec"]
    wide = cr.groupby(["year", "regime_group", "flow"], observed=True)["value_usd_mn"].sum().unstack("flow")
    types = cr.groupby(["year", "regime_group"], observed=True)["value_type"].agg(
        lambda s: ",".join(sorted(set(map(str, s)))))
    wide = wide.dropna(subset=[c for c in ("exports", "imports") if c in wide.columns])
    if not {"exports", "imports"} <= set(wide.columns):
        return pd.DataFrame(columns=["year", "group", "exports", "imports", "value_type"])
    out = wide.reset_index().rename(columns={"regime_group": "group"})
    out["exports"] = measures.mn_to_yi(out["exports"])
    out["imports"] = measures.mn_to_yi(out["imports"])
    out = out.merge(types.rename("value_type").reset_index().rename(columns={"regime_group": "group"}),
                    on=["year", "group"], how="left")
    out["year"] = out["year"].astype(int)
    out["group"] = out["group"].astype(str)
    return out[["year", "group", "exports", "imports", "value_type"]].sort_values(["year", "group"]).reset_index(drop=True)


@view_cache
def customs_years() -> list[int]:
    """Years with full-year exports and imports of total, ordinary and processing trade in ``customs_regime``."""
    g = regime_groups()
    have = g.groupby("year")["group"].apply(set)
    return sorted(int(y) for y, s in have.items() if {TOTAL, ORDINARY, "processing"} <= s)


@view_cache
def customs_split(year: int) -> pd.DataFrame | None:
    """:func:`split_by_definition` for a year of ``customs_regime`` (USD 100 million), or None."""
    if year not in customs_years():
        return None
    g = regime_groups()
    g = g[g["year"] == year].set_index("group")
    pair = lambda k: (float(g.loc[k, "exports"]), float(g.loc[k, "imports"]))  # noqa: E731
    out = split_by_definition(pair(TOTAL), pair(ORDINARY), pair("processing"))
    out.insert(0, "year", year)
    vt = g.loc[TOTAL, "value_type"]
    out["basis"] = BASIS_PUBLISHED if vt == "published" else BASIS_DERIVED
    return out


# --- secondary points ------------------------------------------------------------------------------

@view_cache
def _points() -> pd.DataFrame:
    p = load("trade_mode_points")
    p = p[p["period"].astype(str) == "Jan-Dec"].copy()
    p["year"] = p["year"].astype(int)
    return p


@view_cache
def _point_lookup(column: str) -> dict:
    """``{(year, indicator, flow): value}`` of the first full-year row with a value in ``column``."""
    p = _points()
    p = p[p[column].notna()]
    first = p.drop_duplicates(["year", "indicator", "flow"], keep="first")
    return {(int(y), str(i), str(f)): float(v)
            for y, i, f, v in zip(first["year"], first["indicator"], first["flow"], first[column])}


@view_cache
def _point_types() -> dict:
    """``{(year, indicator, flow): value_type}`` of the first full-year row of each key."""
    first = _points().drop_duplicates(["year", "indicator", "flow"], keep="first")
    return {(int(y), str(i), str(f)): str(t)
            for y, i, f, t in zip(first["year"], first["indicator"], first["flow"], first["value_type"])}


def point(year: int, indicator: str, flow: str, column: str = "value_usd_bn") -> float | None:
    """One full-year secondary value (first match) from ``trade_mode_points``, or None."""
    return _point_lookup(column).get((int(year), indicator, flow))


def point_type(year: int, indicator: str, flow: str) -> str | None:
    """``published`` or ``derived`` for a secondary value, or None."""
    return _point_types().get((int(year), indicator, flow))


def total_balance_secondary(year: int) -> tuple[float | None, str]:
    """China's total goods balance (USD bn) for a secondary year, with its basis.

    Uses total exports and imports of ``trade_mode_points`` when present,
    otherwise China's exports minus imports with the world as China reports them
    to the IMF (``bilateral_trade``, reporter CHN, partner WLD).
    """
    x, m = point(year, "total_trade", "exports"), point(year, "total_trade", "imports")
    if x is not None and m is not None:
        return x - m, "secondary (news report of customs data)"
    bt = load("bilateral_trade")
    w = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "WLD") & (bt["year"] == year)]
    w = w.set_index(w["flow"].astype(str))["value_usd_mn"]
    if not {"exports", "imports"} <= set(w.index):
        return None, ""
    return measures.mn_to_bn(float(w["exports"] - w["imports"])), "IMF DOTS, China-reported trade with the world"


@view_cache
def secondary_split(year: int) -> pd.DataFrame | None:
    """Trade and shares by definition for a year of the secondary points (USD 100 million).

    Needs total, ordinary and customs-processing trade (exports plus imports)
    for ``year``; net exports are filled where the points give them (the total
    from :func:`total_balance_secondary`). Returns None if the trade values are missing.
    """
    tot = point(year, "total_trade", "exports_plus_imports")
    ordi = point(year, "ordinary_trade", "exports_plus_imports")
    proc = point(year, "processing_trade", "exports_plus_imports")
    if tot is None or ordi is None or proc is None:
        return None
    bn = measures.bn_to_yi
    ord_net = point(year, "ordinary_trade_net_exports", "balance")
    proc_net = point(year, "processing_trade_net_exports", "balance")
    tot_net, _ = total_balance_secondary(year) if ord_net is not None else (None, "")
    nan = math.nan
    trade = {TOTAL: tot, ORDINARY: ordi, CUSTOMS: proc, NON_ORDINARY: tot - ordi}
    net = {TOTAL: tot_net, ORDINARY: ord_net, CUSTOMS: proc_net,
           NON_ORDINARY: (tot_net - ord_net) if (tot_net is not None and ord_net is not None) else None}
    derived = any(point_type(year, i, "exports_plus_imports") == "derived" for i in ("ordinary_trade", "processing_trade"))
    rows = []
    for d in (TOTAL, ORDINARY, CUSTOMS, NON_ORDINARY):
        n = net[d]
        rows.append({
            "year": year, "definition": d, "exports": nan, "imports": nan, "trade": bn(trade[d]),
            "net_exports": nan if n is None else bn(n),
            "share_of_trade_pct": measures.share(trade[d], tot),
            "share_of_surplus_pct": nan if (n is None or not tot_net or tot_net <= 0) else measures.share(n, tot_net),
            "basis": BASIS_SECONDARY_DERIVED if derived else BASIS_SECONDARY,
        })
    return pd.DataFrame(rows)


@view_cache
def secondary_years() -> list[int]:
    """Years for which the secondary points give total, ordinary and processing trade."""
    p = _points()
    return sorted(int(y) for y in p["year"].unique() if secondary_split(int(y)) is not None)


# --- the comparison of definitions ---------------------------------------------------------------

@view_cache
def definition_table(year: int) -> pd.DataFrame:
    """Trade, shares and net exports by definition, every year with data up to ``year``.

    Columns: ``year, definition, exports, imports, trade, net_exports,
    share_of_trade_pct, share_of_surplus_pct, basis`` (values USD 100 million).
    """
    parts = [secondary_split(y) for y in secondary_years() if y <= year]
    parts += [customs_split(y) for y in customs_years() if y <= year]
    parts = [p for p in parts if p is not None]
    cols = ["year", "definition", "exports", "imports", "trade", "net_exports", "share_of_trade_pct",
            "share_of_surplus_pct", "basis"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def definition_display(year: int) -> pd.DataFrame:
    """:func:`definition_table` with readable labels, for the chapter's table."""
    t = definition_table(year)
    t = t[t["definition"] != TOTAL]
    out = pd.DataFrame({
        "Year": t["year"].astype(int).astype(str),
        "Definition": t["definition"].map(TABLE_LABELS),
        "Trade (USD 100 mn)": t["trade"].astype(float),
        "Share of total trade (%)": t["share_of_trade_pct"].astype(float),
        "Net exports (USD 100 mn)": t["net_exports"].astype(float),
        "Share of the surplus (%)": t["share_of_surplus_pct"].astype(float),
        "Basis": t["basis"].map(lambda b: TABLE_BASIS.get(b, b)),
    })
    return out.reset_index(drop=True)


def split_value(year: int, definition: str, column: str) -> float | None:
    """One cell of :func:`definition_table` (None when missing)."""
    t = definition_table(year)
    sel = t[(t["year"] == year) & (t["definition"] == definition)]
    if sel.empty or pd.isna(sel[column].iloc[0]):
        return None
    return float(sel[column].iloc[0])


# --- processing share over time -------------------------------------------------------------------

def shares_data(year: int) -> pd.DataFrame:
    """Processing trade as a percent of total trade, both definitions, every year with a value up to ``year``.

    Published shares (secondary points, customs definition) are used as printed;
    other years are computed from values (secondary points or the customs
    regime table). Columns: ``year, definition, share_pct, basis``.
    """
    rows = []
    p = _points()
    pub = p[(p["indicator"].astype(str) == "processing_trade_share_of_total_trade") & p["share_pct"].notna()]
    published_years = set()
    for r in pub.itertuples():
        rows.append({"year": int(r.year), "definition": CUSTOMS, "share_pct": float(r.share_pct),
                     "basis": "published share (secondary source)"})
        published_years.add(int(r.year))
    tot_years = p[(p["indicator"].astype(str) == "total_trade") & (p["flow"].astype(str) == "exports_plus_imports")]["year"]
    for y in sorted(set(int(v) for v in tot_years)):
        tot = point(y, "total_trade", "exports_plus_imports")
        proc = point(y, "processing_trade", "exports_plus_imports")
        ordi = point(y, "ordinary_trade", "exports_plus_imports")
        derived = any(point_type(y, i, "exports_plus_imports") == "derived" for i in ("ordinary_trade", "processing_trade"))
        basis = "computed from secondary values" + (" (derived from the next year's growth)" if derived else "")
        if proc is not None and y not in published_years:
            rows.append({"year": y, "definition": CUSTOMS, "share_pct": measures.share(proc, tot), "basis": basis})
        if ordi is not None:
            rows.append({"year": y, "definition": NON_ORDINARY, "share_pct": measures.share(tot - ordi, tot), "basis": basis})
    for y in customs_years():
        s = customs_split(y).set_index("definition")
        for d in (CUSTOMS, NON_ORDINARY):
            rows.append({"year": y, "definition": d, "share_pct": float(s.loc[d, "share_of_trade_pct"]),
                         "basis": s.loc[d, "basis"]})
    out = pd.DataFrame(rows, columns=["year", "definition", "share_pct", "basis"])
    out = out[out["year"] <= year]
    return out.sort_values(["definition", "year"]).reset_index(drop=True)


def shares_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    data = df.assign(series=df["definition"].map(SHORT_LABELS))
    domain = [SHORT_LABELS[CUSTOMS], SHORT_LABELS[NON_ORDINARY]]
    title = alt.Title("Processing trade as a share of China's total trade, two definitions",
                      subtitle=f"Every year with a value up to {year}; points are not joined across missing years")
    base = alt.Chart(data)
    pts = base.mark_point(filled=True, size=70).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(zero=False)),
        y=alt.Y("share_pct:Q", title="Share of total trade (%)", scale=alt.Scale(domain=[0, 70])),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=domain, range=[PALETTE[0], PALETTE[1]])),
        shape=alt.Shape("series:N", title=None, scale=alt.Scale(domain=domain)),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Definition"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f"), alt.Tooltip("basis:N", title="Basis")],
    )
    rule = alt.Chart(pd.DataFrame({"y": [40.0]})).mark_rule(strokeDash=[4, 3], color=PALETTE[6], opacity=0.5).encode(
        y=alt.Y("y:Q", title="Share of total trade (%)"))
    return (rule + pts).properties(width=600, height=300, title=title)


@figure(
    "processing_shares",
    title="Processing trade as a share of total trade, two definitions",
    caption=(
        "Processing trade as a percent of China's total trade (exports plus imports), every year with a value "
        "up to {year}: the customs definition (processing and assembling plus processing with imported materials) "
        "and all non-ordinary trade (total minus ordinary trade). The dashed line marks 40%."
    ),
    source=(
        "Secondary points quoting China Customs (China.org.cn, Xinhua, a 2016 journal article citing the China "
        "Customs Information Network), table `trade_mode_points`; " + REGIME_SOURCE + ", table `customs_regime`."
    ),
    chapter=CHAPTER,
    tables=["trade_mode_points", "customs_regime"],
    columns=["year", "definition", "share_pct", "basis"],
    chart=shares_chart,
)
def processing_shares(year: int) -> pd.DataFrame:
    return shares_data(year)


# --- Fig. 3 ------------------------------------------------------------------------------------------

def fig3_values() -> pd.DataFrame:
    """Ordinary and processing (paper's definition) net exports, USD bn, every year with both.

    Columns ``year, ordinary_net_exports_usd_bn, processing_net_exports_usd_bn``.
    Processing = total − ordinary (the paper's identity for Fig. 3).
    """
    rows = {}
    for y in secondary_years():
        s = secondary_split(y).set_index("definition")
        o, n = s.loc[ORDINARY, "net_exports"], s.loc[NON_ORDINARY, "net_exports"]
        if pd.notna(o) and pd.notna(n):
            rows[y] = (measures.yi_to_bn(o), measures.yi_to_bn(n))
    for y in customs_years():
        s = customs_split(y).set_index("definition")
        rows[y] = (measures.yi_to_bn(float(s.loc[ORDINARY, "net_exports"])),
                   measures.yi_to_bn(float(s.loc[NON_ORDINARY, "net_exports"])))
    return pd.DataFrame([(y, *v) for y, v in sorted(rows.items())],
                        columns=["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"])


def fig3_chart(df: pd.DataFrame, year: int) -> alt.Chart:
    years = [int(y) for y in df["year"]]
    long = df.melt("year", var_name="series", value_name="net_exports_usd_bn").dropna()
    labels = {"ordinary_net_exports_usd_bn": "Ordinary trade",
              "processing_net_exports_usd_bn": "Processing trade (total minus ordinary)"}
    long["series"] = long["series"].map(labels)
    long["year"] = long["year"].astype(int)
    title = alt.Title(
        "Net exports by trade mode: ordinary and processing trade",
        subtitle=[f"{years[0]}–{years[-1]}; bars only where open data exist, other years are missing (not zero)",
                  "Processing = total minus ordinary trade, so the two bars add up to the surplus"],
    )
    x = alt.X("year:O", title="Year", scale=alt.Scale(domain=years),
              axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 2 == 0 ? datum.label : ''"))
    bars = alt.Chart(long).mark_bar().encode(
        x=x,
        y=alt.Y("net_exports_usd_bn:Q", title="Net exports (USD bn)", stack="zero"),
        color=alt.Color("series:N", title=None, sort=list(labels.values()),
                        scale=alt.Scale(domain=list(labels.values()), range=[PALETTE[0], PALETTE[1]])),
        order=alt.Order("series:N", sort="ascending"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("series:N", title="Trade mode"),
                 alt.Tooltip("net_exports_usd_bn:Q", title="Net exports (USD bn)", format=",.1f")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=PALETTE[6], strokeWidth=1).encode(
        y=alt.Y("y:Q", title="Net exports (USD bn)"))
    return (bars + zero).properties(width=600, height=320, title=title)


@figure(
    "fig3",
    title="Processing and ordinary net exports",
    caption=(
        "China's net exports (exports minus imports) of ordinary trade and of processing trade in the paper's sense "
        "(all trade other than ordinary trade, so the two add up to the goods surplus), USD billion, "
        "{first}–{{year}}. Years without open data are empty cells in the data, never zeros."
    ).format(first=FIG3_FIRST_YEAR),
    source=(
        REGIME_SOURCE + ", table `customs_regime` (2018, 2019); 2005: ordinary-trade surplus from China Daily "
        "(11 July 2006, quoting customs data) in table `trade_mode_points`, total surplus from China's trade with "
        "the world as reported to the IMF (`bilateral_trade`) unless the points give total exports and imports. "
        "The missing years would come from " + MISSING_TABLE + "."
    ),
    chapter=CHAPTER,
    tables=["customs_regime", "trade_mode_points", "bilateral_trade"],
    paper_number="Fig. 3",
    columns=["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"],
    chart=fig3_chart,
)
def fig3(year: int) -> pd.DataFrame:
    first = min(FIG3_FIRST_YEAR, int(year))
    frame = pd.DataFrame({"year": list(range(first, int(year) + 1))})
    out = frame.merge(fig3_values(), on="year", how="left")
    return out[["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"]]


# --- qualitative statements -------------------------------------------------------------------------

def processing_vs_ordinary(year: int) -> pd.DataFrame:
    """Every full year up to ``year`` where net exports of ordinary trade and of some processing measure exist.

    Columns: ``year, definition, ordinary_usd_bn, processing_usd_bn, processing_larger, basis``.
    Uses the customs-definition points (2004 has no ordinary value) and both
    definitions where available.
    """
    rows = []
    for y in sorted(set(secondary_years()) | set(customs_years())):
        if y > year:
            continue
        s = customs_split(y) if y in customs_years() else secondary_split(y)
        s = s.set_index("definition")
        o = s.loc[ORDINARY, "net_exports"]
        if pd.isna(o):
            continue
        for d in (CUSTOMS, NON_ORDINARY):
            v = s.loc[d, "net_exports"]
            if pd.notna(v):
                rows.append({"year": y, "definition": TABLE_LABELS[d], "ordinary_usd_bn": measures.yi_to_bn(float(o)),
                             "processing_usd_bn": measures.yi_to_bn(float(v)),
                             "processing_larger": "yes" if v > o else "no",
                             "basis": TABLE_BASIS.get(s.loc[d, "basis"], s.loc[d, "basis"])})
    return pd.DataFrame(rows, columns=["year", "definition", "ordinary_usd_bn", "processing_usd_bn",
                                       "processing_larger", "basis"])


def points_cny_partial() -> pd.DataFrame:
    """Net exports of ordinary and customs-definition processing trade from points that are not full years.

    Columns: ``year, period, ordinary_net, processing_net, currency`` (billions of
    the currency the source used).
    """
    p = load("trade_mode_points")
    p = p[p["period"].astype(str) != "Jan-Dec"]
    rows = []
    for (y, per), g in p.groupby(["year", "period"], observed=True):
        g = g.set_index([g["indicator"].astype(str), g["flow"].astype(str)])
        cur = "CNY" if g["value_cny_bn"].notna().any() else "USD"
        col = "value_cny_bn" if cur == "CNY" else "value_usd_bn"
        try:
            o = g.loc[("ordinary_trade", "exports"), col] - g.loc[("ordinary_trade", "imports"), col]
            pr = g.loc[("processing_trade", "exports"), col] - g.loc[("processing_trade", "imports"), col]
        except KeyError:
            continue
        rows.append({"year": int(y), "period": str(per), "ordinary_net": float(o), "processing_net": float(pr),
                     "currency": cur})
    return pd.DataFrame(rows, columns=["year", "period", "ordinary_net", "processing_net", "currency"])


def fig3_coverage(year: int) -> list[int]:
    """Years of Fig. 3 (up to ``year``) that have data."""
    d = fig3(year).dropna()
    return [int(y) for y in d["year"]]


# --- claims -----------------------------------------------------------------------------------------

#: 2018 values are backed out of the 2019 table: y/y printed to 0.1 % leaves about +-0.05 % on each cell.
DERIVATION_REL = 0.0005


def _share(year: int, definition: str, column: str = "share_of_trade_pct") -> float | None:
    return split_value(year, definition, column)


@reproduces("s2_3_processing_share_2005")
def _processing_share_2005():
    return _share(PEAK_YEAR, NON_ORDINARY)


@reproduces("s2_3_processing_share_after_2010")
def _processing_share_after_2010():
    years = [y for y in range(2010, PAPER_YEAR + 1) if _share(y, NON_ORDINARY) is not None]
    return min(_share(y, NON_ORDINARY) for y in years) if years else None


def provincial_total_trade(year: int) -> float | None:
    """China's exports plus imports (USD 100 million) as the sum of the 31 provinces (NBS, by location of importers/exporters)."""
    d = load("province_trade_totals")
    d = d[(d["year"] == int(year)) & (d["basis"] == "location_of_importers_exporters")]
    return None if len(d) != 31 else float(d["value_usd_mn"].sum()) / 100.0


@reproduces("s2_3_total_trade_2018")
def _total_trade_2018():
    return provincial_total_trade(PAPER_YEAR)


@reproduces("s2_3_processing_trade_2018")
def _processing_trade_2018():
    total, ordinary = provincial_total_trade(PAPER_YEAR), _share(PAPER_YEAR, ORDINARY, "trade")
    return None if total is None or ordinary is None else total - ordinary


@reproduces("s2_3_processing_share_2018")
def _processing_share_2018():
    return _share(PAPER_YEAR, NON_ORDINARY)


@reproduces("s2_3_ordinary_share_surplus_2018")
def _ordinary_share_surplus():
    return _share(PAPER_YEAR, ORDINARY, "share_of_surplus_pct")


@reproduces("s2_3_processing_share_surplus_2018")
def _processing_share_surplus():
    return _share(PAPER_YEAR, NON_ORDINARY, "share_of_surplus_pct")


@reproduces("s2_3_processing_peak_year")
def _processing_peak_year():
    years = [y for y in range(1980, PAPER_YEAR + 2) if _share(y, NON_ORDINARY) is not None]
    return float(max(years, key=lambda y: _share(y, NON_ORDINARY))) if years else None


