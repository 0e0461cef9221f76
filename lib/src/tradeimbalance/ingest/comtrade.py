"""UN Comtrade: United States (reporter) trade with China (partner), HS chapters and total, 2016-2025.

Reads ``comtrade_usa_chn_hs/comtrade_usa_reporter_china_partner_hs_2016_2020.csv``
and its continuation ``comtrade_usa_chn_hs_2021_2025/comtrade_usa_reporter_china_partner_hs_2021_2025.csv``
(same columns; in the later file a CIF or FOB value of 0 means "not given" and is
left empty), and keeps aggregation levels 0 (total, ``hs2 = TOTAL``) and 2 (chapters); the
4- and 6-digit levels are left out because every level sums to the total.
``value_usd_mn`` is Comtrade's primary value: imports CIF, exports FOB.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, code_map, read_csv, rounded, to_number, to_year

FILE = "comtrade_usa_chn_hs/comtrade_usa_reporter_china_partner_hs_2016_2020.csv"
#: The continuation past 2020 (same compiler, same columns).
FILE_2021 = "comtrade_usa_chn_hs_2021_2025/comtrade_usa_reporter_china_partner_hs_2021_2025.csv"
RAW_COLUMNS = ["year", "reporter_iso", "partner_iso", "flow", "classification_code", "aggr_level", "cmd_code",
               "cmd_desc", "primary_value", "cifvalue", "fobvalue"]
FLOWS = {"Export": "us_exports", "Import": "us_imports"}
COLUMNS = ["year", "reporter", "partner", "flow", "hs2", "hs_section", "description", "classification",
           "value_usd_mn", "cif_usd_mn", "fob_usd_mn"]


def read(raw: Path) -> pd.DataFrame:
    """The ``comtrade_us_china_hs`` table: both files, checked for overlapping years."""
    first = read_file(Path(raw) / FILE)
    later_path = Path(raw) / FILE_2021
    later = read_file(later_path, zero_is_missing=True)
    overlap = sorted(int(y) for y in set(first["year"]) & set(later["year"]))
    if overlap:
        raise IngestError(f"year(s) {overlap} are in both {FILE} and {FILE_2021}", file=later_path, column="year")
    return pd.concat([first, later], ignore_index=True)[COLUMNS]


def read_file(path: Path, zero_is_missing: bool = False) -> pd.DataFrame:
    """One Comtrade file as rows of the ``comtrade_us_china_hs`` table."""
    df = read_csv(path, RAW_COLUMNS)
    for col, expected in (("reporter_iso", "USA"), ("partner_iso", "CHN")):
        bad = df[col] != expected
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(f"{col} {df[col].iloc[pos]!r} found, expected {expected!r}", file=path,
                              row=pos + 2, column=col)
    bad = ~df["flow"].isin(FLOWS)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"unknown flow {df['flow'].iloc[pos]!r}", file=path, row=pos + 2, column="flow")
    num = {col: to_number(df[col], path, col, allow_blank=(col != "primary_value"))
           for col in ("primary_value", "cifvalue", "fobvalue")}
    if zero_is_missing:  # the 2021-2025 file writes 0 where a CIF or FOB value is not given
        for col in ("cifvalue", "fobvalue"):
            num[col] = num[col].mask(num[col] == 0)
    years = to_year(df["year"], path, "year")
    keep = df["aggr_level"].isin(["0", "2"])
    df, years = df[keep].reset_index(drop=True), years[keep].reset_index(drop=True)
    num = {k: v[keep].reset_index(drop=True) for k, v in num.items()}
    sections = code_map("hs_sections", "hs2", "hs_section")
    hs2 = df["cmd_code"].where(df["aggr_level"] == "2", "TOTAL")
    chapters = hs2 != "TOTAL"
    sec = pd.Series(pd.NA, index=df.index, dtype="string")
    sec[chapters] = hs2[chapters].map(sections)
    if sec[chapters].isna().any():
        bad = hs2[chapters & sec.isna()].iloc[0]
        raise IngestError(f"unknown HS chapter {bad!r}; add it to reference/hs_sections.csv", file=path,
                          column="cmd_code")
    out = pd.DataFrame({
        "year": years,
        "reporter": df["reporter_iso"],
        "partner": df["partner_iso"],
        "flow": df["flow"].map(FLOWS),
        "hs2": hs2,
        "hs_section": sec,
        "description": df["cmd_desc"],
        "classification": df["classification_code"],
        "value_usd_mn": rounded(num["primary_value"] / 1e6),
        "cif_usd_mn": rounded(num["cifvalue"] / 1e6),
        "fob_usd_mn": rounded(num["fobvalue"] / 1e6),
    })
    check_unique(out, ["year", "flow", "hs2"], path)
    return out[COLUMNS]
