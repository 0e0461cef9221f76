"""Reproductions of the claims of section 3.2, last paragraph (declared in ``reference/claims/s3_2.yaml``)."""

from __future__ import annotations

from ...claims import reproduces
from . import PAPER_YEAR
from .balances import turn_to_deficit
from .designations import designation_years, episodes


@reproduces("s3_2_currency_manipulator_first")
def first_designation() -> float:
    """The first year (calendar year) the US Treasury designated China a currency manipulator."""
    return float(designation_years()[0])


@reproduces("s3_2_currency_manipulator_last")
def last_designation_of_first_episode() -> float:
    """The last year (calendar year) of the first run of designation years."""
    return float(episodes(designation_years())[0][1])


@reproduces("s3_2_us_trade_turns_to_deficit")
def turn_to_deficit_decade() -> float | None:
    """The decade (its first year, e.g. 1970.0) in which the US balance with the World turned to lasting deficit."""
    start = turn_to_deficit(PAPER_YEAR)["run_start"]
    return None if start is None else float(start // 10 * 10)
