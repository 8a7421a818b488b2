"""The rows of the list of appointments (incarichi.csv) no part can pay, each said where it is: a person not in the
people file (an error, as a row of premi.csv), a type no part pays (``incarichi`` of [[premi]]), a person of a role
none of the parts paying that type pays (warnings). Without them such a row was left out in silence, and an office
read a premium smaller than its act without a word."""

from __future__ import annotations

from ciclope.core import Ente, Problem, Row, fmt
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay.shapes import of_kind

RULE = "regolamento.incarichi"


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    parts = [p for p in reg.parts if p.assignments is not None]
    out: list[Problem] = []
    for r in ente.table(ASSIGNMENTS):
        out += _row(reg, parts, r, ente)
    return out


def _row(reg: Regulation, parts: list[Part], r: Row, ente: Ente) -> list[Problem]:
    person, kind = str(r.get("person") or ""), str(r.get("kind") or "")
    source = cite(reg, parts[0].source) if parts else cite(reg, "incarichi")
    if person and person not in ente.people:
        hint = nearest(person, list(ente.people))
        message = f"la persona {fmt.quoted(person)} non è in {ente.file_said('people')}{hint}: l'incarico non è pagato"
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
    return []


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
