"""The regulation's own checks on the data ([[controlli]], format 2): «un solo valutatore per graduatoria», «ogni
valutatore differenzia almeno due livelli», «il fondo non supera il 20% dei ricavi». A condition is computed for every
scored person of the check's roles; with ``per = "valutatore"`` or ``"graduatoria"`` the ``.GRUPPO`` functions read the
people of the same evaluator or the same graduatoria of the premium; with ``per = "ente"`` it is computed once, over
those people (the reader let it read them only inside functions over them). Where it does not hold, one problem per
person (or per group, or for the ente, with the values it read) with the file's message, its severity and its source.

Each check is made at its stage (:attr:`Check.stage`): on the evaluations; once the year's funds are constituted, if
it reads one (``FONDO``); once the parts are paid, if it reads what they paid (``PREMIO``, ``FASCIA``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import Ente, EvaluationItem, OrgPerformance, Person, Problem, Score, fmt
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv
from ciclope.plugins.regolamento.compile.evaluate import RunError, run
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite, written
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
    facts: Facts | None = None,
    stage: str = "dati",
) -> list[Problem]:
    """The checks of ``stage``: ``dati`` on the scores; ``fondi`` and ``premio`` with ``facts`` (the funds of the year
    and, once paid, what the parts paid)."""
    facts = facts if facts is not None else Facts(reg, ente, org, scores, cards, ladders.named(reg))
    out: list[Problem] = []
    for check in (c for c in reg.checks if c.stage == stage):
        people = [p for p in ente.people.values() if p.role in check.roles and _scored(scores.get(p.id))]
        cohort = Cohort(groups={p.id: _group(reg, check, p, ente) for p in people})
        cohort.members = [PersonEnv(facts, p, cohort) for p in people]
        out += _on_ente(reg, check, cohort, facts) if check.per == "ente" else _on_each(reg, check, cohort)
    return out


def _on_each(reg: Regulation, check: Check, cohort: Cohort) -> list[Problem]:
    """The condition for each person: one problem per group where it does not hold, naming who fails it."""
    failed: dict[str, list[str]] = {}
    for env in cohort.members:
        try:
            held = run(check.condition, env) is True
        except RunError as exc:
            return [_problem(reg, check, f"{check.message}: {exc}", **written(check.condition))]
        if not held:
            failed.setdefault(cohort.groups[env.person.id], []).append(_who(check, env))
    return [_problem(reg, check, _said(check, group, names)) for group, names in failed.items()]


def _who(check: Check, env: PersonEnv) -> str:
    """A person the condition does not hold for, with what it read of them when checked one by one: «Fabio Blu (il
    punteggio su 25 = 9)», the number to look at in the data. A group's check names the group only."""
    if check.per in ("valutatore", "graduatoria"):
        return env.person.name
    said = [f"{i.name} = {_shown(i.value)}" for key, i in env.read.items() if not _unit_cell(key)]
    return f"{env.person.name} ({'; '.join(said)})" if said else env.person.name


def _on_ente(reg: Regulation, check: Check, cohort: Cohort, facts: Facts) -> list[Problem]:
    """The condition once for the ente: where it does not hold, the message with the values it read, so the office
    sees the numbers it failed on (the fund and its ceiling). With nobody evaluated its functions over people read
    nobody, and the condition is still checked on the rest (a fund, the units' data)."""
    env = cohort.outside()
    if env is None:
        anyone = next(iter(facts.ente.people.values()), None)
        if anyone is None:
            return []
        env = PersonEnv(facts, anyone, cohort)
    try:
        held = run(check.condition, env) is True
    except RunError as exc:
        return [_problem(reg, check, f"{check.message}: {exc}", **written(check.condition))]
    if held:
        return []
    # a unit's cell is in the sum over the units read with it (SOMMA.UNITA): the sum is said, not every cell
    said = [f"{i.name} = {_shown(i.value)}" for key, i in env.read.items() if not _unit_cell(key)]
    return [_problem(reg, check, f"{check.message} ({'; '.join(said)})" if said else check.message)]


def _unit_cell(key: str) -> bool:
    """Whether ``key`` of what a formula read is one unit's cell of a sum over the units (``unità:<unit>:<column>``;
    the sum itself is ``unità:<column>``)."""
    return key.startswith("unità:") and key.count(":") == 2


def _shown(value: object) -> str:
    """A value a condition read, as a message says it: an amount in euro, a percentage as one, a number in Italian."""
    if isinstance(value, fmt.Money):
        return fmt.euro(value)
    if isinstance(value, fmt.Percent):
        return fmt.pct(value)
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, Decimal):
        return fmt.decimal_it(value)
    return fmt.quoted(value) if isinstance(value, str) else str(value)


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
    shown = "; ".join(names[:10]) + (f" e altri {len(names) - 10}" if len(names) > 10 else "")
    return f"{check.message}: {shown}"


def _problem(reg: Regulation, check: Check, message: str, **where: Any) -> Problem:
    """A check that does not hold (the data are what to fix: the regulation is named), or whose condition cannot be
    computed (``where``: the condition's key)."""
    return Problem(
        rule="regolamento.controllo",
        severity=SEVERITY[check.severity],
        source=cite(reg, check.source),
        message=message,
        **(where or {"file": "regolamento"}),
    )
