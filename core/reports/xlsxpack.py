"""The OOXML package around ``schede.xlsx``'s sheets, written as a stream.

openpyxl's write-only workbook pays a frame per sheet (a temporary file per sheet, an XML tree per
column, a second pass to make the zip deterministic) that costs more than the rows themselves. Here every part is a string with the bytes openpyxl 3.1
writes for the same workbook, and each sheet is compressed into the archive as soon as it is built,
so a big ente never holds its whole workbook in memory. Nothing here imports openpyxl (slow to import, at
a run's start-up): the style sheet is written by :mod:`.xlsxstyles`; the theme and the document
properties, the same in every workbook, are openpyxl's bytes kept in ``xlsxparts/`` (the dates fixed;
tests/core/reports/test_xlsx_styles.py makes them again with openpyxl and compares).

The zip container is written here too, with the bytes :mod:`zipfile` writes (local header, deflated
data at :data:`LEVEL`, central directory): the parts that are the same in every workbook (properties,
theme, package relationships, a style sheet already seen) are compressed once per process instead
of once per workbook. :mod:`zipfile` itself (``ZipFile.open(info, "w")`` at the same level and dates) gives
the same bytes but deflates those parts for every workbook: measured with ``bench/run.py --sizes 30
--steps-only --repeat 15``, ``schede.xlsx`` took 10-17% longer for an ente of 300 people (docs/performance.md).

``tests/core/run/test_scale.py`` keeps openpyxl's own writer as the oracle and compares every part, uncompressed,
with its entry's metadata, on real Results and on random workbooks; and zipfile as the oracle of the
container, byte for byte at the same level. ``tests/core/schede/test_schede_office.py`` opens the file in LibreOffice.
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Iterable
from datetime import datetime
from html import escape
from pathlib import Path

# Fixed metadata: a rerun with the same inputs gives the same bytes (SPEC §6).
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
CHUNK = 4 << 20  # characters of sheet XML compressed at a time
# Deflate level: 1, not the 6 of zipfile and openpyxl: a fraction of the CPU for a slightly larger file;
# the XML inside is the same byte for byte
# (tests/core/run/test_scale.py compares it with openpyxl's, tests/core/schede/test_schede_office.py opens it in LibreOffice).
LEVEL = 1
# zipfile's records: local file header, central directory entry, end of central directory
_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
DOS_TIME = (
    ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2,
    (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2],
)
ATTRIBUTES = 0o644 << 16  # -rw-r--r--, made on Unix (create_system 3)
ZIP64_LIMIT = (1 << 31) - 1
_DEFLATED: dict[bytes, tuple[int, int, bytes]] = {}  # a recurring part → (CRC, size, deflated)

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

SHEET_HEAD = f'<worksheet xmlns="{NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1" /><pageSetUpPr fitToPage="1" /></sheetPr>'
# printing: A4 landscape, every column on one page's width (as many pages down as needed), narrow margins;
# the header rows repeat on every page (the workbook's _xlnm.Print_Titles)
SHEET_TAIL = (
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3" />'
    '<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1" /></worksheet>'
)
CONTENT_TYPES_HEAD = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
    '<Default Extension="xml" ContentType="application/xml" />'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" />'
    '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml" />'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" />'
)
CONTENT_TYPES_TAIL = (
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" /></Types>'
)
ROOT_RELS = (
    f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Type="{REL}/officeDocument" Target="xl/workbook.xml" Id="rId1" />'
    f'<Relationship Type="{PKG_REL}/metadata/core-properties" Target="docProps/core.xml" Id="rId2" />'
    f'<Relationship Type="{REL}/extended-properties" Target="docProps/app.xml" Id="rId3" /></Relationships>'
)
WORKBOOK_HEAD = (
    f'<workbook xmlns:r="{REL}" xmlns="{NS}"><workbookPr /><workbookProtection /><bookViews>'
    '<workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" '
    'showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1" /></bookViews>'
)
WORKBOOK_TAIL = '<calcPr calcId="124519" fullCalcOnLoad="1" /></workbook>'
# what ElementTree escapes in an attribute value besides ``& < >``
ATTRIBUTE_ENTITIES = (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def attr_escape(text: str) -> str:
    """An XML attribute value escaped as ElementTree escapes it (what openpyxl writes with): the ``& < >`` of
    character data (:func:`html.escape` without quotes), then the double quote and the white space."""
    text = escape(text, quote=False)
    for char, entity in ATTRIBUTE_ENTITIES:
        if char in text:
            text = text.replace(char, entity)
    return text


def absolute(ref: str) -> str:
    """``A1:H7`` → ``$A$1:$H$7`` (openpyxl's ``absolute_coordinate``)."""
    return ":".join(_absolute(part) for part in ref.split(":"))


def _absolute(cell: str) -> str:
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters) :]
    if letters and digits and letters.isascii() and letters.isalpha() and letters.isupper() and digits.isascii():
        return f"${letters}${digits}"
    return cell


PARTS = Path(__file__).parent / "xlsxparts"


@functools.cache
def fixed_parts() -> tuple[bytes, bytes, bytes]:
    """docProps/app.xml, docProps/core.xml (creator ciclope, dates :data:`FIXED_TIME`) and the theme, as
    openpyxl 3.1 writes them."""
    return tuple((PARTS / name).read_bytes() for name in ("app.xml", "core.xml", "theme1.xml"))  # type: ignore[return-value]


class Package:
    """A ``schede.xlsx`` archive written part by part in openpyxl's order: properties, theme, each
    sheet as it is added, then the style sheet, the relationships, the workbook and the manifest."""

    def __init__(self) -> None:
        self.out: list[bytes] = []  # the archive so far
        self.size = 0  # its length
        self.entries: list[bytes] = []  # the central directory's records
        self.sheets: list[tuple[str, str | None]] = []  # (name, autofilter ref or None)
        self.titles: list[int] = []  # per sheet, the rows printed on top of every page (1..n)
        app, core, theme = fixed_parts()
        self.put_same("docProps/app.xml", app)
        self.put_same("docProps/core.xml", core)
        self.put_same("xl/theme/theme1.xml", theme)

    def put(self, name: str, chunks: Iterable[bytes]) -> None:
        """A part deflated as its chunks come (zipfile's ``ZipFile.open(name, "w")`` on a seekable file)."""
        deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        crc = size = 0
        data = []
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            data.append(deflate.compress(chunk))
        data.append(deflate.flush())
        self._entry(name, crc, size, data)

    def put_same(self, name: str, content: bytes) -> None:
        """A part whose content recurs from workbook to workbook: deflated once per process."""
        found = _DEFLATED.get(content)
        if found is None:
            deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
            found = (zlib.crc32(content), len(content), deflate.compress(content) + deflate.flush())
            if len(_DEFLATED) >= 64:  # the fixed parts and a few style sheets: bounded
                _DEFLATED.clear()
            _DEFLATED[content] = found
        crc, size, deflated = found
        self._entry(name, crc, size, [deflated])

    def _entry(self, name: str, crc: int, size: int, data: list[bytes]) -> None:
        filename = name.encode("ascii")
        compressed = sum(map(len, data))
        if size > ZIP64_LIMIT or compressed > ZIP64_LIMIT:  # zipfile, not asked for ZIP64, refuses too
            raise RuntimeError(f"{name}: part too large for a zip without ZIP64")
        offset = self.size
        self.out.append(_HEADER.pack(b"PK\x03\x04", 20, 0, 0, 8, *DOS_TIME, crc, compressed, size, len(filename), 0))
        self.out.append(filename)
        self.out.extend(data)
        self.size += _HEADER.size + len(filename) + compressed
        self.entries.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                20,
                3,
                20,
                0,
                0,
                8,
                *DOS_TIME,
                crc,
                compressed,
                size,
                len(filename),
                0,
                0,
                0,
                0,
                ATTRIBUTES,
                offset,
            )
            + filename
        )

    def sheet(
        self, name: str, widths: list[int | float], freeze_row: int, body: Iterable[str], autofilter: str | None
    ) -> None:
        """Compress one sheet as its ``<row>`` elements come from ``body`` (at least one: the header);
        ``freeze_row`` is the first row below the frozen pane."""
        self.sheets.append((name, autofilter))
        self.titles.append(freeze_row - 1)
        head = (
            f'{SHEET_HEAD}<sheetViews><sheetView workbookViewId="0"><pane ySplit="{freeze_row - 1}" '
            f'topLeftCell="A{freeze_row}" activePane="bottomLeft" state="frozen" />'
            '<selection pane="bottomLeft" activeCell="A1" sqref="A1" /></sheetView></sheetViews>'
            '<sheetFormatPr baseColWidth="8" defaultRowHeight="15" />'
        )
        if widths:
            head += (
                "<cols>"
                + "".join(
                    f'<col width="{_number(w)}" customWidth="1" min="{i}" max="{i}" />' for i, w in enumerate(widths, 1)
                )
                + "</cols>"
            )
        tail = "</sheetData>" + (f'<autoFilter ref="{autofilter}" />' if autofilter else "") + SHEET_TAIL

        def chunks():
            yield (head + "<sheetData>").encode("utf-8")
            size, batch = 0, []
            for row in body:
                batch.append(row)
                size += len(row)
                if size >= CHUNK:
                    yield "".join(batch).encode("utf-8")
                    size, batch = 0, []
            if batch:
                yield "".join(batch).encode("utf-8")
            yield tail.encode("utf-8")

        self.put(f"xl/worksheets/sheet{len(self.sheets)}.xml", chunks())

    def close(self, styles: bytes) -> bytes:
        """The archive's bytes, after the style sheet (``styles``: ``xl/styles.xml``) and the package parts."""
        n = len(self.sheets)
        self.put_same("xl/styles.xml", styles)
        self.put_same("_rels/.rels", ROOT_RELS.encode())
        names = "".join(
            f'<sheet name="{attr_escape(name)}" sheetId="{i}" state="visible" r:id="rId{i}" />'
            for i, (name, _) in enumerate(self.sheets, 1)
        )
        filters = ""  # per sheet, as openpyxl writes them: its filter range, then its print titles
        for i, ((name, ref), rows) in enumerate(zip(self.sheets, self.titles)):
            quoted = escape(_quote(name), quote=False)
            if ref:
                filters += f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{quoted}!{absolute(ref)}</definedName>'
            if rows > 0:
                filters += (
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{quoted}!$1:${rows}</definedName>'
                )
        workbook = f"{WORKBOOK_HEAD}<sheets>{names}</sheets>" + (
            f"<definedNames>{filters}</definedNames>" if filters else "<definedNames />"
        )
        self.put("xl/workbook.xml", [(workbook + WORKBOOK_TAIL).encode("utf-8")])
        rels = "".join(
            f'<Relationship Type="{REL}/worksheet" Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}" />'
            for i in range(1, n + 1)
        )
        rels += f'<Relationship Type="{REL}/styles" Target="styles.xml" Id="rId{n + 1}" />'
        rels += f'<Relationship Type="{REL}/theme" Target="theme/theme1.xml" Id="rId{n + 2}" />'
        self.put_same("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG_REL}">{rels}</Relationships>'.encode())
        types = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}" />' for i in range(1, n + 1)
        )
        self.put_same("[Content_Types].xml", (CONTENT_TYPES_HEAD + types + CONTENT_TYPES_TAIL).encode())
        directory = b"".join(self.entries)
        count = len(self.entries)
        self.out.append(directory)
        self.out.append(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), self.size, 0))
        archive = b"".join(self.out)
        self.out = [archive]
        return archive


def _number(value: int | float) -> str:
    return str(value) if isinstance(value, int) or value != int(value) else str(int(value))


def _quote(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
