"""The industry-and-tariffs chapter: the mirror view by HS section, Fig. 4, the claims."""

import pandas as pd
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.checks import invariant_problems
from tradeimbalance.chapters import industry as ind
from tradeimbalance.chapters.industry import china_side, figures, mirror, sections, tables
from tradeimbalance.catalog import get_figure

FIG4_COLUMNS = ["year", "view", "hs_section", "section_name", "china_exports_usd_bn", "china_imports_usd_bn",
                "china_balance_usd_bn", "basis"]


def _census(year, flow, chapters=None):
    d = load("us_trade_hs")
    d = d[(d["year"] == year) & (d["partner"] == "CHN") & (d["flow"] == flow)]
    if chapters:
        d = d[d["hs2"].isin(chapters)]
    return d["value_usd_mn"].sum() / 1000


def test_fig4_columns_and_the_papers_years():
    df = get_figure("fig4").data(2018)
    assert list(df.columns) == FIG4_COLUMNS
    assert sorted(df["year"].unique()) == [2017, 2018, 2019]
    mirror = df[df["view"] == ind.VIEW_MIRROR]
    assert len(mirror) == 3 * (ind.FIG4_TOP_N + 1)  # the largest sections one by one, the rest summed
    assert mirror["basis"].str.contains("mirror").all()
    assert set(mirror["hs_section"]) >= {"XVI", "XX", "XI", "other"}
    # China's own records of machinery (SITC 71-77) next to the mirror view, for the years they cover
    china = df[df["view"] == ind.VIEW_CHINA]
    assert china["year"].tolist() == [2017, 2018] and (china["hs_section"] == "XVI").all()
    assert china.set_index("year").loc[2018, "china_balance_usd_bn"] == pytest.approx(
        china_side.china_sitc_balance(2018, "USA") / 10)


@pytest.mark.parametrize("year,years", [(2016, [2016]), (2017, [2016, 2017]), (2019, [2017, 2018, 2019]),
                                        (2020, [2018, 2019, 2020])])
def test_fig4_for_other_years_ends_at_that_year(year, years):
    df = figures.fig4(year)
    assert sorted(df["year"].unique()) == years
    assert invariant_problems(df, "fig4") == []


def test_fig4_outside_the_coverage_is_empty_with_the_columns():
    df = figures.fig4(2015)
    assert df.empty and list(df.columns) == FIG4_COLUMNS


def test_fig4_values_match_the_census_table():
    df = figures.fig4(2018)
    df = df[df["view"] == ind.VIEW_MIRROR].set_index(["year", "hs_section"])
    for y in (2017, 2018, 2019):
        x = _census(y, "us_imports_consumption", ["84", "85"])
        m = _census(y, "us_exports", ["84", "85"])
        assert df.loc[(y, "XVI"), "china_exports_usd_bn"] == pytest.approx(x)
        assert df.loc[(y, "XVI"), "china_imports_usd_bn"] == pytest.approx(m)
        assert df.loc[(y, "XVI"), "china_balance_usd_bn"] == pytest.approx(x - m)
        # the drawn sections and "other sections" together give the total mirror balance
        total = _census(y, "us_imports_consumption") - _census(y, "us_exports")
        assert df.loc[y]["china_balance_usd_bn"].sum() == pytest.approx(total)


def test_fig4_flags_the_eleven_months_of_2020_exports():
    df = figures.fig4(2020)
    assert df[df["year"] == 2020]["basis"].str.contains("11 months").all()
    assert not df[df["year"] == 2019]["basis"].str.contains("months").any()


def test_comtrade_mirror_sums_to_its_total_row():
    m = mirror.mirror_by_section("CHN", "comtrade")
    c = load("comtrade_us_china_hs")
    tot = c[(c["hs2"] == "TOTAL") & (c["year"] == 2018) & (c["flow"] == "us_imports")]["value_usd_mn"].iloc[0] / 1000
    assert m[m["year"] == 2018]["exports"].sum() == pytest.approx(tot, rel=1e-6)


def test_section_stats_on_hand_made_data(monkeypatch):
    rows = []
    for year, values in ((2017, {"XVI": (60, 10), "XX": (20, 0), "II": (0, 15), "XI": (10, 1), "V": (5, 4)}),
                         (2019, {"XVI": (50, 10), "XX": (18, 0), "II": (1, 8), "XI": (9, 1), "V": (3, 5)})):
        for sec, (x, m) in values.items():
            rows.append({"year": year, "partner": "CHN", "flow": "us_imports_consumption", "hs2": sec,
                         "hs_section": sec, "value_usd_mn": x * 1000.0, "months": 12})
            rows.append({"year": year, "partner": "CHN", "flow": "us_exports", "hs2": sec,
                         "hs_section": sec, "value_usd_mn": m * 1000.0, "months": 12})
    fake = pd.DataFrame(rows)
    monkeypatch.setattr(mirror, "load", lambda name: fake.copy())
    s = mirror.section_stats(2017)
    assert s["xvi_exports"] == 60 and s["xvi_balance"] == 50
    assert s["xvi_share_exports"] == pytest.approx(100 * 60 / 95)
    assert s["xvi_share_balance"] == pytest.approx(100 * 50 / 65)
    assert s["top3_sections"] == ["XVI", "XX", "XI"]
    assert s["top3_share_exports"] == pytest.approx(100 * 90 / 95)
    # V goes from surplus (+1) to deficit (-2): a sign change, but below a 2 bn threshold
    flips = sections.sign_changes(2017, 2019)
    assert flips["hs_section"].tolist() == ["V"]
    assert sections.sign_changes(2017, 2019, threshold=2.0).empty
    assert sections.deficit_sections([2017, 2019]).index.tolist() == ["II"]


def test_consistency_shares_use_china_reported_totals():
    ct = tables.consistency_table().set_index("Statement")
    bt = load("bilateral_trade")
    x = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "USA") & (bt["year"] == 2018) & (bt["flow"] == "exports")]
    exports_yi = x["value_usd_mn"].iloc[0] / 100
    row = ct.loc["Section XVI exports / exports to the US"]
    assert row["China's total (USD bn, IMF DOTS)"] == pytest.approx(exports_yi / 10)
    assert row["Paper value (USD bn)"] == pytest.approx(222.2)  # printed 2222 亿美元
    assert row["Implied share (%)"] == pytest.approx(100 * 2222 / exports_yi)


def test_import_side_cross_check_is_china_over_us():
    t = mirror.import_side_2017().set_index("hs_section")
    c = load("china_imports_from_us_2017")
    xvi = c[c["hs2"].isin(["84", "85"])]["value_usd_mn"].sum() / 1000
    assert t.loc["XVI", "china_reported"] == pytest.approx(xvi)
    assert t.loc["XVI", "us_reported"] == pytest.approx(_census(2017, "us_exports", ["84", "85"]))
    s = mirror.import_side_summary()
    assert s["implied_2018"] == 2222 - 1841


def test_mirror_table_shows_the_paper_only_for_its_year():
    t18, t19 = tables.mirror_table(2018), tables.mirror_table(2019)
    assert t18["Paper (China Customs, as reported)"].notna().all()
    assert t19["Paper (China Customs, as reported)"].isna().all()
    assert t19["Mirror: US Census"].notna().all()
    assert tables.mirror_table(2015)["Mirror: US Census"].isna().all()


@pytest.mark.parametrize("year", [2016, 2018, 2020])
def test_fig4_chart_follows_the_conventions(year):
    fig = get_figure("fig4")
    chart = fig.chart(fig.data(year), year)
    assert lint_chart(chart) == []
    spec = chart.to_dict()
    assert spec["width"] and spec["height"]


def test_claims_keep_their_status():
    table = reproduction.evaluate(chapter="industry")
    assert len(table) == 25
    reproduction.check(table)
    st = table.set_index("id")["status"]
    assert st["s2_4_hs_sections_count"] == claims.REPRODUCED
    # the 2018 section XVI statements on China's own (SITC) figures, counted as an inferred definition
    xvi = ["s2_4_xvi_exports_to_us_2018", "s2_4_xvi_share_exports_to_us_2018", "s2_4_xvi_surplus_with_us_2018",
           "s2_4_xvi_share_surplus_with_us_2018", "s2_4_xvi_balance_japan_2018", "s2_4_xvi_balance_korea_2018",
           "s2_4_xvi_share_deficit_japan_2018", "s2_4_xvi_share_deficit_korea_2018"]
    assert (st[xvi] == claims.INFERRED).all()
    assert st["s2_4_xvi_largest_us_surplus_section"] == claims.BOUNDED
    assert st["s2_5_deficit_sections_fell_2019"] == claims.DIFFERS


def test_roman_numerals_and_the_mirror_ranking_behind_the_footnote():
    assert [mirror.roman_to_int(r) for r in ("XVI", "XX", "XI", "IV", "XIX", "XXII")] == [16, 20, 11, 4, 19, 22]
    us = load("us_trade_hs")
    sel = us[(us.partner == "CHN") & (us.flow == "us_imports_consumption") & (us.year == 2018)]
    order = sel.groupby("hs_section", observed=True)["value_usd_mn"].sum().sort_values(ascending=False).index
    assert [mirror.mirror_section_rank(r) for r in (1, 2, 3)] == [mirror.roman_to_int(str(x)) for x in order[:3]]
    # the paper's footnote names sections XX and XI as second and third
    rep = load("paper_reported").set_index("claim_id")["value"]
    assert mirror.mirror_section_rank(2) == rep["s2_4_fn_second_section_to_us"]
    assert mirror.mirror_section_rank(3) == rep["s2_4_fn_third_section_to_us"]
