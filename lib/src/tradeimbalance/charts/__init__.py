"""Chart conventions: one Altair theme and an offline renderer.

Importing this package registers and enables the ``tradeimbalance`` theme and
renderer, so every chart in the book looks alike and draws without a network.
"""

from .theme import PALETTE, THEME_NAME, enable_theme, lint_chart
from .render import RENDERER_NAME, chart_bundle, enable_renderer, vega_bundle_js

enable_theme()
enable_renderer()

__all__ = [
    "PALETTE",
    "THEME_NAME",
    "RENDERER_NAME",
    "chart_bundle",
    "enable_renderer",
    "enable_theme",
    "lint_chart",
    "vega_bundle_js",
]
