"""Chapter "Bilateral imbalances" (paper, section 2.1): Fig. 1 and the growth-rate statements.

The paper (section 2.1) shows China's goods-trade balance with the EU, the US, Japan,
Korea and Australia since 2000 (IMF data, China's own figures) and states that from
2000 to 2019 the surplus with the US grew on average by 13.4% a year, the surplus
with the EU by 14.9% and the deficit with Japan, Korea and Australia by 14.7%.

"Average growth" (平均增速) is not defined in the paper. This module computes the
candidate definitions (compound annual rate, mean of yearly growth rates, mean log
change, and a compound rate over the number of calendar years counted inclusively),
for several endpoints, both EU compositions, China's own and partner-reported (mirror)
data, and the Japan+Korea+Australia deficit either combined or as an average of the
three partners' rates; :func:`.growth.growth_comparison` lays them side by side and
:func:`.growth.matching_definitions` lists those that reproduce all three printed rates.

Modules: :mod:`.series` (China-reported and mirror balances by partner), :mod:`.growth`
(the definitions of average growth), :mod:`.trends` (the widening after 2000 and the years
after the crisis), :mod:`.figures` (Fig. 1), :mod:`.claims` and :mod:`.facts` (the numbers
the prose cites).

Everything is read through :func:`tradeimbalance.load` and :mod:`tradeimbalance.measures`.
"""

CHAPTER = "bilateral"
PAPER_YEAR = 2019
#: First year of Fig. 1 and of the paper's growth period.
START = 2000

#: Partners of Fig. 1, in the order of the CSV: DOTS partner code or aggregate code.
PARTNERS = ["USA", "EU27", "EU28", "JPN", "KOR", "AUS"]
PARTNER_NAMES = {
    "USA": "United States",
    "EU27": "EU27 (without the UK)",
    "EU28": "EU28 (with the UK)",
    "JPN": "Japan",
    "KOR": "Korea",
    "AUS": "Australia",
}
#: Partners shown in the chart of Fig. 1 (the paper's EU is shown in both compositions).
CHART_PARTNERS = ["USA", "EU28", "EU27", "JPN", "KOR", "AUS"]
#: The "upstream" partners whose combined deficit the paper discusses.
JKA = ["JPN", "KOR", "AUS"]

#: Growth definitions compared (method key -> description for the reader).
METHODS = {
    "cagr": "compound annual rate, (end/start)^(1/(end-start)) - 1",
    "mean_yoy": "arithmetic mean of the yearly growth rates",
    "mean_log": "mean log change, ln(end/start)/(end-start)",
    "cagr_inclusive": "compound rate over the calendar years counted inclusively, (end/start)^(1/(end-start+1)) - 1",
}
METHOD_LABELS = {
    "cagr": "Compound annual rate (CAGR)",
    "mean_yoy": "Mean of yearly growth rates",
    "mean_log": "Mean log change",
    "cagr_inclusive": "Compound rate, years counted inclusively",
}
#: Endpoint pairs compared: the stated period and its neighbours.
PERIODS = [(2000, 2019), (2000, 2018), (2001, 2019)]

#: The definition that reproduces the paper's rates (see the chapter for the evidence).
PAPER_METHOD = "cagr_inclusive"
PAPER_PERIOD = (2000, 2018)
PAPER_EU = "EU28"

#: Reported values (paper, section 2.1), used only to mark matches in the comparison tables;
#: the claims read the printed values from paper_reported.
REPORTED_RATES = {"us": 13.4, "eu": 14.9, "jka": 14.7}
RATE_TOLERANCE = 0.05

MIRROR_REPORTER = {"USA": "USA", "EU27": "EU27", "JPN": "JPN", "KOR": "KOR", "AUS": "AUS"}
