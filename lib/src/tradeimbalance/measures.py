"""Measures used by the chapters: balances, shares, growth rates, unit conversions, partner groups.

Conventions
-----------
- A balance is exports minus imports (a deficit is negative).
- Shares and growth rates are returned in percent.
- Growth rates always name their method and endpoints (:class:`Growth`).
- Units: ``usd`` (1), ``mn`` (million, 1e6), ``bn`` (billion, 1e9), ``tn``
  (trillion, 1e12), ``yi`` (亿, 100 million, 1e8), ``wan_yi`` (万亿, 1e12).
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd

from .data import view_cache

#: Size of each unit in units of one (currency-neutral).
UNITS = {"usd": 1.0, "one": 1.0, "mn": 1e6, "bn": 1e9, "tn": 1e12, "yi": 1e8, "wan_yi": 1e12, "thousand": 1e3}

GROWTH_METHODS = ("cagr", "mean_yoy", "mean_log")


def balance(exports, imports):
    """Trade balance ``exports - imports`` (scalars, arrays or aligned Series); a deficit is negative."""
    return exports - imports


def share(part, total):
    """``part`` as a percentage of ``total`` (100 * part / total); NaN where ``total`` is 0."""
    if np.isscalar(total):
        return math.nan if total == 0 else 100.0 * part / total
    if hasattr(total, "where"):
        total = total.where(total != 0)
    else:
        total = np.where(np.asarray(total) == 0, np.nan, total)
    return 100.0 * part / total


# --- unit conversions -------------------------------------------------------------------------

def convert(value, from_unit: str, to_unit: str):
    """Convert ``value`` between magnitude units (see :data:`UNITS`), e.g. ``convert(x, "mn", "bn")``."""
    try:
        return value * (UNITS[from_unit] / UNITS[to_unit])
    except KeyError as exc:
        raise ValueError(f"unknown unit {exc.args[0]!r}; known: {sorted(UNITS)}") from None


def mn_to_bn(value):
    """Millions to billions (divide by 1,000)."""
    return convert(value, "mn", "bn")


def bn_to_mn(value):
    """Billions to millions (multiply by 1,000)."""
    return convert(value, "bn", "mn")


def bn_to_yi(value):
    """Billions to 亿 (100 million): multiply by 10."""
    return convert(value, "bn", "yi")


def yi_to_bn(value):
    """亿 (100 million) to billions: divide by 10."""
    return convert(value, "yi", "bn")


def frame_yi_to_bn(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every numeric column converted from 亿 (USD 100 million) to USD bn."""
    return df.assign(**{c: df[c] / 10.0 for c in df.columns if pd.api.types.is_numeric_dtype(df[c])})


def mn_to_yi(value):
    """Millions to 亿 (100 million): divide by 100."""
    return convert(value, "mn", "yi")


def yi_to_mn(value):
    """亿 (100 million) to millions: multiply by 100."""
    return convert(value, "yi", "mn")


def tn_to_bn(value):
    """Trillions (万亿) to billions: multiply by 1,000."""
    return convert(value, "tn", "bn")


# --- growth rates -----------------------------------------------------------------------------

class Growth(float):
    """A growth rate in percent that remembers how it was computed.

    Behaves as a float; ``method``, ``start``, ``end``, ``start_value``,
    ``end_value``, ``years`` (number of yearly steps) and ``magnitude`` (True
    when computed on absolute values because both endpoints were negative, as
    for a growing deficit) say what it is. ``str()`` states it in words.
    """

    method: str
    start: int
    end: int
    start_value: float
    end_value: float
    years: int
    magnitude: bool

    def __new__(cls, value: float, **meta):
        obj = super().__new__(cls, value)
        for k, v in meta.items():
            setattr(obj, k, v)
        return obj

    def __str__(self) -> str:
        what = "of the absolute value " if self.magnitude else ""
        return (f"{float(self):.2f}% a year ({self.method} {what}from {self.start} to {self.end}, "
                f"{self.start_value:g} -> {self.end_value:g})")

    def __repr__(self) -> str:
        return f"Growth({float(self)!r}, method={self.method!r}, start={self.start}, end={self.end})"


def growth_rate(series: pd.Series, start: int, end: int, method: str = "cagr") -> Growth:
    """Average yearly growth of ``series`` (indexed by year) from ``start`` to ``end``, in percent.

    Methods
    -------
    ``cagr``
        Compound annual rate between the endpoints: ``(v_end / v_start) ** (1 / (end - start)) - 1``.
    ``mean_yoy``
        Arithmetic mean of the year-on-year changes ``v_t / v_{t-1} - 1`` for
        ``t = start + 1 .. end`` (every year must be present).
    ``mean_log``
        Mean log change, ``ln(v_end / v_start) / (end - start)`` (continuous compounding).

    When both endpoints are negative (a deficit), the rate is computed on absolute
    values (growth of the deficit) and ``result.magnitude`` is True. Endpoints of
    opposite sign, or a zero, raise ``ValueError``.
    """
    if method not in GROWTH_METHODS:
        raise ValueError(f"method must be one of {GROWTH_METHODS}, not {method!r}")
    if end <= start:
        raise ValueError(f"end ({end}) must be after start ({start})")
    s = pd.Series(series).astype("float64")
    s.index = [int(i) for i in s.index]
    for y in (start, end):
        if y not in s.index or pd.isna(s.loc[y]):
            raise ValueError(f"no value for {y}")
    v0, v1 = float(s.loc[start]), float(s.loc[end])
    if v0 == 0 or v1 == 0 or (v0 < 0) != (v1 < 0):
        raise ValueError(f"growth rate undefined between {v0:g} ({start}) and {v1:g} ({end})")
    magnitude = v0 < 0
    n = end - start
    if method == "cagr":
        rate = (abs(v1) / abs(v0)) ** (1.0 / n) - 1.0
    elif method == "mean_log":
        rate = math.log(abs(v1) / abs(v0)) / n
    else:
        window = s.loc[start:end].abs() if magnitude else s.loc[start:end]
        years = list(range(start, end + 1))
        missing = [y for y in years if y not in window.index or pd.isna(window.loc[y])]
        if missing:
            raise ValueError(f"mean_yoy needs every year; missing {missing}")
        w = window.loc[years]
        if (w.iloc[:-1] == 0).any():
            raise ValueError("mean_yoy undefined: a zero value inside the window")
        rate = float((w / w.shift(1) - 1.0).iloc[1:].mean())
    return Growth(100.0 * rate, method=method, start=start, end=end, start_value=v0, end_value=v1, years=n,
                  magnitude=magnitude)


# --- partner groups and bilateral views ----------------------------------------------------------

def group_members(code: str) -> list[str]:
    """Members of group ``code`` from the ``aggregates`` table (``KeyError`` if undefined)."""
    from .data import load

    agg = load("aggregates")
    members = agg.loc[agg["aggregate"] == code, "member"].astype(str).tolist()
    if not members:
        raise KeyError(f"group {code!r} is not defined in the aggregates table; defined: "
                       f"{sorted(agg['aggregate'].astype(str).unique())}")
    return sorted(members)


def aggregate_partner(df: pd.DataFrame, code: str, members: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows for partner group ``code``, summing the group's members found in ``df``.

    ``df`` has a ``partner`` column and one or more value columns named
    ``value_*`` (e.g. a slice of ``bilateral_trade``). Members come from the
    ``aggregates`` table unless ``members`` is given. The result has the same
    columns as ``df`` with ``partner == code``; value columns are summed over
    the members present, ``estimated`` (if present) is True when any part was,
    and a column ``n_members`` counts the members that contributed.
    """
    members = sorted(members) if members is not None else group_members(code)
    part = df[df["partner"].astype(str).isin(members)]
    values = [c for c in df.columns if c.startswith("value_")]
    if not values:
        raise ValueError("df has no value_* column to sum")
    keys = [c for c in df.columns if c not in values and c not in ("partner", "estimated", "n_members")]
    agg = {c: "sum" for c in values}
    if "estimated" in df.columns:
        agg["estimated"] = "any"
    agg["partner"] = "nunique"
    out = part.groupby(keys, observed=True, dropna=False).agg(agg).reset_index()
    out = out.rename(columns={"partner": "n_members"})
    out["partner"] = code
    cols = [c for c in df.columns if c in out.columns] + ["n_members"]
    out = out[cols]
    for c in keys:
        if isinstance(df[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(df[c].dtype)
    return out.reset_index(drop=True)


def bilateral(reporter: str, partner: str, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Exports, imports and balance of ``reporter`` with ``partner``, in USD billion, from ``bilateral_trade``.

    ``partner`` is a partner code of DOTS (``USA``, ``EU27``, ``WLD``, ...) or a
    group of the ``aggregates`` table (``EU28``, ``ASIA_PAPER``, ...); a code
    reported directly by DOTS is used as reported. Returns columns ``year,
    exports, imports, balance`` (balance = exports - imports), one row per year
    in which both flows exist, optionally limited to ``years``. The series of a
    pair is computed once per process (:func:`tradeimbalance.data.view_cache`).
    """
    out = _bilateral_series(reporter, partner)
    if years is not None:
        by_year = out.set_index(out["year"].astype(int))
        out = by_year.loc[[y for y in years if y in by_year.index]].reset_index(drop=True)
    return out


@view_cache
def reporter_rows(reporter: str) -> pd.DataFrame:
    """The rows of ``bilateral_trade`` reported by ``reporter`` (one filter of the large table per reporter)."""
    from .data import load

    bt = load("bilateral_trade")
    return bt[bt["reporter"] == reporter]


@view_cache
def _reporter_wide(reporter: str) -> pd.DataFrame:
    """Flows of ``reporter`` by partner and year (one pivot of its rows serves every partner)."""
    return reporter_rows(reporter).pivot_table(index=["partner", "year"], columns="flow", values="value_usd_mn",
                                                aggfunc="sum", observed=True)


@view_cache
def _bilateral_series(reporter: str, partner: str) -> pd.DataFrame:
    """:func:`bilateral` for every year (computed once per pair and data folder)."""
    bt = reporter_rows(reporter)
    if bt.empty:
        raise KeyError(f"reporter {reporter!r} not in bilateral_trade")
    by_partner = _reporter_wide(reporter)
    if partner in by_partner.index.get_level_values("partner"):
        wide = by_partner.xs(partner, level="partner")
    else:
        wide = aggregate_partner(bt, partner).pivot_table(index="year", columns="flow", values="value_usd_mn",
                                                          aggfunc="sum", observed=True)
    for flow in ("exports", "imports"):
        if flow not in wide.columns:
            wide[flow] = np.nan
    wide = wide[["exports", "imports"]].dropna() / 1000.0
    wide["balance"] = balance(wide["exports"], wide["imports"])
    wide.index = wide.index.astype(int)
    out = wide.reset_index().rename(columns={"index": "year"})
    out.columns.name = None
    out["year"] = out["year"].astype("Int64")
    return out[["year", "exports", "imports", "balance"]]
