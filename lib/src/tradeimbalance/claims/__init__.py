"""The claims registry: every numeric statement of the paper, and how the book reproduces it.

A chapter module registers a claim with :func:`claim`, decorating a function
that returns the reproduced value in the *same unit as the paper prints it*
(or ``None`` when open data cannot reproduce it; a NaN counts as ``None``, so a
reproduction can return a computed value as it is). The reported value, section
and unit come from ``data/paper_reported.csv`` (values *as reported by the
paper*), so the printed numbers live in one place only.

Status rules (:func:`status_of`):

- ``reproduced``: ``|reproduced - reported| <= tolerance``; for a one-sided statement
  (``bound="lower"``: "more than X"; ``bound="upper"``: "less than X") any value on the
  stated side of X counts as reproduced, and the distance to X is measured otherwise;
- ``close``: within ``close`` (default three times the tolerance), with the reason in the note;
- ``differs``: further apart, with the explanation in the note;
- ``not reproducible``: the reproduction returns ``None`` (the data are not open);
- ``erratum``: the paper's printed value is wrong and the reproduction matches the corrected
  reading given by :class:`Erratum` (with its evidence).

Each claim also carries its *expected* status; :func:`check` fails when a
change in data or code moves a claim to another status.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..data import view_cache

REPRODUCED = "reproduced"
CLOSE = "close"
DIFFERS = "differs"
NOT_REPRODUCIBLE = "not reproducible"
ERRATUM = "erratum"
STATUSES = (REPRODUCED, CLOSE, DIFFERS, NOT_REPRODUCIBLE, ERRATUM)


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
    tolerance: float
    close: float | None = None
    note: str = ""
    erratum: Erratum | None = None
    chapter: str = ""
    bound: str | None = None  # "lower" for "more than <reported>", "upper" for "less than <reported>"

    def close_tolerance(self) -> float:
        return self.close if self.close is not None else 3 * self.tolerance


_REGISTRY: dict[str, Claim] = {}


def claim(
    claim_id: str,
    *,
    method: str,
    expected: str,
    tolerance: float = 0.0,
    close: float | None = None,
    note: str = "",
    erratum: Erratum | None = None,
    bound: str | None = None,
):
    """Decorator: register the function as the reproduction of paper claim ``claim_id``."""
    if expected not in STATUSES:
        raise ValueError(f"{claim_id}: expected status {expected!r} is not one of {STATUSES}")
    if expected != REPRODUCED and not (note or (erratum and erratum.evidence)):
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
            tolerance=float(tolerance),
            close=close,
            note=note,
            erratum=erratum,
            bound=bound,
            chapter=fn.__module__.rsplit(".", 1)[-1],
        )
        return fn

    return deco


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
    v = float(v)
    return None if math.isnan(v) else v


def status_of(c: Claim, reported_value: float, reproduced_value: float | None) -> str:
    """The status a claim earns for these two numbers (see the module docstring)."""
    if reproduced_value is None:
        return NOT_REPRODUCIBLE
    diff = abs(reproduced_value - reported_value)
    if c.bound == "lower" and reproduced_value >= reported_value:
        diff = 0.0  # "more than X": any value at or above X bears the statement out
    if c.bound == "upper" and reproduced_value <= reported_value:
        diff = 0.0  # "less than X"
    if c.erratum is not None:
        if abs(reproduced_value - c.erratum.corrected(reported_value)) <= max(c.tolerance, 1e-9) and diff > c.tolerance:
            return ERRATUM
    if diff <= c.tolerance + 1e-9:
        return REPRODUCED
    if diff <= c.close_tolerance() + 1e-9:
        return CLOSE
    return DIFFERS


@view_cache
def _reproduced(claim_id: str, reproduce: Callable) -> float | None:
    """The value ``reproduce()`` computes, once per process and data folder: a chapter's table of
    claims and its check cell evaluate the same claims, and the second evaluation reuses the first."""
    return _as_float(reproduce())


def evaluate(ids=None, chapter: str | None = None, section_prefix: str | None = None) -> pd.DataFrame:
    """Evaluate claims (all, the given ids, one chapter module, or ids with a prefix).

    Returns one row per claim: id, section, statement, reported, reproduced,
    difference, unit, status, expected, method, note.
    """
    reg = load_all()
    rep = reported()
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
        status = status_of(c, value, got)
        note = c.note
        if c.erratum is not None:
            note = (note + " " if note else "") + f"Erratum ({c.erratum.kind}): {c.erratum.evidence}"
        rows.append(
            {
                "id": c.id,
                "section": r["section"],
                "statement": r["statement_en"],
                "reported": value,
                "reproduced": got,
                "difference": None if got is None else got - value,
                "unit": r["unit"],
                "status": status,
                "expected": c.expected,
                "method": c.method,
                "note": note,
                "chapter": c.chapter,
                "bound": c.bound,
            }
        )
    return pd.DataFrame(rows, columns=[
        "id", "section", "statement", "reported", "reproduced", "difference", "unit",
        "status", "expected", "method", "note", "chapter", "bound",
    ])


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
    if "bound" in table.columns:
        prefix = {"lower": "more than ", "upper": "less than "}
        out["reported"] = [prefix.get(b, "") + r for b, r in zip(table["bound"], out["reported"])]
    return out


def format_value(value, unit: str) -> str:
    """A claim value as a reader expects it: years and counts whole, other values to two decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "—"
    v = float(value)
    if str(unit) == "decade":
        return f"{v:.0f}s"
    if str(unit) in ("year", "years", "count", "rank"):
        return f"{v:.0f}" if str(unit) == "year" else f"{v:,.0f}"
    return f"{v:,.2f}"


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """Count of claims per status (every status listed, zero where none)."""
    c = table["status"].value_counts().reindex(STATUSES, fill_value=0)
    return c.rename_axis("status").reset_index(name="claims")


__all__ = [
    "Claim", "Erratum", "claim", "load_all", "reported", "evaluate", "check", "counts",
    "display_table", "status_of", "STATUSES", "REPRODUCED", "CLOSE", "DIFFERS", "NOT_REPRODUCIBLE", "ERRATUM",
]
