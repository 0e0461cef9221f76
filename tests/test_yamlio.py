"""The YAML reader: the C safe loader where PyYAML has it, the same objects as the pure-Python one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tradeimbalance import yamlio

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "lib" / "src" / "tradeimbalance" / "reference").rglob("*.yaml")) + [ROOT / "_config.yml", ROOT / "_toc.yml"]


def test_the_c_loader_is_used_where_pyyaml_has_it():
    assert yamlio.SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert issubclass(yamlio.SafeLoader, yaml.constructor.SafeConstructor)  # safe: no arbitrary objects


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_yaml_file_of_the_book_reads_as_with_the_python_loader(path):
    text = path.read_text(encoding="utf-8")
    assert yamlio.load(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_unsafe_tags_are_refused():
    with pytest.raises(yaml.YAMLError):
        yamlio.load("!!python/object/apply:os.system ['true']")
