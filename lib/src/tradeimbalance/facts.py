"""Named facts: the numbers a chapter's prose cites, each with its unit and its format.

A chapter's ``facts`` module returns a list of :class:`Fact` for a year; one call,
:func:`tradeimbalance.book.glue_facts`, glues them all as ``<chapter>_<name>``, and the
chapter's Markdown cites each as ``{glue:text}`<chapter>_<name>```. The name is the only
name of the number: no dict key, no second name in the notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import reported_value
from .fmt import FORMATS

#: The unit each format implies (the unit of a fact's value).
UNITS = {
    "number": "as stated in the fact's name", "usd_bn": "USD bn", "usd_100m": "USD 100 million",
    "cny_tn": "CNY trillion", "pct": "percent", "times": "times", "count": "count", "year": "calendar year",
    "text": "text",
}


@dataclass(frozen=True)
class Fact:
    """One number (or piece of text) the prose cites: its name, value, format kind and format options."""

    name: str
    value: object
    kind: str = "number"
    options: dict = field(default_factory=dict)
    #: True where the value is *as reported by the paper*, not computed from data.
    reported: bool = False

    def __post_init__(self):
        if self.kind != "text" and self.kind not in FORMATS:
            raise ValueError(f"fact {self.name!r}: unknown format kind {self.kind!r}; choose one of {sorted(FORMATS)}")

    @property
    def unit(self) -> str:
        """The unit of the value, implied by its format kind."""
        return UNITS[self.kind]


def fact(name: str, value, kind: str = "number", **options) -> Fact:
    """A computed fact: ``value`` shown with ``fmt.<kind>`` (e.g. ``usd_bn``, ``pct``) and ``options`` (``digits``)."""
    return Fact(name, value, kind, dict(options))


def text(name: str, value: str) -> Fact:
    """A computed piece of text (a list of years, a name from the data), shown as it is."""
    return Fact(name, value, "text")


def reported(name: str, claim_id: str, kind: str = "number", scale: float = 1.0, absolute: bool = False,
             **options) -> Fact:
    """The value the paper printed for ``claim_id`` (``data/paper_reported.csv``), for prose that quotes it.

    ``scale`` converts it (e.g. ``0.1`` from USD 100 million to USD bn); ``absolute`` drops the sign the
    paper table adds to a deficit the paper prints as a positive amount.
    """
    v = reported_value(claim_id)
    v = abs(v) if absolute else v
    return Fact(name, v * scale if scale != 1.0 else v, kind, dict(options), reported=True)
