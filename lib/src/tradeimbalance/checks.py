"""Checks that chapter cells run: claims for the paper's year, invariants for any year.

A chapter's check cell calls :func:`check_chapter`: for the paper's year it
asserts that every claim of the chapter keeps its registered status; for any
other year it asserts invariants of the data behind the chapter's figures:
balance = exports - imports, shares that should add up to 100 do, and no
trade value is negative.
"""

from __future__ import annotations

import pandas as pd

TOLERANCE = 1e-6


def invariant_problems(df: pd.DataFrame, name: str = "table", share_groups: list[list[str]] | None = None) -> list[str]:
    """Invariant violations in a figure's data (empty list = fine).

    - For every ``<prefix>exports<suffix>`` / ``<prefix>imports<suffix>`` / ``<prefix>balance<suffix>``
      column triple: ``balance == exports - imports`` (where all three are present).
    - Columns named like ``exports*``, ``imports*`` or ``*_trade_*`` (values, not balances) are never negative.
    - Each group in ``share_groups`` (lists of percent columns) sums to 100 on every complete row.
    """
    problems = []
    cols = list(df.columns)
    for c in cols:
        if "exports" in c and "net_exports" not in c and "share" not in c:
            imp = c.replace("exports", "imports")
            bal = c.replace("exports", "balance")
            if imp in cols and bal in cols:
                sub = df[[c, imp, bal]].dropna()
                bad = (sub[bal] - (sub[c] - sub[imp])).abs() > TOLERANCE * (1 + sub[c].abs())
                if bad.any():
                    problems.append(f"{name}: {bal} != {c} - {imp} on {int(bad.sum())} row(s), first at index {bad[bad].index[0]}")
    for c in cols:
        if (c.startswith(("exports", "imports")) or "_exports_" in c or "_imports_" in c) and "net" not in c and "balance" not in c:
            if pd.api.types.is_numeric_dtype(df[c]):
                neg = df[c].dropna() < 0
                if neg.any():
                    problems.append(f"{name}: negative trade value in {c} at index {neg[neg].index[0]}")
    for group in share_groups or []:
        sub = df[group].dropna()
        off = (sub.sum(axis=1) - 100).abs() > 0.5
        if off.any():
            problems.append(f"{name}: shares {group} do not add up to 100 at index {off[off].index[0]}")
    return problems


def check_invariants(df: pd.DataFrame, name: str = "table", share_groups: list[list[str]] | None = None) -> None:
    """Raise ``AssertionError`` listing every invariant violation of ``df``."""
    problems = invariant_problems(df, name, share_groups)
    assert not problems, "\n".join(problems)


def check_chapter(chapter: str, year: int, paper_year: int, figure_ids: list[str] = ()) -> pd.DataFrame | None:
    """The standard check cell of a chapter.

    For ``year == paper_year``: evaluate the chapter's claims and assert each has its
    registered status (returns the claims table). For other years: assert the
    invariants of each figure's data for ``year`` (returns ``None``).
    """
    from . import claims
    from .figures import get_figure

    if int(year) == int(paper_year):
        table = claims.evaluate(chapter=chapter)
        assert len(table), f"chapter {chapter!r} registers no claims"
        claims.check(table)
        return table
    for fid in figure_ids:
        fig = get_figure(fid)
        check_invariants(fig.data(year), fid, getattr(fig, "share_groups", None))
    return None
