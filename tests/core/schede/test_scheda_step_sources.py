"""The article of each element of an amount that is a rule of its own: a premium of art. 4 that a reduction of art. 10
cuts says both on the personal scheda, as ``explain`` does, so the employee finds the rule that took 10% from them and
not only the one that divides the fund; an element of the amount's own article, or the score (cited in its section),
says none."""

from __future__ import annotations

import html
import re

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune"
sigla = "CCDI"
tipo_ente = "comune"

[[premi]]
nome = "performance"
metodo = "proporzionale"
quota_fondo = 1
ruoli = ["dipendente"]
fonte = "art. 4"

[[riduzioni]]
misura = "assenze"
fonte = "art. 10 c. 3"
scaglioni = [
  { da = 0, a = 10, riduzione = 0 },
  { da = 11, a = 30, riduzione = 0.10 },
  { da = 31, riduzione = 1 },
]
"""


def _run(ciclope_ente, tmp_path, regulation: str = REGULATION):
    staff = [
        "A,Anna Verdi,dipendente,C,com,1,20,false,SEG",
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG",
        "C,Carla Bianchi,dipendente,C,com,1,0,false,SEG",
    ]
    cards = [f"{pid},SEG,Risultati,Qualità del lavoro,100,80,1" for pid in "ABC"]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "3000.00"\n')
    return run_declared(ciclope_ente, tmp_path, regulation, data)


def steps(result, pid: str) -> dict[str, tuple[str, str]]:
    (payment,) = build(result, pid).payments
    return {line.label: (line.value, line.note) for line in payment.steps}


def test_the_reduction_cites_its_own_article(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    lines = steps(result, "A")
    # 20 days of absence: the bracket 11–30 of art. 10 c. 3, −10%; weights 80 × 0,9 = 72, 80 and 80, Σ 232:
    # 3.000 × 72 / 232 = 931,034… → 931,04 with the cent of the highest remainder (B and C: 1.034,482… → 1.034,48)
    assert lines["riduzione per giorni di assenza"] == ("10%", "CCDI, art. 10 c. 3")
    (payment,) = build(result, "A").payments
    assert payment.amount == "€ 931,04"
    assert payment.source == "CCDI, art. 4"


def test_an_element_of_the_amounts_own_article_or_the_score_cites_none(ciclope_ente, tmp_path):
    lines = steps(_run(ciclope_ente, tmp_path), "A")
    assert lines["fondo della parte «performance»"][1] == ""  # the part's fund: art. 4, the premium's own
    assert lines["punteggio"] == ("80,00 punti", "")  # the score's article is said under «Punteggio»
    assert lines["tempo lavorato"][1] == ""  # a cell of the person, no rule


def test_the_page_heads_the_column_of_the_articles(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "A")))))
    assert "Elemento del calcolo Valore Fonte" in text
    assert "riduzione per giorni di assenza 10% CCDI, art. 10 c. 3" in text
    # B has no reduction: every element is of art. 4 or the score's, the table keeps its two columns
    text_b = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "B")))))
    assert "Elemento del calcolo Valore Fonte" not in text_b
    assert "Elemento del calcolo Valore" in text_b


BY_FORMULA = REGULATION.replace(
    """misura = "assenze"
fonte = "art. 10 c. 3"
scaglioni = [
  { da = 0, a = 10, riduzione = 0 },
  { da = 11, a = 30, riduzione = 0.10 },
  { da = 31, riduzione = 1 },
]""",
    """riduzione = "=MAX(0%; (assenze - 15 giorni) * 1% al giorno)"
fonte = "art. 10 c. 3\"""",
)


def test_a_reduction_by_a_formula_says_its_words_so_the_person_redoes_it(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path, BY_FORMULA)
    lines = steps(result, "A")
    # 20 days of absence: (20 − 15) × 1% = 5%, the article once, in its column, not again after the days
    assert lines["riduzione per i giorni di assenza (20 giorni)"] == (
        "il maggiore tra 0% e (i giorni di assenza meno 15 giorni) × 1% al giorno = 5%",
        "CCDI, art. 10 c. 3",
    )
    # weights 80 × 0,95 = 76, 80 and 80, Σ 236: 3.000 × 76 / 236 = 966,1016… → 966,10
    (payment,) = build(result, "A").payments
    assert payment.amount == "€ 966,10"
