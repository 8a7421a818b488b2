"""The collection workbook's sheets and columns, shared by the writer and the reader, and its locked
content as text (what a returned workbook is checked against, cell by cell)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

INFO = "Istruzioni"
CARDS = "Schede"
MEASURES = "Indicatori"
SIGNATURE = "ciclope"  # very hidden: ente, evaluator, year, the collection's token
CARD_HEADER = (
    "Persona (codice)",
    "Nome",
    "Unità",
    "Sezione",
    "Voce",
    "Punti massimi",
    "Peso",
    "Punti assegnati",
    "Motivazione",
)
CARD_FILL = 8  # column H: the points
CARD_NOTE = 9  # column I: the evaluator's motivation, free text (optional)
MEASURE_HEADER = ("Indicatore (codice)", "Nome", "Obiettivo", "Tipo", "Target", "Consuntivo", "Come scriverlo")
MEASURE_FILL = 6  # column F: the actual
FILLABLE = {CARDS: (CARD_FILL, CARD_NOTE), MEASURES: (MEASURE_FILL,)}  # the cells the evaluator writes
SENT = "da-inviare"  # the workbooks as written, to send
RETURNED = "ricevute"  # where the office saves the workbooks that come back
MANIFEST = "raccolta.json"
HOW = {
    "higher": "un numero, es. 12 o 12,5",
    "lower": "un numero, es. 12 o 12,5",
    "project": "la percentuale di completamento, es. 80%",
    "monitor": "un numero, es. 12 o 12,5",
    "deadline": "la data in cui è stato completato, es. 30/06/{year}",  # the cycle's year
    "boolean": "SI o NO",
}
HOW_SHARE = "una percentuale, es. 74%"  # a higher- or lower-is-better indicator whose target is a percentage


def text(value: Any) -> str:
    """A cell's value as comparable text: numbers without trailing zeros (10, 10.0 and "10" are one),
    dates as ISO, text stripped; "" for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SI" if value else "NO"
    if isinstance(value, (int, float, Decimal)):
        try:
            number = Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
        return format(number, "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def locked_cells(wb: Any) -> dict[str, dict[str, str]]:
    """Sheet → cell (``C5``) → text of every non-empty cell of the cards and indicators sheets outside the
    fillable column's data rows: what the evaluator may not change."""
    out: dict[str, dict[str, str]] = {}
    for name, fill in FILLABLE.items():
        cells: dict[str, str] = {}
        if name in wb.sheetnames:
            for row in wb[name].iter_rows():
                for cell in row:
                    if cell.row > 1 and cell.column in fill:
                        continue
                    shown = text(cell.value)
                    if shown:
                        cells[cell.coordinate] = shown
        out[name] = cells
    return out
