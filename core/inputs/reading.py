"""One load of an ente's data folder, as its steps share it: what was asked (:class:`Asked`, immutable),
the sheets read (:class:`Reading`, immutable once the folder and ente.toml are read) and the one thing
the steps write, the :class:`Log` of problems, in the order they were found, with the ids of the rows
refused (whose references are not reported again).

Each step is a function in the module of its concept and says in its signature what it reads and
returns: :mod:`.folder` (``Asked`` → the sheets and the files' fingerprints), :mod:`.entefile` (ente.toml
→ its declarations and the rows it holds), :mod:`.columns` (a sheet → its parsed columns), :mod:`.records`
and :mod:`.indicators` (the columns → the model's records), :mod:`.crossrefs` (the ids across sheets);
:mod:`.loading` runs them in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

from ciclope.core.inputs.headers import header_label
from ciclope.core.inputs.tables import Sheet
from ciclope.core.outcomes import InputSchema
from ciclope.core.problems import Problem

CONTRACT = "SPEC.md §5"


@attrs.frozen
class Asked:
    """What a load was asked: the ente's folder, id and cycle year, the columns its plugins read and
    whether the cards' items may wait for their points (``raccolta crea``: the evaluators fill them)."""

    folder: Path
    ente_id: str
    year: int
    schema: InputSchema = attrs.field(factory=InputSchema)
    collecting: bool = False


class Log:
    """The problems of one load in the order they were found, and the ids of the rows refused whole: a
    reference to one of them is not reported again (no cascade of «unknown id»). The only state the
    steps share that changes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.rejected: set[str] = set()

    def err(
        self,
        label: str,
        row: int | None,
        column: str,
        rule: str,
        message: str,
        source: str = CONTRACT,
        ref: str | None = None,
        severity: str = "error",
    ) -> None:
        """A problem of the file or sheet ``label``; none when ``ref`` is the id of a row already refused.
        A warning does not stop the load."""
        if ref is not None and ref in self.rejected:
            return  # the referenced row was rejected and reported already: no cascade
        self.problems.append(
            Problem(rule=rule, message=message, file=label, row=row, column=column, source=source, severity=severity)
        )


@attrs.frozen
class Reading:
    """The sheets of one load, once read (the folder's and ente.toml's own rows), with what was asked and
    the :class:`Log` the record steps write their problems into."""

    asked: Asked
    sheets: Mapping[str, Sheet]
    log: Log

    def err(
        self,
        sheet: Sheet | str,
        row: int | None,
        column: str,
        rule: str,
        message: str,
        source: str = CONTRACT,
        ref: str | None = None,
        severity: str = "error",
    ) -> None:
        """A problem of ``sheet`` (or a file's label), its column named as the user wrote it, and a column the sheet
        lacks by the header the template writes (``punti``, not ``points``) (:meth:`Log.err`)."""
        label = sheet.label if isinstance(sheet, Sheet) else sheet
        found = sheet if isinstance(sheet, Sheet) else self._sheet(label)
        self.log.err(label, row, self._said(found, column), rule, message, source, ref, severity)

    def column_said(self, label: str, column: str) -> str:
        """``column`` of the file or sheet ``label`` as a problem names it (:meth:`err`): the header as written."""
        return self._said(self._sheet(label), column)

    def _sheet(self, label: str) -> Sheet | None:
        return next((s for s in self.sheets.values() if s.label == label), None)

    def _said(self, sheet: Sheet | None, column: str) -> str:
        if sheet is None:
            return column
        if column in sheet.shown:  # the header as written
            return sheet.shown[column]
        return column if column in sheet.header else header_label(sheet.name, column, self.asked.schema)
