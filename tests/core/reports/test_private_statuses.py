"""An exclusion that says a fact of a person's life (absences, a sanction) is never named in the published tables
(rules/core.md §6): in an office of seven, «escluso per sanzione disciplinare: 1» names a colleague. The person is
counted among the evaluated, and among the people not paid; the internal documents still say why. A score under
the minimum is an outcome of the evaluation, and keeps its name. Counts by hand."""

from __future__ import annotations

from ciclope.core.reports import public, transparency

from helpers import run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo dell'Azienda di prova"
tipo_ente = "azienda_servizi_persona"

[[esclusioni]]
regola = "assenze"
giorni = 180
fonte = "art. 8 c. 3"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_scritto"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
fonte = "art. 9"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 6"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 5"
"""
# (id, absence days, sanction, card points): P5 absent 200 days (> 180), P6 fined (multa > rimprovero scritto),
# P7 50 points (< 60); P1–P4 paid
PEOPLE = [
    ("P1", 0, "", 90),
    ("P2", 10, "", 85),
    ("P3", 0, "rimprovero_verbale", 80),
    ("P4", 30, "", 75),
    ("P5", 200, "", 70),
    ("P6", 0, "multa", 88),
    ("P7", 0, "", 50),
]


def files() -> dict[str, str]:
    return {
        "units.csv": "id,name,kind,parent,head\naz,Azienda di prova,ente,,\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,az\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,sanzione\n"
        + "".join(f"{pid},Persona {pid},dipendente,C,az,1,{days},false,OIV,{s}\n" for pid, days, s, _ in PEOPLE),
        "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n"
        + "".join(f"{pid},OIV,scheda,Valutazione complessiva,100,{pts},\n" for pid, _, _, pts in PEOPLE),
        "ente.toml": 'name = "Azienda di prova"\n[funds]\nperformance_individuale = "1000.00"\n'
        '[evaluators]\nOIV = "Organismo indipendente di valutazione"\n',
    }


def test_an_absence_or_a_sanction_is_counted_among_the_evaluated_never_named(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    assert {pid: result.status_of(pid) for pid in ("P5", "P6", "P7")} == {
        "P5": "escluso_assenze",
        "P6": "escluso_sanzione",
        "P7": "escluso_punteggio_minimo",
    }
    text = transparency.render(result).lstrip("\ufeff")
    rows = [line.split(";") for line in text.splitlines()[1:] if line.startswith("Livello di valutazione")]
    # no levels: P1–P6 evaluated (6, of whom P5 and P6 not paid); P7 alone under the minimum (an outcome of the
    # evaluation) merges with them, a group of 1: 7 people, 3 not paid (P5, P6, P7), the whole group, whose row names
    # no outcome (a list would leave out P5's and P6's, counted unnamed)
    merged = "tutti gli esiti, uniti per la riservatezza"
    assert [(r[2], r[3], r[8]) for r in rows] == [(merged, "7", "3")]
    assert "assenze" not in text and "sanzione" not in text
    page = public.render(result)
    assert "escluso per assenze" not in page and "escluso per sanzione disciplinare" not in page
