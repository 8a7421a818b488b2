"""A premium summed from the parts of one fund, of a person only one part pays: the scheda says that part once, its
calculation under the amount, never a one-row table «premio della parte «base»: € 166,67» over a heading of the part
with the same amount and the same calculation again."""

from __future__ import annotations

import html
import re

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri della produttività"
tipo_ente = "comune"

[[premi]]
nome = "base"
metodo = "proporzionale"
quota_fondo = 0.5
fonte = "art. 1"

[[premi]]
nome = "eccellenza"
metodo = "proporzionale"
quota_fondo = 0.5
ammesso = '=punteggio >= 90'
fonte = "art. 2"
"""


def text(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def test_a_premium_of_one_part_is_said_once(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in ("P1", "P2", "P3")]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s in (("P1", 90), ("P2", 80), ("P3", 70))]
    data = one_unit_comune("Comune di Prova", staff, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    # base: 500 by the scores 90 + 80 + 70 = 240: P1 187.50, P2 500 × 80 / 240 = 166.666… → 166.67, P3 145.833… →
    # 145.83 (187.50 + 166.67 + 145.83 = 500.00); eccellenza: 500 to P1 alone (90 ≥ 90)
    assert amounts(result) == {"P1": "687.50", "P2": "166.67", "P3": "145.83"}
    two = text(result, "P1")  # two parts: the sum, then each part under its heading
    assert "Premio della parte «base»: € 187,50" in two and "Premio della parte «eccellenza»: € 500,00" in two
    one = text(result, "P2")
    assert "Premio della parte «base»: € 166,67" not in one  # no heading repeating the amount
    assert "premio della parte «base» € 166,67" not in one  # no one-row table of the sum
    assert one.count("€ 166,67") == 1  # the amount, once (one payment: no total under it)
