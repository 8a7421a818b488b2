"""What a declared regulation decides once every person is scored (hook ``ciclope_cohort_scores``): the levels of
a scale whose thresholds or level are formulas, and the declared statuses ([[stati]]).

A threshold written as a formula («oltre la media: dalla media dei punteggi dell'anno + 1») is computed once for
the people of its scale and recorded with the values it read; a level written as a formula («tra 160 e 179 in
entrambi i campi») is computed for each person and recorded with the values it read. The requirements of
[livelli] and the level of the insufficient apply after either, as they do to a level read on the score. A status
(the column stato of people.csv, or its condition) replaces the evaluation: the person is paid with its
coefficient and read with its label.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ciclope.core import (
    Citation,
    Ente,
    EvaluationItem,
    Input,
    OrgPerformance,
    Person,
    Problem,
    Score,
    Trace,
    bands,
    fmt,
)
from ciclope.plugins.regolamento.compile import points
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv, Recorder
from ciclope.plugins.regolamento.compile.evaluate import Rank, RunError, run
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import ROLES, Regulation, Status, Step
from ciclope.plugins.regolamento.format.vocabulary import normal
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.score import individual, ladders

UNREACHED = ladders.UNKNOWN  # a threshold that cannot be computed (nobody to average): no one reaches it
STATUS_COLUMN = "declared_status"


def revise(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    cards: Mapping[str, Sequence[EvaluationItem]],
    org: OrgPerformance,
    trace: Trace,
) -> dict[str, Score] | None:
    """The scores with the cohort's levels and the declared statuses, or None when the regulation has neither."""
    leveled = ladders.on_cohort(reg)
    if not leveled and not reg.statuses:
        return None
    facts = Facts(reg, ente, org, scores, cards, ladders.named(reg))
    out = dict(scores)
    if leveled:
        for steps, roles in _scales(reg):
            out.update(_levels(reg, facts, steps, roles, trace))
    facts.scores = out
    if reg.statuses:
        out.update(statuses(reg, facts, trace))
    return out


def _scales(reg: Regulation) -> list[tuple[Sequence[Step], list[str]]]:
    """Each scale of the regulation with the roles that use it (a role's own scale, else the common one)."""
    found: list[tuple[Sequence[Step], list[str]]] = []
    for role in ROLES:
        steps = ladders.steps_of(reg, role)
        same = next((roles for s, roles in found if s is steps), None)
        if same is not None:
            same.append(role)
        else:
            found.append((steps, [role]))
    return found


def _levels(reg: Regulation, facts: Facts, steps: Sequence[Step], roles: list[str], trace: Trace) -> dict[str, Score]:
    assert reg.levels is not None  # levels decided on the cohort are the [livelli] of a formula or a threshold
    people = [p for p in facts.ente.people.values() if p.role in roles and _scored(facts.scores.get(p.id))]
    if not steps:
        # a role the text evaluates without levels (``po = []``): the level formula gives a level of the scale, and
        # the role has none, so it places nobody, as a score does not (docs/regolamento.md, [livelli]); only the
        # level an «insufficiente» exclusion gives still applies, as it does without a formula
        return {p.id: attrs.evolve(facts.scores[p.id], level=individual.forced_level(reg, p)) for p in people}
    cohort = Cohort(recorder=Recorder(trace, f"livelli:{'/'.join(roles)}", cite(reg, reg.levels.source)))
    cohort.members = [PersonEnv(facts, p, cohort) for p in people]
    ladder = tuple(bands.Level(s.name, _threshold(reg, s, cohort, trace)) for s in steps)
    trace.extend(out_of_order(reg, steps, ladder))
    for role in roles:
        facts.ladders = {**facts.ladders, role: [(lv.name, lv.min) for lv in ladder]}
        facts.ranks.pop(role, None)
    out = {}
    for env in cohort.members:
        score = facts.scores[env.person.id]
        out[env.person.id] = _level(reg, facts, env, score, ladder, trace)
    return out


def _scored(score: Score | None) -> bool:
    return score is not None and score.score is not None


def _threshold(reg: Regulation, step: Step, cohort: Cohort, trace: Trace) -> Decimal:
    """A step's threshold as a score on 100: the number written, or the formula computed for the cohort."""
    if not isinstance(step.min, Formula):
        return step.min
    assert reg.levels is not None
    env = cohort.outside()
    if env is None:
        return UNREACHED
    value = _run(step.min, env, trace, reg, reg.levels.source)
    key = f"livelli:soglia:{step.name}"
    # shown as every score, two decimals, to four where it has more (a mean: 354,6667); compared exact
    said = points.shown(value) if isinstance(value, Decimal) else value
    shown = points.said(reg, value) if isinstance(value, Decimal) else "non calcolabile: nessuno lo raggiunge"
    trace.record(
        key,
        said,
        f"{step.min} — {sentence(step.min)}",
        cite(reg, reg.levels.source),
        list(env.read.values()),
        f"Soglia del livello «{step.name}»",
        f"soglia dell'anno: {shown}",
    )
    return value if isinstance(value, Decimal) else UNREACHED


ORDER_RULE = "regolamento.soglie"


def out_of_order(reg: Regulation, steps: Sequence[Step], ladder: Sequence[bands.Level]) -> list[Problem]:
    """A warning for each threshold of a formula that, with the year's data, is not above the next level's or not
    below the level's before it: the scale is no longer in decreasing order, as the reader requires of numbers
    written (docs/regolamento.md), and the level it passes is left empty. The formula and the two thresholds in points,
    with the article of [livelli]."""
    assert reg.levels is not None
    out = []
    for (upper, lower), (high, low) in zip(itertools.pairwise(steps), itertools.pairwise(ladder), strict=True):
        formula = upper.min if isinstance(upper.min, Formula) else lower.min
        if not isinstance(formula, Formula) or high.min > low.min or UNREACHED in (high.min, low.min):
            continue
        how = "è sotto" if high.min < low.min else "coincide con"
        first, second = f"«{high.name}» ({points.said(reg, high.min)}", f"«{low.name}» ({points.said(reg, low.min)}"
        first, second = (
            (f"{first}, dalla formula {formula})", f"{second})")
            if formula is upper.min
            else (f"{first})", f"{second}, dalla formula {formula})")
        )
        message = (
            f"con i dati dell'anno la soglia di {first} {how} quella di {second}, il livello che la segue: le soglie "
            f"non sono in ordine decrescente e nessuno può avere «{low.name}»"
        )
        where = written(formula)
        out.append(
            Problem(rule=ORDER_RULE, message=message, severity="warning", source=cite(reg, reg.levels.source), **where)
        )
    return out


def _run(formula: Formula, env: PersonEnv, trace: Trace, reg: Regulation, source: str) -> object:
    try:
        return run(formula, env)
    except RunError as exc:
        trace.problem(
            Problem(
                rule="regolamento.formula",
                source=cite(reg, source),
                **written(formula),
                message=f"{exc} per {env.person.name}: valore non calcolato",
            )
        )
        return None


def _level(
    reg: Regulation, facts: Facts, env: PersonEnv, score: Score, ladder: Sequence[bands.Level], trace: Trace
) -> Score:
    assert reg.levels is not None and score.score is not None
    person = env.person
    card = facts.cards.get(person.id, ())
    card_score = score.breakdown.get("scheda")
    parts = (facts.ente, facts.org, card, card_score if isinstance(card_score, Decimal) else None)
    if reg.levels.formula is not None:
        value = _run(reg.levels.formula, env, trace, reg, reg.levels.source)
        reached = env.name_of_rank(value) if isinstance(value, Rank) else (value if isinstance(value, str) else None)
        formula = f"{reg.levels.formula} — {sentence(reg.levels.formula)}"
        inputs = list(env.read.values())
        points = points_of(reg, score) or score.score
        moved = _moved(reg, points, bands.level_of(points, ladder), reached)
    else:
        reached = bands.level_of(points_of(reg, score) or score.score, ladder)
        formula = "il livello della scala raggiunto dal punteggio, con le soglie dell'anno"
        inputs = [_compared(reg, score), *_thresholds(reg, env, ladder)]
        moved = ""
    level, stepped = individual.level_at(reg, person, reached, ladder, parts)  # type: ignore[arg-type]
    trace.record(
        f"level:{person.id}",
        level,
        formula,
        cite(reg, reg.levels.source),
        inputs,
        f"Livello di {person.name}",
        "; ".join(x for x in (moved, stepped) if x),
    )
    return attrs.evolve(score, level=level)


def _compared(reg: Regulation, score: Score) -> Input:
    """The score a threshold is compared with, on the scale the thresholds are written in: the points of [punteggio]
    su («punteggio su 500 = 430,00»), never the score on 100 beside a threshold of 500; the score itself without."""
    scale, found = points.scale_of(reg), points_of(reg, score)
    if scale is None or found is None:
        return Input("punteggio", score.score, ref=f"score:{score.person}")
    return Input(f"punteggio su {fmt.decimal_it(scale)}", fmt.Points(found), ref=f"score:{score.person}")


def _thresholds(reg: Regulation, env: PersonEnv, ladder: Sequence[bands.Level]) -> list[Input]:
    """Each threshold of the person's scale as its figure shows it (:func:`_threshold`), in points as the score is
    (426,00 beside 354,00 and 430,00); one nobody reaches (nobody to average) as it is."""
    formulas = {s.name for s in ladders.steps_of(reg, env.person.role) if isinstance(s.min, Formula)}
    return [
        Input(
            f"soglia di «{lv.name}»",
            env.shown(lv.min) if lv.min == UNREACHED else points.shown(lv.min),
            ref=f"livelli:soglia:{lv.name}" if lv.name in formulas else "",
        )
        for lv in ladder
    ]


def _moved(reg: Regulation, points: Decimal, plain: str | None, reached: str | None) -> str:
    """Where the level formula gives another level than the points reach on the scale (a cap on the top level moves
    the fourth of ten down): both, and the note of [livelli], which says the rule the formula writes; "" where they
    agree. The person reads why, not only the formula's terms."""
    if plain == reached:
        return ""
    assert reg.levels is not None
    reach = f"raggiunge {fmt.quoted(plain)}" if plain else "non raggiunge nessun livello della scala"
    gives = f"dà {fmt.quoted(reached)}" if reached else "non dà nessun livello"
    said = f"il punteggio ({fmt.decimal_it(points, 2)} punti) {reach}, ma la formula del livello {gives}"
    return f"{said}; {reg.levels.note}" if reg.levels.note else said


def statuses(reg: Regulation, facts: Facts, trace: Trace) -> dict[str, Score]:
    """The declared status of each person who has one: the column stato of people.csv, else the first status whose
    condition holds; the evaluation is replaced by the status (its coefficient pays, its label is read). A condition
    is read for the people of the roles the regulation evaluates, and its functions over people read them: a status
    takes the place of an evaluation, and the Segretario of a regulation of the staff has none to replace."""
    out = {}
    # an aggregate a condition reads is recorded once, cited to the statuses that have a condition
    source = Citation.joined(cite(reg, s.source) for s in reg.statuses if s.when is not None)
    cohort = Cohort(recorder=Recorder(trace, "stati", source))
    evaluated = reg.evaluated_roles
    cohort.members = [PersonEnv(facts, p, cohort) for p in facts.ente.people.values() if p.role in evaluated]
    envs = {env.person.id: env for env in cohort.members}
    for person in facts.ente.people.values():
        found = _status(reg, person, envs.get(person.id), facts, trace)
        if found is None:
            continue
        status, inputs = found
        trace.record(
            f"score:{person.id}:status",
            status.name,
            f"stato dichiarato dal regolamento: {status.label}, coefficiente {fmt.decimal_it(status.coefficient)}",
            cite(reg, status.source),
            inputs,
            f"Esito di {person.name}",
            status.note,
        )
        before = facts.scores.get(person.id) or Score(person=person.id, score=None)
        out[person.id] = attrs.evolve(before, level=None, status=status.name)
    return out


def _status(
    reg: Regulation, person: Person, env: PersonEnv | None, facts: Facts, trace: Trace
) -> tuple[Status, list[Input]] | None:
    """The status written in the person's row, else (``env``: a person of an evaluated role) the first whose condition
    holds, with what it read."""
    written = person.extra.get(STATUS_COLUMN)
    if written:
        for status in reg.statuses:
            if normal(status.name) == normal(str(written)):
                cell = facts.ente.cell("people", person.row, STATUS_COLUMN)
                return status, [Input("stato", written, cell=cell)]
        return None  # a word no status has: an error of the check stage
    if env is None:
        return None
    for status in reg.statuses:
        if status.when is not None and _run(status.when, env, trace, reg, status.source) is True:
            return status, list(env.read.values())
    return None
