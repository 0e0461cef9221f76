"""The built HTML book in a real browser: every chart draws, nothing errs, nothing leaves localhost.

Run after ``make book`` with ``make browser-test`` (which sets TI_REQUIRE_BOOK=1, so a missing
build or browser fails instead of skipping). See conftest.py for the checker.
"""

from __future__ import annotations

import pytest

from browsercheck import HTML_DIR, ROOT, LocalServer, check_page, skip_or_fail
from tradeimbalance import toc

pytestmark = pytest.mark.browser

PAGES = toc.pages(ROOT)


def test_toc_lists_pages():
    assert PAGES[0], "the _toc.yml has no root"
    assert len(PAGES) >= 2, f"the _toc.yml lists no chapter: {PAGES}"


@pytest.mark.parametrize("page", PAGES)
def test_page_draws_offline(browser, book_server, page):
    html = HTML_DIR / f"{page}.html"
    if not html.exists():
        skip_or_fail(f"{page} is in _toc.yml but {html} was not built (run make book)")
    report = check_page(browser, book_server.url + f"{page}.html")
    assert report.requests, "the page made no request at all: the checker saw nothing"
    assert not report.problems(), f"{page}:\n  " + "\n  ".join(report.problems())


def test_chapter_charts_exist(browser, book_server):
    """At least one page of the book has a chart, and the checker saw it draw."""
    built = [p for p in PAGES if (HTML_DIR / f"{p}.html").exists()]
    charted = [p for p in built if 'class="ti-chart"' in (HTML_DIR / f"{p}.html").read_text(encoding="utf-8", errors="replace")]
    assert charted, "no page of the book has a chart (.ti-chart): the chart check would be vacuous"
    report = check_page(browser, book_server.url + f"{charted[0]}.html")
    assert report.charts and not report.undrawn, report.problems()


BROKEN_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>broken</title></head>
<body>
<div class="ti-figure"><div id="ti-chart-never" class="ti-chart" role="img" aria-label="never drawn"></div></div>
<div class="ti-figure"><div id="ti-chart-empty" class="ti-chart"><svg width="100" height="50"><g class="mark-group role-axis"></g></svg></div></div>
<img src="https://example.com/x.png" alt="outside">
<script>console.error("something broke");</script>
</body></html>
"""

GOOD_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>good</title></head>
<body>
<div id="ti-chart-ok" class="ti-chart"><svg width="100" height="50">
  <g class="mark-line role-mark" role="graphics-object"><path d="M0,0L100,50"></path></g></svg></div>
</body></html>
"""


def test_checker_catches_undrawn_chart_outside_request_and_console_error(browser, tmp_path):
    """The checker can fail: a chart that never draws, an empty SVG, an outside image, a console error."""
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    with LocalServer(tmp_path) as server:
        report = check_page(browser, server.url + "broken.html", draw_timeout_ms=1500)
    problems = "\n".join(report.problems())
    assert report.outside == ["https://example.com/x.png"], problems
    assert {c["id"] for c in report.undrawn} == {"ti-chart-never", "ti-chart-empty"}, problems
    assert any("something broke" in m for m in report.console_errors), problems
    assert "request outside localhost (aborted): https://example.com/x.png" in problems
    assert "chart ti-chart-never did not draw (no SVG)" in problems


def test_checker_passes_a_clean_page(browser, tmp_path):
    (tmp_path / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    with LocalServer(tmp_path) as server:
        report = check_page(browser, server.url + "good.html", draw_timeout_ms=1500)
    assert report.charts and report.problems() == [], report.problems()
