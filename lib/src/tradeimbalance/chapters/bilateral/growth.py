"""The candidate definitions of "average growth" and the one that reproduces the paper's rates (percent)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ... import measures
from ...data import view_cache
from . import (JKA, METHOD_LABELS, METHODS, PAPER_EU, PAPER_METHOD, PAPER_PERIOD, PERIODS, RATE_TOLERANCE,
               REPORTED_RATES)
from .series import balance_series


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


def average_of_rates(start: int, end: int, method: str, view: str = "china") -> float:
    """Unweighted mean of the growth rates of China's deficits with Japan, Korea and Australia (NaN if one is undefined)."""
    rates = [growth(-balance_series(p, view), start, end, method) for p in JKA]
    return float(np.mean(rates)) if not any(math.isnan(r) for r in rates) else math.nan


@view_cache
def growth_comparison(view: str = "china") -> pd.DataFrame:
    """Every candidate definition of "average growth" for the paper's three statements (computed once per
    process and data folder; callers get copies).

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
    """:func:`growth_comparison` with readable labels (rates in percent), plus a first row with the paper's values."""
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
    """The paper's rate ``which`` (us, eu, jka) under the definition that reproduces it (:data:`PAPER_METHOD`), in percent."""
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
