"""What a reader meets on every page, on a desktop (1400 px) and a phone (390 px): every figure's
table view and sources panel open, the page never scrolls sideways, chart text is at least 10 px,
the visible text holds no machine names, and nothing is requested outside localhost.

Run after ``make book`` with ``make browser-test``. Set ``TI_SHOTS=DIR`` to also save a
screenshot of each page and width into DIR.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from browsercheck import HTML_DIR, ROOT, LocalServer, check_page, skip_or_fail
from tradeimbalance import toc

pytestmark = pytest.mark.browser

PAGES = toc.pages(ROOT)
WIDTHS = {"desktop": 1400, "phone": 390}
MIN_CHART_TEXT_PX = 10.0
#: An identifier-like token: a name with an underscore (claim ids, group codes, column names).
IDENTIFIER = re.compile(r"(?<![\w./-])([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)(?![\w/])")

#: Opens every table view and sources panel, then measures what the reader sees.
INSPECT_JS = r"""
() => {
  const figures = Array.from(document.querySelectorAll('.ti-figure'));
  const panels = [];
  figures.forEach((fig, i) => {
    const chart = fig.querySelector('.ti-chart');
    const tv = fig.querySelector('details.ti-tableview');
    const src = fig.querySelector('details.ti-sources');
    [tv, src].forEach((d) => { if (d) d.open = true; });
    const box = (d) => {
      if (!d) return null;
      const body = d.querySelector('.ti-scroll, .ti-source-list');
      return body ? Math.round(body.getBoundingClientRect().height) : 0;
    };
    panels.push({index: i, chart: !!chart, tableview: box(tv), sources: box(src)});
  });
  document.querySelectorAll('details.ti-sources').forEach((d) => { d.open = true; });
  const small = [];
  document.querySelectorAll('.ti-chart svg').forEach((svg) => {
    const w = svg.width && svg.width.baseVal ? svg.width.baseVal.value : 0;
    const scale = w ? svg.getBoundingClientRect().width / w : 1;
    svg.querySelectorAll('text').forEach((t) => {
      if (!t.textContent.trim()) return;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < %MIN%) small.push(`${t.textContent.trim().slice(0, 30)} (${px.toFixed(1)} px)`);
    });
  });
  const zeroless = [];  // a value axis running from negative to positive whose labels leave out zero
  document.querySelectorAll('.ti-chart svg g.role-axis').forEach((axis) => {
    const labels = Array.from(axis.querySelectorAll('g.role-axis-label text'))
      .map((t) => t.textContent.trim().replace(/\u2212/g, '-').replace(/[,%]/g, ''))
      .filter((x) => x !== '' && !isNaN(Number(x))).map(Number);
    if (labels.some((v) => v < 0) && labels.some((v) => v > 0) && !labels.includes(0)) {
      zeroless.push(labels.join(' '));
    }
  });
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const el = n.parentElement;
    if (!el || el.closest('code, pre, script, style, kbd, samp, svg, .vega-actions, noscript, table.dataframe, .math, mjx-container')) continue;
    if (!el.getClientRects().length) continue;
    texts.push(n.textContent);
  }
  const scrollers = Array.from(document.querySelectorAll('.bd-article table, .ti-scroll'))
    .filter((el) => el.scrollWidth > el.clientWidth + 1).length;
  return {
    panels: panels,
    small: small,
    zeroless: zeroless,
    text: texts.join(' '),
    docWidth: document.documentElement.scrollWidth,
    viewWidth: window.innerWidth,
    wideBoxes: scrollers,
  };
}
""".replace("%MIN%", str(MIN_CHART_TEXT_PX))


def _inspect(page):
    return page.evaluate(INSPECT_JS)


def _cases():
    for page in PAGES:
        for name in WIDTHS:
            yield pytest.param(page, name, id=f"{page}@{name}")


@pytest.mark.parametrize("page,device", list(_cases()))
def test_reader_sees_a_complete_legible_page(browser, book_server, page, device):
    html = HTML_DIR / f"{page}.html"
    if not html.exists():
        skip_or_fail(f"{page} is in _toc.yml but {html} was not built (run make book)")
    width = WIDTHS[device]
    shots = os.environ.get("TI_SHOTS")

    def inspect(pg):
        info = _inspect(pg)
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(Path(shots) / f"{page.replace('/', '-')}-{width}.png"), full_page=True)
        return info

    report = check_page(browser, book_server.url + f"{page}.html", viewport={"width": width, "height": 900},
                        inspect=inspect)
    assert not report.problems(), f"{page}@{width}:\n  " + "\n  ".join(report.problems())
    info = report.inspected
    assert info is not None, "the page was not inspected"
    problems = []
    if info["docWidth"] > info["viewWidth"] + 1:
        problems.append(f"the page scrolls sideways: {info['docWidth']} px content in a {info['viewWidth']} px window")
    for p in info["panels"]:
        if p["chart"] and not p["tableview"]:
            problems.append(f"figure {p['index'] + 1}: no table view, or it does not open")
        if p["chart"] and not p["sources"]:
            problems.append(f"figure {p['index'] + 1}: no sources panel, or it does not open")
    if info["small"]:
        problems.append(f"chart text under {MIN_CHART_TEXT_PX} px: {info['small'][:8]}")
    if info["zeroless"]:
        problems.append(f"a balance axis without its zero label: {info['zeroless']}")
    assert not problems, f"{page}@{width}:\n  " + "\n  ".join(problems)
    found = sorted(set(IDENTIFIER.findall(info["text"])))
    assert not found, f"{page}@{width}: identifier-like tokens in the visible text: {found}"


def test_reader_checks_can_fail(browser, tmp_path):
    """A page that scrolls sideways, shrinks chart text, has a figure without panels and shows an id."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bad</title></head><body>'
        '<div style="width:2000px">wide ASIA_PAPER</div>'
        '<div class="ti-figure"><div class="ti-chart" style="width:100px"><svg width="1000" height="100"'
        ' style="width:100px"><g class="mark-line role-mark"><path d="M0,0L9,9"></path></g>'
        '<text style="font-size:11px">label</text><g class="mark-group role-axis"><g class="mark-text role-axis-label">'
        '<text>\u2212100</text><text>50</text><text>150</text></g></g></svg></div></div></body></html>', encoding="utf-8")
    with LocalServer(tmp_path) as server:
        report = check_page(browser, server.url + "bad.html", viewport={"width": 390, "height": 800},
                            inspect=_inspect, draw_timeout_ms=1500)
    info = report.inspected
    assert info["docWidth"] > info["viewWidth"]
    assert info["panels"] == [{"index": 0, "chart": True, "tableview": None, "sources": None}]
    assert info["small"] and "1.1 px" in info["small"][0]
    assert info["zeroless"] == ["-100 50 150"]
    assert IDENTIFIER.findall(info["text"]) == ["ASIA_PAPER"]
