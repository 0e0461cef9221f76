"""What the parsers of every source family share: the provenance columns and the current year."""

from __future__ import annotations

import datetime as dt


def _provenance(meta: dict, published: str | None = None) -> dict:
    """The provenance columns of a row parsed from a snapshot with metadata ``meta``.

    ``vintage`` (the date the reply was fetched), ``snapshot`` (the snapshot's file, relative to the
    snapshot folder) and ``sha256`` (of the saved body). With ``published`` (the release date the
    reply states, possibly ""), also ``published``: that date, else the snapshot's, as YYYY-MM-DD.
    """
    out = {"vintage": meta.get("accessed", ""), "snapshot": meta.get("file", ""), "sha256": meta.get("sha256", "")}
    if published is not None:
        out["published"] = str(published or meta.get("published", ""))[:10]
    return out


def now_year() -> int:
    """The current calendar year (the last year a request asks for)."""
    return dt.date.today().year
