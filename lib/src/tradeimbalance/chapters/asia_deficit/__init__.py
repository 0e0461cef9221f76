"""The US deficit with Asia (paper, section 3.2, first part; Fig. 7).

The paper traces the US merchandise deficit with "Asia" from 1965 and the shares
of Japan and mainland China in it. Everything here uses the United States' own
statistics (IMF DOTS, reporter USA, table ``bilateral_trade``; group members from
``aggregates``): the US deficit with a partner is US imports from it minus US
exports to it, in USD billion.

The paper's footnote defines Asia as "mainland China, Korea, Japan, Malaysia,
Indonesia, Vietnam, Malaysia [sic], Thailand and other economies". Which set of
economies reproduces the paper's numbers is tested systematically
(:func:`.definitions.definition_comparison`, :func:`.search.subset_search`):

- the footnote list plus Taiwan (:func:`tradeimbalance.views.fig7_members`) reproduces the four
  shares that Fig. 7 is about (China 0.85% and Japan 60% in 1983; China 68% and Japan 11% in 2018);
- the first-phase statements (1980 level, Japan's 62%, the 77-fold rise from 1965)
  are reproduced only when Hong Kong is added as well (:func:`tradeimbalance.views.phase1_members`).

No single set reproduces both groups of numbers.

Modules: :mod:`.definitions` (candidate "Asia"s and the paper's targets), :mod:`.search` (the
exhaustive search over sets), :mod:`.measures` (shares, growth, mirror records), :mod:`.figures`
(Fig. 7), :mod:`.claims` (reproductions), :mod:`.facts` (the numbers the prose cites).
"""

CHAPTER = "asia_deficit"
#: The year the paper's statements refer to.
PAPER_YEAR = 2018
#: The reporter whose records the chapter reads.
REPORTER = "USA"
#: First year of Fig. 7's data (DOTS starts in 1960; the paper's story starts in 1965).
FIRST_YEAR = 1960
#: Shares are charted from the first year the US reports trade with mainland China.
SHARES_FROM = 1972
