"""A negative evaluation is not final without the contraddittorio (rules/core.md §5): an [[esclusioni]] of
«punteggio_minimo» with ``contraddittorio = true`` asks it of everyone it reaches below its minimum, as
[risultato_po] asks it of the PO/EQ it pays — the dirigenti's result pay written as a part of [[premi]] («solo a
seguito di una valutazione positiva») keeps the check."""

from __future__ import annotations

from helpers import RESULT_PART, amounts, regulation_problems, regulation_text, run_declared, two_dirigenti

TEXT = """\
formato = 2
[atto]
titolo = "Criteri della retribuzione di risultato dei dirigenti"
tipo_ente = "altro"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
stato = "valutazione_negativa"
contraddittorio = true
ruoli = ["dirigente"]
fonte = "art. 3"
"""
TEXT += RESULT_PART
APPEALS = "person,stage,date,outcome,new_points_item,new_points\n"


def dirigenti(*appeals: str) -> dict[str, str]:
    files = two_dirigenti((80, 50))
    if appeals:
        files["appeals.csv"] = APPEALS + "".join(f"{row}\n" for row in appeals)
    return files


def hearings(result) -> list[str]:
    return [p.message for p in result.violations if p.rule == "regolamento.contraddittorio"]


def test_a_negative_evaluation_without_its_contraddittorio_is_an_error(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEXT, dirigenti())
    # D2's 50 is below 60: excluded, nothing paid; D1 1000 × 80 / 100 = 800.00
    assert amounts(result) == {"D1": "800.00", "D2": "0.00"}
    # the ente has no file of appeals: the message says so, and to create it
    assert hearings(result) == [
        "Ciro Esposito: valutazione negativa (50,00 < 60) senza il contraddittorio: non può essere definitiva; "
        "ricorsi.csv non c'è: crealo e registra il contraddittorio (fase contraddittorio, con la data e l'esito)"
    ]
    [problem] = [p for p in result.violations if p.rule == "regolamento.contraddittorio"]
    assert problem.severity == "error" and problem.source.endswith("art. 3")


def test_with_the_file_of_appeals_the_message_asks_for_its_row(ciclope_ente, tmp_path):
    # a ricorso of D1 is in the file, no contraddittorio of D2's: register it there, in the file as the office
    # named it (these tests write the codes' name, appeals.csv)
    result = run_declared(ciclope_ente, tmp_path, TEXT, dirigenti("D1,riesame,15/02/2025,respinto,,"))
    assert hearings(result) == [
        "Ciro Esposito: valutazione negativa (50,00 < 60) senza il contraddittorio: non può essere definitiva; "
        "registralo in appeals.csv (fase contraddittorio, con la data e l'esito)"
    ]


def test_the_recorded_contraddittorio_makes_it_final(ciclope_ente, tmp_path):
    files = dirigenti("D2,contraddittorio,15/02/2025,respinto,,")
    result = run_declared(ciclope_ente, tmp_path, TEXT, files)
    assert hearings(result) == [] and amounts(result) == {"D1": "800.00", "D2": "0.00"}


def test_without_the_key_the_exclusion_asks_nothing(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEXT.replace("contraddittorio = true\n", ""), dirigenti())
    assert hearings(result) == []


def test_the_key_belongs_to_the_minimum_score_rule(tmp_path):
    text = TEXT.replace('regola = "punteggio_minimo"\nminimo = 60', 'regola = "assenze"\ngiorni = 60')
    [problem] = regulation_problems(tmp_path, text)
    assert problem.endswith("il contraddittorio vale per la regola «punteggio_minimo»")


def test_the_regulation_read_back_says_the_contraddittorio_in_words(tmp_path):
    # the key in a sentence of the rule, never its documentation («true se …», a file's and a block's name)
    text = regulation_text(tmp_path, TEXT)
    assert (
        "Non accede al premio chi ha un punteggio inferiore a 60, per i dirigenti, con lo stato «valutazione "
        "negativa», ma solo dopo il contraddittorio con la persona (art. 3)."
    ) in text.splitlines()
