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
