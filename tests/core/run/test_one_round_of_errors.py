"""Data that do not load whole are still checked where they were read: a cell that cannot be read and a date the
regulation refuses, in two people's rows, are said in one round of `validate` and of `run`; the rows of a person with
an error, and every row naming them, wait for the next round, so that no error of the gap is said; a missing column
leaves every row in doubt, and nothing more is checked."""

from __future__ import annotations

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

from helpers import PROPORTIONAL, STAFF_HEADER, one_unit_comune

REGULATION = PROPORTIONAL
# the same premium in the format of parts, with a column of its own
GUARDS = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Buonavalle"
tipo_ente = "comune"

[[colonne]]
nome = "guardie"
tipo = "numero"
significato = "le guardie dell'anno"
fonte = "art. 8"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "performance_individuale"
fonte = "art. 7"
"""
CYCLE = '[ciclo]\nanno = 2024\nrisultati = "risultati"\n\n[[ente]]\nid = "buonavalle"\nplugin = "regolamento"\n'
CYCLE += 'dati = "buonavalle"\nregolamento = "smvp.toml"\n'
HEADER = STAFF_HEADER + ",assunzione"
QUOTA = "people.csv, riga 3, colonna fte: errore"  # A1's row: the header, SEG, A1
HIRED_A1 = "people.csv, riga 3, colonna assunzione: errore"
HIRED_A2 = "people.csv, riga 4, colonna assunzione: errore"
NEXT_ROUND = "sulle righe con errori, e sulle altre righe delle stesse persone, si fanno quando le correggi"


def _cycle(tmp_path, a1: str, a2: str, a3: str = "A3,Persona A3,dipendente,C,com,1,0,false,SEG,", cards=None) -> str:
    """A Comune of three evaluated by the Segretario (who has no card), each row given after SEG's."""
    scored = [f"{pid},SEG,Scheda,Voce,100,{points}," for pid, points in (("A1", 80), ("A2", 60), ("A3", 70))]
    files = one_unit_comune("Comune di Buonavalle", [], cards or scored, '[fondi]\nperformance_individuale = "1400"\n')
    files["people.csv"] = "\n".join([HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,,", a1, a2, a3]) + "\n"
    write_ente(tmp_path / "buonavalle", files)
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(CYCLE, encoding="utf-8")
    return str(tmp_path / "cycle.toml")


def test_a_cell_and_a_date_the_regulation_refuses_come_in_one_round(tmp_path, capsys):
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,50,0,false,SEG,",  # «50» for 50%: the cell cannot be read
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,2025-03-01",  # hired after 2024: the regulation's error
    )
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert "buonavalle: dati non caricabili" in out
    assert out.index(NEXT_ROUND) < out.index(QUOTA) < out.index(HIRED_A2)
    assert "data di assunzione 01/03/2025, dopo l'anno del ciclo (2024)" in out
    assert out.rstrip().endswith("2 errori, 0 avvisi")
    assert main(["run", config, "--no-store"]) == 1
    err = capsys.readouterr().err
    assert NEXT_ROUND in err and QUOTA in err and HIRED_A2 in err
    assert not (tmp_path / "risultati" / "buonavalle").exists()


def test_the_other_errors_of_a_person_whose_row_has_an_error_wait(tmp_path, capsys):
    # A1's own hiring date is checked with the row that holds it, once its quota is read; A2 is checked now
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,50,0,false,SEG,2025-01-01",
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,2025-03-01",
    )
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert QUOTA in out and HIRED_A2 in out and HIRED_A1 not in out
    assert out.rstrip().endswith("2 errori, 0 avvisi")


def test_a_card_in_error_holds_its_person_s_row(tmp_path, capsys):
    # A2's card has «sessanta» for its points: the card is left out, so A2 has no card and that is no error to say;
    # A2's hiring date waits with it, A3's (a row naming neither) is said
    cards = ["A1,SEG,Scheda,Voce,100,80,", "A2,SEG,Scheda,Voce,100,sessanta,", "A3,SEG,Scheda,Voce,100,70,"]
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,1,0,false,SEG,",
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,2025-03-01",
        "A3,Persona A3,dipendente,C,com,1,0,false,SEG,2025-04-01",
        cards,
    )
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert "evaluations.csv, riga 3, colonna points: errore" in out
    assert "people.csv, riga 5, colonna assunzione: errore" in out and HIRED_A2 not in out
    assert "non ha" not in out  # no «A2 non ha la scheda»: an error of the gap
    assert out.rstrip().endswith("2 errori, 0 avvisi")


def test_a_missing_column_leaves_every_row_unchecked(tmp_path, capsys):
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,1,0,false,SEG,",
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,2025-03-01",
    )
    cards = tmp_path / "buonavalle" / "evaluations.csv"
    lines = cards.read_text(encoding="utf-8").splitlines()
    # the points' column (the sixth) gone, its header with it
    cards.write_text("\n".join(",".join(line.split(",")[:5] + line.split(",")[6:]) for line in lines) + "\n")
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert "evaluations.csv, riga 1, colonna punti: errore: manca la colonna obbligatoria «punti»" in out
    assert "I controlli del calcolo e del regolamento sui dati si fanno quando i dati si caricano" in out
    assert HIRED_A2 not in out and out.rstrip().endswith("1 errore, 0 avvisi")


def test_a_misspelled_column_comes_with_the_rows_errors(tmp_path, capsys):
    # «guardia» for the declared «guardie» in people.csv: the header's unknown column («forse «guardie»?» says it all:
    # the regulation's missing column of that sheet waits, never a second error for one word) and A2's hiring date
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,1,0,false,SEG,,2",
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,2025-03-01,0",
        "A3,Persona A3,dipendente,C,com,1,0,false,SEG,,1",
    )
    people = tmp_path / "buonavalle" / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines()
    people.write_text("\n".join([lines[0] + ",guardia", lines[1] + ",", *lines[2:]]) + "\n", encoding="utf-8")
    (tmp_path / "smvp.toml").write_text(GUARDS, encoding="utf-8")
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert "people.csv, riga 1, colonna guardia: errore: colonna sconosciuta «guardia» (forse «guardie»?)" in out
    assert "manca la colonna «guardie»" not in out
    assert HIRED_A2 in out and NEXT_ROUND in out
    assert out.rstrip().endswith("2 errori, 0 avvisi")


def test_a_missing_card_file_is_said_with_the_rows_errors(tmp_path, capsys):
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,50,0,false,SEG,",
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,",
    )
    (tmp_path / "buonavalle" / "evaluations.csv").unlink()
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert QUOTA in out and "valutazioni.csv, riga 1: errore: nessuna scheda di valutazione" in out
    assert out.rstrip().endswith("2 errori, 0 avvisi")


def test_cards_that_are_all_in_error_are_not_said_missing(tmp_path, capsys):
    # every card has «ottanta» for its points: each cell is an error; «nessuna scheda» would be an error of the gap
    cards = [f"{pid},SEG,Scheda,Voce,100,ottanta," for pid in ("A1", "A2", "A3")]
    config = _cycle(
        tmp_path,
        "A1,Persona A1,dipendente,C,com,1,0,false,SEG,",
        "A2,Persona A2,dipendente,C,com,1,0,false,SEG,",
        cards=cards,
    )
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert out.count("colonna points: errore") == 3 and "nessuna scheda" not in out
    assert out.rstrip().endswith("3 errori, 0 avvisi")
