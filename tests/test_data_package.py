"""data/ validates against its own datapackage.json (Frictionless), from data/ alone."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

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


def _proof(res: dict, folder: Path = DATA) -> Path:
    """Where a passed validation of this table is recorded: named by the digest of its CSV's bytes, its
    entry in the descriptor and the Frictionless version (``TRADEIMBALANCE_CACHE``, which the tests set
    to ``.test-cache``)."""
    import frictionless

    digest = hashlib.sha256()
    digest.update(json.dumps(res, sort_keys=True).encode())
    digest.update(frictionless.__version__.encode())
    digest.update((folder / res["path"]).read_bytes())
    return paths.cache_dir() / "validated" / f"{res['name']}-{digest.hexdigest()}"


@pytest.mark.parametrize("res", resources(), ids=lambda r: r["name"])
def test_table_validates(res):
    """Every table: types, constraints (required, enum) and primary-key uniqueness per the descriptor.

    A table whose bytes, descriptor entry and Frictionless version are those of an earlier passed
    validation is reported as proven (skipped), like an unchanged chapter; any change validates it again."""
    from frictionless import Resource

    proof = _proof(res)
    if proof.is_file():
        pytest.skip(f"unchanged since it last validated ({proof.name})")
    r = Resource(res, basepath=str(DATA))
    report = r.validate()
    errors = [f"{e.type}: {e.message}" for t in report.tasks for e in t.errors][:5]
    assert report.valid, errors
    proof.parent.mkdir(parents=True, exist_ok=True)
    part = proof.with_name(f"{proof.name}.{os.getpid()}.tmp")
    part.write_text(f"{res['path']} validated\n", encoding="utf-8")
    part.replace(proof)


def test_a_changed_table_is_validated_again(tmp_path):
    """The record of a passed validation names the exact bytes and descriptor: a changed value or a
    changed constraint is not proven by it."""
    res = next(r for r in resources() if r["name"] == "paper-table1")
    same = _proof(res)
    assert same == _proof(json.loads(json.dumps(res)))  # the same table and descriptor
    changed = json.loads(json.dumps(res))
    changed["schema"]["fields"][0].setdefault("constraints", {})["required"] = False
    assert _proof(changed) != same
    text = (DATA / res["path"]).read_text(encoding="utf-8")
    assert "1" in text
    (tmp_path / res["path"]).write_text(text.replace("1", "2", 1), encoding="utf-8")
    assert _proof(res, tmp_path) != same
    (tmp_path / res["path"]).write_text(text, encoding="utf-8")
    assert _proof(res, tmp_path) == same


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
