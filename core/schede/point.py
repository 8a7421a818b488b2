"""The value of a point of weight: what a personal scheda gives where it withholds both a part's fund and its Σ pesi.

A part's fund less a part set aside from it and paid to fewer than 3 people gives their total by difference, and its
Σ pesi with the person's own weight and amount gives the fund back: the scheda withholds both (rules/core.md §6). The
fund ÷ Σ pesi, as Italian offices publish a «valore del punto», is a figure of the group paid from the part (3 or
more) and, without Σ pesi, gives no colleague's figure: with it, the person redoes their premium as peso × valore.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from ciclope.core import fmt
from ciclope.core.trace import Figure, Input

POINT = "valore di un punto di peso (fondo ÷ Σ pesi)"
WEIGHT, SUM = "peso", "Σ pesi"
CENT = Decimal("0.01")
# a value of a point to more places than this is no help to whoever redoes the premium by hand: none is given
MAX_PLACES = 12


def point_value(figure: Figure, left: Sequence[Any]) -> Input | None:
    """The value of a point of weight of ``figure`` (a premium «fondo × peso / Σ pesi») whose fund and Σ pesi were
    both left off (``left``), to the fewest places (2 at least) with which peso × valore, cut to the cent, is the
    exact amount cut to the cent — the amount before the cent the largest remainders give; None where the figure is
    no such split (no weight, no fund, a sum of 0) or no places up to :data:`MAX_PLACES` redo it."""
    fund = next((i for i in left if (i.ref or "").startswith("pool:") and _number(i.value)), None)
    total = next((i for i in left if i.name == SUM and _number(i.value)), None)
    weight = next((i for i in figure.inputs if i.name == WEIGHT and _number(i.value)), None)
    if fund is None or total is None or weight is None or not Decimal(total.value):
        return None
    value = Decimal(fund.value) / Decimal(total.value)
    exact = (Decimal(fund.value) * Decimal(weight.value) / Decimal(total.value)).quantize(CENT, ROUND_DOWN)
    if not _number(figure.value) or figure.value - exact not in (0, CENT):  # a premium cut or raised after the split
        return None
    for places in range(2, MAX_PLACES + 1):
        shown = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if (shown * Decimal(weight.value)).quantize(CENT, ROUND_DOWN) == exact:
            return Input(POINT, fmt.Places(shown))
    return None


def _number(value: Any) -> bool:
    return isinstance(value, Decimal) and not isinstance(value, bool)
