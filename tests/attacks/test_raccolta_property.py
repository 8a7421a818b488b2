"""Property: a merge of random returns, valid and hostile, into a CSV or an xlsx ente changes no cell it
does not own. The merge owns, in the indicators, the actual and the three origin columns of an indicator
whose actual it merged; in the evaluations, the rows of a person whose card it added or replaced (and the
header cells of the columns it adds). Every other CSV record is byte for byte the same, every other cell
of the workbook (formulas, notes right of the table, other sheets) holds what it held."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from raccolta_kit import STYLES, styles_kept

from ciclope.core.problems import CiclopeError
from ciclope.core.raccolta import csvedit, entedata, merge
from ciclope.core.raccolta.readback import CardRow, Returned
from ciclope.core.values import parse_number

ORIGIN = ("actual", "x_raccolta_cartella", "x_raccolta_valutatore", "x_raccolta_ricevuta")
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
HOSTILE = st.sampled_from(["=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-", "80%", "1.234", "\x1b[31m", "SI", "12,5"])
ACTUAL = st.one_of(HOSTILE, TEXT, st.integers(-(10**6), 10**6).map(str))
IDS = [f"K{k}" for k in range(6)]
PEOPLE = [f"P{k}" for k in range(5)]


def _returned(draw_actuals: dict[str, str], cards: dict[str, list[int]], evaluator: str) -> Returned:
    rows = tuple(
        CardRow(person, "sezione", f"voce {k}", "10", "", Decimal(p), 2 + k)
        for person, points in cards.items()
        for k, p in enumerate(points)
    )
    actuals = {ident: (text, 2 + k, "") for k, (ident, text) in enumerate(draw_actuals.items())}  # no target sent
    return Returned(
        file=f"{evaluator}.xlsx",
        sha256="",
        received="2022-01-10 10:00",
        evaluator=evaluator,
        rows=rows,
        actuals=actuals,
    )


returns = st.lists(
    st.tuples(
        st.dictionaries(st.sampled_from(IDS), ACTUAL, max_size=4),
        st.dictionaries(st.sampled_from(PEOPLE), st.lists(st.integers(0, 10), min_size=1, max_size=4), max_size=3),
        st.sampled_from(["V1", "V2"]),
    ),
    max_size=3,
).map(lambda found: [_returned(a, c, e) for a, c, e in found])

# the office's own rows: typed cards of other people, notes, blank lines, long cells
extra = st.lists(st.tuples(st.sampled_from(["nota", "vuota", "lunga", "scheda"]), TEXT), max_size=4)


def _indicators(notes: list[tuple[str, str]]) -> list[list[str]]:
    rows = [
        [ident, "O1", f"indicatore {ident}", kind, "10", "", "", "", ""]
        for ident, kind in zip(IDS, ["higher", "monitor", "boolean", "project", "monitor", "deadline"])
    ]
    for kind, text in notes:
        rows.append({"nota": ["", "", text], "vuota": [], "lunga": ["", "", "x" * 11_000], "scheda": [text]}[kind])
    return rows


def _csv_ente(folder: Path, notes: list[tuple[str, str]], semicolon: bool) -> None:
    import csv

    d = ";" if semicolon else ","
    out = io.StringIO()
    w = csv.writer(out, delimiter=d, lineterminator="\r\n" if semicolon else "\n")
    w.writerow(["id", "objective", "name", "type", "target", *ORIGIN])
    w.writerows(_indicators(notes))
    (folder / "indicators.csv").write_text(out.getvalue(), encoding="utf-8")
    out = io.StringIO()
    w = csv.writer(out, delimiter=d, lineterminator="\n")
    # every column a merge may write is in the header: a merge that adds one changes the header row (an owned
    # change this test would otherwise have to tell apart)
    w.writerow(["person", "evaluator", "section", "item", "max_points", "points", "weight", "motivation", *ORIGIN[1:]])
    w.writerow(["P0", "UFFICIO", "sezione", "a mano", "10", "5", "", "", "", "", ""])
    (folder / "evaluations.csv").write_text(out.getvalue(), encoding="utf-8")


def _owned(tally: merge.Tally, returned: list[Returned]) -> tuple[set[str], set[str]]:
    people = set(tally.added) | set(tally.updated)
    indicators = {i for r in returned if r.evaluator in tally.actuals for i in r.actuals}
    return people, indicators


def _records(path: Path) -> list[list[str]]:
    import csv

    text = path.read_bytes().decode("utf-8")
    d = ";" if text.split("\n")[0].count(";") > text.split("\n")[0].count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=d))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(found=returns, notes=extra, semicolon=st.booleans())
def test_a_csv_merge_changes_only_the_cells_it_owns(tmp_path_factory, found, notes, semicolon):
    folder = tmp_path_factory.mktemp("csv")
    _csv_ente(folder, notes, semicolon)
    before = {n: (folder / f"{n}.csv").read_bytes() for n in entedata.NAMES}
    src = entedata.source(folder)
    try:
        grids = entedata.read(src)
    except CiclopeError:  # the office's file is not loadable (a NUL in a note): refused, nothing changed
        assert {n: (folder / f"{n}.csv").read_bytes() for n in entedata.NAMES} == before
        return
    tally = merge.merge(grids, found, src.xlsx)
    if tally.changed:
        entedata.write(src, grids, tally.changed, folder / "backup")
    people, indicators = _owned(tally, found)
    old, new = csvedit.parse(before["indicators"]), csvedit.parse((folder / "indicators.csv").read_bytes())
    assert len(old.raw) == len(new.raw)
    for k, (a, b) in enumerate(zip(old.raw, new.raw)):
        if a != b:  # only an indicator whose actual was merged, and only its owned cells
            assert old.cells[k][0] in indicators
            assert new.cells[k][:5] == old.cells[k][:5]
    old_cards = [r for r in before["evaluations"].decode().splitlines() if not r.startswith(tuple(people))]
    new_cards = (folder / "evaluations.csv").read_text(encoding="utf-8").splitlines()
    assert [r for r in new_cards if r in old_cards] == old_cards  # every record not owned, in order
    assert all(r.startswith(tuple(people)) for r in new_cards if r not in old_cards)


def _xlsx_ente(folder: Path, notes: list[tuple[str, str]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "indicatori"
    ws.append(["id", "objective", "name", "type", "target", *ORIGIN])
    for row in _indicators(notes):
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) or None for v in row])
    ws["Z3"] = "nota dell'ufficio"  # right of the table, far from the columns the merge may add
    ws["Z4"] = "=1+1"
    ev = wb.create_sheet("valutazioni")
    ev.append(["person", "evaluator", "section", "item", "max_points", "points", "weight", *ORIGIN[1:]])
    ev.append(["P0", "UFFICIO", "sezione", "a mano", 10, 5])
    wb.create_sheet("appunti")["A1"] = "=SUM(1,2)"
    wb.save(folder / "ente.xlsx")


def _cells(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None
    }


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(found=returns, notes=extra)
def test_an_xlsx_merge_changes_only_the_cells_it_owns(tmp_path_factory, found, notes):
    folder = tmp_path_factory.mktemp("xlsx")
    _xlsx_ente(folder, notes)
    raw = (folder / "ente.xlsx").read_bytes()
    before = _cells(folder / "ente.xlsx")
    src = entedata.source(folder)
    try:
        grids = entedata.read(src)
    except CiclopeError:  # the office's workbook is not loadable: refused, nothing changed
        assert (folder / "ente.xlsx").read_bytes() == raw
        return
    tally = merge.merge(grids, found, src.xlsx)
    if tally.changed:
        entedata.write(src, grids, tally.changed, folder / "backup")
    people, indicators = _owned(tally, found)
    after = _cells(folder / "ente.xlsx")
    rows_of = {}
    for (sheet, coordinate), value in before.items():
        if coordinate.startswith("A"):
            rows_of[(sheet, int(coordinate[1:]))] = value
    owned_columns = "FGHI"
    for key in set(before) | set(after):
        if before.get(key) == after.get(key):
            continue
        sheet, coordinate = key
        row = int("".join(ch for ch in coordinate if ch.isdigit()))
        if sheet == "indicatori":
            assert rows_of.get((sheet, row)) in indicators and coordinate[0] in owned_columns, key
        else:
            assert sheet == "valutazioni" and (rows_of.get((sheet, row)) in people or row > 2 or row == 1), key
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(folder / "ente.xlsx") as zout:
        same = [n for n in zin.namelist() if not n.startswith("xl/worksheets/") and n != STYLES]
        # the workbook part differs at most in its calculation settings: a merge asks for a full calculation
        assert all(_without_calc(zin.read(n)) == _without_calc(zout.read(n)) for n in same)
        assert all(zin.read(n) == zout.read(n) for n in same if n != "xl/workbook.xml")
        if STYLES in zin.namelist():
            assert styles_kept(zin.read(STYLES), zout.read(STYLES))
    # nothing the merge wrote is text a spreadsheet would run; the office's own cells (its formulas, a note it
    # typed as «=») are left as they were, whatever they hold
    for key, value in after.items():
        assert before.get(key) == value or not _runnable(value), (key, value)


def _without_calc(xml: bytes) -> bytes:
    return re.sub(rb"<calcPr\b[^>]*/>", b"", xml)


def _runnable(value: object) -> bool:
    """A text a spreadsheet would run: a formula, or a sign before something that is not a number."""
    if not isinstance(value, str) or not value.startswith(("=", "+", "-", "@")):
        return False
    try:
        parse_number(value)
    except ValueError:
        return True
    return False


def test_a_merged_cell_with_a_carriage_return_stays_one_record():
    # Found by the property above: an actual «\r:» written bare in a "\n" file was read back as two records.
    src = csvedit.parse(b"id,actual\nK1,\n")
    line = csvedit.record(["K1", "\r:"], src)
    assert line == 'K1,"\r:"\n'
    assert csvedit.parse(b"id,actual\n" + line.encode()).cells[1] == ["K1", "\r:"]
