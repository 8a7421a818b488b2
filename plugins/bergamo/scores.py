"""Phase d: individual performance (000… art. 42–45, 28.4–28.6; Piano §3.3–4)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import (
    Ente,
    EvaluationItem,
    Input,
    OrgPerformance,
    Params,
    Person,
    Problem,
    Score,
    Trace,
    fmt,
    hookimpl,
    scoring,
)

from .common import (
    HUNDRED,
    OBJECTIVES_SOURCE,
    PLAN,
    PO_SOURCE,
    REG,
    STAFF_SOURCE,
    level_of,
    servizio_of,
    weights,
)


def individual_objectives(person: Person, ente: Ente, org: OrgPerformance, trace: Trace) -> Decimal | None:
    """Achievement of a person's individual/group objectives (000… art. 45.2 b; 002… §3.3).

    The ``individual`` objectives the person owns plus the refs of every cruscotto owned by the
    person (group sheets may list the same refs for several people); each ref is measured once;
    weights as written, all empty = equal. Recorded as ``objectives:<id>``.
    """
    parts: list[tuple[str, Decimal, Decimal | None]] = []
    seen: set[str] = set()
    empty = 0  # parts without a weight: mixed_weights(w for _, _, w in parts), counted on the way
    own_refs = ente.assignments_of(person.id)  # the rows of the person's cruscotti (group sheets)
    for o in ente.owned_by(person.id):
        if o.kind != "individual":
            continue
        value = org.objectives.get(o.id)
        key = f"objective:{o.id}"
        if value is not None and key not in seen:
            seen.add(key)
            parts.append((key, value, o.weight))
            empty += o.weight is None
    for a in own_refs:
        if a.ref in ente.indicators:
            key, out = f"indicator:{a.ref}", org.indicators.get(a.ref)
            value = out.achievement if out is not None and out.scored else None
        else:
            key, value = f"objective:{a.ref}", org.objectives.get(a.ref)
        if value is not None and key not in seen:
            seen.add(key)
            parts.append((key, value, a.weight))
            empty += a.weight is None
    if not parts:
        return None
    if 0 < empty < len(parts):
        # rules/core.md §2: a group mixing empty and given weights is an error in every weighted group
        first = next(iter(own_refs), None)
        trace.problem(
            Problem(
                rule="bergamo.weights.mixed",
                source=f"rules/core.md §2; {REG} art. 45.2 lett. b",
                file=ente.file_of("assignments"),
                row=first.row if first is not None else None,
                column="weight",
                message=f"scheda degli obiettivi individuali/di gruppo di {person.id}: pesi in parte "
                "vuoti e in parte indicati; indica tutti i pesi o nessuno (pesi uguali). "
                "Calcolata con pesi uguali",
            )
        )
        parts = [(k, v, None) for k, v, _ in parts]
    value = scoring.weighted_mean(parts)
    trace.record(
        f"objectives:{person.id}",
        value,
        "media ponderata degli obiettivi individuali/di gruppo misurati "
        "(pesi vuoti = pesi uguali; ogni indicatore contato una volta)",
        OBJECTIVES_SOURCE,
        label=f"Obiettivi individuali/di gruppo di {person.name}",
        inputs=[Input(scoring.part_name(k, w), v, ref=k) for k, v, w in parts],
    )
    return value


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    if person.is_dirigente:  # 000… art. 43–44; 002… §4: 100 × achievement of the person's cruscotto
        article = "art. 43" if person.role == "segretario" else "art. 44"
        return scoring.dirigente_score(person, org, trace, f"{REG} {article}; {PLAN} §4", lambda s: level_of(s, params))
    return staff_score(person, ente, org, params, card, trace)


def staff_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    """000… art. 45.2 (staff) and 28.4 (PO): w_unit × Servizio + w_objectives × objectives + w_behaviour × card/100."""
    card_value = scoring.card_part(person, card, trace)
    if card_value is None:
        return Score(
            person=person.id, score=None, status="not_evaluated", breakdown={"motivo": "scheda di valutazione mancante"}
        )
    unit = servizio_of(ente, person)
    unit_ach = org.units.get(unit.id) if unit is not None else None
    obj_ach = individual_objectives(person, ente, org, trace)
    (wu, wo, wb), moved = moved_weights(weights(params), unit_ach is not None, obj_ach is not None)
    if unit_ach is None and moved:
        where = unit.id if unit is not None else person.unit
        trace.problem(
            Problem.at(
                ente,
                "bergamo.individual.unit_not_scored",
                f"{person.id}: il Servizio {where} non ha performance misurata; " + moved[-1].format(where=where),
                f"{REG} art. 45.2 lett. a",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
    parts: list[tuple[str, str, Any, Decimal]] = []  # achievements: None only where the weight is 0
    if wu and unit is not None:
        parts.append((f"risultato del Servizio {unit.id}", f"unit:{unit.id}", unit_ach, wu))
    if wo:
        parts.append(("obiettivi individuali/di gruppo", f"objectives:{person.id}", obj_ach, wo))
    if wb:
        parts.append(("scheda dei comportamenti / 100", f"card:{person.id}", card_value / HUNDRED, wb))
    source = PO_SOURCE if person.is_po else STAFF_SOURCE
    score = scoring.weighted_score(person, parts, trace, source, lambda s: level_of(s, params))
    if person.is_po:
        contraddittorio(person, ente, score, params, trace)
    breakdown = {
        "servizio": unit.id if unit is not None else None,
        "unita": unit_ach,
        "obiettivi": obj_ach,
        "scheda": card_value,
        "peso_unita": wu,
        "peso_obiettivi": wo,
        "peso_scheda": wb,
    }
    if moved:
        breakdown["nota"] = "; ".join(m.format(where=breakdown["servizio"] or person.unit) for m in moved)
    return Score(person=person.id, score=score, level=level_of(score, params), breakdown=breakdown)


def moved_weights(
    given: tuple[Decimal, Decimal, Decimal], unit_scored: bool, objectives_scored: bool
) -> tuple[tuple[Decimal, Decimal, Decimal], list[str]]:
    """000… art. 45.2: the weights (Servizio, objectives, card) with the weight of a part that has no
    measured result moved on — objectives to the Servizio; the Servizio to the objectives, or to the card
    when there are none — and why, in words (``{where}`` is the Servizio)."""
    wu, wo, wb = given
    moved = []
    if not objectives_scored and wo:
        wu, wo = wu + wo, Decimal(0)
        moved.append("senza obiettivi individuali/di gruppo misurati il loro peso passa al Servizio")
    if not unit_scored and wu:
        if objectives_scored:
            wo, wu = wo + wu, Decimal(0)
            moved.append("il Servizio {where} non ha risultato misurato: il suo peso passa agli obiettivi individuali")
        else:
            wb, wu = wb + wu, Decimal(0)
            moved.append(
                "il Servizio {where} non ha risultato misurato: il suo peso passa alla scheda dei comportamenti"
            )
    return (wu, wo, wb), moved


def contraddittorio(person: Person, ente: Ente, score: Decimal | None, params: Params, trace: Trace) -> None:
    """000… art. 28.5–28.6: a PO's evaluation below «adeguata» needs a contraddittorio in appeals.csv."""
    if scoring.po_needs_contraddittorio(ente, person, score, params["level_adeguata"]):
        trace.problem(
            Problem.at(
                ente,
                "bergamo.po.contraddittorio",
                f"valutazione non positiva della PO {person.id} ({fmt.decimal_it(score)} < {params['level_adeguata']}) "
                "senza contraddittorio registrato tra i ricorsi: non può essere formalizzata",
                f"{REG} art. 28.6",
                "appeals",
                None,
                "stage",
            )
        )
