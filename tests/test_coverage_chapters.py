"""Per-chapter coverage: the registry, the years each chapter can show and the note for later years."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tradeimbalance import coverage
from tradeimbalance.paths import data_dir, project_root
from tradeimbalance.toc import toc_chapters

ROOT = project_root()


def _coverage_csv() -> pd.DataFrame:
    return pd.read_csv(data_dir() / "coverage.csv")


def test_every_executable_chapter_is_registered_and_asks_for_its_own_year():
    reg = coverage.chapter_datasets()
    for ch in toc_chapters(ROOT):
        if not ch.executable or ch.name == "interface":
            continue
        assert ch.name in set(reg["chapter"]), ch.name
        text = (ROOT / ch.source).read_text(encoding="utf-8")
        assert f'year = show_chapter_year("{ch.name}", year)' in text, ch.name
        # the note cell comes right after the parameters cell, near the top of the page
        assert text.index("show_chapter_year") - text.index(":tags: [parameters") < 400, ch.name


def test_registered_datasets_exist_in_the_data():
    tables = set(_coverage_csv()["dataset"]) | {"coverage"}  # the coverage table does not list itself
    missing = sorted(set(coverage.chapter_datasets()["dataset"]) - tables)
    assert not missing


def test_book_range_runs_from_first_to_last_year_of_any_dataset_a_chapter_reads():
    cov = _coverage_csv()
    used = cov[cov["dataset"].isin(coverage.chapter_datasets()["dataset"])].dropna(subset=["year_min"])
    lo, hi = coverage.runnable_range(coverage.dataset_ranges())
    assert (lo, hi) == (int(used["year_min"].min()), int(used["year_max"].max()))
    assert hi >= 2025  # World Bank data and US-reported Comtrade reach 2025


def test_a_chapter_past_its_data_shows_its_last_year_and_says_so():
    cov = _coverage_csv().set_index("dataset")
    dots_last = int(cov.loc["bilateral_trade", "year_max"])
    shown, note = coverage.chapter_year("bilateral", dots_last + 4)
    assert shown == dots_last
    assert f"end in {dots_last}" in note and "tradeimbalance refresh" in note and str(dots_last + 4) in note
    assert coverage.chapter_year("bilateral", dots_last) == (dots_last, "")


def test_a_chapter_bounded_by_two_datasets_ends_with_the_earlier():
    cov = _coverage_csv().set_index("dataset")
    expected = min(int(cov.loc["us_trade_hs", "year_max"]), int(cov.loc["bilateral_trade", "year_max"]))
    assert coverage.chapter_year("industry", 2025)[0] == expected


def test_chapter_with_data_to_the_year_shows_it():
    cov = _coverage_csv().set_index("dataset")
    last = int(cov.loc["province_trade_totals", "year_max"])
    assert coverage.chapter_year("regional", last) == (last, "")


def test_chapter_years_follow_the_data(tmp_path):
    """With a coverage table of other years, the chapters' years change with it (nothing is typed in)."""
    cov = _coverage_csv()
    cov.loc[cov["dataset"] == "bilateral_trade", "year_max"] = 2024
    cov.to_csv(tmp_path / "coverage.csv", index=False)
    assert coverage.chapter_year("bilateral", 2024, tmp_path) == (2024, "")
    table = coverage.chapter_table(tmp_path).set_index("chapter")
    assert table.loc["bilateral", "years shown"] == "1960-2024"
    assert "industry" in table.index and "shows 2020" in table.loc["industry", "for a later year"]


def test_unknown_chapter_and_bad_registry_are_refused(tmp_path, monkeypatch):
    with pytest.raises(coverage.CoverageError, match="chapter 'nope' is not in"):
        coverage.chapter_year("nope", 2020)
    bad = tmp_path / "reg.csv"
    bad.write_text("chapter,dataset,bounds,label\nbilateral,bilateral_trade,yes,x\n")
    monkeypatch.setattr(coverage, "CHAPTER_DATASETS", bad)
    with pytest.raises(coverage.CoverageError, match="row 2: bounds must be true or false, not 'yes'"):
        coverage.chapter_datasets()


def test_describe_lists_chapters_and_datasets():
    text = coverage.describe()
    assert re.search(r"bilateral +1960-\d{4}", text)
    assert "Years covered by each dataset" in text and "comtrade_us_china_hs" in text


def test_export_for_a_late_year_gives_each_figure_its_chapter_year():
    from tradeimbalance import export

    cov = _coverage_csv().set_index("dataset")
    dots_last = int(cov.loc["bilateral_trade", "year_max"])
    tables = export.figure_tables(2025, ["policy_bilateral", "policy_surplus"])
    assert int(tables["policy_bilateral"]["year"].max()) == dots_last
    assert int(tables["policy_surplus"]["year"].max()) <= dots_last  # the policy chapter shows its bounded year
