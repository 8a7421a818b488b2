"""The residual of a fund by cause (an OIV's question): what a budget part leaves because people were excluded, because
reductions cut premiums without sharing the cut, because scores below the maximum leave part of a budget unpaid, and
the cents of rounding, said under the part's line of ``ciclope explain --pool`` and summing to it to the cent. Every
amount by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Residui"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 7"

[[riduzioni]]
misura = "assenze"
economie = "residuo"
fonte = "art. 8"
scaglioni = [{ da = 0, a = 10, riduzione = 0 }, { da = 11, riduzione = 0.2 }]

[[premi]]
nome = "produttività"
metodo = "budget"
fonte = "art. 9"
"""
# (id, absence days, score)
PEOPLE = [("S1", 0, 100), ("S2", 0, 50), ("S3", 20, 100), ("S4", 0, 75)]


def files(fund: str) -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,{days},false,SEG" for pid, days, _ in PEOPLE]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score in PEOPLE]
    data = one_unit_comune("Comune di Residui", staff, cards, f'[funds]\nperformance_individuale = "{fund}"\n')
    assert data["people.csv"].startswith(STAFF_HEADER)
    return data


def test_a_budget_part_s_residual_by_cause(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files("4000.03"))
    # four weights of 1 (S2 excluded, still counted): each budget 4000.03 / 4 = 1000.0075
    # S1 100 points: 1000.0075 → 1000.00 (down to the cent), 0.0075 of rounding
    # S2 50 < 60: excluded by art. 7, its whole budget 1000.0075 left
    # S3 100 points: 1000.00, then 20 days > 10: cut 20% (art. 8, economie = residuo) → 800.00, 200.00 left
    # S4 75 points: 1000.0075 × 0.75 = 750.005625 → 750.00; below the maximum 1000.0075 × 0.25 = 250.001875
    assert amounts(result) == {"S1": "1000.00", "S2": "0.00", "S3": "800.00", "S4": "750.00"}
    pool = result.rewards.pools["performance_individuale"]
    # paid 1000.00 + 800.00 + 750.00 = 2550.00; residual 4000.03 − 2550.00 = 1450.03
    assert pool.residual == Decimal("1450.03")
    said = explain(result, "pool", "performance_individuale")
    assert said is not None
    # exclusion 1000.0075 → 1000.01; reductions 200.00; scores 250.001875 → 250.00;
    # rounding 1450.03 − 1000.01 − 200.00 − 250.00 = 0.02 (exactly 0.0075 + 0.0075 + 0.005625 − 0.0025 − 0.001875)
    lines = said.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Residuo = "))
    assert lines[at + 1 : at + 6] == [
        "  lasciato dalla parte «produttività» € 1.450,03, per causa:",
        "    • 1 escluso per punteggio sotto il minimo di 60 (art. 7): € 1.000,01",
        "    • 1 ridotto per giorni di assenza (art. 8): € 200,00",
        "    • 1 con punteggio sotto il massimo (art. 9): € 250,00",
        "    • arrotondamento per difetto al centesimo: € 0,02",
    ], said
    # 1000.01 + 200.00 + 250.00 + 0.02 = 1450.03, the residual
    figure = result.figures["pool:performance_individuale:residuo:1"]
    assert sum((Decimal(str(i.value)) for i in figure.inputs), Decimal(0)) == Decimal("1450.03")
    assert "Persona" not in "\n".join(lines[at + 1 : at + 6])  # counts, never names


def test_a_proportional_part_says_no_causes(ciclope_ente, tmp_path):
    """A split of the whole fund among the admitted cannot tell causes apart: nothing new is said."""
    text = REGULATION.replace('metodo = "budget"', 'metodo = "proporzionale"')
    result = run_declared(ciclope_ente, tmp_path, text, files("4000.03"))
    said = explain(result, "pool", "performance_individuale")
    assert said is not None
    assert "per causa" not in said
    assert "pool:performance_individuale:residuo:1" not in result.figures


def test_a_maximum_per_person_s_residual_by_cause(ciclope_ente, tmp_path):
    """A proportional split with a maximum per person whose excess stays residual («fino a», ``residuo = "resta"``):
    what the maximum keeps of each share is told apart from what the reductions cut."""
    text = REGULATION.replace('metodo = "budget"', 'metodo = "proporzionale"\nmassimo_persona = "=1800 €"')
    result = run_declared(ciclope_ente, tmp_path, text, files("5500.00"))
    # weights by score among the admitted (S2 excluded, no share): S1 100, S3 100, S4 75, Σ 275
    # shares 5500 × 100 / 275 = 2000.00 (S1, S3), 5500 × 75 / 275 = 1500.00 (S4)
    # maximum 1800: S1 1800.00 (200.00 kept), S3 1800.00 (200.00 kept), then cut 20% → 1440.00 (360.00 cut)
    assert amounts(result) == {"S1": "1800.00", "S2": "0.00", "S3": "1440.00", "S4": "1500.00"}
    # residual 5500.00 − 1800.00 − 1440.00 − 1500.00 = 760.00 = 360.00 + 200.00 + 200.00
    assert result.rewards.pools["performance_individuale"].residual == Decimal("760.00")
    said = explain(result, "pool", "performance_individuale")
    assert said is not None
    lines = said.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Residuo = "))
    assert lines[at + 1 : at + 4] == [
        "  lasciato dalla parte «produttività» € 760,00, per causa:",
        "    • 1 ridotto per giorni di assenza (art. 8): € 360,00",
        "    • 2 pagati al massimo per persona (art. 9): € 400,00",
    ], said
    assert not lines[at + 4].startswith("    • "), said


# the same part as a formula: each 4000.00 × score / 100 / 4, the exclusion and the reduction as above
FORMULA = REGULATION.replace('metodo = "budget"', "metodo = \"formula\"\nimporto = '=fondo * punteggio / 100 / 4'")


def test_a_formula_part_s_residual_by_cause(ciclope_ente, tmp_path):
    """A formula part whose reductions' cuts stay in it: the residual in two pieces, what the formula does not
    distribute and what the reductions cut, so the office tells the saving of the absences from the rest."""
    result = run_declared(ciclope_ente, tmp_path, FORMULA, files("4000.00"))
    # each 4000.00 × score / 100 / 4: S1 1000.00; S2 50 < 60 excluded (art. 7); S3 1000.00, then 20 days > 10 cut
    # 20% → 800.00 (200.00 cut, economie = residuo); S4 4000 × 0.75 / 4 = 750.00
    assert amounts(result) == {"S1": "1000.00", "S2": "0.00", "S3": "800.00", "S4": "750.00"}
    said = explain(result, "pool", "performance_individuale")
    assert said is not None
    lines = said.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Residuo = "))
    # residual 4000.00 − (1000.00 + 800.00 + 750.00) = 1450.00: the formula gave 1000.00 + 1000.00 + 750.00 = 2750.00,
    # 4000.00 − 2750.00 = 1250.00 not distributed; the cut 200.00; 1250.00 + 200.00 = 1450.00
    assert lines[at + 1 : at + 4] == [
        "  lasciato dalla parte «produttività» € 1.450,00, per causa:",
        "    • non distribuito dalla formula dell'importo (art. 9): € 1.250,00",
        "    • 1 ridotto per giorni di assenza (art. 8): € 200,00",
    ], said


def test_a_formula_part_without_cuts_says_no_causes(ciclope_ente, tmp_path):
    """Without a cut that stays in the part, its one piece would only repeat the residual: nothing new is said."""
    text = FORMULA.replace(
        "a = 10, riduzione = 0 }, { da = 11,", "a = 20, riduzione = 0 }, { da = 21,"
    )  # S3's 20: no cut
    result = run_declared(ciclope_ente, tmp_path, text, files("4000.00"))
    assert "per causa" not in (explain(result, "pool", "performance_individuale") or "")
