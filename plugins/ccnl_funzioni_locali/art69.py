"""Maggiorazione del premio individuale (CCNL Funzioni Locali 21.5.2018 art. 69; ARAN CFL126), rules §2.

A wrapper of ``ciclope_rewards``: the plugin computes its rewards first; the layer then
1. takes the positively evaluated = the people the plugin pays from its individual-premium pools (> 0);
2. mean = Σ those pools before the set-aside / their number, half-up; ``M = share × mean``, half-up;
3. beneficiaries = the first ``floor(quota × n)`` of the ranking (score, highest first); people tied at the
   cut are all excluded (the quota is a maximum);
4. sets aside ``M`` per beneficiary from the beneficiary's own pool, splits the rest of that pool among the
   same people in proportion to what the plugin gave them (the built-in rules are proportional, so this is
   the plugin's rule on the smaller pool; cents by largest remainder, ties by score then id), and pays each
   beneficiary ``M`` from the pool ``maggiorazione_art69``. Every pool is conserved to the cent.
Not configured in ``[ente.national]`` in a cycle from 2018: a warning, and no money moves.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import attrs

from ciclope.core import Award, Ente, Input, Params, Pool, Problem, Rewards, Score, Trace, fmt, hookimpl, money

from .config import Maggiorazione, maggiorazione
from .national import cite, in_force

POOL = "maggiorazione_art69"
KEY = "art69"


@attrs.frozen
class Plan:
    """The art. 69 figures of one ente: each is an input of the next."""

    total: Decimal  # the individual-premium pools before the set-aside
    ranking: tuple[tuple[str, Decimal], ...]  # the positively evaluated, highest score first
    mean: Decimal
    m: Decimal
    slots: int  # floor(quota × n): the maximum number of beneficiaries
    cut: Decimal | None  # the score tied across the cut (all of them excluded), if any
    beneficiaries: tuple[str, ...]

    @property
    def set_aside(self) -> Decimal:
        return self.m * len(self.beneficiaries)


def plan(total: Decimal, ranking: list[tuple[str, Decimal]], rule: Maggiorazione) -> Plan:
    """Steps 2–4 of rules §2 on ``ranking`` (id, score) of the positively evaluated, in ranking order."""
    n = len(ranking)
    mean = money.r2(total / n)
    m = money.r2(rule.share * mean)
    slots = int((rule.quota * n).to_integral_value(rounding=ROUND_FLOOR))
    top = ranking[:slots]
    cut = ranking[slots][1] if 0 < slots < n and top[-1][1] == ranking[slots][1] else None
    chosen = tuple(pid for pid, score in top if cut is None or score > cut)
    return Plan(total, tuple(ranking), mean, m, slots, cut, chosen)


def ranked(awards: Mapping[str, Award], scores: Mapping[str, Score]) -> list[tuple[str, Decimal]]:
    """The people paid (> 0) by ``awards``, by score (highest first), then id."""
    people = {a.person for a in awards.values() if a.amount > 0}
    scored = [(pid, scores[pid].score or Decimal(0)) for pid in people if pid in scores]
    return sorted(scored, key=lambda item: (-item[1], item[0]))


def premium_pools(names: list[str], pools: Mapping[str, Pool]) -> list[str]:
    """The pools named by the plugin's ``ciclope_individual_premium`` (a name ending in ':' is a prefix)."""
    return [p for p in pools if any(p == n or (n.endswith(":") and p.startswith(n)) for n in names)]


@hookimpl(wrapper=True)
def ciclope_rewards(
    ente: Ente, scores: dict[str, Score], params: Params, trace: Trace, hooks: Any
) -> Generator[None, Rewards | None, Rewards | None]:
    # ``hooks`` is the core's typed facade (not on the plugin surface): only ``individual_premium`` is asked
    rewards = yield
    law = in_force("maggiorazione_art69", ente.year)
    if rewards is None or law is None or hooks is None:
        return rewards
    names = premium_pools(hooks.individual_premium(params=params), rewards.pools)
    paying = {k: a for k, a in rewards.awards.items() if a.pool in names and a.amount > 0}
    if not paying:
        return rewards
    rule = maggiorazione(params)
    if rule is None:
        trace.problem(not_configured(ente.year, cite(law)))
        return rewards
    found = plan(sum((rewards.pools[n].amount for n in names), Decimal(0)), ranked(paying, scores), rule)
    record_plan(found, rule, {n: rewards.pools[n].amount for n in names}, trace, cite(law))
    if not found.beneficiaries:
        return rewards
    return apply(rewards, found, paying, scores, trace, cite(law))


def not_configured(year: int, source: str) -> Problem:
    return Problem(
        rule="ccnl.art69.not_configured",
        severity="warning",
        source=source,
        column="national.maggiorazione",
        message=f"maggiorazione del premio individuale (art. 69 CCNL 21.5.2018) non configurata per il {year}: il "
        "contratto la richiede, la misura la decide il contratto integrativo; nessun importo è stato spostato. "
        "Aggiungi in cycle.toml [ente.national] maggiorazione = { share = 0.30, quota = 0.10 } con i valori del CCDI",
    )


def apply(
    rewards: Rewards, found: Plan, paying: Mapping[str, Award], scores: Mapping[str, Score], trace: Trace, source: str
) -> Rewards:
    """The set-aside taken from each beneficiary's pool, the rest re-split, and ``M`` paid to each beneficiary."""
    pools, awards = dict(rewards.pools), dict(rewards.awards)
    chosen = set(found.beneficiaries)
    rank = {k: (-(scores[a.person].score or 0), a.person) for k, a in paying.items()}
    for name in sorted({a.pool for a in paying.values()}):
        keys = [k for k, a in paying.items() if a.pool == name]
        taken = found.m * sum(1 for k in keys if paying[k].person in chosen)
        given = sum((paying[k].amount for k in keys), Decimal(0))
        if taken == 0:
            continue
        if taken > given:  # a pool too small for its beneficiaries' set-aside: nothing moves (never a negative)
            trace.problem(too_small(name, taken, given, source))
            return rewards
        parts = money.split(given - taken, {k: paying[k].amount for k in keys}, rank=rank)
        for k in keys:
            awards[k] = attrs.evolve(paying[k], amount=parts[k])
            record_rest(trace, paying[k], parts[k], given, taken, source)
        pool = pools[name]
        pools[name] = attrs.evolve(pool, amount=pool.amount - taken, distributed=pool.distributed - taken)
    label = "Maggiorazione del premio individuale (art. 69 CCNL 21.5.2018)"
    pools[POOL] = Pool(POOL, found.set_aside, found.set_aside, source=source, label=label)
    for position, pid in enumerate(found.beneficiaries, start=1):
        awards[f"{pid}:{POOL}"] = Award(person=pid, amount=found.m, pool=POOL)
        record_award(trace, pid, position, found, source)
    return attrs.evolve(rewards, pools=pools, awards=awards)


def too_small(name: str, taken: Decimal, given: Decimal, source: str) -> Problem:
    return Problem(
        rule="ccnl.art69.pool_too_small",
        severity="warning",
        source=source,
        message=f"art. 69: l'accantonamento per i beneficiari del fondo {name} ({fmt.euro(taken)}) supera quanto il "
        f"fondo paga ({fmt.euro(given)}): nessuna maggiorazione attribuita; rivedi quota e share nel contratto integrativo",
    )


def record_plan(found: Plan, rule: Maggiorazione, pools: Mapping[str, Decimal], trace: Trace, source: str) -> None:
    n = len(found.ranking)
    trace.record(
        f"{KEY}:media",
        found.mean,
        "fondo del premio individuale prima dell'accantonamento / numero dei valutati positivamente",
        source,
        [Input(f"fondo {name}", amount, ref=f"pool:{name}") for name, amount in pools.items()]
        + [Input("totale dei fondi", found.total), Input("valutati positivamente", n)],
        label="Art. 69 — valore medio pro capite dei premi",
    )
    trace.record(
        f"{KEY}:maggiorazione",
        found.m,
        "share × valore medio pro capite (non inferiore al 30%)",
        source,
        [Input("share (CCDI)", rule.share), Input("valore medio", found.mean, ref=f"{KEY}:media")],
        label="Art. 69 — maggiorazione M",
    )
    cut = f"; pari merito al taglio (punteggio {found.cut}) tutti esclusi" if found.cut is not None else ""
    trace.record(
        f"{KEY}:quota",
        len(found.beneficiaries),
        "primi floor(quota × valutati positivamente) della graduatoria per punteggio; un pari merito a cavallo "
        "del taglio è escluso (la quota è un massimo)",
        source,
        [Input("quota (CCDI)", rule.quota), Input("valutati positivamente", n), Input("posti", found.slots)],
        label="Art. 69 — beneficiari",
        note=f"accantonamento {found.set_aside} € = {len(found.beneficiaries)} × {found.m} €{cut}",
    )


def record_rest(trace: Trace, award: Award, amount: Decimal, given: Decimal, taken: Decimal, source: str) -> None:
    trace.record(
        f"award:{award.person}:{award.pool}",
        amount,
        "premio del regolamento ripartito su quanto resta dopo l'accantonamento dell'art. 69 (in proporzione al "
        "premio calcolato dal regolamento; resti maggiori)",
        source,
        [
            Input("premio calcolato dal regolamento", award.amount, ref=f"award:{award.person}"),
            Input("distribuito dal fondo", given),
            Input("accantonamento art. 69", taken),
        ],
        label=f"Premio di {award.person} dopo l'accantonamento dell'art. 69",
    )


def record_award(trace: Trace, pid: str, position: int, found: Plan, source: str) -> None:
    score = dict(found.ranking)[pid]
    trace.record(
        f"award:{pid}:{POOL}",
        found.m,
        "maggiorazione M a ciascun beneficiario entro la quota",
        source,
        [
            Input("maggiorazione M", found.m, ref=f"{KEY}:maggiorazione"),
            Input("beneficiari", len(found.beneficiaries), ref=f"{KEY}:quota"),
            Input("posizione in graduatoria", position),
            Input("punteggio", score, ref=f"score:{pid}"),
        ],
        label=f"Maggiorazione art. 69 di {pid}",
    )
