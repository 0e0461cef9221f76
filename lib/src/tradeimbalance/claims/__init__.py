"""The claims registry: every numeric statement of the paper, and how the book reproduces it.

A chapter module registers a claim with :func:`claim`, decorating a function
that returns the reproduced value in the *same unit as the paper prints it*
(a ``(low, high)`` tuple when the data give only a range; or ``None`` when the data are not in this edition; a NaN counts as ``None``,
so a reproduction can return a computed value as it is). The reported value,
section, the number *as printed* and its word of approximation come from
``data/paper_reported.csv`` (values *as reported by the paper*), so the printed
numbers live in one place only.

The interval a statement allows (:func:`rule_interval`) follows one rule from
the printed text:

- a plain number allows half a unit of its last printed digit (``2.92``: +-0.005;
  ``46224``: +-0.5);
- ``about`` (约, 左右) allows half a unit of its last *significant* digit (``30``: 25-35,
  ``82``: 81.5-82.5, ``3700``: 3650-3750);
- ``nearly`` (近, just under) is an upper bound: from one unit of the last significant
  digit below up to half a printed unit above (``nearly 58``: 57-58.5);
- ``more than`` (以上, 超过, 多) is a lower bound, capped where the phrase implies a cap
  (``50 多年``: 50 up to 60);
- ``less than`` (不到) is an upper bound.

A claim departs from the rule only with a stated reason (``tolerance_reason``,
``close_reason``: a documented precision of the data); the report lists every
such exception.

Statuses (:data:`STATUSES`), for a value inside the interval, depend on what the
value is computed from (``basis``):

- ``reproduced``: recomputed from independent open data;
- ``reproduced (inferred definition)``: recomputed from open data under a definition
  inferred to fit (an averaging formula, a country group the paper does not list);
- ``consistent``: arithmetic on the paper's own numbers, or an identity;
- ``documented fact``: a date or event checked against a cited primary document;
- ``bounded``: the data give a bound or a direction that bears the statement out, not its value;

and otherwise:

- ``close``: within the close band (the interval widened by twice its half-width),
  with the reason in the note;
- ``differs``: further apart, with the explanation in the note;
- ``erratum``: the printed value is wrong and the reproduction matches the corrected
  reading given by :class:`Erratum` (with its evidence);
- ``not published openly``: the statistic is not published in open form anywhere
  (the paper's own tabulation of confidential records, a paid database);
- ``not in this edition``: the statistic is published (``gap_source`` names the
  publisher and table) but is not among this book's data.

Each claim also carries its *expected* status; :func:`check` fails when a
change in data or code moves a claim to another status.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

import pandas as pd

from ..data import view_cache

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


@dataclass(frozen=True)
class Erratum:
    """The paper printed a wrong value; ``corrected(reported)`` is the right reading."""

    corrected: Callable[[float], float]
    evidence: str
    kind: str = "value"  # "unit", "typo", "arithmetic", "value"


@dataclass
class Claim:
    id: str
    reproduce: Callable[[], object]
    method: str
    expected: str
    tolerance: float | None = None
    close: float | None = None
    note: str = ""
    erratum: Erratum | None = None
    chapter: str = ""
    bound: str | None = None  # "lower" for "more than <reported>", "upper" for "less than <reported>"
    basis: str = "data"
    citation: str = ""
    gap: str | None = None
    gap_source: str = ""
    tolerance_reason: str = ""
    close_reason: str = ""

    def close_tolerance(self) -> float:
        return self.close if self.close is not None else 3 * (self.tolerance or 0.0)


_REGISTRY: dict[str, Claim] = {}


def claim(
    claim_id: str,
    *,
    method: str,
    expected: str,
    tolerance: float | None = None,
    close: float | None = None,
    note: str = "",
    erratum: Erratum | None = None,
    bound: str | None = None,
    basis: str = "data",
    citation: str = "",
    gap: str | None = None,
    gap_source: str = "",
    tolerance_reason: str = "",
    close_reason: str = "",
):
    """Decorator: register the function as the reproduction of paper claim ``claim_id``.

    ``tolerance`` and ``close`` default to the rule of the printed precision; a value
    that departs from it needs ``tolerance_reason`` / ``close_reason``. ``basis`` says
    what a matching value is computed from (``data``, ``inferred``, ``arithmetic``,
    ``document`` with a ``citation``, ``bound``). A claim expected to be not reproducible
    names its ``gap`` (``unpublished`` or ``edition``, with ``gap_source`` naming the
    publisher and table).
    """
    if basis not in BASES:
        raise ValueError(f"{claim_id}: basis {basis!r} is not one of {sorted(BASES)}")
    if basis == "document" and not citation:
        raise ValueError(f"{claim_id}: a documented fact needs the citation of its primary document")
    if expected == NOT_REPRODUCIBLE:
        if gap not in GAPS:
            raise ValueError(f"{claim_id}: a claim that cannot be reproduced needs gap='unpublished' or gap='edition'")
        expected = GAPS[gap]
    if expected == REPRODUCED:
        expected = BASES[basis]  # "within the printed precision", on the claim's basis
    if expected in BASES.values() and expected != BASES[basis]:
        raise ValueError(f"{claim_id}: expected {expected!r} needs basis={next(k for k, v in BASES.items() if v == expected)!r}")
    if expected not in STATUSES:
        raise ValueError(f"{claim_id}: expected status {expected!r} is not one of {STATUSES}")
    if expected in GAPS.values() and gap is None:
        gap = "unpublished" if expected == NOT_PUBLISHED else "edition"
    if expected == NOT_IN_EDITION and not gap_source:
        raise ValueError(f"{claim_id}: a statistic not in this edition needs gap_source naming its publisher and table")
    if expected not in BASES.values() and not (note or (erratum and erratum.evidence)):
        raise ValueError(f"{claim_id}: a claim expected to be {expected!r} needs a note explaining why")
    if bound not in (None, "lower", "upper"):
        raise ValueError(f"{claim_id}: bound must be 'lower', 'upper' or None, not {bound!r}")
    if expected == ERRATUM and erratum is None:
        raise ValueError(f"{claim_id}: an erratum needs an Erratum(...) with its evidence")

    def deco(fn):
        if claim_id in _REGISTRY and _REGISTRY[claim_id].reproduce.__qualname__ != fn.__qualname__:
            raise ValueError(f"claim {claim_id!r} registered twice")
        _REGISTRY[claim_id] = Claim(
            id=claim_id,
            reproduce=fn,
            method=method,
            expected=expected,
            tolerance=None if tolerance is None else float(tolerance),
            close=close,
            note=note,
            erratum=erratum,
            bound=bound,
            chapter=fn.__module__.rsplit(".", 1)[-1],
            basis=basis,
            citation=citation,
            gap=gap,
            gap_source=gap_source,
            tolerance_reason=tolerance_reason,
            close_reason=close_reason,
        )
        return fn

    return deco


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


def load_all() -> dict[str, Claim]:
    """Import every chapter module (registering its claims) and return the registry."""
    from ..figures import load_chapter_modules

    load_chapter_modules()
    return dict(_REGISTRY)


def reported() -> pd.DataFrame:
    """The paper's numeric statements as reported (``data/paper_reported.csv``), indexed by claim id."""
    from ..data import load

    return load("paper_reported").set_index("claim_id")


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


def status_of(c: Claim, reported_value: float, reproduced_value: float | None, printed: str | None = None,
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


@view_cache
def _reproduced(claim_id: str, reproduce: Callable) -> float | tuple | None:
    """The value ``reproduce()`` computes, once per process and data folder: a chapter's table of
    claims and its check cell evaluate the same claims, and the second evaluation reuses the first."""
    return _as_float(reproduce())


def _text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def evaluate(ids=None, chapter: str | None = None, section_prefix: str | None = None) -> pd.DataFrame:
    """Evaluate claims (all, the given ids, one chapter module, or ids with a prefix), in the paper's order.

    Returns one row per claim: id, section, statement, quote_zh, reported, reproduced,
    difference, unit, status, expected, method, note, chapter, bound, printed,
    qualifier, low, high, basis, citation, gap_source.
    """
    reg = load_all()
    rep = reported()
    if "order" in rep.columns:
        rep = rep.sort_values("order", kind="stable")
    if ids is None:
        ids = [i for i in rep.index if i in reg]
    selected = []
    for i in ids:
        if i not in reg:
            raise KeyError(f"claim {i!r} is reported in paper_reported.csv but not registered")
        c = reg[i]
        if chapter and c.chapter != chapter:
            continue
        if section_prefix and not i.startswith(section_prefix):
            continue
        selected.append(c)
    rows = []
    for c in selected:
        if c.id not in rep.index:
            raise KeyError(f"claim {c.id!r} is registered but missing from data/paper_reported.csv")
        r = rep.loc[c.id]
        got = _reproduced(c.id, c.reproduce)
        value = float(r["value"])
        printed = _text(r.get("printed")) or _default_printed(value)
        qualifier = _text(r.get("qualifier")) or "exact"
        cap = _as_float(r.get("cap")) if _text(r.get("cap")) else None
        status = status_of(c, value, got, printed, qualifier, cap)
        got_range = got if isinstance(got, tuple) else (None, None)
        got = None if isinstance(got, tuple) else got
        lo, hi = rule_interval(value, printed, qualifier, cap, c.tolerance)
        note = c.note
        if c.erratum is not None:
            note = (note + " " if note else "") + f"Erratum ({c.erratum.kind}): {c.erratum.evidence}"
        rows.append(
            {
                "id": c.id,
                "section": r["section"],
                "statement": r["statement_en"],
                "quote_zh": _text(r.get("quote_zh")),
                "reported": value,
                "reproduced": got,
                "difference": None if got is None else got - value,
                "unit": r["unit"],
                "status": status,
                "expected": c.expected,
                "method": c.method,
                "note": note,
                "chapter": c.chapter,
                "bound": {"more than": "lower", "less than": "upper", "nearly": "upper"}.get(qualifier, c.bound),
                "printed": printed,
                "qualifier": qualifier,
                "low": lo,
                "high": hi,
                "basis": c.basis,
                "citation": c.citation,
                "gap_source": c.gap_source,
                "reproduced_low": got_range[0],
                "reproduced_high": got_range[1],
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


COLUMNS = [
    "id", "section", "statement", "quote_zh", "reported", "reproduced", "difference", "unit",
    "status", "expected", "method", "note", "chapter", "bound", "printed", "qualifier", "low", "high",
    "basis", "citation", "gap_source", "reproduced_low", "reproduced_high",
]


def tolerance_exceptions() -> pd.DataFrame:
    """Every claim whose tolerance or close band departs from the rule, with the reason given."""
    reg = load_all()
    rep = reported()
    rows = []
    for cid, c in reg.items():
        if cid not in rep.index:
            continue
        r = rep.loc[cid]
        printed = _text(r.get("printed")) or _default_printed(float(r["value"]))
        qualifier = _text(r.get("qualifier")) or "exact"
        rule = rule_tolerance(printed, qualifier)
        if c.tolerance is not None and not math.isclose(c.tolerance, rule, abs_tol=1e-12):
            rows.append({"id": cid, "statement": r["statement_en"], "what": "tolerance", "rule": rule,
                         "used": c.tolerance, "reason": c.tolerance_reason})
        if c.close is not None and not math.isclose(float(c.close), close_margin(printed, qualifier), abs_tol=1e-12):
            rows.append({"id": cid, "statement": r["statement_en"], "what": "close band",
                         "rule": close_margin(printed, qualifier), "used": float(c.close), "reason": c.close_reason})
    return pd.DataFrame(rows, columns=["id", "statement", "what", "rule", "used", "reason"])


def check(table: pd.DataFrame) -> None:
    """Raise ``AssertionError`` listing every claim whose status is not its registered status."""
    bad = table[table["status"] != table["expected"]]
    if len(bad):
        lines = [
            f"{r.id}: status {r.status!r}, expected {r.expected!r} (reported {r.reported}, reproduced {r.reproduced})"
            for r in bad.itertuples()
        ]
        raise AssertionError("claims changed status:\n" + "\n".join(lines))


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The columns a chapter shows for its claims, rounded for reading.

    The claim ids (long, unbreakable words) are left to the reproduction report,
    which lists every claim with its id; a chapter's table stays readable on a page.
    """
    out = table[["statement", "reported", "reproduced", "unit", "status", "note"]].copy()
    for col in ("reported", "reproduced"):
        out[col] = [format_value(v, u) for v, u in zip(table[col], table["unit"])]
    if "qualifier" in table.columns:
        out["reported"] = [reported_text(q, r) for q, r in zip(table["qualifier"], out["reported"])]
    elif "bound" in table.columns:
        prefix = {"lower": "more than ", "upper": "less than "}
        out["reported"] = [prefix.get(b, "") + r for b, r in zip(table["bound"], out["reported"])]
    return out


def reported_text(qualifier, formatted: str) -> str:
    """The reported value with its word of approximation ("about 30.00", "more than 80.00")."""
    q = "" if qualifier is None or (not isinstance(qualifier, str) and pd.isna(qualifier)) else str(qualifier)
    return formatted if q in ("", "exact") else f"{q} {formatted}"


def format_value(value, unit: str) -> str:
    """A claim value as a reader expects it: years and counts whole, other values to two decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "—"
    v = float(value)
    if str(unit) == "change":
        return {1: "rose", -1: "fell", 0: "unchanged"}.get(int(round(v)), f"{v:g}")
    if str(unit) == "sign":
        return {1: "surplus", -1: "deficit", 0: "balanced"}.get(int(round(v)), f"{v:g}")
    if str(unit) == "decade":
        return f"{v:.0f}s"
    if str(unit) in ("year", "years", "count", "rank"):
        return f"{v:.0f}" if str(unit) == "year" else f"{v:,.0f}"
    return f"{v:,.2f}"


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """Count of claims per status (every status listed, zero where none)."""
    c = table["status"].value_counts().reindex(STATUSES, fill_value=0)
    return c.rename_axis("status").reset_index(name="claims")


def counts_with_definitions(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`counts` with the reader-facing definition of each status."""
    out = counts(table)
    out["meaning"] = [DEFINITIONS[s] for s in out["status"]]
    return out


__all__ = [
    "Claim", "Erratum", "claim", "load_all", "reported", "evaluate", "check", "counts", "counts_with_definitions",
    "display_table", "status_of", "rule_interval", "rule_tolerance", "close_margin", "half_unit",
    "tolerance_exceptions", "STATUSES", "DEFINITIONS", "BASES", "QUALIFIERS", "REPRODUCED", "INFERRED",
    "CONSISTENT", "DOCUMENTED", "BOUNDED", "CLOSE", "DIFFERS", "ERRATUM", "NOT_PUBLISHED", "NOT_IN_EDITION",
    "NOT_REPRODUCIBLE",
]
