"""The year of the last progression ([progressioni] ``colonna_anno``): the column of the people that records it, which
next year's candidates are read from. ``ciclope template --from`` writes the run's year there for each person
selected, the others' cells as they were, and says so; the key names a declared column of the people of type anno."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import (
    next_year,
    regulation_problems,
    regulation_text,
    run_declared,
    scored_with_column,
    sheet_values,
)

YEAR = """\
formato = 2
[atto]
titolo = "Regolamento delle progressioni del Comune di Prova"
tipo_ente = "comune"

[[colonne]]
nome = "anno_ultima_progressione"
tipo = "anno"
significato = "l'anno dell'ultima progressione"
fonte = "art. 5"

[progressioni]
fonte = "art. 6"
posti = 1
candidati = "=anno_ultima_progressione <= 2021"
colonna_anno = "anno_ultima_progressione"
"""
# A 90 points, last progression 2019; B 95, 2022 (not a candidate: after 2021); C 80, 2020
STAFF = [("A", 90, "2019"), ("B", 95, "2022"), ("C", 80, "2020")]


def test_next_year_has_the_year_of_the_progression_of_the_selected(tmp_path, capsys):
    folder = next_year(tmp_path, YEAR, scored_with_column("anno_ultima_progressione", STAFF))
    # candidates A (2019 <= 2021) and C (2020); by score A (90) before C (80); one place: A, selected in 2024.
    # Next year A's last progression is 2024; B and C keep theirs, the Segretario's cell stays empty
    years = sheet_values(folder / "comune" / "ente.xlsx", "anno_ultima_progressione")
    assert years == {"SEG": None, "A": 2024, "B": 2022, "C": 2020}
    assert (
        "Le colonne che l'anno eseguito ha cambiato sono aggiornate: anno_ultima_progressione (persone) di 1 "
        "persona; le altre celle sono come erano.\n"
    ) in capsys.readouterr().out


def test_without_the_key_the_column_is_carried_as_it_was(tmp_path, capsys):
    written = YEAR.replace('colonna_anno = "anno_ultima_progressione"\n', "")
    folder = next_year(tmp_path, written, scored_with_column("anno_ultima_progressione", STAFF))
    # A selected as above, but no column records it: the office writes the year itself (docs/anno-ufficio.md)
    years = sheet_values(folder / "comune" / "ente.xlsx", "anno_ultima_progressione")
    assert years == {"SEG": None, "A": 2019, "B": 2022, "C": 2020}
    assert "sono aggiornate" not in capsys.readouterr().out


def test_the_key_names_a_declared_year_of_the_people(tmp_path):
    typo = YEAR.replace('colonna_anno = "anno_ultima_progressione"', 'colonna_anno = "anno_ultima_progresione"')
    assert regulation_problems(tmp_path, typo) == [
        "riga 16, chiave progressioni.colonna_anno: «anno_ultima_progresione» non è una colonna dichiarata in "
        "[[colonne]] (forse «anno_ultima_progressione»?): dichiarala con tipo = \"anno\""
    ]
    number = YEAR.replace('tipo = "anno"', 'tipo = "numero"')
    assert regulation_problems(tmp_path, number) == [
        "riga 16, chiave progressioni.colonna_anno: la colonna «anno_ultima_progressione» è di tipo numero dell'elenco "
        "persone: l'anno della progressione va in una colonna delle persone di tipo anno"
    ]


def test_leggi_says_where_the_year_is_written(tmp_path):
    said = regulation_text(tmp_path, YEAR)
    assert (
        "L'anno della progressione di ciascun selezionato è scritto nella colonna anno_ultima_progressione (l'anno "
        "dell'ultima progressione) del modello dell'anno dopo." in said
    )


COUNTED = YEAR.replace('"=anno_ultima_progressione <= 2021"', '"=anno_ultima_progressione <= anno_ciclo - 3"')


def test_three_years_counted_from_the_cycle_s_year(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, COUNTED, scored_with_column("anno_ultima_progressione", STAFF))
    # 2024 − 3 = 2021: A (2019) and C (2020) are candidates, B (2022) is not; one place, A (90 before C's 80)
    assert result.rewards.extra["progressioni"] == ["A"]
    said = explain(result, "person", "B")
    # B's refusal with her year against the one asked, 2024 − 3 = 2021; the cycle's year below it
    assert "  nota:    l'anno dell'ultima progressione è dopo l'anno del ciclo meno 3 (2022 contro 2021)\n" in said
    assert "  • l'anno del ciclo = 2024\n" in said
    assert "l'anno dell'ultima progressione non è dopo l'anno del ciclo meno 3" in regulation_text(tmp_path, COUNTED)


def test_a_year_compared_reads_as_a_year(tmp_path):
    # «<= 2021» of a column of years is «non è dopo il 2021», refused «è dopo il 2021», never «è al più 2021»
    assert "l'anno dell'ultima progressione non è dopo il 2021 (formula" in regulation_text(tmp_path, YEAR)
