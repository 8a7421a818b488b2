"""Output safety: spreadsheet formula neutralization (SPEC §8; OWASP "CSV injection").

A text cell that starts with ``= + - @`` (or a tab / carriage return) would be run as a formula by
a spreadsheet. In CSV it gets a leading apostrophe (:func:`cell`); in ``.xlsx`` it is stored as a
text cell with Excel's *quote prefix* (:func:`text_cell`), so it shows unchanged and stays text
even when the office edits it.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def is_number(value: str) -> bool:
    """A plain decimal number (no spaces, no words: "-nan" or "-1+cmd" are not numbers)."""
    return _NUMBER.fullmatch(value) is not None


def risky(value) -> bool:
    """A text that a spreadsheet would read as a formula ("-12.5" is a number, not a formula)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not is_number(value)


def cell(value):
    """A CSV cell: a text that would start a formula gets a leading apostrophe."""
    return "'" + value if risky(value) else value


def text_cell(cell_obj, value: str):
    """Put a text into an openpyxl cell as text, never as a formula (openpyxl turns "=…" into one)."""
    cell_obj.value = value
    cell_obj.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell_obj.quotePrefix = True
    return cell_obj
