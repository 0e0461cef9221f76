"""The unit check of a refresh: new values against the vintage already held in ``data/``.

A reply in the wrong unit (thousands or millions where units were held, or the reverse) parses
without error; :func:`unit_check` catches it by comparing the new values with the held ones.
"""

from __future__ import annotations

import math

import pandas as pd

from .reply import ReplyError

#: Ratios reported as a wrong unit, and how they are named.
FACTORS = {1e3: "10^3", 1e6: "10^6", 1e9: "10^9", 1e-3: "10^-3", 1e-6: "10^-6", 1e-9: "10^-9"}


def unit_check(new: pd.Series, held: pd.Series, what: str) -> str:
    """Compare new values with the held vintage (both indexed by series key and year, same unit).

    Overlapping years must agree within a factor of 2 (revisions are far smaller); without overlap,
    the first new year of each series is compared with the last held year (within a factor of 5).
    A ratio near a power of ten (10^3, 10^6, ...) is reported as a wrong unit. Returns a short
    description of what was compared ("" when nothing could be).
    """
    new, held = new.dropna(), held.dropna()
    new, held = new[new != 0], held[held != 0]
    common = new.index.intersection(held.index)
    if len(common):
        ratio = float((new[common] / held[common]).abs().median())
        tol, basis = 2.0, f"{len(common)} overlapping value(s)"
    else:
        if new.empty or held.empty:
            return ""
        lv = list(range(new.index.nlevels - 1))
        first = new.sort_index().groupby(level=lv).first()
        last = held.sort_index().groupby(level=lv).last()
        keys = first.index.intersection(last.index)
        if not len(keys):
            return ""
        ratios = (first[keys] / last[keys]).abs()
        ratio = float(pd.Series(ratios).median())
        tol, basis = 5.0, f"the first new year against the last held year of {len(keys)} series"
    if not 1 / tol <= ratio <= tol:
        near = min(FACTORS, key=lambda f: abs(math.log10(ratio / f)))
        factor = (f" (about {FACTORS[near]}: a wrong unit, e.g. millions against units)"
                  if abs(math.log10(ratio / near)) < 0.5 else "")
        raise ReplyError(f"{what}: values are {ratio:.3g} times the vintage already held{factor}, "
                         f"compared on {basis}; refused")
    return f"{basis}, ratio {ratio:.3f}"
