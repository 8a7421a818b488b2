"""The OOXML package around ``schede.xlsx``'s sheets, written as a stream (issue 18).

openpyxl's write-only workbook costs ~1.7 ms of frame per sheet (a temporary file per sheet, an
XML tree per column, a second pass to make the zip deterministic), ~20 ms of a 300-person ente's
20 sheets, more than the rows themselves. Here every part is a string with the bytes openpyxl 3.1
writes for the same workbook, and each sheet is compressed into the archive as soon as it is built,
so a 30,000-person ente never holds its whole workbook in memory. openpyxl is still the source of
the parts that depend on it: the style sheet (``write_stylesheet``, from the styles registered on
an openpyxl ``Workbook``), the theme, the document properties.

``tests/test_scale.py`` keeps openpyxl's own writer as the oracle and compares the bytes on real
Results and on random workbooks.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime

from openpyxl.packaging.core import DocumentProperties
from openpyxl.packaging.extended import ExtendedProperties
from openpyxl.styles.stylesheet import write_stylesheet
from openpyxl.writer.theme import theme_xml
from openpyxl.xml.functions import tostring

# Fixed metadata: a rerun with the same inputs gives the same bytes (SPEC §6).
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
CHUNK = 4 << 20  # characters of sheet XML compressed at a time

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

SHEET_HEAD = (
    f'<worksheet xmlns="{NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1" /><pageSetUpPr /></sheetPr>'
)
SHEET_TAIL = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5" /></worksheet>'
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


def attr(text: str) -> str:
    """An XML attribute value escaped as ElementTree escapes it (what openpyxl writes with)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def absolute(ref: str) -> str:
    """``A1:H7`` → ``$A$1:$H$7`` (openpyxl's ``absolute_coordinate``)."""
    return ":".join(re.sub(r"^([A-Z]+)(\d+)$", r"$\1$\2", part) for part in ref.split(":"))


@functools.cache
def fixed_parts() -> tuple[bytes, bytes, bytes]:
    """docProps/app.xml, docProps/core.xml and the theme, as openpyxl writes them (dates fixed)."""
    props = DocumentProperties(creator="ciclope", lastModifiedBy="ciclope", created=FIXED_TIME, modified=FIXED_TIME)
    core = tostring(props.to_tree())
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    core = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", core)
    return tostring(ExtendedProperties().to_tree()), core, theme_xml.encode("utf-8")


class Package:
    """A ``schede.xlsx`` archive written part by part in openpyxl's order: properties, theme, each
    sheet as it is added, then the style sheet, the relationships, the workbook and the manifest."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)
        self.sheets: list[tuple[str, str | None]] = []  # (name, autofilter ref or None)
        app, core, theme = fixed_parts()
        self.put("docProps/app.xml", [app])
        self.put("docProps/core.xml", [core])
        self.put("xl/theme/theme1.xml", [theme])

    def put(self, name: str, chunks: Iterable[bytes]) -> None:
        entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        entry.create_system = 3
        entry._compresslevel = 6  # type: ignore[attr-defined]  # what ZipFile.writestr(..., compresslevel=6) sets
        with self.zip.open(entry, "w") as dest:
            for chunk in chunks:
                dest.write(chunk)

    def sheet(
        self, name: str, widths: list[int | float], freeze_row: int, body: Iterable[str], autofilter: str | None
    ) -> None:
        """Compress one sheet as its ``<row>`` elements come from ``body`` (at least one: the header);
        ``freeze_row`` is the first row below the frozen pane."""
        self.sheets.append((name, autofilter))
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
        self.put("xl/styles.xml", [styles])
        self.put("_rels/.rels", [ROOT_RELS.encode()])
        names = "".join(
            f'<sheet name="{attr(name)}" sheetId="{i}" state="visible" r:id="rId{i}" />'
            for i, (name, _) in enumerate(self.sheets, 1)
        )
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{_text(_quote(name))}!{absolute(ref)}</definedName>"
            for i, (name, ref) in enumerate(self.sheets)
            if ref
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
        self.put("xl/_rels/workbook.xml.rels", [f'<Relationships xmlns="{PKG_REL}">{rels}</Relationships>'.encode()])
        types = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}" />' for i in range(1, n + 1)
        )
        self.put("[Content_Types].xml", [(CONTENT_TYPES_HEAD + types + CONTENT_TYPES_TAIL).encode()])
        self.zip.close()
        return self.buffer.getvalue()


def stylesheet(wb) -> bytes:
    """``xl/styles.xml`` of the styles registered on the openpyxl workbook ``wb``."""
    return tostring(write_stylesheet(wb))


def _number(value: int | float) -> str:
    return str(value) if isinstance(value, int) or value != int(value) else str(int(value))


def _quote(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
