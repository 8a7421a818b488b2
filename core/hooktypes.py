"""The types hooks exchange besides their outcomes: an indicator's measure, an objective's part, and
:class:`CycleHooks`, what a hook implementation may ask of the other hooks while it computes.

A hook that receives ``hooks`` (``ciclope_organizational_performance``, ``ciclope_rewards``) gets an object
with these methods and no other: the core's plugin manager stays the core's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, ParamSpec, Protocol, TypeVar

if TYPE_CHECKING:
    from ciclope.core.model import Indicator, Objective
    from ciclope.core.params import Params
    from ciclope.core.trace import Trace

T = TypeVar("T")
P = ParamSpec("P")  # a hookspec's arguments

# A measured or target value of an indicator: a number, a date (``deadline`` type) or a yes/no.
Measure = Decimal | dt.date | bool | None
# One part of an objective's achievement: (key, achievement, weight or None = equal weights).
Part = tuple[str, Decimal, Decimal | None]


class CycleHooks(Protocol):
    """The hooks an implementation may ask while it computes, each answered as the whole plugin manager
    answers it (plugin, comparto layers, core defaults).

    A hook is asked by its spec, one of ``ciclope.core.hookspecs``, and by keyword:
    ``hooks.first(hookspecs.ciclope_premium_rankings, ente=ente, params=params)``; mypy checks the arguments and
    the answer against the spec."""

    def first(self, spec: Callable[P, T | None], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """The answer of the *firstresult* hook ``spec`` (``None`` when no implementation gives one)."""
        ...

    def one(self, spec: Callable[P, T | None], *args: P.args, **kwargs: P.kwargs) -> T:
        """The answer of the *firstresult* hook ``spec`` whose core default always answers."""
        ...

    def collect(self, spec: Callable[P, Iterable[T] | None], *args: P.args, **kwargs: P.kwargs) -> list[T]:
        """The answers of every implementation of the hook ``spec``, each a list, joined."""
        ...

    def answers(self, spec: Callable[P, T | None], *args: P.args, **kwargs: P.kwargs) -> list[T]:
        """The answer of every implementation of the hook ``spec`` that gave one (not ``None``)."""
        ...

    def without_layers(self) -> CycleHooks:
        """These hooks as the ente's plugin alone answers them, without the comparto layers' implementations: a
        layer that must have the regulation split a different pool asks ``ciclope_rewards`` through them, once."""
        ...

    def indicator_achiever(self, params: Params) -> Callable[[Indicator, Measure, Measure, Trace, str], Decimal | None]:
        """``achieve(indicator, measured, target, trace, key)``: ``ciclope_indicator_achievement`` for each
        indicator of the ente with ``params``, set up once; ``key`` is the figure of the measurement
        (``indicator:<id>``, ``monitoring:<id>`` at 30/6)."""
        ...

    def objective_achiever(self) -> Callable[[Objective, list[Part], Trace], Decimal | None]:
        """``achieve(objective, parts, trace)``: ``ciclope_objective_achievement`` for each objective of one
        ente, set up once."""
        ...
