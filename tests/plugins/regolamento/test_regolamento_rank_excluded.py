"""A rank over a part's people counts the excluded too (the docs say so, and how to leave them out): «ai due
migliori» written as ``RANGO.ENTE(punteggio) <= 2`` gives the 1st place to a person an exclusion leaves without
premium, and the maggiorazione goes to one; written over the earlier part's premium, to the two best who have one.
Every amount by hand."""

from __future__ import annotations

from helpers import STAFF_HEADER, one_unit_comune, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Accordo sul fondo"
sigla = "Accordo"
tipo_ente = "ministero"
comparto = "altro"

[[colonne]]
nome = "diretta"
tipo = "sì/no"
significato = "il lavoro negli uffici di diretta collaborazione"
fonte = "art. 2"

[[esclusioni]]
regola = "formula"
condizione = "=diretta"
fonte = "art. 2"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "performance_individuale"
ruoli = ["dipendente"]
fonte = "art. 4"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
fondo = "maggiorazione"
importo = "=300 €"
tempo_parziale = "intero"
ruoli = ["dipendente"]
fonte = "art. 5"
"""
NAIVE = HEAD + "ammesso = '=RANGO.ENTE(punteggio) <= 2'\n"
DOCUMENTED = HEAD + """ammesso = '=RANGO.ENTE(SE(PREMIO("individuale") > 0 €; punteggio; 0)) <= 2'\n"""


def maggiorazione(result) -> dict[str, str]:
    """Each person's maggiorazione (the awards of its fund), 0 for whom it pays nothing."""
    return {
        pid: str(next((a.amount for key, a in result.rewards.awards.items() if a.person == pid and a.pool ==
                       "maggiorazione"), "0.00"))
        for pid in "ABCD"
    }  # fmt: skip


def _staff() -> dict[str, str]:
    scores = {"A": 99, "B": 95, "C": 90, "D": 80}  # A works in the minister's office: excluded
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score in scores.items()]
    files = one_unit_comune(
        "Ufficio di Prova", [], cards, '[funds]\nperformance_individuale = "2640.00"\nmaggiorazione = "600.00"\n'
    )
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{'sì' if pid == 'A' else 'no'}" for pid in scores]
    files["people.csv"] = "\n".join(
        [f"{STAFF_HEADER},diretta", "SEG,Segretario,segretario,DIR,com,1,0,false,,no", *rows]
    )
    return files


def test_a_rank_counts_the_excluded_so_the_maggiorazione_goes_to_one(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, NAIVE, _staff())
    # ranks A 1, B 2, C 3, D 4: A and B admitted, A excluded: B alone has 300,00
    assert maggiorazione(result) == {"A": "0.00", "B": "300.00", "C": "0.00", "D": "0.00"}


def test_a_rank_over_the_earlier_premium_gives_the_two_best_who_have_one(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, DOCUMENTED, _staff())
    # A's individuale is 0 (excluded): A's value is 0, ranks B 1, C 2, D 3, A 4: B and C have 300,00 each
    assert maggiorazione(result) == {"A": "0.00", "B": "300.00", "C": "300.00", "D": "0.00"}


def test_the_outcomes_of_the_premium_count_a_person_of_two_funds_once(ciclope_ente, tmp_path):
    """«Esiti della premialità» counted each award, so a person paid from two funds (the individuale and the
    maggiorazione) twice, the second under «—» (a Comune's 13 people read «Totale 18»)."""
    from ciclope.core.reports.relazione.people import outcomes

    result = run_declared(ciclope_ente, tmp_path, DOCUMENTED, _staff())
    rows = outcomes(result).rows
    # B and C have two awards each (individuale, maggiorazione), D one: 3 valutati; A excluded: 1; 3 + 1 = 4 people
    assert [tuple(row) for row in rows[:-1]] == [("valutato", 3), ("escluso per una condizione del regolamento", 1)]
    assert tuple(rows[-1]) == ("Totale", 4)
