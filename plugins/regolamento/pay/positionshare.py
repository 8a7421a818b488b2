"""The result pay of PO / EQ as a share of a fund by position pay ([risultato_po] metodo = "quota_posizione",
format 2): each one's maximum is the fund × their position pay / Σ position pay of the roles paid (equal shares
when a position pay is missing), a cap rounded down to the cent whose leftover cents stay residual, never given
to one person by id; paid the maximum × score / 100 (half-up) when the evaluation is positive, else nothing
(and a negative evaluation needs its contraddittorio); an exclusion of the regulation pays nothing; the rest of
the fund is residual.

The position pay is the ``position_pay`` column of people.csv, or, with [posizioni], the pay the weighting gives;
then, with ``posizioni_vacanti = "residuo"``, the Σ is every weighted position's (the annual pay of one vacant or
not paid), so their shares stay residual. The interims of [posizioni] come out of the fund first (:mod:`.interim`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from ciclope.core import Award, Ente, Input, OrgPerformance, Person, Problem, Score, Trace, fmt, money, scoring
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.pay.eligibility import exclusion, unheard
from ciclope.plugins.regolamento.pay.resultpay import (
    NEGATIVE,
    POSITION,
    STATUS_WORDS,
    negative_inputs,
    position_input,
    record_paid,
)
from ciclope.plugins.regolamento.pay.shapes import ZERO, Outcome

HUNDRED = Decimal(100)
SUM = "Σ retribuzioni di posizione"
EVERY = "Σ retribuzioni di posizione di tutte le posizioni (l'annua di una vacante o non pagata, la cui quota resta residua)"
FORMULA = (
    "quota massima × punteggio / 100 se la valutazione è positiva; quota massima = fondo × retribuzione di "
    "posizione / Σ retribuzioni di posizione, arrotondata per difetto al centesimo («fino a»)"
)


def maxima(fund: Decimal, weights: Mapping[str, Decimal], over: Decimal | None = None) -> dict[str, Decimal]:
    """fund × w / Σ w rounded down to the cent for each (exact fractions: no rounding before the floor); ``over``:
    the Σ to divide by when it is not the weights' own (every position's, the shares of those not paid residual)."""
    total = Fraction(over) if over is not None else sum((Fraction(w) for w in weights.values()), Fraction(0))
    if total == 0:
        return {pid: ZERO for pid in weights}
    return {pid: Decimal(Fraction(fund) * Fraction(w) * 100 // total) / 100 for pid, w in weights.items()}


def position_pays(
    people: list[Person], computed: Mapping[str, Decimal] | None, ente: Ente
) -> tuple[dict[str, Decimal], dict[str, Input]]:
    """Each person's weight in the fund and its input: the computed position pay ([posizioni]), else the
    people.csv column when every one has it, else 1 each (equal shares)."""
    if computed is not None:
        pays = {p.id: computed.get(p.id, ZERO) for p in people}
        # someone paid for no position (none held in the year, a fund short of the minimums) has no figure
        refs = {pid: f"position_pay:{pid}" if pid in computed else "" for pid in pays}
        return pays, {pid: Input("retribuzione di posizione", v, ref=refs[pid]) for pid, v in pays.items()}
    given = {p.id: p.extra.get(POSITION) for p in people}
    inputs = {p.id: position_input(p, ente) for p in people}
    if all(v is not None for v in given.values()):
        return {pid: v for pid, v in given.items() if v is not None}, inputs
    return {pid: Decimal(1) for pid in given}, inputs


def pay(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    org: OrgPerformance,
    trace: Trace,
    out: Outcome,
    computed: Mapping[str, Decimal] | None = None,
) -> set[str]:
    """Each PO/EQ's result pay as an award of the fund; who receives one (scored, a positive evaluation, no
    exclusion), with whatever it pays them."""
    rp = reg.result_pay
    assert rp is not None
    source = cite(reg, rp.source)
    people = [p for p in ente.people.values() if p.role in rp.roles]
    pool = out.pools.get(rp.fund)
    if pool is None:
        if people:
            message = f"{funds.missing(rp.fund, ente.funds)}: nessuna retribuzione di risultato calcolata"
            trace.problem(
                Problem(
                    rule="regolamento.fondo",
                    severity="warning",
                    source=source,
                    message=message,
                    file="ente.toml",
                    column=f"funds.{rp.fund}",
                )
            )
        return set()
    weights, pay_inputs = position_pays(people, computed, ente)
    every = sum(out.positions.values(), ZERO) if rp.vacant == "residuo" and computed is not None else None
    cap = maxima(pool.amount, weights, every)
    fund = Input("fondo", pool.amount, ref=out.fund_ref(rp.fund))
    by_pay = computed is not None or all(p.extra.get(POSITION) is not None for p in people)  # else equal shares
    # the Σ the maximum divides by, so a person redoes it by hand: every position's, or the weights' own
    shared = (
        (Input(EVERY, every),)
        if every is not None
        else (Input(SUM, fmt.Money(sum(weights.values(), ZERO))),)
        if by_pay
        else ()
    )
    paid, receiving = ZERO, set()
    amounts: dict[str, Decimal] = {}
    for p in people:
        s = scores.get(p.id)
        status = why_not(reg, p, s, ente, org, trace)
        if status:
            out.statuses[p.id] = status
        score = s.score if s is not None else None
        amount = money.r2(cap[p.id] * score / HUNDRED) if score is not None and not status else ZERO
        given = (
            fund,
            pay_inputs[p.id],
            *shared,
            Input("quota massima", fmt.Money(cap[p.id])),  # an amount, «€ 0,00» where nothing is due, never «0%»
            Input("punteggio", score, ref=f"score:{p.id}"),
            *(negative_inputs(reg, p, s, ente) if status == NEGATIVE and s is not None else ()),
        )
        said = STATUS_WORDS.get(status, status) if status else "non valutato"
        how = FORMULA if score is not None and not status else f"nessuna retribuzione: {said}"
        label = f"Retribuzione di risultato di {p.name}"
        trace.record(f"award:{p.id}:{rp.fund}", amount, how, source, given, label, rp.note)
        key = p.id if p.id not in out.awards else f"{p.id}:risultato"
        out.awards[key] = Award(person=p.id, amount=amount, pool=rp.fund, band=s.level if s is not None else None)
        paid += amount
        amounts[p.id] = amount
        if score is not None and not status:
            receiving.add(p.id)
    # `explain --pool` goes from the fund to what each was paid, as for every other method
    record_paid(rp, [(p.id, p.name, "") for p in people], amounts, fund, source, trace)
    out.pools[rp.fund] = pool.with_distributed(paid)
    return receiving


def why_not(reg: Regulation, p: Person, s: Score | None, ente: Ente, org: OrgPerformance, trace: Trace) -> str | None:
    """Why a scored PO/EQ gets no result pay: a negative evaluation (checked first: it needs its contraddittorio
    whatever else applies), then an exclusion of the regulation; None when paid (or not scored)."""
    rp = reg.result_pay
    assert rp is not None
    points = points_of(reg, s)
    if s is None or points is None:
        return None
    if points < rp.positive:
        if rp.hearing and not scoring.has_contraddittorio(ente, p.id):
            message = unheard(ente, p.name, points, rp.positive)
            trace.problem(Problem.at(ente, "regolamento.contraddittorio", message, cite(reg, rp.source), "appeals"))
        return NEGATIVE
    return exclusion(reg, p, s, ente, org, trace)
