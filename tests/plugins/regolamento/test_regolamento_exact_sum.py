"""A formula that divides its fund in equal shares: 5.000 / 3 is 1.666,666…67 in the 28 digits of a Decimal, rounded
up in the last one, so the three exact shares sum past the fund by 10⁻²⁴ — no money. Rounded one by one they are
1.666,67 × 3 = 5.000,01, a cent past the fund because of the rounding alone: paid to the cent by the largest remainder,
never «fondo insufficiente» nor cut in proportion (docs/regolamento.md: a formula's amounts that pass the fund by
their rounding alone)."""

from __future__ import annotations

from decimal import Decimal

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri del Comune di Tre"
tipo_ente = "comune"
comparto = "altro"

[[premi]]
nome = "quota uguale"
metodo = "formula"
fondo = "performance_individuale"
importo = '=fondo / CONTA.ENTE()'
fonte = "art. 2"
"""


def test_equal_thirds_of_5000_are_paid_to_the_cent_without_a_shortfall(ciclope_ente, tmp_path):
    staff = [f"T{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in (1, 2, 3)]
    cards = [f"T{i},SEG,scheda,Valutazione,100,{p}," for i, p in ((1, 90), (2, 80), (3, 70))]
    data = one_unit_comune("Comune di Tre", staff, cards, '[funds]\nperformance_individuale = "5000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    assert [p.message for p in result.violations if p.rule == "regolamento.fondo_insufficiente"] == []
    paid = sorted(a.amount for a in result.rewards.awards.values())
    # 5.000 / 3 = 1.666,666…: two of 1.666,67 and one of 1.666,66 by the largest remainder (equal remainders), 5.000,00
    assert paid == [Decimal("1666.66"), Decimal("1666.67"), Decimal("1666.67")]
    assert result.rewards.pools["performance_individuale"].distributed == Decimal("5000.00")
