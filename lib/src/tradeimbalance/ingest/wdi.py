"""World Bank World Development Indicators, long CSV per indicator.

Each file has the columns ``Country Name, Country Code, Year, Value`` (the
layout of the ``datasets/world-development-indicators`` data package, one file
per indicator). The reader joins the six indicators into one row per
country-year, one column per indicator.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, read_csv, rounded, to_number, to_year

#: File name -> output column. Units are in the table descriptor.
INDICATORS = {
    "ny.gdp.mktp.cd.csv": "gdp_usd",
    "ne.exp.gnfs.zs.csv": "exports_gs_pct_gdp",
    "ne.imp.gnfs.zs.csv": "imports_gs_pct_gdp",
    "tx.val.mrch.cd.wt.csv": "merch_exports_usd",
    "tm.val.mrch.cd.wt.csv": "merch_imports_usd",
    "bn.cab.xoka.cd.csv": "current_account_usd",
}
RAW_COLUMNS = ["Country Name", "Country Code", "Year", "Value"]
COLUMNS = ["country", "country_name", "year", *INDICATORS.values()]


def read_indicator(path: Path, column: str) -> pd.DataFrame:
    """One WDI indicator file as ``country, country_name, year, <column>``."""
    raw = read_csv(path, RAW_COLUMNS)
    codes = raw["Country Code"]
    if codes.isna().any():
        pos = int(codes.isna().to_numpy().nonzero()[0][0])
        raise IngestError("empty country code", file=path, row=pos + 2, column="Country Code")
    df = pd.DataFrame({
        "country": codes.str.strip().astype("string"),
        "country_name": raw["Country Name"].astype("string"),
        "year": to_year(raw["Year"], path, "Year"),
        column: to_number(raw["Value"], path, "Value"),
    })
    check_unique(df, ["country", "year"], path)
    return df.dropna(subset=[column])


def read(raw: Path) -> pd.DataFrame:
    """The ``macro`` table: every country and aggregate of WDI, 1960-2025, six indicators wide."""
    folder = Path(raw) / "worldbank_wdi"
    merged = None
    names = []
    for fname, column in INDICATORS.items():
        df = read_indicator(folder / fname, column)
        names.append(df[["country", "country_name"]])
        df = df.drop(columns="country_name")
        merged = df if merged is None else merged.merge(df, on=["country", "year"], how="outer")
    name_map = pd.concat(names).drop_duplicates("country").set_index("country")["country_name"]
    merged.insert(1, "country_name", merged["country"].map(name_map).astype("string"))
    for column in INDICATORS.values():
        merged[column] = rounded(merged[column])
    return merged[COLUMNS]
