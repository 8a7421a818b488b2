"""The catalogue of real regulations (docs/regolamento-catalogo.md): each declared file of
tests/regolamento/catalogo/ run on a small ente written here, with the premiums (or scores and levels, when the
public text says no more) computed by hand from the text the catalogue quotes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from helpers import TESTS, amounts, regulation_problems, run_declared

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
    assert (
        read["il tempo lavorato (la quota del tempo pieno)"] == 1
        and read["la categoria (o l'Area) del contratto"] == "D"
    )
    assert read["i giorni di servizio nell'anno"] == read["i giorni dell'anno"]
    assert dina.formula.startswith("=quota_tempo * giorni_servizio / giorni_anno")


def test_piombino_a_weight_of_part_of_the_year_is_shown_to_six_decimals(ciclope_ente, tmp_path):
    # Dina joins on 1 July 2024: 184 of 366 days, her weight 1 × 184 / 366 × 120 = 60,327868…; D's 180,327868…, in
    # all 280,327868… . Shown to six decimals, as every weight; the split keeps them exact: B 2.000 × 100 / 280,3278…
    # = 713,4503 → 713,45 and D 2.000 × 180,3278… / 280,3278… = 1.286,5497 → 1.286,54, the cent left to D (0,97)
    people = [
        "B1,Bruno,dipendente,B,ente,1,0,false,SEG,",
        "D1,Dario,dipendente,D,ente,1,0,false,SEG,",
        "D2,Dina,dipendente,D,ente,1,0,false,SEG,2024-07-01",
    ]
    cards = [card(pid, "80") for pid in ("B1", "D1", "D2")]
    result = run(ciclope_ente, tmp_path, "piombino", ente(people, cards, fund="2000.00", extra="assunzione"))
    group = result.figures["pool:performance_individuale:D"]
    assert group.value == Decimal("1286.55")
    shown = {i.name: i.value for i in group.inputs}
    assert shown["peso del riparto della graduatoria"] == Decimal("180.327869")
    assert shown["peso del riparto in tutto"] == Decimal("280.327869")
    assert shown["peso di Dina"] == Decimal("60.327869")
    assert result.figures["riparto:premio di produzione:D2"].value == Decimal("60.327869")
    assert result.figures["pool:performance_individuale:B"].value == Decimal("713.45")


def test_piombino_the_savings_of_the_absences_stay_in_the_sector(ciclope_ente, tmp_path):
    # «il premio così conteggiato viene diminuito in base alle giornate di assenza nell'anno. Le economie così ottenute
    # vengono ridistribuite ai colleghi del medesimo settore»: two sectors, the sector written once on its row of
    # unità.csv; the absences' brackets are the file's example values (11–30 days: −10%)
    data = ente(
        [
            "B1,Bruno,dipendente,B,ST,1,0,false,SEG",
            "D1,Dario,dipendente,D,ST,1,20,false,SEG",
            "C1,Carla,dipendente,C,SA,1,0,false,SEG",
        ],
        [card(pid, "80") for pid in ("B1", "D1", "C1")],
        fund="3300.00",
    )
    data["units.csv"] = (
        "id,name,kind,parent,head,settore\nente,Ente,ente,,SEG,\n"
        "ST,Settore tecnico,settore,ente,,tecnico\nSA,Settore amministrativo,settore,ente,,amministrativo\n"
    )
    result = run(ciclope_ente, tmp_path, "piombino", data)
    # categorie 100 + 110 + 120 = 330, 10 € l'uno: B 1.000, C 1.100, D 1.200; Dario −10%: 1.080, 120,00 di economie
    # al settore tecnico, non alla sua categoria: Bruno 1.000 e Dario 1.080, in tutto 2.080; 120 × 1.000 / 2.080 =
    # 57,692… → 57,69 e 120 × 1.080 / 2.080 = 62,307… → 62,30, il centesimo al resto più alto (Dario, 0,77): 62,31.
    # Carla, del settore amministrativo, non ne riceve.
    assert amounts(result) == {"B1": "1057.69", "D1": "1142.31", "C1": "1100.00"}
    assert result.figures["savings:premio di produzione:group:tecnico"].value == Decimal("120.00")


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


def test_centro_pecci_undifferentiated_by_hours_and_days_of_service(ciclope_ente, tmp_path):
    # «il fondo premiante è distribuito in modo indifferenziato, tenendo conto soltanto dell'orario individuale e
    # dell'anzianità nell'anno precedente»: no card at all; the weight is the time worked × the days of service
    people = [
        "P1,Curatrice,dipendente,C,ente,1,0,false,,,",
        "P2,Bibliotecario,dipendente,C,ente,0.5,0,false,,,",
        "P3,Educatrice,dipendente,C,ente,1,0,false,,2024-07-01,",  # hired on 1 July: 184 of 366 days
        "P4,Custode,dipendente,B,ente,1,30,false,,,",  # 30 days of absence: «soltanto» hours and service count
    ]
    result = run(
        ciclope_ente, tmp_path, "centro_pecci", ente(people, [], fund="6000.00", extra="assunzione,cessazione")
    )
    # weights in 366ths: P1 366, P2 0,5 × 366 = 183, P3 184, P4 366; Σ 1.099
    # P1, P4 6.000 × 366 / 1.099 = 1.998,180…; P2 6.000 × 183 / 1.099 = 999,090…; P3 6.000 × 184 / 1.099 = 1.004,549…
    # cents down 1.998,18 + 999,09 + 1.004,54 + 1.998,18 = 5.999,99: the cent left to the largest remainder (P3)
    assert amounts(result) == {"P1": "1998.18", "P2": "999.09", "P3": "1004.55", "P4": "1998.18"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("6000.00"), Decimal("0.00"))


def test_aiop_art65_450_euro_and_15_euro_a_day(ciclope_ente, tmp_path):
    # «un premio di euro 450,00 annue lorde […] compete per intero se […] almeno 258 giorni di presenza. Per ogni
    # giorno di mancata presenza […] ridotto in ragione di euro 15,00 giornaliere; […] per ogni giorno di presenza
    # oltre i 258 giorni e fino a un tetto di 267 […] una ulteriore quota aggiuntiva pari a euro 15,00 per giorno»
    presences = {"A1": ("1", "258"), "A2": ("1", "267"), "A3": ("0.5", "270"), "A4": ("1", "240"), "A5": ("1", "200")}
    people = [f"{pid},Persona {pid},dipendente,C,ente,{fte},0,false,,{days}" for pid, (fte, days) in presences.items()]
    data = ente(people, [], extra="presenze")
    data["ente.toml"] = 'name = "Casa di cura"\n'  # no fund: the premium is owed by the contract
    result = run(ciclope_ente, tmp_path, "aiop_art65", data)
    assert amounts(result) == {
        "A1": "450.00",  # 258 giorni: per intero
        "A2": "585.00",  # 267: 450 + (267 − 258) × 15 = 450 + 135
        "A3": "585.00",  # 270, oltre il tetto di 267: 585; a metà tempo lo stesso (i giorni contano già il lavoro)
        "A4": "180.00",  # 240: 450 − (258 − 240) × 15 = 450 − 270
        "A5": "0.00",  # 200: 450 − 58 × 15 = −420, nulla
    }
    pool = result.rewards.pools["premio_incentivazione"]  # the sum owed: 450 + 585 × 2 + 180 = 1.800,00
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("1800.00"), Decimal("1800.00"), Decimal("0.00"))
    said = result.figures["award:A4"].formula  # the cap said as the text says it, before the 258
    assert "più ((il minore tra i giorni di presenza dal 1° luglio al 30 giugno e 267) meno 258) × € 15,00 al" in said


def test_bari_multiservizi_the_sector_s_turnover_and_the_mean_for_the_unassigned(ciclope_ente, tmp_path):
    # «€ 1.000,00 verde, € 800,00 manutenzione civile, 700,00 custodi e decoro […] in misura massima al primo livello
    # […] o del 50% […] secondo livello» (verde 3.800.000 / 3.700.000; manutenzione 2.000.000 / 1.900.000 and custodi
    # 1.500.000 / 1.400.000 are the file's examples); «gli impiegati amministrativi legati ai settori percepiranno lo
    # stesso importo degli operai», «quelli non assegnati ai settori […] l'importo medio raggiunto dai tre settori»
    people = [
        "V1,Operaio del verde,dipendente,B,VERDE,1,0,false,",
        "V2,Impiegata del verde,dipendente,C,UFV,0.5,0,false,",  # in the verde's office, at half time
        "M1,Operaio della manutenzione,dipendente,B,MAN,1,0,false,",
        "C1,Custode,dipendente,B,CUS,1,0,false,",
        "A1,Amministrativo,dipendente,C,AMM,1,0,false,",  # the administration, under no sector
    ]
    data = ente(people, [], fund="5000.00")
    data["units.csv"] = (
        "id,name,kind,parent,head,settore,fatturato\n"
        "ente,Bari Multiservizi,ente,,SEG,nessuno,\n"
        "VERDE,Verde,area,ente,SEG,verde,3750000\n"
        "UFV,Ufficio amministrativo del verde,ufficio,VERDE,SEG,,\n"
        "MAN,Manutenzione civile,area,ente,SEG,manutenzione,2100000\n"
        "CUS,Custodi e decoro,area,ente,SEG,custodi,1000000\n"
        "AMM,Amministrazione,staff,ente,SEG,,\n"
    )
    result = run(ciclope_ente, tmp_path, "bari_multiservizi", data)
    assert amounts(result) == {
        "V1": "500.00",  # verde 3.750.000: below 3.800.000, from 3.700.000: 50% of 1.000
        "V2": "500.00",  # the verde's office reads the sector's turnover; the whole amount at half time
        "M1": "800.00",  # manutenzione 2.100.000 ≥ 2.000.000: 800
        "C1": "0.00",  # custodi 1.000.000 < 1.400.000: nothing
        "A1": "433.33",  # (500 + 800 + 0) / 3 = 433,333…
    }
    pool = result.rewards.pools["performance_individuale"]  # 500 + 500 + 800 + 433,33 = 2.233,33
    assert (pool.distributed, pool.residual) == (Decimal("2233.33"), Decimal("2766.67"))


def sannazzaro_staff(points: dict[str, tuple[str, str]]):
    """(fte, points on 60) by person: a card of one item of 60 points each."""
    people = [f"{pid},Persona {pid},dipendente,C,ente,{fte},0,false,SEG" for pid, (fte, _) in points.items()]
    return people, [card(pid, p, "60") for pid, (_, p) in points.items()]


def test_sannazzaro_five_bands_on_60_and_30_percent_of_the_mean(ciclope_ente, tmp_path):
    # «da 0 a 11 punti = 0% […] da 12 a 24 = 25% […] da 25 a 36 = 50% […] da 37 a 48 = 75% […] da 49 a 60 = 100%
    # della quota di risorse […] destinate alla performance individuale»; «ai dipendenti che […] conseguono la
    # valutazione più elevata è attribuita una maggiorazione […] pari al 30% del valore medio pro-capite dei premi
    # attribuiti al personale valutato positivamente»
    people, cards = sannazzaro_staff(
        {"D1": ("1", "55"), "D2": ("1", "55"), "D3": ("1", "40"), "D4": ("0.5", "30"), "D5": ("1", "10")}
    )
    result = run(ciclope_ente, tmp_path, "sannazzaro", ente(people, cards, fund="10000.00"))
    # the budget: 10.000 × fte / Σ fte, Σ = 4,5: 2.222,22… a tempo pieno, 1.111,11… a metà tempo
    # D1, D2 55 (49–60): 100% → 2.222,22; D3 40 (37–48): 75% → 1.666,66 (down); D4 30 (25–36): 50% of 1.111,11… →
    # 555,55; D5 10 (0–11): 0%. Paid 2.222,22 × 2 + 1.666,66 + 555,55 = 6.666,65; 3.333,35 to the maggiorazione
    # maggiorazione: the highest, 55, D1 and D2; 30% × 6.666,65 / 4 (the four positively evaluated) = 499,99875 →
    # 500,00 each, from the 3.333,35
    assert amounts(result) == {"D1": "2722.22", "D2": "2722.22", "D3": "1666.66", "D4": "555.55", "D5": "0.00"}
    assert {pid: result.scores[pid].level for pid in ("D1", "D3", "D4", "D5")} == {
        "D1": "100%",
        "D3": "75%",
        "D4": "50%",
        "D5": "0%",
    }
    pool = result.rewards.pools["performance_individuale"]  # 6.666,65 + 1.000,00
    assert (pool.distributed, pool.residual) == (Decimal("7666.65"), Decimal("2333.35"))
    # the sum and the count the maggiorazione read are figures that list every person's value: redone by hand above
    read = {i.name: i.ref for i in result.figures["premio:maggiorazione:D1"].inputs}
    total = result.figures[read["la somma del premio della parte «performance individuale» tra i dipendenti dell'ente"]]
    assert total.value == Decimal("6666.65")  # 2.222,22 + 2.222,22 + 1.666,66 + 555,55 + 0
    assert [(i.name, i.value) for i in total.inputs] == [
        ("Persona D1 (D1)", Decimal("2222.22")),
        ("Persona D2 (D2)", Decimal("2222.22")),
        ("Persona D3 (D3)", Decimal("1666.66")),
        ("Persona D4 (D4)", Decimal("555.55")),
        ("Persona D5 (D5)", Decimal("0.00")),
    ]
    positive = read[
        "il numero delle persone tra i dipendenti dell'ente per cui il premio della parte «performance individuale» è più di € 0,00"
    ]
    counted = result.figures[positive]
    assert (counted.value, [i.value for i in counted.inputs]) == (Decimal(4), [True, True, True, True, False])
    # the highest evaluation «ammesso» compared with: 55 of 60, D1 and D2
    admitted = {i.name: i.ref for i in result.figures["ammesso:maggiorazione:D1"].inputs}
    highest = result.figures[admitted["il massimo del punteggio tra i dipendenti dell'ente"]]
    assert (highest.value, [i.value for i in highest.inputs]) == (Decimal(55), [55, 55, 40, 30, 10])


def test_sannazzaro_s_maggiorazione_is_set_aside_before_the_bands(ciclope_ente, tmp_path):
    # nearly everyone in the highest band: the bands leave too little for the maggiorazione, which the CCNL (art. 69
    # CCNL 21.5.2018) sets aside from the fund first; the bands then divide the fund less the set-aside, once
    people, cards = sannazzaro_staff({"D1": ("1", "55"), "D2": ("1", "55"), "D3": ("1", "50"), "D4": ("1", "40")})
    result = run(ciclope_ente, tmp_path, "sannazzaro", ente(people, cards, fund="10000.00"))
    # on the whole fund: budgets 10.000 / 4 = 2.500,00; D1, D2, D3 100% → 2.500,00, D4 75% → 1.875,00; paid 9.375,00,
    # 625,00 left. The maggiorazione to D1 and D2 (55): 30% × 9.375,00 / 4 = 703,125 → 703,13 each, 1.406,26 in all:
    # more than the 625,00 left, so it is set aside first.
    # Again on 10.000,00 − 1.406,26 = 8.593,74: budgets 2.148,435 → 2.148,43 (down) at 100%, 75% → 1.611,32625 →
    # 1.611,32; paid 3 × 2.148,43 + 1.611,32 = 8.056,61, 537,13 left (with the maggiorazione's part, as residual).
    # D1, D2: 2.148,43 + 703,13 = 2.851,56
    assert amounts(result) == {"D1": "2851.56", "D2": "2851.56", "D3": "2148.43", "D4": "1611.32"}
    pool = result.rewards.pools["performance_individuale"]  # 8.056,61 + 1.406,26 = 9.462,87; the fund whole
    assert (pool.distributed, pool.residual) == (Decimal("9462.87"), Decimal("537.13"))
    reduced = result.figures["pool:performance_individuale:performance individuale:ridotto"]
    assert reduced.value == Decimal("8593.74")
    set_aside = result.figures["pool:performance_individuale:maggiorazione:accantonamento"]
    assert set_aside.value == Decimal("1406.26")
    # the mean the maggiorazione read is of the premiums on the whole fund, each explained there
    read = {i.name: i.ref for i in result.figures["premio:maggiorazione:D1"].inputs}
    total = result.figures[read["la somma del premio della parte «performance individuale» tra i dipendenti dell'ente"]]
    assert (total.value, [i.value for i in total.inputs]) == (
        Decimal("9375.00"),
        [Decimal("2500.00"), Decimal("2500.00"), Decimal("2500.00"), Decimal("1875.00")],
    )
    # said without a «vedi» the scheda personale has no line for: what the premium read is, and what comes after it
    assert (
        "prima dell'accantonamento: il fondo della parte «performance individuale» è poi ridotto dell'accantonamento "
        "per la parte «maggiorazione» e diviso di nuovo"
    ) in result.figures["premio:maggiorazione:D1"].note
    # the maggiorazione's fund: the 1.406,26 set aside and the 537,13 the second split leaves
    fund = {i.name: i.value for i in result.figures["pool:performance_individuale:maggiorazione"].inputs}
    assert (fund["accantonamento"], fund["residuo ricevuto dalle parti precedenti"]) == (
        Decimal("1406.26"),
        Decimal("537.13"),
    )
    # the set-aside lists the premiums of the whole fund, each explained as it was before the set-aside
    listed = {i.name: i for i in set_aside.inputs}
    assert (listed["Persona D1 (D1)"].value, listed["Persona D2 (D2)"].value) == (Decimal("703.13"), Decimal("703.13"))
    whole = result.figures[listed["premi attribuiti dalla parte «performance individuale» sul fondo intero"].ref]
    d4 = result.figures[whole.inputs[3].ref]
    assert (whole.value, d4.value) == (Decimal("9375.00"), Decimal("1875.00"))
    assert result.figures["premio:performance individuale:D4"].value == Decimal("1611.32")
    assert "ccnl.art69.own_minimum" not in {p.rule for p in result.violations}  # paid whole: 30% of the mean


def test_sannazzaro_s_maggiorazione_covered_by_what_the_bands_leave_changes_nothing(ciclope_ente, tmp_path):
    # the test above without D3 at 50 (now 35, the 50% band): the bands leave enough, nobody's premium moves
    people, cards = sannazzaro_staff({"D1": ("1", "55"), "D2": ("1", "55"), "D3": ("1", "35"), "D4": ("1", "40")})
    result = run(ciclope_ente, tmp_path, "sannazzaro", ente(people, cards, fund="10000.00"))
    # 2.500,00 × 2 + 1.250,00 + 1.875,00 = 8.125,00 paid, 1.875,00 left; 30% × 8.125,00 / 4 = 609,375 → 609,38 to D1
    # and D2, 1.218,76 from the 1.875,00 left; D1, D2: 2.500,00 + 609,38 = 3.109,38
    assert amounts(result) == {"D1": "3109.38", "D2": "3109.38", "D3": "1250.00", "D4": "1875.00"}
    assert not any(k.startswith("accantonamento:") or k.endswith(":accantonamento") for k in result.figures)


def test_fbk_self_financing_by_participation_and_by_the_centres_contribution(ciclope_ente, tmp_path):
    # non-Centri: «in relazione al grado di partecipazione al raggiungimento degli obiettivi ordinari della struttura,
    # tenuto conto della presenza in servizio»; Centri: «per un 30%» by the participation in the Fondazione's
    # objectives, the 70% «riparametrato solo fra i Centri di Ricerca che hanno contribuito alla determinazione della
    # quota del fondo», by the participation in the Centro's. The 20% / 80% split between the two is the file's example.
    people = [
        "S1,Amministrativa,dipendente,C,CASSR,1,0,false,SEG",
        "S2,Tecnico,dipendente,C,CASSR,1,61,false,SEG",  # 61 days absent: present 305 of 366 days, 5/6
        "R1,Ricercatrice,dipendente,D,C1,1,0,false,SEG",
        "R2,Ricercatore,dipendente,D,C1,0.5,0,false,SEG",
        "R3,Tecnologa,dipendente,D,C2,1,0,false,SEG",
        "R4,Ricercatore,dipendente,D,C3,1,0,false,SEG",  # a Centro that brought no self-financing
    ]
    grades = {
        "S1": {"Obiettivi della struttura": "80"},
        "S2": {"Obiettivi della struttura": "60"},
        "R1": {"Obiettivi della Fondazione": "90", "Obiettivi del Centro": "100"},
        "R2": {"Obiettivi della Fondazione": "70", "Obiettivi del Centro": "50"},
        "R3": {"Obiettivi della Fondazione": "80", "Obiettivi del Centro": "80"},
        "R4": {"Obiettivi della Fondazione": "100", "Obiettivi del Centro": "100"},
    }
    cards = [f"{pid},SEG,{s},Partecipazione: {s.lower()},100,{p}," for pid, g in grades.items() for s, p in g.items()]
    data = ente(people, cards)
    data["ente.toml"] = 'name = "Fondazione"\n[funds]\nautofinanziamento = "10000.00"\n'
    data["units.csv"] = (
        "id,name,kind,parent,head,afferenza,contributo\n"
        "ente,Fondazione,ente,,SEG,struttura,0\n"  # the structures bring no self-financing
        "CASSR,Servizi di supporto,area,ente,SEG,,\n"
        "C1,Centro ICT,area,ente,SEG,centro,300000\n"
        "C2,Centro Materiali,area,ente,SEG,centro,100000\n"
        "C3,Centro Storia,area,ente,SEG,centro,0\n"
    )
    result = run(ciclope_ente, tmp_path, "fbk", data)
    # strutture, 20% = 2.000,00: S1 80 × 366 / 366 = 80, S2 60 × 305 / 366 = 50; Σ 130: 2.000 × 80 / 130 =
    #   1.230,769… → 1.230,77 and 2.000 × 50 / 130 = 769,230… → 769,23
    # Centri, Fondazione, 24% = 2.400,00: R1 90, R2 70 × 0,5 = 35, R3 80, R4 100; Σ 305: 708,196…, 275,409…,
    #   629,508…, 786,885…; cents down 2.399,97, the 3 cents to the largest remainders (R2, R3, R1):
    #   708,20 / 275,41 / 629,51 / 786,88
    # Centri, Centro, 56% = 5.600,00 among the Centri that contributed: C1 300.000, C2 100.000 (C3 none): C1 4.200,00,
    #   C2 1.400,00; in C1 R1 100, R2 50 × 0,5 = 25, Σ 125: 3.360,00 and 840,00; in C2 R3 1.400,00
    assert amounts(result) == {
        "S1": "1230.77",
        "S2": "769.23",
        "R1": "4068.20",  # 708,20 + 3.360,00
        "R2": "1115.41",  # 275,41 + 840,00
        "R3": "2029.51",  # 629,51 + 1.400,00
        "R4": "786.88",  # the 30% only: its Centro brought nothing
    }
    pool = result.rewards.pools["autofinanziamento"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))
    # each Centro's count of people, a figure of who is counted: C1 R1 and R2, C2 R3 (C3's R4 shares nothing)
    read = {i.name: i.ref for i in result.figures["riparto:autofinanziamento Centri, obiettivi del Centro:R1"].inputs}
    c1 = result.figures[read["il numero delle persone nella graduatoria"]]
    # the graduatoria by its Centro's name; without a condition each person counts 1 (2 = 1 + 1)
    assert (c1.value, c1.label) == (Decimal(2), "Il numero delle persone nella graduatoria: Centro ICT")
    assert [(i.name, i.value) for i in c1.inputs] == [("Ricercatrice (R1)", 1), ("Ricercatore (R2)", 1)]


def sannazzaro_with(tmp_path: Path, national: dict, year: int = 2024, share: str = "30%", staff: dict | None = None):
    """Sannazzaro's ente of the test above (or ``staff``), with [ente.nazionale] ``national`` in its cycle of ``year``
    and the part «maggiorazione» paying ``share`` of the mean premium."""
    from ciclope.core.inputs.config import EnteConfig, resolve_params
    from ciclope.core.run.runner import compute
    from ciclope.core.testing import write_ente

    people, cards = sannazzaro_staff(
        staff or {"D1": ("1", "55"), "D2": ("1", "55"), "D3": ("1", "40"), "D4": ("0.5", "30"), "D5": ("1", "10")}
    )
    text = (CATALOGUE / "sannazzaro.toml").read_text(encoding="utf-8")
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "smvp.toml").write_text(text.replace("importo = '=30% *", f"importo = '={share} *"), encoding="utf-8")
    overrides = {"regolamento": str(tmp_path / "smvp.toml")}
    params, problems = resolve_params("regolamento", year, overrides, "cycle.toml", national)
    assert problems == []
    folder = write_ente(tmp_path / "ente", ente(people, cards, fund="10000.00"))
    return compute(
        EnteConfig(id="sannazzaro", plugin="regolamento", data=folder, overrides=overrides, params=params), year
    )


def test_sannazzaro_s_maggiorazione_is_the_contract_s_paid_once(tmp_path):
    # the file's part «maggiorazione» says maggiorazione = true: the comparto's layer (funzioni_locali) neither warns
    # that [ente.nazionale] lacks it nor sets it aside again; the amounts are those of the test above
    result = sannazzaro_with(tmp_path, {})
    assert amounts(result) == {"D1": "2722.22", "D2": "2722.22", "D3": "1666.66", "D4": "555.55", "D5": "0.00"}
    rules = {p.rule for p in result.violations}
    assert "ccnl.art69.not_configured" not in rules and "ccnl.art69.twice" not in rules
    assert "ccnl.art69.own_minimum" not in rules  # 500,00 is 30% of the mean 1.666,66 (the test above)
    assert result.figures["art69:parte_del_regolamento"].value == "maggiorazione"
    assert not any(a.pool == "maggiorazione_art69" for a in result.rewards.awards.values())
    # the Relazione's national provisions say who pays it
    (national,) = [s for s in result.sections if s.title.startswith("Disposizioni nazionali applicate")]
    assert "pagata dal regolamento dell'ente, parte «maggiorazione»" in repr(national)


def test_a_regulation_s_own_maggiorazione_below_the_contract_s_minimum_is_said_and_left(tmp_path):
    # the part pays 25% of the mean: the premiums as in the test above, 6.666,65 to four people; the part pays
    # 25% × 6.666,65 / 4 = 416,66625 → 416,67 to D1 and D2; the contract in force in 2024 (art. 81 CCNL 16.11.2022)
    # asks at least 30% of the mean: 6.666,65 / 4 = 1.666,66 (half-up), × 30% = 499,998 → 500,00
    result = sannazzaro_with(tmp_path, {}, share="25%")
    assert amounts(result) == {"D1": "2638.89", "D2": "2638.89", "D3": "1666.66", "D4": "555.55", "D5": "0.00"}
    (short,) = [p for p in result.violations if p.rule == "ccnl.art69.own_minimum"]
    assert short.severity == "warning"
    assert "art. 81 CCNL" in short.message and "il 30% del valore medio pro-capite" in short.message
    assert "€ 6.666,65 / 4 = € 1.666,66, cioè almeno € 500,00" in short.message
    assert "la parte paga € 416,67 a Persona D1 (D1) e Persona D2 (D2)" in short.message
    # where to correct it: the part's key that makes it the maggiorazione, the second [[premi]] of the file
    lines = (CATALOGUE / "sannazzaro.toml").read_text(encoding="utf-8").splitlines()
    row = lines.index("maggiorazione = true") + 1  # 1-based, as the file's lines are counted
    assert (Path(short.file).name, short.row, short.column) == ("smvp.toml", row, "premi[2].maggiorazione")


def test_a_regulation_s_own_maggiorazione_paid_to_nobody_is_said(tmp_path):
    # the part at 0% of the mean pays nobody; the premiums as in the test above without the maggiorazione:
    # D1, D2 2.222,22, D3 1.666,66, D4 555,55 — four people with a premium and nobody with the maggiorazione
    result = sannazzaro_with(tmp_path, {}, share="0%")
    assert amounts(result) == {"D1": "2222.22", "D2": "2222.22", "D3": "1666.66", "D4": "555.55", "D5": "0.00"}
    (nobody,) = [p for p in result.violations if p.rule.startswith("ccnl.art69")]
    assert nobody.severity == "warning"
    assert nobody.message.startswith(
        "la parte «maggiorazione» del regolamento, che paga la maggiorazione del premio individuale (art. 81 CCNL "
    )
    assert "non la paga a nessuno, mentre 4 persone hanno un premio individuale" in nobody.message
    # paid to D1 and D2 at 30% (the first test): nothing to say
    assert not [p for p in sannazzaro_with(tmp_path / "paid", {}).violations if p.rule.startswith("ccnl.art69")]


def test_the_own_maggiorazione_s_minimum_follows_the_ente_s_size_from_2026(tmp_path):
    # 2026, six employees (not more than 10): art. 48 CCNL 23.2.2026 asks 25%. Budget 10.000 / 5,5 = 1.818,1818…:
    # D1, D2 100% → 1.818,18; D3 75% → 1.363,63; D4 half time 50% → 454,54; D5, D6 nothing. Σ 5.454,53 over four,
    # mean 1.363,6325 → 1.363,63; 25% → 340,9075 → 340,91. The part at 25% pays 340,91 (no warning); at 20%,
    # 20% × 5.454,53 / 4 = 272,7265 → 272,73, short of 340,91
    staff = {"D1": ("1", "55"), "D2": ("1", "55"), "D3": ("1", "40"), "D4": ("0.5", "30"), "D5": ("1", "10")}
    staff["D6"] = ("1", "5")
    enough = sannazzaro_with(tmp_path / "a", {}, year=2026, share="25%", staff=staff)
    assert [p.rule for p in enough.violations if p.rule.startswith("ccnl.art69")] == []
    assert amounts(enough)["D1"] == "2159.09"  # 1.818,18 + 340,91
    low = sannazzaro_with(tmp_path / "b", {}, year=2026, share="20%", staff=staff)
    (short,) = [p for p in low.violations if p.rule == "ccnl.art69.own_minimum"]
    assert "art. 48 CCNL" in short.message and "il 25% del valore medio" in short.message
    assert "perché l'ente ha 6 dipendenti, non più di 10" in short.message
    assert (
        "€ 5.454,53 / 4 = € 1.363,63, cioè almeno € 340,91; la parte paga € 272,73 a Persona D1 (D1) e Persona D2 (D2)"
        in short.message
    )
    # the Relazione's national provisions say which minimum holds: the 25% of an ente of not more than 10, with the
    # part that pays it; the 30% row governs nothing here
    (national,) = [s for s in enough.sections if s.title.startswith("Disposizioni nazionali applicate")]
    applied = {row[0]: row[-1] for row in national.rows}
    small = "Differenziazione del premio individuale negli enti con non più di 10 dipendenti (quota minima del premio medio)"
    assert applied[small] == "si applica: l'ente ha 6 dipendenti"
    whole = "Differenziazione del premio individuale ai valutati più alti (quota minima del premio medio)"
    assert applied[whole] == (
        "pagata dal regolamento dell'ente, parte «maggiorazione»; minimo 25%: l'ente ha 6 dipendenti, non più di 10 "
        "(art. 48 CCNL Funzioni Locali 23.2.2026)"
    )


def test_sannazzaro_s_maggiorazione_said_twice_is_an_error_and_paid_once(tmp_path):
    result = sannazzaro_with(tmp_path, {"maggiorazione": {"quota_premio": 0.30, "quota_personale": 0.10}})
    # the same amounts: the regulation's part pays it, the layer moves nothing
    assert amounts(result) == {"D1": "2722.22", "D2": "2722.22", "D3": "1666.66", "D4": "555.55", "D5": "0.00"}
    (twice,) = [p for p in result.violations if p.rule == "ccnl.art69.twice"]
    assert "è sia la parte «maggiorazione» del regolamento sia [ente.nazionale] maggiorazione" in twice.message
    assert not any(a.pool == "maggiorazione_art69" for a in result.rewards.awards.values())


def test_ao_policlinico_modena_80_percent_on_three_general_objectives_20_on_the_unit(ciclope_ente, tmp_path):
    # «OBIETTIVI GENERALI DI AZIENDA SULL'80% DEL FONDO […] gg. di assenza non superiori a 30 […] procedure generali e
    # specifiche previste dalle schede di budget […] partecipazione alle varie iniziative obbligatorie»; gli obiettivi
    # «legati al 20% del FONDO DI PRODUTTIVITA'». Readings of the file: the three general objectives are conditions of
    # the 80% part, divided by time worked; the 20% by the unit's achievement × time worked. The 5% / 50% limits on
    # «quanto mediamente assegnato al personale di pari livello» are not said, and not checked here.
    people = [
        "M1,Infermiera,dipendente,C,MED,1,0,false,,sì",
        "M2,Infermiere,dipendente,C,MED,0.5,10,false,,sì",
        "M3,Tecnica,dipendente,C,MED,1,31,false,,sì",  # 31 days absent: more than 30
        "C1,Ostetrica,dipendente,C,CHI,1,30,false,,sì",  # 30 days absent: «non superiori a 30», in
        "C2,Ausiliario,dipendente,B,CHI,1,0,false,,no",  # missed the compulsory training
        "L1,Tecnico,dipendente,C,LAB,1,0,false,,sì",  # his unit did not apply the budget procedures
    ]
    data = ente(people, [], extra="formazione_obbligatoria")
    data["units.csv"] = (
        "id,name,kind,parent,head,qualita\n"
        "ente,Policlinico,ente,,SEG,\n"
        "MED,Medicina,area,ente,SEG,sì\n"
        "CHI,Chirurgia,area,ente,SEG,sì\n"
        "LAB,Laboratorio,area,ente,SEG,no\n"
    )
    data["objectives.csv"] = (
        "id,kind,title,parent,area,weight,owner\n"
        "OB1,operational,Scheda di budget,,,,MED\nOB2,operational,Scheda di budget,,,,CHI\n"
        "OB3,operational,Scheda di budget,,,,LAB\n"
    )
    data["indicators.csv"] = (
        "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
        "IN1,OB1,Pratiche,higher,,,10,10,,,,,\nIN2,OB2,Pratiche,higher,,,10,5,,,,,\nIN3,OB3,Pratiche,higher,,,10,5,,,,,\n"
    )  # MED 10 / 10 = 100%, CHI and LAB 5 / 10 = 50%
    data["ente.toml"] = 'name = "Policlinico"\n[funds]\nproduttivita_collettiva = "10000.00"\n'
    result = run(ciclope_ente, tmp_path, "ao_policlinico_modena", data)
    # obiettivi generali, 80% = 8.000,00 among M1 (1), M2 (0,5) and C1 (1): Σ 2,5, 3.200,00 a tempo pieno →
    #   M1 3.200,00, M2 1.600,00, C1 3.200,00 (M3 excluded by absences, C2 by training, L1 by his unit's quality)
    # obiettivi specifici, 20% = 2.000,00 among all six by unit × time worked: M1 1 × 1, M2 1 × 0,5, M3 1 × 1,
    #   C1 0,5 × 1, C2 0,5 × 1, L1 0,5 × 1; Σ 4: 500,00 per weight → 500,00 / 250,00 / 500,00 / 250,00 / 250,00 / 250,00
    assert amounts(result) == {
        "M1": "3700.00",  # 3.200 + 500
        "M2": "1850.00",  # 1.600 + 250
        "M3": "500.00",  # the 20% only
        "C1": "3450.00",  # 3.200 + 250
        "C2": "250.00",
        "L1": "250.00",
    }
    # M3 is excluded from the 80% only and paid the 20%: not «escluso», and the explanation says from which part;
    # both parts read no evaluation (valutazione = false): everyone is «senza valutazione individuale»
    assert set(result.rewards.statuses.values()) == {"senza_valutazione_individuale"}
    why = result.figures["score:M3:status"]
    assert (why.value, why.formula) == (
        "escluso_assenze",
        "escluso dal premio: assenze oltre 30 giorni (per le parti: obiettivi generali)",
    )
    pool = result.rewards.pools["produttivita_collettiva"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))


def test_ausl_modena_the_nurses_hardship_by_extra_hours_and_days_present(ciclope_ente, tmp_path):
    # «il disagio subito dal personale infermieristico addetto all'assistenza diretta a tempo indeterminato in
    # servizio al 31.12.2000 (ivi compreso il personale in part time, nonché il personale cessato durante l'anno per
    # collocamento in quiescenza) […] rapportando, rispettivamente, un valore di £. 400.000.000 (pari al 40%) al totale
    # delle ore eccedenti, ed un valore di £. […]» (cut: the 60% to the days present is the file's reading). The fund
    # is an example in euro, 10.000,00 € (the text's £ 1 miliardo is 516.456,90 €): the shares do not depend on it.
    cols = "assunzione,cessazione,assistenza_diretta,rapporto,al_31_dicembre,ore_eccedenti,giornate_presenza"
    people = [
        "I1,Infermiera,dipendente,C,ente,1,0,false,,,,sì,tempo indeterminato,in servizio,120,250",
        "I2,Infermiere,dipendente,C,ente,0.5,0,false,,,,sì,tempo indeterminato,in servizio,40,240",  # part time
        "I3,Infermiera,dipendente,C,ente,1,0,false,,,2024-06-30,sì,tempo indeterminato,cessato per quiescenza,40,110",
        "I4,Infermiere,dipendente,C,ente,1,0,false,,,,sì,tempo determinato,in servizio,100,230",
        "I5,Coordinatrice,dipendente,D,ente,1,0,false,,,,no,tempo indeterminato,in servizio,80,220",
        "I6,Infermiere,dipendente,C,ente,1,0,false,,,2024-09-30,sì,tempo indeterminato,cessato per altro motivo,60,180",
    ]
    data = ente(people, [], extra=cols)
    data["ente.toml"] = 'name = "Azienda USL"\n[funds]\nrisorse_aggiuntive_infermieri = "10000.00"\n'
    result = run(ciclope_ente, tmp_path, "ausl_modena", data)
    # in: I1, I2 (part time), I3 (retired in the year); out: I4 (fixed term), I5 (not in direct care), I6 (left)
    # ore eccedenti, 40% = 4.000,00: 120 + 40 + 40 = 200 hours, 20,00 € an hour → 2.400,00 / 800,00 / 800,00
    # giornate, 60% = 6.000,00: 250 + 240 + 110 = 600 days, 10,00 € a day → 2.500,00 / 2.400,00 / 1.100,00
    # neither the part time nor the retirement cuts further: the hours and days already count the work
    assert amounts(result) == {
        "I1": "4900.00",  # 2.400 + 2.500
        "I2": "3200.00",  # 800 + 2.400
        "I3": "1900.00",  # 800 + 1.100
    }  # I4, I5 and I6 take part in neither part: no award
    pool = result.rewards.pools["risorse_aggiuntive_infermieri"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))


def test_dap_coefficients_of_the_judgement_and_the_best_reggenza(ciclope_ente, tmp_path):
    # «Eccellente 426-500 → 1.2; Oltre la media dal valore medio + 1 a 425 → 1.0; Distinto da 351 al valore medio →
    # 0.8; Adeguato 251-350 → 0.6; Minimo 151-250 → 0.2; […] 0-150 → 0»; the reggenza «pari al 20% del valore
    # economico della retribuzione di posizione […] del dirigente sostituito […] commisurata al periodo», of
    # simultaneous ones «il solo incarico più favorevole» (tra_gli_incarichi = "contemporanei"). 2024 (366 days); a
    # fund of 48.000,00 € (an example).
    points = {"D1": 450, "D2": 420, "D3": 400, "D4": 352, "D5": 300, "D6": 200}
    pay = {"D5": "36600.00", "D6": "18300.00"}
    people = [f"{pid},Dirigente {pid},dirigente,DIR,ente,1,0,false,SEG,{pay.get(pid, '40000.00')}" for pid in points]
    data = ente(people, [card(pid, str(p), "500") for pid, p in points.items()], "48000.00", "position_pay")
    data["incarichi.csv"] = (
        "persona,tipo,sostituito,dal,al\n"
        "D2,reggenza,D5,2024-01-01,2024-03-31\n"  # 91 days: 20% × 36.600 × 91 / 366 = 1.820,00
        "D2,reggenza,D6,2024-03-01,2024-03-31\n"  # at the same time, 31 days: 20% × 18.300 × 31 / 366 = 310,00
        "D2,reggenza,D6,2024-07-01,2024-12-31\n"  # another period, 184 days: 20% × 18.300 × 184 / 366 = 1.840,00
    )  # the better of the first two, 1.820,00, and the third: 3.660,00 (all three 3.970,00; the best alone 1.840,00)
    result = run(ciclope_ente, tmp_path, "dap", data)
    # the mean of the year (450 + 420 + 400 + 352 + 300 + 200) / 6 = 2122 / 6 = 353,67: «Oltre la media» from 354,67
    levels = {pid: s.level for pid, s in result.scores.items() if pid != "SEG"}
    assert levels == {
        "D1": "Eccellente",
        "D2": "Oltre la media",
        "D3": "Oltre la media",
        "D4": "Distinto",  # 352: from 351, below 354,67
        "D5": "Adeguato",
        "D6": "Minimo",
    }
    # the reggenza first: 3.660,00 to D2; the rest, 48.000 − 3.660 = 44.340,00, by coefficient: Σ 1,2 + 1 + 1 + 0,8 +
    # 0,6 + 0,2 = 4,8, 44.340 / 4,8 = 9.237,50 a point: 11.085,00 / 9.237,50 / 9.237,50 / 7.390,00 / 5.542,50 / 1.847,50
    assert amounts(result) == {
        "D1": "11085.00",
        "D2": "12897.50",  # 9.237,50 + 3.660,00
        "D3": "9237.50",
        "D4": "7390.00",
        "D5": "5542.50",
        "D6": "1847.50",
    }
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("48000.00"), Decimal("0.00"))


def test_sna_agenzie_fixed_amounts_by_category_and_months_of_service(ciclope_ente, tmp_path):
    # CCNL SNA 2018, art. 34: the agency's commissions grew 4,5 points over inflation (from +4, not +6): I Categoria
    # Super 200, I 190, II 165, III 110/150 → 150; pro-quota per /12 (months from 16 days: the file's reading) and
    # part-time in proportion, an apprentice by the share of the category's full pay (the file's reading). The test
    # runs 2024.
    people = [
        "A1,Anna,dipendente,,ente,1,0,false,,I super,,,100%",
        "A2,Bruno,dipendente,,ente,0.5,0,false,,II,,,100%",  # half time: 165 × 0,5 = 82,50
        "A3,Carla,dipendente,,ente,1,0,false,,III,2024-03-10,,100%",  # 22 days of March count: 10 months, 150 × 10 / 12
        "A4,Dario,dipendente,,ente,1,0,false,,I,2024-05-20,,100%",  # 12 days of May do not: 7 months, 190 × 7 / 12
        "A5,Elena,dipendente,,ente,1,0,false,,I,,2024-09-15,100%",  # 15 days of September do not: 8 months, 190 × 8 / 12
        "A6,Fabio,dipendente,,ente,1,0,false,,II,,,80%",  # an apprentice paid 80% of the II's full pay: 165 × 80%
    ]
    data = ente(people, [], extra="grado,assunzione,cessazione,percentuale_retribuzione")
    data["units.csv"] = "id,name,kind,parent,head,incremento\nente,Agenzia,ente,,SEG,4.5\n"
    data["ente.toml"] = 'name = "Agenzia"\n'  # no fund: the amounts are owed by the contract
    result = run(ciclope_ente, tmp_path, "sna_agenzie", data)
    # 200,00; 82,50; 125,00; 110,833… → 110,83; 126,666… → 126,67 (to the cent); 165 × 0,8 = 132,00
    assert amounts(result) == {
        "A1": "200.00",
        "A2": "82.50",
        "A3": "125.00",
        "A4": "110.83",
        "A5": "126.67",
        "A6": "132.00",
    }
    pool = result.rewards.pools["premio_produttivita"]  # their sum: 200 + 82,50 + 125 + 110,83 + 126,67 + 132 = 777,00
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("777.00"), Decimal("777.00"), Decimal("0.00"))
    # under +2 points no premium: every amount 0
    data["units.csv"] = data["units.csv"].replace(",4.5\n", ",1.5\n")
    (tmp_path / "sotto").mkdir()
    low = run(ciclope_ente, tmp_path / "sotto", "sna_agenzie", data)
    assert set(amounts(low).values()) == {"0.00"}


def test_fondazione_alma_mater_nested_shares_of_the_plafond_by_position_and_level(ciclope_ente, tmp_path):
    # «20% del plafond […] ai quattro titolari di posizione di responsabilità, di cui 80% ripartito in egual misura e
    # 20% proporzionato al livello […] (65% ai quadri e 35% ai secondi livelli)»; «80% del plafond […] a tutto il
    # personale dipendente, di cui l'80% ripartito in egual misura e il 20% erogato con pesi proporzionali solo ai
    # quadri, ai primi livelli e ai secondi livelli» (3 / 2 / 1: the file's example); part-time by hours, the months of
    # service «considerando come mese intero i periodi superiori a 15 giorni»; «a tutti i dipendenti […] in forza».
    # The test runs 2024; a plafond of 13.000,00 € (an example).
    cols = "assunzione,cessazione,posizione_responsabilita,inquadramento"
    people = [
        "R1,Responsabile quadro,dipendente,,ente,1,0,false,,,,sì,quadro",
        "R2,Responsabile di secondo livello,dipendente,,ente,1,0,false,,,,sì,secondo livello",
        "P1,Impiegata di primo livello,dipendente,,ente,1,0,false,,,,no,primo livello",
        "P2,Impiegato di secondo livello,dipendente,,ente,0.5,0,false,,,,no,secondo livello",  # half time
        # hired on 16 June: 15 days of June are not «superiori a 15 giorni»: July–December, 6 months
        "P3,Impiegata,dipendente,,ente,1,0,false,,2024-06-16,,no,altro livello",
        # ceased on 30 June 2025: no longer in force when the premiums are paid, on 15 July 2025
        "P4,Impiegato,dipendente,,ente,1,0,false,,,2025-06-30,no,primo livello",
    ]
    data = ente(people, [], extra=cols)
    data["ente.toml"] = (
        'name = "Fondazione"\n[funds]\npremio_produttivita = "13000.00"\n[approvals]\npremi_erogati = 2025-07-15\n'
    )
    result = run(ciclope_ente, tmp_path, "fondazione_alma_mater", data)
    # responsabili in egual misura, 20% × 80% = 16% = 2.080,00: R1, R2 weight 1 each → 1.040,00 each
    # responsabili quadri, 20% × 20% × 65% = 2,6% = 338,00: R1 alone; secondi livelli, 1,4% = 182,00: R2 alone
    # tutto il personale in egual misura, 80% × 80% = 64% = 8.320,00: R1, R2, P1 1; P2 0,5 (half time); P3 6 / 12 =
    #   0,5; P4 out; Σ 4, 2.080,00 a weight → 2.080,00 / 2.080,00 / 2.080,00 / 1.040,00 / 1.040,00
    # per livello, 80% × 20% = 16% = 2.080,00 among quadri 3, primi 2, secondi 1 × time worked: R1 3, R2 1, P1 2,
    #   P2 1 × 0,5 = 0,5 (P3 «altro livello» and P4 out); Σ 6,5, 320,00 a weight → 960,00 / 320,00 / 640,00 / 160,00
    assert amounts(result) == {
        "R1": "4418.00",  # 1.040 + 338 + 2.080 + 960
        "R2": "3622.00",  # 1.040 + 182 + 2.080 + 320
        "P1": "2720.00",  # 2.080 + 640
        "P2": "1200.00",  # 1.040 + 160
        "P3": "1040.00",  # 7 months (a month from 15 days) would have given 8.320 × (7 / 12) / 4,0833… = 1.188,57
    }  # P4, not in force, takes part in no part: no award
    pool = result.rewards.pools["premio_produttivita"]
    assert (pool.distributed, pool.residual) == (Decimal("13000.00"), Decimal("0.00"))


def test_ecocerved_on_off_objective_share_of_transversal_objectives_and_mbo(ciclope_ente, tmp_path):
    # «un obiettivo ON/OFF che costituisce requisito imprescindibile per l'ottenimento del premio»; the «componente
    # variabile» modulated «in base alla percentuale di obiettivi trasversali raggiunti e in base alla valutazione […]
    # del responsabile diretto»; «per i dirigenti e per i quadri […] il prodotto del premio nominale teorico per il
    # coefficiente di raggiungimento degli obiettivi». The codes ONOFF and TRASV (the transversal objectives' parent)
    # are the file's examples.
    people = [
        "E1,Impiegata,dipendente,C,ente,1,0,false,SEG,2000,no,",
        "E2,Impiegato,dipendente,C,ente,0.5,0,false,SEG,1500,no,",  # the component is already his own (half time)
        "E3,Impiegata,dipendente,C,ente,1,0,false,SEG,1800,no,",
        "Q1,Quadro,dipendente,D,ente,1,0,false,SEG,4000,sì,90%",
        "D1,Dirigente,dirigente,DIR,ente,1,0,false,SEG,10000,no,60%",
    ]
    cards = [card("E1", "80"), card("E2", "100"), card("E3", "50"), card("Q1", "70")]
    data = ente(people, cards, extra="componente_variabile,quadro,raggiungimento_mbo")
    data["ente.toml"] = 'name = "Società consortile"\n'  # no fund: both premiums are owed
    data["objectives.csv"] = (
        "id,kind,title,parent,area,weight,owner\n"
        "ONOFF,operational,Obiettivo ON/OFF,,,,ente\n"
        "TRASV,strategic,Obiettivi trasversali,,,,ente\n"
    ) + "".join(f"{code},operational,Obiettivo {code},TRASV,,,ente\n" for code in ("T1", "T2", "T3", "T4"))
    measures = {"ONOFF": 10, "T1": 10, "T2": 10, "T3": 10, "T4": 9}  # on a target of 10
    head = "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
    data["indicators.csv"] = head + "".join(
        f"I{code},{code},Indicatore {code},higher,,,10,{actual},,,,,\n" for code, actual in measures.items()
    )
    result = run(ciclope_ente, tmp_path, "ecocerved", data)
    # ONOFF 10 / 10: reached. Transversal: T1–T3 at 100%, T4 at 90% is not reached: 3 of 4, 75% (the mean of the
    # achievements, 97,5%, would give other amounts)
    # E1 2.000 × 75% × 80 / 100 = 1.200,00; E2 1.500 × 75% × 100 / 100 = 1.125,00; E3 1.800 × 75% × 50 / 100 = 675,00
    # MBO: Q1 4.000 × 90% (her coefficient) = 3.600,00, not × 75% nor × her 70 points; D1 10.000 × 60% = 6.000,00
    assert amounts(result) == {
        "E1": "1200.00",
        "E2": "1125.00",
        "E3": "675.00",
        "Q1": "3600.00",
        "D1": "6000.00",
    }
    pool = result.rewards.pools["premi"]  # their sum: 1.200 + 1.125 + 675 = 3.000,00 and 3.600 + 6.000 = 9.600,00
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("12600.00"), Decimal("12600.00"), Decimal("0.00"))
    # the ON/OFF objective missed (8 of 10): nothing to the employees, the MBO unchanged (the file's reading)
    data["indicators.csv"] = data["indicators.csv"].replace("ONOFF,higher,,,10,10,", "ONOFF,higher,,,10,8,")
    (tmp_path / "spento").mkdir()
    off = run(ciclope_ente, tmp_path / "spento", "ecocerved", data)
    assert {pid: a for pid, a in amounts(off).items() if a != "0.00"} == {"Q1": "3600.00", "D1": "6000.00"}


def test_provincia_cremona_the_share_of_each_dirigente_s_maximum_by_band(ciclope_ente, tmp_path):
    # «la percentuale di erogazione della retribuzione di risultato è stata del 100% nel caso di punteggio superiore a
    # 95, del 90% per un punteggio compreso tra 80 e 94, e del 75% per un punteggio compreso tra 65 e 79»; the fund
    # «accantonato […] da ripartire nel caso tutti avessero ottenuto il massimo punteggio possibile». Each dirigente's
    # maximum is a column (the text does not say how the fund is divided among them); readings of the file: «superiore
    # a 95» from 95,01, the scores between 94 and 95 (and 95) at 90%, between 79 and 80 at 75%, nothing under 65.
    maxima = {"C1": "12000.00", "C2": "14000.00", "C3": "10000.00", "C4": "11000.00", "C5": "9000.00", "C6": "8000.00"}
    points = {"C1": "97", "C2": "95", "C3": "94.5", "C4": "79.5", "C5": "65", "C6": "64"}
    people = [f"{pid},Dirigente {pid},dirigente,DIR,ente,1,0,false,SEG,{top}" for pid, top in maxima.items()]
    data = ente(people, [card(pid, p) for pid, p in points.items()], extra="risultato_massimo")
    # the fund set aside is the sum of the maxima: 12.000 + 14.000 + 10.000 + 11.000 + 9.000 + 8.000 = 64.000,00
    data["ente.toml"] = 'name = "Provincia"\n[funds]\nrisultato_dirigenti = "64000.00"\n'
    # C6's negative evaluation (64 < 65) with its contraddittorio recorded
    data["appeals.csv"] = (
        "person,stage,date,outcome,new_points_item,new_points\nC6,contraddittorio,2025-03-10,respinto,,\n"
    )
    result = run(ciclope_ente, tmp_path, "provincia_cremona", data)
    levels = {pid: s.level for pid, s in result.scores.items() if pid in points}
    assert levels == {"C1": "100%", "C2": "90%", "C3": "90%", "C4": "75%", "C5": "75%", "C6": None}
    assert amounts(result) == {
        "C1": "12000.00",  # 97 > 95: 100% × 12.000
        "C2": "12600.00",  # 95 is not «superiore a 95»: 90% × 14.000
        "C3": "9000.00",  # 94,5, between 94 and 95: 90% × 10.000
        "C4": "8250.00",  # 79,5, between 79 and 80: 75% × 11.000
        "C5": "6750.00",  # 65: 75% × 9.000
        "C6": "0.00",  # 64, under the lowest band: nothing (never 75% × 8.000 = 6.000,00)
    }
    assert result.rewards.statuses == {"C6": "valutazione_negativa"}
    assert not [v for v in result.violations if v.severity == "error"]
    # paid 12.000 + 12.600 + 9.000 + 8.250 + 6.750 = 48.600,00; the rest of the fund, 15.400,00, stays in it
    pool = result.rewards.pools["risultato_dirigenti"]
    assert (pool.amount, pool.distributed, pool.residual) == (
        Decimal("64000.00"),
        Decimal("48600.00"),
        Decimal("15400.00"),
    )


def montagna_sicura(
    staff: dict[str, tuple[str, str, str, str | None]], prizes: str, approved: bool = True
) -> dict[str, str]:
    """The Fondazione Montagna Sicura's staff: id → (time worked, hired, left, the card's points on produttività and
    qualità, each on 50, as "40+40"; None without a card), the Segretario generale (SEG) besides; ``prizes`` the rows
    of premi.csv (the premi ad personam), ``approved`` whether the Board's approval of them is in [atti]."""
    people = [
        f"{pid},Persona {pid},dipendente,,ente,{fte},0,false,SEG,{hired},{left}"
        for pid, (fte, hired, left, _) in staff.items()
    ]
    cards = [
        f"{pid},SEG,{section},{section},50,{points},"
        for pid, (*_, marks) in staff.items()
        if marks is not None
        for section, points in zip(("Produttività", "Qualità"), marks.split("+"))
    ]
    data = ente(people, cards, extra="assunzione,cessazione")
    data["ente.toml"] = 'name = "Fondazione"\n'  # no fund: the regulation constitutes it ([[fondi]])
    if approved:
        data["ente.toml"] += "[atti]\npremi_ad_personam_approvati = 2025-03-10\n"
    data["premi.csv"] = "persona,parte,importo\n" + prizes
    return data


def test_montagna_sicura_the_ceiling_of_85_percent_binds(ciclope_ente, tmp_path):
    # «massimo € 3.600/00 annui (€ 300/00 mensili)» with «apposita scheda di valutazione» (the file: 300 € × the months
    # of service, a month from 16 days, × score / 100 × time worked); «l'importo annuale massimo […] pari all'85% del
    # premio individuale massimo moltiplicato per il numero medio dei dipendenti in forza durante l'anno» (the file:
    # the dipendenti's days of service / the days of the year, the Segretario generale not counted). 2024, 366 days.
    staff = {
        "M1": ("1", "", "", "50+50"),  # 100 points: 300 × 12 = 3.600,00
        "M2": ("1", "", "", "50+50"),  # 3.600,00
        "M3": ("1", "", "", "50+45"),  # 95 points: 300 × 12 × 0,95 = 3.420,00
        # hired on 16 April: 15 days of April are not a month, May–December 8 months: 300 × 8 = 2.400,00; in service
        # 366 − (31 + 29 + 31 + 15) = 260 days
        "M4": ("1", "2024-04-16", "", "50+50"),
    }
    result = run(ciclope_ente, tmp_path, "montagna_sicura", montagna_sicura(staff, "M2,premi ad personam,200.00\n"))
    # the ceiling: 85% × 3.600 = 3.060 × (1 + 1 + 1 + 260 / 366) = 9.180 + 795.600 / 366 = 9.180 + 2.173,770… =
    # 11.353,770… → rounded down 11.353,77 (SEG, the Segretario generale, not counted: with him 14.413,77)
    pool = result.rewards.pools["premio_obiettivi"]
    assert pool.amount == Decimal("11353.77")
    # due 3.600 + 3.600 + 3.420 + 2.400 = 13.020,00 > 11.353,77: reduced in proportion, 11.353,77 × due / 13.020:
    # M1, M2 × 3.600 = 3.139,2912…; M3 × 3.420 = 2.982,3266…; M4 × 2.400 = 2.092,8608…; to the cent 3.139,29 × 2 +
    # 2.982,32 + 2.092,86 = 11.353,76, the cent left to the largest remainder (0,67 of a cent): M3
    assert amounts(result) == {"M1": "3139.29", "M2": "3139.29", "M3": "2982.33", "M4": "2092.86"}
    assert any(v.rule == "regolamento.fondo_insufficiente" for v in result.violations)
    # the premi ad personam are within the same ceiling (the file's reading): nothing is left for M2's 200,00, which
    # is not paid; the ceiling is all distributed
    [above] = [v for v in result.violations if v.rule == "regolamento.importi"]
    assert above.message.startswith("i premi della parte «premi ad personam» scritti in premi.csv (€ 200,00) superano")
    assert (pool.distributed, pool.residual) == (Decimal("11353.77"), Decimal("0.00"))


def test_montagna_sicura_under_the_ceiling_the_rest_pays_the_premi_ad_personam(ciclope_ente, tmp_path):
    staff = {
        "N1": ("1", "", "", "40+40"),  # 80 points: 300 × 12 × 0,80 = 2.880,00
        "N2": ("0.5", "", "", "45+45"),  # half time, 90 points: 300 × 12 × 0,90 × 0,5 = 1.620,00
        # hired on 10 July: 22 days of July count, July–December 6 months, 70 points: 300 × 6 × 0,70 = 1.260,00;
        # in service 366 − (182 + 9) = 175 days
        "N3": ("1", "2024-07-10", "", "35+35"),
        # left on 15 September: 15 days of September are not a month, January–August 8 months: 300 × 8 = 2.400,00;
        # in service 244 + 15 = 259 days
        "N4": ("1", "", "2024-09-15", "50+50"),
        "N5": ("1", "", "", None),  # no card: no premium for objectives, but in force
    }
    prizes = "N1,premi ad personam,500.00\nN5,premi ad personam,300.00\n"
    result = run(ciclope_ente, tmp_path, "montagna_sicura", montagna_sicura(staff, prizes))
    # the ceiling: the average dipendenti in force 1 (N1) + 1 (N2, half time: a head) + 175 / 366 + 259 / 366 + 1 (N5)
    # = 3 + 434 / 366; 3.060 × 3 = 9.180 + 3.060 × 434 / 366 = 1.328.040 / 366 = 3.628,524… → 12.808,524… → 12.808,52
    pool = result.rewards.pools["premio_obiettivi"]
    assert pool.amount == Decimal("12808.52")
    # the premium for objectives pays 2.880 + 1.620 + 1.260 + 2.400 = 8.160,00 in full; 12.808,52 − 8.160 = 4.648,52
    # go to the premi ad personam, which pay 500,00 + 300,00 as written: 3.848,52 stay in the fund
    assert amounts(result) == {
        "N1": "3380.00",  # 2.880 + 500 ad personam
        "N2": "1620.00",
        "N3": "1260.00",
        "N4": "2400.00",
        "N5": "300.00",  # ad personam only
    }
    assert not any(v.rule in {"regolamento.fondo_insufficiente", "regolamento.importi"} for v in result.violations)
    assert (pool.distributed, pool.residual) == (Decimal("8960.00"), Decimal("3848.52"))
    # «presentati al Consiglio di amministrazione per l'approvazione»: without the Board's act the premi ad personam
    # are not paid, and 12.808,52 − 8.160,00 = 4.648,52 stay in the fund
    (tmp_path / "senza_approvazione").mkdir()
    unapproved = montagna_sicura(staff, prizes, approved=False)
    result = run(ciclope_ente, tmp_path / "senza_approvazione", "montagna_sicura", unapproved)
    assert amounts(result) == {"N1": "2880.00", "N2": "1620.00", "N3": "1260.00", "N4": "2400.00"}
    pool = result.rewards.pools["premio_obiettivi"]
    assert (pool.distributed, pool.residual) == (Decimal("8160.00"), Decimal("4648.52"))


def test_studi_professionali_confsal_a_share_of_the_monthly_pay_by_days_of_absence(ciclope_ente, tmp_path):
    # «da 0 a 5° giorno di assenza e al non superamento delle due sanzioni disciplinari 70% della retribuzione
    # mensile; da 6° a 10° […] 60%; da 11° a 15° […] 50%»; «non può superare […] più di 15 giorni di assenze e non può
    # riportare più di 2 sanzioni disciplinari»; absence_days holds only the causes the text counts (the file's reading)
    staff = {  # id: (fte, days of absence, monthly pay, sanctions)
        "S1": ("1", "0", "1800.00", "0"),
        "S2": ("1", "5", "2000.00", "0"),
        "S3": ("1", "6", "2000.00", "1"),
        "S4": ("1", "10", "1900.00", "2"),
        "S5": ("1", "11", "1700.00", "0"),
        "S6": ("1", "15", "2100.00", "0"),
        "S7": ("1", "16", "2100.00", "0"),
        "S8": ("1", "0", "1800.00", "3"),
        "S9": ("0.5", "3", "950.00", "0"),  # half time: the monthly pay is already the half-time pay
        "S10": ("1", "2", "1234.55", "0"),
    }
    people = [
        f"{pid},Persona {pid},dipendente,C,ente,{fte},{days},false,,{pay},{sanctions}"
        for pid, (fte, days, pay, sanctions) in staff.items()
    ]
    data = ente(people, [], extra="retribuzione_mensile,sanzioni")
    data["ente.toml"] = 'name = "Studio professionale"\n'  # no fund: the premium is owed by the contract
    result = run(ciclope_ente, tmp_path, "studi_professionali_confsal", data)
    assert amounts(result) == {
        "S1": "1260.00",  # 0 giorni: 1.800 × 70%
        "S2": "1400.00",  # 5 giorni, ancora da 0 a 5: 2.000 × 70%
        "S3": "1200.00",  # 6 giorni: 2.000 × 60%; una sanzione non conta
        "S4": "1140.00",  # 10 giorni e 2 sanzioni (non più di 2): 1.900 × 60%
        "S5": "850.00",  # 11 giorni: 1.700 × 50%
        "S6": "1050.00",  # 15 giorni, ancora da 11 a 15: 2.100 × 50%
        "S7": "0.00",  # 16 giorni: più di 15, nulla
        "S8": "0.00",  # 3 sanzioni: più di 2, nulla anche senza assenze
        "S9": "665.00",  # 3 giorni a metà tempo: 950 × 70%, non ridotto una seconda volta
        "S10": "864.19",  # 2 giorni: 1.234,55 × 70% = 864,185, al centesimo per eccesso da mezzo centesimo
    }
    assert (result.rewards.statuses["S7"], result.rewards.statuses["S8"]) == ("escluso_assenze", "escluso_sanzioni")
    # the fund owed: 1.260 + 1.400 + 1.200 + 1.140 + 850 + 1.050 + 665 + 864,19 = 8.429,19
    pool = result.rewards.pools["premio_risultato_individuale"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("8429.19"), Decimal("8429.19"), Decimal("0.00"))


def usl_1983(spent: str) -> dict[str, str]:
    """An Unità sanitaria locale in 2024 (366 days): id → (time worked, hired, left, parametro in godimento); the sums
    the Regione paid out for current expenses and those spent, the ente's own data (ente.toml [dati])."""
    staff = {
        "P1": ("1", "", "", "100"),  # all year: 12 months
        "P2": ("1", "", "", "120"),  # 12 months
        "P3": ("1", "2024-07-16", "", "150"),  # 16 days of July are a month: July–December, 6 months
        "P4": ("1", "", "2024-03-15", "100"),  # 15 days of March are not: January, February, 2 months
        "P5": ("0.5", "", "", "120"),  # half time, 12 months: the text counts the parametro and the months
        "P6": ("1", "2024-07-17", "", "100"),  # 15 days of July are not a month: August–December, 5 months
    }
    people = [
        f"{pid},Persona {pid},dipendente,C,ente,{fte},0,false,,{hired},{left},{parametro}"
        for pid, (fte, hired, left, parametro) in staff.items()
    ]
    data = ente(people, [], extra="assunzione,cessazione,parametro")
    # no fund: the regulation constitutes it from the savings ([[fondi]]), two data of the USL itself
    data["ente.toml"] = f'name = "USL"\n[dati]\nerogato = "1000000.00"\nspeso = "{spent}"\n'
    return data


def test_usl_1983_art68_twelfths_of_40_percent_of_the_savings_by_parametro(ciclope_ente, tmp_path):
    # «il risparmio […] a differenza tra le somme effettivamente erogate dalle regioni per spese correnti e quelle
    # effettivamente spese […] 40% configurato come premio di produttività […] distribuito al personale dipendente
    # […] sulla base dei parametri in godimento e dei periodi di servizio prestati […] le frazioni di mesi superiori a
    # 15 giorni equivarranno a un mese […] la somma complessiva disponibile viene divisa in dodicesimi quindi divisa per
    # il numero complessivo dei parametri goduti dal personale dipendente. A ciascun dipendente per ciascun mese
    # compete la somma risultante dalla quota unitaria moltiplicata per il parametro di godimento»
    result = run(ciclope_ente, tmp_path, "usl_1983_art68", usl_1983("970000.00"))
    # the fund: 40% × (1.000.000 − 970.000) = 40% × 30.000 = 12.000,00
    pool = result.rewards.pools["premio_produttivita"]
    assert pool.amount == Decimal("12000.00")
    # Σ parametri of the staff in service (each once): 100 + 120 + 150 + 100 + 120 + 100 = 690; the quota unitaria
    # 12.000 / 12 / 690 = 1.000 / 690 = 1,449275… € per point of parametro and month
    assert amounts(result) == {
        "P1": "1739.13",  # 100 × 12 = 1.200 × 1.000 / 690 = 1.739,130…
        "P2": "2086.96",  # 120 × 12 = 1.440 → 2.086,956…
        "P3": "1304.35",  # 150 × 6 = 900 → 1.304,347…
        "P4": "289.86",  # 100 × 2 = 200 → 289,855…
        "P5": "2086.96",  # half time, not reduced: 120 × 12 = 1.440 → 2.086,956…
        "P6": "724.64",  # 100 × 5 = 500 → 724,637…
    }
    # paid 1.739,13 + 2.086,96 + 1.304,35 + 289,86 + 2.086,96 + 724,64 = 8.231,90; the months not served (P3, P4,
    # P6) leave 12.000 − 8.231,90 = 3.768,10 in the fund (the file's reading of «i parametri goduti»)
    assert (pool.distributed, pool.residual) == (Decimal("8231.90"), Decimal("3768.10"))


def test_usl_1983_art68_without_savings_no_premium(ciclope_ente, tmp_path):
    # «ove si verifichi […] un risparmio»: spent 1.000.500 of 1.000.000 paid out, no savings, a fund of 0
    result = run(ciclope_ente, tmp_path, "usl_1983_art68", usl_1983("1000500.00"))
    assert result.rewards.pools["premio_produttivita"].amount == Decimal("0.00")
    assert set(amounts(result).values()) <= {"0.00"}


def dirigenti_1998(prizes: str) -> dict[str, str]:
    """Three dirigenti with their monthly pay of June (position included); ``prizes`` the rows of premi.csv (the
    quota variabile the Segretario Generale decides); the fund for the retribuzione di risultato, 20.000,00 €."""
    june = {"D1": ("1", "3200.00"), "D2": ("1", "3500.00"), "D3": ("0.5", "1450.00")}  # D3 half time: already halved
    people = [f"{pid},Dirigente {pid},dirigente,DIR,ente,{fte},0,false,,{pay}" for pid, (fte, pay) in june.items()]
    data = ente(people, [], extra="retribuzione_giugno")
    data["ente.toml"] = 'name = "Ente"\n[funds]\nrisultato_dirigenti = "20000.00"\n'
    data["premi.csv"] = "persona,parte,importo\n" + prizes
    return data


def test_dirigenti_gu1998_art38_a_fixed_monthly_pay_and_the_rest_of_75_percent(ciclope_ente, tmp_path):
    # «l'ammontare annuo complessivo del premio è fissato nel 75% delle risorse disponibili sul fondo per la
    # retribuzione di risultato […] a) quota fissa […] pari alla retribuzione mensile in godimento al mese di giugno
    # […] inclusa la retribuzione di posizione. b) quota variabile per la parte rimanente […] con provvedimento
    # motivato del Segretario Generale»
    prizes = "D1,quota variabile,3000.00\nD2,quota variabile,2500.00\nD3,quota variabile,1000.00\n"
    result = run(ciclope_ente, tmp_path, "dirigenti_gu1998_art38", dirigenti_1998(prizes))
    # 75% of 20.000 = 15.000,00; the quota fissa 3.200 + 3.500 + 1.450 = 8.150,00; the quota variabile has the rest,
    # 15.000 − 8.150 = 6.850,00, and pays the 3.000 + 2.500 + 1.000 = 6.500,00 decided: 350,00 are left of it
    assert amounts(result) == {
        "D1": "6200.00",  # 3.200 + 3.000
        "D2": "6000.00",  # 3.500 + 2.500
        "D3": "2450.00",  # 1.450 (half time, not halved again) + 1.000
    }
    # the 25% the premium does not take (5.000,00) and the 350,00 the decisions left: 5.350,00 stay in the fund
    pool = result.rewards.pools["risultato_dirigenti"]
    assert (pool.distributed, pool.residual) == (Decimal("14650.00"), Decimal("5350.00"))


def test_dirigenti_gu1998_art38_decisions_beyond_the_rest_are_not_paid(ciclope_ente, tmp_path):
    # the decisions add up to 3.500 + 2.500 + 1.000 = 7.000,00, more than the 6.850,00 the quota fissa leaves: an
    # error, and none of the quota variabile is paid; the quota fissa is
    prizes = "D1,quota variabile,3500.00\nD2,quota variabile,2500.00\nD3,quota variabile,1000.00\n"
    result = run(ciclope_ente, tmp_path, "dirigenti_gu1998_art38", dirigenti_1998(prizes))
    assert amounts(result) == {"D1": "3200.00", "D2": "3500.00", "D3": "1450.00"}
    assert any(v.rule == "regolamento.importi" for v in result.violations)
    pool = result.rewards.pools["risultato_dirigenti"]  # 20.000 − 8.150 = 11.850,00 stay in the fund
    assert (pool.distributed, pool.residual) == (Decimal("8150.00"), Decimal("11850.00"))


def test_dirigenti_gu1998_art38_the_quota_variabile_half_in_august_half_in_february(ciclope_ente, tmp_path):
    # «A regime la quota variabile verrà erogata per la metà riferita al primo semestre dell'anno con la competenza
    # del mese di agosto; per l'altra metà riferita al secondo semestre dell'anno con le competenze del successivo
    # mese di febbraio»: each half of what the Segretario Generale decided, August's rounded down to the cent and
    # February's the rest (the cycle is 2024: February is 2025's)
    prizes = "D1,quota variabile,3000.01\nD2,quota variabile,2500.00\nD3,quota variabile,999.99\n"
    result = run(ciclope_ente, tmp_path, "dirigenti_gu1998_art38", dirigenti_1998(prizes))
    paid = [(i.person, i.what, f"{i.year}-{i.month:02d}", i.period, str(i.amount)) for i in result.ledger.instalments]
    assert paid == [
        ("D1", "quota variabile", "2024-08", "primo semestre", "1500.00"),  # 3.000,01 / 2 = 1.500,005, down
        ("D1", "quota variabile", "2025-02", "secondo semestre", "1500.01"),  # 3.000,01 − 1.500,00
        ("D2", "quota variabile", "2024-08", "primo semestre", "1250.00"),  # 2.500,00 / 2
        ("D2", "quota variabile", "2025-02", "secondo semestre", "1250.00"),
        ("D3", "quota variabile", "2024-08", "primo semestre", "499.99"),  # 999,99 / 2 = 499,995, down
        ("D3", "quota variabile", "2025-02", "secondo semestre", "500.00"),  # 999,99 − 499,99
    ]
    # the quota fissa has no instalments: each award is the quota fissa + both halves, 3.200 + 3.000,01 = 6.200,01
    assert amounts(result) == {"D1": "6200.01", "D2": "6000.00", "D3": "2449.99"}
    last = result.figures["rata:D1:quota variabile:2"]  # explained from the part's premium of the person
    assert [(i.name, str(i.value)) for i in last.inputs] == [
        ("premio della parte «quota variabile»", "3000.01"),
        ("rate precedenti", "1500.00"),
    ]
    assert last.inputs[0].ref in result.figures


def area_pools(result) -> dict[str, Decimal]:
    return {
        area: result.figures[f"pool:performance_individuale:{area}"].value
        for area in ("tecnico-amministrativa", "dirigenziale")
    }


# the four criteria of art. 35, the four voci of the file's card
CRITERIA_1997 = (
    "Precisione e qualità delle prestazioni svolte",
    "Capacità di adattamento operativo al contesto, alla flessibilità e ai cambiamenti organizzativi",
    "Orientamento all'utenza e alla collaborazione nella unità e tra unità",
    "Capacità di proporre soluzioni innovative e miglioramenti organizzativi e gestionali",
)


def ente_1997(people: list[str], cards: list[str], fund: str = "10000.00", revenues: str = "60000.00"):
    """The Ente of the 1997 contract: its Areas and annual pay as columns of the staff, the revenues of the Entrate
    Programmatiche one of its own data (ente.toml [dati])."""
    data = ente(people, cards, fund, extra="grado,retribuzione_annua")
    data["ente.toml"] += f'[dati]\nricavi_programmatici = "{revenues}"\n'
    return data


def test_ente_gu1997_art35_70_percent_by_payroll_30_by_headcount_between_the_areas(ciclope_ente, tmp_path):
    # «le disponibilità complessive sono ripartite fra l'Area tecnico-amministrativa e l'Area dirigenziale e delle
    # specifiche tipologie professionali […]: per il 70% con riferimento al parametro del monte salari; per il 30% con
    # riferimento al numero dei dipendenti di ciascuna area. I compensi verranno erogati sulla base di uno o più dei
    # seguenti criteri: a) […] d)»; in each Area by the card of the four criteria (the file's reading)
    staff = {  # id: (role, Area, annual pay, the four criteria on 25)
        "T1": ("dipendente", "tecnico-amministrativa", "30000.00", ("23", "22", "23", "22")),  # 90
        "T2": ("dipendente", "tecnico-amministrativa", "25000.00", ("20", "20", "20", "20")),  # 80
        "T3": ("dipendente", "tecnico-amministrativa", "25000.00", ("15", "15", "15", "15")),  # 60
        "R1": ("dirigente", "dirigenziale", "60000.00", ("23", "22", "23", "22")),  # 90
        "R2": ("dipendente", "dirigenziale", "40000.00", ("18", "17", "18", "17")),  # 70: a tipologia professionale
    }
    people = [
        f"{pid},Persona {pid},{role},C,ente,1,0,false,SEG,{area},{pay}" for pid, (role, area, pay, _) in staff.items()
    ]
    cards = [
        f'{pid},SEG,Criteri,"{item}",25,{points},'  # a criterion has a comma: quoted
        for pid, (*_, marks) in staff.items()
        for item, points in zip(CRITERIA_1997, marks)
    ]
    result = run(ciclope_ente, tmp_path, "ente_gu1997_art35", ente_1997(people, cards))
    assert not result.violations  # the fund, 10.000,00, is within 20% of the revenues: 20% × 60.000 = 12.000,00
    # a fund of 10.000,00 between the Areas: payroll tecnico-amministrativa 30.000 + 25.000 + 25.000 = 80.000,
    #   dirigenziale 60.000 + 40.000 = 100.000, Σ 180.000; staff 3 and 2 of 5. Each one's weight is 70% × pay / 180.000
    #   + 30% / 5, summed on an Area: tecnico-amministrativa 70% × 80 / 180 + 30% × 3 / 5 = 0,31111… + 0,18 = 0,49111…,
    #   dirigenziale 70% × 100 / 180 + 30% × 2 / 5 = 0,38888… + 0,12 = 0,50888… (together 1): 4.911,111… and
    #   5.088,888…, the cent to the largest remainder: 4.911,11 and 5.088,89
    # in each Area by score: tecnico-amministrativa 90, 80, 60 (Σ 230), dirigenziale 90, 70 (Σ 160)
    #   4.911,11 × 90 / 230 = 1.921,738…, × 80 / 230 = 1.708,212…, × 60 / 230 = 1.281,159…: 4.911,09, the 2 cents to
    #   T3 (0,91) and T1 (0,86); 5.088,89 × 90 / 160 = 2.862,500…, × 70 / 160 = 2.226,389…: the cent to R2 (0,94)
    assert amounts(result) == {
        "T1": "1921.74",
        "T2": "1708.21",
        "T3": "1281.16",
        "R1": "2862.50",
        "R2": "2226.39",
    }
    assert area_pools(result) == {"tecnico-amministrativa": Decimal("4911.11"), "dirigenziale": Decimal("5088.89")}
    pool = result.rewards.pools["performance_individuale"]  # 4.911,11 + 5.088,89: the whole fund
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))
    # T4, in service in the tecnico-amministrativa without a card (not evaluated), counts in the payroll and in the
    # headcount of the Area: 80.000 + 20.000 = 100.000 of 200.000, 4 of 6: 70% × 1 / 2 + 30% × 4 / 6 = 0,35 + 0,20 =
    # 0,55 → 5.500,00; dirigenziale 0,35 + 0,10 = 0,45 → 4.500,00
    people.append("T4,Persona T4,dipendente,C,ente,1,0,false,SEG,tecnico-amministrativa,20000.00")
    (tmp_path / "con_T4").mkdir()
    more = run(ciclope_ente, tmp_path / "con_T4", "ente_gu1997_art35", ente_1997(people, cards))
    assert area_pools(more) == {"tecnico-amministrativa": Decimal("5500.00"), "dirigenziale": Decimal("4500.00")}
    # 5.500 × 90 / 230 = 2.152,173…, × 80 / 230 = 1.913,043…, × 60 / 230 = 1.434,782…: 5.499,99, the cent to T1
    # (0,39); 4.500 × 90 / 160 = 2.531,25, × 70 / 160 = 1.968,75; T4 nothing
    assert {pid: a for pid, a in amounts(more).items() if a != "0.00"} == {
        "T1": "2152.18",
        "T2": "1913.04",
        "T3": "1434.78",
        "R1": "2531.25",
        "R2": "1968.75",
    }


def test_ente_gu1997_art35_a_fund_above_20_percent_of_the_revenues_is_an_error(ciclope_ente, tmp_path):
    # «una frazione non superiore al 20 per cento dei ricavi relativi alle prestazioni di personale derivanti dalle
    # Entrate Programmatiche»: revenues 45.000,00, 20% = 9.000,00, and the office wrote a fund of 10.000,00
    people = ["T1,Persona T1,dipendente,C,ente,1,0,false,SEG,tecnico-amministrativa,30000.00"]
    cards = card_1997("T1", "20")
    result = run(ciclope_ente, tmp_path, "ente_gu1997_art35", ente_1997(people, cards, revenues="45000.00"))
    assert [(v.severity, v.message, str(v.source)) for v in result.violations] == [
        (
            "error",
            "il fondo supera il 20 per cento dei ricavi delle prestazioni di personale dalle Entrate Programmatiche "
            "(premi per la performance individuale = € 10.000,00; i ricavi delle prestazioni di personale dalle Entrate "
            "Programmatiche dell'esercizio precedente = € 45.000,00)",
            "Contratto del personale dell'Ente (G.U. 15 novembre 1997) — Produttività collettiva ed individuale, "
            "art. 35 c. 1",
        )
    ]
    # exactly 20%: 50.000,00 × 20% = 10.000,00, not above it
    (tmp_path / "al_tetto").mkdir()
    at_cap = ente_1997(people, cards, revenues="50000.00")
    assert not run(ciclope_ente, tmp_path / "al_tetto", "ente_gu1997_art35", at_cap).violations


def card_1997(pid: str, each: str) -> list[str]:
    """The 1997 card of ``pid``, ``each`` points in each of its four criteria: a card of one criterion of four is
    an error of its missing voci."""
    return [f'{pid},SEG,Criteri,"{item}",25,{each},' for item in CRITERIA_1997]  # a criterion has a comma: quoted


def test_dirigenti_gu1993_art22_thirty_percent_in_equal_parts_and_two_decisions(ciclope_ente, tmp_path):
    # «a) per una quota pari al trenta per cento dell'intera disponibilità in parti uguali a tutto il personale
    # dirigente; b) per una quota pari al venti per cento […] con provvedimento motivato del direttore generale […];
    # c) per una quota pari al restante cinquanta per cento […] con provvedimento del consiglio di amministrazione»
    people = [f"D{n},Dirigente D{n},dirigente,DIR,ente,{'0.5' if n == 4 else '1'},0,false," for n in range(1, 5)]
    data = ente(people, [])
    # «pari a quanto complessivamente corrisposto a tale titolo nell'anno precedente maggiorato del venti per cento»:
    # 25.000,00 paid last year, the fund 25.000 × (100% + 20%) = 30.000,00
    acts = "[atti]\nprovvedimento_direttore_generale = 2024-07-20\nprovvedimento_consiglio = 2024-07-25\n"
    data["ente.toml"] = 'name = "Ente"\n[dati]\ncorrisposto_anno_prima = "25000.00"\n' + acts
    data["premi.csv"] = "persona,parte,importo\n" + "".join(
        f"D{n},{part},{amount}\n"
        for part, amounts_ in (
            ("valutazione di rendimento", ("2000.00", "1500.00", "1500.00", "1000.00")),  # 6.000,00: all of the 20%
            ("risultati", ("5000.00", "4000.00", "3500.00", "2000.00")),  # 14.500,00 of the 50%
        )
        for n, amount in enumerate(amounts_, start=1)
    )
    result = run(ciclope_ente, tmp_path, "dirigenti_gu1993_art22", data)
    assert result.rewards.pools["premio_produzione"].amount == Decimal("30000.00")
    # a) 30% of 30.000 = 9.000,00 in equal parts among 4: 2.250,00 each, D4 at half time too (a head)
    assert amounts(result) == {
        "D1": "9250.00",  # 2.250 + 2.000 + 5.000
        "D2": "7750.00",  # 2.250 + 1.500 + 4.000
        "D3": "7250.00",  # 2.250 + 1.500 + 3.500
        "D4": "5250.00",  # 2.250 + 1.000 + 2.000
    }
    # c) 50% = 15.000,00, of which the council decided 14.500,00: 500,00 stay in the fund
    pool = result.rewards.pools["premio_produzione"]
    assert (pool.distributed, pool.residual) == (Decimal("29500.00"), Decimal("500.00"))
    # without the council's decree of the year, c) pays nothing: 9.000 + 6.000 = 15.000,00 paid, 15.000,00 residual
    (tmp_path / "senza_consiglio").mkdir()
    data["ente.toml"] = data["ente.toml"].replace("provvedimento_consiglio = 2024-07-25\n", "")
    result = run(ciclope_ente, tmp_path / "senza_consiglio", "dirigenti_gu1993_art22", data)
    assert amounts(result) == {"D1": "4250.00", "D2": "3750.00", "D3": "3750.00", "D4": "3250.00"}
    pool = result.rewards.pools["premio_produzione"]
    assert (pool.distributed, pool.residual) == (Decimal("15000.00"), Decimal("15000.00"))


def poste(people: list[str]) -> dict[str, str]:
    """Poste Italiane's staff (rows after the head's: id,name,role,category,unit,fte,absence_days,insufficient,
    evaluator, then grado,assunzione,cessazione,contratto,giorni_settimana) in Direzione Staff (stf) and Produzione
    Sportelleria (spt); EBIT at 900 / 1.000 = 90%, MP at 96 / 95 (reached), REC at 90 / 95 (not reached)."""
    data = ente(people, [], extra="grado,assunzione,cessazione,contratto,giorni_settimana")
    data["units.csv"] = (
        "id,name,kind,parent,head,ambito\npi,Poste Italiane,ente,,SEG,\nstf,Direzione Staff,area,pi,,Direzione Staff\n"
        "spt,Sportelleria Nord,area,pi,,Produzione Sportelleria\n"
    )
    data["people.csv"] = data["people.csv"].replace(
        "SEG,Segretario,segretario,DIR,ente,", "SEG,Segretario,dirigente,,pi,"
    )
    data["objectives.csv"] = (
        "id,kind,title,parent,area,weight,owner\nEBIT,strategic,EBIT del Gruppo,,,,pi\n"
        "MP,strategic,Mercati privati,,,,pi\nREC,strategic,Recapito a giorni alterni,,,,pi\n"
    )
    data["indicators.csv"] = (
        "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
        "I1,EBIT,EBIT,higher,,,1000,900,,,,,\nI2,MP,Risorse riallocate,higher,,,95,96,,,,,\n"
        "I3,REC,Zone a giorni alterni,higher,,,95,90,,,,,\n"
    )
    data["ente.toml"] = 'name = "Poste Italiane"\n'  # no fund: the table's amounts are owed
    return data


POSTE_STAFF = [
    "P1,Anna,dipendente,,stf,1,0,false,,A1,,,tempo indeterminato,5",  # 2.476,82 × 0,82 = 2.030,9924 → 2.030,99
    "P2,Bruno,dipendente,,stf,1,13,false,,C,,,tempo indeterminato,5",  # 1.197,40 × (0,82 − 13/260 = 0,77) = 922,00
    "P3,Carla,dipendente,,stf,0.5,0,false,,F,,,apprendistato,5",  # 786,00 × 0,82 = 644,52, at half time 322,26
    # 2.115,96 × (0,82 − 26/312 = 0,73666…) = 1.558,7572 → 1.558,76
    "P4,Dario,dipendente,,spt,1,26,false,,D,,,tempo indeterminato,6",
    "P5,Elena,dipendente,,spt,1,0,false,,B,,,tempo determinato,6",  # not tempo indeterminato nor apprendistato
    # 2.212,55 × (0,82 − 10/312 = 0,787948…) = 1.743,3755 → 1.743,38, at 80% 1.394,704 → 1.394,70
    "P6,Franco,dipendente,,spt,0.8,10,false,,C,,,tempo indeterminato,6",
    "P7,Giulia,dipendente,,spt,1,0,false,,B,,2024-11-30,tempo indeterminato,6",  # not in force on 31/12
    "P8,Luca,dipendente,,stf,1,300,false,,E,,,tempo indeterminato,5",  # 0,82 − 300/260 < 0: nothing
    # 1.197,40 × (0,82 − 120/260 = 0,358461…) = 429,2218… → 429,22
    "P9,Marta,dipendente,,stf,1,120,false,,D,,,tempo indeterminato,5",
    # hired on 1 October: in force on 31/12, the whole table × 0,82 (the text prorates nothing): 2.115,96 × 0,82 =
    # 1.735,0872 → 1.735,09
    "P10,Nicola,dipendente,,spt,1,0,false,,D,2024-10-01,,tempo indeterminato,6",
]


def test_poste_italiane_table_by_level_and_ambit_ebit_share_and_days_of_absence(ciclope_ente, tmp_path):
    # EBIT at 900 / 1.000 = 90% (over the 80% threshold of access), MP at 96 / 95 → 100% (reached, +10%), REC at
    # 90 / 95 = 94,74% (not reached, +0%): every table amount × (80% × 90% + 10% + 0%) = × 0,82, less 1/260 (five-day
    # week) or 1/312 (six-day week) of it per day of absence. The test runs 2024.
    data = poste(POSTE_STAFF)
    result = run(ciclope_ente, tmp_path, "poste_italiane", data)
    assert {k: v for k, v in amounts(result).items() if v != "0.00"} == {
        "P1": "2030.99",
        "P2": "922.00",
        "P3": "322.26",
        "P4": "1558.76",
        "P6": "1394.70",
        "P9": "429.22",
        "P10": "1735.09",
    }
    assert {p: result.figures[f"ammesso:premio di risultato:{p}"].value for p in ("P5", "P7", "P8")} == {
        "P5": False,
        "P7": False,
        "P8": True,
    }
    # 2.030,99 + 922,00 + 322,26 + 1.558,76 + 1.394,70 + 429,22 + 1.735,09 = 8.393,02
    pool = result.rewards.pools["premio_risultato"]
    assert (pool.amount, pool.residual) == (Decimal("8393.02"), Decimal("0.00"))
    # under the threshold of access (EBIT at 790 / 1.000 = 79%) nobody is paid
    data["indicators.csv"] = data["indicators.csv"].replace(",1000,900,", ",1000,790,")
    (tmp_path / "sotto").mkdir()
    low = run(ciclope_ente, tmp_path / "sotto", "poste_italiane", data)
    assert set(amounts(low).values()) <= {"0.00"}


def paid_in(result) -> dict[str, list[tuple[str, str, str]]]:
    """Each person's instalments: (what it is, the month, the amount)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for i in result.ledger.instalments:
        kind = "recupero" if i.recovery else i.kind
        out.setdefault(i.person, []).append((kind, f"{i.year}-{i.month:02d}", str(i.amount)))
    return out


def test_poste_italiane_the_advance_in_september_and_the_balance_in_june(ciclope_ente, tmp_path):
    # «con le competenze del mese di settembre […] a titolo di anticipazione […] una quota pari al 50% dell'importo
    # […] del premio indicato nelle tabelle allegate corrispondente al target 100%»: 50% of the table amount × the
    # time worked, down to the cent, to whoever is in service in September 2024 (not the tempo determinato); «con le
    # competenze del mese di giugno [dell'anno dopo] […] il conguaglio […] pari alla differenza, positiva o negativa,
    # tra l'importo spettante […] e quanto già erogato a titolo di anticipo»: the premium − the advance
    result = run(ciclope_ente, tmp_path, "poste_italiane", poste(POSTE_STAFF))
    assert paid_in(result) == {
        # 2.476,82 / 2 = 1.238,41; 2.030,99 − 1.238,41 = 792,58
        "P1": [("acconto", "2024-09", "1238.41"), ("conguaglio", "2025-06", "792.58")],
        # 1.197,40 / 2 = 598,70; 922,00 − 598,70 = 323,30
        "P2": [("acconto", "2024-09", "598.70"), ("conguaglio", "2025-06", "323.30")],
        # 786,00 / 2 × 0,5 = 196,50; 322,26 − 196,50 = 125,76
        "P3": [("acconto", "2024-09", "196.50"), ("conguaglio", "2025-06", "125.76")],
        # 2.115,96 / 2 = 1.057,98; 1.558,76 − 1.057,98 = 500,78
        "P4": [("acconto", "2024-09", "1057.98"), ("conguaglio", "2025-06", "500.78")],
        # P5 (tempo determinato): no advance, no premium, nothing
        # 2.212,55 / 2 × 0,8 = 885,02; 1.394,70 − 885,02 = 509,68
        "P6": [("acconto", "2024-09", "885.02"), ("conguaglio", "2025-06", "509.68")],
        # in service in September: 2.266,97 / 2 = 1.133,485 → 1.133,48 down; ceased on 30/11, no premium: 0 − 1.133,48
        "P7": [("acconto", "2024-09", "1133.48"), ("recupero", "2025-06", "-1133.48")],
        # 1.059,97 / 2 = 529,985 → 529,98; the absences leave no premium: 0 − 529,98
        "P8": [("acconto", "2024-09", "529.98"), ("recupero", "2025-06", "-529.98")],
        # 1.197,40 / 2 = 598,70; a premium below it: 429,22 − 598,70 = −169,48
        "P9": [("acconto", "2024-09", "598.70"), ("recupero", "2025-06", "-169.48")],
        # hired on 1 October, not in service in September: no advance, the whole premium in June
        "P10": [("conguaglio", "2025-06", "1735.09")],
    }
    for pid, paid in paid_in(result).items():  # the instalments of each sum to their premium, to the cent
        award = result.rewards.awards.get(pid)
        assert sum(Decimal(amount) for _, _, amount in paid) == (award.amount if award is not None else 0)
    # the pool is unchanged: the advances say when money moves, the year's premium is the same 8.393,02
    pool = result.rewards.pools["premio_risultato"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("8393.02"), Decimal("8393.02"), Decimal("0"))
    advance = result.figures["rata:P7:premio di risultato:1"]
    assert advance.label == (
        "Acconto di settembre 2024 della parte «premio di risultato» (anticipazione con riserva) — Giulia"
    )
    assert [(i.name, str(i.value)) for i in advance.inputs if i.cell] == [
        ("il tipo di contratto di lavoro", "tempo indeterminato"),
        ("il tempo lavorato (la quota del tempo pieno)", "1"),
        ("l'ambito organizzativo della struttura", "Produzione Sportelleria"),
        ("il grado", "B"),
        ("data di cessazione", "2024-11-30"),
    ]
    # the table is written once ([[definizioni]] importo_tabella): the advance shows its value, Giulia's B of the
    # Produzione Sportelleria, 2.266,97 (halved above), by its words and source
    read = {i.name: i.value for i in advance.inputs}
    assert read[
        "l'importo della tabella per ambito e livello («importo_tabella», accordo, tabelle allegate)"
    ] == Decimal("2266.97")
    balance = result.figures["rata:P7:premio di risultato:2"]
    assert balance.formula == "premio della parte «premio di risultato» − gli acconti pagati"
    assert [(i.name, str(i.value), i.ref) for i in balance.inputs] == [
        ("premio della parte «premio di risultato»", "0.00", balance.inputs[0].ref),
        (
            "acconto di settembre 2024 della parte «premio di risultato» (anticipazione con riserva)",
            "1133.48",
            "rata:P7:premio di risultato:1",
        ),
    ]
    assert balance.note.startswith("negativo: un recupero di € 1.133,48")
    # under the threshold of access (EBIT at 79%) nobody has a premium: every advance is taken back in June
    data = poste(POSTE_STAFF)
    data["indicators.csv"] = data["indicators.csv"].replace(",1000,900,", ",1000,790,")
    (tmp_path / "sotto").mkdir()
    low = run(ciclope_ente, tmp_path / "sotto", "poste_italiane", data)
    assert paid_in(low)["P1"] == [("acconto", "2024-09", "1238.41"), ("recupero", "2025-06", "-1238.41")]
    assert "P10" not in paid_in(low)  # no advance and no premium: nothing to pay or take back


def test_sacal_gh_40_20_40_on_conditions_presence_and_the_sector(ciclope_ente, tmp_path):
    # a) 40% of the value if points i–v hold, b) 20% with at most 10 days of absence, c) 40% if the whole settore
    # reached its results: Rampa at 96 / 95 → 100%, Passeggeri at 90 / 98 = 91,84% (its office, Bagagli, reads it).
    cols = "sanzione,valore_premio,assenza_piu_lunga,formazione,progetti,scadenze"
    people = [
        "R1,Rocco,dipendente,,ram,1,4,false,,,1200.00,3,sì,sì,sì",  # 40 + 20 + 40% of 1.200 = 1.200,00
        "R2,Sara,dipendente,,ram,1,12,false,,,1200.00,12,sì,sì,sì",  # an absence of 12 days, 12 in all: c) 480,00
        # a sanction beyond the fine of 2 hours: not a); b) 200 and c) 400, at half time 100 + 200 = 300,00
        "R3,Teo,dipendente,,ram,0.5,0,false,,multa 4 ore,1000.00,0,sì,sì,sì",
        "P1,Ugo,dipendente,,pax,1,8,false,,multa 2 ore,1100.00,8,sì,sì,sì",  # a) 440 + b) 220 = 660,00 (no c)
        "P2,Vera,dipendente,,bag,1,0,false,,,1100.00,0,sì,no,sì",  # no improvement projects: b) 220,00
        "P3,Walter,dipendente,,bag,0.75,10,false,,,900.00,10,sì,sì,sì",  # (360 + 180) × 0,75 = 405,00
    ]
    data = ente(people, [], extra=cols)
    data["units.csv"] = (
        "id,name,kind,parent,head\ngh,SACAL GH,ente,,SEG\nram,Settore rampa,area,gh,\n"
        "pax,Settore passeggeri,area,gh,\nbag,Ufficio bagagli,ufficio,pax,\n"
    )
    data["people.csv"] = data["people.csv"].replace(
        "SEG,Segretario,segretario,DIR,ente,", "SEG,Segretario,dirigente,,gh,"
    )
    data["objectives.csv"] = (
        "id,kind,title,parent,area,weight,owner\nOR,operational,Rotazioni,,,,ram\nOP,operational,Bagagli,,,,pax\n"
    )
    data["indicators.csv"] = (
        "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
        "I1,OR,Rotazioni nei tempi,higher,,,95,96,,,,,\nI2,OP,Bagagli nei tempi,higher,,,98,90,,,,,\n"
    )
    data["ente.toml"] = 'name = "SACAL GH"\n'
    result = run(ciclope_ente, tmp_path, "sacal_gh", data)
    assert {k: v for k, v in amounts(result).items() if v != "0.00"} == {
        "R1": "1200.00",
        "R2": "480.00",
        "R3": "300.00",
        "P1": "660.00",
        "P2": "220.00",
        "P3": "405.00",
    }
    # why Vera has no part a): her improvement projects, not her training nor her deadlines
    assert result.figures["ammesso:impegno:P2"].note == (
        "la colonna progetti (la partecipazione attiva ai progetti di miglioramento dei processi) dice no"
    )
    pool = result.rewards.pools["premialita"]  # 1.200 + 480 + 300 + 660 + 220 + 405 = 3.265,00
    assert (pool.amount, pool.residual) == (Decimal("3265.00"), Decimal("0.00"))


def test_unimi_fondo_comune_by_presence_of_b_c_d_part_time_in_proportion(ciclope_ente, tmp_path):
    # «ripartito tra il personale a tempo indeterminato e determinato, inquadrato nelle categorie B, C e D in base alla
    # presenza in servizio maturata nell'anno […] a tempo parziale, la quota spettante è parametrata proporzionalmente
    # […] Qualsiasi assenza a giornata intera di natura differente […] determina una riduzione della quota»
    people = [
        "M1,Bice,dipendente,,ente,1,0,false,,B,,",  # tutto il 2024: 366 giorni di presenza
        "M2,Carlo,dipendente,,ente,0.5,0,false,,C,,",  # a metà tempo: 0,5 × 366 = 183
        "M3,Dora,dipendente,,ente,1,61,false,,D,,",  # 61 giorni di assenza non equiparati: 366 − 61 = 305
        "M4,Elia,dipendente,,ente,1,0,false,,D,2024-07-01,",  # a tempo determinato dal 1° luglio: 184 giorni
        "M5,Franca,dipendente,,ente,0.5,30,false,,C,,",  # a metà tempo con 30 giorni: 0,5 × (366 − 30) = 168
        "M6,Gino,dipendente,,ente,1,0,false,,EP,,",  # categoria EP: non partecipa
    ]
    data = ente(people, [], fund="12060.00", extra="grado,assunzione,cessazione")
    data["ente.toml"] = 'name = "Università degli Studi di Milano"\n[funds]\nperformance_individuale = "12060.00"\n'
    result = run(ciclope_ente, tmp_path, "unimi_fondo_comune", data)
    # Σ presenze 366 + 183 + 305 + 184 + 168 = 1.206 giorni; 12.060,00 / 1.206 = 10,00 € per giorno di presenza
    assert amounts(result) == {
        "M1": "3660.00",  # 366 × 10
        "M2": "1830.00",  # 183 × 10
        "M3": "3050.00",  # 305 × 10
        "M4": "1840.00",  # 184 × 10
        "M5": "1680.00",  # 168 × 10
    }  # M6, of grade EP, has no share
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("12060.00"), Decimal("0.00"))


def test_unimi_with_grades_a_formula_reading_the_category_is_an_error(tmp_path):
    # with [gradi] the category column of people.csv stays empty (B, C, D, EP are in the grado column): written as
    # the text says it, «categorie B, C e D», the condition would find no category for anybody and pay nobody
    text = (CATALOGUE / "unimi_fondo_comune.toml").read_text(encoding="utf-8")
    wrong = text.replace(
        """ammesso = '=grado <> "EP"'""", """ammesso = '=O(categoria = "B"; categoria = "C"; categoria = "D")'"""
    )
    assert wrong != text
    assert regulation_problems(tmp_path, wrong) == [
        "riga 43, chiave premi[1].ammesso: con [gradi] la colonna categoria di persone.csv resta vuota (il grado di ciascuno è nella colonna grado): "
        "la formula legge categoria, che non ha un valore per nessuno; scrivi grado, es. grado = \"B\""
    ]


def test_unimi_with_grades_every_formula_of_the_file_is_checked(tmp_path):
    # an exclusion and a check are formulas too: reading categoria they would exclude nobody and hold for nobody,
    # comparing grado with «A» (not among B, C, D, EP) they would never apply; each said at its own key
    text = (CATALOGUE / "unimi_fondo_comune.toml").read_text(encoding="utf-8")
    wrong = (
        text
        + """
[[esclusioni]]
regola = "formula"
condizione = '=categoria = "B"'
fonte = "art. 6"

[[controlli]]
messaggio = "un grado che il contratto non ha"
condizione = '=grado <> "A"'
fonte = "art. 6"
"""
    )
    found = regulation_problems(tmp_path, wrong)
    assert [p.split(": ", 1)[0].split("chiave ")[1] for p in found] == [
        "esclusioni[1].condizione",  # the file's first [[esclusioni]]: counted from 1, as the office counts
        "controlli[1].condizione",
    ]
    assert "la formula legge categoria, che non ha un valore per nessuno" in found[0]
    assert "grado «A» sconosciuto; gradi di [gradi]: B, C, D, EP" in found[1]


def test_poste_a_grade_word_in_a_definition_is_said_once_at_the_definition(tmp_path):
    # the amount table is written once, in [[definizioni]], and read by importo and by the acconto: a grade [gradi]
    # does not list is the definition's mistake, said at its key and not again at each key that reads it
    text = (CATALOGUE / "poste_italiane.toml").read_text(encoding="utf-8")
    wrong = text.replace('grado = "F"; 786,00', 'grado = "FF"; 786,00', 1)
    assert wrong != text
    assert regulation_problems(tmp_path, wrong) == [
        "riga 61, chiave definizioni[1].formula: grado «FF» sconosciuto (forse «F»?); gradi di [gradi]: F, E, D, C, B, "
        "A2, A1"
    ]


def test_unimi_a_grade_the_file_does_not_declare_is_an_error(tmp_path):
    # «EP» written «E.P.» (or a grade of another contract) would admit everybody with <>, and nobody with =
    text = (CATALOGUE / "unimi_fondo_comune.toml").read_text(encoding="utf-8")
    wrong = text.replace("""ammesso = '=grado <> "EP"'""", """ammesso = '=grado <> "E.P."'""")
    assert wrong != text
    assert regulation_problems(tmp_path, wrong) == [
        "riga 43, chiave premi[1].ammesso: grado «E.P.» sconosciuto (forse «EP»?); gradi di [gradi]: B, C, D, EP"
    ]


def test_unipa_premialita_a_share_of_the_individual_budget_by_the_band_of_p_t(ciclope_ente, tmp_path):
    # «P(T) < 0,5: 0; 0,5 ≤ P(T) < 1,5: 60; 1,5 ≤ P(T) < 2,5: 80; 2,5 ≤ P(T) < 3,5: 100; P(T) ≥ 3,5: 100» (% of the
    # «trattamento accessorio spettante»), P(T) on 4 points; the budget: 13.000,00 € × tempo / Σ tempo (6,5) =
    # 2.000,00 € a tempo pieno
    people = [
        "U1,Anna,dipendente,,ente,1,0,false,SEG,B",
        "U2,Bruno,dipendente,,ente,1,0,false,SEG,C",
        "U3,Carla,dipendente,,ente,0.5,0,false,SEG,C",
        "U4,Dario,dipendente,,ente,1,0,false,SEG,D",
        "U5,Elena,dipendente,,ente,1,0,false,SEG,D",
        "U6,Fabio,dipendente,,ente,1,0,false,SEG,EP",
        "U7,Gina,dipendente,,ente,1,0,false,SEG,C",
    ]
    points = {"U1": "3.667", "U2": "3", "U3": "2.333", "U4": "2.499", "U5": "1.333", "U6": "0.333", "U7": "4"}
    cards = [card(pid, f'"{p}"'.replace(".", ","), "4") for pid, p in points.items()]
    data = ente(people, cards, fund="13000.00", extra="grado")
    result = run(ciclope_ente, tmp_path, "unipa_premialita", data)
    assert amounts(result) == {
        "U1": "2000.00",  # 3,667 ≥ 3,5: eccellente, 100%
        "U2": "2000.00",  # 3,00: positivo, 100%
        "U3": "800.00",  # 2,333: positivo, migliorabile, 80% of 1.000,00 (a metà tempo)
        "U4": "2000.00",  # 2,499 is published 2,50 (100 × 2,499 / 4 = 62,475 → 62,48 → 2,4992 → 2,50): positivo
        "U5": "1200.00",  # 1,333: appena sufficiente, migliorabile, 60%
        "U6": "0.00",  # 0,333 < 0,5: non sufficiente
        "U7": "2000.00",  # 4,00: eccellente
    }
    assert result.scores["U4"].level == "positivo"
    # 13.000,00 − (2.000 × 4 + 800 + 1.200 = 10.000,00): 3.000,00 € the percentages below 100 leave in the fund
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("3000.00"))


def terlizzi(deduction: str = "0.00") -> dict[str, str]:
    """Three dirigenti of the 2020 prospetto (names invented): D1 titolare of a settore of pesatura 100 and ad
    interim of two more, D2 at 51% by a convention with another ente, D3 with no giorni utili; ``deduction``: D1's
    progettazione to deduct. incarichi.csv: persona, tipo, sostituito, dal, al, punteggio, pesatura, giorni utili."""
    people = [
        f"D1,Pastore,dirigente,DIR,ente,1,0,false,SEG,100%,{deduction}",
        "D2,De Carlo,dirigente,DIR,ente,1,0,false,SEG,51%,0.00",
        "D3,Palmieri,dirigente,DIR,ente,1,0,false,SEG,100%,0.00",
    ]
    data = ente(people, [], extra="spettanza_convenzione,incentivi_progettazione")
    data["ente.toml"] = 'name = "Comune di Terlizzi (prova)"\n[funds]\nrisultato_dirigenti = "12000.00"\n'
    data["incarichi.csv"] = (
        "persona,tipo,sostituito,dal,al,punteggio_settore,pesatura,giorni_utili\n"
        "D1,titolare,,,,100,100,365\n"
        "D1,interim,,,,97.5,100,345\n"  # the Settore Servizi Finanziari e Risorse of the prospetto
        "D1,interim,,,,100,85,365\n"
        "D2,titolare,,,,100,85,120\n"
        "D2,interim,,,,97.5,100,20\n"
        "D3,titolare,,,,100,100,0\n"
    )
    return data


def test_terlizzi_the_prospetto_s_figures_by_settore_days_score_and_convention(ciclope_ente, tmp_path):
    # «singolo dirigente pesatura 100 3.912,34 / pesatura 85 3.325,49»; interim: 85% of the settore's amount;
    # each appointment × giorni utili / 365 × punteggio / 100 × spettanza, to the cent, then summed (as the prospetto)
    result = run(ciclope_ente, tmp_path, "terlizzi_risultato", terlizzi())
    # D1: 3.912,34 × 365/365 × 100/100 = 3.912,34; interim 85% × 3.912,34 × 345/365 × 0,975 = 3.064,69 (the
    #     prospetto's «Settore Servizi Finanziari e Risorse 97,50 … 345 3.064,69»); interim 85% × 3.325,49 =
    #     2.826,67 (its «interim III Settore pesatura 85% 2.826,67»): 3.912,34 + 3.064,69 + 2.826,67 = 9.803,70
    # D2 at 51%: 3.325,49 × 120/365 × 51% = 557,59; 85% × 3.912,34 × 20/365 × 0,975 × 51% = 90,61: 648,20
    # D3: 0 giorni utili, nothing
    assert amounts(result) == {"D1": "9803.70", "D2": "648.20", "D3": "0.00"}
    pool = result.rewards.pools["risultato_dirigenti"]
    # 9.803,70 + 648,20 = 10.451,90 of 12.000,00 (the prospetto's own total is 10.451,90)
    assert (pool.distributed, pool.residual) == (Decimal("10451.90"), Decimal("1548.10"))


def test_terlizzi_the_progettazione_is_deducted_from_the_settore_directed(ciclope_ente, tmp_path):
    # «Indennità di risultato per incentivo alla progettazione da decurtare»: 150,00 € of D1's, from the settore he
    # directs (the file's reading: see §36), 3.912,34 − 150,00 = 3.762,34; the interims as before: 9.653,70
    result = run(ciclope_ente, tmp_path, "terlizzi_risultato", terlizzi("150.00"))
    assert amounts(result)["D1"] == "9653.70"


def test_parco_pollino_40_percent_by_the_attested_performance_48_by_the_point_and_the_maggiorazione(
    ciclope_ente, tmp_path
):
    # «Performance Organizzativa 40 % della parte del fondo disponibile», «Individuale 48 %», the rest (progressioni
    # and indennità, 12%) is no premium; the file's readings: the 40% × the attested performance, what it does not
    # pay goes to the individual part, each weighs the Area's parametro × presence × time worked (× the score in
    # the individual part, from 60 points), the maggiorazione of art. 78 to the highest score, set aside first
    people = [
        "V1,Vito,dipendente,,ente,1,0,false,SEG,C",  # 90 points, all 2024 (366 days) present
        "V2,Wanda,dipendente,,ente,1,0,false,SEG,C",  # 100 points: the highest
        "V3,Ugo,dipendente,,ente,0.5,0,false,SEG,B",  # 80 points, half time
        "V4,Zeno,dipendente,,ente,1,183,false,SEG,A",  # 70 points, 183 of 366 days absent: presence 1/2
        "V5,Rita,dipendente,,ente,1,0,false,SEG,B",  # 55 points: under 60, no individual premium
    ]
    points = {"V1": "90", "V2": "100", "V3": "80", "V4": "70", "V5": "55"}
    data = ente(people, [card(pid, p) for pid, p in points.items()], extra="grado")
    data["ente.toml"] = (
        'name = "Ente Parco"\n[funds]\nfondo_disponibile = "10000.00"\n[approvals]\nattestazione_oiv = "90%"\n'
    )
    result = run(ciclope_ente, tmp_path, "parco_pollino", data)
    # organizzativa: 10.000 × 40% × 90% = 3.600,00; weights parametro × presence × time: V1 135, V2 135,
    #   V3 115 × 0,5 = 57,5, V4 100 × 1/2 = 50, V5 115; Σ 492,5: V1 = V2 = 3.600 × 135 / 492,5 = 986,802…,
    #   V3 420,304…, V4 365,482…, V5 840,609…; floors 3.599,98, the 2 cents to V5 (,914) and V3 (,456):
    #   986,80 + 986,80 + 420,31 + 365,48 + 840,61 = 3.600,00
    # individuale: 10.000 × (48% + 40% × 10%) = 5.200,00; weights score × parametro × presence × time: V1 12.150,
    #   V2 13.500, V3 80 × 115 × 0,5 = 4.600, V4 70 × 100 × 1/2 = 3.500; Σ 33.750; before the set-aside V1 1.872,00,
    #   V2 2.080,00, V3 708,74, V4 539,26: 4 paid, mean 1.300,00, maggiorazione 30% = 390,00 to V2
    #   after it: 4.810,00 × 0,36 = 1.731,60 (V1), × 0,4 = 1.924,00 (V2), × 4.600 / 33.750 = 655,585… (V3),
    #   × 3.500 / 33.750 = 498,814… (V4); the cent to V3 (,52 over ,48): 655,59 + 498,81 = 1.154,40
    assert amounts(result) == {
        "V1": "2718.40",  # 986,80 + 1.731,60
        "V2": "3300.80",  # 986,80 + 1.924,00 + 390,00
        "V3": "1075.90",  # 420,31 + 655,59
        "V4": "864.29",  # 365,48 + 498,81
        "V5": "840.61",  # the organizzativa only
    }
    # 3.600,00 + 5.200,00 paid; the 12% of progressioni and indennità, 1.200,00, is left to the fund
    pool = result.rewards.pools["fondo_disponibile"]
    assert (pool.distributed, pool.residual) == (Decimal("8800.00"), Decimal("1200.00"))


def adsp_card(pid: str, objectives: tuple[int, int], skills: tuple[int, int]) -> list[str]:
    """The card of the P.R.O.: two objectives of 40 points, competences and behaviour of 10 each."""
    items = (
        ("Obiettivi", "Obiettivo operativo 1", 40, objectives[0]),
        ("Obiettivi", "Obiettivo operativo 2", 40, objectives[1]),
        ("Competenze e comportamenti", "Competenze professionali", 10, skills[0]),
        ("Competenze e comportamenti", "Comportamenti organizzativi", 10, skills[1]),
    )
    return [f"{pid},SEG,{section},{item},{top},{points}," for section, item, top, points in items]


def test_adsp_tirreno_centrale_80_20_by_the_band_of_each_section_advance_and_balance(ciclope_ente, tmp_path):
    # «80% del premio […] al raggiungimento degli obiettivi […] 20% […] competenze e comportamenti», each paid by the
    # band its section's points reach (the file's reading: 90/75/60% of the section's maximum → 100/80/60%), of the
    # level's maximum (an example table), × time worked × days of service; 30% of the maximum × time worked in
    # advance in September, the balance (negative too) in June after the OIV's validation
    people = [
        "A1,Anna,dipendente,,ente,1,0,false,SEG,Quadro A,",  # all 2024 (366 days)
        "A2,Bruno,dipendente,,ente,0.5,0,false,SEG,Livello 2,",  # half time
        "A3,Carla,dipendente,,ente,1,0,false,SEG,Livello 3,2024-04-01",  # hired 1 April: 275 of 366 days
        "A4,Dario,dipendente,,ente,1,0,false,SEG,Livello 5,",  # objectives below every band
        "A5,Elena,dipendente,,ente,1,0,false,SEG,Livello 1,",  # competences below every band
    ]
    cards = [
        *adsp_card("A1", (38, 36), (9, 9)),  # 74 ≥ 72: 100%; 18 ≥ 18: 100%
        *adsp_card("A2", (32, 30), (8, 8)),  # 62 ≥ 60: 80%; 16 ≥ 15: 80%
        *adsp_card("A3", (30, 20), (7, 6)),  # 50 ≥ 48: 60%; 13 ≥ 12: 60%
        *adsp_card("A4", (20, 20), (10, 10)),  # 40 < 48: 0%; 20: 100%
        *adsp_card("A5", (40, 40), (5, 5)),  # 80: 100%; 10 < 12: 0%
    ]
    data = ente(people, cards, extra="grado,assunzione")
    data["ente.toml"] = 'name = "Autorità di Sistema Portuale"\n'
    result = run(ciclope_ente, tmp_path, "adsp_tirreno_centrale", data)
    assert [p.message for p in result.violations if p.severity == "error"] == []
    # objectives (80%) and competences (20%) of the level's maximum × the band, × the share paid:
    #   A1 3.000 × 80% × 100% = 2.400,00 and 3.000 × 20% = 600,00
    #   A2 2.400 × 80% × 80% × 0,5 = 768,00 and 2.400 × 20% × 80% × 0,5 = 192,00
    #   A3 2.250 × 80% × 60% × 275 / 366 = 1.080 × 0,751366… = 811,475… → 811,48 and 270 × 275 / 366 = 202,868… → 202,87
    #   A4 0 and 2.000 × 20% = 400,00; A5 2.600 × 80% = 2.080,00 and 0
    assert amounts(result) == {
        "A1": "3000.00",
        "A2": "960.00",  # 768,00 + 192,00
        "A3": "1014.35",  # 811,48 + 202,87
        "A4": "400.00",
        "A5": "2080.00",
    }
    # the advance of September 2024, 30% × the part's share of the maximum × time worked, to all five (A3 in
    # service since April); the balance of June 2025 = the part's premium − its advance
    assert paid_in(result) == {
        "A1": [("acconto", "2024-09", "720.00"), ("conguaglio", "2025-06", "1680.00"),  # 30% × 2.400
               ("acconto", "2024-09", "180.00"), ("conguaglio", "2025-06", "420.00")],  # 30% × 600
        "A2": [("acconto", "2024-09", "288.00"), ("conguaglio", "2025-06", "480.00"),  # 30% × 1.920 × 0,5
               ("acconto", "2024-09", "72.00"), ("conguaglio", "2025-06", "120.00")],  # 30% × 480 × 0,5
        "A3": [("acconto", "2024-09", "540.00"), ("conguaglio", "2025-06", "271.48"),  # 811,48 − 540
               ("acconto", "2024-09", "135.00"), ("conguaglio", "2025-06", "67.87")],  # 202,87 − 135
        "A4": [("acconto", "2024-09", "480.00"), ("recupero", "2025-06", "-480.00"),  # no objectives' premium
               ("acconto", "2024-09", "120.00"), ("conguaglio", "2025-06", "280.00")],
        "A5": [("acconto", "2024-09", "624.00"), ("conguaglio", "2025-06", "1456.00"),
               ("acconto", "2024-09", "156.00"), ("recupero", "2025-06", "-156.00")],  # no competences' premium
    }  # fmt: skip
