"""The level on a scheda is the level of a premium the person is paid by: an EQ whose result pay is graded by the
steps of [risultato_po] reads no level of the [livelli] bands that grade the employees' premium (art. 6 of the
regulation), which her score would reach but nothing she is paid reads; the employees read theirs."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune"
tipo_ente = "comune"

[livelli]
fonte = "art. 6 c. 1"
scala = [{ nome = "prima fascia", da = 90 }, { nome = "seconda fascia", da = 80 }, { nome = "terza fascia", da = 70 }]

[premio]
metodo = "livelli"
fonte = "art. 6 c. 2"
coefficienti = { "prima fascia" = 1, "seconda fascia" = 0.8, "terza fascia" = 0.5 }

[risultato_po]
metodo = "percentuale"
fonte = "art. 9"
soglia_positiva = 60
percentuali = [{ da = 80, quota = 0.20 }, { da = 60, quota = 0.10 }]
"""
# (id, role, points): three employees and the EQ E1, who scores 84 like P2
PEOPLE = [("P1", "dipendente", 92), ("P2", "dipendente", 84), ("P3", "dipendente", 75), ("E1", "po", 84)]


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def test_the_eq_s_scheda_shows_no_level_of_the_employees_premium(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},{role},D,com,1,0,false,SEG," for p, role, _ in PEOPLE]
    staff[-1] += "10000.00"  # E1's position pay
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, _, s in PEOPLE]
    tail = '[funds]\nperformance_individuale = "3000.00"\nrisultato_po = "5000.00"\n'
    data = one_unit_comune("Comune", staff, cards, tail)
    head, segretario, *rows = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([head + ",position_pay", segretario + ",", *rows]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    # E1: 84 points, the step «da 80»: 20% of 10.000,00 = 2.000,00, read off the steps of art. 9, not off a level
    assert result.rewards.awards["E1"].amount == Decimal("2000.00")
    eq = build(result, "E1")
    assert (eq.level, eq.level_source, eq.level_words) == ("", "", "Esito: valutato.")
    assert "livello" not in eq.score_note
    said = page(result, "E1")
    assert "Punteggio complessivo: 84,00 su 100 Esito: valutato." in said
    assert "seconda fascia" not in said and "Punteggio e livello" not in said
    # P2, also 84 points, is paid by the level: 3.000 by coefficients 1 + 0,8 + 0,5 = 2,3 → 3.000 × 0,8 / 2,3 =
    # 1.043,478… → 1.043,48; her scheda says the level her premium reads
    assert result.rewards.awards["P2"].amount == Decimal("1043.48")
    assert build(result, "P2").level == "seconda fascia"
    assert "Punteggio complessivo: 84,00 su 100 · livello: seconda fascia (SMVP del Comune, art. 6 c. 1)" in page(
        result, "P2"
    )
