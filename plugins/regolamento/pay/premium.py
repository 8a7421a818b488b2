"""The individual premium ([premio]): who takes part, each method's weights or capped amounts, the pool's
residual rule; every award recorded with its inputs and the declared ``fonte``.

Methods give either **weights** (the whole pool is split in proportion: ``proporzionale``, ``fasce``,
``livelli`` without a maximum) or **capped amounts** (a per-capita maximum × a share: ``soglie``, ``livelli``
with ``massimo``). Capped amounts are «fino a» figures, rounded down to the cent; when they exceed the pool
the pool is split in proportion to them, and with ``residuo = "ridistribuisci"`` it always is. Every split is
by largest remainder, leftover cents by rank (higher score first), so each pool is conserved to the cent.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Container, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ciclope.core import (
    Citation,
    Ente,
    Input,
    OrgPerformance,
    Person,
    Problem,
    Score,
    Trace,
    bands,
    fmt,
    money,
    scoring,
)
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.compile.units import person_unit
from ciclope.plugins.regolamento.format import funds, grades
from ciclope.plugins.regolamento.format.methods import time_read_by
from ciclope.plugins.regolamento.format.sources import cite, joined
from ciclope.plugins.regolamento.format.spec import HALF_UP, Part, Premium, Regulation
from ciclope.plugins.regolamento.format.wording import denied, held, of_roles, role_groups, sentence, the
from ciclope.plugins.regolamento.pay import budget, caprounds, reductions, residualcauses, withincents
from ciclope.plugins.regolamento.pay.eligibility import exclusion, paid_share
from ciclope.plugins.regolamento.pay.formulas import PartFormulas, amount_words, in_euro
from ciclope.plugins.regolamento.pay.nothing import nothing
from ciclope.plugins.regolamento.pay.owed import is_owed
from ciclope.plugins.regolamento.pay.shapes import (
    ZERO,
    Entry,
    Given,
    Plan,
    of_kind,
    shown_weight,
    six_places,
)
from ciclope.plugins.regolamento.read.lines import REGULATION
from ciclope.plugins.regolamento.score import ladders

HUNDRED = Decimal(100)
Place = tuple[str, int | None, str]  # a problem's file, row and column


def entries(
    reg: Regulation,
    pr: Premium,
    ente: Ente,
    scores: Mapping[str, Score],
    org: OrgPerformance,
    trace: Trace,
    formulas: PartFormulas | None = None,
) -> list[Entry]:
    """The scored people of the premium's roles, and those with a declared status, in people.csv order (nobody
    unscored is listed); in a premium that reads no evaluation (``valutazione = false``) everyone of its roles,
    as if nobody had a score; with ``ammesso``, only those the condition admits."""
    out = []
    statuses = {s.name: s.coefficient for s in reg.statuses}
    cohort_levels = ladders.on_cohort(reg)
    for p in ente.people.values():
        s = scores.get(p.id) if pr.evaluation else None
        if p.role not in pr.roles:
            continue
        if pr.evaluation and not counted(s, statuses):  # unweighed: only a condition that leaves them out is said
            if formulas is not None and (
                not isinstance(pr, Part) or pr.assignments is None or holds(ente, p.id, pr.assignments)
            ):
                formulas.refuse_unweighed(p)
            continue
        if isinstance(pr, Part) and pr.assignments is not None and not holds(ente, p.id, pr.assignments):
            continue  # a part paid by appointment concerns only who holds one: nobody else is listed, nor its condition
        if formulas is not None and not formulas.admitted(p.id):
            continue
        status = exclusion(reg, p, s, ente, org, trace, pr.name if isinstance(pr, Part) else None)
        share, share_inputs, words = paid_share(pr, p, ente)
        kept, kept_inputs = Decimal(1), tuple[Input, ...]()
        if status is None and reg.reductions:  # the excluded are paid nothing: no reduction to explain
            left, cut_inputs, cut_words = reductions.reduce(reg, p, ente, trace, pr, shared=True)
            share, share_inputs = share * left, [*share_inputs, *cut_inputs]
            words = " × ".join(w for w in (words, cut_words) if w)
            kept, kept_inputs, _ = reductions.reduce(reg, p, ente, trace, pr, shared=False)
        if pr.part_time != "proporzionale" and p.fte < 1 and not time_read_by(pr):  # the header says the time
            words = f"{words or '1'}, a tempo parziale il premio è intero"  # worked: what it does is said
        factor, factor_inputs = grades.factor(reg, pr, p, ente)
        if s is None:  # a premium that reads no evaluation: nothing of one is known, nor used
            out.append(Entry(p, Decimal(0), None, status, share, tuple(share_inputs), words, factor, factor_inputs,
                             kept=kept, kept_inputs=kept_inputs, evaluated=False))  # fmt: skip
            continue
        score = s.score if s.score is not None else Decimal(0)
        out.append(
            Entry(
                p, score, s.level, status, share, tuple(share_inputs), words, factor, factor_inputs,
                statuses.get(s.status), kept, kept_inputs, points_of(reg, s),
                f"level:{p.id}" if cohort_levels else "",
            )
        )  # fmt: skip
    return out


def part_time_words(pr: Premium, person: Person) -> str:
    """Of one working part-time, where the part does not multiply by the time worked itself but its formula reads
    it: that the time worked is already in the formula, in plain words beside the scheda's «Tempo lavorato 75%»,
    never a «quota pagata = 1» that seems to contradict it; "" otherwise."""
    formula = time_read_by(pr)
    if pr.part_time == "proporzionale" or person.fte >= 1 or not formula:
        return ""
    worked = fmt.pct(person.fte, fmt.share_places(person.fte))
    return (
        f"il tempo lavorato ({worked}) è già contato nella formula {formula}: l'importo non è ridotto una seconda volta"
    )


def holds(ente: Ente, pid: str, kind: str) -> bool:
    """True if incarichi.csv gives the person an appointment of this kind (a part's ``incarichi``)."""
    return any(r.get("person") == pid and of_kind(r.get("kind"), kind) for r in ente.table(ASSIGNMENTS))


NOT_ADMITTED = "non_ammesso"


def not_admitted(pr: Premium, person: Person) -> Entry:
    """A person the part's condition (``ammesso``) left out of its distribution, with the status that says so:
    another part that admits them takes it away (:func:`pay.parts.standing`)."""
    return Entry(person, Decimal(0), None, NOT_ADMITTED, Decimal(0), (), "", evaluated=False)


def record_not_admitted(reg: Regulation, parts: Sequence[Part], person: Person, trace: Trace) -> None:
    """The figure of the status «non ammesso» of a person no part admitted, naming every part whose condition left
    them out (the rule once where they share it) and reading each condition's own figure (so «why nothing?» has an
    answer, down to the cell)."""
    rules = {pr.name: denied(pr.admitted_if) for pr in parts if pr.admitted_if is not None}
    named = fmt.listed(f"«{name}»" for name in rules)
    if len(set(rules.values())) == 1:
        said = f"{'alla parte' if len(rules) == 1 else 'alle parti'} {named}: {next(iter(rules.values()))}"
    else:
        said = "alle parti " + fmt.listed(f"«{name}» ({rule})" for name, rule in rules.items())
    trace.record(
        f"score:{person.id}:status",
        NOT_ADMITTED,
        f"non ammesso {said}",
        cite(reg, ", ".join(dict.fromkeys(pr.source for pr in parts if pr.source))),
        [
            Input(held(pr.admitted_if), False, ref=f"ammesso:{pr.name}:{person.id}")
            for pr in parts
            if pr.admitted_if is not None
        ],  # fmt: skip
        f"Esito di {person.name}",
    )


def counted(s: Score | None, statuses: Container[str]) -> bool:
    """True for a person an evaluated premium counts: scored, or with a declared status."""
    return s is not None and (s.score is not None or s.status in statuses)


def distribute(
    reg: Regulation,
    pr: Premium,
    fund: Input,
    people: list[Entry],
    ctx: tuple[Ente, OrgPerformance, Trace],
    key: Callable[[str], str],
    cap: int | None = None,
    formulas: PartFormulas | None = None,
) -> Given:
    """``fund`` (its value the amount to share) paid to ``people`` by the part's method, each person's figure
    recorded under ``key(id)``. ``cap``: the places left in the first band(s) (a ceiling on the staff in service
    shared by several rankings); None counts it on this ranking's ente."""
    ente, org, trace = ctx
    admitted = [e for e in people if e.status is None]
    if formulas is not None:
        formulas.with_fund(fund)
    plan = (
        budget.plan(pr, people, fund.value)
        if pr.method == "budget"
        else method_plan(reg, pr, admitted, ente, org, cap, formulas)
    )
    rank = {e.person.id: i for i, e in enumerate(ordered(admitted))}  # leftover cents: higher score first
    cents: dict[str, str] = {}
    if is_owed(pr):  # each amount as the formula gives it, whole: the fund is their sum
        amounts, note = dict(plan.values), ""
    elif formulas is not None and isinstance(pr, Part) and pr.cap is not None and not plan.capped:
        amounts, plan, note, cents = capped(fund.value, plan, pr, formulas, (rank, tie_rule(admitted)))
    else:
        place = fund_place(reg, pr.fund, ente)
        amounts, note = settle(fund.value, plan, pr, rank, cite(reg, pr.source), trace, place)
        if not plan.capped and not plan.band_pools:  # one split of the fund by the weights: its cents are said
            cents = cents_of(fund.value, plan, amounts, tie_rule(admitted), (rounding_of(pr), note))
        elif plan.budgets:  # a budget part: each premium down from the exact budget, said where it has more
            cents = budget.cents(plan, amounts)
        elif note == INSUFFICIENT:  # each amount due × the fund / what is due in all, redone by hand
            cents = reduced(fund.value, plan, amounts)
        elif note.startswith(withincents.PAST):  # the exact amounts split to the cent: each one's cent is said
            cents = withincents.within_cents(plan.exact, amounts, tie_rule(admitted))
    before = amounts
    amounts, cuts = after_cuts(amounts, admitted)
    causes = left_by_cause(reg, pr, people, plan, (fund.value, rank), before, cuts, formulas)
    record(reg, pr, fund, people, plan, amounts, (note, cents), trace, key, cuts)
    paid = tuple(
        (e, amounts.get(e.person.id, ZERO), plan.band.get(e.person.id, e.level))
        for e in people
        if e.status is None or pr.list_excluded
    )
    return Given(paid, plan.band, cuts, causes=causes)


def left_by_cause(
    reg: Regulation,
    pr: Premium,
    people: list[Entry],
    plan: Plan,
    split: tuple[Decimal, Mapping[str, Any]],
    before: Mapping[str, Decimal],
    cuts: Mapping[str, Decimal],
    formulas: PartFormulas | None,
) -> residualcauses.Causes | None:
    """What the split of ``split`` (the fund's amount, the order of its leftover cents) left, by cause, where the
    method tells the causes apart: a budget part, a formula part whose reductions' cuts stay in it, a split with a
    maximum per person whose excess stays residual."""
    if is_owed(pr):
        return None
    if pr.method == "budget":
        return residualcauses.of_budget(reg, pr, people, plan, split[0], before, cuts)
    if pr.method == "formula" and not (isinstance(pr, Part) and pr.cap is not None):
        return residualcauses.of_formula(reg, pr, people, plan, split[0], before, cuts)
    if rounding_of(pr) == HALF_UP and not plan.capped and not plan.band_pools:
        return residualcauses.of_rounding(reg, pr, people, split[0], before, cuts)
    maximum = formulas is not None and isinstance(pr, Part) and pr.cap is not None and pr.residual != "ridistribuisci"
    if not maximum or plan.capped or plan.band_pools:
        return None
    shares = money.split(split[0], plan.values, rank=split[1])  # as :func:`capped` split it before the maximum
    return residualcauses.of_maximum(reg, pr, people, shares, before, cuts)


def cents_of(
    pool: Decimal,
    plan: Plan,
    amounts: Mapping[str, Decimal],
    tie: Callable[[str, frozenset[str]], str],
    rounding: tuple[str | None, str] = (None, ""),
) -> dict[str, str]:
    """How each share of a plain split of ``pool`` by the plan's weights came to the cent (:func:`money.split_notes`),
    by person: said only where it is not whole cents; ``tie`` to whoever lost a leftover cent on an equal remainder.
    ``rounding``: the part's ``arrotondamento`` and the split's note; half-up, each share's own rounding
    (:func:`money.rounded_notes`), or where so rounded they would pass the fund, the split by largest remainder that
    paid them instead (:func:`withincents.within_cents`, as a formula part's)."""
    how, note = rounding
    if how == HALF_UP and note.startswith(withincents.PAST):
        total = sum(plan.values.values(), Decimal(0))
        exact = {pid: pool * w / total for pid, w in plan.values.items()}  # each one's exact share, summing to pool
        return withincents.within_cents(exact, amounts, tie)
    notes = (
        money.rounded_notes(pool, plan.values, amounts)
        if how == HALF_UP
        else money.split_notes(pool, plan.values, amounts, tie)
    )
    return {pid: text for pid, text in notes.items() if text}


TIE = "a parità di resto il centesimo va al punteggio più alto"
CODE_TIE = "a parità di resto il centesimo va al codice che viene prima"


def tie_rule(admitted: list[Entry]) -> Callable[[str, frozenset[str]], str]:
    """The rule that gave a leftover cent among equal remainders to others (``winners``) and not to ``pid``, as the
    split's ``rank`` applies it (:func:`ordered`): the higher score first, then the id that comes first; only the
    clause that decided is said («… al punteggio più alto» to a colleague with more points, «… e di punteggio … al
    codice che viene prima» to one with as many, both where the cent went to either); in a part that
    reads no score (nobody evaluated) the code clause alone, no score named."""
    if not any(e.evaluated for e in admitted):  # a part that reads no score: the order of the codes alone decides
        return lambda pid, winners: CODE_TIE
    return tie_by_score({e.person.id: e.score for e in admitted})


def tie_by_score(score: Mapping[str, Any]) -> Callable[[str, frozenset[str]], str]:
    """:func:`tie_rule` of people ranked by ``score``, higher first, then by code."""

    def said(pid: str, winners: frozenset[str]) -> str:
        same = any(score.get(w) == score.get(pid) for w in winners)
        higher = any(score.get(w) != score.get(pid) for w in winners)
        if same and not higher:
            return "a parità di resto e di punteggio il centesimo va al codice che viene prima"
        return f"{TIE}, a parità di punteggio al codice che viene prima" if same else TIE

    return said


def reduced(pool: Decimal, plan: Plan, amounts: Mapping[str, Decimal]) -> dict[str, str]:
    """How each amount due was reduced where the fund is a ceiling they pass (:func:`settle`): «€ 1.200,00 ×
    € 2.000,00 / € 2.720,00 = € 882,35», the amount due × the fund / what is due in all, and how it came to the cent
    where it is not whole cents (:func:`money.split_note`)."""
    due = {pid: money.floor2(v) for pid, v in plan.values.items()}  # as :func:`settle` splits them
    total = sum(due.values(), ZERO)
    out: dict[str, str] = {}
    for pid, owed in due.items():
        paid = amounts.get(pid, ZERO)
        said = f"{fmt.euro(owed)} × {fmt.euro(pool)} / {fmt.euro(total)} = {fmt.euro(paid)}"
        out[pid] = fmt.clauses(said, money.split_note(pool, owed, total, paid))
    return out


def capped(
    amount: Decimal,
    plan: Plan,
    pr: Part,
    formulas: PartFormulas,
    order: tuple[Mapping[str, Any], Callable[[str, frozenset[str]], str]],
) -> tuple[dict[str, Decimal], Plan, str, dict[str, str]]:
    """«fino a un importo massimo» (``massimo_persona``): each share at most the person's maximum, down to the cent;
    what the maxima leave stays residual, or with ``residuo = "ridistribuisci"`` goes to the others in proportion
    (:func:`money.capped_split`). The plan again, with each maximum and what it read among the person's inputs and
    what the round that made each amount says (:mod:`.caprounds`), and by person how a share came to the cent.
    ``order``: the leftover cents' order (``rank``) and the rule said to whoever lost one on an equal remainder."""
    rank, tie = order
    caps = {pid: formulas.cap(pid) for pid in plan.values}
    limits = {pid: cap for pid, (cap, _) in caps.items()}
    again = pr.residual == "ridistribuisci"
    split: dict[str, Decimal] = {}  # the one split the maxima cut (``resta``): each share to the cent, as paid uncut
    if again:
        amounts = money.capped_split(amount, plan.values, limits, rank=rank)
        note = "ciò che supera il massimo per persona è ridistribuito agli altri in proporzione"
    else:
        split = money.split(amount, plan.values, rank=rank)
        amounts = {pid: min(v, limits[pid]) for pid, v in split.items()}
        note = ""
    assert pr.cap is not None
    inputs = {pid: (*plan.inputs.get(pid, ()), *caps[pid][1]) for pid in plan.values}
    # the maximum by its words and value among the inputs («massimo per persona (…) = € 2.500,00»), never its code
    formula = f"{plan.formula}; al più il massimo per persona"
    steps = caprounds.rounds(amount, plan.values, limits, again)
    said = caprounds.said_by_round(steps, plan.values, limits, formula, functools.partial(shown_pair, plan), split)
    cents = caprounds.cents_by_round(steps, plan.values, amounts)
    if split:  # one split the maxima then cut: the cents of those under their maximum as it gave them, a tie said
        over = set(steps[0].over)
        cents = {k: t for k, t in money.split_notes(amount, plan.values, split, tie).items() if t and k not in over}
    return amounts, attrs.evolve(plan, inputs=inputs, formula=formula, said=said), note, cents


def after_cuts(amounts: dict[str, Decimal], admitted: list[Entry]) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The amounts after the reductions whose cuts go elsewhere (``economie``): each × what they keep, half-up,
    and what was cut from each one reduced."""
    cuts = {}
    out = dict(amounts)
    for e in admitted:
        if e.kept < 1 and e.person.id in out:
            kept = money.r2(out[e.person.id] * e.kept)
            cuts[e.person.id] = out[e.person.id] - kept
            out[e.person.id] = kept
    return out, cuts


def ordered(admitted: list[Entry]) -> list[Entry]:
    """Best score first, equal scores by id (the ranking of the bands)."""
    return [t[2] for t in scoring.by_score([(e.person.id, e.score, e) for e in admitted])]


INSUFFICIENT = "fondo insufficiente: importi ridotti in proporzione"
TEN_PLACES = Decimal("1e-10")  # the note of a fund the amounts due pass


def settle(
    amount: Decimal,
    plan: Plan,
    pr: Premium,
    rank: Mapping[str, Any],
    source: str,
    trace: Trace,
    place: Place | None = None,
) -> tuple[dict[str, Decimal], str]:
    """The amounts of the admitted people, and a note on how the pool was used; ``place``: where the office writes
    the fund (:func:`fund_place`), [fondi] of ente.toml when not said."""
    file, row, column = place or ("ente.toml", None, f"funds.{pr.fund}")
    if plan.band_pools:
        return by_band(amount, plan, pr, rank, source, trace, (file, row, column)), ""
    if not plan.capped:
        if rounding_of(pr) == HALF_UP:
            return half_up(amount, plan.values, rank)
        return money.split(amount, plan.values, rank=rank), ""
    due = {pid: money.floor2(v) for pid, v in plan.values.items()}  # «fino a»: a cap, rounded down
    total = sum(due.values(), ZERO)
    within = rounded_within(amount, total, plan.exact, rank)
    if within is not None:
        return within
    if total > amount:
        trace.problem(
            Problem(
                rule="regolamento.fondo_insufficiente",
                severity="warning",
                source=source,
                file=file,
                row=row,
                column=column,
                message=f"{_share_of(pr)} {fmt.quoted(funds.said(pr.fund))} ({fmt.euro(amount)}) non basta per i premi "
                f"dovuti ({fmt.euro(total)}): ridotti in proporzione",
            )
        )
        return money.split(amount, due, rank=rank), INSUFFICIENT
    if pr.residual == "ridistribuisci" and total > 0:
        return money.split(amount, due, rank=rank), "residuo ridistribuito in proporzione ai premi dovuti"
    return due, ""


def _share_of(pr: Premium) -> str:
    """What pays a part, its share of the fund and not the whole: «la quota della parte «fissa» del fondo»."""
    return f"la quota della parte {fmt.quoted(pr.name)} del fondo" if isinstance(pr, Part) else "il fondo"


def fund_place(reg: Regulation, fund: str, ente: Ente) -> Place:
    """Where the office writes the fund, as a problem's file, row and column: the regulation for a fund it
    constitutes with a formula ([[fondi]], never written in ente.toml: the message names it by its label); else
    where the ente gives it (:meth:`Ente.fund_place`): the destination row of the fondo sheet for a fund its fondo
    risorse decentrate destines, [fondi] of ente.toml for a typed one."""
    if reg.constitutes(fund):
        return REGULATION, None, f"fondi[{next(i for i, f in enumerate(reg.funds) if f.name == fund)}]"
    return ente.fund_place(fund)


def rounded_within(
    amount: Decimal, total: Decimal, exact: Mapping[str, Decimal], rank: Mapping[str, Any]
) -> tuple[dict[str, Decimal], str] | None:
    """Formula amounts that pass the pool ``amount`` (rounded one by one, ``total``) while their ``exact`` values fit
    it: the same amounts to the cent by largest remainder (never a shortfall, never a cent more than the pool), and
    the note that says so; None when the rounding is not what passes the pool."""
    # the exact values are Decimals of 28 digits: a division rounded up in the last of them (200 / 3 = 66,66…67) may
    # sum past the pool by 10⁻²⁶, which is no money; ten decimals are far below a cent and far above that error
    if total <= amount or not exact or sum(exact.values(), ZERO).quantize(TEN_PLACES) > amount:
        return None
    return money.split(money.r2(sum(exact.values(), ZERO)), exact, rank=rank), past(total - amount)


def past(over: Decimal) -> str:
    """The note of amounts that, rounded one by one, would pass their fund by ``over``: split by largest remainder."""
    return f"{withincents.PAST} di {fmt.euro(over)}: ripartiti al centesimo con il metodo dei resti più alti"


def half_up(amount: Decimal, weights: Mapping[str, Any], rank: Mapping[str, Any]) -> tuple[dict[str, Decimal], str]:
    """``amount`` split by ``weights`` as a part with ``arrotondamento = "matematico"`` pays it: each share rounded
    half-up on its own (:func:`money.rounded_shares`), the cents left over unpaid (the part's residual); where so
    rounded they would pass the fund, as the formula parts' amounts (:func:`rounded_within`): the split by largest
    remainder, the leftover cents by ``rank``, and the note that says so."""
    rounded = money.rounded_shares(amount, weights)
    total = sum(rounded.values(), ZERO)
    if total <= amount:
        return rounded, ""
    return money.split(amount, weights, rank=rank), past(total - amount)


def rounding_of(pr: Premium) -> str | None:
    """How a premium's shares come to the cent, as its part writes it (``arrotondamento``); None: by largest
    remainder (rules/core.md §4)."""
    return pr.rounding if isinstance(pr, Part) else None


def by_band(
    amount: Decimal, plan: Plan, pr: Premium, rank: Mapping[str, Any], source: str, trace: Trace, place: Place
) -> dict[str, Decimal]:
    """A fixed pool per band: the pool split among the bands by their shares of resources (leftover cents to the
    higher band), each band's part split among its members by ``plan.values``. A band nobody is paid from keeps
    its part as the pool's residual, and a warning says so."""
    order = {name: i for i, name in enumerate(plan.band_pools)}
    parts = money.split(amount, plan.band_pools, rank=order)
    out: dict[str, Decimal] = {}
    for name, part in parts.items():
        paid = money.split(part, {pid: w for pid, w in plan.values.items() if plan.band[pid] == name}, rank=rank)
        if part > 0 and not any(paid.values()):
            trace.problem(
                Problem(
                    rule="regolamento.fascia_vuota",
                    severity="warning",
                    source=source,
                    file=place[0],
                    row=place[1],
                    column=place[2],
                    message=f"nessun premio dalla fascia «{name}» (nessuno vi è collocato con una quota pagata): "
                    f"la sua quota del fondo, {fmt.euro(part)}, resta residua",
                )
            )
        out.update(paid)
    return out


def method_plan(
    reg: Regulation,
    pr: Premium,
    admitted: list[Entry],
    ente: Ente,
    org: OrgPerformance,
    cap: int | None = None,
    formulas: PartFormulas | None = None,
) -> Plan:
    plan = PLANS[pr.method]  # every method that weighs people has its plan; a name without one is a bug
    return plan(Call(reg, pr, admitted, ente, org, cap, formulas))


@attrs.frozen
class Call:
    """What a method's plan reads: the regulation, the premium, the admitted people, the ente and the part's
    formulas."""

    reg: Regulation
    pr: Premium
    admitted: list[Entry]
    ente: Ente
    org: OrgPerformance
    cap: int | None
    formulas: PartFormulas | None


def _computed(c: Call) -> Plan:
    assert c.formulas is not None
    return computed(c.pr, c.admitted, c.formulas)


def proportional(c: Call) -> Plan:
    pr, admitted, formulas = c.pr, c.admitted, c.formulas
    if isinstance(pr, Part) and pr.weight is not None and formulas is not None:
        return weighed(pr, admitted, formulas)
    values: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    for e in admitted:
        weight = evaluation(e) * e.share * e.factor
        extra: tuple[Input, ...] = e.factor_inputs + status_inputs(e)
        if pr.by_unit:
            unit, ach = person_unit(c.reg, e.person, c.ente, c.org)
            weight *= ach if ach is not None else Decimal(0)
            extra += (Input("raggiungimento dell'unità", ach, ref=f"unit:{unit}"),)
        values[e.person.id] = weight
        inputs[e.person.id] = extra
    unit_words = " × raggiungimento dell'unità" if pr.by_unit else ""
    scored = "punteggio × " if pr.evaluation else ""
    formula = f"fondo × peso / Σ pesi, con peso = {scored}quota pagata{_factor_words(pr, admitted)}{unit_words}"
    if not pr.evaluation:  # with a condition only those it admits share the fund, not everyone in service
        condition = pr.admitted_if if isinstance(pr, Part) else None
        # the condition in words («… per cui la colonna x (S) dice sì»: the scheda says «… per cui «S»: sì»)
        whom = (
            f"il personale in servizio per cui {sentence(condition)}" if condition else "tutto il personale in servizio"
        )
        formula += f"; senza valutazione individuale: {whom}"
    return Plan(values, False, formula, inputs)


def evaluation(e: Entry) -> Decimal:
    """What a person's evaluation weighs: the score, or a declared status's coefficient × 100; 1 in a premium
    that reads no evaluation (everyone alike, by paid share)."""
    if not e.evaluated:
        return Decimal(1)
    return e.coefficient * HUNDRED if e.coefficient is not None else e.score


def status_inputs(e: Entry) -> tuple[Input, ...]:
    if e.coefficient is None:
        return ()
    return (
        Input(
            "coefficiente dello stato (al posto della valutazione)", e.coefficient, ref=f"score:{e.person.id}:status"
        ),
    )


def weighed(pr: Part, admitted: list[Entry], formulas: PartFormulas) -> Plan:
    """«proporzionale» with the weight of the file's formula (``peso``, in place of the score) × the paid share ×
    the parametro of the grade (``parametri``, else 1)."""
    values: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    reasons: dict[str, str] = {}
    assert pr.weight is not None
    for e in admitted:
        weight, read = formulas.weight(e.person.id)
        values[e.person.id] = weight * e.share * e.factor
        inputs[e.person.id] = (*read, *e.factor_inputs)
        if weight == 0:
            reasons[e.person.id] = nothing(pr.weight, formulas.envs[e.person.id])
    formula = f"fondo × peso / Σ pesi, con peso «{pr.weight}» ({of_roles(sentence(pr.weight), pr.weight, pr.roles, role_groups(formulas.reg.labels))}) × quota pagata{_factor_words(pr, admitted)}"
    # a weight in euro stays in euro times the paid share and the parametro (numbers): its sum reads with €
    return Plan(values, False, formula, formulas.alike(inputs), reasons=reasons, euro=in_euro(pr.weight))


def computed(pr: Premium, admitted: list[Entry], formulas: PartFormulas) -> Plan:
    """«formula»: each one's amount by the file's formula (``importo``) × the paid share, half-up to the cent."""
    values: dict[str, Decimal] = {}
    exact: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    reasons: dict[str, str] = {}
    assert isinstance(pr, Part) and pr.amount is not None
    for e in admitted:
        amount, read = formulas.amount(e.person.id)
        values[e.person.id] = money.r2(money.r2(amount) * e.share)
        exact[e.person.id] = amount * e.share
        inputs[e.person.id] = read
        if amount == 0 and pr.assignments is None:  # of appointments, the rows of incarichi.csv say it
            reasons[e.person.id] = nothing(pr.amount, formulas.envs[e.person.id])
    # the paid share is said where it changes something (part time, days in service, a reduction): a formula part
    # paid «intero» to everyone in service all year multiplies by 1, and «× quota pagata» would only mislead
    shared = any(e.share != 1 for e in admitted)
    # the amount to the cent, then × the share and to the cent again: both roundings said, so the sum is redone by hand
    share = "; × quota pagata, arrotondato al centesimo" if shared else ""
    return Plan(
        values,
        True,
        amount_words(pr, role_groups(formulas.reg.labels)) + share,
        formulas.alike(inputs),
        exact=exact,
        reasons=reasons,
    )


def _factor_words(pr: Premium, people: Sequence[Entry]) -> str:
    """« × parametro della categoria», « × parametro del grado» with [gradi]: as each person's inputs name it."""
    return f" × {grades.parameter_read(e.factor_inputs for e in people)}" if pr.grade_factors else ""


def thresholds(pr: Premium, admitted: list[Entry]) -> Plan:
    assert pr.maximum is not None and pr.full is not None and pr.floor is not None
    values: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    for e in admitted:
        points = e.points if e.points is not None else e.score  # the thresholds are in points of the scale
        if e.coefficient is not None:
            quota = e.coefficient
        elif points >= pr.full:
            quota = Decimal(1)
        elif points < pr.floor:
            quota = Decimal(0)
        elif pr.between == "punteggio":
            quota = e.score / HUNDRED
        else:
            quota = (points - pr.floor) / (pr.full - pr.floor)
        values[e.person.id] = pr.maximum * quota * e.share
        inputs[e.person.id] = (
            Input("massimo pro capite", pr.maximum),
            Input("quota del massimo", money.r4(quota)),
            *status_inputs(e),
        )
    full, floor = fmt.decimal_it(pr.full), fmt.decimal_it(pr.floor)
    # the quota as the input beside it reads, a percentage (100%), never the fraction 1
    between = (
        "il punteggio in percentuale (70 punti: 70%)"
        if pr.between == "punteggio"
        else f"(punteggio − {floor}) / ({full} − {floor}) in percentuale"
    )
    formula = (
        "massimo pro capite × quota del massimo × quota pagata, arrotondato per difetto al centesimo; quota del "
        f"massimo: 100% da {full} punti; da {floor} a {full} punti, {between}; 0% sotto {floor} punti"
    )
    return Plan(values, True, formula, inputs)


def by_level(pr: Premium, admitted: list[Entry]) -> Plan:
    values: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    for e in admitted:
        if e.coefficient is not None:
            coefficient = e.coefficient
            given = (*status_inputs(e), *e.factor_inputs)
        else:
            coefficient = pr.coefficients.get(e.level or "", Decimal(0))
            given = (*_level_inputs(e, coefficient), *e.factor_inputs)
        base = pr.maximum if pr.maximum is not None else Decimal(1)
        values[e.person.id] = base * coefficient * e.share * e.factor
        inputs[e.person.id] = given + ((Input("massimo pro capite", pr.maximum),) if pr.maximum is not None else ())
    if pr.maximum is not None:
        formula = "massimo pro capite × coefficiente del livello × quota pagata, arrotondato per difetto al centesimo"
        return Plan(values, True, formula, inputs)
    formula = f"fondo × peso / Σ pesi, con peso = coefficiente del livello × quota pagata{_factor_words(pr, admitted)}"
    return Plan(values, False, formula, inputs)


def _level_inputs(e: Entry, coefficient: Decimal) -> tuple[Input, Input]:
    """The person's level and its coefficient; a score below the lowest level's threshold says so, and so the
    reason its amount is 0 («nessun importo: il coefficiente (nessun livello raggiunto) = 0»)."""
    ref = e.level_ref or f"score:{e.person.id}"
    if e.level is None:
        return (
            Input("livello", "nessuno: il punteggio è sotto la soglia del livello più basso", ref=ref),
            Input("coefficiente (nessun livello raggiunto)", coefficient),
        )
    return Input("livello", e.level, ref=ref), Input("coefficiente del livello", coefficient)


def merit_bands(pr: Premium, admitted: list[Entry], ente: Ente, cap: int | None = None) -> Plan:
    """Merit bands with the shared rules of :mod:`ciclope.core.bands`: cumulative sizes, ties never split,
    an optional cap on the first band(s) counted on the staff in service, money by per-capita weight."""
    # a per-capita coefficient is the resources it stands for: coefficient × staff, whose ratio to the staff it is
    shares = [bands.Band.of(b.name, b.staff, b.staff * b.per_capita) for b in pr.bands]
    per_capita = {b.name: b.per_capita for b in pr.bands}
    coefficients = any(b.coefficient is not None for b in pr.bands)
    admitted = [e for e in admitted if e.coefficient is None]  # a declared status is no place in the ranking
    ranking = [(e.person.id, e.score, e) for e in ordered(admitted)]
    if cap is None and pr.top_cap is not None:
        cap = top_places(pr, ente)
    targets = bands.band_targets(len(ranking), shares, cap)
    groups = bands.assign_bands(ranking, targets)
    band_of = {pid: b.name for b, members in zip(shares, groups) for pid in members}
    placed = placement(ranking, targets, shares, groups)
    if pr.band_money == "per_fascia":
        return fixed_band_pools(pr, admitted, band_of, placed)
    share_of = {e.person.id: e.share for e in admitted}
    weights = bands.per_capita_weights(shares, groups, share_of)
    said = "coefficiente della fascia" if coefficients else "peso pro capite della fascia (risorse / personale)"
    inputs = {
        pid: (*placed[pid], Input("fascia", band_of[pid]), Input(said, exact(per_capita[band_of[pid]], coefficients)))
        for b, members in zip(shares, groups)
        for pid in members
    }
    weight = "coefficiente della fascia" if coefficients else "(quota di risorse / quota di personale della fascia)"
    formula = (
        f"fondo × peso / Σ pesi dei collocati in fascia, con peso = {weight} × quota pagata; fasce per punteggio "
        "decrescente, pari merito mai divisi"
    )
    return Plan(weights, False, formula, inputs, band_of)


def placement(
    ranking: list[tuple[str, Decimal, Entry]],
    targets: list[int],
    shares: list[bands.Band],
    groups: list[list[str]],
) -> dict[str, tuple[Input, Input]]:
    """Where each person stands, so the band can be redone by hand: the place in the ranking («3 su 10») and the
    last place of the bands down to theirs, the cumulative share of the staff rounded down («fino al 7° posto:
    ⌊10 × 75%⌋»; the last band takes the rest; pari merito are never split, so a band may end before it)."""
    n = len(ranking)
    place = {pid: i for i, (pid, _, _) in enumerate(ranking, start=1)}
    out: dict[str, tuple[Input, Input]] = {}
    cumulative = Fraction(0)
    for k, (band, members) in enumerate(zip(shares, groups)):
        cumulative += band.staff
        last = k == len(shares) - 1
        limit = f"fino {fmt.at_place(targets[k])} posto: " + (
            "gli altri" if last else f"⌊{n} × {fmt.pct(Decimal(cumulative.numerator) / cumulative.denominator, 0)}⌋"
        )
        if not last and targets[k] < math.floor(n * cumulative):
            limit = f"fino {fmt.at_place(targets[k])} posto: il tetto delle prime fasce"
        for pid in members:
            out[pid] = (
                Input("posto in graduatoria", f"{place[pid]} su {n}"),
                Input("posti fino a questa fascia", limit),
            )
    return out


def exact(weight: Decimal, written: bool) -> Decimal:
    """A band's weight per head as the explanation shows it: a coefficient as the file writes it, a ratio of shares
    to six decimals, as every weight."""
    return weight if written else shown_weight(weight)


def top_places(pr: Premium, ente: Ente) -> int:
    """The places of the first band(s): ``tetto_prime_fasce`` of the staff in service (the premium's roles)."""
    assert pr.top_cap is not None
    in_service = sum(1 for p in ente.people.values() if p.role in pr.roles)
    return math.floor(Fraction(pr.top_cap) * in_service)


def fixed_band_pools(
    pr: Premium, admitted: list[Entry], band_of: Mapping[str, str], placed: Mapping[str, tuple[Input, ...]]
) -> Plan:
    """«Il X% delle risorse alla fascia …»: each band its share of the pool, split among its members in proportion
    to their paid share (``in_fascia = "quota_tempo"``) or to score × paid share (``"punteggio"``)."""
    by_score = pr.within_band == "punteggio"
    values = {e.person.id: e.score * e.share if by_score else e.share for e in admitted}
    resources = {b.name: b.resources or Decimal(0) for b in pr.bands}  # per_fascia: the resources are written
    inputs = {
        pid: (*placed[pid], Input("fascia", band), Input("quota di risorse della fascia", resources[band]))
        for pid, band in band_of.items()
    }
    within = "punteggio × quota pagata" if by_score else "quota pagata"
    formula = (
        f"fondo × quota di risorse della fascia, divisa tra i collocati nella fascia in proporzione a {within}; "
        "fasce per punteggio decrescente, pari merito mai divisi"
    )
    return Plan(values, False, formula, inputs, band_of, resources)


def record(
    reg: Regulation,
    pr: Premium,
    fund: Input,
    people: list[Entry],
    plan: Plan,
    amounts: Mapping[str, Decimal],
    notes: tuple[str, Mapping[str, str]],
    trace: Trace,
    key: Callable[[str], str],
    cuts: Mapping[str, Decimal] | None = None,
) -> None:
    """Each person's figure; ``notes``: the note of the whole split, and by person how a share came to the cent
    (:func:`cents_of`); ``cuts``: what the reductions whose cuts go elsewhere took from each (:func:`after_cuts`)."""
    note, cents = notes
    source = cite(reg, pr.source)
    shared = sums_of_weights(plan)
    shared.update({pid: said.weights for pid, said in plan.said.items()})  # a split in rounds: its round's weights
    for e in people:
        pid = e.person.id
        if e.status is not None and not pr.list_excluded:
            continue  # outside the distribution: only their status says why
        paid = amounts.get(pid, ZERO)
        # the score is a factor of the method's own weight; a formula's weight or amount names what it read (the
        # score only where it reads it): a score that only gates the part is said by the exclusion it gates with
        scored = e.evaluated and e.coefficient is None and not by_formula(pr)
        evaluated = (Input("punteggio", e.score, ref=f"score:{pid}"),) if scored else ()
        # an amount owed is not read from its fund: the fund sums it
        read = plan.inputs.get(pid, ()) if is_owed(pr) else _without(fund, plan.inputs.get(pid, ()))
        read = _one_weight(read, shared.get(pid, ()))
        given = (*(() if is_owed(pr) else (fund,)), *evaluated, *e.share_inputs, *_share_read(e), *read)
        given = each_once((*given, *shared.get(pid, ()), *e.kept_inputs, *_reduced(e, paid, cuts)))
        # where an exclusion decided, the part's condition is no reason: «sì» beside «escluso» would contradict it
        given += admitted_input(pr, pid, trace) if e.status is None else ()
        if e.status is not None:
            given = (*given, Input("esito", e.status, ref=f"score:{pid}:status"))
        given = rounded_alone(given, paid) if e.status is None and note.startswith(withincents.PAST) else given
        by_round = plan.said.get(pid)
        formula = (by_round.formula if by_round else plan.formula) if e.status is None else "escluso: nessun premio"
        if e.status is None and e.kept < 1:
            formula += f"; poi × (1 − riduzione), arrotondato al centesimo: {reductions.where_cut_goes(reg, pr)}"
        words = fmt.clauses(f"quota pagata = {e.share_words}" if e.share_words else "", part_time_words(pr, e.person))
        words = words if e.status is None else ""
        # the method's own factors first: a level's coefficient of 0 is the reason, not a score it does not multiply.
        # A formula's reads are no factors: a zero among them need not be why it gave 0, so nothing is said there.
        factors = (*plan.inputs.get(pid, ()), *e.share_inputs, *evaluated, fund)
        zero = ""
        if paid == 0 and e.status is None:  # a formula's own piece says it (:mod:`.nothing`), else a zero factor
            zero = emptied(trace, fund)  # a fund of 0 by its share's rule first: nothing is paid whatever the weight
            zero = zero or ("" if is_owed(pr) else unfunded(reg, pr, fund))  # the ente's fondo gives the fund nothing
            zero = zero or (plan.reasons.get(pid, "") if by_formula(pr) else why_zero(factors))
            zero = zero or cut_whole(reg, (*e.share_inputs, *e.kept_inputs))
            # a fund of 0 (a graduatoria's share of nothing) pays 0 whatever a formula's weight
            zero = zero or ("" if is_owed(pr) else why_zero((fund,)))
        trace.record(
            key(pid),
            paid,
            formula,
            source if e.status is None else outcome_source(reg, trace, pid, source),
            given,
            f"{_what(pr)} di {e.person.name}" + (f" — {pr.name}" if isinstance(pr, Part) else ""),
            fmt.clauses(
                zero,
                words,
                note if e.status is None else "",
                by_round.note if by_round and e.status is None else "",
                _cents(e, cents),
                pr.note,
            ),
        )


def _reduced(e: Entry, paid: Decimal, cuts: Mapping[str, Decimal] | None) -> tuple[Input, ...]:
    """The amount after the reductions whose cuts go elsewhere, with the product that gives it, for one they
    reduced: the amount before them is the paid one plus the cut."""
    if e.status is not None or e.kept >= 1 or not cuts or e.person.id not in cuts:
        return ()
    return (reductions.after_cut(paid + cuts[e.person.id], paid, e.kept_inputs),)


def _share_read(e: Entry) -> tuple[Input, ...]:
    """The quota pagata itself, after what it reads (time worked, days of service), where it is not 1 and is more
    than the one datum it reads: the factor a person multiplies by, «74,7945…%» for 273 days of 365, never left for
    the reader to divide (the time worked alone is the share already)."""
    if e.status is not None or len(e.share_inputs) < 2 or e.share == 1:
        return ()
    return (Input("quota pagata", fmt.Share(e.share)),)


def each_once(given: tuple[Input, ...]) -> tuple[Input, ...]:
    """``given`` with each input once, where it first comes: the service's days that the quota pagata reads are the
    ones a weight's formula reads again (``giorni_servizio``), and a table of the scheda says each datum on one row.
    The same datum is the same cell of the data or, for a value no cell holds, the same name (but for its article:
    «i giorni di servizio nell'anno» is «giorni di servizio nell'anno») with the same value."""
    seen: set[tuple[str, str]] = set()
    out: list[Input] = []
    for i in given:
        key = ("cella", i.cell) if i.cell else ("nome", f"{_unarticled(i.name)}={_datum(i.value)}")
        if key not in seen:
            out.append(i)
        seen.add(key)
    return tuple(out)


_ARTICLES = ("il ", "lo ", "la ", "i ", "gli ", "le ", "l'")


def _datum(value: object) -> str:
    """A value as a datum, whatever number type holds it (243 days counted, Decimal 243 read by a formula), in the
    kind it is shown as (an amount in euro is not the number beside it)."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        shown = type(value).__name__ if type(value) not in (int, Decimal) else ""
        return f"{shown}{Decimal(value).normalize():f}"
    return f"{type(value).__name__}:{value}"


def _unarticled(name: str) -> str:
    return next((name[len(a) :] for a in _ARTICLES if name.startswith(a)), name)


FROM_FORMULA = "peso dalla formula"  # pay.formulas.valued: the weight the formula gave, before the quota pagata
# pay.formulas.valued: the amount a part's formula gave (a result pay's, resultformula.WHAT), to the cent → the same
# said as the amount rounded on its own, in its gender
ROUNDED_ALONE = {
    "importo dalla formula": "importo dalla formula, arrotondato da solo",
    "retribuzione di risultato dalla formula": "retribuzione di risultato dalla formula, arrotondata da sola",
}


def rounded_alone(given: tuple[Input, ...], paid: Decimal) -> tuple[Input, ...]:
    """``given`` of a part whose cents were re-split by largest remainder (:mod:`.withincents`), its «importo dalla
    formula» said as the amount rounded on its own where it is not the amount paid: «importo dalla formula,
    arrotondato da solo = € 1.422,44» above the note that says why € 1.422,43 is paid, never a last row that reads
    as the premium and contradicts it."""
    return tuple(
        attrs.evolve(i, name=ROUNDED_ALONE[i.name]) if i.name in ROUNDED_ALONE and i.value != paid else i for i in given
    )


def _one_weight(read: tuple[Input, ...], shared: tuple[Input, ...]) -> tuple[Input, ...]:
    """What the weight's formula read, without «peso dalla formula» where «peso», the one the split divides, is the
    same number said the same way (a quota pagata of 100%): one line, never «peso € 1.572,93» twice."""
    split = next((i for i in shared if i.name == "peso"), None)
    if split is None:
        return read
    money_ = isinstance(split.value, fmt.Money)
    same = [
        i
        for i in read
        if i.name == FROM_FORMULA and i.value == split.value and isinstance(i.value, fmt.Money) is money_
    ]
    return tuple(i for i in read if i not in same) if same else read


def outcome_source(reg: Regulation, trace: Trace, pid: str, source: str) -> Citation:
    """The source of an excluded person's figure: the rule that excluded them (their status's figure, «art. 9 c.
    5»), then the part's own, the regulation named once where its places follow each other."""
    status = trace.figures.get(f"score:{pid}:status")
    return joined(reg, (status.source if status is not None else "", source))


def _what(pr: Premium) -> str:
    """What a part pays: a premium, or a compenso that is not a performance premium (``performance = "nessuna"``)."""
    return "Compenso" if isinstance(pr, Part) and pr.performance == "nessuna" else "Premio"


def _without(fund: Input, read: tuple[Input, ...]) -> tuple[Input, ...]:
    """What a formula read but the part's fund, which the figure says first: a formula that reads ``fondo`` reads
    the fund's own figure, said once («fondo della parte «progetto P1»», never again as «il fondo della parte»)."""
    return tuple(i for i in read if not (fund.ref and i.ref == fund.ref and i.value == fund.value))


def admitted_input(pr: Premium, pid: str, trace: Trace) -> tuple[Input, ...]:
    """The part's condition (``ammesso``) that held for a person it lists, leading to its figure: the explanation of
    whom a part pays shows why it pays them, as that of whom it leaves out shows why not. A place reached is said
    by the person's place and the places the premium reaches («è al 1° posto; il premio spetta ai primi 2 posti (il
    20% di 10 persone, per difetto); il posto è …»), never by the condition's formula in words."""
    if not isinstance(pr, Part) or pr.admitted_if is None:
        return ()
    ref = f"ammesso:{pr.name}:{pid}"
    figure = trace.get(ref)
    return (Input(figure.note if figure is not None and figure.note else held(pr.admitted_if), True, ref=ref),)


def _cents(e: Entry, cents: Mapping[str, str]) -> str:
    """How the person's share came to the cent; of a share then reduced, said as the share before the reduction."""
    said = cents.get(e.person.id, "")
    return f"prima della riduzione, {said}" if said and e.kept < 1 else said


def by_formula(pr: Premium) -> bool:
    """True for a part whose amount or weight is the file's formula (``importo``, ``peso``)."""
    return pr.method == "formula" or (isinstance(pr, Part) and pr.weight is not None)


# what a weight or a sum of weights is made of: a zero there follows from a factor, which is the reason said
DERIVED = frozenset({"peso", "Σ pesi", "Σ pesi della fascia"})


def why_zero(given: tuple[Input, ...]) -> str:
    """Why an amount is 0, when a factor of it is: the first input read that is zero («nessun importo: il punteggio
    = 0»), a coefficient in words with the level or band it is of (:func:`coefficient_zero`), the weight only when
    nothing it is made of is; "" when none is (a cap, cents)."""
    # a reduction of 0% takes nothing (said where the person's days came under its threshold): never why it is 0
    given = tuple(i for i in given if not (i.ref or "").startswith("reduction:"))
    zeros = [i.name for i in given if _zero(i.value) and i.name not in DERIVED]
    zeros = zeros or [i.name for i in given if _zero(i.value)]
    if not zeros:
        return ""
    # «=»: right for «i mesi …» as for «il punteggio»
    return f"nessun importo: {coefficient_zero(zeros[0], given) or the(zeros[0]) + ' = 0'}"


# a coefficient of 0, in words, by the input it is read from: the level or band it is of, named as the regulation
# names it (an IPAB read «il coefficiente del livello = 0» beside a «valutazione non positiva» of the 4^ fascia)
OF_WHAT = {"coefficiente del livello": ("livello", "il livello"), "coefficiente della fascia": ("fascia", "la fascia")}
NO_LEVEL = "coefficiente (nessun livello raggiunto)"


def coefficient_zero(name: str, given: tuple[Input, ...]) -> str:
    """«il livello «4^ classe» ha coefficiente 0», «la fascia «quarta» ha coefficiente 0», «il punteggio non
    raggiunge nessun livello, e il coefficiente è 0»; "" for any other zero."""
    if name == NO_LEVEL:
        return "il punteggio non raggiunge nessun livello, e il coefficiente è 0"
    if name not in OF_WHAT:
        return ""
    key, words = OF_WHAT[name]
    named = next((i.value for i in given if i.name == key and isinstance(i.value, str) and i.value), None)
    return f"{words} «{named}» ha coefficiente 0" if named is not None else ""


def emptied(trace: Trace, fund: Input) -> str:
    """Why a part's fund of 0 is 0 where its own figure says it (a share of 0, :mod:`.fundshares`): «nessun importo: la
    quota del fondo è 0%, perché …»; "" otherwise."""
    figure = trace.get(fund.ref) if fund.ref and fund.value == 0 else None
    return f"nessun importo: {figure.note}" if figure is not None and figure.note else ""


UNFUNDED = "nessun importo: la risorsa che paga la parte non c'è nel fondo dell'ente"


def unfunded(reg: Regulation, pr: Premium, fund: Input) -> str:
    """Why a part's fund is 0 where the ente's fondo gives it nothing (its [fondi] or its destination of 0), with the
    fund by its name and amount: «nessun importo: la risorsa che paga la parte non c'è nel fondo dell'ente (Fondo
    potenziamento PL: € 0,00)», never «il fondo = 0»; "" for any other fund (a share of one, a fund of more than 0)."""
    if fund.ref != f"pool:{pr.fund}" or fund.value != 0:
        return ""
    named = reg.labels.get(pr.fund) or fmt.fund(funds.said(pr.fund))
    return f"{UNFUNDED} ({named}: {fmt.euro(Decimal(str(fund.value)))})"


def cut_whole(reg: Regulation, given: tuple[Input, ...]) -> str:
    """Why an amount is 0 when a reduction took all of it, with the reduction's own article (the premium's is
    another), cited as every rule is, after the act: «nessun importo: la riduzione per giorni di assenza è del 100% (SMVP, art.
    14 c. 1)»; "" when none did. The
    input reads the reduction's figure, ``reduction:<person>:<n>``, n its place among [[riduzioni]]."""
    for i in given:
        if i.name.startswith(Trace.REDUCTION) and isinstance(i.value, fmt.Percent) and i.value == 1:
            source = reg.reductions[int(i.ref.rsplit(":", 1)[1]) - 1].source
            named = i.name.split(" (il taglio")[0].removesuffix(f", {source}")  # a formula's names its article
            return f"nessun importo: {the(named)} è del 100% ({cite(reg, source)})"
    return ""


def _zero(value: Any) -> bool:
    return isinstance(value, (Decimal, int, Fraction)) and not isinstance(value, bool) and value == 0


def sums_of_weights(plan: Plan) -> dict[str, tuple[Input, ...]]:
    """The person's weight and the sum it is divided by, for a plan that splits the pool by weights («fondo × peso /
    Σ pesi»), so the amount can be redone by hand; within the person's band where each band has its own pool."""
    if plan.capped:
        return {}
    band_of = plan.band if plan.band_pools else {}
    totals: dict[str | None, Any] = {}
    for pid, weight in plan.values.items():  # Decimals, or exact Fractions (the merit bands' ratios)
        band = band_of.get(pid)
        totals[band] = totals.get(band, 0) + weight
    said = "Σ pesi della fascia" if plan.band_pools else "Σ pesi"
    out: dict[str, tuple[Input, ...]] = {}
    for pid, weight in plan.values.items():
        shown = shown_pair(plan, weight, totals[band_of.get(pid)])
        out[pid] = (Input("peso", shown[0]), Input(said, shown[1]))
    return out


def shown_pair(plan: Plan, weight: Any, total: Any) -> tuple[Any, Any]:
    """A weight and the sum it is divided by as the explanation writes them: in euro for a weight in euro, else
    alike (:func:`alike`)."""
    return (_euro_weight(weight), _euro_weight(total)) if plan.euro else alike(weight, total)


def alike(weight: Any, total: Any) -> tuple[Decimal, Decimal]:
    """A weight and the sum it is divided by, each as :func:`six_places` says it: the decimals each has, up to six,
    without trailing zeros («125» beside «896,813273»), a share redone by hand."""
    return six_places(weight), six_places(total)


def _euro_weight(weight: Any) -> Decimal:
    """A weight in euro as an amount reads: «€ 1.190,00» (the split divides the exact one)."""
    return fmt.Money(money.r2(Decimal(weight)))


# The methods that weigh people, each with its plan (the others pay people chosen elsewhere: pay.parts).
PLANS: dict[str, Callable[[Call], Plan]] = {
    "proporzionale": proportional,
    "soglie": lambda c: thresholds(c.pr, c.admitted),
    "livelli": lambda c: by_level(c.pr, c.admitted),
    "fasce": lambda c: merit_bands(c.pr, c.admitted, c.ente, c.cap),
    "formula": _computed,
}
