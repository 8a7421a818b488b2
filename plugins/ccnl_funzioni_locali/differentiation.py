"""Differentiation of premi (D.Lgs. 150/2009 art. 18 c. 2, as amended by D.Lgs. 74/2017), rules §3.

«È vietata la distribuzione in maniera indifferenziata o sulla base di automatismi di incentivi e premi
collegati alla performance»: for every ente of the comparto, among ≥ 5 rewarded people of a pool, all at
the same level or all with the same amount is a warning naming the law. "The same amount" is judged before
cent rounding: amounts that differ only by the cent the largest remainder adds are the same. Where the ente's
own regulation makes it an error (a ``*.differentiation.*`` error of the plugin), the plugin's error stands
alone. The Relazione's figures are in :mod:`.report`.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Mapping
from decimal import Decimal

import attrs

from ciclope.core import Award, Ente, Problem, Rewards, Score, Trace, fmt, hookimpl, money

from .national import cite, in_force

MIN_PEOPLE = 5
CENT = Decimal("0.01")
EXEMPT = ("maggiorazione_art69",)  # one amount M by construction (art. 69)


@hookimpl(wrapper=True)
def ciclope_rewards(
    ente: Ente, scores: dict[str, Score], trace: Trace
) -> Generator[None, Rewards | None, Rewards | None]:
    rewards = yield
    law = in_force("differenziazione", ente.year)
    if rewards is None or law is None:
        return rewards
    if any(p.severity == "error" and ".differentiation." in p.rule for p in trace.problems):
        return rewards
    trace.extend(undifferentiated(rewards, scores, cite(law)))
    return rewards


def undifferentiated(rewards: Rewards, scores: Mapping[str, Score], source: str) -> list[Problem]:
    """A warning for each pool whose ≥ 5 rewarded people are all at one level or all paid one amount."""
    out = []
    paid_by_pool = paid_in(rewards.awards.values())
    for name in rewards.pools:
        # an incentive a law destines (art. 208 CdS, funzioni tecniche) is no premio collegato alla performance
        if name in EXEMPT or rewards.pools[name].kind == money.INCENTIVE:
            continue
        paid = paid_by_pool.get(name, [])
        if len(paid) < MIN_PEOPLE:
            continue
        levels = {level_of(a, scores) for a in paid}
        amounts = [a.amount for a in paid]
        fund = fmt.fund(name, rewards.pools[name].label)  # by its words: «Premi per la performance individuale»
        if len(levels) == 1 and None not in levels:
            out.append(
                warning(fund, f"{fmt.all_of(len(paid))} premiati sono nello stesso livello ({levels.pop()})", source)
            )
        elif max(amounts) - min(amounts) <= CENT:
            out.append(warning(fund, f"{fmt.all_of(len(paid))} premiati ricevono lo stesso importo", source))
    return out


def paid_in(awards: Iterable[Award]) -> dict[str, list[Award]]:
    """The people paid above zero by pool, in their order, each once with what the pool paid them: an EQ's own result
    pay and the interim of a vacant post from the same fund are one premiato, as the published data count them. One
    pass over the awards for all the pools."""
    out: dict[str, dict[str, Award]] = {}
    for a in awards:
        if a.amount > 0:
            mine = out.setdefault(a.pool, {})
            seen = mine.get(a.person)
            mine[a.person] = a if seen is None else attrs.evolve(seen, amount=seen.amount + a.amount, ref=None)
    return {pool: list(people.values()) for pool, people in out.items()}


def level_of(award: Award, scores: Mapping[str, Score]) -> str | None:
    score = scores.get(award.person)
    return award.band or (score.level if score is not None else None)


def warning(pool: str, what: str, source: str) -> Problem:
    return Problem(
        rule="ccnl.differenziazione",
        severity="warning",
        source=source,
        message=f"fondo «{pool}»: {what}. La legge vieta la distribuzione indifferenziata o automatica dei premi "
        "(D.Lgs. 150/2009 art. 18 c. 2) e la Corte dei conti la tratta come danno erariale: "
        "verifica che le valutazioni distinguano davvero",
    )
