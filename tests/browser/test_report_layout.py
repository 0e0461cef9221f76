"""The reproduction report at 1400 px: every table fits the text column (no sideways scrolling),
and the status filter of the claims table works without any request leaving the page.

Run after ``make book`` with ``make browser-test``; see conftest.py for the browser and the server.
"""

from __future__ import annotations

import pytest

from browsercheck import HTML_DIR, skip_or_fail

pytestmark = pytest.mark.browser

PAGE = "chapters/report.html"
WIDTH = 1400


@pytest.fixture()
def report_page(browser, book_server):
    if not (HTML_DIR / PAGE).exists():
        skip_or_fail(f"{HTML_DIR / PAGE} was not built (run make book)")
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((book_server.url, "data:")) else None)
    page.goto(book_server.url + PAGE, wait_until="load")
    yield page, outside
    context.close()


def test_no_table_scrolls_sideways_at_1400_px(report_page):
    page, _ = report_page
    overflow = page.evaluate(
        """() => {
        const out = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page: ${doc.scrollWidth} > ${doc.clientWidth}`);
        document.querySelectorAll('article table, .bd-article table').forEach((t, i) => {
            if (t.scrollWidth > t.clientWidth + 1) out.push(`table ${i}: content ${t.scrollWidth} > box ${t.clientWidth}`);
            let box = t.parentElement;
            while (box && box !== document.body) {
                if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible')
                    out.push(`table ${i}: container ${box.className} scrolls (${box.scrollWidth} > ${box.clientWidth})`);
                box = box.parentElement;
            }
        });
        return out;
    }"""
    )
    tables = page.locator("article table, .bd-article table").count()
    assert tables >= 3, f"the report shows only {tables} tables: the check would be vacuous"
    assert not overflow, "\n".join(overflow)


def test_claims_table_shows_statements_in_words_with_a_working_filter(report_page):
    page, outside = report_page
    root = page.locator("#ti-claims-all")
    rows = root.locator("tbody tr")
    total = rows.count()
    assert total >= 100
    assert root.locator("th").all_inner_texts()[:2] == ["§", "Statement"]
    assert "_" not in root.locator("tbody tr td:nth-child(2) > span").first.inner_text()  # words, not an id
    root.locator("select").select_option("not published openly")
    shown = page.evaluate("() => [...document.querySelectorAll('#ti-claims-all tbody tr')].filter(r => !r.hidden).length")
    assert 0 < shown < total
    statuses = page.evaluate(
        "() => [...document.querySelectorAll('#ti-claims-all tbody tr')].filter(r => !r.hidden)"
        ".map(r => r.getAttribute('data-status'))")
    assert set(statuses) == {"not published openly"}
    assert root.locator("a[download$='.csv']").count() == 1
    assert not outside, f"requests outside the book: {outside}"
