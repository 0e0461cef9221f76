"""The loading API: typed frames from data/, cached, copies returned, metadata described."""

from __future__ import annotations

import pandas as pd
import pytest

from tradeimbalance import data, paths

pytestmark = pytest.mark.skipif(not (paths.data_dir() / "datapackage.json").exists(), reason="data/ not built")

CONTRACT = {
    "bilateral_trade": ["reporter", "partner", "flow", "year", "value_usd_mn", "estimated"],
    "partners": ["code", "name_dots", "name_en", "kind"],
    "aggregates": ["aggregate", "member", "definition", "source"],
    "macro": ["country", "year", "gdp_usd", "exports_gs_pct_gdp", "imports_gs_pct_gdp", "merch_exports_usd",
              "merch_imports_usd", "current_account_usd"],
    "bop_china": ["year", "item", "currency", "value_bn", "basis", "release", "release_date", "source_url",
                  "source_type"],
    "customs_regime": ["year", "period", "regime", "regime_group", "flow", "value_usd_mn", "value_type", "yoy_pct",
                       "source_url"],
    "trade_mode_points": ["year", "period", "indicator", "flow", "definition", "value_usd_bn", "share_pct",
                          "source_url", "quote", "note"],
    "province_trade_totals": ["province", "province_en", "year", "basis", "value_usd_mn"],
    "us_trade_hs": ["year", "partner", "flow", "hs2", "hs_section", "value_usd_mn", "months"],
    "comtrade_us_china_hs": ["year", "flow", "hs2", "hs_section", "value_usd_mn"],
    "china_imports_from_us_2017": ["hs2", "hs_section", "value_usd_mn"],
    "comtrade_china_sitc": ["year", "partner", "flow", "product_group", "value_usd_mn"],
    "fdi_positions": ["year", "investor", "host", "basis", "value_usd_mn", "source", "source_type", "vintage"],
    "fdi_stock_unctad": ["economy", "year", "direction", "value_usd_mn"],
    "wto_disputes": ["ds_number", "title", "complainant", "respondent", "consultations_requested", "year", "source"],
    "currency_designations": ["year", "date", "event", "source_url", "source_type", "quote"],
    "paper_reported": ["claim_id", "section", "location", "statement_en", "quote_zh", "value", "unit", "year",
                       "period", "source"],
    "paper_table1": ["province", "net_exports_total", "net_exports_eu_us", "net_exports_asia",
                     "net_exports_japan_korea"],
    "coverage": ["dataset", "year_min", "year_max", "years_missing", "known_missing"],
}


def test_list_tables_has_the_contract():
    assert set(CONTRACT) <= set(data.list_tables())


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_columns(name):
    df = data.load(name)
    missing = [c for c in CONTRACT[name] if c not in df.columns]
    assert not missing
    assert len(df) > 0


def test_declared_dtypes():
    bt = data.load("bilateral_trade")
    assert str(bt["year"].dtype) == "Int64"
    assert bt["value_usd_mn"].dtype == "float64"
    assert isinstance(bt["reporter"].dtype, pd.CategoricalDtype)
    assert str(bt["estimated"].dtype) == "boolean"
    w = data.load("wto_disputes")
    assert pd.api.types.is_datetime64_any_dtype(w["consultations_requested"])
    assert str(data.load("paper_reported")["claim_id"].dtype) in ("string", "str")


def test_cached_but_returns_copies():
    a = data.load("partners")
    a.loc[0, "name_en"] = "changed"
    b = data.load("partners")
    assert b.loc[0, "name_en"] != "changed"
    assert data._read.cache_info().hits >= 1


def test_a_view_is_computed_once_per_data_folder_and_served_as_copies(tmp_path, monkeypatch):
    calls = []

    @data.view_cache
    def partner_codes(kind):
        calls.append(kind)
        p = data.load("partners")
        return p[p["kind"] == kind].reset_index(drop=True)

    kind = data.load("partners")["kind"].iloc[0]
    first = partner_codes(kind)
    first.loc[0, "code"] = "changed"
    assert partner_codes(kind).loc[0, "code"] != "changed" and calls == [kind]
    monkeypatch.setenv("TRADEIMBALANCE_DATA", str(tmp_path))  # another folder: not served the first one's view
    with pytest.raises(FileNotFoundError, match="datapackage.json"):
        partner_codes(kind)
    monkeypatch.delenv("TRADEIMBALANCE_DATA")
    data.clear_views()
    partner_codes(kind)
    assert calls == [kind, kind, kind]


def test_recording_counts_the_tables_behind_a_cached_view():
    @data.view_cache
    def inner():
        return len(data.load("partners"))

    @data.view_cache
    def outer():
        return inner() + len(data.load("aggregates"))

    inner()  # computed outside any recording
    with data.recording() as read:
        outer()  # computed now; inner() is served from the cache
    assert read == {"partners", "aggregates"}
    with data.recording() as again, data.recording() as nested:
        outer()  # both served from the cache
        data.load("macro")
    assert again == nested == {"partners", "aggregates", "macro"}
    data.load("coverage")  # outside any recording: nothing is kept
    assert read == {"partners", "aggregates"} and data._RECORDERS == []


def test_describe():
    d = data.describe("bilateral_trade")
    assert d["fields"]["value_usd_mn"]["unit"].startswith("USD million")
    assert d["primary_key"] == ["reporter", "partner", "flow", "year"]
    assert d["sources"][0]["publisher"] == "International Monetary Fund"
    assert d["sources"][0]["commit"]
    with pytest.raises(KeyError):
        data.describe("no_such_table")


def test_codes_are_defined():
    """Every partner code of bilateral_trade is in partners; every aggregate member is a partner code."""
    codes = set(data.load("partners")["code"])
    assert set(data.load("bilateral_trade")["partner"].astype(str)) <= codes
    assert set(data.load("aggregates")["member"]) <= codes
    agg = data.load("aggregates")
    eu28 = set(agg.loc[agg["aggregate"] == "EU28", "member"])
    eu27 = set(agg.loc[agg["aggregate"] == "EU27", "member"])
    assert eu28 == eu27 | {"GBR"}
    assert set(agg.loc[agg["aggregate"] == "ASIA_PAPER", "member"]) == {"CHN", "KOR", "JPN", "MYS", "IDN", "VNM", "THA"}
    east = set(agg.loc[agg["aggregate"] == "ASIA_EAST_SE", "member"])
    assert {"HKG", "TWN", "SGP", "PHL", "MAC", "CHN"} <= east


def test_reads_only_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("TRADEIMBALANCE_RAW", str(tmp_path / "absent"))
    assert len(data.load("macro")) > 0
