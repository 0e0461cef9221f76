"""CITATION.cff validates against the Citation File Format 1.2.0 schema and agrees with the book."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tradeimbalance import __version__, exhibits

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))


def load_cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    jsonschema.Draft7Validator(SCHEMA).validate(load_cff())


def test_schema_rejects_a_broken_citation():
    broken = dict(load_cff())
    del broken["authors"]
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.Draft7Validator(SCHEMA).validate(broken)


def test_citation_matches_the_book():
    cff = load_cff()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cff["title"] == config["title"] == exhibits.BOOK_TITLE
    assert cff["version"] == __version__
    assert cff["authors"][0]["name"] == exhibits.BOOK_AUTHOR
    assert "MIT" in cff["license"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
