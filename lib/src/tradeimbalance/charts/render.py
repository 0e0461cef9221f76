"""Offline rendering of Altair charts.

In HTML a chart is drawn by vega-embed from the book's own ``_static`` folder
(see :mod:`tradeimbalance.sphinxext`): no page asks a CDN for anything. The
same output carries the chart's specification, which the LaTeX/PDF build
draws as a PNG with vl-convert (:mod:`tradeimbalance.charts.pdf`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json

import altair as alt
import pandas as pd

from .vega import CHART_MIME, JS_BUNDLE_NAME, PNG_SCALE, VL_VERSION, vega_bundle_js  # noqa: F401  (re-exported)

RENDERER_NAME = "tradeimbalance"

_EMBED_OPTIONS = {
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}


def _spec_dict(chart) -> dict:
    return chart.to_dict() if hasattr(chart, "to_dict") else dict(chart)


def chart_id(spec: dict) -> str:
    """A stable element id for a spec (same spec, same id: builds are reproducible)."""
    return "ti-chart-" + hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]


def _title_text(spec: dict) -> str:
    t = spec.get("title", "")
    if isinstance(t, dict):
        t = t.get("text", "")
    if isinstance(t, list):
        t = " ".join(t)
    return str(t)


def csv_text(df: pd.DataFrame) -> str:
    """The CSV written for a figure's data: missing values are empty cells, never zeros.

    Floats are rounded to nine decimals, so binary noise such as
    ``27.259529999999998`` does not reach the reader.
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(9)
    return out.to_csv(index=False, na_rep="", lineterminator="\n")


#: Run before drawing: on a screen narrower than the chart, the chart takes the width of its box
#: (single and layered views fit with their axes; side-by-side panels are stacked) and legends keep
#: at most two columns, so that its text is drawn at its own size instead of being scaled down.
_NARROW_JS = (
    # a title longer than the box breaks into lines (Vega draws an array of strings as lines)
    "var tiMax=40,tiCols=2;"
    "function tiLines(t,n){n=n||tiMax;if(typeof t!=='string'||t.length<=n){return t;}var w=t.split(' '),out=[],l='';"
    "w.forEach(function(x){if(l&&(l+' '+x).length>n){out.push(l);l=x;}else{l=l?l+' '+x:x;}});"
    "if(l){out.push(l);}return out;}"
    # a title or subtitle given as lines has each line broken in turn
    "function tiWrap(t){if(!Array.isArray(t)){return tiLines(t);}var out=[];"
    "t.forEach(function(x){out=out.concat(tiLines(x));});return out;}"
    "function tiTitle(o){if(typeof o.title==='string'){o.title=tiLines(o.title);}"
    "else if(o.title&&typeof o.title==='object'&&!Array.isArray(o.title)){"
    "o.title.text=tiWrap(o.title.text);if(o.title.subtitle){o.title.subtitle=tiWrap(o.title.subtitle);}}}"
    # long axis labels (section names) give up room to the marks: at most 45% of the box
    "var tiLabel=280;"
    "function tiCap(o){if(Array.isArray(o)){o.forEach(tiCap);return;}"
    "if(o&&typeof o==='object'){if('title' in o&&!('field' in o)){tiTitle(o);}"
    "if(typeof o.labelLimit==='number'&&o.labelLimit>tiLabel){o.labelLimit=tiLabel;}"
    # an axis or legend title (beside a field) breaks into lines half as long as the box's
    "if('field' in o&&typeof o.title==='string'){o.title=tiLines(o.title,Math.floor(tiMax/2));}"
    "for(var k in o){if(k==='data'||k==='datasets'){continue;}"
    "if(k==='legend'&&o[k]&&typeof o[k]==='object'&&o[k].columns>1){o[k].columns=tiCols;}"
    "tiCap(o[k]);}}}"
    "function tiNarrow(s,cw){tiMax=Math.max(24,Math.floor(cw/8));tiCols=cw<420?1:2;tiLabel=Math.floor(cw*0.45);"
    # side-by-side panels are stacked; a panel that hid an axis it shared with its neighbour shows its labels
    "if(s.hconcat){s.vconcat=s.hconcat;delete s.hconcat;s.vconcat.forEach(function(x){var e=x.encoding||{};"
    "['x','y'].forEach(function(c){if(e[c]&&e[c].axis===null){e[c].axis={title:null};}});});}"
    "var subs=s.vconcat||s.concat;if(subs){subs.forEach(function(x){x.width=Math.max(160,cw-120);});}"
    "else{s.width=cw;s.autosize={type:'fit-x',contains:'padding'};}"
    "tiCap(s);s.config=s.config||{};"
    # the legend goes below the chart, where it has the box's whole width
    "s.config.legend=Object.assign({},s.config.legend||{},{orient:'bottom',columns:tiCols,labelLimit:cw-40});"
    # crowded axis labels (every year of a band scale) are thinned instead of overlapping
    "s.config.axis=Object.assign({},s.config.axis||{},{labelOverlap:'parity'});"
    # fewer ticks on a horizontal value axis, so that no label (zero above all) is dropped for lack of room
    "s.config.axisXQuantitative=Object.assign({},s.config.axisXQuantitative||{},{tickCount:Math.max(3,Math.floor(cw/80))});}"
)
#: Below this width of its box a chart is redrawn to fit (px).
NARROW_PX = 600


def chart_html(spec: dict, csv: pd.DataFrame | None = None, csv_name: str | None = None, extra_html: str = "") -> str:
    """HTML that draws ``spec`` with the locally served vega-embed, plus an optional data link.

    ``extra_html`` (already escaped) follows the chart inside the figure box: the table view,
    sources panel and citation line of :mod:`tradeimbalance.exhibits`.
    """
    from ..exhibits import csv_link_html

    cid = chart_id(spec)
    title = html.escape(_title_text(spec), quote=True)
    # Text from data stays inside the JSON strings: no "<", ">" or "&" can end the script or start markup.
    payload = json.dumps(spec, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    opts = json.dumps(_EMBED_OPTIONS)
    link = ""
    if csv is not None:
        link = csv_link_html(csv_text(csv), csv_name or "data.csv")
    return (
        f'<div class="ti-figure"><div id="{cid}" class="ti-chart" role="img" aria-label="{title}"></div>\n'
        "<script>(function(){"
        f"var spec={payload};var opts={opts};var n=0;"
        + _NARROW_JS +
        "function draw(){if(window.vegaEmbed){var el=document.getElementById('" + cid + "');"
        "var cw=el?el.clientWidth:0;var narrow=cw&&cw<" + str(NARROW_PX) + ";if(narrow){tiNarrow(spec,cw);}"
        "var go=function(k){window.vegaEmbed('#" + cid + "',spec,opts).then(function(r){"
        # stacked panels wider than the box after drawing: narrow them by the excess and draw again
        "var svg=el.querySelector('svg');var w=svg&&svg.width&&svg.width.baseVal?svg.width.baseVal.value:0;"
        "var subs=spec.vconcat||spec.concat;"
        "if(narrow&&subs&&k<3&&w>cw+1){var d=Math.ceil(w-cw)+2;"
        "subs.forEach(function(x){x.width=Math.max(120,(x.width||cw)-d);});r.finalize();go(k+1);}})"
        ".catch(function(e){console.error('chart " + cid + ":',e);});};go(0);}"
        "else if(n++<400){setTimeout(draw,25);}else{console.error('vega-embed did not load');}}"
        "draw();})();</script>\n"
        f"{link}{extra_html}</div>"
    )


def chart_bundle(chart, csv: pd.DataFrame | None = None, csv_name: str | None = None, extra_html: str = "") -> dict:
    """A Jupyter MIME bundle: HTML (interactive, offline), the specification (drawn as a PNG for LaTeX),
    plain text."""
    spec = _spec_dict(chart)
    return {
        "text/html": chart_html(spec, csv=csv, csv_name=csv_name, extra_html=extra_html),
        CHART_MIME: spec,
        "text/plain": f"<chart: {_title_text(spec)}>",
    }


def _renderer(spec: dict, **metadata) -> dict:
    return chart_bundle(spec)


def enable_renderer() -> None:
    """Register and enable the offline renderer for bare Altair chart outputs."""
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, _renderer)
    alt.renderers.enable(RENDERER_NAME)


enable_renderer()
