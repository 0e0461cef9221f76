"""The readers' number and year conversion (ingest/_common.py): a column of plain numbers is read at
once, anything else cell by cell; both read every cell alike and name the first bad one."""

from __future__ import annotations

import math
import random
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tradeimbalance.errors import IngestError
from tradeimbalance.ingest._common import to_number, to_year

PATH = Path("raw/table.csv")


def text(cells: list) -> pd.Series:
    """A column as read_csv(dtype=str) gives it: text, empty cells missing."""
    return pd.Series(cells, dtype="str")


def bits(values) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


def test_plain_numbers_are_read_as_python_reads_them_bit_for_bit():
    r = random.Random(7)
    cells = [repr(r.uniform(-1e12, 1e12)) for _ in range(2000)] + [f"{r.uniform(0, 1e6):.3f}" for _ in range(2000)]
    cells += ["1e5", ".5", "5.", "+3", "-0.0", "1E+05", "2.675", "12345678901234567890.5", "0"]
    got = to_number(text(cells), PATH, "value")
    assert got.dtype == "float64" and bits(got) == bits(float(c) for c in cells)


def test_missing_cells_stay_missing_where_blanks_are_allowed():
    got = to_number(text(["1.5", None, "2"]), PATH, "value")
    assert got.iloc[0] == 1.5 and math.isnan(got.iloc[1]) and got.iloc[2] == 2.0


@pytest.mark.parametrize("cell", ["inf", "nan", "1_000", "1e", "1.2.3", "+", "0x10", "1 2", "12%"])
def test_a_cell_python_would_read_or_not_but_the_format_refuses_is_named_with_its_line(cell):
    with pytest.raises(IngestError) as err:
        to_number(text(["1", "2", cell, "4"]), PATH, "value")
    msg = str(err.value)
    assert "non-numeric value" in msg and repr(cell) in msg and "row 4" in msg and "value" in msg


def test_an_empty_cell_where_a_number_is_required_is_named():
    with pytest.raises(IngestError, match="empty cell where a number is required.*row 3"):
        to_number(text(["1", None, "3"]), PATH, "value", header_rows=1, allow_blank=False)


def test_odd_but_valid_cells_read_as_before():
    # surrounding blanks, a blank cell and digits of other scripts go cell by cell and read as they did
    got = to_number(text([" 3 ", "   ", "١٢", "7"]), PATH, "value")
    assert got.iloc[0] == 3.0 and math.isnan(got.iloc[1]) and got.iloc[2] == 12.0 and got.iloc[3] == 7.0


def test_thousands_separators_are_dropped_when_asked():
    assert to_number(text(["1,234.5", "12"]), PATH, "v", thousands=True).tolist() == [1234.5, 12.0]
    with pytest.raises(IngestError, match="non-numeric value '1,234.5'"):
        to_number(text(["1,234.5"]), PATH, "v")


def test_cells_that_are_not_text_are_read_one_by_one():
    got = to_number(pd.Series([1, 2.5, "3", None], dtype=object), PATH, "v")
    assert got.tolist()[:3] == [1.0, 2.5, 3.0] and math.isnan(got.iloc[3])


def test_years_repeat_and_keep_their_rows():
    got = to_year(text(["2015", "2016", "2015", "2015.0", " 2017 "]), PATH, "year")
    assert str(got.dtype) == "Int64" and got.tolist() == [2015, 2016, 2015, 2015, 2017]
    mixed = to_year(pd.Series([2015, 2015.0, "2016"], dtype=object, index=[5, 6, 7]), PATH, "year")
    assert mixed.tolist() == [2015, 2015, 2016] and mixed.index.tolist() == [5, 6, 7]


@pytest.mark.parametrize("cells, bad, row", [
    (["2015", "2016", "15", "2016", "abcd"], "'15'", 4),
    (["2015", None, "2016"], "nan", 3),
    (["2015", "2015", "2015", "20150"], "'20150'", 5),
])
def test_the_first_cell_that_is_not_a_year_is_named(cells, bad, row):
    with pytest.raises(IngestError) as err:
        to_year(text(cells), PATH, "year")
    assert f"not a year: {bad}" in str(err.value) and f"row {row}" in str(err.value)


def test_many_rows_of_few_years():
    years = np.tile(np.arange(1990, 2024), 3000).astype(str)
    got = to_year(text(list(years)), PATH, "year")
    assert got.tolist() == [int(y) for y in years]
