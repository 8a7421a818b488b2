"""A returned workbook read and checked against the manifest: whose it is, whether a cell outside the
fillable ones changed, and the points and actuals written (never a traceback: every problem in Italian,
with the sheet, the row and the column)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from ciclope.core.fmt import decimal_it, quoted
from ciclope.core.inputs.tables import MAX_CELL_CHARS
from ciclope.core.problems import Problem
from ciclope.core.raccolta import layout
from ciclope.core.raccolta.manifest import Manifest, Sent
from ciclope.core.values import CONTROL, measure

SHOWN_CHANGES = 10
# A returned workbook is the one sent, filled: a few hundred rows. Anything far larger is refused unopened
# (a compressed sheet of millions of cells would take minutes and gigabytes to open).
MAX_BYTES = 20 * 2**20
MAX_UNPACKED = 64 * 2**20
MAX_PARTS = 500
MAX_CELLS = 300_000
FORMULA = "contiene una formula ({formula}): scrivi il valore, non una formula"
# The points of a card are counted, never a percentage, as the loader reads them in evaluations.csv: «80%» is no
# 0,8 points (negative numbers pass here: the range check below says what the item allows)
POINTS = measure("la cella", "i punti dati alla voce", "32 o 7,5", negative=True)
REFUSING = frozenset(
    {"raccolta.cartella", "raccolta.manomessa"}
)  # a workbook with these is not merged at all  # cells changed listed one by one; the rest counted


@attrs.frozen
class CardRow:
    person: str
    section: str
    item: str
    max_points: str
    weight: str
    points: Decimal | None
    row: int
    motivation: str = ""  # the evaluator's words, as typed (checked as the loader checks a text)
    name: str = ""  # the person's name, as the workbook shows it


@attrs.frozen
class Returned:
    file: str
    sha256: str
    received: str  # the file's modification time, to the minute: when the office saved the return
    evaluator: str | None = None
    rows: tuple[CardRow, ...] = ()
    # indicator → (text, row, the target as the workbook sent it)
    actuals: dict[str, tuple[str, int, str]] = attrs.field(factory=dict, hash=False)
    problems: tuple[Problem, ...] = ()

    @property
    def accepted(self) -> bool:
        """Whether the workbook is this collection's and untouched outside the fillable cells: its complete
        cards are merged (a card with bad points is incomplete, and said among the problems)."""
        return self.evaluator is not None and not any(p.rule in REFUSING for p in self.problems)

    def incomplete(self) -> list[str]:
        """People whose card has an item without points, in sheet order."""
        return list(dict.fromkeys(r.person for r in self.rows if r.points is None))

    def complete(self) -> dict[str, list[CardRow]]:
        cards: dict[str, list[CardRow]] = {}
        for r in self.rows:
            cards.setdefault(r.person, []).append(r)
        missing = set(self.incomplete())
        return {p: rows for p, rows in cards.items() if p not in missing}


def _problem(label: str, message: str, row: int | None = None, column: str = "", rule: str = "raccolta.cartella"):
    return Problem(rule=rule, message=message, file=label, row=row, column=column)


def _cells_in(zf: Any, info: Any) -> int:
    """The ``<c`` elements of a part, counted while streaming it (never held whole); a mark across two
    chunks is found once: the 2 bytes kept cannot hold a whole 3-byte mark."""
    count, tail = 0, b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/")
            tail = data[-2:]
    return count


def _too_big(path: Path, data: bytes) -> str:
    """Why the workbook is refused before opening it (its size, its parts, its cells); "" when it is not."""
    if len(data) > MAX_BYTES:
        return f"file troppo grande ({len(data) // 2**20} MiB; massimo {MAX_BYTES // 2**20} MiB)"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
            return (
                f"la cartella contiene più di {MAX_UNPACKED // 2**20} MiB di dati compressi: non è quella inviata; "
                "chiedi al valutatore di compilare quella ricevuta"
            )
        cells = sum(_cells_in(zf, i) for i in infos if i.filename.startswith("xl/worksheets/"))
    if cells > MAX_CELLS:
        return f"la cartella contiene oltre {MAX_CELLS} celle: non è quella inviata; chiedi la cartella compilata"
    return ""


def _open(path: Path, data: bytes) -> tuple[Any, str]:
    """The workbook, or None and why not, in words."""
    if path.suffix.lower() == ".xls":
        return None, "è nel formato Excel 97-2003 (.xls): aprilo con Excel o LibreOffice e salvalo come .xlsx"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return None, "non è una cartella di lavoro .xlsx (il file è danneggiato o di un altro tipo)"
    try:
        why = _too_big(path, data)
        if why:
            return None, why
        return openpyxl.load_workbook(io.BytesIO(data)), ""  # formulas as written: a formula is never a value
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        return None, f"cartella di lavoro non leggibile ({type(exc).__name__}): salvala di nuovo come .xlsx"


def _signature(wb: Any) -> dict[str, str]:
    if layout.SIGNATURE not in wb.sheetnames:
        return {}
    return {layout.text(a.value): layout.text(b.value) for a, b in wb[layout.SIGNATURE].iter_rows(max_col=2)}


def _whose(wb: Any, manifest: Manifest, label: str) -> tuple[Sent | None, list[Problem]]:
    sign = _signature(wb)
    if not sign:
        return None, [_problem(label, "non è una cartella della raccolta (manca il foglio di controllo di ciclope)")]
    if sign.get("ente") != manifest.ente:
        return None, [_problem(label, f"è dell'ente {quoted(sign.get('ente', ''))}, non di {quoted(manifest.ente)}")]
    if sign.get("raccolta") != manifest.token or sign.get("anno") != str(manifest.year):
        return None, [
            _problem(
                label, "è di un'altra raccolta (creata in un'altra cartella o in un altro anno): usa quella giusta"
            )
        ]
    sent = manifest.by_evaluator().get(sign.get("valutatore", ""))
    if sent is None:
        return None, [
            _problem(label, f"valutatore {quoted(sign.get('valutatore', ''))} sconosciuto in questa raccolta")
        ]
    if not manifest.signed_by(sent.evaluator, sign.get("firma", "")):
        return None, [
            _problem(
                label,
                f"la firma della cartella non è quella del valutatore {quoted(sent.evaluator)}: la cartella è di un "
                "altro valutatore o il suo foglio di controllo è stato modificato; chiedi al valutatore la "
                "cartella che gli è stata inviata",
            )
        ]
    return sent, []


def _column_name(sheet: str, coordinate: str) -> str:
    letter, _ = coordinate_from_string(coordinate)
    header = layout.CARD_HEADER if sheet == layout.CARDS else layout.MEASURE_HEADER
    k = column_index_from_string(letter)
    return header[k - 1] if k <= len(header) else letter


def tampering(found: dict[str, dict[str, str]], sent: Sent, label: str) -> list[Problem]:
    """Every locked cell changed, added or emptied since the workbook was sent."""
    changes: list[Problem] = []
    for sheet, expected in sent.cells.items():
        now = found.get(sheet, {})
        for coordinate in sorted(set(expected) | set(now), key=lambda c: coordinate_from_string(c)[::-1]):
            was, is_ = expected.get(coordinate, ""), now.get(coordinate, "")
            if was == is_:
                continue
            what = f"era «{was}», ora «{is_}»" if was and is_ else (f"aggiunto «{is_}»" if is_ else f"tolto «{was}»")
            changes.append(
                _problem(
                    f"{label}[{sheet}]",
                    f"cella {coordinate} modificata fuori dalle celle da compilare: {what}; la cartella è respinta "
                    "(si compilano solo le celle gialle): chiedi al valutatore di compilare di nuovo quella inviata",
                    row=coordinate_from_string(coordinate)[1],
                    column=_column_name(sheet, coordinate),
                    rule="raccolta.manomessa",
                )
            )
    if len(changes) > SHOWN_CHANGES:
        more = len(changes) - SHOWN_CHANGES
        changes = changes[:SHOWN_CHANGES] + [
            _problem(label, f"… e altre {more} celle modificate", rule="raccolta.manomessa")
        ]
    return changes


def _points(cell: Any, top: Decimal, label: str) -> tuple[Decimal | None, list[Problem]]:
    shown = layout.text(cell.value)
    if not shown:
        return None, []
    if isinstance(cell.value, (int, float)) and "%" in str(cell.number_format):  # 80% typed: 0,8, shown as 80%
        shown = f"{decimal_it(Decimal(format((Decimal(shown) * 100).normalize(), 'f')), group=False)}%"
    column = layout.CARD_HEADER[layout.CARD_FILL - 1]
    if cell.data_type == "f":
        return None, [_problem(label, FORMULA.format(formula=_short(shown)), cell.row, column, "raccolta.punti")]
    try:
        points = POINTS(shown)
    except ValueError as exc:
        return None, [_problem(label, f"punti {quoted(shown)}: {exc}", cell.row, column, "raccolta.punti")]
    if not Decimal(0) <= points <= top:
        message = f"punti {shown} fuori dall'intervallo ammesso: da 0 a {format(top.normalize(), 'f')}"
        return None, [_problem(label, message, cell.row, column, "raccolta.punti")]
    return points, []


def _cards(wb: Any, label: str) -> tuple[list[CardRow], list[Problem]]:
    rows: list[CardRow] = []
    problems: list[Problem] = []
    where = f"{label}[{layout.CARDS}]"
    if layout.CARDS not in wb.sheetnames:  # sent without cards: nothing to read
        return rows, problems
    for cells in wb[layout.CARDS].iter_rows(min_row=2, max_col=layout.CARD_NOTE):
        person = layout.text(cells[0].value)
        if not person:
            continue
        top = Decimal(layout.text(cells[5].value) or "0")
        points, found = _points(cells[layout.CARD_FILL - 1], top, where)
        motivation, wrong = _motivation(cells[layout.CARD_NOTE - 1], where)
        problems += _whose_card(found + wrong, person, layout.text(cells[1].value))
        texts = [layout.text(c.value) for c in cells]
        rows.append(CardRow(person, texts[3], texts[4], texts[5], texts[6], points, cells[0].row, motivation, texts[1]))
    return rows, problems


def _whose_card(problems: list[Problem], person: str, name: str) -> list[Problem]:
    """``problems`` of a card's cells, each naming whose card it is (name and code), as the status table does: the
    office asks the evaluator about a person, not about a row."""
    said = f"{name} ({person})" if name else person
    return [attrs.evolve(p, message=f"{p.message}; scheda di {said}") for p in problems]


def _motivation(cell: Any, label: str) -> tuple[str, list[Problem]]:
    """The evaluator's motivation: a text as the loader reads one (no formula, no control character, not too
    long); a wrong one is refused with its card."""
    shown = layout.text(cell.value)
    column = layout.CARD_HEADER[layout.CARD_NOTE - 1]
    control = CONTROL.search(shown)
    why = ""
    if shown and cell.data_type == "f":
        why = FORMULA.format(formula=_short(shown))
    elif control is not None:
        why = f"la motivazione contiene il carattere di controllo U+{ord(control.group()):04X}: toglilo"
    elif len(shown) > MAX_CELL_CHARS:
        why = f"motivazione troppo lunga ({len(shown)} caratteri; massimo {MAX_CELL_CHARS})"
    if why:
        return "", [_problem(label, why, cell.row, column, "raccolta.motivazione")]
    return shown, []


def _short(text: str) -> str:
    return quoted(text if len(text) <= 60 else text[:57] + "…")


def _actuals(wb: Any, label: str) -> tuple[dict[str, tuple[str, int, str]], list[Problem]]:
    out, problems = {}, []
    column = layout.MEASURE_HEADER[layout.MEASURE_FILL - 1]
    sheet = wb[layout.MEASURES] if layout.MEASURES in wb.sheetnames else None  # sent without indicators: none
    for cells in sheet.iter_rows(min_row=2, max_col=layout.MEASURE_FILL) if sheet is not None else ():
        cell = cells[layout.MEASURE_FILL - 1]
        ident, value = layout.text(cells[0].value), layout.text(cell.value)
        if ident and value and cell.data_type == "f":
            where = f"{label}[{layout.MEASURES}]"
            problems.append(
                _problem(where, FORMULA.format(formula=_short(value)), cell.row, column, "raccolta.consuntivo")
            )
        elif ident and value:  # the target beside it is locked and checked against the manifest
            out[ident] = (value, cells[0].row, layout.text(cells[layout.MEASURE_FILL - 2].value))
    return out, problems


def read(path: Path, manifest: Manifest) -> Returned:
    label = f"{layout.RETURNED}/{path.name}"
    size = path.stat().st_size
    data = path.read_bytes() if size <= MAX_BYTES else b""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d/%m/%Y %H:%M")  # as an Italian office reads it
    base = Returned(file=path.name, sha256=hashlib.sha256(data).hexdigest(), received=stamp)
    if not data and size:
        why = f"file troppo grande ({size // 2**20} MiB; massimo {MAX_BYTES // 2**20} MiB)"
        return attrs.evolve(base, problems=(_problem(label, why),))
    wb, why = _open(path, data)
    if wb is None:
        return attrs.evolve(base, problems=(_problem(label, why),))
    sent, problems = _whose(wb, manifest, label)
    if sent is None:
        return attrs.evolve(base, problems=tuple(problems))
    problems = tampering(layout.locked_cells(wb), sent, label)
    if problems:
        return attrs.evolve(base, evaluator=sent.evaluator, problems=tuple(problems))
    rows, problems = _cards(wb, label)
    actuals, found = _actuals(wb, label)
    return attrs.evolve(
        base, evaluator=sent.evaluator, rows=tuple(rows), actuals=actuals, problems=tuple(problems + found)
    )
