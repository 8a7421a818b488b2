"""Per-person facts as columns: lists in people.csv order instead of dicts keyed by person id (issue 18).

A pass over a big ente that asks several dicts keyed by person for each person reads each dict's table at
random: at 30,000 people a table is ~1 MB, a few of them do not fit the processor's cache together, and the
pass grows faster than the people (docs/performance.md). A mapping whose keys already come in people.csv
order (the cycle makes the scores, the statuses and most awards that way) can instead be read in its own
order, next to the people, position by position.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")
D = TypeVar("D")


def in_order(ids: Sequence[str], mapping: Mapping[str, T], missing: D) -> list[T | D]:
    """``[mapping.get(pid, missing) for pid in ids]``, the same list.

    When the keys of ``mapping`` come in the order of ``ids`` — some ids without a key (the scores of the
    people who have one), or keys of other people between them (the statuses of a graduatoria's staff) — it is
    read in its own order beside ``ids``, without a look-up. Whatever it cannot place that way (a key out of
    order) is looked up. At most three passes over each, so linear."""
    n = len(ids)
    out: list[T | D] = [missing] * n
    j = 0
    for key, value in mapping.items():  # the keys among the ids, in their order
        while j < n and ids[j] != key:  # ids are mostly the very key objects: the comparison is by identity
            j += 1
        if j == n:  # a key out of order, or of someone else
            break
        out[j] = value
        j += 1
    else:
        return out
    out = [missing] * n
    j = 0
    for key, value in mapping.items():  # the ids among the keys, in their order
        if j < n and key == ids[j]:
            out[j] = value
            j += 1
    for k in range(j, n):  # from the first id not found so: looked up
        out[k] = mapping.get(ids[k], missing)
    return out
