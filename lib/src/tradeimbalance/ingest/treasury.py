"""US Treasury designations of China as a currency manipulator (hand-transcribed points with quotes)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import read_csv, to_year

FILE = "us_treasury_currency_manipulator/china_currency_manipulator_designations.csv"
RAW_COLUMNS = ["year", "date", "event", "treasury_report_or_action", "verification", "quote", "source_url",
               "source_type"]
COLUMNS = ["year", "date", "event", "treasury_report_or_action", "verification", "quote", "source_url",
           "source_type"]


def read(raw: Path) -> pd.DataFrame:
    """The ``currency_designations`` table (one row per year or event, ``date`` as ``YYYY``, ``YYYY-MM`` or ISO date)."""
    path = Path(raw) / FILE
    df = read_csv(path, RAW_COLUMNS)
    df["year"] = to_year(df["year"], path, "year")
    bad = df["date"].notna() & ~df["date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?( .*)?").fillna(False)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"not a date: {df['date'].iloc[pos]!r}", file=path, row=pos + 2, column="date")
    return df[COLUMNS]
