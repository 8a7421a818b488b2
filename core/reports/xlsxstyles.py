"""The cell styles of ``schede.xlsx`` and its ``xl/styles.xml``, numbered as openpyxl 3.1 numbers them.

A cell's ``s="N"`` attribute and the file's ``xl/styles.xml`` depend only on which style *recipes*
(a text cell, a number format, a date; header, total or note) the workbook met, in the order it met
them: openpyxl adds number formats, fonts, fills, alignments and cell formats (``xf``) to the
workbook's lists as they are first used, and writes the lists in that order. :class:`Styles` keeps the
same lists for ciclope's few styles and writes the same bytes, without openpyxl: importing openpyxl
cost ~0.15 s of every ``ciclope run`` process. openpyxl stays the
oracle: tests/core/reports/test_xlsx_styles.py registers random orders of recipes on a real openpyxl workbook and
compares every ``s`` attribute and the whole style sheet, byte for byte.
"""

from __future__ import annotations

from ciclope.core.reports.xlsxpack import attr_escape

FORMATS = {
    "ach": "0.00%",  # achievements 0–1 shown as percentages
    "share4": "0.0000%",  # a share that is no whole hundredth of a percent (1/12): to four decimals
    "dev": "+0.00%;-0.00%;0.00%",  # deviations
    "score": "0.00",
    "money": '#,##0.00 "€"',
    "int": "0",
    "num": "General",
    "date": "DD/MM/YYYY",
    "text": "@",
}
DEFAULT_DATE = "yyyy-mm-dd"  # what openpyxl gives a cell when a date is put in it, before its own format

# Number formats built into the file format (ECMA-376 §18.8.30, openpyxl's BUILTIN_FORMATS): referred to
# by id; any other format is written in numFmts with an id from 164, in order of first use.
BUILTIN = {
    "General": 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    '"$"#,##0_);("$"#,##0)': 5,
    '"$"#,##0_);[Red]("$"#,##0)': 6,
    '"$"#,##0.00_);("$"#,##0.00)': 7,
    '"$"#,##0.00_);[Red]("$"#,##0.00)': 8,
    "0%": 9,
    "0.00%": 10,
    "0.00E+00": 11,
    "# ?/?": 12,
    "# ??/??": 13,
    "mm-dd-yy": 14,
    "d-mmm-yy": 15,
    "d-mmm": 16,
    "mmm-yy": 17,
    "h:mm AM/PM": 18,
    "h:mm:ss AM/PM": 19,
    "h:mm": 20,
    "h:mm:ss": 21,
    "m/d/yy h:mm": 22,
    "#,##0_);(#,##0)": 37,
    "#,##0_);[Red](#,##0)": 38,
    "#,##0.00_);(#,##0.00)": 39,
    "#,##0.00_);[Red](#,##0.00)": 40,
    '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)': 41,
    '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)': 42,
    '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)': 43,
    '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)': 44,
    "mm:ss": 45,
    "[h]:mm:ss": 46,
    "mmss.0": 47,
    "##0.0E+0": 48,
    "@": 49,
}
FIRST_CUSTOM = 164

# Fonts, fills and the alignment as openpyxl serializes them; a workbook's first font and first two
# fills are openpyxl's defaults. The roles: a header is white bold on blue, wrapped and top-aligned; a
# total bold; a note grey italic.
DEFAULT_FONT = (
    '<font><name val="Calibri" /><family val="2" /><color theme="1" /><sz val="11" /><scheme val="minor" /></font>'
)
HEADER_FONT = '<font><b val="1" /><color rgb="00FFFFFF" /></font>'
TOTAL_FONT = '<font><b val="1" /></font>'
NOTE_FONT = '<font><i val="1" /><color rgb="005B6470" /></font>'
DEFAULT_FILLS = ('<fill><patternFill /></fill>', '<fill><patternFill patternType="gray125" /></fill>')
HEADER_FILL = '<fill><patternFill patternType="solid"><fgColor rgb="002F6690" /></patternFill></fill>'
HEADER_ALIGN = '<alignment vertical="top" wrapText="1" />'
ROLES = {  # role → (font, fill or None, alignment or None)
    "": (DEFAULT_FONT, None, None),
    "header": (HEADER_FONT, HEADER_FILL, HEADER_ALIGN),
    "total": (TOTAL_FONT, None, None),
    "note": (NOTE_FONT, None, None),
}

# The legacy indexed colour palette openpyxl writes in every style sheet (its COLOR_INDEX, first 64).
PALETTE = (
    "00000000 00FFFFFF 00FF0000 0000FF00 000000FF 00FFFF00 00FF00FF 0000FFFF "
    "00000000 00FFFFFF 00FF0000 0000FF00 000000FF 00FFFF00 00FF00FF 0000FFFF "
    "00800000 00008000 00000080 00808000 00800080 00008080 00C0C0C0 00808080 "
    "009999FF 00993366 00FFFFCC 00CCFFFF 00660066 00FF8080 000066CC 00CCCCFF "
    "00000080 00FF00FF 00FFFF00 0000FFFF 00800080 00800000 00008080 000000FF "
    "0000CCFF 00CCFFFF 00CCFFCC 00FFFF99 0099CCFF 00FF99CC 00CC99FF 00FFCC99 "
    "003366FF 0033CCCC 0099CC00 00FFCC00 00FF9900 00FF6600 00666699 00969696 "
    "00003366 00339966 00003300 00333300 00993300 00993366 00333399 00333333"
).split()
_OPEN = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_BORDERS_AND_XFS = (
    '<borders count="1"><border><left /><right /><top /><bottom /><diagonal /></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs>'
)
_CLOSE = (
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0" /></cellStyles>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16" />'
    "<colors><indexedColors>"
    + "".join(f'<rgbColor rgb="{c}" />' for c in PALETTE)
    + "</indexedColors></colors></styleSheet>"
)

# A recipe: (what, number format or None, role, quote). ``what`` is "text", "number", "date" or
# "empty"; ``role`` "", "header", "total" or "note"; ``quote`` marks a text that would start a formula.
Recipe = tuple[str, "str | None", str, bool]
# A cell format, as openpyxl's StyleArray holds it, less the fields always 0 here (border, protection,
# pivot button, parent style): (number format id, font id, fill id, alignment id, quote prefix).
Xf = tuple[int, int, int, int, int]


class Styles:
    """The styles one workbook registers, in order of first use (see the module's docstring)."""

    def __init__(self) -> None:
        self.formats: dict[str, int] = {}  # custom number format → its place in numFmts
        self.fonts: dict[str, int] = {DEFAULT_FONT: 0}
        self.fills: dict[str, int] = dict(zip(DEFAULT_FILLS, range(2)))
        self.alignments: dict[str, int] = {"": 0}
        self.xfs: dict[Xf, int] = {(0, 0, 0, 0, 0): 0}

    def attr(self, recipe: Recipe) -> str:
        """The ``s`` attribute (``' s="N"'``, or ``""`` for the default cell format) of a cell of this
        recipe, registering what it uses as openpyxl does when a cell is given the value, the number
        format, the font, the fill and the alignment in that order."""
        what, number_format, role, quote = recipe
        fmt = 0
        if what == "date":
            self.format_id(DEFAULT_DATE)  # openpyxl registers it when the date is put in the cell
            fmt = self.format_id(FORMATS["date"])
        elif what == "number":
            fmt = self.format_id(number_format or "General")
        font, fill, align = ROLES[role]
        xf = (
            fmt,
            self.fonts.setdefault(font, len(self.fonts)),
            0 if fill is None else self.fills.setdefault(fill, len(self.fills)),
            0 if align is None else self.alignments.setdefault(align, len(self.alignments)),
            int(what == "text" and quote),
        )
        n = self.xfs.setdefault(xf, len(self.xfs))
        return f' s="{n}"' if n else ""

    def format_id(self, code: str) -> int:
        found = BUILTIN.get(code)
        if found is not None:
            return found
        return FIRST_CUSTOM + self.formats.setdefault(code, len(self.formats))

    def stylesheet(self) -> bytes:
        """``xl/styles.xml`` of the styles registered so far."""
        formats = "".join(
            f'<numFmt numFmtId="{FIRST_CUSTOM + i}" formatCode="{attr_escape(code)}" />'
            for code, i in self.formats.items()
        )
        alignments = list(self.alignments)
        xfs = []
        for fmt, font, fill, align, quote in self.xfs:
            head = f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="0"'
            tail = f'pivotButton="0" quotePrefix="{quote}" xfId="0"'
            if align:
                xfs.append(f'{head} applyAlignment="1" {tail}>{alignments[align]}</xf>')
            else:
                xfs.append(f"{head} {tail} />")
        return "".join(
            (
                _OPEN,
                f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if formats else '<numFmts count="0" />',
                f'<fonts count="{len(self.fonts)}">{"".join(self.fonts)}</fonts>',
                f'<fills count="{len(self.fills)}">{"".join(self.fills)}</fills>',
                _BORDERS_AND_XFS,
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>',
                _CLOSE,
            )
        ).encode("utf-8")
