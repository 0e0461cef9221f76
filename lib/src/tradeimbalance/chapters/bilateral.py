"""Chapter "Bilateral imbalances" (paper, section 2.1): Fig. 1 and the growth-rate statements.

The paper (section 2.1) shows China's goods-trade balance with the EU, the US, Japan,
Korea and Australia since 2000 (IMF data, China's own figures) and states that from
2000 to 2019 the surplus with the US grew on average by 13.4% a year, the surplus
with the EU by 14.9% and the deficit with Japan, Korea and Australia by 14.7%.

"Average growth" (平均增速) is not defined in the paper. This module computes the
candidate definitions (compound annual rate, mean of yearly growth rates, mean log
change, and a compound rate over the number of calendar years counted inclusively),
for several endpoints, both EU compositions, China's own and partner-reported (mirror)
data, and the Japan+Korea+Australia deficit either combined or as an average of the
three partners' rates; :func:`growth_comparison` lays them side by side and
:func:`matching_definitions` lists those that reproduce all three printed rates.

Everything is read through :func:`tradeimbalance.load` and :mod:`tradeimbalance.measures`.
"""

from __future__ import annotations

import math
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd

from ..book import glue_text as book_glue_text
from .. import measures
from ..claims import BOUNDED, CLOSE, REPRODUCED, reproduces
from ..figures import figure
from ..charts.theme import economy_scale

CHAPTER = "bilateral"
PAPER_YEAR = 2019
#: First year of Fig. 1 and of the paper's growth period.
START = 2000

#: Partners of Fig. 1, in the order of the CSV: DOTS partner code or aggregate code.
PARTNERS = ["USA", "EU27", "EU28", "JPN", "KOR", "AUS"]
PARTNER_NAMES = {
    "USA": "United States",
    "EU27": "EU27 (without the UK)",
    "EU28": "EU28 (with the UK)",
    "JPN": "Japan",
    "KOR": "Korea",
    "AUS": "Australia",
}
#: Partners shown in the chart of Fig. 1 (the paper's EU is shown in both compositions).
CHART_PARTNERS = ["USA", "EU28", "EU27", "JPN", "KOR", "AUS"]
#: The "upstream" partners whose combined deficit the paper discusses.
JKA = ["JPN", "KOR", "AUS"]

#: Growth definitions compared (method key -> description for the reader).
METHODS = {
    "cagr": "compound annual rate, (end/start)^(1/(end-start)) - 1",
    "mean_yoy": "arithmetic mean of the yearly growth rates",
    "mean_log": "mean log change, ln(end/start)/(end-start)",
    "cagr_inclusive": "compound rate over the calendar years counted inclusively, (end/start)^(1/(end-start+1)) - 1",
}
METHOD_LABELS = {
    "cagr": "Compound annual rate (CAGR)",
    "mean_yoy": "Mean of yearly growth rates",
    "mean_log": "Mean log change",
    "cagr_inclusive": "Compound rate, years counted inclusively",
}
#: Endpoint pairs compared: the stated period and its neighbours.
PERIODS = [(2000, 2019), (2000, 2018), (2001, 2019)]

#: The definition that reproduces the paper's rates (see the chapter for the evidence).
PAPER_METHOD = "cagr_inclusive"
PAPER_PERIOD = (2000, 2018)
PAPER_EU = "EU28"

#: Reported values (paper, section 2.1), used only to mark matches in the comparison tables;
#: the claims read the printed values from paper_reported.
REPORTED_RATES = {"us": 13.4, "eu": 14.9, "jka": 14.7}
RATE_TOLERANCE = 0.05

MIRROR_REPORTER = {"USA": "USA", "EU27": "EU27", "JPN": "JPN", "KOR": "KOR", "AUS": "AUS"}


# --- data -------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _bilateral_cached(reporter: str, partner: str) -> pd.DataFrame:
    df = measures.bilateral(reporter, partner)
    df["year"] = df["year"].astype(int)
    return df.set_index("year")


def _bilateral(reporter: str, partner: str) -> pd.DataFrame:
    """Exports, imports, balance (USD bn) of ``reporter`` with ``partner``, indexed by year (a copy)."""
    return _bilateral_cached(reporter, partner).copy()


def china_series(partner: str) -> pd.DataFrame:
    """China's exports, imports and balance (USD bn) with ``partner``, as reported by China (IMF DOTS)."""
    return _bilateral("CHN", partner)


def mirror_series(partner: str) -> pd.DataFrame:
    """China's exports, imports and balance with ``partner`` as reported by the partner (mirror data).

    China's exports = the partner's imports from China (CIF), China's imports = the
    partner's exports to China (FOB). Only partners that report to DOTS here
    (USA, EU27, JPN, KOR, AUS; not the UK, hence no mirror EU28).
    """
    if partner not in MIRROR_REPORTER:
        raise KeyError(f"no partner-reported data for {partner!r}")
    p = _bilateral(MIRROR_REPORTER[partner], "CHN")
    out = pd.DataFrame({"exports": p["imports"], "imports": p["exports"]})
    out["balance"] = out["exports"] - out["imports"]
    return out


def last_year() -> int:
    """Last year with China-reported data for all partners of Fig. 1."""
    return int(min(china_series(p).index.max() for p in PARTNERS))


def fig1_chart(df: pd.DataFrame, year: int):
    """Lines of China's balance with each partner (USD bn); EU27 dashed next to EU28."""
    d = df[df["partner"].isin(CHART_PARTNERS)].copy()
    d["partner_name"] = d["partner"].map(PARTNER_NAMES)
    order = [PARTNER_NAMES[p] for p in CHART_PARTNERS]
    first = int(d["year"].min()) if len(d) else START
    last = int(d["year"].max()) if len(d) else int(year)
    base = alt.Chart(d, title=alt.Title(
        f"China's goods-trade balance with main partners, {first}–{last}",
        subtitle="China-reported (IMF DOTS); positive = Chinese surplus, negative = deficit",
    ))
    lines = base.mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(domain=[first, last], nice=False)),
        y=alt.Y("balance_usd_bn:Q", title="Balance (USD bn)"),
        color=alt.Color("partner_name:N", title="Partner", sort=order, scale=economy_scale(order),
                        legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2.5, columns=3)),
        strokeDash=alt.StrokeDash(
            "partner_name:N", title="Partner", sort=order,
            scale=alt.Scale(domain=order, range=[[1, 0], [1, 0], [5, 3], [1, 0], [1, 0], [1, 0]]),
        ),
        tooltip=[
            alt.Tooltip("partner_name:N", title="Partner"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("exports_usd_bn:Q", title="Exports (USD bn)", format=",.1f"),
            alt.Tooltip("imports_usd_bn:Q", title="Imports (USD bn)", format=",.1f"),
            alt.Tooltip("balance_usd_bn:Q", title="Balance (USD bn)", format=",.1f"),
        ],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#444444", strokeWidth=1).encode(y=alt.Y("y:Q", title="Balance (USD bn)"))
    return alt.layer(zero, lines).properties(width=620, height=340, title=base.title)


@figure(
    "fig1",
    title="China's goods-trade balance with its main partners",
    caption=(
        "China's merchandise exports, imports and balance with the United States, the EU (EU27 and EU28), "
        "Japan, Korea and Australia, 2000 to {year} (the chart shows the balance), as reported by China. "
        "Balance = exports (FOB) minus imports (CIF); positive values are Chinese surpluses."
    ),
    source="IMF, Direction of Trade Statistics (China's own figures, vintage early 2022); EU28 = EU27 + United Kingdom.",
    chapter=CHAPTER,
    tables=["bilateral_trade", "aggregates"],
    paper_number="Fig. 1",
    chart=fig1_chart,
    columns=["year", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"],
)
def fig1_data(year: int) -> pd.DataFrame:
    """Long table: one row per year (2000 .. ``year``) and partner (USA, EU27, EU28, JPN, KOR, AUS)."""
    frames = []
    for p in PARTNERS:
        s = china_series(p)
        s = s.loc[(s.index >= START) & (s.index <= int(year))]
        frames.append(pd.DataFrame({
            "year": s.index.astype(int),
            "partner": p,
            "exports_usd_bn": s["exports"].to_numpy(),
            "imports_usd_bn": s["imports"].to_numpy(),
            "balance_usd_bn": s["balance"].to_numpy(),
        }))
    out = pd.concat(frames, ignore_index=True)
    out["partner"] = pd.Categorical(out["partner"], categories=PARTNERS)
    out = out.sort_values(["year", "partner"]).reset_index(drop=True)
    out["partner"] = out["partner"].astype(str)
    out["year"] = out["year"].astype("int64")
    return out


# --- growth definitions ---------------------------------------------------------------------------

def growth(series: pd.Series, start: int, end: int, method: str) -> float:
    """Average yearly growth of ``series`` from ``start`` to ``end`` in percent; NaN when undefined.

    ``cagr``, ``mean_yoy`` and ``mean_log`` are :func:`tradeimbalance.measures.growth_rate`
    (a deficit, both endpoints negative, grows in absolute value). ``cagr_inclusive``
    counts the calendar years ``start .. end`` inclusively, i.e. it annualises the
    ratio over ``end - start + 1`` years. Undefined (endpoints of opposite sign,
    a zero, a missing year) gives NaN.
    """
    try:
        if method in measures.GROWTH_METHODS:
            return float(measures.growth_rate(series, start, end, method=method))
        if method == "cagr_inclusive":
            s = pd.Series(series).astype("float64")
            s.index = [int(i) for i in s.index]
            v0, v1 = float(s.loc[start]), float(s.loc[end])
            if v0 == 0 or v1 == 0 or (v0 < 0) != (v1 < 0) or math.isnan(v0) or math.isnan(v1):
                return math.nan
            return 100.0 * ((abs(v1) / abs(v0)) ** (1.0 / (end - start + 1)) - 1.0)
    except (ValueError, KeyError):
        return math.nan
    raise ValueError(f"unknown growth method {method!r}; choose one of {list(METHODS)}")


def balance_series(group: str, view: str = "china") -> pd.Series:
    """China's balance (USD bn) with ``group`` by year: USA, EU27, EU28, JPN, KOR, AUS or JKA (sum of the three).

    ``view`` is ``china`` (China-reported) or ``mirror`` (partner-reported).
    """
    fn = china_series if view == "china" else mirror_series
    if group == "JKA":
        parts = [fn(p)["balance"] for p in JKA]
        return pd.concat(parts, axis=1).dropna().sum(axis=1)
    return fn(group)["balance"]


def average_of_rates(start: int, end: int, method: str, view: str = "china") -> float:
    """Unweighted mean of the growth rates of China's deficits with Japan, Korea and Australia (NaN if one is undefined)."""
    rates = [growth(-balance_series(p, view), start, end, method) for p in JKA]
    return float(np.mean(rates)) if not any(math.isnan(r) for r in rates) else math.nan


def growth_comparison(view: str = "china") -> pd.DataFrame:
    """Every candidate definition of "average growth" for the paper's three statements.

    One row per method and period; columns: the US surplus, the EU27 and EU28
    surpluses, the Japan+Korea+Australia deficit combined, and the average of the
    three partners' deficit growth rates (percent; NaN where undefined).
    """
    eu = ["EU27", "EU28"] if view == "china" else ["EU27"]
    series = {"us": balance_series("USA", view), "jka": -balance_series("JKA", view)}
    for e in eu:
        series[e.lower()] = balance_series(e, view)
    rows = []
    for method in METHODS:
        for start, end in PERIODS:
            row = {"method": method, "start": start, "end": end}
            row["us"] = growth(series["us"], start, end, method)
            for e in eu:
                row[e.lower()] = growth(series[e.lower()], start, end, method)
            if view == "mirror":
                row["eu28"] = math.nan
            row["jka_combined"] = growth(series["jka"], start, end, method)
            row["jka_average"] = average_of_rates(start, end, method, view)
            rows.append(row)
    out = pd.DataFrame(rows, columns=["method", "start", "end", "us", "eu27", "eu28", "jka_combined", "jka_average"])
    return out


def matching_definitions(table: pd.DataFrame | None = None, tolerance: float = RATE_TOLERANCE) -> pd.DataFrame:
    """Rows of :func:`growth_comparison` (China-reported) with the number of the three rates each reproduces.

    A rate "matches" when it rounds to the printed value (within ``tolerance``).
    The EU statement is matched by EU27 or EU28, reported in ``eu_match``; the
    Japan+Korea+Australia statement by the combined deficit.
    """
    t = growth_comparison("china") if table is None else table.copy()

    def ok(v, target):
        return (not pd.isna(v)) and abs(v - target) <= tolerance + 1e-9

    t["us_ok"] = [ok(v, REPORTED_RATES["us"]) for v in t["us"]]
    t["eu_match"] = [
        ("EU28" if ok(b, REPORTED_RATES["eu"]) else "EU27" if ok(a, REPORTED_RATES["eu"]) else "")
        for a, b in zip(t["eu27"], t["eu28"])
    ]
    t["jka_ok"] = [ok(v, REPORTED_RATES["jka"]) for v in t["jka_combined"]]
    t["matches"] = t["us_ok"].astype(int) + (t["eu_match"] != "").astype(int) + t["jka_ok"].astype(int)
    t["max_abs_diff"] = [
        max(abs(r.us - REPORTED_RATES["us"]), min(abs(r.eu27 - REPORTED_RATES["eu"]), abs(r.eu28 - REPORTED_RATES["eu"])),
            abs(r.jka_combined - REPORTED_RATES["jka"]))
        for r in t.itertuples()
    ]
    return t.sort_values(["matches", "max_abs_diff"], ascending=[False, True]).reset_index(drop=True)


def comparison_display(view: str = "china") -> pd.DataFrame:
    """:func:`growth_comparison` with readable labels, plus a first row with the paper's values."""
    t = growth_comparison(view)
    out = pd.DataFrame({
        "Definition": [METHOD_LABELS[m] for m in t["method"]],
        "Endpoints": [f"{a}→{b}" for a, b in zip(t["start"], t["end"])],
        "US surplus (%)": t["us"],
        "EU27 surplus (%)": t["eu27"],
        "EU28 surplus (%)": t["eu28"],
        "JP+KR+AU deficit, combined (%)": t["jka_combined"],
        "JP+KR+AU, average of three rates (%)": t["jka_average"],
    })
    paper = pd.DataFrame([{
        "Definition": "Paper (section 2.1), as reported (EU composition not stated)",
        "Endpoints": "2000–2019",
        "US surplus (%)": REPORTED_RATES["us"],
        "EU27 surplus (%)": REPORTED_RATES["eu"],
        "EU28 surplus (%)": REPORTED_RATES["eu"],
        "JP+KR+AU deficit, combined (%)": REPORTED_RATES["jka"],
        "JP+KR+AU, average of three rates (%)": math.nan,
    }])
    if view == "mirror":
        out = out.drop(columns=["EU28 surplus (%)"])
        paper = paper.drop(columns=["EU28 surplus (%)"])
    return pd.concat([paper, out], ignore_index=True)


def paper_rate(which: str, view: str = "china") -> float:
    """The paper's rate ``which`` (us, eu, jka) under the definition that reproduces it (:data:`PAPER_METHOD`)."""
    start, end = PAPER_PERIOD
    if which == "us":
        s = balance_series("USA", view)
    elif which == "eu":
        s = balance_series(PAPER_EU, view)
    elif which == "jka":
        s = -balance_series("JKA", view)
    else:
        raise KeyError(which)
    return growth(s, start, end, PAPER_METHOD)


def revision_to_round(which: str = "jka") -> float:
    """Percentage change of the end/start ratio that would bring the paper-definition rate within rounding.

    For the rate ``which`` (us, eu, jka) under :data:`PAPER_METHOD`, the smallest
    relative change (percent, signed) of ``B_end / B_start`` that moves the rate to
    the nearest edge of the printed value's rounding interval (0 if already inside).
    """
    start, end = PAPER_PERIOD
    rate = paper_rate(which)
    target = REPORTED_RATES[which]
    lo, hi = target - RATE_TOLERANCE, target + RATE_TOLERANCE
    if lo <= rate <= hi:
        return 0.0
    edge = hi if rate > hi else lo
    years = end - start + 1
    return 100.0 * (((1 + edge / 100.0) / (1 + rate / 100.0)) ** years - 1.0)


def endpoint_values() -> pd.DataFrame:
    """China's balances (USD bn) at the endpoints used by the comparison (1999-2001, 2018-2019)."""
    rows = []
    for label, s in [("US surplus", balance_series("USA")), ("EU27 surplus", balance_series("EU27")),
                     ("EU28 surplus", balance_series("EU28")), ("Japan balance", balance_series("JPN")),
                     ("Korea balance", balance_series("KOR")), ("Australia balance", balance_series("AUS")),
                     ("JP+KR+AU deficit", -balance_series("JKA"))]:
        row = {"Series (USD bn)": label}
        for y in (2000, 2001, 2018, 2019):
            row[str(y)] = float(s.loc[y]) if y in s.index else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


# --- after the crisis -------------------------------------------------------------------------------

def trend_slope(series: pd.Series, start: int, end: int) -> float:
    """Least-squares slope of ``series`` on the year over ``start .. end`` (units per year); NaN if < 3 points."""
    s = pd.Series(series).dropna()
    s = s[(s.index >= start) & (s.index <= end)]
    if len(s) < 3:
        return math.nan
    x = np.asarray(s.index, dtype=float)
    return float(np.polyfit(x, s.to_numpy(dtype=float), 1)[0])


def korea_imports_change(y0: int, y1: int) -> float:
    """Change (USD bn) of China's imports from Korea from ``y0`` to ``y1`` (China-reported)."""
    s = china_series("KOR")["imports"]
    return float(s.get(y1, math.nan) - s.get(y0, math.nan))


def post_crisis(year: int) -> dict:
    """Numbers for the after-the-crisis statements, from 2008 (pre-crisis peak) and 2010 up to ``year``.

    Returns a dict with the balances in 2008 and ``year``, the percentage change
    between them and the least-squares slope 2010-``year`` (USD bn a year) for the
    US and EU28 surpluses; and the Japan+Korea deficit in 2015, its largest value
    since and ``year``. Values are NaN where ``year`` is outside the data.
    """
    out = {}
    for key, s in [("us", balance_series("USA")), ("eu28", balance_series("EU28")), ("eu27", balance_series("EU27"))]:
        b08 = float(s.get(2008, math.nan))
        by = float(s.get(year, math.nan))
        out[f"{key}_2008"] = b08
        out[f"{key}_year"] = by
        out[f"{key}_change_pct"] = 100.0 * (by / b08 - 1.0) if not (math.isnan(b08) or math.isnan(by)) else math.nan
        out[f"{key}_slope"] = trend_slope(s, 2010, year) if year >= 2012 else math.nan
    jk = -(balance_series("JPN") + balance_series("KOR")).dropna()
    out["jk_2015"] = float(jk.get(2015, math.nan))
    out["jk_year"] = float(jk.get(year, math.nan))
    recent = jk[(jk.index >= 2015) & (jk.index <= year)]
    out["jk_max"] = float(recent.max()) if len(recent) else math.nan
    out["jk_max_year"] = int(recent.idxmax()) if len(recent) else None
    return out


def post_crisis_table(year: int) -> pd.DataFrame:
    """China's balances with the US, the EU and Japan+Korea in selected years up to ``year`` (USD bn)."""
    years = [y for y in (2008, 2009, 2012, 2015, 2016, 2017, 2018, 2019, 2020) if y <= year]
    series = {
        "US surplus": balance_series("USA"),
        "EU28 surplus": balance_series("EU28"),
        "EU27 surplus": balance_series("EU27"),
        "Japan + Korea deficit": -(balance_series("JPN") + balance_series("KOR")).dropna(),
    }
    rows = []
    for label, s in series.items():
        row = {"Balance (USD bn)": label}
        for y in years:
            row[str(y)] = float(s.get(y, math.nan))
        rows.append(row)
    return pd.DataFrame(rows)


# --- claims ---------------------------------------------------------------------------------------

_METHOD_TEXT = (
    "China-reported IMF DOTS balance (exports FOB minus imports CIF), {what}. Average growth read as the compound "
    "rate of the 2018/2000 ratio over 19 years, (B2018/B2000)^(1/19) - 1: the calendar years 2000-2018 counted "
    "inclusively (the stated period 2000-2019 also spans 19 years). Of the readings compared in the chapter "
    "(four definitions, three pairs of endpoints, EU27 or EU28, China- or partner-reported data) it is the only one "
    "that brings all three rates of the paragraph within rounding or near it."
)


@reproduces("s2_1_us_surplus_growth_2000_2019")
def reproduce_us_growth():
    return paper_rate("us")


@reproduces("s2_1_eu_surplus_growth_2000_2019")
def reproduce_eu_growth():
    return paper_rate("eu")


@reproduces("s2_1_jp_kr_au_deficit_growth_2000_2019")
def reproduce_jka_growth():
    return paper_rate("jka")


def total_abs_imbalance(eu: str = PAPER_EU) -> pd.Series:
    """Sum of the absolute balances (USD bn) with the US, the EU, Japan, Korea and Australia, by year."""
    parts = [balance_series(p).abs() for p in ["USA", eu, "JPN", "KOR", "AUS"]]
    return pd.concat(parts, axis=1).dropna().sum(axis=1)


def widening_since(start: int = START, end: int = PAPER_YEAR) -> dict:
    """Evidence for "imbalances with the main partners widen after ``start``".

    Returns the total absolute imbalance (:func:`total_abs_imbalance`) at ``start``
    and ``end``, its ratio, its least-squares trend over ``start .. end`` (USD bn a
    year), the US+EU surplus and the JP+KR+AU deficit at both ends, the years in
    which the total fell from the previous year, and ``holds`` (all three groups
    larger at ``end`` than at ``start`` and a positive trend).
    """
    tot = total_abs_imbalance()
    us_eu = (balance_series("USA") + balance_series(PAPER_EU)).dropna()
    jka = (-balance_series("JKA")).dropna()
    window = tot[(tot.index >= start) & (tot.index <= end)]
    falls = [int(y) for y, d in window.diff().items() if not pd.isna(d) and d < 0]
    out = {
        "total_start": float(tot.get(start, math.nan)),
        "total_end": float(tot.get(end, math.nan)),
        "ratio": float(tot.get(end, math.nan) / tot.get(start, math.nan)),
        "trend": trend_slope(tot, start, end),
        "us_eu_start": float(us_eu.get(start, math.nan)),
        "us_eu_end": float(us_eu.get(end, math.nan)),
        "jka_start": float(jka.get(start, math.nan)),
        "jka_end": float(jka.get(end, math.nan)),
        "falls": falls,
    }
    out["holds"] = bool(out["trend"] > 0 and out["us_eu_end"] > out["us_eu_start"] and out["jka_end"] > out["jka_start"])
    return out


@reproduces("s2_1_imbalance_widens_after")
def reproduce_widening():
    return float(START) if widening_since()["holds"] else None


# --- page helpers ---------------------------------------------------------------------------------

glue_text = book_glue_text  # shared helper, kept under this name for the chapter


def year_list(years) -> str:
    """``[2001, 2009, 2012]`` -> ``'2001, 2009 and 2012'`` (an em dash when empty)."""
    years = [str(int(y)) for y in years]
    if not years:
        return "—"
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " and " + years[-1]


def year_sentence(df: pd.DataFrame, year: int) -> str:
    """One sentence on the balances of Fig. 1 in ``year`` (or why there are none), numbers formatted by :mod:`fmt`."""
    from .. import fmt

    row = df[df["year"] == int(year)].set_index("partner")["balance_usd_bn"] if len(df) else pd.Series(dtype=float)
    if row.empty:
        return f"There are no China-reported figures for these partners in {int(year)}."

    def a(code):
        return fmt.usd_bn(abs(float(row[code]))) if code in row.index else fmt.MISSING

    def side(code):
        return "surplus" if code in row.index and row[code] >= 0 else "deficit"

    return (
        f"In {int(year)} China had a {side('USA')} of {a('USA')} with the United States and a {side('EU28')} of "
        f"{a('EU28')} with the EU of 28 members ({a('EU27')} without the United Kingdom); with Korea it had a "
        f"{side('KOR')} of {a('KOR')}, with Australia a {side('AUS')} of {a('AUS')} and with Japan a "
        f"{side('JPN')} of {a('JPN')}."
    )


@reproduces("s2_1_us_imbalance_widens_after_crisis")
def reproduce_us_widens_after_crisis():
    p = post_crisis(PAPER_YEAR)
    if math.isnan(p["us_change_pct"]) or math.isnan(p["us_slope"]):
        return None
    return 2008.0 if (p["us_change_pct"] > 0 and p["us_slope"] > 0) else math.nan
