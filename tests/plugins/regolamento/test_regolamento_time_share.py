"""A time worked that is no whole hundredth of a percent (a part-time for part of the year, 273/365 typed as
0,747945205479452) is said as a person multiplies it back, «74,7945…%» as the scheda's head says it, never «74,79%»,
with which the weight beside it cannot be redone."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import PROPORTIONAL, amounts, one_unit_comune, run_declared

STAFF = ["A,Anna,dipendente,C,com,0.747945205479452,0,false,SEG", "B,Bruno,dipendente,C,com,0.5,0,false,SEG"]
CARDS = ["A,SEG,scheda,Valutazione,100,90,", "B,SEG,scheda,Valutazione,100,90,"]


def test_a_time_worked_past_two_decimals_is_said_with_its_digits(ciclope_ente, tmp_path):
    files = one_unit_comune("Comune di Prova", STAFF, CARDS, '[fondi]\nperformance_individuale = "1000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, PROPORTIONAL, files)
    # weights: A 90 × 0,747945205479452 = 67,315068…; B 90 × 0,5 = 45; Σ 112,315068…
    # A: 1.000 × 67,315068 / 112,315068 = 599,3413… → € 599,34; B: 1.000 × 45 / 112,315068 = 400,6586… → € 400,66
    assert amounts(result) == {"A": "599.34", "B": "400.66"}
    said = explain(result, "person", "A")
    assert "  • tempo lavorato = 74,7945…%   ← people.csv, riga 3, colonna quota_tempo\n" in said
    assert "  • peso = 67,315068\n" in said
    # a half is whole hundredths: said as written
    assert "  • tempo lavorato = 50%   ← people.csv, riga 4, colonna quota_tempo\n" in explain(result, "person", "B")
