"""One module per chapter: its measures, figure builders and the claims it reproduces.

Modules here are imported by :func:`tradeimbalance.figures.load_chapter_modules`
and :func:`tradeimbalance.claims.load_all`, which register their figures and claims.
"""
