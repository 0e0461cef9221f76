"""Chapter "Asymmetric investment" (paper, section 3.1(1)): US and Chinese direct investment in each other.

The paper argues that the US-China investment relationship is asymmetric (非对称投资关系): US firms serve
the Chinese market through affiliates in China (market-seeking investment, 市场寻求型投资), whose sales are
not US exports, while Chinese firms serve the US mainly by exporting. Its Fig. 5 shows the two
direct-investment positions since 1980, and the text states that over 2010-2018 the US position in China
was 7.8 times China's position in the US.

Data (all through :func:`tradeimbalance.load`):

- ``fdi_positions``: the US position in China (BEA, US direct investment abroad, historical cost) and China's
  position in the US (BEA, foreign direct investment in the US, historical cost, by country of the
  *immediate* foreign parent), plus China's own outward statistics (MOFCOM) as a cross-check.

Modules: :mod:`.positions` (the two positions and what the data say about the start years),
:mod:`.ratio` (the two readings of the "7.8 times"), :mod:`.pace` (mean yearly increases and break
years), :mod:`.figures` (Fig. 5), :mod:`.claims` (the reproductions), :mod:`.facts` (the numbers
the prose cites).
"""

CHAPTER = "investment"
#: The year the paper's section 3.1 refers to.
PAPER_YEAR = 2018
#: First year of the paper's Fig. 5.
FIRST_YEAR = 1980
#: The window of the paper's "7.8 times" statement.
RATIO_START, RATIO_END = 2010, 2018
#: Years the paper gives for the start of each direction of investment (as reported, section 3.1).
PAPER_START_US_IN_CHINA, PAPER_START_CHINA_IN_US = 1982, 2002

#: Bases of China's position other than BEA's immediate parent: the ultimate owner (UBO) and MOFCOM's outward statistics.
UBO_BASES = ("ultimate_owner", "ubo")
MOFCOM_BASES = ("mofcom_outward",)

US, CHINA = "USA", "CHN"

#: The paper's breakpoints for the pace statements: periods before, between and after them.
PACE_PERIODS = ((2008, 2010), (2010, 2016), (2016, 2018))
#: Shortest segment (in yearly steps) on either side of a break year.
MIN_SEGMENT_YEARS = 2
