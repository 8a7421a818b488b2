"""The 20-person Comune of tests/plugins/regolamento/test_regolamento_from_docs.py: the regulation written from
docs/regolamento.md alone and the ente's files. Several folders' tests run it, so it lives here."""

from __future__ import annotations

# 27 lines of TOML (the bound is 40)
REGULATION = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"

[livelli]
fonte = "art. 3"
scala = [
  { nome = "pieno", da = 95 },
  { nome = "intermedio", da = 80 },
  { nome = "base", da = 60 },
]

[premio]
metodo = "livelli"
fonte = "art. 4"
massimo = "1000.00"
coefficienti = { pieno = 1, intermedio = 0.7, base = 0 }

[risultato_po]
metodo = "percentuale"
fonte = "art. 5"
percentuali = [
  { da = 95, quota = 0.25 },
  { da = 80, quota = 0.20 },
  { da = 60, quota = 0.15 },
]
"""

# (id, role, fte, score, position pay)
PEOPLE = [
    ("S01", "dipendente", "1", 98, ""),
    ("S02", "dipendente", "1", 95, ""),
    ("S03", "dipendente", "1", 94, ""),
    ("S04", "dipendente", "0.5", 90, ""),
    ("S05", "dipendente", "1", 85, ""),
    ("S06", "dipendente", "1", 80, ""),
    ("S07", "dipendente", "1", 79, ""),
    ("S08", "dipendente", "1", 60, ""),
    ("S09", "dipendente", "1", 59, ""),
    ("S10", "dipendente", "0.8", 97, ""),
    ("S11", "dipendente", "0.75", 82, ""),
    ("S12", "dipendente", "1", 88, ""),
    ("S13", "dipendente", "1", 96, ""),
    ("S14", "dipendente", "1", 70, ""),
    ("S15", "dipendente", "0.6", 81, ""),
    ("S16", "dipendente", "1", 93, ""),
    ("PO1", "po", "1", 96, "12000.00"),
    ("PO2", "po", "1", 85, "9500.00"),
    ("PO3", "po", "1", 82, "8000.00"),
    ("PO4", "po", "1", 55, "7000.00"),
]

# premio: massimo 1000.00 × coefficient of the level × fte (rounded down to the cent)


def files() -> dict[str, str]:
    people = ["id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay",
              "SEG,Segretario,segretario,DIR,com,1,0,false,,"]  # fmt: skip
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, role, fte, score, position in PEOPLE:
        people.append(f"{pid},Persona {pid},{role},{'D' if role == 'po' else 'C'},amm,{fte},0,false,SEG,{position}")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{score},")
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\namm,Area,area,com,PO1\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,amm\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(people) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "appeals.csv": "person,stage,date,outcome,new_points_item,new_points\nPO4,contraddittorio,2025-03-10,respinto,,\n",
        "ente.toml": 'name = "Comune di Prova"\n[funds]\nperformance_individuale = "10000.00"\n',
    }
