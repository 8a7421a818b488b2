"""The core rules as a built-in plugin: every hook's default (rules/core.md), all ``trylast``.

The ente's plugin is registered after this module and, for *firstresult* hooks, answers first;
returning ``None`` from a plugin falls back to these defaults.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import pluggy

from ciclope.core import fmt
from ciclope.core.engine import organizational
from ciclope.core.model import by_evaluator
from ciclope.core.money import Pool
from ciclope.core.outcomes import Attestation, Rewards, Score
from ciclope.core.problems import Problem
from ciclope.core.scoring import SOURCE_CARD, card_score_and_formula, indicator_achievement, weighted_mean
from ciclope.core.trace import CardInputs, Input

if TYPE_CHECKING:  # the annotations are the specs' own, word for word (a test compares them)
    from ciclope.core import money
    from ciclope.core.hooktypes import CycleHooks, Measure, Part
    from ciclope.core.model import Ente, EvaluationItem, Indicator, Person
    from ciclope.core.outcomes import OrgPerformance, OwnMaggiorazione, Positions
    from ciclope.core.params import Params, ParamSpec
    from ciclope.core.trace import Trace

hookimpl = pluggy.HookimplMarker("ciclope")


@hookimpl(trylast=True)
def ciclope_params() -> dict[str, ParamSpec] | None:
    return {}


def self_evaluations(ente: Ente) -> list[Problem]:
    """rules/core.md §3: a card row evaluated by the person themselves is an error, on any row of the card
    (a card mixing evaluators must not hide a self-evaluation after its first row)."""
    problems = []
    label = ente.file_of("evaluations")
    for pid, items in ente.cards_view().items():
        for it in items:
            if it.evaluator == pid:
                problems.append(
                    Problem(
                        rule="core.evaluation.self",
                        file=label,
                        row=it.row,
                        column="evaluator",
                        source="rules/core.md §3; D.Lgs. 150/2009 art. 9",
                        message=f"la voce «{it.item}» della scheda di {pid} è valutata da {pid} stesso: "
                        "indica nella colonna valutatore chi valuta (il superiore o un valutatore esterno di [valutatori])",
                    )
                )
    return problems


@hookimpl(trylast=True)
def ciclope_validate(ente: Ente) -> list[Problem] | None:
    """Core checks that need the whole ente (the loader already checked values and references)."""
    problems = _own_evaluators(ente)
    problems += _absences_beyond_the_year(ente)
    problems += self_evaluations(ente)
    cards = ente.cards_view()
    problems += _all_neutralized(ente)
    problems += _card_checks(ente, cards)
    return problems


def _own_evaluators(ente: Ente) -> list[Problem]:
    """A person named as their own evaluator in people.csv (a warning)."""
    problems = []
    for p in ente.people.values():
        if p.evaluator == p.id:
            problems.append(
                Problem(
                    rule="core.people.self_evaluation",
                    severity="warning",
                    file=ente.file_of("people"),
                    row=p.row,
                    column="evaluator",
                    source="D.Lgs. 150/2009 art. 9",
                    message=f"{p.id} risulta valutatore di sé stesso",
                )
            )
    return problems


def _absences_beyond_the_year(ente: Ente) -> list[Problem]:
    """More days of absence than the year has (a typo, or another year's total): an error, never read as it is
    (every reduction by absences would take the whole premium) nor cut to the year (nothing written is changed)."""
    days = 366 if calendar.isleap(ente.year) else 365
    return [
        Problem(
            rule="core.people.absence_days",
            file=ente.file_of("people"),
            row=p.row,
            column="absence_days",
            message=f"{p.id}: {fmt.decimal_it(p.absence_days)} giorni di assenza, più dei {days} giorni del "
            f"{ente.year}; scrivi i giorni di assenza dell'anno del ciclo",
        )
        for p in ente.people.values()
        if p.absence_days > days
    ]


def _all_neutralized(ente: Ente) -> list[Problem]:
    """A plan whose every indicator is neutralized: nothing measures the organizational performance."""
    # it used to leave the funds undistributed with status ok (an evaluations.csv with the header only:
    # see core/engine/cycle.py, phase e)
    if ente.indicators and all(i.neutralized for i in ente.indicators.values()):
        return [
            Problem(
                rule="core.indicators.all_neutralized",
                file=ente.file_of("indicators"),
                row=1,
                column="neutralized",
                source="rules/core.md §2",
                message="tutti gli indicatori sono neutralizzati: nessuna performance organizzativa "
                "misurabile; togli la neutralizzazione dagli indicatori misurati",
            )
        ]
    return []


def _card_checks(ente: Ente, cards: Mapping[str, Sequence[EvaluationItem]]) -> list[Problem]:
    """Each card's items: no item twice, the weights all given or all left empty. A person evaluated by several
    evaluators has a card per evaluator (the same voce on two of them is no duplicate)."""
    problems = []
    for pid, items in _each_card(cards):
        names = set()
        empty = 0  # weights left empty: some but not all is mixed_weights (one loop per card)
        for i in items:
            names.add(i.item)
            if i.weight is None:
                empty += 1
        if len(names) != len(items):
            problems.append(
                Problem(
                    rule="core.card.duplicate_item",
                    file=ente.file_of("evaluations"),
                    row=items[0].row,
                    column="item",
                    source="rules/core.md §3",
                    message=f"scheda di {pid}: una voce compare più volte",
                )
            )
        if 0 < empty < len(items):
            problems.append(
                Problem(
                    rule="core.card.weights",
                    file=ente.file_of("evaluations"),
                    row=items[0].row,
                    column="weight",
                    source="rules/core.md §3",
                    message=f"scheda di {pid}: pesi in parte vuoti e in parte indicati",
                )
            )
    return problems


def _each_card(cards: Mapping[str, Sequence[EvaluationItem]]) -> Iterator[tuple[str, Sequence[EvaluationItem]]]:
    """(person, items) of every card: one per person, one per evaluator's period for a person evaluated by several."""
    for pid, items in cards.items():
        parts = by_evaluator(items)
        if not parts:
            yield pid, items
        for _, own in parts:
            if own:
                yield pid, own


@hookimpl(trylast=True)
def ciclope_resources(ente: Ente, trace: Trace) -> dict[str, Pool] | None:
    pools = {}
    for name, amount in ente.funds.items():
        destined = name in ente.fund_refs  # a pool the fondo risorse decentrate destines
        formula = (
            "importo destinato dal fondo risorse decentrate" if destined else "importo del fondo indicato dall'ente"
        )
        source = "destinazione del fondo risorse decentrate" if destined else "importo indicato dall'ente"
        trace.record(f"pool:{name}", amount, formula, source, label=f"Fondo {name}", inputs=[ente.fund_input(name)])
        pools[name] = Pool(name=name, amount=amount, source=source)
    return pools


@hookimpl(trylast=True)
def ciclope_fund() -> money.Fund | None:
    return None  # no fund input: the funds are ente.toml's [funds]


@hookimpl(trylast=True)
def ciclope_indicator_achievement(indicator: Indicator, measured: Measure, target: Measure) -> Decimal | None:
    return indicator_achievement(indicator.type, measured, target)


@hookimpl(trylast=True)
def ciclope_objective_achievement(parts: list[Part]) -> Decimal | None:
    return weighted_mean(parts)


@hookimpl(trylast=True)
def ciclope_organizational_performance(
    ente: Ente, params: Params, trace: Trace, hooks: CycleHooks
) -> OrgPerformance | None:
    return organizational.compute(ente, trace, hooks, params)


@hookimpl(trylast=True)
def ciclope_attestation(ente: Ente, org: OrgPerformance, trace: Trace) -> Attestation | None:
    computed = org.ente
    attested = ente.approvals.get("oiv_attested", computed)
    if attested is not None:
        trace.record(
            "attested",
            attested,
            ente.body.said(
                "attestazione dell'OIV ([atti] attestazione_oiv in ente.toml) o, se assente, il valore calcolato"
            ),
            "D.Lgs. 150/2009 art. 14",
            label=ente.body.said("Performance attestata dall'OIV"),
            # nothing measured: no ``ente`` figure to refer to, only the OIV's value; the value the OIV gave is
            # an input with its cell, or 85% would read as derived from the computed 93%
            inputs=[
                Input("calcolata", computed, ref="" if computed is None else "ente"),
                *(
                    [
                        Input(
                            ente.body.said("attestazione dell'OIV"),
                            fmt.Achievement(given),  # «85,00%» as the figure says it, never «0,85»
                            cell="ente.toml:approvals.oiv_attested",
                        )
                    ]
                    if (given := ente.approvals.get("oiv_attested")) is not None
                    else []
                ),
            ],
        )
    return Attestation(
        computed=computed,
        attested=attested,
        judgement=str(ente.approvals.get("oiv_judgement", "")),
        motivation=str(ente.approvals.get("oiv_motivation", "")),
        given=ente.approvals.get("oiv_attested") is not None,
    )


@hookimpl(trylast=True)
def ciclope_individual_score(person: Person, card: Sequence[EvaluationItem], trace: Trace) -> Score | None:
    score, formula = card_score_and_formula(card)
    if score is None:
        return Score(person.id, None, None, "not_evaluated", breakdown={})
    key = f"score:{person.id}"  # trace.record(…) without its call
    trace.record(key, score, formula, SOURCE_CARD, CardInputs(card), f"Punteggio di {person.name}", "")
    return Score(person.id, score, None, "evaluated", breakdown={"scheda": score})


@hookimpl(trylast=True)
def ciclope_cohort_scores() -> dict[str, Score] | None:
    return None  # the scores of ciclope_individual_score stand


@hookimpl(trylast=True)
def ciclope_fund_pools(resources: dict[str, Pool]) -> dict[str, Pool] | None:
    return dict(resources)


@hookimpl(trylast=True)
def ciclope_amended_figures() -> dict[str, tuple[str, str]] | None:
    return {}  # no figures of a parameter are changed one by one (ciclope_check_amendments refuses them)


@hookimpl(trylast=True)
def ciclope_check_amendments(params: Params, where: str) -> list[Problem] | None:
    return [
        Problem(
            rule="config.param_amendment",
            file=where,
            column=f"params.{name}.{key}",
            message=f"{name}.{key}: il parametro {name} non ha cifre da cambiare una per una; indica il suo valore "
            f"intero ({name} = …)",
        )
        for name, changes in params.amendments.items()
        for key in changes
    ]


@hookimpl(trylast=True)
def ciclope_comparto() -> str | None:
    return None


@hookimpl(trylast=True)
def ciclope_acts() -> list[str] | None:
    return None  # the plugin's REGULATIONS


@hookimpl(trylast=True)
def ciclope_private_statuses() -> list[str] | None:
    return None  # every status is an outcome of the evaluation


@hookimpl(trylast=True)
def ciclope_level_scales() -> dict[str, list[str]] | None:
    return None  # one order of the levels, read from the scores


@hookimpl(trylast=True)
def ciclope_grade_column() -> str | None:
    return None  # the category of people.csv


@hookimpl(trylast=True)
def ciclope_grade_word() -> str | None:
    return None  # «grado»


@hookimpl(trylast=True)
def ciclope_role_names() -> dict[str, tuple[str, str]] | None:
    return None  # the contract's words


@hookimpl(trylast=True)
def ciclope_award_parts() -> dict[str, dict[str, list[tuple[str, Decimal]]]] | None:
    return None  # no parts named


@hookimpl(trylast=True)
def ciclope_regulation_text() -> tuple[str, list[Problem]] | None:
    return None  # a plugin without regulation files


@hookimpl(trylast=True)
def ciclope_rewards(pools: dict[str, Pool]) -> Rewards | None:
    return Rewards(pools=dict(pools))


@hookimpl(trylast=True)
def ciclope_pools_read_cards(pools: Mapping[str, Pool]) -> list[str] | None:
    return list(pools)


@hookimpl(trylast=True)
def ciclope_parts_read_evaluation() -> dict[str, bool] | None:
    return None  # no named parts: each row is judged by what its figure read


@hookimpl(trylast=True)
def ciclope_individual_premium() -> list[str] | None:
    return []


@hookimpl(trylast=True)
def ciclope_own_maggiorazione() -> OwnMaggiorazione | None:
    return None


@hookimpl(trylast=True)
def ciclope_premium_rankings() -> dict[str, list[str]] | None:
    return None


@hookimpl(trylast=True)
def ciclope_position_pay() -> Positions | None:
    return None


@hookimpl(trylast=True)
def ciclope_evaluator(person: Person, ente: Ente) -> str | None:
    """``person.evaluator``, else the head of the person's unit or of the nearest unit above (not themselves)."""
    if person.evaluator:
        return person.evaluator
    unit = ente.units.get(person.unit)
    seen: set[str] = set()
    while unit is not None and unit.id not in seen:
        seen.add(unit.id)
        if unit.head and unit.head != person.id:
            return unit.head
        unit = ente.units.get(unit.parent) if unit.parent else None
    return None


@hookimpl(trylast=True)
def ciclope_card_items(person: Person, ente: Ente) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    """The items of the person's card in the ente's data, else of the first person with the same role."""
    cards = ente.cards_view()
    own = cards.get(person.id) or next(
        (cards[other.id] for other in ente.people.values() if other.role == person.role and cards.get(other.id)), ()
    )
    return [(it.section, it.item, Decimal(it.max_points), it.weight) for it in own]
