"""The introduction's measures: goods balances (customs, balance of payments, WDI, DOTS) in yuan, US dollars and
as a share of GDP, and the current account as a share of GDP. Pure functions of the tables in ``data/``."""

from __future__ import annotations

import pandas as pd

from ...data import load, view_cache


@view_cache
def goods_balance_pct_gdp(basis: str = "wdi") -> pd.DataFrame:
    """Goods balance as a share of GDP (percent) by country and year.

    ``basis="wdi"``: WTO merchandise exports minus imports (WDI ``TX/TM.VAL.MRCH.CD.WT``)
    over GDP in current US dollars (WDI), for every country in ``macro``.
    ``basis="dots"``: China's exports minus imports with the world as China reports
    them to the IMF (DOTS), over the same GDP; China only.
    Columns: country, year, balance_usd_bn, gdp_usd_bn, balance_pct_gdp.
    """
    macro = load("macro")
    gdp = macro.set_index(["country", "year"])["gdp_usd"]
    if basis == "wdi":
        bal = (macro["merch_exports_usd"] - macro["merch_imports_usd"]).to_numpy()
        out = pd.DataFrame({"country": macro["country"].astype(str), "year": macro["year"].astype(int), "balance_usd_bn": bal / 1e9})
    elif basis == "dots":
        bt = load("bilateral_trade")
        w = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "WLD")]
        w = w.pivot_table(index="year", columns="flow", values="value_usd_mn", observed=True)
        out = pd.DataFrame({"country": "CHN", "year": w.index.astype(int), "balance_usd_bn": ((w["exports"] - w["imports"]) / 1000).to_numpy()})
    else:
        raise ValueError(f"basis must be 'wdi' or 'dots', not {basis!r}")
    keys = pd.DataFrame({"country": macro["country"].astype(str).to_numpy(), "year": macro["year"].astype(int).to_numpy(),
                         "gdp": gdp.astype("float64").to_numpy()})
    out["gdp_usd_bn"] = out[["country", "year"]].merge(keys, on=["country", "year"], how="left")["gdp"].to_numpy() / 1e9
    out["balance_pct_gdp"] = out["balance_usd_bn"] / out["gdp_usd_bn"] * 100
    return out.dropna(subset=["balance_pct_gdp"]).reset_index(drop=True)


def goods_balance_share(country: str, year: int, basis: str = "wdi") -> float | None:
    """One country's goods balance as a percent of GDP in ``year`` (None if not covered)."""
    df = goods_balance_pct_gdp(basis)
    row = df[(df["country"] == country) & (df["year"] == year)]
    return None if row.empty else float(row["balance_pct_gdp"].iloc[0])


def goods_balance_share_earlier_gdp(country: str, year: int, basis: str = "dots") -> dict[str, float] | None:
    """The goods balance of :func:`goods_balance_pct_gdp` over GDP in an earlier World Bank vintage
    (``gdp_vintages``) instead of the current one: ``{gdp_usd_bn, gdp_now_usd_bn, balance_pct_gdp}``,
    or None where no earlier vintage of that GDP is recorded."""
    vint = load("gdp_vintages")
    earlier = vint[(vint["country"] == country) & (vint["year"] == year) & (vint["vintage"] == "earlier")]
    df = goods_balance_pct_gdp(basis)
    row = df[(df["country"] == country) & (df["year"] == year)]
    if earlier.empty or row.empty:
        return None
    gdp = float(earlier["gdp_usd_bn"].iloc[0])
    return {"gdp_usd_bn": gdp, "gdp_now_usd_bn": float(row["gdp_usd_bn"].iloc[0]),
            "balance_pct_gdp": float(row["balance_usd_bn"].iloc[0]) / gdp * 100}


def customs_goods_cny(year: int) -> dict[str, float] | None:
    """China's customs-basis goods exports, imports and balance in CNY trillion (``bop_china``)."""
    bop = load("bop_china")
    sel = bop[(bop["year"] == year) & (bop["currency"] == "CNY")].set_index("item")["value_bn"]
    items = ("goods_exports_customs", "goods_imports_customs")
    if not all(i in sel.index for i in items):
        return None
    exp, imp = float(sel["goods_exports_customs"]) / 1000, float(sel["goods_imports_customs"]) / 1000
    return {"exports": exp, "imports": imp, "balance": exp - imp}


def customs_balance_usd(year: int) -> float | None:
    """China Customs total exports minus imports for ``year`` in USD bn (``customs_regime``, full year).

    2019 is published; 2018 is backed out of the 2019 year-on-year changes.
    """
    cr = load("customs_regime")
    sel = cr[(cr["year"] == year) & (cr["regime_group"] == "total") & (cr["period"] == "Jan-Dec")]
    flows = sel.groupby("flow", observed=True)["value_usd_mn"].sum()
    if not {"exports", "imports"} <= set(flows.index):
        return None
    return float(flows["exports"] - flows["imports"]) / 1000


def bop_usd(year: int, item: str, release: str | None = None) -> float | None:
    """A SAFE balance-of-payments item for ``year`` in USD bn (official annual release preferred)."""
    bop = load("bop_china")
    sel = bop[(bop["year"] == year) & (bop["currency"] == "USD") & (bop["item"] == item)]
    if release:
        sel = sel[sel["release"].astype(str).str.contains(release)]
    if sel.empty:
        return None
    official = sel[sel["release"].astype(str).str.startswith("official")]
    return float((official if len(official) else sel)["value_bn"].iloc[0])


def current_account_pct_gdp(year: int) -> float | None:
    """China's current account over GDP (percent), both from the WDI vintage in ``macro``."""
    m = load("macro")
    row = m[(m["country"] == "CHN") & (m["year"] == year)]
    if row.empty or pd.isna(row["current_account_usd"].iloc[0]):
        return None
    return float(row["current_account_usd"].iloc[0] / row["gdp_usd"].iloc[0] * 100)


def safe_first_release_ca_pct(year: int) -> float | None:
    """The current-account-to-GDP ratio as SAFE first published it (``bop_china``), percent, if present."""
    bop = load("bop_china")
    sel = bop[(bop["year"] == year) & (bop["item"] == "current_account_pct_gdp")]
    return None if sel.empty else float(sel["value_pct"].iloc[0])
