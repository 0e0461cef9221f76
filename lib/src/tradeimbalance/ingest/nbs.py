"""NBS regional annual data: total trade (exports + imports) by province, two bases.

Files (thousand US dollars): ``A060101`` by location of importers/exporters and
``A060201`` by domestic destination/source of goods. Provinces are coded
ISO 3166-2:CN through ``reference/provinces.csv`` (6-digit administrative code).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, code_map, map_codes, read_csv, rounded, to_number, to_year

FILES = {
    "location_of_importers_exporters": ("nbs_province_trade_totals/province_trade_by_location_of_importers_exporters_2016_2024.csv", "A060101"),
    "domestic_destination_source": ("nbs_province_trade_totals/province_trade_by_domestic_destination_source_2016_2024.csv", "A060201"),
}
RAW_COLUMNS = ["indicator_code", "indicator_name", "region_code", "region_name", "year", "value_thousand_usd"]
COLUMNS = ["province", "province_en", "province_zh", "year", "basis", "value_usd_mn", "indicator_code"]


def read(raw: Path) -> pd.DataFrame:
    """The ``province_trade_totals`` table (31 provinces, 2016-2024, USD million)."""
    codes = code_map("provinces", "region_code", "province")
    names_en = code_map("provinces", "region_code", "name_en")
    frames = []
    for basis, (fname, indicator) in FILES.items():
        path = Path(raw) / fname
        df = read_csv(path, RAW_COLUMNS)
        bad = df["indicator_code"] != indicator
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(f"indicator {df['indicator_code'].iloc[pos]!r} found, expected {indicator!r}",
                              file=path, row=pos + 2, column="indicator_code")
        out = pd.DataFrame({
            "province": map_codes(df["region_code"], codes, path, "region_code", what="region code",
                                  reference_file="provinces"),
            "province_en": df["region_code"].map(names_en),
            "province_zh": df["region_name"],
            "year": to_year(df["year"], path, "year"),
            "basis": basis,
            "value_usd_mn": rounded(to_number(df["value_thousand_usd"], path, "value_thousand_usd",
                                              allow_blank=False) / 1000.0),
            "indicator_code": df["indicator_code"],
        })
        check_unique(out, ["province", "year"], path)
        frames.append(out)
    return pd.concat(frames, ignore_index=True)[COLUMNS]
