"""A score as points of the regulation's own scale ([punteggio] su): the figure the file's thresholds are written
in, and the one they are judged on (rules/core.md §3: a threshold is judged on the published figure).

The score is computed on 100; with ``su`` its points are the same total × su / 100, rounded half-up to the cent
from the exact total, never from the score already rounded on 100 (399 points of 425 are 93,88 on 100, and
93,88 × 4,25 would be 398,99: below «da 399»). The points are kept in the score's breakdown.
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Score, money
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
