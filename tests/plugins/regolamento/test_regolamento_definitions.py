"""Named formulas ([[definizioni]], formato 2): a piece of formula written once and read by name in any formula,
checked where it is read as its formula would be, and shown by name in the explanations. Every amount by hand, with
the arithmetic beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "turni"
tipo = "numero"
significato = "i turni festivi dell'anno"
fonte = "art. 3"
"""
# A table by category written once and read by the amount: 40 € a shift for a D, 30 € for a C; the amount is the
# table × the shifts, less a tenth when the score is under 80 points.
TABLE = """
[[definizioni]]
nome = "tariffa"
descrizione = "la tariffa per turno della categoria"
formula = '=SE(categoria = "D"; 40 €; 30 €)'
fonte = "art. 3 c. 2"
"""
PART = """
[[premi]]
nome = "turni"
metodo = "formula"
fondo = "turni"
importo = "=tariffa * turni * SE(punteggio >= 80; 100%; 90%)"
tempo_parziale = "intero"
fonte = "art. 3 c. 4"
"""
RULES = HEAD + TABLE + PART


def comune(people: dict[str, tuple[str, str, int]]) -> dict[str, str]:
    """A Comune whose people (id → category, shifts, points of a card of 100) read the declared column ``turni``."""
    rows = [
        f"{pid},Persona {pid},dipendente,{cat},com,1,0,false,SEG,{shifts}" for pid, (cat, shifts, _) in people.items()
    ]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, (_, _, points) in people.items()]
    files = one_unit_comune("Comune di Esempio", [], cards, '[funds]\nturni = "5000.00"\n')
    files["people.csv"] = (
        "\n".join([f"{STAFF_HEADER},turni", "SEG,Segretario,segretario,DIR,com,1,0,false,,0", *rows]) + "\n"
    )
    return files


STAFF = {"A": ("D", "10", 90), "B": ("C", "10", 70), "C": ("C", "4", 85)}


def test_a_part_reads_a_definition_by_name(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, RULES, comune(STAFF))
    # A: D, 40 × 10 × 100% = 400.00; B: C, 30 × 10 × 90% = 270.00; C: C, 30 × 4 × 100% = 120.00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "400.00", "B": "270.00", "C": "120.00"}


def test_the_explanation_shows_the_definition_s_value_by_name(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, RULES, comune(STAFF))
    read = {i.name: i for i in result.figures["award:B"].inputs}
    # B is a C: the table gives 30 €, shown in euro beside the category it read
    assert read["la tariffa per turno della categoria («tariffa», art. 3 c. 2)"].value == Decimal(30)
    assert read["la categoria (o l'Area) del contratto"].value == "C"
    text = explain(result, "person", "B")
    assert "la tariffa per turno della categoria («tariffa», art. 3 c. 2) = € 30,00" in text
    # the amount's sentence names the definition by its words
    assert "la tariffa per turno della categoria × i turni festivi dell'anno" in text


def test_a_definition_written_in_percent_is_shown_to_two_decimals(ciclope_ente, tmp_path):
    """A share computed from percentages (4 / 9 × 100%) is a percentage a person multiplies back, cut at four
    decimals with «…»: «44,4444…%», never the 28 digits of the division nor «44,44%»."""
    share = """
[[definizioni]]
nome = "misura"
descrizione = "la misura del premio"
formula = '=SE(turni >= 9; 100%; turni / 9 * 100%)'
fonte = "art. 3 c. 3"
"""
    rules = HEAD + TABLE + share + PART.replace("SE(punteggio >= 80; 100%; 90%)", "misura")
    result = run_declared(ciclope_ente, tmp_path, rules, comune(STAFF))
    # C: a C with 4 shifts, 30 × 4 × 4 / 9 = 53.333… → 53.33; the measure 4 / 9 = 44.4444…% → 44,4444…%
    assert amounts(result)["C"] == "53.33"
    text = explain(result, "person", "C")
    assert "la misura del premio («misura», art. 3 c. 3) = 44,4444…%" in text
    assert "44,44444" not in text


def test_a_definition_without_words_is_shown_by_its_name(ciclope_ente, tmp_path):
    bare = RULES.replace('descrizione = "la tariffa per turno della categoria"\n', "")
    result = run_declared(ciclope_ente, tmp_path, bare, comune(STAFF))
    read = {i.name: i.value for i in result.figures["award:A"].inputs}
    assert read["la definizione «tariffa» (art. 3 c. 2)"] == Decimal(40)  # A is a D: 40 €


def test_definitions_read_each_other_in_any_order(ciclope_ente, tmp_path):
    # «quota» reads «tariffa», written after it: 10% more for whoever has 8 shifts or more
    chained = (
        HEAD
        + """
[[definizioni]]
nome = "quota"
formula = "=tariffa * SE(turni >= 8; 110%; 100%)"
"""
        + TABLE
        + PART.replace('"=tariffa * turni * SE(punteggio >= 80; 100%; 90%)"', '"=quota * turni"')
    )
    result = run_declared(ciclope_ente, tmp_path, chained, comune(STAFF))
    # A: 40 × 110% = 44 × 10 = 440.00; B: 30 × 110% = 33 × 10 = 330.00; C: 30 × 100% × 4 = 120.00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "440.00", "B": "330.00", "C": "120.00"}
    read = {i.name: i.value for i in result.figures["award:A"].inputs}
    assert read["la definizione «quota»"] == 44  # A: 40 × 110%
    assert read["la tariffa per turno della categoria («tariffa», art. 3 c. 2)"] == 40


def test_a_circle_of_definitions_is_named(tmp_path):
    circle = (
        RULES
        + """
[[definizioni]]
nome = "primo"
formula = "=secondo + 1 €"

[[definizioni]]
nome = "secondo"
formula = "=primo * 2"
"""
    )
    (problem,) = regulation_problems(tmp_path, circle)
    assert "chiave definizioni[2].formula" in problem
    assert "le definizioni si leggono in cerchio (primo → secondo → primo)" in problem


def test_a_definition_that_reads_itself(tmp_path):
    (problem,) = regulation_problems(tmp_path, RULES.replace("=SE(categoria", "=tariffa + SE(categoria"))
    assert "definizione «tariffa»: le definizioni si leggono in cerchio (tariffa → tariffa)" in problem


def test_a_name_taken_is_refused_naming_what_has_it(tmp_path):
    def named(name: str) -> str:
        problems = regulation_problems(tmp_path, RULES.replace('nome = "tariffa"', f'nome = "{name}"'))
        (problem,) = [p for p in problems if "chiave definizioni[1].nome" in p]
        return problem

    assert "«punteggio» è già un nome delle formule (il punteggio)" in named("punteggio")
    assert "«turni» è già una colonna dichiarata in [[colonne]] (i turni festivi dell'anno)" in named("turni")
    assert "«max» è il nome di una funzione delle formule (MAX)" in named("max")
    assert "nome «Tariffa Turno» non ammesso" in named("Tariffa Turno")


def test_a_definition_written_twice(tmp_path):
    (problem,) = regulation_problems(tmp_path, RULES + TABLE)
    assert "chiave definizioni[2].nome: definizione «tariffa» scritta due volte (la prima è definizioni[1])" in problem


def test_a_definition_s_own_problem_is_said_at_its_key_once(tmp_path):
    # euro plus points: said at the definition, not again where the amount reads it
    wrong = RULES.replace("=SE(categoria = \"D\"; 40 €; 30 €)", "=SE(categoria = \"D\"; 40 €; punteggio)")
    (problem,) = regulation_problems(tmp_path, wrong)
    assert "chiave definizioni[1].formula: definizione «tariffa», formula «=SE(" in problem
    assert "SE: non si combinano euro e punti" in problem


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        ("'=SE(categoria = \"D\"; 40 €; 30 €'", "formula «=SE(categoria = \"D\"; 40 €; 30 €»: la formula finisce"),
        ("'SE(categoria = \"D\"; 40 €; 30 €)'", "chiave definizioni[1].formula: "),  # not a formula: no leading =
    ],
)  # fmt: skip
def test_a_definition_that_does_not_read_is_no_unknown_name_where_it_is_read(tmp_path, formula, said):
    """One mistake, one message: the definition exists, so the amount that reads it does not call it unknown."""
    broken = RULES.replace("'=SE(categoria = \"D\"; 40 €; 30 €)'", formula)
    assert broken != RULES
    (problem,) = regulation_problems(tmp_path, broken)
    assert said in problem


def test_where_it_is_read_its_units_meet_the_formula(tmp_path):
    # the table is euro: added to points in the amount, refused as the formula written there would be
    (problem,) = regulation_problems(
        tmp_path, RULES.replace('"=tariffa * turni *', '"=(tariffa + punteggio) * turni *')
    )
    assert "chiave premi[1].importo" in problem
    assert "«+»: non si combinano euro e punti" in problem


def test_a_definition_reading_the_score_is_refused_where_no_evaluation_is_read(tmp_path):
    scored = RULES.replace("=SE(categoria = \"D\"; 40 €; 30 €)", "=SE(punteggio >= 80; 40 €; 30 €)")
    unscored = scored.replace('fondo = "turni"\n', 'fondo = "turni"\nvalutazione = false\n').replace(
        " * SE(punteggio >= 80; 100%; 90%)", ""
    )
    (problem,) = regulation_problems(tmp_path, unscored)
    assert "chiave premi[1].importo" in problem
    assert (
        "nella definizione «tariffa»: «punteggio» non si usa nell'importo: la parte «turni» è senza valutazione "
        "individuale (valutazione = false)"
    ) in problem


def test_an_unknown_name_is_told_the_nearest_definition(tmp_path):
    (problem,) = regulation_problems(tmp_path, RULES.replace('"=tariffa * turni', '"=tarifa * turni'))
    assert "nome sconosciuto «tarifa» (forse «tariffa»?)" in problem


def test_definitions_are_of_format_2(tmp_path):
    problems = regulation_problems(tmp_path, (HEAD + TABLE).replace("formato = 2", "formato = 1").split("[[colonne]]")[0]
                                   + TABLE)  # fmt: skip
    assert any("chiave definizioni: la chiave è del formato 2" in p for p in problems)


def test_leggi_says_the_amount_by_the_definition_s_words(tmp_path):
    text = regulation_text(tmp_path, RULES)
    assert "la tariffa per turno della categoria × i turni festivi dell'anno" in text


def test_a_definition_that_gives_nothing_says_the_piece_of_it_that_does(ciclope_ente, tmp_path):
    # only the D have a rate: the C's amount is 0 × shifts, and the reason is the definition's own condition
    only_d = RULES.replace('=SE(categoria = "D"; 40 €; 30 €)', '=SE(categoria = "D"; 40 €; 0 €)')
    result = run_declared(ciclope_ente, tmp_path, only_d, comune(STAFF))
    # A: D, 40 × 10 × 100% = 400.00; B and C: C, 0 € × … = 0.00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "400.00", "B": "0.00", "C": "0.00"}
    assert result.figures["award:C"].note == "nessun importo: la categoria (o l'Area) del contratto non è uguale a «D»"


def test_an_advance_refuses_a_definition_of_the_year_s_results(tmp_path):
    # an advance is paid before the results: a definition reading the unit's achievement is refused there, named
    reads_results = (
        RULES
        + """
[[premi.rate]]
acconto = "=50% * bonus"
mese = "settembre"

[[premi.rate]]
conguaglio = true
mese = "giugno"
anno = "successivo"

[[definizioni]]
nome = "bonus"
formula = "=tariffa * unita"
"""
    )
    (problem,) = regulation_problems(tmp_path, reads_results)
    assert "chiave premi[1].rate[1].acconto" in problem
    assert (
        "nella definizione «bonus»: «unita» non si usa nell'acconto: l'acconto si paga prima dei risultati" in problem
    )


def test_leggi_says_each_definition_in_an_article(tmp_path):
    text = regulation_text(tmp_path, RULES)
    assert "2. Le formule con un nome (art. 3 c. 2)" in text
    assert (
        "La definizione «tariffa» (la tariffa per turno della categoria) vale: se la categoria (o l'Area) del contratto è "
        "uguale a «D», allora € 40,00, altrimenti € 30,00 (formula: =SE(categoria = \"D\"; 40 €; 30 €)); le formule "
        "la leggono con il nome «tariffa»."
    ) in text


def test_a_chain_of_definitions_too_big_to_check_is_refused(tmp_path):
    # d1 reads tariffa twice, d2 reads d1 twice … d12 holds 2^12 = 4096 copies of the table's 9 nodes, well past 5000
    chain = "".join(
        f'\n[[definizioni]]\nnome = "d{i}"\nformula = "={prev} + {prev}"\n'
        for i, prev in ((i, "tariffa" if i == 1 else f"d{i - 1}") for i in range(1, 13))
    )
    problems = regulation_problems(tmp_path, RULES + chain)
    assert any("definizione «d" in p and "elementi, al più 5000" in p for p in problems), problems


def test_a_daily_rate_is_shown_with_its_unit(ciclope_ente, tmp_path):
    """A definition written in «€ al giorno» is shown as the amount's sentence says it, «€ 2,50 al giorno», never a
    bare «2,5» a reader cannot tell from a number of days."""
    daily = """
[[definizioni]]
nome = "tariffa_giorno"
descrizione = "il compenso giornaliero della categoria"
formula = '=SE(categoria = "D"; 3 € al giorno; 2,5 € al giorno)'
fonte = "art. 3 c. 5"
"""
    part = PART.replace("tariffa * turni * SE(punteggio >= 80; 100%; 90%)", "tariffa_giorno * turni * 1 giorni")
    result = run_declared(ciclope_ente, tmp_path, HEAD + daily + part, comune(STAFF))
    # B: a C, 2,50 € a day × 10 shifts × 1 day = 25.00
    assert amounts(result)["B"] == "25.00"
    text = explain(result, "person", "B")
    assert "il compenso giornaliero della categoria («tariffa_giorno», art. 3 c. 5) = € 2,50 al giorno" in text


def test_a_coefficient_chosen_by_case_reads_as_written_in_both_lines(ciclope_ente, tmp_path):
    """A coefficient table written «1,10» for a C: the case that holds and the definition's value show the same
    number the office typed, «1,10» twice, never «1,10» above «1,1» (a bare number keeps its written places)."""
    coefficient = """
[[definizioni]]
nome = "coefficiente"
descrizione = "il coefficiente della categoria"
formula = '=PIÙ.SE(categoria = "C"; 1,10; categoria = "D"; 1,25)'
fonte = "art. 3 c. 1"
"""
    rules = HEAD + TABLE + coefficient + PART.replace("SE(punteggio >= 80; 100%; 90%)", "coefficiente")
    result = run_declared(ciclope_ente, tmp_path, rules, comune(STAFF))
    # C: a C with 4 shifts, 30 × 4 × 1,10 = 132,00
    assert amounts(result)["C"] == "132.00"
    text = explain(result, "person", "C")
    assert "• caso che vale: la categoria (o l'Area) del contratto è uguale a «C» = 1,10\n" in text
    assert "• il coefficiente della categoria («coefficiente», art. 3 c. 1) = 1,10\n" in text


def test_a_function_over_people_in_a_definition_read_inside_another_is_refused(tmp_path):
    # docs/regolamento.md, «I nomi e le funzioni»: a function over people is not written inside another, not even
    # through a definition; written outside, where the formula compares it, it reads
    count = '\n[[definizioni]]\nnome = "valutati"\nformula = "=CONTA.ENTE(punteggio >= 60)"\n'
    nested = HEAD + count + PART.replace('"=tariffa * turni', '"=RANGO.ENTE(punteggio / valutati) * turni')
    (problem,) = regulation_problems(tmp_path, nested)
    assert problem.endswith("nella definizione «valutati»: CONTA.ENTE dentro un'altra funzione su più persone")
    outside = PART.replace('"=tariffa * turni', "\"=SE(RANGO.ENTE(punteggio) <= 20% * valutati; 40 €; 30 €) * turni")
    assert regulation_problems(tmp_path, HEAD + count + outside) == []
