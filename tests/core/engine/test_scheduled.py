"""The instalments of a premium never promise more than the award pays (core/engine/scheduled.py)."""

from __future__ import annotations

from decimal import Decimal as D

from ciclope.core import Award, Rewards, money
from ciclope.core.engine.scheduled import beyond_awards


def instalment(person: str, month: int, amount: str) -> money.Instalment:
    return money.Instalment(
        person=person, pool="premi", what="premio", year=2024, month=month, share=D("0.5"), amount=D(amount)
    )


def test_instalments_within_the_award_are_fine():
    # A's award 300,01: 150,00 + 150,01 = 300,01, all of it; B's 100,00: 50,00 + 50,00
    rewards = Rewards(
        awards={"A": Award("A", D("300.01"), "premi"), "B": Award("B", D("100.00"), "premi")},
        instalments=(instalment("A", 7, "150.00"), instalment("A", 12, "150.01"), instalment("B", 7, "50.00"),
                     instalment("B", 12, "50.00")),
    )  # fmt: skip
    assert beyond_awards(rewards) == []


def test_instalments_beyond_the_award_are_an_error():
    # the award was lowered to 250,00 after its instalments were split from 300,01: 150,00 + 150,01 = 300,01 > 250,00
    rewards = Rewards(
        awards={"A": Award("A", D("250.00"), "premi")},
        instalments=(instalment("A", 7, "150.00"), instalment("A", 12, "150.01")),
    )
    [problem] = beyond_awards(rewards)
    assert (problem.rule, problem.severity) == ("core.instalments.beyond", "error")
    assert problem.message.startswith("le rate di A dal fondo premi sommano € 300,01, più del premio (€ 250,00)")
