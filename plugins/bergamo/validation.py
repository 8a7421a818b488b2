"""Phase a: checks of the plan and of the people — who evaluates whom (000… art. 28.4, 44–45), the group sheets."""

from __future__ import annotations

from ciclope.core import (
    Ente,
    Params,
    Person,
    Problem,
    hookimpl,
)

from .common import LOWER_NAMES, PLAN, REG, ROLE_RANK, servizio_of


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    out = []
    for ind in ente.indicators.values():
        if ind.type == "higher" and LOWER_NAMES.match(ind.name or ""):
            out.append(
                Problem.at(
                    ente,
                    "bergamo.indicator.direction",
                    f"indicatore {ind.id} «{ind.name}»: tempi e costi sono «meno è meglio», qui è indicato «più è meglio»",
                    f"{PLAN} §3.2; rules/bergamo.md §1",
                    "indicators",
                    ind.row,
                    "type",
                    severity="warning",
                )
            )
    out += group_sheet_refs(ente)
    out += evaluators(ente)
    for p in ente.people.values():
        if p.is_po and p.category not in (None, "D"):
            out.append(
                Problem.at(
                    ente,
                    "bergamo.po.category",
                    f"{p.id} è titolare di posizione organizzativa ma non è di categoria D ({p.category})",
                    f"{REG} art. 26.2",
                    "people",
                    p.row,
                    "category",
                    severity="warning",
                )
            )
        if p.is_po and p.fte < 1:
            out.append(
                Problem.at(
                    ente,
                    "bergamo.po.part_time",
                    f"{p.id} è titolare di posizione organizzativa ma non lavora a tempo pieno (fte {p.fte}): "
                    "l'incarico richiede il tempo pieno",
                    f"{REG} art. 26.2",
                    "people",
                    p.row,
                    "fte",
                    severity="warning",
                )
            )
    return out


def evaluators(ente: Ente) -> list[Problem]:
    """Who evaluates whom (000… art. 43–45, 28.4): the Segretario Generale the dirigenti, the dirigente the PO
    and the staff — always someone above. An evaluation by a peer (same role or below) is an error on every
    row that has it; one by oneself is the core's error on any row (rules/core.md §3)."""
    out = []
    people = ente.people
    for pid, items in ente.cards_view().items():
        person = people.get(pid)
        if person is None:
            continue
        rank = ROLE_RANK.get(person.role, 0)
        asked: set[str] = set()  # whether an evaluator is a peer depends on the two people only: asked once
        for item in items:
            who = item.evaluator
            if not who or who == pid or who in asked:
                continue
            asked.add(who)
            ev = people.get(who)
            if ev is not None and ROLE_RANK.get(ev.role, 0) <= rank:
                out.append(peer_problem(ente, person, ev, item.row))
    return out


def peer_problem(ente: Ente, person: Person, ev: Person, row: int) -> Problem:
    return Problem.at(
        ente,
        "bergamo.evaluation.evaluator",
        f"la scheda di {person.id} ({person.role}) è compilata da un pari grado ({ev.id}, {ev.role}): valuta "
        "il superiore (il dirigente per PO e personale, il Segretario Generale per i dirigenti)",
        f"{REG} art. 28.4, 44–45",
        "evaluations",
        row,
        "evaluator",
    )


def group_sheet_refs(ente: Ente) -> list[Problem]:
    """002… §3.3: group sheets draw on the Servizio's cruscotto: a ref in a person's sheet that is neither in
    the cruscotto of that person's Servizio nor among the person's own individual objectives is a warning."""
    out = []
    for pid in dict.fromkeys(a.owner for a in ente.assignments):  # each sheet's owner, in file order
        person = ente.people.get(pid)
        if person is None or person.is_dirigente:  # a dirigente's or the SG's sheet is their own cruscotto
            continue
        servizio = servizio_of(ente, person)
        allowed = {a.ref for a in ente.assignments_of(servizio.id)} if servizio is not None else set()
        allowed |= {o.id for o in ente.owned_by(pid) if o.kind == "individual"}
        for a in ente.assignments_of(pid):
            if a.ref not in allowed:
                out.append(
                    Problem.at(
                        ente,
                        "bergamo.group_sheet.ref",
                        f"scheda {a.cruscotto} di {pid}: {a.ref} non è nel cruscotto del suo Servizio "
                        f"({servizio.id if servizio is not None else 'nessun Servizio'}) né tra i suoi "
                        "obiettivi individuali: le schede individuali/di gruppo attingono al cruscotto del "
                        "Servizio",
                        f"{PLAN} §3.3",
                        "assignments",
                        a.row,
                        "ref",
                        severity="warning",
                    )
                )
    return out
