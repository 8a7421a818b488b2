"""`ciclope template … --from`: next year's staff are those still in service on its 1 January. A person who left in
or before the year run is not carried (nor her card's rows, nor her earlier scores); a date of hiring, leaving or
incarico before the new year is not next year's; a unit she headed and a person she evaluated are left to the
office, and the folder still validates until July."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from test_next_year_keeps import REGULATION  # the same Comune's CCDI as next year's other checks

from ciclope.core.commands.cli import main

from helpers import CARD_HEADER, next_year

HEADER = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,assunzione,cessazione"
PEOPLE = [
    HEADER,
    "SEG,Segretario,segretario,DIR,com,1,0,false,SINDACO,,",
    # L1 heads U2 and evaluates P2; she left on 30/09/2025, in the year run
    "L1,Lara,po,D,U2,1,0,false,SEG,,30/09/2025",
    # L2 left on the year's last day: not in service on 1 January 2026
    "L2,Luigi,dipendente,C,com,1,0,false,SEG,,31/12/2025",
    "P1,Piero,dipendente,C,com,1,0,false,SEG,01/04/2025,",  # hired in the year run: a date of 2025
    "P2,Paola,dipendente,C,U2,1,0,false,L1,,",
    "P3,Pia,dipendente,C,com,1,0,false,SEG,,31/03/2026",  # leaves in the new year: that date is next year's
]


def write_run(tmp_path: Path) -> Path:
    """The 2025 run of the Comune (the Sindaco evaluates SEG, L1 evaluates P2), then next year's folder from it."""
    cards = [CARD_HEADER, "SEG,SINDACO,scheda,Valutazione complessiva,100,90,"]
    cards += [f"{p},SEG,scheda,Valutazione complessiva,100,80," for p in ("L1", "L2", "P1", "P3")]
    cards += ["P2,L1,scheda,Valutazione complessiva,100,70,"]
    files = {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\nU2,Ufficio tecnico,area,com,L1\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(PEOPLE) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": 'name = "Comune di Prova"\n[funds]\nproduttivita = "10000.00"\n[valutatori]\nSINDACO = "Sindaco"\n',
    }
    return next_year(tmp_path, REGULATION, files, year=2025)


def sheet(workbook: Path, title: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(workbook)[title]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_who_left_in_the_year_run_is_not_next_year_s_staff(tmp_path):
    book = write_run(tmp_path) / "comune" / "ente.xlsx"
    people = {r["codice"]: r for r in sheet(book, "persone")}
    assert sorted(people) == ["P1", "P2", "P3", "SEG"]  # L1 (30/09/2025) and L2 (31/12/2025) left
    assert {r["persona"] for r in sheet(book, "valutazioni")} == {"SEG", "P1", "P2", "P3"}
    assert {r["persona"] for r in sheet(book, "valutazioni precedenti")} == {"SEG", "P1", "P2", "P3"}
    assert people["P1"]["assunzione"] is None  # 01/04/2025 is before 1 January 2026
    assert people["P3"]["cessazione"] is not None  # 31/03/2026 is within the new year
    # the unit L1 headed has no head, and P2's evaluator is left for the office (her unit's head, once written)
    assert {r["codice"]: r["responsabile"] for r in sheet(book, "unità")}["U2"] is None
    assert people["P2"]["valutatore"] is None
    assert {r["valutatore"] for r in sheet(book, "valutazioni") if r["persona"] == "P2"} == {None}


def test_the_new_year_s_folder_validates_until_july(tmp_path, capsys):
    nxt = write_run(tmp_path)
    capsys.readouterr()
    assert main(["validate", str(nxt / "cycle.toml"), "--until", "monitoraggio"]) == 0, capsys.readouterr().out
