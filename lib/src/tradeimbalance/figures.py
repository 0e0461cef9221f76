"""The figure registry: every figure and table of the book, by stable id.

A figure is a :class:`Figure`: a data function ``data(year) -> DataFrame`` (the
stable, documented columns written by ``tradeimbalance export``) and a chart
function ``chart(df, year) -> alt.Chart`` (``None`` for a table). A chapter's
``figures`` module defines its figures as module-level :class:`Figure` objects
(or tags a data function with :func:`figure`); :mod:`tradeimbalance.catalog`
collects them. This module keeps no registry of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

#: The attribute :func:`figure` sets on a data function: its :class:`Figure`.
FIGURE_ATTRIBUTE = "__figure__"


@dataclass
class Figure:
    """One figure (or table) of the book."""

    id: str
    title: str
    caption: str
    source: str
    chapter: str
    data_fn: Callable[..., pd.DataFrame]
    chart_fn: Callable[..., object] | None = None
    paper_number: str | None = None  # e.g. "Fig. 1" or "Table 1" in the paper
    columns: list[str] = field(default_factory=list)
    kind: str = "figure"
    share_groups: list[list[str]] = field(default_factory=list)  # percent columns that add up to 100
    #: The ``data/`` tables the figure reads (resource names of data/datapackage.json): its sources panel.
    tables: list[str] = field(default_factory=list)

    def data(self, year: int, **kwargs) -> pd.DataFrame:
        """The figure's data for ``year`` (the documented columns; units in the column names)."""
        df = self.data_fn(year, **kwargs)
        if self.columns and list(df.columns) != self.columns:
            raise ValueError(f"{self.id}: data columns {list(df.columns)} differ from the documented {self.columns}")
        return df

    def chart(self, df: pd.DataFrame, year: int):
        """The Altair chart of ``df`` (the figure's data) for ``year``."""
        if self.chart_fn is None:
            raise ValueError(f"{self.id} is a table, not a chart")
        return self.chart_fn(df, year=year)

    @property
    def label(self) -> str:
        """How the book names the exhibit: the paper's number, else its title."""
        return self.paper_number or self.title

    def caption_markdown(self, year: int) -> str:
        """The caption (with ``{year}`` filled in) and the source line, as Markdown."""
        label = f"**{self.paper_number or self.id}.**" if self.paper_number else f"**{self.title}.**"
        return f"{label} {self.caption.format(year=year)}\n\n*Source:* {self.source}"


def figure(
    fig_id: str,
    *,
    title: str,
    caption: str,
    source: str,
    chapter: str,
    columns: list[str] | None = None,
    paper_number: str | None = None,
    chart: Callable | None = None,
    kind: str = "figure",
    share_groups: list[list[str]] | None = None,
    tables: list[str] | None = None,
):
    """Tag ``data(year)`` as the data function of figure ``fig_id`` (``chart`` builds its Altair chart)."""

    def deco(fn):
        setattr(fn, FIGURE_ATTRIBUTE, Figure(
            id=fig_id,
            title=title,
            caption=caption,
            source=source,
            chapter=chapter,
            data_fn=fn,
            chart_fn=chart,
            paper_number=paper_number,
            columns=list(columns or []),
            kind=kind,
            share_groups=[list(g) for g in (share_groups or [])],
            tables=list(tables or []),
        ))
        return fn

    return deco
