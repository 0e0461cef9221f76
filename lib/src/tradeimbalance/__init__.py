"""Executable reproduction of Yang Chao (2020), *China's Foreign Trade Imbalance*.

The package holds every piece of logic the book uses: ingest of the raw public
sources into tidy tables (:mod:`tradeimbalance.ingest`, :mod:`tradeimbalance.build`),
loading (:func:`tradeimbalance.load`), measures (:mod:`tradeimbalance.measures`),
chart builders (:mod:`tradeimbalance.charts`), the claims registry
(:mod:`tradeimbalance.claims`) and the command-line interface
(:mod:`tradeimbalance.cli`).
"""

__version__ = "0.1.0"

PAPER_CITATION = (
    "Yang Chao (2020). China's Foreign Trade Imbalance: Structure Features, "
    "Mechanisms and Policy Implications [我国对外贸易失衡的结构特征、形成机制与政策启示]. "
    "National Institute of International Strategy, Chinese Academy of Social Sciences."
)


def load(name: str):
    """Load one tidy table from ``data/`` as a typed DataFrame (see :mod:`tradeimbalance.data`)."""
    from .data import load as _load

    return _load(name)
