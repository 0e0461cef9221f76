"""Reproductions of the claims of section 3.1 on Japan, Korea and the US (declared in
``reference/claims/s3_1.yaml``); each returns the value in the unit of the paper's statement."""

from __future__ import annotations

from ...claims import reproduces
from . import AFTER_2010_END, JAPAN, KOREA, PAPER_YEAR
from .export_shares import after_2010_facts, china_share_peak, decade_mean, decline_facts, export_share_to_us
from .fdi_shares import japan_fdi_share


@reproduces("s3_1_japan_us_export_share_1980s")
def reproduce_japan_1980s():
    """Japan's export share to the US, mean of the yearly shares 1980-1989, percent."""
    return decade_mean(export_share_to_us(JAPAN))


@reproduces("s3_1_korea_us_export_share_1980s")
def reproduce_korea_1980s():
    """Korea's export share to the US, mean of the yearly shares 1980-1989, percent."""
    return decade_mean(export_share_to_us(KOREA))


@reproduces("s3_1_japan_us_dependence_declines_from")
def reproduce_japan_decline_start():
    """The decade of Japan's highest export share to the US up to the paper's year (a year ending in 0)."""
    return decline_facts(JAPAN, PAPER_YEAR)["peak_decade"]


@reproduces("s3_1_japan_us_export_share_after_2010")
def reproduce_japan_after_2010():
    """Japan's highest export share to the US from 2010 to 2019, percent."""
    return after_2010_facts(JAPAN, AFTER_2010_END)["max"]


@reproduces("s3_1_japan_us_fdi_share_of_outward_stock")
def reproduce_japan_fdi_min():
    """The lowest share of Japan's outward stock held in the US up to the paper's year, percent."""
    s = japan_fdi_share()
    s = s[s.index <= PAPER_YEAR]
    return float(s.min()) if len(s) else None


@reproduces("s3_1_japan_us_fdi_share_peak_1990s")
def reproduce_japan_fdi_peak():
    """The highest share of Japan's outward stock held in the US in 1990-1999, percent (None: no data)."""
    s = japan_fdi_share()
    w = s[(s.index >= 1990) & (s.index <= 1999)]
    return float(w.max()) if len(w) else None


@reproduces("s3_1_fn_china_us_export_share_max")
def reproduce_china_max():
    """China's highest export share to the US up to the paper's year, percent."""
    return china_share_peak(PAPER_YEAR)["max"]


@reproduces("s3_1_fn_china_us_export_share_max_year")
def reproduce_china_max_year():
    """The year of China's highest export share to the US up to the paper's year (a year, as a float)."""
    return float(china_share_peak(PAPER_YEAR)["max_year"])
