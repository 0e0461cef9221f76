"""Introduction: the imbalance in numbers (paper, section 1 and the opening of section 2).

The chapter checks China's 2019 customs goods balance in yuan, the goods balances of China, India and
Brazil as a share of GDP, the US–China WTO disputes of 2002–2019 and the 2018 current account as a
share of GDP. Figure ``intro_surplus_gdp`` compares the three economies' goods balances relative to GDP
over time.

Data: ``macro`` (World Bank WDI), ``bilateral_trade`` (IMF DOTS, China-reported trade with the world),
``bop_china`` (SAFE and the customs figures quoted with it), ``customs_regime`` (China Customs),
``wto_disputes`` and ``us_trade_hs`` (US imports from China, for the tariff claim).

Modules: :mod:`.measures` (goods balances, shares of GDP, balance of payments), :mod:`.disputes` (WTO
cases), :mod:`.figures`, :mod:`.claims` (reproductions of the paper's numbers) and :mod:`.facts` (the
numbers the prose cites).
"""

PAPER_YEAR = 2019
CHAPTER = "intro"
#: The economies of the goods-balance comparison, by code.
COMPARATORS = {"CHN": "China", "IND": "India", "BRA": "Brazil"}
#: The years of the paper's count of WTO disputes (first, last).
DISPUTE_YEARS = (2002, 2019)
