"""Strings from data reach the page as text, never as markup (tables, headers, captions, glued prose, charts).

The end-to-end test copies ``data/`` to a temporary TRADEIMBALANCE_DATA,
puts ``<script>`` and ``<img onerror>`` payloads into province names of
``paper_table1.csv``, runs a one-chapter book for a year and parses the
built HTML: the payloads appear as text, and no ``script`` or ``img``
element carries them.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from html.parser import HTMLParser

import pandas as pd
import pytest

from fixtures.tinybook import FRONT
from test_runner import make_book
from tradeimbalance import paths, runner
from tradeimbalance.book import Formatted
from tradeimbalance.mdtable import table_markdown
from tradeimbalance.escape import markdown_text

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def test_markdown_text_escapes_every_inline_markup_character():
    assert markdown_text(SCRIPT) == "\\<script\\>alert(1)\\</script\\>"
    assert markdown_text("*x* _y_ `z` [a](b) {glue}`k` $m$ a|b ~~s~~ &amp; !") == (
        "\\*x\\* \\_y\\_ \\`z\\` \\[a\\](b) \\{glue\\}\\`k\\` \\$m\\$ a\\|b \\~\\~s\\~\\~ \\&amp; \\!")
    assert markdown_text("line one\n\nline two") == "line one line two"  # a line break would end a table row
    assert markdown_text("Hong Kong, China (SAR) 1,234.5") == "Hong Kong, China (SAR) 1,234.5"


def test_table_cells_headers_and_glued_markdown_are_escaped():
    df = pd.DataFrame({IMG: [SCRIPT], "value": [1.5]})
    text = table_markdown(df)
    assert re.search(r"(?<!\\)[<>]", text) is None, text  # every < and > is escaped
    assert markdown_text(SCRIPT) in text and markdown_text(IMG) in text
    assert Formatted(SCRIPT)._repr_markdown_() == markdown_text(SCRIPT)
    assert repr(Formatted(SCRIPT)) == repr(SCRIPT)  # {glue:text} reads text/plain, which Sphinx escapes itself


CHAPTER = FRONT + textwrap.dedent(
    """
    # Provinces

    ```{code-cell} ipython3
    :tags: [parameters]
    year = 2019
    ```

    ```{code-cell} ipython3
    :tags: [remove-input]
    import altair as alt
    from tradeimbalance import figures
    from tradeimbalance.book import glue_text, show_figure, show_table
    from tradeimbalance.data import load

    t1 = load("paper_table1")
    names = t1[["province_en", "net_exports_total"]].head(3)
    show_table(names.rename(columns={"province_en": t1["province_en"].iloc[1]}), caption=f"Led by {t1['province_en'].iloc[0]}")
    glue_text("first_province", t1["province_en"].iloc[0])

    prov_fig = figures.Figure(
        "prov_fig", title="Provinces", caption="Provinces in {year}.", source="test", chapter="provinces",
        columns=["province_en", "net_exports_total"], data_fn=lambda year: names,
        chart_fn=lambda df, year: alt.Chart(df).mark_bar().encode(x="province_en:N", y="net_exports_total:Q",
                                                                  tooltip=["province_en:N"]),
    )
    from tradeimbalance import catalog
    catalog._collect = lambda: ({"prov_fig": prov_fig}, {})  # this test book has no chapter packages
    show_figure("prov_fig", year)
    ```

    The first province is {glue:text}`first_province`.
    """
)


class Elements(HTMLParser):
    """Every start tag with its attributes, and every script element's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


@pytest.mark.heavy
def test_payloads_in_the_data_appear_as_text_in_the_built_html(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    t1 = pd.read_csv(data / "paper_table1.csv", dtype=str, keep_default_na=False)
    t1.loc[0, "province_en"] = SCRIPT
    t1.loc[1, "province_en"] = IMG
    t1.to_csv(data / "paper_table1.csv", index=False, lineterminator="\n")
    monkeypatch.setenv("TRADEIMBALANCE_DATA", str(data))
    root = make_book(tmp_path / "book", {"provinces": CHAPTER})
    out = tmp_path / "out"
    runner.run_year(2018, root=root, out=out, progress=lambda _: None)
    html = (out / "chapters" / "provinces.html").read_text(encoding="utf-8")

    page = Elements()
    page.feed(html)
    text = " ".join(page.text)
    # as text: in the table cell, the table header, the caption and the prose
    assert text.count(SCRIPT) >= 3, text  # caption, cell, prose
    assert text.count(IMG) >= 2, text  # header, cell
    assert f"The first province is {SCRIPT}" in " ".join(text.split())
    # never as elements
    assert not [a for t, a in page.tags if t == "img" and ("onerror" in a or a.get("src") == "x")]
    assert not [s for s in page.scripts if s.strip() == "alert(1)"]
    assert SCRIPT not in html and IMG not in html  # not even inside the chart's script
    chart = next(s for s in page.scripts if "province_en" in s)
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in chart  # in the chart's data and tooltip, as a JSON string


def test_chart_tooltips_escape_html():
    """Tooltips are drawn by vega-tooltip with its default sanitize, which escapes & and < (not overridden)."""
    from tradeimbalance.charts import render

    assert "tooltip" not in render._EMBED_OPTIONS
    js = render.vega_bundle_js()
    name = re.search(r'styleId:"vega-tooltip-style".{0,120}?sanitize:(\w+)', js).group(1)
    body = re.search(r"function " + name + r"\(t\)\{(.*?)\}", js).group(1)
    assert '.replace(/</g,"&lt;")' in body and '.replace(/&/g,"&amp;")' in body
