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

#: One colour per economy (or group) for the whole book: a chart that shows an economy draws it in
#: this colour (Okabe & Ito first; the economies beyond their eight colours take the colour-blind-safe
#: extra tones of Paul Tol's "muted" scheme). Keys are the names the charts show; see :data:`ALIASES`.
ECONOMY_COLORS = {
    "Mainland China": "#D55E00",  # vermillion
    "United States": "#0072B2",  # blue
    "EU27": "#009E73",  # bluish green (EU28 is the same green, drawn dashed)
    "EU28": "#009E73",
    "Japan": "#CC79A7",  # reddish purple
    "Korea": "#E69F00",  # orange
    "Australia": "#56B4E9",  # sky blue
    "India": "#882255",  # wine
    "Brazil": "#117733",  # green
    "Vietnam": "#44AA99",  # teal
    "Thailand": "#332288",  # indigo
    "Cambodia": "#999933",  # olive
    "Bangladesh": "#AA4499",  # purple
    "World": "#000000",
    "Asia": "#6F6F6F",  # grey: a group, not one economy
}
#: Other names under which the charts show an economy of :data:`ECONOMY_COLORS`.
ALIASES = {
    "China": "Mainland China", "China (mainland)": "Mainland China",
    "US": "United States", "USA": "United States",
    "EU27 (without the UK)": "EU27", "EU28 (with the UK)": "EU28",
    "Korea, Rep.": "Korea", "Republic of Korea": "Korea",
    "Viet Nam": "Vietnam",
}


def economy_key(name: str) -> str | None:
    """The :data:`ECONOMY_COLORS` key of a shown name (``None`` when it names no economy).

    A name that starts with an economy and a colon (``"Japan: exports to the US"``) is that economy.
    """
    name = str(name)
    head = name.split(":", 1)[0].strip()
    for cand in (name, head):
        cand = ALIASES.get(cand, cand)
        if cand in ECONOMY_COLORS:
            return cand
    return None


def economy_color(name: str) -> str:
    """The book's colour of the economy ``name`` (KeyError for a name that is no economy)."""
    key = economy_key(name)
    if key is None:
        raise KeyError(f"no colour for {name!r}; economies: {sorted(ECONOMY_COLORS)}")
    return ECONOMY_COLORS[key]


def economy_scale(names: list[str]) -> alt.Scale:
    """A colour scale drawing each economy of ``names`` in its book-wide colour."""
    return alt.Scale(domain=list(names), range=[economy_color(n) for n in names])


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
            "line": {"strokeWidth": 2, "point": False, "invalid": "break-paths-show-domains"},
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
    problems += economy_color_problems(spec)
    problems += balance_axis_problems(spec)
    return problems


def balance_axis_problems(spec: dict) -> list[str]:
    """Balance axes that may leave out zero: a balance changes sign, so its axis must show 0.

    A quantitative x or y whose title names a balance (or a deficit) must not switch ``zero`` off,
    and an explicit domain must include 0.
    """
    problems = []
    for enc in _encodings(spec):
        for ch in ("x", "y"):
            e = enc.get(ch)
            if not isinstance(e, dict) or e.get("type") != "quantitative":
                continue
            title = str(e.get("title") or "")
            if not any(w in title.lower() for w in ("balance", "deficit", "surplus", "net exports")):
                continue
            scale = e.get("scale") if isinstance(e.get("scale"), dict) else {}
            dom = scale.get("domain")
            if scale.get("zero") is False and not (isinstance(dom, list) and len(dom) == 2
                                                    and all(isinstance(v, (int, float)) for v in dom) and dom[0] <= 0 <= dom[1]):
                problems.append(f"{ch} axis {title!r} switches zero off")
            elif isinstance(dom, list) and len(dom) == 2 and all(isinstance(v, (int, float)) for v in dom) and not dom[0] <= 0 <= dom[1]:
                problems.append(f"{ch} axis {title!r} has a domain {dom} without 0")
    return problems


def economy_color_problems(spec: dict) -> list[str]:
    """Colour scales that draw an economy in another colour than :data:`ECONOMY_COLORS` gives it."""
    problems = []
    for enc in _encodings(spec):
        for ch in ("color", "stroke", "fill"):
            e = enc.get(ch)
            if not isinstance(e, dict):
                continue
            scale = e.get("scale") or {}
            domain = scale.get("domain") if isinstance(scale, dict) else None
            if not isinstance(domain, list):
                continue
            rng = scale.get("range")
            for i, name in enumerate(domain):
                key = economy_key(name) if isinstance(name, str) else None
                if key is None:
                    continue
                got = rng[i] if isinstance(rng, list) and i < len(rng) else None
                if not isinstance(got, str) or got.lower() != ECONOMY_COLORS[key].lower():
                    problems.append(f"{ch}: {name!r} drawn in {got!r}, the book's colour is {ECONOMY_COLORS[key]}")
    return problems


enable_theme()
