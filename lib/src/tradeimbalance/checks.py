"""Checks that chapter cells run: claims for the paper's year, invariants for any year.

A chapter's claims cell (:func:`tradeimbalance.book.show_chapter_claims`) checks,
for the paper's year, that every claim of the chapter keeps its declared status;
for any other year it asserts invariants of the data behind the chapter's figures
(:func:`check_chapter_invariants`): balance = exports - imports, shares that
should add up to 100 do, and no trade value is negative.
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


def check_chapter_invariants(chapter: str, year: int) -> None:
    """Assert the invariants of the data of every figure of ``chapter`` for ``year`` (ids from the catalog)."""
    from .catalog import chapter_figures, get_figure

    for fid in chapter_figures(chapter):
        fig = get_figure(fid)
        check_invariants(fig.data(year), fid, fig.share_groups)
