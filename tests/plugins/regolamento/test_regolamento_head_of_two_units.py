"""A dirigente who heads two units is scored on the higher of them in the chart, the one nearest the root
(rules/core.md §2), whatever order units.csv lists them in; the explanation says which unit counts and why."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain

from helpers import CARD_HEADER, STAFF_HEADER, run_declared

REGULATION = """\
formato = 2

[atto]
titolo = "Sistema di misurazione e valutazione della Camera di Monte"
tipo_ente = "altro"
comparto = "altro"

[punteggio]
fonte = "art. 5"
dirigente = { unita = 0.6, scheda = 0.4 }
dipendente = { scheda = 1 }

[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""


def chamber(units: str) -> dict[str, str]:
    """D1 heads the Camera (the root) and its Segreteria: the Segreteria's objective reaches 50% (5 of 10), the
    Camera's own 100% (10 of 10). D1's card: 80 of 100."""
    return {
        "units.csv": "id,name,kind,parent,head\n" + units,
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Segreteria,,,,sg\n"
        "OB2,operational,Camera,,,,cam\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual\n"
        "IN1,OB1,Pratiche della segreteria,higher,,,10,5\nIN2,OB2,Pratiche della Camera,higher,,,10,10\n",
        "people.csv": f"{STAFF_HEADER}\nD1,Marco Bianchi,dirigente,DIR,sg,1,0,false,\n"
        "P1,Anna Verdi,dipendente,C,sg,1,0,false,D1\n",
        "evaluations.csv": f"{CARD_HEADER}\nD1,OIV,scheda,Comportamenti,100,80,\nP1,D1,scheda,Prestazione,100,90,\n",
        "ente.toml": 'name = "Camera di Monte"\n[funds]\nperformance_individuale = "1000.00"\n[valutatori]\nOIV = "OIV"\n',
    }


ROOT_FIRST = "cam,Camera di Monte,ente,,D1\nsg,Segreteria generale,servizio,cam,D1\n"
CHILD_FIRST = "sg,Segreteria generale,servizio,cam,D1\ncam,Camera di Monte,ente,,D1\n"


def test_the_unit_nearest_the_root_counts_in_either_order(ciclope_ente, tmp_path):
    # 0,6 × 100 (the Camera's 100%) + 0,4 × 80 = 60 + 32 = 92, never 0,6 × 50 + 32 = 62 (the Segreteria's)
    for units in (ROOT_FIRST, CHILD_FIRST):
        result = run_declared(ciclope_ente, tmp_path, REGULATION, chamber(units))
        assert result.scores["D1"].score == Decimal("92"), units


def test_the_explanation_says_which_unit_of_two_counts(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, chamber(CHILD_FIRST))
    said = explain(result, "person", "D1")
    assert said is not None
    assert (
        "dirige 2 unità (Camera di Monte, Segreteria generale): conta la più alta nell'organigramma, Camera di "
        "Monte (regole comuni, aggregazione della performance organizzativa)"
    ) in said
