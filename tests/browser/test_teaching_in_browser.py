"""The teaching features of the built book in headless Chromium, with every request outside
localhost aborted: the math is typeset by the book's own MathJax, the "show code" toggles open the
code of a figure, and an exercise's solution opens from its collapsed dropdown.

Run after ``make book`` (``make browser-test``); skipped without a build unless ``TI_REQUIRE_BOOK=1``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browsercheck import LOCAL_HOSTS

pytestmark = pytest.mark.browser

PAGE = "chapters/bilateral.html"
#: The math Sphinx writes (MathJax's own output also uses the class ``math`` inside these).
MATH = "span.math.notranslate, div.math.notranslate"

MATH_STATE_JS = """
() => Array.from(document.querySelectorAll(MATH)).map((el) => {
  const out = el.querySelector('.MathJax, .MathJax_Display');
  const box = out ? out.getBoundingClientRect() : null;
  return {rendered: !!out, width: box ? Math.round(box.width) : 0, visible: el.offsetParent !== null,
          error: !!el.querySelector('.MathJax_Error, merror')};
})
"""


@pytest.fixture()
def offline_page(browser, book_server):
    """A page of the book with every request outside localhost aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    outside, local = [], []

    def route(route, request):
        host = urlsplit(request.url).hostname
        if urlsplit(request.url).scheme in ("http", "https") and host not in LOCAL_HOSTS:
            outside.append(request.url)
            route.abort("blockedbyclient")
        else:
            local.append(request.url)
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(book_server.url + PAGE, wait_until="load", timeout=60_000)
    yield page, outside, local, errors
    context.close()


def test_math_is_typeset_offline(offline_page):
    page, outside, local, errors = offline_page
    assert page.locator(MATH).count() >= 8, "the chapter's definitions are no longer typeset as math"
    state_js = MATH_STATE_JS.replace("MATH", repr(MATH))
    try:  # typeset: every formula has MathJax output, and every visible one has a size
        page.wait_for_function(f"() => ({state_js.strip()})().every((s) => s.rendered && (s.width > 0 || !s.visible))",
                               timeout=30_000, polling=200)
    except Exception:  # noqa: BLE001 - the state is reported below
        pass
    state = page.evaluate(state_js)
    assert all(s["rendered"] and not s["error"] for s in state), state
    visible = [s for s in state if s["visible"]]
    assert len(visible) >= 4 and all(s["width"] > 0 for s in visible), state
    assert any("/_static/mathjax/MathJax.js" in u for u in local), "MathJax was not loaded from the book"
    assert any("/_static/mathjax/fonts/" in u for u in local), "the math fonts were not loaded from the book"
    assert not outside, f"requests outside the book: {outside}"
    assert not errors, errors


def test_code_toggle_shows_the_figure_code(offline_page):
    page, outside, _, errors = offline_page
    toggle = page.locator("details.hide.above-input").first
    code = toggle.locator("pre")
    assert not toggle.evaluate("el => el.open")
    assert not code.is_visible(), "the figure's code should be hidden until the toggle is clicked"
    toggle.locator("summary").click()
    assert toggle.evaluate("el => el.open")
    code.wait_for(state="visible", timeout=5_000)
    assert "show_figure(" in code.inner_text()
    assert not outside and not errors, (outside, errors)


def test_solution_is_collapsed_and_opens(offline_page):
    page, outside, _, errors = offline_page
    solution = page.locator(".solution.dropdown").filter(has_text="mirror_series").first
    body = solution.locator("section, .admonition-body, div.cell").first
    page.wait_for_function("() => document.querySelector('.solution.dropdown .toggle-button, .solution.dropdown button')", timeout=10_000)
    assert not body.is_visible(), "a solution should be collapsed when the page opens"
    solution.locator("button.toggle-button").first.click()
    body.wait_for(state="visible", timeout=5_000)
    assert "series.mirror_series" in solution.inner_text()
    assert not outside and not errors, (outside, errors)
