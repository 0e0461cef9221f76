"""The two folders that extend the book past 2020: Comtrade US x China 2021-2025 and the Wikipedia tables.

Expected values are the key figures printed in each folder's SOURCE.md (checked there against the
publishers' headlines), not numbers produced by the readers.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tradeimbalance.errors import IngestError
from tradeimbalance.ingest import comtrade, wikipedia
from tradeimbalance.paths import raw_dir

pytestmark = [pytest.mark.raw,
              pytest.mark.skipif(not raw_dir().exists(), reason="raw sources ../shared/data/raw not present")]

# SOURCE.md of comtrade_usa_chn_hs_2021_2025, "Key figures (USD billion)"
KEY = {  # year: (imports CIF, imports FOB or None, exports FOB)
    2021: (541.53, None, 151.07), 2022: (575.69, 536.73, 153.84), 2023: (448.02, 427.21, 147.81),
    2024: (462.62, 438.93, 143.55), 2025: (327.48, 308.36, 106.31),
}


@pytest.fixture(scope="module")
def us_china():
    return comtrade.read(raw_dir())


def _total(df, year, flow, col="value_usd_mn"):
    r = df[(df["year"] == year) & (df["flow"] == flow) & (df["hs2"] == "TOTAL")]
    assert len(r) == 1
    return r[col].iloc[0]


@pytest.mark.parametrize("year", sorted(KEY))
def test_comtrade_totals_match_the_source_key_figures(us_china, year):
    cif, fob, x = KEY[year]
    assert _total(us_china, year, "us_imports") / 1000 == pytest.approx(cif, abs=0.006)
    assert _total(us_china, year, "us_exports") / 1000 == pytest.approx(x, abs=0.006)
    got_fob = _total(us_china, year, "us_imports", "fob_usd_mn")
    if fob is None:
        assert pd.isna(got_fob)  # 0 in the file means "not given"
    else:
        assert got_fob / 1000 == pytest.approx(fob, abs=0.006)


def test_comtrade_years_and_chapters_sum_to_total(us_china):
    assert sorted(us_china["year"].unique()) == list(range(2016, 2026))
    ch = us_china[(us_china["hs2"] != "TOTAL") & (us_china["year"] == 2024) & (us_china["flow"] == "us_imports")]
    assert ch["value_usd_mn"].sum() == pytest.approx(_total(us_china, 2024, "us_imports"), rel=1e-9)
    xvi = ch[ch["hs_section"] == "XVI"]["value_usd_mn"].sum() / 1000
    assert xvi == pytest.approx(212.19, abs=0.006)  # SOURCE.md: section XVI imports 2024


def test_comtrade_deficit_2023_matches_source(us_china):
    d = (_total(us_china, 2023, "us_imports", "fob_usd_mn") - _total(us_china, 2023, "us_exports")) / 1000
    assert d == pytest.approx(279.4, abs=0.05)


def test_comtrade_overlapping_years_are_refused(tmp_path):
    for folder in ("comtrade_usa_chn_hs", "comtrade_usa_chn_hs_2021_2025"):
        shutil.copytree(raw_dir() / folder, tmp_path / folder)
    later = tmp_path / comtrade.FILE_2021
    later.chmod(0o644)
    text = later.read_text().splitlines(keepends=True)
    text.append(text[1].replace("2021,", "2020,", 1))
    later.write_text("".join(text))
    with pytest.raises(IngestError, match=r"year\(s\) \[2020\] are in both"):
        comtrade.read(tmp_path)


def test_wikipedia_rows_are_secondary_with_source_unit_licence():
    w = wikipedia.read(raw_dir())
    assert len(w) == 14
    assert w["secondary"].all()
    assert (w["unit"] == "USD billion").all()
    assert w["licence"].str.contains("CC BY-SA").all()
    assert w["source_url"].str.startswith("https://").all()
    us23 = w[(w["year"] == 2023) & (w["partner"] == "USA")].iloc[0]
    assert (us23["exports_usd_bn"], us23["imports_usd_bn"], us23["balance_usd_bn"]) == (500.3, 164.2, 336.1)
    eu = w[w["partner"] == "EU"].set_index("year")["partner_definition"]
    assert eu[2017].startswith("EU-28") and eu[2023] == "EU-27"


def _wiki_copy(tmp_path, edit):
    dest = tmp_path / wikipedia.FOLDER
    shutil.copytree(raw_dir() / wikipedia.FOLDER, dest)
    f = tmp_path / wikipedia.FILE
    f.chmod(0o644)
    f.write_text(edit(f.read_text()))
    return tmp_path


def test_wikipedia_arithmetic_check_names_the_row(tmp_path):
    raw = _wiki_copy(tmp_path, lambda t: t.replace("2023,United States,664.5,500.3", "2023,United States,664.5,510.3"))
    with pytest.raises(IngestError, match=r"exports \+ imports differs from the total.*row 10"):
        wikipedia.read(raw)


def test_wikipedia_unknown_partner_is_refused(tmp_path):
    raw = _wiki_copy(tmp_path, lambda t: t.replace("2023,Germany,", "2023,Atlantis,"))
    with pytest.raises(IngestError, match="unknown partner 'Atlantis'"):
        wikipedia.read(raw)
