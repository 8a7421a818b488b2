"""An organisational part left on the default fund, whose name is «Premi per la performance individuale»: the
amounts are right, the scheda's heading and leggi's words are not. A warning at the part says to name the fund."""

from __future__ import annotations

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento premi"
tipo_ente = "altro"

[[premi]]
nome = "performance organizzativa"
metodo = "proporzionale"
valutazione = false
performance = "organizzativa"
quota_fondo = 0.3
fonte = "art. 2"

[[premi]]
nome = "performance individuale"
metodo = "proporzionale"
quota_fondo = 0.7
fonte = "art. 4"
"""


def run(ciclope_ente, tmp_path, text: str, fund: str):
    staff = ["A,Anna Neri,dipendente,C,com,1,0,false,SEG", "B,Bruno Riva,dipendente,C,com,1,0,false,SEG"]
    cards = ["A,SEG,scheda,Valutazione,100,80,", "B,SEG,scheda,Valutazione,100,60,"]
    given = one_unit_comune("Ente", staff, cards, f'[funds]\n{fund} = "1000.00"\n')
    return run_declared(ciclope_ente, tmp_path, text, given)


def test_an_organisational_part_of_the_default_fund_is_a_warning(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, REGULATION, "performance_individuale")
    [warning] = [v for v in result.violations if v.rule == "regolamento.fondi"]
    assert warning.severity == "warning"
    assert warning.message.startswith(
        "la parte «performance organizzativa» paga la performance organizzativa dal fondo predefinito, che le schede "
        "e le frasi chiamano «Premi per la performance individuale»"
    )
    assert warning.row == 6  # the line of the first [[premi]]


def test_a_named_fund_says_nothing(ciclope_ente, tmp_path):
    text = REGULATION.replace("[[premi]]\n", '[[premi]]\nfondo = "produttivita"\n')
    result = run(ciclope_ente, tmp_path, text, "produttivita")
    assert [v.message for v in result.violations if v.rule == "regolamento.fondi"] == []
