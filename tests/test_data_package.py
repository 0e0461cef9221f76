"""data/ validates against its own datapackage.json (Frictionless), from data/ alone."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from tradeimbalance import data, paths

DATA = paths.data_dir()
pytestmark = pytest.mark.skipif(not (DATA / "datapackage.json").exists(), reason="data/ not built")


def descriptor() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def resources() -> list[dict]:
    return descriptor()["resources"]


def test_descriptor_is_a_valid_data_package():
    from frictionless import Package

    report = Package.validate_descriptor(str(DATA / "datapackage.json"))
    assert report.valid, [e.message for t in report.tasks for e in t.errors] + [e.message for e in report.errors]
    d = descriptor()
    assert d["licenses"] and d["sources"] and d["coverage"] and d["caveats"]


@pytest.mark.parametrize("res", resources(), ids=lambda r: r["name"])
def test_table_validates(res):
    """Every table: types, constraints (required, enum) and primary-key uniqueness per the descriptor."""
    from frictionless import Resource

    r = Resource(res, basepath=str(DATA))
    report = r.validate()
    errors = [f"{e.type}: {e.message}" for t in report.tasks for e in t.errors][:5]
    assert report.valid, errors


@pytest.mark.parametrize("res", resources(), ids=lambda r: r["name"])
def test_resource_metadata(res):
    assert res["sources"], "every resource names its sources"
    assert res["licenses"]
    for f in res["schema"]["fields"]:
        assert f.get("description"), f"{res['name']}.{f['name']} has no description"
        assert "unit" in f, f"{res['name']}.{f['name']} has no unit"
    # value columns name their unit
    for f in res["schema"]["fields"]:
        if f["name"].startswith("value_") and f["type"] == "number":
            assert any(u in f["name"] for u in ("usd_mn", "usd_bn", "cny_bn", "_bn", "_pct")), f["name"]
    df = pd.read_csv(DATA / res["path"], dtype=str, keep_default_na=False)
    assert list(df.columns) == [f["name"] for f in res["schema"]["fields"]]
    pk = res["schema"].get("primaryKey")
    if pk:
        assert not df.duplicated(pk).any()


def test_descriptor_matches_the_reference_spec():
    spec = yaml.safe_load((paths.REFERENCE_DIR / "tables.yaml").read_text(encoding="utf-8"))["resources"]
    for res in resources():
        fields = [f["name"] for f in spec[res["table"]]["fields"]]
        assert [f["name"] for f in res["schema"]["fields"]] == fields


def test_paper_tables_are_labelled_as_reported():
    for name in ("paper_reported", "paper_table1"):
        d = data.describe(name)
        assert d["kind"] == "paper"
        assert "AS REPORTED BY THE PAPER" in d["description"]
    observed = [r for r in resources() if r.get("kind") == "observed"]
    assert all("paper" not in r["table"] for r in observed)


def test_files_are_lf_utf8_without_timestamps():
    for p in DATA.iterdir():
        raw = p.read_bytes()
        assert b"\r\n" not in raw, p.name
        raw.decode("utf-8")
    import re

    for p in DATA.iterdir():
        assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", p.read_text(encoding="utf-8")), p.name
