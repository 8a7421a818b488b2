"""«Progetti obiettivo» (Roccaverde's disciplinare, art. 6): each project a part that admits its participants only
(``ammesso = "=part_p1 > 0%"``), its rest redistributed to those it paid (``peso = '=PREMIO("progetto P1")'``).
A part that is not the person's is no reason of money not paid; a condition that read a value still is one.
Every amount by hand."""

from __future__ import annotations

from ciclope.core.run.explain import explain, unpaid_reasons

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Disciplinare dei progetti obiettivo"
sigla = "Disciplinare"
tipo_ente = "comune"

[[colonne]]
nome = "part_p1"
tipo = "percentuale"
significato = "la percentuale di partecipazione al progetto P1"
fonte = "art. 6 c. 1"

[[premi]]
nome = "merito"
metodo = "formula"
fondo = "performance_individuale"
ruoli = ["dipendente"]
ammesso = "=punteggio >= 60"
importo = "=100 €"
tempo_parziale = "intero"
fonte = "art. 4"

[[premi]]
nome = "progetto P1"
metodo = "formula"
fondo = "progetto_p1"
ruoli = ["dipendente"]
quota_fondo = 1
ammesso = "=part_p1 > 0%"
importo = "=fondo * part_p1"
tempo_parziale = "intero"
residuo_a = "ridistribuzione P1"
fonte = "art. 6 c. 2"

[[premi]]
nome = "ridistribuzione P1"
metodo = "proporzionale"
fondo = "progetto_p1"
ruoli = ["dipendente"]
quota_fondo = 0
ammesso = '=PREMIO("progetto P1") > 0 €'
peso = '=PREMIO("progetto P1")'
tempo_parziale = "intero"
fonte = "art. 6 c. 4"
"""


def files() -> dict[str, str]:
    cards = ["A,SEG,scheda,Valutazione complessiva,100,90,", "B,SEG,scheda,Valutazione complessiva,100,50,"]
    funds = '[funds]\nperformance_individuale = "1000.00"\nprogetto_p1 = "1000.00"\n'
    data = one_unit_comune("Comune dei progetti", [], cards, funds)
    data["people.csv"] = "\n".join([
        STAFF_HEADER + ",part_p1",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,0%",
        "A,Persona A,dipendente,C,com,1,0,false,SEG,60%",
        "B,Persona B,dipendente,C,com,1,0,false,SEG,0%",
    ]) + "\n"  # fmt: skip
    return data


def test_a_project_the_person_is_not_in_is_one_plain_line_not_a_reason(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # A: merito 100,00 (90 ≥ 60); progetto P1 1000 × 60% = 600,00, its rest 1000 − 600 = 400,00 to the
    # redistribution, A alone in it (weight 600): 400,00; from the project's fund 600 + 400 = 1000,00.
    # B: 50 < 60 and 0% of P1: nothing, no award at all
    assert amounts(result) == {"A": "100.00", "A:progetto_p1": "1000.00"}
    reasons = [r["why"] for r in unpaid_reasons(result, "B")]
    # the parts of the project are not B's: one plain line, without the conditions read at 0
    assert "non partecipa alle parti «progetto P1» e «ridistribuzione P1»" in reasons
    assert not any("alla parte «progetto P1»: no" in r or "è al più" in r for r in reasons), reasons
    # the condition that read a score is a reason, with what it read
    assert any(r.startswith("Partecipazione di Persona B alla parte «merito»: no") for r in reasons), reasons
    said = explain(result, "person", "B")
    assert "■ Partecipazione di Persona B alla parte «progetto P1»" not in said
    assert "■ Partecipazione di Persona B alla parte «merito» = no" in said
    assert "non partecipa" not in explain(result, "person", "A")
