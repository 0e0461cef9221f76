"""The statuses a claim can earn and the rule of the printed precision (see :mod:`tradeimbalance.claims`)."""

from __future__ import annotations

import math
import re
from fractions import Fraction

REPRODUCED = "reproduced"
INFERRED = "reproduced (inferred definition)"
CONSISTENT = "consistent"
DOCUMENTED = "documented fact"
BOUNDED = "bounded"
CLOSE = "close"
DIFFERS = "differs"
ERRATUM = "erratum"
NOT_PUBLISHED = "not published openly"
NOT_IN_EDITION = "not in this edition"
#: Every status, in the order the report lists them.
STATUSES = (REPRODUCED, INFERRED, CONSISTENT, DOCUMENTED, BOUNDED, CLOSE, DIFFERS, ERRATUM,
            NOT_PUBLISHED, NOT_IN_EDITION)
#: Accepted as ``expected=`` together with ``gap=``; resolves to one of the two statuses below.
NOT_REPRODUCIBLE = "not reproducible"
GAPS = {"unpublished": NOT_PUBLISHED, "edition": NOT_IN_EDITION}

#: What a value inside the statement's interval is computed from, and the status it earns.
BASES = {"data": REPRODUCED, "inferred": INFERRED, "arithmetic": CONSISTENT, "document": DOCUMENTED,
         "bound": BOUNDED}
#: The words of approximation, one encoding each (see the module docstring).
QUALIFIERS = ("exact", "about", "nearly", "more than", "less than")

#: Reader-facing definition of each status (the reproduction report shows them).
DEFINITIONS = {
    REPRODUCED: "recomputed from independent open data in this book, within the precision the paper printed",
    INFERRED: "recomputed from open data, but only under a definition inferred to fit (the paper does not state "
              "its formula or its country group); counted apart from the plain reproductions",
    CONSISTENT: "arithmetic on the paper's own numbers (a sum, a share, a difference) or an identity agrees; "
                "this checks the paper against itself, not against data",
    DOCUMENTED: "a date or event checked against a cited primary document (the citation is in the row)",
    BOUNDED: "the data give a bound, a part of the total or a direction that bears the statement out, "
             "not the value itself",
    CLOSE: "near the printed value but outside its precision, with the reason stated",
    DIFFERS: "further from the printed value, with the explanation (another definition, basis or vintage)",
    ERRATUM: "the printed value cannot be right (a wrong unit, transposed digits, text and table disagree); "
             "the reproduction matches the corrected reading and the evidence is given",
    NOT_PUBLISHED: "the statistic is not published openly anywhere (confidential customs records, a paid database): "
                   "the gap is the world's",
    NOT_IN_EDITION: "the statistic is published (the row names publisher and table) but is not among the data of "
                    "this edition: the gap is ours",
}


# --- the rule of the printed precision ---------------------------------------------------------

_NUMBER = re.compile(r"^\d+(\.\d+)?$|^\d+/\d+$")


def _parse_printed(printed: str) -> tuple[float, float, float]:
    """(magnitude, half a unit of the last printed digit, half a unit of the last significant digit)."""
    text = str(printed).strip().replace(",", "")
    if not _NUMBER.match(text):
        raise ValueError(f"printed number {printed!r} is not digits, a decimal or a fraction")
    if "/" in text:
        num, den = text.split("/")
        half = 0.5 / int(den)
        return float(Fraction(int(num), int(den))), half, half
    if "." in text:
        decimals = len(text.split(".")[1])
        half = 0.5 * 10 ** (-decimals)
        return float(text), half, half
    zeros = len(text) - len(text.rstrip("0")) if text.strip("0") else 0
    return float(text), 0.5, 0.5 * 10 ** zeros


def half_unit(printed: str) -> float:
    """Half a unit of the last printed digit: the precision a plain printed number claims."""
    return _parse_printed(printed)[1]


def rule_interval(value: float, printed: str, qualifier: str = "exact", cap: float | None = None,
                  tolerance: float | None = None) -> tuple[float, float]:
    """The interval of values the printed statement allows (signed like ``value``).

    ``tolerance`` replaces the rule's half-width (an exception with a stated reason).
    """
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier {qualifier!r} is not one of {QUALIFIERS}")
    magnitude, half, sig_half = _parse_printed(printed)
    if not math.isclose(magnitude, abs(value), rel_tol=1e-6, abs_tol=1e-9):
        raise ValueError(f"printed {printed!r} does not match the value {value}")
    if qualifier == "exact":
        h = half if tolerance is None else tolerance
        return value - h, value + h
    if qualifier == "about":
        h = sig_half if tolerance is None else tolerance
        return value - h, value + h
    if qualifier == "nearly":
        below = 2 * sig_half if tolerance is None else tolerance
        return value - below, value + half
    if qualifier == "more than":
        return value, math.inf if cap is None or math.isnan(cap) else float(cap)
    return -math.inf, value  # less than


def rule_tolerance(printed: str, qualifier: str = "exact") -> float:
    """The half-width the rule gives (exact and about); 0 for one-sided statements."""
    _, half, sig_half = _parse_printed(printed)
    return {"exact": half, "about": sig_half}.get(qualifier, 0.0)


def close_margin(printed: str, qualifier: str = "exact") -> float:
    """How far beyond the interval a value still counts as close: twice the rule's half-width."""
    _, half, sig_half = _parse_printed(printed)
    return 2 * (sig_half if qualifier == "about" else half)


def _as_float(v):
    if v is None:
        return None
    if isinstance(v, tuple):  # a range (low, high); None if either end is missing
        ends = tuple(_as_float(x) for x in v)
        return None if len(ends) != 2 or None in ends else (min(ends), max(ends))
    v = float(v)
    return None if math.isnan(v) else v


def _default_printed(value: float) -> str:
    return format(abs(value), "g") if abs(value) < 1e15 else str(abs(value))


def status_of(c: "Declaration", reported_value: float, reproduced_value: float | None, printed: str | None = None,
              qualifier: str | None = None, cap: float | None = None) -> str:
    """The status a claim earns for these two numbers (see the module docstring)."""
    if reproduced_value is None:
        return GAPS.get(c.gap or "edition", NOT_IN_EDITION)
    printed = printed if printed is not None else _default_printed(reported_value)
    if qualifier is None:
        qualifier = {"lower": "more than", "upper": "less than"}.get(c.bound, "exact")
    lo, hi = rule_interval(reported_value, printed, qualifier, cap, c.tolerance)
    eps = 1e-9
    if isinstance(reproduced_value, tuple):  # the data give a range (readings or bounds), not one value
        r_lo, r_hi = reproduced_value
        return BOUNDED if (r_lo <= hi + eps and r_hi >= lo - eps) else DIFFERS
    inside = lo - eps <= reproduced_value <= hi + eps
    if c.erratum is not None and not inside:
        fixed = c.erratum.corrected(reported_value)
        h = c.tolerance if c.tolerance is not None else rule_tolerance(printed, qualifier)
        if abs(reproduced_value - fixed) <= max(h, 1e-9) + eps:
            return ERRATUM
    if inside:
        return BASES[c.basis]
    margin = c.close if c.close is not None else (
        2 * c.tolerance if c.tolerance is not None and qualifier in ("exact", "about") else close_margin(printed, qualifier))
    if lo - margin - eps <= reproduced_value <= hi + margin + eps:
        return CLOSE
    return DIFFERS


