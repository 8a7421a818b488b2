"""A fund nobody received — a project whose objective was not reached — is still allocated (rules/core.md §6:
«premi stanziati» include funds nobody received): the staff's allocated amount counts it, as the ente's total does,
so that the staff's «premio medio conseguibile» is not understated. Amounts by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.reports import transparency

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Disciplinare dei premi del Comune di prova"
tipo_ente = "comune"
comparto = "altro"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "performance_individuale"
fonte = "art. 4"

[[premi]]
nome = "progetto"
metodo = "proporzionale"
fondo = "progetto_a"
ammesso = '=punteggio > 100'
fonte = "art. 6"
"""


def test_a_fund_nobody_received_is_allocated_to_the_staff(ciclope_ente, tmp_path):
    staff = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 5)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,{70 + 5 * i}," for i in range(1, 5)]
    funds = '[funds]\nperformance_individuale = "1000.00"\nprogetto_a = "500.00"\n'
    result = run_declared(ciclope_ente, tmp_path, REGULATION, one_unit_comune("Comune di prova", staff, cards, funds))
    assert result.ledger.pools["progetto_a"].distributed == Decimal("0.00")  # no score is above 100: nobody admitted
    staff_line = transparency.find(result, "gruppo", "personale", "premi")
    total = transparency.find(result, "fondi", "", "totale")
    # the staff's funds: 1.000,00 paid to P1–P4 + 500,00 of the project nobody received = 1.500,00, the ente's total
    assert (staff_line.allocated, total.allocated) == (Decimal("1500.00"), Decimal("1500.00"))
