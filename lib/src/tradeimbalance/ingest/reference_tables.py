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

PAPER_SECTIONS = {
    "intro_": "1 Introduction",
    "s2_0_": "2 Structure of the imbalance (opening)",
    "s2_1_": "2.1 Bilateral imbalances",
    "s2_2_": "2.2 Regional (provincial) imbalances",
    "s2_3_": "2.3 Trade type: processing trade",
    "s2_4_": "2.4 Industry imbalances",
    "s2_5_": "2.5 US tariffs and the imbalance",
    "s3_1_": "3.1 Asymmetric bilateral investment",
    "s3_2_": "3.2 Tariffs and exchange-rate pressure",
    "s4_": "4 Policy implications",
}


def aggregates() -> pd.DataFrame:
    """Group definitions (``aggregate, member, definition, source``); members must be known partner codes."""
    df = reference("aggregates").copy()
    known = set(reference("dots_partners")["code"])
    bad = sorted(set(df["member"]) - known)
    if bad:
        raise IngestError(f"aggregate members {bad} are not codes of reference/dots_partners.csv",
                          file=REFERENCE_DIR / "aggregates.csv", column="member")
    return df


def paper_reported() -> pd.DataFrame:
    """Every numeric statement of the paper's text, as reported (``reference/paper_reported.csv``)."""
    path = REFERENCE_DIR / "paper_reported.csv"
    df = reference("paper_reported").copy()
    df["value"] = to_number(df["value"], path, "value", allow_blank=False)
    for i, (cid, section) in enumerate(zip(df["claim_id"], df["section"])):
        prefix = next((p for p in PAPER_SECTIONS if cid.startswith(p)), None)
        if prefix is None:
            raise IngestError(f"claim id {cid!r} has no section prefix {list(PAPER_SECTIONS)}", file=path,
                              row=i + 2, column="claim_id")
        if section != PAPER_SECTIONS[prefix]:
            raise IngestError(f"claim {cid!r}: section {section!r} should be {PAPER_SECTIONS[prefix]!r}",
                              file=path, row=i + 2, column="section")
    df["year"] = pd.array([None if (isinstance(y, float) and math.isnan(y)) or y is None or y is pd.NA else int(y)
                           for y in df["year"]], dtype="Int64")
    from ..claims import QUALIFIERS, rule_interval

    df["order"] = range(1, len(df) + 1)  # the paper's order: rows are transcribed as the text runs
    df["cap"] = to_number(df["cap"], path, "cap", allow_blank=True)
    for i, r in enumerate(df.itertuples(index=False)):
        if r.qualifier not in QUALIFIERS:
            raise IngestError(f"claim {r.claim_id!r}: qualifier {r.qualifier!r} is not one of {QUALIFIERS}",
                              file=path, row=i + 2, column="qualifier")
        try:
            rule_interval(float(r.value), str(r.printed), r.qualifier, None if pd.isna(r.cap) else float(r.cap))
        except ValueError as exc:
            raise IngestError(f"claim {r.claim_id!r}: {exc}", file=path, row=i + 2, column="printed") from None
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


def known_gaps() -> pd.DataFrame:
    """Known gaps per dataset, from the SOURCE.md files (``dataset, source_folder, gap``)."""
    return reference("known_gaps").copy()
