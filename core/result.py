"""The outcome of one ente's cycle: everything the outputs are made from (no I/O here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ciclope.core.fund import Fund
from ciclope.core.ledger import Ledger
from ciclope.core.model import Ente
from ciclope.core.money import Pool
from ciclope.core.outcomes import (
    Attestation,
    Deadline,
    MonitoringOutcome,
    OrgPerformance,
    Positions,
    ReportSection,
    Rewards,
    Score,
)
from ciclope.core.params import Params
from ciclope.core.plugininfo import PluginInfo
from ciclope.core.problems import Problem
from ciclope.core.trace import Figure

T = TypeVar("T")


@attrs.frozen
class AppliedRevision:
    indicator: str
    field: str
    old: str
    new: str
    reason: str
    applied: bool
    why: str  # Italian: "validata dall'OIV e approvata" / "non validata dall'OIV" …


@attrs.frozen
class Result:
    """One ente after the phases run (``until`` names the last one)."""

    ente: Ente
    plugin: PluginInfo
    params: Params
    until: str
    org: OrgPerformance | None = None
    attestation: Attestation | None = None
    monitoring: Mapping[str, MonitoringOutcome] = attrs.field(factory=dict, hash=False)
    revisions: tuple[AppliedRevision, ...] = ()
    resources: Mapping[str, Pool] = attrs.field(factory=dict, hash=False)
    fund: Fund | None = None  # the fondo risorse decentrate, where the ente gives one (ciclope_fund)
    scores: Mapping[str, Score] = attrs.field(factory=dict, hash=False)
    rewards: Rewards | None = None
    # the pools of the rewards whose premiums read no evaluation (``ciclope_pools_read_cards``): an amount no
    # evaluation decides (an incentive per hour, a project by participation)
    unread: frozenset[str] = frozenset()
    # each named part of the premium → whether it reads each person's evaluation (``ciclope_parts_read_evaluation``)
    parts_read: Mapping[str, bool] = attrs.field(factory=dict, hash=False)
    positions: Positions | None = None
    calendar: tuple[tuple[Deadline, str], ...] = ()  # (deadline, status: "fatto" | "in ritardo" | "mancante" | "")
    sections: tuple[ReportSection, ...] = ()
    figures: Mapping[str, Figure] = attrs.field(factory=dict, hash=False)
    violations: tuple[Problem, ...] = ()
    origin: Mapping[str, Any] = attrs.field(factory=dict, hash=False)  # data folder and overrides, for `verify`
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, hash=False, repr=False)

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """A view derived from the Result, made once: the Result never changes, and several outputs
        read the same views (the ledger, the transparency lines)."""
        if key not in self._memo:
            self._memo[key] = make()
        made: T = self._memo[key]
        return made

    @property
    def ledger(self) -> Ledger:
        """Every pool and award of the cycle (rewards and positions) in one view: what every output reads."""
        return self.memo("ledger", lambda: Ledger.of(self.rewards, self.positions))

    @property
    def errors(self) -> list[Problem]:
        return [v for v in self.violations if v.is_error]

    def status_of(self, person_id: str) -> str | None:
        if self.rewards is not None and person_id in self.rewards.statuses:
            return self.rewards.statuses[person_id]
        score = self.scores.get(person_id)
        return score.status if score else None

    def unpaid_unevaluated(self) -> tuple[str, ...]:
        """The people not evaluated whom no award names, in people.csv order (rules/core.md §3: no evaluation, no
        reward): whose evaluation the regulation foresees (``Score.foreseen``) and of a role the cycle pays or gives
        an outcome of the premium to someone of. So one whose role nothing evaluates or pays (a Segretario whose pay
        the cycle does not decide) is left out of nothing, whatever a plugin's score says of a missing card. Only
        once the premiums are computed. The internal documents give them € 0 and say why; nothing public names
        them."""
        if self.rewards is None and self.positions is None:
            return ()
        return self.memo("unpaid_unevaluated", self._unpaid_unevaluated)

    def _unpaid_unevaluated(self) -> tuple[str, ...]:
        people = self.ente.people
        named = {a.person for a in self.ledger.awards}
        given = [*named, *(self.rewards.statuses if self.rewards is not None else ())]
        roles = {people[pid].role for pid in given if pid in people}
        return tuple(
            pid
            for pid, person in people.items()
            if pid not in named
            and person.role in roles
            and (s := self.scores.get(pid)) is not None
            and s.score is None
            and s.foreseen
            and self.status_of(pid) == "not_evaluated"
        )

    def assumptions(self) -> list[tuple[str, str, Any, str]]:
        """(parameter, assumption text, value, source) of every parameter marked as an assumption."""
        return [
            (name, spec.assumption, self.params.values.get(name), spec.source)
            for name, spec in self.params.specs.items()
            if spec.assumption
        ]


def award_figure(result: Result, person: str, pool: str, ref: str | None, first: bool) -> Figure | None:
    """The figure that explains an award (hookspecs.ciclope_rewards): ``award:<person>:<pool>:<ref>`` for an award
    about a position that the plugin records apart (two awards of one pool to one person: the result pay and an
    interim), else ``award:<person>:<pool>``, else ``award:<person>`` for the person's first award that is not about
    a post (:func:`premium_first`: a dirigente's position pay, recorded first, is never explained by their premium's
    figure, nor their premium left without one)."""
    figures = result.figures
    own = figures.get(f"award:{person}:{pool}:{ref}") if ref else None
    generic = figures.get(f"award:{person}") if first and not ref else None
    return own or figures.get(f"award:{person}:{pool}") or generic


def premium_first(refs: Sequence[str | None], i: int) -> bool:
    """Whether the ``i``-th of a person's awards (their posts, ``refs``, in order) is the first not about a post:
    the one the figure of the person alone (``award:<person>``) explains."""
    return refs[i] is None and all(ref is not None for ref in refs[:i])
