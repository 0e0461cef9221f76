"""Evaluate the paper's claims: each declaration joined with its reproduction and the paper table.

- :func:`evaluate` computes the status of every claim (or one chapter's) in the paper's order;
- :func:`check` fails when a claim's status is not its declared one;
- :func:`tolerance_exceptions` lists the claims whose tolerance departs from the rule, with reasons;
- :func:`problems` lists reproductions without a declaration and declarations without their
  statement in ``data/paper_reported.csv``.
"""

from __future__ import annotations

from typing import Callable

import math

import pandas as pd

from . import catalog
from .claims import declared
from .claims.rules import (BASES, _as_float, _default_printed, close_margin, rule_interval, rule_tolerance,
                           status_of)
from .data import load, view_cache

#: The columns of :func:`evaluate`.
COLUMNS = [
    "id", "section", "statement", "quote_zh", "reported", "reproduced", "difference", "unit",
    "status", "expected", "method", "note", "chapter", "bound", "printed", "qualifier", "low", "high",
    "basis", "citation", "gap_source", "reproduced_low", "reproduced_high",
]


def reported() -> pd.DataFrame:
    """The paper's numeric statements as reported (``data/paper_reported.csv``), indexed by claim id."""
    return load("paper_reported").set_index("claim_id")


def problems() -> list[str]:
    """What joins badly: a reproduction without a declaration, a declaration of another chapter than its
    reproduction, a declaration without its row in the paper table, a row without a declaration, and a
    claim declared to match that nothing computes."""
    decl, rep = declared(), catalog.reproductions()
    table = set(reported().index)
    out = [f"claim {i!r} has a reproduction in chapter {ch!r} but no declaration" for i, (ch, _) in rep.items()
           if i not in decl]
    out += [f"claim {i!r} is declared for chapter {decl[i].chapter!r} but reproduced in {ch!r}"
            for i, (ch, _) in rep.items() if i in decl and decl[i].chapter != ch]
    out += [f"claim {i!r} is declared ({d.file}) but has no statement in data/paper_reported.csv"
            for i, d in decl.items() if i not in table]
    out += [f"statement {i!r} of data/paper_reported.csv has no declaration" for i in sorted(table - set(decl))]
    out += [f"claim {i!r} is declared {d.expected!r} but nothing computes it (no reproduction, no documented value)"
            for i, d in decl.items() if d.expected in BASES.values() and i not in rep and d.documented is None]
    return out


@view_cache
def _reproduced(claim_id: str, reproduce: Callable) -> float | tuple | None:
    """The value ``reproduce()`` computes, once per process and data folder."""
    return _as_float(reproduce())


def _text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


def evaluate(ids=None, chapter: str | None = None, section_prefix: str | None = None) -> pd.DataFrame:
    """Evaluate claims (all, the given ids, one chapter, or ids with a prefix), in the paper's order.

    Returns one row per claim with the columns :data:`COLUMNS`; values are in the paper's unit.
    """
    bad = problems()
    if bad:
        raise KeyError("claims do not join: " + "; ".join(bad))
    decl, repro, rep = declared(), catalog.reproductions(), reported()
    if "order" in rep.columns:
        rep = rep.sort_values("order", kind="stable")
    if ids is None:
        ids = list(rep.index)
    rows = []
    for i in ids:
        if i not in decl:
            raise KeyError(f"no claim {i!r}")
        c = decl[i]
        if (chapter and c.chapter != chapter) or (section_prefix and not i.startswith(section_prefix)):
            continue
        rows.append(_row(c, rep.loc[i], repro.get(i)))
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(c, r, reproduction) -> dict:
    if reproduction is not None:
        got = _reproduced(c.id, reproduction[1])
    else:
        got = None if c.documented is None else float(c.documented)
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
    return {
        "id": c.id, "section": r["section"], "statement": r["statement_en"], "quote_zh": _text(r.get("quote_zh")),
        "reported": value, "reproduced": got, "difference": None if got is None else got - value,
        "unit": r["unit"], "status": status, "expected": c.expected, "method": c.method, "note": note,
        "chapter": c.chapter,
        "bound": {"more than": "lower", "less than": "upper", "nearly": "upper"}.get(qualifier, c.bound),
        "printed": printed, "qualifier": qualifier, "low": lo, "high": hi, "basis": c.basis,
        "citation": c.citation, "gap_source": c.gap_source,
        "reproduced_low": got_range[0], "reproduced_high": got_range[1],
    }


def tolerance_exceptions() -> pd.DataFrame:
    """Every claim whose tolerance or close band departs from the rule, with the reason given."""
    rep = reported()
    rows = []
    for cid, c in declared().items():
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
    """Raise ``AssertionError`` listing every claim whose status is not its declared status."""
    bad = table[table["status"] != table["expected"]]
    if len(bad):
        lines = [
            f"{r.id}: status {r.status!r}, expected {r.expected!r} (reported {r.reported}, reproduced {r.reproduced})"
            for r in bad.itertuples()
        ]
        raise AssertionError("claims changed status:\n" + "\n".join(lines))
