"""What a look-up costs in a big ente, apart from ciclope's code (issue 18, docs/performance.md).

usage: python bench/locality.py [--small 3000] [--large 30000] [--pad 2000] [--repeat 5]

Makes ``N`` small slotted objects keyed by an id string in a dict, with ``--pad`` bytes of other data
allocated between two of them (the rest of a person's records), then sums one field of every object
looking each up by id: in the order the objects were made, and in a shuffled order (a graduatoria read
after sorting by score). The processor's caches are evicted before each pass. On the 2-vCPU benchmark
machine: 33 → 42-46 ns per look-up in order (1.3×) and 51-61 → 82-90 ns shuffled (1.5-1.7×) from 3,000 to
30,000 objects: a pass in an order other than memory's costs more per person the bigger the ente, whatever the
code does.
"""

from __future__ import annotations

import argparse
import gc
import random
import time

from scaling import evict


class Item:
    __slots__ = ("id", "value", "text", "number")


def build(n: int, pad: int) -> tuple[dict[str, Item], list]:
    from decimal import Decimal

    items: dict[str, Item] = {}
    other = []  # kept alive: the memory between two items
    for i in range(n):
        item = Item()
        item.id, item.value, item.text, item.number = f"P{i:06d}", Decimal(i) / 7, "x" * 20, i
        items[item.id] = item
        other.append([bytearray(pad)])
    return items, other


def per_lookup(n: int, pad: int, repeat: int) -> dict[str, float]:
    items, _other = build(n, pad)
    in_order = list(items)
    shuffled = in_order[:]
    random.Random(1).shuffle(shuffled)
    best = {"in order": float("inf"), "shuffled": float("inf")}
    for _ in range(repeat):
        for name, keys in (("in order", in_order), ("shuffled", shuffled)):
            evict()
            start = time.perf_counter()
            total = 0
            for k in keys:
                total += items[k].number
            best[name] = min(best[name], (time.perf_counter() - start) / n)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=3000)
    ap.add_argument("--large", type=int, default=30000)
    ap.add_argument("--pad", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    gc.disable()
    small = per_lookup(args.small, args.pad, args.repeat)
    large = per_lookup(args.large, args.pad, args.repeat)
    print(f"| ordine | {args.small:,} (ns) | {args.large:,} (ns) | rapporto |".replace(",", "."))
    print("|---|---:|---:|---:|")
    for name in small:
        a, b = small[name] * 1e9, large[name] * 1e9
        print(f"| {name} | {a:.0f} | {b:.0f} | {b / a:.1f}× |".replace(".", ","))


if __name__ == "__main__":
    main()
