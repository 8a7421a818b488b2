"""«Progetti obiettivo» (Roccaverde's disciplinare, art. 6): each project a part that admits its participants only
(``ammesso = "=part_p1 > 0%"``), its rest redistributed to those it paid (``peso = '=PREMIO("progetto P1")'``).
A part that is not the person's is no reason of money not paid; a condition that read a value still is one. A
weight in euro reads with €, and the part's fund is said once. Every amount by hand."""

from __future__ import annotations

import html
import re

from ciclope.core.run.explain import explain, unpaid_reasons
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

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
    scores = {"A": 90, "B": 50, "C": 80, "D": 80}
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score in scores.items()]
    funds = '[funds]\nperformance_individuale = "1000.00"\nprogetto_p1 = "1000.00"\n'
    data = one_unit_comune("Comune dei progetti", [], cards, funds)
    data["people.csv"] = "\n".join([
        STAFF_HEADER + ",part_p1",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,0%",
        "A,Persona A,dipendente,C,com,1,0,false,SEG,50%",
        "B,Persona B,dipendente,C,com,1,0,false,SEG,0%",
        "C,Persona C,dipendente,C,com,1,0,false,SEG,25%",
        "D,Persona D,dipendente,C,com,1,0,false,SEG,5%",
    ]) + "\n"  # fmt: skip
    return data


def test_a_project_the_person_is_not_in_is_one_plain_line_not_a_reason(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # merito: 100,00 each of A, C, D (90, 80, 80 ≥ 60). Progetto P1: A 1000 × 50% = 500,00, C 1000 × 25% = 250,00,
    # D 1000 × 5% = 50,00; its rest 1000 − 800 = 200,00 redistributed by those premiums (Σ 800): A 200 × 500 / 800
    # = 125,00, C 200 × 250 / 800 = 62,50, D 200 × 50 / 800 = 12,50. B: 50 < 60 and 0% of P1: no award at all
    assert amounts(result) == {
        **{pid: "100.00" for pid in "ACD"},
        "A:progetto_p1": "625.00",  # 500 + 125
        "C:progetto_p1": "312.50",  # 250 + 62,50
        "D:progetto_p1": "62.50",  # 50 + 12,50
    }
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


def test_a_weight_in_euro_reads_with_the_euro_and_the_fund_is_said_once(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    said = explain(result, "person", "A")
    # the redistribution weighs by the project's premium: A's 1000 × 50% = 500,00 €, over Σ 500 + 250 + 50 = 800,00 €
    # the weight the formula gave is the one the split divides (a quota pagata of 100%): one line
    assert "peso dalla formula" not in said
    assert "• peso = € 500,00\n" in said
    assert "• Σ pesi = € 800,00\n" in said
    # the project's amount reads «fondo»: the part's fund (1000 × quota 1 = 1000,00) is its figure's, said once
    assert said.count("• fondo della parte «progetto P1» = € 1.000,00") == 1
    assert "il fondo della parte = " not in said
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "A")))))
    assert "€ 500,00 peso € 500,00 somma dei pesi € 800,00" in page, page
    assert "peso secondo la formula del regolamento" not in page
    assert "fondo della parte «progetto P1» € 1.000,00" in page
    assert "il fondo della parte €" not in page
