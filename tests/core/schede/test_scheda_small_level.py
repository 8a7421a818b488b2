"""The scheda of one alone in her level of a part whose fund five people share: the part's fund is no colleague's
figure (rules/core.md §6 withholds a group of fewer than 3 paid), so she can redo her budget from it."""

from __future__ import annotations

import html
import re

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri di raccordo"
tipo_ente = "comune"

[livelli]
fonte = "art. 1"
scala = [{ nome = "alta", da = 80 }, { nome = "media", da = 60 }, { nome = "bassa", da = 0 }]

[[premi]]
nome = "performance individuale"
metodo = "budget"
quota_fondo = "80%"
coefficienti = { alta = 1, media = 0.5, bassa = 0 }
fonte = "art. 2"

[[premi]]
nome = "presenza"
metodo = "proporzionale"
quota_fondo = "20%"
peso = "=1"
fonte = "art. 3"
"""
# A1, A2, A3, A4 in «alta» (90), M1 alone in «media» (70): five paid by one part
PEOPLE = [("A1", 90), ("A2", 90), ("A3", 90), ("A4", 90), ("M1", 70)]


def test_one_alone_in_her_level_reads_the_part_s_fund(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p, _ in PEOPLE]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in PEOPLE]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    # «performance individuale» 5.000 × 80% = 4.000, a budget of 4.000 / 5 = 800 each, M1 in «media» 800 × 0,5 =
    # 400,00; «presenza» 5.000 × 20% = 1.000 / 5 = 200,00 each: M1 600,00
    assert result.rewards.awards["M1"].amount == 600
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "M1")))))
    # the fund of the part, of five paid, is hers to read; nothing is said withheld
    assert "fondo della parte «performance individuale» € 5.000,00 × 80% = € 4.000,00" in page
    assert "Non è mostrato" not in page and "Non sono mostrati" not in page


def test_the_office_s_note_on_the_levels_is_its_own_sentence_once_ended(ciclope_ente, tmp_path):
    # the [livelli] nota is the office's sentence with its own full stop: after the level's article as a sentence,
    # never after «; » with its capital, and never given a second full stop on the scheda
    note = "Il sistema prevede tre fasce di merito."
    text = REGULATION.replace('fonte = "art. 1"\n', f'fonte = "art. 1"\nnota = "{note}"\n', 1)
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p, _ in PEOPLE]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in PEOPLE]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, data)
    assert result.figures["score:M1"].note == f"livello: media (Criteri di raccordo, art. 1). {note}"
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "M1")))))
    assert "livello: media (Criteri di raccordo, art. 1)" in page  # the level with its article, beside the score
    # the level stands out, not the act's title after it, which may be long
    assert "livello: <b>media</b> (Criteri di raccordo, art. 1)" in render(build(result, "M1"))
    assert f" {note} " in page and "fasce di merito.." not in page
