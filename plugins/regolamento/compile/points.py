"""A score as points of the regulation's own scale ([punteggio] su): the figure the file's thresholds are written
in, and the one they are judged on (rules/core.md §3: a threshold is judged on the published figure).

The score is computed on 100; with ``su`` its points are the same total × su / 100, rounded half-up to the cent
from the exact total, never from the score already rounded on 100 (399 points of 425 are 93,88 on 100, and
93,88 × 4,25 would be 398,99: below «da 399»). The points are kept in the score's breakdown.
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Score, fmt, money
from ciclope.plugins.regolamento.format.spec import Regulation

POINTS = "punteggio sulla scala del regolamento"
HUNDRED = Decimal(100)


def scale_of(reg: Regulation) -> Decimal | None:
    return reg.score.scale if reg.score is not None else None


def on_scale(reg: Regulation, total: Decimal) -> Decimal:
    """The exact total on 100 as points of the regulation's scale (itself on 100 without ``su``), half-up."""
    scale = scale_of(reg)
    return money.r2(total if scale is None else total * scale / HUNDRED)


def points_of(reg: Regulation, score: Score | None) -> Decimal | None:
    """The points a person's thresholds are judged on: the score, or its points on the regulation's scale."""
    if score is None or score.score is None:
        return None
    scale = scale_of(reg)
    if scale is None:
        return score.score
    found = score.breakdown.get(POINTS)
    return found if isinstance(found, Decimal) else money.r2(score.score * scale / HUNDRED)


def shown(value: Decimal) -> fmt.Places:
    """A number of points as a figure shows it: two decimals at least, as every score (353,00 and 334,80, never 353
    or 334,8), four where it has more (a mean: 354,6667)."""
    exponent = value.as_tuple().exponent
    rounded = money.r4(value) if isinstance(exponent, int) and exponent < -4 else value
    places = rounded.as_tuple().exponent
    at_least = max(2, -places) if isinstance(places, int) else 2
    return fmt.Places(rounded.quantize(Decimal(1).scaleb(-at_least)))


def said(reg: Regulation, value: Decimal) -> str:
    """Points in words on the regulation's scale: «354,00 punti su 500», «354,00 punti» without ``su``."""
    scale = scale_of(reg)
    on = f" su {fmt.decimal_it(scale)}" if scale is not None else ""
    figure = shown(value)
    return f"{fmt.decimal_it(figure, figure.places)} punti{on}"
