"""Art. 21: the retribuzione di risultato of dirigenti and PO (rules §2).

The pool is split in proportion to ``position_pay × score`` among dirigenti and PO with score ≥ 70 and
(``peg_rule_for_po``) a unit at ≥ 70% of its PEG objectives (art. 17.2). Under the CCNL of 1999 each PO is
capped at ``po_result_max_share × position_pay`` («entro i limiti … del CCNL», art. 21.1), what a cap frees
going to the others, the rest residual, and a positive pay below ``po_result_min_share × position_pay`` is a
warning; from the CCNL of 21.5.2018 there is no per-person range, only the ente's 15% quota.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ciclope.core import Award, Input, Person, fmt, money

from .checks import MIN_SCORE
from .common import PEG_MIN, RESULT_FUND, ZERO, Context, Part, money_it, plain_money, responsibility_unit, src


@attrs.frozen
class Eligible:
    """Who shares the fund: weights ``position_pay × score``, caps, the inputs of each, and who was excluded."""

    weights: dict[str, Decimal] = attrs.field(factory=dict)
    caps: dict[str, Decimal] = attrs.field(factory=dict)
    inputs: dict[str, tuple[Decimal, Decimal]] = attrs.field(factory=dict)  # (position pay, score)
    excluded: dict[str, str] = attrs.field(factory=dict)


def result_pay(ctx: Context) -> Part:
    fund = ctx.pools.get(RESULT_FUND)
    if fund is None:
        return Part()
    per_person = ctx.params["po_result_limits"] == "ccnl_1999"
    found = eligible(ctx, fund.amount, per_person)
    rank = {pid: -found.inputs[pid][1] for pid in found.weights}  # core §4: leftover cents by rank, then id
    parts = money.capped_split(fund.amount, found.weights, found.caps, rank=rank)
    freed = cap_redistribution(parts, found.weights, found.caps, fund.amount)
    shared = (
        Input("fondo retribuzione di risultato", fund.amount, ref=f"pool:{RESULT_FUND}"),
        Input("Σ pesi", sum(found.weights.values(), Decimal(0))),
    )
    awards: dict[str, Award] = {}
    for pid, amount in parts.items():
        person = ctx.ente.people[pid]
        capped = per_person and person.is_po
        awards[pid] = Award(person=pid, amount=amount, pool=RESULT_FUND)
        tail = ((Input("tetto (quota_massima_risultato_po × posizione)", found.caps[pid]),) if capped else ()) + tuple(
            freed.get(pid, ())
        )
        note = freed_note(freed, pid, parts, found.caps)
        record_award(ctx, person, amount, found.inputs[pid], shared, tail, per_person, note)
        if capped:
            below_minimum(ctx, person, amount, found.inputs[pid][0])
    if not per_person:
        po_quota(ctx, fund.amount)
    given = sum(parts.values(), Decimal(0))
    label = fund.label or "Retribuzione di risultato di dirigenti e PO (art. 21)"
    extra = {
        "result_pay": {
            "eligible": list(parts),
            "excluded": found.excluded,
            "pool": plain_money(fund.amount),
            "distributed": plain_money(given),
        }
    }
    pool = attrs.evolve(fund, label=label).with_distributed(given)
    return Part(awards=awards, pools={RESULT_FUND: pool}, extra=extra)


def eligible(ctx: Context, fund: Decimal, per_person: bool) -> Eligible:
    """Dirigenti and PO with a score ≥ 70 who are not excluded (art. 17.2, 21), with their weights and caps."""
    max_share = Decimal(ctx.params["po_result_max_share"])
    found = Eligible()
    for p in ctx.ente.people.values():
        if not (p.is_po or p.is_dirigente):
            continue
        s = ctx.scores.get(p.id)
        if s is None or s.score is None or s.score < MIN_SCORE:
            continue
        reason = exclusion(ctx, p)
        if reason:
            found.excluded[p.id] = reason
            continue
        pay = p.extra.get("position_pay")
        if pay is None:
            ctx.problem(
                "result.position_pay",
                f"{p.id}: manca la retribuzione di posizione (retribuzione_posizione), necessaria per ripartire "
                f"il fondo {RESULT_FUND}",
                src("21"),
                file=ctx.ente.file_of("people"),
                row=p.row,
                column="position_pay",
            )
            continue
        found.weights[p.id] = pay * s.score
        found.caps[p.id] = money.floor2(max_share * pay) if per_person and p.is_po else fund
        found.inputs[p.id] = (pay, s.score)
    return found


def exclusion(ctx: Context, p: Person) -> str:
    """Why a positively evaluated dirigente or PO gets no result pay (recorded as their award of 0), or ``""``:
    declared of insufficient rendimento, or (``peg_rule_for_po``) the PEG objectives of the structure they are
    responsible for under 70% — the unit they head, the same unit that enters their score (rules §2)."""
    label = f"Retribuzione di risultato di {p.name}"
    if p.insufficient:
        ctx.trace.record(
            f"award:{p.id}",
            ZERO,
            "nessuna retribuzione di risultato: dichiarato di insufficiente rendimento, qualunque sia il punteggio",
            src("17.2 lett. c, 21"),
            label=label,
            inputs=[Input("insufficiente rendimento", True, cell=ctx.ente.cell("people", p.row, "insufficient"))],
        )
        return "dichiarato di insufficiente rendimento (art. 17.2 lett. c)"
    peg_rule = ctx.params["peg_rule_for_po"]
    unit = responsibility_unit(p, ctx.ente)
    unit_value = ctx.unit_value(unit)
    if not peg_rule or (unit_value is not None and unit_value >= PEG_MIN):
        return ""
    ctx.trace.record(
        f"award:{p.id}",
        ZERO,
        "nessuna retribuzione di risultato: la valutazione positiva "
        "non è abbinata al raggiungimento di almeno il 70% degli obiettivi PEG della struttura",
        src("17.2, 21"),
        label=label,
        inputs=[
            Input(
                f"raggiungimento dell'unità diretta {ctx.ente.units[unit].name if unit in ctx.ente.units else unit}",
                unit_value,
                ref="" if unit_value is None else f"unit:{unit}",
            ),
            Input("regola del 70% anche per dirigenti e PO (regola_peg_po)", peg_rule),
        ],
    )
    said = ctx.ente.units[unit].name if unit in ctx.ente.units else unit
    return f"obiettivi PEG dell'unità {said} al {fmt.pct(unit_value)} < 70% (art. 17.2)"


def record_award(
    ctx: Context,
    p: Person,
    amount: Decimal,
    pay_and_score: tuple[Decimal, Decimal],
    shared: tuple[Input, Input],
    tail: tuple[Input, ...],
    per_person: bool,
    note: str,
) -> None:
    pay, score = pay_and_score
    limits = (
        ", ciascuna PO al massimo quota massima × retribuzione di posizione (CCNL 31.3.1999 art. 10 c. 3: "
        "quanto un tetto libera va agli altri; resti al centesimo ai più alti)"
        if per_person
        else " (CCNL 21.5.2018 art. 15 c. 4: nessun limite per persona; resti al centesimo ai più alti)"
    )
    ctx.trace.record(
        f"award:{p.id}",
        amount,
        "fondo × (retribuzione di posizione × punteggio) / Σ (retribuzione di posizione × "
        "punteggio) di dirigenti e PO con punteggio ≥ 70 e unità ≥ 70%" + limits,
        src("21, 21.1"),
        label=f"Retribuzione di risultato di {p.name}",
        inputs=[
            shared[0],
            Input("retribuzione di posizione", pay, cell=ctx.ente.cell("people", p.row, "position_pay")),
            Input("punteggio", score, ref=f"score:{p.id}"),
            shared[1],
            *tail,
        ],
        note=note,
    )


def below_minimum(ctx: Context, p: Person, amount: Decimal, pay: Decimal) -> None:
    """CCNL 1999: a positive result pay below ``po_result_min_share × position_pay`` is a warning."""
    min_share = Decimal(ctx.params["po_result_min_share"])
    if not 0 < amount < min_share * pay:
        return
    ctx.problem(
        "result.below_minimum",
        f"{p.id}: retribuzione di risultato {money_it(amount)} € sotto il minimo "
        f"{money_it(min_share * pay)} € ({ctx.params.said('po_result_min_share')} × retribuzione di posizione, CCNL)",
        src("21.1"),
        severity="warning",
        file=ctx.ente.file_of("people"),
        row=p.row,
        column="position_pay",
    )


def po_quota(ctx: Context, fund: Decimal) -> None:
    """CCNL 21.5.2018 art. 15 c. 4: the ente destines to PO result pay at least ``po_result_quota_min`` (15%) of
    all PO resources. The PO part of the fund = fund × Σ PO position_pay / Σ position_pay of everyone the fund
    pays (dirigenti, Segretario, PO with a position_pay); below the quota of (Σ PO pay + that part), a warning."""
    pays = {p.id: (p.is_po, v) for p in ctx.ente.people.values() if (v := p.extra.get("position_pay")) is not None}
    everyone = sum((v for _, v in pays.values()), Decimal(0))
    po_pay = sum((v for is_po, v in pays.values() if is_po), Decimal(0))
    if not everyone or not po_pay:
        return
    part = fund * po_pay / everyone
    quota = Decimal(ctx.params["po_result_quota_min"])
    if part >= quota * (po_pay + part):
        return
    ctx.problem(
        "result.po_quota",
        "la parte del fondo per la retribuzione di risultato di dirigenti e PO destinata alle PO"
        f" ({money_it(money.r2(part))} €, in proporzione alle "
        f"retribuzioni di posizione) è meno del {quota:.0%} delle risorse delle PO (posizione "
        f"{money_it(po_pay)} € + risultato {money_it(money.r2(part))} €): il CCNL 21.5.2018 art. 15 c. 4 chiede almeno "
        "il 15% al risultato",
        "CCNL 21.5.2018 art. 15 c. 4; " + src("21.1"),
        severity="warning",
        file="ente.toml",
        column=f"funds.{RESULT_FUND}",
    )


def cap_redistribution(
    parts: dict[str, Decimal], weights: dict[str, Decimal], caps: dict[str, Decimal], fund: Decimal
) -> dict[str, tuple[Input, ...]]:
    """When caps bind (CCNL 1999 range), the split is not fund × weight / Σ weights: the capped people take their
    cap and the rest of the fund is split among the others. For each uncapped person, the two inputs that let a
    reader recompute their amount: the fund left after the caps and the Σ weights of the uncapped."""
    capped = {
        pid for pid, amount in parts.items() if pid in caps and amount == money.floor2(caps[pid]) and amount < fund
    }
    if not capped:
        return {}
    left = fund - sum((parts[pid] for pid in capped), Decimal(0))
    free = sum((w for pid, w in weights.items() if pid not in capped), Decimal(0))
    shared = (
        Input("fondo dopo i tetti raggiunti da " + ", ".join(sorted(capped)), left),
        Input("Σ pesi di chi non è al tetto", free),
    )
    return {pid: shared for pid in parts if pid not in capped}


def freed_note(
    freed: dict[str, tuple[Input, ...]], pid: str, parts: dict[str, Decimal], caps: dict[str, Decimal]
) -> str:
    if pid in freed:
        return (
            "importo = fondo dopo i tetti × peso / Σ pesi di chi non è al tetto (quanto i tetti liberano va agli altri)"
        )
    if freed and pid in caps and parts[pid] == money.floor2(caps[pid]):
        return "al tetto: riceve il tetto, il resto del suo quoziente va agli altri"
    return ""
