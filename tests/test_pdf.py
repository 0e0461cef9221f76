"""The PDF book (make pdf): document metadata, every font embedded, no empty index, no heading stranded
at the foot of a page, nothing run over the footer, the HTML
edition named on the title page. Skipped when the PDF is not built or poppler-utils are missing."""

import html
import re
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


def _key(text: str) -> str:
    """A heading reduced to its letters and digits (LaTeX commands and braces dropped), for comparing the
    headings of the LaTeX source with the text of the PDF."""
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _headings() -> set[str]:
    tex = (PDF.parent / "book.tex").read_text(encoding="utf-8")
    found = re.findall(r"\\(?:chapter|section|subsection|subsubsection)\*?\{((?:[^{}]|\{[^{}]*\})*)\}", tex)
    return {_key(h) for h in found if _key(h)}


def test_no_heading_is_stranded_at_the_foot_of_a_page():
    """The last line of text on a page (above the running footer and the page number) is never a heading:
    a heading always has some of its text on the same page."""
    pdftotext = _tool("pdftotext")
    headings = _headings()
    assert len(headings) > 50, "the LaTeX source's headings were not found"
    pages = _run(pdftotext, "-layout", str(PDF), "-").split("\f")
    stranded = []
    for n, page in enumerate(pages, start=1):
        lines = [l.strip() for l in page.splitlines() if l.strip()]
        if lines and re.search(r"\s(\d+|[ivxlc]+)$", lines[-1]):
            lines = lines[:-1]  # the running footer: section title and page number
        if not lines:
            continue
        last = _key(re.sub(r"^\d+(\.\d+)*\.?\s+", "", lines[-1]))
        if last in headings and len(lines) > 1:  # a page holding only its heading is a part or chapter title page
            stranded.append(f"page {n}: {lines[-1]!r}")
    assert stranded == [], stranded


def _words(pdf: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Per page: its height and its words as (top, bottom, text), in PDF points from the top (pdftotext -bbox)."""
    out = _run(_tool("pdftotext"), "-bbox", str(pdf), "-")
    pages = []
    for page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(y0), float(y1), html.unescape(t)) for y0, y1, t in
                 re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', page[1])]
        pages.append((float(page[0]), words))
    return pages


def test_nothing_runs_over_the_running_footer():
    """On every page with a running footer (section title and page number at the foot), no other text
    reaches down to the footer's line: no box or code block runs on over it."""
    over = []
    for n, (height, words) in enumerate(_words(PDF), start=1):
        numbers = [w for w in words if re.fullmatch(r"\d+|[ivxlc]+", w[2]) and w[0] > 0.85 * height]
        if not numbers:
            continue
        top = max(numbers)[0]  # the page number: the lowest number at the foot of the page
        line = [w for w in words if abs(w[0] - top) < 2]
        text = [w for w in words if w not in line and w[1] > top - 1]
        if text:
            over.append(f"page {n}: {' '.join(w[2] for w in text)}")
    assert over == [], over


def test_every_cross_reference_resolves():
    """No reference prints as "??" (LaTeX's mark of a label it never saw), such as the teachers' page's
    references to the exercises."""
    text = _run(_tool("pdftotext"), str(PDF), "-")
    unresolved = sorted({m.group(0) for m in re.finditer(r"\S*\?\?\S*", text)})
    assert unresolved == [], unresolved
