"""An office's collection to attack: the Comunità montana of ``office_year`` with its data as ``ente.xlsx``
or as CSV files, ``raccolta crea`` run, and the helpers that return a workbook as an evaluator would."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
from office_year import CYCLE_TOML, ENTE_TOML, collect, prepare, rows

from ciclope.core.inputs.loading import column_code


def xlsx_office(folder: Path) -> Path:
    """The office with ``ente.xlsx``; returns cycle.toml (the collection not yet created)."""
    return prepare(folder)


def csv_office(folder: Path, extra_indicators: list[dict[str, object]] = ()) -> Path:
    """The office with one CSV file per sheet (headers as codes); returns cycle.toml."""
    ente = folder / "ente"
    ente.mkdir()
    data = rows()
    data["indicators"] = data["indicators"] + list(extra_indicators)
    for sheet, records in data.items():
        header = list(dict.fromkeys(k for r in records for k in r))
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows([r.get(h, "") for h in header] for r in records)
        (ente / f"{sheet}.csv").write_text(out.getvalue(), encoding="utf-8")
    (ente / "ente.toml").write_text(ENTE_TOML, encoding="utf-8")
    cycle = folder / "cycle.toml"
    cycle.write_text(CYCLE_TOML, encoding="utf-8")
    return cycle


def add_indicator(xlsx: Path, record: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[next(t for t in wb.sheetnames if t.lower() in ("indicators", "indicatori"))]
    header = [column_code("indicators", _code(c.value)) for c in ws[1]]
    ws.append([record.get(h) for h in header])
    wb.save(xlsx)


def _code(header: object) -> str:
    text = str(header)
    return text[text.rindex("(") + 1 : -1] if text.endswith(")") and "(" in text else text


def create(cycle: Path, out: Path) -> Path:
    return collect(cycle, out)


def fill(src: Path, dest: Path, points: int = 9, actuals: dict[str, object] | None = None) -> None:
    """The evaluator's workbook returned: ``points`` (at most each item's maximum) everywhere, and
    ``actuals`` by indicator id (a str beginning with = is typed as a formula; ``("text", s)`` as text)."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Schede"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 8).value = min(points, ws.cell(row, 6).value)
    wi = wb["Indicatori"]
    for row in range(2, wi.max_row + 1):
        ident = wi.cell(row, 1).value
        if actuals and ident in actuals:
            value = actuals[ident]
            cell = wi.cell(row, 6)
            if isinstance(value, tuple):
                cell.value = value[1]
                cell.data_type = "s"
            else:
                cell.value = value
    wb.save(dest)


STYLES = "xl/styles.xml"
_CELL_XFS = re.compile(rb"<cellXfs[^>]*>(.*?)</cellXfs>", re.S)


def styles_kept(before: bytes, after: bytes) -> bool:
    """An office's workbook styles after a merge: every one as it was, in its place; at most cell styles added at the
    end of ``cellXfs`` (an actual of a percentage indicator written as a percentage needs its number format)."""
    old, new = _CELL_XFS.search(before), _CELL_XFS.search(after)
    if old is None or new is None:
        return before == after
    kept = before[: old.start()] == after[: new.start()] and before[old.end() :] == after[new.end() :]
    return kept and new.group(1).startswith(old.group(1))
