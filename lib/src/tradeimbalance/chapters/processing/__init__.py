"""Processing trade (paper, section 2.3): ordinary vs processing trade and China's surplus.

The paper splits China's goods surplus by trade mode (its Fig. 3): net exports of
ordinary trade (一般贸易) and of processing trade (加工贸易). Two definitions of
"processing trade" are in use:

``customs``
    China Customs' definition: the two processing regimes, processing and
    assembling with supplied materials (来料加工装配贸易) plus processing with
    imported materials (进料加工贸易).
``non_ordinary``
    Everything that is not ordinary trade: total minus ordinary trade. Besides
    the two processing regimes this holds bonded-area logistics, customs
    warehousing, border trade, equipment imported by foreign-invested
    enterprises and the other regimes.

The paper's 2018 numbers (19,481 of 46,224, 42 %; a 36 % / 64 % split of the
surplus) and the identity it states for Fig. 3 (surplus = ordinary + processing
net exports) hold only for ``non_ordinary``; :func:`.measures.definition_table` shows both.

Modules: :mod:`.definitions` (the definitions on plain numbers and on the customs-regime
table), :mod:`.points` (the secondary points), :mod:`.measures` (the comparison of
definitions, the processing share over time, net exports by trade mode), :mod:`.figures`,
:mod:`.claims` and :mod:`.facts` (the numbers the prose cites).

Data: ``customs_regime`` (GACC table by customs regime: 2019 published, 2018
derived from the 2019 year-on-year changes) and ``trade_mode_points`` (scattered
secondary values 1982-2017). Values are in USD 100 million (亿美元, the paper's
unit) unless a name says otherwise.
"""

PAPER_YEAR = 2018
CHAPTER = "processing"
#: The paper's Fig. 3 covers the years "since 2000".
FIG3_FIRST_YEAR = 2000
#: The year the paper calls the historical peak of the processing share.
PEAK_YEAR = 2005

ORDINARY = "ordinary"
CUSTOMS = "customs"
NON_ORDINARY = "non_ordinary"
TOTAL = "total"
DEFINITION_LABELS = {
    TOTAL: "Total trade",
    ORDINARY: "Ordinary trade (一般贸易)",
    CUSTOMS: "Processing trade, customs definition (来料加工装配 + 进料加工)",
    NON_ORDINARY: "All non-ordinary trade (total − ordinary), the paper's definition",
}
SHORT_LABELS = {
    ORDINARY: "Ordinary trade",
    CUSTOMS: "Processing trade (customs definition)",
    NON_ORDINARY: "All non-ordinary trade (paper's definition)",
}
TABLE_LABELS = {ORDINARY: "Ordinary", CUSTOMS: "Processing (customs)", NON_ORDINARY: "Non-ordinary (paper)"}
BASIS_SECONDARY = "secondary points"
BASIS_SECONDARY_DERIVED = "secondary points (trade values derived from the next year's growth)"
BASIS_PUBLISHED = "GACC regime table, as published"
BASIS_DERIVED = "GACC regime table, derived from the next year's y/y changes"
TABLE_BASIS = {BASIS_SECONDARY: "news reports", BASIS_SECONDARY_DERIVED: "news reports, partly derived",
               BASIS_PUBLISHED: "customs table", BASIS_DERIVED: "customs table, derived"}
#: The official table that would fill the missing years of Fig. 3.
MISSING_TABLE = (
    "China Customs statistics, reproduced in the China Statistical Yearbook (National Bureau of Statistics), "
    "table \"Total Value of Imports and Exports by Trade Mode\" (exports and imports of ordinary and processing "
    "trade), 2000–2017"
)
REGIME_SOURCE = (
    "General Administration of Customs of China (GACC), \"(5) Imports and Exports by Customs Regime, 12. 2019\" "
    "(2019 as published; 2018 derived from the printed year-on-year changes)"
)
