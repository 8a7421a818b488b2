"""The tables both documents show (violations, calendar, the regulation's sections) are built once.

``schede.xlsx`` keeps their typed values; the Relazione words them (``relazione.worded``). Expected
words are written by hand.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from conftest import EXAMPLES

from ciclope.core.inputs.config import load_config
from ciclope.core.reports import sheets, xlsx
from ciclope.core.reports.model import Flag, Table, Text
from ciclope.core.reports.relazione import build
from ciclope.core.reports.relazione.worded import worded
from ciclope.core.run import runner


def test_a_typed_table_worded_by_hand():
    """Dates as 30/06/2025, numbers with the Italian comma and dot, nothing as «—», a flag kept as a flag;
    only the column whose every value is a number is right-aligned; the sheet's title and note leave the table
    (the page shows them as its heading and line)."""
    ok = Flag("fatto", "ok")
    table = Table(
        "Calendario",
        [("Data", "date", 12), ("Importo", "money", 10), ("Stato", "text", 10)],
        [(dt.date(2025, 6, 30), Decimal("1234.5"), ok), (None, 7, "")],
        note="nota",
    )
    page = worded(table)
    assert page.title == "" and page.note == ""
    assert list(page.columns) == [("Data", "text", 0), ("Importo", "num", 0), ("Stato", "text", 0)]
    assert page.rows == [("30/06/2025", "1.234,5", ok), ("—", "7", "—")]


def test_a_flag_is_written_to_the_workbook_as_its_words():
    book = xlsx.Sheets()
    book.add("Violazioni", [("Gravità", "text", 9), ("Regola", "text", 30)], [(Flag("errore", "err"), "r.1")])
    ws = openpyxl.load_workbook(io.BytesIO(book.bytes()))["Violazioni"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["Gravità", "Regola"], ["errore", "r.1"]]


@pytest.fixture(scope="module")
def brescia():
    plan = load_config(EXAMPLES / "brescia" / "cycle.toml")
    return runner.compute(plan.enti[0], plan.year)


def _blocks(result, ident):
    return next(s.blocks for s in build(result).sections if s.ident == ident)


def test_the_relazione_shows_the_workbook_s_violations_and_calendar(brescia):
    """The page's tables are the sheets' tables worded: one builder for both documents."""
    assert _blocks(brescia, "violazioni") == [worded(sheets.violations(brescia))]
    # the calendar with the day it judges at above it (the sheet's note, a paragraph of the page)
    table = sheets.calendar(brescia)
    assert _blocks(brescia, "calendario") == [Text(table.note, "note"), worded(table)]
    assert table.note.startswith("Stato al 30/06/2022, data della Relazione")  # a 2021 cycle
    sheet = sheets.violations(brescia)
    assert brescia.violations and brescia.calendar  # the example has both: the comparison is not vacuous
    assert sheet.title == "Violazioni" and len(sheet.rows) == len(brescia.violations)
    # a violation's gravity is a flag on the page and on the sheet: «avviso» for a warning, «errore» else
    assert {row[0] for row in sheet.rows} <= {Flag("avviso", "warn"), Flag("errore", "err")}
    # a deadline's date stays a date on the sheet and reads dd/mm/yyyy on the page
    due = sheets.calendar(brescia).rows[0][0]
    assert isinstance(due, dt.date)
    assert worded(sheets.calendar(brescia)).rows[0][0] == f"{due.day:02d}/{due.month:02d}/{due.year}"


def test_an_act_due_after_the_relazione_is_to_do_not_missing(brescia):
    """A 2021 cycle: the Relazione is adopted by 30/06/2022; paying the premiums is due 31/12/2022 and reads «da
    fare», never «mancante», and so does an act due on 30/06/2022, the Relazione's own day (the page is read before
    it is approved and published), while an act due before it with no date stays «mancante»."""
    states = {row[2].split(" ")[0]: row[4] for row in sheets.calendar(brescia).rows}
    dues = {row[2].split(" ")[0]: row[0] for row in sheets.calendar(brescia).rows}
    assert states["Erogazione"] == Flag("da fare", "info")
    assert (dues["Pubblicazione"], states["Pubblicazione"]) == (dt.date(2022, 6, 30), Flag("da fare", "info"))
    before = [st for d, st in zip(dues.values(), states.values()) if d < dt.date(2022, 6, 30)]
    assert Flag("mancante", "warn") in before  # an act due before the Relazione's day, not dated, is missing
    assert dict((d.approval, st) for d, st in brescia.calendar)["premi_paid"] == "mancante"  # results.json unchanged
