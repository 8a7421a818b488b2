"""Cells written into an ``ente.xlsx`` without rewriting the workbook: only the ``<row>`` elements that hold a
changed cell are rebuilt in the sheet's XML, every other part of the file (formulas, notes, styles, other
sheets) is copied as it was. A cell written is a number or an inline string, never a formula; a cell holding a
formula is never overwritten (the edit is refused whole).

A formula's cached value is what a spreadsheet shows until it recalculates, and one that read the merged cells
(«manca» beside a consuntivo now filled) would go on showing the value of before: once a cell is written, every
formula of the workbook loses its cached value and the workbook asks for a full calculation on load
(``fullCalcOnLoad``), so Excel and LibreOffice alike compute each formula again when the office opens it. Until
the office saves it so, ciclope itself refuses to read a formula without its value (core/inputs/tables.py), and
:func:`formulas` counts them for the merge to say so."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

import attrs

from ciclope.core.fmt import quoted
from ciclope.core.inputs.xlsxnames import sheet_titles
from ciclope.core.values import percent_format

Edits = dict[tuple[int, int], Any]  # (row, column), 1-based → value; None empties the cell


@attrs.frozen
class Percent:
    """A number the office writes as a percentage (an actual of an indicator whose target is «95%»): written as the
    number, shown as a percentage (``0%``, or ``0.00%`` for one with decimals), never as a bare 0,97."""

    value: Decimal

    def __str__(self) -> str:  # compared as the number it is (layout.text)
        return format(self.value.normalize(), "f")

    @property
    def number_format(self) -> str:
        return percent_format(self.value)


# the spreadsheet's built-in number formats of a percentage (ECMA-376 §18.8.30): no need to declare them
_BUILTIN = {"0%": 9, "0.00%": 10}
_CELL_XFS = re.compile(rb"<cellXfs\b([^>]*?)(?:/>|>(.*?)</cellXfs>)", re.S)
_COUNT = re.compile(rb"""\s+count=["'][^"']*["']""")

_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData\b[^>]*>(.*?)</sheetData>", re.S)
_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_R = re.compile(rb"""\br=["']([A-Z]*)(\d+)["']""")
_S = re.compile(rb"""\bs=["'](\d+)["']""")
_SPANS = re.compile(rb"""\s*\bspans=["'][^"']*["']""")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DIMENSION = re.compile(rb"""<dimension\b[^>]*?\bref=["']([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?["'][^>]*/>""")


class EditError(ValueError):
    """The workbook cannot be edited cell by cell (the reason in Italian)."""


def letter(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def _cell_xml(row: int, column: int, value: Any, style: bytes | None, styles: Mapping[str, bytes]) -> bytes:
    if isinstance(value, Percent):  # the number, with the style of its percentage (the cell's own when none)
        style, value = styles.get(value.number_format, style), value.value
    ref = f"{letter(column)}{row}".encode()
    s = b' s="' + style + b'"' if style else b""
    if isinstance(value, bool):
        return b'<c r="' + ref + b'"' + s + b' t="b"><v>' + (b"1" if value else b"0") + b"</v></c>"
    if isinstance(value, (int, float, Decimal)):
        return b'<c r="' + ref + b'"' + s + b"><v>" + str(value).encode() + b"</v></c>"
    if _ILLEGAL.search(str(value)):
        raise EditError(f"il valore per la cella {ref.decode()} contiene un carattere di controllo")
    text = escape(str(value)).encode("utf-8")
    return b'<c r="' + ref + b'"' + s + b' t="inlineStr"><is><t xml:space="preserve">' + text + b"</t></is></c>"


def _edit_row(
    number_: int, attrs_: bytes, inner: bytes, edits: dict[int, Any], styles: Mapping[str, bytes] | None = None
) -> bytes:
    cells: dict[int, bytes] = {}
    own: dict[int, bytes] = {}  # the style of each cell there
    for found in _CELL.finditer(inner):
        ref = _R.search(found.group(1))
        if ref is None or not ref.group(1):
            raise EditError(f"la riga {number_} ha celle senza riferimento")
        column = number(ref.group(1))
        cells[column] = found.group(0)
        style = _S.search(found.group(1))
        if style:
            own[column] = style.group(1)
    for column, value in edits.items():
        old = cells.get(column, b"")
        if b"<f" in old:
            raise EditError(f"la cella {letter(column)}{number_} contiene una formula: non la sostituisco")
        if value is None or value == "":
            cells.pop(column, None)
        else:
            cells[column] = _cell_xml(number_, column, value, own.get(column), styles or {})
    body = b"".join(cells[k] for k in sorted(cells))
    return b"<row" + _SPANS.sub(b"", attrs_) + b">" + body + b"</row>"


def _rows(data: bytes) -> list[tuple[int, int, int, bytes, bytes]]:
    """(row number, start, end, attributes, content) of every ``<row>`` of ``data``."""
    out = []
    for found in _ROW.finditer(data):
        ref = _R.search(found.group(1))
        if ref is None:
            raise EditError("righe senza numero nel foglio")
        out.append((int(ref.group(2)), found.start(), found.end(), found.group(1), found.group(2) or b""))
    return out


def _dimension(xml: bytes, last_row: int, last_column: int) -> bytes:
    found = _DIMENSION.search(xml)
    if found is None:
        return xml
    end_col = number(found.group(3) or found.group(1))
    end_row = int(found.group(4) or found.group(2))
    if end_row >= last_row and end_col >= last_column:
        return xml
    ref = f"{found.group(1).decode()}{found.group(2).decode()}:{letter(max(end_col, last_column))}{max(end_row, last_row)}"
    return xml[: found.start()] + b'<dimension ref="' + ref.encode() + b'"/>' + xml[found.end() :]


def edit_sheet(xml: bytes, edits: Edits, styles: Mapping[str, bytes] | None = None) -> bytes:
    """The sheet's XML with ``edits`` applied; every row without an edit left byte for byte. ``styles``: a
    percentage's number format → the index of the workbook's style that shows it (:func:`percent_styles`)."""
    found = _SHEET_DATA.search(xml)
    if found is None:
        raise EditError("il foglio non ha il formato atteso (sheetData)")
    if found.group(1) is None:  # an empty sheet
        xml = xml[: found.start()] + b"<sheetData></sheetData>" + xml[found.end() :]
        found = _SHEET_DATA.search(xml)
        assert found is not None
    start, data = found.start(1), found.group(1)
    by_row: dict[int, dict[int, Any]] = {}
    for (row, column), value in edits.items():
        by_row.setdefault(row, {})[column] = value
    rows = _rows(data)
    present = {r[0]: r for r in rows}
    pieces, at = [], 0
    pending = sorted(r for r in by_row if r not in present)
    for number_, begin, end, attrs_, inner in rows:
        while pending and pending[0] < number_:
            pieces.append(_edit_row(pending[0], b' r="%d"' % pending[0], b"", by_row[pending.pop(0)], styles))
        pieces.append(data[at:begin])
        pieces.append(
            _edit_row(number_, attrs_, inner, by_row[number_], styles) if number_ in by_row else data[begin:end]
        )
        at = end
    pieces.append(data[at:])
    pieces += [_edit_row(n, b' r="%d"' % n, b"", by_row[n], styles) for n in pending]
    new = b"".join(pieces)
    columns = [c for (_, c) in edits] or [1]
    out = xml[:start] + new + xml[start + len(data) :]
    return _dimension(out, max(by_row, default=1), max(columns))


_V = re.compile(rb"<v>.*?</v>|<v\s*/>", re.S)
_T = re.compile(rb"""\s+t=["'][^"']*["']""")
_CALC_PR = re.compile(rb"<calcPr\b([^>]*?)(/?)>")
_FULL_CALC = re.compile(rb"""\s+fullCalcOnLoad=["'][^"']*["']""")
# the elements a workbook part may hold after <calcPr>, in the schema's order: calcPr goes before the first
_AFTER_CALC_PR = (b"<oleSize", b"<customWorkbookViews", b"<pivotCaches", b"<smartTagPr", b"<smartTags",
                  b"<webPublishing", b"<fileRecoveryPr", b"<webPublishObjects", b"<extLst", b"</workbook>")  # fmt: skip


def _uncached(xml: bytes) -> bytes:
    """The sheet's XML with every formula cell's cached value (and the value's type) taken away."""

    def drop(found: re.Match[bytes]) -> bytes:
        inner = found.group(2)
        if inner is None or b"<f" not in inner:
            return found.group(0)
        return b"<c" + _T.sub(b"", found.group(1)) + b">" + _V.sub(b"", inner) + b"</c>"

    return _CELL.sub(drop, xml) if b"<f" in xml else xml


def _calculate_on_load(xml: bytes) -> bytes:
    """``xl/workbook.xml`` asking for a full calculation when the workbook is opened."""
    found = _CALC_PR.search(xml)
    if found is not None and re.search(rb"""\bfullCalcOnLoad=["'](1|true)["']""", found.group(1)):
        return xml  # asked already (openpyxl writes it): the part stays byte for byte
    if found is not None:
        attrs_ = _FULL_CALC.sub(b"", found.group(1)).rstrip()
        return (
            xml[: found.start()]
            + b"<calcPr"
            + attrs_
            + b' fullCalcOnLoad="1"'
            + found.group(2)
            + b">"
            + xml[found.end() :]
        )
    at = min((i for i in (xml.find(tag) for tag in _AFTER_CALC_PR) if i >= 0), default=-1)
    return xml if at < 0 else xml[:at] + b'<calcPr fullCalcOnLoad="1"/>' + xml[at:]


def formulas(data: bytes) -> int:
    """How many formula cells the workbook's sheets hold."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = [n for n in zf.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]
        return sum(1 for n in sheets for found in _CELL.finditer(zf.read(n)) if b"<f" in (found.group(2) or b""))


def percent_styles(xml: bytes, formats: Iterable[str]) -> tuple[bytes, dict[str, bytes]]:
    """``xl/styles.xml`` with a cell style for each percentage number format of ``formats`` added at the end of its
    ``cellXfs``, and format → the new style's index; the part as it was, and no style, when it has no ``cellXfs``."""
    found = _CELL_XFS.search(xml)
    wanted = sorted(set(formats))
    if found is None or not wanted:
        return xml, {}
    inner = found.group(2) or b""
    first = len(re.findall(rb"<xf\b", inner))
    added = b"".join(
        b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' % _BUILTIN[f]
        for f in wanted
    )
    attrs_ = _COUNT.sub(b"", found.group(1)) + b' count="%d"' % (first + len(wanted))
    part = b"<cellXfs" + attrs_ + b">" + inner + added + b"</cellXfs>"
    return xml[: found.start()] + part + xml[found.end() :], {f: b"%d" % (first + k) for k, f in enumerate(wanted)}


def apply(data: bytes, edits: dict[str, Edits]) -> bytes:
    """The workbook ``data`` with ``edits`` (sheet title → cells) applied; every other part copied as is."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise EditError("non è una cartella di lavoro .xlsx leggibile") from exc
    parts = {title: part for part, title in sheet_titles(zin).items()}
    wanted = {}
    for title, cells in edits.items():
        if cells:
            if title not in parts:
                raise EditError(f"foglio {quoted(title)} non trovato nell'indice della cartella di lavoro")
            wanted[parts[title]] = cells
    formats = [v.number_format for cells in wanted.values() for v in cells.values() if isinstance(v, Percent)]
    part = "xl/styles.xml"
    styled, styles = percent_styles(zin.read(part), formats) if formats and part in zin.namelist() else (b"", {})
    out = io.BytesIO()
    with zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = styled if styles and info.filename == part else zin.read(info)
            if info.filename in wanted:
                body = edit_sheet(body, wanted[info.filename], styles)
            if wanted and re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                body = _uncached(body)
            elif wanted and info.filename == "xl/workbook.xml":
                body = _calculate_on_load(body)
            zout.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def used(data: bytes, title: str) -> Iterable[tuple[int, int]]:
    """Every (row, column) of the sheet ``title`` that holds a cell element."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {t: p for p, t in sheet_titles(zf).items()}
        xml = zf.read(parts[title]) if title in parts else b""
    for found in _CELL.finditer(xml):
        ref = _R.search(found.group(1))
        if ref is not None and ref.group(1):
            yield int(ref.group(2)), number(ref.group(1))
