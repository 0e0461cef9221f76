"""The exhaustive search: every set of mainland China + Japan + a subset of other Asian economies,
scored against the paper's targets (:data:`.definitions.TARGETS`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...data import view_cache
from ...views import us_deficits
from .definitions import TARGETS

#: Economies that may be added to mainland China and Japan in the exhaustive search.
SEARCH_POOL = ["KOR", "TWN", "HKG", "SGP", "MYS", "IDN", "THA", "VNM", "PHL", "IND",
               "MAC", "BRN", "KHM", "LAO", "MMR", "BGD", "PAK", "LKA"]


def subset_search(pool=SEARCH_POOL, top: int = 8) -> pd.DataFrame:
    """Every set of mainland China + Japan + a subset of ``pool`` (2^18 sets), scored against :data:`TARGETS`.

    Returns the ``top`` sets by number of targets matched (a count), then by fewest members, then by the
    sum of errors in units of each target's tolerance; the statistics are in the units of
    :func:`.definitions.definition_values`. Also returns, in ``attrs['max_matched']``, ``attrs['n_sets']``
    and ``attrs['n_max']``, the best count, the number of sets tried and the number of sets reaching the best
    count. Computed once per process.
    """
    return _subset_search(tuple(pool), int(top))


@view_cache
def _subset_search(pool: tuple[str, ...], top: int) -> pd.DataFrame:
    d = us_deficits()
    years = [1965, 1980, 1983, 2018]
    core = d.loc[years, ["JPN", "CHN"]].fillna(0.0).sum(axis=1).to_numpy()
    m = d.loc[years, list(pool)].fillna(0.0).to_numpy().T  # n x 4
    n = len(pool)
    idx = np.arange(2 ** n, dtype=np.int64)
    # Set i holds pool[j] when bit j of i is set. Doubling builds every set's totals and size without a
    # 2^n x n membership matrix: the sets 2^j .. 2^(j+1)-1 are the sets before them with pool[j] added.
    tot, size = core[None, :], np.zeros(1, dtype=np.int64)
    for j in range(n):
        tot, size = np.concatenate([tot, tot + m[j]]), np.concatenate([size, size + 1])
    jp, cn = d.loc[years, "JPN"].to_numpy(), d.loc[years, "CHN"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        stats = {
            "deficit_1980_100m": tot[:, 1] * 10.0,
            "japan_share_1980": 100 * jp[1] / tot[:, 1],
            "rise_1965_1980": tot[:, 1] / tot[:, 0] - 1.0,
            "china_share_1983": 100 * cn[2] / tot[:, 2],
            "japan_share_1983": 100 * jp[2] / tot[:, 2],
            "china_share_2018": 100 * cn[3] / tot[:, 3],
            "japan_share_2018": 100 * jp[3] / tot[:, 3],
        }
    matched = np.zeros(len(idx), dtype=int)
    err = np.zeros(len(idx))
    for t in TARGETS:
        e = np.abs(stats[t.key] - t.value) / t.tolerance
        e = np.where(np.isfinite(e), e, 1e6)
        matched += e <= 1 + 1e-9
        err += np.minimum(e, 100)
    order = np.lexsort((err, size, -matched))[:top]
    out = pd.DataFrame({
        "added to China and Japan": [", ".join(pool[j] for j in range(n) if (i >> j) & 1) or "(none)" for i in order],
        **{t.key: stats[t.key][order] for t in TARGETS},
        "matched": pd.array(matched[order], dtype="Int64"),
    })
    out.attrs["max_matched"] = int(matched.max())
    out.attrs["n_sets"] = int(len(idx))
    out.attrs["n_max"] = int((matched == matched.max()).sum())
    return out
