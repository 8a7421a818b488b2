"""Differenziazione del premio individuale (CCNL Funzioni Locali 21.5.2018 art. 69, from 16.11.2022 art. 81 CCNL
16.11.2022, from 2026 art. 48 CCNL 23.2.2026; ARAN CFL126), rules §2.

A wrapper of ``ciclope_rewards``: the plugin computes its rewards first; the layer then
1. takes the positively evaluated = the people the plugin pays from its individual-premium pools (> 0);
2. mean = what the plugin attributed to them / their number, half-up; ``M = share × mean``, half-up;
3. beneficiaries, per ranking of the plugin (``ciclope_premium_rankings``): the first
   ``floor(quota × staff evaluated in the ranking)`` of the positively evaluated, highest score first; people
   tied at the cut are all excluded (the quota is a maximum), unless the CCDI's tie criteria of art. 48 CCNL
   23.2.2026 (:mod:`.ties`) put some of them within it;
4. sets aside ``M`` per beneficiary from the beneficiary's pool: first from what the plugin left unpaid of it;
   when that does not cover it, the regulation alone splits the reduced pool once by its own rule
   (:mod:`.art69_split`), and pays each beneficiary ``M`` from the pool ``maggiorazione_art69``.
Not configured in ``[ente.nazionale]`` in a cycle from 2018: a warning, and no money moves. From 2026 (:mod:`.art48`):
not applicable to an ente of at most 5 employees (no money moves, no warning), a share below the minimum for the
ente's size moves no money (the error is :func:`.art48.ciclope_validate`'s), and without the CCDI's tie criteria a
warning names art. 48 and ties at the cut stay excluded.
"""

from __future__ import annotations

import math
from collections.abc import Generator, Mapping, Sequence
from decimal import ROUND_FLOOR, Decimal

import attrs

from ciclope.core import (
    CycleHooks,
    Ente,
    EvaluationItem,
    OrgPerformance,
    Params,
    Person,
    Pool,
    Problem,
    Rewards,
    Score,
    Trace,
    fmt,
    hookimpl,
    hookspecs,
    money,
)

from . import art48, art69_split, ties
from .art69_own import paid_to_nobody, record_own, short_of_minimum
from .art69_plan import Plan, Ranked
from .art69_records import ranking_words, record_below_cut, record_plan, record_pool, record_tied_out, who
from .config import EXAMPLE, Maggiorazione, maggiorazione
from .national import article, cite, in_force

POOL = art69_split.POOL
KEY = "art69"
NOT_CONFIGURED = "ccnl.art69.not_configured"


@attrs.frozen
class TieRule:
    """The CCDI's criteria that break a tie at the cut, in order, and the key each gives a person."""

    criteria: tuple[str, ...]
    key: ties.Key


def cut_ranking(
    rid: str, evaluated: int, candidates: list[tuple[str, Decimal]], quota: Decimal, tie: TieRule | None = None
) -> Ranked:
    """The first ``floor(quota × evaluated)`` of ``candidates`` (ranking order); a tie across the cut is out, but
    for the tied people the CCDI's criteria (``tie``) put within the places left."""
    slots = int((quota * evaluated).to_integral_value(rounding=ROUND_FLOOR))
    top = candidates[:slots]
    across = 0 < slots < len(candidates) and top[-1][1] == candidates[slots][1]
    if not across:
        return Ranked(rid, evaluated, tuple(candidates), slots, None, tuple(pid for pid, _ in top))
    cut = candidates[slots][1]
    above = tuple(pid for pid, score in top if score > cut)
    tied = tuple(pid for pid, score in candidates if score == cut)
    if tie is None:
        return Ranked(rid, evaluated, tuple(candidates), slots, cut, above, tied)
    broken = ties.admit(tied, slots - len(above), tie.criteria, tie.key)
    return Ranked(rid, evaluated, tuple(candidates), slots, cut, above + broken.admitted, tied, broken)


def plan(
    attributed: Mapping[str, Decimal],
    rankings: Mapping[str, Sequence[str]],
    scores: Mapping[str, Score],
    rule: Maggiorazione,
    tie: TieRule | None = None,
) -> Plan:
    """Steps 2–4 of rules §2: ``attributed`` = person → premium (> 0) of the positively evaluated; ``rankings`` =
    ranking id → the staff evaluated in it; ``tie``: the CCDI's tie criteria (art. 48 CCNL 23.2.2026)."""
    total = sum(attributed.values(), Decimal(0))
    mean = money.r2(total / len(attributed))
    m = money.r2(rule.share * mean)
    out = []
    for rid, members in rankings.items():
        evaluated = [pid for pid in members if pid in scores and scores[pid].score is not None]
        paid = [(pid, scores[pid].score or Decimal(0)) for pid in evaluated if pid in attributed]
        out.append(cut_ranking(rid, len(evaluated), sorted(paid, key=lambda t: (-t[1], t[0])), rule.quota, tie))
    return Plan(total, len(attributed), mean, m, tuple(out), rule.share)


def default_rankings(ente: Ente, scores: Mapping[str, Score], paid: set[str]) -> dict[str, list[str]]:
    """Without the plugin's rankings: one ranking of every scored person of a role the premium pays."""
    roles = {ente.people[pid].role for pid in paid if pid in ente.people}
    people = [p.id for p in ente.people.values() if p.role in roles and p.id in scores] or sorted(paid)
    return {"ente": people}


def premium_pools(names: list[str], pools: Mapping[str, Pool]) -> list[str]:
    """The pools named by the plugin's ``ciclope_individual_premium`` (a name ending in ':' is a prefix)."""
    return [p for p in pools if any(p == n or (n.endswith(":") and p.startswith(n)) for n in names)]


def individual_parts(named: Sequence[str]) -> dict[str, frozenset[str]]:
    """The pools named by their parts (``pool/part``: a pool whose other parts are not the individual premium) →
    the names of the parts that are."""
    out: dict[str, set[str]] = {}
    for n in named:
        pool, _, part = n.partition("/")
        if part:
            out.setdefault(pool, set()).add(part)
    return {pool: frozenset(parts) for pool, parts in out.items()}


def attributed_premiums(
    rewards: Rewards,
    names: Sequence[str],
    parts: Mapping[str, frozenset[str]],
    hooks: CycleHooks,
    params: Params,
    trace: Trace,
) -> dict[str, Decimal]:
    """Person → the individual premium attributed (> 0): the awards of the individual-premium pools, of a pool named
    by its parts only what those parts paid (as ``ciclope_award_parts`` says it; where it names the parts together,
    their own amounts unknown, the whole award)."""
    paid = hooks.first(hookspecs.ciclope_award_parts, params=params, rewards=rewards, trace=trace) if parts else None
    out: dict[str, Decimal] = {}
    for a in rewards.awards.values():
        if a.pool not in names:
            continue
        amount = a.amount
        if a.pool in parts and paid is not None and a.person in paid.get(a.pool, {}):
            amount = sum((v for n, v in paid[a.pool][a.person] if _of_parts(n, parts[a.pool])), Decimal(0))
        if amount > 0:
            out[a.person] = out.get(a.person, Decimal(0)) + amount
    return out


def _of_parts(name: str, parts: frozenset[str]) -> bool:
    """An entry of ``ciclope_award_parts`` that is (or, naming parts together «a» e «b», holds) one of ``parts``."""
    return name in parts or any(fmt.quoted(p) in name for p in parts)


@hookimpl(wrapper=True)
def ciclope_rewards(
    ente: Ente,
    scores: dict[str, Score],
    pools: dict[str, Pool],
    params: Params,
    org: OrgPerformance,
    trace: Trace,
    hooks: CycleHooks,
    cards: Mapping[str, Sequence[EvaluationItem]],
) -> Generator[None, Rewards | None, Rewards | None]:
    # ``hooks`` asks the plugin's pools, its rankings, and (once, when the residual does not cover the
    # set-aside) its split of the reduced pool
    rewards = yield
    law = in_force("maggiorazione_art69", ente.year)
    if rewards is None or law is None or hooks is None:
        return rewards
    named = hooks.one(hookspecs.ciclope_individual_premium, params=params)
    names = premium_pools([n.partition("/")[0] for n in named], rewards.pools)
    parts = individual_parts(named)
    attributed = attributed_premiums(rewards, names, parts, hooks, params, trace)
    if not attributed or art48.not_applicable(ente):
        return rewards
    rule = maggiorazione(params)
    own = hooks.first(hookspecs.ciclope_own_maggiorazione, params=params, rewards=rewards, trace=trace)
    if own is not None:  # the regulation pays it in a part of its own: never twice, never said missing
        record_own(own.part, rule is not None, trace, law)
        floor = art48.minimum(ente.year, art48.employees(ente), art48.objectives(ente, rule))
        counted = own.pool in names and (own.pool not in parts or own.part in parts[own.pool])
        people = {pid: person.name for pid, person in ente.people.items()}
        trace.extend(short_of_minimum(own, attributed, counted, floor, law, people))
        trace.extend(paid_to_nobody(own, attributed, law))
        return rewards
    if rule is None:
        trace.problem(not_configured(ente.year, article(law.source), cite(law)))
        return rewards
    floor = art48.minimum(ente.year, art48.employees(ente), art48.objectives(ente, rule))
    if floor is not None and rule.share < floor.share:  # the error is art48's validation
        return rewards
    tie = None if rule.ties is None else TieRule(rule.ties, ties.key_of(ente))
    rankings = hooks.first(hookspecs.ciclope_premium_rankings, ente=ente, params=params) or default_rankings(
        ente, scores, set(attributed)
    )
    found = plan(attributed, rankings, scores, rule, tie)
    words = f"al {fmt.decimal_it(floor.share * 100, 0)}%" if floor is not None else "al 30%"
    record_plan(found, rule, trace, (cite(law), article(law.source)), words, ente.people)
    record_tied_out(trace, found, scores, (cite(law), article(law.source)), ente.people)
    record_below_cut(trace, found, scores, (cite(law), article(law.source)))
    trace.extend(tie_problems(ente.year, rule, found, article(law.source), cite(law), ente.people))
    missing = without_cards(rankings, scores, cards)
    trace.extend(no_places(rule, found, article(law.source), cite(law), (missing, ente.people)))
    trace.extend(lacking(ente, found, cite(law)))
    if not found.beneficiaries:
        record_pool(trace, found, {}, (cite(law), article(law.source)), ente.people)
        return rewards
    call = art69_split.Call(
        ente=ente, scores=scores, pools=pools, params=params, org=org, trace=trace, hooks=hooks, cards=cards
    )
    return art69_split.set_aside(rewards, found, names, call, (cite(law), article(law.source)), parts)


def no_places(
    rule: Maggiorazione,
    found: Plan,
    law: str,
    source: str,
    missing: tuple[Mapping[str, Sequence[str]], Mapping[str, Person]] = ({}, {}),
) -> list[Problem]:
    """A warning when the quota of the staff evaluated gives no place in any ranking (the quota is a maximum: rounded
    down) while someone had a premium: the CCDI's clause pays nobody, and only the office can say whether it meant
    so; the least quota that gives one place is said. A ranking without places beside one with them is the clause
    working as written (a small area of a regulation that ranks by area): no warning. ``missing``: by ranking, the
    people in it without a card, and the ente's people: a card missing by mistake is said first (:func:`uncarded`),
    before any quota to change."""
    ranked = [r for r in found.rankings if r.candidates]
    if not ranked or any(r.slots for r in found.rankings):
        return []
    widest = max(ranked, key=lambda r: r.evaluated)  # the ranking a place needs the least quota in
    least = Decimal(math.ceil(Decimal(10_000) / widest.evaluated)) / 10_000  # the quota × staff reaching 1, up
    where = (
        f"delle {widest.evaluated} persone valutate della graduatoria {ranking_words(widest.id)}"
        if len(ranked) == 1
        else f"delle persone valutate di ciascuna graduatoria (al più {widest.evaluated}, nella graduatoria "
        f"{ranking_words(widest.id)})"
    )
    return [
        Problem(
            rule="ccnl.maggiorazione.nessun_posto",
            severity="warning",
            source=source,
            column="nazionale.maggiorazione.quota_personale",
            message=f"maggiorazione del premio individuale ({law}): {said_pct(rule.quota)} {where} dà 0 posti (la "
            "quota è un massimo, per difetto): nessuno riceve la maggiorazione. "
            + uncarded(
                rule,
                ranked,
                missing,
                f"un posto vuole una quota di almeno {said_pct(least)} in [ente.nazionale] quota_personale",
            ),
        )
    ]


def without_cards(
    rankings: Mapping[str, Sequence[str]], scores: Mapping[str, Score], cards: Mapping[str, Sequence[EvaluationItem]]
) -> dict[str, tuple[str, ...]]:
    """By ranking, its people without a card (and so without a score): with it, they would be among its evaluated."""
    found = {
        rid: tuple(pid for pid in members if pid not in cards and (pid not in scores or scores[pid].score is None))
        for rid, members in rankings.items()
    }
    return {rid: pids for rid, pids in found.items() if pids}


def _with_cards(ranked: Sequence[Ranked], missing: Mapping[str, Sequence[str]]) -> Ranked | None:
    """The ranking whose missing cards would add the most evaluated, or None where no card is missing."""
    lacking = [r for r in ranked if missing.get(r.id)]
    return max(lacking, key=lambda r: r.evaluated + len(missing[r.id]), default=None)


def uncarded(
    rule: Maggiorazione,
    ranked: Sequence[Ranked],
    missing: tuple[Mapping[str, Sequence[str]], Mapping[str, Person]],
    hint: str,
) -> str:
    """The ``hint`` of the quota to write, after, where people of a ranking have no card, who and how many, and what
    their cards would make of the quota: «Manca la scheda di valutazione di Stefano Barbieri (P06): con la sua scheda
    i valutati sarebbero 10 e il 10% darebbe un posto. Se la scheda non manca per errore, un posto vuole …»."""
    (lacking, people), r = missing, _with_cards(ranked, missing[0])
    if r is None:
        return hint[0].upper() + hint[1:]
    pids = lacking[r.id]
    one, total = len(pids) == 1, r.evaluated + len(pids)
    named = fmt.listed(f"{people[pid].name} ({pid})" if pid in people and people[pid].name else pid for pid in pids)
    many = f"Mancano le schede di valutazione di {len(pids)} persone, {named}"
    who = f"Manca la scheda di valutazione di {named}" if one else many
    where = f" della graduatoria {ranking_words(r.id)}" if len(ranked) > 1 else ""
    gives = (rule.quota * total).to_integral_value(ROUND_FLOOR) >= 1  # as a ranking's places are counted
    said = "darebbe un posto" if gives else "non darebbe ancora nessun posto"
    text = (
        f"{who}{where}: con {'la sua scheda' if one else 'le loro schede'} i valutati sarebbero {total} e "
        f"{said_pct(rule.quota)} {said}. "
    )
    if not gives:
        return text + hint[0].upper() + hint[1:]
    return text + f"Se {'la scheda non manca' if one else 'le schede non mancano'} per errore, {hint}"


def said_pct(value: Decimal) -> str:
    """A share with its article, as typed: «il 10%», «il 12,5%», «l'11,12%»."""
    decimals = fmt.pct_typed(value).rstrip("%").partition(",")[2]
    return fmt.the_pct(value, len(decimals))


PARITA = '[ente.nazionale] maggiorazione = { …, parita = ["sezione:<nome>", "assenze", "eta"] }'
# Before 2026 a CCDI's own tie rule is the regulation's part that pays the maggiorazione itself: said in words, with
# the one title of the user guide that shows it, since the office reads it in a warning, not in a configuration file
OWN_TIE_RULE = (
    "Se il contratto integrativo dell'ente ha una sua regola di parità, la maggiorazione si scrive nel regolamento al "
    "posto di maggiorazione in cycle.toml: una parte con maggiorazione = true e la condizione "
    "RANGO.ENTE(punteggio; -assenze), come mostra la guida al regolamento in «La valutazione più elevata» (Esempi da "
    "testi reali)"
)


def tie_problems(
    year: int, rule: Maggiorazione, found: Plan, law: str, source: str, people: Mapping[str, Person]
) -> list[Problem]:
    """One warning about ties at the cut without the CCDI's criteria: where the contract in force asks for them
    (art. 48 CCNL 23.2.2026) that they are not declared, with the people a tie left out; before it, only where a tie
    left people out, naming them and the key that declares the criteria from the contract that asks for them."""
    row = in_force("maggiorazione_parita", year)
    if rule.ties is not None:
        return []
    out = "; ".join(tied_words(r, people) for r in found.rankings if r.cut is not None)
    if row is not None:
        message = (
            f"criteri di parità non dichiarati: {article(row.source)} chiede al contratto integrativo di fissarli "
            "prima, con la quota massima; i pari merito a cavallo del limite della quota sono esclusi"
            + (f" ({out})" if out else "")
            + f". Aggiungi in cycle.toml {PARITA} come deciso dal CCDI"
        )
        return [_tie_problem("ccnl.maggiorazione.parita", message, cite(row))]
    if not out:
        return []
    message = (
        f"maggiorazione del premio individuale ({law}): {out}, perché la quota è un massimo e il contratto nazionale "
        f"in vigore nel {year} non dice chi prevale a pari punteggio (i criteri di parità del contratto integrativo "
        f"vengono con l'art. 48 CCNL Funzioni Locali 23.2.2026, dai cicli 2026). {OWN_TIE_RULE}"
    )
    # the office wrote the key maggiorazione, not parita (an error before 2026): «Dove» names what it wrote
    return [_tie_problem("ccnl.maggiorazione.pari_merito", message, source, "nazionale.maggiorazione")]


def tied_words(r: Ranked, people: Mapping[str, Person]) -> str:
    """The people a tie at the cut of a ranking left out, in words, each by name and code."""
    left = r.slots - sum(1 for pid in r.chosen if pid not in r.tied)
    return (
        f"{len(r.tied)} persone a pari merito con {fmt.decimal_it(r.cut)} punti ({', '.join(map(who(people), r.tied))}) per "
        f"{fmt.plural(left, 'posto', 'posti')} della graduatoria {ranking_words(r.id)}: nessuna ha la maggiorazione"
    )


def _tie_problem(rule: str, message: str, source: str, column: str = "nazionale.maggiorazione.parita") -> Problem:
    return Problem(
        rule=rule,
        severity="warning",
        source=source,
        column=column,
        message=message,
    )


def lacking(ente: Ente, found: Plan, source: str) -> list[Problem]:
    """A warning for each tie criterion that could not order the people tied at a cut: their datum is missing."""
    out = []
    for r in found.rankings:
        for criterion, pid in r.broken.missing if r.broken is not None else ():
            person, age = ente.people[pid], criterion.startswith("eta")
            datum = f"la data di nascita (colonna {ties.BIRTH})" if age else "una voce della sezione nella sua scheda"
            out.append(
                Problem(
                    rule="ccnl.maggiorazione.parita_dato",
                    severity="warning",
                    source=source,
                    file=ente.file_of("people") if age else ente.file_of("evaluations"),
                    row=person.row if age else None,
                    column=ties.BIRTH if age else "",
                    message=f"pari merito al limite della quota della maggiorazione: per {pid} manca {datum}, "
                    f"così il criterio «{ties.words([criterion])}» non scioglie la parità",
                )
            )
    return out


def not_configured(year: int, article: str, source: str) -> Problem:
    return Problem(
        rule=NOT_CONFIGURED,
        severity="warning",
        source=source,
        column="nazionale.maggiorazione",
        message=f"maggiorazione del premio individuale ({article}) non configurata per il {year}: il "
        "contratto la richiede, la misura la decide il contratto integrativo; nessun importo è stato spostato. "
        f"Aggiungi in cycle.toml [ente.nazionale] {EXAMPLE} con i valori del CCDI",
    )
