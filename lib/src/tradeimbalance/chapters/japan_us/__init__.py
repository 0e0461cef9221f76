"""Chapter "Japan, Korea and the United States" (paper, section 3.1(2)).

The paper argues that a more symmetric investment relationship eased Japan's (and Korea's) trade imbalance
with the United States: Japanese direct investment in the US replaced part of Japan's exports to it. Its
Fig. 6 shows Japan's and Korea's export shares to the US and the share of Japan's outward direct-investment
stock that is in the US.

Data (all through :func:`tradeimbalance.load`):

- ``bilateral_trade`` (IMF DOTS, reporter's own figures): exports of Japan, Korea and China to the US and to
  the world;
- ``fdi_positions``: Japan's direct-investment position in the US (BEA, historical cost, immediate parent);
- ``fdi_stock_unctad``: Japan's total outward direct-investment stock (UNCTAD).

Modules: :mod:`.export_shares` (export shares to the US and their decade, peak and trend),
:mod:`.fdi_shares` (Japan's position in the US as a share of its outward stock), :mod:`.figures`
(Fig. 6), :mod:`.claims` (reproductions), :mod:`.facts` (the numbers the prose cites).
"""

CHAPTER = "japan_us"
#: The year the paper's section 3.1 refers to.
PAPER_YEAR = 2018
#: First year of Fig. 6.
FIRST_YEAR = 1980
#: The paper's "1980s": the yearly shares of 1980-1989 are averaged (arithmetic mean).
DECADE_1980S = (1980, 1989)
#: "After 2010": the years 2010 to 2019 (the period of the statement in paper_reported; the paper's
#: trade data run to 2019). The highest share is the same if the period ends in 2018.
AFTER_2010_START, AFTER_2010_END = 2010, 2019

JAPAN, KOREA, CHINA, US, WORLD = "JPN", "KOR", "CHN", "USA", "WLD"
