"""The ente's evaluations and indicators as a grid of cells, read from its CSV files or ``ente.xlsx`` and
written back: only after a copy of every file replaced is saved in the collection's ``backup/`` folder
(named to the user), by a new file renamed over the old one, never through a link."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import attrs

from ..loading import SHEET_ALIASES, column_code
from ..problems import CiclopeError, Problem
from ..tables import read_csv
from . import layout

NAMES = ("evaluations", "indicators")


@attrs.define
class Grid:
    """A sheet's header and rows (cell values as read: text from a CSV, numbers or text from a workbook)."""

    name: str
    title: str  # the file or sheet it came from: evaluations.csv, ente.xlsx[valutazioni]
    header: list[str]
    rows: list[list[Any]]

    def code(self, header: str) -> str:
        """A header's column code: «persona» is person (the template's Italian headers)."""
        return column_code(self.name, header)

    def index(self, name: str) -> int:
        """The index of the column whose code is ``name`` (as written or in Italian); -1 when missing."""
        if name in self.header:
            return self.header.index(name)
        return next((k for k, h in enumerate(self.header) if self.code(h) == name), -1)

    def column(self, name: str) -> int:
        """The column's index, added at the end when missing."""
        if self.index(name) < 0:
            self.header.append(name)
            for row in self.rows:
                row.append(None)
        return self.index(name)

    def get(self, row: list[Any], name: str) -> str:
        k = self.index(name)
        return layout.text(row[k]) if 0 <= k < len(row) else ""

    def texts(self) -> list[list[str]]:
        return [list(self.header)] + [[layout.text(v) for v in row] for row in self.rows]


@attrs.frozen
class Source:
    folder: Path
    xlsx: bool

    @property
    def files(self) -> list[Path]:
        if self.xlsx:
            return [self.folder / "ente.xlsx"]
        return [self.folder / f"{name}.csv" for name in NAMES]


def source(folder: Path) -> Source:
    return Source(folder, (folder / "ente.xlsx").exists())


def _refuse(path: Path, message: str) -> CiclopeError:
    return CiclopeError([Problem(rule="raccolta.dati", file=str(path), message=message)])


def read(src: Source) -> dict[str, Grid]:
    return _read_xlsx(src.folder / "ente.xlsx") if src.xlsx else _read_csvs(src.folder)


def _read_csvs(folder: Path) -> dict[str, Grid]:
    grids = {}
    for name in NAMES:
        path = folder / f"{name}.csv"
        if not path.exists():
            grids[name] = Grid(name, path.name, [], [])
            continue
        problems: list[Problem] = []
        sheet = read_csv(path, name, problems)
        if sheet is None:
            raise CiclopeError(problems)
        rows = [list(r) for r in zip(*(sheet.columns[c] for c in sheet.header))] if sheet.header else []
        grids[name] = Grid(name, path.name, list(sheet.header), rows)
    return grids


def _sheet_of(wb: Any, name: str) -> Any:
    for title in wb.sheetnames:
        if SHEET_ALIASES.get(title.strip().lower(), title.strip()) == name:
            return wb[title]
    return None


def _read_xlsx(path: Path) -> dict[str, Grid]:
    import openpyxl

    wb = openpyxl.load_workbook(path)  # formulas kept as written: the sheet is written back as read
    grids = {}
    for name in NAMES:
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
        grids[name] = Grid(name, f"ente.xlsx[{ws.title}]", header, rows)
    return grids


def _csv_bytes(grid: Grid) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(grid.header)
    writer.writerows([layout.text(v) for v in row] for row in grid.rows)
    return out.getvalue().encode("utf-8")


def _xlsx_bytes(path: Path, grids: dict[str, Grid]) -> bytes:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for name, grid in grids.items():
        ws = _sheet_of(wb, name) or wb.create_sheet(name)
        if ws.max_row:
            ws.delete_rows(1, ws.max_row)
        ws.append(grid.header)
        for row in grid.rows:
            ws.append(row)
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


def _replace(path: Path, data: bytes) -> None:
    """``data`` under ``path``: a new file renamed over the name (a kill leaves the old file or the new one)."""
    if path.is_symlink():
        raise _refuse(path, f"{path} è un collegamento simbolico: non lo seguo e non lo sostituisco")
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
    existed before)."""
    from .. import owned

    targets = (
        {src.folder / "ente.xlsx": grids} if src.xlsx else {src.folder / f"{n}.csv": {n: grids[n]} for n in changed}
    )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = None
    existing = [p for p in targets if p.exists()]
    if existing:
        name, n = stamp, 2
        while (backup_root / name).exists():
            name, n = f"{stamp}-{n}", n + 1
        backup = owned.folder_inside(backup_root.parent, Path(backup_root.name) / name)
        for path in existing:
            shutil.copy2(path, backup / path.name)
    for path, chosen in targets.items():
        _replace(path, _xlsx_bytes(path, chosen) if src.xlsx else _csv_bytes(next(iter(chosen.values()))))
    return list(targets), backup
