"""Fixtures of the browser test: headless Debian Chromium and the built book on a local server.

Without a build (``_build/html``) or without Chromium the tests are skipped, except when
``TI_REQUIRE_BOOK=1`` (``make browser-test``, CI): then they fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browsercheck import CHROMIUM, CHROMIUM_ARGS, HTML_DIR, LocalServer, skip_or_fail


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (never a downloaded browser), shared by the session."""
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} not found (scripts/install-browser.sh installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright Python package is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def book_server():
    """The built HTML book (``_build/html``) served on 127.0.0.1."""
    if not (HTML_DIR / "index.html").exists():
        skip_or_fail(f"no built book in {HTML_DIR} (run make book)")
    with LocalServer(HTML_DIR) as server:
        yield server
