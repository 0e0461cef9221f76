"""The DOTS workbook reader: layout, estimate flags, duplicates, float noise, and a cross-check on the raw files."""

from __future__ import annotations

import pandas as pd
import pytest

from fixtures.synthetic import dots_workbook
from tradeimbalance.errors import IngestError
from tradeimbalance.ingest import dots
from tradeimbalance.ingest._common import code_map
from tradeimbalance.paths import raw_dir



@pytest.fixture()
def codes():
    return code_map("dots_partners", "name_dots")


def test_reads_layout(tmp_path, codes):
    df = dots.read_workbook(dots_workbook(tmp_path / "DOTS_40.xlsx"), codes)
    assert set(df["reporter"]) == {"CHN"}
    assert set(df["flow"]) == {"exports", "imports"}
    # blank cells dropped, heading rows without data dropped, duplicate Australia kept once
    exp = df[df["flow"] == "exports"]
    assert len(exp[exp["partner"] == "AUS"]) == 3
    assert "MEMO" not in set(exp["partner"])
    assert len(exp[exp["partner"] == "ADV"]) == 2
    # estimate flag split off, value parsed
    w = exp[(exp["partner"] == "WLD") & (exp["year"] == 2019)].iloc[0]
    assert w["value_usd_mn"] == 120.5 and bool(w["estimated"]) is True
    assert not exp[(exp["partner"] == "WLD") & (exp["year"] == 2018)]["estimated"].iloc[0]
    # EU partner is the EU27 code
    assert "EU27" in set(exp["partner"])


def test_float_noise_rounded(tmp_path, codes, monkeypatch):
    folder = tmp_path / "imf_dots" / "xlsx"
    monkeypatch.setattr(dots, "REPORTER_FILES", {"DOTS_40.xlsx": "CHN"})
    dots_workbook(folder / "DOTS_40.xlsx")
    df = dots.read(tmp_path)
    v = df[(df["partner"] == "USA") & (df["year"] == 2017) & (df["flow"] == "exports")]["value_usd_mn"].iloc[0]
    assert v == 21473.6
    assert df["year"].dtype == "Int64"


def test_duplicate_partner_with_different_values(tmp_path, codes):
    partners = [("World", [1.0, 2.0, 3.0]), ("Japan", [1.0, 2.0, 3.0]), ("Japan", [1.0, 2.5, 3.0])]
    path = dots_workbook(tmp_path / "d.xlsx", partners=partners)
    with pytest.raises(IngestError, match=r"duplicate partner 'Japan'.*row 10.*column 'B'"):
        dots.read_workbook(path, codes)


def test_year_header_must_be_years(tmp_path, codes):
    path = dots_workbook(tmp_path / "d.xlsx", years=["2017", "total", "2019"])
    with pytest.raises(IngestError, match=r"year header is not a year.*row 7.*column 'D'"):
        dots.read_workbook(path, codes)


def test_wrong_reporter_for_file(tmp_path, monkeypatch):
    monkeypatch.setattr(dots, "REPORTER_FILES", {"DOTS_40.xlsx": "CHN"})
    dots_workbook(tmp_path / "imf_dots" / "xlsx" / "DOTS_40.xlsx", reporter="Japan")
    with pytest.raises(IngestError, match="holds reporter 'JPN', expected 'CHN'"):
        dots.read(tmp_path)


def test_every_partner_name_has_a_unique_code():
    ref = pd.read_csv(dots.__file__.replace("ingest/dots.py", "reference/dots_partners.csv"), dtype=str)
    assert ref["name_dots"].is_unique and ref["code"].is_unique
    assert set(ref["kind"]) == {"country", "aggregate"}
    for code in ["WLD", "EU27", "EA", "ADV", "EMDE", "BLX", "TWN", "HKG", "MAC", "GBR"]:
        assert code in set(ref["code"])


@pytest.mark.heavy
@pytest.mark.raw
@pytest.mark.skipif(not raw_dir().exists(), reason="raw sources ../shared/data/raw not present")
def test_matches_the_premade_long_csv():
    """The reader reproduces every row of the compiler's own tidy subset (dots_selected_long.csv)."""
    ours = dots.read(raw_dir())
    theirs = pd.read_csv(raw_dir() / "imf_dots" / "dots_selected_long.csv")
    names = code_map("dots_partners", "name_dots")
    theirs["reporter"] = theirs["reporter"].map(names)
    theirs["partner"] = theirs["partner"].map(names)
    theirs["flow"] = theirs["flow"].map({"exports_fob": "exports", "imports_cif": "imports"})
    assert theirs[["reporter", "partner", "flow"]].notna().all().all()
    j = theirs.merge(ours, on=["reporter", "partner", "flow", "year"], how="left", suffixes=("_ref", ""))
    assert len(j) == 95_997
    assert j["value_usd_mn"].notna().all()
    assert (j["value_usd_mn"] - j["value_usd_mn_ref"]).abs().max() < 1e-6
    assert (j["estimated"] == j["estimated_ref"].astype(bool)).all()
    # all partners of the workbooks are kept, not only the subset
    assert ours["partner"].nunique() > 200
    assert ours.duplicated(["reporter", "partner", "flow", "year"]).sum() == 0
