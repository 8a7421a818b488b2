"""Phases a and d: checks on the input (art. 12.2bis, 18.4, 19) and the individual score (art. 11.2, 12)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import (
    CardInputs,
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
    money,
    scoring,
)

from .checks import MIN_SCORE
from .common import NOT_EVALUATED, STAFF_SCORE_SOURCE, level_of, levels_of, rankings, responsibility_unit, src


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    problems = single_evaluator(ente, params)
    innovation = ente.file_of("innovation")
    for row in ente.table("innovation"):
        if row["person"] not in ente.people:
            problems.append(
                Problem(
                    rule="comunita_montane.innovation.person",
                    source=src("18.4, 19"),
                    file=innovation,
                    row=row.row,
                    column="person",
                    message=f"persona {fmt.quoted(row['person'])} inesistente in persone.csv",
                )
            )
    return problems


def single_evaluator(ente: Ente, params: Params) -> list[Problem]:
    """Art. 12.2bis «unicità del soggetto valutatore per ogni graduatoria»: one evaluator per ranking."""
    problems = []
    cards = ente.cards_view()
    for rk in rankings(ente, params):
        seen: dict[str, int] = {}  # evaluator → items, in the order they first appear
        first_other: EvaluationItem | None = None
        for pid in rk.staff:
            own = ente.people[pid].evaluator
            for item in cards.get(pid, ()):
                who = item.evaluator or own
                if who is None:
                    continue
                if seen and who not in seen and first_other is None:
                    first_other = item
                seen[who] = seen.get(who, 0) + 1
        if len(seen) <= 1:
            continue
        listing = ", ".join(f"{who} ({n} voci)" for who, n in seen.items())
        hint = (
            '; se ogni struttura ha il suo valutatore, usa una graduatoria per struttura: [ente.parametri] ranking_scope = "area"'
            if params["ranking_scope"] == "ente"
            else ""
        )
        problems.append(
            Problem(
                rule="comunita_montane.ranking.single_evaluator",
                source=src("12.2bis"),
                file=ente.file_of("evaluations"),
                row=first_other.row if first_other else None,
                column="evaluator",
                message=f"graduatoria «{rk.label}»: le valutazioni sono di valutatori diversi ({listing}); il "
                "regolamento richiede un unico soggetto valutatore per ogni graduatoria" + hint,
            )
        )
    return problems


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    """Staff: the card (art. 12). Dirigenti and PO: unit item + card (art. 11.2), see rules §1."""
    if not card:
        return Score(person=person.id, score=None, status=NOT_EVALUATED, breakdown={})
    if person.is_staff:
        return staff_score(person, params, card, trace)
    return lead_score(person, ente, org, params, card, trace)


def staff_score(person: Person, params: Params, card: Sequence[EvaluationItem], trace: Trace) -> Score:
    """A dipendente's score is their card's (art. 12.1)."""
    score, formula = scoring.card_score_and_formula(card)
    if score is None:  # every weight 0: nothing to score (rules/core.md §3)
        return Score(person=person.id, score=None, status=NOT_EVALUATED, breakdown={})
    level = level_of(score, person.insufficient, levels_of(params))
    trace.record(
        f"score:{person.id}",
        score,
        formula,
        STAFF_SCORE_SOURCE,
        label=f"Punteggio di {person.name}",
        inputs=CardInputs(card),
        note=f"livello: {level}",
    )
    return Score(person=person.id, score=score, level=level, status="evaluated", breakdown={"scheda": score})


def lead_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    """A dirigente's or PO's score: ``unit_item_weight`` × their unit's achievement + the rest × the card (art. 11.2);
    the card alone when the unit was not measured, with a warning."""
    card_value = scoring.card_part(person, card, trace)
    if card_value is None:
        return Score(person=person.id, score=None, status=NOT_EVALUATED, breakdown={})
    weight = Decimal(params["unit_item_weight"])
    unit_id = responsibility_unit(person, ente)
    unit_value = org.unit(unit_id) if org is not None else None
    levels = levels_of(params)
    if unit_value is None:
        unmeasured_unit(person, ente, unit_id, trace)
        score = card_value
        trace.record(
            f"score:{person.id}",
            score,
            "punteggio della scheda (unità di responsabilità non misurata)",
            src("11.2"),
            label=f"Punteggio di {person.name}",
            inputs=[Input("scheda", card_value, ref=f"card:{person.id}")],
        )
    else:
        rest = Decimal(100) - weight
        unit_said = ente.units[unit_id].name if unit_id in ente.units else unit_id
        score = money.r2(weight * unit_value + rest * card_value / 100)
        trace.record(
            f"score:{person.id}",
            score,
            f"{weight} × raggiungimento dell'unità {unit_said} + {rest} × punteggio della scheda / 100",
            src("11.2 lett. a–d"),
            label=f"Punteggio di {person.name}",
            inputs=[
                Input(f"raggiungimento dell'unità {unit_said} (lett. a)", unit_value, ref=f"unit:{unit_id}"),
                Input("peso della voce unità (peso_voce_unita)", weight),
                Input(
                    "scheda: obiettivi individuali, contributo e competenze, differenziazione (lett. b–d)",
                    card_value,
                    ref=f"card:{person.id}",
                ),
            ],
            note=f"livello: {level_of(score, person.insufficient, levels)}",
        )
    breakdown = {"scheda": card_value, "unita": unit_value, "peso_unita": weight}
    contraddittorio(person, ente, score, trace)
    level = level_of(score, person.insufficient, levels)
    return Score(person=person.id, score=score, level=level, status="evaluated", breakdown=breakdown)


def unmeasured_unit(person: Person, ente: Ente, unit_id: str, trace: Trace) -> None:
    trace.problem(
        Problem(
            rule="comunita_montane.score.unit_not_scored",
            severity="warning",
            source=src("11.2 lett. a"),
            file=ente.file_of("people"),
            row=person.row,
            column="unit",
            message=f"{person.id}: l'unità {unit_id} di cui è responsabile non ha un raggiungimento misurato; "
            "punteggio calcolato sulla sola scheda",
        )
    )


def contraddittorio(person: Person, ente: Ente, score: Decimal, trace: Trace) -> None:
    """A PO's negative evaluation is final only after the contraddittorio (rules/core.md §5)."""
    if not scoring.po_needs_contraddittorio(ente, person, score, MIN_SCORE):
        return
    trace.problem(
        Problem(
            rule="comunita_montane.po.contraddittorio",
            severity="warning",
            source="rules/core.md §5",
            file=ente.file_of("people"),
            row=person.row,
            column="id",
            message=f"{person.id}: valutazione negativa di un titolare di PO (punteggio {fmt.decimal_it(score)} < 70) "
            "senza contraddittorio registrato tra i ricorsi: non può essere definitiva",
        )
    )
