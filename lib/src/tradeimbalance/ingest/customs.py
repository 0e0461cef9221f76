"""China Customs (GACC) tables by customs regime, and secondary historical trade-mode points.

- ``gacc_annual/gacc_trade_mode.csv``: table "(5) Imports and Exports by
  Customs Regime" (2019 Jan-Dec, 2023 Jan-Oct) and "(7) Imports by Type of
  Enterprise and by Customs Regime" (2023 and 2024 Jan-Dec imports), values in
  USD 1,000 with the y/y change over the same period of the previous year.
  Previous-year values are derived as ``value / (1 + yoy / 100)`` wherever that
  year and period were not published (2018 from 2019, 2022 from 2023).
- ``gacc_annual/gacc_imports_regime_by_enterprise_type.csv``: imports by regime
  and type of enterprise, 2023-2024.
- ``trade_mode_history/trade_mode_secondary_points.csv``: scattered values
  1982-2017 from news and articles, units as published (converted here).

Regime labels are kept as printed (GACC spells some differently in each
table); ``reference/customs_regimes.csv`` maps every label to its group
(``ordinary``, ``processing`` = Processing and Assembling + Processing with
Imported Materials, ``other``, ``total``). An unknown label is an error.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, check_unit, code_map, map_codes, read_csv, rounded, to_number, to_year

REGIME_FILE = "gacc_annual/gacc_trade_mode.csv"
ENTERPRISE_FILE = "gacc_annual/gacc_imports_regime_by_enterprise_type.csv"
POINTS_FILE = "trade_mode_history/trade_mode_secondary_points.csv"
UNIT = "USD 1,000"
FLOWS = {"exports", "imports"}
REGIME_COLUMNS = ["year", "period", "regime", "regime_group", "flow", "value_usd_mn", "value_type", "yoy_pct",
                  "table_title", "source_url", "note"]
ENTERPRISE_COLUMNS = ["year", "period", "regime", "regime_group", "flow", "enterprise_type", "value_usd_mn",
                      "yoy_pct", "table_title", "source_url", "note"]
POINT_COLUMNS = ["year", "period", "indicator", "flow", "definition", "currency", "value_usd_bn", "value_cny_bn",
                 "share_pct", "published_value", "published_unit", "value_type", "source_type", "publisher",
                 "source_url", "quote", "note"]
#: Published unit of the secondary points -> (currency, factor to billions); None for percentages.
POINT_UNITS = {"USD billion": ("USD", 1.0), "USD 100 million": ("USD", 0.1), "CNY trillion": ("CNY", 1000.0),
               "CNY billion": ("CNY", 1.0), "CNY 100 million": ("CNY", 0.1), "percent": (None, None)}


def _regime_frame(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    """Check units, flows and regime labels of a GACC regime file; return the common columns (USD million)."""
    for pos, unit in enumerate(df["unit"]):
        check_unit(unit, UNIT, path, "unit", row=pos + 2)
    bad = ~df["flow"].isin(FLOWS)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"unknown flow {df['flow'].iloc[pos]!r}", file=path, row=pos + 2, column="flow")
    groups = code_map("customs_regimes", "regime", "regime_group")
    return pd.DataFrame({
        "year": to_year(df["year"], path, "year"),
        "period": df["period"],
        "regime": df["row_label"],
        "regime_group": map_codes(df["row_label"], groups, path, "row_label", what="customs regime label",
                                  reference_file="customs_regimes"),
        "flow": df["flow"],
        "value_usd_mn": to_number(df["value"], path, "value") / 1000.0,
        "yoy_pct": to_number(df["yoy_pct"], path, "yoy_pct"),
        "table_title": df["table_title"],
        "source_url": df["source_url"],
        "note": df["note"],
    })


def derive_previous_year(pub: pd.DataFrame) -> pd.DataFrame:
    """Rows for the previous year, ``value / (1 + yoy / 100)``, where that year/period was not published."""
    have = set(zip(pub["year"], pub["period"], pub["flow"]))
    cand = pub[pub["yoy_pct"].notna() & pub["value_usd_mn"].notna()].copy()
    cand = cand[[(y - 1, p, f) not in have for y, p, f in zip(cand["year"], cand["period"], cand["flow"])]]
    cand["note"] = ("derived: " + (cand["year"]).astype(str) + " value / (1 + y/y % / 100); y/y printed to 0.1 %, "
                    "so about +-0.05 % of the value; GACC compares with revised previous-year data")
    cand["value_usd_mn"] = cand["value_usd_mn"] / (1.0 + cand["yoy_pct"] / 100.0)
    cand["year"] = (cand["year"] - 1).astype("Int64")
    cand["value_type"] = "derived_from_yoy"
    return cand


def read_regimes(raw: Path) -> pd.DataFrame:
    """The ``customs_regime`` table: published rows plus previous-year rows derived from y/y changes."""
    path = Path(raw) / REGIME_FILE
    df = read_csv(path, ["year", "period", "row_label", "flow", "value", "unit", "yoy_pct", "source_url",
                         "table_title", "note"])
    pub = _regime_frame(path, df)
    check_unique(pub, ["year", "period", "regime", "flow"], path)
    pub["value_type"] = "published"
    out = pd.concat([pub, derive_previous_year(pub)], ignore_index=True)
    out["value_usd_mn"] = rounded(out["value_usd_mn"])
    return out[REGIME_COLUMNS]


def read_enterprise(raw: Path) -> pd.DataFrame:
    """The ``customs_regime_enterprise`` table: imports by regime and type of enterprise, 2023-2024."""
    path = Path(raw) / ENTERPRISE_FILE
    df = read_csv(path, ["year", "period", "row_label", "flow", "enterprise_type", "value", "unit", "yoy_pct",
                         "source_url", "table_title", "note"])
    out = _regime_frame(path, df)
    out["enterprise_type"] = df["enterprise_type"]
    out["value_usd_mn"] = rounded(out["value_usd_mn"])
    check_unique(out, ["year", "period", "regime", "flow", "enterprise_type"], path)
    return out[ENTERPRISE_COLUMNS]


def read_points(raw: Path) -> pd.DataFrame:
    """The ``trade_mode_points`` table: secondary historical values, converted to billions or percent."""
    path = Path(raw) / POINTS_FILE
    df = read_csv(path, ["year", "period", "indicator", "flow", "value", "unit", "definition_of_processing",
                         "source_type", "publisher", "source_url", "quote_or_basis", "note"])
    value = to_number(df["value"], path, "value", allow_blank=False)
    cur, fac = [], []
    for pos, unit in enumerate(df["unit"]):
        if unit not in POINT_UNITS:
            raise IngestError(f"unit mismatch: {unit!r} is not one of {sorted(POINT_UNITS)}", file=path,
                              row=pos + 2, column="unit")
        c, f = POINT_UNITS[unit]
        cur.append(c)
        fac.append(float("nan") if f is None else f)
    cur = pd.Series(cur, dtype="string")
    bn = value * pd.Series(fac)
    out = pd.DataFrame({
        "year": to_year(df["year"], path, "year"),
        "period": df["period"],
        "indicator": df["indicator"],
        "flow": df["flow"],
        "definition": df["definition_of_processing"],
        "currency": cur,
        "value_usd_bn": rounded(bn.where(cur == "USD")),
        "value_cny_bn": rounded(bn.where(cur == "CNY")),
        "share_pct": rounded(value.where(df["unit"] == "percent")),
        "published_value": value,
        "published_unit": df["unit"],
        "value_type": df["source_type"].map(lambda s: "derived" if str(s).startswith("derived") else "published"),
        "source_type": df["source_type"],
        "publisher": df["publisher"],
        "source_url": df["source_url"],
        "quote": df["quote_or_basis"],
        "note": df["note"],
    })
    check_unique(out, ["year", "period", "indicator", "flow", "publisher"], path)
    return out[POINT_COLUMNS]
