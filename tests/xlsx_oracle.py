"""openpyxl as the oracle of ``schede.xlsx``'s styles (tests only; ciclope writes the workbook without it).

The style objects ciclope's roles stand for, and a recipe applied to a real openpyxl cell in the order a
cell written by openpyxl gets it (value, number format, font, fill, alignment), so that openpyxl's
workbook registers fonts, fills, number formats and cell formats as it would for ciclope's sheets.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.stylesheet import write_stylesheet
from openpyxl.xml.functions import tostring

from ciclope.core.reports import safe
from ciclope.core.reports.xlsxstyles import FORMATS

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F6690")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
TOTAL_FONT = Font(bold=True)
NOTE_FONT = Font(italic=True, color="5B6470")
A_DATE = dt.date(2000, 1, 1)  # a date cell registers openpyxl's default date format, whatever the date


class _Sheet:
    """What an openpyxl cell needs of its worksheet to register its style: the workbook."""

    def __init__(self, wb: Workbook) -> None:
        self.parent = wb


def register(wb: Workbook, recipe) -> str:
    """The ``s`` attribute openpyxl gives a cell of ``recipe`` (``(what, number format, role, quote)``)."""
    what, number_format, role, quote = recipe
    c = WriteOnlyCell(_Sheet(wb))
    if what == "text":
        safe.text_cell(c, "=" if quote else "x")  # only whether it starts a formula matters to the style
    elif what == "number":
        c.value = 0
        c.number_format = number_format
    elif what == "date":
        c.value = A_DATE
        c.number_format = FORMATS["date"]
    if role == "total":
        c.font = TOTAL_FONT
    elif role == "header":
        c.font, c.fill, c.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    elif role == "note":
        c.font = NOTE_FONT
    return f' s="{c.style_id}"' if c.has_style else ""


def stylesheet(wb: Workbook) -> bytes:
    """``xl/styles.xml`` as openpyxl writes it for the styles registered on ``wb``."""
    return tostring(write_stylesheet(wb))
