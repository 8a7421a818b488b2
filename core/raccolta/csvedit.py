"""An ente's CSV file as its records and the exact text of each, so that a merge rewrites only the rows it
changes: every other record (a blank line, a row wider than the header, a long cell, a comment typed
after the last column) is written back byte for byte, in the file's own encoding, delimiter and line end."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import attrs

BOM = "\ufeff"
_DECIMAL = re.compile(r"-?\d+\.\d+")


@attrs.define
class CsvText:
    """A CSV file split into records: ``raw[k]`` is the exact text of ``cells[k]`` (record 0: the header)."""

    encoding: str  # utf-8 or cp1252, as the loader reads it
    bom: bool
    delimiter: str
    newline: str
    raw: list[str]
    cells: list[list[str]]


def _decode(data: bytes) -> tuple[str, str, bool]:
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252"), "cp1252"  # the loader refused anything else before
    bom = text.startswith(BOM)
    return (text[1:] if bom else text), encoding, bom


def _lines(text: str, taken: list[str]) -> Iterator[str]:
    """The physical lines of ``text`` (``\\n``, ``\\r\\n`` or ``\\r`` kept), each also noted in ``taken``."""
    for line in io.StringIO(text, newline=""):
        taken.append(line)
        yield line


def parse(data: bytes) -> CsvText:
    text, encoding, bom = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    newline = "\r\n" if "\r\n" in text[: len(first) + 2] else "\n"
    taken: list[str] = []
    raw, cells = [], []
    for record in csv.reader(_lines(text, taken), delimiter=delimiter):
        raw.append("".join(taken))
        taken.clear()
        cells.append(record)
    if taken:  # a last quoted cell left open: kept as it is
        raw.append("".join(taken))
        cells.append([])
    return CsvText(encoding, bom, delimiter, newline, raw, cells)


def _cell(value: str, delimiter: str) -> str:
    if delimiter == ";" and _DECIMAL.fullmatch(value):
        return value.replace(".", ",")  # an Italian CSV: the decimal comma (a dot and 3 digits is ambiguous)
    return value


def record(cells: list[str], src: CsvText) -> str:
    # the writer quotes a cell holding a character of its line terminator: "\r\n" makes it quote a lone "\r" or
    # "\n" too (with "\n" alone, a cell "a\rb" would be written bare and read back as two lines)
    out = io.StringIO()
    csv.writer(out, delimiter=src.delimiter, lineterminator="\r\n").writerow([_cell(c, src.delimiter) for c in cells])
    return out.getvalue().removesuffix("\r\n") + src.newline


def _trimmed(cells: list[Any]) -> list[str]:
    texts = ["" if c is None else str(c) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def same(a: list[Any], b: list[Any]) -> bool:
    """Two records alike but for empty cells at the end (a column added by the merge)."""
    return _trimmed(a) == _trimmed(b)


def dumps(src: CsvText, pieces: list[str]) -> bytes:
    """The file of ``pieces`` (records' texts), each ending its line before the next begins."""
    out = []
    for k, piece in enumerate(pieces):
        out.append(piece)
        if k + 1 < len(pieces) and not piece.endswith(("\n", "\r")):
            out.append(src.newline)
    return ((BOM if src.bom else "") + "".join(out)).encode(src.encoding)
