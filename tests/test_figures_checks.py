"""The figure registry and the invariant checks, on figures defined here."""

import altair as alt
import pandas as pd
import pytest

from fixtures.catalog import install
from tradeimbalance import catalog, figures
from tradeimbalance.checks import check_invariants, invariant_problems


def _data(year):
    return pd.DataFrame({"year": list(range(2017, year + 1)), "value_usd_bn": [1.0] * (year - 2016)})


FIG = figures.Figure(
    "test_registry_fig",
    title="Test",
    caption="A test figure up to {year}.",
    source="made in the test",
    chapter="tests",
    columns=["year", "value_usd_bn"],
    data_fn=_data,
    chart_fn=lambda df, year: alt.Chart(df, title="T").mark_bar().encode(x="year:O", y="value_usd_bn:Q"),
)


def test_figure_yields_documented_columns_up_to_year():
    df = FIG.data(2019)
    assert list(df.columns) == ["year", "value_usd_bn"]
    assert df["year"].max() == 2019
    assert "up to 2019" in FIG.caption_markdown(2019)


def test_undocumented_columns_are_refused():
    bad = figures.Figure("test_bad_cols", title="B", caption="c", source="s", chapter="tests", columns=["year"],
                         data_fn=_data)
    with pytest.raises(ValueError, match="differ from the documented"):
        bad.data(2018)


def test_the_tag_and_the_record_are_the_same_figure(monkeypatch):
    tagged = figures.figure("test_tagged", title="T", caption="c", source="s", chapter="tests")(_data)
    assert tagged is _data and _data.__figure__.data_fn is _data and _data.__figure__.id == "test_tagged"
    install(monkeypatch, figures=[FIG])
    assert catalog.get_figure("test_registry_fig") is FIG


def test_unknown_figure_names_the_known_ones(monkeypatch):
    install(monkeypatch, figures=[FIG])
    with pytest.raises(KeyError, match="test_registry_fig"):
        catalog.get_figure("nope")


def test_balance_invariant():
    ok = pd.DataFrame({"exports_usd_bn": [5.0], "imports_usd_bn": [3.0], "balance_usd_bn": [2.0]})
    check_invariants(ok)
    bad = ok.assign(balance_usd_bn=[2.5])
    assert "balance_usd_bn != exports_usd_bn - imports_usd_bn" in invariant_problems(bad, "t")[0]


def test_negative_trade_value_is_reported():
    bad = pd.DataFrame({"exports_usd_bn": [-1.0]})
    with pytest.raises(AssertionError, match="negative trade value in exports_usd_bn"):
        check_invariants(bad, "t")


def test_shares_must_add_up_to_100():
    df = pd.DataFrame({"a_share_pct": [60.0, 50.0], "b_share_pct": [40.0, 40.0]})
    problems = invariant_problems(df, "t", [["a_share_pct", "b_share_pct"]])
    assert problems == ["t: shares ['a_share_pct', 'b_share_pct'] do not add up to 100 at index 1"]
