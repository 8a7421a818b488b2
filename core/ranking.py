"""Rankings for the rewards: a share of the best without splitting ties (e.g. 003… art. 18.2, 20.2)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Any, TypeVar

_ID, _SCORE = itemgetter(0), itemgetter(1)
P = TypeVar("P", bound=tuple[Any, ...])


def by_score(pairs: Sequence[P]) -> list[P]:
    """Best score first; equal scores in id order (only for a stable listing: ties are never split).

    ``pairs``: (id, score) tuples; a tuple may carry more after the score (what the caller reads of each
    person in the ranking's order, taken beside the people instead of looked up by id afterwards).

    The order of ``sorted(pairs, key=lambda x: (-x[1], x[0]))`` in two stable sorts (by id, then by score with
    ``reverse``, which keeps equal scores in id order): no negated Decimal and no key tuple per person, and the
    sort compares the scores themselves (at 30,000 people the key tuples, made in the plugin's
    order and compared at random, cost about twice as much per person as at 3,000)."""
    ordered = sorted(pairs, key=_ID)
    ordered.sort(key=_SCORE, reverse=True)
    return ordered


def cut_without_ties(ordered: Sequence[tuple[str, Any]], limit: int) -> list[str]:
    """The first ``limit`` people of a list ordered by score, dropping the whole tie group at the cut. A score may be
    a tuple of numbers compared in turn (a graduatoria's score, then what decides between equals): equal only when
    every number is.

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
