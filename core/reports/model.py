"""The report model: what a document shows, as data, before any format.

A :class:`Table` is a titled grid of typed columns with its rows and an optional note; the internal
workbook (``schede.xlsx``) is a list of them (:mod:`.sheets`), written by :mod:`.xlsx`. A value keeps its
type (``Decimal``, ``date``, ``None``): the writer, not the model, decides how a number reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

Column = tuple[str, str, int]  # header, kind (text, num, int, score, ach, dev, money, date), width in characters


class Total(tuple):
    """A row shown in bold (totals), outside the sheet's filter."""


class Typed:
    """A value with its own kind, in a column of mixed kinds (the summary sheet)."""

    def __init__(self, value: Any, kind: str):
        self.value, self.kind = value, kind


@attrs.frozen
class Table:
    """One table of a report: ``title`` (a sheet's name), ``columns``, ``rows`` and a ``note`` above it."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    note: str = ""
