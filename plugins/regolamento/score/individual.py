"""A person's score under a declared regulation ([punteggio]): the card and, by role or grade, the organizational
components weighted; the level of the scale ([livelli]) with its requirements, unless the levels are decided on
the whole cohort (:mod:`score.cohort`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import (
    Citation,
    Ente,
    EvaluationItem,
    Input,
    OrgPerformance,
    Person,
    Score,
    Trace,
    bands,
    fmt,
    money,
    scoring,
)
from ciclope.plugins.regolamento.compile import units
from ciclope.plugins.regolamento.compile.points import POINTS, on_scale, scale_of
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import GradeWeights, Regulation, Weights
from ciclope.plugins.regolamento.score import ladders, objectives, requirements, unitpart

HUNDRED = Decimal(100)


# a component of the score in the formula people read: Italian words and numbers, «60% × scheda di valutazione»
TERMS = {
    "scheda": "scheda di valutazione",
    "unità × 100": "performance dell'unità × 100",
    "ente × 100": "performance dell'ente × 100",
    "cruscotto × 100": "cruscotto personale × 100",
}


def score_of(
    reg: Regulation, person: Person, ente: Ente, org: OrgPerformance, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    weights = grades.weights_for(reg, person)
    card_score = scoring.card_part(person, card, trace, card_source(reg, person)) if card else None
    source = source_of(reg, person, weights)
    parts = components(person, ente, org, card_score, weights, units.kind_of(reg))
    moved = ""
    if weights is not None and weights.objectives > 0:
        parts, moved = objectives.with_objectives(parts, weights.objectives, person, ente, org, source, trace)
    if reg.score is not None and reg.score.unmeasured_unit == "sposta":
        parts, unmeasured = unitpart.without_unit(parts)
        moved = "; ".join(x for x in (moved, unmeasured) if x)
    missing = [label for label, _, value, w in parts if value is None and w > 0]
    if missing or not parts:
        why = f"manca: {', '.join(missing)}" if missing else "nessuna scheda di valutazione"
        foreseen = bool(card) or evaluated_role(reg, person, ente)
        if not foreseen:  # nothing evaluates the role: no card missing
            why = "senza valutazione individuale: il regolamento non la prevede per il suo ruolo"
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"motivo": why}, foreseen=foreseen)
    total = sum((w * v for _, _, v, w in parts if w > 0 and v is not None), Decimal(0))
    score = money.r2(total)
    points = on_scale(reg, total)  # what the thresholds are judged on: the score, or its points on su
    if scale_of(reg) is not None and card:  # the card's own points, exactly: not from its score rounded on 100
        exact = scoring.exact_card_score(card)[0]
        weight = next((w for label, _, v, w in parts if label == "scheda" and v is not None), Decimal(0))
        if exact is not None and card_score is not None:
            points = on_scale(reg, total + weight * (exact - card_score))
    level, stepped = None, ""
    if not ladders.on_cohort(reg):  # else the level is decided once every person is scored (score.cohort)
        ladder = ladders.ladder_of(reg, person.role)
        level, stepped = level_at(reg, person, bands.level_of(points, ladder), ladder, (ente, org, card, card_score))
    weighed = [(TERMS.get(label, label), w) for label, _, _, w in parts if w > 0]
    # one component of weight 1 is the score itself: «scheda di valutazione», not «1 × scheda di valutazione»
    terms = (
        weighed[0][0]
        if len(weighed) == 1 and weighed[0][1] == 1
        else " + ".join(f"{fmt.pct_share(w)} × {term}" for term, w in weighed)  # a weight 0–1: 60%
    )
    unit_read = any(label == "unità × 100" and w > 0 for label, _, _, w in parts)
    several = units.heads_several(person, ente, units.kind_of(reg)) if unit_read else ""
    own = reg.score.note if weights is not None and reg.score is not None else ""  # the file's nota of [punteggio]
    note = "; ".join(x for x in (several, moved, level_words(reg, level, points, stepped), own) if x)
    trace.record(
        f"score:{person.id}",
        score,
        terms,
        source,
        [Input(label, v, ref=ref) for label, ref, v, w in parts if w > 0],
        f"Punteggio di {person.name}",
        note,
    )
    breakdown = {label: v for label, _, v, w in parts if w > 0}
    scale = scale_of(reg)
    if scale is None:
        return Score(person=person.id, score=score, level=level, breakdown=breakdown)
    breakdown[POINTS] = points
    return Score(person=person.id, score=score, level=level, breakdown=breakdown, points=points, scale=scale)


def level_words(reg: Regulation, level: str | None, points: Decimal, stepped: str) -> str:
    """The score's note on its level: the points on the regulation's own scale, the level reached (with the file's
    own note on the scale, where it says how it reads the text) and a step down, if any."""
    levels_note, own = "", ""
    if level and reg.levels:
        levels_note, own = f"livello: {level} ({cite(reg, reg.levels.source)})", reg.levels.note
    on_scale_words = ""
    if reg.score is not None and reg.score.scale is not None:  # the points the regulation's thresholds speak of
        on_scale_words = (
            f"sulla scala del regolamento: {fmt.decimal_it(points)} punti su {fmt.decimal_it(reg.score.scale)}"
        )
    # the office's note as it wrote it: a sentence of its own after a full stop, never a capital after «; »
    return fmt.clauses(on_scale_words, levels_note, own, stepped)


def evaluated_role(reg: Regulation, person: Person, ente: Ente) -> bool:
    """Whether the role of ``person`` is evaluated: a part of the premium or the result pay reads its evaluation,
    the progressioni read the year's score of its candidates, the file declares its card, or someone else of the role
    has a card in the data (the office evaluates the role; one without a card lacks theirs, and is told so)."""
    if person.role in reg.evaluated_roles or grades.card_of(reg, person) is not None:
        return True
    pr = reg.progressions
    if pr is not None and person.role in pr.roles and (pr.order is None or pr.candidates is None):
        return True
    people = ente.people
    return any(pid != person.id and pid in people and people[pid].role == person.role for pid in ente.cards_view())


def source_of(reg: Regulation, person: Person, weights: Weights | GradeWeights | None) -> Citation:
    """Where the score comes from: the weights of the person's role or grade ([punteggio], or its table); for a role
    [punteggio] does not weight, the card alone, cited as the card: the [[scheda]] of the role, if the file declares
    one, else the common rule that scores the card of the evaluations file (the act defines none: never «<act>,
    scheda di valutazione»), not as the weights of the other roles."""
    if weights is not None:
        return cite(reg, weights.source or (reg.score.source if reg.score is not None else ""))
    return card_source(reg, person)


def card_source(reg: Regulation, person: Person) -> Citation:
    """The act of the person's card: the [[scheda]] of the role, if the file declares one, else the common rule that
    scores the card of the evaluations file."""
    card = grades.card_of(reg, person)
    return cite(reg, card.source) if card is not None else scoring.SOURCE_CARD


def level_at(
    reg: Regulation,
    person: Person,
    reached: str | None,
    ladder: Sequence[bands.Level],
    parts: tuple[Ente, OrgPerformance, Sequence[EvaluationItem], Decimal | None],
) -> tuple[str | None, str]:
    """The level ``reached`` after the requirements of the person's role and the level the regulation gives the
    insufficient, and the words that say why it moved ("" if it did not)."""
    level, stepped = requirements.adjusted(reg, person, reached, ladder, parts)
    return forced_level(reg, person) or level, stepped


def forced_level(reg: Regulation, person: Person) -> str | None:
    """The level an «insufficiente» exclusion gives whoever is declared of insufficient rendimento (``livello``)."""
    if not person.insufficient:
        return None
    return next((e.level for e in reg.exclusions if e.rule == "insufficiente" and e.level), None)


def components(
    person: Person,
    ente: Ente,
    org: OrgPerformance,
    card: Decimal | None,
    weights: Weights | GradeWeights | None,
    unit_kind: str = "",
) -> list[tuple[str, str, Decimal | None, Decimal]]:
    """(label, figure key, value 0–100, weight) of each component of a role's score."""
    if weights is None:
        return [("scheda", f"card:{person.id}", card, Decimal(1))] if card is not None else []
    unit, unit_ach = units.reference_unit(unit_kind, person, ente, org)
    own = org.people.get(person.id)

    def pct(x: Decimal | None) -> Decimal | None:
        return None if x is None else x * HUNDRED

    return [
        ("scheda", f"card:{person.id}", card, weights.card),
        ("unità × 100", f"unit:{unit}", pct(unit_ach), weights.unit),
        ("ente × 100", "ente", pct(org.ente), weights.ente),
        ("cruscotto × 100", f"person:{person.id}", pct(own), weights.dashboard),
    ]
