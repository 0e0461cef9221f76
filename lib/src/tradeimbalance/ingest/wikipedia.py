"""China-reported bilateral totals for 2017 and 2023, transcribed from Wikipedia tables (secondary).

Reads ``china_bilateral_wikipedia_2017_2023/china_reported_bilateral_2017_2023_wikipedia.csv``:
one row per year and partner, USD billion as printed (exports FOB, imports CIF), each row with
the table title and page it came from. Every row of the table is marked secondary and carries
its source, unit and licence, because the figures are a hand transcription of an encyclopedia
table that quotes China Customs, not the customs release itself.

Checks: the partner is one the project knows (``PARTNERS``), the year is 2017 or 2023, and the
printed numbers agree (exports + imports = total within 0.3, exports - imports = balance within
0.1, the tolerances the transcription was checked to).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, read_csv, rounded, to_number, to_year

FOLDER = "china_bilateral_wikipedia_2017_2023"
FILE = f"{FOLDER}/china_reported_bilateral_2017_2023_wikipedia.csv"
RAW_COLUMNS = ["year", "partner", "total_trade_bn_usd", "china_exports_bn_usd", "china_imports_bn_usd",
               "trade_balance_bn_usd", "table_title", "source_url"]
#: Partner names as printed -> the project's partner codes (see the partners table).
PARTNERS = {"Total": "WLD", "United States": "USA", "European Union": "EU", "Japan": "JPN", "South Korea": "KOR",
            "Taiwan": "TWN", "ASEAN": "ASEAN", "Hong Kong": "HKG", "Germany": "DEU"}
#: What "European Union" means in each table.
EU_MEMBERS = {2017: "EU-28 (including the United Kingdom)", 2023: "EU-27"}
SOURCE = "Wikipedia, 'List of the largest trading partners of China' (table quoting China Customs)"
LICENCE = "CC BY-SA (Wikipedia text); figures are China Customs statistics"
UNIT = "USD billion"
TOL_TOTAL, TOL_BALANCE = 0.3, 0.1
COLUMNS = ["year", "reporter", "partner", "partner_name", "partner_definition", "exports_usd_bn", "imports_usd_bn",
           "total_usd_bn", "balance_usd_bn", "unit", "secondary", "source", "table_title", "source_url", "licence"]


def read(raw: Path) -> pd.DataFrame:
    """The ``china_bilateral_secondary`` table."""
    path = Path(raw) / FILE
    df = read_csv(path, RAW_COLUMNS)
    years = to_year(df["year"], path, "year")
    bad = ~years.isin([2017, 2023])
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise IngestError(f"year {years.iloc[pos]} not expected (the tables are for 2017 and 2023)", file=path,
                          row=pos + 2, column="year")
    unknown = ~df["partner"].isin(PARTNERS)
    if unknown.any():
        pos = int(unknown.to_numpy().nonzero()[0][0])
        raise IngestError(f"unknown partner {df['partner'].iloc[pos]!r}; add it to wikipedia.PARTNERS", file=path,
                          row=pos + 2, column="partner")
    num = {c: to_number(df[c], path, c, allow_blank=False) for c in RAW_COLUMNS[2:6]}
    t, x, m, b = (num[c] for c in ("total_trade_bn_usd", "china_exports_bn_usd", "china_imports_bn_usd",
                                   "trade_balance_bn_usd"))
    for label, gap, tol, col in (("exports + imports differs from the total", (x + m - t).abs(), TOL_TOTAL,
                                  "total_trade_bn_usd"),
                                 ("exports - imports differs from the balance", (x - m - b).abs(), TOL_BALANCE,
                                  "trade_balance_bn_usd")):
        bad = gap > tol + 1e-9
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(f"{label} by {gap.iloc[pos]:.2f} bn (more than {tol})", file=path, row=pos + 2,
                              column=col)
    partner = df["partner"].map(PARTNERS)
    definition = pd.Series([EU_MEMBERS[int(y)] if p == "EU" else "" for y, p in zip(years, partner)],
                           dtype="string").replace("", pd.NA)
    out = pd.DataFrame({
        "year": years,
        "reporter": "CHN",
        "partner": partner,
        "partner_name": df["partner"],
        "partner_definition": definition,
        "exports_usd_bn": rounded(x),
        "imports_usd_bn": rounded(m),
        "total_usd_bn": rounded(t),
        "balance_usd_bn": rounded(b),
        "unit": UNIT,
        "secondary": True,
        "source": SOURCE,
        "table_title": df["table_title"],
        "source_url": df["source_url"],
        "licence": LICENCE,
    })
    check_unique(out, ["year", "partner"], path)
    return out[COLUMNS]
