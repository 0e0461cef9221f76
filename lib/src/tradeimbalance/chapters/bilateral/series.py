"""China's balances with the partners of Fig. 1, China-reported and partner-reported (mirror), USD bn."""

from __future__ import annotations

import pandas as pd

from ... import measures
from ...data import view_cache
from . import JKA, MIRROR_REPORTER, PARTNERS


@view_cache
def _bilateral(reporter: str, partner: str) -> pd.DataFrame:
    """Exports, imports, balance (USD bn) of ``reporter`` with ``partner``, indexed by year (computed once per
    pair and data folder; callers get copies)."""
    df = measures.bilateral(reporter, partner)
    df["year"] = df["year"].astype(int)
    return df.set_index("year")


def china_series(partner: str) -> pd.DataFrame:
    """China's exports, imports and balance (USD bn) with ``partner``, as reported by China (IMF DOTS)."""
    return _bilateral("CHN", partner)


def mirror_series(partner: str) -> pd.DataFrame:
    """China's exports, imports and balance (USD bn) with ``partner`` as reported by the partner (mirror data).

    China's exports = the partner's imports from China (CIF), China's imports = the
    partner's exports to China (FOB). Only partners that report to DOTS here
    (USA, EU27, JPN, KOR, AUS; not the UK, hence no mirror EU28).
    """
    if partner not in MIRROR_REPORTER:
        raise KeyError(f"no partner-reported data for {partner!r}")
    p = _bilateral(MIRROR_REPORTER[partner], "CHN")
    out = pd.DataFrame({"exports": p["imports"], "imports": p["exports"]})
    out["balance"] = out["exports"] - out["imports"]
    return out


def last_year() -> int:
    """Last year (calendar year) with China-reported data for all partners of Fig. 1."""
    return int(min(china_series(p).index.max() for p in PARTNERS))


@view_cache
def balance_series(group: str, view: str = "china") -> pd.Series:
    """China's balance (USD bn) with ``group`` by year: USA, EU27, EU28, JPN, KOR, AUS or JKA (sum of the three).

    ``view`` is ``china`` (China-reported) or ``mirror`` (partner-reported). Computed once per group, view and
    data folder; callers get copies.
    """
    fn = china_series if view == "china" else mirror_series
    if group == "JKA":
        parts = [fn(p)["balance"] for p in JKA]
        return pd.concat(parts, axis=1).dropna().sum(axis=1)
    return fn(group)["balance"]
