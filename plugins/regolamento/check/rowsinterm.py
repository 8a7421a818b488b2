"""A row of incarichi.csv (a project) of a PO / EQ whose days fall within their incarico of PO / EQ: the part that
pays the row pays those days beside the position and result pay, which absorb every other accessory pay (CCNL
Funzioni Locali 21.5.2018 art. 15 c. 1; 16.11.2022 art. 17 c. 1). An EQ who was in a project until the day before
her incarico, with the row's ``al`` left empty, took the project's share of the whole year from her colleagues.

A warning at the row's date, never a changed amount: ciclope cannot know whether the regulation meant it."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Ente, Person, Problem, Row, fmt
from ciclope.plugins.regolamento.check.eqdays import STAFF, absorbs, incarico_words, parts_said, po_word
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS
from ciclope.plugins.regolamento.compile.incarico import PO, incarico_of, service_span, terms
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay.formulas import appointment_said, served
from ciclope.plugins.regolamento.pay.shapes import of_kind

RULE = "regolamento.incarico_durante_eq"


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    """One warning per row of a PO / EQ, of a part paying the employees and the PO / EQ per row, whose days meet the
    days of their incarico of PO / EQ."""
    parts = [p for p in reg.parts if p.assignments is not None and STAFF in p.roles and PO in p.roles]
    out: list[Problem] = []
    for r in ente.table(ASSIGNMENTS) if parts else []:
        person = ente.people.get(str(r.get("person") or ""))
        paying = [p for p in parts if of_kind(r.get("kind"), p.assignments or "")]
        if person is None or person.role != PO or not paying:
            continue
        met = overlap(ente, person, r, reg.positions is not None)
        if met:
            out.append(_warning(reg, ente, person, r, paying, met))
    return out


def overlap(ente: Ente, person: Person, r: Row, weighted: bool) -> list[dt.date]:
    """The days of the row, within the service, that are days of the person's incarico of PO / EQ (all the service
    for a PO / EQ without dates), in order."""
    first, last = served(ente.year, person, r.get("start"), r.get("end"))
    begin, finish = service_span(person, ente.year)
    held: set[dt.date] = set()
    for start, stop in terms(person, ente, weighted):
        lo, hi = max(first, start or begin), min(last, stop or finish)
        held.update(lo + dt.timedelta(n) for n in range((hi - lo).days + 1))
    return sorted(held)


def _warning(reg: Regulation, ente: Ente, person: Person, r: Row, paying: list[Part], met: list[dt.date]) -> Problem:
    term = incarico_of(person, ente, reg.positions is not None)
    law = absorbs(ente.year) if reg.act.comparto == grades.AREE_COMPARTO else None
    source = cite(reg, paying[0].source) + (f"; {law.citation}" if law is not None else "")
    days = f"dal {fmt.date_it(met[0])} al {fmt.date_it(met[-1])}" if len(met) > 1 else f"il {fmt.date_it(met[0])}"
    said = "1 giorno" if len(met) == 1 else f"{len(met)} giorni"
    message = (
        f"{person.name} ({person.id}): {appointment_said(ente, r)}: {said} ({days}) sono nell'"
        f"{incarico_words(reg, ente, term)}, e {parts_said(paying)} anche le {po_word(reg, ente.year)}: in quei "
        "giorni la retribuzione di posizione e di risultato assorbe il resto del salario accessorio; se in quei "
        "giorni non era nel progetto, correggi la data della riga"
    )
    # the date that runs into the incarico: the end where the row begins before it, else the start
    column = "end" if first_day(ente, person, r) < met[0] else "start"
    return Problem(
        rule=RULE,
        severity="warning",
        source=source,
        file=ente.file_of(ASSIGNMENTS),
        row=r.row,
        column=ente.column_shown(ASSIGNMENTS, column),
        message=message,
    )


def first_day(ente: Ente, person: Person, r: Row) -> dt.date:
    return served(ente.year, person, r.get("start"), r.get("end"))[0]
