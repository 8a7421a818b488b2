"""The figures a formula's value read, as a person redoes the value by hand: a figure computed on the way (a
definition's value, a sum of the ente: :class:`fmt.Exact`, cut at the fourth decimal with «…») is given to the
places at which its rounding moves the value by a hundredth of its last place at most, never cut (a Funzioni
Centrali office: «12.000 × 0,4863… / 9,4243…» is € 619,21 by hand, the € 619,25 paid needs 0,4863388 and 9,424377).

The value moves as a factor of it moves it (a product, a quotient: the formulas that split a fund), by the value ×
half the last place / the figure: enough where the figure is a term of a sum too, since a term is no larger than
the sum. Places from four (as :func:`fmt.exact` cuts) to :data:`MOST`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ciclope.core import Input, fmt

LEAST, MOST = 4, 12
SHARE = Decimal("0.01")  # each figure may move the value by this share of its last place at most: a hundredth


def redone(
    inputs: Iterable[Input], value: Decimal, unit: Decimal, shared: dict[str, Decimal] | None = None
) -> tuple[Input, ...]:
    """``inputs`` with each figure computed on the way given to the places that redo ``value`` (whose last place
    is ``unit``: a cent for an amount) by hand (:func:`places`); every other input as it is. ``shared`` gathers the
    exact value of each figure read by its key (a sum of the ente), for :func:`alike`."""
    out = []
    for i in inputs:
        if isinstance(i.value, fmt.Exact):
            if shared is not None and i.ref:
                shared[i.ref] = i.value
            i = attrs.evolve(i, value=_rounded(i.value, places(i.value, value, unit)))
        out.append(i)
    return tuple(out)


def alike(inputs: Mapping[str, tuple[Input, ...]], shared: Mapping[str, Decimal]) -> dict[str, tuple[Input, ...]]:
    """Each person's ``inputs`` with every figure of ``shared`` (by its key: one value, a sum of the ente read by
    everyone) given to the most places any person's value needed: one figure reads the same on every scheda and in
    every explanation (12,147638 beside a larger premium's 12,1476376 was two values for one)."""
    most: dict[str, int] = {}
    for read in inputs.values():
        for i in read:
            if i.ref in shared and isinstance(i.value, fmt.Places):
                most[i.ref] = max(most.get(i.ref, 0), i.value.places)
    return {
        pid: tuple(attrs.evolve(i, value=_rounded(shared[i.ref], most[i.ref])) if i.ref in most else i for i in read)
        for pid, read in inputs.items()
    }


def places(figure: Decimal, value: Decimal, unit: Decimal) -> int:
    """The fewest places, :data:`LEAST` to :data:`MOST`, at which rounding ``figure`` half-up moves ``value`` (a
    product or quotient of it) by :data:`SHARE` of ``unit`` at most: |value| × ½·10⁻ᵖ / |figure| ≤ unit / 100."""
    if not figure or not value:
        return LEAST
    allowed = SHARE * unit * abs(figure) * 2 / abs(value)
    for p in range(LEAST, MOST + 1):
        if Decimal(1).scaleb(-p) <= allowed:
            return p
    return MOST


def _rounded(figure: Decimal, digits: int) -> fmt.Places:
    """The figure to ``digits`` places, without the zeros after them («85», never «85,00000»; «0,9726776»)."""
    shown = figure.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP).normalize()
    exponent = shown.as_tuple().exponent
    return fmt.Places(shown.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else shown)
