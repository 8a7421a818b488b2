"""Each role's weights of the score may cite their own article: the dirigenti's at art. 5, the staff's at art. 8, as
a regulation that weighs them in two articles writes them; a role without its own fonte cites [punteggio]'s."""

from __future__ import annotations

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
dipendente = { unita = 0.3, scheda = 0.7, fonte = "art. 8" }

[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""

DATA = {
    "units.csv": "id,name,kind,parent,head\ncam,Camera di Monte,ente,,D1\n",
    "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Camera,,,,cam\n",
    "indicators.csv": "id,objective,name,type,weight,baseline,target,actual\nIN1,OB1,Pratiche,higher,,,10,8\n",
    "people.csv": f"{STAFF_HEADER}\nD1,Marco Bianchi,dirigente,DIR,cam,1,0,false,\n"
    "P1,Anna Verdi,dipendente,C,cam,1,0,false,D1\n",
    "evaluations.csv": f"{CARD_HEADER}\nD1,D1,scheda,Comportamenti,100,80,\nP1,D1,scheda,Prestazione,100,90,\n",
    "ente.toml": 'name = "Camera di Monte"\n[funds]\nperformance_individuale = "1000.00"\n',
}


def test_each_role_s_score_cites_its_own_article(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, DATA)
    # the unit at 8 / 10 = 80%: D1 0,6 × 80 + 0,4 × 80 = 80,00; P1 0,3 × 80 + 0,7 × 90 = 24 + 63 = 87,00
    assert (str(result.scores["D1"].score), str(result.scores["P1"].score)) == ("80.00", "87.00")
    sources = {pid: str(result.figures[f"score:{pid}"].source) for pid in ("D1", "P1")}
    assert sources["D1"].endswith("art. 5") and sources["P1"].endswith("art. 8")
