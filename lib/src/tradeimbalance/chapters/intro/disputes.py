"""The US–China disputes at the WTO: cases (requests for consultations, each counted once) by complainant,
respondent and year of request (``wto_disputes``)."""

from __future__ import annotations

import pandas as pd

from ...data import load
from . import DISPUTE_YEARS


def disputes(complainant: str, respondent: str, first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """WTO disputes (one row per case) with ``complainant`` against ``respondent``, by year of request."""
    d = load("wto_disputes")
    sel = d[(d["complainant"] == complainant) & (d["respondent"] == respondent) & d["year"].between(first, last)]
    return sel.drop_duplicates("ds_number").sort_values("ds_number").reset_index(drop=True)


def disputes_as_complainant(complainant: str, first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """Every dispute ``complainant`` brought (any respondent) in the years given."""
    d = load("wto_disputes")
    sel = d[(d["complainant"] == complainant) & d["year"].between(first, last)]
    return sel.drop_duplicates("ds_number").sort_values("ds_number").reset_index(drop=True)


def us_complaints_by_respondent(first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """Number of WTO disputes the United States brought, by respondent, most first."""
    d = load("wto_disputes")
    sel = d[(d["complainant"] == "USA") & d["year"].between(first, last)].drop_duplicates("ds_number")
    out = sel.groupby("respondent", observed=True).size().rename("cases").reset_index()
    return out.sort_values(["cases", "respondent"], ascending=[False, True]).reset_index(drop=True)


def dispute_table(first: int = DISPUTE_YEARS[0], last: int = DISPUTE_YEARS[1]) -> pd.DataFrame:
    """US–China dispute counts for the paper's window, split at the end of the complete case list."""
    rows = []
    for comp, resp, label in (("USA", "CHN", "United States against China"), ("CHN", "USA", "China against the United States")):
        cases = disputes(comp, resp, first, last)
        rows.append({"complainant → respondent": label, "cases": len(cases),
                     "first case": f"DS{int(cases['ds_number'].min())}" if len(cases) else None,
                     "latest case": f"DS{int(cases['ds_number'].max())}" if len(cases) else None})
    return pd.DataFrame(rows)
