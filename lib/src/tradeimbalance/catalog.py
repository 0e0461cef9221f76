"""The one loader of the chapters: it imports each chapter's modules and collects what they define.

Figures (:class:`tradeimbalance.figures.Figure` objects, or data functions tagged with
:func:`tradeimbalance.figures.figure`) and claim reproductions (functions tagged with
:func:`tradeimbalance.claims.reproduces`) are plain records in the chapter modules; nothing
registers itself. This module sits above the chapters: the book helpers, the export, the
reproduction report and the command line ask it for figures and reproductions, and nothing
below the chapters imports it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache
from types import ModuleType
from typing import Callable

from .claims import CLAIM_ATTRIBUTE
from .figures import FIGURE_ATTRIBUTE, Figure

#: The chapter packages of :mod:`tradeimbalance.chapters`, in the book's order.
CHAPTERS = ("intro", "bilateral", "regional", "processing", "industry", "investment", "japan_us",
            "asia_deficit", "tariffs_fx", "policy")


@lru_cache(maxsize=None)
def chapter_modules(name: str) -> tuple[ModuleType, ...]:
    """The modules of chapter ``name``: its package and every module in it."""
    if name not in CHAPTERS:
        raise KeyError(f"no chapter {name!r}; known: {list(CHAPTERS)}")
    pkg = importlib.import_module(f"tradeimbalance.chapters.{name}")
    mods = [pkg]
    for info in pkgutil.walk_packages(getattr(pkg, "__path__", []), prefix=f"{pkg.__name__}."):
        mods.append(importlib.import_module(info.name))
    return tuple(mods)


def _own(mod: ModuleType, obj) -> bool:
    return getattr(obj, "__module__", None) == mod.__name__


@lru_cache(maxsize=1)
def _collect() -> tuple[dict[str, Figure], dict[str, tuple[str, Callable]]]:
    figures: dict[str, Figure] = {}
    reproductions: dict[str, tuple[str, Callable]] = {}
    for name in CHAPTERS:
        for mod in chapter_modules(name):
            for obj in list(vars(mod).values()):
                fig = obj if isinstance(obj, Figure) else (
                    getattr(obj, FIGURE_ATTRIBUTE, None) if inspect.isfunction(obj) and _own(mod, obj) else None)
                if isinstance(fig, Figure):
                    if fig.id in figures and figures[fig.id].data_fn is not fig.data_fn:
                        raise ValueError(f"figure id {fig.id!r} is defined twice ({mod.__name__})")
                    figures[fig.id] = fig
                cid = getattr(obj, CLAIM_ATTRIBUTE, None) if inspect.isfunction(obj) and _own(mod, obj) else None
                if cid:
                    if cid in reproductions and reproductions[cid][1] is not obj:
                        raise ValueError(f"claim {cid!r} has two reproductions ({mod.__name__})")
                    reproductions[cid] = (name, obj)
            for cid, fn in (getattr(mod, "REPRODUCTIONS", None) or {}).items():
                if cid in reproductions and reproductions[cid][1] is not fn:
                    raise ValueError(f"claim {cid!r} has two reproductions ({mod.__name__})")
                reproductions[cid] = (name, fn)
    return dict(sorted(figures.items())), reproductions


def all_figures() -> dict[str, Figure]:
    """Every figure and table of the book, by id."""
    return dict(_collect()[0])


def get_figure(fig_id: str) -> Figure:
    """The figure (or registered table) ``fig_id``."""
    figs = _collect()[0]
    try:
        return figs[fig_id]
    except KeyError:
        raise KeyError(f"no figure {fig_id!r}; known: {sorted(figs)}") from None


def chapter_figures(chapter: str) -> list[str]:
    """The ids of the figures and registered tables chapter ``chapter`` defines, sorted."""
    return [f.id for f in _collect()[0].values() if f.chapter == chapter]


def paper_year(chapter: str) -> int:
    """The year of the paper's statements that chapter ``chapter`` checks (its package's ``PAPER_YEAR``)."""
    return int(chapter_modules(chapter)[0].PAPER_YEAR)


def reproductions() -> dict[str, tuple[str, Callable]]:
    """Every claim reproduction: claim id -> (chapter, function returning the value in the paper's unit)."""
    return dict(_collect()[1])
