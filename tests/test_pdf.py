"""The PDF book (make pdf): document metadata, every font embedded, no empty index, the HTML
edition named on the title page. Skipped when the PDF is not built or poppler-utils are missing."""

import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures.built import missing

pytestmark = pytest.mark.built  # checks a built product: make built-test runs it

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "_build" / "latex" / "book.pdf"


def _tool(name):
    if not PDF.exists():
        missing("the PDF is not built (make pdf)")
    if shutil.which(name) is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return name


def _run(*args) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def test_pdf_metadata_names_title_author_subject():
    info = {}
    for line in _run(_tool("pdfinfo"), str(PDF)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    assert info.get("Title") == "China's Foreign Trade Imbalance: an executable reproduction"
    assert info.get("Author") == "The tradeimbalance project"
    assert "Yang Chao (2020)" in info.get("Subject", "")


def test_pdf_embeds_every_font():
    rows = _run(_tool("pdffonts"), str(PDF)).splitlines()[2:]
    assert rows, "pdffonts lists no font"
    # columns: name type encoding emb sub uni object ID; "emb" is the fourth field from the right end
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not_embedded == []


def test_title_page_names_the_html_edition():
    text = " ".join(_run(_tool("pdftotext"), "-f", "1", "-l", "1", str(PDF), "-").split())
    assert "HTML edition" in text
    assert "index.html" in text or "http" in text


def test_no_empty_index_pages():
    pages = _run(_tool("pdftotext"), str(PDF), "-").split("\f")
    for n, page in enumerate(pages, start=1):
        lines = [l.strip() for l in page.splitlines() if l.strip()]
        if lines and lines[0] in ("Index", "Python Module Index"):
            assert len(lines) > 5, f"page {n} is an empty index"
