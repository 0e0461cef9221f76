"""Bad inputs stop the build with one IngestError naming the place, and leave the output folder untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.synthetic import bea_file, dots_workbook, nbs_file, safe_file, wdi_file, write_csv
from tradeimbalance import build, outdir, schema
from tradeimbalance.build.__main__ import main as build_main
from tradeimbalance.errors import IngestError, ValidationError
from tradeimbalance.ingest import bea, nbs, safe, wdi


@pytest.fixture()
def out_dir(tmp_path) -> Path:
    """An output folder that already holds a (previous) build."""
    out = tmp_path / "data"
    out.mkdir()
    (out / "bilateral_trade.csv").write_text("reporter,partner\nCHN,USA\n", encoding="utf-8")
    (out / "datapackage.json").write_text("{}\n", encoding="utf-8")
    outdir._write_marker(out, "data", ["bilateral_trade.csv", "datapackage.json"])
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert snapshot(out) == before
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-")]
    assert leftovers == []


def raw_with_dots(tmp_path: Path, **kwargs) -> Path:
    raw = tmp_path / "raw"
    dots_workbook(raw / "imf_dots" / "xlsx" / "DOTS_40.xlsx", **kwargs)
    return raw


def build_fails(raw: Path, out: Path, pattern: str) -> IngestError:
    before = snapshot(out)
    with pytest.raises(IngestError, match=pattern) as info:
        build.build_data(raw, out)
    assert_untouched(out, before)
    assert "\n" not in str(info.value)  # one message
    return info.value


# --- one test per case, through the whole build -------------------------------------------------

def test_missing_raw_file(tmp_path, out_dir):
    raw = tmp_path / "raw"
    (raw / "imf_dots" / "xlsx").mkdir(parents=True)
    err = build_fails(raw, out_dir, "raw file is missing")
    assert err.file.endswith("DOTS_40.xlsx")


def test_missing_raw_folder(tmp_path, out_dir):
    build_fails(tmp_path / "nowhere", out_dir, "raw source folder not found")


def test_renamed_sheet(tmp_path, out_dir):
    raw = raw_with_dots(tmp_path, sheets=("Exports FOB", "Imports, CIF"))
    err = build_fails(raw, out_dir, r"sheet not found.*sheet 'Exports, FOB'")
    assert err.sheet == "Exports, FOB"


def test_non_numeric_cell(tmp_path, out_dir):
    partners = [("World", [1.0, "n/a", 3.0])]
    raw = raw_with_dots(tmp_path, partners=partners)
    err = build_fails(raw, out_dir, r"non-numeric value 'n/a'.*sheet 'Exports, FOB'.*row 8.*column 'D'")
    assert (err.sheet, err.row, err.column) == ("Exports, FOB", 8, "D")


def test_duplicate_key(tmp_path, out_dir):
    partners = [("World", [1.0, 2.0, 3.0]), ("World", [1.0, 2.0, 4.0])]
    raw = raw_with_dots(tmp_path, partners=partners)
    build_fails(raw, out_dir, r"duplicate partner 'World'.*row 9")


def test_unknown_country_name(tmp_path, out_dir):
    partners = [("World", [1.0, 2.0, 3.0]), ("Atlantis", [1.0, 2.0, 3.0])]
    raw = raw_with_dots(tmp_path, partners=partners)
    err = build_fails(raw, out_dir, r"unknown partner name 'Atlantis'.*row 9.*column 'B'")
    assert "DOTS_40.xlsx" in err.file


def test_unit_mismatch(tmp_path, out_dir):
    raw = raw_with_dots(tmp_path, unit="US Dollars, Billions")
    build_fails(raw, out_dir, r"unit mismatch: expected 'US Dollars, Millions', found 'US Dollars, Billions'.*row 5")


def test_not_a_workbook(tmp_path, out_dir):
    raw = tmp_path / "raw"
    path = raw / "imf_dots" / "xlsx" / "DOTS_40.xlsx"
    path.parent.mkdir(parents=True)
    path.write_text("not a zip", encoding="utf-8")
    build_fails(raw, out_dir, "not a readable xlsx workbook")


def test_main_prints_one_line_and_exits_1(tmp_path, out_dir, capsys):
    raw = raw_with_dots(tmp_path, unit="Euros, Millions")
    before = snapshot(out_dir)
    assert build_main(["--raw", str(raw), "--out", str(out_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("tradeimbalance: build failed: unit mismatch") and "\n" not in err
    assert_untouched(out_dir, before)


def test_schema_violation_is_a_validation_error():
    import pandas as pd

    df = pd.DataFrame({"code": ["A", "A"], "name_dots": ["x", "y"], "name_en": ["x", "y"], "kind": ["country"] * 2})
    with pytest.raises(ValidationError, match="duplicate primary key"):
        schema.conform("partners", df)
    df = pd.DataFrame({"code": ["A"], "name_dots": ["x"], "name_en": ["x"], "kind": ["planet"]})
    with pytest.raises(ValidationError, match="'planet' not allowed"):
        schema.conform("partners", df)
    with pytest.raises(ValidationError, match="columns do not match"):
        schema.conform("partners", df.drop(columns="kind"))


# --- the same cases in the CSV readers -----------------------------------------------------------

def test_wdi_non_numeric(tmp_path):
    path = wdi_file(tmp_path / "f.csv", rows=[["China", "CHN", 2018, "1.4e13"], ["China", "CHN", 2019, "abc"]])
    with pytest.raises(IngestError, match=r"non-numeric value 'abc'.*row 3.*column 'Value'"):
        wdi.read_indicator(path, "gdp_usd")


def test_wdi_duplicate_key(tmp_path):
    path = wdi_file(tmp_path / "f.csv", rows=[["China", "CHN", 2018, 1.0], ["China", "CHN", 2018, 2.0]])
    with pytest.raises(IngestError, match=r"duplicate key .*CHN.*2018.*row 3"):
        wdi.read_indicator(path, "gdp_usd")


def test_wdi_missing_column(tmp_path):
    path = write_csv(tmp_path / "f.csv", ["Country Name", "Country Code", "Year"], [["China", "CHN", 2018]])
    with pytest.raises(IngestError, match=r"expected column\(s\) \['Value'\] not found"):
        wdi.read_indicator(path, "gdp_usd")


def test_nbs_unknown_region(tmp_path, monkeypatch):
    monkeypatch.setattr(nbs, "FILES", {"location_of_importers_exporters": ("n.csv", "A060101")})
    nbs_file(tmp_path / "n.csv", rows=[["A060101", "x", "990000", "某省", 2018, 1.0]])
    with pytest.raises(IngestError, match=r"unknown region code '990000'.*row 2.*column 'region_code'"):
        nbs.read(tmp_path)


def test_nbs_wrong_indicator(tmp_path, monkeypatch):
    monkeypatch.setattr(nbs, "FILES", {"location_of_importers_exporters": ("n.csv", "A060101")})
    nbs_file(tmp_path / "n.csv", indicator="A060201")
    with pytest.raises(IngestError, match="indicator 'A060201' found, expected 'A060101'"):
        nbs.read(tmp_path)


def test_safe_unit_mismatch(tmp_path, monkeypatch):
    monkeypatch.setattr(safe, "FILE", "s.csv")
    safe_file(tmp_path / "s.csv", unit="million")
    with pytest.raises(IngestError, match=r"unit mismatch: 'million'.*row 2.*column 'unit'"):
        safe.read(tmp_path)


def test_safe_converts_units(tmp_path, monkeypatch):
    monkeypatch.setattr(safe, "FILE", "s.csv")
    safe_file(tmp_path / "s.csv", unit="100 million")
    assert safe.read(tmp_path)["value_bn"].iloc[0] == pytest.approx(42.53)


def test_bea_reads_codes_and_unit(tmp_path, monkeypatch):
    monkeypatch.setattr(bea, "FDIUS_FILE", "b.csv")
    bea_file(tmp_path / "b.csv")
    df = bea.read_fdius(tmp_path)
    assert set(df["investor"]) == {"WLD", "BEA_EUR", "BEA_EUR_OTH", "BEA_APAC", "CHN"}
    chn = df[df["investor"] == "CHN"].set_index("year")
    assert chn.loc[2019, "value_usd_mn"] == 37685 and chn.loc[2010, "flag"] == "*"


def test_bea_unit_mismatch(tmp_path, monkeypatch):
    monkeypatch.setattr(bea, "FDIUS_FILE", "b.csv")
    bea_file(tmp_path / "b.csv", unit="[Billions of dollars]")
    with pytest.raises(IngestError, match=r"unit mismatch.*row 2"):
        bea.read_fdius(tmp_path)


def test_bea_unknown_country_and_bad_cell(tmp_path, monkeypatch):
    monkeypatch.setattr(bea, "FDIUS_FILE", "b.csv")
    bea_file(tmp_path / "b.csv", rows=[[""] + ["1"] * 12, ["Atlantis"] + ["1"] * 12])
    with pytest.raises(IngestError, match=r"unknown BEA country name 'Atlantis'.*row 6"):
        bea.read_fdius(tmp_path)
    bea_file(tmp_path / "b.csv", rows=[[""] + ["1"] * 11 + ["12 bn"]])
    with pytest.raises(IngestError, match=r"non-numeric value '12 bn'.*row 5.*column '2019'"):
        bea.read_fdius(tmp_path)
