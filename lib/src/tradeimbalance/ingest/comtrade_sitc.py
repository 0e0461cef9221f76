"""UN Comtrade: China (reporter) trade with ten partners by SITC Rev. 4 division, 2010-2018 -> aggregates only.

Reads the four CSV exports of ``comtrade_china_sitc_partner_2010_2018/`` and keeps
only the aggregates the book uses, per partner, year and flow: the total of all
divisions (``all``) and machinery and electrical equipment, SITC divisions 71-77
(``sitc_71_77``, the closest SITC counterpart of HS section XVI, chapters 84-85).
UN Comtrade's terms restrict redistribution of its data, so the division-level
rows are not written to ``data/``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import read_csv, rounded, to_number, to_year

FOLDER = "comtrade_china_sitc_partner_2010_2018"
FILES = [
    "comtrade_chn_sitc4_2010_2014_hkg_deu_jpn_kor_usa.csv",
    "comtrade_chn_sitc4_2015_2018_hkg_deu_jpn_kor_usa.csv",
    "comtrade_chn_sitc4_2010_2014_aus_fra_ind_rus_vnm.csv",
    "comtrade_chn_sitc4_2015_2018_aus_fra_ind_rus_vnm.csv",
]
RAW_COLUMNS = ["Classification", "Year", "Aggregate Level", "Trade Flow", "Reporter ISO", "Partner ISO",
               "Commodity Code", "Trade Value (US$)"]
FLOWS = {"Export": "exports", "Import": "imports"}
#: SITC Rev. 4 divisions 71-77: machinery and electrical equipment (SITC 7 without road vehicles 78 and other transport 79).
MACHINERY = [str(d) for d in range(71, 78)]
COLUMNS = ["year", "reporter", "partner", "flow", "product_group", "value_usd_mn", "divisions"]


def read_divisions(raw: Path) -> pd.DataFrame:
    """The division-level rows of all four files (``year, partner, flow, division, value_usd``), checked."""
    frames = []
    for name in FILES:
        path = Path(raw) / FOLDER / name
        df = read_csv(path, RAW_COLUMNS)
        for col, expected in (("Classification", "S4"), ("Aggregate Level", "2"), ("Reporter ISO", "CHN")):
            bad = df[col] != expected
            if bad.any():
                pos = int(bad.to_numpy().nonzero()[0][0])
                raise IngestError(f"{col} {df[col].iloc[pos]!r} found, expected {expected!r}", file=path,
                                  row=pos + 2, column=col)
        bad = ~df["Trade Flow"].isin(FLOWS)
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(f"unknown trade flow {df['Trade Flow'].iloc[pos]!r}", file=path, row=pos + 2,
                              column="Trade Flow")
        code = df["Commodity Code"].astype("string")
        bad = ~code.str.fullmatch(r"\d{2}").fillna(False)
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise IngestError(f"commodity code {code.iloc[pos]!r} is not an SITC division (two digits)", file=path,
                              row=pos + 2, column="Commodity Code")
        frames.append(pd.DataFrame({
            "year": to_year(df["Year"], path, "Year"),
            "partner": df["Partner ISO"],
            "flow": df["Trade Flow"].map(FLOWS),
            "division": code,
            "value_usd": to_number(df["Trade Value (US$)"], path, "Trade Value (US$)", allow_blank=False),
        }))
    out = pd.concat(frames, ignore_index=True)
    dup = out.duplicated(["year", "partner", "flow", "division"])
    if dup.any():
        r = out[dup].iloc[0]
        raise IngestError(f"division {r['division']} of {r['partner']} {r['year']} {r['flow']} appears twice",
                          file=Path(raw) / FOLDER)
    return out


def read(raw: Path) -> pd.DataFrame:
    """The ``comtrade_china_sitc`` table: totals and SITC 71-77 by partner, year and flow (USD million)."""
    div = read_divisions(raw)
    keys = ["year", "partner", "flow"]
    total = div.groupby(keys, as_index=False).agg(value_usd=("value_usd", "sum"), divisions=("division", "size"))
    total["product_group"] = "all"
    mach = div[div["division"].isin(MACHINERY)]
    mach = mach.groupby(keys, as_index=False).agg(value_usd=("value_usd", "sum"), divisions=("division", "size"))
    mach["product_group"] = "sitc_71_77"
    out = pd.concat([total, mach], ignore_index=True)
    out["reporter"] = "CHN"
    out["value_usd_mn"] = rounded(out["value_usd"] / 1e6)
    return out[COLUMNS]
