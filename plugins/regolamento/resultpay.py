"""The result pay of PO / EQ ([risultato_po]): a percentage of the position pay by score step, or a fund split
in proportion to position pay × score; nothing below the positive-evaluation threshold, and a negative
evaluation without its contraddittorio is an error (rules/core.md §5).

The position pay is the ``position_pay`` column of people.csv. With ``percentuale`` the amounts are
due in full (half-up to the cent); a fund of that name in ``[funds]`` is a ceiling (above it, the fund is split
in proportion to what is due), without one the pool is what is due.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ciclope.core import Award, Ente, Input, OrgPerformance, Pool, Problem, Score, Trace, money, scoring

from .eligibility import cite, exclusion
from .premium import ZERO, Outcome
from .spec import Regulation, ResultPay

POSITION = "position_pay"
NEGATIVE = "valutazione_negativa"


def step_share(rp: ResultPay, score: Decimal) -> Decimal:
    for step in rp.steps:
        if score >= step.min:
            return step.share
    return Decimal(0)


def pay(
    reg: Regulation, ente: Ente, scores: Mapping[str, Score], org: OrgPerformance, trace: Trace, out: Outcome
) -> None:
    rp = reg.result_pay
    assert rp is not None
    source = cite(reg, rp.source)
    due: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    listed: list[tuple[str, str, str]] = []  # (id, name, status or "")
    for p in ente.people.values():
        s = scores.get(p.id)
        if p.role not in rp.roles or s is None or s.score is None:
            continue
        status = exclusion(reg, p, s, ente, org, trace)
        position = p.extra.get(POSITION)
        if status is None and s.score < rp.positive:
            status = NEGATIVE
            if rp.hearing and not scoring.has_contraddittorio(ente, p.id):
                trace.problem(
                    Problem(
                        rule="regolamento.contraddittorio",
                        source=source,
                        file="appeals.csv",
                        message=f"{p.name}: valutazione negativa ({s.score} < {rp.positive}) senza il "
                        "contraddittorio: non può essere definitiva",
                    )
                )
        if status is None and position is None:
            trace.problem(
                Problem(
                    rule="regolamento.posizione",
                    source=source,
                    file="people.csv",
                    row=p.row,
                    column=POSITION,
                    message=f"{p.name}: manca la retribuzione di posizione",
                )
            )
            status = "senza_posizione"
        if status is not None:
            out.statuses[p.id] = status
        listed.append((p.id, p.name, status or ""))
        inputs[p.id] = (
            Input("retribuzione di posizione", position, cell=ente.cell("people", p.row, POSITION)),
            Input("punteggio", s.score, ref=f"score:{p.id}"),
        )
        if status is None:
            assert position is not None
            if rp.method == "percentuale":
                share = step_share(rp, s.score)
                due[p.id] = money.r2(position * share)
                inputs[p.id] += (Input("quota della posizione", share),)
            else:
                due[p.id] = position * s.score
    if not listed and rp.fund not in out.pools:
        return  # nobody to pay and no fund: no pool to report
    amounts, pool = settle(rp, out.pools.get(rp.fund), due, scores, source, trace)
    formula = (
        "retribuzione di posizione × quota del gradino di punteggio"
        if rp.method == "percentuale"
        else "fondo × (retribuzione di posizione × punteggio) / Σ dei valutati positivamente"
    )
    for pid, name, status in listed:
        paid = amounts.get(pid, ZERO)
        given = inputs[pid] + ((Input("fondo", pool.amount, ref=f"pool:{rp.fund}"),) if rp.method == "fondo" else ())
        trace.record(
            f"award:{pid}:{rp.fund}",
            paid,
            formula if not status else f"nessuna retribuzione: {status}",
            source,
            given,
            f"Retribuzione di risultato di {name}",
            rp.note,
        )
        key = pid if pid not in out.awards else f"{pid}:risultato"
        out.awards[key] = Award(person=pid, amount=paid, pool=rp.fund)
    out.pools[rp.fund] = pool.with_distributed(sum(amounts.values(), ZERO))


def settle(
    rp: ResultPay, fund: Pool | None, due: dict[str, Decimal], scores: Mapping[str, Score], source: str, trace: Trace
) -> tuple[dict[str, Decimal], Pool]:
    """The amounts paid and the pool they come from."""
    rank = {pid: -(scores[pid].score or Decimal(0)) for pid in due}
    if rp.method == "fondo":
        if fund is None:
            trace.problem(
                Problem(
                    rule="regolamento.fondo",
                    severity="warning",
                    source=source,
                    file="ente.toml",
                    column=f"funds.{rp.fund}",
                    message=f"manca [funds] {rp.fund}: nessuna retribuzione di risultato calcolata",
                )
            )
            return {}, Pool(name=rp.fund, amount=ZERO, source=source, label="Retribuzione di risultato")
        return money.split(fund.amount, due, rank=rank), fund
    total = sum(due.values(), ZERO)
    if fund is None:
        return due, Pool(name=rp.fund, amount=total, source=source, label="Retribuzione di risultato")
    if total > fund.amount:
        trace.problem(
            Problem(
                rule="regolamento.fondo_insufficiente",
                severity="warning",
                source=source,
                file="ente.toml",
                column=f"funds.{rp.fund}",
                message=f"il fondo {rp.fund} ({fund.amount} €) non basta per la retribuzione di "
                f"risultato dovuta ({total} €): ridotta in proporzione",
            )
        )
        return money.split(fund.amount, due, rank=rank), fund
    return due, fund
