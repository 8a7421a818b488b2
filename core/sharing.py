"""One pool among people by weight: exclude → split → record each award (the loop every regulation has).

Used by the built-in plugins (bergamo's individual performance pool, brescia's staff pools per area);
a new plugin with a "pool × weight / sum of weights" rule calls it instead of writing the loop again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from .model import Person
from .money import ZERO, Pool, split
from .outcomes import Award, Score, new_award
from .trace import Figure, Input, Trace, new_figure, new_input


def distribute(
    pool: Pool,
    people: Iterable[Person],
    scores: Mapping[str, Score],
    weight: Callable[[Person, Decimal], Decimal],
    why_excluded: Callable[[Person, Score], str | None],
    trace: Trace,
    *,
    formula: str,
    source: str,
    label: Callable[[Person], str],
    inputs: Callable[[Person, Score], list[Input]],
    total_label: str,
    band: Callable[[Person, Score], str | None] | None = None,
    note: Callable[[Person, Score], str] | None = None,
) -> tuple[Pool, dict[str, Award]]:
    """Split ``pool`` among ``people`` in proportion to ``weight(person, score value)`` (largest remainder).

    - Nobody without a score is paid or listed (rules/core.md §3): no award at all.
    - ``why_excluded(person, score)`` returns the reason a scored person gets nothing (a zero award,
      recorded with ``note = "escluso: <reason>"``) or ``None``.
    - Each award is recorded as ``award:<id>`` with ``formula``, ``source``, ``label(person)`` and
      ``inputs(person, score)``, plus the sum of the weights (``total_label``) for those who share.
    - Returns the pool with what was distributed (the rest is its residual) and the awards by person.
    """
    weights: dict[str, Decimal] = {}
    rank: dict[str, Decimal] = {}
    why: dict[str, str] = {}
    scored = []  # (person, score) of everyone with a score, in order: the only ones listed
    for p in people:
        s = scores.get(p.id)
        if s is None or s.score is None:
            continue
        scored.append((p, s))
        reason = why_excluded(p, s)
        if reason is not None:
            why[p.id] = reason
        else:
            weights[p.id] = weight(p, s.score)
            rank[p.id] = -s.score
    # leftover cents by rank (higher score first), then id (rules/core.md §4)
    parts = split(pool.amount, weights, rank=rank) if weights else {}
    shared = new_input(total_label, sum(weights.values(), Decimal(0)))  # one object for all who share (issue 18)
    awards: dict[str, Award] = {}
    figures = trace.figures
    name = pool.name
    for p, s in scored:
        pid = p.id
        amount = parts.get(pid, ZERO)
        given = inputs(p, s)
        if pid in weights:
            given.append(shared)
        excluded = why.get(pid)
        key = f"award:{pid}"  # trace.record(…) without its call (issue 18: an award per person)
        figures[key] = new_figure(
            Figure,
            (
                key,
                amount,
                formula,
                source,
                tuple(given),
                label(p),
                f"escluso: {excluded}" if excluded is not None else (note(p, s) if note else ""),
            ),
        )
        awards[pid] = new_award(pid, amount, name, band(p, s) if band else None)
    return pool.with_distributed(sum(parts.values(), Decimal(0))), awards
