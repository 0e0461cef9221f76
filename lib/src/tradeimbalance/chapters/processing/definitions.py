"""The definitions of processing trade, on plain numbers and on the customs-regime table (USD 100 million)."""

from __future__ import annotations

import math

import pandas as pd

from ... import measures as units
from ...data import load, view_cache
from . import BASIS_DERIVED, BASIS_PUBLISHED, CUSTOMS, NON_ORDINARY, ORDINARY, TOTAL


# --- definitions on plain numbers ---------------------------------------------------------------

def split_by_definition(total: tuple[float, float], ordinary: tuple[float, float],
                        processing: tuple[float, float]) -> pd.DataFrame:
    """Trade and net exports of each trade-mode definition from (exports, imports) pairs.

    ``total``, ``ordinary`` and ``processing`` (the two customs processing regimes)
    are ``(exports, imports)`` in any one unit. Returns one row per definition
    (total, ordinary, customs, non_ordinary) with columns ``definition, exports,
    imports, trade, net_exports, share_of_trade_pct, share_of_surplus_pct``;
    ``non_ordinary`` = total − ordinary. Shares of the surplus are NaN when the
    total balance is not positive.
    """
    (tx, tm), (ox, om), (px, pm) = total, ordinary, processing
    rows = {TOTAL: (tx, tm), ORDINARY: (ox, om), CUSTOMS: (px, pm), NON_ORDINARY: (tx - ox, tm - om)}
    surplus = tx - tm
    out = []
    for d, (x, m) in rows.items():
        trade, net = x + m, units.balance(x, m)
        out.append({
            "definition": d, "exports": x, "imports": m, "trade": trade, "net_exports": net,
            "share_of_trade_pct": units.share(trade, tx + tm),
            "share_of_surplus_pct": units.share(net, surplus) if surplus > 0 else math.nan,
        })
    return pd.DataFrame(out)


# --- customs regime table -------------------------------------------------------------------------

@view_cache
def regime_groups() -> pd.DataFrame:
    """Full-year (Jan–Dec) exports and imports by regime group from ``customs_regime``, USD 100 million.

    One row per year and group (total, ordinary, processing, other) for years in
    which both flows of the total were published or derived; columns ``year,
    group, exports, imports, value_type`` (``published`` or ``derived_from_yoy``).
    """
    cr = load("customs_regime")
    cr = cr[cr["period"].astype(str) == "Jan-Dec"]
    wide = cr.groupby(["year", "regime_group", "flow"], observed=True)["value_usd_mn"].sum().unstack("flow")
    types = cr.groupby(["year", "regime_group"], observed=True)["value_type"].agg(
        lambda s: ",".join(sorted(set(map(str, s)))))
    wide = wide.dropna(subset=[c for c in ("exports", "imports") if c in wide.columns])
    if not {"exports", "imports"} <= set(wide.columns):
        return pd.DataFrame(columns=["year", "group", "exports", "imports", "value_type"])
    out = wide.reset_index().rename(columns={"regime_group": "group"})
    out["exports"] = units.mn_to_yi(out["exports"])
    out["imports"] = units.mn_to_yi(out["imports"])
    out = out.merge(types.rename("value_type").reset_index().rename(columns={"regime_group": "group"}),
                    on=["year", "group"], how="left")
    out["year"] = out["year"].astype(int)
    out["group"] = out["group"].astype(str)
    return out[["year", "group", "exports", "imports", "value_type"]].sort_values(["year", "group"]).reset_index(drop=True)


@view_cache
def customs_years() -> list[int]:
    """Years with full-year exports and imports of total, ordinary and processing trade in ``customs_regime``."""
    g = regime_groups()
    have = g.groupby("year")["group"].apply(set)
    return sorted(int(y) for y, s in have.items() if {TOTAL, ORDINARY, "processing"} <= s)


@view_cache
def customs_split(year: int) -> pd.DataFrame | None:
    """:func:`split_by_definition` for a year of ``customs_regime`` (USD 100 million), or None."""
    if year not in customs_years():
        return None
    g = regime_groups()
    g = g[g["year"] == year].set_index("group")
    pair = lambda k: (float(g.loc[k, "exports"]), float(g.loc[k, "imports"]))  # noqa: E731
    out = split_by_definition(pair(TOTAL), pair(ORDINARY), pair("processing"))
    out.insert(0, "year", year)
    vt = g.loc[TOTAL, "value_type"]
    out["basis"] = BASIS_PUBLISHED if vt == "published" else BASIS_DERIVED
    return out


