"""The value of a point of weight: what a personal scheda gives where it withholds both a part's fund and its Σ pesi.

A part's fund less a part set aside from it and paid to fewer than 3 people gives their total by difference, and its
Σ pesi with the person's own weight and amount gives the fund back: the scheda withholds both (rules/core.md §6). The
fund ÷ Σ pesi, as Italian offices publish a «valore del punto», is a figure of the group paid from the part (3 or
more) and, without Σ pesi, gives no colleague's figure: with it, the person redoes their premium as peso × valore.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from ciclope.core import fmt
from ciclope.core.trace import Figure, Input

POINT = "valore di un punto di peso (fondo ÷ Σ pesi)"
WEIGHT, SUM = "peso", "Σ pesi"
CENT = Decimal("0.01")
# a value of a point to more places than this is no help to whoever redoes the premium by hand: none is given
MAX_PLACES = 12


def point_value(figure: Figure, left: Sequence[Any], peers: Iterable[Figure] = ()) -> Input | None:
    """The value of a point of weight of ``figure`` (a premium «fondo × peso / Σ pesi») whose fund and Σ pesi were
    both left off (``left``), to the fewest places (2 at least) with which peso × valore, cut to the cent, is the
    exact amount cut to the cent — the amount before the cent the largest remainders give — for the person and for
    every one of ``peers`` (the premiums of the same part, the same fund and Σ pesi): each scheda of the part gives
    the same value. None where the figure is no such split (no weight, no fund, a sum of 0), its amount was cut or
    raised after the split, or no places up to :data:`MAX_PLACES` redo it."""
    fund = next((i for i in left if (i.ref or "").startswith("pool:") and _number(i.value)), None)
    total = next((i for i in left if i.name == SUM and _number(i.value)), None)
    if fund is None or total is None or not Decimal(total.value) or _places(figure, fund, total) is None:
        return None
    value = Decimal(fund.value) / Decimal(total.value)
    same = [f for f in peers if f is not figure and _read(f, fund.ref, SUM) == total.value]
    needed = [n for n in (_places(f, fund, total) for f in same) if n is not None]
    places = max([_places(figure, fund, total) or 0, *needed])
    return Input(POINT, fmt.Places(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)))


def _places(figure: Figure, fund: Input, total: Input) -> int | None:
    """The fewest places (2 at least) of fund ÷ Σ pesi with which the figure's weight × the value, cut to the cent,
    is its exact amount cut to the cent; None where the figure has no weight or its amount is not that split's."""
    weight = next((i for i in figure.inputs if i.name == WEIGHT and _number(i.value)), None)
    if weight is None:
        return None
    value = Decimal(fund.value) / Decimal(total.value)
    exact = (Decimal(fund.value) * Decimal(weight.value) / Decimal(total.value)).quantize(CENT, ROUND_DOWN)
    if not _number(figure.value) or figure.value - exact not in (0, CENT):  # a premium cut or raised after the split
        return None
    for places in range(2, MAX_PLACES + 1):
        shown = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if (shown * Decimal(weight.value)).quantize(CENT, ROUND_DOWN) == exact:
            return places
    return None


def _read(figure: Figure, fund_ref: str | None, name: str) -> Any:
    """The value ``figure`` reads under ``name``, where it reads the fund ``fund_ref`` too; None otherwise."""
    if not any(i.ref == fund_ref for i in figure.inputs):
        return None
    return next((i.value for i in figure.inputs if i.name == name), None)


def _number(value: Any) -> bool:
    return isinstance(value, Decimal) and not isinstance(value, bool)
