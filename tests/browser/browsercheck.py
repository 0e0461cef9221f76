"""The page checker for the browser test of the built HTML book (fixtures: conftest.py).

The book in ``_build/html`` is served by a ``http.server`` thread on 127.0.0.1 (random port) and
opened in headless Debian Chromium, driven by Playwright. :func:`check_page` opens one page and
returns every problem it finds: a chart that did not draw, a console error or uncaught exception,
a request for any address other than the local server (such requests are also aborted, so the
test never touches the network).

Without a build (``_build/html``) or without Chromium the tests are skipped, except when
``TI_REQUIRE_BOOK=1`` (``make browser-test``, CI): then they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML_DIR = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("TI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
#: How long a page may take to draw all its charts.
DRAW_TIMEOUT_MS = 20_000

#: The state of every chart of a page. A chart has drawn when its vega SVG has a size and holds at
#: least one data mark item (inside a ``role-mark`` group: axes, legends and titles have other roles).
CHART_STATE_JS = """
() => Array.from(document.querySelectorAll('.ti-chart')).map((el) => {
  const svg = el.querySelector('svg');
  const box = svg ? svg.getBoundingClientRect() : null;
  const marks = svg ? svg.querySelectorAll(
      'g.role-mark > path, g.role-mark > rect, g.role-mark > line, g.role-mark > text, '
    + 'g.role-mark > circle, g.role-mark > g, [role="graphics-symbol"]').length : 0;
  return {id: el.id || '(no id)', svg: !!svg, marks: marks,
          width: box ? Math.round(box.width) : 0, height: box ? Math.round(box.height) : 0};
})
"""
ALL_DRAWN_JS = "() => (" + CHART_STATE_JS.strip() + ")().every((c) => c.svg && c.marks > 0 && c.width > 0 && c.height > 0)"


def require_book() -> bool:
    """True when a missing build or browser must fail the test (``make browser-test``, CI)."""
    return os.environ.get("TI_REQUIRE_BOOK", "") not in ("", "0")


def skip_or_fail(reason: str):
    if require_book():
        pytest.fail(f"{reason} (TI_REQUIRE_BOOK=1)", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


class LocalServer:
    """A static file server for ``directory`` on 127.0.0.1 and a random free port, in a thread."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@dataclass
class PageReport:
    """What happened when a page was opened."""

    url: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_local: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    load_error: str | None = None
    #: What the ``inspect`` callback of :func:`check_page` returned (None without one).
    inspected: object = None

    @property
    def undrawn(self) -> list[dict]:
        return [c for c in self.charts if not (c["svg"] and c["marks"] > 0 and c["width"] > 0 and c["height"] > 0)]

    def problems(self) -> list[str]:
        out = []
        if self.load_error:
            out.append(f"page did not load: {self.load_error}")
        out += [f"request outside localhost (aborted): {u}" for u in self.outside]
        out += [f"local request failed: {u}" for u in self.failed_local]
        out += [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught exception: {m}" for m in self.page_errors]
        for c in self.undrawn:
            what = "no SVG" if not c["svg"] else f"{c['marks']} marks, {c['width']}x{c['height']} px"
            out.append(f"chart {c['id']} did not draw ({what})")
        return out


def check_page(browser, url: str, *, draw_timeout_ms: int = DRAW_TIMEOUT_MS, viewport: dict | None = None,
               inspect=None) -> PageReport:
    """Open ``url`` in a fresh browser context and report what went wrong (see :class:`PageReport`).

    ``viewport`` (default 1280 x 900) sets the window size; ``inspect(page)``, when given, runs once
    the charts have drawn and its result is kept in ``report.inspected``.

    Every request is recorded; any request whose host is not 127.0.0.1/localhost is aborted and
    reported (data: URLs never reach the network and are not routed).
    """
    report = PageReport(url=url)
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, service_workers="block")

    def route(route, request):
        report.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            report.outside.append(request.url)
            route.abort("blockedbyclient")
        elif parts.scheme not in ("http", "https", "data", "blob", "about"):
            report.outside.append(request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", route)
    # A request the page makes outside the routed ones (e.g. a websocket) still shows up here.
    context.on(
        "request",
        lambda r: (urlsplit(r.url).scheme in ("ws", "wss") and urlsplit(r.url).hostname not in LOCAL_HOSTS)
        and report.outside.append(r.url),
    )
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(f"{m.text} ({m.location.get('url', '')})"))
    page.on("pageerror", lambda e: report.page_errors.append(str(e)))

    def on_failed(request):
        host = urlsplit(request.url).hostname
        if host in LOCAL_HOSTS:
            report.failed_local.append(f"{request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    try:
        response = page.goto(url, wait_until="load", timeout=60_000)
        if response is None or not response.ok:
            report.load_error = f"HTTP {response.status if response else 'no response'} for {url}"
        else:
            try:
                page.wait_for_function(ALL_DRAWN_JS, timeout=draw_timeout_ms, polling=100)
            except Exception:  # noqa: BLE001 - the undrawn charts are reported below
                pass
            try:
                page.wait_for_load_state("networkidle", timeout=10_000)
            except Exception:  # noqa: BLE001
                pass
            report.charts = page.evaluate(CHART_STATE_JS)
            if inspect is not None:
                report.inspected = inspect(page)
    except Exception as err:  # noqa: BLE001
        report.load_error = str(err).splitlines()[0]
    finally:
        context.close()
    return report
