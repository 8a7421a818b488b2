"""The result pay of PO / EQ ([risultato_po]): a percentage of the position pay by score step, a fund split
in proportion to position pay × score, or a formula's amount (:mod:`pay.resultformula`); nothing below the
positive-evaluation threshold, and a negative evaluation without its contraddittorio is an error (rules/core.md §5).

The position pay is the ``position_pay`` column of people.csv. With ``percentuale`` and ``formula`` the amounts are
due in full (half-up to the cent); a fund of that name in ``[funds]`` is a ceiling (above it, the fund is split
in proportion to what is due; a formula's amounts past it by their rounding alone go to the cent by largest
remainder), without one the pool is what is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from ciclope.core import Award, Ente, Input, OrgPerformance, Person, Pool, Problem, Score, Trace, fmt, money, scoring
from ciclope.plugins.regolamento.compile.env import TERM_END, TERM_START, Facts
from ciclope.plugins.regolamento.compile.points import points_of, scale_of
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import RESULT_PART, PayStep, Regulation, ResultPay
from ciclope.plugins.regolamento.format.wording import result_pay_words
from ciclope.plugins.regolamento.pay import premium, reductions, resultformula, unpaid, withincents
from ciclope.plugins.regolamento.pay.eligibility import exclusion, unheard
from ciclope.plugins.regolamento.pay.shapes import ZERO, Outcome

POSITION = "position_pay"
NEGATIVE = "valutazione_negativa"
# a status the figure says in full: the threshold and the conciliation are its inputs
STATUS_WORDS = {NEGATIVE: "valutazione negativa, sotto la soglia della valutazione positiva"}


def step_share(rp: ResultPay, score: Decimal) -> Decimal:
    step = step_of(rp, score)
    return step.share if step is not None else Decimal(0)


def step_of(rp: ResultPay, score: Decimal) -> PayStep | None:
    """The step of the scale the score reaches (the steps are written from the highest), or None below them all."""
    return next((step for step in rp.steps if score >= step.min), None)


def step_inputs(reg: Regulation, points: Decimal) -> tuple[Input, ...]:
    """What a reader needs to redo the step by hand: the points on the regulation's own scale (``su``), if it has
    one, and the step they reach, as the text writes it («da 51 punti»)."""
    rp = reg.result_pay
    assert rp is not None
    scale = scale_of(reg)
    shown = (Input(f"punti sulla scala del regolamento (su {fmt.decimal_it(scale)})", points),) if scale else ()
    step = step_of(rp, points)
    if step is None:
        return shown
    return (*shown, Input("gradino raggiunto", f"da {fmt.decimal_it(step.min)} punti"))


def pay(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    org: OrgPerformance,
    trace: Trace,
    out: Outcome,
    facts: Facts | None = None,
    at: str = "risultato_po",
) -> None:
    """The entry of [[risultato_po]] ``reg`` pays first (:meth:`Regulation.only`), written at the path ``at`` of the
    file («risultato_po[1]» among several), where a message about it points."""
    rp = reg.result_pay
    assert rp is not None
    source = cite(reg, rp.source)
    people = [p for p in ente.people.values() if p.role in rp.roles and scored(scores.get(p.id))]
    formula = by_formula(reg, ente, scores, org, trace, out, facts, people)
    weighted = facts.position_pay if facts is not None else {}  # the pay of [posizioni], read before people.csv's
    due: dict[str, Decimal] = {}
    exact: dict[str, Decimal] = {}  # a formula's amounts before their rounding to the cent
    inputs: dict[str, tuple[Input, ...]] = {}
    listed: list[tuple[str, str, str]] = []  # (id, name, status or "")
    for p in people:
        s = scores[p.id]
        status = status_of(reg, p, s, (ente, org), trace, weighted)
        if status is not None:
            outcome(p.id, status, trace, out)
        listed.append((p.id, p.name, status or ""))
        position = weighted.get(p.id, p.extra.get(POSITION))
        inputs[p.id] = given(rp, p, s, ente, weighted)
        if status == NEGATIVE:
            inputs[p.id] += negative_inputs(reg, p, s, ente)
        if status is not None:
            continue
        if rp.method == "formula":
            if formula is not None:  # None: the fund it reads is missing, and settle says so
                exact[p.id], read = formula.amount(p.id)
                inputs[p.id] = with_term(read, p, ente)
                due[p.id] = money.r2(exact[p.id])
        elif position is None or s.score is None:
            continue  # never: status_of gave senza_posizione, and only the scored are listed
        elif rp.method == "percentuale":
            points = points_of(reg, s) or Decimal(0)  # the steps are judged on the points of the scale
            share = step_share(rp, points)
            if share == 0:
                trace.problem(below_steps(rp, p, points, ente, source))
            due[p.id] = money.r2(position * share)
            inputs[p.id] += (*step_inputs(reg, points), Input("quota della posizione", share))
        else:
            due[p.id] = position * s.score
    cuts = cut_due(reg, ente, listed, due, exact, trace)
    if not listed and rp.fund not in out.pools:
        return  # nobody to pay and no fund: no pool to report
    if not listed:  # a fund and nobody of its roles: never a silent residual
        unpaid.result_pay(reg, ente, out.pools[rp.fund].amount, trace, at)
    # declared: a fund of [[fondi]], missing only where it could not be computed (its own error says why)
    declared, place = reg.constitutes(rp.fund), premium.fund_place(reg, rp.fund, ente)
    amounts, pool, note = settle(rp, out.pools.get(rp.fund), due, exact, scores, source, trace, declared, ente.funds,
                                 place, fund_label(reg, rp))  # fmt: skip
    if rp.method == "fondo":  # the fund is split by weights first: each one's cut stays in it, unpaid
        amounts = {pid: money.r2(a * cuts[pid][0]) if pid in cuts else a for pid, a in amounts.items()}
        inputs.update({pid: inputs[pid] + split for pid, split in weighed(due).items()})
    cut = {pid: given for pid, (_, given) in cuts.items() if given}
    record(rp, listed, {pid: i + cut.get(pid, ()) for pid, i in inputs.items()}, amounts, pool, source, trace, out,
           note, frozenset(cut), cents_of(note, exact, amounts, scores))  # fmt: skip


def cents_of(
    note: str, exact: Mapping[str, Decimal], amounts: Mapping[str, Decimal], scores: Mapping[str, Score]
) -> dict[str, str]:
    """By person, how their amount came to the cent where the exact amounts were split to it because, rounded one
    by one, they would pass the fund (:func:`premium.rounded_within`, whose ``note`` says so); {} otherwise."""
    if not note.startswith(withincents.PAST):
        return {}
    return withincents.within_cents(exact, amounts, premium.tie_by_score({pid: s.score for pid, s in scores.items()}))


def weighed(due: Mapping[str, Decimal]) -> dict[str, tuple[Input, Input]]:
    """Of a fund split by position pay × score: each one's weight and the sum it is divided by, read alike, so the
    amount is redone by hand (fondo × peso / Σ)."""
    total = sum(due.values(), ZERO)
    out = {}
    for pid, weight in due.items():
        shown = premium.alike(weight, total)
        out[pid] = (Input("peso (retribuzione di posizione × punteggio)", shown[0]), Input(SUM, shown[1]))
    return out


SUM = "Σ dei pesi dei valutati positivamente"


def cut_due(
    reg: Regulation,
    ente: Ente,
    listed: list[tuple[str, str, str]],
    due: dict[str, Decimal],
    exact: dict[str, Decimal],
    trace: Trace,
) -> dict[str, tuple[Decimal, tuple[Input, ...]]]:
    """Each paid person's share left by the reductions that name the result pay, and their inputs. An amount due
    (every method but «fondo») is cut here, half-up to the cent as the result pay is, so the pool is what is due
    after the cut; a fund split by weights is cut once split, by the caller, the cut staying in the fund."""
    rp = reg.result_pay
    assert rp is not None
    cuts = {pid: reductions.reduce_result(reg, ente.people[pid], ente, trace) for pid, _, st in listed if not st}
    for pid, (left, _) in cuts.items():
        if left < 1 and rp.method != "fondo" and pid in due:  # an amount due: the cut is not due, nor paid
            due[pid], exact[pid] = money.r2(due[pid] * left), exact.get(pid, due[pid]) * left
    return cuts


def scored(s: Score | None) -> bool:
    return s is not None and s.score is not None


def given(
    rp: ResultPay, p: Person, s: Score, ente: Ente, weighted: Mapping[str, Decimal] | None = None
) -> tuple[Input, ...]:
    """What every figure of the person shows, paid or not: the position pay (unless a formula that does not read
    it) and the score."""
    score = Input("punteggio", s.score, ref=f"score:{p.id}")
    if rp.method == "formula" and not resultformula.reads_position(rp):
        return (score,)
    return with_term((position_input(p, ente, weighted), score), p, ente)


def position_input(p: Person, ente: Ente, weighted: Mapping[str, Decimal] | None = None) -> Input:
    """The position pay: the weighting's figure for a holder of a post of [posizioni] (``weighted``), else people.csv's
    cell."""
    if weighted and p.id in weighted:
        return Input("retribuzione di posizione", weighted[p.id], ref=f"position_pay:{p.id}")
    return Input("retribuzione di posizione", p.extra.get(POSITION), cell=ente.cell("people", p.row, POSITION))


def with_term(inputs: tuple[Input, ...], p: Person, ente: Ente) -> tuple[Input, ...]:
    """``inputs`` with the incarico's dates of people.csv after the position pay they read, when written: the office
    gives the position pay for the incarico's days, and the person reads why it is not the year's («incarico dal
    01/04/2026» beside € 7.534,25, «incarico fino al 30/09/2025»). Unchanged without dates, or where nothing reads the position pay."""
    start, end = p.extra.get(TERM_START), p.extra.get(TERM_END)
    after = "al" if isinstance(start, dt.date) else "fino al"  # «dal 01/05/2025 al 30/09/2025», «fino al 30/09/2025»
    said = [f"{word} {fmt.date_it(d)}" for word, d in (("dal", start), (after, end)) if isinstance(d, dt.date)]
    at = next((n for n, i in enumerate(inputs, 1) if i.name.endswith("retribuzione di posizione")), None)
    if not said or at is None:
        return inputs
    column = TERM_START if isinstance(start, dt.date) else TERM_END
    term = Input("incarico", " ".join(said), cell=ente.cell("people", p.row, column))
    return (*inputs[:at], term, *inputs[at:])


def negative_inputs(reg: Regulation, p: Person, s: Score, ente: Ente) -> tuple[Input, ...]:
    """What a negative evaluation is judged on, for the figure that pays it nothing: the points on the regulation's
    scale (if it has one), the positive threshold, and each row of the person's conciliation with its cell (the
    contraddittorio the negative evaluation needs, and how it ended)."""
    rp = reg.result_pay
    assert rp is not None
    scale = scale_of(reg)
    points = (Input(f"punti sulla scala del regolamento (su {fmt.decimal_it(scale)})", points_of(reg, s)),)
    threshold = Input("soglia della valutazione positiva", f"{fmt.decimal_it(rp.positive)} punti")
    rows = tuple(
        Input(
            f"{a.stage} del {fmt.date_it(a.date)}" if a.date else a.stage,
            a.outcome or "senza esito",
            cell=ente.cell("appeals", a.row, "outcome"),
        )
        for a in ente.appeals
        if a.person == p.id
    )
    return (*(points if scale else ()), threshold, *rows)


def by_formula(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    org: OrgPerformance,
    trace: Trace,
    out: Outcome,
    facts: Facts | None,
    people: list[Person],
) -> resultformula.ResultFormula | None:
    """The formula ``importo`` over the people, with ``metodo = "formula"``; None with another method, or when the
    formula reads a fund ente.toml does not have (nobody is computed: :func:`settle` says why)."""
    rp = reg.result_pay
    assert rp is not None
    fund = out.pools.get(rp.fund)
    if rp.method != "formula" or (fund is None and resultformula.reads_fund(rp)):
        return None
    facts = facts if facts is not None else Facts(reg, ente, org, scores)
    return resultformula.ResultFormula.of(reg, facts, people, fund, trace)


def below_steps(rp: ResultPay, p: Person, score: Decimal, ente: Ente, source: str) -> Problem:
    """A positively evaluated PO/EQ under the lowest step of the scale: paid 0, and the office is told so (the
    regulation leaves a gap between the positive threshold and its first step)."""
    lowest = min((step.min for step in rp.steps), default=Decimal(100))
    message = (
        f"{p.name}: valutazione positiva ({fmt.decimal_it(score)} ≥ {fmt.decimal_it(rp.positive)}) ma sotto il gradino "
        f"più basso della retribuzione di risultato ({fmt.decimal_it(lowest)}): retribuzione di risultato 0 €. "
        "Verifica il regolamento: tra la soglia positiva e il primo gradino nessuna quota è scritta"
    )
    where = ("people", p.row, POSITION)
    return Problem.at(ente, "regolamento.risultato_sotto_gradini", message, source, *where, severity="warning")


def outcome(pid: str, status: str, trace: Trace, out: Outcome) -> None:
    """The person's status is the result pay's: one a part of the premium gave first («non ammesso» to a part whose
    condition left them out) is no longer their outcome, and its figure goes, so explain says one outcome, the
    header's (the part's own condition still says why it did not pay)."""
    if out.statuses.get(pid) == premium.NOT_ADMITTED:
        trace.figures.pop(f"score:{pid}:status", None)
    out.statuses[pid] = status


def status_of(
    reg: Regulation,
    p: Person,
    s: Score,
    data: tuple[Ente, OrgPerformance],
    trace: Trace,
    weighted: Mapping[str, Decimal],
) -> str | None:
    """Why a PO/EQ gets no result pay (an exclusion, a negative evaluation, no position pay when it is read: every
    method but a formula that does not name it; ``weighted``: the pay of the posts of [posizioni]), or None."""
    (ente, org), rp, score = data, reg.result_pay, points_of(reg, s)
    assert rp is not None and score is not None
    status = exclusion(reg, p, s, ente, org, trace)
    if status is None and score < rp.positive:
        status = NEGATIVE
        if rp.hearing and not scoring.has_contraddittorio(ente, p.id):
            message = unheard(ente, p.name, score, rp.positive)
            trace.problem(Problem.at(ente, "regolamento.contraddittorio", message, cite(reg, rp.source), "appeals"))
    needs_position = rp.method != "formula" or resultformula.reads_position(rp)
    if status is None and needs_position and weighted.get(p.id, p.extra.get(POSITION)) is None:
        message = f"{p.name}: manca la retribuzione di posizione"
        where: tuple[str, int, str] = ("people", p.row, POSITION)
        if reg.positions is not None:  # the pay is the weighting's: the office names the holder in positions.csv
            message += " (non è titolare di una posizione di posizioni.csv, colonna titolare)"
        if reg.positions is not None or not ente.misspelled(
            "people", POSITION, resultformula.POSITION_NAME
        ):  # a misspelt header says it once
            trace.problem(Problem.at(ente, "regolamento.posizione", message, cite(reg, rp.source), *where))
        status = "senza_posizione"
    return status


def record(
    rp: ResultPay,
    listed: list[tuple[str, str, str]],
    inputs: Mapping[str, tuple[Input, ...]],
    amounts: Mapping[str, Decimal],
    pool: Pool,
    source: str,
    trace: Trace,
    out: Outcome,
    note: str = "",
    cut: frozenset[str] = frozenset(),
    cents: Mapping[str, str] | None = None,
) -> None:
    """Every listed PO/EQ's result pay, recorded with its inputs, as an award of the fund; ``cut``: those a reduction
    of [[riduzioni]] took some of it from (their formula says so); ``cents``: by person, how their amount came to the
    cent (:func:`withincents.within_cents`)."""
    formula = method_words(rp)
    missing = rp.fund not in out.pools  # no fund to split (its problem says so): no figure of it to refer to
    if missing and (rp.method == "fondo" or resultformula.reads_fund(rp)):
        formula = f"nessuna retribuzione: manca il fondo {fmt.quoted(funds.said(rp.fund))}"
    ref = "" if missing else out.fund_ref(rp.fund)
    fund = (Input("fondo", pool.amount, ref=ref),) if rp.method == "fondo" else ()
    for pid, name, status in listed:
        paid = amounts.get(pid, ZERO)
        how = formula if not status else f"nessuna retribuzione: {STATUS_WORDS.get(status, status)}"
        how += f"; {reductions.RESULT_WORDS}" if pid in cut else ""
        trace.record(
            f"award:{pid}:{rp.fund}",
            paid,
            how,
            source,
            (premium.rounded_alone(inputs[pid], paid) if note.startswith(withincents.PAST) else inputs[pid]) + fund,
            f"Retribuzione di risultato di {name}",
            fmt.clauses(note, (cents or {}).get(pid, ""), rp.note) if not status else rp.note,
        )
        key = pid if pid not in out.awards else f"{pid}:risultato"
        out.awards[key] = Award(person=pid, amount=paid, pool=rp.fund)
    if missing and not (rp.method == "fondo" or resultformula.reads_fund(rp)):
        # no fund in [fondi]: what is allocated is what is due, and `explain --pool` says so, person by person
        each = [Input(f"retribuzione di risultato di {name}", amounts.get(pid, ZERO), ref=f"award:{pid}:{rp.fund}")
                for pid, name, status in listed if not status]  # fmt: skip
        trace.record(f"pool:{rp.fund}", pool.amount, "somma delle retribuzioni di risultato dovute: nessun fondo in "
                     "[fondi] la limita", source, each, pool.label)  # fmt: skip
    else:
        record_paid(rp, listed, amounts, Input("fondo", pool.amount, ref=ref), source, trace)
    out.pools[rp.fund] = pool.with_distributed(sum(amounts.values(), ZERO))


def record_paid(
    rp: ResultPay,
    listed: list[tuple[str, str, str]],
    amounts: Mapping[str, Decimal],
    fund: Input,
    source: str,
    trace: Trace,
) -> None:
    """The figure of what the result pay paid from its fund (``pool:<fund>:risultato:premi``), each amount above zero
    leading to its person's figure: ``ciclope explain --pool`` goes from the fund to who received what, as it does
    for a part of the premium (:mod:`.partpaid`)."""
    each = [
        Input(f"retribuzione di risultato di {name}", amounts[pid], ref=f"award:{pid}:{rp.fund}")
        for pid, name, _ in listed
        if amounts.get(pid, ZERO) > 0
    ]
    trace.record(
        f"pool:{rp.fund}:risultato:premi",
        sum((i.value for i in each), ZERO),
        "somma delle retribuzioni di risultato pagate, ciascuna spiegata con il suo calcolo",
        source,
        [fund, *each],
        "Retribuzione di risultato pagata",
    )


def method_words(rp: ResultPay) -> str:
    """How a paid person's result pay is computed, as the award figure says it."""
    if rp.method == "formula":
        return resultformula.words(rp)
    if rp.method == "percentuale":
        return "retribuzione di posizione × quota del gradino di punteggio, arrotondata al centesimo"
    return f"fondo × (retribuzione di posizione × punteggio) / {SUM}"


PLAIN = "Retribuzione di risultato"


def fund_label(reg: Regulation, rp: ResultPay) -> str:
    """The words of the fund of ``rp`` where [fondi] does not give it, the same a fund of [fondi] reads by: the
    label of [etichette] with its key, else the roles it pays («Retribuzione di risultato dei dirigenti», «… delle
    PO / EQ») when several entries pay from funds of their own or the fund is the plugin's own, else
    «Retribuzione di risultato»."""
    written = funds.labels_by_code(reg.labels)
    if rp.fund in written:
        return written[rp.fund]
    if len(reg.result_pays) > 1 or rp.fund == RESULT_PART:
        return result_pay_words(rp.roles, reg.labels)
    return PLAIN


def missing_fund(rp: ResultPay, source: str, written: Iterable[str] = ()) -> Problem:
    return Problem(
        rule="regolamento.fondo",
        severity="error" if funds.mistyped(rp.fund, written) else "warning",
        source=source,
        file="ente.toml",
        column=f"funds.{rp.fund}",
        message=f"{funds.missing(rp.fund, written)}: nessuna retribuzione di risultato calcolata"
        + (" (la formula importo legge fondo)" if rp.method == "formula" else ""),
    )


def settle(
    rp: ResultPay,
    fund: Pool | None,
    due: dict[str, Decimal],
    exact: Mapping[str, Decimal],
    scores: Mapping[str, Score],
    source: str,
    trace: Trace,
    declared: bool = False,
    written: Iterable[str] = (),
    place: premium.Place | None = None,
    label: str = PLAIN,
) -> tuple[dict[str, Decimal], Pool, str]:
    """The amounts paid, the pool they come from and a note on how it was used (a formula's cents, "" else).
    ``declared``: the fund is one the regulation constitutes ([[fondi]]), never written in ente.toml; ``written``: the
    funds ente.toml gives, one of which a missing fund's warning names when it is close to it; ``place``: where the
    office writes the fund (:func:`premium.fund_place`), [fondi] of ente.toml when not said; ``label``: the words of
    the pool made when [fondi] has no such fund (:func:`fund_label`)."""
    rank = {pid: -(scores[pid].score or Decimal(0)) for pid in due}
    if fund is None and (rp.method == "fondo" or resultformula.reads_fund(rp)):
        if not declared:
            trace.problem(missing_fund(rp, source, written))
        return {}, Pool(name=rp.fund, amount=ZERO, source=source, label=label), ""
    if rp.method == "fondo":
        assert fund is not None
        return money.split(fund.amount, due, rank=rank), fund, ""
    total = sum(due.values(), ZERO)
    if fund is None:
        return due, Pool(name=rp.fund, amount=total, source=source, label=label), ""
    within = premium.rounded_within(fund.amount, total, exact, rank)  # as a part's formula amounts are
    if within is not None:
        return within[0], fund, within[1]
    if total > fund.amount:
        file, row, column = place or ("ente.toml", None, f"funds.{rp.fund}")
        trace.problem(
            Problem(
                rule="regolamento.fondo_insufficiente",
                severity="warning",
                source=source,
                file=file,
                row=row,
                column=column,
                message=f"il fondo {fmt.quoted(funds.said(rp.fund))} ({fmt.euro(fund.amount)}) non basta per la retribuzione di "
                f"risultato dovuta ({fmt.euro(total)}): ridotta in proporzione",
            )
        )
        return money.split(fund.amount, due, rank=rank), fund, ""
    return due, fund, ""
