"""The selection for the progressioni economiche ([progressioni], format 2): the candidates (``candidati``, else
every scored person of the roles) ranked by ``graduatoria`` (else the score), the first ``posti`` (or ``quota`` of
the staff in service of the roles, rounded down) selected, ties at the cut excluded so the places are never
exceeded. No amount: the list of the selected, recorded with the rule that made it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ciclope.core import Ente, Input, Score, Trace, scoring
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv
from ciclope.plugins.regolamento.compile.evaluate import RunError, run
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Progressions, Regulation
from ciclope.plugins.regolamento.format.wording import joined, sentence


def select(reg: Regulation, ente: Ente, scores: Mapping[str, Score], facts: Facts, trace: Trace) -> dict[str, Any]:
    """The selected and the details the report reads (limit, candidates, selected)."""
    pr = reg.progressions
    assert pr is not None
    staff = [p for p in ente.people.values() if p.role in pr.roles]
    scored = [p for p in staff if (s := scores.get(p.id)) is not None and s.score is not None]
    cohort = Cohort()
    cohort.members = [PersonEnv(facts, p, cohort) for p in scored]
    keyed = []
    for env in cohort.members:
        if pr.candidates is not None and _run(pr.candidates, env) is not True:
            continue
        key = _run(pr.order, env) if pr.order is not None else points_of(reg, scores[env.person.id])
        if isinstance(key, Decimal):
            keyed.append((env.person.id, key))
    limit = pr.places if pr.places is not None else math.floor(Fraction(pr.share or 0) * len(staff))
    candidates = scoring.by_score(keyed)
    selected = scoring.cut_without_ties(candidates, limit)
    trace.record(
        "progression:selected",
        len(selected),
        _words(pr, limit),
        cite(reg, pr.source),
        [Input("personale in servizio", len(staff)), Input("posti", limit), Input("candidati", len(candidates))],
        "Progressioni economiche: selezionati",
        ", ".join(ente.people[pid].name for pid in selected),
    )
    return {"limit": limit, "candidates": [pid for pid, _ in candidates], "selected": selected,
            "staff": len(staff)}  # fmt: skip


def _run(formula: Any, env: PersonEnv) -> object:
    try:
        return run(formula, env)
    except RunError:
        return None


def _words(pr: Progressions, limit: int) -> str:
    who = (
        f"candidati: chi è tale che {sentence(pr.candidates)}" if pr.candidates is not None else "candidati: i valutati"
    )
    order = f"in ordine {joined('di', sentence(pr.order))}" if pr.order is not None else "in ordine di punteggio"
    places = f"{pr.places} posti" if pr.places is not None else f"⌊quota × personale in servizio⌋ = {limit} posti"
    return f"{who}; {order}, dal più alto; {places}, esclusi i pari merito al limite"
