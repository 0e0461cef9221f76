"""The China-reported SITC reader: only the aggregates reach data/, bad input is named."""

import pytest

from tradeimbalance import data
from tradeimbalance.errors import IngestError
from tradeimbalance.ingest import comtrade_sitc

HEADER = ("Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,Reporter Code,"
          "Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,2nd Partner ISO,"
          "Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,"
          "Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),Gross weight (kg),Trade Value (US$),"
          "CIF Trade Value (US$),FOB Trade Value (US$),Flag")


def _row(flow, code, value, year=2018, partner="USA", level="2"):
    return (f"S4,{year},{year},{year},{level},0,1,{flow},156,China,CHN,842,USA,{partner},,,,,,,,{code},x,1,No Quantity,,,,,,,"
            f"{value},,,0")


def _write(tmp_path, rows):
    folder = tmp_path / comtrade_sitc.FOLDER
    folder.mkdir(parents=True)
    for i, name in enumerate(comtrade_sitc.FILES):
        body = rows if i == 0 else []
        (folder / name).write_text("\n".join([HEADER, *body]) + "\n", encoding="utf-8")
    return tmp_path


def test_totals_and_machinery_are_summed_from_divisions(tmp_path):
    raw = _write(tmp_path, [_row("Export", "71", 2e9), _row("Export", "77", 3e9), _row("Export", "78", 5e9),
                            _row("Import", "05", 1e9)])
    out = comtrade_sitc.read(raw).set_index(["flow", "product_group"])["value_usd_mn"]
    assert out[("exports", "all")] == pytest.approx(10_000)
    assert out[("exports", "sitc_71_77")] == pytest.approx(5_000)  # road vehicles (78) are not machinery here
    assert out[("imports", "all")] == pytest.approx(1_000)
    assert ("imports", "sitc_71_77") not in out.index


def test_a_row_that_is_not_a_division_is_named(tmp_path):
    raw = _write(tmp_path, [_row("Export", "71", 2e9), _row("Export", "7", 1e9, level="1")])
    with pytest.raises(IngestError, match="Aggregate Level") as exc:
        comtrade_sitc.read(raw)
    assert comtrade_sitc.FILES[0] in str(exc.value)


def test_a_repeated_division_is_refused(tmp_path):
    raw = _write(tmp_path, [_row("Export", "71", 2e9), _row("Export", "71", 2e9)])
    with pytest.raises(IngestError, match="appears twice"):
        comtrade_sitc.read(raw)


def test_data_keeps_only_the_aggregates():
    df = data.load("comtrade_china_sitc")
    assert set(df["product_group"]) == {"all", "sitc_71_77"}
    assert df.groupby(["year", "partner", "flow"], observed=True).size().max() == 2
    assert sorted(df["year"].unique()) == list(range(2010, 2019))
