"""How a claims table is shown: values as a reader expects them, counts per status."""

from __future__ import annotations

import math

import pandas as pd

from .rules import DEFINITIONS, STATUSES

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
