"""Policy implications (paper, section 4), and what the data after 2019 say about them.

The paper draws two implications:

1. as inward FDI turns from export platforms to serving China's own market, and
   processing trade gives way to ordinary trade, China's surpluses with the EU and
   the US will shrink; labour-intensive assembly will move on to Southeast and South
   Asia (Vietnam, Thailand, Cambodia, Bangladesh), taking part of the US and EU
   deficits with it, as China once took over from Japan and Korea;
2. China should seek a balanced two-way investment relationship with the EU and the US.

Section 4 prints no numbers, so there is nothing to reproduce (the chapter has no
``claims`` module); the chapter ties each implication to the evidence chapters and, in
a separate extension, shows what the data after the paper's year (2019) say.

Data: ``bilateral_trade`` (IMF DOTS), ``aggregates``, ``macro`` (World Bank WDI),
``bop_china`` (SAFE), ``customs_regime`` (China Customs), ``fdi_positions`` (BEA),
``comtrade_us_china_hs`` (UN Comtrade), and, where present, ``imts_trade`` (IMF IMTS)
and ``china_bilateral_secondary`` (secondary tables quoting China Customs).

Modules: :mod:`.sources` (source labels read from the data descriptor), :mod:`.measures`
(balances, processing shares, investment positions), :mod:`.latest` (every year after
2019, from every source), :mod:`.figures` (the four figures) and :mod:`.facts` (the
numbers the prose cites).
"""

CHAPTER = "policy"
PAPER_YEAR = 2019
#: First year of the context shown in the extension figures (the paper's Fig. 1 also starts in 2000).
START = 2000
#: First year of the figure on US and EU imports from China and its successors.
SHIFT_START = 2010
#: The claim-id prefix of the paper's section 4.
SECTION_PREFIX = "s4_"

#: The economies the paper expects to take over labour-intensive assembly (section 4).
SUCCESSORS = ["VNM", "THA", "KHM", "BGD"]
#: How the chapter names the economies it shows.
NAMES = {
    "CHN": "Mainland China", "VNM": "Vietnam", "THA": "Thailand", "KHM": "Cambodia", "BGD": "Bangladesh",
    "USA": "United States", "EU27": "EU27", "EU28": "EU28", "WLD": "World",
}
