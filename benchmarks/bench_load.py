"""Time to load every table of data/ through tradeimbalance.data.load (target: under 0.5 s).

Run ``python benchmarks/bench_load.py``. Each repetition clears the loader's
cache first, so every table is read from its CSV with its declared dtypes; the
best and the median of the repetitions are printed, with the slowest tables.
A second line shows a cached load (what chapters pay after the first call).
"""

from __future__ import annotations

import statistics
import sys
import time

TARGET_S = 0.5
REPEAT = 5


def main() -> int:
    from tradeimbalance import data

    names = data.list_tables()
    runs, per_table = [], {n: [] for n in names}
    for _ in range(REPEAT):
        data.clear_cache()
        t0 = time.perf_counter()
        for n in names:
            t = time.perf_counter()
            data.load(n)
            per_table[n].append(time.perf_counter() - t)
        runs.append(time.perf_counter() - t0)
    t = time.perf_counter()
    for n in names:
        data.load(n)
    cached = time.perf_counter() - t
    best, median = min(runs), statistics.median(runs)
    rows = sum(len(data.load(n)) for n in names)
    slow = sorted(names, key=lambda n: -min(per_table[n]))[:3]
    print(f"load all {len(names)} tables ({rows:,} rows): best {best:.3f} s, median {median:.3f} s "
          f"over {REPEAT} cold runs (target < {TARGET_S} s) {'OK' if best < TARGET_S else 'SLOW'}")
    print("  slowest: " + ", ".join(f"{n} {min(per_table[n]):.3f} s" for n in slow))
    print(f"load all tables again (cached copies): {cached:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
