"""Phase d: individual scores — the PO card and organizational parts (004… §4.2.2), the staff card (§4.2.3)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import (
    Attestation,
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

from .common import HUNDRED, ONE, PO, SMVP, level_of, scored_unit


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person,
    ente: Ente,
    org: OrgPerformance,
    params: Params,
    card: Sequence[EvaluationItem],
    trace: Trace,
    attestation: Attestation | None,
) -> Score:
    if person.is_dirigente:  # 004… §4.2.1 and scheda d: 100 × achievement of the dirigente's cruscotto
        return scoring.dirigente_score(
            person,
            org,
            trace,
            f"{SMVP} §4.2.1, scheda d",
            lambda s: level_of(s, params),
            "performance del cruscotto (scheda d)",
            "nessun obiettivo misurato nel cruscotto (scheda d)",
        )
    if person.is_po:
        return po_score(person, ente, org, params, card, trace, attestation)
    return staff_score(person, params, card, trace)


def po_card(person: Person, card: Sequence[EvaluationItem], trace: Trace) -> Decimal | None:
    """The four behaviour factors (004… §4.2.2; 001… art. 6.3), equal weights unless given."""
    if not card:
        return None
    value: Decimal | None
    if all(i.weight is None for i in card):
        value = money.r2(HUNDRED * sum((i.points / i.max_points for i in card), Decimal(0)) / len(card))
        formula = "100 × media di punti / massimo dei fattori (pesi uguali)"
    else:
        value, formula = scoring.card_score_and_formula(card)
    if value is None:
        return None
    trace.record(
        f"card:{person.id}",
        value,
        formula,
        f"{SMVP} §4.2.2; {PO} art. 6.3",
        label=f"Scheda dei comportamenti di {person.name}",
        inputs=CardInputs(card, section=False, no_weight="="),
    )
    return value


def po_score(
    person: Person,
    ente: Ente,
    org: OrgPerformance,
    params: Params,
    card: Sequence[EvaluationItem],
    trace: Trace,
    attestation: Attestation | None = None,
) -> Score:
    """004… §4.2.2: po_org_weight × organizational part + (100 − po_org_weight) × card / 100.

    The organizational part is "la performance organizzativa relativa all'Ente nella sua globalità e
    all'ambito organizzativo di diretta responsabilità": ``po_ente_share`` × the ente's attested
    performance + (1 − ``po_ente_share``) × the unit's achievement, rounded to 4 decimals."""
    card_value = po_card(person, card, trace)
    if card_value is None:
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"motivo": "scheda mancante"})
    unit_id = po_scored_unit(ente, org, person, trace)
    if unit_id is None:
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"scheda": card_value})
    unit_ach = org.units[unit_id]
    assert unit_ach is not None  # po_scored_unit picks a measured unit
    unit = ente.units.get(unit_id)
    org_part = po_org_part(person, unit_id, unit_ach, org, params, attestation, trace, unit.name if unit else unit_id)
    w = params["po_org_weight"]
    parts = [
        ("performance organizzativa (ente e unità)", f"po:{person.id}:org", org_part, w),
        ("scheda dei comportamenti / 100", f"card:{person.id}", card_value / HUNDRED, HUNDRED - w),
    ]
    score = scoring.weighted_score(person, parts, trace, f"{SMVP} §4.2.2", lambda s: level_of(s, params))
    if scoring.po_needs_contraddittorio(ente, person, score, params["po_positive"]):
        message = (
            f"valutazione non positiva della PO {person.id} ({fmt.decimal_it(score)} < "
            f"{fmt.decimal_it(params['po_positive'])}) senza contraddittorio registrato tra i ricorsi: non può "
            "diventare definitiva"
        )
        trace.problem(
            Problem.at(ente, "brescia.po.contraddittorio", message, f"{PO} art. 6.6", "appeals", None, "stage")
        )
    return Score(
        person=person.id,
        score=score,
        level=level_of(score, params),
        breakdown={"organizzativa": org_part, "unita": unit_ach, "scheda": card_value, "peso_unita": w},
    )


def po_scored_unit(ente: Ente, org: OrgPerformance, person: Person, trace: Trace) -> str | None:
    """004… §4.2.2: the PO's results are the organizational performance of the ente and of the unit the PO runs;
    a unit with nothing scored falls back to the nearest scored unit above it (up to the ente), with a warning."""
    own = po_unit(ente, person, trace)
    unit_id = scored_unit(ente, org, own)
    if unit_id is None:
        message = (
            f"PO {person.id}: né l'unità {own} né le unità superiori hanno una performance misurata: "
            "valutazione incompleta"
        )
    elif unit_id != own:
        message = f"PO {person.id}: l'unità {own} non ha performance misurata, si usa quella di {unit_id}"
    else:
        return unit_id
    trace.problem(
        Problem.at(
            ente, "brescia.po.unit_not_scored", message, f"{SMVP} §4.2.2", "people", person.row, "unit", "warning"
        )
    )
    return unit_id


def po_unit(ente: Ente, person: Person, trace: Trace) -> str:
    """The PO's "ambito organizzativo di diretta responsabilità" (004… §4.2.2): the unit they head in units.csv
    (of several, the one nearest the root: rules/core.md §2); else the unit of the position they hold; else their
    people.csv unit. When these disagree a warning names them (the act or the data are to be aligned)."""
    headed = ente.highest_headed(person.id)
    held = [r["unit"] for r in ente.table("positions") if r["holder"] == person.id and r["unit"]]
    chosen = headed.id if headed is not None else held[0] if held else person.unit
    named = {  # each place as the office wrote its file (persone.csv, or ente.xlsx[persone])
        f"{ente.file_of('units')} (responsabile)": chosen if headed else None,
        ente.file_of("positions"): held[0] if held else None,
        ente.file_of("people"): person.unit,
    }
    others = {where: u for where, u in named.items() if u is not None and u != chosen}
    if others:
        trace.problem(
            Problem.at(
                ente,
                "brescia.po.unit",
                f"PO {person.id}: si usa l'unità {chosen} (quella che dirige, altrimenti quella della posizione), "
                "ma " + ", ".join(f"{where} indica {u}" for where, u in others.items()) + ": allinea i dati",
                f"{SMVP} §4.2.2",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
    return chosen


def po_org_part(
    person: Person,
    unit_id: str,
    unit_ach: Decimal,
    org: OrgPerformance,
    params: Params,
    attestation: Attestation | None,
    trace: Trace,
    unit_name: str = "",
) -> Decimal:
    """money.r4(po_ente_share × ente attested + (1 − po_ente_share) × unit achievement) (004… §4.2.2)."""
    share = params["po_ente_share"]
    ente_value = attestation.attested if attestation is not None and attestation.attested is not None else org.ente
    ente_ref = "attested" if attestation is not None and attestation.attested is not None else "ente"
    if ente_value is None:  # nothing measured at ente level: the unit alone
        value, formula = unit_ach, "performance dell'unità (nessuna performance dell'ente misurata)"
    else:
        value = money.r4(share * ente_value + (ONE - share) * unit_ach)
        formula = "quota ente × performance attestata dell'ente + (1 − quota ente) × performance dell'unità"
    trace.record(
        f"po:{person.id}:org",
        value,
        formula,
        f"{SMVP} §4.2.2",
        label=f"Performance organizzativa di {person.name} (ente e unità di diretta responsabilità)",
        inputs=[
            Input("quota dell'ente (quota_ente_po)", share, cell="params:po_ente_share"),
            Input("performance dell'ente (attestata)", ente_value, ref=ente_ref),
            Input(f"performance dell'unità {unit_name or unit_id}", unit_ach, ref=f"unit:{unit_id}"),
        ],
    )
    return value


def staff_score(person: Person, params: Params, card: Sequence[EvaluationItem], trace: Trace) -> Score:
    """004… §4.2.3 and the Scheda di valutazione: three sections, score 0–100 by rules/core.md §3, six levels."""
    score, formula = scoring.card_score_and_formula(card)
    if score is None:
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={})
    level = level_of(score, params)
    trace.record(
        f"score:{person.id}",
        score,
        formula,
        f"{scoring.SOURCE_CARD}; {SMVP} §4.2.3, Scheda di valutazione",
        label=f"Punteggio di {person.name}",
        note=f"livello: {level}",
        inputs=CardInputs(card),
    )
    return Score(person=person.id, score=score, level=level, breakdown={"scheda": score})
