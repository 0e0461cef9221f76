"""Reference tables written to ``data/`` from the hand-made CSVs in ``reference/``.

These do not read raw sources: ``aggregates`` (group definitions), the paper's
own figures (``paper_reported``, ``paper_table1``, values *as reported by the
paper*) and the known-gaps list used by the coverage table.
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import IngestError
from ..paths import REFERENCE_DIR
from ._common import reference, rounded, to_number



def aggregates() -> pd.DataFrame:
    """Group definitions (``aggregate, member, definition, source``); members must be known partner codes."""
    df = reference("aggregates").copy()
    known = set(reference("dots_partners")["code"])
    bad = sorted(set(df["member"]) - known)
    if bad:
        raise IngestError(f"aggregate members {bad} are not codes of reference/dots_partners.csv",
                          file=REFERENCE_DIR / "aggregates.csv", column="member")
    return df


_PAPER_COLUMNS = ["claim_id", "section", "location", "statement_en", "quote_zh", "value", "unit", "printed",
                  "qualifier", "cap", "year", "period", "sign_added", "source", "note"]


def paper_reported() -> pd.DataFrame:
    """Every numeric statement of the paper's text, as reported: the ``paper`` part of the claim
    declarations (``reference/claims/<section>.yaml``), in the paper's order."""
    from ..claims.declarations import CLAIMS_DIR, paper_rows

    path = CLAIMS_DIR  # the declaration files (a bad value names its file and claim)
    rows = paper_rows()
    df = pd.DataFrame([{k: (r[k] if r[k] != "" else math.nan) for k in _PAPER_COLUMNS} for r in rows],
                      columns=_PAPER_COLUMNS, dtype=object)
    df["value"] = to_number(df["value"], path, "value", allow_blank=False)
    df["year"] = pd.array([None if (isinstance(y, float) and math.isnan(y)) or y is None or y is pd.NA else int(y)
                           for y in df["year"]], dtype="Int64")
    from ..claims.rules import QUALIFIERS, rule_interval

    df["order"] = range(1, len(df) + 1)  # the paper's order: rows are transcribed as the text runs
    df["cap"] = to_number(df["cap"], path, "cap", allow_blank=True)
    for i, r in enumerate(df.itertuples(index=False)):
        if r.qualifier not in QUALIFIERS:
            raise IngestError(f"claim {r.claim_id!r}: qualifier {r.qualifier!r} is not one of {QUALIFIERS}",
                              file=rows[i]["file"], column="qualifier")
        try:
            rule_interval(float(r.value), str(r.printed), r.qualifier, None if pd.isna(r.cap) else float(r.cap))
        except ValueError as exc:
            raise IngestError(f"claim {r.claim_id!r}: {exc}", file=rows[i]["file"], column="printed") from None
    df["sign_added"] = df["sign_added"].map({"true": True, "false": False})
    if df["sign_added"].isna().any():
        raise IngestError("sign_added must be true or false", file=path, column="sign_added")
    return df


def paper_table1() -> pd.DataFrame:
    """The paper's Table 1 (2018 net exports of nine provinces, USD 100 million), as reported."""
    path = REFERENCE_DIR / "paper_table1.csv"
    df = reference("paper_table1").copy()
    for col in ["net_exports_total", "net_exports_eu_us", "net_exports_asia", "net_exports_japan_korea"]:
        df[col] = rounded(to_number(df[col], path, col, allow_blank=False))
    df["year"] = df["year"].astype("Int64")
    df["rank"] = df["rank"].astype("Int64")
    return df


def gdp_vintages() -> pd.DataFrame:
    """Earlier vintages of a GDP figure (``reference/gdp_vintages.csv``: one row per country, year and
    vintage, USD bn, with its publisher and source), to read a ratio to GDP over the GDP its author had."""
    path = REFERENCE_DIR / "gdp_vintages.csv"
    df = reference("gdp_vintages").copy()
    df["year"] = to_number(df["year"], path, "year", allow_blank=False).astype("Int64")
    df["gdp_usd_bn"] = rounded(to_number(df["gdp_usd_bn"], path, "gdp_usd_bn", allow_blank=False))
    return df


def known_gaps() -> pd.DataFrame:
    """Known gaps per dataset, from the SOURCE.md files (``dataset, source_folder, gap``)."""
    return reference("known_gaps").copy()
