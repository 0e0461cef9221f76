"""China's balance of payments as published by SAFE (and customs/MOFCOM points quoted with it).

Reads ``safe_bop/china_bop_goods_services_annual.csv``: one published number
per row, with the unit as published (``billion``, ``100 million`` = 亿,
``trillion``, or ``percent of GDP``) and the release (vintage) it comes from.
Values are converted to billions of the row's currency (``value_bn``);
percentages go to ``value_pct``. Every vintage is kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, read_csv, rounded, to_number, to_year

FILE = "safe_bop/china_bop_goods_services_annual.csv"
RAW_COLUMNS = ["year", "item", "currency", "value", "unit", "basis", "release", "release_date", "publisher",
               "source_url", "source_type", "verification", "note"]
#: Published unit -> factor to billions (None: a percentage).
UNIT_TO_BN = {"billion": 1.0, "100 million": 0.1, "trillion": 1000.0, "percent of GDP": None}
CURRENCIES = {"USD", "CNY"}
COLUMNS = ["year", "item", "currency", "value_bn", "value_pct", "published_value", "published_unit", "basis",
           "release", "release_date", "publisher", "source_url", "source_type", "verification", "note"]


def read(raw: Path) -> pd.DataFrame:
    """The ``bop_china`` table."""
    path = Path(raw) / FILE
    df = read_csv(path, RAW_COLUMNS)
    value = to_number(df["value"], path, "value", allow_blank=False)
    for pos, (unit, cur) in enumerate(zip(df["unit"], df["currency"])):
        if unit not in UNIT_TO_BN:
            raise IngestError(f"unit mismatch: {unit!r} is not one of {sorted(UNIT_TO_BN)}", file=path,
                              row=pos + 2, column="unit")
        if cur not in CURRENCIES:
            raise IngestError(f"unknown currency {cur!r}", file=path, row=pos + 2, column="currency")
    factor = df["unit"].map(lambda u: UNIT_TO_BN[u] if UNIT_TO_BN[u] is not None else float("nan"))
    is_pct = df["unit"] == "percent of GDP"
    out = pd.DataFrame({
        "year": to_year(df["year"], path, "year"),
        "item": df["item"],
        "currency": df["currency"],
        "value_bn": rounded(value * factor),
        "value_pct": rounded(value.where(is_pct)),
        "published_value": value,
        "published_unit": df["unit"],
        "basis": df["basis"],
        "release": df["release"],
        "release_date": df["release_date"],
        "publisher": df["publisher"],
        "source_url": df["source_url"],
        "source_type": df["source_type"],
        "verification": df["verification"],
        "note": df["note"],
    })
    check_unique(out, ["year", "item", "currency", "release"], path)
    return out[COLUMNS]
