"""The rows of the list of appointments (incarichi.csv) no part can pay, each said where it is: a person not in the
people file (an error, as a row of premi.csv), a type no part pays (``incarichi`` of [[premi]]), a person of a role
none of the parts paying that type pays (warnings). Without them such a row was left out in silence, and an office
read a premium smaller than its act without a word. A row whose dates run past the person's service (before the
``assunzione``, after the ``cessazione``) is a warning too: its days are counted within the service, and the office
reads which and why."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Ente, Person, Problem, Row, fmt
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS, PROJECTS
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import PROJECTS_LIST, Part, Regulation
from ciclope.plugins.regolamento.pay.formulas import served, service_cut
from ciclope.plugins.regolamento.pay.shapes import of_kind

RULE = "regolamento.incarichi"


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    parts = [p for p in reg.parts if p.assignments is not None]
    out: list[Problem] = []
    for r in ente.table(ASSIGNMENTS):
        out += _row(reg, parts, r, ente) + _project(reg, parts, r, ente) + _unit(reg, parts, r, ente)
    return out


def _unit(reg: Regulation, parts: list[Part], r: Row, ente: Ente) -> list[Problem]:
    """A row naming a unit the units' sheet does not have: an error at its cell, with the nearest code (the
    appointment is paid all the same: the unit only names the post it holds)."""
    code = r.get("unit")
    if not code or str(code) in ente.units:
        return []
    source = cite(reg, parts[0].source) if parts else cite(reg, "incarichi")
    message = (
        f"l'unità {fmt.quoted(str(code))} non è in {ente.sheet_said('units')}{nearest(str(code), list(ente.units))}"
    )
    return [_at(ente, r, "unit", message, source, "error")]


def _project(reg: Regulation, parts: list[Part], r: Row, ente: Ente) -> list[Problem]:
    """A row naming a project the sheet of the projects does not have (``elenco = "progetti"``): an error at its cell,
    with the nearest code; the row is not paid (its amount cannot read the project's data)."""
    code = r.get("project")
    if not code or not any(c.table == PROJECTS_LIST for c in reg.columns):
        return []
    codes = [str(p.get("id")) for p in ente.table(PROJECTS) if p.get("id")]
    if str(code) in codes:
        return []
    source = cite(reg, parts[0].source) if parts else cite(reg, "incarichi")
    message = (
        f"il progetto {fmt.quoted(str(code))} non è in {ente.sheet_said(PROJECTS)}{nearest(str(code), codes)}: "
        "l'incarico non è pagato"
    )
    return [_at(ente, r, "project", message, source, "error")]


def _row(reg: Regulation, parts: list[Part], r: Row, ente: Ente) -> list[Problem]:
    person, kind = str(r.get("person") or ""), str(r.get("kind") or "")
    source = cite(reg, parts[0].source) if parts else cite(reg, "incarichi")
    if person and person not in ente.people:
        hint = nearest(person, list(ente.people))
        message = f"la persona {fmt.quoted(person)} non è in {ente.sheet_said('people')}{hint}: l'incarico non è pagato"
        return [_at(ente, r, "person", message, source, "error")]
    paying = [p for p in parts if of_kind(kind, p.assignments or "")]
    if kind and not paying:
        kinds = list(dict.fromkeys(p.assignments or "" for p in parts))
        said = f"tipi delle parti: {', '.join(map(fmt.quoted, kinds))}" if kinds else "nessuna parte paga per incarico"
        message = (
            f"nessuna parte del regolamento paga incarichi di tipo {fmt.quoted(kind)}{nearest(kind, kinds)} "
            f"({said}): la riga non è letta"
        )
        return [_at(ente, r, "kind", message, source, "warning")]
    roles = list(dict.fromkeys(role for p in paying for role in p.roles))
    if person and paying and ente.people[person].role not in roles:
        who = ente.people[person].name
        message = (
            f"{who} non ha un ruolo delle parti che pagano l'incarico {fmt.quoted(kind)} (ruoli: {', '.join(roles)}): "
            "la riga non è letta"
        )
        return [_at(ente, r, "person", message, source, "warning")]
    if person and paying:
        return _past_service(ente, r, source)
    return []


def _past_service(ente: Ente, r: Row, source: str) -> list[Problem]:
    """The row's dates written outside the person's service, each a warning of its column, where that changes the
    days counted in the year (those in service: :func:`served`); the file is read as written."""
    person = ente.people[str(r.get("person"))]
    start, end = r.get("start"), r.get("end")
    counted = served(ente.year, person, start, end)
    cut = service_cut(ente.year, counted, start, end)  # none for a row with no day in the year: nothing to count
    days = max(0, (counted[1] - counted[0]).days + 1)
    counts = (
        f"sono contati i giorni dal {fmt.date_it(counted[0])} al {fmt.date_it(counted[1])} ({days} nell'anno)"
        if days
        else "nessun giorno dell'incarico è di servizio nell'anno: l'incarico non è pagato"
    )
    found = []
    if isinstance(start, dt.date) and "assunzione" in cut:
        said = f"l'incarico inizia il {fmt.date_it(start)} (colonna {ente.column_shown(ASSIGNMENTS, 'start')})"
        service = f"prima dell'assunzione di {person.name} il {fmt.date_it(counted[0])}"
        found.append(("start", f"{said}, {service} ({_cell(ente, person, 'assunzione')})"))
    if isinstance(end, dt.date) and "cessazione" in cut:
        said = f"l'incarico finisce il {fmt.date_it(end)} (colonna {ente.column_shown(ASSIGNMENTS, 'end')})"
        service = f"dopo la cessazione dal servizio di {person.name} il {fmt.date_it(counted[1])}"
        found.append(("end", f"{said}, {service} ({_cell(ente, person, 'cessazione')})"))
    return [_at(ente, r, column, f"{message}: {counts}", source, "warning") for column, message in found]


def _cell(ente: Ente, person: Person, column: str) -> str:
    """Where people.csv writes a date of the person's service, as a message says it."""
    return ente.cell_said("people", person.row, column)


def _at(ente: Ente, r: Row, column: str, message: str, source: str, severity: str) -> Problem:
    return Problem(
        rule=RULE,
        severity=severity,
        source=source,
        file=ente.file_of(ASSIGNMENTS),
        row=r.row,
        column=ente.column_shown(ASSIGNMENTS, column),
        message=message,
    )
