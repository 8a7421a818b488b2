"""Scoring primitives of the core rules (rules/core.md §1–3), shared by the defaults and plugins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ciclope.core import cardscore
from ciclope.core.citation import Citation
from ciclope.core.conciliation import has_contraddittorio, not_in_card, po_needs_contraddittorio
from ciclope.core.fmt import decimal_it
from ciclope.core.fmt import exact as fmt_exact
from ciclope.core.model import EvaluationItem, Indicator, Person, by_evaluator
from ciclope.core.money import CENT, TEN_THOUSANDTH, r4
from ciclope.core.outcomes import OrgPerformance, Score
from ciclope.core.ranking import by_score, cut_without_ties, top_share
from ciclope.core.trace import CardInputs, Input, Trace

__all__ = [
    "FORMULAS",
    "SOURCE_CARD",
    "by_score",
    "card_part",
    "card_score_and_formula",
    "exact_card_score",
    "cut_without_ties",
    "dirigente_score",
    "has_contraddittorio",
    "not_in_card",
    "indicator_achievement",
    "part_name",
    "po_needs_contraddittorio",
    "top_share",
    "weighted_mean",
    "weighted_score",
]

ONE = Decimal(1)
ZERO = Decimal(0)
_HUNDRED = Decimal(100)
SOURCE_INDICATOR = Citation.of("rules/core.md", "§1")  # an indicator's achievement
SOURCE_AGGREGATION = Citation.of("rules/core.md", "§2")  # objectives, units and the ente from indicators
SOURCE_CARD = Citation.of("rules/core.md", "§3")  # the scheda di valutazione

FORMULAS = {  # an achievement is read as a percentage: its bounds are said as one
    "higher": "consuntivo / target, limitato tra 0% e 100%",
    "project": "percentuale di completamento / target, limitata tra 0% e 100%",
    "lower": "target / consuntivo, limitato tra 0% e 100% (100% se il consuntivo è ≤ 0)",
    "deadline": "100% se completato entro la data target, altrimenti 0% (nessuna data = non completato)",
    "boolean": "100% se il consuntivo coincide con il target (SI/NO), altrimenti 0%",
}


PART_WORDS = {"objective": "obiettivo", "indicator": "indicatore", "unit": "unità", "area": "area", "ente": "ente"}


def part_name(key: str, weight: Decimal | None) -> str:
    """A part of a mean as people read it: «obiettivo OB1 (peso 30)», «indicatore K2 (pesi uguali)» — never the
    figure's key (``indicator:K2``)."""
    kind, _, ident = key.partition(":")
    what = f"{PART_WORDS.get(kind, kind)} {ident}".strip()
    return f"{what} (peso {decimal_it(weight)})" if weight is not None else f"{what} (pesi uguali)"


def clamp01(x: Decimal) -> Decimal:
    return max(ZERO, min(ONE, x))


def indicator_achievement(kind: str, measured: Any, target: Any) -> Decimal:
    """Achievement of one measurement against its target (rules/core.md §1), unrounded."""
    if kind == "deadline":
        if measured is None:
            return ZERO
        return ONE if isinstance(measured, dt.date) and measured <= target else ZERO
    if kind == "boolean":
        return ONE if measured == target else ZERO
    if kind == "higher" or kind == "project":
        return clamp01(Decimal(measured) / Decimal(target))
    if kind == "lower":
        if Decimal(measured) <= 0:
            return ONE
        return clamp01(Decimal(target) / Decimal(measured))
    raise ValueError(f"indicator type {kind!r} is not scored")


def deviation(kind: str, measured: Any, target: Any, achievement: Decimal) -> Decimal:
    """How far a measurement is from its target, never cut at 100% (docs/reports.md: «Scostamento»): consuntivo /
    target − 1 (more is better, a project), target / consuntivo − 1 (less is better), rounded to 4 decimals; 24 on a
    target of 20 is +0.2 while its ``achievement`` is 1. A deadline, a SI/NO, or less is better with a consuntivo ≤ 0
    (no ratio): ``achievement`` − 1."""
    if kind in ("higher", "project") and isinstance(measured, Decimal) and isinstance(target, Decimal) and target:
        return r4(measured / target - ONE)
    if kind == "lower" and isinstance(measured, Decimal) and isinstance(target, Decimal) and measured > 0:
        return r4(target / measured - ONE)
    return r4(achievement - ONE)


def needs_actual(indicator: Indicator) -> bool:
    """A deadline without a date is simply not completed; any other scored type needs a value."""
    return indicator.type != "deadline"


def weighted_mean(parts: Sequence[tuple[str, Decimal, Decimal | None]]) -> Decimal | None:
    """Weighted mean of ``(key, value, weight)``; all weights empty (or all zero) = equal weights.

    Returns the value rounded to 4 decimals (achievements), or None with no parts.
    """
    # One plain loop instead of five generator sums (it is asked for every unit and objective); the same Decimal
    # operations in the same order, so the same digits. Only the sums the answer reads are made: the weighted
    # ones when a weight is given, the plain one when none is (or they add up to zero).
    if not parts:
        return None
    for part in parts:
        if part[2] is not None:
            break
    else:  # every weight empty: equal weights
        return _plain_mean(parts)
    total: Decimal | int = 0  # an int 0 to start, as sum() did
    weighted = ZERO
    for _, v, w in parts:
        w = w or ZERO  # an empty weight counts as 0 beside the given ones
        total += w
        weighted += v * w
    if total == 0:
        return _plain_mean(parts)
    return (weighted / total).quantize(TEN_THOUSANDTH, ROUND_HALF_UP)  # r4 of a Decimal, without its call


def _plain_mean(parts: Sequence[tuple[str, Decimal, Decimal | None]]) -> Decimal:
    plain = ZERO
    for _, v, _w in parts:
        plain += v
    return (plain / len(parts)).quantize(TEN_THOUSANDTH, ROUND_HALF_UP)  # r4 of a Decimal, without its call


def mixed_weights(weights: Iterable[Decimal | None]) -> bool:
    """A group mixing empty and non-empty weights (an error, rules/core.md §2)."""
    ws = list(weights)
    empty = ws.count(None)
    return 0 < empty < len(ws)


def card_score(items: Sequence[EvaluationItem]) -> Decimal | None:
    """``100 × Σ(weight × points/max) / Σ weight``; empty weights in all rows = max_points (§3)."""
    return card_score_and_formula(items)[0]


def card_formula(items: Sequence[EvaluationItem]) -> str:
    if items and items[0].periods:
        return FORMULA_PERIODS
    return FORMULA_UNWEIGHTED if cardscore.unweighted(items) else FORMULA_WEIGHTED


FORMULA_UNWEIGHTED = "100 × Σ punti / Σ punteggi massimi"
FORMULA_WEIGHTED = "100 × Σ(peso × punti / massimo) / Σ pesi"


def card_score_and_formula(items: Sequence[EvaluationItem]) -> tuple[Decimal | None, str]:
    """:func:`card_score` and :func:`card_formula` of a card, looking at its weights once (both are asked for
    every evaluated person). One loop over the items: the same operations in order as the sums."""
    exact, formula = exact_card_score(items)
    return (None if exact is None else exact.quantize(CENT, ROUND_HALF_UP)), formula


def rounding_note(exact: Decimal) -> str:
    """How a card's score came to two decimals, where it has more: «punteggio esatto 82,185: 82,19 arrotondato a due
    decimali» (half up, as every score), so a person who redoes the card finds the number printed; "" otherwise."""
    rounded = exact.quantize(CENT, ROUND_HALF_UP)
    if rounded == exact:
        return ""
    return f"punteggio esatto {fmt_exact(exact)}: {decimal_it(rounded, 2)} arrotondato a due decimali"


def shown(score: Score) -> Decimal | None:
    """The number a person reads as their score: the points of the regulation's own scale where it has one (its
    levels and thresholds are written in them), else the score on 100."""
    return score.points if score.points is not None and score.scale is not None else score.score


def out_of(score: Score) -> str:
    """What :func:`shown` is out of: «su 100», or the regulation's own scale with the score on 100 beside it, the
    figure of the other documents («su 60 (91,67 su 100)»)."""
    if score.points is None or score.scale is None or score.score is None:
        return "su 100"
    return f"su {decimal_it(score.scale)} ({decimal_it(score.score, 2)} su 100)"


def said(score: Score) -> str:
    """A person's score in words: «91,67 su 100», «55,00 su 60 (91,67 su 100)»; «—» without one."""
    number = shown(score)
    return "—" if number is None or score.score is None else f"{decimal_it(number, 2)} {out_of(score)}"


def exact_card_score(items: Sequence[EvaluationItem]) -> tuple[Decimal | None, str]:
    """The card score before its rounding to the cent, and its formula: for a regulation whose thresholds are
    points of the card's own scale (1 point of 3 is 33.333… on 100, exactly 1 point, not 33.33 × 3 / 100). A person
    evaluated by several evaluators in the year: the mean of their cards by the days of each period
    (:func:`periods_score`)."""
    if items and items[0].periods:
        return periods_score(items)
    return _one_card(items)


# The reading of «il punteggio è la media delle valutazioni, in relazione al tempo di lavoro» (a person transferred
# during the year, evaluated by each evaluator for the period of competence): the calendar days of each period weigh
# its card; the days absent are the reductions' own matter, never counted twice here.
PERIODS_RULE = "media delle valutazioni in proporzione ai giorni di ciascun periodo"
FORMULA_PERIODS = f"{PERIODS_RULE}: Σ(punteggio della scheda × giorni) / Σ giorni"


def periods_score(items: Sequence[EvaluationItem]) -> tuple[Decimal | None, str]:
    """``Σ(score × days) / Σ days`` over the cards of each evaluator's period (:func:`core.model.by_evaluator`), each
    card's score as it is shown, to the cent (§3): the scheda prints the mean with those numbers, and a person redoes
    it from them, never from digits no document shows; None when an evaluator's card is missing or scores nothing:
    never a score of one card alone."""
    num = ZERO
    days = 0
    for period, card in by_evaluator(items):
        score = cardscore.shown(card)
        if score is None:
            return None, FORMULA_PERIODS
        num += score * period.days
        days += period.days
    return (num / days if days else None), FORMULA_PERIODS


def evaluator_card(items: Sequence[EvaluationItem]) -> tuple[Decimal | None, str]:
    """One evaluator's card of a person evaluated by several (its items, :func:`core.model.by_evaluator`): its score
    rounded to the cent, as a card's is shown, and its formula."""
    exact, formula = _one_card(items)
    return (None if exact is None else exact.quantize(CENT, ROUND_HALF_UP)), formula


def _one_card(items: Sequence[EvaluationItem]) -> tuple[Decimal | None, str]:
    """One evaluator's card: ``100 × Σ(weight × points/max) / Σ weight`` (empty weights: the maxima)."""
    return cardscore.exact(items), FORMULA_UNWEIGHTED if cardscore.unweighted(items) else FORMULA_WEIGHTED


def card_part(
    person: Person, card: Sequence[EvaluationItem], trace: Trace, source: str = SOURCE_CARD
) -> Decimal | None:
    """The card score recorded as ``card:<id>`` for plugins that combine it with other parts; ``source`` is the card's
    own act where the plugin declares one (the common rules' individual card otherwise)."""
    exact, formula = exact_card_score(card)
    score = None if exact is None else exact.quantize(CENT, ROUND_HALF_UP)
    if exact is not None and score is not None:
        label = f"Scheda di valutazione di {person.name}"
        trace.record(f"card:{person.id}", score, formula, source, CardInputs(card), label, rounding_note(exact))
        # each evaluator's card (recorded by the cycle, before any plugin) cites the act its mean cites
        for period in card[0].periods if card else ():
            own = trace.figures.get(f"card:{person.id}:{period.evaluator}")
            if own is not None and own.source != source:
                trace.figures[own.key] = own._replace(source=source)
    return score


def weighted_score(
    person: Person,
    parts: Iterable[tuple[str, str, Decimal, Decimal]],
    trace: Trace,
    source: str,
    level: str | Callable[[Decimal], str | None] | None = None,
) -> Decimal:
    """``Σ weight × value`` over ``(label, key, value 0–1, weight)`` parts, 2 decimals, recorded.

    ``level`` is noted beside the score: a name, or a function of the score that names it (so a plugin
    need not add the parts up a second time to find the level first)."""
    total = ZERO
    terms = []
    inputs = []
    for label, key, v, w in parts:  # asked for every evaluated person: a Decimal is used as it is, not copied
        total += _decimal(w) * _decimal(v)
        terms.append(f"{w!s} × {label}")  # str(): the same text as format(w, "") for a Decimal, in less time
        inputs.append(Input(label, v, key))
    score = total.quantize(CENT, ROUND_HALF_UP)  # r2: total is a Decimal
    if callable(level):
        level = level(score)
    note = f"livello: {level}" if level else ""
    trace.record(f"score:{person.id}", score, " + ".join(terms), source, inputs, f"Punteggio di {person.name}", note)
    return score


def _decimal(x: Decimal | int | str) -> Decimal:
    return x if type(x) is Decimal else Decimal(x)


def dirigente_score(
    person: Person,
    org: OrgPerformance,
    trace: Trace,
    source: str,
    level_of: Callable[[Decimal], str | None] | None = None,
    part: str = "raggiungimento del cruscotto",
    missing: str = "nessun indicatore misurato nel cruscotto",
) -> Score:
    """A dirigente's (or the Segretario's) score: 100 × the achievement of their cruscotto
    (``org.people``), recorded as ``score:<id>`` with ``source``; ``level_of(score)`` names the level.
    Without a measured cruscotto: ``not_evaluated`` with ``missing`` as the reason."""
    ach = org.people.get(person.id)
    if ach is None:
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"motivo": missing})
    score = weighted_score(person, [(part, f"person:{person.id}", ach, _HUNDRED)], trace, source, level_of)
    level = level_of(score) if level_of is not None else None
    return Score(person=person.id, score=score, level=level, breakdown={"cruscotto": ach})
