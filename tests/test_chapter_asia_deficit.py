"""Chapter "The US deficit with Asia" (paper, section 3.2; Fig. 7)."""

import math

import numpy as np
import pandas as pd
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance import views
from tradeimbalance.chapters.asia_deficit import claims as asia_claims, definitions, figures, measures, search
from tradeimbalance.catalog import get_figure


def _us_deficit(partner, year):
    """US imports minus exports with ``partner`` in ``year``, USD bn, straight from the table."""
    bt = load("bilateral_trade")
    r = bt[(bt["reporter"] == "USA") & (bt["partner"] == partner) & (bt["year"] == year)]
    v = r.set_index(r["flow"].astype(str))["value_usd_mn"]
    if "imports" not in v or "exports" not in v:
        return math.nan
    return (v["imports"] - v["exports"]) / 1000


def test_fig7_columns_and_years():
    df = get_figure("fig7").data(2018)
    assert list(df.columns) == ["year", "us_deficit_with_asia_usd_bn", "china_share_pct", "japan_share_pct"]
    assert df["year"].tolist() == list(range(1960, 2019))


@pytest.mark.parametrize("year", [1965, 1980, 1983, 2018])
def test_fig7_values_match_the_table(year):
    df = get_figure("fig7").data(2018).set_index("year")
    members = ["CHN", "IDN", "JPN", "KOR", "MYS", "THA", "VNM", "TWN"]
    vals = [_us_deficit(m, year) for m in members]
    asia = sum(v for v in vals if not math.isnan(v))
    assert df.loc[year, "us_deficit_with_asia_usd_bn"] == pytest.approx(asia, abs=1e-5)
    assert df.loc[year, "japan_share_pct"] == pytest.approx(100 * _us_deficit("JPN", year) / asia, abs=1e-3)
    cn = _us_deficit("CHN", year)
    if math.isnan(cn):
        assert math.isnan(df.loc[year, "china_share_pct"])
    else:
        assert df.loc[year, "china_share_pct"] == pytest.approx(100 * cn / asia, abs=1e-3)


def test_fig7_shares_missing_where_no_deficit_and_before_china_trade():
    df = get_figure("fig7").data(2018).set_index("year")
    nonpos = df["us_deficit_with_asia_usd_bn"] <= 0
    assert nonpos.any()
    assert df.loc[nonpos, ["china_share_pct", "japan_share_pct"]].isna().all().all()
    assert df.loc[1960:1971, "china_share_pct"].isna().all()


@pytest.mark.parametrize("year,last", [(2015, 2015), (1994, 1994), (2025, 2020)])
def test_fig7_ends_at_year(year, last):
    df = get_figure("fig7").data(year)
    assert df["year"].max() == last


def test_fig7_before_coverage_is_empty():
    df = get_figure("fig7").data(1955)
    assert len(df) == 0
    assert list(df.columns) == figures.FIG7_COLUMNS


def test_fig7_chart_lints():
    fig = get_figure("fig7")
    assert lint_chart(fig.chart(fig.data(2018), 2018)) == []
    assert lint_chart(fig.chart(fig.data(2000), 2000)) == []


def test_group_deficit_skips_missing_members_on_hand_made_input():
    d = pd.DataFrame({"A": [1.0, np.nan, np.nan], "B": [2.0, -0.5, np.nan]}, index=[2000, 2001, 2002])
    s = views.group_deficit(["A", "B"], d)
    assert s[2000] == 3.0 and s[2001] == -0.5 and math.isnan(s[2002])
    with pytest.raises(KeyError):
        views.group_deficit(["A", "Z"], d)


def test_first_deficit_year_and_run_start_on_hand_made_series():
    s = pd.Series([-1.0, 0.5, -0.1, 2.0, 3.0, 4.0], index=range(1990, 1996))
    assert views.first_deficit_year(s, 1960) == 1991
    assert views.run_start(s, 1995) == 1993
    assert views.run_start(s, 1992) is None
    assert views.run_start(s, 1991) == 1991


def test_definition_values_on_the_fig7_set():
    v = definitions.definition_values(views.fig7_members())
    cn83, jp83 = _us_deficit("CHN", 1983), _us_deficit("JPN", 1983)
    assert v["china_share_1983"] / v["japan_share_1983"] == pytest.approx(cn83 / jp83)
    assert v["rise_1965_1980"] == pytest.approx(v["ratio_1965_1980"] - 1)


def test_members():
    assert views.footnote_members() == ["CHN", "IDN", "JPN", "KOR", "MYS", "THA", "VNM"]
    assert views.fig7_members() == sorted(views.footnote_members() + ["TWN"])
    assert views.phase1_members() == sorted(views.footnote_members() + ["TWN", "HKG"])


def test_search_finds_no_set_matching_everything_and_ranks_footnote_plus_taiwan_first():
    s = search.subset_search(top=3)
    assert s.attrs["n_sets"] == 2 ** len(search.SEARCH_POOL)
    assert s.attrs["max_matched"] < len(definitions.TARGETS)
    assert sorted(s.iloc[0]["added to China and Japan"].split(", ")) == ["IDN", "KOR", "MYS", "THA", "TWN", "VNM"]


def test_comparison_table_matches_search_for_the_two_definitions():
    comp = definitions.definition_comparison().set_index("definition")
    assert comp.loc["Footnote + Taiwan", "matched"] == 4
    for key in ("deficit_1980_100m", "japan_share_1980", "rise_1965_1980"):
        t = next(t for t in definitions.TARGETS if t.key == key)
        assert abs(comp.loc["Footnote + Taiwan + Hong Kong", key] - t.value) <= t.tolerance


def test_growth_definitions_differ_and_cagr_is_the_endpoint_rate():
    g = measures.growth_table().set_index("method")["growth_pct"]
    v0, v1 = _us_deficit("CHN", 1983), _us_deficit("CHN", 2018)
    assert g.iloc[0] == pytest.approx(100 * ((v1 / v0) ** (1 / 35) - 1))
    assert g.iloc[2] == pytest.approx(100 * math.log(v1 / v0) / 35)


def test_claims_keep_their_status():
    table = reproduction.evaluate(chapter="asia_deficit")
    assert len(table) == 17
    reproduction.check(table)
    assert set(table["status"]) == {claims.REPRODUCED, claims.INFERRED, claims.DIFFERS, claims.ERRATUM}
    st = table.set_index("id")["status"]
    # the paper's "Asia" is inferred (footnote list plus Taiwan): every share of it is counted apart
    assert st["s3_2_china_share_us_asia_deficit_2018"] == claims.INFERRED
    # "of the US trade deficit" is checked against that denominator, not the deficit with Asia
    assert st["s3_2_china_share_us_deficit_2018"] == claims.DIFFERS
    assert st["s3_2_china_us_surplus_2018_record"] == claims.REPRODUCED


def test_unit_errata_are_a_factor_of_ten():
    rep = reproduction.reported()
    assert _us_deficit("JPN", 1980) * 10 == pytest.approx(-rep.loc["s3_2_us_japan_balance_1980", "value"] / 10, abs=0.01)
    assert _us_deficit("CHN", 2018) / 1000 == pytest.approx(rep.loc["s3_2_china_us_surplus_2018", "value"] / 10, abs=0.005)


def test_duration_is_fifty_something():
    v = asia_claims._duration()
    assert 50 <= v < 60


def test_the_deficit_with_asia_rises_as_a_trend_but_not_every_year():
    """The 'still growing year by year' statement holds only as a trend: the data show falls in the decade."""
    from tradeimbalance import views

    d = views.group_deficit(views.fig7_members()).loc[2007:2018]
    falls = [int(y) for y in d.index[1:] if d[y] < d[y - 1]]
    assert falls == [2008, 2009, 2016]
    assert d.idxmax() == 2018
    table = reproduction.evaluate(ids=["s3_2_us_asia_deficit_still_growing"])
    assert table["reproduced"].iloc[0] == 1.0 and table["status"].iloc[0] == claims.INFERRED


def test_a_cif_margin_on_the_1983_imports_raises_the_growth_rate():
    from tradeimbalance.chapters.asia_deficit.measures import cif_sensitivity

    t = cif_sensitivity(margins=(0.0, 0.05)).set_index("margin_pct")
    # recorded: 2.4768 - 2.1731 = 0.3037 bn in 1983, 419.162 bn in 2018 (US records, IMF DOTS)
    assert t.loc[0.0, "deficit_start_usd_bn"] == pytest.approx(0.3037, abs=1e-4)
    assert t.loc[0.0, "cagr_pct"] == pytest.approx(100 * ((419.162 / 0.3037) ** (1 / 35) - 1), abs=0.01)
    assert t.loc[5.0, "deficit_start_usd_bn"] == pytest.approx(2.4768 / 1.05 - 2.1731, abs=1e-4)
    assert t.loc[5.0, "cagr_pct"] > t.loc[0.0, "cagr_pct"] + 1
