"""What the book's builds need to know about charts, without importing Altair or pandas.

The Sphinx builds (HTML and LaTeX) serve the Vega JavaScript and draw PNGs from
specifications already in the executed notebooks; they never build a chart. This
module holds the names and versions they share with :mod:`.render`, so that a
build process does not pay for importing Altair and pandas.
"""

from __future__ import annotations

#: Vega-Lite version (major.minor) of Altair's schema: the JavaScript bundle and the PNG conversion
#: use it. ``tests/test_charts.py`` checks it against the installed Altair.
VL_VERSION = "6.4"
#: File name of the vega / vega-lite / vega-embed bundle in the book's ``_static``.
JS_BUNDLE_NAME = "tradeimbalance-vega.js"
#: PNG pixels per CSS pixel of the charts drawn for the PDF (:mod:`tradeimbalance.charts.pdf`).
PNG_SCALE = 2
#: The MIME type of a chart's Vega-Lite specification in a chapter's outputs (drawn for the PDF only).
CHART_MIME = "application/vnd.tradeimbalance.chart+json"


def vega_bundle_js() -> str:
    """The vega, vega-lite and vega-embed JavaScript (shipped inside vl-convert), as one ES module."""
    import vl_convert as vlc

    return vlc.javascript_bundle(vl_version=VL_VERSION)


def main(argv: list[str] | None = None) -> int:
    """``python -m tradeimbalance.charts.vega OUT``: write :func:`vega_bundle_js` to the file ``OUT``."""
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tradeimbalance.charts.vega OUT", file=sys.stderr)
        return 2
    with Path(args[0]).open("w", encoding="utf-8") as out:  # opened first: a path that cannot be written fails at once
        out.write(vega_bundle_js())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
