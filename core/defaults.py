"""The core rules as a built-in plugin: every hook's default (rules/core.md), all ``trylast``.

The ente's plugin is registered after this module and, for *firstresult* hooks, answers first;
returning ``None`` from a plugin falls back to these defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import pluggy

from . import organizational
from .money import CENT, Pool
from .outcomes import Attestation, Rewards, Score, new_score
from .problems import Problem
from .scoring import SOURCE_CARD, card_score_and_formula, indicator_achievement, weighted_mean
from .trace import CardInputs, Figure, new_figure, new_input

hookimpl = pluggy.HookimplMarker("ciclope")
HUNDRED = Decimal(100)


@hookimpl(trylast=True)
def ciclope_params():
    return {}


def self_evaluations(ente) -> list[Problem]:
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
                        "indica in evaluator chi valuta (il superiore o un valutatore esterno di [evaluators])",
                    )
                )
    return problems


@hookimpl(trylast=True)
def ciclope_validate(ente):
    """Core checks that need the whole ente (the loader already checked values and references)."""
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
    problems += self_evaluations(ente)
    cards = ente.cards_view()
    # issue 19: a plan with every indicator neutralized used to leave the funds undistributed with status ok
    # (an evaluations.csv with the header only: see core/cycle.py, phase e)
    if ente.indicators and all(i.neutralized for i in ente.indicators.values()):
        problems.append(
            Problem(
                rule="core.indicators.all_neutralized",
                file=ente.file_of("indicators"),
                row=1,
                column="neutralized",
                source="rules/core.md §2",
                message="tutti gli indicatori sono neutralizzati: nessuna performance organizzativa "
                "misurabile; togli la neutralizzazione dagli indicatori misurati",
            )
        )
    for pid, items in cards.items():
        names = set()
        empty = 0  # weights left empty: some but not all is mixed_weights (one loop per card, issue 18)
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


@hookimpl(trylast=True)
def ciclope_resources(ente, trace):
    pools = {}
    for name, amount in ente.funds.items():
        trace.record(
            f"pool:{name}",
            amount,
            "importo di [funds] in ente.toml",
            "ente.toml [funds]",
            label=f"Fondo {name}",
            inputs=[new_input(name, amount, cell=f"ente.toml:funds.{name}")],
        )
        pools[name] = Pool(name=name, amount=amount, source="ente.toml [funds]")
    return pools


@hookimpl(trylast=True)
def ciclope_indicator_achievement(indicator, measured, target):
    return indicator_achievement(indicator.type, measured, target)


@hookimpl(trylast=True)
def ciclope_objective_achievement(parts):
    return weighted_mean(parts)


@hookimpl(trylast=True)
def ciclope_organizational_performance(ente, trace, hooks):
    return organizational.compute(ente, trace, hooks)


@hookimpl(trylast=True)
def ciclope_attestation(ente, org, trace):
    computed = org.ente
    attested = ente.approvals.get("oiv_attested", computed)
    if attested is not None:
        trace.record(
            "attested",
            attested,
            "attestazione dell'OIV ([approvals] oiv_attested) o, se assente, il valore calcolato",
            "D.Lgs. 150/2009 art. 14",
            label="Performance attestata dall'OIV",
            inputs=[new_input("calcolata", computed, ref="ente")],
        )
    return Attestation(
        computed=computed,
        attested=attested,
        judgement=str(ente.approvals.get("oiv_judgement", "")),
        motivation=str(ente.approvals.get("oiv_motivation", "")),
    )


@hookimpl(trylast=True)
def ciclope_individual_score(person, card, trace):
    score, formula = card_score_and_formula(card)
    if score is None:
        return new_score(person.id, None, None, "not_evaluated", breakdown={})
    key = f"score:{person.id}"  # trace.record(…) without its call
    trace.put(
        new_figure(Figure, (key, score, formula, SOURCE_CARD, CardInputs(card), f"Punteggio di {person.name}", ""))
    )
    return new_score(person.id, score, None, "evaluated", breakdown={"scheda": score})


@hookimpl(trylast=True)
def ciclope_fund_pools(resources):
    return dict(resources)


@hookimpl(trylast=True)
def ciclope_rewards(pools):
    return Rewards(pools=dict(pools))


@hookimpl(trylast=True)
def ciclope_position_pay():
    return None


def card_part(person, card, trace) -> Decimal | None:
    """The card score recorded as ``card:<id>`` for plugins that combine it with other parts."""
    score, formula = card_score_and_formula(card)
    if score is not None:
        key = f"card:{person.id}"  # trace.record(…) without its call
        trace.put(
            new_figure(
                Figure,
                (key, score, formula, SOURCE_CARD, CardInputs(card), f"Scheda di valutazione di {person.name}", ""),
            )
        )
    return score


def weighted_score(
    person, parts, trace, source: str, level: str | Callable[[Decimal], str | None] | None = None
) -> Decimal:
    """``Σ weight × value`` over ``(label, key, value 0–1, weight)`` parts, 2 decimals, recorded.

    ``level`` is noted beside the score: a name, or a function of the score that names it (so a plugin
    need not add the parts up a second time to find the level first)."""
    total = Decimal(0)
    terms = []
    inputs = []
    for label, key, v, w in parts:  # one loop, no copy of a Decimal (issue 18: every evaluated person)
        total += (w if type(w) is Decimal else Decimal(w)) * (v if type(v) is Decimal else Decimal(v))
        terms.append(f"{w!s} × {label}")  # !s: str() is Decimal's format(…, "") in half the time
        inputs.append(new_input(label, v, key))
    score = total.quantize(CENT, ROUND_HALF_UP)  # r2 of a Decimal (total is one), without its call
    if callable(level):
        level = level(score)
    key = f"score:{person.id}"  # trace.record(…) without its call
    trace.put(
        new_figure(
            Figure,
            (
                key,
                score,
                " + ".join(terms),
                source,
                tuple(inputs),
                f"Punteggio di {person.name}",
                f"livello: {level}" if level else "",
            ),
        )
    )
    return score


def dirigente_score(
    person,
    org,
    trace,
    source: str,
    level_of=None,
    part: str = "raggiungimento del cruscotto",
    missing: str = "nessun indicatore misurato nel cruscotto",
) -> Score:
    """A dirigente's (or the Segretario's) score: 100 × the achievement of their cruscotto
    (``org.people``), recorded as ``score:<id>`` with ``source``; ``level_of(score)`` names the level.
    Without a measured cruscotto: ``not_evaluated`` with ``missing`` as the reason."""
    ach = org.people.get(person.id)
    if ach is None:
        return new_score(person=person.id, score=None, status="not_evaluated", breakdown={"motivo": missing})
    score = weighted_score(person, [(part, f"person:{person.id}", ach, HUNDRED)], trace, source, level_of)
    level = level_of(score) if level_of is not None else None
    return new_score(person=person.id, score=score, level=level, breakdown={"cruscotto": ach})


@hookimpl(trylast=True)
def ciclope_evaluator(person, ente):
    from .raccolta.plan import default_evaluator

    return default_evaluator(person, ente)


@hookimpl(trylast=True)
def ciclope_card_items(person, ente):
    from .raccolta.plan import default_card

    return [(c.section, c.item, c.max_points, c.weight) for c in default_card(person, ente)]
