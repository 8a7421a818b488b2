"""Each outcome cites the rule that made it (the Comune di Montevalle's premium, a blind office's file): a person the
maggiorazione (art. 10) did not choose is paid by the productivity part alone (art. 9 cc. 1-3), and their premium
cites that part, not art. 10; a person excluded for absences (art. 9 c. 5) reads that exclusion beside the part's
article on the premium of nothing."""

from __future__ import annotations

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento performance"
tipo_ente = "comune"

[[esclusioni]]
regola = "assenze"
giorni = 180
ruoli = ["dipendente"]
fonte = "art. 9 c. 5"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "performance_individuale"
quota_fondo = 1
residuo_a = "maggiorazione"
fonte = "art. 9 cc. 1-3"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
fondo = "performance_individuale"
quota_fondo = 0
accantonata = true
maggiorazione = true
ammesso = '=RANGO.ENTE(punteggio) = 1'
importo = '=30% * SOMMA.ENTE(PREMIO("produttività")) / CONTA.ENTE(PREMIO("produttività") > 0 €)'
fonte = "art. 10"
"""


def result(ciclope_ente, tmp_path):
    files = one_unit_comune(
        "Comune di Montevalle",
        ["A1,Anna,dipendente,C,com,1,0,false,SEG", "B1,Bruno,dipendente,C,com,1,0,false,SEG",
         "C1,Carla,dipendente,C,com,1,200,false,SEG"],
        ["A1,SEG,scheda,Valutazione,100,95,", "B1,SEG,scheda,Valutazione,100,80,", "C1,SEG,scheda,Valutazione,100,70,"],
        '[funds]\nperformance_individuale = "1000.00"\n',
    )  # fmt: skip
    return run_declared(ciclope_ente, tmp_path, REGULATION, files)


def test_the_premium_of_one_the_maggiorazione_did_not_choose_cites_the_part_that_paid(ciclope_ente, tmp_path):
    """B1 (80 points, second) is paid by «produttività» alone: the sum of B1's parts cites art. 9 cc. 1-3 only; A1,
    first, chosen by art. 10, cites both, the regulation named once before its two places."""
    figures = result(ciclope_ente, tmp_path).figures
    assert str(figures["award:B1"].source) == "Regolamento performance, art. 9 cc. 1-3"
    assert str(figures["award:A1"].source) == "Regolamento performance, art. 9 cc. 1-3; art. 10"


def test_a_person_excluded_for_absences_cites_the_exclusion(ciclope_ente, tmp_path):
    """C1, 200 days of absence over the 180 of art. 9 c. 5: the premium of nothing and the part's figure cite the
    exclusion first, then the part, the regulation named once."""
    figures = result(ciclope_ente, tmp_path).figures
    cited = "Regolamento performance, art. 9 c. 5; art. 9 cc. 1-3"
    assert str(figures["award:C1"].source) == cited
    parts = {key: str(f.source) for key, f in figures.items() if key.startswith("premio:produttività:C1")}
    assert parts and set(parts.values()) == {cited}, parts  # the split on the whole fund and on the fund set aside
