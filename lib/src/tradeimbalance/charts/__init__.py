"""Chart conventions: one Altair theme and an offline renderer.

:func:`enable_charts` registers and enables both (idempotent); a chapter calls it
once, before its first chart. Importing :mod:`.theme` enables the theme and
importing :mod:`.render` the renderer, so code that builds or renders a chart has
them on without asking.

The package itself imports nothing heavy: the names below load their module on
first use (PEP 562). Altair is then imported from a finished module rather than
from inside this package's initialisation, which in a Jupyter kernel costs about
four times as long.
"""

from __future__ import annotations

import importlib

#: public name -> the submodule that defines it
_EXPORTS = {
    "PALETTE": "theme",
    "THEME_NAME": "theme",
    "enable_theme": "theme",
    "lint_chart": "theme",
    "RENDERER_NAME": "render",
    "chart_bundle": "render",
    "enable_renderer": "render",
    "vega_bundle_js": "vega",
}

__all__ = ["enable_charts", *_EXPORTS]


def enable_charts() -> None:
    """Register and enable the book's theme and offline renderer (idempotent; returns None)."""
    from .render import enable_renderer
    from .theme import enable_theme

    enable_theme()
    enable_renderer()


def __getattr__(name: str):
    """Load a public name (and its submodule) on first use; submodules (``pdf``) load as usual."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
