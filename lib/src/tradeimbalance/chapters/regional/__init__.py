"""Chapter "Regional imbalances" (paper, section 2.2): Fig. 2, Table 1 and the top-nine share.

The paper (section 2.2) describes the trade balances of China's nine largest trading
provinces in 2018 (Fig. 2) and, in Table 1, each province's balance in total and with
the EU+US, Asia and Japan+Korea, computed by the author from China Customs data.

Open data here hold only *total* trade (exports plus imports together) by province
(NBS, 2016-2024, table ``province_trade_totals``). Provincial balances therefore exist
only as the paper reports them (table ``paper_table1``). The package computes:

- :mod:`.measures`: Table 1 as reported, the provincial totals, the share of the nine
  largest provinces in national trade for every year with data, and whether they are the
  paper's nine;
- :mod:`.consistency`: checks on the paper's own reported values (text against Table 1,
  the arithmetic of the text, shares computed from Table 1's columns, the minimum trade
  the table implies, the national total). These check the paper's arithmetic; they are
  not reproductions from open data;
- :mod:`.figures`: Fig. 2, the top-nine share figure and Table 1;
- :mod:`.claims`: the reproductions of section 2.2's statements;
- :mod:`.facts`: the numbers the chapter's prose cites.
"""

CHAPTER = "regional"
PAPER_YEAR = 2018
#: Basis of the provincial totals used for the ranking and the shares: location of the
#: importer/exporter (经营单位所在地), the basis of customs' provincial tables (see the chapter).
BASIS = "location_of_importers_exporters"
OTHER_BASIS = "domestic_destination_source"
BASIS_LABELS = {
    "location_of_importers_exporters": "location of importers/exporters",
    "domestic_destination_source": "domestic destination/source of goods",
}
TOP_N = 9

#: Table 1 columns as registered (USD 100 million, as reported by the paper).
TABLE1_COLUMNS = ["province", "balance_total", "balance_eu_us", "balance_asia", "balance_japan_korea"]

#: Text statements of section 2.2 that quote a Table 1 cell: claim id -> (province code, Table 1 column).
TEXT_TO_TABLE = {
    "s2_2_zhejiang_surplus_2018": ("CN-ZJ", "balance_total"),
    "s2_2_guangdong_surplus_2018_text": ("CN-GD", "balance_total"),
    "s2_2_jiangsu_euus_surplus_2018": ("CN-JS", "balance_eu_us"),
    "s2_2_guangdong_jpkr_balance_2018": ("CN-GD", "balance_japan_korea"),
    "s2_2_jiangsu_jpkr_balance_2018": ("CN-JS", "balance_japan_korea"),
    "s2_2_shanghai_balance_2018": ("CN-SH", "balance_total"),
    "s2_2_beijing_balance_2018": ("CN-BJ", "balance_total"),
    "s2_2_tianjin_balance_2018": ("CN-TJ", "balance_total"),
}
