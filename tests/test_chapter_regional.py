"""Chapter "Regional imbalances": Fig. 2, Table 1, the top-nine share and the consistency checks."""

import math

import pandas as pd
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.chapters import regional as rg
from tradeimbalance.chapters.regional import claims as rc, consistency as cons, figures, measures as m
from tradeimbalance.catalog import get_figure

TABLE1_COLUMNS = ["province", "balance_total", "balance_eu_us", "balance_asia", "balance_japan_korea"]
PAPER_NINE = {"CN-GD", "CN-JS", "CN-ZJ", "CN-FJ", "CN-SD", "CN-LN", "CN-TJ", "CN-SH", "CN-BJ"}


@pytest.fixture(scope="module")
def location():
    t = load("province_trade_totals")
    return t[t["basis"] == "location_of_importers_exporters"]


# --- Table 1 ------------------------------------------------------------------------------------------

def test_table1_is_the_reported_table_with_documented_columns():
    fig = get_figure("table1")
    assert fig.kind == "table" and fig.paper_number == "Table 1"
    df = fig.data(2018)
    assert list(df.columns) == TABLE1_COLUMNS
    raw = load("paper_table1").set_index("province_en")
    assert len(df) == 9
    for r in df.itertuples():
        assert r.balance_total == pytest.approx(raw.loc[r.province, "net_exports_total"])
        assert r.balance_eu_us == pytest.approx(raw.loc[r.province, "net_exports_eu_us"])
        assert r.balance_asia == pytest.approx(raw.loc[r.province, "net_exports_asia"])
        assert r.balance_japan_korea == pytest.approx(raw.loc[r.province, "net_exports_japan_korea"])
    # the paper's row order: by the surplus with the EU+US
    assert list(df["balance_eu_us"]) == sorted(df["balance_eu_us"], reverse=True)


# --- Fig. 2 -------------------------------------------------------------------------------------------

def test_fig2_2018_is_the_papers_nine_with_reported_balances_and_nbs_totals(location):
    df = get_figure("fig2").data(2018)
    assert list(df.columns) == figures.FIG2_COLUMNS
    assert set(df["province_code"]) == PAPER_NINE
    tot = location[location["year"] == 2018].set_index("province")["value_usd_mn"] / 1000
    rep = load("paper_table1").set_index("province")["net_exports_total"]
    for r in df.itertuples():
        assert r.total_trade_usd_bn == pytest.approx(tot[r.province_code])
        assert r.share_of_national_trade_pct == pytest.approx(100 * tot[r.province_code] / tot.sum())
        assert r.balance_total_usd_100m_reported == pytest.approx(rep[r.province_code])
    assert list(df["trade_rank"]) == list(range(1, 10))


def test_fig2_other_years_have_no_balances_and_empty_outside_the_data():
    fig = get_figure("fig2")
    d20 = fig.data(2020)
    assert d20["year"].eq(2020).all() and d20["balance_total_usd_100m_reported"].isna().all()
    assert "CN-SC" in set(d20["province_code"])  # Sichuan enters the nine in 2020
    d15 = fig.data(2015)
    assert list(d15.columns) == figures.FIG2_COLUMNS and d15.empty


def test_charts_follow_the_conventions():
    for fid, years in (("fig2", (2018, 2020)), ("regional_top9", (2018, 2024))):
        fig = get_figure(fid)
        for y in years:
            assert lint_chart(fig.chart(fig.data(y), y)) == [], (fid, y)


# --- the top-nine share -------------------------------------------------------------------------------

def test_top_nine_share_equals_a_direct_computation(location):
    for year in (2016, 2018, 2022):
        g = location[location["year"] == year].sort_values("value_usd_mn", ascending=False)
        expected = 100 * g["value_usd_mn"].head(9).sum() / g["value_usd_mn"].sum()
        assert m.share_in(year) == pytest.approx(expected)
    assert math.isnan(m.share_in(2015))


def test_the_nine_largest_are_the_papers_nine_up_to_2019():
    t = m.top_nine_share().set_index("year")
    assert t.loc[2016:2019, "same_nine_as_paper"].all()
    assert not t.loc[2020, "same_nine_as_paper"]


def test_top9_figure_ends_at_the_year():
    fig = get_figure("regional_top9")
    assert fig.data(2017)["year"].max() == 2017
    assert set(fig.data(2017)["basis"]) == {rg.BASIS, rg.OTHER_BASIS}
    assert fig.data(2015).empty


# --- consistency checks ----------------------------------------------------------------------------------

def test_jiangsu_arithmetic_and_shares_from_reported_values():
    t = load("paper_table1").set_index("province")
    assert rc.reproduce_jiangsu_excess() == pytest.approx(t.loc["CN-JS", "net_exports_eu_us"] - t.loc["CN-JS", "net_exports_total"])
    assert cons.euus_share_of_surplus("CN-ZJ") == pytest.approx(100 * 1259.92 / 2144.22)
    assert cons.euus_share_of_surplus("CN-GD", total=2014.97) == pytest.approx(100 * 1701.0 / 2014.97)


def test_one_sided_claims_report_the_computed_share_and_digit_swap_helper():
    from tradeimbalance.claims.rules import _as_float

    t = reproduction.evaluate(chapter="regional").set_index("id")
    share = t.loc["s2_2_top9_share_total_trade"]
    assert share["bound"] == "lower" and share["reproduced"] == pytest.approx(m.share_in(rg.PAPER_YEAR))
    assert share["reproduced"] > share["reported"] and share["status"] == "reproduced"
    assert _as_float(float("nan")) is None  # a NaN share counts as "not reproducible"
    assert cons.swap_digits(2014.97, 2, 3) == pytest.approx(2041.97)
    assert cons.swap_digits(-123.45, 0, 1) == pytest.approx(-213.45)


def test_text_values_agree_with_table1_except_guangdong():
    t = cons.text_vs_table().set_index("claim")
    off = t[t["Difference"].abs() > 0.005]
    assert list(off.index) == ["s2_2_guangdong_surplus_2018_text"]


def test_beijing_rules_out_the_destination_basis():
    assert cons.impossible_on(rg.BASIS) == []
    assert cons.impossible_on(rg.OTHER_BASIS) == ["Beijing"]
    m = cons.minimum_trade_check().set_index("Province")
    assert m.loc["Beijing", "Minimum trade implied by Table 1 (USD bn)"] == pytest.approx((948.99 + 956.93 + 1197.89) / 10)


def test_implied_rest_and_national_total():
    rest = cons.implied_rest().set_index("code")["(1)-(2)-(3) all other partners"]
    assert rest["CN-BJ"] == pytest.approx(-708.03 + 948.99 + 956.93)
    nv = cons.national_vs_nine()
    c = load("customs_regime")
    c = c[(c.regime == "TOTAL") & (c.period == "Jan-Dec") & (c.year == 2018)].set_index("flow")["value_usd_mn"]
    assert nv["national"] == pytest.approx((c["exports"] - c["imports"]) / 1000)
    assert nv["nine_sum"] == pytest.approx(load("paper_table1")["net_exports_total"].sum() / 10)


# --- claims -------------------------------------------------------------------------------------------

def test_claims_keep_their_registered_status_and_cover_section_2_2():
    table = reproduction.evaluate(chapter="regional")
    reported = load("paper_reported")
    assert set(table["id"]) == set(reported.loc[reported["claim_id"].str.startswith("s2_2_"), "claim_id"])
    reproduction.check(table)
    st = table.set_index("id")["status"]
    cells = [i for i in st.index if i.startswith("s2_2_table1_") and i.count("_") >= 4 and "share" not in i]
    assert len(cells) == 36 and (st[cells] == claims.BOUNDED).all()  # every cell of Table 1, bounded by total trade
    assert st["s2_2_top9_are_largest"] == claims.REPRODUCED
    assert st["s2_2_jiangsu_euus_minus_total"] == claims.CONSISTENT  # arithmetic on Table 1, not data
    # The text's statements of Table 1's numbers are bounded like the cells they repeat (a status per number).
    for text_id, cell in {"s2_2_jiangsu_euus_surplus_2018": "s2_2_table1_js_eu_us", "s2_2_shanghai_balance_2018": "s2_2_table1_sh_total",
                          "s2_2_guangdong_jpkr_balance_2018": "s2_2_table1_gd_japan_korea"}.items():
        assert st[text_id] == st[cell] == claims.BOUNDED, text_id
    rows = table.set_index("id")
    nbs = load("province_trade_totals")
    sh = nbs[(nbs.province == "CN-SH") & (nbs.year == 2018) & (nbs.basis == "location_of_importers_exporters")]
    assert rows.loc["s2_2_shanghai_balance_2018", "reproduced_high"] == pytest.approx(sh["value_usd_mn"].iloc[0] / 100)
