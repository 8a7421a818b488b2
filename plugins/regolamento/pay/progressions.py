"""The selection for the progressioni economiche ([progressioni], format 2): the candidates (``candidati``, else
every scored person of the roles) ranked by ``graduatoria`` (else the score), then, between equals, by each number
of ``a_parita`` in turn; one graduatoria for the ente or one per category (``graduatorie``); in each, the first
``posti`` (or ``quota`` of its staff in service, or of its candidates, rounded down) selected, ties left at the cut
excluded so the places are never exceeded. No amount: the graduatoria, each candidate's place in it recorded with
what it read, and the list of the selected."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ciclope.core import Ente, Input, Problem, Score, Trace, scoring
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Progressions, Regulation
from ciclope.plugins.regolamento.format.wording import joined, sentence
from ciclope.plugins.regolamento.pay.formulas import FAILED, evaluated

Key = tuple[Decimal, ...]  # a candidate's numbers in the graduatoria's order: graduatoria, then each a_parita

SELECTED, BEYOND, TIED = "selezionato", "non selezionato: oltre i posti", "non selezionato: pari merito al limite"


def select(reg: Regulation, ente: Ente, scores: Mapping[str, Score], facts: Facts, trace: Trace) -> dict[str, Any]:
    """The selected and the details the report reads: the staff, the places and the candidates in all, and each
    graduatoria with its candidates in order (id, name, numbers, outcome)."""
    pr = reg.progressions
    assert pr is not None
    staff = [p for p in ente.people.values() if p.role in pr.roles]
    scored = [p for p in staff if (s := scores.get(p.id)) is not None and s.score is not None]
    cohort = Cohort()
    cohort.members = [PersonEnv(facts, p, cohort) for p in scored]
    groups = {p.id: _group(reg, pr, p) for p in staff}  # in people.csv's order: the graduatorie's order
    keyed: dict[str, list[tuple[str, Key]]] = {g: [] for g in groups.values()}
    said: dict[str, tuple[Input, ...]] = {}
    for env in cohort.members:
        found = _candidate(reg, pr, env, scores, trace)
        if found is not None:
            keyed[groups[env.person.id]].append((env.person.id, found[0]))
            said[env.person.id] = found[1]
    rankings: list[dict[str, Any]] = []
    for group, pairs in keyed.items():
        base = len(pairs) if pr.share_of == "candidati" else sum(1 for g in groups.values() if g == group)
        limit = pr.places if pr.places is not None else math.floor(Fraction(pr.share or 0) * base)
        ordered = scoring.by_score(pairs)
        chosen = set(scoring.cut_without_ties(ordered, limit))
        rows = _places(ordered, chosen, limit)
        for row in rows:
            _record_place(reg, pr, ente, row, said[row["person"]], trace)
        rankings.append({"name": group, "base": base, "limit": limit, "ranked": rows})
    selected = [row["person"] for r in rankings for row in r["ranked"] if row["outcome"] == SELECTED]
    candidates = [row["person"] for r in rankings for row in r["ranked"]]
    limit = sum(r["limit"] for r in rankings)
    _record_selected(reg, pr, ente, (len(staff), limit, len(candidates)), selected, trace)
    return {
        "limit": limit,
        "candidates": candidates,
        "selected": selected,
        "staff": len(staff),
        "graduatorie": rankings,
    }


def _group(reg: Regulation, pr: Progressions, person: Any) -> str:
    """The graduatoria of ``person``: the ente's one, or their grade (the grado of [gradi], else the category)."""
    if pr.rankings == "ente":
        return ""
    return grades.grade_of(reg, person) or ("senza grado" if reg.grades is not None else "senza categoria")


def _candidate(
    reg: Regulation, pr: Progressions, env: PersonEnv, scores: Mapping[str, Score], trace: Trace
) -> tuple[Key, tuple[Input, ...]] | None:
    """A candidate's numbers and what they read; None for a person who is not a candidate. A formula that cannot
    be computed for the person is an error naming them: they are left out of the graduatoria, never silently."""
    if pr.candidates is not None:
        admitted = evaluated(pr.candidates, env, _complaint(reg, pr, trace, "chi è candidato", pr.candidates))
        if admitted is not True:
            return None
    key: list[Decimal] = []
    inputs: list[Input] = []
    if pr.order is None:  # the points the thresholds are judged on: the score, or its points on the scale
        points = points_of(reg, scores[env.person.id])
        if points is None:
            return None
        key.append(points)
        inputs.append(Input("punteggio", points, ref=f"score:{env.person.id}"))
    criteria = [("graduatoria", pr.order)] if pr.order is not None else []
    for what, formula in [*criteria, *(("a parità", f) for f in pr.ties)]:
        complain = _complaint(reg, pr, trace, what, formula)
        value = evaluated(formula, env, complain)
        if not isinstance(value, Decimal):
            if value is not FAILED:  # a datum the person does not have: never a silent 0
                complain(f"senza valore per {env.person.name}")
            return None
        key.append(value)
        inputs += [*env.read.values(), Input(f"{what} ({sentence(formula)})", value)]
    return tuple(key), tuple(inputs)


def _complaint(reg: Regulation, pr: Progressions, trace: Trace, what: str, formula: Formula) -> Callable[[str], None]:
    """What says that a formula could not be computed for a candidate (the message names them)."""

    def complain(message: str) -> None:
        text = f"progressioni economiche, {what} ({sentence(formula)}): {message}: resta fuori dalla graduatoria"
        trace.problem(
            Problem(rule="regolamento.formula", source=cite(reg, pr.source), file="regolamento", message=text)
        )

    return complain


def _places(ordered: list[tuple[str, Key]], chosen: set[str], limit: int) -> list[dict[str, Any]]:
    """Each candidate in order: id, place (equals share one: 1, 2, 2, 4), numbers and outcome."""
    rows = []
    place = 0
    for n, (pid, key) in enumerate(ordered, start=1):
        if n == 1 or key != ordered[n - 2][1]:
            place = n
        outcome = SELECTED if pid in chosen else (TIED if place <= limit else BEYOND)
        rows.append({"person": pid, "place": place, "numbers": key, "outcome": outcome})
    return rows


def _record_place(
    reg: Regulation, pr: Progressions, ente: Ente, row: dict[str, Any], inputs: tuple[Input, ...], trace: Trace
) -> None:
    person = ente.people[row["person"]]
    group = _group(reg, pr, person)
    where = f" della categoria «{group}»" if group else ""
    trace.record(
        f"progression:{person.id}",
        row["place"],
        f"posto nella graduatoria{where}: {_order_words(pr)}; i pari merito hanno lo stesso posto",
        cite(reg, pr.source),
        inputs,
        f"Progressioni economiche: posto di {person.name} in graduatoria",
        row["outcome"],
    )


def _record_selected(
    reg: Regulation, pr: Progressions, ente: Ente, counts: tuple[int, int, int], selected: list[str], trace: Trace
) -> None:
    staff, limit, candidates = counts
    trace.record(
        "progression:selected",
        len(selected),
        _words(pr, limit),
        cite(reg, pr.source),
        [Input("personale in servizio", staff), Input("posti", limit), Input("candidati", candidates)],
        "Progressioni economiche: selezionati",
        ", ".join(ente.people[pid].name for pid in selected),
    )


def _order_words(pr: Progressions) -> str:
    order = f"in ordine {joined('di', sentence(pr.order))}" if pr.order is not None else "in ordine di punteggio"
    ties = ", poi ".join(joined("di", sentence(f)) for f in pr.ties)
    return f"{order}, dal più alto" + (f"; a parità, in ordine {ties} (dal più alto)" if ties else "")


def _words(pr: Progressions, limit: int) -> str:
    who = (
        f"candidati: chi è tale che {sentence(pr.candidates)}" if pr.candidates is not None else "candidati: i valutati"
    )
    base = "dei candidati" if pr.share_of == "candidati" else "del personale in servizio"
    places = f"{pr.places} posti" if pr.places is not None else f"⌊quota × numero {base}⌋ = {limit} posti"
    each = " per ciascuna graduatoria di categoria" if pr.rankings == "categoria" else ""
    return f"{who}; {_order_words(pr)}; {places}{each}, esclusi i pari merito al limite"
