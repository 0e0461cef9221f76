"""The book's Altair theme: titles, unit-bearing axis titles, a colour-blind-safe palette, tooltips."""

from __future__ import annotations

import altair as alt

THEME_NAME = "tradeimbalance"

#: Okabe & Ito (2008) colour-blind-safe palette, ordered for contrast on white
#: (the pale yellow comes last).
PALETTE = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
]

FONT = "Helvetica, Arial, sans-serif"


def theme_config() -> dict:
    """The theme as a Vega-Lite ``config`` dictionary."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": 14, "anchor": "start", "subtitleFontSize": 11, "subtitleColor": "#444444"},
            "axis": {
                "labelFontSize": 11,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "gridColor": "#e6e6e6",
                "labelLimit": 260,
            },
            "axisX": {"labelAngle": 0},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "direction": "horizontal", "columns": 4, "labelLimit": 300},
            "range": {"category": PALETTE},
            "mark": {"tooltip": {"content": "data"}},
            "line": {"strokeWidth": 2, "point": False},
            "bar": {"discreteBandSize": {"band": 0.8}},
        }
    }


def enable_theme() -> None:
    """Register and enable the theme (idempotent)."""
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(lambda: alt.theme.ThemeConfig(theme_config()))
    alt.theme.enable(THEME_NAME)


def _encodings(spec: dict):
    """Yield every encoding dictionary of a (possibly layered / concatenated) spec."""
    if "encoding" in spec:
        yield spec["encoding"]
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for sub in spec.get(key, []):
            yield from _encodings(sub)
    if "spec" in spec:
        yield from _encodings(spec["spec"])


def lint_chart(chart) -> list[str]:
    """Problems with a chart against the book's conventions (empty list = fine).

    Checks: a title; every positional channel (x, y) has a non-empty axis title;
    quantitative positional titles name a unit in parentheses (a ``year`` field excepted); tooltips exist
    (explicit, or the theme's default ``content: data``).
    """
    spec = chart.to_dict() if hasattr(chart, "to_dict") else dict(chart)
    problems = []
    title = spec.get("title")
    if not title or (isinstance(title, dict) and not title.get("text")):
        problems.append("chart has no title")
    seen = False
    for enc in _encodings(spec):
        for ch in ("x", "y"):
            if ch not in enc:
                continue
            seen = True
            e = enc[ch]
            t = e.get("title", e.get("axis", {}).get("title") if isinstance(e.get("axis"), dict) else None)
            if e.get("axis") is None and "axis" in e:
                continue  # axis deliberately hidden
            if not t:
                problems.append(f"{ch} channel ({e.get('field', '?')}) has no title")
            elif e.get("type") == "quantitative" and "(" not in str(t) and e.get("field") != "year":
                problems.append(f"{ch} title {t!r} names no unit in parentheses")
    if not seen:
        problems.append("chart has no positional encoding")
    return problems
