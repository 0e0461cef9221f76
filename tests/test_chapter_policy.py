"""Chapter "Policy implications" (paper, section 4) and its after-2019 extension."""

import math

import pandas as pd
import pytest

from tradeimbalance import load
from tradeimbalance.charts import lint_chart
from tradeimbalance.checks import invariant_problems
from tradeimbalance.chapters.policy import facts, latest, measures
from tradeimbalance.catalog import get_figure

FIGS = ["policy_bilateral", "policy_surplus", "policy_shift"]


def _flow(reporter, partner, flow, year):
    bt = load("bilateral_trade")
    r = bt[(bt["reporter"] == reporter) & (bt["partner"] == partner) & (bt["flow"] == flow) & (bt["year"] == year)]
    return float(r["value_usd_mn"].iloc[0]) / 1000 if len(r) else math.nan


def test_section_4_has_no_numeric_statements():
    rep = load("paper_reported")
    assert not rep["claim_id"].astype(str).str.startswith("s4_").any()
    assert len(measures.section_claims()) == 0


@pytest.mark.parametrize("fid", FIGS)
def test_figures_have_documented_columns_and_lint(fid):
    fig = get_figure(fid)
    df = fig.data(2019)
    assert list(df.columns) == fig.columns
    assert invariant_problems(df, fid) == []
    assert lint_chart(fig.chart(df, 2019)) == []


@pytest.mark.parametrize("fid,year,last", [
    ("policy_bilateral", 2015, 2015), ("policy_bilateral", 2025, 2020),
    ("policy_surplus", 2015, 2015), ("policy_surplus", 2030, 2025),
    ("policy_shift", 2016, 2016), ("policy_shift", 2025, 2020),
])
def test_figures_end_at_year_or_at_the_data(fid, year, last):
    assert int(get_figure(fid).data(year)["year"].max()) == last


def test_bilateral_values_against_the_table():
    df = get_figure("policy_bilateral").data(2020).set_index("year")
    exp, imp = _flow("CHN", "USA", "exports", 2020), _flow("CHN", "USA", "imports", 2020)
    assert df.loc[2020, "china_balance_usa_usd_bn"] == pytest.approx(exp - imp, abs=1e-5)
    eu28 = sum(_flow("CHN", p, "exports", 2019) - _flow("CHN", p, "imports", 2019)
               for p in load("aggregates").query("aggregate == 'EU28'")["member"] if not math.isnan(_flow("CHN", p, "exports", 2019)))
    assert df.loc[2019, "china_balance_eu28_usd_bn"] == pytest.approx(eu28, abs=1e-3)


def test_surplus_values_against_the_tables():
    df = get_figure("policy_surplus").data(2025).set_index("year")
    m = load("macro")
    c = m[(m["country"] == "CHN") & (m["year"] == 2024)].iloc[0]
    bal = (c["merch_exports_usd"] - c["merch_imports_usd"]) / 1e9
    assert df.loc[2024, "merch_balance_usd_bn"] == pytest.approx(bal, abs=1e-4)
    assert df.loc[2024, "merch_balance_pct_gdp"] == pytest.approx(100 * bal * 1e9 / c["gdp_usd"], abs=1e-3)
    b = load("bop_china")
    off = b[(b["year"] == 2019) & (b["item"] == "goods_balance") & (b["currency"] == "USD")
            & (b["release"] == "official annual")]
    assert df.loc[2019, "bop_goods_balance_usd_bn"] == pytest.approx(float(off["value_bn"].iloc[0]))
    assert math.isnan(df.loc[2017, "bop_goods_balance_usd_bn"])  # only a derived value exists
    assert math.isnan(df.loc[2025, "bop_goods_balance_usd_bn"])


def test_release_preference_on_hand_made_labels():
    assert measures._release_rank("official annual") < measures._release_rank("preliminary")
    assert measures._release_rank("SAFE 2018 China BoP Report (summary)") == 0
    assert measures._release_rank("DERIVED, not published text") == math.inf


def test_shift_shares_against_the_table():
    df = get_figure("policy_shift").data(2020)
    r = df[(df["reporter"] == "USA") & (df["partner"] == "VNM") & (df["year"] == 2020)].iloc[0]
    assert r["share_of_reporter_imports_pct"] == pytest.approx(
        100 * _flow("USA", "VNM", "imports", 2020) / _flow("USA", "WLD", "imports", 2020), abs=1e-3)
    e = df[(df["reporter"] == "EU27") & (df["partner"] == "CHN") & (df["year"] == 2018)].iloc[0]
    extra = _flow("EU27", "WLD", "imports", 2018) - _flow("EU27", "EU27", "imports", 2018)
    assert e["share_of_reporter_imports_pct"] == pytest.approx(100 * _flow("EU27", "CHN", "imports", 2018) / extra,
                                                               abs=1e-3)


def test_processing_table_shares():
    t = measures.processing_table()
    r = t[(t["year"] == "2019") & (t["flow"] == "imports") & (t["period"] == "Jan-Dec")].iloc[0]
    assert r["processing_share_pct"] == pytest.approx(100 * r["processing_usd_bn"] / r["total_usd_bn"])
    assert set(t["period"]) <= {"Jan-Dec", "Jan-Oct"}
    assert (measures.processing_table(2019)["year"].astype(int) <= 2019).all()


def test_fdi_points_only_years_with_both_sides():
    p = measures.fdi_points()
    assert p[["us_in_china_usd_bn", "china_in_us_usd_bn"]].notna().all().all()
    assert p["ratio"].tolist() == pytest.approx((p["us_in_china_usd_bn"] / p["china_in_us_usd_bn"]).tolist())
    assert "2023" in set(p["year"])


def test_cited_facts_are_finite():
    s = {f.name: f.value for f in facts.facts(2019)}
    for k in ("cn_us_last", "merch_last", "proc_imp_2024", "fdi_ratio_last", "USA_succ_share_last"):
        assert s[k] == s[k]  # not NaN
    assert s["dots_last"] == 2020 and s["macro_last"] >= 2024


# ---------------------------------------------------------------- the years after 2019, from every source


def test_us_side_series_runs_to_the_comtrade_years_after_dots():
    from tradeimbalance.data import load

    d = latest.us_side_data().set_index("year")
    c = load("comtrade_us_china_hs")
    c = c[c["hs2"] == "TOTAL"]
    last = int(c["year"].max())
    assert int(d.index.max()) == last
    dots_last = int(load("bilateral_trade")["year"].max())
    after = d.loc[dots_last + 1:]
    assert len(after) == last - dots_last and after["source"].str.startswith("UN Comtrade").all()
    imp = c[(c["year"] == last) & (c["flow"] == "us_imports")]["value_usd_mn"].iloc[0] / 1000
    assert after.loc[last, "us_imports_usd_bn"] == pytest.approx(imp)
    assert ((d["us_balance_usd_bn"] - (d["us_exports_usd_bn"] - d["us_imports_usd_bn"])).abs() < 1e-5).all()
    assert d.loc[:dots_last, "source"].str.startswith("IMF, Direction").all()
    # the vintage line names both vintages with their years
    line = latest.vintage_lines(latest.us_side_data())
    assert f"–{dots_last}: IMF, Direction" in line and f"{dots_last + 1}–{last}: UN Comtrade" in line


def test_us_side_prefers_imts_rows_when_refreshed(monkeypatch):
    fake = pd.DataFrame({"year": [2021], "exports": [150.0], "imports": [500.0], "vintage": ["2026-12-01"]})
    monkeypatch.setattr(latest, "imts_series", lambda r, q: fake if (r, q) == ("USA", "CHN") else fake.iloc[0:0])
    d = latest.us_side_data().set_index("year")
    assert d.loc[2021, "source"] == "IMF IMTS (fetched 2026-12-01)"
    assert d.loc[2021, "us_balance_usd_bn"] == -350.0
    assert d.loc[2022, "source"].startswith("UN Comtrade")


def test_after_2019_table_marks_secondary_and_missing_years():
    table, missing = latest.after_2019_table()
    t = table.set_index("Measure")
    cn_us = t.loc["China's surplus with the US (China's records, USD bn)"]
    assert cn_us["2023"] == "336.1 s"  # the secondary Wikipedia row, China Customs 2023
    assert cn_us["2022"] == "—"
    m = missing.set_index("Measure")
    assert "2021–2022" in m.loc["China's surplus with the US (China's records, USD bn)", "Years without data"]
    assert "GACC" in m.loc["China's surplus with the US (China's records, USD bn)", "Would be filled by"]
    assert "Census" in m.loc["Vietnam, Thailand, Cambodia, Bangladesh: share of US imports (%)", "Would be filled by"]
    assert list(table.columns)[1] == "2019" and list(table.columns)[-1] == str(latest.us_side_last_year())
