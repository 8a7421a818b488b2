"""A person an exclusion leaves without a premium is still in ``SOMMA.GRUPPO``: the example of docs/regolamento.md
(«Chi è escluso resta nelle somme»), by hand. Three dipendenti at 90, 70 and 55 points, a fund of 1.000,00 €, a
`formula` part that pays each «fondo × punteggio / Σ punteggi», and an exclusion below 60 points."""

from __future__ import annotations

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 1"

[[premi]]
nome = "produttività"
metodo = "formula"
importo = "{sum}"
ruoli = ["dipendente"]
fonte = "art. 2"
"""


def data() -> dict[str, str]:
    cards = [f"{p},SEG,scheda,Valutazione,100,{points}," for p, points in (("A", 90), ("B", 70), ("C", 55))]
    files = one_unit_comune("Comune", [], cards, '[funds]\nperformance_individuale = "1000.00"\n')
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false," for p in "ABC"]
    files["people.csv"] = "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n"
    return files


def test_the_sum_of_everyone_leaves_the_excluded_share_in_the_residual(ciclope_ente, tmp_path):
    # Σ = 90 + 70 + 55 = 215: A 1000 × 90 / 215 = 418,604… → 418,60; B 1000 × 70 / 215 = 325,581… → 325,58; C
    # excluded (55 < 60), 0; the residual 1000 − 418,60 − 325,58 = 255,82
    text = REGULATION.format(sum="=fondo * punteggio / SOMMA.GRUPPO(punteggio)")
    result = run_declared(ciclope_ente, tmp_path, text, data())
    assert {k: v for k, v in amounts(result).items() if k in "ABC"} == {"A": "418.60", "B": "325.58", "C": "0.00"}
    assert str(result.rewards.pools["performance_individuale"].residual) == "255.82"


def test_the_sum_of_the_admitted_gives_the_share_to_the_colleagues(ciclope_ente, tmp_path):
    # Σ of the admitted = 90 + 70 = 160: A 1000 × 90 / 160 = 562,50; B 1000 × 70 / 160 = 437,50; nothing left
    text = REGULATION.format(sum="=fondo * punteggio / SOMMA.GRUPPO(SE(punteggio >= 60; punteggio; 0))")
    result = run_declared(ciclope_ente, tmp_path, text, data())
    assert {k: v for k, v in amounts(result).items() if k in "ABC"} == {"A": "562.50", "B": "437.50", "C": "0.00"}
    assert str(result.rewards.pools["performance_individuale"].residual) == "0.00"
