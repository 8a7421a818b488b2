"""Data that load but for some rows: the ente less those rows, and the rows whose own checks can still be trusted.

An office that writes «50» for a quota and a hiring date in next year should read both errors at once, not the
second after fixing the first. When every error of a load is a row's (a cell that cannot be read, a code that names
nobody), the ente is built without those rows and the calculation's and the regulation's checks run on it
(:func:`ciclope.core.run.runner.compute`). Of what they find only the errors at the rows of a person who is wholly
read are kept, and those at the header of a sheet without errors or of a sheet not written (a column the regulation
reads and the sheet lacks, a missing card file), which no row changes. A row left out, or any row that names its
person, could only give errors of the gap (a colleague's evaluator missing, a scheda without its item), and a sheet
with errors one of the whole sheet («nessuna scheda»), so they wait for the next round, as every check did before. A
file, sheet or required column that is missing (an error without a data row) leaves every row in doubt: nothing else
is checked; a column the header has and ciclope does not know leaves none.
"""

from __future__ import annotations

from collections.abc import Iterable

from ciclope.core import model as m
from ciclope.core.inputs.columns import CANONICAL
from ciclope.core.inputs.reading import Reading
from ciclope.core.problems import CiclopeError, Problem

__all__ = ["Unloaded", "read_in_part", "unloaded"]

# the columns that say whose a row is: a row with an error makes its person's other rows doubtful
_WHOSE = ("id", "person")
# a column the header has and ciclope does not know (a misspelled one): every row is read, and its «forse …?» names
# the column the checks would miss
_EXTRA_COLUMN = "core.input.unknown_column"
_LOADER = "core.input."  # the rules of a sheet's header the loader finds


class Unloaded(CiclopeError):
    """The load's problems; ``ente`` (None when a file, sheet or column is missing) is the ente without the rows in
    error, ``checked`` the (file, row) of the rows whose checks stand on it."""

    def __init__(
        self,
        problems: Iterable[Problem],
        ente: m.Ente | None = None,
        checked: frozenset[tuple[str, int]] = frozenset(),
    ) -> None:
        super().__init__(problems)
        self.ente = ente
        self.checked = checked

    def kept(self, found: Iterable[Problem]) -> list[Problem]:
        """The errors of ``found`` (the checks on :attr:`ente`) at a row whose checks stand."""
        return [p for p in found if p.is_error and p.row is not None and (p.file, p.row) in self.checked]


def read_in_part(problems: Iterable[Problem]) -> bool:
    """Whether data with ``problems`` (the load's, and those the checks found on the rows read) are read but for some
    rows: every error is a data row's, or a header's that leaves no row unread (a column the header has and ciclope
    does not know; a column the regulation reads, said by its checks)."""
    return all(p.row is not None and (p.row >= 2 or _beside_rows(p)) for p in problems if p.is_error)


def _beside_rows(header: Problem) -> bool:
    """A problem of a sheet's header that leaves its rows read: any but the loader's own (a required column missing,
    a header that cannot be read), which leave every row in doubt."""
    return header.rule == _EXTRA_COLUMN or not header.rule.startswith(_LOADER)


def unloaded(r: Reading, ente: m.Ente, problems: list[Problem]) -> Unloaded:
    """The error of a load with ``problems``: with the ente and the rows whose checks stand on it when the data are
    read but for some rows (:func:`read_in_part`)."""
    if not read_in_part(problems):
        return Unloaded(problems)
    bad = {(p.file, p.row) for p in problems if p.is_error}
    doubtful = set(r.log.rejected)
    for sheet in r.sheets.values():
        for i, number in enumerate(sheet.numbers):
            if (sheet.label, number) in bad:
                doubtful.update(sheet.columns[c][i] for c in _WHOSE if c in sheet.columns)
    doubtful.discard("")  # a row without its code names nobody
    read = set(ente.people) - doubtful
    checked = _headers(r, ente, bad)
    for sheet in r.sheets.values():
        for i, number in enumerate(sheet.numbers):
            cells = {texts[i] for texts in sheet.columns.values()}
            if (sheet.label, number) not in bad and cells & read and not cells & doubtful:
                checked.add((sheet.label, number))
    return Unloaded(problems, ente, frozenset(checked))


def _headers(r: Reading, ente: m.Ente, bad: set[tuple[str, int | None]]) -> set[tuple[str, int]]:
    """The headers whose checks stand: those of the sheets without an error (a sheet that lost rows could give an
    error of the whole sheet for them, «nessuna scheda»; a misspelled column's «forse …?» already says the column
    the regulation would miss), and of the sheets the office did not write, by the name a message gives them (a
    missing card file is said with the rows' errors)."""
    lost = {label for label, _ in bad}
    written = {sheet.label for sheet in r.sheets.values()}
    unwritten = {ente.file_said(name) for name in CANONICAL} - written
    return {(label, 1) for label in (written - lost) | unwritten}
