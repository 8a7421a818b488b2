"""A regulation written from docs/regolamento.md alone: «levels at 60/80/95 pay 0/70/100% of a per-capita
maximum; PO result pay 15–25% of position pay by score», for a 20-person Comune; every amount by hand."""

from __future__ import annotations

from decimal import Decimal

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
STAFF = {
    "S01": "1000.00",  # 98 ≥ 95 pieno: 1000 × 1
    "S02": "1000.00",  # 95 pieno (the threshold is reached)
    "S03": "700.00",  # 94 intermedio: 1000 × 0.7
    "S04": "350.00",  # 90 intermedio, fte 0.5: 1000 × 0.7 × 0.5
    "S05": "700.00",  # 85 intermedio
    "S06": "700.00",  # 80 intermedio (the threshold is reached)
    "S07": "0.00",  # 79 base: × 0
    "S08": "0.00",  # 60 base
    "S09": "0.00",  # 59: below every level, no coefficient
    "S10": "800.00",  # 97 pieno, fte 0.8: 1000 × 1 × 0.8
    "S11": "525.00",  # 82 intermedio, fte 0.75: 1000 × 0.7 × 0.75
    "S12": "700.00",  # 88 intermedio
    "S13": "1000.00",  # 96 pieno
    "S14": "0.00",  # 70 base
    "S15": "420.00",  # 81 intermedio, fte 0.6: 1000 × 0.7 × 0.6
    "S16": "700.00",  # 93 intermedio
}
# Σ = 1000+1000+700+350+700+700+800+525+700+1000+420+700 = 8595.00 of the fund 10000.00: residual 1405.00
# risultato_po: position pay × the step of the score
PO = {
    "PO1": "3000.00",  # 96 ≥ 95: 12000 × 0.25
    "PO2": "1900.00",  # 85 ≥ 80: 9500 × 0.20
    "PO3": "1600.00",  # 82 ≥ 80: 8000 × 0.20
    "PO4": "0.00",  # 55 < 60 (soglia_positiva by default): negative, with its contraddittorio on file
}
# no [funds] risultato_po: the pool is what is due, 3000 + 1900 + 1600 = 6500.00


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


def test_the_regulation_fits_in_forty_lines():
    assert len(REGULATION.splitlines()) <= 40


def test_every_amount_by_hand(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    result = ciclope_ente("regolamento", files(), year=2024, params={"regolamento": str(path)})
    assert len(result.ente.people) == 21  # 20 evaluated people and their Segretario (the evaluator)
    awards = result.rewards.awards
    assert {pid: str(awards[pid].amount) for pid in STAFF} == STAFF
    assert {pid: str(awards[pid].amount) for pid in PO} == PO
    assert {pid: awards[pid].pool for pid in PO} == dict.fromkeys(PO, "risultato_po")
    staff_pool = result.rewards.pools["performance_individuale"]
    assert (staff_pool.amount, staff_pool.distributed, staff_pool.residual) == (
        Decimal("10000.00"), Decimal("8595.00"), Decimal("1405.00"))  # fmt: skip
    po_pool = result.rewards.pools["risultato_po"]
    assert (po_pool.amount, po_pool.distributed) == (Decimal("6500.00"), Decimal("6500.00"))
    assert result.scores["S04"].level == "intermedio" and result.scores["S09"].level is None
    assert result.rewards.statuses["PO4"] == "valutazione_negativa"
    assert [p for p in result.violations if p.severity == "error"] == []


def test_a_negative_po_without_contraddittorio_is_an_error(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(REGULATION, encoding="utf-8")
    given = files()
    del given["appeals.csv"]
    result = ciclope_ente("regolamento", given, year=2024, params={"regolamento": str(path)})
    [problem] = [p for p in result.violations if p.rule == "regolamento.contraddittorio"]
    assert problem.severity == "error" and problem.source == "SMVP del Comune di Prova, art. 5"
    assert problem.message == (
        "Persona PO4: valutazione negativa (55,00 < 60) senza il contraddittorio: non può essere definitiva"
    )
