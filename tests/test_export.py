"""CSV export of the figure registry and the claims table, on figures and claims registered here."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tradeimbalance import claims, export, figures, outdir
from tradeimbalance.coverage import CoverageError

from fixtures.catalog import add_figure, install

COVERAGE = "dataset,kind,rows,year_min,year_max\nbilateral_trade,observed,10,1960,2020\nmacro,observed,5,1960,2025\n"


def _fig_data(year):
    years = list(range(2017, year + 1))
    exports = [10.0, math.nan] + [12.5] * (len(years) - 2)
    imports = [4.0] * len(years)
    return pd.DataFrame({
        "year": years,
        "partner": pd.Series(["USA", None] + ["EU27"] * (len(years) - 2), dtype="string"),
        "exports_usd_bn": exports,
        "imports_usd_bn": imports,
        "balance_usd_bn": [e - i for e, i in zip(exports, imports)],
        "count": pd.array([1, pd.NA] + [3] * (len(years) - 2), dtype="Int64"),
    })


def _table_data(year):
    return pd.DataFrame({"province": ["Guangdong", "Tibet"], "balance_total": [0.0, math.nan]})


@pytest.fixture
def registry(monkeypatch, tmp_path):
    """A catalog holding only this module's figures and claims, and a data folder with coverage.csv."""
    rep = pd.DataFrame({
        "claim_id": ["test_claim_ok", "test_claim_open"],
        "section": ["2.1 Test", "3.1 Test"],
        "statement_en": ["A value", "A value without open data"],
        "value": [2.0, 3.5],
        "unit": ["USD bn", "percent"],
    }).set_index("claim_id")
    data = tmp_path / "data"
    data.mkdir()
    (data / "coverage.csv").write_text(COVERAGE)
    monkeypatch.setenv("TRADEIMBALANCE_DATA", str(data))

    fig = figures.Figure("test_fig", title="Test", caption="Test up to {year}.", source="test", chapter="tests",
                         data_fn=_fig_data,
                         columns=["year", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn", "count"])
    table = figures.Figure("test_table", title="Table", caption="T", source="test", chapter="tests", kind="table",
                           data_fn=_table_data, columns=["province", "balance_total"])
    declared = [
        claims.Declaration("test_claim_ok", chapter="tests", method="a test", expected=claims.REPRODUCED, paper={},
                           tolerance=0.05),
        claims.Declaration("test_claim_open", chapter="tests", method="a test", expected=claims.NOT_IN_EDITION,
                           paper={}, gap="edition", gap_source="A test publisher, table 1 of its yearbook",
                           note="not open"),
    ]
    install(monkeypatch, figures=[fig, table], reproductions={"test_claim_ok": ("tests", lambda: 2.0)},
            declarations=declared, reported=rep)
    return tmp_path


def test_export_writes_one_csv_per_figure_and_claims(registry):
    out = registry / "export"
    written = export.export(2019, out, progress=lambda _: None)
    assert sorted(f.name for f in written) == ["claims.csv", "test_fig.csv", "test_table.csv"]
    assert sorted(p.name for p in out.iterdir()) == [outdir.MARKER, "claims.csv", "test_fig.csv", "test_table.csv"]
    fig = (out / "test_fig.csv").read_text().splitlines()
    assert fig[0] == "year,partner,exports_usd_bn,imports_usd_bn,balance_usd_bn,count"
    assert fig[1] == "2017,USA,10.0,4.0,6.0,1"
    assert fig[2] == "2018,,,4.0,,"  # missing values are empty cells, never zeros or "nan"
    assert fig[-1].startswith("2019,")  # every year up to the one exported
    assert (out / "test_table.csv").read_text().splitlines() == ["province,balance_total", "Guangdong,0.0", "Tibet,"]
    cl = (out / "claims.csv").read_text().splitlines()
    assert cl[0] == ",".join(export.CLAIMS_COLUMNS) == "id,section,reported,reproduced,unit,status"
    assert cl[1] == "test_claim_ok,2.1 Test,2.0,2.0,USD bn,reproduced"
    assert cl[2] == "test_claim_open,3.1 Test,3.5,,percent,not in this edition"


def test_export_of_selected_figures_without_claims(registry):
    out = registry / "export"
    export.export(2018, out, figure_ids=["test_table"], include_claims=False, progress=lambda _: None)
    assert sorted(p.name for p in out.iterdir()) == [outdir.MARKER, "test_table.csv"]
    with pytest.raises(export.ExportError, match="unknown figure id.*nope.*test_fig"):
        export.export(2018, out, figure_ids=["nope"], progress=lambda _: None)


def test_year_outside_coverage_is_refused_and_nothing_written(registry):
    out = registry / "export"
    with pytest.raises(CoverageError, match=r"(?s)runs for 1960-2025.*bilateral_trade  1960-2020.*macro            1960-2025"):
        export.export(2031, out, progress=lambda _: None)
    assert not out.exists()


def test_a_failing_figure_is_named_and_nothing_is_written(registry):
    def broken(year):
        raise KeyError("no table 'x'")

    add_figure(figures.figure("test_broken", title="B", caption="B", source="test", chapter="tests")(broken))
    out = registry / "export"
    with pytest.raises(export.ExportError, match="figure test_broken"):
        export.export(2019, out, progress=lambda _: None)
    assert not out.exists() or not any(out.iterdir())


def test_a_public_figure_id_with_other_columns_stops_the_export(registry, monkeypatch):
    monkeypatch.setitem(export.PUBLIC_COLUMNS, "test_fig", ["year", "partner"])
    out = registry / "export"
    with pytest.raises(export.ExportError, match=r"test_fig: registered with .*documented as \['year', 'partner'\]"):
        export.export(2019, out, progress=lambda _: None)
    assert not out.exists()
