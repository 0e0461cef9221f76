"""Implausible data are refused: negative trade values, truncated or emptied sources, unit slips across sources.

The fast tests run the checks on the committed tables of ``data/`` with one
corruption each (no raw files needed). The ``raw`` tests corrupt a copy of the
raw sources the way a careless download would and run the whole build into a
copy of ``data/``: each refusal names the file and what is implausible, and the
folder stays byte-identical (checksums before and after).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tradeimbalance import cli, data, paths, plausibility, schema
from tradeimbalance.errors import IngestError, ValidationError


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {n: data.load(n, paths.data_dir()) for n in ("bilateral_trade", "macro")}


def _copy(tables):
    return {k: v.copy() for k, v in tables.items()}


def test_the_committed_tables_are_plausible(tables):
    plausibility.check_dots(tables["bilateral_trade"])
    plausibility.check_wdi(tables["macro"])
    plausibility.check_dots_against_wdi(tables["bilateral_trade"], tables["macro"])


@pytest.mark.parametrize("factor", [1_000, 1_000_000, 1 / 1_000])
def test_a_unit_slip_in_chinas_dots_exports_is_caught(tables, factor):
    t = _copy(tables)
    bt = t["bilateral_trade"]
    chn = bt["reporter"] == "CHN"
    bt.loc[chn, "value_usd_mn"] = bt.loc[chn, "value_usd_mn"] * factor
    with pytest.raises(IngestError) as info:
        plausibility.check_dots_against_wdi(bt, t["macro"])
    msg = str(info.value)
    assert "implausible magnitude: CHN's exports to the World are" in msg
    assert "imf_dots/xlsx/DOTS_40.xlsx" in msg and "tx.val.mrch.cd.wt.csv" in msg
    shown = re.search(r"are (1/)?([\d,]+) (times|of) the World Bank's", msg)
    ratio = float(shown.group(2).replace(",", ""))
    ratio = 1 / ratio if shown.group(1) else ratio
    assert 0.9 < ratio / factor < 1.1, msg  # the message says how far off it is


@pytest.mark.parametrize("factor", [1_000, 1_000_000])
def test_a_unit_slip_in_world_bank_gdp_is_caught(tables, factor):
    macro = tables["macro"].copy()
    macro["gdp_usd"] = macro["gdp_usd"] * factor
    with pytest.raises(IngestError, match=r"implausible magnitude: GDP times exports .* merchandise exports") as info:
        plausibility.check_wdi(macro)
    assert "worldbank_wdi/ny.gdp.mktp.cd.csv" in str(info.value)


def test_chinas_export_sheet_emptied_is_caught(tables):
    bt = tables["bilateral_trade"]
    bt = bt[~((bt["reporter"] == "CHN") & (bt["flow"] == "exports"))]
    with pytest.raises(IngestError) as info:
        plausibility.check_dots(bt)
    assert str(info.value) == ("implausible: CHN has 0 exports rows, fewer than the minimum 1,000; the sheet is empty "
                               "or truncated (file imf_dots/xlsx/DOTS_40.xlsx, sheet 'Exports, FOB')")


def test_a_world_bank_file_with_a_header_and_no_rows_is_caught(tables):
    macro = tables["macro"].copy()
    macro["gdp_usd"] = float("nan")
    with pytest.raises(IngestError, match=r"implausible: 0 values of gdp_usd.*header but \(almost\) no rows") as info:
        plausibility.check_wdi(macro)
    assert info.value.file == "worldbank_wdi/ny.gdp.mktp.cd.csv"


def test_a_truncated_table_is_caught():
    small = {"province_trade_totals": pd.DataFrame({"province": ["GD"] * 12})}
    with pytest.raises(IngestError, match=r"table province_trade_totals has 12 rows, fewer than the minimum 250") as info:
        plausibility.check_row_counts(small, schema.load_spec())
    assert info.value.file == "nbs_province_trade_totals"


@pytest.mark.parametrize("table, column", [
    ("bilateral_trade", "value_usd_mn"),
    ("province_trade_totals", "value_usd_mn"),
    ("customs_regime", "value_usd_mn"),
    ("macro", "gdp_usd"),
])
def test_a_negative_trade_value_breaks_the_declared_minimum(table, column):
    df = data.load(table, paths.data_dir())
    schema.conform(table, df)  # as committed: fine
    i = int(df[column].notna().to_numpy().nonzero()[0][3])
    df.loc[i, column] = -5.0
    with pytest.raises(ValidationError, match=rf"table {table}: value -5.0 below the minimum 0") as info:
        schema.conform(table, df)
    assert info.value.column == column
    assert info.value.file == ", ".join(schema.load_spec()["resources"][table]["raw"])


def test_the_descriptor_declares_minimum_zero_on_trade_values():
    pkg = json.loads((paths.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f for r in pkg["resources"] for f in r["schema"]["fields"]}
    for key in [("bilateral-trade", "value_usd_mn"), ("province-trade-totals", "value_usd_mn"),
                ("customs-regime", "value_usd_mn"), ("us-trade-hs", "value_usd_mn"), ("macro", "merch_exports_usd")]:
        assert fields[key]["constraints"]["minimum"] == 0, key
    assert fields[("bilateral-trade", "value_usd_mn")]["constraints"]["required"] is True
    assert "minimum" not in fields.get(("macro", "current_account_usd"), {}).get("constraints", {})  # balances can be negative


# --------------------------------------------------------------------------- whole builds on corrupted raw copies

def _sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def raw_copy(tmp_path):
    """The raw folder as symlinks per source, so that one source can be replaced by a corrupted copy."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in paths.raw_dir().iterdir():
        (raw / p.name).symlink_to(p)

    def corrupt(folder: str) -> Path:
        (raw / folder).unlink()
        shutil.copytree(paths.raw_dir() / folder, raw / folder)
        return raw / folder

    return raw, corrupt


@pytest.fixture
def data_copy(tmp_path):
    out = tmp_path / "data"
    shutil.copytree(paths.data_dir(), out)
    return out


def _refused(raw: Path, out: Path, capsys) -> str:
    before = _sums(out)
    assert cli.main(["data", "--raw", str(raw), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tradeimbalance: build failed: "), err
    assert _sums(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["data", "raw"]
    return err.strip()


@pytest.mark.heavy
@pytest.mark.raw
@pytest.mark.skipif(not paths.raw_dir().exists(), reason="raw sources not present")
def test_build_refuses_a_world_bank_file_with_header_and_no_rows(raw_copy, data_copy, capsys):
    raw, corrupt = raw_copy
    f = corrupt("worldbank_wdi") / "ny.gdp.mktp.cd.csv"
    f.write_text(f.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    err = _refused(raw, data_copy, capsys)
    assert "implausible: 0 values of gdp_usd" in err and "worldbank_wdi/ny.gdp.mktp.cd.csv" in err


def _edit_dots(folder: Path, name: str, edit) -> None:
    path = folder / "xlsx" / name
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)


@pytest.mark.heavy
@pytest.mark.raw
@pytest.mark.skipif(not paths.raw_dir().exists(), reason="raw sources not present")
def test_build_refuses_chinas_dots_export_sheet_emptied(raw_copy, data_copy, capsys):
    def empty(wb):  # the layout (names, years) stays, every value cell is blank
        ws = wb["Exports, FOB"]
        for row in ws.iter_rows(min_row=8, min_col=3):
            for c in row:
                c.value = None

    raw, corrupt = raw_copy
    _edit_dots(corrupt("imf_dots"), "DOTS_40.xlsx", empty)
    err = _refused(raw, data_copy, capsys)
    assert "CHN has 0 exports rows" in err and "DOTS_40.xlsx" in err and "'Exports, FOB'" in err


@pytest.mark.heavy
@pytest.mark.raw
@pytest.mark.skipif(not paths.raw_dir().exists(), reason="raw sources not present")
def test_build_refuses_dots_values_times_1000_and_a_negative_value(raw_copy, data_copy, capsys):
    def times_1000(wb):
        ws = wb["Exports, FOB"]
        for row in ws.iter_rows(min_row=8, min_col=3):
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    c.value = c.value * 1000

    raw, corrupt = raw_copy
    folder = corrupt("imf_dots")
    pristine = (folder / "xlsx" / "DOTS_40.xlsx").read_bytes()
    _edit_dots(folder, "DOTS_40.xlsx", times_1000)
    err = _refused(raw, data_copy, capsys)
    assert "implausible magnitude: CHN's exports to the World are" in err and "DOTS_40.xlsx" in err

    (folder / "xlsx" / "DOTS_40.xlsx").write_bytes(pristine)

    def negative(wb):
        ws = wb["Imports, CIF"]
        for row in ws.iter_rows(min_row=10, min_col=3):  # row 8 repeats a later row
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and c.value > 0:
                    c.value = -c.value
                    return

    _edit_dots(folder, "DOTS_40.xlsx", negative)
    err = _refused(raw, data_copy, capsys)
    assert "table bilateral_trade: value -" in err and "below the minimum 0" in err and "reporter='CHN'" in err


def test_a_bad_source_stops_the_build_before_the_next_table_is_read(tables, tmp_path, monkeypatch):
    from tradeimbalance import build

    bt = tables["bilateral_trade"]
    emptied = bt[~((bt["reporter"] == "CHN") & (bt["flow"] == "exports"))].reset_index(drop=True)
    read_after = []

    def later(raw):
        read_after.append("macro")
        return tables["macro"]

    monkeypatch.setattr(build, "READERS", {"bilateral_trade": lambda raw: emptied, "macro": later})
    (tmp_path / "raw").mkdir()
    out = tmp_path / "data"
    with pytest.raises(IngestError, match="CHN has 0 exports rows"):
        build.build_data(tmp_path / "raw", out)
    assert read_after == [], "the build read on after a table failed its checks"
    assert not out.exists()
