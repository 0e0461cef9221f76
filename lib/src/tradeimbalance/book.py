"""Helpers that chapters call to put computed numbers, tables and figures on the page.

- :func:`start_chapter` sets up the chapter's kernel (chart theme and renderer, garbage collector).
- :func:`glue_value` glues a formatted number for ``{glue:text}`` in the prose.
- :func:`show_table` displays a DataFrame as a MyST table (typeset in HTML and LaTeX alike).
- :func:`show_figure` displays a registered figure with its caption, source line and data link.
"""

from __future__ import annotations

import numbers

import pandas as pd

from . import fmt as _fmt
from .claims import reported_value
from .escape import markdown_text
from .mdtable import table_markdown


def start_chapter() -> None:
    """Set up a chapter's kernel before it loads any data (returns None).

    Enables the book's chart theme and offline renderer (:func:`tradeimbalance.charts.enable_charts`;
    Altair loads several times faster before any data). Then every object created so far, the
    imported libraries (IPython, pandas, Altair, this package), leaves the garbage collector's
    generations (:func:`gc.freeze`): they live as long as the kernel, and without the freeze every
    full collection during the chapter walks all of them again, which cost about a quarter of a
    chapter's run in a Jupyter kernel. The few unreachable objects left by the imports are kept
    with them (a full collection to free them would cost more than they weigh).
    """
    import gc

    from .charts import enable_charts

    enable_charts()
    gc.freeze()


#: Every value glued in this kernel, by name (plain Python numbers), for check cells.
GLUED: dict[str, float | int | str | None] = {}


class Formatted:
    """A value whose plain-text representation is its formatted text.

    myst-nb's ``{glue:text}`` shows the ``text/plain`` representation of a glued
    object after passing it through ``ast.literal_eval`` (to strip quotes), so the
    representation is the quoted text: ``'1,966'`` reaches the prose as ``1,966``
    (unquoted, ``1,966`` would be read as the tuple ``(1, 966)``).
    """

    def __init__(self, text: str, value=None):
        self.text = text
        self.value = value

    def __repr__(self) -> str:
        return repr(self.text)

    def __str__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return markdown_text(self.text)  # text from data shows as text, never as markup


def plain(value):
    """Convert numpy / pandas scalars to plain ``int`` / ``float`` (``None`` for missing)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        v = float(value)
        return None if v != v else v
    if pd.isna(value):
        return None
    return value


def glue_value(name: str, value, kind: str = "number", **kwargs) -> None:
    """Glue ``value`` under ``name``, formatted with ``fmt.<kind>`` (e.g. ``usd_bn``, ``pct``).

    In the prose, ``{glue:text}`name``` then shows the formatted text. The plain
    value is kept in :data:`GLUED` for check cells.
    """
    from myst_nb import glue

    try:
        formatter = _fmt.FORMATS[kind]
    except KeyError:
        raise ValueError(f"unknown format kind {kind!r}; choose one of {sorted(_fmt.FORMATS)}") from None
    v = plain(value)
    obj = Formatted(formatter(v, **kwargs), v)
    GLUED[name] = v
    glue(name, obj, display=False)


def glue_text(name: str, text: str) -> None:
    """Glue a computed piece of text (e.g. a list of years) for ``{glue:text}`` in the prose."""
    from myst_nb import glue

    GLUED[name] = text
    glue(name, Formatted(text, text), display=False)


def glue_reported(name: str, claim_id: str, kind: str = "number", **kwargs) -> None:
    """Glue the paper's printed value of ``claim_id``, for prose that quotes the paper.

    The prose must still say that the number is *as reported by the paper*.
    """
    glue_value(name, reported_value(claim_id), kind, **kwargs)


def glue_facts(chapter: str, facts) -> None:
    """Glue every fact of ``facts`` (:class:`tradeimbalance.facts.Fact`) as ``<chapter>_<name>``."""
    names = []
    for f in facts:
        name = f"{chapter}_{f.name}"
        if name in names:
            raise ValueError(f"fact {name!r} is given twice")
        if f.kind == "text":
            glue_text(name, f.value)
        else:
            glue_value(name, f.value, f.kind, **f.options)
        names.append(name)


def show_table(df: pd.DataFrame, caption: str | None = None, floatfmt: str = ",.1f",
               csv: pd.DataFrame | None = None, csv_name: str | None = None) -> None:
    """Display ``df`` as a typeset table (MyST markdown output), with an optional bold caption.

    With ``csv_name`` the HTML page also gets a link that downloads ``csv`` (default: ``df``) as that file.
    """
    from IPython.display import Markdown, display

    text = table_markdown(df, floatfmt=floatfmt)
    if caption:
        text = f"**{markdown_text(caption)}**\n\n" + text
    display(Markdown(text))
    if csv_name:
        table_extras(df if csv is None else csv, csv_name)


def show_figure(fig_id: str, year: int, **kwargs) -> None:
    """Display registered figure ``fig_id`` for ``year``: chart, caption, source line, data link."""
    from IPython.display import Markdown, display

    from .catalog import get_figure

    fig = get_figure(fig_id)
    data = fig.data(year, **kwargs)
    chart = fig.chart(data, year=year)
    from .charts.render import chart_bundle

    from .exhibits import panels_html

    extra = panels_html(data, fig.tables, fig.label, fig.title, year)
    display(chart_bundle(chart, csv=data, csv_name=f"{fig_id}.csv", extra_html=extra), raw=True)
    display(Markdown(fig.caption_markdown(year)))


def table_extras(df: pd.DataFrame, name: str, tables: list[str] | None = None, label: str | None = None,
                 title: str | None = None, year: int | None = None) -> None:
    """Below a table in HTML: a CSV download of ``df`` (``name``), its sources panel and citation line.

    The PDF gets nothing from this output: the table and its caption carry the content there.
    """
    from IPython.display import display

    from .charts.render import csv_text
    from .exhibits import csv_link_html, panels_html

    body = csv_link_html(csv_text(df), name if name.endswith(".csv") else f"{name}.csv", what="table")
    if label or tables:
        body += panels_html(None, list(tables or []), label or (title or name), title or "", year, table_view=False)
    # The Markdown form (an HTML comment) is what the PDF gets: nothing. A LaTeX form would make
    # Sphinx load MathJax on the page, a request outside the book.
    display({"text/html": f'<div class="ti-table-extras">{body}</div>',
             "text/markdown": "<!-- CSV download and sources: in the HTML edition -->"}, raw=True)


def show_registered_table(fig_id: str, year: int, display_df: pd.DataFrame | None = None,
                          caption: str | None = None, floatfmt: str = ",.1f", **kwargs) -> None:
    """Display registered table ``fig_id``: the typeset table (``display_df`` if given, else its data),
    then its CSV download (the registered columns), sources panel and citation line."""
    from .catalog import get_figure

    fig = get_figure(fig_id)
    data = fig.data(year, **kwargs)
    show_table(data if display_df is None else display_df, caption=caption, floatfmt=floatfmt)
    table_extras(data, f"{fig_id}.csv", fig.tables, fig.label, fig.title, year)


def show_chapter_claims(chapter: str, year: int, caption: str) -> None:
    """The claims cell of a chapter: show its claims and check them, in one call.

    For the paper's year (``PAPER_YEAR`` of the chapter package) it evaluates the chapter's claims,
    shows them (filter, statement in words, CSV download ``claims_<chapter>.csv``) and asserts that
    each keeps its declared status. For another year it says so and asserts the invariants of the
    data of the chapter's figures and tables (ids from the catalog).
    """
    from IPython.display import Markdown, display

    from . import reproduction
    from .catalog import paper_year
    from .checks import check_chapter_invariants
    from .claims.tables import show_claims

    paper = paper_year(chapter)
    if int(year) != paper:
        display(Markdown(f"The paper's claims refer to {paper}; they are checked when the chapter runs for "
                         f"{paper} (this run is for {year})."))
        check_chapter_invariants(chapter, year)
        return
    table = reproduction.evaluate(chapter=chapter)
    if not len(table):
        raise AssertionError(f"chapter {chapter!r} declares no claims")
    show_claims(table, caption=caption, csv_name=f"claims_{chapter}.csv")
    reproduction.check(table)
