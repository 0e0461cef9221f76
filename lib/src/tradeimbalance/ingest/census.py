"""US Census Bureau international trade by HS chapter (US-reported), monthly files summed to years.

- ``census_us_hs2_partner/us_imports_for_consumption_hs2_monthly_2016_2020.csv``:
  imports for consumption (``CON_VAL_MO``, customs value) and calculated duties,
  China, Japan, Korea and all countries, 2016-01..2020-12.
- ``census_us_hs2_partner/us_exports_hs2_monthly_2016_2020.csv``: total exports
  (``ALL_VAL_MO``, f.a.s.), the same partners plus Hong Kong, 2016-01..2020-11;
  its ``00`` all-products rows are checked against the chapter sums and dropped.

``months`` counts the months summed (exports 2020 = 11). Chapters get their HS
section from ``reference/hs_sections.csv``; partners are coded through
``reference/census_partners.csv``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import code_map, map_codes, read_csv, rounded, to_number

IMPORTS = "census_us_hs2_partner/us_imports_for_consumption_hs2_monthly_2016_2020.csv"
EXPORTS = "census_us_hs2_partner/us_exports_hs2_monthly_2016_2020.csv"
COLUMNS = ["year", "partner", "flow", "hs2", "hs_section", "value_usd_mn", "duty_usd_mn", "months"]


def _monthly(path: Path, value_col: str, extra: list[str]) -> pd.DataFrame:
    """Read one Census monthly file into ``partner, hs2, month, year, value`` (+ ``extra``), checking keys."""
    df = read_csv(path, ["cty_name", "hs2", "month", value_col, *extra])
    partners = code_map("census_partners", "cty_name")
    bad = ~df["month"].str.fullmatch(r"\d{4}-\d{2}").fillna(False)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"not a month (YYYY-MM): {df['month'].iloc[pos]!r}", file=path, row=pos + 2,
                          column="month")
    bad = ~df["hs2"].str.fullmatch(r"\d{2}").fillna(False)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"not an HS chapter: {df['hs2'].iloc[pos]!r}", file=path, row=pos + 2, column="hs2")
    out = pd.DataFrame({
        "partner": map_codes(df["cty_name"], partners, path, "cty_name", what="Census country name",
                             reference_file="census_partners"),
        "hs2": df["hs2"],
        "month": df["month"],
        "year": df["month"].str[:4].astype(int),
        "value": to_number(df[value_col], path, value_col, allow_blank=False),
    })
    for c in extra:
        out[c] = to_number(df[c], path, c, allow_blank=False)
    dup = out.duplicated(["partner", "hs2", "month"])
    if dup.any():
        pos = int(dup.to_numpy().nonzero()[0][0])
        raise IngestError(f"duplicate key partner/hs2/month {tuple(out.loc[pos, ['partner', 'hs2', 'month']])}",
                          file=path, row=pos + 2)
    return out


def _annual(df: pd.DataFrame, flow: str, extra: list[str]) -> pd.DataFrame:
    """Sum monthly rows to calendar years, counting the months summed."""
    agg = {"value": "sum", "month": "nunique", **{c: "sum" for c in extra}}
    out = df.groupby(["year", "partner", "hs2"], as_index=False).agg(agg)
    out = out.rename(columns={"month": "months"})
    out["flow"] = flow
    return out


def read(raw: Path) -> pd.DataFrame:
    """The ``us_trade_hs`` table: US imports for consumption and US exports by partner and HS chapter, per year."""
    sections = code_map("hs_sections", "hs2", "hs_section")
    imp_path, exp_path = Path(raw) / IMPORTS, Path(raw) / EXPORTS
    imp = _annual(_monthly(imp_path, "imports_for_consumption_usd", ["calculated_duty_usd"]),
                  "us_imports_consumption", ["calculated_duty_usd"])
    exp_m = _monthly(exp_path, "total_exports_usd", [])
    total = exp_m[exp_m["hs2"] == "00"].groupby(["partner", "month"])["value"].sum()
    chapters = exp_m[exp_m["hs2"] != "00"].groupby(["partner", "month"])["value"].sum()
    diff = (chapters.reindex(total.index) - total).abs()
    if (diff > 1.0).any():
        k = diff[diff > 1.0].index[0]
        raise IngestError(f"chapters do not add up to the all-products row for {k}: difference {diff[k]:,.0f} USD",
                          file=exp_path, column="total_exports_usd")
    exp = _annual(exp_m[exp_m["hs2"] != "00"], "us_exports", [])
    out = pd.concat([imp, exp], ignore_index=True)
    out["hs_section"] = map_codes(out["hs2"], sections, imp_path, "hs2", what="HS chapter",
                                  reference_file="hs_sections")
    out["value_usd_mn"] = rounded(out["value"] / 1e6)
    out["duty_usd_mn"] = rounded(out["calculated_duty_usd"] / 1e6)
    out["year"] = out["year"].astype("Int64")
    out["months"] = out["months"].astype("Int64")
    return out[COLUMNS]
