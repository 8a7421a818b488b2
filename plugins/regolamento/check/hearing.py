"""A negative evaluation is not final without the contraddittorio with the person (rules/core.md §5): where an
[[esclusioni]] of «punteggio_minimo» says so (``contraddittorio = true``), everyone of its roles scored below its
minimum needs a ``contraddittorio`` row in ricorsi.csv, else an error, as [risultato_po] asks of the PO/EQ it pays.
A dirigenti's result pay written as parts of [[premi]] («solo a seguito di una valutazione positiva») keeps the
check it would have under [risultato_po]. One error per person, under the first such rule that reaches them."""

from __future__ import annotations

from collections.abc import Mapping

from ciclope.core import Ente, Problem, Score, scoring
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.pay.eligibility import unheard

RULE = "regolamento.contraddittorio"


def problems(reg: Regulation, ente: Ente, scores: Mapping[str, Score]) -> list[Problem]:
    out: list[Problem] = []
    said: set[str] = set()
    for ex in reg.exclusions:
        if not ex.hearing or ex.min is None:
            continue
        for person in ente.people.values():
            points = points_of(reg, scores.get(person.id))
            if person.role not in ex.roles or person.id in said or points is None or points >= ex.min:
                continue
            said.add(person.id)
            if scoring.has_contraddittorio(ente, person.id):
                continue
            message = unheard(ente, person.name, points, ex.min)
            out.append(Problem.at(ente, RULE, message, cite(reg, ex.source), "appeals"))
    return out
