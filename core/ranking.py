"""Rankings for the rewards: a share of the best without splitting ties (e.g. 003… art. 18.2, 20.2)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction


def by_score(pairs: Sequence[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """Best score first; equal scores in id order (only for a stable listing: ties are never split)."""
    return sorted(pairs, key=lambda x: (-x[1], x[0]))


def cut_without_ties(ordered: Sequence[tuple[str, Decimal]], limit: int) -> list[str]:
    """The first ``limit`` people of a list ordered by score, dropping the whole tie group at the cut.

    "Ties at the cut are excluded" (e.g. 003… art. 18.2 «non più del 5%», art. 20.2 «non superiore al
    25%»): the selection never exceeds ``limit``.
    """
    if limit <= 0:
        return []
    if len(ordered) <= limit:
        return [pid for pid, _ in ordered]
    end = limit
    cut_score = ordered[limit][1]
    while end > 0 and ordered[end - 1][1] == cut_score:
        end -= 1
    return [pid for pid, _ in ordered[:end]]


def top_share(pairs: Sequence[tuple[str, Decimal]], share: Decimal) -> list[str]:
    """The best ``share`` (a fraction) of ``pairs`` (person, score), at most ``floor(share × n)`` people,
    never splitting a tie at the cut."""
    limit = math.floor(Fraction(share) * len(pairs))
    return cut_without_ties(by_score(pairs), limit)
