"""One pool among people by weight: exclude → split → record each award (the loop every regulation has).

Used by the built-in plugins (bergamo's individual performance pool, brescia's staff pools per area);
a new plugin with a "pool × weight / sum of weights" rule calls it instead of writing the loop again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from ciclope.core.model import Person
from ciclope.core.money import ZERO, Pool, split, split_note
from ciclope.core.outcomes import Award, Score
from ciclope.core.trace import Input, Trace


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

    Every callback is asked once per scored person, in the order of ``people`` and before the split
    (``why_excluded`` first): none of them may depend on an amount.
    """
    weights: dict[str, Decimal] = {}  # who shares, in the order of people
    ranks: dict[str, Decimal] = {}  # -score: the order of the leftover cents
    staged = []  # (id, inputs, label, note, band, shares) of everyone with a score: the only ones listed
    for p in people:
        s = scores.get(p.id)
        if s is None or s.score is None:
            continue
        excluded = why_excluded(p, s)
        if excluded is None:
            weights[p.id] = weight(p, s.score)
            ranks[p.id] = -s.score
        given, text = inputs(p, s), label(p)
        remark = f"escluso: {excluded}" if excluded is not None else (note(p, s) if note else "")
        staged.append((p.id, given, text, remark, band(p, s) if band else None, excluded is None))
    # leftover cents by rank (higher score first), then id (rules/core.md §4)
    parts = split(pool.amount, weights, rank=ranks) if weights else {}
    total = Input(total_label, sum(weights.values(), Decimal(0)))
    awards: dict[str, Award] = {}
    for pid, given, text, remark, level, shares in staged:
        amount = parts.get(pid, ZERO)
        if shares:
            remark = "; ".join(x for x in (remark, split_note(pool.amount, weights[pid], total.value, amount)) if x)
        trace.record(f"award:{pid}", amount, formula, source, [*given, total] if shares else given, text, remark)
        awards[pid] = Award(pid, amount, pool.name, level)
    return pool.with_distributed(sum(parts.values(), Decimal(0))), awards
