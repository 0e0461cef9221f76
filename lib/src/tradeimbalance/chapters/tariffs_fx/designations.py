"""The US Treasury's findings on mainland China (table ``currency_designations``): designations and removals."""

from __future__ import annotations

import pandas as pd

from ...data import load


def classify_event(event: str) -> str:
    """The kind of an event (text): ``designation``, ``removal`` or ``corroboration`` (a source confirming a
    range, not an event)."""
    e = str(event).lower()
    if "removed" in e or "removal" in e or "dropped" in e:
        return "removal"
    if "range statement" in e:
        return "corroboration"
    return "designation"


def events() -> pd.DataFrame:
    """The Treasury events with a ``kind`` column (see :func:`classify_event`), sorted by year and date."""
    df = load("currency_designations")
    df["kind"] = [classify_event(e) for e in df["event"]]
    df["year"] = df["year"].astype(int)
    return df.sort_values(["year", "date"], na_position="last").reset_index(drop=True)


def designation_years(ev: pd.DataFrame | None = None) -> list[int]:
    """Years (calendar years) in which the Treasury designated China a currency manipulator."""
    ev = events() if ev is None else ev
    return sorted({int(y) for y in ev.loc[ev["kind"] == "designation", "year"]})


def removal_years(ev: pd.DataFrame | None = None) -> list[int]:
    """Years (calendar years) in which a designation was removed."""
    ev = events() if ev is None else ev
    return sorted({int(y) for y in ev.loc[ev["kind"] == "removal", "year"]})


def episodes(years) -> list[tuple[int, int]]:
    """Runs of consecutive years (first, last), e.g. ``[1992, 1993, 1994, 2019] -> [(1992, 1994), (2019, 2019)]``."""
    out: list[tuple[int, int]] = []
    for y in sorted(set(int(v) for v in years)):
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def events_table(year: int) -> pd.DataFrame:
    """The Treasury events up to ``year`` for display (columns year, date, event, kind, source type; text)."""
    ev = events()
    ev = ev[ev["year"] <= int(year)]
    return ev[["year", "date", "event", "kind", "source_type"]].assign(year=lambda d: d["year"].astype(str))
