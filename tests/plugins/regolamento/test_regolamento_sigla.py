"""``[atto] sigla``: the short name every figure cites the act by («SMVP, art. 9»), while the Relazione's list of
acts gives the whole title with the sigla; a simulation's changed number is said on the sigla, as on the title."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import one_unit_comune, run_declared

TITLE = "Sistema di misurazione e valutazione della performance del Comune di Prova"
REGULATION = f"""\
formato = 2
[atto]
titolo = "{TITLE}"
sigla = "SMVP"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
massimo = 900
fonte = "art. 9"
"""


def data() -> dict[str, str]:
    staff = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,80,"]
    return one_unit_comune("Comune di Prova", staff, cards, '[funds]\nproduttivita = "1000.00"\n')


def test_figures_cite_the_sigla_and_the_acts_the_whole_title(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data())
    assert result.figures["award:P1"].source == "SMVP, art. 9"
    assert TITLE not in explain(result, "person", "P1")
    assert result.plugin.regulations == (f"{TITLE} («SMVP»)",)


def test_a_changed_number_is_said_on_the_sigla(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data(), **{"regolamento.premi.1.massimo": 800})
    assert result.figures["award:P1"].source == "SMVP (modificato: premi.1.massimo = 800), art. 9"
    assert result.plugin.regulations == (f"{TITLE} («SMVP (modificato: premi.1.massimo = 800)»)",)
