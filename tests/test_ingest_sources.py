"""Cross-checks of the readers against the raw folders' own derived files (needs ../shared/data/raw)."""

from __future__ import annotations

import pandas as pd
import pytest

from tradeimbalance.ingest import census, customs, disputes, reference_tables
from tradeimbalance.paths import raw_dir

pytestmark = [pytest.mark.raw,
              pytest.mark.skipif(not raw_dir().exists(), reason="raw sources ../shared/data/raw not present")]


def test_census_annual_sums_match_the_compilers_annual_file():
    ours = census.read(raw_dir())
    ref = pd.read_csv(raw_dir() / "census_us_hs2_partner" / "us_trade_hs2_annual_2016_2020.csv", dtype={"hs2": str})
    ref["partner"] = ref["cty_name"].map({"CHINA": "CHN", "JAPAN": "JPN", "KOREA, SOUTH": "KOR", "HONG KONG": "HKG",
                                          "TOTAL FOR ALL COUNTRIES": "WLD"})
    ref["flow"] = ref["flow"].map({"US imports for consumption": "us_imports_consumption",
                                   "US total exports": "us_exports"})
    j = ref.merge(ours, on=["year", "partner", "flow", "hs2"], how="outer", indicator=True)
    assert (j["_merge"] == "both").all()
    assert (j["value_usd"] - j["value_usd_mn"] * 1e6).abs().max() < 1.0
    assert (j["months_x"] == j["months_y"]).all()
    assert (j["hs_section_x"] == j["hs_section_y"]).all()


def test_customs_derived_2018_matches_trade_mode_history():
    ours = customs.read_regimes(raw_dir())
    ours = ours[(ours["year"] == 2018) & (ours["period"] == "Jan-Dec")]
    ref = pd.read_csv(raw_dir() / "trade_mode_history" / "gacc_trade_mode_2019_published_2018_derived.csv")
    ref = ref[ref["year"] == 2018]
    j = ref.merge(ours, left_on=["trade_mode", "flow"], right_on=["regime", "flow"])
    assert len(j) == len(ref) == len(ours)
    assert (j["value"] / 1000 - j["value_usd_mn"]).abs().max() < 0.01


def test_customs_2019_table_agrees_with_the_wide_transcription():
    ours = customs.read_regimes(raw_dir())
    ours = ours[(ours["year"] == 2019) & (ours["value_type"] == "published")].set_index(["regime", "flow"])
    wide = pd.read_csv(raw_dir() / "gacc_customs_regime_2019" / "customs_regime_2019_usd_thousand.csv")
    for _, r in wide.iterrows():
        for flow in ("exports", "imports"):
            v = r[f"{flow}_jan_dec_2019"]
            if pd.notna(v):
                assert ours.loc[(r["customs_regime"], flow), "value_usd_mn"] == pytest.approx(v / 1000)


def test_dispute_counts_match_the_counts_file():
    w = disputes.read(raw_dir())
    counts = pd.read_csv(raw_dir() / "wto_disputes_2018_2019" / "us_china_dispute_counts_2002_2019.csv")
    for direction, (c, r) in {"US v China": ("USA", "CHN"), "China v US": ("CHN", "USA")}.items():
        for _, row in counts[counts["direction"] == direction].iterrows():
            a, b = map(int, row["period"].split("-"))
            n = len(w[(w["complainant"] == c) & (w["respondent"] == r) & w["year"].between(a, b)])
            assert n == row["count"], (direction, row["period"])
            if isinstance(row["cases"], str):
                got = sorted(f"DS{d}" for d in w[(w["complainant"] == c) & (w["respondent"] == r)
                                                   & w["year"].between(a, b)]["ds_number"])
                assert got == sorted(row["cases"].split())


def test_paper_table1_matches_the_raw_transcription():
    ours = reference_tables.paper_table1().set_index("province_en")
    ref = pd.read_csv(raw_dir() / "province_trade" / "paper_table1_2018_claims.csv").set_index("province")
    cols = {"net_exports_total": "net_exports_total", "net_exports_eu_us": "net_exports_with_eu_us",
            "net_exports_asia": "net_exports_with_asia", "net_exports_japan_korea": "net_exports_with_japan_korea"}
    for ours_col, ref_col in cols.items():
        assert (ours.loc[ref.index, ours_col] - ref[ref_col]).abs().max() < 1e-9


def test_paper_section_xvi_claims_match():
    p = reference_tables.paper_reported().set_index("claim_id")["value"]
    ref = pd.read_csv(raw_dir() / "hs_section_partner" / "paper_section_xvi_claims.csv")
    values = set(ref["value"].abs().round(2))
    for cid in ["s2_4_xvi_exports_to_us_2018", "s2_4_xvi_share_exports_to_us_2018", "s2_4_xvi_surplus_with_us_2018",
                "s2_4_xvi_balance_japan_2018", "s2_4_xvi_balance_korea_2018", "s2_4_fn_xvi_exports_2018",
                "s2_4_fn_xvi_processing_exports_2018"]:
        assert round(abs(p[cid]), 2) in values, cid
