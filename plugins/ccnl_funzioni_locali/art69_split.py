"""The art. 69 set-aside (rules/ccnl_funzioni_locali.md §2 step 5): ``M`` per beneficiary comes first from what
the plugin left unpaid of the beneficiary's pool; where that residual does not cover it, the regulation alone
(without this layer) splits the pool reduced by the set-aside once, by its own rule. Amounts are never split a
second time: nobody's premium changes when the residual covers the set-aside, and a cent never moves between
colleagues by a re-split of rounded amounts. Every pool is conserved: premium pool + set-aside = the fund.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ciclope.core import (
    Award,
    CycleHooks,
    Ente,
    EvaluationItem,
    Input,
    OrgPerformance,
    Params,
    Pool,
    Problem,
    Rewards,
    Score,
    Trace,
    fmt,
    hookspecs,
    money,
)

from .art69_records import fund_key, record_award, record_covered, record_pool, record_reduced

if TYPE_CHECKING:
    from .art69_plan import Plan

POOL = "maggiorazione_art69"
Reserve = money.Reserve
Parts = Mapping[str, frozenset[str]]  # a fund → the names of its parts that are the individual premium


@attrs.frozen
class Call:
    """The arguments of the plugin's ``ciclope_rewards``, to ask it once more on a reduced pool."""

    ente: Ente
    scores: dict[str, Score]
    pools: dict[str, Pool]
    params: Params
    org: OrgPerformance
    trace: Trace
    hooks: CycleHooks
    cards: Mapping[str, Sequence[EvaluationItem]]


def pool_of(rewards: Rewards, names: list[str], pid: str) -> str:
    """The individual-premium pool that pays ``pid`` the most (by name on a tie)."""
    mine = [a for a in rewards.awards.values() if a.person == pid and a.pool in names and a.amount > 0]
    return sorted(mine, key=lambda a: (-a.amount, a.pool))[0].pool


def set_aside(
    rewards: Rewards, found: Plan, names: list[str], call: Call, cited: tuple[str, str], parts: Parts
) -> Rewards:
    """``parts``: the funds whose individual premium is some of their parts (``pool/part``) → those parts' names:
    there the set-aside is taken from those parts alone (:func:`reserves`), the fund's other parts untouched."""
    source, article = cited
    per_pool: dict[str, Decimal] = {}
    for pid in found.beneficiaries:
        name = pool_of(rewards, names, pid)
        per_pool[name] = per_pool.get(name, Decimal(0)) + found.m
    short = {n: s for n, s in per_pool.items() if s > rewards.pools[n].residual}
    base = rewards
    if short:
        for n, s in short.items():
            if n not in call.pools or s > call.pools[n].amount:
                call.trace.problem(too_small(n, s, call.pools[n].amount if n in call.pools else Decimal(0), source))
                return rewards
        base = resplit(rewards, short, call, cited, reserves(rewards, short, parts, call, cited))
    pools = dict(base.pools)
    for n, s in per_pool.items():
        if n not in short:
            pools[n] = attrs.evolve(pools[n], amount=pools[n].amount - s)
            record_covered(call.trace, n, s, rewards.pools[n], source, article)
        pools[n] = attrs.evolve(pools[n], source=less_set_aside(rewards.pools[n], s, article))
    label = f"Maggiorazione del premio individuale ({article})"
    pools[POOL] = Pool(POOL, found.set_aside, found.set_aside, source=source, label=label)
    record_pool(call.trace, found, per_pool, (source, article), call.ente.people, rewards.pools)
    awards = dict(base.awards)
    for position, pid in enumerate(found.beneficiaries, start=1):
        awards[f"{pid}:{POOL}"] = Award(person=pid, amount=found.m, pool=POOL)
        record_award(call.trace, call.ente.people[pid], position, found, call.scores, (source, article))
    return attrs.evolve(base, pools=pools, awards=awards)


def less_set_aside(fund: Pool, taken: Decimal, article: str) -> str:
    """The source of a fund the set-aside reduced: where its whole amount comes from, and what was taken from it,
    so that a reader finds both the figure the office wrote and the one the table shows."""
    whole = f"{fund.source}, {fmt.euro(fund.amount)}" if fund.source else fmt.euro(fund.amount)
    return f"{whole}, meno {fmt.euro(taken)} accantonati per la maggiorazione del premio individuale ({article})"


def reserves(
    rewards: Rewards, short: Mapping[str, Decimal], parts: Parts, call: Call, cited: tuple[str, str]
) -> dict[str, tuple[Reserve, ...]]:
    """The set-aside of each fund whose individual premium is some of its parts, taken from those parts: the whole of
    it from the only one, else split in proportion to what each paid on the whole fund (largest remainder). A fund
    whose parts' own amounts are not known (the plugin names them together) is reduced whole, as a fund without
    parts."""
    label = "accantonamento per la maggiorazione del premio individuale"
    source = cited[0]
    out: dict[str, tuple[Reserve, ...]] = {}
    paid = None
    for n, s in short.items():
        mine = sorted(parts.get(n, ()))
        if len(mine) > 1 and paid is None:
            paid = call.hooks.first(
                hookspecs.ciclope_award_parts, params=call.params, rewards=rewards, trace=call.trace
            )
        totals = {p: Decimal(0) for p in mine}
        for entries in (paid or {}).get(n, {}).values():
            for part, amount in entries:
                if part in totals:
                    totals[part] += amount
        if len(mine) == 1:
            out[n] = (Reserve(mine[0], s, label, source),)
        elif mine and sum(totals.values()) > 0:
            shares = money.split(s, totals)
            out[n] = tuple(Reserve(p, shares[p], label, source) for p in mine if shares[p])
    return out


def resplit(
    rewards: Rewards,
    short: Mapping[str, Decimal],
    call: Call,
    cited: tuple[str, str],
    taken: Mapping[str, tuple[Reserve, ...]],
) -> Rewards:
    """The plugin's rewards on the funds reduced by the set-aside not covered by their residual, computed by the
    regulation alone and once (``taken``: where it comes from named parts of a fund); its figures replace the first
    ones, its problems are added when not already said at their place (:func:`said_at`)."""
    reduced = dict(call.pools)
    for n, s in short.items():
        reduced[n] = attrs.evolve(call.pools[n], amount=call.pools[n].amount - s, reserves=taken.get(n, ()))
    scratch = Trace()
    again = call.hooks.without_layers().one(
        hookspecs.ciclope_rewards,
        ente=call.ente,
        scores=call.scores,
        pools=reduced,
        params=call.params,
        org=call.org,
        trace=scratch,
        hooks=call.hooks,
        cards=call.cards,
    )
    seen = {said_at(p) for p in call.trace.problems}
    call.trace.extend(p for p in scratch.problems if said_at(p) not in seen)
    for n, s in short.items():
        record_reduced(scratch, (n, s, [r.part for r in taken.get(n, ())]), call.pools[n], rewards.pools[n], cited)
    changed = {a.person for k, a in again.awards.items() if k in rewards.awards and rewards.awards[k] != a}
    whole = {n: call.pools[n].amount for n in short}
    call.trace.add(
        mark(f, whole)
        if f.key.startswith("award:") and person(f.key) in changed and reads(f, whole)
        else reduced_fund(f, whole)
        for f in scratch.figures.values()
    )
    return again


def said_at(p: Problem) -> tuple[str, str, str, str, int | None, str]:
    """A problem of the regulation as the office meets it: its rule at its place, under its article. The split on
    the reduced pool says again what the first split said (a fund short of the premiums due, with the figures of the
    reduced fund): said once, with the figures of the fund the office wrote."""
    return p.rule, p.severity, p.source, p.file, p.row, p.column


def person(key: str) -> str:
    return key.split(":")[1] if key.count(":") >= 1 else ""


def reduced_fund(figure: Any, whole: Mapping[str, Decimal]) -> Any:
    """A figure of the split on a fund reduced by the set-aside (a premium, a part's fund, the premiums paid): the fund
    it reads is the reduced fund's figure, whose value it shows, with the whole fund and the set-aside under it —
    never the whole fund's figure, which shows another amount. ``whole``: each reduced fund's amount as given. An
    input that reads the whole amount (a part that keeps its share of the whole fund, the set-aside taken from
    another) opens the whole fund's figure, which shows that amount."""
    reduced = {f"pool:{n}": (fund_key(n), amount) for n, amount in whole.items()}

    def cut(i: Input) -> bool:
        return i.ref in reduced and i.value != reduced[i.ref][1]

    if figure.key in {key for key, _ in reduced.values()} or not any(cut(i) for i in figure.inputs):
        return figure  # the reduced fund's own figure reads the whole fund
    return figure._replace(inputs=tuple(less(i, reduced[i.ref]) if cut(i) else i for i in figure.inputs))


def less(fund: Input, reduced: tuple[str, Decimal]) -> Input:
    """The reduced fund as a premium reads it: its figure, and the subtraction in its words («fondo: € 24.000,00 −
    € 1.800,00 accantonati per la maggiorazione»), so that a person redoes it from the scheda, which shows no figure
    under the premium's elements."""
    key, amount = reduced
    taken = amount - Decimal(str(fund.value))
    said = f"{fund.name}: {fmt.euro(amount)} − {fmt.euro(taken)} accantonati per la maggiorazione"
    return attrs.evolve(fund, name=said, ref=key)


def reads(figure: Any, whole: Mapping[str, Decimal]) -> bool:
    """Whether a premium reads a fund the set-aside reduced: a premium of another fund of the same person (the
    organisational one, paid whole from its own fund) is not told that its fund was reduced."""
    return any(i.ref in {f"pool:{n}" for n in whole} for i in figure.inputs)


def mark(figure: Any, whole: Mapping[str, Decimal]) -> Any:
    """A premium split again on a fund reduced by the set-aside: its fund read from the reduced fund's figure
    (:func:`reduced_fund`), and a note that says so in words."""
    note = "fondo ridotto dell'accantonamento per la maggiorazione del premio individuale"
    figure = reduced_fund(figure, whole)
    return figure._replace(note=f"{figure.note}; {note}" if figure.note else note)


def too_small(name: str, taken: Decimal, given: Decimal, source: str) -> Problem:
    return Problem(
        rule="ccnl.art69.pool_too_small",
        severity="warning",
        source=source,
        message=f"maggiorazione del premio individuale: l'accantonamento per i beneficiari del fondo {name} "
        f"({fmt.euro(taken)}) supera il fondo ({fmt.euro(given)}): nessuna maggiorazione attribuita; rivedi quota "
        "e share nel contratto integrativo",
    )
