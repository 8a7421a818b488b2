"""A row of evaluations.csv under a declared [[scheda]]: its voce must be one of the card's and in the card's section.
A voce the card does not have («Qualita della prestazione» without its accent) is an error of the row, with the
nearest voce and the card's voci, as an appeal's unknown voce is said; never a voce more that lowers the score."""

from __future__ import annotations

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dell'Unione"
sigla = "SMVP"
tipo_ente = "unione"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
fonte = "art. 9"

[[scheda]]
fonte = "art. 5, allegato A"
ruoli = ["dipendente"]
voci = [
  { sezione = "Risultati", voce = "Apporto agli obiettivi dell'unità", massimo = 40 },
  { sezione = "Comportamenti", voce = "Qualità della prestazione", massimo = 20 },
  { sezione = "Comportamenti", voce = "Relazioni con utenti e colleghi", massimo = 40 },
]
"""

STAFF = ["P1,Anna Neri,dipendente,C,com,1,0,false,SEG", "P2,Luca Bianchi,dipendente,C,com,1,0,false,SEG"]
CARDS = [
    "P1,SEG,Risultati,Apporto agli obiettivi dell'unità,40,30,",  # row 2
    "P1,SEG,Comportamenti,Qualità della prestazione,20,16,",
    "P1,SEG,Comportamenti,Relazioni con utenti e colleghi,40,32,",
    "P2,SEG,Risultati,Apporto agli obiettivi dell'unità,40,36,",  # row 5
    "P2,SEG,Comportamenti,Qualità della prestazione,20,18,",
    "P2,SEG,Comportamenti,Relazioni con utenti e colleghi,40,36,",
]


def run(ciclope_ente, tmp_path, *more: str, cards: list[str] = CARDS):
    files = one_unit_comune("Unione", STAFF, [*cards, *more], '[funds]\nproduttivita = "1000.00"\n')
    return run_declared(ciclope_ente, tmp_path, REGULATION, files)


def card_problems(result) -> list:
    return [p for p in result.violations if p.rule == "regolamento.scheda"]


def test_the_declared_voci_score_as_the_card_says(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path)
    assert card_problems(result) == []
    # P1: 100 × (30 + 16 + 32) / (40 + 20 + 40) = 78,00; P2: 100 × (36 + 18 + 36) / 100 = 90,00
    assert {pid: str(s.score) for pid, s in result.scores.items() if pid in {"P1", "P2"}} == {
        "P1": "78.00",
        "P2": "90.00",
    }


def test_a_voce_the_card_lacks_is_an_error_of_its_row_with_the_nearest(ciclope_ente, tmp_path):
    # row 8: the declared voce without its accent; read as a voce more, P1's score would drop from 78 to
    # 100 × (78 + 10) / (100 + 20) = 73,33 with nothing said
    result = run(ciclope_ente, tmp_path, "P1,SEG,Comportamenti,Qualita della prestazione,20,10,")
    (problem,) = card_problems(result)
    assert (problem.severity, problem.file, problem.row, problem.column) == ("error", "evaluations.csv", 8, "item")
    assert problem.message.startswith(
        "scheda di Anna Neri (P1): la voce «Qualita della prestazione» non è nella scheda del regolamento (forse "
        "«Qualità della prestazione»?); le voci della scheda sono «Apporto agli obiettivi dell'unità», «Qualità della "
        "prestazione» e «Relazioni con utenti e colleghi»: scrivi nella colonna item la voce come la scrive la scheda"
    )
    assert "art. 5, allegato A" in str(problem.source)


def test_a_voce_far_from_every_declared_one_names_the_voci_without_a_guess(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, "P2,SEG,Extra,Puntualità,10,10,")
    (problem,) = card_problems(result)
    assert (problem.row, problem.column) == (8, "item")
    assert "la voce «Puntualità» non è nella scheda del regolamento; le voci della scheda sono" in problem.message
    assert "forse" not in problem.message


def test_a_declared_voce_in_another_section_is_an_error_of_the_section(ciclope_ente, tmp_path):
    cards = [*CARDS]
    cards[4] = "P2,SEG,Risultati,Qualità della prestazione,20,18,"  # row 6: the voce is of «Comportamenti»
    result = run(ciclope_ente, tmp_path, cards=cards)
    (problem,) = card_problems(result)
    assert (problem.severity, problem.row, problem.column) == ("error", 6, "section")
    assert problem.message == (
        "scheda di Luca Bianchi (P2): la voce «Qualità della prestazione» è nella sezione «Comportamenti» della scheda "
        "del regolamento, non in «Risultati»: scrivi nella colonna section «Comportamenti»"
    )


def test_every_such_row_is_said_at_once(ciclope_ente, tmp_path):
    result = run(
        ciclope_ente,
        tmp_path,
        "P1,SEG,Comportamenti,Qualita della prestazione,20,10,",  # row 8
        "P2,SEG,Comportamenti,Relazioni con i colleghi,40,30,",  # row 9
    )
    assert [(p.row, p.column) for p in card_problems(result)] == [(8, "item"), (9, "item")]


# The card's voci without a row, and a row's maximum or weight not the card's: both scored the rows as written, so
# both changed the money with no word said.


def test_a_declared_voce_without_its_row_is_an_error_of_the_person(ciclope_ente, tmp_path):
    # P1 (rows 2 and 3) without «Relazioni con utenti e colleghi»: scored on the rows present it had
    # 100 × (30 + 16) / (40 + 20) = 76,67 instead of the card's 78,00, with nothing said
    result = run(ciclope_ente, tmp_path, cards=[CARDS[0], CARDS[1], *CARDS[3:]])
    (problem,) = card_problems(result)
    assert (problem.severity, problem.file, problem.row, problem.column) == ("error", "evaluations.csv", 2, "item")
    assert problem.message == (
        "scheda di Anna Neri (P1): manca la voce «Relazioni con utenti e colleghi» (sezione «Comportamenti») della "
        "scheda del regolamento: aggiungi a evaluations.csv la sua riga con i punti del valutatore, 0 se non ne "
        "ha assegnati; senza, il punteggio si calcola sulle altre voci soltanto"
    )
    assert "art. 5, allegato A" in str(problem.source)


def test_every_voce_without_its_row_is_named_with_its_section(ciclope_ente, tmp_path):
    # P2 keeps only «Qualità della prestazione» (row 5): 100 × 18 / 20 = 90,00 from one voce of three
    result = run(ciclope_ente, tmp_path, cards=[*CARDS[:3], CARDS[4]])
    (problem,) = card_problems(result)
    assert (problem.row, problem.column) == (5, "item")
    assert problem.message.startswith(
        "scheda di Luca Bianchi (P2): mancano le voci «Apporto agli obiettivi dell'unità» (sezione «Risultati») e "
        "«Relazioni con utenti e colleghi» (sezione «Comportamenti») della scheda del regolamento: aggiungi a "
        "evaluations.csv le loro righe con i punti del valutatore, 0 se non ne ha assegnati"
    )


def test_a_person_without_any_row_stays_not_evaluated(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, cards=CARDS[:3])
    assert card_problems(result) == []
    assert (result.scores["P2"].score, result.scores["P2"].status) == (None, "not_evaluated")


def test_a_maximum_not_the_card_s_is_an_error_of_its_cell(ciclope_ente, tmp_path):
    cards = [*CARDS]
    # row 3: «Qualità della prestazione» out of 10 where the card says 20: scored as written it gave
    # 100 × (30 + 8 + 32) / (40 + 10 + 40) = 77,78 instead of 100 × (30 + 8 + 32) / 100 = 70,00
    cards[1] = "P1,SEG,Comportamenti,Qualità della prestazione,10,8,"
    result = run(ciclope_ente, tmp_path, cards=cards)
    (problem,) = card_problems(result)
    assert (problem.severity, problem.row, problem.column) == ("error", 3, "max_points")
    assert problem.message == (
        "scheda di Anna Neri (P1): la voce «Qualità della prestazione» ha nella scheda del regolamento il massimo 20, "
        "non 10: scrivi nella colonna max_points 20, e i punti della voce da 0 a 20"
    )
    assert "art. 5, allegato A" in str(problem.source)


WEIGHED = REGULATION.replace(
    """voci = [
  { sezione = "Risultati", voce = "Apporto agli obiettivi dell'unità", massimo = 40 },
  { sezione = "Comportamenti", voce = "Qualità della prestazione", massimo = 20 },
  { sezione = "Comportamenti", voce = "Relazioni con utenti e colleghi", massimo = 40 },
]""",
    """voci = [
  { sezione = "Risultati", voce = "Apporto agli obiettivi dell'unità", massimo = 40, peso = 2 },
  { sezione = "Comportamenti", voce = "Qualità della prestazione", massimo = 20, peso = 1 },
  { sezione = "Comportamenti", voce = "Relazioni con utenti e colleghi", massimo = 40, peso = 1 },
]""",
)


def with_weights(p1: tuple[str, str, str], p2: tuple[str, str, str] = ("", "", "")) -> list[str]:
    """The six rows of CARDS, each with the weight given (P1's rows 2–4, P2's rows 5–7)."""
    return [row.removesuffix(",") + f",{w}" for row, w in zip(CARDS, (*p1, *p2), strict=True)]


def weighed(ciclope_ente, tmp_path, p1: tuple[str, str, str], p2: tuple[str, str, str] = ("2", "1", "1")):
    files = one_unit_comune("Unione", STAFF, with_weights(p1, p2), '[funds]\nproduttivita = "1000.00"\n')
    return run_declared(ciclope_ente, tmp_path, WEIGHED, files)


def test_the_declared_weights_written_score_as_the_card_says(ciclope_ente, tmp_path):
    result = weighed(ciclope_ente, tmp_path, ("2", "1", "1"))
    assert card_problems(result) == []
    # 100 × (2 × 30/40 + 1 × 16/20 + 1 × 32/40) / (2 + 1 + 1) = 100 × 3,1 / 4 = 77,50
    assert str(result.scores["P1"].score) == "77.50"


def test_a_weight_not_the_card_s_is_an_error_of_its_cell(ciclope_ente, tmp_path):
    # row 2 weighs 3 where the card says 2: 100 × (3 × 30/40 + 16/20 + 32/40) / 5 = 100 × 3,85 / 5 = 77,00
    # instead of 77,50
    result = weighed(ciclope_ente, tmp_path, ("3", "1", "1"))
    (problem,) = card_problems(result)
    assert (problem.severity, problem.row, problem.column) == ("error", 2, "weight")
    assert problem.message == (
        "scheda di Anna Neri (P1): la voce «Apporto agli obiettivi dell'unità» ha nella scheda del regolamento il "
        "peso 2, non 3: scrivi nella colonna weight 2"
    )
    assert "art. 5, allegato A" in str(problem.source)


def test_a_blank_weight_where_the_card_weighs_otherwise_is_an_error(ciclope_ente, tmp_path):
    # P1 leaves every weight blank: the rows weigh their maxima, 100 × (30 + 16 + 32) / 100 = 78,00, where the
    # card's pesi give 77,50 (above); each blank cell is said, as the card's peso (2, 1, 1) is not the voce's
    # maximum (40, 20, 40)
    result = weighed(ciclope_ente, tmp_path, ("", "", ""))
    assert [(p.row, p.column) for p in card_problems(result)] == [(2, "weight"), (3, "weight"), (4, "weight")]
    assert card_problems(result)[0].message == (
        "scheda di Anna Neri (P1): la voce «Apporto agli obiettivi dell'unità» ha nella scheda del regolamento il "
        "peso 2: scrivi nella colonna weight 2; vuota, la voce non ha il peso della scheda"
    )


def test_a_blank_weight_where_the_card_s_peso_is_the_maximum_is_that_weight(ciclope_ente, tmp_path):
    # a card whose pesi are its maxima (40, 20, 40): blank cells weigh the maxima, the same weights, 78,00
    same = WEIGHED.replace("peso = 2", "peso = 40").replace("20, peso = 1", "20, peso = 20")
    same = same.replace("40, peso = 1", "40, peso = 40")
    files = one_unit_comune("Unione", STAFF, CARDS, '[funds]\nproduttivita = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, same, files)
    assert card_problems(result) == []
    assert str(result.scores["P1"].score) == "78.00"


def test_a_weight_where_the_card_gives_none_must_be_the_maximum_or_blank(ciclope_ente, tmp_path):
    # the card has no pesi: each voce weighs its maximum. Weights 40, 20, 40 are the maxima (fine); row 2's 60
    # weighs «Apporto» more: 100 × (60 × 30/40 + 20 × 16/20 + 40 × 32/40) / 120 = 100 × 93 / 120 = 77,50
    # instead of 78,00
    maxima = ("40", "20", "40")
    result = run(ciclope_ente, tmp_path, cards=with_weights(("60", "20", "40"), maxima))
    (problem,) = card_problems(result)
    assert (problem.row, problem.column) == (2, "weight")
    assert problem.message == (
        "scheda di Anna Neri (P1): la voce «Apporto agli obiettivi dell'unità» non ha un peso nella scheda del "
        "regolamento: pesa il suo massimo, 40, non 60; lascia vuota la colonna weight"
    )
    assert card_problems(run(ciclope_ente, tmp_path, cards=with_weights(maxima, maxima))) == []


def test_in_a_card_that_weighs_another_voce_an_unweighed_voce_is_written_with_its_maximum(ciclope_ente, tmp_path):
    # «Apporto» weighs 80 (twice its maximum), the other two no peso: their maxima, 20 and 40. Written 80, 20, 40:
    # 100 × (80 × 30/40 + 20 × 16/20 + 40 × 32/40) / 140 = 100 × 108 / 140 = 77,142… → 77,14
    one = REGULATION.replace(
        "massimo = 40 },\n  { sezione = \"Comportamenti\", voce = \"Qualità",
        "massimo = 40, peso = 80 },\n  { sezione = \"Comportamenti\", voce = \"Qualità",
        1,
    )
    assert one != REGULATION
    files = one_unit_comune(
        "Unione", STAFF, with_weights(("80", "20", "40"), ("80", "20", "40")), '[funds]\nproduttivita = "1000.00"\n'
    )
    result = run_declared(ciclope_ente, tmp_path, one, files)
    assert card_problems(result) == []
    assert str(result.scores["P1"].score) == "77.14"
    # 30 on «Qualità della prestazione» (maximum 20): the hint is to write the maximum, never to leave it blank
    # (a blank beside the weight 80 is a card of weights in part blank)
    (tmp_path / "b").mkdir()
    files = one_unit_comune(
        "Unione", STAFF, with_weights(("80", "30", "40"), ("80", "20", "40")), '[funds]\nproduttivita = "1000.00"\n'
    )
    (problem,) = card_problems(run_declared(ciclope_ente, tmp_path / "b", one, files))
    assert (problem.row, problem.column) == (3, "weight")
    assert problem.message == (
        "scheda di Anna Neri (P1): la voce «Qualità della prestazione» non ha un peso nella scheda del regolamento: "
        "pesa il suo massimo, 20, non 30; scrivi nella colonna weight 20"
    )


def test_a_misspelled_voce_is_one_error_not_also_a_missing_one(ciclope_ente, tmp_path):
    # P1's «Qualità della prestazione» written without its accent: its row is the error, with the nearest; the voce
    # it leaves without a row is the same mistake, not said a second time. «Relazioni…» left out too is still said.
    cards = [CARDS[0], CARDS[1].replace("Qualità", "Qualita"), *CARDS[3:]]
    result = run(ciclope_ente, tmp_path, cards=cards)
    problems = card_problems(result)
    assert [(p.row, p.column) for p in problems] == [(3, "item"), (2, "item")]
    assert "(forse «Qualità della prestazione»?)" in problems[0].message
    assert problems[1].message.startswith(
        "scheda di Anna Neri (P1): manca la voce «Relazioni con utenti e colleghi» (sezione «Comportamenti»)"
    )


TRANSFERRED = ["D1,Anna Russo,dirigente,,com,1,0,false,SEG", "D2,Ciro Esposito,dirigente,,com,1,0,false,SEG"]
TWO_CARDS = [
    "P1,D1,Risultati,Apporto agli obiettivi dell'unità,40,30,",  # row 2: D1's card, 1/1–30/6
    "P1,D1,Comportamenti,Qualità della prestazione,20,16,",
    "P1,D1,Comportamenti,Relazioni con utenti e colleghi,40,32,",
    "P1,D2,Risultati,Apporto agli obiettivi dell'unità,40,36,",  # row 5: D2's card, 1/7–31/12
    "P1,D2,Comportamenti,Qualità della prestazione,20,18,",
    "P1,D2,Comportamenti,Relazioni con utenti e colleghi,40,36,",
]


def run_two(ciclope_ente, tmp_path, cards: list[str]):
    files = one_unit_comune("Unione", [*TRANSFERRED, STAFF[0]], cards, '[funds]\nproduttivita = "1000.00"\n')
    files["valutatori.csv"] = "persona,valutatore,dal,al\nP1,D1,01/01/2024,30/06/2024\nP1,D2,01/07/2024,31/12/2024\n"
    return run_declared(ciclope_ente, tmp_path, REGULATION, files)


def test_each_evaluators_card_has_the_declared_voci(ciclope_ente, tmp_path):
    result = run_two(ciclope_ente, tmp_path, TWO_CARDS)
    assert card_problems(result) == []
    # D1: 100 × (30 + 16 + 32) / 100 = 78,00 for 182 days; D2: 100 × (36 + 18 + 36) / 100 = 90,00 for 184 days;
    # (78 × 182 + 90 × 184) / 366 = (14.196 + 16.560) / 366 = 30.756 / 366 = 84,0327… → 84,03
    assert str(result.scores["P1"].score) == "84.03"


def test_a_voce_missing_from_one_evaluators_card_is_an_error_of_that_card(ciclope_ente, tmp_path):
    # D2's card without «Qualità della prestazione»: D1's card has it, which used to hide the missing voce
    result = run_two(ciclope_ente, tmp_path, [c for k, c in enumerate(TWO_CARDS) if k != 4])
    (problem,) = card_problems(result)
    assert (problem.severity, problem.file, problem.row, problem.column) == ("error", "evaluations.csv", 5, "item")
    assert problem.message.startswith(
        "scheda di Anna Neri (P1) del valutatore Ciro Esposito (D2): manca la voce «Qualità della prestazione» "
        "(sezione «Comportamenti») della scheda del regolamento"
    )
