"""What the runner keeps of each ente once it ran: a small record, never its Result (memory stays bounded
by the largest ente, however many enti a run has)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ciclope.core.problems import Problem

if TYPE_CHECKING:  # the store (and SQLAlchemy, slow to import) is loaded only by a run that records
    from ciclope.core.run.staging import Staged
    from ciclope.core.store.record import Record

KEPT_PROBLEMS = 200  # problems an outcome carries back (the CLI shows 30): memory stays bounded by ente


@attrs.frozen
class EnteOutcome:
    """What the runner keeps of one ente: a few figures and the first problems, never its Result."""

    id: str
    plugin: str
    status: str  # "ok" | "errors" | "failed"
    reason: str = ""
    figures: dict = attrs.field(factory=dict)
    problems: tuple[Problem, ...] = ()  # failed: the load problems; errors: the error violations (first KEPT_PROBLEMS)
    problems_total: int = 0  # how many there were in all
    record: Record | None = attrs.field(default=None, eq=False, repr=False)  # for the store; dropped once written
    warnings: int = 0  # the ente's warnings (issue 42: the summary said «ok» and hid them)
    staged: Staged | None = attrs.field(default=None, eq=False, repr=False)  # its folder, until published


def not_written(ente: str, plugin: str, problem: Problem) -> EnteOutcome:
    """An ente computed but whose outputs could not be written: failed, for that one reason."""
    return EnteOutcome(ente, plugin, "failed", problem.message, problems=(problem,), problems_total=1)
