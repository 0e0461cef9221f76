"""The chapter's source labels, with the releases read from the data descriptor (``data/datapackage.json``).

A label names a source and its release; the release (vintage, years covered) is read from the
descriptor, never typed here. The labels are text: they appear in figure sources and in the
``source`` column of the US-side series.
"""

from __future__ import annotations

import re

from ...data import resource, vintage
from ...views import wdi_vintage


def dots_source() -> str:
    """The DOTS label, e.g. ``"IMF, Direction of Trade Statistics (vintage early 2022, data to 2020)"`` (text).

    Built from the descriptor's statement of the release of ``bilateral_trade``
    (``"IMF Direction of Trade Statistics, vintage early 2022 (data to 2020)"``).
    """
    name, release = vintage("bilateral_trade").split(", ", 1)
    publisher, title = name.split(" ", 1)
    return f"{publisher}, {title} ({release.replace(' (', ', ').rstrip(')')})"


def comtrade_source() -> str:
    """The UN Comtrade label with the release and the last year of ``comtrade_us_china_hs`` (text)."""
    res = resource("comtrade_us_china_hs")
    release = next(m.group(1) for s in res["sources"] if (m := re.search(r"Comtrade as of (\w+ \d{4})", s["title"])))
    last = re.search(r"(\d{4})-(\d{4})", res["title"]).group(2)
    return f"UN Comtrade, United States as reporter (vintage {release}; {last} is the first annual release)"


DOTS_SOURCE = dots_source()
COMTRADE_SOURCE = comtrade_source()
WDI_VINTAGE = wdi_vintage()

#: Where the missing China-reported years would come from.
FILL_CHINA = ("China Customs (GACC) monthly bulletin, 'Imports and exports by country (region)', December issues, "
              "or IMF IMTS with China as reporter (`tradeimbalance refresh`)")
#: Where the missing US-reported years by partner would come from.
FILL_US_PARTNERS = ("US Census Bureau international trade API (imports by country), or IMF IMTS with the United "
                    "States as reporter (`tradeimbalance refresh`)")
#: Where the missing full-year tables by customs regime would come from.
FILL_PROCESSING = "China Customs monthly bulletin, 'Imports and Exports by Customs Regime', December issues"
#: Where the World Bank series come from.
FILL_WDI = "World Bank WDI (TX/TM.VAL.MRCH.CD.WT)"
