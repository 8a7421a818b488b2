"""One pool among people by weight: exclude → split → record each award (the loop every regulation has).

Used by the built-in plugins (bergamo's individual performance pool, brescia's staff pools per area);
a new plugin with a "pool × weight / sum of weights" rule calls it instead of writing the loop again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from .columns import in_order
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

    Every callback is asked once per scored person, in the order of ``people`` and before the split
    (``why_excluded`` first): none of them may depend on an amount.
    """
    # One pass over the people reads each person and score once and prepares everything of the award but its
    # amount; the pass after the split reads only what this one made, in the order it made it. Three passes that
    # each read the person and the score again were 16x slower at 30,000 people than at 3,000: a big ente's
    # people are out of the processor's caches by the next pass (issue 18, docs/performance.md). The scores are
    # read beside the people (in_order), and the weights, ranks, awards and figures are kept in lists and made
    # tables in one pass each at the end: a look-up or an insert per person in tables of the whole ente, between
    # each person's other work, cost twice as much per person at 30,000 people as at 3,000 (issue 18).
    people = list(people)
    ids = [p.id for p in people]
    sharing: list[str] = []  # who shares, in the order of people
    values: list[Decimal] = []  # their weights
    ranks: list[Decimal] = []  # and -score, the order of the leftover cents
    staged = []  # (id, award key, inputs, label, note, band, shares) of everyone with a score: the only ones listed
    for p, pid, s in zip(people, ids, in_order(ids, scores, None)):
        if s is None or s.score is None:
            continue
        excluded = why_excluded(p, s)
        if excluded is None:
            sharing.append(pid)
            values.append(weight(p, s.score))
            ranks.append(-s.score)
        staged.append(
            (
                pid,
                f"award:{pid}",  # trace.record(…) without its call below (issue 18: an award per person)
                inputs(p, s),
                label(p),
                f"escluso: {excluded}" if excluded is not None else (note(p, s) if note else ""),
                band(p, s) if band else None,
                excluded is None,
            )
        )
    weights = dict(zip(sharing, values))
    # leftover cents by rank (higher score first), then id (rules/core.md §4)
    parts = split(pool.amount, weights, rank=dict(zip(sharing, ranks))) if weights else {}
    shared = new_input(total_label, sum(weights.values(), Decimal(0)))  # one object for all who share (issue 18)
    listed = [t[0] for t in staged]
    made: list[Award] = []
    figures: list[Figure] = []
    name = pool.name
    for (pid, key, given, text, remark, level, shares), amount in zip(staged, in_order(listed, parts, ZERO)):
        if shares:
            given.append(shared)
        figures.append(new_figure(Figure, (key, amount, formula, source, tuple(given), text, remark)))
        made.append(new_award(pid, amount, name, level))
    trace.add(figures)
    return pool.with_distributed(sum(parts.values(), Decimal(0))), dict(zip(listed, made))
