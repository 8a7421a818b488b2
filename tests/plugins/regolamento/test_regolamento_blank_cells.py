"""A declared column whose empty cell the text says (``se_vuota``): the hours of the art. 208 project are written for
the agents who worked them, and left empty for everyone else, which the regulation reads as 0 — never an error for
each person outside the project. Without ``se_vuota`` an empty cell stays the error that asks to write it."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento dei progetti della polizia locale"
tipo_ente = "altro"

[[colonne]]
nome = "ore_progetto"
tipo = "numero"
significato = "le ore di progetto svolte fuori dall'orario"
minimo = 0
se_vuota = 0
fonte = "art. 8 c. 2"

[[premi]]
nome = "progetto"
metodo = "formula"
valutazione = false
tempo_parziale = "intero"
ammesso = "=ore_progetto > 0"
importo = "=ore_progetto * 20 €"
fonte = "art. 8"
"""


def files() -> dict[str, str]:
    staff = [
        "A,Anna Neri,dipendente,C,com,1,0,false,SEG,12",
        "B,Bruno Riva,dipendente,C,com,1,0,false,SEG,",
        "C,Carla Sala,dipendente,B,com,1,0,false,SEG,",
    ]
    cards = [f"{p},SEG,scheda,Valutazione,100,80," for p in "ABC"]
    given = one_unit_comune("Ente", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    lines = given["people.csv"].splitlines()
    # the header and the Segretario's row take the column too (his cell empty)
    given["people.csv"] = "\n".join([lines[0] + ",ore_progetto", lines[1] + ",", *lines[2:]]) + "\n"
    return given


def test_an_empty_cell_reads_as_the_value_the_regulation_says(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    assert not [v.message for v in result.violations if v.is_error]
    # A: 12 hours × € 20 = € 240,00; B and C empty, read as 0: not admitted (0 is not more than 0), no award
    assert amounts(result) == {"A": "240.00"}
    said = explain(result, "person", "B") or ""
    assert "le ore di progetto svolte fuori dall'orario = 0   ← people.csv, riga 4, colonna ore_progetto" in said


def test_without_se_vuota_an_empty_cell_is_still_an_error(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION.replace("se_vuota = 0\n", ""), files())
    errors = [v.message for v in result.violations if v.is_error]
    assert any("è vuota" in m and "Bruno Riva" in m for m in errors), errors


def test_leggi_says_what_an_empty_cell_is(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    assert "(un numero da 0 in su; una cella vuota vale 0)" in text, text


def test_a_score_s_empty_cell_is_never_a_value(tmp_path):
    """A score left empty is a score nobody gave: 0 would count, and lower a mean."""
    text = REGULATION.replace('tipo = "numero"', 'tipo = "punti"')
    problems = regulation_problems(tmp_path, text)
    assert any(
        "se_vuota vale per una colonna di numero, euro, giorni o percentuale, non «punti»" in p for p in problems
    )


def test_the_template_s_note_of_the_column_says_what_an_empty_cell_is(tmp_path):
    from ciclope.plugins.regolamento.read.load import load
    from ciclope.plugins.regolamento.rules import _column_help

    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    regulation, _ = load(str(path))
    assert regulation is not None
    [column] = regulation.columns
    assert _column_help(column) == "le ore di progetto svolte fuori dall'orario; vuota vale 0"
