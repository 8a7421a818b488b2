"""Published CSV files in the dialect of Italian Excel and LibreOffice (SPEC §11): ``;`` between cells,
the decimal comma, a UTF-8 byte order mark (so Excel reads the accents) and CRLF line ends.

A number is written without thousands separators (``1234,56``), which every Italian spreadsheet reads
as a number; a text that would start a formula gets a leading apostrophe (:func:`safe.cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from ciclope.core.reports.safe import cell

BOM = "\ufeff"


def number(value: Decimal | int | None) -> str:
    """``Decimal("1234.50")`` → ``1234,50``; None → empty."""
    if value is None:
        return ""
    return str(value).replace(".", ",")


def text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([cell(v) for v in row])
    return BOM + buf.getvalue()


def write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    path.write_text(text(header, rows), encoding="utf-8", newline="")


def read(path: Path) -> list[list[str]]:
    """The rows of a CSV written by :func:`write` (header first), for tools and tests."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))
