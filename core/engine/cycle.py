"""The phases of the performance cycle for one ente (SPEC §2), in order, calling the hooks.

a pianificazione → b risorse → c monitoraggio → d valutazione → e premialità → f rendicontazione.
A plugin changes *how* a step is computed, never the order. ``until`` stops after a phase.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ciclope.core import fmt
from ciclope.core.conciliation import apply_appeals
from ciclope.core.engine import hookspecs
from ciclope.core.engine.explained import unexplained
from ciclope.core.engine.funding import with_fund
from ciclope.core.engine.organizational import measure
from ciclope.core.engine.references import unresolved
from ciclope.core.engine.registry import Hooks
from ciclope.core.engine.scheduled import beyond_awards
from ciclope.core.entetoml import unknown_approvals
from ciclope.core.fmt import date_it
from ciclope.core.model import Ente, EvaluationItem, by_evaluator
from ciclope.core.outcomes import MonitoringOutcome, Positions, Rewards
from ciclope.core.params import Params
from ciclope.core.phases import PHASES
from ciclope.core.plugininfo import PluginInfo
from ciclope.core.problems import Problem
from ciclope.core.result import AppliedRevision, Result
from ciclope.core.scoring import SOURCE_CARD, deviation, evaluator_card
from ciclope.core.trace import CardInputs, Trace
from ciclope.core.values import parse_indicator_value, parse_nonnegative


def run_cycle(ente: Ente, hooks: Hooks, params: Params, plugin: PluginInfo, until: str = "rendicontazione") -> Result:
    if until not in PHASES:
        raise ValueError(f"unknown phase {until!r}")
    last = PHASES.index(until)
    hooks = hooks.for_ente(params)  # the layers of the ente's comparto, when its plugin lets each ente name it
    plugin = hooks.describe(plugin, params)  # the ente's own words (levels, statuses) for every output
    trace = Trace()
    fields: dict = {}

    # a. pianificazione: the plan is loaded; the regulation's checks
    trace.extend(ente.notes)  # what loading noticed without refusing (e.g. Excel's CSV)
    # b. risorse asks the fund first: the pools it destines are the ente's funds for every later step
    fund = hooks.first(hookspecs.ciclope_fund, ente=ente, params=params, trace=trace)
    if fund is not None:
        ente = with_fund(ente, fund, trace)
        fields["fund"] = fund
    trace.extend(hooks.collect(hookspecs.ciclope_validate, ente=ente, params=params, trace=trace))

    if last >= 1:  # b. risorse
        fields["resources"] = hooks.first(hookspecs.ciclope_resources, ente=ente, params=params, trace=trace) or {}

    if last >= 2:  # c. monitoraggio, then the approved mid-year revisions
        fields["monitoring"] = monitoring(ente, hooks, params, trace)
        ente, fields["revisions"] = apply_revisions(ente, trace)

    if last >= 3:  # d. valutazione, then e. premialità
        _evaluate(ente, hooks, params, trace, fields, rewards=last >= 4)

    if last >= 5:  # f. rendicontazione
        _report(ente, hooks, params, trace, fields)

    # every figure is recorded by now: each input's ref must name one, each cell an input of the ente
    trace.extend(unresolved(trace.figures, ente, params.values))
    result = Result(
        ente=ente,
        plugin=plugin,
        params=params,
        until=until,
        figures=trace.figures,
        violations=as_written(ente, trace.problems),
        **fields,
    )
    if last >= 5:
        result = attrs.evolve(
            result, sections=tuple(hooks.collect(hookspecs.ciclope_report_sections, ente=ente, result=result))
        )
    return result


def as_written(ente: Ente, problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """The problems, each about a data sheet naming its column as the sheet's header writes it (``fine_incarico``
    in a sheet with Italian headers, not the code ``end`` a plugin names it by): the office reads back the word it
    wrote. A column the sheet does not have is named by the header the template writes for it where the sheet is
    written with Italian headers (by its code where the office wrote codes)."""
    sheets = {ente.file_of(name): name for name in ente.shown}
    return tuple(
        attrs.evolve(p, column=ente.column_shown(sheets[p.file], p.column)) if p.column and p.file in sheets else p
        for p in problems
    )


def _evaluate(ente: Ente, hooks: Hooks, params: Params, trace: Trace, fields: dict, rewards: bool) -> None:
    """d. valutazione: the organizational performance, its attestation, the cards after the appeals, each
    person's score; with ``rewards``, e. premialità (:func:`_reward`)."""
    org = hooks.one(hookspecs.ciclope_organizational_performance, ente=ente, params=params, trace=trace, hooks=hooks)
    attestation = hooks.one(hookspecs.ciclope_attestation, ente=ente, org=org, params=params, trace=trace)
    cards, _effects, problems = apply_appeals(ente)
    trace.extend(problems)
    cards = evaluator_cards(ente, cards, trace)
    score = hooks.individual_scorer(ente=ente, org=org, params=params, trace=trace, attestation=attestation)
    scores = {pid: score(person, cards.get(pid, ())) for pid, person in ente.people.items()}
    revised = hooks.first(
        hookspecs.ciclope_cohort_scores, ente=ente, scores=scores, cards=cards, org=org, params=params, trace=trace
    )
    scores = revised if revised is not None else scores
    fields.update(org=org, attestation=attestation, scores=scores)
    if not rewards:
        return
    at = len(trace.problems)  # where the problem of missing cards goes: before what the rewards found
    _reward(ente, hooks, params, trace, fields, cards)
    paid = fields["rewards"]
    read = hooks.one(hookspecs.ciclope_pools_read_cards, params=params, pools=paid.pools)
    # the pools whose premiums no evaluation decides: the workbook says «senza valutazione» beside their amounts
    fields["unread"] = frozenset(paid.pools) - set(read)
    fields["parts_read"] = hooks.first(hookspecs.ciclope_parts_read_evaluation, params=params) or {}
    if ente.people and not cards and any(p.amount > 0 for p in paid.pools.values()):
        # a header-only evaluations.csv left the funds undistributed with status ok. Judged once the rewards
        # are known, on what they did and not on which plugin made them; an error of the rewards already says
        # why nobody was paid (the access to the premiums closed), and a regulation that pays without any
        # card would be told to fill the cards it does not need. Only the funds that pay premiums (the pools of
        # the rewards) count: a fund of ente.toml that pays none, such as the progressions', needs no card
        if unreached(paid, set(read)) and not any(p.is_error for p in trace.problems[at:]):
            trace.problems.insert(at, no_cards(ente))
    trace.extend(no_plan(ente, paid))


def evaluator_cards(
    ente: Ente, cards: dict[str, tuple[EvaluationItem, ...]], trace: Trace
) -> dict[str, tuple[EvaluationItem, ...]]:
    """The cards of the people evaluated by several evaluators in the year (valutatori.csv): each evaluator's card
    recorded as ``card:<person>:<evaluator>`` (its items, its period), which the person's score reads; a person
    lacking one of them is left without a card, as anyone not evaluated yet (rules/core.md §3: never a score of one
    card alone; the load said which card is missing)."""
    for pid in ente.periods:
        card = cards.get(pid)
        if not card:
            continue
        parts = by_evaluator(card)
        if any(not items for _, items in parts):
            del cards[pid]
            continue
        person = ente.people[pid]
        for period, items in parts:
            own = tuple(i._replace(periods=()) for i in items)  # the items of this card alone, each its own cell
            score, formula = evaluator_card(own)
            label = (
                f"Scheda di {person.name or pid} del valutatore {period.said or period.evaluator}, dal "
                f"{date_it(period.start)} al {date_it(period.end)} ({period.days} giorni)"
            )
            trace.record(f"card:{pid}:{period.evaluator}", score, formula, SOURCE_CARD, CardInputs(own), label)
    return cards


def unreached(rewards: Rewards, read: set[str]) -> bool:
    """True when the rewards reached nobody and every pool reads the cards (``read``), or a pool with money that
    reads them reached nobody: without any card, the money that needed one. A premium paid without evaluating
    reaches people who have no card, even with 0 €, and needs none; when it admits nobody, that is no card's
    fault."""
    reached = {a.pool for a in rewards.awards.values()}
    if not reached and read.issuperset(rewards.pools):
        return True
    return any(p.amount > 0 and p.name in read and p.name not in reached for p in rewards.pools.values())


def no_cards(ente: Ente) -> Problem:
    """Nobody could receive a premium, since nobody has an evaluation card: the file named as the office names
    it (its own file, else the one ``ciclope template`` writes)."""
    file, row = ente.whole_sheet("evaluations")
    return Problem(
        rule="core.evaluations.empty",
        file=file,
        row=row,
        source="rules/core.md §3",
        message="nessuna scheda di valutazione: nessuno può ricevere i premi dei fondi "
        "indicati in ente.toml; compila le valutazioni (una riga per voce della scheda), o raccoglile dai "
        "valutatori con ciclope raccolta",
    )


def no_plan(ente: Ente, rewards: Rewards) -> list[Problem]:
    """Premiums paid with no objective in the year's plan: a warning, once, with what they paid. The premiums for
    performance rest on the objectives of the Piano della performance, since 2022 the PIAO's sottosezione
    Performance (D.Lgs. 150/2009 art. 10; art. 10 c. 5 forbids the result pay where the Piano is not adopted), and
    the OIV validates the Relazione that reports on them before any premium is paid (art. 14)."""
    paid = [a for a in rewards.awards.values() if a.amount > 0]
    if ente.objectives or not paid:
        return []
    total = sum((a.amount for a in paid), Decimal(0))
    people = len({a.person for a in paid})
    plan = "della sottosezione Performance del PIAO" if ente.year >= PIAO_SINCE else "del Piano della performance"
    file, row = ente.whole_sheet("objectives")
    return [
        Problem(
            rule="core.objectives.none",
            severity="warning",
            file=file,
            row=row,
            source="D.Lgs. 150/2009 art. 10",
            message=f"nessun obiettivo nel piano del {ente.year}: i premi collegati alla performance "
            f"({fmt.euro(total)} a {people} {'persona' if people == 1 else 'persone'}) non hanno dietro gli "
            f"obiettivi {plan}, che la Relazione rendiconta e l'OIV valida prima che si paghino; scrivi gli "
            "obiettivi dell'anno e i loro indicatori",
        )
    ]


# the first cycle whose Piano della performance is a section of the PIAO (DL 80/2021 art. 6, DPR 81/2022)
PIAO_SINCE = 2022


def _reward(
    ente: Ente, hooks: Hooks, params: Params, trace: Trace, fields: dict, cards: Mapping[str, Sequence[EvaluationItem]]
) -> None:
    """e. premialità: the funds' pools, the awards of the scores (and of the ``cards`` they come from, after
    conciliation), the positions' pay; every amount paid explained."""
    org, attestation, scores = fields["org"], fields["attestation"], fields["scores"]
    pools = (
        hooks.first(
            hookspecs.ciclope_fund_pools,
            ente=ente,
            params=params,
            org=org,
            attestation=attestation,
            resources=fields["resources"],
            trace=trace,
        )
        or {}
    )
    fields["rewards"] = hooks.first(
        hookspecs.ciclope_rewards,
        ente=ente,
        scores=scores,
        pools=pools,
        params=params,
        org=org,
        trace=trace,
        hooks=hooks,
        cards=cards,
    ) or Rewards(pools=pools)
    parts = hooks.first(hookspecs.ciclope_award_parts, params=params, rewards=fields["rewards"], trace=trace)
    if parts:
        fields["rewards"] = attrs.evolve(fields["rewards"], parts=parts)
    fields["positions"] = (
        hooks.first(
            hookspecs.ciclope_position_pay,
            ente=ente,
            params=params,
            org=org,
            attestation=attestation,
            scores=scores,
            trace=trace,
        )
        or Positions()
    )
    paid = [*fields["rewards"].awards.values(), *fields["positions"].awards.values()]
    trace.extend(unexplained(paid, trace.figures))
    trace.extend(beyond_awards(fields["rewards"]))


def _report(ente: Ente, hooks: Hooks, params: Params, trace: Trace, fields: dict) -> None:
    """f. rendicontazione: the calendar's deadlines and their status."""
    deadlines = hooks.collect(hookspecs.ciclope_calendar, ente=ente, year=ente.year, params=params)
    fields["calendar"] = tuple(calendar_status(d, ente) for d in deadlines)
    # an [approvals] key that neither the core, the plugin, its calendar nor the acts its regulation names knows
    # is a typo
    named = hooks.collect(hookspecs.ciclope_approval_keys, params=params)
    trace.extend(unknown_approvals(ente, [*(d.approval for d in deadlines if d.approval), *named]))


def monitoring(ente: Ente, hooks: Hooks, params: Params, trace: Trace) -> dict[str, MonitoringOutcome]:
    """Mid-year (30/6) measurement of every indicator with a mid-year target and value."""
    out = {}
    achieve = hooks.indicator_achiever(params)
    for ind in ente.indicators.values():
        if not ind.active or ind.neutralized or ind.type == "monitor" or ind.target_mid is None:
            continue
        if ind.actual_mid is None and ind.type != "deadline":
            continue
        ach = measure(
            ind,
            ind.actual_mid,
            ind.target_mid,
            achieve,
            trace,
            f"monitoring:{ind.id}",
            f"Monitoraggio al 30/6 — {ind.id} {ind.name}",
            mid=True,
        )
        out[ind.id] = MonitoringOutcome(
            achievement=ach,
            deviation=deviation(ind.type, ind.actual_mid, ind.target_mid, ach),
            target=ind.target_mid,
            actual=ind.actual_mid,
        )
    return out


def apply_revisions(ente: Ente, trace: Trace) -> tuple[Ente, tuple[AppliedRevision, ...]]:
    """Mid-year target revisions: applied only when validated by the OIV and approved; always listed."""
    indicators = dict(ente.indicators)
    listed = []
    applied = False
    for rv in ente.revisions:
        ind = indicators[rv.indicator]
        if not rv.applies:
            why = ente.body.said("non validata dall'OIV") if not rv.oiv_validated else "non approvata"
            listed.append(AppliedRevision(rv.indicator, rv.field, rv.old, rv.new, rv.reason, False, why))
            continue
        refused: tuple[str, str, str] | None = None  # (rule, message, source) of a value that cannot apply
        try:
            value = parse_nonnegative(rv.new) if rv.field == "weight" else parse_indicator_value(ind.type, rv.new)
        except ValueError as exc:
            refused = ("core.revision.value", str(exc), "SPEC.md §5")
        else:
            if rv.field != "weight" and ind.type in ("higher", "project") and isinstance(value, Decimal) and value <= 0:
                # the check of indicators.csv's targets, on the revised one: achievement divides by it
                label = "il target intermedio" if rv.field == "target_mid" else "il target"
                refused = ("core.indicator.target", f"{label} rivisto deve essere maggiore di 0", "rules/core.md §1")
        if refused is not None:
            rule, message, source = refused
            where = ente.file_of("revisions")
            trace.problem(Problem(rule=rule, message=message, file=where, row=rv.row, column="new", source=source))
            listed.append(
                AppliedRevision(rv.indicator, rv.field, rv.old, rv.new, rv.reason, False, "valore non valido")
            )
            continue
        indicators[rv.indicator] = attrs.evolve(ind, **{rv.field: value})  # type: ignore[arg-type]  # field named by the row
        applied = True
        listed.append(
            AppliedRevision(
                rv.indicator, rv.field, rv.old, rv.new, rv.reason, True, ente.body.said("validata dall'OIV e approvata")
            )
        )
    if not applied:
        # the same ente, equal to what evolve would make: its indexes made so far (the cards, the units'
        # chains… in its memo) serve the next phases instead of being made again
        return ente, tuple(listed)
    return attrs.evolve(ente, indicators=indicators), tuple(listed)


def calendar_status(deadline, ente: Ente) -> tuple:
    """(deadline, status): "fatto" | "in ritardo" | "mancante" | "" (nothing to check)."""
    if not deadline.approval:
        return deadline, ""
    done = ente.approvals.get(deadline.approval)
    if not isinstance(done, dt.date):
        return deadline, "mancante"
    return deadline, "fatto" if done <= deadline.due else "in ritardo"
