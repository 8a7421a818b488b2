"""The regulation's own checks on the data ([[controlli]], format 2): «un solo valutatore per graduatoria», «ogni
valutatore differenzia almeno due livelli». A condition is computed for every scored person of the check's roles;
with ``per = "valutatore"`` or ``"graduatoria"`` the ``.GRUPPO`` functions read the people of the same evaluator or
the same graduatoria of the premium. Where it does not hold, one problem per person (or per group) with the file's
message, its severity and its source. A condition that reads what the parts paid (``PREMIO``, ``FASCIA``) is checked
with the facts of the paid premium, once its parts are paid; the others on the scores, before any money."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ciclope.core import Ente, EvaluationItem, OrgPerformance, Person, Problem, Score
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv
from ciclope.plugins.regolamento.compile.evaluate import RunError, run
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Check, Regulation
from ciclope.plugins.regolamento.pay import rankings
from ciclope.plugins.regolamento.score import ladders

SEVERITY = {"errore": "error", "avviso": "warning"}


def problems(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    cards: Mapping[str, Sequence[EvaluationItem]],
    org: OrgPerformance,
    paid: Facts | None = None,
) -> list[Problem]:
    """The checks on the data, or with ``paid`` (the facts of the paid parts) those on what the parts paid."""
    facts = paid if paid is not None else Facts(reg, ente, org, scores, cards, ladders.named(reg))
    out: list[Problem] = []
    for check in (c for c in reg.checks if c.on_premium == (paid is not None)):
        people = [p for p in ente.people.values() if p.role in check.roles and _scored(scores.get(p.id))]
        cohort = Cohort(groups={p.id: _group(reg, check, p, ente) for p in people})
        cohort.members = [PersonEnv(facts, p, cohort) for p in people]
        failed: dict[str, list[str]] = {}
        for env in cohort.members:
            try:
                held = run(check.condition, env) is True
            except RunError as exc:
                out.append(_problem(reg, check, f"{check.message}: {exc}"))
                break
            if not held:
                failed.setdefault(cohort.groups[env.person.id], []).append(env.person.name)
        out += [_problem(reg, check, _said(check, group, names)) for group, names in failed.items()]
    return out


def _scored(score: Score | None) -> bool:
    return score is not None and score.score is not None


def _group(reg: Regulation, check: Check, person: Person, ente: Ente) -> str:
    if check.per == "valutatore":
        return person.evaluator or ""
    if check.per == "graduatoria":
        first = next((p for p in reg.parts if not METHODS[p.method].chosen), None)
        return rankings.group_of(reg, first, person, ente) if first is not None else ""
    return ""


def _said(check: Check, group: str, names: list[str]) -> str:
    who = {"valutatore": f"valutatore {group}", "graduatoria": f"graduatoria «{group}»"}.get(check.per)
    if who is not None:
        return f"{check.message} ({who})"
    shown = ", ".join(names[:10]) + (f" e altri {len(names) - 10}" if len(names) > 10 else "")
    return f"{check.message}: {shown}"


def _problem(reg: Regulation, check: Check, message: str) -> Problem:
    return Problem(
        rule="regolamento.controllo",
        severity=SEVERITY[check.severity],
        source=cite(reg, check.source),
        file="regolamento",
        message=message,
    )
