"""A PO / EQ who receives or leaves the incarico within the year (``inizio_incarico``, ``fine_incarico``, or the dates
of their position with [posizioni]) is an employee for the other days of their service: a personnel office pays
those days as the employees' (the produttività), and the incarico's days with the position and result pay, which
absorb every other accessory pay (CCNL Funzioni Locali 21.5.2018 art. 15 c. 1; 16.11.2022 art. 17 c. 1).

Two warnings, never a changed amount, since ciclope cannot know what the regulation meant:

- :func:`unpaid`: a part pays the employees but no part pays the PO / EQ, so the days outside the incarico are paid
  by nobody, and nothing said so;
- :func:`twice`: a part pays the employees and the PO / EQ too without any of its formulas reading
  ``giorni_incarico``, while [risultato_po] pays the same person: the incarico's days are paid twice (a part paid
  per row of incarichi.csv, a project, pays the row's days instead, not the whole service)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ciclope.core import Ente, Person, Problem, fmt, provisions
from ciclope.plugins.regolamento.compile.incarico import PO, TERM_END, TERM_START, Incarico, incarico_of
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.expr import formulas
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation
from ciclope.plugins.regolamento.pay import interim

UNPAID, TWICE = "regolamento.eq_giorni_non_pagati", "regolamento.eq_giorni_due_volte"
STAFF = "dipendente"
DAYS_NAME = "giorni_incarico"  # the formulas' name of the incarico's days
ABSORBS = "eq_assorbe"  # the contract's row: the position and result pay absorb every other accessory pay


def unpaid(reg: Regulation, ente: Ente) -> list[Problem]:
    """One warning per PO / EQ whose incarico covers part of their service, where a part pays the employees and
    none pays a PO / EQ: the days outside the incarico go unpaid."""
    staff = [pr for pr in reg.premiums if STAFF in pr.roles]
    if not staff or any(PO in pr.roles for pr in reg.premiums):
        return []
    out = []
    for person, term in partial_terms(reg, ente):
        left = term.service - term.days
        message = (
            f"{person.name} ({person.id}): {incarico_words(reg, ente, term)}: i {left} giorni {outside(term)}, da "
            f"dipendente, nessuna parte li paga ({parts_said(staff)} i dipendenti); se il regolamento li paga, "
            f'scrivi ruoli = ["{STAFF}", "{PO}"] e un peso che legge {DAYS_NAME}'
        )
        out.append(warning(ente, UNPAID, message, cite(reg, staff[0].source), person, term))
    return out


def twice(reg: Regulation, ente: Ente) -> list[Problem]:
    """One warning per PO / EQ with an incarico in the year whom a part of the employees pays without reading
    ``giorni_incarico``, while [risultato_po] pays them: the incarico's days paid twice."""
    result_roles = {role for rp in reg.result_pays for role in rp.roles}
    if PO not in result_roles:
        return []
    both = [pr for pr in reg.premiums if STAFF in pr.roles and PO in pr.roles and not per_row(pr)]
    blind = [pr for pr in both if not reads_days(pr)]
    if not blind:
        return []
    # the article is Funzioni Locali's: another comparto's regulation is cited alone, never by a contract not its own
    law = absorbs(ente.year) if reg.act.comparto == grades.AREE_COMPARTO else None
    source = f"{cite(reg, blind[0].source)}; {law.citation}" if law is not None else cite(reg, blind[0].source)
    out = []
    for person in ente.people.values():
        term = incarico_of(person, ente, reg.positions is not None)
        if person.role != PO or term.days <= 0:
            continue
        message = (
            f"{person.name} ({person.id}): {incarico_words(reg, ente, term)}: {parts_said(blind)} anche le "
            f"{po_word(reg, ente.year)} per tutto il servizio e la retribuzione di risultato paga i {term.days} giorni "
            "dell'incarico: quei giorni sono pagati due volte (la retribuzione di posizione e di risultato assorbe "
            "il resto del salario accessorio); se la parte paga solo i giorni da dipendente, moltiplica il suo peso "
            f"per (giorni_servizio - {DAYS_NAME}) / giorni_servizio (se li toglie già con un'altra colonna, scrivi "
            f"{DAYS_NAME} al suo posto)"
        )
        out.append(warning(ente, TWICE, message, source, person, term))
    return out


def partial_terms(reg: Regulation, ente: Ente) -> list[tuple[Person, Incarico]]:
    """The PO / EQ whose incarico covers some days of their service in the year, not all of them."""
    weighted = reg.positions is not None
    found = [(p, incarico_of(p, ente, weighted)) for p in ente.people.values() if p.role == PO]
    return [(p, term) for p, term in found if term.partial]


def per_row(pr: Premium) -> bool:
    """Whether the part pays per row of incarichi.csv (a project, a reggenza): the row's own days, never the whole
    service, so it pays the incarico's days only where a row overlaps them."""
    return isinstance(pr, Part) and pr.assignments is not None


def reads_days(pr: Premium) -> bool:
    return any(DAYS_NAME in f.uses for f in formulas(pr))


def parts_said(parts: Sequence[Premium]) -> str:
    """«la parte «produttività» paga», «le parti «a» e «b» pagano», «il premio paga» ([premio] alone)."""
    names = [getattr(pr, "name", "") for pr in parts]
    if not all(names):
        return "il premio paga"
    if len(names) == 1:
        return f"la parte «{names[0]}» paga"
    return f"le parti {fmt.listed(f'«{n}»' for n in names)} pagano"


def incarico_words(reg: Regulation, ente: Ente, term: Incarico) -> str:
    """«incarico di EQ fino al 30/09/2025», «… dal 01/05/2025», «… dal 01/03/2025 al 30/09/2025»; the days alone
    where no date cuts the service («incarico di EQ per tutto il servizio nell'anno»)."""
    said = f"incarico di {po_word(reg, ente.year)}"
    if term.start is not None and term.end is not None:
        return f"{said} dal {fmt.date_it(term.start)} al {fmt.date_it(term.end)}"
    if term.start is not None:
        return f"{said} dal {fmt.date_it(term.start)}"
    if term.end is not None:
        return f"{said} fino al {fmt.date_it(term.end)}"
    return f"{said} per tutto il servizio nell'anno"


def outside(term: Incarico) -> str:
    """Where the days outside the incarico lie: before its start, after its end, or both."""
    if term.start is not None and term.end is not None:
        return "prima e dopo"
    return "prima" if term.start is not None else "dopo"


def po_word(reg: Regulation, year: int) -> str:
    """The role as the ente's contract names it in ``year``: «EQ» in Funzioni Locali from 2024, «PO / EQ» else."""
    return "EQ" if reg.act.comparto == grades.AREE_COMPARTO and year > grades.AREE_SINCE else "PO / EQ"


def absorbs(year: int) -> provisions.Provision | None:
    """The contract's article by which the position and result pay absorb the other accessory pay, in ``year``."""
    return provisions.in_force(interim.contract(), ABSORBS, year)


def warning(ente: Ente, rule: str, message: str, source: str, person: Person, term: Incarico) -> Problem:
    """The warning at the cell of the date of the incarico in people.csv, else at the person's row."""
    column = next((c for c in (TERM_END, TERM_START) if isinstance(person.extra.get(c), dt.date)), "")
    return Problem.at(ente, rule, message, source, "people", person.row, column, severity="warning")
