"""The ente's evaluations and indicators as a grid of cells, read from its CSV files or ``ente.xlsx`` and
written back changing only what the merge changed: a CSV's other records byte for byte
(:mod:`.csvedit`), a workbook's other cells, formulas and parts untouched (:mod:`.xlsxedit`). Only after a
copy of every file replaced is saved in the collection's ``backup/`` folder (named to the user), by a new
file renamed over the old one, never through a link, and never over a file changed since it was read."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import attrs
import openpyxl

from ciclope.core.fmt import quoted
from ciclope.core.inputs.loading import SHEET_ALIASES, column_code, header_label
from ciclope.core.inputs.tables import read_csv
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.raccolta import csvedit, layout, xlsxedit
from ciclope.core.vocabulary import sheet_it

NAMES = ("evaluations", "indicators")  # the tables a merge writes
# valutatori.csv (the sheet «valutatori»): read with them, never written; the merge keeps apart the card of each
# evaluator of a person listed there (:func:`ciclope.core.raccolta.merge.listed`)
PERIODS = "evaluator_periods"


@attrs.define
class Grid:
    """A sheet's header and rows (cell values as read: text from a CSV, numbers or text from a workbook),
    with what was read, to write back only the cells changed."""

    name: str
    title: str  # the file or sheet it came from: evaluations.csv, ente.xlsx[valutazioni]
    header: list[str]
    rows: list[list[Any]]
    sheet: str = ""  # the workbook sheet's title; "" for a CSV
    header0: list[str] = attrs.field(factory=list)  # the header as read
    origin: list[list[Any]] = attrs.field(factory=list)  # the rows as read (kept: their ids stay unique)
    was: dict[int, tuple[int, list[str]]] = attrs.field(factory=dict)  # id(row) → (place, texts as read)
    occupied: set[int] = attrs.field(factory=set)  # columns right of the header holding a value
    percent: set[tuple[int, int]] = attrs.field(factory=set)  # (id(row), column) of a number shown as a percentage

    def __attrs_post_init__(self) -> None:
        self.header0 = list(self.header)
        self.origin = list(self.rows)

    def place(self, first: int) -> None:
        """Number the rows as read: record ``first`` (CSV) or sheet row ``first`` (workbook) onward."""
        self.was = {id(row): (first + k, [layout.text(v) for v in row]) for k, row in enumerate(self.rows)}

    def code(self, header: str) -> str:
        """A header's column code: «persona» is person (the template's Italian headers)."""
        return column_code(self.name, header)

    def index(self, name: str) -> int:
        """The index of the column whose code is ``name`` (as written or in Italian); -1 when missing."""
        if name in self.header:
            return self.header.index(name)
        return next((k for k, h in enumerate(self.header) if self.code(h) == name), -1)

    def column(self, name: str) -> int:
        """The column's index, added at the end when missing (never over a value typed right of the table) under
        the Italian header the office writes («peso», «motivazione», «consuntivo»), whatever words the file's
        other headers use: the loader reads both, and an office reads back only its own language."""
        if self.index(name) < 0:
            k, label = len(self.header), header_label(self.name, name)
            if k in self.occupied:
                raise _refuse(
                    Path(self.title),
                    f"{self.title}: la colonna {xlsxedit.letter(k + 1)} a destra della tabella contiene note "
                    f"senza intestazione; l'unione vi aggiungerebbe la colonna {quoted(label)}: sposta le note o "
                    "aggiungi tu le intestazioni x_raccolta_cartella, x_raccolta_valutatore, x_raccolta_ricevuta",
                )
            self.header.append(label)
            for row in self.rows:
                row.extend([None] * (len(self.header) - len(row)))
        return self.index(name)

    def get(self, row: list[Any], name: str) -> str:
        k = self.index(name)
        return layout.text(row[k]) if 0 <= k < len(row) else ""

    def as_percent(self, row: list[Any], name: str) -> bool:
        """Whether the office wrote the row's cell of column ``name`` as a percentage: the text «95%», or a
        number its spreadsheet shows as one (0,95 in a cell formatted «0%»)."""
        k = self.index(name)
        return 0 <= k < len(row) and (layout.text(row[k]).endswith("%") or (id(row), k) in self.percent)

    def texts(self) -> list[list[str]]:
        return [list(self.header)] + [[layout.text(v) for v in row] for row in self.rows]


@attrs.frozen
class Source:
    folder: Path
    xlsx: bool
    read_as: dict[str, bytes] = attrs.field(factory=dict, eq=False)  # file name → the bytes read

    @property
    def files(self) -> list[Path]:
        if self.xlsx:
            return [self.folder / "ente.xlsx"]
        return [self.csv(name) for name in NAMES]

    def csv(self, name: str) -> Path:
        """The folder's file of the table ``name`` under whichever name the office gave it (``valutazioni.csv``,
        ``evaluations.csv``: the loader reads both), the Italian name when there is none. Two files for one
        table are the loader's error; the merge reads and writes the first by name."""
        found = sorted(
            p
            for p in self.folder.glob("*.csv")
            if SHEET_ALIASES.get(p.stem.strip().lower(), p.stem.strip().lower()) == name
        )
        return found[0] if found else self.folder / f"{sheet_it(name)}.csv"


def source(folder: Path) -> Source:
    return Source(folder, (folder / "ente.xlsx").exists())


def _refuse(path: Path, message: str) -> CiclopeError:
    return CiclopeError([Problem(rule="raccolta.dati", file=str(path), message=message)])


def _no_repeats(grid: Grid, path: Path) -> None:
    """A merge refuses a header naming a column twice: which of the two the loader reads is not its choice."""
    codes = [grid.code(h) for h in grid.header if h]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise _refuse(
            path,
            f"{grid.title}: colonna ripetuta nell'intestazione ({', '.join(twice)}): correggi l'intestazione "
            "prima di unire la raccolta",
        )


def read(src: Source) -> dict[str, Grid]:
    return _read_xlsx(src) if src.xlsx else _read_csvs(src)


def _regular(path: Path) -> bytes:
    if path.is_symlink() or not path.is_file():
        raise _refuse(path, f"{path} non è un file normale (un collegamento, una cartella o un file speciale)")
    return path.read_bytes()


def _read_csvs(src: Source) -> dict[str, Grid]:
    grids = {}
    for name in (*NAMES, PERIODS):
        path = src.csv(name)
        if not path.exists() and not path.is_symlink():
            grids[name] = Grid(name, path.name, [], [])
            continue
        data = _regular(path)
        problems: list[Problem] = []
        if read_csv(path, name, problems, raw=data) is None:
            raise CiclopeError(problems)
        src.read_as[path.name] = data
        text = csvedit.parse(data)
        header = [h.strip() for h in text.cells[0]] if text.cells else []
        # a record shorter than the header is valid (its missing cells are empty): filled here, so that a merge
        # writes any column of it; written back as read unless a cell of it changes (csvedit.same)
        rows = [list(r) + [""] * (len(header) - len(r)) for r in text.cells[1:]]
        grid = Grid(name, path.name, header, rows)
        grid.place(1)
        grid.occupied = {k for r in grid.rows for k in range(len(header), len(r)) if r[k].strip()}
        _no_repeats(grid, path)
        grids[name] = grid
    return grids


def _sheet_of(wb: Any, name: str) -> Any:
    for title in wb.sheetnames:
        if SHEET_ALIASES.get(title.strip().lower(), title.strip()) == name:
            return wb[title]
    return None


def _read_xlsx(src: Source) -> dict[str, Grid]:
    path = src.folder / "ente.xlsx"
    data = _regular(path)
    src.read_as[path.name] = data
    wb = openpyxl.load_workbook(io.BytesIO(data))  # formulas as written: a formula cell is never replaced
    grids = {}
    for name in (*NAMES, PERIODS):
        ws = _sheet_of(wb, name)
        if ws is None:
            grids[name] = Grid(name, f"ente.xlsx[{name}]", [], [])
            continue
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        while values and not any(v not in (None, "") for v in values[-1]):
            values.pop()
        header = [layout.text(v) for v in values[0]] if values else []
        while header and not header[-1]:
            header.pop()
        rows = [(r + [None] * len(header))[: len(header)] for r in values[1:]]
        grid = Grid(name, f"ente.xlsx[{ws.title}]", header, rows, sheet=ws.title)
        grid.percent = _percent_cells(ws, rows)
        grid.place(2)
        grid.occupied = {k for r in values for k in range(len(header), len(r)) if layout.text(r[k])}
        _no_repeats(grid, path)
        grids[name] = grid
    return grids


def _percent_cells(ws: Any, rows: list[list[Any]]) -> set[tuple[int, int]]:
    """(id(row), column) of each number of ``rows`` (the sheet's rows after the header) its cell shows as a
    percentage."""
    out = set()
    for row, cells in zip(rows, ws.iter_rows(min_row=2, max_row=len(rows) + 1, max_col=len(rows[0]) if rows else 1)):
        for k, cell in enumerate(cells):
            if isinstance(cell.value, (int, float)) and "%" in (cell.number_format or ""):
                out.add((id(row), k))
    return out


def _csv_bytes(grid: Grid, data: bytes) -> bytes:
    text = csvedit.parse(data) if data else csvedit.CsvText("utf-8", False, ",", "\n", [], [])
    pieces = [text.raw[0] if text.raw and grid.header == grid.header0 else csvedit.record(grid.header, text)]
    for row in grid.rows:
        texts = [layout.text(v) for v in row]
        place, before = grid.was.get(id(row), (-1, []))
        pieces.append(text.raw[place] if place >= 0 and csvedit.same(before, texts) else csvedit.record(texts, text))
    try:
        return csvedit.dumps(text, pieces)
    except UnicodeEncodeError as exc:
        raise _refuse(
            Path(grid.title),
            f"{grid.title} è in codifica Windows-1252 e un valore da unire contiene {quoted(exc.object[exc.start])}, "
            "che non vi si può scrivere: salva il file come CSV UTF-8 e rilancia",
        ) from None


def _sheet_edits(grid: Grid) -> xlsxedit.Edits:
    """The cells to write so that the sheet reads as ``grid``: changed cells only; new rows first into the
    rows the merge freed (a card replaced), then below the table."""
    edits: xlsxedit.Edits = {}
    for k, h in enumerate(grid.header):
        if k >= len(grid.header0) or h != grid.header0[k]:
            edits[(1, k + 1)] = h
    kept = {id(r) for r in grid.rows}
    free = sorted(place for key, (place, _) in grid.was.items() if key not in kept)
    before_of = {place: texts for place, texts in grid.was.values()}
    below = len(grid.origin) + 2
    for row in grid.rows:
        place, before = grid.was.get(id(row), (-1, []))
        if place < 0:
            if free:
                place = free.pop(0)
                before = before_of[place]
            else:
                place, below = below, below + 1
        for k, value in enumerate(row):
            old = before[k] if k < len(before) else ""
            if layout.text(value) != old:
                edits[(place, k + 1)] = value
    for place in free:  # rows of a card replaced by a shorter one
        for k, old in enumerate(before_of[place]):
            if old:
                edits[(place, k + 1)] = None
    return edits


def cells_changed(grids: dict[str, Grid]) -> int:
    """How many cells the merge writes (header cells included), for the office's message."""
    return sum(len(_sheet_edits(grids[name])) for name in NAMES)


def _xlsx_bytes(data: bytes, grids: dict[str, Grid], changed: set[str], path: Path) -> bytes:
    for name in sorted(changed):
        if not grids[name].sheet:
            raise _refuse(
                path,
                f"ente.xlsx non ha il foglio {quoted(name)}: aggiungilo con la sua intestazione (ciclope template)",
            )
    try:
        edits = {grids[name].sheet: _sheet_edits(grids[name]) for name in NAMES if grids[name].sheet}
        return xlsxedit.apply(data, edits)
    except xlsxedit.EditError as exc:
        raise _refuse(path, f"ente.xlsx non modificabile cella per cella: {exc}; nessun dato è cambiato") from None


def _replace(path: Path, data: bytes, was: bytes | None) -> None:
    """``data`` under ``path``: a new file renamed over the name (a kill leaves the old file or the new one),
    never over a file changed since it was read (``was``: its bytes then; None: there was none)."""
    if path.is_symlink():
        raise _refuse(path, f"{path} è un collegamento simbolico: non lo seguo e non lo sostituisco")
    now = path.read_bytes() if path.exists() else None
    if (None if now is None else hashlib.sha256(now).digest()) != (
        None if was is None else hashlib.sha256(was).digest()
    ):
        raise _refuse(path, f"{path} è cambiato durante l'unione (salvato da un altro programma?): rilancia l'unione")
    fd, tmp = tempfile.mkstemp(prefix=".ciclope-tmp.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write(src: Source, grids: dict[str, Grid], changed: set[str], backup_root: Path) -> tuple[list[Path], Path | None]:
    """Write the grids named in ``changed``; a copy of each existing file replaced goes first into a new
    folder of ``backup_root`` (returned). Returns the files written and the backup folder (None: no file
    existed before). Every new content is computed before any file is touched."""
    if src.xlsx:
        path = src.folder / "ente.xlsx"
        contents = {path: _xlsx_bytes(src.read_as[path.name], grids, changed, path)}
    else:
        contents = {}
        for name in sorted(changed):
            path = src.csv(name)
            contents[path] = _csv_bytes(grids[name], src.read_as.get(path.name, b""))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = None
    existing = [p for p in contents if p.exists()]
    if existing:
        name, n = stamp, 2
        while (backup_root / name).exists():
            name, n = f"{stamp}-{n}", n + 1
        backup = owned.folder_inside(backup_root.parent, Path(backup_root.name) / name)
        for path in existing:
            shutil.copy2(path, backup / path.name)
    for path, data in contents.items():
        _replace(path, data, src.read_as.get(path.name))
    return list(contents), backup
