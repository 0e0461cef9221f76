"""The built HTML book shows readers no machine names: no identifier-like token (a name with an
underscore, such as a claim id, a group code like ``ASIA_PAPER`` or a column name like
``year_label``) in the text of any page, outside code (file and column names that an analyst needs
are set as code). Skipped when the book is not built (``make book``)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tradeimbalance import toc
from tradeimbalance.exhibits import IDENTIFIER
from fixtures.built import missing

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
#: Elements whose text is not prose: code, scripts, styles and the page head.
NOT_PROSE = {"script", "style", "code", "pre", "kbd", "samp", "head", "title", "svg"}
VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "col", "source", "area", "base", "embed", "param", "track"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, not prose)
        self.tokens: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            classes = (dict(attrs).get("class") or "").split()
            # Not prose: TeX source of typeset math (MathJax turns it into symbols in the browser), and
            # the DataFrame a visible code cell prints (an exercise's solution), whose column names are
            # the ones the code uses
            self.stack.append((tag, tag in NOT_PROSE or "math" in classes or "dataframe" in classes))

    def handle_endtag(self, tag):
        if any(t == tag for t, _ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(skip for _, skip in self.stack):
            self.tokens += IDENTIFIER.findall(data)


def identifiers_in(html_text: str) -> list[str]:
    p = _Text()
    p.feed(html_text)
    return sorted(set(p.tokens))


def test_scanner_finds_identifiers_outside_code_only():
    page = ("<p>The group ASIA_PAPER and <code>bilateral_trade.csv</code> and year_label.</p>"
            "<script>var same_nine_as_paper=1;</script><p>EU27 and 2018-2019 are fine.</p>"
            '<p>A share <span class="math notranslate nohighlight">\\(s_t = X_t / M_t\\)</span> is typeset.</p>'
            '<table class="dataframe"><tr><th>share_pct</th></tr></table><table><tr><th>value_type</th></tr></table>')
    assert identifiers_in(page) == ["ASIA_PAPER", "value_type", "year_label"]


@pytest.mark.built
@pytest.mark.parametrize("page", toc.pages(ROOT))
def test_no_identifier_like_tokens_in_built_pages(page):
    path = HTML / f"{page}.html"
    if not path.exists():
        missing("the HTML book is not built (make book)")
    found = identifiers_in(path.read_text(encoding="utf-8"))
    assert found == [], f"{page}: identifier-like tokens in the text: {found}"
