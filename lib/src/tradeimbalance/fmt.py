"""Formatting helpers, so every chapter writes numbers the same way.

Each function takes a plain number and returns the text a reader sees.
Missing values (``None`` or NaN) become an em dash, never a zero.
"""

from __future__ import annotations

import math

MISSING = "—"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x, digits: int = 1) -> str:
    """``1234.56`` -> ``'1,234.6'`` (thousands separator, fixed decimals)."""
    if _missing(x):
        return MISSING
    return f"{float(x):,.{digits}f}"


def usd_bn(x, digits: int = 1) -> str:
    """A value in billions of US dollars: ``'USD 123.4 bn'``."""
    return MISSING if _missing(x) else f"USD {number(x, digits)} bn"


def usd_100m(x, digits: int = 2) -> str:
    """A value in the paper's unit, hundred millions of US dollars (亿美元), shown in the book's unit
    with the paper's figure beside it: ``2144.221`` -> ``'USD 214.42 bn (2,144.22 亿美元)'``.

    The value in USD bn keeps one more decimal than ``digits`` (at most two), so no precision is lost
    in the conversion of a figure printed to whole 亿美元.
    """
    if _missing(x):
        return MISSING
    return f"USD {number(float(x) / 10, min(digits + 1, 2))} bn ({number(x, digits)} 亿美元)"


def cny_tn(x, digits: int = 2) -> str:
    """A value in trillions of yuan (万亿元): ``'CNY 2.92 trillion'``."""
    return MISSING if _missing(x) else f"CNY {number(x, digits)} trillion"


def pct(x, digits: int = 1) -> str:
    """A share or rate already in percent: ``'12.3%'``."""
    return MISSING if _missing(x) else f"{number(x, digits)}%"


def times(x, digits: int = 1) -> str:
    """A ratio: ``'7.8 times'``."""
    return MISSING if _missing(x) else f"{number(x, digits)} times"


def count(x) -> str:
    """A whole count: ``'23'``."""
    return MISSING if _missing(x) else f"{int(round(float(x))):,d}"


def year(x) -> str:
    """A year, without separators: ``'2019'``."""
    return MISSING if _missing(x) else str(int(x))


FORMATS = {
    "number": number,
    "usd_bn": usd_bn,
    "usd_100m": usd_100m,
    "cny_tn": cny_tn,
    "pct": pct,
    "times": times,
    "count": count,
    "year": year,
}


def year_ranges(years, dash: str = "–", sep: str = ", ", empty: str = "") -> str:
    """Years as runs: ``[2010, 2011, 2012, 2015]`` -> ``'2010–2012, 2015'``; ``empty`` for no years.

    ``dash`` joins the ends of a run and ``sep`` the runs (the data's coverage table writes
    ``1962-1977;1990``).
    """
    years = sorted(int(y) for y in years)
    if not years:
        return empty
    out, a, b = [], years[0], years[0]
    for y in years[1:]:
        if y == b + 1:
            b = y
            continue
        out.append(f"{a}{dash}{b}" if b > a else f"{a}")
        a = b = y
    out.append(f"{a}{dash}{b}" if b > a else f"{a}")
    return sep.join(out)
