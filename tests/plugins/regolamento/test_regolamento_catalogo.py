"""The catalogue of real regulations (docs/regolamento-catalogo.md): each declared file of
tests/regolamento/catalogo/ run on a small ente written here, with the premiums (or scores and levels, when the
public text says no more) computed by hand from the text the catalogue quotes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from helpers import TESTS, amounts, run_declared

CATALOGUE = TESTS / "regolamento" / "catalogo"
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
    # the budget individuale: the fund × fte / Σ fte of everyone (Q9, excluded, counted): Σ fte = 8 × 1 + 0,5 = 8,5;
    # a fund of 8.500,00 € gives 1.000,00 € per full-time budget
    result = run(ciclope_ente, tmp_path, "quassolo", ente(people, cards, fund="8500.00", extra="sanzione"))
    assert amounts(result) == {
        "Q1": "1000.00",  # 98 ≥ 95: 100% del budget
        "Q2": "1000.00",  # 95 ≥ 95: 100%
        "Q3": "940.00",  # 94: 1.000 × 94 / 100
        "Q4": "725.00",  # 72,5: 1.000 × 0,725
        "Q5": "600.00",  # 60: 1.000 × 0,60
        "Q6": "0.00",  # 59 < 60: nessuna distribuzione
        "Q7": "400.00",  # 80 a metà tempo: budget 8.500 × 0,5 / 8,5 = 500 × 0,80
        "Q8": "900.00",  # rimprovero verbale: non superiore, non escluso; 1.000 × 0,90
        "Q9": "0.00",  # rimprovero scritto, superiore al verbale: escluso anche con 99
    }
    assert result.rewards.statuses["Q9"] == "escluso_sanzione"
    pool = result.rewards.pools["performance_individuale"]  # 1000 × 2 + 940 + 725 + 600 + 400 + 900 = 5.565,00
    assert (pool.distributed, str(pool.residual)) == (Decimal("5565.00"), "2935.00")


def test_ater_civitavecchia_presence_by_grade_cut_by_absences_and_objectives(ciclope_ente, tmp_path):
    # presenza: parametri del livello economico (D1 100, C1 114, A1 166, Q1 190), ridotti per assenze (0–15 gg
    # nulla, 16–25 5%, 26–50 15%, 51–90 30%, 91–180 50%, oltre 180 100%); le decurtazioni vanno agli obiettivi
    # obiettivi: 100% a chi ha l'unità al 100% (raggiunti), 60% sopra 0 (parzialmente), 0 altrimenti
    people = [
        "T1,Persona T1,dipendente,C,ente,1,0,false,SEG,D1",
        "T2,Persona T2,dipendente,C,ente,1,20,false,SEG,C1",
        "T3,Persona T3,dipendente,C,ente,1,60,false,SEG,A1",
        "T4,Persona T4,dipendente,C,ente,1,200,false,SEG,Q1",
    ]
    cards = [card(pid, "80") for pid in ("T1", "T2", "T3", "T4")]
    result = run(ciclope_ente, tmp_path, "ater_civitavecchia", ente(people, cards, fund="11400.00", extra="grado"))
    # presenza: 11.400 × 0,5 = 5.700,00 by parametro, Σ 100 + 114 + 166 + 190 = 570: 10 € per point of parametro →
    #   T1 1.000,00; T2 1.140,00 − 5% = 1.083,00 (cut 57,00); T3 1.660,00 − 30% = 1.162,00 (cut 498,00);
    #   T4 1.900,00 − 100% = 0 (cut 1.900,00); the cuts, 2.455,00, go to obiettivi
    # obiettivi: 5.700,00 + 2.455,00 = 8.155,00; the ente's only unit reaches 100% (IN1 10 of 10): everyone weighs 1
    #   (absences do not cut this part): 8.155 / 4 = 2.038,75 each
    assert amounts(result) == {"T1": "3038.75", "T2": "3121.75", "T3": "3200.75", "T4": "2038.75"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("11400.00"), Decimal("0.00"))


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
    # parametri del CCDI: 100 (A/B), 110 (C), 120 (D); part-time in proporzione; tutti con la stessa valutazione (80)
    people = [
        "B1,Bruno,dipendente,B,ente,1,0,false,SEG",
        "C1,Carla,dipendente,C,ente,1,0,false,SEG",
        "D1,Dario,dipendente,D,ente,1,0,false,SEG",
        "D2,Dina,dipendente,D,ente,0.5,0,false,SEG",
    ]
    cards = [card(pid, "80") for pid in ("B1", "C1", "D1", "D2")]
    result = run(ciclope_ente, tmp_path, "piombino", ente(people, cards, fund="3900.00"))
    # numero ponderale × parametro: B 1 × 100 = 100, C 1 × 110 = 110, D (1 + 0,5) × 120 = 180; in tutto 390, 10 € l'uno:
    # B 1.000, C 1.100, D 1.800; in D per la valutazione × tempo lavorato: 80 × 1 e 80 × 0,5, cioè 1.200 e 600
    assert amounts(result) == {"B1": "1000.00", "C1": "1100.00", "D1": "1200.00", "D2": "600.00"}


def test_piombino_the_budget_goes_to_the_categories_first(ciclope_ente, tmp_path):
    # the two Ds evaluated differently: the category's budget stays 2 × 120, whatever the evaluations
    people = [
        "B1,Bruno,dipendente,B,ente,1,0,false,SEG",
        "D1,Dario,dipendente,D,ente,1,0,false,SEG",
        "D2,Dina,dipendente,D,ente,1,0,false,SEG",
    ]
    cards = [card("B1", "80"), card("D1", "90"), card("D2", "60")]
    result = run(ciclope_ente, tmp_path, "piombino", ente(people, cards, fund="3400.00"))
    # categorie: B 100, D 120 + 120 = 240; in tutto 340: B 3.400 × 100 / 340 = 1.000, D 3.400 × 240 / 340 = 2.400;
    # in D: 2.400 × 90 / 150 = 1.440 e 2.400 × 60 / 150 = 960 (un solo riparto col parametro nel peso darebbe a B1
    # 3.400 × 8.000 / 26.000 = 1.046,15)
    assert amounts(result) == {"B1": "1000.00", "D1": "1440.00", "D2": "960.00"}
    group = result.figures["pool:performance_individuale:D"]  # the part is the whole fund
    assert group.value == Decimal("2400.00")
    weights = {i.name: (i.value, i.ref) for i in group.inputs if i.ref.startswith("riparto:")}
    assert weights == {
        "peso di Dario": (Decimal(120), "riparto:premio di produzione:D1"),
        "peso di Dina": (Decimal(120), "riparto:premio di produzione:D2"),
    }
    dina = result.figures["riparto:premio di produzione:D2"]  # down to what the formula read
    read = {i.name: i.value for i in dina.inputs}
    # the test runs 2024 (366 days) and Dina serves all of them: 1 × 366 / 366 × 120 = 120
    assert read["il tempo lavorato (1 a tempo pieno)"] == 1 and read["la categoria (o l'Area) del contratto"] == "D"
    assert read["i giorni di servizio nell'anno"] == read["i giorni dell'anno"]
    assert dina.formula.startswith("=fte * giorni_servizio / giorni_anno")


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


def test_cuneo_weights_by_category_and_the_classes_200_150_100(ciclope_ente, tmp_path):
    # pesi: Cat. D 40 organizzativa (unità) + 10 obiettivi + 50 competenze; Cat. A, B e C 30 + 10 + 60; senza obiettivi
    # individuali il peso degli obiettivi passa all'unità. L'unità dell'ente è al 100% (IN1 10 di 10).
    people = [f"{pid},Persona {pid},dipendente,{cat},ente,1,0,false,SEG" for pid, cat, _ in CUNEO]
    cards = [card(pid, points) for pid, _, points in CUNEO]
    result = run(ciclope_ente, tmp_path, "cuneo", ente(people, cards, fund="9000.00"))
    scores = {pid: (str(result.scores[pid].score), result.scores[pid].level) for pid, _, _ in CUNEO}
    assert scores == {
        "K1": ("80.00", "2^ classe"),  # D: 0,5 × 100 + 0,5 × 60 = 50 + 30 = 80,00: non oltre 80, seconda classe
        "K2": ("90.00", "1^ classe"),  # C: 0,4 × 100 + 0,6 × 83,33… = 40 + 50 = 90,00 (the card's exact 250 / 3)
        "K3": ("70.00", "3^ classe"),  # B: 0,4 × 100 + 0,6 × 50 = 40 + 30 = 70,00: non oltre 70, terza classe
        "K4": ("52.00", "4^ classe"),  # A: 0,4 × 100 + 0,6 × 20 = 40 + 12
    }
    # classes 150, 200, 100, 0: Σ 450; 9.000 × 150 / 450 = 3.000,00; × 200 / 450 = 4.000,00; × 100 / 450 = 2.000,00
    assert amounts(result) == {"K1": "3000.00", "K2": "4000.00", "K3": "2000.00", "K4": "0.00"}


CUNEO = [("K1", "D", "60"), ("K2", "C", "83.333333"), ("K3", "B", "50"), ("K4", "A", "20")]
