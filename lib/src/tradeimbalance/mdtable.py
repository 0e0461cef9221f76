"""A DataFrame as a MyST (pipe) table: typeset alike in the HTML and the PDF."""

from __future__ import annotations

import pandas as pd

from . import fmt as _fmt
from .escape import markdown_text_names_as_code


def table_markdown(df: pd.DataFrame, floatfmt: str = ",.1f") -> str:
    """A MyST (pipe) table for ``df``; missing cells are shown as an em dash, text cells and headers escaped
    (table, column and file names in them, written as code spans or as bare names, are set as code)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = [(_fmt.MISSING if pd.isna(v) else format(float(v), floatfmt)) for v in out[col]]
        else:
            out[col] = [(_fmt.MISSING if (v is None or (not isinstance(v, str) and pd.isna(v))) else markdown_text_names_as_code(v)) for v in out[col]]
    header = "| " + " | ".join(markdown_text_names_as_code(c) for c in out.columns) + " |"
    align = "| " + " | ".join("---:" if pd.api.types.is_numeric_dtype(df[c]) else ":---" for c in df.columns) + " |"
    rows = ["| " + " | ".join(row) + " |" for row in out.astype(str).itertuples(index=False)]
    return "\n".join([header, align, *rows])
