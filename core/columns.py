"""Per-person facts as columns: lists in people.csv order instead of dicts keyed by person id (issue 18).

A pass over a big ente that asks several dicts keyed by person for each person, in Python, grows faster than
the people (docs/performance.md). :func:`in_order` reads a dict keyed by person into a list in people.csv
order once, in C, and the pass then walks lists side by side, position by position. :func:`gathered` puts a
column's strings side by side in memory, so that a pass down the column reads them in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat
from typing import TypeVar

T = TypeVar("T")
D = TypeVar("D")


def in_order(ids: Sequence[str], mapping: Mapping[str, T], missing: D) -> list[T | D]:
    """``[mapping.get(pid, missing) for pid in ids]``, the same list, made in C.

    One key per id in the same order (the scores) is recognised by comparing the two lists of keys (identity
    first, element by element) and answered with the mapping's values. Otherwise each id is looked up, by
    ``map`` over the ids: no bytecode per person. Measured on 24/11 (comunita_montane, 3,000 → 30,000 people,
    caches evicted before each pass): a graduatoria's staff among everyone's scores 0.56 → 6.5 ms (11.8×) with
    the former Python loop that read the keys beside the ids, 0.35 → 3.7 ms (10.4×) so; ids in another order
    0.96 → 19.5 ms (20×) against 0.63 → 6.6 ms (10.3×). A look-up from C reads the id's cached hash, one slot
    of the dict's index (4 bytes per slot: 256 kB at 30,000 people) and the entry, and it is the interpreter's
    work per person, not the table, that made a Python loop of look-ups grow (docs/performance.md)."""
    n = len(ids)
    if len(mapping) == n:
        # the keys as the same kind of sequence as the ids (a list or a tuple, such as Ente.ids()), compared in C
        keys = tuple(mapping) if isinstance(ids, tuple) else list(mapping)
        if keys == (ids if isinstance(ids, (list, tuple)) else list(ids)):
            return list(mapping.values())
    return list(map(mapping.get, ids, repeat(missing, n)))


def gathered(texts: Sequence[str]) -> Sequence[str]:
    """Fresh copies of ``texts`` (equal strings, in the same order) made in one call in C, ``"\\0".join`` then
    ``split``: side by side in memory, one after the other, instead of wherever each text was made. ``texts``
    itself when a text holds a NUL character, which the join cannot tell apart (its copies would not be as many).

    Used where the strings of a big column were made among many others (each cell of a CSV file is made in row
    order, so a column's cells lie one every row's width of cells), and the column is then read again and again:
    a pass down such a column reads a cache line for each string across the whole file (issue 18: the loader's
    passes over evaluations.csv at 30,000 people, docs/performance.md)."""
    copies = "\0".join(texts).split("\0")
    return copies if len(copies) == len(texts) else texts
