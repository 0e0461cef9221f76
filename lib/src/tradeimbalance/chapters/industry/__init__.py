"""Industry and tariffs (paper, sections 2.4 and 2.5): trade balances by HS section, the mirror view.

The paper's section 2.4 quotes China Customs figures by HS section and partner
(section XVI, machinery and electrical equipment, chapters 84-85) and section 2.5
draws China's balance with the US by product group before and after the
2018-2019 tariffs (its Fig. 4). China Customs' table by section and partner is
not among the open sources, so this chapter builds the **mirror view**: the
United States' own records of its trade with China,

- China's exports to the US = US imports from China (US Census, imports for
  consumption, customs value; table ``us_trade_hs``), and
- China's imports from the US = US exports to China (US Census, total exports,
  f.a.s.; same table),

with UN Comtrade's US-reported data (imports CIF, table ``comtrade_us_china_hs``)
as a second mirror basis, China's own 2017 imports from the US by chapter
(PIIE / ITC Trade Map, table ``china_imports_from_us_2017``) as a cross-check of
the import side, and China's own records of SITC divisions 71-77 (UN Comtrade,
table ``comtrade_china_sitc``) standing in for section XVI. Values in USD billion
unless a name says otherwise.

Modules: :mod:`.mirror` (the US-reported view by section and the import-side
cross-check), :mod:`.china_side` (China's own records: IMF DOTS totals, SITC
71-77, provinces), :mod:`.sections` (balances by section across the tariff
years), :mod:`.tables` (the chapter's comparison tables), :mod:`.figures`
(Fig. 4), :mod:`.claims` (the reproductions) and :mod:`.facts` (the numbers the
prose cites).
"""

from __future__ import annotations

CHAPTER = "industry"
#: The year of the paper's section 2.4 statements.
PAPER_YEAR = 2018
#: The years of the paper's Fig. 4 (before and after the 2018-2019 tariffs).
FIG4_PAPER_YEARS = (2017, 2018, 2019)
XVI = "XVI"
#: The three sections the paper names as China's largest exports to the US (footnote 1 of section 2).
PAPER_TOP_SECTIONS = ("XVI", "XX", "XI")
#: Sections whose balance is at least this large (USD bn, absolute) count as clearly in surplus or deficit.
SIGN_THRESHOLD_BN = 1.0
#: The tariff table lists sections whose balance reaches this size (USD bn, absolute) in some year.
TABLE_THRESHOLD_BN = 10.0
SECTION_ORDER = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                 "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII"]
#: Short English names of the HS sections (XXII: special classification provisions, national chapters 98-99).
SECTION_NAMES = {
    "I": "Live animals, animal products",
    "II": "Vegetable products",
    "III": "Fats and oils",
    "IV": "Prepared foodstuffs, beverages, tobacco",
    "V": "Mineral products",
    "VI": "Chemical products",
    "VII": "Plastics and rubber",
    "VIII": "Hides, leather, travel goods",
    "IX": "Wood and articles of wood",
    "X": "Pulp, paper, printed matter",
    "XI": "Textiles and textile articles",
    "XII": "Footwear, headgear, umbrellas",
    "XIII": "Stone, ceramic and glass articles",
    "XIV": "Pearls, precious metals, jewellery",
    "XV": "Base metals and articles",
    "XVI": "Machinery, electrical equipment",
    "XVII": "Vehicles, aircraft, vessels",
    "XVIII": "Optical, medical instruments, clocks",
    "XIX": "Arms and ammunition",
    "XX": "Miscellaneous manufactures (furniture, toys)",
    "XXI": "Works of art, antiques",
    "XXII": "Special provisions (chapters 98-99)",
}
BASIS_CENSUS = "US-reported mirror (US Census: imports for consumption; total exports)"
BASIS_CHINA_SITC = (
    "China-reported (UN Comtrade, China as reporter): SITC Rev. 4 divisions 71-77, machinery and electrical "
    "equipment, standing in for HS section XVI"
)
#: Largest relative gap allowed between SITC 71-77 and HS 84-85 for the same flow. Measured where both views of
#: China's own records overlap (2017 imports from the US: SITC 71-77 from UN Comtrade, HS 84-85 from ITC Trade Map
#: via PIIE); :func:`.china_side.sitc_hs_gap` computes it and a test keeps it below this bound.
SITC_HS_PRECISION = 0.035

#: Fig. 4 draws the sections with the largest balances one by one and sums the rest.
FIG4_TOP_N = 8
FIG4_OTHER = "other"
VIEW_MIRROR = "US records (mirror)"
VIEW_CHINA = "China's records (SITC 71-77)"
FIG4_COLUMNS = ["year", "view", "hs_section", "section_name", "china_exports_usd_bn", "china_imports_usd_bn",
                "china_balance_usd_bn", "basis"]
