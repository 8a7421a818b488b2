"""A card's score has two decimals; where the card's formula gives more, the scheda and ``explain`` say the exact
number and its rounding, so the person who redoes the card by hand finds the figure printed (82,185 → 82,19, half
up as every score), and a card that gives two decimals says nothing more."""

from __future__ import annotations

import html
import re

from test_scheda_step_sources import REGULATION as STEPS_REGULATION

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import one_unit_comune, run_declared

REGULATION = STEPS_REGULATION.split("[[riduzioni]]")[0]  # the premium of art. 4 alone, no reduction


def _run(ciclope_ente, tmp_path):
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in "ABC"]
    # A: two items of weight 1, 82,17 and 82,2 of 100: 100 × (0,8217 + 0,822) / 2 = 82,185 → 82,19;
    # B and C: one item, 80 of 100 = 80,00 exactly
    cards = ["A,SEG,Risultati,Qualità,100,82.17,1", "A,SEG,Risultati,Tempi,100,82.2,1"]
    cards += [f"{pid},SEG,Risultati,Qualità del lavoro,100,80,1" for pid in "BC"]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "3000.00"\n')
    return run_declared(ciclope_ente, tmp_path, REGULATION, data)


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_card_s_rounding_is_said_on_the_scheda_and_in_explain(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    assert result.figures["card:A"].note == "punteggio esatto 82,185: 82,19 arrotondato a due decimali"
    page = text_of(render(build(result, "A")))
    assert "Punteggio della scheda: 82,19 su 100 (esatto 82,185, arrotondato a due decimali)." in page


def test_a_card_of_two_decimals_says_no_rounding(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    assert result.figures["card:B"].note == ""
    assert "Punteggio della scheda: 80,00 su 100." in text_of(render(build(result, "B")))
