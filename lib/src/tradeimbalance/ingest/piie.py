"""PIIE compilation of China's imports from the United States by 8-digit tariff line, 2017 (China-reported, ITC Trade Map).

Reads ``piie_china_imports_from_us_2017/china_imports_from_us_hs8_2017.csv``
(thousand US dollars, CIF) and sums the tariff lines to HS chapters.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, code_map, map_codes, read_csv, rounded, to_number

FILE = "piie_china_imports_from_us_2017/china_imports_from_us_hs8_2017.csv"
VALUE = "china_imports_from_us_2017_thousand_usd"
COLUMNS = ["year", "reporter", "partner", "hs2", "hs_section", "value_usd_mn", "tariff_lines"]


def read(raw: Path) -> pd.DataFrame:
    """The ``china_imports_from_us_2017`` table (one row per HS chapter)."""
    path = Path(raw) / FILE
    df = read_csv(path, ["hs8", "hs2", "hs_section", "product_description", "piie_sector", VALUE])
    bad = ~df["hs8"].str.fullmatch(r"\d{8}").fillna(False)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"not an 8-digit tariff line: {df['hs8'].iloc[pos]!r}", file=path, row=pos + 2,
                          column="hs8")
    check_unique(df, ["hs8"], path)
    df["value"] = to_number(df[VALUE], path, VALUE)
    df["hs2"] = df["hs8"].str[:2]
    sections = code_map("hs_sections", "hs2", "hs_section")
    df["hs_section"] = map_codes(df["hs2"], sections, path, "hs8", what="HS chapter", reference_file="hs_sections")
    out = df.groupby(["hs2", "hs_section"], as_index=False).agg(value=("value", "sum"), tariff_lines=("hs8", "size"))
    out["value_usd_mn"] = rounded(out["value"] / 1000.0)
    out["year"], out["reporter"], out["partner"] = 2017, "CHN", "USA"
    return out[COLUMNS]
