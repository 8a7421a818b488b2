"""The time worked written as the hours of the week, «30/36»: the exact ratio, so a premium in proportion to it is the
one the office computes with 30 ÷ 36, not with 83,33% (which moves a cent)."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento premi"
tipo_ente = "altro"

[[premi]]
nome = "presenza"
metodo = "proporzionale"
valutazione = false
fonte = "art. 3"
"""


def test_a_premium_in_proportion_to_30_hours_of_36(ciclope_ente, tmp_path):
    staff = ["A,Anna Neri,dipendente,C,com,1,0,false,SEG", "B,Bruno Riva,dipendente,C,com,30/36,0,false,SEG"]
    cards = ["A,SEG,scheda,Valutazione,100,80,", "B,SEG,scheda,Valutazione,100,80,"]
    tail = '[funds]\nperformance_individuale = "1100.00"\n'
    result = run_declared(ciclope_ente, tmp_path, REGULATION, one_unit_comune("Ente", staff, cards, tail))
    assert not [v.message for v in result.violations if v.is_error]
    # weights 1 and 30/36 = 5/6, Σ 11/6: A 1100 × 1 / (11/6) = 600,00; B 1100 × (5/6) / (11/6) = 500,00
    # (with 83,33%: A 1100 / 1,8333 = 600,0109… → 600,01, B 499,99)
    assert amounts(result) == {"A": "600.00", "B": "500.00"}
    said = explain(result, "person", "B") or ""
    assert "tempo lavorato = 83,3333…%   ← people.csv, riga 4, colonna quota_tempo" in said, said
