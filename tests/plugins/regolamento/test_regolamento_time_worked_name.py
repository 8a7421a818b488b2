"""The time worked in a formula is ``quota_tempo``, the Italian header of its column of persone.csv; ``fte``, its
name before, keeps reading the same value (a file that worked gives the same amounts), and its words say a share of
the full time, «il tempo lavorato (la quota del tempo pieno) = 50%», never «(100% a tempo pieno) = 50%»."""

from __future__ import annotations

import pytest

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.format.wording import denied
from ciclope.plugins.regolamento.read.formulas import Scope, read

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto decentrato del Comune di Prova"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
peso = "=punteggio * quota_tempo"
tempo_parziale = "intero"
fonte = "punto 5"
"""
FORMER = REGULATION.replace("quota_tempo", "fte")


def comune() -> dict[str, str]:
    # F full time, H half time, both 80 points; a fund of € 900
    files = one_unit_comune(
        "Comune di Prova",
        [],
        ["F,SEG,scheda,Valutazione,100,80,", "H,SEG,scheda,Valutazione,100,80,"],
        '[funds]\nperformance_individuale = "900.00"\n',
    )
    files["people.csv"] = (
        f"{STAFF_HEADER}\nSEG,Segretario,segretario,DIR,com,1,0,false,\n"
        "F,Persona F,dipendente,C,com,1,0,false,SEG\nH,Persona H,dipendente,C,com,0.5,0,false,SEG\n"
    )
    return files


@pytest.mark.parametrize("text", [REGULATION, FORMER], ids=["quota_tempo", "fte"])
def test_the_time_worked_by_either_name_gives_the_same_amounts(ciclope_ente, tmp_path, text):
    # weights: F 80 × 1 = 80, H 80 × 0,5 = 40, Σ 120; F 900 × 80 / 120 = 600.00, H 900 × 40 / 120 = 300.00
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    assert [p.message for p in result.violations if p.severity == "error"] == []
    assert amounts(result) == {"F": "600.00", "H": "300.00"}


def test_quota_tempo_in_a_formula_is_read_without_a_word(tmp_path):
    assert regulation_problems(tmp_path, REGULATION) == []
    assert regulation_problems(tmp_path, FORMER) == []  # the name of before: no error, no warning


def test_an_unknown_name_lists_quota_tempo_among_the_names(tmp_path):
    text = REGULATION.replace("punteggio * quota_tempo", "punteggio * tempo")
    assert regulation_problems(tmp_path, text) == [
        "riga 9, chiave premi[1].peso: formula «=punteggio * tempo»: nome sconosciuto «tempo» (forse «quota_tempo»?); nomi ammessi: "
        "punteggio, scheda, unita, ente, ente_attestata, cruscotto, quota_tempo, assenze, giorni_servizio, giorni_incarico, giorni_anno, anno_ciclo, categoria, "
        "grado, ruolo, valutatore, retribuzione_posizione, sanzione, livello, fondo"
    ]


def test_giorni_assenza_still_says_the_formula_s_name(tmp_path):
    text = REGULATION.replace("punteggio * quota_tempo", "punteggio * (365 - giorni_assenza)")
    assert regulation_problems(tmp_path, text) == [
        "riga 9, chiave premi[1].peso: formula «=punteggio * (365 - giorni_assenza)»: la colonna giorni_assenza di "
        "persone.csv nelle formule si chiama «assenze»"
    ]


def test_fte_stays_a_name_no_column_nor_definition_may_take(tmp_path):
    text = REGULATION + '\n[[definizioni]]\nnome = "fte"\nformula = "=1"\nfonte = "punto 6"\n'
    problems = regulation_problems(tmp_path, text)
    assert len(problems) == 1
    assert "«fte» è già un nome delle formule (il tempo lavorato (la quota del tempo pieno))" in problems[0]


def test_explain_says_the_time_worked_as_a_share_of_the_full_time(ciclope_ente, tmp_path):
    # H at half time: 0,5 of the full time, shown 50%
    said = explain(run_declared(ciclope_ente, tmp_path, FORMER, comune()), "person", "H")
    assert "• il tempo lavorato (la quota del tempo pieno) = 50%" in said
    assert "100% a tempo pieno" not in said


def test_a_sentence_says_the_time_worked_as_a_share_of_the_full_time(tmp_path):
    scope = Scope(PLACES["ammesso"])
    expected = "il tempo lavorato (la quota del tempo pieno) è meno di 0,5"
    assert denied(read("=quota_tempo >= 0,5", scope)) == expected
    assert denied(read("=fte >= 0,5", scope)) == expected
    assert (
        "Il peso di ciascuno nella ripartizione è pari al punteggio × il tempo lavorato (la quota del tempo pieno)"
        in regulation_text(tmp_path, FORMER)
    )


def test_a_choice_of_the_time_worked_lists_quota_tempo(tmp_path):
    text = REGULATION.replace('metodo = "proporzionale"', 'metodo = "fasce"\nripartizione = "per_fascia"')
    text = text.replace('peso = "=punteggio * quota_tempo"\n', 'in_fascia = "tempo"\n')
    problems = regulation_problems(tmp_path, text)
    assert any(
        "chiave premi[1].in_fascia: valore «tempo» non ammesso (forse «quota_tempo»?); ammessi: quota_tempo, punteggio"
        in m
        for m in problems
    ), problems
