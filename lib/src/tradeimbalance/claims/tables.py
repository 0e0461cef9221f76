"""Claims tables for readers: statements in words, in the paper's order, with a status filter and a CSV.

:func:`show_claims` displays a table of evaluated claims (from :func:`tradeimbalance.reproduction.evaluate`).
In HTML it is a table that wraps to the text width (no sideways scrolling), shows each statement in
words with its section and the chapter where it is checked, keeps the Chinese quote, method and note
in a details element below the statement, offers a filter by status (a few lines of inline script;
no request leaves the page) and a CSV download. Other outputs (LaTeX) get a compact Markdown table.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import pandas as pd

from . import STATUSES, format_value

#: Columns of the CSV behind every claims table.
CSV_COLUMNS = ["section", "statement", "quote_zh", "reported_as_printed", "reported", "reproduced",
               "reproduced_low", "reproduced_high", "unit", "status", "checked_in", "method", "note",
               "citation", "gap_source", "id"]

_NO_UNIT = {"year", "decade", "count", "rank", "HS section number", "change", "sign"}


def _blank(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v)) or v == ""


def chapter_title(chapter: str) -> str:
    """The title of chapter ``chapter`` (its first heading), or the name when the source is not at hand."""
    for base in (Path("."), Path("chapters")):
        path = base / f"{chapter}.md"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return chapter.replace("_", " ").capitalize()


def _printed_number(printed: str) -> str:
    text = str(printed)
    if re.fullmatch(r"\d{4,}(\.\d+)?", text):
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def reported_words(row) -> str:
    """The printed statement's value in words: "from 2000 on", "the 1970s", "about 3,700", "more than 50 (below 60)"."""
    unit, value = str(row["unit"]), float(row["reported"])
    note = "" if _blank(row.get("note_reported")) else str(row.get("note_reported"))
    if unit == "decade":
        return f"the {value:.0f}s"
    if unit in ("change", "sign"):
        return format_value(value, unit)
    if unit == "year":
        return f"from {value:.0f} on" if "trend" in note else f"{value:.0f}"
    printed = _printed_number(row["printed"]) if not _blank(row.get("printed")) else format_value(abs(value), unit)
    text = ("−" if value < 0 else "") + printed
    q = "" if _blank(row.get("qualifier")) else str(row["qualifier"])
    if q and q != "exact":
        text = f"{q} {text}"
    cap = row.get("cap")
    if not _blank(cap) and not (isinstance(cap, float) and math.isnan(cap)):
        text += f" (below {float(cap):g})"
    return text


def reproduced_words(row) -> str:
    """The reproduced value formatted by unit, a range "5.34 to 8.45", or a dash."""
    lo, hi = row.get("reproduced_low"), row.get("reproduced_high")
    if not _blank(lo) and not _blank(hi):
        return f"{format_value(lo, row['unit'])} to {format_value(hi, row['unit'])}".replace("-", "−")
    return format_value(row["reproduced"], row["unit"]).replace("-", "−")


def reader_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The evaluated claims with the reported statement's details, as the CSV of a claims table has them."""
    from ..data import load

    rep = load("paper_reported").set_index("claim_id")
    t = table.copy()
    t["note_reported"] = [rep.loc[i, "note"] if i in rep.index else None for i in t["id"]]
    t["cap"] = [rep.loc[i, "cap"] if (i in rep.index and "cap" in rep.columns) else None for i in t["id"]]
    out = pd.DataFrame({
        "section": t["section"],
        "statement": t["statement"],
        "quote_zh": t["quote_zh"],
        "reported_as_printed": [reported_words(r) for _, r in t.iterrows()],
        "reported": t["reported"],
        "reproduced": t["reproduced"],
        "reproduced_low": t.get("reproduced_low"),
        "reproduced_high": t.get("reproduced_high"),
        "unit": t["unit"],
        "status": t["status"],
        "checked_in": t["chapter"],
        "method": t["method"],
        "note": t["note"],
        "citation": t["citation"],
        "gap_source": t["gap_source"],
        "id": t["id"],
    })
    out["reproduced_words"] = [reproduced_words(r) for _, r in t.iterrows()]
    return out.reset_index(drop=True)


def _e(v) -> str:
    return "" if _blank(v) else html.escape(str(v))


def _prose(v) -> str:
    """Escaped text in which table, column and file names (bare or in backticks) are set as code."""
    from ..escape import IDENTIFIER

    if _blank(v):
        return ""
    return IDENTIFIER.sub(lambda m: f"<code>{m.group(1)}</code>", html.escape(str(v).replace("`", "")))


def claims_html(table: pd.DataFrame, table_id: str, caption: str, csv_name: str, link_chapters: bool = True) -> str:
    """The HTML of a claims table (see the module docstring)."""
    from ..exhibits import csv_link_html
    from ..charts.render import csv_text

    f = reader_frame(table)
    present = [s for s in STATUSES if (f["status"] == s).any()]
    options = "".join(f'<option value="{_e(s)}">{_e(s)} ({int((f["status"] == s).sum())})</option>' for s in present)
    rows = []
    for r in f.itertuples(index=False):
        details = []
        if r.quote_zh:
            details.append(f'<p><span class="ti-claims-label">The paper:</span> <span lang="zh">{_e(r.quote_zh)}</span></p>')
        details.append(f'<p><span class="ti-claims-label">How it is checked:</span> {_prose(r.method)}</p>')
        for label, value in (("Why this status", r.note), ("Source", r.citation), ("Published in", r.gap_source)):
            if not _blank(value):
                details.append(f'<p><span class="ti-claims-label">{label}:</span> {_prose(value)}</p>')
        where = _e(chapter_title(r.checked_in))
        if link_chapters:
            where = f'<a href="{_e(r.checked_in)}.html">{where}</a>'
        unit = "" if r.unit in _NO_UNIT else _e(r.unit)
        rows.append(
            f'<tr data-status="{_e(r.status)}"><td>{_e(str(r.section).split()[0])}</td>'
            f'<td><span title="{_e(r.quote_zh)}">{_e(r.statement)}</span>'
            f'<details><summary>quote, method, note</summary>{"".join(details)}</details></td>'
            f"<td>{_e(r.reported_as_printed)}</td><td>{_e(r.reproduced_words)}</td><td>{unit}</td>"
            f'<td class="ti-claims-status">{_e(r.status)}</td><td>{where}</td></tr>'
        )
    csv = f.drop(columns=["reproduced_words"])
    script = (
        "<script>(function(){var root=document.getElementById('" + table_id + "');if(!root)return;"
        "var sel=root.querySelector('select');var out=root.querySelector('.ti-claims-count');"
        "function apply(){var v=sel.value,n=0;root.querySelectorAll('tbody tr').forEach(function(tr){"
        "var show=!v||tr.getAttribute('data-status')===v;tr.hidden=!show;if(show)n++;});"
        "out.textContent=n+' of '+root.querySelectorAll('tbody tr').length+' shown';}"
        "sel.addEventListener('change',apply);apply();})();</script>"
    )
    return (
        f'<div class="ti-claims" id="{table_id}">'
        f'<p class="ti-claims-caption"><strong>{_e(caption)}</strong></p>'
        f'<p class="ti-claims-filter"><label>Status: <select><option value="">all</option>{options}</select></label> '
        f'<span class="ti-claims-count"></span></p>'
        '<table class="ti-claims-table"><colgroup><col class="c-sec"><col class="c-stmt"><col class="c-val">'
        '<col class="c-val"><col class="c-unit"><col class="c-status"><col class="c-where"></colgroup>'
        "<thead><tr><th>§</th><th>Statement</th><th>Reported</th><th>Reproduced</th><th>Unit</th><th>Status</th>"
        "<th>Checked in</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        + csv_link_html(csv_text(csv), csv_name, what="table") + script + "</div>"
    )


def claims_markdown(table: pd.DataFrame, caption: str) -> str:
    """A compact Markdown version of a claims table (for outputs without HTML, such as the PDF)."""
    from ..mdtable import table_markdown

    f = reader_frame(table)
    md = pd.DataFrame({"§": [str(s).split()[0] for s in f["section"]], "statement": f["statement"],
                       "reported": f["reported_as_printed"], "reproduced": f["reproduced_words"],
                       "status": f["status"]})
    return f"**{caption}**\n\n" + table_markdown(md)


def show_claims(table: pd.DataFrame, caption: str, csv_name: str, table_id: str | None = None,
                link_chapters: bool = True) -> None:
    """Display a claims table: HTML with filter and CSV download, Markdown elsewhere."""
    from IPython.display import display

    tid = table_id or "ti-claims-" + re.sub(r"[^a-z0-9]+", "-", csv_name.lower().removesuffix(".csv"))
    bundle = {
        "text/html": claims_html(table, tid, caption, csv_name, link_chapters),
        "text/markdown": claims_markdown(table, caption),
        "text/plain": caption,
    }
    display(bundle, raw=True)
