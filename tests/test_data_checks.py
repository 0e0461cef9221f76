"""Figures the SOURCE.md files give, reproduced from data/ alone."""

from __future__ import annotations

import pytest

from tradeimbalance import data, measures, paths

pytestmark = pytest.mark.skipif(not (paths.data_dir() / "datapackage.json").exists(), reason="data/ not built")


def bt(reporter, partner, flow, year):
    d = data.load("bilateral_trade")
    row = d[(d["reporter"] == reporter) & (d["partner"] == partner) & (d["flow"] == flow) & (d["year"] == year)]
    assert len(row) == 1
    return float(row["value_usd_mn"].iloc[0])


def test_dots_china_exports_to_eu_and_uk_2018():
    assert bt("CHN", "EU27", "exports", 2018) / 1000 == pytest.approx(354.7, abs=0.05)
    assert bt("CHN", "GBR", "exports", 2018) / 1000 == pytest.approx(57.3, abs=0.05)
    eu28 = measures.bilateral("CHN", "EU28", years=[2018])
    assert eu28["exports"].iloc[0] == pytest.approx(354.7 + 57.3, abs=0.1)


def test_dots_us_imports_from_china_2018():
    assert round(bt("USA", "CHN", "imports", 2018)) == 539_503


def test_dots_china_world_exports_2018():
    assert bt("CHN", "WLD", "exports", 2018) / 1000 == pytest.approx(2501.3, abs=0.05)


def test_dots_estimates_only_india_1988_and_vietnam_1981_84():
    d = data.load("bilateral_trade")
    est = d[d["estimated"]]
    assert set(est["reporter"].astype(str)) == {"IND", "VNM"}
    assert set(est.loc[est["reporter"] == "VNM", "year"]) == {1981, 1982, 1983, 1984}
    assert set(est.loc[est["reporter"] == "IND", "year"]) == {1988}


def test_wdi_china_gdp_2018():
    m = data.load("macro")
    row = m[(m["country"] == "CHN") & (m["year"] == 2018)].iloc[0]
    assert row["gdp_usd"] / 1e9 == pytest.approx(14147.8, abs=0.05)
    assert row["merch_exports_usd"] / 1e9 == pytest.approx(2486.7, abs=0.05)
    gs = (row["exports_gs_pct_gdp"] - row["imports_gs_pct_gdp"]) / 100 * row["gdp_usd"] / 1e9
    assert gs == pytest.approx(91.5, abs=0.1)


def test_nbs_province_sum_2018():
    p = data.load("province_trade_totals")
    for basis, g in p[p["year"] == 2018].groupby("basis", observed=True):
        assert g["value_usd_mn"].sum() / 1000 == pytest.approx(4622.4, abs=0.05), basis
    gd = p[(p["province"] == "CN-GD") & (p["year"] == 2018) & (p["basis"] == "location_of_importers_exporters")]
    assert gd["value_usd_mn"].iloc[0] / 1000 == pytest.approx(1084.5, abs=0.05)
    assert p["province"].nunique() == 31


def test_customs_2019_totals_and_2018_derived():
    c = data.load("customs_regime")
    tot = c[(c["regime_group"] == "total") & (c["period"] == "Jan-Dec")].set_index(["year", "flow"])["value_usd_mn"]
    assert tot[(2019, "exports")] / 1000 == pytest.approx(2499.0, abs=0.05)
    assert tot[(2019, "imports")] / 1000 == pytest.approx(2077.1, abs=0.05)
    assert (tot[(2018, "exports")] + tot[(2018, "imports")]) / 100 == pytest.approx(46213, abs=1)
    y18 = c[(c["year"] == 2018) & (c["period"] == "Jan-Dec")]
    assert set(y18["value_type"]) == {"derived_from_yoy"}
    proc = y18[y18["regime_group"] == "processing"].groupby("flow", observed=True)["value_usd_mn"].sum() / 1000
    assert proc["exports"] == pytest.approx(797.0, abs=0.1) and proc["imports"] == pytest.approx(469.9, abs=0.1)
    y19 = c[(c["year"] == 2019) & (c["flow"] == "exports")]
    parts = y19[y19["regime_group"] != "total"]["value_usd_mn"].sum()
    assert parts == pytest.approx(tot[(2019, "exports")], abs=0.01)


def test_wto_counts_2002_2019():
    w = data.load("wto_disputes")
    w = w[w["year"].between(2002, 2019)]
    assert len(w[(w["complainant"] == "USA") & (w["respondent"] == "CHN")]) == 23
    assert len(w[(w["complainant"] == "CHN") & (w["respondent"] == "USA")]) == 16
    all_w = data.load("wto_disputes")
    assert all_w["ds_number"].min() == 1 and set(range(1, 539)) <= set(all_w["ds_number"])


def test_census_and_comtrade_totals():
    u = data.load("us_trade_hs")
    imp = u[(u["partner"] == "CHN") & (u["flow"] == "us_imports_consumption")].groupby("year")["value_usd_mn"].sum()
    assert imp[2018] / 1000 == pytest.approx(543.29, abs=0.01)
    xvi = u[(u["partner"] == "CHN") & (u["flow"] == "us_imports_consumption") & (u["year"] == 2018)
            & (u["hs_section"] == "XVI")]["value_usd_mn"].sum()
    assert xvi / 1000 == pytest.approx(272.59, abs=0.01)
    assert u.loc[(u["flow"] == "us_exports") & (u["year"] == 2020), "months"].max() == 11
    assert u.loc[(u["flow"] == "us_imports_consumption") & (u["year"] == 2020), "months"].max() == 12
    c = data.load("comtrade_us_china_hs")
    t = c[c["hs2"] == "TOTAL"].set_index(["year", "flow"])["value_usd_mn"]
    assert t[(2018, "us_imports")] / 1000 == pytest.approx(563.20, abs=0.01)
    ch = c[c["hs2"] != "TOTAL"].groupby(["year", "flow"], observed=True)["value_usd_mn"].sum()
    assert (ch - t.reindex(ch.index)).abs().max() < 1.0


def test_piie_china_imports_from_us_2017():
    p = data.load("china_imports_from_us_2017")
    assert p["value_usd_mn"].sum() / 1000 == pytest.approx(154.84, abs=0.01)
    assert p[p["hs_section"] == "XVI"]["value_usd_mn"].sum() / 1000 == pytest.approx(33.91, abs=0.01)


def test_fdi_positions():
    f = data.load("fdi_positions")
    bea = f[f["source"] == "BEA FDIUS position by detailed country 2008-2019"].set_index(["investor", "year"])
    assert bea.loc[("CHN", 2018), "value_usd_mn"] == 33_543
    assert bea.loc[("JPN", 2019), "value_usd_mn"] == 619_259
    assert bea.loc[("WLD", 2008), "value_usd_mn"] == 2_046_662
    us_cn = f[(f["investor"] == "USA") & (f["host"] == "CHN") & (f["basis"] == "affiliate_country")]
    assert set(range(2000, 2018)) <= set(us_cn["year"])
    assert us_cn.set_index("year").loc[2017, "value_usd_mn"].max() == pytest.approx(107_560)


def test_unctad_japan_outward_stock():
    u = data.load("fdi_stock_unctad")
    jp = u[(u["economy"] == "JPN") & (u["direction"] == "outward")].set_index("year")["value_usd_mn"]
    assert jp[1990] == pytest.approx(201_441, abs=1)
    assert jp[2019] == pytest.approx(1_780_246, abs=1)
    assert u["economy"].nunique() > 250


def test_safe_values_in_billions():
    b = data.load("bop_china")
    r = b[(b["year"] == 2021) & (b["item"] == "goods_balance") & (b["currency"] == "USD")
          & (b["release"] == "official annual")]
    assert r["value_bn"].iloc[0] == pytest.approx(562.7)
    r = b[(b["year"] == 2019) & (b["item"] == "goods_balance_customs")]
    assert r["value_bn"].iloc[0] == pytest.approx(2920.0)


def test_paper_reported_is_complete_and_consistent():
    p = data.load("paper_reported").set_index("claim_id")
    assert len(p) >= 45
    prefixes = ("intro_", "s2_0_", "s2_1_", "s2_2_", "s2_3_", "s2_4_", "s2_5_", "s3_1_", "s3_2_", "s4_")
    assert all(i.startswith(prefixes) for i in p.index)
    for cid, v in {"intro_goods_surplus_2019": 2.92, "intro_goods_surplus_growth_2019": 25.4,
                   "intro_services_balance_2019": -1.5, "intro_total_surplus_2019": 1.42,
                   "intro_goods_surplus_gdp_2018": 2.69, "intro_goods_surplus_gdp_2019": 2.95,
                   "intro_fn1_india_goods_balance_gdp_2018": -7, "intro_wto_us_v_china_2002_2019": 23,
                   "intro_wto_china_v_us_2002_2019": 16, "s2_1_us_surplus_growth_2000_2019": 13.4,
                   "s2_2_zhejiang_surplus_2018": 2144.22, "s2_2_guangdong_surplus_2018_text": 2014.97,
                   "s2_2_shanghai_balance_2018": -1238.17, "s2_3_total_trade_2018": 46224,
                   "s2_4_fn_xvi_exports_2018": 10933, "s3_1_us_china_fdi_ratio_2010_2018": 7.8,
                   "s3_2_china_us_surplus_2018": 4.19, "s3_2_us_asia_balance_1980": -1966}.items():
        assert p.loc[cid, "value"] == pytest.approx(v), cid
    assert p.loc["intro_services_balance_2019", "sign_added"]
    assert p.loc["s3_2_china_us_surplus_2018", "unit"] == "USD trillion"


def test_paper_table1_consistent_with_text():
    t = data.load("paper_table1").set_index("province")
    assert len(t) == 9
    p = data.load("paper_reported").set_index("claim_id")["value"]
    assert t.loc["CN-ZJ", "net_exports_total"] == p["s2_2_zhejiang_surplus_2018"]
    assert t.loc["CN-JS", "net_exports_eu_us"] == p["s2_2_jiangsu_euus_surplus_2018"]
    assert t.loc["CN-SH", "net_exports_total"] == p["s2_2_shanghai_balance_2018"]
    assert t.loc["CN-GD", "net_exports_japan_korea"] == p["s2_2_guangdong_jpkr_balance_2018"]
    js = t.loc["CN-JS"]
    assert js["net_exports_eu_us"] - js["net_exports_total"] == pytest.approx(p["s2_2_jiangsu_euus_minus_total"], abs=0.5)


def test_coverage_table():
    c = data.load("coverage").set_index("dataset")
    assert set(data.list_tables()) - {"coverage"} <= set(c.index)
    bt = c.loc["bilateral_trade"]
    assert (bt["year_min"], bt["year_max"]) == (1960, 2020)
    assert "2020" in bt["known_missing"]
    assert "imf_dots" in bt["raw_folders"]
