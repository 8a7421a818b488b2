"""The public tables' rows of outcomes without a level (rules/core.md §6): a small outcome merges with the small ones
beside it, never into an outcome large enough to stand on its own row, and no two rows of one group read «gli altri
esiti, uniti per la riservatezza»: a reader could not tell them apart."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.reports.transparency import Person, _top_first, merged_runs

OTHERS = "gli altri esiti, uniti per la riservatezza"


def staff(outcomes: list[tuple[str, int, str]]) -> list[Person]:
    """Each outcome's people, in order: (outcome, how many, the premium of each)."""
    return [
        Person("personale", outcome, None, Decimal(pay), None, frozenset({"premi"}) if Decimal(pay) else frozenset())
        for outcome, count, pay in outcomes
        for _ in range(count)
    ]


def rows(everyone: list[Person]) -> list[tuple[str, int]]:
    by_level: dict[str, list[int]] = {}
    for i, person in enumerate(everyone):
        by_level.setdefault(person.level, []).append(i)
    runs = [[(name, by_level[name]) for name in run] for run in _top_first(by_level, ())]
    return [(name, len(members)) for name, members in merged_runs(runs, everyone, frozenset(by_level))]


def test_small_outcomes_merge_among_themselves_and_the_paid_keep_their_name():
    # 8 evaluated and paid; 1 under the minimum score, 2 not admitted, 1 without evaluation: 4 people with no premium.
    # By name alone «escluso…» (1) and «non ammesso» (2) made a row of 3, «non valutato» (1) went into «valutato» (8):
    # two rows «gli altri esiti». The 4 small outcomes together are 4 people, none paid: one row; «valutato» its own.
    everyone = staff(
        [
            ("escluso per punteggio minimo", 1, "0"),
            ("non ammesso", 2, "0"),
            ("non valutato", 1, "0"),
            ("valutato", 8, "100"),
        ]
    )
    assert rows(everyone) == [("valutato", 8), (OTHERS, 4)]


def test_two_rows_of_outcomes_are_one():
    # 5 paid; four small outcomes of 1, 2, 1 and 2 people: merged two by two they are rows of 3 and 3, both «gli altri
    # esiti»: one row of 6 (each of 3 or more, so is their union)
    everyone = staff([("a", 1, "0"), ("b", 2, "0"), ("c", 1, "0"), ("d", 2, "0"), ("valutato", 5, "100")])
    assert rows(everyone) == [("valutato", 5), (OTHERS, 6)]


def test_a_lone_small_outcome_still_goes_up_into_the_group_beside_it():
    # 6 paid and 1 under the minimum: the 1 alone cannot stand; the whole group is one row (rules/core.md §6)
    everyone = staff([("escluso per punteggio minimo", 1, "0"), ("valutato", 6, "100")])
    assert rows(everyone) == [("tutti gli esiti, uniti per la riservatezza", 7)]
