"""Whether a part of [[premi]] reads each person's evaluation: what the workbook's sheet of the premiums says beside
its amounts, the person's outcome and level, or «senza valutazione individuale». A property of the part as the
regulation writes it, the same for every person it pays: never what one person's figure happened to read (a formula
«=SE(categoria = "D"; 125; SE(punteggio < 70; 0; 100))» reads no score for a «D», an exclusion under 70 points
records a figure only for whom it excludes), else one part's rows would say both.

A part reads the evaluation when it is evaluated (not ``valutazione = false``) and its method ranks, bands or pays by
a score or a level; or its method's weight is the score (``proporzionale`` without ``peso``); or any formula of the
part (``peso``, ``importo``, ``massimo_persona``, ``ammesso``…) reads the score, the scheda or the level, by name, by
a function of theirs, through a definition, or through ``PREMIO`` or ``FASCIA`` of a part that reads it; or an
exclusion that applies to the part reads them (``punteggio_minimo``, a condition on the score: under the minimum,
nothing from this part either)."""

from __future__ import annotations

from collections.abc import Mapping

from ciclope.plugins.regolamento.format.expr import Call, Formula, Text, formulas, nodes
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.quantities import SCORED_FUNCTIONS, SCORED_NAMES
from ciclope.plugins.regolamento.format.spec import Exclusion, Part, Regulation

EVALUATION = frozenset((*SCORED_NAMES, *SCORED_FUNCTIONS))
OF_A_PART = ("PREMIO", "FASCIA")  # the functions that read an earlier part's premium or band for the person


def parts_read(reg: Regulation) -> dict[str, bool]:
    """Each part's name → whether it reads each person's evaluation, in the order the regulation writes them."""
    by_name = {p.name: p for p in reg.parts}
    return {p.name: _reads(reg, p, by_name, frozenset()) for p in reg.parts}


def _reads(reg: Regulation, part: Part, by_name: Mapping[str, Part], seen: frozenset[str]) -> bool:
    if not part.evaluation:
        return False
    if not METHODS[part.method].unscored or (part.method == "proporzionale" and part.weight is None):
        return True
    seen = seen | {part.name}
    for formula in formulas(part):
        if formula.uses & EVALUATION:
            return True
        others = (by_name[n] for n in _parts_named(formula) if n in by_name and n not in seen)
        if any(_reads(reg, other, by_name, seen) for other in others):
            return True
    return any(_excludes_by_evaluation(ex) for ex in reg.exclusions if _applies(ex, part))


def _parts_named(formula: Formula) -> list[str]:
    """The parts whose premium or band the formula reads («PREMIO("produttività")»)."""
    calls = (n for n in nodes(formula.tree) if isinstance(n, Call) and n.fn in OF_A_PART and n.args)
    return [c.args[0].value for c in calls if isinstance(c.args[0], Text)]


def _applies(ex: Exclusion, part: Part) -> bool:
    return (not ex.parts or part.name in ex.parts) and bool(set(ex.roles) & set(part.roles))


def _excludes_by_evaluation(ex: Exclusion) -> bool:
    if ex.condition is not None:
        return bool(ex.condition.uses & EVALUATION)
    return ex.rule == "punteggio_minimo"
