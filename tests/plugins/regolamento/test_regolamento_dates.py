"""A person's date read against a day: «almeno 36 mesi di permanenza nella posizione economica al 1° gennaio
dell'anno» (a published PEO rule) is ``MESI.DA(data_posizione; "01/01") >= 36``, «inquadrati entro il 01/01/2023» is
``data_posizione <= "01/01/2023"``. Every count by hand, the months in a comment (a 2024 cycle: "01/01" is 01/01/2024).

Whole months are counted as ANNI counts years, by the anniversaries: a month is complete on the day of the month the
date falls on; entered the 15th, the months are complete on each 15th."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import (
    STAFF_HEADER,
    amounts,
    one_unit_comune,
    regulation_problems,
    regulation_text,
    run_declared,
    scored_with_column,
)

COLUMN = """\
[[colonne]]
nome = "data_posizione"
tipo = "data"
significato = "la data di inquadramento"
fonte = "art. 4"
"""

CANDIDATES = f"""\
formato = 2
[atto]
titolo = "CCDI 2024 del Comune di Prova"
tipo_ente = "comune"

{COLUMN}
[progressioni]
fonte = "art. 9"
candidati = '=MESI.DA(data_posizione; "01/01") >= 36'
posti = 3
"""


def staff_with_cards(rows: list[tuple[str, int, str]]) -> dict[str, str]:
    return scored_with_column("data_posizione", rows)


def test_thirty_six_months_in_the_position_at_the_first_of_january(ciclope_ente, tmp_path):
    staff = [("A", 95, "01/01/2021"), ("B", 90, "15/03/2021"), ("C", 85, "02/01/2021"), ("D", 80, "31/12/2020")]
    result = run_declared(ciclope_ente, tmp_path, CANDIDATES, staff_with_cards(staff))
    # at 01/01/2024: A from 01/01/2021, (2024 − 2021) × 12 + (1 − 1) = 36, its 36th month complete that day: 36;
    # B from 15/03/2021, 3 × 12 + (1 − 3) = 34, the 34th complete on 15/01/2024, after the day: 33;
    # C from 02/01/2021, 36, the 36th complete on 02/01/2024, one day late: 35;
    # D from 31/12/2020, 4 × 12 + (1 − 12) = 37, the 37th complete on 31/01/2024: 36.
    # candidates A (95) and D (80); 3 places, 2 candidates
    assert result.rewards.extra["progressioni"] == ["A", "D"]
    read = {i.name: i for i in result.figures["progression:B"].inputs}
    # B is row 4 of people.csv (header, SEG, A, B): the date is read from its cell
    assert read["la data di inquadramento"].cell == "people.csv:4:data_posizione"
    text = explain(result, "person", "B")
    assert "  • la data di inquadramento = 15/03/2021   ← people.csv, riga 4, colonna data_posizione\n" in text
    assert "  • mesi interi dal 15/03/2021 al 01/01/2024 = 33\n" in text


def test_the_months_to_a_whole_date_as_the_guide_counts_them(ciclope_ente, tmp_path):
    """docs/regolamento.md's example: entered 15/03/2023, at 01/01/2026 33 months; entered 01/01/2023, 36."""
    text = CANDIDATES.replace('"01/01") >= 36', '"01/01/2026") >= 36')
    staff = [("A", 95, "15/03/2023"), ("B", 90, "01/01/2023"), ("C", 85, "2023-01-01")]
    result = run_declared(ciclope_ente, tmp_path, text, staff_with_cards(staff))
    # A: (2026 − 2023) × 12 + (1 − 3) = 34, the 34th month complete on 15/01/2026: 33, no candidate;
    # B: 3 × 12 + 0 = 36, complete on 01/01/2026: a candidate; C the same date written as the data may write it
    assert result.rewards.extra["progressioni"] == ["B", "C"]
    said = regulation_text(tmp_path, text)
    assert "i mesi interi dalla data di inquadramento al 01/01/2026 sono almeno 36" in said


ADMITTED = f"""\
formato = 2
[atto]
titolo = "Indennità di inquadramento"
tipo_ente = "comune"

{COLUMN}
[[premi]]
nome = "Inquadramento"
metodo = "formula"
valutazione = false
tempo_parziale = "intero"
fondo = "produttivita"
ammesso = '=data_posizione <= "01/01/2023"'
importo = '=100 €'
fonte = "art. 4"
"""


def staff(dates: list[str]) -> dict[str, str]:
    files = one_unit_comune("Comune di Prova", [], [], '[funds]\nproduttivita = "5000.00"\n')
    rows = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG,{d}" for i, d in enumerate(dates, start=1)]
    files["people.csv"] = (
        "\n".join([f"{STAFF_HEADER},data_posizione", "SEG,Segretario,segretario,DIR,com,1,0,false,,", *rows]) + "\n"
    )
    return files


def test_a_date_column_compared_with_a_date(ciclope_ente, tmp_path):
    files = staff(["01/01/2023", "02/01/2023", "15/06/2004"])
    for written in ("01/01/2023", "1.1.2023", "2023-01-01"):
        text = ADMITTED.replace('"01/01/2023"', f'"{written}"')
        result = run_declared(ciclope_ente, tmp_path, text, files)
        # P1 on the day itself: on or before it, 100.00; P2 the day after: not admitted; P3 in 2004: 100.00
        assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"P1": "100.00", "P3": "100.00"}, written
        assert result.figures["ammesso:Inquadramento:P2"].value is False
        # said in the Italian form, whatever form the file writes the date in
        assert "la data di inquadramento è al più il 01/01/2023" in regulation_text(tmp_path, text), written
    text = explain(result, "person", "P2")
    # P2 is row 4 of people.csv (header, SEG, P1, P2)
    assert "  • la data di inquadramento = 02/01/2023   ← people.csv, riga 4, colonna data_posizione\n" in text


def test_every_comparison_of_dates(ciclope_ente, tmp_path):
    files = staff(["31/12/2022", "01/01/2023", "02/01/2023"])
    # the day before, the day, the day after 01/01/2023: who is admitted under each comparison
    expected = {
        "=": {"P2"},
        "<>": {"P1", "P3"},
        "<": {"P1"},
        "<=": {"P1", "P2"},
        ">": {"P3"},
        ">=": {"P2", "P3"},
    }
    for op, paid in expected.items():
        text = ADMITTED.replace("data_posizione <=", f"data_posizione {op}")
        result = run_declared(ciclope_ente, tmp_path, text, files)
        assert {k for k, v in amounts(result).items() if k != "SEG" and v == "100.00"} == paid, op


def test_a_person_without_the_date_has_no_value(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ADMITTED, staff(["01/01/2023", ""]))
    # P2's cell is empty: as any declared column, no value and an error naming the row (row 4: header, SEG, P1, P2)
    assert amounts(result).get("P2", "0.00") == "0.00"
    found = [p for p in result.violations if p.rule == "regolamento.formula"]
    assert [(p.file, p.row, p.column) for p in found] == [("people.csv", 4, "data_posizione")]
    said = [p.message for p in found]
    assert (
        "la colonna «data_posizione» (la data di inquadramento) è vuota per Persona 2 (scrivi la data, es. "
        "30/06/2024)" in said[0]
    ), said


def test_a_text_that_is_no_date_compared_with_a_date_is_refused(tmp_path):
    wrong = ADMITTED.replace('"01/01/2023"', '"31/02/2023"')
    assert regulation_problems(tmp_path, wrong) == [
        "riga 18, chiave premi[1].ammesso: formula «=data_posizione <= \"31/02/2023\"»: il confronto «<=»: «31/02/2023» "
        "non è una data: una data si scrive tra virgolette come nei dati, \"01/01/2023\", \"1.1.2023\" o "
        "\"2023-01-01\", o \"01/01\" per un giorno dell'anno del ciclo"
    ]
    assert regulation_problems(tmp_path, ADMITTED) == []


def test_anni_at_a_given_day(ciclope_ente, tmp_path):
    text = ADMITTED.replace(
        "ammesso = '=data_posizione <= \"01/01/2023\"'\nimporto = '=100 €'",
        "importo = '=100 € * ANNI(data_posizione; \"01/01\")'",
    )
    result = run_declared(ciclope_ente, tmp_path, text, staff(["01/01/2021", "02/01/2021"]))
    # at 01/01/2024: P1 from 01/01/2021, the third anniversary that day: 3, 300.00; P2 from 02/01/2021, the third
    # anniversary on 02/01/2024, the day after: 2, 200.00 (ANNI(data) alone, at 31/12/2024, would give 3 to both)
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"P1": "300.00", "P2": "200.00"}
    assert "gli anni compiuti al 01/01 dalla data di inquadramento" in regulation_text(tmp_path, text)


def test_the_day_of_mesi_da_is_a_date(tmp_path):
    wrong = CANDIDATES.replace('MESI.DA(data_posizione; "01/01")', 'MESI.DA(data_posizione; "gennaio")')
    assert regulation_problems(tmp_path, wrong) == [
        "riga 14, chiave progressioni.candidati: formula «=MESI.DA(data_posizione; \"gennaio\") >= 36»: MESI.DA: "
        "«gennaio» non è una data: una data si scrive tra virgolette come nei dati, \"01/01/2023\", \"1.1.2023\" o "
        "\"2023-01-01\", o \"01/01\" per un giorno dell'anno del ciclo"
    ]
