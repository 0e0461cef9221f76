"""Tariffs and exchange rates (paper, section 3.2, last paragraph).

The paper argues that tariffs and pressure on partners' exchange rates never
changed the US imbalance: the US trade sector swung from surplus to deficit in
the late 1970s, the United States then targeted Asian exchange rates, and
mainland China was named a "currency manipulator" for the first time in
1992-1994, yet the US deficit with Asia kept growing.

This chapter reads the US Treasury designations (``currency_designations``) and
the United States' own trade records (IMF DOTS, reporter USA) and shows what the
US balance with the World, with Asia and with mainland China did before and after
each designation. A balance is US exports minus US imports (negative = deficit).

Modules: :mod:`.designations` (the Treasury events and the designation years),
:mod:`.balances` (the US balances, the turn to deficit, the balances around each
designation), :mod:`.figures` (the balance figure), :mod:`.claims` (the
reproductions) and :mod:`.facts` (the numbers the prose cites).
"""

from __future__ import annotations

CHAPTER = "tariffs_fx"
#: The year of the paper's data.
PAPER_YEAR = 2018
#: The first year of the balance figure.
FIRST_YEAR = 1960

#: Partners of the balance figure: column suffix -> (label, DOTS code or 'ASIA').
PARTNERS = {
    "world": ("World", "WLD"),
    "asia": ("Asia (footnote list plus Taiwan)", "ASIA"),
    "china": ("Mainland China", "CHN"),
}

#: The columns of the balance figure's data (balances in USD bn).
FIG_COLUMNS = ["year", "us_balance_world_usd_bn", "us_balance_asia_usd_bn", "us_balance_china_usd_bn",
               "china_designated"]
