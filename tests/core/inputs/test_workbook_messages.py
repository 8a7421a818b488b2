"""A problem of an office's workbook (ente.xlsx, as ``ciclope template`` writes it: Italian sheets and headers)
names its place as the spreadsheet shows it — «ente.xlsx, foglio persone, cella F4 (colonna quota_tempo)» —
never in a compiler's notation (``ente.xlsx[persone]:4:quota_tempo``); a CSV file's place reads as before."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from ciclope.core import InputSchema
from ciclope.core.inputs.loading import header_label, load_ente, sheet_title
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.run.citing import cited
from ciclope.core.testing import write_ente
from ciclope.core.values import parse_date

from helpers import files

SCHEMA = InputSchema()


def italian_workbook(tmp_path, **over):
    """The small ente of the helpers as an office's ente.xlsx: a sheet per table under its Italian title
    (``persone``), the header row in the template's Italian words (``codice``, ``quota_tempo``)."""
    write_ente(tmp_path / "csv", files(**over))
    folder = tmp_path / "xlsx"
    folder.mkdir()
    (folder / "ente.toml").write_text((tmp_path / "csv" / "ente.toml").read_text(encoding="utf-8"), encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        ws = wb.create_sheet(sheet_title(path.stem, SCHEMA))
        ws.append([header_label(path.stem, code, SCHEMA) for code in rows[0]])
        for row in rows[1:]:
            ws.append(row)
    wb.save(folder / "ente.xlsx")
    return folder


def edited(folder, sheet: str, **cells):
    """``folder``'s workbook with ``cells`` (``F4="mezzo"``) of ``sheet`` typed over; None empties a cell."""
    wb = openpyxl.load_workbook(folder / "ente.xlsx")
    for cell, value in cells.items():
        wb[sheet][cell] = value
    wb.save(folder / "ente.xlsx")
    return folder


def rendered(folder) -> list[str]:
    with pytest.raises(CiclopeError) as err:
        load_ente(folder, "x", 2021)
    return [p.render(cited) for p in err.value.problems]


def test_a_cell_of_a_workbook_is_named_by_its_sheet_and_its_letter(tmp_path):
    # persone's header: codice (A), nome (B), ruolo (C), categoria (D), unità (E), quota_tempo (F); Emma (E1) is
    # the third person, row 4 after the header: her quota_tempo is F4
    folder = edited(italian_workbook(tmp_path), "persone", F4="mezzo")
    assert rendered(folder) == [
        "ente.xlsx, foglio persone, cella F4 (colonna quota_tempo): errore: attesa una quota (es. 0,5, 50% o 30/36), "
        "trovato «mezzo»; riga di Emma (E1) [guida all'uso di ciclope, file di dati dell'ente]"
    ]


def test_a_workbook_row_or_sheet_without_a_cell_is_named_in_words():
    assert Problem(rule="r", message="m", file="ente.xlsx[persone]", row=11).render() == (
        "ente.xlsx, foglio persone, riga 11: errore: m"
    )
    assert Problem(rule="r", message="m", file="ente.xlsx[persone]").render() == "ente.xlsx, foglio persone: errore: m"
    # a column the sheet lacks has no letter: its row and its name
    assert Problem(rule="r", message="m", file="ente.xlsx[persone]", row=4, column="quota_tempo").render() == (
        "ente.xlsx, foglio persone, riga 4, colonna quota_tempo: errore: m"
    )
    assert Problem(
        rule="r", message="m", file="ente.xlsx[persone]", row=4, column="quota_tempo", letter="F"
    ).render() == ("ente.xlsx, foglio persone, cella F4 (colonna quota_tempo): errore: m")


def test_a_csv_files_place_reads_in_the_same_words():
    # a CSV has no letters above its columns: its file, the row as a spreadsheet numbers it, the header's name
    assert Problem(rule="r", message="m", file="persone.csv", row=11, column="codice").render() == (
        "persone.csv, riga 11, colonna codice: errore: m"
    )
    assert Problem(rule="r", message="m", file="persone.csv", row=11).render() == "persone.csv, riga 11: errore: m"
    assert Problem(rule="r", message="m", file="obiettivi.csv", column="peso").render() == (
        "obiettivi.csv, colonna peso: errore: m"
    )
    assert Problem(rule="r", message="m", file="persone.csv").render() == "persone.csv: errore: m"


def test_an_empty_cell_of_a_column_with_a_menu_lists_its_choices(tmp_path):
    # Emma's ruolo (column C, row 4) left empty: the template's menu is the four roles
    folder = edited(italian_workbook(tmp_path), "persone", C4=None)
    assert rendered(folder) == [
        "ente.xlsx, foglio persone, cella C4 (colonna ruolo): errore: valore obbligatorio mancante in «ruolo»: "
        "scrivi uno tra Segretario, Dirigente, Posizione organizzativa (o Elevata qualificazione, EQ), Dipendente; "
        "riga di Emma (E1) [guida all'uso di ciclope, file di dati dell'ente]"
    ]


def test_a_repeated_code_names_both_persons_and_what_to_do(tmp_path):
    # Ezio (row 5) typed with Emma's code E1 (row 4); the evaluations of E2 then have no person (row 4 and 5 of
    # valutazioni), reported after it
    folder = edited(italian_workbook(tmp_path), "persone", A5="E1")
    assert rendered(folder)[0] == (
        "ente.xlsx, foglio persone, cella A5 (colonna codice): errore: identificativo «E1» ripetuto: alla riga 4 "
        "è di «Emma», qui di «Ezio»; ogni riga vuole un codice suo: cambia quello di una delle due, o togli questa "
        "riga se ripete la stessa [guida all'uso di ciclope, file di dati dell'ente]"
    )


def test_a_message_s_sentence_names_the_sheets_as_its_place_does(tmp_path):
    # E2's two evaluations (rows 4 and 5 of valutazioni) lose their person when Ezio takes E1: the sentence names
    # both sheets as the place does, «ente.xlsx, foglio …», never the notation ente.xlsx[valutazioni]
    folder = edited(italian_workbook(tmp_path), "persone", A5="E1")
    assert rendered(folder)[1] == (
        "ente.xlsx, foglio valutazioni, cella A4 (colonna persona): errore: persona «E2» inesistente; compare in "
        "ente.xlsx, foglio valutazioni (colonna persona, righe 4 e 5): scrivi il codice di una persona di "
        "ente.xlsx, foglio persone [guida all'uso di ciclope, file di dati dell'ente]"
    )


def test_a_date_with_month_and_day_swapped_says_how_a_date_is_written():
    with pytest.raises(ValueError) as err:
        parse_date("03/15/2026", 2026)
    assert str(err.value) == (
        "data inesistente «03/15/2026»: i mesi vanno da 1 a 12; si scrive giorno, mese e anno: 30/06/2026, "
        "30.6.2026 o 2026-06-30"
    )


def test_a_renamed_sheet_is_taken_for_the_missing_one(tmp_path):
    folder = italian_workbook(tmp_path)
    wb = openpyxl.load_workbook(folder / "ente.xlsx")
    wb["persone"].title = "Dipendenti"
    wb.save(folder / "ente.xlsx")
    # the core's sheets in the template's order: unità, aree, persone, obiettivi, indicatori, cruscotti,
    # valutazioni, revisioni, ricorsi; persone, required, is the one missing
    assert rendered(folder)[0] == (
        "ente.xlsx, foglio Dipendenti: errore: foglio sconosciuto «Dipendenti» (forse è il foglio «persone» "
        "rinominato?) (attesi: unità, aree, persone, obiettivi, indicatori, cruscotti, valutazioni, revisioni, "
        "ricorsi, valutatori, tempo parziale): il regolamento dell'ente non lo legge; toglilo, o rinominalo x_Dipendenti "
        "se è un foglio "
        "dell'ufficio [guida all'uso di ciclope, file di dati dell'ente]"
    )


def test_a_row_of_totals_is_one_problem_that_says_to_delete_it(tmp_path):
    # five people on rows 2–6 of persone; the office adds its own total at row 7 («TOTALE», «Totale assenze» and the
    # sum of the absences, 10 + 0 × 4 = 10) with no role and no unit: one problem, at its code, not the empty cells
    folder = edited(italian_workbook(tmp_path), "persone", A7="TOTALE", B7="Totale assenze", G7=10)
    assert rendered(folder) == [
        "ente.xlsx, foglio persone, cella A7 (colonna codice): errore: la riga sembra un totale («TOTALE»): ciclope "
        "fa da sé le somme, cancella la riga [guida all'uso di ciclope, file di dati dell'ente]"
    ]


def test_a_person_whose_name_begins_with_tot_is_no_total(tmp_path):
    # «Totaro» is a surname: its row's empty role is the problem, with the menu, as for anybody
    folder = edited(italian_workbook(tmp_path), "persone", B4="Totaro", C4=None)
    assert rendered(folder)[0].startswith(
        "ente.xlsx, foglio persone, cella C4 (colonna ruolo): errore: valore obbligatorio mancante in «ruolo»"
    )


def test_an_empty_score_says_the_item_and_its_range(tmp_path):
    # valutazioni: persona, valutatore, sezione, voce, punti_massimi, punti (F); row 3 is Emma's «Collaborazione»,
    # 40 points at most, its points emptied
    folder = edited(italian_workbook(tmp_path), "valutazioni", F3=None)
    assert rendered(folder) == [
        "ente.xlsx, foglio valutazioni, cella F3 (colonna punti): errore: valore obbligatorio mancante in «punti»: "
        "scrivi i punti della voce «Collaborazione» (da 0 a 40); riga di Emma (E1) [guida all'uso di ciclope, file "
        "di dati dell'ente]"
    ]


def test_a_sheet_without_a_required_column_is_the_one_error_of_the_rows_that_name_its_people(tmp_path):
    """The sheet persone without its column unità is not read: the units' heads (SG, D1) and the cards' persons and
    evaluators (E1, E2, D1) name people the sheet has, and no «persona inesistente» follows its one error. A problem
    of its own, of a sheet that was read, is still said in the same run: Servizio 1 (s1, the unità sheet's row 4)
    under «A1», the area's code a1 written in another case."""
    folder = italian_workbook(tmp_path)
    wb = openpyxl.load_workbook(folder / "ente.xlsx")
    wb["persone"].delete_cols(5)  # codice (A), nome (B), ruolo (C), categoria (D), unità (E)
    wb["unità"]["D4"] = "A1"  # codice, nome, tipo, superiore (D): s1 is the third unit, row 4
    wb.save(folder / "ente.xlsx")
    assert rendered(folder) == [
        "ente.xlsx, foglio persone, riga 1, colonna unità: errore: manca la colonna obbligatoria «unità» "
        "[guida all'uso di ciclope, file di dati dell'ente]",
        "ente.xlsx, foglio unità, cella D4 (colonna superiore): errore: unità «A1» inesistente (forse «a1»?) "
        "[guida all'uso di ciclope, file di dati dell'ente]",
    ]
