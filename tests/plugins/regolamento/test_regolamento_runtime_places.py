"""A formula that cannot give a value for one person (a division by zero on the person's data) is an error that says
where to fix it, as a file that does not read is: the regulation's file, the line and the key of the formula, and the
person's values the formula read. The same text written under two keys is one compiled formula, and each error still
names its own key. Amounts by hand in the comments."""

from __future__ import annotations

from helpers import amounts, one_unit_comune, run_declared

# the lines are counted in the comments: the errors name them
REG = """\
formato = 2
[atto]
titolo = "Regolamento dei premi"
tipo_ente = "comune"

[[premi]]
nome = "obiettivi"
metodo = "formula"
importo = '=1000 € / (punteggio - 50)'
dovuto = true
fonte = "art. 6"
"""  # [[premi]] on line 6, its importo on line 9
SECOND = """
[[premi]]
nome = "risultati"
metodo = "formula"
importo = '=1000 € / (punteggio - 50)'
dovuto = true
fonte = "art. 7"
"""  # after REG's 11 lines: an empty line 12, [[premi]] on 13, its importo on 16
CHECK = """
[[controlli]]
condizione = '=1000 / (punteggio - 50) > 0'
messaggio = "il punteggio non si confronta"
fonte = "art. 8"
"""  # after REG's 11 lines: [[controlli]] on line 13, its condizione on 14


def comune(scores: list[int]) -> dict[str, str]:
    """Staff P1, P2, … with the scores ``scores``, evaluated by the Segretario."""
    people = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, len(scores) + 1)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{s}," for i, s in enumerate(scores, 1)]
    return one_unit_comune("Comune di Esempio", people, cards, "")


def formula_errors(result) -> list[tuple[str, str]]:
    return [(v.where, v.message) for v in result.violations if v.rule == "regolamento.formula"]


def test_a_division_by_zero_names_the_file_the_line_the_key_and_the_value_read(ciclope_ente, tmp_path):
    # Persona 1 scored 50: 1.000 / (50 − 50) cannot be computed, and is nothing; Persona 2: 1.000 / (60 − 50) = 100,00
    result = run_declared(ciclope_ente, tmp_path, REG, comune([50, 60]))
    assert formula_errors(result) == [
        (
            "smvp.toml:9:premi[1].importo",
            "parte «obiettivi»: la formula «=1000 € / (punteggio - 50)» divide per zero (il punteggio = 50,00) per "
            "Persona 1: considerato nulla",
        )
    ]
    (error,) = [v for v in result.violations if v.rule == "regolamento.formula"]
    assert error.render() == (
        "smvp.toml, riga 9, [[premi]] n. 1, importo: errore: parte «obiettivi»: la formula «=1000 € / (punteggio - 50)» divide per "
        "zero (il punteggio = 50,00) per Persona 1: considerato nulla [Regolamento dei premi, art. 6]"
    )
    assert amounts(result)["P2"] == "100.00"


def test_the_same_formula_under_two_keys_names_each_key(ciclope_ente, tmp_path):
    # the two parts write the same text: one compiled formula, two places; Persona 2 is paid 100,00 by each part
    result = run_declared(ciclope_ente, tmp_path, REG + SECOND, comune([50, 60]))
    assert [where for where, _ in formula_errors(result)] == [
        "smvp.toml:9:premi[1].importo",
        "smvp.toml:16:premi[2].importo",
    ]
    assert amounts(result)["P2"] == "200.00"  # 100,00 + 100,00


def test_a_check_that_cannot_be_computed_names_its_condition(ciclope_ente, tmp_path):
    # Persona 1 scored 50: 1.000 / (50 − 50) cannot be computed; the check says so at its condition's key
    result = run_declared(ciclope_ente, tmp_path, REG + CHECK, comune([50, 60]))
    checks = [(v.where, v.message) for v in result.violations if v.rule == "regolamento.controllo"]
    assert checks == [
        (
            "smvp.toml:14:controlli[1].condizione",
            "il punteggio non si confronta: la formula «=1000 / (punteggio - 50) > 0» divide per zero (il punteggio = "
            "50,00)",
        )
    ]


def test_a_check_that_does_not_hold_names_the_regulation(ciclope_ente, tmp_path):
    # both can be computed: 1.000 / (40 − 50) = −100 is not above 0 for Persona 1; the data are what to look at
    result = run_declared(ciclope_ente, tmp_path, REG + CHECK, comune([40, 60]))
    checks = [(v.where, v.message) for v in result.violations if v.rule == "regolamento.controllo"]
    assert checks == [("regolamento", "il punteggio non si confronta: Persona 1 (il punteggio = 40,00)")]
