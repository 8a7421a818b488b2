"""A fund's «stanziato» in the disclosure step (rules/core.md §6: two published figures must not give by difference
what one withholds). A fund a regulation pays whole publishes, with its allocation, what it paid: with the ente's
total distributed (always published) it gave the only innovation prize of the year by difference, 32,373.33 −
32,040.00 = 333.33, which trasparenza.csv showed as «<3»."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from ciclope.core.reports import art20, public, transparency

from helpers import it_decimal, published_csv, run_declared

SMVP = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Premi"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"

[[premi]]
nome = "innovazione"
metodo = "importi"
fondo = "premi_innovazione"
fonte = "art. 12"
"""
STAFF = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"
CARD = "person,evaluator,section,item,max_points,points,weight"


def comune() -> dict[str, str]:
    """Eight staff scored 89, 88, …, 82: the proportional part pays the whole 32,040.00 fund among them; the OIV's
    innovation prize of 333.33 goes to S03 alone, out of a 1,000.00 fund."""
    people = [f"S{i:02d},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 9)]
    cards = [f"S{i:02d},SEG,scheda,Valutazione,100,{90 - i}," for i in range(1, 9)]
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join([STAFF, "SEG,Segretario,segretario,DIR,com,1,0,false,", *people]) + "\n",
        "evaluations.csv": "\n".join([CARD, *cards]) + "\n",
        "premi.csv": "persona,parte,importo\nS03,innovazione,333.33\n",
        "ente.toml": 'name = "Comune di Premi"\n[funds]\nperformance_individuale = "32040.00"\n'
        'premi_innovazione = "1000.00"\n',
    }


def amounts(text: str) -> list[Decimal]:
    """Every published money figure of a published CSV (Italian dialect): the cells with a decimal comma."""
    return [it_decimal(cell) for cell in re.findall(r"(?<![\d,])\d+,\d\d(?![\d,])", text)]


def test_the_prize_is_not_derivable_from_two_published_totals(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SMVP, comune())
    prize = Decimal("333.33")
    assert {a.person: a.amount for a in result.rewards.awards.values() if a.pool == "premi_innovazione"} == {
        "S03": prize
    }
    rows = {r["Voce"]: r["Importo totale (€)"] for r in published_csv(transparency.render(result)) if not r["Gruppo"]}
    # the ente's art. 20 totals are published: 32,040.00 + 1,000.00 allocated, 32,040.00 + 333.33 paid
    assert (rows["totale: stanziato"], rows["totale: distribuito"]) == ("33040,00", "32373,33")
    # the prize, paid to one person, is withheld; the proportional part's distributed amount would give it as 32,373.33 −
    # 32,040.00, and so would its stanziato (the part pays its fund whole): both withheld; the innovation fund's
    # stanziato too, since 33,040.00 − 1,000.00 would give the proportional fund's 32,040.00 back
    # in words, never «<3» where euros go; its count of 1 with it
    assert rows["Fondo premi innovazione: distribuito"] == "riservato"
    counts = {r["Voce"]: r["Numero di persone"] for r in published_csv(transparency.render(result)) if not r["Gruppo"]}
    assert counts["Fondo premi innovazione: distribuito"] == "riservato"
    assert rows["Premi per la performance individuale: distribuito"] == "riservato"
    assert rows["Premi per la performance individuale: stanziato"] == "riservato"
    assert rows["Fondo premi innovazione: stanziato"] == "riservato"
    # the differences check over every pair of published figures of the ente, trasparenza.csv and premi-art20.csv
    # together: no figure and no difference of two is the prize (nor the proportional part's 32,040.00)
    published = sorted(set(amounts(transparency.render(result)) + amounts(art20.render(result))))
    assert prize not in published and Decimal("32040.00") not in published
    assert [(a, b) for a, b in itertools.combinations(published, 2) if b - a in (prize, Decimal("32040.00"))] == []
    # the public Relazione prints the same controlled figures
    page = public.render(result)
    assert "333,33" not in page and "32.040,00" not in page and "33.040,00" in page and "32.373,33" in page
