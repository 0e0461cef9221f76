"""Export shares to the US (exports to the US over exports to the world, percent), as each reporter
reports them to the IMF (DOTS, exports FOB), and their 1980s mean, peak, trend and latest values."""

from __future__ import annotations

import math

import pandas as pd

from ...data import view_cache
from ... import measures
from . import AFTER_2010_END, AFTER_2010_START, CHINA, DECADE_1980S, FIRST_YEAR, JAPAN, KOREA, PAPER_YEAR, US, WORLD


@view_cache
def exports_to(reporter: str, partner: str) -> pd.Series:
    """``reporter``'s exports to ``partner`` as the reporter reports them (IMF DOTS), USD million, by year."""
    rows = measures.reporter_rows(reporter)
    sel = rows[(rows["partner"] == partner) & (rows["flow"] == "exports")]
    s = pd.Series(sel["value_usd_mn"].astype("float64").to_numpy(), index=sel["year"].astype(int).to_numpy())
    s.index.name = "year"
    return s.sort_index()


def export_share_to_us(reporter: str) -> pd.Series:
    """Exports to the US as a percentage of exports to the world, by year (reporter's own DOTS figures)."""
    us, world = exports_to(reporter, US), exports_to(reporter, WORLD)
    years = us.index.intersection(world.index)
    s = measures.share(us.loc[years], world.loc[years]).dropna()
    s.name = f"{reporter}_exports_to_us_share_pct"
    return s


def decade_mean(share: pd.Series, start: int = DECADE_1980S[0], end: int = DECADE_1980S[1]) -> float:
    """Arithmetic mean of the yearly shares over ``start..end`` (percent; NaN unless every year is present)."""
    window = share.reindex(range(start, end + 1))
    return math.nan if window.isna().any() else float(window.mean())


def decade_facts(reporter: str) -> dict:
    """1980s facts: mean of yearly shares 1980-1989, the endpoint years, the lowest and highest year
    (shares in percent, years as calendar years)."""
    s = export_share_to_us(reporter)
    w = s.reindex(range(DECADE_1980S[0], DECADE_1980S[1] + 1))
    return {
        "mean": decade_mean(s),
        "first": float(w.iloc[0]),
        "last": float(w.iloc[-1]),
        "min": float(w.min()), "min_year": int(w.idxmin()),
        "max": float(w.max()), "max_year": int(w.idxmax()),
    }


def peak(share: pd.Series, start: int, end: int) -> tuple[float, int]:
    """Highest share within ``start..end`` (in the unit of ``share``) and its year."""
    w = share[(share.index >= start) & (share.index <= end)].dropna()
    return float(w.max()), int(w.idxmax())


def after_2010_facts(reporter: str = JAPAN, end: int = AFTER_2010_END) -> dict:
    """Shares from 2010 to ``end`` (percent): highest (and its year), mean, and the years at or above 20%."""
    s = export_share_to_us(reporter)
    w = s[(s.index >= AFTER_2010_START) & (s.index <= end)]
    return {
        "max": float(w.max()), "max_year": int(w.idxmax()),
        "mean": float(w.mean()),
        "years_at_or_above_20": [int(y) for y in w.index[w >= 20]],
        "start": AFTER_2010_START, "end": int(w.index.max()),
    }


def decline_facts(reporter: str = JAPAN, end: int = PAPER_YEAR) -> dict:
    """Where the decline of the export share to the US starts and how steep it is.

    The start is the year of the highest share (percent) from 1980 to ``end``; the trend is the least-squares
    slope of the yearly share on the year from that peak to ``end`` (percentage points a year).
    """
    s = export_share_to_us(reporter)
    s = s[(s.index >= FIRST_YEAR) & (s.index <= end)].dropna()
    peak_year = int(s.idxmax())
    after = s[s.index >= peak_year]
    x = pd.Series(after.index, dtype="float64")
    y = pd.Series(after.to_numpy(), dtype="float64")
    slope = float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()) if len(after) > 1 else math.nan
    return {
        "peak": float(s.max()), "peak_year": peak_year, "peak_decade": peak_year // 10 * 10,
        "slope_pp_per_year": slope, "end": int(after.index.max()), "end_share": float(after.iloc[-1]),
    }


def china_share_peak(end: int = PAPER_YEAR) -> dict:
    """China's exports to the US / to the world (China-reported DOTS, percent): the highest share up to ``end``,
    its year, the runner-up, and the share in 2002 (the year the paper names)."""
    s = export_share_to_us(CHINA)
    s = s[s.index <= end]
    ordered = s.sort_values(ascending=False)
    return {
        "max": float(ordered.iloc[0]), "max_year": int(ordered.index[0]),
        "second": float(ordered.iloc[1]), "second_year": int(ordered.index[1]),
        "share_2002": float(s.get(2002, math.nan)),
        "first_year": int(s.index.min()),
    }


DECADE_COLUMNS = ["exporter", "mean of yearly shares 1980–1989 (%)", "1980 (%)", "1989 (%)", "lowest (%)",
                  "lowest in", "highest (%)", "highest in"]


def decade_table() -> pd.DataFrame:
    """The 1980s export shares to the US of Japan and Korea (percent): mean of the yearly shares, endpoints, range."""
    rows = []
    for name, code in (("Japan", JAPAN), ("Korea", KOREA)):
        f = decade_facts(code)
        rows.append({
            "exporter": name,
            "mean of yearly shares 1980–1989 (%)": f["mean"],
            "1980 (%)": f["first"], "1989 (%)": f["last"],
            "lowest (%)": f["min"], "lowest in": str(f["min_year"]),
            "highest (%)": f["max"], "highest in": str(f["max_year"]),
        })
    return pd.DataFrame(rows, columns=DECADE_COLUMNS)


def share_in(reporter: str, year: int) -> float | None:
    """``reporter``'s export share to the US in ``year``, percent (None where DOTS has no value)."""
    v = export_share_to_us(reporter).get(int(year), math.nan)
    return None if pd.isna(v) else float(v)


def last_share(reporter: str, year: int) -> tuple[float | None, int | None]:
    """The latest export share to the US up to ``year`` (percent) and its year."""
    s = export_share_to_us(reporter)
    s = s[s.index <= int(year)]
    return (float(s.iloc[-1]), int(s.index[-1])) if len(s) else (None, None)
