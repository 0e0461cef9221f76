"""The numbers the chapter's prose cites, by the names it cites them (glued as ``tariffs_fx_<name>``)."""

from __future__ import annotations

from ...facts import Fact, fact, reported
from .balances import last_year, turn_to_deficit
from .designations import designation_years, episodes


def facts(year: int) -> list[Fact]:
    """Every number the prose cites for ``year``: the turn of the US balance with the World to lasting deficit
    (calendar years; balances in USD bn) up to ``year`` or the end of the data, the first run of designation
    years (calendar years), and the paper's dates (*as reported*, calendar years)."""
    t = turn_to_deficit(min(int(year), last_year()))
    eps = episodes(designation_years())
    return [
        fact("first_deficit", t["first_deficit"], "year"),
        fact("run_start", t["run_start"], "year"),
        fact("last_surplus", t["last_surplus"], "year"),
        fact("bal_last_surplus", t["balance_last_surplus"], "usd_bn"),
        fact("bal_run_start", t["balance_run_start"], "usd_bn"),
        fact("run_start_plus2", None if t["run_start"] is None else t["run_start"] + 2, "year"),
        fact("bal_run_start_plus2", t["balance_run_start_plus2"], "usd_bn"),
        fact("ep1_start", eps[0][0], "year"),
        fact("ep1_end", eps[0][1], "year"),
        reported("rep_first", "s3_2_currency_manipulator_first", "year"),
        reported("rep_last", "s3_2_currency_manipulator_last", "year"),
    ]
