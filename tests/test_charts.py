"""The chart theme, the conventions lint and the offline renderer."""

import base64
import json

import altair as alt
import pandas as pd
import pytest

import tradeimbalance.charts as charts
from tradeimbalance.charts import pdf
from tradeimbalance.charts.render import CHART_MIME
from tradeimbalance.charts.render import chart_bundle, chart_html, chart_id, csv_text

DF = pd.DataFrame({"year": [2018, 2019], "balance_usd_bn": [323.3, None]})


def good_chart():
    return (
        alt.Chart(DF, title="Balance")
        .mark_line()
        .encode(x=alt.X("year:Q", title="Year"), y=alt.Y("balance_usd_bn:Q", title="Balance (USD bn)"))
    )


def test_theme_is_enabled_with_colour_blind_safe_palette():
    name = charts.THEME_NAME  # loads the theme module, which enables the theme
    assert alt.theme.active == name
    spec = good_chart().to_dict()
    assert spec["config"]["range"]["category"] == charts.PALETTE
    assert spec["config"]["mark"]["tooltip"] == {"content": "data"}


def test_lint_accepts_a_conforming_chart():
    assert charts.lint_chart(good_chart()) == []


def test_lint_reports_missing_title_and_units():
    bad = alt.Chart(DF).mark_line().encode(x=alt.X("year:Q", title="Year"), y=alt.Y("balance_usd_bn:Q", title="Balance"))
    problems = charts.lint_chart(bad)
    assert "chart has no title" in problems
    assert any("names no unit" in p for p in problems)


def test_bundle_has_offline_html_the_spec_and_text():
    bundle = chart_bundle(good_chart(), csv=DF, csv_name="figx.csv")
    html = bundle["text/html"]
    assert "cdn.jsdelivr" not in html and "src=" not in html
    assert 'href="data:text/csv' in html and 'href="http' not in html
    assert "window.vegaEmbed" in html
    assert "image/png" not in bundle  # drawn only when the PDF is built
    assert bundle[CHART_MIME] == good_chart().to_dict()
    assert bundle["text/plain"] == "<chart: Balance>"


def test_the_latex_build_draws_the_spec_as_a_png(tmp_path):
    """The MIME plugin keeps the spec for LaTeX only; the post-transform draws it once per spec."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    from myst_nb.core.render import MimeData, get_mime_priority

    assert CHART_MIME in get_mime_priority("latex", [])
    assert CHART_MIME not in get_mime_priority("html", [])
    spec = good_chart().to_dict()
    [node] = pdf.ChartMimeRenderer.handle_mime(None, MimeData(CHART_MIME, spec), False)
    assert pdf.ChartMimeRenderer.handle_mime(None, MimeData("text/plain", "x"), False) is None
    doc = new_document("test", get_default_settings(Parser))
    doc += node
    assert pdf.draw_specs(doc, tmp_path) == 1
    [img] = list(doc.findall(nodes.image))
    png = (tmp_path / img["uri"]).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and img["uri"].startswith(pdf.PNG_FOLDER + "/")


def test_data_link_holds_the_csv_with_empty_missing_cells():
    html = chart_html(good_chart().to_dict(), csv=DF, csv_name="figx.csv")
    b64 = html.split("base64,")[1].split('"')[0]
    text = base64.b64decode(b64).decode()
    assert text == "year,balance_usd_bn\n2018,323.3\n2019,\n"
    assert csv_text(DF) == text


def test_chart_id_is_stable_and_spec_is_escaped():
    spec = good_chart().to_dict()
    assert chart_id(spec) == chart_id(json.loads(json.dumps(spec)))
    spec["title"] = "</script><b>"
    assert "</script><b>" not in chart_html(spec).split("<script>")[1]


def test_csv_drops_binary_noise_but_keeps_floats_as_floats():
    df = pd.DataFrame({"x": [27.259529999999998, 10.0]})
    assert csv_text(df) == "x\n27.25953\n10.0\n"


def test_the_package_imports_altair_only_when_a_chart_name_is_used():
    import subprocess
    import sys

    code = ("import sys, tradeimbalance.charts as c\n"
            "assert 'altair' not in sys.modules, 'importing the package loaded Altair'\n"
            "c.enable_charts()\n"
            "import altair as alt\n"
            "assert alt.theme.active == c.THEME_NAME and alt.renderers.active == c.RENDERER_NAME\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        charts.no_such_name  # noqa: B018


def test_the_builds_vega_lite_version_is_altairs():
    """The JavaScript bundle and the PNGs use the Vega-Lite version of the installed Altair's schema."""
    import altair as alt

    from tradeimbalance.charts import vega

    assert vega.VL_VERSION == ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def test_a_build_process_imports_neither_altair_nor_pandas():
    """The Sphinx extension and the PDF's MIME plugin load without Altair and pandas (they cost the
    build over half a second and it never builds a chart)."""
    import subprocess
    import sys

    code = ("import sys, tradeimbalance.sphinxext, tradeimbalance.charts.pdf, tradeimbalance.teaching, "
            "tradeimbalance.latexrefs; print(sorted(m for m in ('altair', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
