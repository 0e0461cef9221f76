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

from . import dots, reference_tables, wdi

#: table name -> reader(raw_dir) -> DataFrame
READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "bilateral_trade": dots.read,
    "partners": lambda raw: dots.partners(),
    "aggregates": lambda raw: reference_tables.aggregates(),
    "macro": wdi.read,
}

__all__ = ["READERS"]
