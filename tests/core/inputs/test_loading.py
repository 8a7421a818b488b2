"""Loading an ente: every problem at once, each with file, row, column and rule (SPEC §5)."""

import csv
import datetime as dt
import io
from decimal import Decimal
from unittest import mock

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import values
from ciclope.core.inputs import columns, crossrefs, records, tables
from ciclope.core.inputs.folder import read_sheets
from ciclope.core.inputs.indicators import read_indicators
from ciclope.core.inputs.loading import InputSchema, load_ente
from ciclope.core.inputs.reading import Asked, Log, Reading
from ciclope.core.model import EvaluationItem
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import compute_ente, results_doc, write_ente

from comune_from_docs import REGULATION
from comune_from_docs import files as from_docs
from helpers import as_xlsx, coreonly, files, run_declared


def reading(asked):
    """The sheets of ``asked``'s folder as the record steps read them (the folder's alone: no ente.toml rows)."""
    log = Log()
    return Reading(asked, read_sheets(asked, log).sheets, log)


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
    assert p.render().startswith(
        "people.csv, riga 4, colonna fte: errore: attesa una quota (es. 0,5, 50% o 30/36), trovato «mezzo»"
    )


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
    assert ("unità.csv", None, "", "core.input.missing_file") in got  # named as the guide teaches


def test_a_missing_ente_toml_names_the_folder_and_says_what_writes_it(tmp_path):
    """V read «ente.toml: errore: manca ente.toml, obbligatorio»: which folder, and how to get one? The message names
    the ente's folder, what the file holds and the command that writes it."""
    fs = files()
    del fs["ente.toml"]
    folder = write_ente(tmp_path / "villa-serena", fs)
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    [missing] = [p for p in exc.value.problems if p.rule == "core.input.missing_file"]
    assert missing.file == "ente.toml"
    assert missing.message == (
        f"manca ente.toml nella cartella dell'ente {folder}: è obbligatorio e vi si scrivono il nome dell'ente, i "
        "fondi ([fondi]) e le date degli atti ([atti]); lo scrive ciclope template sulla cartella di cycle.toml, con "
        "ogni chiave commentata (i file che ci sono restano come sono)"
    )


def test_a_sheet_refused_whole_is_not_reported_again_by_the_rows_that_name_it(tmp_path):
    """Without the people's sheet, the units' heads and the cards' persons and evaluators name nobody the ente has;
    the missing sheet is the one problem to fix, not one «persona inesistente» per row. A wrong evaluator of a card
    whose person exists is still found when the people were read."""
    fs = files()
    del fs["people.csv"]
    got = problems_of(write_ente(tmp_path / "a", fs))
    assert {rule for *_, rule in got} == {"core.input.missing_file"}

    evaluations = files()["evaluations.csv"] + "E3,ZZ,risultati,Obiettivi,10,5,\n"
    got = problems_of(write_ente(tmp_path / "b", files(**{"evaluations.csv": evaluations})))
    assert got == {("evaluations.csv", 6, "evaluator", "core.ref.person")}  # header, four rows, then E3's


def test_missing_target_column_for_the_year(tmp_path):
    folder = write_ente(tmp_path / "e", files())
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2023)
    assert any(p.column == "target_2023" and p.rule == "core.input.missing_column" for p in exc.value.problems)


def test_a_date_not_read_is_told_with_dates_of_the_cycle_s_year(tmp_path):
    """The examples of a date refused name the cycle's year (2022 here), not a fixed one: in indicators.csv (I3's
    actual, a deadline) as in a date column of the core's (appeals.csv)."""
    fs = files()
    fs["indicators.csv"] = fs["indicators.csv"].replace(",30.6.2021,-,1/7/2021,", ",30.6.2021,30.6.2022,luglio,")
    fs["appeals.csv"] = "person,stage,date\nD1,contraddittorio,giugno\n"
    with pytest.raises(CiclopeError) as exc:
        load_ente(write_ente(tmp_path / "e", fs), "e", 2022)
    said = {(p.file, p.column): p.message for p in exc.value.problems}
    for where in (("indicators.csv", "actual"), ("appeals.csv", "date")):
        assert "attesa una data (30/06/2022, 30.6.2022 o 2022-06-30)" in said[where], said


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


def test_a_number_cell_of_a_workbook_is_the_number_it_holds(tmp_path):
    """A number typed in a cell of ente.xlsx (2,733 in an Italian Excel, stored 2.733) is that number: never «numero
    ambiguo» as the text «2.733» would be, nor 2733. I1 (higher, target 10): actual 2.733 → 2.733 / 10 = 27,33%."""
    csv_dir = write_ente(tmp_path / "csv", files())
    folder = as_xlsx(csv_dir, tmp_path / "xlsx")
    wb = openpyxl.load_workbook(folder / "ente.xlsx")
    ws = wb["indicators"]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=1).value == "I1"
    ws.cell(row=2, column=header.index("actual") + 1).value = 2.733
    wb.save(folder / "ente.xlsx")
    result = compute_ente(folder, coreonly, 2021)
    assert result.org is not None
    assert result.org.indicators["I1"].actual == Decimal("2.733")
    assert result.org.indicators["I1"].achievement == Decimal("0.2733")


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
    # the empty cell's message names the column as the office reads it, in Italian
    (empty,) = [p for p in exc.value.problems if p.file == "people.csv" and p.row == 6]
    assert empty.message == "valore obbligatorio mancante in «unità»; riga di Ezio (E2)"


def test_a_column_the_file_lacks_is_named_in_the_office_s_words(tmp_path):
    """A column that is not in the file has no header as written: where the problem is, it is named as the template
    writes it («ruolo», «superiore»), like the message, never by its code."""
    people = [line.split(",") for line in files()["people.csv"].strip().splitlines()]
    without_role = "\n".join(",".join(c for k, c in enumerate(row) if k != 2) for row in people) + "\n"
    assert without_role.startswith("id,name,category,unit")  # the third column, role, taken out
    folder = write_ente(tmp_path / "e", files(**{"people.csv": without_role}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    (missing,) = [p for p in exc.value.problems if p.rule == "core.input.missing_column"]
    assert (missing.file, missing.row, missing.column) == ("people.csv", 1, "ruolo")
    assert missing.message == "manca la colonna obbligatoria «ruolo»"
    two_roots = files()["units.csv"].replace("a1,Area 1,area,ente,D1", "a1,Area 1,area,,D1")
    two_roots = two_roots.replace("id,name,kind,parent,head", "codice,nome,tipo,superiore,responsabile")  # as written
    folder = write_ente(tmp_path / "f", files(**{"units.csv": two_roots}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "f", 2021)
    (roots,) = [p for p in exc.value.problems if p.rule == "core.units.root"]
    assert roots.column == "superiore"
    assert roots.message == "l'organigramma deve avere una sola radice (unità senza superiore), trovate 2"


def test_a_neutralized_indicator_without_its_reason_names_the_column_once(tmp_path):
    # I1 neutralized (SI) with no motivo: the column is named where the problem is, in the office's word, and the
    # message says it in Italian only
    text = files()["indicators.csv"].replace(
        "I1,S1,Iniziative,higher,,,10,12,8,5,2,,,", "I1,S1,Iniziative,higher,,,10,12,8,5,2,SI,,"
    )
    folder = write_ente(tmp_path / "e", files(**{"indicators.csv": text}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    (missing,) = [p for p in exc.value.problems if p.rule == "core.input.required"]
    assert (missing.file, missing.row, missing.message) == (
        "indicators.csv",
        2,
        "un indicatore neutralizzato richiede il motivo",
    )


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
    (zero,) = [p for p in exc.value.problems if p.rule == "core.card.max_points"]
    assert zero.message == "i punti massimi della voce devono essere più di 0, trovato 0"
    loader = reading(Asked(folder, "e", 2021))
    table = columns.table(loader, "evaluations")
    assert table is not None
    assert records.cards(loader, table) == (  # rows 2 and 6: the others have a bad cell or break a check
        EvaluationItem("E1", "D1", "risultati", "Obiettivi", Decimal(60), Decimal(54), None, 2),
        EvaluationItem("E2", "D1", "comportamenti", "Puntualità", Decimal(10), Decimal(7), Decimal(1), 6),
    )
    assert [(p.row, p.column, p.rule) for p in loader.log.problems] == got


def test_a_wrong_id_says_the_nearest_and_points_out_of_range_say_the_range_in_words(tmp_path):
    """«persona «e1» inesistente» says the id written in another case, «(forse «E1»?)»; points over the maximum say the
    range as the other bound messages do, «da 0 a 40», not «[0, 40]»."""
    evaluations = """
    person,evaluator,section,item,max_points,points,weight
    e1,D1,risultati,Obiettivi,60,54,
    E2,D1,comportamenti,Collaborazione,40,41,
    E2,D1,comportamenti,Puntualità,10,7.5,1
    """
    folder = write_ente(tmp_path / "e", files(**{"evaluations.csv": evaluations}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert [(p.row, p.message) for p in exc.value.problems if p.file == "evaluations.csv"] == [  # in line order
        (2, "persona «e1» inesistente (forse «E1»?): scrivi il codice di una persona di people.csv"),
        (3, "punti 41 fuori dall'intervallo ammesso: da 0 a 40 (voce «Collaborazione» della scheda di Ezio (E2))"),
    ]


def test_a_wrong_id_is_compared_by_spelling_only_for_the_first_ones(tmp_path):
    """A file of a large ente written with another ente's ids would take minutes to compare, spelling by spelling,
    with every id: beyond the first wrong ids only one in another case or word order is said."""
    wrong = ["e1", *(f"SG{n}" for n in range(crossrefs.MAX_SPELLED)), "e2"]  # SG0 is near SG alone
    rows = "".join(f"{person},D1,risultati,Obiettivi,60,54,\n" for person in wrong)
    evaluations = "person,evaluator,section,item,max_points,points,weight\n" + rows
    folder = write_ente(tmp_path / "e", files(**{"evaluations.csv": evaluations}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    said = [p.message for p in exc.value.problems if p.file == "evaluations.csv"]
    hint = ": scrivi il codice di una persona di people.csv"
    assert said[:2] == [
        f"persona «e1» inesistente (forse «E1»?){hint}",
        f"persona «SG0» inesistente (forse «SG»?){hint}",
    ]
    assert said[-3:] == [
        f"persona «SG48» inesistente (forse «SG»?){hint}",  # the 50th wrong id: the last compared by spelling
        f"persona «SG49» inesistente{hint}",
        f"persona «e2» inesistente (forse «E2»?){hint}",
    ]


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


@settings(max_examples=150)
@given(damaged_ente())
def test_records_built_from_columns_are_those_built_row_by_row(tmp_path_factory, changed):
    """The loader builds the records of a sheet with no bad cell from its columns, all at once
    (``records.FAST``); the slow path, row by row, reports each bad row in its turn. On random damage
    (bad values, empty required cells, repeated ids, card checks broken) both give the same Ente, or
    the same problems in the same order."""
    folder = write_ente(tmp_path_factory.mktemp("e"), files(**changed))

    def outcome(fast: bool):
        with mock.patch.object(records, "FAST", fast):
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
    loader = reading(Asked(folder, "e", 2021))
    table = columns.table(loader, "indicators")
    assert table is not None
    kept = read_indicators(loader, table)
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


@settings(max_examples=500)
@given(st.lists(st.sampled_from(CSV_PIECES), max_size=25).map("".join), st.sampled_from([",", ";"]))
def test_a_csv_split_at_its_delimiters_is_the_csv_module_s_reading(text, delimiter):
    """tables._records splits a text with no quote and no lone CR at its line breaks and delimiters
    (issue 18): the rows are those of the csv module, whatever the blank lines, the whitespace and the
    line breaks; any other text is read by the csv module itself."""
    assert list(tables._records(text, delimiter, short=True)) == list(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    )


@settings(max_examples=500)
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


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["a", "bb", "\n", "cccc", "\r"]), max_size=30).map("".join))
def test_lines_found_short_are_short(text):
    """tables._lines_short (a line break in every window of half the limit) says what measuring every
    line says (here with a limit of 5 characters)."""
    with mock.patch.object(tables, "MAX_CELL_CHARS", 5):
        assert tables._lines_short(text) == (max(map(len, text.split("\n"))) <= 5)


RECORD_VALUES = st.one_of(st.none(), st.text(max_size=3), st.decimals(allow_nan=False, places=2), st.booleans())


@settings(max_examples=100)
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
        loader = reading(
            Asked(folder, "e", 2021, InputSchema(files={"extra.csv": {"id": values.parse_id, "level": parser}}))
        )
        table = columns.table(loader, "extra")
        assert table is not None
        found.append((table.values, table.bad))
    assert found[0] == found[1]
    assert len(calls) == len([c for c in cells if c])  # the other parser: once per cell
    assert found[0][0]["level"] == [pure(c) if c in ("alta", "ALTA ", "bassa", "media") else None for c in cells]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["", "1", "2.5", "90%", "1.234", "x", "-3"]), max_size=12))
def test_a_column_looked_up_at_once_is_the_column_read_cell_by_cell(cells):
    """columns._looked_up (one itemgetter over a column's texts, issue 18) gives each cell the value of
    its text, None for an empty cell or a text the parser refuses, as a look-up per cell does."""
    distinct = {text: None for text in cells if text}
    known, failed = values.parse_distinct(values.parse_number, distinct)
    per_cell = [known.get(text) for text in cells]
    assert columns._looked_up(dict(known), failed, "" in cells, cells) == per_cell


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.sampled_from(["-1", "0", "1", "10", "10.0", "40"]), st.sampled_from(["-1", "0", "1", "10", "41"]))
    )
)
def test_a_card_s_checks_on_distinct_pairs_are_the_checks_of_every_row(rows):
    """records._cards_hold (the checks made once per distinct pair, issue 18) says that every row holds
    exactly when the three checks made on every row find nothing wrong."""
    max_points = [Decimal(most) for most, _ in rows]
    points = [Decimal(got) for _, got in rows]
    every_row = all(most > 0 and got >= 0 and got <= most for most, got in zip(max_points, points))
    assert records._cards_hold(max_points, points) == every_row
    assert not records._cards_hold([Decimal(10), [1]], [Decimal(1), [1]])  # unhashable: the rows checked one by one


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


@settings(max_examples=500)
@given(st.text(alphabet="ab;,\n\r \t\u3000\xa0", max_size=20), st.sampled_from([",", ";"]))
def test_cells_bare_on_the_flat_text_is_the_search_edge_by_edge(text, delimiter):
    """_cells_bare searches each space next to the delimiter of a text whose line breaks are made the
    delimiter: the same answer as the searches next to each edge."""
    assert tables._cells_bare(text, delimiter) == _bare_edge_by_edge(text, delimiter)


def test_a_sheet_the_regulation_does_not_read_says_how_to_keep_it(tmp_path):
    # a workbook prepared for another regulation, with the office's own sheet beside it
    csv_dir = write_ente(tmp_path / "csv", files())
    folder = as_xlsx(csv_dir, tmp_path / "xlsx")
    wb = openpyxl.load_workbook(folder / "ente.xlsx")
    wb.create_sheet("fondo").append(["voce", "importo"])
    wb.create_sheet("x_appunti").append(["nota"])
    wb.save(folder / "ente.xlsx")
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    assert [(p.file, p.rule) for p in exc.value.problems] == [("ente.xlsx[fondo]", "core.input.unknown_file")]
    assert exc.value.problems[0].message.endswith(
        "il regolamento dell'ente non lo legge; toglilo, o rinominalo x_fondo se è un foglio dell'ufficio"
    )


def test_an_unknown_evaluator_is_one_error_naming_every_row(ciclope_ente, tmp_path):
    """A declared regulation's Comune (test_regolamento_from_docs) whose cards of the 16 dipendenti, and the people.csv
    rows of S03 and S05, name the Segretario as «SGE»: one error for «SGE», at its first row, naming both files, every
    row and the column, with the nearest code and what to do — not one error per card row (18 before)."""
    data = from_docs()
    # people.csv: header (row 1), SEG (2), S01 (3), S02 (4), S03 (5), S04 (6), S05 (7)
    for pid in ("S03", "S05"):
        row = f"Persona {pid},dipendente,C,amm,1,0,false,"
        data["people.csv"] = data["people.csv"].replace(f"{row}SEG,", f"{row}SGE,")
    # evaluations.csv: header (row 1), then S01 … S16 (rows 2–17), then PO1 … PO4 (rows 18–21), still by SEG
    data["evaluations.csv"] = "\n".join(
        line.replace(",SEG,", ",SGE,") if line.startswith("S") else line for line in data["evaluations.csv"].split("\n")
    )
    with pytest.raises(CiclopeError) as exc:
        run_declared(ciclope_ente, tmp_path, REGULATION, data)
    (p,) = exc.value.problems
    assert (p.file, p.row, p.column, p.rule) == ("people.csv", 5, "evaluator", "core.ref.person")
    assert p.message == (
        "valutatore «SGE» inesistente (forse «SEG»?): né una persona dell'ente né un valutatore esterno di ente.toml "
        "[valutatori]; compare in people.csv (colonna evaluator, righe 5 e 7) ed evaluations.csv (colonna evaluator, "
        "righe 2–17): scrivi il codice di una persona di people.csv o dichiaralo in [valutatori] di ente.toml"
    )


def test_a_card_of_nobody_is_one_error_naming_its_rows(tmp_path):
    """A card whose person is written «E4» (nobody: E1, E2 and E3 are): one error at its first row naming the card's
    rows, not one per item (a card is a row per item)."""
    evaluations = """
    person,evaluator,section,item,max_points,points,weight
    E1,D1,risultati,Obiettivi,60,54,
    E4,D1,risultati,Obiettivi,60,50,
    E4,D1,comportamenti,Collaborazione,40,30,
    E4,D1,comportamenti,Puntualità,10,7,
    """
    folder = write_ente(tmp_path / "e", files(**{"evaluations.csv": evaluations}))
    with pytest.raises(CiclopeError) as exc:
        load_ente(folder, "e", 2021)
    # rows: header 1, E1 2, the card of E4 on rows 3, 4 and 5
    assert [(p.row, p.column, p.message) for p in exc.value.problems if p.file == "evaluations.csv"] == [
        (
            3,
            "person",
            "persona «E4» inesistente; compare in evaluations.csv (colonna person, righe 3–5): scrivi il "
            "codice di una persona di people.csv",
        )
    ]


def test_rows_are_said_in_runs():
    """The rows an unknown evaluator's problem names: in order, three or more in a row as a run, at most 8 runs."""
    assert crossrefs.rows_said([5]) == ", riga 5"
    assert crossrefs.rows_said([7, 5]) == ", righe 5 e 7"
    assert crossrefs.rows_said([5, 6]) == ", righe 5 e 6"  # two rows are two rows, not a run
    assert crossrefs.rows_said([*range(2, 18), 20, 22, 23, 24]) == ", righe 2–17, 20 e 22–24"
    # 10 runs of one row (2, 4, …, 20): the first 8 (2 … 16), then the 2 rows left (18, 20)
    assert crossrefs.rows_said(list(range(2, 21, 2))) == ", righe 2, 4, 6, 8, 10, 12, 14, 16 e altre 2"
    assert crossrefs.rows_said([]) == ""  # a sheet without row numbers: the file and its column alone


def test_a_name_under_two_codes_is_a_warning_at_the_later_row(tmp_path):
    """«Elsa» written again as E4 (row 7) beside E3 (row 6): one person written twice would be paid twice, two people
    of one name need nothing; a warning at the later row, the load goes on. Spacing and case are not a difference;
    a name left empty (read as the code) is no name written."""
    people = files()["people.csv"] + "E4,ELSA ,dipendente,B,u1,1,0,false,D1\nE5,,dipendente,B,u1,1,0,false,D1\n"
    people += "E6,,dipendente,B,u1,1,0,false,D1\n"
    folder = write_ente(tmp_path / "e", files(**{"people.csv": people}))
    ente = load_ente(folder, "e", 2021)
    [same] = [p for p in ente.notes if p.rule == "core.input.same_name"]
    assert (same.file, same.row, same.column, same.severity) == ("people.csv", 7, "name", "warning")
    assert same.message.startswith("il nome «ELSA» è anche alla riga 6, con il codice «E3», qui con il codice «E4»")
    assert set(ente.people) >= {"E3", "E4", "E5", "E6"}
