"""Merit bands and score levels: the pure rules a regulation with «fasce di merito» shares.

A plugin reaches them as ``ciclope.core.bands``. Nothing here knows an ente or a trace: the names take
numbers and ids and give numbers and ids back, so two regulations with the same band rules (a Python
plugin and a declared ``regolamento``) compute the same bands and the same money from the same code.

- :class:`Band` — a band's name and its shares of people and of money, exact (:class:`~fractions.Fraction`)
  and as written (:class:`~decimal.Decimal`, for reports);
- :func:`band_targets` — the cumulative band sizes of a ranking of ``n`` people, with an optional cap on the
  first band(s);
- :func:`assign_bands` — the people of a ranking split at those sizes, never splitting a tie;
- :func:`per_capita_weights` — each banded person's money weight ``resources_k / staff_k × fte``;
- :class:`Level` and :func:`level_of` — a score's level on a ladder of thresholds;
- :func:`top_bands`, :func:`min_ratio` — how many first bands a cap covers, the minimum per-capita ratio
  between adjacent bands (the Comunità Montane's art. 17.2 reading, the common one).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

__all__ = [
    "Band",
    "Level",
    "assign_bands",
    "band_targets",
    "level_of",
    "min_ratio",
    "per_capita_weights",
    "top_bands",
]


@attrs.frozen
class Band:
    """A merit band: its name and its shares of people and of money (exact and as written)."""

    name: str
    staff: Fraction
    resources: Fraction
    staff_text: Decimal
    resources_text: Decimal

    @classmethod
    def of(cls, name: str, staff: Decimal, resources: Decimal) -> Band:
        """A band from its written shares (``Decimal("0.2")``), exact from their decimal text."""
        return cls(
            name=name, staff=Fraction(staff), resources=Fraction(resources), staff_text=staff, resources_text=resources
        )


@attrs.frozen
class Level:
    """A step of a ladder of levels: scores from ``min`` up (to the next step) have level ``name``."""

    name: str
    min: Decimal


def top_bands(count: int) -> int:
    """How many of the first bands share a cap on the top of a ranking: the first with 3 bands, the first
    two with 4 or 5 (the 30% of the Comunità Montane's art. 17.2; for 4 bands an assumption)."""
    return 1 if count <= 3 else 2


def min_ratio(count: int) -> Fraction:
    """Minimum per-capita ratio between adjacent bands: 1:2 with 3 bands, 1:1,5 with 4 or 5."""
    return Fraction(2) if count <= 3 else Fraction(3, 2)


def band_targets(n: int, bands: Sequence[Band], cap: int | None = None, top: int | None = None) -> list[int]:
    """Cumulative sizes ``c_k = floor(n × (staff_1 + … + staff_k))`` for every band but the last, which
    takes the rest (``c_K = n``).

    ``cap`` bounds the cumulative size of the first ``top`` bands (default :func:`top_bands`): e.g. the
    30% of the staff in service. Invariant: the targets never decrease below a capped one's successors'
    need, since the last is always ``n``.
    """
    out: list[int] = []
    cum = Fraction(0)
    for band in bands[:-1]:
        cum += band.staff
        out.append(math.floor(n * cum))
    out.append(n)
    if cap is not None:
        for k in range(top_bands(len(bands)) if top is None else top):
            out[k] = min(out[k], cap)
    return out


def assign_bands(ordered: Sequence[tuple[Any, ...]], targets: Sequence[int]) -> list[list[str]]:
    """Split people ordered by score (best first: ``(id, score, …)``) into bands at the cumulative
    ``targets``: consecutive runs of ``ordered``, lists of ids.

    Ties never straddle a boundary: a group of equal scores that would cross one goes entirely to the
    lower band, so an upper band never exceeds its (cumulative) share.
    """
    n = len(ordered)
    out: list[list[str]] = []
    start = 0
    for k, target in enumerate(targets):
        end = n if k == len(targets) - 1 else max(start, min(target, n))
        while start < end < n and ordered[end - 1][1] == ordered[end][1]:
            end -= 1
        out.append([t[0] for t in ordered[start:end]])
        start = end
    return out


def per_capita_weights(
    bands: Sequence[Band], groups: Sequence[Sequence[str]], fte: Mapping[str, Decimal]
) -> dict[str, Fraction]:
    """Each banded person's money weight ``resources_k / staff_k × fte`` (exact).

    Split a ranking's pool by these weights (:func:`ciclope.core.money.split`) and every band's
    per-capita amount keeps the configured ratio whatever the real band sizes (ties and small rankings
    make them differ from the configured shares), and a higher band is never paid less per fte.
    """
    weights: dict[str, Fraction] = {}
    for band, members in zip(bands, groups):
        ratio = band.resources / band.staff
        by_fte: dict[Decimal, Fraction] = {}  # people share a few ftes: one Fraction per band and fte
        for pid in members:
            share = fte[pid]
            weight = by_fte.get(share)
            if weight is None:
                weight = by_fte[share] = ratio * Fraction(share)
            weights[pid] = weight
    return weights


def level_of(score: Decimal | None, levels: Sequence[Level]) -> str | None:
    """The level of ``score`` on ``levels`` (highest threshold first): the first whose ``min`` the score
    reaches; None for no score, or a score below every threshold."""
    if score is None:
        return None
    for lv in levels:
        if score >= lv.min:
            return lv.name
    return None
