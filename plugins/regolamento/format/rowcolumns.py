"""The columns of a person's row of people.csv that the regulation reads through the core's data: the days of
absence (``[[riduzioni]] misura = "assenze"``, a formula reading ``assenze``) and the time worked (``misura =
"quota_tempo"``, a formula reading ``quota_tempo``). The loading makes them optional, as an ente that pays no
premium by them may leave them out; read by the regulation, a column left out of the file is an error naming it
and the rule that reads it, like a declared column of [[colonne]] missing (:mod:`..read.columns`), and what reads
it is suspended: never paid as if everyone had been absent 0 days or worked full time.

One table says which name reads which column, for both: the validation (:func:`missing`) and the formulas'
environment and the reductions (:func:`unwritten`), which then fail without a problem of their own for each
person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ciclope.core import Ente, Problem
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.expr import Formula, formulas
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation

RULE = "regolamento.colonna"


@attrs.frozen
class Read:
    """A column of people.csv: its code in the ente's header, the name the office writes, what to write in it."""

    code: str
    name: str
    hint: str


# the name of the formulas (and of a reduction's misura) → the column of people.csv it reads
READS = {
    "assenze": Read("absence_days", "giorni_assenza", "0 per chi non è stato assente"),
    "quota_tempo": Read("fte", "quota_tempo", "100% a tempo pieno, 50% a metà tempo"),
}


def unwritten(ente: Ente, name: str) -> bool:
    """True when ``name`` reads a column of people.csv the file does not have (said once by :func:`missing`)."""
    read = READS.get(name)
    return read is not None and not _has(ente, read)


def unwritten_in(reg: Regulation, ente: Ente, formula: Formula) -> bool:
    """True when the formula reads a column of people.csv the file does not have: of :data:`READS`, or declared in
    [[colonne]] (each said once by the validation, so the formula fails without a problem for each person)."""
    header = ente.headers.get("people", ())
    declared = {c.name for c in reg.columns if c.table == "persone"}
    return any(unwritten(ente, name) or (name in declared and name not in header) for name in formula.uses)


def lacking(reg: Regulation, ente: Ente) -> bool:
    """True when a column of people.csv the regulation reads is missing (of :data:`READS`, declared, or the grade a
    table by grade reads): what then pays nobody, or fails for want of what those pay, only follows from that error,
    and is no problem of its own."""
    header = ente.headers.get("people", ())
    declared = any(c.table == "persone" and c.name not in header for c in reg.columns)
    return declared or grades.unwritten(reg, ente) or any(not _has(ente, READS[name]) for name in _read(reg))


def _has(ente: Ente, read: Read) -> bool:
    header = ente.headers.get("people", ())
    return read.code in header or read.name in header


def missing(reg: Regulation, ente: Ente) -> list[Problem]:
    """Each column of :data:`READS` the regulation reads and the file lacks: one error, at the first rule reading
    it, with what to write."""
    out = []
    for name, source in _read(reg).items():
        read = READS[name]
        if _has(ente, read):
            continue
        message = (
            f"manca la colonna {read.name}, che il regolamento legge ({source}): aggiungila all'elenco del personale "
            f"con il valore di ciascuno ({read.hint}); finché manca, i premi che la leggono restano sospesi"
        )
        out.append(Problem.at(ente, RULE, message, cite(reg, source), "people", 1, read.name))
    return out


def _read(reg: Regulation) -> dict[str, str]:
    """The names of :data:`READS` the regulation reads → the ``fonte`` of the first block reading each."""
    out: dict[str, str] = {}
    for red in reg.reductions:
        if red.measure in READS:
            out.setdefault(red.measure, red.source)
    for field in attrs.fields(type(reg)):
        if field.name in ("columns", "definitions"):  # a definition is read where a formula names it
            continue
        for block in _blocks(getattr(reg, field.name)):
            source = getattr(block, "source", "")
            for formula in formulas(block):
                for name in sorted(formula.uses & READS.keys()):
                    out.setdefault(name, source if isinstance(source, str) else "")
    return out


def _blocks(value: Any) -> Iterator[Any]:
    if isinstance(value, (tuple, list)):
        yield from (v for v in value if attrs.has(type(v)))
    elif attrs.has(type(value)):
        yield value
