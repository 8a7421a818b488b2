"""One ``money.split`` of a big pool among N and 10 × N weights (issue 18): its growth, without the rest of ciclope.

usage: python bench/split.py [--small 3000] [--large 30000] [--repeat 7]

The weights are as in the synthetic enti: a score with two decimals (60.00–100.00) times an fte (1, 0.5, 0.83),
the rank is the negated score (ties at the last cent by score, then id: rules/core.md §4). Before each split the
processor's caches are evicted (``scaling.evict``); the best of ``--repeat`` is printed per size, with the ratio.
"""

from __future__ import annotations

import argparse
import random
import time
from decimal import Decimal

from scaling import evict


def seconds(n: int, repeat: int, rng: random.Random) -> float:
    from ciclope.core.money import split

    ids = [f"D{i:06d}" for i in range(n)]
    scores = {k: Decimal(rng.randint(6000, 10000)) / 100 for k in ids}
    weights = {k: scores[k] * Decimal(rng.choice(["1", "1", "1", "0.5", "0.83"])) for k in ids}
    rank = {k: -scores[k] for k in ids}
    best = float("inf")
    for _ in range(repeat):
        evict()
        start = time.perf_counter()
        split(Decimal("1234567.89"), weights, rank=rank)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=3000)
    ap.add_argument("--large", type=int, default=30000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(1)
    small, large = seconds(args.small, args.repeat, rng), seconds(args.large, args.repeat, rng)
    print(
        f"split di {args.small} pesi: {small * 1000:.2f} ms; di {args.large}: {large * 1000:.2f} ms; {large / small:.1f}×"
    )


if __name__ == "__main__":
    main()
