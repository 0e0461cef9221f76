"""Claim declarations: every statement of the paper with how the book checks it, in one place.

Each file ``reference/claims/<section>.yaml`` lists the statements of one section of the paper in
the paper's order. An entry has the claim ``id`` and two parts:

- ``paper``: the statement as printed (section, location, the statement in English, the Chinese
  quote, the value *as reported by the paper*, the number as printed, its word of approximation,
  unit, year or period, source). The data build writes these to ``data/paper_reported.csv``.
- ``check``: the chapter that checks it, the method, the ``basis`` of a match, the expected status,
  a tolerance or close band that departs from the rule (with its reason), the note, the erratum
  evidence and correction, the citation of a documented fact (and, where no data table holds it,
  the value the document states: ``documented``), and the gap of a statistic the book cannot
  reproduce.

A chapter supplies the reproduction function of a claim (:func:`tradeimbalance.claims.reproduces`)
only where open data reproduce or bound it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import yamlio
from ..paths import REFERENCE_DIR
from .rules import BASES, ERRATUM, GAPS, NOT_IN_EDITION, NOT_PUBLISHED, QUALIFIERS, STATUSES

#: The folder of the declaration files, one per section of the paper.
CLAIMS_DIR = REFERENCE_DIR / "claims"
#: The sections of the paper, by claim-id prefix, in the paper's order (one declaration file each).
PAPER_SECTIONS = {
    "intro_": "1 Introduction",
    "s2_0_": "2 Structure of the imbalance (opening)",
    "s2_1_": "2.1 Bilateral imbalances",
    "s2_2_": "2.2 Regional (provincial) imbalances",
    "s2_3_": "2.3 Trade type: processing trade",
    "s2_4_": "2.4 Industry imbalances",
    "s2_5_": "2.5 US tariffs and the imbalance",
    "s3_1_": "3.1 Asymmetric bilateral investment",
    "s3_2_": "3.2 Tariffs and exchange-rate pressure",
    "s4_": "4 Policy implications",
}
_PAPER_KEYS = ("section", "location", "statement", "quote_zh", "value", "printed", "qualifier", "cap", "unit",
               "year", "period", "sign_added", "source", "note")
_CHECK_KEYS = ("chapter", "method", "basis", "expected", "tolerance", "tolerance_reason", "close", "close_reason",
               "bound", "citation", "documented", "gap", "gap_source", "note", "erratum")
#: The corrections an erratum can name: how the corrected reading follows from the printed value.
CORRECTIONS = ("divide_by", "swap_digits")


class DeclarationError(ValueError):
    """A claim declaration that cannot be right; the message names the file and the claim."""


def swap_digits(value: float, i: int, j: int, decimals: int = 2) -> float:
    """``value`` with its ``i``-th and ``j``-th digits (from the left, 0-based, sign and point ignored) exchanged."""
    text = f"{abs(value):.{decimals}f}"
    digits = [c for c in text if c.isdigit()]
    digits[i], digits[j] = digits[j], digits[i]
    whole = len(text.split(".")[0])
    swapped = "".join(digits[:whole]) + "." + "".join(digits[whole:])
    return math.copysign(float(swapped), value)


@dataclass(frozen=True)
class Erratum:
    """The paper printed a wrong value; ``correction`` says how the right reading follows from it.

    ``correction`` is ``{"divide_by": n}`` (a wrong unit) or ``{"swap_digits": [i, j]}`` (transposed digits).
    """

    evidence: str
    kind: str = "value"  # "unit", "typo", "arithmetic", "value"
    correction: dict = field(default_factory=dict)

    def corrected(self, reported: float) -> float:
        """The corrected reading of the printed value (same unit as the paper's)."""
        if "divide_by" in self.correction:
            return reported / self.correction["divide_by"]
        i, j = self.correction["swap_digits"]
        return swap_digits(reported, int(i), int(j))


@dataclass(frozen=True)
class Declaration:
    """One statement of the paper and how the book checks it (one entry of a declaration file)."""

    id: str
    chapter: str
    method: str
    expected: str
    paper: dict
    basis: str = "data"
    tolerance: float | None = None
    close: float | None = None
    note: str = ""
    erratum: Erratum | None = None
    bound: str | None = None  # "lower" for "more than <reported>", "upper" for "less than <reported>"
    citation: str = ""
    #: For a documented fact that no data table holds: the value the cited document states (paper's unit).
    documented: float | None = None
    gap: str | None = None
    gap_source: str = ""
    tolerance_reason: str = ""
    close_reason: str = ""
    file: str = ""


def _fail(file, cid, message) -> None:
    raise DeclarationError(f"{file}: claim {cid!r}: {message}")


def _validate(d: Declaration) -> None:
    f, cid = d.file, d.id
    if d.basis not in BASES:
        _fail(f, cid, f"basis {d.basis!r} is not one of {sorted(BASES)}")
    if d.expected not in STATUSES:
        _fail(f, cid, f"expected status {d.expected!r} is not one of {STATUSES}")
    if d.expected in BASES.values() and d.expected != BASES[d.basis]:
        _fail(f, cid, f"expected {d.expected!r} does not go with basis {d.basis!r}")
    if d.basis == "document" and not d.citation:
        _fail(f, cid, "a documented fact needs the citation of its primary document")
    if d.documented is not None and d.basis != "document":
        _fail(f, cid, "documented: (the value a cited document states) goes with basis: document")
    if d.expected in GAPS.values() and d.gap not in GAPS:
        _fail(f, cid, "a claim that cannot be reproduced needs gap: unpublished or gap: edition")
    if d.expected == NOT_IN_EDITION and not d.gap_source:
        _fail(f, cid, "a statistic not in this edition needs gap_source naming its publisher and table")
    if d.expected not in BASES.values() and not (d.note or (d.erratum and d.erratum.evidence)):
        _fail(f, cid, f"a claim expected to be {d.expected!r} needs a note explaining why")
    if d.bound not in (None, "lower", "upper"):
        _fail(f, cid, f"bound must be lower, upper or absent, not {d.bound!r}")
    if d.expected == ERRATUM and d.erratum is None:
        _fail(f, cid, "an erratum needs its evidence and correction")
    if d.erratum is not None and (len(d.erratum.correction) != 1 or set(d.erratum.correction) - set(CORRECTIONS)):
        _fail(f, cid, f"an erratum's correction is one of {CORRECTIONS}")
    if d.paper.get("qualifier", "exact") not in QUALIFIERS:
        _fail(f, cid, f"qualifier {d.paper.get('qualifier')!r} is not one of {QUALIFIERS}")
    if d.expected == NOT_PUBLISHED and d.gap != "unpublished" or d.expected == NOT_IN_EDITION and d.gap != "edition":
        _fail(f, cid, f"gap {d.gap!r} does not go with the expected status {d.expected!r}")


def _declaration(entry: dict, file: str, prefix: str) -> Declaration:
    cid = entry.get("id")
    if not isinstance(cid, str) or not cid.startswith(prefix):
        raise DeclarationError(f"{file}: every entry needs an id starting with {prefix!r}, not {cid!r}")
    paper, check = entry.get("paper") or {}, entry.get("check") or {}
    unknown = (set(entry) - {"id", "paper", "check"}) | (set(paper) - set(_PAPER_KEYS)) | (set(check) - set(_CHECK_KEYS))
    if unknown:
        _fail(file, cid, f"unknown key(s) {sorted(unknown)}")
    for key in ("section", "statement", "value", "printed", "unit", "source"):
        if paper.get(key) in (None, ""):
            _fail(file, cid, f"paper.{key} is missing")
    if paper["section"] != PAPER_SECTIONS[prefix]:
        _fail(file, cid, f"paper.section should be {PAPER_SECTIONS[prefix]!r}")
    for key in ("chapter", "method", "expected"):
        if not check.get(key):
            _fail(file, cid, f"check.{key} is missing")
    err = check.get("erratum")
    check = {k: (float(v) if k in ("tolerance", "close") and v is not None else v) for k, v in check.items()}
    d = Declaration(
        id=cid, paper=dict(paper), file=file,
        erratum=None if err is None else Erratum(evidence=err.get("evidence", ""), kind=err.get("kind", "value"),
                                                  correction=dict(err.get("correction") or {})),
        **{k: check[k] for k in _CHECK_KEYS if k in check and k != "erratum"},
    )
    _validate(d)
    return d


def _files() -> list[tuple[str, Path]]:
    return [(p, CLAIMS_DIR / f"{p.rstrip('_')}.yaml") for p in PAPER_SECTIONS]


@lru_cache(maxsize=1)
def _load() -> tuple[Declaration, ...]:
    out: list[Declaration] = []
    seen: set[str] = set()
    for prefix, path in _files():
        if not path.is_file():
            continue
        entries = yamlio.load(path.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list):
            raise DeclarationError(f"{path}: a declaration file is a list of entries")
        for entry in entries:
            d = _declaration(entry, str(path), prefix)
            if d.id in seen:
                _fail(path, d.id, "declared twice")
            seen.add(d.id)
            out.append(d)
    return tuple(out)


def declared() -> dict[str, Declaration]:
    """Every declared claim by id, in the paper's order."""
    return {d.id: d for d in _load()}


def paper_rows() -> list[dict]:
    """The ``paper`` part of every declaration as rows of text (claim_id first), in the paper's order:
    what the data build writes to ``data/paper_reported.csv`` (values as reported by the paper)."""
    rows = []
    for d in _load():
        p = d.paper
        text = {k: ("" if p.get(k) is None else str(p[k])) for k in _PAPER_KEYS}
        text["sign_added"] = "true" if p.get("sign_added") else "false"
        text["statement_en"] = text.pop("statement")
        rows.append({"claim_id": d.id, **text, "file": d.file})
    return rows
