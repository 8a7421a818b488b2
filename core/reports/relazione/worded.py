"""A table built for both documents, worded for the page.

The tables that ``schede.xlsx`` and the Relazione both show (the violations, the calendar, the
regulation's own sections) are built once, by :mod:`..sheets`, with typed values: a date, a number,
``None``. The workbook writes them as they are; the page shows each value in words.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ciclope.core.reports import fmt
from ciclope.core.reports.model import Flag, Flags, Table, columns


def worded(table: Table) -> Table:
    """``table`` as a page shows it: every value in words (:func:`fmt.value`: dates, numbers, «—» for
    nothing), a flag kept as one; a column is right-aligned when every value in it is a number. The title
    and the note are the page's headings, not the table's."""
    rows = table.rows
    numeric = [i for i in range(len(table.columns)) if rows and all(_number(row, i) for row in rows)]
    return attrs.evolve(
        table,
        title="",
        note="",
        columns=columns([head for head, _, _ in table.columns], numeric),
        rows=[tuple(_worded(v) for v in row) for row in rows],
    )


def _worded(value: Any) -> Any:
    return value if isinstance(value, (Flag, Flags)) else fmt.value(value)


def _number(row: Any, i: int) -> bool:
    return i >= len(row) or (isinstance(row[i], (Decimal, int, float)) and not isinstance(row[i], bool))
