"""The two direct-investment positions (BEA) and what the data say about when each direction started."""

from __future__ import annotations

import pandas as pd

from ... import measures
from ...data import load
from ...views import IMMEDIATE_BASES, position_series
from . import CHINA, MOFCOM_BASES, US


def fdi_points_all(investor: str, host: str, measure: str = "flow") -> pd.DataFrame:
    """Rows of ``fdi_positions`` for one direction and one measure (``position`` or ``flow``), values in USD million."""
    df = load("fdi_positions")
    df = df[(df["investor"].astype(str) == investor) & (df["host"].astype(str) == host)
            & (df["measure"].astype(str) == measure)]
    return df.sort_values("year").reset_index(drop=True)


def us_in_china() -> pd.Series:
    """US direct-investment position in China, BEA (USDIA), USD million."""
    return position_series(US, CHINA)


def china_in_us(bases=IMMEDIATE_BASES) -> pd.Series:
    """China's direct-investment position in the US, USD million (default: BEA, immediate parent)."""
    return position_series(CHINA, US, bases)


def first_year(s: pd.Series) -> int | None:
    """First year (calendar year) with a positive value, or None."""
    s = s.dropna()
    s = s[s > 0]
    return int(s.index.min()) if len(s) else None


def start_evidence() -> dict:
    """The earliest values in the data for each direction (the data cannot date the first investment).

    Keys: us_first_year, cn_bea_first_year, cn_mofcom_first_year (calendar years or None),
    us_first_value_bn, cn_mofcom_first_value_bn (positions) and cn_mofcom_first_flow_bn (the flow
    of that first year), USD bn or None.
    """
    us = position_series(US, CHINA, None, ("primary", "secondary", "tertiary"))
    cn_bea = china_in_us()
    cn_mof = position_series(CHINA, US, MOFCOM_BASES, ("primary", "secondary", "tertiary"))
    flows = fdi_points_all(CHINA, US, measure="flow")
    out = {
        "us_first_year": first_year(us),
        "us_first_value_bn": None,
        "cn_bea_first_year": first_year(cn_bea),
        "cn_mofcom_first_year": first_year(cn_mof),
        "cn_mofcom_first_value_bn": None,
    }
    if out["us_first_year"] is not None:
        out["us_first_value_bn"] = measures.mn_to_bn(float(us.loc[out["us_first_year"]]))
    out["cn_mofcom_first_flow_bn"] = None
    if out["cn_mofcom_first_year"] is not None:
        y = out["cn_mofcom_first_year"]
        out["cn_mofcom_first_value_bn"] = measures.mn_to_bn(float(cn_mof.loc[y]))
        f = flows[(flows["year"].astype(int) == y) & (flows["basis"].astype(str).isin(MOFCOM_BASES))]
        if len(f):
            out["cn_mofcom_first_flow_bn"] = measures.mn_to_bn(float(f["value_usd_mn"].iloc[0]))
    return out
