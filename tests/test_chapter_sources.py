"""Rules every chapter source follows, so that the book also builds from executed notebooks."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_links_between_chapters_do_not_name_the_md_suffix(path):
    # Per-year books are built from executed .ipynb files: a link to "x.md" would break there; {doc} works in both.
    bad = re.findall(r"\]\(([A-Za-z0-9_]+\.md)(?:#[^)]*)?\)", path.read_text(encoding="utf-8"))
    assert not bad, f"{path.name} links to {bad}; use {{doc}}`Title <name>` instead"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_math_is_rendered_from_the_book_not_a_cdn(path):
    # Math is typeset by the MathJax copy that tradeimbalance.teaching serves from _static; a
    # mathjax_path of its own in _config.yml (e.g. a CDN address) would bypass it.
    text = path.read_text(encoding="utf-8")
    if "{math}" not in text and "$$" not in text:
        return
    import yaml

    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "tradeimbalance.teaching" in cfg["sphinx"]["extra_extensions"], f"{path.name} uses math but MathJax is not served locally"
    assert "mathjax_path" not in cfg["sphinx"].get("config", {}), "mathjax_path is set by tradeimbalance.teaching"
    assert "$$" not in text, f"{path.name}: write display math as a {{math}} directive (dollarmath is not enabled)"


def test_notebook_chapters_open_with_a_parameters_cell():
    import jupytext

    for path in CHAPTERS:
        text = path.read_text(encoding="utf-8")
        if "format_name: myst" not in text[:400]:
            continue
        code = [c for c in jupytext.read(path).cells if c.cell_type == "code"]
        assert code and "parameters" in code[0].metadata.get("tags", []), f"{path.name}: first code cell is not tagged parameters"
        assert re.fullmatch(r"\s*year = \d{4}\s*", code[0].source), f"{path.name}: parameters cell must hold only `year = NNNN`"
