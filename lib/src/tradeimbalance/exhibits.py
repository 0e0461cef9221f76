"""What a reader gets beside every figure and table of the HTML book.

- :func:`table_view_html`: the data behind a chart as a table, behind an offline toggle;
- :func:`sources_html`: the sources of the ``data/`` tables an exhibit reads, generated from
  ``data/datapackage.json`` (publisher, dataset, vintage, data years, licence, link, and the
  third-party copy the data were read from);
- :func:`cite_line`: a one-line "how to cite" for the exhibit;
- :func:`csv_link_html`: a download link for the CSV behind it.

Every string taken from data is escaped as text (``html.escape``). The toggles are ``<details>``
elements: they open without JavaScript and without any request.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import math
import re

import pandas as pd

#: Book title and authorship used in the citation lines (kept in step with _config.yml and CITATION.cff).
BOOK_TITLE = "China's Foreign Trade Imbalance: an executable reproduction"
BOOK_AUTHOR = "The tradeimbalance project"
BOOK_YEAR = "2026"

#: Words of a column name shown differently to readers.
_WORDS = {
    "usd": "USD", "bn": "bn", "mn": "mn", "pct": "%", "gdp": "GDP", "eu": "EU", "us": "US", "fdi": "FDI",
    "hs": "HS", "nbs": "NBS", "bop": "BoP", "cif": "CIF", "fob": "FOB", "id": "id",
    "usa": "USA", "eu27": "EU27", "eu28": "EU28", "asia": "Asia", "china": "China", "japan": "Japan",
    "korea": "Korea", "world": "World", "merch": "merchandise", "100m": "100 million",
}
#: Unit endings of column names and their reader form.
_UNITS = [("_usd_100m_reported", "USD 100 million, as printed by the paper"), ("_usd_100m", "USD 100 million"), ("_usd_bn", "USD bn"), ("_usd_mn", "USD mn"), ("_pct_gdp", "% of GDP"), ("_share_pct", "share, %"),
          ("_pct", "%")]
_VINTAGE = re.compile(r"\b(vintage[^();,]*|\d{4} (?:vintage|release))", re.I)
MAX_TABLE_ROWS = 400
from .escape import IDENTIFIER  # noqa: E402  (an identifier-like token: a file, column or code name)


def _text(value: str) -> str:
    """Escaped text in which identifier-like tokens (file or variable names of a source) are code."""
    return IDENTIFIER.sub(lambda m: f"<code>{m.group(1)}</code>", html.escape(str(value)))


def value_label(value: str) -> str:
    """A data code shown to readers: ``location_of_importers_exporters`` -> ``location of importers exporters``."""
    return value.replace("_", " ") if IDENTIFIER.fullmatch(value) else value


def column_label(name: str) -> str:
    """A reader's label for a data column: ``exports_usd_bn`` -> ``Exports (USD bn)``."""
    text = str(name)
    unit = None
    for suffix, label in _UNITS:
        if text.endswith(suffix) and len(text) > len(suffix):
            text, unit = text[: -len(suffix)], label
            break
    words = [_WORDS.get(w, w) for w in text.split("_") if w]
    if not words:
        return str(name)
    words[0] = words[0][:1].upper() + words[0][1:]
    label = " ".join(words)
    return f"{label} ({unit})" if unit else label


def _cell(value) -> tuple[str, bool]:
    """The text of one cell and whether it is a number (right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return str(int(value)), True
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        v = float(value)
        v = round(v, 2) + 0.0  # no "-0.00"
        return (f"{v:,.0f}" if v == int(v) and abs(v) >= 1000 else f"{v:,.2f}"), True
    try:
        if pd.isna(value):
            return "—", False
    except (TypeError, ValueError):
        pass
    return value_label(str(value)), False


def code_legend(df: pd.DataFrame) -> str:
    """Explains, once, the economy codes (ISO 3166-1 alpha-3 and the book's group codes) in ``df``."""
    from .data import load

    try:
        names = load("partners").set_index("code")["name_en"].to_dict()
        groups = load("aggregates").drop_duplicates("aggregate").set_index("aggregate")["definition"].to_dict()
    except (KeyError, OSError):
        return ""
    names = {**{k: v for k, v in groups.items() if k not in names}, **names}
    seen = []
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            vals = [v for v in pd.unique(df[col].dropna()) if isinstance(v, str)]
            if vals and all(v in names for v in vals):
                seen += [v for v in vals if v not in seen]
    if not seen:
        return ""
    items = "; ".join(f"{html.escape(c)} = {html.escape(str(names[c]))}" for c in seen)
    return (f'<p class="ti-note">Codes (ISO 3166-1 alpha-3 for countries, the book\'s own codes for groups): '
            f"{items}.</p>")


def table_html(df: pd.DataFrame, max_rows: int = MAX_TABLE_ROWS) -> str:
    """``df`` as an HTML table with reader labels; every cell escaped; missing values as an em dash."""
    cols = list(df.columns)
    head = "".join(f'<th scope="col">{html.escape(column_label(c))}</th>' for c in cols)
    rows = []
    for rec in df.head(max_rows).itertuples(index=False):
        cells = []
        for v in rec:
            text, num = _cell(v.item() if hasattr(v, "item") else v)
            cells.append(f'<td class="ti-num">{html.escape(text)}</td>' if num else f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if len(df) > max_rows:
        more = f'<p class="ti-note">First {max_rows} of {len(df)} rows; the CSV has them all.</p>'
    return (f'<div class="ti-scroll" tabindex="0"><table class="ti-datatable"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>{more}{code_legend(df)}")


def table_view_html(df: pd.DataFrame) -> str:
    """The data behind a chart, as a table, inside a toggle that opens offline."""
    return (f'<details class="ti-tableview"><summary>Table view: the data behind this chart '
            f"({len(df)} rows)</summary>{table_html(df)}</details>")


@functools.lru_cache(maxsize=4)
def _package(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def datapackage() -> dict:
    """``data/datapackage.json`` as a dictionary (re-read when the file changes)."""
    from .paths import data_dir

    p = data_dir() / "datapackage.json"
    return _package(str(p), p.stat().st_mtime)


def resource(table: str) -> dict:
    """The descriptor of ``data/<table>.csv`` in the data package."""
    for r in datapackage().get("resources", []):
        if r.get("table") == table or r.get("name") == table:
            return r
    raise KeyError(f"no table {table!r} in data/datapackage.json")


def _years(table: str) -> str | None:
    for c in datapackage().get("coverage", []):
        if c.get("dataset") == table and c.get("year_min") is not None:
            lo, hi = int(c["year_min"]), int(c["year_max"])
            return f"{lo}–{hi}" if lo != hi else str(lo)
    return None


def _link(url: str | None, text: str | None = None) -> str:
    if not url:
        return ""
    text = text or url
    if url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{_text(text)}</a>'
    return _text(text)


def source_records(tables: list[str]) -> list[dict]:
    """One record per (table, source) of ``tables``: what the sources panel shows."""
    out = []
    for t in tables:
        r = resource(t)
        lic = r.get("licenses") or []
        for s in r.get("sources", []) or [{}]:
            m = _VINTAGE.search(s.get("title", "")) or _VINTAGE.search(r.get("description", ""))
            out.append({
                "table": t,
                "dataset": r.get("title", t),
                "publisher": s.get("publisher", ""),
                "source": s.get("title", ""),
                "link": s.get("path", ""),
                "vintage": re.sub(r"(?i)^vintage\s*(of\s*)?", "", m.group(1)).strip() if m else None,
                "years": _years(t),
                "copy": s.get("repository"),
                "copy_file": s.get("file"),
                "copy_commit": s.get("commit"),
                "licences": [(x.get("title") or x.get("name", ""), x.get("path")) for x in lic],
                "reported_by_paper": bool(r.get("reported_by_paper")),
            })
    return out


def sources_html(tables: list[str]) -> str:
    """The sources panel for an exhibit reading ``tables`` (a toggle; empty string for no tables)."""
    if not tables:
        return ""
    items = []
    for rec in source_records(tables):
        parts = [f"<strong>{html.escape(rec['publisher'] or 'Source')}</strong>: "
                 + (_link(rec["link"], rec["source"]) if str(rec["link"]).startswith("http") else _text(rec["source"]))]
        parts.append(f"Dataset in this book: {_text(rec['dataset'])}"
                     + (f" (years {html.escape(rec['years'])})" if rec["years"] else ""))
        if rec["vintage"]:
            parts.append(f"Vintage: {html.escape(rec['vintage'])}")
        if rec["copy"]:
            commit = (rec["copy_commit"] or "")[:10]
            parts.append("Read from a third-party copy: " + _link(rec["copy"])
                         + (f", file <code>{html.escape(rec['copy_file'])}</code>" if rec["copy_file"] else "")
                         + (f", commit {html.escape(commit)}" if commit else ""))
        if rec["licences"]:
            parts.append("Licence: " + "; ".join(_link(p, t) if p and p.startswith("http") else html.escape(t)
                                                for t, p in rec["licences"]))
        if rec["reported_by_paper"]:
            parts.append("Values as reported by the paper, not observed data")
        items.append("<li>" + "<br>".join(parts) + "</li>")
    return ('<details class="ti-sources"><summary>Sources and licences</summary>'
            f'<ul class="ti-source-list">{"".join(items)}</ul></details>')


def cite_line(label: str, title: str, year: int | None = None) -> str:
    """How to cite one exhibit, as plain text."""
    data = f", data to {int(year)}" if year is not None else ""
    what = label if not title or title == label else f"{label}: {title}"
    return (f"{BOOK_AUTHOR} ({BOOK_YEAR}). {what}{data}. In: {BOOK_TITLE}. "
            f"Data and code under their stated licences.")


def cite_html(label: str, title: str, year: int | None = None) -> str:
    """The "how to cite" line of :func:`cite_line` as an HTML paragraph."""
    return f'<p class="ti-cite"><span class="ti-cite-label">How to cite:</span> {html.escape(cite_line(label, title, year))}</p>'


def csv_link_html(csv_text: str, name: str, what: str = "figure") -> str:
    """A download link carrying the CSV inside the page (no request)."""
    b64 = base64.b64encode(csv_text.encode("utf-8")).decode("ascii")
    n = html.escape(name, quote=True)
    return (f'<p class="ti-data-link"><a download="{n}" href="data:text/csv;charset=utf-8;base64,{b64}">'
            f"Download the data behind this {html.escape(what)} (CSV)</a></p>")


def panels_html(df: pd.DataFrame | None, tables: list[str], label: str, title: str, year: int | None,
                table_view: bool = True) -> str:
    """Table view, sources panel and citation line of one exhibit."""
    parts = []
    if table_view and df is not None:
        parts.append(table_view_html(df))
    parts.append(sources_html(tables))
    parts.append(cite_html(label, title, year))
    return '<div class="ti-panels">' + "".join(p for p in parts if p) + "</div>"
