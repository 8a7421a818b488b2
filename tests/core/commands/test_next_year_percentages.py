"""`ciclope template … --from`: a percentage the office typed comes back as a percentage. «50%» of time and
«83,33%», an indicator's «85%» / «95%» / «97%» are written in next year's workbook as numbers shown as percentages
(0% or 0.00%, as many decimals as the value needs), never as a bare 0,5 or 0,97 in General format; the hours of a
week, «30/36», come back as the office wrote them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from test_next_year_keeps import REGULATION  # the same Comune's CCDI as next year's other checks

from helpers import CARD_HEADER, next_year

PEOPLE = [
    "id,name,role,category,unit,fte,absence_days,insufficient,evaluator",
    "SEG,Segretario,segretario,DIR,com,1,0,false,SINDACO",
    "P1,Piero,dipendente,C,com,50%,0,false,SEG",
    'P2,Paola,dipendente,C,com,"83,33%",0,false,SEG',
    "P3,Pia,dipendente,C,com,1,0,false,SEG",
    "P4,Pino,dipendente,C,com,30/36,0,false,SEG",
    'P5,Pina,dipendente,C,com,"24,5/36",0,false,SEG',
]


def write_run(tmp_path: Path) -> Path:
    cards = [CARD_HEADER, "SEG,SINDACO,scheda,Valutazione complessiva,100,90,"]
    cards += [f"{p},SEG,scheda,Valutazione complessiva,100,80," for p in ("P1", "P2", "P3", "P4", "P5")]
    files = {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche nei termini,higher,,85%,95%,97%,,,,,\nIN2,OB1,Pratiche,higher,,,10,12,,,,,\n",
        "people.csv": "\n".join(PEOPLE) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": 'name = "Comune di Prova"\n[funds]\nproduttivita = "10000.00"\n[valutatori]\nSINDACO = "Sindaco"\n',
    }
    return next_year(tmp_path, REGULATION, files, year=2025) / "comune" / "ente.xlsx"


def cells(ws, column: str) -> dict[str, tuple[object, str]]:
    """The first column's value → (the cell of ``column``'s value, its number format)."""
    header = [c.value for c in ws[1]]
    at = header.index(column)
    return {row[0].value: (row[at].value, row[at].number_format) for row in ws.iter_rows(min_row=2)}


def test_a_share_of_time_typed_as_a_percentage_stays_a_percentage(tmp_path):
    people = cells(openpyxl.load_workbook(write_run(tmp_path))["persone"], "quota_tempo")
    # 50% is 0,5 shown with no decimals; 83,33% is 0,8333 shown with two; a whole 1 (full time) stays as typed
    assert people["P1"] == (0.5, "0%")
    assert people["P2"] == (0.8333, "0.00%")
    assert people["P3"] == (1, "General")


def test_a_share_of_time_typed_as_hours_of_the_week_stays_hours(tmp_path):
    people = cells(openpyxl.load_workbook(write_run(tmp_path))["persone"], "quota_tempo")
    # 30 ÷ 36 = 0,8333… has no exact percentage: written back as «30/36», read next year as the same ratio (never
    # 83,33%); 24,5 ÷ 36 = 0,68055… likewise, with the half hour as the office writes it
    assert people["P4"] == ("30/36", "General")
    assert people["P5"] == ("24,5/36", "General")


def test_an_indicator_written_in_percentages_keeps_them(tmp_path):
    ws = openpyxl.load_workbook(write_run(tmp_path))["indicatori"]
    # next year's baseline is this year's actual (97%), its target the 95% of the plan; a count stays a count
    assert cells(ws, "valore_base")["IN1"] == (0.97, "0%")
    assert cells(ws, "target")["IN1"] == (0.95, "0%")
    assert cells(ws, "valore_base")["IN2"] == (12, "General")
    assert cells(ws, "target")["IN2"] == (10, "General")
