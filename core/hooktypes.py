"""The types hooks exchange besides their outcomes: an indicator's measure, an objective's part, and
:class:`CycleHooks`, what a hook implementation may ask of the other hooks while it computes.

A hook that receives ``hooks`` (``ciclope_organizational_performance``, ``ciclope_rewards``) gets an object
with these methods and no other: the core's plugin manager stays the core's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ciclope.core.model import Ente, Indicator, Objective
    from ciclope.core.money import Pool
    from ciclope.core.outcomes import OrgPerformance, Rewards, Score
    from ciclope.core.params import Params
    from ciclope.core.trace import Trace

# A measured or target value of an indicator: a number, a date (``deadline`` type) or a yes/no.
Measure = Decimal | dt.date | bool | None
# One part of an objective's achievement: (key, achievement, weight or None = equal weights).
Part = tuple[str, Decimal, Decimal | None]


class CycleHooks(Protocol):
    """The hooks an implementation may ask while it computes, each answered as the whole plugin manager
    answers it (plugin, comparto layers, core defaults)."""

    def indicator_achiever(self) -> Callable[[Indicator, Measure, Measure, Trace], Decimal | None]:
        """``achieve(indicator, measured, target, trace)``: ``ciclope_indicator_achievement`` for each
        indicator of one ente, set up once."""
        ...

    def objective_achiever(self) -> Callable[[Objective, list[Part], Trace], Decimal | None]:
        """``achieve(objective, parts, trace)``: ``ciclope_objective_achievement`` for each objective of one
        ente, set up once."""
        ...

    def individual_premium(self, *, params: Params) -> list[str]:
        """``ciclope_individual_premium``: the pools that pay the individual premium (``[]``: none)."""
        ...

    def premium_rankings(self, *, ente: Ente, params: Params) -> dict[str, list[str]] | None:
        """``ciclope_premium_rankings``: ranking id → person ids, or None for the layer's default."""
        ...

    def regulation_rewards(
        self,
        *,
        ente: Ente,
        scores: dict[str, Score],
        pools: dict[str, Pool],
        params: Params,
        org: OrgPerformance,
        trace: Trace,
    ) -> Rewards:
        """``ciclope_rewards`` as the ente's plugin alone answers it, without the comparto layers' wrappers: a
        layer that must have the regulation split a different pool asks it through here, once."""
        ...
