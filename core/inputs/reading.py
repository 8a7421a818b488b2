"""One load of an ente's data folder, as its steps share it: what was read (the sheets, the files'
fingerprints, the format) and what was found wrong (the problems, in
the order they were found, and the ids of the rows refused, whose references are not reported again).

The steps are functions of this state, each in the module of its concept: :mod:`.folder` (the files →
the sheets), :mod:`.columns` (a sheet → its parsed columns), :mod:`.entefile` (ente.toml),
:mod:`.records` and :mod:`.indicators` (the columns → the model's records), :mod:`.crossrefs` (the ids
across sheets); :mod:`.loading` runs them in order.
"""

from __future__ import annotations

from pathlib import Path

from ciclope.core.inputs.tables import Sheet
from ciclope.core.outcomes import InputSchema
from ciclope.core.problems import Problem

CONTRACT = "SPEC.md §5"


class Reading:
    """The state of one load (a new one for each :func:`core.inputs.loading.load_ente`): what was asked, the
    sheets read and the problems found. What a step finds for the Ente alone (ente.toml's declarations, the
    records) it returns instead."""

    def __init__(self, folder: Path, ente_id: str, year: int, schema: InputSchema, collecting: bool = False):
        self.folder = folder
        # ``raccolta crea``: a card's items may wait for their points (the evaluators fill them)
        self.collecting = collecting
        self.ente_id = ente_id
        self.year = year
        self.schema = schema
        self.problems: list[Problem] = []
        self.sheets: dict[str, Sheet] = {}
        self.files: dict[str, str] = {}
        self.format = "csv"
        self.rejected: set[str] = set()  # ids of rows already reported: no cascade of "unknown id"

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
        """A problem of ``sheet`` (or a file's label), its column named as the user wrote it; none when
        ``ref`` is the id of a row already refused (no cascade). A warning does not stop the load."""
        label = sheet.label if isinstance(sheet, Sheet) else sheet
        shown = sheet.shown if isinstance(sheet, Sheet) else self._shown(label)
        column = shown.get(column, column)  # the header as the user wrote it (Italian)
        if ref is not None and ref in self.rejected:
            return  # the referenced row was rejected and reported already: no cascade
        self.problems.append(
            Problem(rule=rule, message=message, file=label, row=row, column=column, source=source, severity=severity)
        )

    def _shown(self, label: str) -> dict[str, str]:
        return next((s.shown for s in self.sheets.values() if s.label == label), {})
