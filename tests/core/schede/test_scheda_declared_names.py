"""A regulation's own names on the scheda and in ``explain`` (the Valdorso case): a definition is said by its words
and its article, its name only in ``explain`` and only as «nome»; a category read by a formula in the words of the
contract; the amount of a formula as a sentence («importo = …»); a sum over the graduatoria of a condition in words
a person reads; a weight the formula gives and the one the split divides on one line where they are the same. Every
amount by hand."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Prova"
sigla = "Regolamento premi"
tipo_ente = "comune"

[[definizioni]]
nome = "parametro_area"
descrizione = "il parametro dell'Area"
formula = '=PIÙ.SE(categoria = "B"; 100; categoria = "C"; 110; VERO; 125)'
fonte = "art. 3 c. 1"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
ruoli = ["dipendente"]
fonte = "art. 6"

[[premi]]
nome = "premio di area"
metodo = "formula"
quota_fondo = 0.5
importo = '=fondo * parametro_area / SOMMA.ENTE(SE(punteggio >= 60; parametro_area; 0))'
tempo_parziale = "intero"
fonte = "art. 4"

[[premi]]
nome = "premio di merito"
metodo = "proporzionale"
quota_fondo = 0.5
peso = '=punteggio'
tempo_parziale = "intero"
fonte = "art. 5"
"""
# A (B, 80 points), C (C, 90), D (D, 50: under 60, excluded by art. 6 and out of the sum), E (B, 70)
STAFF = {"A": ("B", 80), "C": ("C", 90), "D": ("D", 50), "E": ("B", 70)}


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


@pytest.fixture
def result(ciclope_ente, tmp_path):
    rows = [f"{pid},Persona {pid},dipendente,{cat},com,1,0,false,SEG" for pid, (cat, _) in STAFF.items()]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, (_, points) in STAFF.items()]
    data = one_unit_comune("Comune di Prova", rows, cards, '[funds]\nperformance_individuale = "6200.00"\n')
    data["people.csv"] = "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *rows]) + "\n"
    return run_declared(ciclope_ente, tmp_path, REGULATION, data)


def test_the_amounts_by_hand(result):
    # «premio di area»: 6.200,00 × 50% = 3.100,00 over A's 100, C's 110 and E's 100 = 310 (D, 50 points, is out of
    # the sum): A 3.100 × 100 / 310 = 1.000,00; C 3.100 × 110 / 310 = 1.100,00; E 1.000,00
    assert result.figures["premio:premio di area:A"].value == 1000
    assert result.figures["premio:premio di area:C"].value == 1100
    # «premio di merito»: 3.100,00 by the points 80 + 90 + 70 = 240: A 3.100 × 80 / 240 = 1.033,333… → 1.033,33;
    # C 1.162,50; E 904,1666… → 904,16, and the cent left (3.099,99) to E's remainder, the highest: 904,17
    assert result.figures["premio:premio di merito:A"].value == Decimal("1033.33")
    assert result.figures["premio:premio di merito:E"].value == Decimal("904.17")


def test_the_scheda_never_names_a_definition(result):
    text = page(result, "A")
    assert "il parametro dell'Area (art. 3 c. 1) 100" in text
    assert "parametro_area" not in text


def test_explain_names_a_definition_in_guillemets(result):
    text = explain(result, "person", "A")
    assert "il parametro dell'Area («parametro_area», art. 3 c. 1) = 100" in text
    assert "(parametro_area," not in text


def test_a_category_a_formula_reads_is_said_in_the_words_of_the_contract(result):
    # the header says it so: the scheda's row and explain say the same, never the code «B»
    # (in 2024, before the Areas of the CCNL 16.11.2022 apply to this ente's run, «categoria B»)
    text = page(result, "A")
    assert "Ruolo Dipendente, categoria B " in text
    assert "la categoria (o l'Area) del contratto categoria B " in text
    assert "la categoria (o l'Area) del contratto B " not in text
    assert "la categoria (o l'Area) del contratto = categoria B" in explain(result, "person", "A")


def test_the_amount_of_a_formula_reads_as_a_sentence(result):
    text = page(result, "A")
    assert "Come si calcola: importo = il fondo della parte × il parametro dell'Area diviso " in text
    assert "«=fondo" in explain(result, "person", "A")


def test_a_sum_of_a_condition_is_said_in_words(result):
    # the part pays the dipendenti alone (ruoli): the sum is over them, and says so
    said = (
        "la somma, tra i dipendenti dell'ente, del parametro dell'Area delle persone per cui il punteggio è almeno 60"
    )
    text = page(result, "A")
    assert f"diviso {said}, arrotondato al centesimo" in text
    assert f"{said} 310" in text  # A's 100 + C's 110 + E's 100
    assert "la somma di se" not in text and "la somma di se" not in explain(result, "person", "A")


def test_a_weight_the_formula_gives_and_the_split_divides_is_one_line(result):
    # A's weight is her 80 points, × a quota pagata of 100%: «peso secondo la formula del regolamento 80» and «peso 80» are one line
    text = page(result, "A")
    assert "peso 80 somma dei pesi 240 " in text  # no trailing zeros, beside the sum too
    assert "peso secondo la formula del regolamento" not in text
