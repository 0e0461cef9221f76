"""UNCTAD FDI flows and stocks (UNCTADstat ``US.FdiFlowsStock``), all economies, 1990-2024.

Only the stock rows (``Flow`` = 09) are kept, inward and outward, in US$
million at current prices. Economies carry M49 codes; ``reference/unctad_economies.csv``
maps them to ISO 3166-1 alpha-3 (WLD for the world, EU27 for the European
Union, ``UNCTAD_<m49>`` for UNCTAD's other groups). Rows UNCTAD marks "Not
applicable" are dropped; values withheld as "Negative accumulation of flows"
stay, empty, with that note.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unique, code_map, map_codes, read_csv, rounded, to_number, to_year

FILE = "japan_fdi/unctad_fdi_flows_stock_all_economies_1990_2024.csv"
VALUE = "US$ at current prices in millions"
RAW_COLUMNS = ["Year", "Economy", "Economy Label", "Flow", "Flow Label", "Direction", "Direction Label", VALUE,
               f"{VALUE} Footnote", f"{VALUE} Missing value"]
DIRECTIONS = {"1": "inward", "2": "outward"}
COLUMNS = ["economy", "economy_label", "year", "direction", "value_usd_mn", "footnote", "missing_note"]


def read(raw: Path) -> pd.DataFrame:
    """The ``fdi_stock_unctad`` table."""
    path = Path(raw) / FILE
    df = read_csv(path, RAW_COLUMNS)
    for col, allowed in (("Flow", {"08", "09"}), ("Direction", set(DIRECTIONS))):
        bad = ~df[col].isin(allowed)
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(f"unexpected {col} code {df[col].iloc[pos]!r}", file=path, row=pos + 2, column=col)
    value = to_number(df[VALUE], path, VALUE)
    codes = map_codes(df["Economy"], code_map("unctad_economies", "m49"), path, "Economy", what="M49 economy code",
                      reference_file="unctad_economies")
    out = pd.DataFrame({
        "economy": codes,
        "economy_label": df["Economy Label"],
        "year": to_year(df["Year"], path, "Year"),
        "direction": df["Direction"].map(DIRECTIONS),
        "value_usd_mn": rounded(value),
        "footnote": df[f"{VALUE} Footnote"],
        "missing_note": df[f"{VALUE} Missing value"],
        "flow": df["Flow"],
    })
    check_unique(out, ["economy", "year", "direction", "flow"], path)
    out = out[(out["flow"] == "09") & (out["missing_note"].fillna("") != "Not applicable")]
    out = out.reset_index(drop=True)
    return out[COLUMNS]
