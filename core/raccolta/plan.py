"""What each evaluator receives: their people's cards (items prefilled, points to fill) and the indicators
of the objectives they own (actuals to fill). Which evaluator and which items are the plugin's
(``ciclope_evaluator``, ``ciclope_card_items``), with the core's defaults (:mod:`ciclope.core.engine.defaults`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks
from ciclope.core.fmt import date_it
from ciclope.core.model import Ente, EvaluatorPeriod, Person
from ciclope.core.params import Params
from ciclope.core.reports import fmt


@attrs.frozen
class CardLine:
    """One item of a card as sent: the evaluator fills its points."""

    section: str
    item: str
    max_points: Decimal
    weight: Decimal | None


@attrs.frozen
class Card:
    person: str
    name: str
    role: str
    unit: str  # the unit's name, as the evaluator knows it
    lines: tuple[CardLine, ...]
    period: str = ""  # «dal 01/01/2024 al 30/06/2024»: the part of the year of a person with several evaluators


@attrs.frozen
class Measure:
    """An indicator whose actual the evaluator reports."""

    indicator: str
    name: str
    objective: str
    type: str
    target: str  # as the reports print it; a SI/NO indicator's «SI» or «NO», as the workbook asks it written
    objective_title: str = ""


@attrs.frozen
class Batch:
    """One evaluator's workbook."""

    evaluator: str
    label: str  # the evaluator's name, or who an external evaluator is
    external: bool
    cards: tuple[Card, ...]
    measures: tuple[Measure, ...]


@attrs.frozen
class Plan:
    batches: tuple[Batch, ...]
    unassigned: tuple[str, ...]  # people with a card and no evaluator
    without_card: tuple[str, ...]  # people the regulation evaluates without a card (or no card known)


def _as_line(raw: Any) -> CardLine:
    section, item, max_points, weight = raw
    return CardLine(str(section), str(item), Decimal(str(max_points)), None if weight is None else Decimal(str(weight)))


def card_of(person: Person, ente: Ente, hooks: Hooks, params: Params) -> list[CardLine]:
    """The person's card: the regulation's (``ciclope_card_items``), else the core default's (the items in the
    ente's data)."""
    return [
        _as_line(raw)
        for raw in hooks.first(hookspecs.ciclope_card_items, person=person, ente=ente, params=params) or ()
    ]


def evaluator_of(person: Person, ente: Ente, hooks: Hooks) -> str | None:
    """The person's evaluator: the regulation's (``ciclope_evaluator``), else the core default's (their
    ``evaluator``, else the head of their unit or of the nearest unit above)."""
    answer = hooks.first(hookspecs.ciclope_evaluator, person=person, ente=ente)
    return None if answer is None else str(answer)


def owner_of(owner: str | None, ente: Ente) -> str | None:
    """The person who reports an objective's indicators: the owner person, or the head of the owner unit."""
    if owner is None:
        return None
    if owner in ente.people or owner in ente.evaluators:
        return owner
    unit = ente.units.get(owner)
    return unit.head if unit is not None and unit.head else None


def measures_by_owner(ente: Ente) -> dict[str, list[Measure]]:
    out: dict[str, list[Measure]] = {}
    for ind in ente.indicators.values():
        objective = ente.objectives.get(ind.objective)
        who = owner_of(objective.owner if objective else None, ente)
        if who is None or not ind.active:
            continue
        target = "" if ind.target is None else fmt.value(ind.target)
        if isinstance(ind.target, bool):  # «sì» in the reports; the workbook asks «SI o NO»: one spelling
            target = "SI" if ind.target else "NO"
        title = objective.title if objective and objective.title else ""
        out.setdefault(who, []).append(Measure(ind.id, ind.name, ind.objective, ind.type, target, title))
    return out


def _sent(person: Person, ente: Ente, who: str | None, lines: list[CardLine]) -> list[tuple[str | None, Card]]:
    """The person's cards to send, each with its evaluator: one to ``who``; for a person evaluated by several
    evaluators in the year (valutatori.csv), one to each, its name followed by the period it evaluates, so that each
    fills the card of their own part of the year (the merge keeps each evaluator's card apart)."""
    unit = ente.units.get(person.unit)
    where = unit.name if unit else person.unit
    periods = ente.periods.get(person.id, ())
    if not periods:
        return [(who, Card(person.id, person.name, person.role, where, tuple(lines)))]
    # one card's voci: a card read from the data may hold each evaluator's rows (the core's default)
    voci = tuple({(line.section, line.item): line for line in lines}.values())
    return [
        (p.evaluator, Card(person.id, f"{person.name}, {_period(p)}", person.role, where, voci, _period(p)))
        for p in periods
    ]


def _period(p: EvaluatorPeriod) -> str:
    return f"dal {date_it(p.start)} al {date_it(p.end)}"


def plan(ente: Ente, hooks: Hooks, params: Params) -> Plan:
    """The workbooks to send: one per evaluator who has a card or an indicator to fill, in people.csv order
    (external evaluators after)."""
    cards: dict[str, list[Card]] = {}
    unassigned, without = [], []
    for person in ente.people.values():
        lines = card_of(person, ente, hooks, params)
        if not lines:
            without.append(person.id)
            continue
        for who, card in _sent(person, ente, evaluator_of(person, ente, hooks), lines):
            if who is None or who == person.id:
                unassigned.append(person.id)
            else:
                cards.setdefault(who, []).append(card)
    measures = measures_by_owner(ente)
    order = [p for p in ente.people if p in cards or p in measures]
    order += sorted(e for e in set(cards) | set(measures) if e not in ente.people)
    batches = tuple(
        Batch(
            evaluator=who,
            label=ente.people[who].name if who in ente.people else ente.evaluators.get(who, who),
            external=who not in ente.people,
            cards=tuple(cards.get(who, ())),
            measures=tuple(measures.get(who, ())),
        )
        for who in order
    )
    return Plan(batches, tuple(unassigned), tuple(without))
