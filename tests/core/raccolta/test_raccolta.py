"""raccolta crea|unisci on a small ente (issue 42): conflicts are errors, never last-writer-wins; a workbook of
another collection or not a workbook is refused in Italian; the ente's data is changed only with a backup."""

import shutil

import openpyxl
import pytest
from office_year import collect, fill_workbook, prepare

from ciclope.core.commands.cli import main


@pytest.fixture
def office(tmp_path, capsys):
    collect(prepare(tmp_path), tmp_path / "r")
    capsys.readouterr()
    return tmp_path


def filled(src, dest, points=9):
    fill_workbook(src, dest, lambda most: min(points, most))


def unisci(tmp_path, capsys):
    code = main(["raccolta", "unisci", str(tmp_path / "cycle.toml"), "--ente", "cm-prova", str(tmp_path / "r")])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_collection_folder_is_ciclopes_and_never_reused(office, capsys):
    assert (office / "r" / ".ciclope-out").read_text(encoding="utf-8").startswith("ciclope-owned-root raccolta")
    again = main(["raccolta", "crea", str(office / "cycle.toml"), "--ente", "cm-prova", "--out", str(office / "r")])
    assert again == 2 and "contiene già una raccolta" in capsys.readouterr().err
    into_data = main(
        ["raccolta", "crea", str(office / "cycle.toml"), "--ente", "cm-prova", "--out", str(office / "ente" / "r")]
    )
    assert into_data == 2 and "ciclope non scrive nei dati" in capsys.readouterr().err


def test_the_workbook_locks_all_but_the_points_and_offers_the_allowed_points(office):
    wb = openpyxl.load_workbook(office / "r" / "da-inviare" / "PO1.xlsx")
    ws = wb["Schede"]
    assert ws.protection.sheet and wb["ciclope"].sheet_state == "veryHidden"
    assert not ws["H2"].protection.locked and ws["E2"].protection.locked
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"0,1,2,3,4,5,6,7,8,9,10"' in lists  # the items of 10 points
    bounds = [(dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    assert ("0", "40") in bounds  # «obiettivi» has 40 points: a bound, not a 41-value list


def test_two_workbooks_for_one_evaluator_are_both_refused(office, capsys):
    sent, back = office / "r" / "da-inviare", office / "r" / "ricevute"
    filled(sent / "PO1.xlsx", back / "PO1.xlsx", points=9)
    filled(sent / "PO1.xlsx", back / "PO1-bis.xlsx", points=5)
    before = (office / "ente" / "ente.xlsx").read_bytes()
    code, out, err = unisci(office, capsys)
    assert code == 1 and "due cartelle dello stesso valutatore «PO1» (PO1-bis.xlsx, PO1.xlsx)" in err
    assert (office / "ente" / "ente.xlsx").read_bytes() == before and not (office / "r" / "backup").exists()


def test_a_card_already_in_the_data_from_elsewhere_is_a_conflict(office, capsys):
    wb = openpyxl.load_workbook(office / "ente" / "ente.xlsx")
    wb["valutazioni"].append(["D101", "PO1", "obiettivi", "Typed by hand", 40, 30, None])
    wb.save(office / "ente" / "ente.xlsx")
    filled(office / "r" / "da-inviare" / "PO1.xlsx", office / "r" / "ricevute" / "PO1.xlsx")
    code, out, err = unisci(office, capsys)
    assert code == 1
    assert "ente.xlsx, foglio valutazioni, riga 2, colonna persona: errore: «D101» ha già una scheda" in err
    # the 11 other cards of PO1 (4 items each) are merged beside the row typed by hand: 1 + 44 rows
    rows = list(
        openpyxl.load_workbook(office / "ente" / "ente.xlsx")["valutazioni"].iter_rows(min_row=2, values_only=True)
    )
    assert len(rows) == 45 and rows[0][3] == "Typed by hand"


def test_a_corrected_return_updates_the_card_it_merged(office, capsys):
    sent, back = office / "r" / "da-inviare", office / "r" / "ricevute"
    filled(sent / "SEG.xlsx", back / "SEG.xlsx", points=9)
    unisci(office, capsys)
    filled(sent / "SEG.xlsx", back / "SEG.xlsx", points=7)  # the Segretario sends a corrected workbook
    code, out, err = unisci(office, capsys)
    assert code == 0 and "0 nuove, 3 aggiornate" in out
    points = [
        r[5]
        for r in openpyxl.load_workbook(office / "ente" / "ente.xlsx")["valutazioni"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert points == [7] * 12  # 3 PO × 4 items, each min(7, max) = 7


def test_foreign_files_are_refused_in_italian(office, tmp_path_factory, capsys):
    back = office / "r" / "ricevute"
    (back / "vecchia.xls").write_bytes(b"\xd0\xcf\x11\xe0 not really")
    (back / "appunti.xlsx").write_text("non sono un foglio", encoding="utf-8")
    other = tmp_path_factory.mktemp("other")
    shutil.copy(office / "cycle.toml", other / "cycle.toml")
    shutil.copytree(office / "ente", other / "ente")
    assert main(["raccolta", "crea", str(other / "cycle.toml"), "--ente", "cm-prova", "--out", str(other / "r")]) == 0
    filled(other / "r" / "da-inviare" / "PO1.xlsx", back / "PO1-altra.xlsx")
    capsys.readouterr()
    code, out, err = unisci(office, capsys)
    assert code == 1
    assert "ricevute/vecchia.xls: errore: è nel formato Excel 97-2003 (.xls)" in err
    assert "salvalo come .xlsx" in err
    assert "ricevute/appunti.xlsx: errore: non è una cartella di lavoro .xlsx" in err
    assert "ricevute/PO1-altra.xlsx: errore: è di un'altra raccolta" in err
    assert "Cartelle inviate 5: 0 accolte, 0 respinte, 5 mancanti; 3 file respinti: non di questa raccolta." in out


def test_the_instructions_say_what_the_points_cells_check_and_that_the_name_does_not_matter(office):
    wb = openpyxl.load_workbook(office / "r" / "da-inviare" / "PO1.xlsx")
    text = "\n".join(str(c.value) for c in wb["Istruzioni"]["A"] if c.value)
    # PO1's cards have items of 10 points (a drop-down 0…10) and «obiettivi» of 40 (a number check only)
    assert "il menu a tendina propone i valori ammessi" not in text
    assert (
        "per una voce fino a 20 punti interi il menu a tendina propone i punti ammessi; per le altre il foglio accetta "
        "un numero da 0 ai punti massimi (anche con decimali, es. 7,5)" in text
    )
    assert "senza cambiarne il nome" not in text
    assert "il nome del file non conta" in text  # docs/anno-ufficio.md: ricevute/, «il nome del file non conta»


def test_the_indicators_sheet_names_the_objective_and_writes_yes_as_it_asks(office):
    ws = openpyxl.load_workbook(office / "r" / "da-inviare" / "PO1.xlsx")["Indicatori"]
    rows = {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(2, ws.max_row + 1)}
    assert rows["K11"][2] == "O1 — Obiettivo dell'area 1"  # the code and the title of the objective
    assert (rows["K12"][4], rows["K12"][6]) == ("SI", "SI o NO")  # one spelling: the target as «Come scriverlo»


def test_a_wrong_date_of_completion_gives_examples_of_the_cycles_year():
    from ciclope.core.raccolta.merge import checked_actual

    with pytest.raises(ValueError) as err:
        checked_actual("deadline", "31/06/2025x", year=2025)
    assert str(err.value) == "attesa una data (30/06/2025, 30.6.2025 o 2025-06-30), trovato «31/06/2025x»"


def test_the_receipt_time_is_written_the_italian_way(office, capsys):
    import datetime as dt
    import os

    from ciclope.core.raccolta.manifest import load
    from ciclope.core.raccolta.readback import read

    dest = office / "r" / "ricevute" / "PO1.xlsx"
    filled(office / "r" / "da-inviare" / "PO1.xlsx", dest)
    saved = dt.datetime(2026, 11, 29, 4, 21).timestamp()  # saved by the office at 04:21 of 29 November 2026
    os.utime(dest, (saved, saved))
    assert read(dest, load(office / "r")).received == "29/11/2026 04:21"


def test_points_typed_as_a_percentage_are_refused(office, capsys):
    # «80%» in a cell formatted as a percentage is the number 0,8 shown as 80%; «70%» as text is the same mistake:
    # points are counted, as the loader counts them in evaluations.csv, and neither is read as 0,8 or 0,7 points
    sent, back = office / "r" / "da-inviare", office / "r" / "ricevute"
    filled(sent / "PO1.xlsx", back / "PO1.xlsx")
    wb = openpyxl.load_workbook(back / "PO1.xlsx")
    ws = wb["Schede"]
    ws["H2"].value, ws["H2"].number_format = 0.8, "0%"
    ws["H3"].value = "70%"
    wb.save(back / "PO1.xlsx")
    code, _, err = unisci(office, capsys)
    assert code == 1  # the two cells refused, as a point out of range is; the workbook's other cards are merged
    for row, shown in ((2, "80%"), (3, "70%")):
        assert (
            f"ricevute/PO1.xlsx, foglio Schede, riga {row}, colonna Punti assegnati: errore: punti «{shown}»: trovato «{shown}», una "
            "percentuale: la cella conta i punti dati alla voce (es. 32 o 7,5), senza il segno %"
        ) in err, err


def test_the_status_table_names_the_ente_and_never_cuts_an_evaluators_name(office, capsys):
    _, out, _ = unisci(office, capsys)
    lines = out.splitlines()
    assert lines[0] == "Raccolta 2021 di Comunità Montana di Prova (cm-prova): 5 cartelle inviate"
    # «Presidente della Comunità Montana» is 33 characters: the column is as wide as it, not cut at 30
    president = next(line for line in lines if line.startswith("PRESIDENTE"))
    assert president[18 : 18 + 35] == "Presidente della Comunità Montana  "
    header = next(line for line in lines if line.startswith("valutatore"))
    # the counts after the name column, right-aligned to the header's «schede», a column as wide as its widest
    # cell, «0 su 12» (nothing returned yet of a PO's 12 cards): 7 characters from 16 + 2 + 33 + 2
    assert header.index("schede") == 16 + 2 + 33 + 2 + 7 - len("schede")


def test_a_wrong_card_names_its_person_and_a_resent_card_unchanged_is_already_there(office, capsys):
    # PO1 gives 99 to the item of the card in row 2 (of at most 40 points, or 10): the error names whose card
    # it is, as the status table does; the workbook is sent again, corrected, under another name: the card fixed is
    # new, the other 11 of PO1 (merged the first time, identical now) are already there, none «aggiornata»
    sent, back = office / "r" / "da-inviare", office / "r" / "ricevute"
    filled(sent / "PO1.xlsx", back / "PO1.xlsx")
    wb = openpyxl.load_workbook(back / "PO1.xlsx")
    ws = wb["Schede"]
    person, name, most = ws["A2"].value, ws["B2"].value, ws["F2"].value
    ws["H2"].value = 99
    wb.save(back / "PO1.xlsx")
    code, _, err = unisci(office, capsys)
    assert code == 1
    assert (
        f"ricevute/PO1.xlsx, foglio Schede, riga 2, colonna Punti assegnati: errore: punti 99 fuori dall'intervallo "
        f"ammesso: da 0 a {most}; scheda di {name} ({person})"
    ) in err, err
    (back / "PO1.xlsx").unlink()
    filled(sent / "PO1.xlsx", back / "PO1-corretta.xlsx")
    code, out, err = unisci(office, capsys)
    assert code == 0, err
    assert "Schede unite: 1 nuove, 0 aggiornate, 11 già presenti;" in out, out


def test_an_actual_of_a_percentage_indicator_is_merged_as_a_percentage(tmp_path, capsys):
    # the office wrote K0's target as the text «95%» and K11's as 50% in a cell shown as a percentage (0,5, «0%»):
    # the actuals merged are percentages as well, with the decimals they need, never 0,975 or 0,48 in General
    cycle = prepare(tmp_path)
    book = tmp_path / "ente" / "ente.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["indicatori"]
    header = [c.value for c in ws[1]]
    at = {row[0].value: row[0].row for row in ws.iter_rows(min_row=2)}
    target, mid, actual_mid = (header.index(h) + 1 for h in ("target", "target_30_6", "consuntivo_30_6"))
    ws.cell(at["K0"], target).value = "95%"
    for column, value in ((target, 0.5), (mid, 0.25), (actual_mid, 0.24)):
        ws.cell(at["K11"], column).value, ws.cell(at["K11"], column).number_format = value, "0%"
    wb.save(book)
    sent = collect(cycle, tmp_path / "r")
    back = tmp_path / "r" / "ricevute"
    fill_workbook(sent / "SEG.xlsx", back / "SEG.xlsx", lambda most: most, actual=0.975)  # 97,5% in a % cell
    fill_workbook(sent / "PO1.xlsx", back / "PO1.xlsx", lambda most: most, actual="48%")
    capsys.readouterr()
    code, out, err = unisci(tmp_path, capsys)
    assert code == 0, err
    ws = openpyxl.load_workbook(book)["indicatori"]
    cell = {k: ws.cell(row, header.index("consuntivo") + 1) for k, row in at.items()}
    assert (cell["K0"].value, cell["K0"].number_format) == (0.975, "0.00%")  # 97,5%: one decimal, shown with two
    assert (cell["K11"].value, cell["K11"].number_format) == (0.48, "0%")


def test_the_status_table_counts_what_was_merged_and_names_each_card_left_out(office, capsys):
    # PO1 sends two workbooks (both refused), PO2's is changed outside the yellow cells (refused), PO3 leaves the
    # item of sheet row 3 without points, the Segretario fills all, the President sends nothing
    sent, back = office / "r" / "da-inviare", office / "r" / "ricevute"
    filled(sent / "PO1.xlsx", back / "PO1.xlsx")
    filled(sent / "PO1.xlsx", back / "PO1-bis.xlsx")
    filled(sent / "PO2.xlsx", back / "PO2.xlsx")
    wb = openpyxl.load_workbook(back / "PO2.xlsx")
    wb["Schede"]["F2"] = 80
    wb.save(back / "PO2.xlsx")
    fill_workbook(sent / "PO3.xlsx", back / "PO3.xlsx", lambda most: most, skip={3})
    filled(sent / "SEG.xlsx", back / "SEG.xlsx")
    ws = openpyxl.load_workbook(sent / "PO3.xlsx")["Schede"]
    person, name, item = ws["A3"].value, ws["B3"].value, ws["E3"].value
    code, out, _ = unisci(office, capsys)
    assert code == 1
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("valutatore"))
    ends = [header.index(word) + len(word) for word in ("schede", "indicatori")]
    state = header.index("stato")
    # cards merged of those sent: refused workbooks merge none; PO3 12 − 1 incomplete = 11; SEG its 3
    expected = {
        "PRESIDENTE": ("0 su 1", "0 su 0", "MANCANTE"),
        "SEG": ("3 su 3", "0 su 1", "restituita (SEG.xlsx, "),
        "PO1": ("0 su 12", "0 su 2", "RESPINTA: due cartelle dello stesso valutatore (PO1-bis.xlsx, PO1.xlsx)"),
        "PO2": ("0 su 12", "0 su 2", "RESPINTA: modificata fuori dalle celle da compilare (PO2.xlsx)"),
        "PO3": ("11 su 12", "0 su 2", "restituita (PO3.xlsx, "),
    }
    for evaluator, (cards, actuals, said) in expected.items():
        line = next(line for line in lines if line.split(" ", 1)[0] == evaluator)
        assert line[ends[0] - len(cards) : ends[0] + 1] == cards + " ", line  # right-aligned under «schede»
        assert line[ends[1] - len(actuals) : ends[1] + 1] == actuals + " ", line
        assert line[state:].startswith(said), line
    assert f"scheda incompleta, non unita: {name} ({person}): voce «{item}» (foglio Schede, riga 3) senza punti" in out
    assert "Cartelle inviate 5: 2 accolte, 2 respinte, 1 mancante." in out
    # 11 + 3 = 14 new cards, the sum of the rows' counts
    assert "Schede unite: 14 nuove, 0 aggiornate, 0 già presenti; non unite: 1 incompleta, 0 in conflitto." in out


def test_the_weight_column_is_hidden_when_no_item_of_the_workbook_has_a_weight(office):
    # the Comunità montana's cards have no weights (each item weighs its maximum points): an empty «Peso» column
    # says nothing to the evaluator and is hidden; it stays column G, where the merge reads it
    ws = openpyxl.load_workbook(office / "r" / "da-inviare" / "PO1.xlsx")["Schede"]
    assert ws["G1"].value == "Peso" and not any(ws.cell(r, 7).value for r in range(2, ws.max_row + 1))
    assert ws.column_dimensions["G"].hidden
    assert not ws.column_dimensions["H"].hidden  # the points to fill


def test_a_name_as_wide_as_its_column_never_runs_into_the_counts():
    """«Direttore dell'Automobile Club» (30 characters, the name column's least width) beside «10 su 10», as wide as
    the column of the cards: one space between them read «Direttore dell'Automobile Club 10 su 10», the name running
    on into the count. Every column is two spaces from the next."""
    from ciclope.core.raccolta.status import Line, _table

    lines = [
        Line(("P01", "Laura Bianchi", "0 su 0", "1 su 1", "non restituita, già tutto nei dati")),
        Line(("DIRETTORE", "Direttore dell'Automobile Club", "10 su 10", "0 su 0", "restituita")),
    ]
    # widths: evaluator 16 (the least), name 30 (the least, and the Director's), cards 8 («10 su 10»), indicators
    # 10 («indicatori»); names left, counts right, two spaces between columns
    assert _table(lines, 30) == [
        "valutatore" + " " * 6 + "  " + "nome" + " " * 26 + "  " + "  schede" + "  " + "indicatori" + "  stato",
        "P01"
        + " " * 13
        + "  "
        + "Laura Bianchi"
        + " " * 17
        + "  "
        + "  0 su 0"
        + "  "
        + "    1 su 1"
        + "  non restituita, già tutto nei dati",
        "DIRETTORE"
        + " " * 7
        + "  "
        + "Direttore dell'Automobile Club"
        + "  "
        + "10 su 10"
        + "  "
        + "    0 su 0"
        + "  restituita",
    ]


def test_a_workbook_of_indicators_only_names_its_reader_and_speaks_of_no_card():
    """A person who evaluates nobody and answers for an indicator gets a workbook of indicators only: its heading
    said «Valutatore: Laura Bianchi (P01)» and a line on cards left «incompleta», which it has none of. The heading
    names the role the workbook asks of them, and the line on cards is only where there are cards."""
    import io

    from ciclope.core.raccolta.plan import Batch, Measure
    from ciclope.core.raccolta.workbook import build

    margin = Measure("I3", "Margine operativo lordo positivo", "O3", "boolean", "SI", "Equilibrio economico")
    batch = Batch("P01", "Laura Bianchi", False, (), (margin,))
    data, _ = build(batch, "ac-valdora", "Automobile Club Valdora", 2025, "token")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Istruzioni"]
    assert [c.value for c in sheet["A"] if c.value] == [
        "Raccolta delle valutazioni 2025 — Automobile Club Valdora",
        "Responsabile degli obiettivi: Laura Bianchi (P01)",
        "Foglio «Indicatori»: gli indicatori degli obiettivi di cui rispondi (1 indicatore). Scrivi il consuntivo del "
        "2025 nella colonna «Consuntivo» (celle gialle), nel formato indicato in «Come scriverlo».",
        "Compila solo le celle gialle: le altre sono protette e l'ufficio controlla che non siano cambiate (una "
        "cartella modificata altrove viene respinta).",
        "Salva il file in formato .xlsx e restituiscilo all'ufficio della performance: il nome del file non conta, "
        "ciclope riconosce la cartella dal suo contenuto.",
    ]
