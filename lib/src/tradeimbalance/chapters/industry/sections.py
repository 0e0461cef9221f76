"""Balances by HS section across the tariff years (section 2.5): sign changes, deficit sections, section XVI.

All balances are China's mirror balance with the US (:func:`.mirror.mirror_by_section`), USD bn.
"""

from __future__ import annotations

import pandas as pd

from . import FIG4_OTHER, SECTION_NAMES, SECTION_ORDER, SIGN_THRESHOLD_BN, XVI
from .mirror import mirror_by_section


def section_label(sec: str) -> str:
    """The label of a section in tables and charts (text): its numeral and short name, or "Other sections"."""
    if sec == FIG4_OTHER:
        return "Other sections"
    return f"{sec} {SECTION_NAMES[sec]}"


def balances_wide(years) -> pd.DataFrame:
    """China's mirror balance with the US by section (rows) and year (columns), USD bn."""
    m = mirror_by_section("CHN", "census")
    w = m[m["year"].isin(list(years))].pivot(index="hs_section", columns="year", values="balance")
    return w.reindex([s for s in SECTION_ORDER if s in w.index])


def sign_changes(first: int, last: int, threshold: float = 0.0) -> pd.DataFrame:
    """Sections whose balance has opposite signs in ``first`` and ``last``.

    With ``threshold`` > 0 only sections whose balance is at least that large
    (USD bn, absolute) in both years count. Columns: ``hs_section, first, last`` (balances, USD bn).
    """
    w = balances_wide([first, last])
    if first not in w.columns or last not in w.columns:
        return pd.DataFrame(columns=["hs_section", "first", "last"])
    a, b = w[first], w[last]
    flip = (a * b < 0) & (a.abs() >= threshold) & (b.abs() >= threshold)
    out = pd.DataFrame({"hs_section": w.index[flip], "first": a[flip].to_numpy(), "last": b[flip].to_numpy()})
    return out.reset_index(drop=True)


def deficit_sections(years) -> pd.DataFrame:
    """Sections in deficit (China's view) by at least the threshold in the first year, with their balances (USD bn)."""
    ys = list(years)
    w = balances_wide(ys)
    if ys[0] not in w.columns:
        return w.iloc[0:0]
    return w[w[ys[0]] <= -SIGN_THRESHOLD_BN]


def xvi_change_2019_pct() -> float | None:
    """Percent change of China's section-XVI surplus with the US from 2018 to 2019 (US-reported mirror)."""
    w = balances_wide([2018, 2019])
    if 2018 not in w.columns or 2019 not in w.columns:
        return None
    return 100.0 * (float(w.loc[XVI, 2019]) / float(w.loc[XVI, 2018]) - 1.0)


def direction(first: float | None, last: float | None) -> float | None:
    """The direction of a change (a sign): +1 if ``last`` exceeds ``first``, -1 if smaller, None when either is missing."""
    if first is None or last is None:
        return None
    return 1.0 if last > first else -1.0 if last < first else 0.0
