"""One package per chapter: its computations, figures and the reproductions of the claims it checks.

Nothing here registers itself: :mod:`tradeimbalance.catalog` imports the chapter packages and collects
their figures and claim reproductions. No chapter imports another; views several chapters read live in
:mod:`tradeimbalance.views`.
"""
