"""The acts on the scheda by the names they had in the cycle's year: from 2022 the Piano della performance is the
PIAO's sottosezione Performance (DL 80/2021 art. 6, DPR 81/2022), and the act adopted is the PIAO."""

from __future__ import annotations

from ciclope.core.schede.content import build

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento performance"
tipo_ente = "comune"

[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""


def test_a_2024_scheda_names_the_piao(ciclope_ente, tmp_path):
    staff = ["P1,Persona P1,dipendente,C,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione,100,80,"]
    ente = '[funds]\nperformance_individuale = "1000.00"\n[approvals]\npiano_adopted = 2024-01-31\n'
    result = run_declared(ciclope_ente, tmp_path, REGULATION, one_unit_comune("Comune di Prova", staff, cards, ente))
    assert [(line.label, line.value) for line in build(result, "P1").acts] == [("PIAO adottato il", "31/01/2024")]
