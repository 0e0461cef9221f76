"""What the reader gets beside each figure and table: table view, sources panel, citation, CSV;
one colour per economy; the export interface covers the figures."""

import re
from pathlib import Path

import pandas as pd
import pytest

import tradeimbalance.data as data_mod
from tradeimbalance import exhibits
from tradeimbalance.charts.render import chart_html
from tradeimbalance.charts.theme import ECONOMY_COLORS, economy_color, economy_color_problems
from tradeimbalance.export import PUBLIC_COLUMNS
from tradeimbalance.catalog import all_figures as _all_figures

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2019


def all_figures():
    """The book's figures (other tests may register figures of their own in the same process)."""
    return {k: f for k, f in _all_figures().items() if f.data_fn.__module__.startswith("tradeimbalance.chapters.")}


@pytest.mark.parametrize("name,label", [
    ("exports_usd_bn", "Exports (USD bn)"),
    ("balance_pct_gdp", "Balance (% of GDP)"),
    ("japan_exports_to_us_share_pct", "Japan exports to US (share, %)"),
    ("year", "Year"),
    ("province", "Province"),
])
def test_column_labels_for_readers(name, label):
    assert exhibits.column_label(name) == label


def test_table_view_escapes_text_and_shows_missing_values():
    df = pd.DataFrame({"partner": ["<script>alert(1)</script>", "A & B"], "balance_usd_bn": [1234.5, float("nan")]})
    out = exhibits.table_view_html(df)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "A &amp; B" in out
    assert "<details" in out and "Balance (USD bn)" in out
    assert "1,234.50" in out and "—" in out


def test_sources_panel_names_publisher_copy_and_licence():
    out = exhibits.sources_html(["bilateral_trade"])
    res = data_mod.describe("bilateral_trade")
    src = res["sources"][0]
    assert src["publisher"] in out
    assert src["repository"] in out  # the third-party copy the DOTS release was read from
    assert src["commit"][:10] in out
    assert res["licenses"][0]["title"] in out
    assert "Vintage: early 2022" in out


def test_sources_panel_refuses_unknown_table():
    with pytest.raises(KeyError, match="no_such_table"):
        exhibits.sources_html(["no_such_table"])


def test_every_figure_declares_the_tables_it_reads():
    """The declared tables exist in the package, and a figure reads no table it does not declare
    (including the tables behind the cached views it uses: :func:`tradeimbalance.data.recording`)."""
    known = set(data_mod.list_tables())
    for fid, fig in all_figures().items():
        assert fig.tables, f"{fid} declares no tables"
        assert set(fig.tables) <= known, fid
        with data_mod.recording() as read:
            fig.data(YEAR)
        assert read, f"{fid} reads no table"
        assert read <= set(fig.tables), f"{fid} reads {sorted(read - set(fig.tables))} without declaring them"


def test_every_figure_gets_table_view_sources_and_citation():
    for fid, fig in all_figures().items():
        df = fig.data(YEAR)
        out = exhibits.panels_html(df, fig.tables, fig.label, fig.title, YEAR)
        assert 'class="ti-sources"' in out, fid
        assert "How to cite:" in out and exhibits.html.escape(fig.label) in out, fid
        if fig.chart_fn is not None:
            assert 'class="ti-tableview"' in out, fid
            page = chart_html(fig.chart(df, YEAR).to_dict(), csv=df, csv_name=f"{fid}.csv", extra_html=out)
            assert page.index("ti-tableview") > page.index("ti-chart"), fid
            assert f'download="{fid}.csv"' in page


def _color_scales(spec):
    if isinstance(spec, dict):
        for ch in ("color", "stroke", "fill"):
            enc = spec.get("encoding", {}).get(ch) if isinstance(spec.get("encoding"), dict) else None
            if isinstance(enc, dict) and isinstance(enc.get("scale"), dict):
                yield enc["scale"]
        for v in spec.values():
            yield from _color_scales(v)
    elif isinstance(spec, list):
        for v in spec:
            yield from _color_scales(v)


def test_one_colour_per_economy_across_the_book():
    seen: dict[str, set[str]] = {}
    for fid, fig in all_figures().items():
        if fig.chart_fn is None:
            continue
        spec = fig.chart(fig.data(YEAR), YEAR).to_dict()
        assert economy_color_problems(spec) == [], fid
        for scale in _color_scales(spec):
            for name, colour in zip(scale.get("domain") or [], scale.get("range") or []):
                if isinstance(name, str) and isinstance(colour, str):
                    seen.setdefault(name.split(":")[0], set()).add(colour.upper())
    assert seen["Japan"] == {ECONOMY_COLORS["Japan"].upper()}
    assert len([n for n in seen if n in ECONOMY_COLORS or n == "China"]) >= 8
    assert economy_color("China") == economy_color("Mainland China")


def test_colour_lint_catches_a_wrong_colour():
    spec = {"encoding": {"color": {"field": "e", "scale": {"domain": ["Japan", "Korea"], "range": ["#0072B2", "#E69F00"]}}}}
    problems = economy_color_problems(spec)
    assert len(problems) == 1 and "Japan" in problems[0]


def test_export_interface_documents_every_public_figure():
    text = (ROOT / "chapters" / "interface.md").read_text(encoding="utf-8")
    for fid, cols in PUBLIC_COLUMNS.items():
        m = re.search(rf"^`{fid}\.csv`:.*?\n: (.*?)(?:\n\n|\Z)", text, re.S | re.M)
        assert m, f"{fid}.csv is not documented in chapters/interface.md"
        documented = re.findall(r"`([a-z0-9_]+)`", m.group(1))
        assert [c for c in documented if c in cols] == cols, fid
    assert set(all_figures()) <= set(PUBLIC_COLUMNS)


def test_every_balance_axis_shows_zero():
    from tradeimbalance.charts.theme import balance_axis_problems

    bad = {"encoding": {"y": {"field": "b", "type": "quantitative", "title": "Balance (USD bn)",
                              "scale": {"zero": False}}}}
    assert balance_axis_problems(bad) == ["y axis 'Balance (USD bn)' switches zero off"]
    for fid, fig in all_figures().items():
        if fig.chart_fn is not None:
            assert balance_axis_problems(fig.chart(fig.data(YEAR), YEAR).to_dict()) == [], fid
