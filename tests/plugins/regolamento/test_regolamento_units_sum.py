"""SOMMA.UNITA (formato 2): a datum of the units, summed over the units that write it, each once. The Fondazione
Bruno Kessler's fund is formed by the self-financing of its research Centres (docs/regolamento-catalogo.md §19): a
datum of each Centre, which a sum over the people would count once per person. Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

from helpers import STAFF_HEADER, amounts, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Processo premiale della Fondazione di Esempio"
tipo_ente = "altro"

[[colonne]]
nome = "contributo"
tipo = "euro"
elenco = "unità"
significato = "l'autofinanziamento del Centro"
fonte = "processo premiale, Premio Autofinanziamento"
"""
FUND = """
[[fondi]]
nome = "autofinanziamento"
importo = "=10% * SOMMA.UNITA(contributo)"
fonte = "processo premiale, Premio Autofinanziamento"

[[premi]]
nome = "autofinanziamento"
metodo = "proporzionale"
fondo = "autofinanziamento"
fonte = "processo premiale, Premio Autofinanziamento"
"""
# the Fondazione (no contribution of its own), two Centres that contributed and an office of the first Centre whose
# cell is empty: it reads its Centre's value for its people, but the sum counts each unit's own cell once
UNITS = (
    "id,name,kind,parent,head,contributo\n"
    "FBK,Fondazione,ente,,SEG,\n"
    "C1,Centro Uno,area,FBK,,300000.00\n"
    "C1U,Ufficio del Centro Uno,ufficio,C1,,\n"
    "C2,Centro Due,area,FBK,,100000.00\n"
)


def fondazione() -> dict[str, str]:
    people = [
        "SEG,Segretario,segretario,DIR,FBK,1,0,false,",
        "P1,Persona Uno,dipendente,C,C1,1,0,false,SEG",
        "P2,Persona Due,dipendente,C,C1U,1,0,false,SEG",
        "P3,Persona Tre,dipendente,C,C2,1,0,false,SEG",
    ]
    cards = [f"{p},SEG,scheda,Valutazione,100,{points}," for p, points in (("P1", 80), ("P2", 60), ("P3", 60))]
    return {
        "units.csv": UNITS,
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Ricerca,,,,FBK\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Progetti,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF_HEADER, *people]) + "\n",
        "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n" + "\n".join(cards) + "\n",
        "ente.toml": 'name = "Fondazione di Esempio"\n',
    }


def test_the_fund_is_a_share_of_the_units_data_each_counted_once(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, fondazione())
    assert not [v.message for v in result.violations if v.is_error]
    # 10% × (300.000 + 100.000) = 40.000,00: the office of Centro Uno, with two people in the Centre, adds nothing
    pool = result.rewards.pools["autofinanziamento"]
    assert pool.amount == Decimal("40000.00")
    # divided by score: 80 + 60 + 60 = 200; 40.000 × 80 / 200 = 16.000,00, × 60 / 200 = 12.000,00 each
    assert {p: a for p, a in amounts(result).items() if a != "0.00"} == {
        "P1": "16000.00",
        "P2": "12000.00",
        "P3": "12000.00",
    }


def test_the_fund_s_explanation_lists_each_unit_s_cell(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, fondazione())
    inputs = [(i.name, i.value, i.cell) for i in result.figures["pool:autofinanziamento"].inputs]
    assert ("l'autofinanziamento del Centro: Centro Uno", Decimal("300000.00"), "units.csv:3:contributo") in inputs
    assert ("l'autofinanziamento del Centro: Centro Due", Decimal("100000.00"), "units.csv:5:contributo") in inputs
    assert ("la somma sulle unità dell'autofinanziamento del Centro", Decimal("400000.00"), "") in inputs
    assert not [i for i in inputs if "Ufficio" in i[0] or "Fondazione" in i[0]]


def test_leggi_says_the_sum_over_the_units(tmp_path):
    text = regulation_text(tmp_path, HEAD + FUND)
    assert "10% × la somma sulle unità dell'autofinanziamento del Centro" in text
    assert "calcolato una volta per l'ente sui dati delle unità prima della valutazione" in text


def test_only_a_column_of_numbers_of_the_units_is_summed(tmp_path):
    wrong = "SOMMA.UNITA vuole il nome di una colonna di numeri di unità.csv, dichiarata in [[colonne]]"
    people = HEAD.replace('elenco = "unità"\n', "") + FUND  # the column is now the people's
    assert any(wrong in m for m in regulation_problems(tmp_path, people))
    text = HEAD.replace('tipo = "euro"', 'tipo = "testo"') + FUND.replace("10% * SOMMA", "SOMMA")
    assert any(wrong in m for m in regulation_problems(tmp_path, text))
    twice = HEAD + FUND.replace("SOMMA.UNITA(contributo)", "SOMMA.UNITA(contributo; contributo)")
    assert any("SOMMA.UNITA vuole un argomento, ne ha 2" in m for m in regulation_problems(tmp_path, twice))
