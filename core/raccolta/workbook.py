"""One evaluator's workbook: instructions, their people's cards (points to fill, with a drop-down or a bound
per item), the indicators they report (actual to fill), and a very hidden signature sheet. Every cell but
the fillable ones is locked and the sheets protected; the reader checks the locked content anyway."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ciclope.core.raccolta import layout
from ciclope.core.raccolta.plan import Batch, Card
from ciclope.core.reports import fmt
from ciclope.core.reports.fmt import plural
from ciclope.core.values import parse_number

DROPDOWN_MAX = 20  # an integer maximum up to this gets a drop-down of every allowed point
LAST_ROW = 2000


def _print_setup(ws: Any) -> None:
    """On paper as on screen: A4 landscape, every column on the page's width, the header on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True


def _protect(ws: Any) -> None:
    _print_setup(ws)
    ws.protection.sheet = True
    ws.protection.formatCells = False  # the evaluator may widen a column
    ws.protection.formatColumns = False


def _header(ws: Any, header: tuple[str, ...], widths: tuple[int, ...]) -> None:
    ws.append(list(header))
    for k, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=k)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"


def _fillable(cell: Any) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = PatternFill("solid", fgColor="FFF2CC")


def _listed(top: Decimal) -> bool:
    """Whether an item of ``top`` points gets a drop-down of every allowed point (else a number check only)."""
    return top == top.to_integral_value() and 0 < top <= DROPDOWN_MAX


def _points_said(cards: tuple[Card, ...]) -> str:
    """What the points cells check, as they are: a drop-down where every item has one, a number check where none
    has, both where the items are of both kinds."""
    listed = {_listed(line.max_points) for card in cards for line in card.lines}
    menu = "il menu a tendina propone i punti ammessi"
    number = "il foglio accetta un numero da 0 ai punti massimi (anche con decimali, es. 7,5)"
    if listed == {True}:
        return menu
    if listed == {False}:
        return number
    return f"per una voce fino a {DROPDOWN_MAX} punti interi {menu}; per le altre {number}"


def _points_validation(ws: Any, rows_by_max: dict[Decimal, list[int]]) -> None:
    """A drop-down 0…max for integer maxima up to :data:`DROPDOWN_MAX`, a decimal bound otherwise."""
    col = "H"
    for top, rows in rows_by_max.items():
        if _listed(top):
            allowed = ",".join(str(n) for n in range(int(top) + 1))
            dv = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
        else:
            dv = DataValidation(
                type="decimal", operator="between", formula1="0", formula2=format(top, "f"), allow_blank=True
            )
        dv.showErrorMessage = True
        dv.errorTitle = "Punti non ammessi"
        dv.error = f"Scrivi un numero da 0 a {fmt.decimal_it(top)}"
        dv.promptTitle = "Punti assegnati"
        dv.prompt = f"Da 0 a {fmt.decimal_it(top)}"
        ws.add_data_validation(dv)
        for row in rows:
            dv.add(f"{col}{row}")


def _as_text(ws: Any) -> None:
    """The last row's texts kept as text: a name beginning with ``=`` is never a formula in the workbook."""
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _percent(ws: Any, cell: Any) -> None:
    """A completion percentage: shown and typed as «80%» (stored 0.8), bounded from 0% to 100%."""
    cell.number_format = "0%"
    dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
    dv.showErrorMessage = True
    dv.errorTitle = "Percentuale non ammessa"
    dv.error = "Scrivi la percentuale di completamento, da 0% a 100% (es. 80%)"
    ws.add_data_validation(dv)
    dv.add(cell.coordinate)


def _share(m: Any) -> Decimal | None:
    """The target as a number when it is a percentage: a project's, or a share (above 0, below 1) of a higher- or
    lower-is-better indicator; None otherwise."""
    if m.type not in ("project", "higher", "lower"):
        return None
    try:
        target = parse_number(m.target)  # as the reports print it: «0,72» is 72%
    except ValueError:
        return None
    return target if m.type == "project" or Decimal(0) < target < 1 else None


def _target(m: Any) -> Any:
    """The target as the cell holds it: a percentage as a number shown as a percentage."""
    share = _share(m)
    return m.target if share is None else float(share)


def _wrap() -> Any:
    return Alignment(wrap_text=True, vertical="top")


_WRAP = _wrap()


def _cards(wb: Any, cards: tuple[Card, ...]) -> None:
    ws = wb.create_sheet(layout.CARDS)
    _header(ws, layout.CARD_HEADER, (14, 28, 14, 26, 44, 14, 8, 16, 48))
    rows_by_max: dict[Decimal, list[int]] = {}
    for card in cards:
        for line in card.lines:
            weight = None if line.weight is None else float(line.weight)
            ws.append([card.person, card.name, card.unit, line.section, line.item, float(line.max_points), weight])
            _as_text(ws)
            _fillable(ws.cell(row=ws.max_row, column=layout.CARD_FILL))
            note = ws.cell(row=ws.max_row, column=layout.CARD_NOTE)
            _fillable(note)
            note.alignment = _WRAP
            rows_by_max.setdefault(line.max_points, []).append(ws.max_row)
    _points_validation(ws, rows_by_max)
    if all(line.weight is None for card in cards for line in card.lines):
        # no item weighs other than its maximum points (rules/core.md §3): an empty «Peso» says nothing to the
        # evaluator; hidden, it stays the column the merge reads
        ws.column_dimensions[get_column_letter(layout.CARD_HEADER.index("Peso") + 1)].hidden = True
    _protect(ws)


def _measures(wb: Any, batch: Batch, year: int) -> None:
    ws = wb.create_sheet(layout.MEASURES)
    _header(ws, layout.MEASURE_HEADER, (16, 40, 36, 22, 14, 16, 40))
    yes_no = DataValidation(type="list", formula1='"SI,NO"', allow_blank=True, showErrorMessage=True)
    yes_no.error = "Scegli SI o NO"
    ws.add_data_validation(yes_no)
    for m in batch.measures:
        kind = fmt.TYPE_LABELS.get(m.type, m.type)
        share = m.type != "project" and _share(m) is not None
        how = layout.HOW_SHARE if share else layout.HOW.get(m.type, "").format(year=year)
        objective = f"{m.objective} — {m.objective_title}" if m.objective_title else m.objective
        ws.append([m.indicator, m.name, objective, kind, _target(m), None, how])
        _as_text(ws)
        cell = ws.cell(row=ws.max_row, column=layout.MEASURE_FILL)
        _fillable(cell)
        if m.type == "project":
            ws.cell(row=ws.max_row, column=layout.MEASURE_FILL - 1).number_format = "0%"
            _percent(ws, cell)
        elif share:  # a percentage target: the actual shown and typed as one too («74%»), never bounded to 100%
            ws.cell(row=ws.max_row, column=layout.MEASURE_FILL - 1).number_format = "0%"
            cell.number_format = "0%"
        elif m.type == "boolean":
            yes_no.add(cell.coordinate)
        elif m.type == "deadline":
            cell.number_format = "DD/MM/YYYY"
    _protect(ws)


INFO_LINE = 110  # characters of an instruction on one line of the 120-wide column


INCOMPLETE = "Una scheda con qualche voce senza punti resta «incompleta» e non viene registrata."


def _reader(batch: Batch) -> str:
    """Who the workbook is for, by what it asks of them: the evaluator of its cards; where it has none, the person
    answering for the objectives whose indicators it asks (docs/anno-ufficio.md, «Chi riceve che cosa»)."""
    role = "Valutatore" if batch.cards else "Responsabile degli obiettivi"
    return f"{role}: {batch.label} ({batch.evaluator})"


def _instructions(wb: Any, batch: Batch, ente_name: str, year: int) -> None:
    ws = wb.create_sheet(layout.INFO, 0)
    ws.column_dimensions["A"].width = 120
    cards = (
        f"Foglio «{layout.CARDS}»: una riga per ogni voce della scheda di ciascuna persona che valuti "
        f"({plural(len(batch.cards), 'scheda', 'schede')}). Scrivi i punti nella colonna «Punti assegnati» (celle "
        f"gialle), da 0 ai «Punti massimi» della voce: {_points_said(batch.cards)}. Nella colonna «Motivazione», "
        "facoltativa, le tue parole sulla scheda: compaiono nella scheda personale che la persona firma."
    )
    measures = (
        f"Foglio «{layout.MEASURES}»: gli indicatori degli obiettivi di cui rispondi "
        f"({plural(len(batch.measures), 'indicatore', 'indicatori')}). Scrivi il consuntivo del {year} nella colonna "
        "«Consuntivo» (celle gialle), nel formato indicato in «Come scriverlo»."
    )
    shared = (
        "Chi è valutato anche da un altro valutatore nell'anno ha accanto al nome il periodo di cui rispondi (ad "
        f"esempio «{next((c.period for c in batch.cards if c.period), '')}»): valuta il suo lavoro in quel periodo; "
        "l'altro valutatore compila la scheda del suo."
    )
    lines = [
        f"Raccolta delle valutazioni {year} — {ente_name}",
        _reader(batch),
        "",
        *([cards] if batch.cards else []),
        *([shared] if any(c.period for c in batch.cards) else []),
        *([measures] if batch.measures else []),
        "",
        "Compila solo le celle gialle: le altre sono protette e l'ufficio controlla che non siano cambiate "
        "(una cartella modificata altrove viene respinta).",
        *([INCOMPLETE] if batch.cards else []),  # a workbook of indicators only has no card to leave incomplete
        # the reader knows a workbook by its hidden signature sheet, never by its name (readback._whose)
        "Salva il file in formato .xlsx e restituiscilo all'ufficio della performance: il nome del file non conta, "
        "ciclope riconosce la cartella dal suo contenuto.",
    ]
    for line in lines:
        ws.append([line])
        _as_text(ws)
    ws["A1"].font = Font(bold=True, size=14)
    for row in ws.iter_rows(min_row=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
        # a wrapped line needs its height: a spreadsheet keeps one line's and prints the next row over the rest
        wrapped = -(-len(str(row[0].value or "")) // INFO_LINE)
        ws.row_dimensions[row[0].row].height = 15 * max(1, wrapped)
    _print_setup(ws)  # printed as the other sheets: the instructions fit the page's width
    _protect(ws)


def _signature(wb: Any, fields: dict[str, str]) -> None:
    ws = wb.create_sheet(layout.SIGNATURE)
    for key, value in fields.items():
        ws.append([key, value])
        _as_text(ws)
    ws.sheet_state = "veryHidden"
    _protect(ws)


def build(
    batch: Batch, ente_id: str, ente_name: str, year: int, token: str, signature: str = ""
) -> tuple[bytes, dict[str, dict[str, str]]]:
    """The workbook's bytes and its locked cells (:func:`layout.locked_cells`), to record in the manifest."""
    wb = Workbook()
    wb.remove(wb.active)
    _instructions(wb, batch, ente_name, year)
    if batch.cards:  # an evaluator with no card to fill gets no empty sheet of cards (nor one without indicators)
        _cards(wb, batch.cards)
    if batch.measures:
        _measures(wb, batch, year)
    fields = {"ente": ente_id, "valutatore": batch.evaluator, "anno": str(year), "raccolta": token, "firma": signature}
    _signature(wb, fields)
    wb.active = 1 if len(wb.sheetnames) > 2 else 0  # opens on the first sheet to fill
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue(), layout.locked_cells(wb)
