"""Loading an ente: every problem at once, each with file, row, column and rule (SPEC §5)."""

import shutil
from decimal import Decimal
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import loading, tables
from ciclope.core.loading import InputSchema, load_ente
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import compute_ente, results_doc, write_ente
from ciclope.core.values import parse_text

from helpers import coreonly, files


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
    xlsx_dir = tmp_path / "xlsx"
    xlsx_dir.mkdir()
    shutil.copy(csv_dir / "ente.toml", xlsx_dir / "ente.toml")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    import csv

    for path in sorted(csv_dir.glob("*.csv")):
        ws = wb.create_sheet(path.stem)
        for row in csv.reader(path.open(encoding="utf-8")):
            ws.append(row)
    wb.save(xlsx_dir / "ente.xlsx")
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
    kept = list(loader.rows_as("evaluations", ("person", "section", "item", "points", "weight", "nothing")))
    assert [(n, row) for _, n, row in kept] == [
        (2, ("E1", "risultati", "Obiettivi", Decimal(54), None, None)),  # "nothing": no such column
        (3, ("E1", "comportamenti", "Collaborazione", Decimal(41), None, None)),  # the card check comes later
        (5, ("E2", "comportamenti", "Collaborazione", Decimal(0), Decimal(1), None)),
        (6, ("E2", "comportamenti", "Puntualità", Decimal(7), Decimal(1), None)),
    ]


@st.composite
def people_sheet(draw):
    columns = ["id", "name", "role", "unit", "fte", "x_nota", "livello"]  # livello: a plugin's column
    header = draw(st.permutations(columns).map(lambda c: c[: draw(st.integers(3, len(c)))]))
    cell = st.sampled_from(["", "E1", "E2", "dipendente", "capo", "s1", "1", "0.5", "-1", "uno", "A"])
    return header, draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=6))


@settings(max_examples=200, deadline=None)
@given(people_sheet())
def test_rows_as_tuples_are_the_rows_as_dictionaries(sheet):
    """``rows_as`` (the big sheets, issue 18) gives the rows, the problems and the skipped ids that
    ``rows`` gives, whatever the columns present, their order and the bad cells."""
    header, body = sheet
    schema = InputSchema(columns={"people.csv": {"livello": parse_text}})
    fields = ("id", "role", "fte", "missing")

    def loader():
        found = loading._Loader(Path("."), "e", 2021, schema)
        found.sheets["people"] = tables._sheet("people", "people.csv", [header, *body], found.problems)
        return found

    by_dict, by_tuple = loader(), loader()
    dicts = [(n, r) for _, n, r in by_dict.rows("people")]
    tuples = [(n, r) for _, n, r in by_tuple.rows_as("people", fields, rest=True)]
    assert [n for n, _ in dicts] == [n for n, _ in tuples]
    for (_, d), (_, t) in zip(dicts, tuples):
        assert t[:-1] == tuple(d.get(f) for f in fields)
        assert t[-1] == {k: v for k, v in d.items() if k not in fields}
    assert by_dict.problems == by_tuple.problems and by_dict.rejected == by_tuple.rejected


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
@given(header_and_body())
def test_a_sheet_read_by_column_is_the_sheet_read_row_by_row(records):
    """Issue 18: tables._sheet keeps the rows by column, taking the column path when no row needs a
    row-by-row check. Whatever the rows (blank, short, too wide, cells over the limit — here 3
    characters; rows transposed 3 at a time), the Sheet and the problems are those of the row-by-row
    reading (tables._checked)."""
    header, body = records
    records = [header, *body]
    with mock.patch.object(tables, "MAX_CELL_CHARS", 3), mock.patch.object(tables, "BLOCK", 3):  # several blocks
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
