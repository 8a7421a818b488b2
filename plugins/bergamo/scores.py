"""Phase d: individual performance (000… art. 42–45, 28.4–28.6; Piano §3.3–4)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
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
    _servizio_of_unit,
    level_by,
    level_of,
    problem,
    servizio_of,
    weights,
)


class _Run:
    """What every individual score of one run of the cycle on one ente reads (staff_score is asked
    for each of its people): the weights and level thresholds read from the
    parameters once; who heads a unit or owns individual/group objectives; each unit's Servizio with its
    result and its part's label, made at the first person of that unit. Made from the ente, the
    organizational performance and the parameters it is given, and used only for those very objects
    (:func:`_run`)."""

    __slots__ = ("ente", "org", "params", "weights", "level", "positive", "heads", "owners", "servizi")

    def __init__(self, ente: Ente, org: OrgPerformance, params: Params) -> None:
        self.ente, self.org, self.params = ente, org, params
        self.weights = weights(params)
        lo, mid, hi = params["level_adeguata"], params["level_buona"], params["level_eccellente"]

        self.level: Callable[[Decimal | None], str | None] = lambda score: level_by(
            score, lo, mid, hi
        )  # level_of(score, params), the thresholds read once
        self.positive = lo  # art. 28.5: a PO's evaluation is positive from «adeguata»
        self.heads = {u.head for u in ente.units.values() if u.head}  # ente.headed_by(id) is () for anyone else
        # individual_objectives(...) is None without an individual objective or a cruscotto row of one's own
        self.owners = {o.owner for o in ente.objectives.values() if o.kind == "individual"}
        self.owners.update(a.owner for a in ente.assignments)
        self.servizi: dict[str | None, tuple[Any, Decimal | None, str, str]] = {}

    def servizio(self, person: Person) -> tuple[Any, Decimal | None, str, str]:
        """(Servizio, its result, its label and key as a part of the score) of a person (:func:`servizio_of`)."""
        if person.id in self.heads:
            unit = servizio_of(self.ente, person)
        else:
            found = self.servizi.get(person.unit)
            if found is not None:
                return found
            unit = _servizio_of_unit(self.ente, person.unit)
        if unit is None:
            found = (None, None, "", "")
        else:
            found = (unit, self.org.units.get(unit.id), f"risultato del Servizio {unit.id}", f"unit:{unit.id}")
        if person.id not in self.heads:
            self.servizi[person.unit] = found
        return found


_RUNS: weakref.WeakKeyDictionary[Trace, _Run] = (
    weakref.WeakKeyDictionary()
)  # trace → _Run: one trace per run of the cycle


def _run(ente: Ente, org: OrgPerformance, params: Params, trace: Trace) -> _Run:
    """The :class:`_Run` of the run recording in ``trace``, made again if the ente, the organizational
    performance or the parameters are not the ones it was made from (it goes with the trace)."""
    run = _RUNS.get(trace)
    if run is None or run.ente is not ente or run.org is not org or run.params is not params:
        run = _RUNS[trace] = _Run(ente, org, params)
    return run


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
        inputs=[Input(f"{k} (peso {w if w is not None else '='!s})", v, ref=k) for k, v, w in parts],
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
    run = _run(ente, org, params, trace)
    unit, unit_ach, unit_label, unit_key = run.servizio(person)
    obj_ach = individual_objectives(person, ente, org, trace) if person.id in run.owners else None
    wu, wo, wb = run.weights
    moved = []
    if obj_ach is None and wo:
        wu, wo = wu + wo, Decimal(0)
        moved.append("senza obiettivi individuali/di gruppo misurati il loro peso passa al Servizio")
    if unit_ach is None and wu:
        where = unit.id if unit is not None else person.unit
        if obj_ach is not None:
            wo, wu = wo + wu, Decimal(0)
            moved.append(f"il Servizio {where} non ha risultato misurato: il suo peso passa agli obiettivi individuali")
        else:
            wb, wu = wb + wu, Decimal(0)
            moved.append(
                f"il Servizio {where} non ha risultato misurato: il suo peso passa alla scheda dei comportamenti"
            )
        trace.problem(
            problem(
                ente,
                "individual.unit_not_scored",
                f"{person.id}: il Servizio {where} non ha performance misurata; " + moved[-1],
                f"{REG} art. 45.2 lett. a",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
    parts: list[tuple[str, str, Any, Decimal]] = []  # achievements: None only where the weight is 0
    if wu:
        parts.append((unit_label, unit_key, unit_ach, wu))
    if wo:
        parts.append(("obiettivi individuali/di gruppo", f"objectives:{person.id}", obj_ach, wo))
    if wb:
        parts.append(("scheda dei comportamenti / 100", f"card:{person.id}", card_value / HUNDRED, wb))
    is_po = person.is_po
    score = scoring.weighted_score(person, parts, trace, PO_SOURCE if is_po else STAFF_SOURCE, run.level)
    level = run.level(score)
    # below «adeguata» (is_po first: the check is about PO only, and most people are not)
    if is_po and scoring.po_needs_contraddittorio(ente, person, score, run.positive):
        trace.problem(
            problem(
                ente,
                "po.contraddittorio",
                f"valutazione non positiva della PO {person.id} ({fmt.decimal_it(score)} < {params['level_adeguata']}) "
                "senza contraddittorio registrato in appeals.csv: non può essere formalizzata",
                f"{REG} art. 28.6",
                "appeals",
                None,
                "stage",
            )
        )
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
        breakdown["nota"] = "; ".join(moved)
    return Score(person=person.id, score=score, level=level, breakdown=breakdown)
