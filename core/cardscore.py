"""The arithmetic of one evaluation card (rules/core.md §3), on its items as they are read (anything with
``points``, ``max_points`` and ``weight``): below the figures (:mod:`core.trace`, which shows each evaluator's card of
a person evaluated by several) and the scoring that records them (:mod:`core.scoring`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_CENT = Decimal("0.01")


def unweighted(items: Sequence[Any]) -> bool:
    """Every item without a weight: the points are summed over the maxima."""
    for i in items:  # a loop: asked for every card, where a generator costs more than the test
        if i.weight is not None:
            return False
    return True


def exact(items: Sequence[Any]) -> Decimal | None:
    """``100 × Σ(weight × points/max) / Σ weight`` (empty weights in every item: ``100 × Σ points / Σ max``), before
    any rounding; None for no item or weights adding up to 0. One loop: the same operations in order as the sums."""
    if not items:
        return None
    num = den = _ZERO
    if unweighted(items):
        for i in items:
            num += i.points
            den += i.max_points
    else:
        for i in items:
            w = i.weight or _ZERO
            num += w * i.points / i.max_points
            den += w
    if den == 0:
        return None
    return _HUNDRED * num / den


def shown(items: Sequence[Any]) -> Decimal | None:
    """:func:`exact` rounded to the cent, half up: the card's score as documents show it."""
    found = exact(items)
    return None if found is None else found.quantize(_CENT, ROUND_HALF_UP)
