"""What a part set aside (``accantonata``) did not pay of its source's unpaid is the source's unpaid, never the set-aside
part's: the Relazione's «Parti dei fondi» sets aside what the part took, and ``ciclope explain --pool`` says the rest
left by the part that did not pay it, with its causes (a Funzioni Centrali office read «maggiorazione · Pagato
€ 597,96 · Non pagato € 2.432,50» and «Accantonato per altre parti € 3.030,46»: only 597,96 was set aside). Every
amount by hand, every euro conserved."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.say.annex import fund_parts

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Residui"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 7"

[[premi]]
nome = "produttività"
metodo = "budget"
quota_fondo = 1
residuo_a = "maggiorazione"
fonte = "art. 9"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
quota_fondo = 0
importo = "=100 €"
ammesso = "=punteggio >= 100"
accantonata = true
fonte = "art. 10"
"""
# (id, score)
PEOPLE = [("S1", 100), ("S2", 50), ("S3", 100), ("S4", 75)]


def _result(ciclope_ente, tmp_path):
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid, _ in PEOPLE]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score in PEOPLE]
    data = one_unit_comune("Comune di Residui", staff, cards, '[funds]\nperformance_individuale = "4000.00"\n')
    return run_declared(ciclope_ente, tmp_path, REGULATION, data)


def test_the_part_set_aside_is_set_aside_what_it_took(ciclope_ente, tmp_path):
    result = _result(ciclope_ente, tmp_path)
    # «produttività», a budget of 4.000,00 / 4 = 1.000,00 each (S2 excluded, still counted): S1 1.000,00, S3
    # 1.000,00, S4 75% = 750,00; paid 2.750,00, not paid 1.250,00 (S2's 1.000,00, S4's 250,00). The maggiorazione,
    # 100,00 to S1 and S3 (100 ≥ 100), 200,00: the 1.250,00 covers it, so nothing is divided again
    assert amounts(result) == {"S1": "1100.00", "S2": "0.00", "S3": "1100.00", "S4": "750.00"}
    (section,) = fund_parts(result)
    rows = {row[1]: [str(v) for v in row[3:7]] for row in section.rows}
    # set aside 200,00: «produttività» 4.000,00 − 200,00 = 3.800,00, paid 2.750,00, not paid 1.050,00; the
    # maggiorazione 200,00, all paid; 2.750,00 + 1.050,00 + 200,00 = 4.000,00
    assert rows["produttività"] == ["200.00", "3800.00", "2750.00", "1050.00"]
    assert rows["maggiorazione"] == ["—", "200.00", "200.00", "0.00"]
    # the 1.250,00 not paid covered the 200,00: the note says it is taken from there first, the quota divided again
    # only where it is not enough (here the part was divided once, on the whole 4.000,00, as explain says)
    assert (
        "Accantonato per altre parti: ciò che le parti accantonate hanno preso dalla parte, prima da ciò che essa non "
        "ha pagato e, solo se non basta, dalla sua quota, che allora è divisa di nuovo;" in section.note
    )


def test_explain_says_the_unpaid_left_by_the_part_that_did_not_pay_it(ciclope_ente, tmp_path):
    result = _result(ciclope_ente, tmp_path)
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1050.00")  # 4.000 − 2.950
    said = explain(result, "pool", "performance_individuale")
    lines = said.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Residuo = "))
    # 1.000,00 (S2) + 250,00 (S4) = 1.250,00 not paid by the split, less the 200,00 the maggiorazione took: 1.050,00
    assert lines[at + 1 : at + 5] == [
        "  lasciato dalla parte «produttività» (dei € 1.250,00 che non ha pagato, € 200,00 sono accantonati per la "
        "parte «maggiorazione») € 1.050,00, per causa:",
        "    • 1 escluso per punteggio sotto il minimo di 60 (art. 7): € 1.000,00",
        "    • 1 con punteggio sotto il massimo (art. 9): € 250,00",
        "    • accantonato per la parte «maggiorazione», che lo ha pagato: € −200,00",
    ], said
    assert "lasciato dalla parte «maggiorazione»" not in said
