"""Formatting helpers and the table / glue helpers chapters use."""

import math

import pandas as pd
import pytest

from tradeimbalance import fmt
from tradeimbalance.book import Formatted, plain
from tradeimbalance.mdtable import table_markdown


def test_number_formats_with_separators_and_fixed_decimals():
    assert fmt.number(1234.56) == "1,234.6"
    assert fmt.number(-0.04, 2) == "-0.04"


@pytest.mark.parametrize(
    "func,value,expected",
    [
        (fmt.usd_bn, 295.8123, "USD 295.8 bn"),
        (fmt.pct, 13.449, "13.4%"),
        (fmt.times, 7.84, "7.8 times"),
        (fmt.cny_tn, 2.9213, "CNY 2.92 trillion"),
        (fmt.usd_100m, 2144.221, "USD 214.42 bn (2,144.22 亿美元)"),
        (lambda v: fmt.usd_100m(v, digits=0), 19481.0, "USD 1,948.1 bn (19,481 亿美元)"),
        (fmt.count, 23.0, "23"),
        (fmt.year, 2019.0, "2019"),
    ],
)
def test_unit_formatters(func, value, expected):
    assert func(value) == expected


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_missing_values_are_a_dash_never_zero(missing):
    for func in fmt.FORMATS.values():
        assert func(missing) == fmt.MISSING


def test_plain_converts_numpy_scalars():
    import numpy as np

    assert type(plain(np.float64(1.5))) is float
    assert type(plain(np.int64(3))) is int
    assert plain(np.float64("nan")) is None
    assert plain(pd.NA) is None


@pytest.mark.parametrize("text", ["USD 1.0 bn", "1,966", "23", "CNY -1.5 trillion", "it's 7.8 times", "2,144.22"])
def test_formatted_text_reaches_the_prose_unchanged(text):
    from myst_nb.core.variables import format_plain_text

    assert format_plain_text(repr(Formatted(text)), "") == text
    assert str(Formatted(text)) == text


def test_table_markdown_aligns_numbers_and_marks_missing():
    df = pd.DataFrame({"partner": ["USA", "JPN"], "balance_usd_bn": [295.84, math.nan]})
    text = table_markdown(df)
    lines = text.splitlines()
    assert lines[0] == "| partner | `balance_usd_bn` |"  # a column name is set as code
    assert lines[1] == "| :--- | ---: |"
    assert lines[2] == "| USA | 295.8 |"
    assert lines[3] == f"| JPN | {fmt.MISSING} |"


def test_table_markdown_sets_names_as_code_and_escapes_the_rest():
    df = pd.DataFrame({"table": ["`bop_china`", "in fdi_positions *x*", "`<script>alert(1)</script>`"]})
    cells = [line[2:-2] for line in table_markdown(df).splitlines()[2:]]  # "| cell |"
    assert cells == ["`bop_china`", "in `fdi_positions` \\*x\\*", "`<script>alert(1)</script>`"]  # code renders as text


def test_table_markdown_escapes_pipes():
    text = table_markdown(pd.DataFrame({"a": ["x|y"]}))
    assert "x\\|y" in text


def test_year_ranges_join_runs_of_consecutive_years():
    assert fmt.year_ranges([2015, 2010, 2011, 2012]) == "2010–2012, 2015"
    assert fmt.year_ranges([1962, 1963, 1977, 1990], dash="-", sep=";") == "1962-1963;1977;1990"
    assert fmt.year_ranges([], empty="—") == "—"


def test_start_chapter_enables_the_charts_and_freezes_the_imports():
    """A chapter's kernel after start_chapter(): the book's theme and renderer are on, and the objects of the
    imports are out of the collector's generations (a fresh process, so this test's own state is untouched)."""
    import subprocess
    import sys

    code = ("import gc, altair as alt\nfrom tradeimbalance.book import start_chapter\n"
            "before = gc.get_freeze_count()\nstart_chapter()\n"
            "from tradeimbalance.charts import RENDERER_NAME, THEME_NAME\n"
            "print(before, gc.get_freeze_count() > 10000, alt.theme.active == THEME_NAME, "
            "alt.renderers.active == RENDERER_NAME)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "True", "True", "True"]
