"""The figures of the art. 69 maggiorazione of one ente (:mod:`.art69`): computed there, recorded by
:mod:`.art69_records` and paid by :mod:`.art69_split`, which therefore import them from here and not from
:mod:`.art69` (which imports them both)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from . import ties


@attrs.frozen
class Ranked:
    """One ranking of the plugin: its staff evaluated and its cut."""

    id: str
    evaluated: int  # the staff evaluated in the ranking: the base of the quota
    candidates: tuple[tuple[str, Decimal], ...]  # the positively evaluated, highest score first, then id
    slots: int  # floor(quota × evaluated): the maximum number of beneficiaries
    cut: Decimal | None  # the score tied across the cut, if any
    chosen: tuple[str, ...]
    tied: tuple[str, ...] = ()  # the people at the score of the cut, when a tie straddles it
    broken: ties.Broken | None = None  # what the CCDI's tie criteria made of the tie (None: no criteria)


@attrs.frozen
class Plan:
    """The art. 69 figures of one ente: each is an input of the next."""

    attributed: Decimal  # Σ the premiums the plugin attributed to the positively evaluated
    paid: int  # the positively evaluated
    mean: Decimal
    m: Decimal
    rankings: tuple[Ranked, ...]
    share: Decimal = Decimal(0)  # the CCDI's share of the mean: m = share × mean

    @property
    def beneficiaries(self) -> tuple[str, ...]:
        return tuple(pid for r in self.rankings for pid in r.chosen)

    @property
    def set_aside(self) -> Decimal:
        return self.m * len(self.beneficiaries)
