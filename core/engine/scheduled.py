"""A premium paid in instalments pays the premium, no more: a person's instalments from a pool sum to at most what
their awards from that pool pay (each premium's instalments sum exactly to it when split by ``money.in_shares``).

A plugin that recorded its instalments before a later step lowered the award would otherwise tell a person of
payments that the award does not hold; the cycle reports it as an error of the regulation's computation.
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.fmt import euro
from ciclope.core.outcomes import Rewards
from ciclope.core.problems import Problem


def beyond_awards(rewards: Rewards) -> list[Problem]:
    """An error for each person and pool whose instalments sum to more than the person's awards from the pool."""
    if not rewards.instalments:
        return []
    due: dict[tuple[str, str], Decimal] = {}
    for i in rewards.instalments:
        due[i.person, i.pool] = due.get((i.person, i.pool), Decimal(0)) + i.amount
    paid: dict[tuple[str, str], Decimal] = {}
    for a in rewards.awards.values():
        paid[a.person, a.pool] = paid.get((a.person, a.pool), Decimal(0)) + a.amount
    return [
        Problem(
            rule="core.instalments.beyond",
            severity="error",
            source="rules/core.md §4",
            message=f"le rate di {person} dal fondo {pool} sommano {euro(total)}, più del premio ({euro(got)}): "
            "il plugin deve dividere in rate il premio pagato, dopo ogni suo passo (money.in_shares)",
        )
        for (person, pool), total in due.items()
        if total > (got := paid.get((person, pool), Decimal(0)))
    ]
