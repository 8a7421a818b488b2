"""«La media delle ultime tre valutazioni individuali» (CCNL Funzioni Locali 16.11.2022 art. 14): the earlier years'
scores in the sheet «valutazioni precedenti» (valutazioni_precedenti.csv: persona, anno, punteggio), averaged by
VALUTAZIONE.MEDIA(anni) over the years before the cycle's; ``ciclope template --from`` carries the sheet into the next
year and adds the year it continues. Every mean by hand."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook
from test_regolamento_progressions import HEAD, people

from ciclope.core.run.explain import explain

from helpers import next_year, regulation_problems, regulation_text, run_declared

PAST = (
    HEAD
    + """
[progressioni]
fonte = "art. 8"
posti = 1
candidati = "=anzianita_posizione >= 2"
graduatoria = "=VALUTAZIONE.MEDIA(3)"
"""
)
STAFF = [("A", "C", 70, "3", "40"), ("B", "C", 95, "4", "50"), ("C", "C", 80, "5", "45")]
# the 2024 cycle's three years before are 2021, 2022, 2023; A's 2020 is out of them
SHEET = """persona,anno,punteggio
A,2020,100
A,2021,90
A,2022,80
A,2023,85
B,2022,88
B,2023,92
"""


def ente(sheet: str = SHEET) -> dict[str, str]:
    return {**people(STAFF), "valutazioni_precedenti.csv": sheet}


def test_the_mean_of_the_years_before_the_cycle_over_those_given(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PAST, ente())
    # A: (90 + 80 + 85) / 3 = 85.00 (2020 is not among the three years); B: (88 + 92) / 2 = 90.00, 2021 not given
    # and not counted as 0. B (90) before A (85); one place: B. This year's scores (A 70, B 95) are not read.
    assert result.rewards.extra["progressioni"] == ["B"]
    read = {i.name: (i.value, i.cell) for i in result.figures["progression:A"].inputs}
    assert read["valutazione 2021"] == (Decimal("90"), "valutazioni_precedenti.csv:3:score")
    assert read["valutazione 2023"] == (Decimal("85"), "valutazioni_precedenti.csv:5:score")
    assert "valutazione 2020" not in read
    assert read["la media delle valutazioni dal 2021 al 2023"][0] == Decimal("85.00")
    said = explain(result, "person", "A")
    assert "  • valutazione 2022 = 80   ← valutazioni_precedenti.csv, riga 4, colonna punteggio\n" in said
    assert "  • la media delle valutazioni dal 2021 al 2023 = 85,00\n" in said
    # B's mean says the year the sheet lacks: 2021
    assert {i.name: i.value for i in result.figures["progression:B"].inputs}[
        "la media delle valutazioni dal 2021 al 2023 (ci sono il 2022 e il 2023, manca il 2021)"
    ] == Decimal("90.00")


def test_one_without_earlier_scores_is_named_and_left_out(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PAST, ente())
    # C has no row in the sheet: no mean, never a silent 0; a candidate without a place, and why
    figure = result.figures["progression:C"]
    lacking = "la media delle valutazioni dal 2021 al 2023 (nessuna nel foglio valutazioni precedenti)"
    assert (figure.value, figure.note) == (None, f"fuori dalla graduatoria: senza {lacking}")
    [problem] = [p for p in result.violations if "Persona C" in p.message]
    assert f"senza valore per Persona C: manca {lacking}" in problem.message


def test_a_mean_rounded_to_two_decimals(ciclope_ente, tmp_path):
    sheet = "persona,anno,punteggio\nA,2021,90\nA,2022,80\nA,2023,81\nB,2023,83.66\nC,2023,1\n"
    result = run_declared(ciclope_ente, tmp_path, PAST, ente(sheet))
    # A: (90 + 80 + 81) / 3 = 251 / 3 = 83.666… → 83.67 > B's 83.66: A is selected
    assert result.rewards.extra["progressioni"] == ["A"]
    means = {i.name: i.value for i in result.figures["progression:A"].inputs}
    assert means["la media delle valutazioni dal 2021 al 2023"] == Decimal("83.67")


def test_a_year_written_twice_is_an_error_naming_the_rows(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PAST, ente(SHEET + "A,2022,82\n"))
    [problem] = [p for p in result.violations if "due volte" in p.message]
    assert "il punteggio del 2022 è scritto due volte nel foglio valutazioni precedenti (righe 4 e 8)" in (
        problem.message
    )
    assert result.rewards.extra["progressioni"] == ["B"]  # A is out of the graduatoria; B is selected


def test_the_years_are_a_whole_number_written_in_a_person_s_formula(tmp_path):
    text = PAST.replace("VALUTAZIONE.MEDIA(3)", "VALUTAZIONE.MEDIA(2.5)")
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave progressioni.graduatoria: formula «=VALUTAZIONE.MEDIA(2.5)»: VALUTAZIONE.MEDIA vuole quanti "
        "anni prima del ciclo, un numero intero da 1 a 10: VALUTAZIONE.MEDIA(3) per «la media delle ultime tre "
        "valutazioni»"
    ]


def test_leggi_says_the_years(tmp_path):
    said = regulation_text(tmp_path, PAST)
    assert "in ordine della media delle valutazioni individuali dei 3 anni prima del ciclo" in said


LATEST = PAST.replace("VALUTAZIONE.MEDIA(3)", "VALUTAZIONE.ULTIME(3)")


def test_the_last_three_scores_the_person_has_however_far_back(ciclope_ente, tmp_path):
    # «le ultime tre valutazioni conseguite»: B has none in 2021 (a leave), so its 2020 takes its place
    sheet = SHEET + "B,2020,50\nB,2019,10\n"
    result = run_declared(ciclope_ente, tmp_path, LATEST, ente(sheet))
    # A: the last three are 2021, 2022, 2023: (90 + 80 + 85) / 3 = 85.00 (2020 is older than them)
    # B: the last three are 2020, 2022, 2023: (50 + 88 + 92) / 3 = 230 / 3 = 76.666… → 76.67 (2019 is older);
    # with VALUTAZIONE.MEDIA(3) B would be (88 + 92) / 2 = 90.00 and selected; here A (85.00) before B (76.67)
    assert result.rewards.extra["progressioni"] == ["A"]
    b = {i.name: i.value for i in result.figures["progression:B"].inputs}
    assert b["la media delle ultime 3 valutazioni (2020, 2022 e 2023)"] == Decimal("76.67")
    assert b["valutazione 2020"] == Decimal("50") and "valutazione 2019" not in b
    a = {i.name: i.value for i in result.figures["progression:A"].inputs}
    assert a["la media delle ultime 3 valutazioni (2021, 2022 e 2023)"] == Decimal("85.00")
    said = explain(result, "person", "B")
    assert "  • la media delle ultime 3 valutazioni (2020, 2022 e 2023) = 76,67\n" in said


def test_fewer_scores_than_asked_are_averaged_and_none_is_named(ciclope_ente, tmp_path):
    # B has only 2022 and 2023: (88 + 92) / 2 = 90.00, the mean of those there are; C none: named, left out
    result = run_declared(ciclope_ente, tmp_path, LATEST, ente())
    b = {i.name: i.value for i in result.figures["progression:B"].inputs}
    assert b["la media delle ultime 3 valutazioni (2022 e 2023)"] == Decimal("90.00")
    assert result.figures["progression:C"].value is None  # a candidate without a place
    [problem] = [p for p in result.violations if "Persona C" in p.message]
    assert "senza valore per Persona C" in problem.message
    # the last 3 however far back: any year before the 2024 cycle's
    assert "le ultime 3 valutazioni di Persona C, di qualunque anno prima del 2024" in problem.message


def test_the_number_of_the_last_scores_is_checked_and_said(tmp_path):
    assert regulation_problems(tmp_path, LATEST.replace("ULTIME(3)", "ULTIME(0)")) == [
        "riga 22, chiave progressioni.graduatoria: formula «=VALUTAZIONE.ULTIME(0)»: VALUTAZIONE.ULTIME vuole quante "
        "valutazioni, un numero intero da 1 a 10: VALUTAZIONE.ULTIME(3) per «la media delle ultime tre valutazioni»"
    ]
    said = regulation_text(tmp_path, LATEST)
    assert "in ordine della media delle ultime 3 valutazioni individuali della persona prima del ciclo" in said


def test_template_from_carries_the_sheet_and_adds_the_year_continued(tmp_path):
    folder = next_year(tmp_path, PAST, ente(SHEET + "C,2023,75\n"))
    wb = load_workbook(folder / "comune" / "ente.xlsx", read_only=True)
    rows = list(wb["valutazioni precedenti"].iter_rows(values_only=True))
    assert rows[0][:3] == ("persona", "anno", "punteggio")
    # the seven rows the office had, then the 2024 scores of the run (A 70, B 95, C 80; SEG evaluates, has none)
    assert [r[:3] for r in rows[1:]] == [
        ("A", 2020, 100),
        ("A", 2021, 90),
        ("A", 2022, 80),
        ("A", 2023, 85),
        ("B", 2022, 88),
        ("B", 2023, 92),
        ("C", 2023, 75),
        ("A", 2024, 70),
        ("B", 2024, 95),
        ("C", 2024, 80),
    ]


def test_a_score_out_of_its_range_is_an_error_of_its_cell(ciclope_ente, tmp_path):
    # a score is on 100: A's 2022 written 800 (80 with a zero too many) would make A's mean (90 + 800 + 85) / 3 =
    # 325.00 and select A over B (90.00); it is an error of its cell, with the person, the range and what to write
    result = run_declared(ciclope_ente, tmp_path, PAST, ente(SHEET.replace("A,2022,80", "A,2022,800")))
    [problem] = [p for p in result.violations if p.rule == "regolamento.valutazioni_precedenti.punteggio"]
    assert (problem.file, problem.row, problem.column) == ("valutazioni_precedenti.csv", 4, "punteggio")
    assert problem.message == (
        "punteggio 800 del 2022 di Persona A (A) fuori dall'intervallo ammesso: da 0 a 100 (la valutazione individuale "
        "è su 100); scrivi il punteggio su 100 che Persona A ha avuto nel 2022"
    )
    # A without 800: (90 + 85) / 2 = 87.50 < B (88 + 92) / 2 = 90.00: B is selected
    assert result.rewards.extra["progressioni"] == ["B"]


def test_a_missing_sheet_is_said_once_for_every_candidate(ciclope_ente, tmp_path):
    # no valutazioni_precedenti.csv: A, B and C (3, 4 and 5 years ≥ 2: all candidates) have no mean; one error of the
    # file says it, with the formula that reads it, the three people and the years to write (2024 cycle: 2021–2023),
    # never three errors of the regulation's key each saying the same
    result = run_declared(ciclope_ente, tmp_path, PAST, people(STAFF))
    said = [p for p in result.violations if "valutazioni precedenti" in p.message or "senza valore" in p.message]
    assert [(p.file, p.row, p.column) for p in said] == [("valutazioni_precedenti.csv", None, "")]
    assert said[0].message == (
        "manca il file valutazioni_precedenti.csv (il foglio valutazioni precedenti): la graduatoria delle "
        "progressioni economiche legge la media delle valutazioni individuali dei 3 anni prima del ciclo, e 3 "
        "candidati (Persona A, Persona B e Persona C) restano fuori dalla graduatoria; scrivi valutazioni_precedenti.csv "
        "con le colonne persona, anno e punteggio, una riga per persona e anno: i punteggi del 2021, 2022 e 2023, "
        "anche quelli avuti in un altro ente"
    )
    assert all(result.figures[f"progression:{p}"].value is None for p in "ABC")  # each still left out, and why
