"""The empty cells of people.csv that stop a formula read on one person's data (an exclusion, a reduction): each is
an error at its cell, said once whichever rules read it and however many parts ask them, so that the office reads
one line per cell to fill in, where it is, and every empty cell of the person at once (the formula stops at the
first it meets). What only follows from them (a part that then pays nobody) is no problem of its own: :func:`among`
tells the warnings so."""

from __future__ import annotations

from collections.abc import Iterable

from ciclope.core import Ente, Person, Problem, Trace
from ciclope.plugins.regolamento.compile.env import what_to_write
from ciclope.plugins.regolamento.format import rowcolumns
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import written
from ciclope.plugins.regolamento.format.spec import Column, Regulation

RULE = "regolamento.cella_vuota"
SUSPENDED = "il premio resta sospeso finché non è scritta"


def empty(reg: Regulation, ente: Ente, person: Person, formula: Formula) -> list[Column]:
    """The declared columns of people.csv the formula reads (through its definitions too) that are empty for the
    person, in the order the regulation declares them; a column the file does not have at all is said once by the
    validation, never here."""
    header = ente.headers.get("people", ())
    return [
        c
        for c in reg.columns
        if c.table == "persone" and c.name in formula.uses and c.name in header and person.extra.get(c.name) is None
    ]


def report(reg: Regulation, ente: Ente, person: Person, formula: Formula, trace: Trace, source: str, why: str) -> None:
    """The problem of a formula that cannot be computed for the person: each empty cell it reads at the cell, once;
    with none (a division by zero), ``why`` at the formula, naming the person. Nothing where it reads a column
    people.csv does not have: the validation says it once, for the column, and no person has a cell to write."""
    if rowcolumns.unwritten_in(reg, ente, formula):
        return
    columns = empty(reg, ente, person, formula)
    if not columns:
        message = f"{why} per {person.name}: il premio resta sospeso finché non è corretta"
        trace.problem(Problem(rule="regolamento.formula", source=source, **written(formula), message=message))
        return
    said = {(p.file, p.row, p.column) for p in trace.problems if p.rule == RULE}
    for c in columns:
        message = f"la colonna «{c.name}» ({c.meaning}) è vuota per {person.name}: {what_to_write(c)}; {SUSPENDED}"
        problem = Problem.at(ente, RULE, message, source, "people", person.row, c.name)
        if (problem.file, problem.row, problem.column) not in said:
            trace.problem(problem)


def among(trace: Trace, rows: Iterable[int | None]) -> bool:
    """True when an empty cell of one of the people at ``rows`` of people.csv suspended a premium: what then follows
    (a part that pays nobody) is a knock-on of that error, not a problem of its own."""
    suspended = {p.row for p in trace.problems if p.rule == RULE}
    return any(row in suspended for row in rows)
