"""The catalogue of real regulations (docs/regolamento-catalogo.md): each declared file of
tests/regolamento/catalogo/ run on a small ente written here, with the premiums (or scores and levels, when the
public text says no more) computed by hand from the text the catalogue quotes."""

from __future__ import annotations

from pathlib import Path

from helpers import amounts, run_declared

CATALOGUE = Path(__file__).parent / "regolamento" / "catalogo"
UNITS = "id,name,kind,parent,head\nente,Ente,ente,,SEG\n"
OBJECTIVES = "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,ente\n"
INDICATORS = (
    "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
    "IN1,OB1,Pratiche,higher,,,10,10,,,,,\n"
)
HEAD = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator"


def ente(people: list[str], cards: list[str], fund: str = "10000.00", extra: str = "") -> dict[str, str]:
    """An ente of ``people`` (rows after the secretary's: id,name,role,category,unit,fte,absence_days,insufficient,
    evaluator and the ``extra`` columns) and ``cards`` (rows of evaluations.csv)."""
    head = HEAD + (f",{extra}" if extra else "")
    pad = "," * len(extra.split(",")) if extra else ""
    return {
        "units.csv": UNITS,
        "objectives.csv": OBJECTIVES,
        "indicators.csv": INDICATORS,
        "people.csv": "\n".join([head, f"SEG,Segretario,segretario,DIR,ente,1,0,false,{pad}", *people]) + "\n",
        "evaluations.csv": "\n".join(["person,evaluator,section,item,max_points,points,weight", *cards]) + "\n",
        "ente.toml": f'name = "Ente del catalogo"\n[funds]\nperformance_individuale = "{fund}"\n',
    }


def card(pid: str, points: str, max_points: str = "100") -> str:
    return f"{pid},SEG,Valutazione,Valutazione complessiva,{max_points},{points},"


def run(ciclope_ente, tmp_path: Path, name: str, data: dict[str, str]):
    text = (CATALOGUE / f"{name}.toml").read_text(encoding="utf-8")
    return run_declared(ciclope_ente, tmp_path, text, data)


def test_quassolo_thresholds_and_the_sanction(ciclope_ente, tmp_path):
    # «≥ 95%: 100% del budget individuale; tra il 60% e il 94%: proporzionale al punteggio; < 60%: nulla; esclusi
    # con un provvedimento disciplinare superiore a rimprovero verbale»; budget individuale 1.000,00 € (il file)
    people = [
        "Q1,Uno,dipendente,C,ente,1,0,false,SEG,",
        "Q2,Due,dipendente,C,ente,1,0,false,SEG,",
        "Q3,Tre,dipendente,C,ente,1,0,false,SEG,",
        "Q4,Quattro,dipendente,B,ente,1,0,false,SEG,",
        "Q5,Cinque,dipendente,B,ente,1,0,false,SEG,",
        "Q6,Sei,dipendente,B,ente,1,0,false,SEG,",
        "Q7,Sette,dipendente,C,ente,0.5,0,false,SEG,",
        "Q8,Otto,dipendente,C,ente,1,0,false,SEG,rimprovero_verbale",
        "Q9,Nove,dipendente,D,ente,1,0,false,SEG,rimprovero_scritto",
    ]
    points = {"Q1": "98", "Q2": "95", "Q3": "94", "Q4": "72.5", "Q5": "60", "Q6": "59", "Q7": "80", "Q8": "90"}
    cards = [card(p, v) for p, v in {**points, "Q9": "99"}.items()]
    result = run(ciclope_ente, tmp_path, "quassolo", ente(people, cards, extra="sanzione"))
    assert amounts(result) == {
        "Q1": "1000.00",  # 98 ≥ 95: 100% del budget
        "Q2": "1000.00",  # 95 ≥ 95: 100%
        "Q3": "940.00",  # 94: 1.000 × 94 / 100
        "Q4": "725.00",  # 72,5: 1.000 × 0,725
        "Q5": "600.00",  # 60: 1.000 × 0,60
        "Q6": "0.00",  # 59 < 60: nessuna distribuzione
        "Q7": "400.00",  # 80 a metà tempo: 1.000 × 0,80 × 0,5
        "Q8": "900.00",  # rimprovero verbale: non superiore, non escluso; 1.000 × 0,90
        "Q9": "0.00",  # rimprovero scritto, superiore al verbale: escluso anche con 99
    }
    assert result.rewards.statuses["Q9"] == "escluso_sanzione"


ATER = [  # (id, absence days): everyone full time, the same parametro (the same level, D1 = 100)
    ("T1", "0"),
    ("T2", "15"),
    ("T3", "16"),
    ("T4", "50"),
    ("T5", "90"),
    ("T6", "180"),
    ("T7", "181"),
]


def test_ater_civitavecchia_reductions_by_absence_brackets(ciclope_ente, tmp_path):
    # quote uguali (stesso parametro, tempo pieno), ridotte per assenze: 0–15 gg nulla, 16–25 5%, 26–50 15%,
    # 51–90 30%, 91–180 50%, oltre 180 100%
    people = [f"{pid},Persona {pid},dipendente,D,ente,1,{days},false,SEG" for pid, days in ATER]
    cards = [card(pid, "80") for pid, _ in ATER]
    result = run(ciclope_ente, tmp_path, "ater_civitavecchia", ente(people, cards, fund="5300.00"))
    # pesi: T1 1, T2 1 (15 gg), T3 0,95 (16 gg), T4 0,85 (50 gg), T5 0,70 (90 gg), T6 0,50 (180 gg), T7 0 (181 gg);
    # in tutto 1 + 1 + 0,95 + 0,85 + 0,70 + 0,50 = 5,00; il fondo di 5.300,00 € è diviso per i pesi: 1.060 × peso
    # (il file ridistribuisce le decurtazioni in proporzione alle quote: docs/regolamento-catalogo.md)
    assert amounts(result) == {
        "T1": "1060.00",
        "T2": "1060.00",
        "T3": "1007.00",  # 1.060 × 0,95
        "T4": "901.00",  # 1.060 × 0,85
        "T5": "742.00",  # 1.060 × 0,70
        "T6": "530.00",  # 1.060 × 0,50
        "T7": "0.00",  # oltre 180 giorni: riduzione del 100%
    }


def test_san_salvatore_di_fitalia_five_levels(ciclope_ente, tmp_path):
    # A ≥ 95%; B da 90% a 94,99%; C da 80% a 89,99%; D da 70% a 79,99%; E sotto il 70%
    scores = {"S1": "10000", "S2": "9500", "S3": "9499", "S4": "9000", "S5": "8999", "S6": "8000", "S7": "7999",
              "S8": "7000", "S9": "6999"}  # fmt: skip
    people = [f"{pid},Persona {pid},dipendente,C,ente,1,0,false,SEG" for pid in scores]
    cards = [card(pid, points, "10000") for pid, points in scores.items()]  # punti su 10.000: due decimali
    result = run(ciclope_ente, tmp_path, "san_salvatore_di_fitalia", ente(people, cards))
    levels = {pid: (str(result.scores[pid].score), result.scores[pid].level) for pid in scores}
    assert levels == {
        "S1": ("100.00", "A"),
        "S2": ("95.00", "A"),
        "S3": ("94.99", "B"),
        "S4": ("90.00", "B"),
        "S5": ("89.99", "C"),
        "S6": ("80.00", "C"),
        "S7": ("79.99", "D"),
        "S8": ("70.00", "D"),
        "S9": ("69.99", "E"),
    }


def test_palermo_three_weighted_fields(ciclope_ente, tmp_path):
    # Ambito A obiettivi di gruppo 40%, Ambito B comportamenti 40%, Ambito C contributo all'unità 20%
    items = [
        ("Ambito A", "Raggiungimento degli obiettivi di gruppo", "40"),
        ("Ambito B", "Comportamenti professionali e organizzativi", "40"),
        ("Ambito C", "Qualità del contributo assicurato alla performance dell'unità organizzativa di appartenenza", "20"),
    ]  # fmt: skip
    marks = {"P1": ("90", "80", "70"), "P2": ("100", "50", "100"), "P3": ("60", "60", "0")}
    people = [f"{pid},Persona {pid},dipendente,C,ente,1,0,false,SEG" for pid in marks]
    cards = [f"{pid},SEG,{s},{i},100,{p},{w}" for pid, ps in marks.items() for (s, i, w), p in zip(items, ps)]
    result = run(ciclope_ente, tmp_path, "palermo", ente(people, cards))
    assert {pid: str(result.scores[pid].score) for pid in marks} == {
        "P1": "82.00",  # 0,4 × 90 + 0,4 × 80 + 0,2 × 70 = 36 + 32 + 14
        "P2": "80.00",  # 0,4 × 100 + 0,4 × 50 + 0,2 × 100 = 40 + 20 + 20
        "P3": "48.00",  # 0,4 × 60 + 0,4 × 60 + 0,2 × 0 = 24 + 24
    }


def test_magenta_merit_bands_of_the_dirigenti(ciclope_ente, tmp_path):
    # dirigenti: prima fascia x ≥ 95; seconda 95 > x ≥ 80; terza 80 > x ≥ 60; dipendenti contati per 100–90, 89–70
    scores = {"M1": ("dirigente", "9500"), "M2": ("dirigente", "9499"), "M3": ("dirigente", "8000"),
              "M4": ("dirigente", "7999"), "M5": ("dirigente", "6000"), "M6": ("dirigente", "5999"),
              "M7": ("dipendente", "9000"), "M8": ("dipendente", "8999"), "M9": ("dipendente", "6999")}  # fmt: skip
    people = [f"{pid},Persona {pid},{role},{'DIR' if role == 'dirigente' else 'C'},ente,1,0,false,SEG"
              for pid, (role, _) in scores.items()]  # fmt: skip
    cards = [card(pid, points, "10000") for pid, (_, points) in scores.items()]
    result = run(ciclope_ente, tmp_path, "magenta", ente(people, cards))
    assert {pid: result.scores[pid].level for pid in scores} == {
        "M1": "prima_fascia",  # 95,00 ≥ 95
        "M2": "seconda_fascia",  # 94,99: 95 > x ≥ 80
        "M3": "seconda_fascia",  # 80,00
        "M4": "terza_fascia",  # 79,99: 80 > x ≥ 60
        "M5": "terza_fascia",  # 60,00
        "M6": None,  # 59,99: sotto l'ultima fascia
        "M7": "da_90_a_100",  # dipendente, 90,00
        "M8": "da_70_a_89",  # 89,99
        "M9": "sotto_70",  # 69,99
    }


def test_piombino_parametri_by_category(ciclope_ente, tmp_path):
    # parametri del CCDI: 100 (A/B), 110 (C), 120 (D); part-time in proporzione; tutti con la stessa valutazione
    # (80), così il fondo per categoria «in base al numero ponderale × parametro» è quello del file
    people = [
        "B1,Bruno,dipendente,B,ente,1,0,false,SEG",
        "C1,Carla,dipendente,C,ente,1,0,false,SEG",
        "D1,Dario,dipendente,D,ente,1,0,false,SEG",
        "D2,Dina,dipendente,D,ente,0.5,0,false,SEG",
    ]
    cards = [card(pid, "80") for pid in ("B1", "C1", "D1", "D2")]
    result = run(ciclope_ente, tmp_path, "piombino", ente(people, cards, fund="3900.00"))
    # pesi: B1 100, C1 110, D1 120, D2 0,5 × 120 = 60 (il punteggio, uguale per tutti, si semplifica); in tutto 390;
    # 3.900 / 390 = 10 € per punto di peso
    assert amounts(result) == {"B1": "1000.00", "C1": "1100.00", "D1": "1200.00", "D2": "600.00"}


def test_regione_lazio_a_share_at_the_threshold_and_an_increment_per_point(ciclope_ente, tmp_path):
    # sotto 60 nulla; a 60 la quota predefinita (600,00 € nel file, valore d'esempio); sopra, l'incremento per punto
    # (10,00 € per punto da 60 a 100, 400,00 € in tutto, valore d'esempio); a tempo parziale in proporzione
    points = {"L1": ("1", "59"), "L2": ("1", "60"), "L3": ("1", "75"), "L4": ("1", "100"), "L5": ("0.5", "80")}
    people = [f"{pid},Persona {pid},dipendente,C,ente,{fte},0,false,SEG" for pid, (fte, _) in points.items()]
    cards = [card(pid, score) for pid, (_, score) in points.items()]
    result = run(ciclope_ente, tmp_path, "regione_lazio", ente(people, cards, fund="10000.00"))
    # parti: 6.000,00 € (60%) e 4.000,00 € (40%) del fondo, più di quanto i massimi chiedono (nessun riparto)
    assert amounts(result) == {
        "L1": "0.00",  # 59 < 60: nessun accesso
        "L2": "600.00",  # 60: la sola quota predefinita, 600 + 400 × 0 / 40
        "L3": "750.00",  # 75: 600 + 400 × (75 − 60) / 40 = 600 + 150
        "L4": "1000.00",  # 100: 600 + 400
        "L5": "400.00",  # 80 a metà tempo: (600 + 400 × 20 / 40) × 0,5 = 800 × 0,5
    }
