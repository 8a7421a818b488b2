"""Reading the sheets of an ente: CSV files in a folder or the sheets of ``ente.xlsx``.

Both give :class:`Sheet` objects of raw text cells; parsing values is :mod:`core.inputs.columns`' job.
Limits keep a wrong file from exhausting memory (issue: reliability): files above
``MAX_FILE_BYTES`` or ``MAX_ROWS`` rows are refused with a clear error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import syserrors
from ciclope.core.fmt import quoted
from ciclope.core.inputs.xlsxnames import sheet_titles
from ciclope.core.problems import CiclopeError, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 500_000
MAX_CELL_CHARS = 10_000


@attrs.frozen
class Sheet:
    """The kept rows of a sheet, by column: ``columns[c][i]`` is the text (stripped) of column ``c`` in
    the ``i``-th kept row, whose row number (header = row 1) is ``numbers[i]``. Blank rows and rows
    refused here are not kept. By column because the loader parses a column's texts together (a
    column repeats few distinct texts) instead of cell by cell."""

    name: str  # canonical name: "people"
    label: str  # how problems name it: "people.csv" or "ente.xlsx[people]"
    header: tuple[str, ...]
    numbers: tuple[int, ...]
    columns: dict[str, list[str]]
    shown: dict[str, str] = attrs.field(factory=dict)  # column code → the header as written (Italian)
    # the ids of the rows refused here (wider than the header): their references are not reported again
    refused: tuple[str, ...] = ()
    # a sheet written as tables of ente.toml: each key → the line of ente.toml it is first written on, as a problem
    # of the key (no column, no row of a sheet) names it; empty for a sheet of a file
    lines: dict[str, int] = attrs.field(factory=dict)


def _check_size(path: Path, label: str, size: int | None = None) -> None:
    """A file above ``MAX_FILE_BYTES`` refused whole; ``size``: the file's, when its bytes are read."""
    if (path.stat().st_size if size is None else size) > MAX_FILE_BYTES:
        raise CiclopeError(
            [
                Problem(
                    rule="core.input.size",
                    file=label,
                    message=f"file troppo grande (oltre {MAX_FILE_BYTES // 2**20} MiB)",
                )
            ]
        )


def _sheet(
    name: str,
    label: str,
    records: Iterable[list[str]],
    problems: list[Problem],
    short_cells: bool = False,
    bare_cells: bool = False,
) -> Sheet | None:
    """The Sheet of ``records`` (header first), its problems appended to ``problems``; ``short_cells``:
    the caller knows that no cell is longer than ``MAX_CELL_CHARS``, and the check is spared; ``bare_cells``:
    that no cell begins or ends with whitespace, and ``str.strip`` is spared."""
    sheet, found = _read_sheet(name, label, records, short_cells, bare_cells)
    problems.extend(found)
    return sheet


BLOCK = 1024  # rows read and transposed at a time


def _read_sheet(
    name: str,
    label: str,
    records: Iterable[list[str]],
    short_cells: bool = False,
    bare_cells: bool = False,
    delimiter: str | None = None,
) -> tuple[Sheet | None, list[Problem]]:
    """The Sheet and its problems. ``records`` is read a block of rows at a time and each block is
    turned into columns at once, so a big file's rows are never all held as lists (a CSV is parsed as
    it is read). A block every row of which is as wide as the header, with no blank row and no cell
    over ``MAX_CELL_CHARS``, is transposed as a whole (:func:`_by_column`); any other block is checked
    row by row (:func:`_checked`). The problems are returned, not appended as found: a CSV that turns
    out unreadable further down reports only that. ``delimiter``: a CSV's, whose rows one cell wider than
    the others are refused (:func:`_shifted`); None for a workbook's sheet, whose rows may be wider than the
    header with empty cells (cells formatted, not written)."""
    rows = iter(records)
    first = next(rows, None)
    if first is None:
        return None, [
            Problem(
                rule="core.input.header", file=label, row=1, message="il file è vuoto: manca la riga di intestazione"
            )
        ]
    header, problems = _header(label, first)
    of_header = len(problems)
    width = len(header)
    columns: list[list[str]] = [[] for _ in header]
    numbers: list[int] = []
    refused: list[str] = []
    widened: list[tuple[int, int]] = []  # (row, cells) of the rows wider than the header, their extra cells empty
    count = 0  # rows read after the header
    while block := list(itertools.islice(rows, BLOCK)):
        if count + len(block) > MAX_ROWS:  # counted to the end for the message, never kept
            count += len(block) + sum(1 for _ in rows)
            size = Problem(rule="core.input.size", file=label, message=f"troppe righe ({count}; massimo {MAX_ROWS})")
            return None, [*problems[:of_header], size]  # a file refused whole: no problem of its rows
        by_column = _by_column(block, width, short_cells, bare_cells)
        if by_column is not None:
            for column, cells in zip(columns, by_column):
                column.extend(cells)
            numbers.extend(range(count + 2, count + 2 + len(block)))
        else:
            _checked(label, header, block, count + 2, numbers, columns, problems, refused, widened, delimiter)
        count += len(block)
    if delimiter is not None and len(widened) < len(numbers):  # some rows as wide as the header: not the file's way
        problems.extend(_shifted(label, width, delimiter, widened))
        refused += _drop_rows(header, numbers, columns, {n for n, _ in widened})
    sheet = Sheet(
        name=name,
        label=label,
        header=header,
        numbers=tuple(numbers),
        columns=dict(zip(header, columns)),
        refused=tuple(refused),
    )
    return sheet, problems


def _drop_rows(header: tuple[str, ...], numbers: list[int], columns: list[list[str]], rows: set[int]) -> list[str]:
    """``rows`` taken out of ``numbers`` and ``columns``, in place: their cells are in the wrong columns, and a
    cell read there would be a second error of the same mistake. Returns their ids (``id``, ``codice``), refused: a
    reference to one of them is not reported again."""
    keep = [i for i, n in enumerate(numbers) if n not in rows]
    key = next((header.index(h) for h in ("id", "codice") if h in header), None)
    ids = [] if key is None else [columns[key][i] for i, n in enumerate(numbers) if n in rows and columns[key][i]]
    numbers[:] = [numbers[i] for i in keep]
    for column in columns:
        column[:] = [column[i] for i in keep]
    return ids


def _shifted(label: str, width: int, delimiter: str, widened: list[tuple[int, int]]) -> list[Problem]:
    """The rows of a CSV wider than the header (their extra cells empty) while other rows are not: most often
    a cell holding the separator without quotes (``2,495`` in a file separated by commas), which moves every
    cell after it one column to the right, so the row would be read wrong without a word."""
    return [
        Problem(
            rule="core.input.columns",
            file=label,
            row=n,
            message=f"la riga ha {cells} celle, l'intestazione e le altre righe {width}: le celle dopo una che "
            f"contiene il separatore «{delimiter}» senza virgolette passano alla colonna successiva. Una cella che "
            f'contiene «{delimiter}» va scritta tra virgolette (per esempio "2,495"); se la riga ha solo un '
            f"«{delimiter}» di troppo in fondo, toglilo",
        )
        for n, cells in widened
    ]


def _header(label: str, first: list[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """The column names of the first row, and the problems of the names repeated."""
    header = tuple(h.strip().lstrip("\ufeff").strip() for h in first)
    problems = []
    seen = set()
    for h in header:
        if h in seen:
            problems.append(
                Problem(
                    rule="core.input.header",
                    file=label,
                    row=1,
                    column=h,
                    message=f"colonna {quoted(h)} ripetuta nell'intestazione",
                )
            )
        seen.add(h)
    return header, problems


def _split_sheet(
    name: str, label: str, text: str, delimiter: str, bare_cells: bool
) -> tuple[Sheet | None, list[Problem]]:
    """:func:`_read_sheet` of the rows of a plain text (:func:`_plain`: LF line breaks, no quote, no
    cell over ``MAX_CELL_CHARS``). When every row has the header's width (the body's delimiters and line
    breaks alone are those of a regular table: one comparison) and a first cell, the whole body is
    split into cells at once and each column is a slice of them: no string per line, no list per row,
    no transposition. Any other text goes row by row."""
    head, _, body = text.partition("\n")
    first = head.split(delimiter) if head else []
    width = len(first)
    if body.endswith("\n"):
        body = body[:-1]  # the text's last line break ends the last row
    rows = body.count("\n") + 1 if body else 0
    if width and rows <= MAX_ROWS:
        skeleton = body.encode("utf-8", "surrogatepass").translate(None, _NOT_SKELETON[delimiter])
        if skeleton == ((delimiter * (width - 1) + "\n") * rows)[:-1].encode():
            columns = _columns(body, delimiter, width, rows)
            if not bare_cells:
                columns = [list(map(str.strip, column)) for column in columns]
            if "" not in columns[0]:  # (stripped) a row with no first cell may be blank: checked row by row
                header, problems = _header(label, first)
                numbers = tuple(range(2, 2 + rows))
                sheet = Sheet(
                    name=name, label=label, header=header, numbers=numbers, columns=dict(zip(header, columns))
                )
                return sheet, problems
    return _read_sheet(name, label, _split(_lines(text), delimiter), True, bare_cells, delimiter)


def _columns(body: str, delimiter: str, width: int, rows: int) -> list[list[str]]:
    """The columns of a regular table's ``body`` (``rows`` lines of ``width`` cells each, LF, no quote)."""
    cells = body.replace("\n", delimiter).split(delimiter) if rows else []
    return [cells[j::width] for j in range(width)]  # row i is cells[i * width : (i + 1) * width]


# every byte but the delimiter's and the line break's: deleted, they leave a table's skeleton
_NOT_SKELETON = {d: bytes(b for b in range(256) if b not in (ord(d), ord("\n"))) for d in ",;"}


def _by_column(
    block: list[list[str]], width: int, short_cells: bool, bare_cells: bool = False
) -> Sequence[Sequence[str]] | None:
    """The stripped columns of a block of rows, or None when a row needs the row-by-row checks of
    :func:`_checked`: a row not as wide as the header, a blank row (only a row whose first cell is
    empty or spaces can be blank), a cell over ``MAX_CELL_CHARS`` (unless ``short_cells``). With
    ``bare_cells`` (no cell begins or ends with whitespace) the cells are taken as they are.
    ``zip(*rows)`` on a whole big file would walk all its rows for every column, missing the
    processor's caches on a big file, so its time would grow faster than its rows: hence blocks."""
    if not width or set(map(len, block)) != {width}:
        return None
    if not short_cells and max(map(len, itertools.chain.from_iterable(block))) > MAX_CELL_CHARS:
        return None
    columns: Sequence[Sequence[str]]
    columns = list(zip(*block)) if bare_cells else [list(map(str.strip, cells)) for cells in zip(*block)]
    if "" in columns[0]:  # stripped: the first cell was empty or spaces (str.strip and isspace agree)
        return None
    return columns


def _checked(
    label: str,
    header: tuple[str, ...],
    block: list[list[str]],
    first: int,
    numbers: list[int],
    columns: list[list[str]],
    problems: list[Problem],
    refused: list[str],
    widened: list[tuple[int, int]],
    delimiter: str | None = None,
) -> None:
    """Rows ``first``, ``first + 1``… checked one by one and appended to ``numbers`` and ``columns``:
    blank rows skipped, rows wider than the header refused (:func:`_wider`; those whose extra cells are all empty
    kept, and listed in ``widened``), shorter ones padded, cells above ``MAX_CELL_CHARS`` reported and cut.
    ``delimiter``: a CSV's (:func:`_read_sheet`)."""
    width = len(header)
    key = next((header.index(h) for h in ("id", "codice") if h in header), None)
    for n, rec in enumerate(block, start=first):
        if not (rec and rec[0] and not rec[0].isspace()) and not "".join(rec).strip():
            continue  # blank line (the first test spares the join for the rows that start with a value)
        if len(rec) > width and any(c.strip() for c in rec[width:]):
            problems.append(_wider(label, n, header, rec, delimiter))
            if key is not None and rec[key].strip():
                refused.append(rec[key].strip())
            continue
        if len(rec) > width:
            widened.append((n, len(rec)))
        elif len(rec) < width:
            rec = list(rec) + [""] * (width - len(rec))
        if max(map(len, rec)) > MAX_CELL_CHARS:
            for h, text in zip(header, rec):
                if len(text) > MAX_CELL_CHARS:
                    problems.append(
                        Problem(
                            rule="core.input.cell_size",
                            file=label,
                            row=n,
                            column=h,
                            message=f"cella troppo lunga ({len(text)} caratteri; massimo {MAX_CELL_CHARS})",
                        )
                    )
            rec = [c[:MAX_CELL_CHARS] for c in rec]
        numbers.append(n)
        for column, text in zip(columns, rec):
            column.append(text.strip())


_WHOLE = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+|[+-]?\d+")  # 72, or 9.000 with its thousands points
_DIGITS = re.compile(r"\d+")


def _wider(label: str, n: int, header: tuple[str, ...], rec: Sequence[str], delimiter: str | None) -> Problem:
    """Row ``n``, wider than the header with something written past it: a note after the last column, or, in a CSV
    separated by commas with one cell too many, most often a number written with a decimal comma («72,5») that the
    comma splits in two cells. Each pair of adjacent cells of digits that would make the row as wide as the header
    is said as the number it would be, with its column, and how to write it instead: with a point, in quotes, or in
    a file separated by «;» (:func:`_delimiter`), where a decimal comma is read as such."""
    width = len(header)
    said = f"la riga ha {len(rec)} celle ma l'intestazione {width} colonne: "
    cells = [c.strip() for c in rec]
    split = [
        (f"{cells[i]},{cells[i + 1]}", header[i])
        for i in range(width)
        if _WHOLE.fullmatch(cells[i]) and _DIGITS.fullmatch(cells[i + 1])
    ]
    if delimiter != "," or len(rec) != width + 1 or not split:
        said += "una nota scritta dopo l'ultima colonna va tolta o messa in una colonna con intestazione x_note"
        return Problem(rule="core.input.columns", file=label, row=n, message=said)
    numbers = " o ".join(f"{quoted(number)} nella colonna {quoted(column)}" for number, column in split)
    number = split[-1][0]
    pointed = number.replace(".", "").replace(",", ".")  # 9.000,00 → 9000.00: the thousands points left out
    said += (
        f"forse un numero con la virgola decimale ({numbers}), che la virgola divide in due celle in un file "
        f"separato da virgole. Scrivi il numero con il punto ({pointed}), oppure tra virgolette "
        f'("{number}"), oppure salva il file con il separatore «;» (in Excel: «CSV (delimitato dal separatore di '
        "elenco)»)"
    )
    # the column only in the words: it is a guess («forse»), the row is what is wrong
    return Problem(rule="core.input.columns", file=label, row=n, message=said)


def read_csv(path: Path, name: str, problems: list[Problem], raw: bytes | None = None) -> Sheet | None:
    """A CSV as offices save it: UTF-8 (with or without BOM) or Windows-1252, ``,`` or ``;`` (Italian
    Excel), LF or CRLF; what was detected, when it is not the plain form, is said in a warning. ``raw``:
    the bytes of the regular file ``path``, when the caller has read them (the loader fingerprints them)."""
    label = path.name
    raw = _csv_bytes(path, label, problems, raw)
    if raw is None:
        return None
    detected: list[str] = []
    text = _csv_text(raw, label, problems, detected)
    if text is None:
        return None
    delimiter = _delimiter(text, label, problems, detected)
    if delimiter is None:
        return None
    # A cell is no longer than its line unless quoted across lines: with no quote in the file and no
    # line above the limit, no cell is either (a scan in C instead of a length per cell).
    short = len(text) <= MAX_CELL_CHARS or ('"' not in text and _lines_short(text))
    bare = _cells_bare(text, delimiter)
    plain = _plain(text, short)
    try:  # parsed as the rows are read (_read_sheet): a file that turns out unreadable reports only that
        if plain is not None:
            sheet, found = _split_sheet(name, label, plain, delimiter, bare)
        else:
            sheet, found = _read_sheet(
                name, label, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), short, bare, delimiter
            )
    except csv.Error as exc:
        problems.append(Problem(rule="core.input.csv", file=label, message=f"CSV non leggibile: {exc}"))
        return None
    if detected:
        problems.append(
            Problem(
                rule="core.input.dialect", file=label, severity="warning", message="letto con " + "; ".join(detected)
            )
        )
    problems.extend(found)
    return sheet


def _csv_bytes(path: Path, label: str, problems: list[Problem], raw: bytes | None) -> bytes | None:
    """The file's bytes (``raw`` when the caller read them), within the size limit; None for anything
    but a regular file (reported)."""
    if raw is not None:
        _check_size(path, label, len(raw))
        return raw
    if not path.is_file():  # a folder or a FIFO named like an input file: never opened (a FIFO hangs)
        problems.append(
            Problem(
                rule="core.input.not_a_file",
                file=label,
                message=f"{label} non è un file normale (è una cartella o un file speciale)",
            )
        )
        return None
    _check_size(path, label)
    return path.read_bytes()


def _csv_text(raw: bytes, label: str, problems: list[Problem], detected: list[str]) -> str | None:
    """The file's text: UTF-8 (BOM or not), else Windows-1252 (added to ``detected``); None for UTF-16,
    an undecodable file or one with null characters (reported)."""
    if _utf16(raw):
        problems.append(
            Problem(
                rule="core.input.encoding",
                file=label,
                message="il file è in UTF-16 (in Excel «Testo Unicode»): salvalo come «CSV UTF-8 (delimitato "
                "da virgole)» o «CSV (delimitato dal separatore di elenco)»",
            )
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = raw.decode("cp1252")
            detected.append("codifica Windows-1252 (non UTF-8)")
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    rule="core.input.encoding",
                    file=label,
                    message=f"il file non è in UTF-8 (byte {exc.start}): salvarlo come CSV UTF-8",
                )
            )
            return None
    if "\x00" in text:
        problems.append(
            Problem(
                rule="core.input.encoding",
                file=label,
                message="il file contiene caratteri nulli: non è un CSV di testo",
            )
        )
        return None
    return text


def _delimiter(text: str, label: str, problems: list[Problem], detected: list[str]) -> str | None:
    """``;`` when the header has more of them than commas (added to ``detected``), else ``,``; None for
    a header of too many columns (reported)."""
    first = text.split("\n", 1)[0]
    if max(first.count(","), first.count(";")) >= MAX_COLUMNS:
        problems.append(
            Problem(
                rule="core.input.size",
                file=label,
                row=1,
                message=f"intestazione con troppe colonne (massimo {MAX_COLUMNS})",
            )
        )
        return None
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if delimiter == ";":
        detected.append("separatore «;» (CSV di Excel in italiano), virgola decimale ammessa")
    return delimiter


def _plain(text: str, short: bool) -> str | None:
    """A CSV text that the csv module (``newline=""``, default dialect) would read by splitting its
    lines at the delimiter, with LF line breaks: a text with no quote, no CR outside a CRLF and no line
    over ``MAX_CELL_CHARS`` (``short``; the module's own field limit is far above). None for any other
    text, which goes through the csv module. Splitting is what the module's state machine does with
    such a text, a character at a time, most of the time of reading the files (tests compare the two on
    random texts)."""
    if not short or '"' in text:
        return None
    unix = text.replace("\r\n", "\n")
    return None if "\r" in unix else unix


def _lines(text: str) -> list[str]:
    """The lines of a :func:`_plain` text."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the text's last line break ends the last row
    return lines


def _split(lines: list[str], delimiter: str) -> Iterator[list[str]]:
    """The rows of :func:`_lines`: a blank line has no cell."""
    return (line.split(delimiter) if line else [] for line in lines)


def _records(text: str, delimiter: str, short: bool) -> Iterable[list[str]]:
    """The rows of a CSV text as the csv module reads them."""
    plain = _plain(text, short)
    return (
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        if plain is None
        else _split(_lines(plain), delimiter)
    )


def _lines_short(text: str) -> bool:
    """Whether no line of ``text`` (split at ``\\n``) is longer than ``MAX_CELL_CHARS``. A longer line
    would hold a whole window of half that length starting at a multiple of it: when every such window
    has a line break, no line is too long, found with a dozen searches in C instead of a string per
    line; else the lines
    are measured."""
    half = max(1, MAX_CELL_CHARS // 2)
    if all(text.find("\n", start, start + half) >= 0 for start in range(0, len(text), half)):
        return True
    return max(map(len, text.split("\n"))) <= MAX_CELL_CHARS


# What str.strip takes off a cell: the characters for which str.isspace is true, line breaks aside
# (tests/core/inputs/test_loading.py checks the list against str.isspace).
SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _cells_bare(text: str, delimiter: str) -> bool:
    """Whether no cell of the CSV ``text`` can begin or end with whitespace, so that no cell needs
    ``str.strip``. Without quotes a
    cell holds no line break and lies between the ends of the text, the delimiter and the line breaks:
    only whitespace next to one of them can begin or end a cell. A few searches in C: each whitespace
    character present, next to each edge. A file with quotes is stripped cell by cell."""
    if '"' in text:
        return False
    flat = None  # the text with every edge (line breaks) made the delimiter: two searches a space, not four
    for space in SPACES:
        if space in text:
            if text.startswith(space) or text.endswith(space):
                return False
            if flat is None:  # one replace of the line breaks spares a search per line
                flat = text.replace("\n", delimiter)
                if "\r" in flat:
                    flat = flat.replace("\r", delimiter)
            if space + delimiter in flat or delimiter + space in flat:
                return False
    return True


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return decimal_comma(value) if value != int(value) else str(int(value))
    return str(value)


def decimal_comma(value: float) -> str:
    """A number cell as an Italian spreadsheet shows it, ``2.733`` → ``2,733``: a number cell is a number, and
    with the decimal comma no reader takes its point for the thousands' separator (``2.733`` is 2733 in an amount,
    ambiguous elsewhere) — the text an office would type in a CSV for the same number; str() of a float is its
    shortest digits (0.1, not 0.1000000000000000055)."""
    return f"{Decimal(str(value)):f}".replace(".", ",")


def _as_typed(cell: Any) -> Any:
    """A cell's value as the office typed it: a number Excel shows as a percentage (``42%``, stored 0.42) is
    the text ``42%``, so it is read, checked and printed as a percentage, like a CSV's «42%»; any other value as
    stored."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        shown = (Decimal(repr(value)) * 100).normalize()
        return f"{shown:f}%".replace(".", ",")
    return value


MAX_XLSX_UNCOMPRESSED = 256 * 1024 * 1024  # a zip bomb of 2 MB would otherwise take GBs
MAX_COLUMNS = 500  # no input file of an ente has more columns than this
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_NO_VALUE = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f[^>]*>[^<]*</f>\s*(?:<v\s*/>|<v></v>)?\s*</c>')


def _utf16(raw: bytes) -> bool:
    """UTF-16 by its byte-order mark, or by a zero byte beside each character of a plain-ASCII start."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:64]
    return len(head) >= 8 and (head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2]))


_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_]")  # the root element's start: declarations can only come before it


def _declarations(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str:
    """The first XML part of the workbook that declares a DOCTYPE or entities (external entities read
    other files, nested ones expand without bound), or "". Only each part's prolog is read, up to its
    root element, where XML allows a DOCTYPE."""
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        prolog = b""
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 16):
                prolog += chunk
                root = _ROOT.search(prolog)
                if root:
                    prolog = prolog[: root.start()]
                    break
        if _DECLARATION.search(prolog):
            return info.filename
    return ""


def _xlsx_checks(path: Path, problems: list[Problem]) -> bool:
    """Before openpyxl: the uncompressed size (zip bombs), XML declarations, merged cells in the data and
    formulas with no cached value (read as empty by openpyxl: a cell silently lost). False when the file
    must not be opened."""
    label = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if not _xlsx_size_holds(infos, label, problems) or not _xlsx_undeclared(zf, infos, label, problems):
                return False
            _xlsx_cells_check(zf, infos, label, problems)
    except zipfile.BadZipFile:
        problems.append(
            Problem(
                rule="core.input.xlsx",
                file=label,
                message="non è una cartella di lavoro Excel .xlsx (è un file di altro tipo rinominato, o danneggiato): "
                "aprilo con Excel o LibreOffice e salvalo come «Cartella di lavoro di Excel (.xlsx)»",
            )
        )
        return False
    except OSError as exc:
        problems.append(
            Problem(
                rule="core.input.xlsx", file=label, message=f"cartella di lavoro non leggibile: {syserrors.said(exc)}"
            )
        )
        return False
    return True


def _xlsx_size_holds(infos: list[zipfile.ZipInfo], label: str, problems: list[Problem]) -> bool:
    """Whether the workbook's parts, uncompressed, stay within ``MAX_XLSX_UNCOMPRESSED`` (else reported)."""
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNCOMPRESSED:
        problems.append(
            Problem(
                rule="core.input.size",
                file=label,
                message=f"cartella di lavoro troppo grande una volta decompressa ({total // 2**20} "
                f"MiB; massimo {MAX_XLSX_UNCOMPRESSED // 2**20} MiB)",
            )
        )
        return False
    return True


def _xlsx_undeclared(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str, problems: list[Problem]) -> bool:
    """Whether no part declares a DOCTYPE or entities (else the first such part is reported)."""
    declared = _declarations(zf, infos)
    if declared:
        problems.append(
            Problem(
                rule="core.input.xlsx",
                file=label,
                column=declared,
                message=f"la parte {declared} dichiara un DOCTYPE o entità XML, che Excel non scrive e "
                "ciclope non legge (potrebbero leggere altri file): salva di nuovo il file da Excel",
            )
        )
        return False
    return True


def _xlsx_cells_check(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str, problems: list[Problem]) -> None:
    """Each merged range and each formula without a cached value of each sheet reported, the sheets in
    their parts' order, each named by its title."""
    sheets = sorted(
        (i for i in infos if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", i.filename)),
        key=lambda i: int(re.sub(r"\D", "", i.filename.rsplit("/", 1)[1])),
    )
    titles = sheet_titles(zf)
    for n, info in enumerate(sheets, 1):
        xml = zf.read(info)
        where = f"{label}[{titles.get(info.filename, f'foglio {n}')}]"
        for ref in _MERGE.findall(xml):
            problems.append(
                Problem(
                    rule="core.input.merged",
                    file=where,
                    column=ref.decode(),
                    message=f"celle unite {ref.decode()}: ogni cella deve avere il suo valore "
                    "(separa le celle e ripeti il valore in ciascuna riga)",
                )
            )
        for ref in _NO_VALUE.findall(xml):
            problems.append(
                Problem(
                    rule="core.input.formula",
                    file=where,
                    column=ref.decode(),
                    message=f"formula senza valore calcolato in {ref.decode()}: apri il file in "
                    "Excel e salvalo (così il valore è calcolato), o scrivi il valore",
                )
            )


def read_xlsx(path: Path, problems: list[Problem]) -> dict[str, Sheet]:
    """Every sheet of ``ente.xlsx`` as a :class:`Sheet` named after the sheet.

    Rows and columns are those actually present, whatever ``<dimension>`` the sheet declares
    (``reset_dimensions``): a smaller one would drop rows, a huge one would pad every row to
    16,384 columns. Rows and columns are capped while streaming."""
    import openpyxl  # here, not at the top: a tenth of a second to import, and CSV enti never need it

    if not path.is_file():  # a folder or a FIFO named ente.xlsx: never opened
        problems.append(
            Problem(
                rule="core.input.not_a_file",
                file=path.name,
                message=f"{path.name} non è un file normale (è una cartella o un file speciale)",
            )
        )
        return {}
    _check_size(path, path.name)
    if not _xlsx_checks(path, problems):
        return {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        problems.append(
            Problem(
                rule="core.input.xlsx",
                file=path.name,
                message=f"cartella di lavoro non leggibile: {syserrors.said(exc) if isinstance(exc, OSError) else exc}",
            )
        )
        return {}
    sheets = {}
    try:
        for ws in wb.worksheets:
            label = f"ente.xlsx[{ws.title}]"
            records = _worksheet_records(ws, label, problems)
            if not records or not any(c.strip() for c in records[0]):
                continue  # an empty sheet (Excel's default Foglio1) is not an input
            sheet = _sheet(ws.title, label, records, problems)
            if sheet is not None:
                sheets[ws.title] = sheet
    finally:
        wb.close()
    return sheets


def _worksheet_records(ws: Any, label: str, problems: list[Problem]) -> list[list[str]]:
    """A worksheet's rows as texts, trailing empty cells and rows dropped; [] for a sheet of too many
    rows or columns (reported)."""
    ws.reset_dimensions()
    records: list[list[str]] = []
    for row in ws.iter_rows():
        if len(records) > MAX_ROWS:
            problems.append(Problem(rule="core.input.size", file=label, message=f"troppe righe (oltre {MAX_ROWS})"))
            return []
        values = [_as_typed(cell) for cell in row]
        while values and values[-1] is None:
            values.pop()
        if len(values) > MAX_COLUMNS:
            problems.append(
                Problem(
                    rule="core.input.size",
                    file=label,
                    row=len(records) + 1,
                    message=f"troppe colonne ({len(values)}; massimo {MAX_COLUMNS})",
                )
            )
            return []
        records.append([_cell_text(v) for v in values])
    while records and not any(records[-1]):
        records.pop()
    return records
