"""Problems: the one handled error type of ciclope.

A :class:`Problem` says *what* is wrong (``rule``, ``message``), *where* (file, row, column) and
*why it is a rule* (``source``: seed file + article). The same class serves input errors (the ente
cannot be loaded), configuration errors and regulation violations found while computing (the
*violazioni* listed in ``results.json``). :class:`CiclopeError` carries one or more problems and is
the only exception the command line renders (without a traceback).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ciclope.core.citation import Citation, read
from ciclope.core.vocabulary import cell_said, sheet_said, where_it

NOTICES = frozenset({"core.input.dialect"})
WORKBOOK_SHEET = re.compile(r".+\.xlsx\[.+\]")  # ``ente.xlsx[persone]``: a sheet of the office's workbook
CELLS = re.compile(r"[A-Z]{1,3}[0-9]+(:[A-Z]{1,3}[0-9]+)?")  # a sheet's cell or range, F3 or B2:C2 (no row of data)


@attrs.frozen
class Problem:
    """One rule broken somewhere, in words a person can act on."""

    rule: str  # "<plugin or core>.<rule-id>", e.g. "core.value.number"
    message: str  # Italian, for the office
    severity: str = "error"  # "error" | "warning"
    # the legal or contract source, "003_17a077a346f3b252.txt art. 17.2": a Citation, or its text read into one
    source: Citation = attrs.field(default=Citation(), converter=read)
    file: str = ""
    row: int | None = None  # 1-based data row as in a spreadsheet (header = row 1)
    column: str = ""
    letter: str = ""  # a workbook sheet's column as the spreadsheet shows it above the header (``A`` of «cella A11»)

    @classmethod
    def at(
        cls,
        ente: Any,
        rule: str,
        message: str,
        source: str = "",
        sheet: str = "",
        row: int | None = None,
        column: str = "",
        severity: str = "error",
    ) -> Problem:
        """A problem about an input sheet of ``ente`` (a row, a column of it), the file named as the ente was
        given: ``Problem.at(ente, "brescia.po.interim", "…", "001… art. 5", "positions", 3, "holder")`` is in
        ``positions.csv:3:holder`` or ``ente.xlsx[positions]:3:holder``; a sheet the office did not write (a
        missing ricorsi.csv) by the Italian name it would have (:meth:`Ente.file_said`). No sheet: no file."""
        file = ente.file_said(sheet) if sheet else ""
        workbook = getattr(ente, "source_format", "") == "xlsx"
        letter = ente.column_letter(sheet, column) if workbook and sheet and row is not None and column else ""
        return cls(
            rule=rule,
            message=message,
            severity=severity,
            source=source,
            file=file,
            row=row,
            column=column,
            letter=letter,
        )

    @property
    def where(self) -> str:
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)

    @property
    def said(self) -> str:
        """Where it is, as the office reads it: a workbook's sheet as the spreadsheet shows it, ``ente.xlsx, foglio
        persone, cella A11 (colonna codice)`` (:func:`core.vocabulary.cell_said`, as an explanation names a cell);
        any other place as :func:`core.vocabulary.where_it` says it (``persone.csv, riga 11, colonna codice``)."""
        if WORKBOOK_SHEET.fullmatch(self.file) and self.row is None and CELLS.fullmatch(self.column):
            return f"{sheet_said(self.file)}, {'celle' if ':' in self.column else 'cella'} {self.column}"
        if WORKBOOK_SHEET.fullmatch(self.file):
            return cell_said(self.file, self.row, self.column, self.letter)
        return where_it(self.where)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_notice(self) -> bool:
        """A note on how an input file was read (its dialect), not a rule of the regulation broken: it goes to
        the run log and the internal Relazione, never into the public count of violations, and people read it as
        a «nota», never counted among the avvisi (``results.json`` keeps its severity, «warning»)."""
        return self.rule in NOTICES

    def render(self, cite: Callable[[str], str] = str) -> str:
        """The problem in one line, as the person at the terminal reads it: where, whether it stops the ente, what
        and why (``cite`` names its source for people, :func:`core.citing.cited`: acts by title). The rule's code is
        for code and ``results.json``, never in the line: a person reads the sentence, not an identifier."""
        loc = f"{self.said}: " if self.where else ""
        src = f" [{cite(self.source)}]" if self.source else ""
        kind = "errore" if self.is_error else "nota" if self.is_notice else "avviso"
        return f"{loc}{kind}: {self.message}{src}"


def error(rule: str, message: str, **where: Any) -> Problem:
    return Problem(rule=rule, message=message, severity="error", **where)


def warning(rule: str, message: str, **where: Any) -> Problem:
    return Problem(rule=rule, message=message, severity="warning", **where)


def _column_number(letter: str) -> int:
    """A sheet's column letters as a number (``A`` 1, ``AB`` 28); 0 for none."""
    n = 0
    for ch in letter.upper():
        n = n * 26 + ord(ch) - 64
    return n


def in_reading_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """``problems`` grouped by file, the files in the order first met, and in each file as a reader reads it: by
    line, then by the sheet's column (its letter), problems of one cell in the order found; a problem of the whole
    file (no line) after its lines. An office correcting from the top down never finds line 50 before line 40."""
    items = tuple(problems)
    first: dict[str, int] = {}
    for p in items:
        first.setdefault(p.file, len(first))
    return tuple(
        sorted(
            items,
            key=lambda p: (first[p.file], p.row is None, p.row or 0, _column_number(p.letter)),
        )
    )


class CiclopeError(Exception):
    """Raised with every problem found, never with only the first one: a file's in the order of its lines."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = in_reading_order(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class Problems:
    """A collector: code that validates appends here and raises once at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def error(self, rule: str, message: str, **where: Any) -> None:
        self.items.append(error(rule, message, **where))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise CiclopeError(self.items)
