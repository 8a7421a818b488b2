"""The plugin-independent report case shared by the report, explain and calendar tests: a small
regulation written here (``PLUGIN``) that levels the card scores, pays a pool in proportion to the
scores, has a position, a calendar and an extra report section, with its data (``FILES``).
"""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal as D
from pathlib import Path

from ciclope.core import Award, Deadline, Input, Pool, PositionPay, Positions, ReportSection, Rewards, Score, hookimpl
from ciclope.core.money import split
from ciclope.core.params import ParamSpec
from ciclope.core.scoring import card_score
from ciclope.core.testing import compute_ente, write_ente

# -- the regulation of the case -----------------------------------------------------------------

SOURCE = "regolamento-prova.txt"


@hookimpl
def ciclope_params():
    return {
        "soglia_premio": ParamSpec(
            name="soglia_premio",
            value=D(60),
            source=f"{SOURCE} art. 6",
            description="Punteggio minimo per il premio",
            assumption="soglia non fissata dal regolamento: 60 punti",
        ),
        "quota_fascia_alta": ParamSpec(
            name="quota_fascia_alta",
            value=D("0.5"),
            source=f"{SOURCE} art. 7",
            description="Quota del fondo per la fascia alta",
        ),
    }


def level_of(score):
    return "Sufficiente" if score < 60 else "Buono" if score < 80 else "Ottimo"


@hookimpl
def ciclope_individual_score(person, card, trace):
    score = card_score(card)
    if score is None:
        return Score(person=person.id, score=None, status="not_evaluated")
    trace.record(
        f"score:{person.id}",
        score,
        "punti / punteggio massimo × 100",
        f"{SOURCE} art. 5",
        label=f"Punteggio di {person.name}",
        inputs=[Input(i.item, i.points, cell=f"evaluations.csv:{i.row}:points") for i in card],
    )
    return Score(person=person.id, score=score, level=level_of(score), breakdown={"scheda": score})


@hookimpl
def ciclope_rewards(ente, scores, pools, params, trace):
    pool = pools["premi"]
    eligible = {pid: s.score for pid, s in scores.items() if s.score is not None and s.score >= params["soglia_premio"]}
    parts = split(pool.amount, eligible)
    awards, statuses = {}, {}
    total = sum(eligible.values(), D(0))
    for pid, amount in parts.items():
        band = "alta" if scores[pid].level == "Ottimo" else "media"
        trace.record(
            f"award:{pid}",
            amount,
            "fondo premi × punteggio / Σ punteggi dei premiati",
            f"{SOURCE} art. 7",
            label=f"Premio di {ente.people[pid].name}",
            inputs=[
                Input("punteggio", scores[pid].score, ref=f"score:{pid}"),
                Input("fondo premi", pool.amount, ref="pool:premi"),
                Input("Σ punteggi dei premiati", total),
            ],
        )
        awards[pid] = Award(person=pid, amount=amount, pool="premi", band=band)
        statuses[pid] = "premiato"
    for pid, s in scores.items():
        if pid not in statuses:
            statuses[pid] = s.status if s.score is None else "sotto_soglia"
    distributed = sum(parts.values(), D(0))
    return Rewards(pools={"premi": pool.with_distributed(distributed)}, awards=awards, statuses=statuses)


@hookimpl
def ciclope_position_pay():
    pos = PositionPay(
        id="PX",
        score=D("72.5"),
        annual=D("9000.00"),
        result_max=D("1350.00"),
        result=D("1147.50"),
        holder="PO1",
        instalments=13,
    )
    return Positions(
        positions={"PX": pos},
        pools={
            "po_risultato": Pool(
                name="po_risultato", amount=D("1350.00"), distributed=D("1147.50"), source=f"{SOURCE} art. 9"
            )
        },
        awards={"PX:po_risultato": Award(person="PO1", amount=D("1147.50"), pool="po_risultato")},
    )


@hookimpl
def ciclope_calendar(year):
    return [
        Deadline(
            "pianificazione",
            "Adozione del Piano della performance",
            dt.date(year, 1, 31),
            f"{SOURCE} art. 2",
            "piano_adopted",
        ),
        Deadline("monitoraggio", "Monitoraggio intermedio", dt.date(year, 6, 30), f"{SOURCE} art. 3"),
        Deadline("premialita", "Decisione sul bonus", dt.date(year, 1, 31), f"{SOURCE} art. 8", "bonus_decided"),
        Deadline(
            "rendicontazione",
            "Validazione della Relazione, da parte dell'OIV; pubblicazione",
            dt.date(year + 1, 6, 30),
            f"{SOURCE} art. 10",
            "relazione_validated_oiv",
        ),
    ]


@hookimpl
def ciclope_report_sections():
    return [
        ReportSection(
            title="Progressioni economiche",
            columns=("Posti disponibili", "Candidati"),
            rows=((D(2), 5),),
            note="Selezione per punteggio (art. 20).",
        )
    ]


PLUGIN = types.ModuleType("reportcase")
PLUGIN.NAME, PLUGIN.VERSION, PLUGIN.REGULATIONS = "reportcase", "1.0", (f"{SOURCE} — regolamento di prova",)
for _name, _fn in list(globals().items()):
    if _name.startswith("ciclope_"):
        setattr(PLUGIN, _name, _fn)

# -- the data of the case -----------------------------------------------------------------------

SCRIPT = '<script>alert("x")</script>'
INJECTION = '=HYPERLINK("http://evil.example/x","clic")'

FILES = {
    "ente.toml": '''
        name = "Ente \\"Prova\\" & <Co>"
        [funds]
        premi = "1000.00"
        [approvals]
        piano_adopted = 2021-01-25
        relazione_validated_oiv = 2022-07-15
        oiv_judgement = "in linea con le aspettative"
    ''',
    "units.csv": """
        id,name,kind,parent,head
        root,Ente Prova,ente,,SG
        a1,Area <Servizi> & Co,area,root,D1
        a2,@SUM(1) Area due,area,root,D2
    """,
    "areas.csv": """
        id,name,weight,separate
        A,Imprese,60,
        B,Organizzazione,40,
    """,
    "people.csv": f"""
        id,name,role,category,unit,fte,absence_days,insufficient,evaluator
        SG,Segretaria Generale,segretario,DIR,root,1,0,false,
        D1,"{SCRIPT.replace('"', '""')}",dirigente,DIR,a1,1,0,false,SG
        D2,Dora,dirigente,DIR,a2,1,0,false,SG
        PO1,Paola,po,D,a1,1,0,false,SG
        E1,Elio,dipendente,C,a1,1,0,false,D1
        E2,"{INJECTION.replace('"', '""')}",dipendente,C,a1,1,0,false,D1
        E3,Enea,dipendente,C,a1,1,0,false,D1
        E4,Ester,dipendente,C,a2,1,0,false,D2
        E5,Elena,dipendente,B,a2,1,0,false,D2
        E6,Ettore,dipendente,B,a2,1,0,false,D2
        E7,Egle,dipendente,B,a2,1,0,false,D2
        E8,Ezio,dipendente,B,a2,1,0,false,D2
    """,
    "objectives.csv": """
        id,kind,title,parent,area,weight,owner
        S1,strategic,Promozione <b>& export</b>,,A,,a1
        O1,operational,Eventi,S1,,,a1
        S2,strategic,Efficienza,,B,,a2
    """,
    "indicators.csv": """
        id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
        I1,S1,Iniziative,higher,,,10,8,5,2,,,Registro eventi
        I2,O1,Tempi medi (gg),lower,,,4,5,4,8,,,
        I3,S2,Sportello attivo,boolean,,,SI,SI,,,,,
        I4,S2,Indagine annullata,higher,,,10,,,,true,evento annullato,
    """,
    "revisions.csv": """
        indicator,field,old,new,reason,oiv_validated,approved
        I1,target,10,8,calo della domanda,SI,SI
    """,
    "evaluations.csv": """
        person,evaluator,section,item,max_points,points,weight
        PO1,SG,scheda,Valutazione,100,85,
        E1,D1,scheda,Valutazione,100,80,
        E2,D1,scheda,Valutazione,100,80,
        E3,D1,scheda,Valutazione,100,80,
        E4,D2,scheda,Valutazione,100,90,
        E5,D2,scheda,Valutazione,100,70,
        E6,D2,scheda,Valutazione,100,50,
        E7,D2,scheda,Valutazione,100,75,
        E8,D2,scheda,Valutazione,100,72,
    """,
}

# Money by hand: eligible (score ≥ 60) E1 E2 E3 80, E4 90, E5 70, E7 75, E8 72, PO1 85 → Σ 632.
# 1000 × s / 632: 80 → 126.5822 (floor 126.58, rest .0023), 90 → 142.4051 (142.40, .0051),
# 70 → 110.7595 (110.75, .0095), 75 → 118.6709 (118.67, .0009), 72 → 113.9241 (113.92, .0041),
# 85 → 134.4937 (134.49, .0037). Floors sum to 999.97: the 3 cents go to the largest rests,
# E5 (.0095), E4 (.0051), E8 (.0041).
AMOUNTS = {
    "E1": "126.58",
    "E2": "126.58",
    "E3": "126.58",
    "E4": "142.41",
    "E5": "110.76",
    "E7": "118.67",
    "E8": "113.93",
    "PO1": "134.49",
}


def make_case(folder: Path, until: str = "rendicontazione", **over):
    files = dict(FILES)
    files.update(over)
    write_ente(folder, files)
    return compute_ente(folder, PLUGIN, 2021, until=until, ente_id="prova")


CONFIG = """
[cycle]
year = 2021
output = "out"

[[ente]]
id = "prova"
plugin = "reportcase"
data = "prova"
"""


def write_config(tmp_path: Path) -> Path:
    write_ente(tmp_path / "prova", FILES)
    (tmp_path / "cycle.toml").write_text(CONFIG)
    return tmp_path / "cycle.toml"
