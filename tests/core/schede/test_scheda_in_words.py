"""What a person signs says the rule in words: the formula the office wrote («=guardie * 25») is the office's, the
scheda says its words; and a figure about the person alone (a part of the fund only she is paid from) is hers to
read, while one of two people paid stays withheld (rules/core.md §6). Every amount by hand."""

from __future__ import annotations

import html
import re

import pytest

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render
from ciclope.core.schede.words import words_only

from helpers import STAFF_HEADER, one_unit_comune, run_declared


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


@pytest.mark.parametrize(
    ("written", "said"),
    [
        # a formula in guillemets, its words in the parenthesis after it (which has parentheses of its own)
        (
            "importo «=30% * SOMMA.ENTE(PREMIO(\"a\"))» (30% × la somma (nell'ente) del premio), arrotondato",
            "importo 30% × la somma (nell'ente) del premio, arrotondato",
        ),
        # a text that begins with the formula, its words after the dash
        ("=E(anni >= 3; NON(sanzione)) — è candidato chi ha almeno 3 anni", "è candidato chi ha almeno 3 anni"),
        # the words, then the formula in a parenthesis
        ("gli anni sono almeno 3 (formula: =MIN(anni; 3) >= 3)", "gli anni sono almeno 3"),
        # a name the office gave a piece of formula, in guillemets beside its words: the words and the article
        ("la quota erogabile («coefficiente_settore», art. 4 c. 1) = 1", "la quota erogabile (art. 4 c. 1) = 1"),
        ("la quota erogabile («coefficiente_settore») = 1", "la quota erogabile = 1"),
        # a formula without its words stays: nothing of the rule is lost
        ("importo «=guardie * 25», arrotondato", "importo «=guardie * 25», arrotondato"),
        # a sum is said in words, the arithmetic kept: «Σ pesi» is «somma dei pesi», each with its article
        ("fondo × peso / Σ pesi, con peso = punteggio", "fondo × peso / somma dei pesi, con peso = punteggio"),
        ("Σ pesi della fascia", "somma dei pesi della fascia"),
        ("Σ tempo lavorato della fascia", "somma del tempo lavorato della fascia"),
        ("Σ retribuzioni di posizione", "somma delle retribuzioni di posizione"),
        ("Σ importo annuo per persona dell'area", "somma dell'importo annuo per persona dell'area"),
        ("100 × Σ(peso × punti / massimo) / Σ pesi", "100 × somma di (peso × punti / massimo) / somma dei pesi"),
        ("valore di un punto di peso (fondo ÷ Σ pesi)", "valore di un punto di peso (fondo ÷ somma dei pesi)"),
        ("Σ dei pesi dei valutati positivamente", "somma dei pesi dei valutati positivamente"),
        # the weight a formula of the regulation gives, before the factors of the split
        ("peso dalla formula", "peso secondo la formula del regolamento"),
        (
            "importo dalla formula, arrotondato da solo",
            "importo secondo la formula del regolamento, arrotondato da solo",
        ),
    ],
)
def test_the_words_of_a_formula_without_the_formula(written, said):
    assert words_only(written) == said


GUARDS = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "guardie"
tipo = "numero"
significato = "le guardie notturne e festive dell'anno"
fonte = "art. 21 c. 3"

[[premi]]
nome = "guardie"
metodo = "formula"
fondo = "guardie"
importo = "=guardie * 25"
tempo_parziale = "intero"
fonte = "art. 21 c. 4"
"""


def test_the_scheda_says_the_formula_in_words(ciclope_ente, tmp_path):
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{g}" for pid, g in (("A", 12), ("B", 30), ("C", 4))]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid in "ABC"]
    files = one_unit_comune("Comune di Esempio", [], cards, '[funds]\nguardie = "2000.00"\n')
    files["people.csv"] = "\n".join(
        [f"{STAFF_HEADER},guardie", "SEG,Segretario,segretario,DIR,com,1,0,false,,0", *rows]
    )
    result = run_declared(ciclope_ente, tmp_path, GUARDS, files)
    text = page(result, "A")
    assert "€ 300,00" in text  # A: 12 guards × 25 = 300,00
    # the rule in the words the regulation gives its column, never the column nor the formula the office wrote
    assert "le guardie notturne e festive dell'anno × 25" in text
    assert "guardie * 25" not in text and "«=" not in text
    # the regulation's title names the ente: under the title once, «Regolamento del Comune di Esempio»
    assert "Comune di Esempio · Regolamento del Comune di Esempio" not in text
    assert "Scheda di valutazione individuale 2024 Regolamento del Comune di Esempio" in text


FUNDS = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Prova"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = 0.9
fonte = "art. 1"

[[premi]]
nome = "eccellenza"
metodo = "formula"
quota_fondo = 0.1
importo = '=SE(punteggio >= SOGLIA; 100 €; 0 €)'
fonte = "art. 2"
"""
SCORES = {"A1": 96, "A2": 90, "A3": 70, "A4": 60}


def test_a_part_s_fund_only_she_is_paid_from_is_hers_to_read(ciclope_ente, tmp_path):
    result = funded(ciclope_ente, tmp_path, 95)
    # «eccellenza»: 10% of 10.000,00 = 1.000,00; only A1 (96 ≥ 95) is paid, 100,00: the part's fund says nothing of
    # a colleague's pay, as nobody else is paid from it
    assert result.figures["premio:eccellenza:A1"].value == 100
    text = page(result, "A1")
    assert "fondo della parte «eccellenza» € 10.000,00 × 10% = € 1.000,00" in text
    assert "Non è mostrato" not in text and "Non sono mostrati" not in text


def test_a_part_s_fund_of_two_paid_stays_withheld(ciclope_ente, tmp_path):
    result = funded(ciclope_ente, tmp_path, 90)
    # A1 (96) and A2 (90) are paid 100,00 each from the 1.000,00 of «eccellenza»: the fund would give by difference
    # what the other one is paid
    assert result.figures["premio:eccellenza:A1"].value == result.figures["premio:eccellenza:A2"].value == 100
    text = page(result, "A1")
    assert "€ 1.000,00" not in text
    assert "Non è mostrato il fondo della parte «eccellenza»: riguarda meno di 3 persone pagate" in text


def funded(ciclope_ente, tmp_path, threshold: int):
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in SCORES]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, points in SCORES.items()]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    return run_declared(ciclope_ente, tmp_path, FUNDS.replace("SOGLIA", str(threshold)), data)


def test_a_conditional_weight_followed_by_more_factors_stays_in_brackets():
    # the trace's formula of a premium with a weight the office wrote as =SE(…): its words are «se …, allora …,
    # altrimenti …», and «× quota pagata × parametro» multiplies the whole weight, not only the «altrimenti»
    formula = (
        "fondo × peso / Σ pesi, con peso «=SE(punteggio >= 90; 1; punteggio / 100)» (se il punteggio è almeno 90, "
        "allora 1, altrimenti il punteggio diviso 100) × quota pagata × parametro della categoria"
    )
    assert words_only(formula) == (
        "fondo × peso / somma dei pesi, con peso (se il punteggio è almeno 90, allora 1, altrimenti il punteggio diviso 100) "
        "× quota pagata × parametro della categoria"
    )
    # alone at the end of the sentence, nothing to bracket
    assert words_only(
        "con peso «=SE(punteggio >= 90; 1; 0)» (se il punteggio è almeno 90, allora 1, altrimenti 0)"
    ) == ("con peso se il punteggio è almeno 90, allora 1, altrimenti 0")


WEIGHTED = """\
formato = 2
[atto]
titolo = "CCDI dell'ASP"
tipo_ente = "azienda_servizi_persona"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
peso = "=punteggio * 2"
fonte = "art. 7"
"""


def test_the_scheda_says_the_sum_of_the_weights_in_words(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},0,false,SEG" for pid, fte in (("A", 0.5), ("B", 1), ("C", 1))]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{p}," for pid, p in (("A", 80), ("B", 70), ("C", 50))]
    data = one_unit_comune("ASP", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, WEIGHTED, data)
    # weights by the formula 80 × 2 = 160 (A, half time: 160 × 50% = 80), 70 × 2 = 140, 50 × 2 = 100; sum 80 + 140 +
    # 100 = 320: A 1.000 × 80 / 320 = 250,00
    assert result.rewards.awards["A"].amount == 250
    text = page(result, "A")
    assert "fondo × peso / somma dei pesi" in text and "somma dei pesi 320" in text
    assert "peso secondo la formula del regolamento 160 " in text and " peso 80 " in text
    assert "Σ" not in text and "peso dalla formula" not in text
    # explain, the office's tool, keeps its «Σ pesi»
    assert "• Σ pesi = 320" in (explain(result, "person", "A") or "")
