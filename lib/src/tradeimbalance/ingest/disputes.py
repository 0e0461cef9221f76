"""WTO dispute settlement cases: the DeepWTO list (DS1-DS538) and hand-made 2018-2019 US-China files.

- ``wto_disputes_deepwto/wto_disputes_ds1_ds538.csv``: first column ``DS<n>``,
  ``title`` (respondent before " — "), ``complainant`` (capitals, several
  separated by "; "), ``consultation_requested`` (e.g. ``4 APRIL 1995``).
- ``wto_disputes_2018_2019/us_china_disputes_2018_2019.csv``: the eight
  US-China disputes of 2018-2019.
- ``wto_disputes_deepwto/us_china_disputes_2018_supplement.csv``: an earlier,
  partial supplement; its rows must agree with the 2018-2019 file, and only
  cases missing there are taken from it.

One row per dispute and complainant. Members are coded through
``reference/wto_members.csv`` (``EU`` = the European Union, formerly the
European Communities, as a WTO member; TWN = Chinese Taipei).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..errors import IngestError
from ._common import code_map, read_csv

DEEPWTO = "wto_disputes_deepwto/wto_disputes_ds1_ds538.csv"
RECENT = "wto_disputes_2018_2019/us_china_disputes_2018_2019.csv"
SUPPLEMENT = "wto_disputes_deepwto/us_china_disputes_2018_supplement.csv"
COLUMNS = ["ds_number", "title", "complainant", "complainant_name", "respondent", "respondent_name",
           "consultations_requested", "year", "status", "source", "verification"]
SEP = " — "


def _ds(value: str, path: Path, line: int, column: str) -> int:
    """The number of a ``DS<n>`` label."""
    m = re.fullmatch(r"DS(\d+)", str(value).strip())
    if not m:
        raise IngestError(f"not a dispute number (DS<n>): {value!r}", file=path, row=line, column=column)
    return int(m.group(1))


def _code(name: str, members: dict, path: Path, line: int, column: str) -> str:
    """Code of a WTO member name (case-insensitive); unknown names raise."""
    key = re.sub(r"\s+", " ", str(name)).strip().upper()
    if key not in members:
        raise IngestError(f"unknown WTO member name {name!r}; add it to reference/wto_members.csv", file=path,
                          row=line, column=column)
    return members[key]


def _date(text: str, path: Path, line: int, column: str, fmt: str) -> str:
    """ISO date from ``text`` in format ``fmt`` (e.g. ``4 APRIL 1995``)."""
    try:
        return datetime.strptime(str(text).strip().title() if fmt != "%Y-%m-%d" else str(text).strip(),
                                 fmt).strftime("%Y-%m-%d")
    except ValueError as exc:
        raise IngestError(f"not a date: {text!r}", file=path, row=line, column=column) from exc


def read_deepwto(raw: Path) -> pd.DataFrame:
    """DS1-DS538, one row per complainant."""
    path = Path(raw) / DEEPWTO
    df = read_csv(path, ["title", "complainant", "consultation_requested", "curr_stat"])
    first = df.columns[0]
    members = code_map("wto_members", "name_wto")
    rows = []
    for pos, r in df.iterrows():
        line = pos + 2
        ds = _ds(r[first], path, line, first or "A")
        title = str(r["title"])
        if SEP not in title:
            raise IngestError("title has no respondent before ' — '", file=path, row=line, column="title")
        respondent = title.split(SEP)[0].strip()
        date = _date(r["consultation_requested"], path, line, "consultation_requested", "%d %B %Y")
        comps = [c.strip() for c in str(r["complainant"]).split(";") if c.strip()]
        if not comps:
            raise IngestError("no complainant", file=path, row=line, column="complainant")
        for c in comps:
            rows.append({
                "ds_number": ds, "title": title, "complainant": _code(c, members, path, line, "complainant"),
                "complainant_name": c, "respondent": _code(respondent, members, path, line, "title"),
                "respondent_name": respondent, "consultations_requested": date, "year": int(date[:4]),
                "status": r["curr_stat"], "source": "DeepWTO list of WTO disputes (scraped from wto.org, early 2019)",
                "verification": pd.NA,
            })
    return pd.DataFrame(rows)


def _recent(path: Path, date_col: str, evidence_col: str, source: str) -> pd.DataFrame:
    """Read a hand-made list of disputes (ISO dates, one complainant per row)."""
    df = read_csv(path, ["ds_number", "title", "complainant", "respondent", date_col, "verification"])
    members = code_map("wto_members", "name_wto")
    rows = []
    for pos, r in df.iterrows():
        line = pos + 2
        date = _date(r[date_col], path, line, date_col, "%Y-%m-%d")
        rows.append({
            "ds_number": _ds(r["ds_number"], path, line, "ds_number"), "title": r["title"],
            "complainant": _code(r["complainant"], members, path, line, "complainant"),
            "complainant_name": r["complainant"],
            "respondent": _code(r["respondent"], members, path, line, "respondent"),
            "respondent_name": r["respondent"], "consultations_requested": date, "year": int(date[:4]),
            "status": pd.NA, "source": source,
            "verification": f"{r['verification']} [evidence: {r[evidence_col]}]" if evidence_col in df.columns else r["verification"],
        })
    return pd.DataFrame(rows)


def read(raw: Path) -> pd.DataFrame:
    """The ``wto_disputes`` table."""
    base = read_deepwto(raw)
    recent = _recent(Path(raw) / RECENT, "consultations_requested", "evidence_urls",
                     "hand-made list of 2018-2019 US-China disputes (wto_disputes_2018_2019)")
    supp_path = Path(raw) / SUPPLEMENT
    supp = _recent(supp_path, "consultation_requested", "evidence_url",
                   "hand-made 2018 supplement to the DeepWTO list (wto_disputes_deepwto)")
    key = ["complainant", "respondent", "consultations_requested"]
    merged = supp.merge(recent, on="ds_number", how="left", suffixes=("", "_recent"))
    for pos, r in merged.iterrows():
        if pd.notna(r["complainant_recent"]) and any(r[k] != r[f"{k}_recent"] for k in key):
            raise IngestError(f"DS{r['ds_number']} differs between the supplement and {RECENT}", file=supp_path,
                              row=pos + 2)
    extra = supp[~supp["ds_number"].isin(recent["ds_number"])]
    clash = set(base["ds_number"]) & (set(recent["ds_number"]) | set(extra["ds_number"]))
    if clash:
        raise IngestError(f"dispute numbers {sorted(clash)} appear in more than one list", file=Path(raw) / RECENT)
    return pd.concat([base, recent, extra], ignore_index=True)[COLUMNS]
