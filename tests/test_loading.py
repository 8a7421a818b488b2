"""Loading an ente: every problem at once, each with file, row, column and rule (SPEC §5)."""

import csv
import datetime as dt
import io
from decimal import Decimal
from unittest import mock

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import loading, model, tables, values
from ciclope.core.columns import gathered
from ciclope.core.loading import InputSchema, load_ente
from ciclope.core.model import Assignment, EvaluationItem, Indicator, Objective, Person, Unit, from_columns
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import compute_ente, results_doc, write_ente

from helpers import as_xlsx, coreonly, files


def problems_of(folder):
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    return {(p.file, p.row, p.column, p.rule) for p in exc.value.problems}


def test_all_problems_at_once_with_locations(tmp_path):
    people = """
    id,name,role,category,unit,fte,absence_days,insufficient,evaluator,badcol
    SG,Segretaria,segretario,DIR,ente,1,0,false,,
    D1,Dirigente,capo,DIR,a1,1.5,0,forse,SG,
    E1,Emma,dipendente,C,nowhere,1,0,false,ZZ,
    E1,Copia,dipendente,C,s1,1,0,false,D1,
    """
    indicators = """
    id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
    K1,S1,Data,deadline,,,30.2.2021,,,,,,
    K2,S9,Numero,higher,,,10,abc,,,,,
    K3,S1,Neutro,higher,,,10,,,,true,,
    """
    folder = write_ente(tmp_path / "e", files(**{"people.csv": people, "indicators.csv": indicators}))
    got = problems_of(folder)
    assert ("people.csv", 1, "badcol", "core.input.unknown_column") in got
    assert ("people.csv", 3, "role", "core.input.value") in got
    assert ("people.csv", 3, "fte", "core.input.value") in got
    assert ("people.csv", 3, "insufficient", "core.input.value") in got
    assert ("people.csv", 4, "unit", "core.ref.unit") in got
    assert ("people.csv", 4, "evaluator", "core.ref.person") in got
    assert ("people.csv", 5, "id", "core.input.duplicate") in got
    assert ("indicators.csv", 2, "target", "core.input.value") in got  # 30.2.2021 does not exist
    assert ("indicators.csv", 3, "actual", "core.input.value") in got
    assert ("indicators.csv", 4, "reason", "core.input.required") in got  # neutralized without reason


def test_messages_say_what_was_expected(tmp_path):
    people = files()["people.csv"].replace("E1,Emma,dipendente,C,s1,0.5", "E1,Emma,dipendente,C,s1,mezzo")
    folder = write_ente(tmp_path / "e", files(**{"people.csv": people}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    (p,) = exc.value.problems
    assert p.render().startswith("people.csv:4:fte: errore core.input.value: atteso un numero")


def test_cycles_and_dangling_references(tmp_path):
    units = """
    id,name,kind,parent,head
    ente,Ente,ente,,SG
    a1,Area,area,s1,
    s1,Servizio,servizio,a1,
    s2,Servizio 2,servizio,a1,
    u1,Ufficio,ufficio,s2,
    az,Azienda,azienda_speciale,ente,
    """
    objectives = files()["objectives.csv"] + "\nX1,operational,Ciclo,X2,,,s1\nX2,operational,Ciclo,X1,,,s1\n"
    folder = write_ente(tmp_path / "e", files(**{"units.csv": units, "objectives.csv": objectives}))
    rules = {r for *_, r in problems_of(folder)}
    assert "core.ref.cycle" in rules


def test_x_columns_and_files_are_kept_as_annotations(tmp_path):
    people = files()["people.csv"].replace("evaluator\n", "evaluator,x_note\n", 1)
    folder = write_ente(tmp_path / "e", files(**{"people.csv": people, "x_appunti.csv": "a,b\n1,2\n"}))
    ente = load_ente(folder, "e", 2021)
    assert set(ente.people) == {"SG", "D1", "E1", "E2", "E3"}


def test_unknown_file_and_missing_required_file(tmp_path):
    fs = files(**{"positions.csv": "id\nP1\n"})
    del fs["units.csv"]
    folder = write_ente(tmp_path / "e", fs)
    got = problems_of(folder)
    assert ("positions.csv", None, "", "core.input.unknown_file") in got
    assert ("units.csv", None, "", "core.input.missing_file") in got


def test_missing_target_column_for_the_year(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2023)
    assert any(p.column == "target_2023" and p.rule == "core.input.missing_column" for p in exc.value.problems)


def test_a_zero_mid_year_target_is_an_input_error_not_a_crash(tmp_path):
    """30/6 achievement of a 'higher' indicator is actual_mid / target_mid: 0 cannot divide (found by fuzzing)."""
    fs = files()
    fs["indicators.csv"] = fs["indicators.csv"].replace(
        "I1,S1,Iniziative,higher,,,10,12,8,5,2", "I1,S1,Iniziative,higher,,,10,12,8,0,2"
    )
    folder = write_ente(tmp_path / "e", fs)
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert [(p.row, p.column, p.rule) for p in exc.value.problems] == [(2, "target_mid", "core.indicator.target")]


def test_xlsx_gives_the_same_results_as_csv(tmp_path):
    csv_dir = write_ente(tmp_path / "csv", files())
    xlsx_dir = as_xlsx(csv_dir, tmp_path / "xlsx")
    a = results_doc(compute_ente(csv_dir, coreonly, 2021))
    b = results_doc(compute_ente(xlsx_dir, coreonly, 2021))
    for key in ("organizational", "monitoring", "individual", "rewards"):
        assert a[key] == b[key]


def test_xlsx_problems_name_the_sheet(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "ente.toml").write_text('name = "X"\n')
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "units"
    ws.append(["id", "name", "kind", "parent", "head"])
    ws.append(["ente", "Ente", "galassia", None, None])
    ws = wb.create_sheet("people")
    ws.append(["id", "name", "role", "category", "unit"])
    wb.save(folder / "ente.xlsx")
    got = problems_of(folder)
    assert ("ente.xlsx[units]", 2, "kind", "core.input.value") in got


def test_not_utf8_and_bad_toml(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    (folder / "people.csv").write_bytes("id,name\nE1,Perché\n".encode("latin-1"))  # read as Windows-1252
    (folder / "units.csv").write_bytes(b"id,name\nu\x81,x\n")  # 0x81: not even Windows-1252
    (folder / "ente.toml").write_text("name = \n")
    rules = {r for *_, r in problems_of(folder)}
    assert {"core.input.dialect", "core.input.encoding", "core.input.toml"} <= rules


def test_monitoraggio_in_a_year_column_makes_a_monitor_that_year(tmp_path):
    # 002… §3.2: "Incidenza oneri di funzionamento" has a 2020 target and reads "monitoraggio" later
    indicators = files()["indicators.csv"].replace(
        "I5,S2,Soddisfazione,higher,1,,90%,90%", "I5,S2,Soddisfazione,higher,1,,monitoraggio,90%"
    )
    folder = write_ente(tmp_path / "e", files(**{"indicators.csv": indicators}))
    assert load_ente(folder, "e", 2021).indicators["I5"].type == "monitor"
    assert load_ente(folder, "e", 2022).indicators["I5"].type == "higher"


def test_a_csv_linked_from_outside_the_data_folder_is_refused(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    outside = tmp_path / "segreto.csv"
    (folder / "people.csv").rename(outside)
    (folder / "people.csv").symlink_to(outside)
    got = problems_of(folder)
    assert ("people.csv", None, "", "core.input.symlink") in got


def test_problems_come_row_by_row_in_column_order(tmp_path):
    """Issue 18 parses a column at a time; the problems still come as an office reads the file: row by
    row, and within a row from left to right, with the checks made on whole rows (a repeated id) in
    between. Expected order worked out by hand from the rows below."""
    people = """
    id,name,role,category,unit,fte,absence_days,insufficient,evaluator
    SG,Segretaria,segretario,DIR,ente,1,0,false,
    D1,Dirigente,capo,DIR,a1,uno,0,forse,SG
    E1,Emma,dipendente,C,s1,0.5,10,false,SG
    E1,Copia,dipendente,C,s1,1,0,false,SG
    E2,Ezio,dipendente,C,,1,0,false,SG
    E3,Elsa,,B,u1,x,0,false,SG
    """
    folder = write_ente(tmp_path / "e", files(**{"people.csv": people}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    got = [(p.row, p.column, p.rule) for p in exc.value.problems if p.file == "people.csv" and p.row != 1]
    assert got[:7] == [
        (3, "role", "core.input.value"),  # row 3: three bad cells, left to right
        (3, "fte", "core.input.value"),
        (3, "insufficient", "core.input.value"),
        (5, "id", "core.input.duplicate"),  # row 5: a whole-row check, after row 3 and before row 6
        (6, "unit", "core.input.required"),
        (7, "role", "core.input.required"),  # row 7: an empty required cell, then a bad number
        (7, "fte", "core.input.value"),
    ]


def test_a_card_s_problems_come_in_row_order_and_the_good_items_are_kept(tmp_path):
    """evaluations.csv is read by column and its items built from the columns (issue 18): a bad cell and
    a card check (points over max_points, max_points 0) still come row by row, in the order worked out
    by hand below, and every good row becomes its item, in order, with its row number."""
    evaluations = """
    person,evaluator,section,item,max_points,points,weight
    E1,D1,risultati,Obiettivi,60,54,
    E1,D1,comportamenti,Collaborazione,40,41,
    E2,D1,,Obiettivi,10,cinque,2
    E2,D1,comportamenti,Collaborazione,0,0,1
    E2,D1,comportamenti,Puntualità,10,7,1
    ,D1,risultati,Obiettivi,x,3,
    """
    folder = write_ente(tmp_path / "e", files(**{"evaluations.csv": evaluations}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    got = [(p.row, p.column, p.rule) for p in exc.value.problems if p.file == "evaluations.csv"]
    assert got == [
        (3, "points", "core.card.points"),  # 41 > 40
        (4, "points", "core.input.value"),  # "cinque"
        (5, "max_points", "core.card.max_points"),  # 0
        (7, "person", "core.input.required"),  # row 7: the empty person, then the bad max_points
        (7, "max_points", "core.input.value"),
    ]
    loader = loading._Loader(folder, "e", 2021, InputSchema())
    loader.read()
    table = loader.table("evaluations")
    assert table is not None
    assert loader.cards(table) == (  # rows 2 and 6: the others have a bad cell or break a check
        EvaluationItem("E1", "D1", "risultati", "Obiettivi", Decimal(60), Decimal(54), None, 2),
        EvaluationItem("E2", "D1", "comportamenti", "Puntualità", Decimal(10), Decimal(7), Decimal(1), 6),
    )
    assert [(p.row, p.column, p.rule) for p in loader.problems] == got


@pytest.mark.parametrize(
    "name",
    [
        "N" * 10_001,  # one line too long
        '"' + "riga\n" * 2_001 + '"',  # 10,005 characters in a quoted cell of short lines
    ],
)
def test_a_cell_too_long_is_reported_with_its_place(tmp_path, name):
    people = files()["people.csv"].replace("E2,Ezio,", f"E2,{name},")
    folder = write_ente(tmp_path / "e", files(**{"people.csv": people}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    (problem,) = [p for p in exc.value.problems if p.rule == "core.input.cell_size"]
    assert (problem.file, problem.row, problem.column) == ("people.csv", 5, "name")
    assert "massimo 10000" in problem.message


CELLS = st.sampled_from(["", " ", "a", " b ", "ccc", "dddd", "\t"])


@st.composite
def header_and_body(draw):
    header = draw(st.lists(st.sampled_from(["id", "name ", "x_note", "id"]), min_size=0, max_size=4))
    exact = st.lists(CELLS, min_size=len(header), max_size=len(header))  # most rows fit the header
    body = draw(st.lists(st.one_of(exact, exact, exact, st.lists(CELLS, max_size=6)), max_size=8))
    return header, body


@settings(max_examples=400, deadline=None)
@given(header_and_body(), st.sampled_from([0, 5, 100_000]))
def test_a_sheet_read_by_column_is_the_sheet_read_row_by_row(records, spread):
    """Issue 18: tables._sheet keeps the rows by column, taking the column path when no row needs a
    row-by-row check. Whatever the rows (blank, short, too wide, cells over the limit — here 3
    characters; rows transposed 3 at a time), the Sheet and the problems are those of the row-by-row
    reading (tables._checked); so are they when the sheet is big (past ``spread`` cells), its columns'
    texts then gathered block by block."""
    header, body = records
    records = [header, *body]
    with (
        mock.patch.object(tables, "MAX_CELL_CHARS", 3),
        mock.patch.object(tables, "BLOCK", 3),  # several blocks
        mock.patch.object(tables, "SPREAD", spread),
    ):
        fast: list = []
        sheet = tables._sheet("people", "people.csv", records, fast)
        slow: list = []
        head = tuple(h.strip() for h in header)
        numbers: list[int] = []
        columns: list[list[str]] = [[] for _ in head]
        tables._checked("people.csv", head, body, 2, numbers, columns, slow)
    assert sheet is not None
    assert (sheet.header, sheet.numbers, sheet.columns) == (head, tuple(numbers), dict(zip(head, columns)))
    assert [p for p in fast if p.row != 1] == slow


def test_a_file_refused_whole_reports_only_that(tmp_path, monkeypatch):
    """Issue 18 reads a CSV a block of rows at a time. A file refused whole — too many rows, or
    unreadable further down — still reports only that, not the problems of the rows read before."""
    monkeypatch.setattr(tables, "BLOCK", 2)
    header = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
    too_wide = "E9,Nove,dipendente,C,s1,1,0,false,D1,extra"  # a row problem in the first block
    rows = [too_wide] + [f"E{i},Nome,dipendente,C,s1,1,0,false,D1" for i in range(4)]

    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    problems: list = []
    path = tmp_path / "people.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert tables.read_csv(path, "people", problems) is None
    assert [(p.rule, p.message) for p in problems] == [("core.input.size", "troppe righe (5; massimo 3)")]

    monkeypatch.setattr(tables, "MAX_ROWS", 500_000)
    problems = []
    huge = "x" * 200_000  # beyond the csv module's field limit (131,072): the module raises at row 4
    path.write_text("\n".join([header, too_wide, rows[1], f"E7,{huge},dipendente"]) + "\n", encoding="utf-8")
    assert tables.read_csv(path, "people", problems) is None
    assert [p.rule for p in problems] == ["core.input.csv"]


# -- issue 18: the big sheets built from their columns, the problems row by row --------------------

ODD_CELLS = ["", " ", "x", "E1", "E2", "D1", "s1", "u1", "S1", "O1", "I4", "-1", "0", "1", "0.5", "1.234", "41", "abc"]
BIG_FILES = ("units.csv", "people.csv", "objectives.csv", "assignments.csv", "evaluations.csv", "indicators.csv")


@st.composite
def damaged_ente(draw):
    """The helpers' ente with a few cells of its big files changed and a few rows repeated."""
    tables_ = {}
    for name in BIG_FILES:
        header, *rows = [line.split(",") for line in files()[name].strip().splitlines()]
        rows = [[c.strip() for c in row] for row in rows]
        for _ in range(draw(st.integers(0, 3))):
            row = draw(st.integers(0, len(rows) - 1))
            if draw(st.booleans()):
                rows.append(list(rows[row]))  # a repeated id, or the same card item twice
            else:
                rows[row][draw(st.integers(0, len(header) - 1))] = draw(st.sampled_from(ODD_CELLS))
        tables_[name] = "\n".join(",".join(cells) for cells in [[h.strip() for h in header], *rows])
    return tables_


@settings(max_examples=150, deadline=None)
@given(damaged_ente())
def test_records_built_from_columns_are_those_built_row_by_row(tmp_path_factory, changed):
    """The loader builds the records of a sheet with no bad cell from its columns, all at once
    (``_Loader.fast``); the slow path, row by row, reports each bad row in its turn. On random damage
    (bad values, empty required cells, repeated ids, card checks broken) both give the same Ente, or
    the same problems in the same order."""
    folder = write_ente(tmp_path_factory.mktemp("e"), files(**changed))

    def outcome(fast: bool):
        with mock.patch.object(loading._Loader, "fast", fast):
            try:
                return repr(load_ente(folder, "e", 2021))
            except CiclopeError as exc:
                return exc.problems

    assert outcome(True) == outcome(False)


def test_an_indicator_s_problems_come_in_the_order_it_is_read(tmp_path):
    """indicators.csv is read in a loop over its columns (issue 18): the problems of a row still come
    as the row is read — the target_<year> cells, the checks on the target, then actual, target_mid,
    actual_mid — and a repeated id after them. Order worked out by hand."""
    indicators = """
    id,objective,name,type,weight,baseline,target_2021,target_2022,actual,target_mid,actual_mid,neutralized,reason,source
    K1,S1,Uno,higher,,,x,y,z,0,w,,,
    K2,S1,Due,monitor,2,,5,5,8,,,true,,
    K3,S1,Tre,higher,,,0,5,,-1,,,,
    K4,S1,Quattro,higher,,,10,10,9,,,,,
    K4,S1,Copia,higher,,,10,10,9,,,,,
    K5,S1,Cinque,deadline,,boh,31.12.2021,monitoraggio,30/06/2021,,,,,
    """
    folder = write_ente(tmp_path / "e", files(**{"indicators.csv": indicators}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    got = [(p.row, p.column, p.rule) for p in exc.value.problems if p.file == "indicators.csv"]
    assert got == [
        (2, "target_2021", "core.input.value"),  # "x", then "y": the years in order
        (2, "target_2022", "core.input.value"),
        (2, "actual", "core.input.value"),  # the target is missing but a cell was bad: no "required"
        (2, "actual_mid", "core.input.value"),
        (2, "target_mid", "core.indicator.target"),  # target_mid 0 was read: its check comes last
        (3, "reason", "core.input.required"),  # neutralized without a reason
        (3, "weight", "core.indicator.monitor_weight"),
        (4, "target_2021", "core.indicator.target"),  # 0
        (4, "target_mid", "core.indicator.target"),  # -1
        (6, "id", "core.input.duplicate"),
    ]
    loader = loading._Loader(folder, "e", 2021, InputSchema())
    loader.read()
    table = loader.table("indicators")
    assert table is not None
    kept = loader.indicators(table)
    assert list(kept) == ["K4", "K5"]
    assert (kept["K5"].baseline, kept["K5"].target, kept["K5"].targets[2022]) == (
        "boh",
        dt.date(2021, 12, 31),
        "monitoraggio",
    )


CSV_PIECES = [
    "a",
    "b c",
    " ",
    "\t",
    ",",
    ";",
    "\n",
    "\r\n",
    "\r",
    '"',
    '""',
    "\x0b",
    "\x1c",
    "\u2028",
    "\xa0",
    "é",
    "1,5",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CSV_PIECES), max_size=25).map("".join), st.sampled_from([",", ";"]))
def test_a_csv_split_at_its_delimiters_is_the_csv_module_s_reading(text, delimiter):
    """tables._records splits a text with no quote and no lone CR at its line breaks and delimiters
    (issue 18): the rows are those of the csv module, whatever the blank lines, the whitespace and the
    line breaks; any other text is read by the csv module itself."""
    assert list(tables._records(text, delimiter, short=True)) == list(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    )


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CSV_PIECES + ["x_", "  y  "]), max_size=25).map("".join), st.sampled_from([",", ";"]))
def test_cells_said_bare_need_no_strip(text, delimiter):
    """When tables._cells_bare says that no cell begins or ends with whitespace, str.strip changes no
    cell the csv module reads (the check that spares a strip per cell, issue 18)."""
    if tables._cells_bare(text, delimiter):
        cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for c in row]
        assert [c.strip() for c in cells] == cells


def test_the_whitespace_spared_is_what_str_strip_takes():
    assert tables.SPACES == "".join(c for c in map(chr, range(0x110000)) if c.isspace() and c not in "\r\n")
    assert not tables._cells_bare("a,b\n\u3000c,d\n", ",") and tables._cells_bare("a b,c\n", ",")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "\n", "cccc", "\r"]), max_size=30).map("".join))
def test_lines_found_short_are_short(text):
    """tables._lines_short (a line break in every window of half the limit) says what measuring every
    line says (here with a limit of 5 characters)."""
    with mock.patch.object(tables, "MAX_CELL_CHARS", 5):
        assert tables._lines_short(text) == (max(map(len, text.split("\n"))) <= 5)


RECORD_VALUES = st.one_of(st.none(), st.text(max_size=3), st.decimals(allow_nan=False, places=2), st.booleans())


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([Unit, Person, Objective, Indicator, Assignment, EvaluationItem]), st.data())
def test_records_from_columns_are_the_records_built_one_by_one(cls, data):
    """core.model.from_columns stores each column into its slot (issue 18): the records equal (and
    hash as) those made by the class, field by field, and stay frozen."""
    fields = attrs.fields(cls)
    rows = data.draw(st.lists(st.tuples(*[RECORD_VALUES for _ in fields]), max_size=4))
    columns = [list(column) for column in zip(*rows)] if rows else [[] for _ in fields]
    built = from_columns(cls, *columns)
    assert built == [cls(*row) for row in rows]
    assert [hash(b) for b in built] == [hash(cls(*row)) for row in rows]
    for record, row in zip(built, rows):  # field by field, the very objects given (no copy, no conversion)
        assert type(record) is cls
        assert all(getattr(record, f.name) is value for f, value in zip(fields, row))
        assert repr(record) == repr(cls(*row))
    assert model._by_slots(cls, columns) == built  # the build through the slots' descriptors
    for record in built:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.row = 1  # type: ignore[misc]
    with pytest.raises(ValueError):
        from_columns(cls, *columns[:-1])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["", "a", "b", " c ", "\t", "dd", "a;b"]), max_size=4), max_size=6),
    st.sampled_from([",", ";"]),
    st.booleans(),
    st.one_of(st.none(), st.integers(1, 8)),
)
def test_a_regular_table_split_at_once_is_the_table_read_row_by_row(rows, delimiter, trailing, chunk):
    """tables._split_sheet splits the body of a table whose rows are all as wide as its header into
    cells at once and slices the columns (issue 18): the Sheet and the problems are those of reading
    the same text row by row, whatever the widths, blank rows, empty first cells and whitespace. So are
    they when the sheet is big (here, over 0 cells: ``chunk`` is not None) and its body is split a chunk
    of ``chunk`` characters at a time, each column's texts gathered side by side (tables._columns)."""
    text = "\n".join(delimiter.join(row) for row in rows) + ("\n" if trailing else "")
    bare = tables._cells_bare(text, delimiter)
    with mock.patch.object(tables, "MAX_ROWS", 4):  # a file too long refused either way
        by_row = tables._read_sheet("people", "people.csv", tables._split(tables._lines(text), delimiter), True, bare)
        if chunk is None:
            at_once = tables._split_sheet("people", "people.csv", text, delimiter, bare)
        else:
            with mock.patch.object(tables, "SPREAD", 0), mock.patch.object(tables, "CHUNK", chunk):
                at_once = tables._split_sheet("people", "people.csv", text, delimiter, bare)
    assert at_once == by_row


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["", "a", "bb", "ccc"]), min_size=3, max_size=3), min_size=1, max_size=12),
    st.integers(1, 12),
)
def test_a_big_sheets_columns_are_gathered_chunk_by_chunk_with_the_cells_of_a_split_at_once(rows, chunk):
    """tables._columns on a big body (SPREAD 0) splits ``chunk`` characters at a time, cutting only at line
    breaks (a chunk ends with the line its last character is in; an empty last line is a row too): the
    columns, by hand from the rows, are those of splitting the whole body."""
    body = "\n".join(",".join(row) for row in rows)
    expected = [[row[j] for row in rows] for j in range(3)]
    with mock.patch.object(tables, "SPREAD", 0), mock.patch.object(tables, "CHUNK", chunk):
        assert tables._columns(body, ",", 3, len(rows)) == expected
        assert tables._columns(body + "\n", ";", 1, len(rows) + 1) == [body.split("\n") + [""]]  # one column


def test_gathered_texts_are_equal_new_objects_or_the_texts_themselves_with_a_nul():
    """core.columns.gathered: new objects equal to the texts, in order (where the allocator puts them is CPython's
    business, measured in docs/performance.md, not asserted); a NUL in a text, which the join cannot tell apart,
    gives the texts themselves."""
    texts = [f"{i:07d}x" for i in range(2_000)]
    copies = gathered(texts)
    assert copies == texts and all(c is not t for c, t in zip(copies, texts))
    with_nul = ["a", "b\0c", "d"]
    assert gathered(with_nul) is with_nul
    assert gathered([]) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["", "alta", "ALTA ", "bassa", "media", "forse", "3", "3x"]), min_size=1, max_size=8))
def test_a_pure_parser_reads_each_distinct_text_once_with_the_values_and_problems_of_a_call_per_cell(
    tmp_path_factory, cells
):
    """A plugin's parser marked ``pure`` (core.values.choice's, issue 18) is called once per distinct
    text of a column: the values and problems are those of the same parser called for every cell, and
    an empty cell is None."""
    pure = values.choice("bassa", "media", "alta")
    calls: list[str] = []

    def per_cell(text: str) -> str:
        calls.append(text)
        return pure(text)

    assert getattr(pure, "pure", False) is True and not hasattr(per_cell, "pure")
    folder = write_ente(tmp_path_factory.mktemp("e"), files())
    (folder / "extra.csv").write_text(
        "id,level\n" + "".join(f"R{i},{c}\n" for i, c in enumerate(cells)), encoding="utf-8"
    )
    found = []
    for parser in (pure, per_cell):
        loader = loading._Loader(
            folder, "e", 2021, InputSchema(files={"extra.csv": {"id": values.parse_id, "level": parser}})
        )
        loader.read()
        table = loader.table("extra")
        assert table is not None
        found.append((table.values, table.bad))
    assert found[0] == found[1]
    assert len(calls) == len([c for c in cells if c])  # the other parser: once per cell
    assert found[0][0]["level"] == [pure(c) if c in ("alta", "ALTA ", "bassa", "media") else None for c in cells]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["", "1", "2.5", "90%", "1.234", "x", "-3"]), max_size=12))
def test_a_column_looked_up_at_once_is_the_column_read_cell_by_cell(cells):
    """loading._looked_up (one itemgetter over a column's texts, issue 18) gives each cell the value of
    its text, None for an empty cell or a text the parser refuses, as a look-up per cell does."""
    distinct = {text: None for text in cells if text}
    known, failed = values.parse_distinct(values.parse_number, distinct)
    per_cell = [known.get(text) for text in cells]
    assert loading._looked_up(dict(known), failed, "" in cells, cells) == per_cell


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["-1", "0", "1", "10", "10.0", "40"]), st.sampled_from(["-1", "0", "1", "10", "41"]))
    )
)
def test_a_card_s_checks_on_distinct_pairs_are_the_checks_of_every_row(rows):
    """loading._cards_hold (the checks made once per distinct pair, issue 18) says that every row holds
    exactly when the three checks made on every row find nothing wrong."""
    max_points = [Decimal(most) for most, _ in rows]
    points = [Decimal(got) for _, got in rows]
    every_row = all(most > 0 and got >= 0 and got <= most for most, got in zip(max_points, points))
    assert loading._cards_hold(max_points, points) == every_row
    assert not loading._cards_hold([Decimal(10), [1]], [Decimal(1), [1]])  # unhashable: the rows checked one by one


def _bare_edge_by_edge(text: str, delimiter: str) -> bool:
    """tables._cells_bare as it was before issue 18's flat text: each space next to each edge, searched apart."""
    if '"' in text:
        return False
    edges = (delimiter, "\n", "\r") if "\r" in text else (delimiter, "\n")
    for space in tables.SPACES:
        if space in text:
            if text.startswith(space) or text.endswith(space):
                return False
            for edge in edges:
                if space + edge in text or edge + space in text:
                    return False
    return True


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab;,\n\r \t\u3000\xa0", max_size=20), st.sampled_from([",", ";"]))
def test_cells_bare_on_the_flat_text_is_the_search_edge_by_edge(text, delimiter):
    """_cells_bare searches each space next to the delimiter of a text whose line breaks are made the
    delimiter: the same answer as the searches next to each edge."""
    assert tables._cells_bare(text, delimiter) == _bare_edge_by_edge(text, delimiter)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_id_is_one_string_object_in_every_file_and_column(tmp_path, fmt):
    """Issue 18: ``_canonical_ids`` gives every cell naming an id the one object of that id in the ente, so that
    the dicts keyed by person id find their key by identity. Equal but distinct objects would fail here."""
    folder = write_ente(tmp_path / "csv", files())
    if fmt == "xlsx":
        folder = as_xlsx(folder, tmp_path / "xlsx")
    ente = load_ente(folder, "e", 2021)
    person_key = {k: k for k in ente.people}
    unit_key = {k: k for k in ente.units}
    assert ente.evaluations
    for item in ente.evaluations:
        assert item.person is person_key[item.person]
        assert item.evaluator is None or item.evaluator is person_key[item.evaluator]
    checked = 0
    for p in ente.people.values():
        assert p.id is person_key[p.id]
        assert p.unit is unit_key[p.unit]
        if p.evaluator is not None:
            assert p.evaluator is person_key[p.evaluator]
            checked += 1
    assert checked  # the example names evaluators
    for o in ente.objectives.values():
        if o.owner in person_key:
            assert o.owner is person_key[o.owner]
        elif o.owner in unit_key:
            assert o.owner is unit_key[o.owner]


def test_canonical_ids_are_one_object_per_text_made_at_its_first_reading():
    """Each id text gets one object at its first reading, in any column: a fresh copy (the copies of one column are
    made together, side by side in memory), which every later cell of that text maps to; the cells' own objects are
    not kept. A column with a NUL character in a new text keeps its cells' objects (the copies are made by joining
    and splitting on NUL)."""
    ids: dict[str, str] = {}
    first = ["".join(("P", str(i))) for i in (1, 2, 1)] + [""]
    got = loading._canonical_ids(ids, first)
    assert got == first
    assert got[0] is got[2] and got[0] is not first[0] and got[0] is not first[2]  # one fresh object for P1
    assert ids == {"P1": "P1", "P2": "P2", "": ""} and ids["P1"] is got[0] and ids["P2"] is got[1]
    later = ["".join(("P", "2")), "".join(("P", "3")), "".join(("P", "4"))]
    again = loading._canonical_ids(ids, later)
    assert again == later
    assert again[0] is got[1]  # the object of the first column, not the new cell
    assert again[1] is ids["P3"] and again[1] is not later[1]  # P3 and P4 are new here: fresh copies
    assert again[2] is ids["P4"] and again[2] is not later[2]
    assert set(ids) == {"P1", "P2", "P3", "P4", ""}
    alone = loading._canonical_ids(ids, ["".join(("P", "5"))])
    assert alone == ["P5"] and alone[0] is ids["P5"]  # one new text: a copy or the cell, one object either way
    nul = ["".join(("Q", "1")), "a\x00b", "".join(("Q", "1"))]
    kept = loading._canonical_ids(ids, nul)
    assert kept == nul and kept[0] is nul[0] and kept[2] is nul[0] and kept[1] is nul[1]
