"""The cell styles of ``schede.xlsx``: registered with openpyxl once per process for each order of first use.

A cell's ``s="N"`` attribute and the file's ``xl/styles.xml`` depend only on which style *recipes*
(a text cell, a number format, a date; header, total or note) the workbook met, in the order it met
them: openpyxl numbers fonts, fills, formats and cell styles as they are first registered. Most
workbooks of a run meet the same recipes in the same order, so the process keeps a tree of the
orders seen (:class:`Styles`): a workbook walks it recipe by recipe and builds an openpyxl
``Workbook`` (~1 ms, a tenth of a 300-person ente's sheets, issue 18) only when it leaves the known
paths, replaying its recipes so far into it. ``xl/styles.xml`` is kept at the end of each path.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from . import safe, xlsxpack

FORMATS = {
    "ach": "0.00%",  # achievements 0–1 shown as percentages
    "dev": "+0.00%;-0.00%;0.00%",  # deviations
    "score": "0.00",
    "money": '#,##0.00 "€"',
    "int": "0",
    "num": "General",
    "date": "DD/MM/YYYY",
    "text": "@",
}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F6690")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
TOTAL_FONT = Font(bold=True)
NOTE_FONT = Font(italic=True, color="5B6470")

# A recipe: (what, number format or None, role, quote). ``what`` is "text", "number", "date" or
# "empty"; ``role`` "", "header", "total" or "note"; ``quote`` marks a text that would start a formula.
Recipe = tuple[str, "str | None", str, bool]
MAX_NODES = 4096  # recipes remembered per process (a tree of a few dozen paths in practice)


class _Node:
    """A point on a path of recipes: where each next recipe leads, with its ``s`` attribute, and
    the style sheet of a workbook that stops here."""

    __slots__ = ("next", "stylesheet")

    def __init__(self) -> None:
        self.next: dict[Recipe, tuple[str, _Node]] = {}
        self.stylesheet: bytes | None = None


_root = _Node()
_nodes = 0


class Styles:
    """The styles one workbook registers, in order (see the module's docstring)."""

    def __init__(self) -> None:
        self.node = _root
        self.recipes: list[Recipe] = []
        self.wb: Workbook | None = None  # made only when this workbook leaves the known paths

    def attr(self, recipe: Recipe) -> str:
        """The ``s`` attribute (``' s="N"'`` or ``""``) of a cell of this recipe, met for the first time."""
        global _nodes
        step = self.node.next.get(recipe)
        if step is None:
            wb = self.workbook()
            step = (_register(wb, recipe), _Node())
            if _nodes >= MAX_NODES:  # bounded: start a new tree (walks under way keep their own nodes)
                _reset()
            self.node.next[recipe] = step
            _nodes += 1
        elif self.wb is not None:
            _register(self.wb, recipe)
        self.recipes.append(recipe)
        attr, self.node = step
        return attr

    def stylesheet(self) -> bytes:
        """``xl/styles.xml`` of the recipes met."""
        if self.node.stylesheet is None:
            self.node.stylesheet = xlsxpack.stylesheet(self.workbook())
        return self.node.stylesheet

    def workbook(self) -> Workbook:
        """An openpyxl workbook with this workbook's recipes registered in order."""
        if self.wb is None:
            self.wb = Workbook(write_only=True)
            for recipe in self.recipes:
                _register(self.wb, recipe)
        return self.wb


def _reset() -> None:
    global _root, _nodes
    _root, _nodes = _Node(), 0


class _Sheet:
    """What an openpyxl cell needs of its worksheet to register its style: the workbook."""

    def __init__(self, wb: Workbook) -> None:
        self.parent = wb


_A_DATE = dt.date(2000, 1, 1)  # a date cell registers openpyxl's default date format, whatever the date


def _register(wb: Workbook, recipe: Recipe) -> str:
    """Apply the recipe to a real openpyxl cell in the order a cell written by openpyxl gets it, so
    fonts, fills, number formats and cell styles are registered as openpyxl would."""
    what, number_format, role, quote = recipe
    c = WriteOnlyCell(_Sheet(wb))
    if what == "text":
        safe.text_cell(c, "=" if quote else "x")  # only whether it starts a formula matters to the style
    elif what == "number":
        c.value = 0
        c.number_format = number_format
    elif what == "date":
        c.value = _A_DATE
        c.number_format = FORMATS["date"]
    if role == "total":
        c.font = TOTAL_FONT
    elif role == "header":
        c.font, c.fill, c.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    elif role == "note":
        c.font = NOTE_FONT
    return f' s="{c.style_id}"' if c.has_style else ""
