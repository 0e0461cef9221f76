"""IMF Direction of Trade Statistics (DOTS) country workbooks.

Reads the workbooks exactly as data.imf.org exports them ("Exports, FOB to
Partner Countries" / "Imports, CIF from Partner Countries"), one workbook per
reporter, with two sheets:

- row 4, column B: the reporter's name; row 5, column B: the unit, which must be
  ``US Dollars, Millions``;
- row 7, from column C: the years;
- from row 8: the partner name in column B, then one value per year. A value
  ending in ``" e"`` is an IMF estimate; a blank cell means no data (dropped).

The first data row (``Australia``) repeats the later alphabetical ``Australia``
row; exact duplicates are dropped, a duplicated name with different values is
an error. Every partner name, aggregates included, must be in
``reference/dots_partners.csv``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import code_map, reference, require, rounded, year_of

#: Sheet name -> value of the ``flow`` column.
SHEETS = {"Exports, FOB": "exports", "Imports, CIF": "imports"}
UNIT = "US Dollars, Millions"
REPORTER_ROW, UNIT_ROW, YEAR_ROW, FIRST_DATA_ROW = 4, 5, 7, 8
NAME_COL, FIRST_VALUE_COL = 2, 3  # 1-based: B, C

#: The 15 workbooks used, with the reporter code each must hold.
REPORTER_FILES = {
    "DOTS_40.xlsx": "CHN",
    "DOTS_41.xlsx": "HKG",
    "DOTS_208.xlsx": "USA",
    "DOTS_101.xlsx": "JPN",
    "DOTS_106.xlsx": "KOR",
    "DOTS_11.xlsx": "AUS",
    "DOTS_230.xlsx": "EU27",
    "DOTS_77.xlsx": "DEU",
    "DOTS_93.xlsx": "IND",
    "DOTS_94.xlsx": "IDN",
    "DOTS_120.xlsx": "MYS",
    "DOTS_157.xlsx": "PHL",
    "DOTS_173.xlsx": "SGP",
    "DOTS_194.xlsx": "THA",
    "DOTS_213.xlsx": "VNM",
}

COLUMNS = ["reporter", "partner", "flow", "year", "value_usd_mn", "estimated"]
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _col_letter(col: int) -> str:
    """Spreadsheet column letter of a 1-based column number (3 -> 'C')."""
    s = ""
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_cell(value, path: Path, sheet: str, row: int, col: int) -> tuple[float, bool] | None:
    """Parse one DOTS value cell into ``(value, estimated)``; ``None`` for a blank cell.

    Numbers pass through; text must be a number optionally followed by the IMF
    estimate flag ``" e"``. Anything else raises :class:`IngestError`.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise IngestError(f"non-numeric value {value!r}", file=path, sheet=sheet, row=row, column=_col_letter(col))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        return float(value), False
    text = str(value).strip()
    if not text:
        return None
    estimated = False
    if text.endswith(" e"):
        text, estimated = text[:-2].strip(), True
    text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise IngestError(f"non-numeric value {value!r}", file=path, sheet=sheet, row=row, column=_col_letter(col))
    return float(text), estimated


def read_sheet(path: Path, rows: list, sheet: str, flow: str, partner_codes: dict[str, str]) -> tuple[str, list[tuple]]:
    """Read one DOTS sheet, given as its rows of cell values from A1 (``None`` for a blank cell).

    Returns the reporter name (row 4) and ``(partner, flow, year, value, est)`` rows.
    """
    if len(rows) < FIRST_DATA_ROW:
        raise IngestError("sheet has fewer rows than the DOTS layout needs", file=path, sheet=sheet)

    def cell(r: int, c: int):
        row = rows[r - 1]
        return row[c - 1] if len(row) >= c else None

    reporter = cell(REPORTER_ROW, NAME_COL)
    if not isinstance(reporter, str) or not reporter.strip():
        raise IngestError("reporter name missing", file=path, sheet=sheet, row=REPORTER_ROW, column="B")
    unit = cell(UNIT_ROW, NAME_COL)
    if (unit or "").strip() != UNIT:
        raise IngestError(f"unit mismatch: expected {UNIT!r}, found {unit!r}", file=path, sheet=sheet,
                          row=UNIT_ROW, column="B")

    header = rows[YEAR_ROW - 1]
    years: dict[int, int] = {}
    for c in range(FIRST_VALUE_COL, len(header) + 1):
        h = header[c - 1]
        if h is None or (isinstance(h, str) and not h.strip()):
            continue
        year = year_of(h)
        if year is None:
            raise IngestError(f"year header is not a year: {h!r}", file=path, sheet=sheet, row=YEAR_ROW,
                              column=_col_letter(c))
        years[c] = year
    if not years:
        raise IngestError("no years found in the header row", file=path, sheet=sheet, row=YEAR_ROW)
    if len(set(years.values())) != len(years):
        raise IngestError("a year appears twice in the header row", file=path, sheet=sheet, row=YEAR_ROW)

    seen: dict[str, tuple[int, dict]] = {}
    out: list[tuple] = []
    for r in range(FIRST_DATA_ROW, len(rows) + 1):
        row = rows[r - 1]
        name = row[NAME_COL - 1] if len(row) >= NAME_COL else None
        values = {}
        for c in range(FIRST_VALUE_COL, len(row) + 1):
            parsed = parse_cell(row[c - 1], path, sheet, r, c)
            if parsed is None:
                continue
            if c not in years:
                raise IngestError("value under an empty year header", file=path, sheet=sheet, row=r,
                                  column=_col_letter(c))
            values[years[c]] = parsed
        if name is None or (isinstance(name, str) and not name.strip()):
            if values:
                raise IngestError("values in a row without a partner name", file=path, sheet=sheet, row=r, column="B")
            continue
        name = str(name).strip()
        if name not in partner_codes:
            raise IngestError(f"unknown partner name {name!r}; add it to reference/dots_partners.csv",
                              file=path, sheet=sheet, row=r, column="B")
        if name in seen:
            first_row, first_values = seen[name]
            if first_values != values:
                raise IngestError(f"duplicate partner {name!r} (also in row {first_row}) with different values",
                                  file=path, sheet=sheet, row=r, column="B")
            continue  # an exact repeat, such as the leading 'Australia' row
        seen[name] = (r, values)
        code = partner_codes[name]
        for year, (value, est) in values.items():
            out.append((code, flow, year, value, est))
    return reporter.strip(), out


def _sheet_rows(sheet) -> list[list]:
    """The cell values of a calamine sheet from A1, a blank cell as ``None``."""
    return [[None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)]


def read_workbook(path: Path, partner_codes: dict[str, str]) -> pd.DataFrame:
    """Read both sheets of one DOTS workbook into the ``bilateral_trade`` layout."""
    import python_calamine

    require(path)
    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise IngestError(f"not a readable xlsx workbook: {exc}", file=path) from exc
    try:
        frames = []
        reporters = set()
        for sheet, flow in SHEETS.items():
            if sheet not in wb.sheet_names:
                raise IngestError(f"sheet not found; the workbook has {wb.sheet_names}", file=path, sheet=sheet)
            try:
                rows = _sheet_rows(wb.get_sheet_by_name(sheet))
            except python_calamine.CalamineError as exc:
                raise IngestError(f"not a readable xlsx sheet: {exc}", file=path, sheet=sheet) from exc
            reporter, out = read_sheet(path, rows, sheet, flow, partner_codes)
            reporters.add(reporter)
            frames.append(pd.DataFrame(out, columns=["partner", "flow", "year", "value_usd_mn", "estimated"]))
    finally:
        wb.close()
    if len(reporters) != 1:
        raise IngestError(f"the two sheets name different reporters {sorted(reporters)}", file=path)
    (reporter,) = reporters
    if reporter not in partner_codes:
        raise IngestError(f"unknown reporter name {reporter!r}; add it to reference/dots_partners.csv", file=path,
                          sheet=next(iter(SHEETS)), row=REPORTER_ROW, column="B")
    df = pd.concat(frames, ignore_index=True)
    df.insert(0, "reporter", partner_codes[reporter])
    return df


def read(raw: Path) -> pd.DataFrame:
    """The ``bilateral_trade`` table from ``raw/imf_dots/xlsx/DOTS_<n>.xlsx`` (15 reporters)."""
    folder = Path(raw) / "imf_dots" / "xlsx"
    partner_codes = code_map("dots_partners", "name_dots")
    frames = []
    for fname, expected in REPORTER_FILES.items():
        path = folder / fname
        df = read_workbook(path, partner_codes)
        got = df["reporter"].iloc[0] if len(df) else None
        if got != expected:
            raise IngestError(f"workbook holds reporter {got!r}, expected {expected!r}", file=path,
                              sheet=next(iter(SHEETS)), row=REPORTER_ROW, column="B")
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    df["year"] = df["year"].astype("Int64")
    df["value_usd_mn"] = rounded(df["value_usd_mn"])
    df["estimated"] = df["estimated"].astype(bool)
    return df[COLUMNS]


def partners() -> pd.DataFrame:
    """The ``partners`` reference table (DOTS partner names and their codes, ``reference/dots_partners.csv``)."""
    code_map("dots_partners", "name_dots")  # raises if a name is listed twice
    return reference("dots_partners")[["code", "name_dots", "name_en", "kind"]].copy()
