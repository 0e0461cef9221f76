"""Direct-investment positions between the US, China and Japan (BEA and other points).

Sources, each row keeping its own:

- ``bea_fdius_by_country/fdius_position_by_country_2008_2019.csv``: BEA's
  spreadsheet "Foreign Direct Investment in the United States: Selected Items
  by Detailed Country, 2008-2019" saved as CSV (three title rows, thousands
  separators, suppression codes ``(D)`` = withheld, ``(*)`` = less than
  +/- 500,000 USD, ``--`` = not applicable). Investor = country of the
  immediate foreign parent; host = USA. Names map to codes through
  ``reference/bea_countries.csv``; the residual rows ``Other`` are named after
  the region above them, e.g. ``Other (Europe)``.
- ``statista_usdia_china/usdia_position_china_2000_2017.csv``: BEA's US
  position in China (USDIA, historical cost) as re-published by Statista.
- ``bea_usdia_china/us_china_fdi_positions_points.csv`` and
  ``japan_fdi/japan_fdi_in_us_points.csv``: hand-transcribed points (MOFCOM,
  BEA text, JETRO, IMF CDIS, ...), units as published.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import check_unit, code_map, read_csv, require, rounded, to_number, to_year

FDIUS_FILE = "bea_fdius_by_country/fdius_position_by_country_2008_2019.csv"
STATISTA_FILE = "statista_usdia_china/usdia_position_china_2000_2017.csv"
POINT_FILES = ["bea_usdia_china/us_china_fdi_positions_points.csv", "japan_fdi/japan_fdi_in_us_points.csv"]
FDIUS_UNIT = "[Millions of dollars]"
FDIUS_YEARS = list(range(2008, 2020))
BEA_REGIONS = {"Europe", "Latin America and Other Western Hemisphere", "South and Central America",
               "Other Western Hemisphere", "Africa", "Middle East", "Asia and Pacific"}
FLAGS = {"(D)": "D", "(*)": "*", "--": "--"}
#: series of the points files -> (basis, measure)
SERIES = {
    "china_ofdi_stock_in_us_mofcom": ("mofcom_outward", "position"),
    "china_ofdi_flow_to_us_mofcom": ("mofcom_outward", "flow"),
    "china_fdius_position_bea_text": ("immediate_parent", "position"),
    "china_fdius_position_bea": ("immediate_parent", "position"),
    "usdia_position_in_china_bea": ("affiliate_country", "position"),
    "japan_fdius_position_bea": ("immediate_parent", "position"),
    "japan_fdi_position_in_us_jetro": ("jetro", "position"),
    "japan_outward_di_position_total_imf_cdis": ("imf_cdis", "position"),
    "japan_outward_di_position_total_mof": ("mof_iip", "position"),
    "japan_investment_in_us_text": ("unspecified", "position"),
}
DIRECTIONS = {"China->US": ("CHN", "USA"), "US->China": ("USA", "CHN"), "Japan->US": ("JPN", "USA"),
              "Japan->World": ("JPN", "WLD")}
#: published unit -> factor to USD million (None: another currency, not converted)
UNITS = {"USD million": 1.0, "USD billion": 1000.0, "USD 100 million": 100.0, "JPY billion": None}
COLUMNS = ["year", "investor", "host", "basis", "measure", "value_usd_mn", "flag", "published_value",
           "published_unit", "source", "source_type", "vintage", "series", "source_url", "note"]


def read_fdius(raw: Path) -> pd.DataFrame:
    """BEA FDIUS positions by country of the immediate foreign parent, 2008-2019 (host USA)."""
    path = require(Path(raw) / FDIUS_FILE)
    with open(path, encoding="utf-8-sig") as fh:
        head = [next(fh, "") for _ in range(3)]
    check_unit(head[1].split(",")[0].strip().strip('"'), FDIUS_UNIT, path, "A", row=2)
    df = pd.read_csv(path, skiprows=3, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    name_col = df.columns[0]
    years = {}
    for y in FDIUS_YEARS:
        if str(y) not in df.columns:
            raise IngestError(f"year column {y} not found in the header row", file=path, row=4)
        years[y] = str(y)
    codes = code_map("bea_countries", "name_bea")
    rows, region = [], None
    for pos, rec in enumerate(df.itertuples(index=False)):
        line = pos + 5  # three title rows and the header row come first
        rec = dict(zip(df.columns, rec))
        name = re.sub(r"\s+", " ", rec[name_col]).strip()
        cells = {y: rec[c].strip() for y, c in years.items()}
        if not name:
            if pos == 0:
                name = name_col  # the first data row holds the header's "All countries" totals
            elif any(cells.values()):
                raise IngestError("values in a row without a country name", file=path, row=line, column="A")
            else:
                continue
        name = re.sub(r"\s+\d+$", "", name)  # BEA footnote markers: 'Europe 1', 'Curacao 2'
        if name in BEA_REGIONS:
            region = name
        if name == "Other":
            if region is None:
                raise IngestError("an 'Other' row before any region", file=path, row=line, column="A")
            name = f"Other ({region})"
        if name not in codes:
            raise IngestError(f"unknown BEA country name {name!r}; add it to reference/bea_countries.csv",
                              file=path, row=line, column="A")
        for y, cell in cells.items():
            flag = FLAGS.get(cell)
            if flag == "--" or cell == "":
                continue
            if flag:
                value = float("nan")
            else:
                text = cell.replace(",", "")
                if not re.fullmatch(r"-?\d+(\.\d+)?", text):
                    raise IngestError(f"non-numeric value {cell!r}", file=path, row=line, column=str(y))
                value = float(text)
            rows.append((y, codes[name], value, flag, cell, name))
    out = pd.DataFrame(rows, columns=["year", "investor", "value_usd_mn", "flag", "published_value", "series"])
    dup = out.duplicated(["year", "investor"])
    if dup.any():
        r = out[dup].iloc[0]
        raise IngestError(f"duplicate key: code {r['investor']} ({r['series']}) appears twice for {r['year']}",
                          file=path)
    out["host"] = "USA"
    out["basis"] = "immediate_parent"
    out["measure"] = "position"
    out["published_unit"] = "USD million"
    out["source"] = "BEA FDIUS position by detailed country 2008-2019"
    out["source_type"] = "primary"
    out["vintage"] = "BEA 2020 release (2019 preliminary, 2018 revised)"
    out["series"] = "BEA country row: " + out["series"]
    out["source_url"] = "https://github.com/sabrinasaleh/Data_Munging_Plotting (julie_csv/FDI-USA_beaGOV_.csv, commit c41a6adef8604821f2f893375e031e63bbcfd4c8)"
    out["note"] = out["flag"].map({"D": "(D) suppressed to avoid disclosure of individual companies",
                                   "*": "(*) less than +/- 500,000 USD"})
    return out


def read_statista(raw: Path) -> pd.DataFrame:
    """US direct investment position in China 2000-2017 (BEA, historical cost, via Statista)."""
    path = Path(raw) / STATISTA_FILE
    df = read_csv(path, ["year", "usdia_position_in_china_bn_usd"])
    value = to_number(df["usdia_position_in_china_bn_usd"], path, "usdia_position_in_china_bn_usd",
                      allow_blank=False)
    return pd.DataFrame({
        "year": to_year(df["year"], path, "year"),
        "investor": "USA", "host": "CHN", "basis": "affiliate_country", "measure": "position",
        "value_usd_mn": value * 1000.0, "flag": pd.NA, "published_value": df["usdia_position_in_china_bn_usd"],
        "published_unit": "USD billion",
        "source": "Statista (BEA USDIA position in China)", "source_type": "secondary",
        "vintage": "Statista 2017 (BEA data)", "series": "usdia_position_in_china_bn_usd",
        "source_url": "https://www.statista.com/statistics/188629/united-states-direct-investments-in-china-since-2000/",
        "note": "BEA US direct investment abroad, historical cost, country of the foreign affiliate",
    })


def read_points(raw: Path) -> pd.DataFrame:
    """Hand-transcribed investment points (MOFCOM, BEA text, JETRO, IMF CDIS, MOF), units as published."""
    frames = []
    for fname in POINT_FILES:
        path = Path(raw) / fname
        df = read_csv(path, ["year", "series", "direction", "basis", "value", "unit", "original_publisher",
                             "source_url_or_repo", "source_type", "verification", "note"])
        title_col = next((c for c in ("source_title", "source_title_or_quote") if c in df.columns), None)
        value = to_number(df["value"], path, "value", allow_blank=False)
        recs = []
        for pos, r in df.iterrows():
            line = pos + 2
            if r["series"] not in SERIES:
                raise IngestError(f"unknown series {r['series']!r}", file=path, row=line, column="series")
            if r["direction"] not in DIRECTIONS:
                raise IngestError(f"unknown direction {r['direction']!r}", file=path, row=line, column="direction")
            if r["unit"] not in UNITS:
                raise IngestError(f"unit mismatch: {r['unit']!r} is not one of {sorted(UNITS)}", file=path,
                                  row=line, column="unit")
            basis, measure = SERIES[r["series"]]
            investor, host = DIRECTIONS[r["direction"]]
            factor = UNITS[r["unit"]]
            recs.append({
                "investor": investor, "host": host, "basis": basis, "measure": measure,
                "value_usd_mn": value[pos] * factor if factor is not None else float("nan"),
                "flag": pd.NA, "published_value": df["value"][pos], "published_unit": r["unit"],
                "source": r["original_publisher"], "source_type": r["source_type"].split(" ")[0],
                "vintage": pd.NA, "series": r["series"], "source_url": r["source_url_or_repo"],
                "note": "; ".join(str(x) for x in (r["basis"], r.get(title_col) if title_col else None,
                                                   r["verification"], r["note"]) if isinstance(x, str)),
            })
        out = pd.DataFrame(recs)
        out.insert(0, "year", to_year(df["year"], path, "year"))
        frames.append(out)
    return pd.concat(frames, ignore_index=True)


def read(raw: Path) -> pd.DataFrame:
    """The ``fdi_positions`` table (all sources stacked, one ``source`` per row)."""
    out = pd.concat([read_fdius(raw), read_statista(raw), read_points(raw)], ignore_index=True)
    out["value_usd_mn"] = rounded(out["value_usd_mn"])
    return out[COLUMNS]
