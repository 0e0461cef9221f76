"""Readers of the raw sources, one module per source format.

Each reader takes the raw folder (``paths.raw_dir()`` by default, holding one
sub-folder per source with its ``SOURCE.md``) and returns one tidy table as a
DataFrame whose columns match the table's descriptor in
``reference/tables.yaml``. :data:`READERS` lists them in build order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from .. import paths
from ..refresh import sources as api
from . import bea, census, comtrade, comtrade_sitc, customs, disputes, dots, nbs, piie, reference_tables, safe, treasury, unctad, wdi, wikipedia

#: table name -> reader(raw_dir) -> DataFrame
READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "bilateral_trade": dots.read,
    "partners": lambda raw: dots.partners(),
    "aggregates": lambda raw: reference_tables.aggregates(),
    "macro": wdi.read,
    "gdp_vintages": lambda raw: reference_tables.gdp_vintages(),
    "bop_china": safe.read,
    "customs_regime": customs.read_regimes,
    "customs_regime_enterprise": customs.read_enterprise,
    "trade_mode_points": customs.read_points,
    "province_trade_totals": nbs.read,
    "us_trade_hs": census.read,
    "comtrade_us_china_hs": comtrade.read,
    "china_bilateral_secondary": wikipedia.read,
    "china_imports_from_us_2017": piie.read,
    "comtrade_china_sitc": comtrade_sitc.read,
    "fdi_positions": bea.read,
    "fdi_stock_unctad": unctad.read,
    "wto_disputes": disputes.read,
    "currency_designations": treasury.read,
    "imts_trade": lambda raw: api.read_table("imts", paths.snapshot_dir()),
    "wdi_api": lambda raw: api.read_table("wdi", paths.snapshot_dir()),
    "comtrade_china_hs": lambda raw: api.read_table("comtrade", paths.snapshot_dir()),
    "census_us_trade": lambda raw: api.read_table("census", paths.snapshot_dir()),
    "paper_reported": lambda raw: reference_tables.paper_reported(),
    "paper_table1": lambda raw: reference_tables.paper_table1(),
}

__all__ = ["READERS"]
