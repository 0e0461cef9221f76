"""The claims registry: every numeric statement of the paper, and how the book reproduces it.

Every statement is *declared* once, in ``reference/claims/<section>.yaml``
(:mod:`tradeimbalance.claims.declarations`): the statement as printed and how the
book checks it. Where open data reproduce or bound it, a chapter's ``claims``
module supplies the reproduction, a function tagged with :func:`reproduces`
that returns the value in the *same unit as the paper prints it* (a
``(low, high)`` tuple when the data give only a range; ``None`` or NaN when the
data for the chosen year are missing). :mod:`tradeimbalance.reproduction`
evaluates them.

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

Each claim also carries its *expected* status; :func:`tradeimbalance.reproduction.check`
fails when a change in data or code moves a claim to another status.
"""

from __future__ import annotations

from .declarations import CLAIMS_DIR, PAPER_SECTIONS, Declaration, DeclarationError, Erratum, declared
from .display import counts, counts_with_definitions, display_table, format_value, reported_text
from .rules import (BASES, BOUNDED, CLOSE, CONSISTENT, DEFINITIONS, DIFFERS, DOCUMENTED, ERRATUM, GAPS, INFERRED,
                    NOT_IN_EDITION, NOT_PUBLISHED, NOT_REPRODUCIBLE, QUALIFIERS, REPRODUCED, STATUSES, close_margin,
                    half_unit, rule_interval, rule_tolerance, status_of)

def reported_value(claim_id: str) -> float:
    """The value the paper printed for ``claim_id`` (``data/paper_reported.csv``; the paper's unit and sign)."""
    from ..data import load

    rep = load("paper_reported").set_index("claim_id")
    try:
        return float(rep.loc[claim_id, "value"])
    except KeyError:
        raise KeyError(f"no claim {claim_id!r} in data/paper_reported.csv") from None


#: The attribute :func:`reproduces` sets on a reproduction function: the id of its claim.
CLAIM_ATTRIBUTE = "__claim_id__"


def reproduces(claim_id: str):
    """Tag a function as the reproduction of claim ``claim_id`` (declared in ``reference/claims/``).

    The tag is all it does: :mod:`tradeimbalance.catalog` collects tagged functions from the chapters.
    """

    def deco(fn):
        setattr(fn, CLAIM_ATTRIBUTE, claim_id)
        return fn

    return deco


__all__ = [
    "Declaration", "DeclarationError", "reported_value", "Erratum", "declared", "reproduces", "CLAIMS_DIR", "PAPER_SECTIONS",
    "CLAIM_ATTRIBUTE", "counts", "counts_with_definitions", "display_table", "format_value", "reported_text",
    "status_of", "rule_interval", "rule_tolerance", "close_margin", "half_unit", "STATUSES", "DEFINITIONS", "BASES",
    "GAPS", "QUALIFIERS", "REPRODUCED", "INFERRED", "CONSISTENT", "DOCUMENTED", "BOUNDED", "CLOSE", "DIFFERS",
    "ERRATUM", "NOT_PUBLISHED", "NOT_IN_EDITION", "NOT_REPRODUCIBLE",
]
