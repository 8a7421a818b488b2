"""Formulas in the declared format (formato 2), one test per sentence of a real text the closed vocabulary could
not say: each runs as the text says, without a workaround, every amount by hand with the arithmetic beside it.

The sentences are quoted from the texts as their offices published them; where a text leaves a figure open (the
amount of a fund, the bands it does not quote) the test says which value is an example."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.reports import stats
from ciclope.core.run.explain import explain, unpaid_reasons
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.read.formulas import FormulaError, Scope, read
from ciclope.plugins.regolamento.read.load import load

from helpers import STAFF_HEADER, TESTS, amounts, one_unit_comune, placed, regulation_problems, run_declared

CATALOGUE = TESTS / "regolamento" / "catalogo"  # the real texts, declared (their catalogue)
HEAD = """\
formato = 2
[atto]
titolo = "{title}"
tipo_ente = "comune"
"""


def head(title: str) -> str:
    return HEAD.replace("{title}", title)


def staff(people, role: str = "dipendente", evaluator: str = "SEG") -> list[str]:
    """people.csv rows: (id, category[, fte[, absence days]])."""
    rows = []
    for pid, category, *rest in people:
        fte = rest[0] if rest else 1
        absent = rest[1] if len(rest) > 1 else 0
        rows.append(f"{pid},Persona {pid},{role},{category},com,{fte},{absent},false,{evaluator}")
    return rows


# --- Comune di Mazzè (G.C. 28/2012): the level of two fields together --------------------------------------------
# «una valutazione tra 160 e 179 in entrambi i campi dà titolo al 65%; nel caso uno dei 2 campi sia inferiore, il
# premio sarà del 45%»: the band is the pair's, one step below the higher field's band when the two differ. Each
# field is on 200 points; the bands 180 (100%) and 140 (45%) around the quoted one are the text's table as the
# office applies it; the premium of 1.000,00 € at 100% is an example.
MAZZE = (CATALOGUE / "mazze.toml").read_text(encoding="utf-8")


def two_fields(people) -> dict[str, str]:
    """(id, points of «Risultati», points of «Comportamenti»), each field one item of 200 points."""
    rows = staff([(pid, "C") for pid, _, _ in people])
    cards = [
        line
        for pid, results, behaviour in people
        for line in (
            f"{pid},SEG,Risultati,Obiettivi,200,{results},",
            f"{pid},SEG,Comportamenti,Condotta,200,{behaviour},",
        )
    ]
    return one_unit_comune("Comune di Mazzè", rows, cards, '[funds]\nperformance_individuale = "10000.00"\n')


def test_mazze_the_level_of_two_fields_together(ciclope_ente, tmp_path):
    people = [("M1", 175, 145), ("M2", 170, 165), ("M3", 190, 150), ("M4", 185, 182), ("M5", 130, 120)]
    result = run_declared(ciclope_ente, tmp_path, MAZZE, two_fields(people))
    levels = {pid: s.level for pid, s in result.scores.items() if pid != "SEG"}
    # M1: 175 is «65%» (160–179), 145 is «45%»: they differ, one step below the higher («65%») is «45%» — on the
    #     weighted score alone (320 of 400 = 160 on 200) it would be «65%», the text says 45%
    # M2: 170 and 165 both «65%»; M3: 190 «100%», 150 «45%": one below «100%» is «65%»; M4: both «100%»;
    # M5: 130 and 120 both below 140: no level
    assert levels == {"M1": "45%", "M2": "65%", "M3": "65%", "M4": "100%", "M5": None}
    # 1000 × 0.45 = 450.00; × 0.65 = 650.00; × 1 = 1000.00; no level: 0
    assert amounts(result) == {"M1": "450.00", "M2": "650.00", "M3": "650.00", "M4": "1000.00", "M5": "0.00"}
    level = result.figures["level:M1"]
    assert level.value == "45%"
    assert "entrambi" not in level.formula  # the sentence is the formula's, not a paraphrase
    assert level.formula.startswith('=SE(LIVELLO(SEZIONE("Risultati"))')
    assert "se il livello della scala per i punti della sezione «Risultati»" in level.formula
    read = {i.name: i.value for i in level.inputs}
    # the points of each section and the level each reaches (175: «65%», 160–179; 145: «45%»), so the level taken
    # (one below the higher of two that differ) is redone by hand from the figure alone
    assert read == {
        "punti della sezione «Risultati»": Decimal("175"),
        "il livello della scala per i punti della sezione «Risultati»": "65%",
        "punti della sezione «Comportamenti»": Decimal("145"),
        "il livello della scala per i punti della sezione «Comportamenti»": "45%",
        # the higher of the two, «65%», the one the level steps below
        "il maggiore tra il livello della scala per i punti della sezione «Risultati» e il livello della scala per i "
        "punti della sezione «Comportamenti»": "65%",
    }


# --- Comune di Sannazzaro de' Burgondi: «la valutazione più elevata» ----------------------------------------------
# «ai dipendenti che […] conseguono la valutazione più elevata è attribuita una maggiorazione […] pari al 30% del
# valore medio pro-capite dei premi attribuiti al personale valutato positivamente» (Dati relativi ai premi 2024):
# all of them when tied. Points on 60, five bands (0%, 25%, 50%, 75%, 100% of the individual budget); the fund is an
# example.
SANNAZZARO = (CATALOGUE / "sannazzaro.toml").read_text(encoding="utf-8")


def test_explain_shows_the_text_the_formula_and_the_numbers_it_read(ciclope_ente, tmp_path):
    people = [("M1", 175, 145), ("M2", 170, 165), ("M3", 190, 150)]
    result = run_declared(ciclope_ente, tmp_path, MAZZE, two_fields(people))
    text = explain(result, "person", "M1")
    level = text.split("■ Livello di Persona M1 = 45%", 1)[1]
    assert level.split("formula: ", 1)[1].startswith('=SE(LIVELLO(SEZIONE("Risultati"))')  # the formula as written
    assert "— se il livello della scala per i punti della sezione «Risultati» è uguale" in level  # and said
    assert "fonte:   Comune di Mazzè, criteri per la produttività (G.C. n. 28/2012)" in level  # the text's article
    # the numbers the formula read: the two fields of M1's card, 175 and 145
    assert "• punti della sezione «Risultati» = 175\n" in level
    assert "• punti della sezione «Comportamenti» = 145\n" in level


def scored(people, fund: str = "10000.00", name: str = "Comune") -> dict[str, str]:
    """(id, category, score[, fte[, absences]]): a card of one item of 100 points."""
    rows = staff([(pid, category, *rest) for pid, category, _, *rest in people])
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score, *_ in people]
    return one_unit_comune(name, rows, cards, f'[funds]\nperformance_individuale = "{fund}"\n')


def test_sannazzaro_the_highest_evaluation_all_of_them_when_tied(ciclope_ente, tmp_path):
    people = [("S1", 55), ("S2", 55), ("S3", 55), ("S4", 30), ("S5", 10)]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,60,{points}," for pid, points in people]
    files = one_unit_comune("Comune", staff([(pid, "C") for pid, _ in people]), cards,
                            '[funds]\nperformance_individuale = "10000.00"\n')  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, SANNAZZARO, files)
    # the budget: 10000 × 1 / 5 = 2000 each; 55 of 60 is in «da 49 a 60» (100%): 2000.00 × 3; 30 in «da 25 a 36»
    #   (50%): 1000.00; 10 in «da 0 a 11» (0%): 0. Paid 7000.00, 3000.00 left to the maggiorazione
    # maggiorazione: the three tied at 55, the year's highest: 30% × 7000 / 4 (the four with a premium) = 525.00
    #   each, 1575.00 of the 3000.00
    # S1, S2, S3 2000 + 525 = 2525.00; S4 1000.00; S5 0
    assert amounts(result) == {"S1": "2525.00", "S2": "2525.00", "S3": "2525.00", "S4": "1000.00", "S5": "0.00"}
    assert result.figures["ammesso:maggiorazione:S4"].value is False
    admitted = result.figures["ammesso:maggiorazione:S2"]
    assert admitted.value is True
    assert {i.name: i.value for i in admitted.inputs} == {  # the points on the text's 60, said so
        "il punteggio su 60": Decimal("55"),
        "il massimo del punteggio tra i dipendenti dell'ente": Decimal("55"),  # as the formula's sentence says it
    }
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1425.00")


# --- A threshold relative to the year -----------------------------------------------------------------------------
# «oltre la media: dalla media dei punteggi dell'anno + 1 a 425» (the grid of the Ministero della Giustizia, DAP, as
# the request for formulas quoted it: the catalogue's dap.toml now declares the whole grid, on 500 points). Scores on
# 425; the second band and the premium of each band are examples.
DAP = (
    head("Sistema di valutazione dei dirigenti")
    + """
[punteggio]
fonte = "scheda dei dirigenti, fino a 425 punti"
su = 425

[livelli]
fonte = "fasce di valutazione"
scala = [
  { nome = "oltre la media", da = "=MEDIA.ENTE(punteggio) + 1" },
  { nome = "nella media", da = 0 },
]

[premio]
metodo = "livelli"
massimo = "1000.00"
coefficienti = { "oltre la media" = 1, "nella media" = 0.8 }
ruoli = ["dirigente"]
fonte = "retribuzione di risultato per fascia"
"""
)


def dirigenti(points: dict[str, int]) -> dict[str, str]:
    rows = [f"{pid},Dirigente {pid},dirigente,DIR,com,1,0,false,SEG" for pid in points]
    cards = [f"{pid},SEG,scheda,Valutazione,425,{p}," for pid, p in points.items()]
    return one_unit_comune("DAP", rows, cards, '[funds]\nperformance_individuale = "10000.00"\n')


def test_dap_above_the_mean_of_the_year(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, DAP, dirigenti({"D1": 400, "D2": 380, "D3": 359, "D4": 300}))
    # mean of the year: (400 + 380 + 359 + 300) / 4 = 1439 / 4 = 359.75; «oltre la media» from 360.75 points
    # D1 400, D2 380 above; D3 359 and D4 300 «nella media» (from 0)
    levels = {pid: s.level for pid, s in result.scores.items() if pid != "SEG"}
    assert levels == {"D1": "oltre la media", "D2": "oltre la media", "D3": "nella media", "D4": "nella media"}
    threshold = result.figures["livelli:soglia:oltre la media"]
    assert threshold.value == Decimal("360.75")
    # the threshold holds for everyone: its figure lists the mean it read, never the first dirigente's own points
    assert [(i.name, i.value) for i in threshold.inputs] == [("la media del punteggio nell'ente", Decimal("359.75"))]
    # and the mean is a figure of its own that lists each dirigente's points, so the office can redo it
    mean = result.figures[threshold.inputs[0].ref]
    assert [(i.name, i.value) for i in mean.inputs] == [
        ("Dirigente D1 (D1)", 400),
        ("Dirigente D2 (D2)", 380),
        ("Dirigente D3 (D3)", 359),
        ("Dirigente D4 (D4)", 300),
    ]
    assert mean.value == Decimal("359.75") and mean.source == threshold.source
    # 1000 × 1 and 1000 × 0.8
    assert amounts(result) == {"D1": "1000.00", "D2": "1000.00", "D3": "800.00", "D4": "800.00"}
    # the points on 425 from the exact total: 359 of 425 is 84.47 on 100 and 84.47 × 4.25 = 358.9975, but the
    # published points are 359.00
    assert result.scores["D3"].breakdown["punteggio sulla scala del regolamento"] == Decimal("359.00")


# --- The reggenza of an absent manager ---------------------------------------------------------------------------
# «al dirigente che regge un ufficio privo di titolare spetta il 20% della retribuzione di posizione del dirigente
# sostituito, in proporzione ai giorni di reggenza; in caso di più reggenze, la più favorevole». The fund is an
# example.
REGGENZA = (
    head("Regolamento della retribuzione di risultato dei dirigenti")
    + """
[[premi]]
nome = "reggenza"
metodo = "formula"
fondo = "reggenze"
ruoli = ["dirigente"]
incarichi = "reggenza"
tra_gli_incarichi = "massimo"
tempo_parziale = "intero"
importo = "=20% * DI(retribuzione_posizione; sostituito) * giorni / giorni_anno"
fonte = "art. 14"
"""
)


def test_the_reggenza_pays_a_share_of_the_absent_manager_s_position(ciclope_ente, tmp_path):
    header = STAFF_HEADER + ",position_pay"
    rows = [
        "SEG,Segretario,segretario,DIR,com,1,0,false,,",
        "D1,Dirigente Uno,dirigente,DIR,com,1,0,false,SEG,30000.00",
        "D2,Dirigente Due,dirigente,DIR,com,1,0,false,SEG,36600.00",
        "D3,Dirigente Tre,dirigente,DIR,com,1,0,false,SEG,18300.00",
    ]
    files = one_unit_comune("Comune", [], [f"{d},SEG,scheda,Valutazione,100,90," for d in ("D1", "D2", "D3")],
                            '[funds]\nreggenze = "5000.00"\n')  # fmt: skip
    files["people.csv"] = "\n".join([header, *rows]) + "\n"
    files["incarichi.csv"] = (
        "persona,tipo,sostituito,dal,al\n"
        "D1,reggenza,D2,2024-01-01,2024-03-31\n"  # 91 days of 2024 (a leap year: 366)
        "D1,reggenza,D3,2024-01-01,2024-12-31\n"  # the whole year
        "D2,reggenza,D3,2024-07-01,2024-07-31\n"  # 31 days
    )
    result = run_declared(ciclope_ente, tmp_path, REGGENZA, files)
    # D1: 20% × 36600 × 91 / 366 = 1820.00; 20% × 18300 × 366 / 366 = 3660.00: the more favourable, 3660.00
    # D2: 20% × 18300 × 31 / 366 = 310.00; D3 covers no one: 0
    assert {k: v for k, v in amounts(result).items() if v != "0.00"} == {"D1": "3660.00", "D2": "310.00"}
    pool = result.rewards.pools["reggenze"]
    assert (pool.distributed, pool.residual) == (Decimal("3970.00"), Decimal("1030.00"))
    names = [i.name for i in result.figures["award:D1"].inputs]
    assert "retribuzione di posizione di Dirigente Tre" in " ".join(names)


def test_leggi_says_an_appointments_part_pays_only_who_holds_one(tmp_path):
    """A part paid by appointment (``incarichi``) without an evaluation pays those who hold such an appointment, not
    «tutto il personale in servizio» as a part without evaluation otherwise does."""
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "reggenza.toml"
    path.write_text(REGGENZA.replace('incarichi = "reggenza"', 'incarichi = "reggenza"\nvalutazione = false'), "utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    text = render(regulation)
    assert "La parte «reggenza» è pagata a chi ha un incarico «reggenza» del foglio incarichi (i dirigenti)" in text
    assert "tutto il personale in servizio" not in text


# --- ATER: grades of another contract (CCNL Federcasa) -------------------------------------------------------------
# «la quota legata alla presenza in servizio per parametri retributivi (D1 100, C3 106, C2 110, C1 114, B3 120, B2
# 128, B1 136, BS 142, A3 150, A2 158, A1 166, Q2 180, Q1 190)».
ATER = (
    head("Contratto integrativo decentrato dell'ATER del Comprensorio di Civitavecchia")
    + """
[gradi]
nomi = ["D1", "C3", "C2", "C1", "B3", "B2", "B1", "BS", "A3", "A2", "A1", "Q2", "Q1"]
contratto = "CCNL Federcasa"
fonte = "C.I.D., premio di risultato"

[livelli]
fonte = "C.I.D."
scala = [{ nome = "in servizio", da = 0 }]

[[premi]]
nome = "presenza"
metodo = "livelli"
coefficienti = { "in servizio" = 1 }
parametri = { D1 = 100, C3 = 106, C2 = 110, C1 = 114, B3 = 120, B2 = 128, B1 = 136, BS = 142, A3 = 150, A2 = 158, A1 = 166, Q2 = 180, Q1 = 190 }
fonte = "C.I.D., quota presenza"
"""
)


def graded(people, extra_header: str = "grado") -> dict[str, str]:
    """(id, grado, score[, absence days]) of staff."""
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,{rest[0] if rest else 0},false,SEG,{grado}"
            for pid, grado, _, *rest in people]  # fmt: skip
    cards = [f"{pid},SEG,scheda,Valutazione,100,{score}," for pid, _, score, *_ in people]
    files = one_unit_comune("ATER", [], cards, '[funds]\nperformance_individuale = "6800.00"\n')
    files["people.csv"] = "\n".join([STAFF_HEADER + f",{extra_header}", "SEG,Segretario,segretario,DIR,com,1,0,false,,",
                                     *rows]) + "\n"  # fmt: skip
    return files


def test_ater_parameters_by_federcasa_grade(ciclope_ente, tmp_path):
    people = [("A", "Q1", 80), ("B", "D1", 80), ("C", "B3", 80), ("D", "a1", 80)]
    result = run_declared(ciclope_ente, tmp_path, ATER, graded(people))
    # weights 190, 100, 120, 166 (a1 is A1: case does not count): Σ 576; 6800 × 190 / 576 = 2243.055…,
    # × 100 / 576 = 1180.555…, × 120 / 576 = 1416.666…, × 166 / 576 = 1959.722…; floors 2243.05 + 1180.55 +
    # 1416.66 + 1959.72 = 6799.98, the 2 cents to the largest remainders: C (.666), then A and B tie (.555) with
    # the same score, A first by id
    assert amounts(result) == {"A": "2243.06", "B": "1180.55", "C": "1416.67", "D": "1959.72"}
    inputs = {i.name: i.value for i in result.figures["award:A"].inputs}
    assert inputs["grado"] == "Q1" and inputs["parametro del grado"] == Decimal("190")


def test_a_grade_the_file_does_not_declare_is_an_error_naming_the_row(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, ATER, graded([("A", "Q1", 80), ("B", "Q3", 80)]))
    # «Q3» is none of [gradi]: one error at its cell, not a second one of a grade «(vuoto)» the parametri lack
    found = [p for p in result.violations if p.is_error]
    assert [(p.rule, p.row, p.column) for p in found] == [("regolamento.grado", 4, "grado")]
    assert found[0].message.startswith("il grado «Q3» di Persona B (B) non è tra quelli del regolamento")


# --- ATER Civitavecchia: absences cut the presence part; the cuts go to the objectives part ----------------------
# «ridotti delle seguenti percentuali con riferimento alle assenze: da 0 a 15 gg. nessuna riduzione; da 16 a 25
# gg. del 5% […] Gli importi non erogati saranno ridistribuiti al personale sulla base delle percentuali di
# raggiungimento degli obiettivi». The split of the fund between the two parts (40% / 60%) is an example.
ATER_CUTS = (
    head("Contratto integrativo decentrato dell'ATER del Comprensorio di Civitavecchia")
    + """
[[premi]]
nome = "presenza"
metodo = "proporzionale"
quota_fondo = 0.4
peso = "=1"
fonte = "C.I.D., quota presenza"

[[premi]]
nome = "obiettivi"
metodo = "proporzionale"
quota_fondo = 0.6
fonte = "C.I.D., quota obiettivi"

[[riduzioni]]
misura = "assenze"
parti = ["presenza"]
economie = "obiettivi"
fonte = "C.I.D., riduzioni per assenze"
scaglioni = [
  { da = 0, a = 15, riduzione = 0 },
  { da = 16, a = 25, riduzione = 0.05 },
  { da = 26, a = 50, riduzione = 0.15 },
  { da = 51, a = 90, riduzione = 0.30 },
  { da = 91, a = 180, riduzione = 0.50 },
  { da = 181, riduzione = 1 },
]
"""
)


def test_ater_absences_cut_one_part_and_the_cuts_go_to_the_other(ciclope_ente, tmp_path):
    people = [("P1", "C", 100, 1, 0), ("P2", "C", 100, 1, 20), ("P3", "C", 50, 1, 60), ("P4", "C", 50, 1, 200)]
    result = run_declared(ciclope_ente, tmp_path, ATER_CUTS, scored(people, fund="10000.00"))
    # presenza: 4000.00 in equal weights, 1000.00 each before the cuts; P2 (20 days) −5%: 950.00, cut 50.00;
    #   P3 (60 days) −30%: 700.00, cut 300.00; P4 (200 days) −100%: 0, cut 1000.00 → cuts 1350.00 go to obiettivi
    # obiettivi: 6000.00 + 1350.00 = 7350.00 by score, Σ 100 + 100 + 50 + 50 = 300: 2450.00, 2450.00, 1225.00,
    #   1225.00 (absences do not cut this part)
    assert amounts(result) == {"P1": "3450.00", "P2": "3400.00", "P3": "1925.00", "P4": "1225.00"}
    assert result.figures["pool:performance_individuale:obiettivi"].value == Decimal("7350.00")
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("10000.00"), Decimal("0.00"))


def test_a_weight_that_does_not_read_the_score_is_not_explained_by_it(ciclope_ente, tmp_path):
    """A part weighed by its own formula (``peso = "=1"``) reads no score: its figure shows what the weight read, not
    the score and its chain; the part weighed by the score (obiettivi) still shows it."""
    people = [("P1", "C", 100, 1, 0), ("P3", "C", 50, 1, 0)]
    result = run_declared(ciclope_ente, tmp_path, ATER_CUTS, scored(people, fund="10000.00"))
    presenza = [i.name for i in result.figures["premio:presenza:P1"].inputs]
    obiettivi = [i.name for i in result.figures["premio:obiettivi:P1"].inputs]
    assert "punteggio" not in presenza
    assert "punteggio" in obiettivi


def test_the_cents_of_a_reduced_share_are_said_before_the_reduction(ciclope_ente, tmp_path):
    people = [("P1", "C", 100, 1, 0), ("P2", "C", 100, 1, 20), ("P3", "C", 50, 1, 0)]
    result = run_declared(ciclope_ente, tmp_path, ATER_CUTS, scored(people, fund="10000.00"))
    # presenza: 4000.00 / 3 = 1333.3333… each: 1333.33 down, the cent left to P1 (equal remainders: the higher score,
    # then the code); P2 (20 days) −5%: 1333.33 × 0.95 = 1266.6635 → 1266.66. P2's note speaks of the share before
    # its reduction, which the formula then says («poi × (1 − riduzione)»)
    assert result.figures["premio:presenza:P2"].value == Decimal("1266.66")
    assert "prima della riduzione, importo esatto € 1.333,3333…: € 1.333,33 al centesimo per difetto" in (
        result.figures["premio:presenza:P2"].note
    )
    assert "importo esatto € 1.333,3333…: € 1.333,33 al centesimo per difetto, più un centesimo" in (
        result.figures["premio:presenza:P1"].note
    )
    assert "prima della riduzione" not in result.figures["premio:presenza:P1"].note


def test_a_share_a_reduction_takes_whole_says_why_it_is_nothing(ciclope_ente, tmp_path):
    people = [("P1", "C", 100, 1, 0), ("P4", "C", 50, 1, 200)]
    result = run_declared(ciclope_ente, tmp_path, ATER_CUTS, scored(people, fund="10000.00"))
    # P4's 200 days of absence are past 181: −100%, nothing of «presenza»; the reason first, as a zero factor's is,
    # with the reduction's own source (the part's is another), cited after the act as every rule is
    assert result.figures["premio:presenza:P4"].value == Decimal("0.00")
    assert result.figures["premio:presenza:P4"].note == (
        "nessun importo: la riduzione per giorni di assenza è del 100% (Contratto integrativo decentrato dell'ATER "
        "del Comprensorio di Civitavecchia, C.I.D., riduzioni per assenze); quota pagata = tempo lavorato"
    )


def test_cuts_kept_as_the_part_s_residual(ciclope_ente, tmp_path):
    text = ATER_CUTS.replace('economie = "obiettivi"', 'economie = "residuo"')
    people = [("P1", "C", 100, 1, 0), ("P2", "C", 100, 1, 20)]
    result = run_declared(ciclope_ente, tmp_path, text, scored(people, fund="10000.00"))
    # presenza: 4000.00 → 2000.00 each; P2 −5%: 1900.00, the 100.00 cut stays residual (the colleague keeps 2000.00)
    # obiettivi: 6000.00 by score, equal: 3000.00 each
    assert amounts(result) == {"P1": "5000.00", "P2": "4900.00"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("9900.00"), Decimal("100.00"))


# --- Statuses with their own coefficient --------------------------------------------------------------------------
# «non valutato per ritardo nella consegna delle schede: coefficiente 0,3»; «documentazione non inviata: 0».
STATUSES = (
    head("Sistema di valutazione del Comune di Prova")
    + """
[livelli]
fonte = "art. 5"
scala = [{ nome = "ottimo", da = 90 }, { nome = "buono", da = 70 }]

[premio]
metodo = "livelli"
massimo = "1000.00"
coefficienti = { ottimo = 1, buono = 0.8 }
fonte = "art. 6"

[[stati]]
nome = "ritardo_schede"
etichetta = "non valutato per ritardo nella consegna delle schede"
coefficiente = 0.3
fonte = "art. 7 c. 1"

[[stati]]
nome = "documentazione_non_inviata"
etichetta = "documentazione non inviata"
coefficiente = 0
fonte = "art. 7 c. 2"
"""
)


def test_a_status_pays_its_coefficient_and_is_read_with_its_label(ciclope_ente, tmp_path):
    files = scored([("A", "C", 95), ("B", "C", 75)], fund="5000.00")
    header, *rows = files["people.csv"].splitlines()
    files["people.csv"] = (
        "\n".join(
            [
                header + ",stato",
                *(r + "," for r in rows),
                "C,Persona C,dipendente,C,com,1,0,false,SEG,Ritardo schede",
                "D,Persona D,dipendente,C,com,0.5,0,false,SEG,ritardo_schede",
                "E,Persona E,dipendente,C,com,1,0,false,SEG,documentazione_non_inviata",
            ]  # fmt: skip
        )
        + "\n"
    )
    result = run_declared(ciclope_ente, tmp_path, STATUSES, files)
    # A ottimo 1000 × 1; B buono 1000 × 0.8; C (no card) 1000 × 0.3 = 300.00; D at half time 1000 × 0.3 × 0.5 =
    # 150.00; E 1000 × 0 = 0
    assert amounts(result) == {"A": "1000.00", "B": "800.00", "C": "300.00", "D": "150.00", "E": "0.00"}
    assert (result.scores["C"].status, result.scores["C"].score) == ("ritardo_schede", None)
    assert result.plugin.ente_labels["ritardo_schede"] == "non valutato per ritardo nella consegna delle schede"


# --- Comune di Cuneo: numbers as the text writes them -------------------------------------------------------------
# Parameters of the bands «200 / 150 / 100»: the fund divided by weights, written as in the text.
CUNEO = (
    head("Sistema di valutazione del Comune di Cuneo")
    + """
[livelli]
fonte = "art. 9"
scala = [{ nome = "alta", da = 90 }, { nome = "media", da = 75 }, { nome = "base", da = 60 }]

[premio]
metodo = "livelli"
coefficienti = { alta = 200, media = 150, base = 100 }
fonte = "art. 10"
"""
)


def test_cuneo_coefficients_as_the_text_writes_them(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, CUNEO, scored([("A", "C", 95), ("B", "C", 80), ("C", "C", 65)],
                                                                fund="9000.00"))  # fmt: skip
    # weights 200 + 150 + 100 = 450: 9000 × 200 / 450 = 4000.00, × 150 / 450 = 3000.00, × 100 / 450 = 2000.00
    assert amounts(result) == {"A": "4000.00", "B": "3000.00", "C": "2000.00"}


def test_a_share_written_as_a_percentage(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(CUNEO.replace("alta = 200, media = 150, base = 100", 'alta = "100%", media = "80%", base = "60%"'))
    regulation, found = load(str(path))
    assert found == () and regulation is not None and regulation.premium is not None
    assert regulation.premium.coefficients == {"alta": Decimal("1"), "media": Decimal("0.8"), "base": Decimal("0.6")}


# --- Thresholds on a card's own scale, points with points ---------------------------------------------------------
ON_THREE = (
    head("Sistema di valutazione su tre punti")
    + """
[punteggio]
fonte = "art. 2"
su = 3

[livelli]
fonte = "art. 3"
scala = [{ nome = "adeguato", da = 1 }]
"""
)


def test_one_point_of_three_reaches_a_level_from_one(ciclope_ente, tmp_path):
    files = one_unit_comune("Comune", staff([("A", "C"), ("B", "C")]),
                            ["A,SEG,scheda,Voce,3,1,", "B,SEG,scheda,Voce,3,0.99,"], "")  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, ON_THREE, files)
    # A: 1 of 3 is 33.33 on 100 (the exact total 33.333…), 1.00 point on 3: «da 1» reached; B: 0.99 points, not
    assert (result.scores["A"].level, result.scores["B"].level) == ("adeguato", None)


def test_fifty_of_sixty_reaches_a_level_from_fifty(ciclope_ente, tmp_path):
    text = ON_THREE.replace("su = 3", "su = 60").replace("da = 1 }", "da = 50 }")
    files = one_unit_comune("Comune", staff([("A", "C")]), ["A,SEG,scheda,Voce,60,50,"], "")
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # 50 / 60 = 83.33 on 100; 83.33 × 0.6 = 49.998 would fall below 50: the points of the exact total are 50.00
    assert result.scores["A"].level == "adeguato"


# --- Every problem of the formulas at once, with the line and the key ---------------------------------------------
# Two parts, the second for the year's highest evaluation in equal shares: the text each error below is made in.
HIGHEST = """\
# A premium of productivity and a maggiorazione to the year's highest evaluation, all of them when tied, in equal
# shares from 10% of the fund. Written here for the errors of the test below: each of its lines is counted there.
# (Not a real text: Sannazzaro's is in the catalogue.)
formato = 2

[atto]
titolo = "Regolamento del sistema premiale"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = 0.9
fonte = "premio di produttività"

[[premi]]
nome = "maggiorazione"
metodo = "proporzionale"
quota_fondo = 0.1
ammesso = "=punteggio = MAX.ENTE(punteggio)"   # la valutazione più elevata dell'anno, tutti i pari merito
peso = "=1"                                    # in parti uguali
fonte = "maggiorazione alla valutazione più elevata"
"""


def test_the_problems_of_formulas_are_said_at_once(tmp_path):
    text = HIGHEST.replace(
        'ammesso = "=punteggio = MAX.ENTE(punteggio)"', 'ammesso = "=punteggi = MAX.ENTE(punteggio)"'
    )
    text = text.replace('peso = "=1"', 'peso = "=punteggio + retribuzione_posizione"')
    text += '''
[[premi]]
nome = "extra"
metodo = "formula"
fondo = "extra"
importo = "=PREMIO(\\"extra\\") / 0"
fonte = "art. 12"
'''
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is None
    messages = [placed(p) for p in found]
    assert messages == [
        "riga 20, chiave premi[2].ammesso: formula «=punteggi = MAX.ENTE(punteggio)»: nome sconosciuto «punteggi» "
        "(forse «punteggio»?); nomi ammessi: punteggio, scheda, unita, ente, ente_attestata, cruscotto, quota_tempo, assenze, "
        "giorni_servizio, giorni_incarico, giorni_anno, anno_ciclo, categoria, grado, ruolo, valutatore, retribuzione_posizione, sanzione, livello, fondo",
        "riga 21, chiave premi[2].peso: formula «=punteggio + retribuzione_posizione»: «+»: non si combinano punti e "
        "euro",
        "riga 28, chiave premi[3].importo: formula «=PREMIO(\"extra\") / 0»: PREMIO(«extra»): nessuna parte precedente "
        "ha questo nome; parti pagate prima: produttività, maggiorazione; divisione per zero",
    ]
    assert {p.file for p in found} == {str(path)}


def test_a_column_of_persone_csv_written_in_a_formula_says_the_formula_s_name(tmp_path):
    """An office writes the column it fills, giorni_assenza of persone.csv: the formulas read it as «assenze», and
    the message says so instead of listing every name (quota_tempo is the formulas' name too)."""
    text = HIGHEST.replace('peso = "=1"', 'peso = "=quota_tempo * (365 - giorni_assenza)"')
    problems = regulation_problems(tmp_path, text)
    assert problems == [
        "riga 21, chiave premi[2].peso: formula «=quota_tempo * (365 - giorni_assenza)»: la colonna giorni_assenza di "
        "persone.csv nelle formule si chiama «assenze»"
    ]
    # two names nothing reads: the list of the names a formula reads is said once, after the first
    text = HIGHEST.replace('peso = "=1"', 'peso = "=anni * anzianita"')
    assert regulation_problems(tmp_path, text) == [
        "riga 21, chiave premi[2].peso: formula «=anni * anzianita»: nome sconosciuto «anni»; nomi ammessi: "
        "punteggio, scheda, unita, ente, ente_attestata, cruscotto, quota_tempo, assenze, giorni_servizio, giorni_incarico, giorni_anno, anno_ciclo, categoria, grado, "
        "ruolo, valutatore, retribuzione_posizione, sanzione, livello, fondo; nome sconosciuto «anzianita»"
    ]


def test_a_formula_needs_format_two(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(CUNEO.replace("formato = 2", "formato = 1").replace("da = 90", 'da = "=MEDIA.ENTE(punteggio)"'))
    regulation, found = load(str(path))
    assert regulation is None
    assert [placed(p) for p in found] == [
        "riga 8, chiave livelli.scala[1].da: le formule sono del formato 2: scrivi formato = 2 in testa al file"
    ]


# --- regolamento leggi: the text as an office would write it -------------------------------------------------------
SAID = (
    head("Sistema di valutazione del Comune di Parole")
    + """
[punteggio]
fonte = "art. 2"
su = 400
[[punteggio.categorie]]
categorie = ["D"]
scheda = 1
fonte = "art. 2 c. 2"

[[scheda]]
fonte = "art. 3"
ruoli = ["dipendente"]
voci = [{ sezione = "Comportamenti", voce = "Condotta", massimo = 400 }]

[livelli]
fonte = "art. 4"
scala = [{ nome = "alto", da = "=MEDIA.ENTE(punteggio) + 1" }, { nome = "base", da = 0 }]
requisiti = [{ parte = "sezione:Comportamenti", minimo = 56.25, fonte = "art. 4 c. 2" }]

[etichette]
produttivita = "fondo per la produttività"

[[premi]]
nome = "fasce"
metodo = "fasce"
fondo = "produttivita"
quota_fondo = 0.8
fonte = "art. 5"
fasce = [{ nome = "alta", personale = 0.2, risorse = 1 }, { nome = "bassa", personale = 0.8, risorse = 0 }]

[[premi]]
nome = "progetti"
metodo = "importi"
fondo = "produttivita"
quota_fondo = 0.2
fonte = "art. 6"
"""
)


def test_leggi_says_the_text_as_an_office_writes_it(tmp_path):
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "smvp.toml"
    path.write_text(SAID, encoding="utf-8")
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    text = render(regulation)
    for said in (
        "ha 1 voce: «Condotta» (Comportamenti), fino a 400 punti.",  # one item, not «1 voci»
        "Per i dipendenti della categoria D il punteggio",  # one category, not «delle categorie D»
        "«alta» con il 20% del personale e il 100% delle risorse; «bassa» con l'80% del personale e lo 0% delle "
        "risorse",
        "Chi non raggiunge almeno 225 punti su 400 nella sezione «Comportamenti» della scheda scende di un livello",
        "«alto» dalla media del punteggio nell'ente più 1 (formula: =MEDIA.ENTE(punteggio) + 1); «base» da 0 punti.",
        "Le va l'80% del fondo per la produttività.",  # the fund by its label, not «produttivita»
    ):
        assert said in text, said
    progetti = text[text.index("Parte «progetti»") :]
    assert "tempo parziale" not in progetti.split("Parte «")[1]  # typed amounts are paid as written


def test_the_annex_says_a_threshold_of_the_year_by_its_words(tmp_path):
    """The Relazione's annex reads an article's words (``Article.words``): the threshold of the year «dalla media
    del punteggio nell'ente più 1», its formula as typed only where ``leggi`` prints it (the test above)."""
    from ciclope.plugins.regolamento.say.articles import articles

    path = tmp_path / "smvp.toml"
    path.write_text(SAID, encoding="utf-8")
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    (levels,) = [a for a in articles(regulation) if a.title == "I livelli di valutazione"]
    assert levels.words.startswith(
        "I livelli di valutazione, dal più alto: «alto» dalla media del punteggio nell'ente più 1; «base» da 0 punti. "
        "Il livello si legge"
    ), levels.words
    assert "(formula: =MEDIA.ENTE(punteggio) + 1)" in levels.body  # what leggi prints, unchanged


# --- The checks of a formula, one by one ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "place, written, problem",
    [
        # the scheda is not read where everyone in service counts, nor where the positions are weighed
        (
            "riparto_graduatorie",
            '=SEZIONE("Risultati")',
            "SEZIONE non si usa nel peso di ciascuno nel riparto del fondo tra le graduatorie: conta tutto il "
            "personale in servizio, valutato o no",
        ),  # fmt: skip
        (
            "requisiti",
            "=punteggio >= 60",
            "«punteggio» non si usa nei requisiti del titolare: i requisiti non dipendono dalla valutazione dell'anno",
        ),  # fmt: skip
        (
            "importo",
            "=assenze * 15 €",
            "la formula dà euro × giorni, ma l'importo è euro (un importo per giorno si scrive con «al giorno», "
            "es. assenze * 15 € al giorno; una parte dell'anno con i giorni, es. assenze / 264 giorni o assenze / "
            "giorni_anno)",
        ),  # fmt: skip
        ("importo", "=2200 € * (1 - assenze / 264 giorni)", ""),  # days over days: a number
        ("ammesso", "=assenze > 30 giorni", ""),
        ("ammesso", "=punteggio > 30 giorni", "il confronto «>»: non si combinano punti e giorni"),
        ("importo", "=15 € + punteggio", "«+»: non si combinano euro e punti"),
        (
            "ammesso",
            "=unita >= 70",
            "il confronto «>=»: il secondo termine (70) è un numero e il primo termine una percentuale: un numero "
            "scritto accanto a una percentuale va scritto con %, es. 70%",
        ),  # fmt: skip
        (  # a writer's coefficient: the branch that mixes them is named (unita / 90 is a percentage, 1 a number)
            "peso",
            "=SE(unita >= 90%; 1; SE(unita >= 70%; unita / 90; 0))",
            "SE: il valore se vera (1) è un numero e il valore se falsa una percentuale: un numero scritto accanto a "
            "una percentuale va scritto con %, es. 70%",
        ),  # fmt: skip
        (
            "peso",
            "=SE(unita >= 90%; unita; 0,5)",
            "SE: il valore se falsa (0,5) è un numero e il valore se vera una percentuale: un numero scritto accanto a "
            "una percentuale va scritto con %, es. 70%",
        ),  # fmt: skip
        ("ammesso", "=punteggio >= 50%", "il confronto «>=»: non si combinano punti e una percentuale"),
        ("ammesso", "=unita > 0", ""),  # a written 0 is 0% too: nothing, in any unit
        # «al 10% dei valutati, almeno uno»: a share of a count of people is a number of people, not a percentage
        ("ammesso", "=RANGO.ENTE(punteggio) <= MAX(1; ARROTONDA.PER.DIF(10% * CONTA.ENTE(punteggio >= 60); 0))", ""),
        ("importo", "=MAX(1; 10% * CONTA.ENTE()) * 100 €", ""),
        ("importo", "=fondo * SE(unita >= 90%; 100%; 0) / 10", ""),
        (
            "importo",
            "=fondo * (1 - unita)",
            # in a spreadsheet 1 - 10% is 0.9; here a percentage is a unit, so the message says how to write it
            "«-»: il primo termine (1) è un numero e il secondo termine una percentuale: un numero scritto accanto a "
            "una percentuale va scritto con %, es. 70%: l'intero si scrive 100% (1 - 10% è 100% - 10%)",
        ),
        # «dal 60% all'80%, ciascun punto aggiuntivo 1%»: points over a written threshold × a percentage is one
        ("peso", "=60% + (MEDIA.ENTE(fte) - 90) * 1%", ""),
        ("peso", "=80,1% + (MEDIA.ENTE(fte) - 110,1) * 0,715%", ""),
        ("importo", "=1000 € + 1000 * 30%", ""),  # numbers written take the unit of what they meet, as before
        ("importo", "=fondo * (60% + (2 - 1) * 1%)", ""),
        (
            "importo",
            "=MIN(fondo, 50)",
            "la formula non si legge dal carattere 10 («, 50)»): separa gli argomenti di "
            "una funzione con il punto e virgola «;», come in un foglio di calcolo",
        ),  # fmt: skip
        # an amount per day written as a plain amount, inside a larger amount: the hint of «al giorno» as alone
        (
            "importo",
            "=450 € - MAX(0; assenze - 10) * 15 €",
            "«-»: non si combinano euro e euro × giorni (un importo per giorno si scrive con «al giorno», es. assenze "
            "* 15 € al giorno; una parte dell'anno con i giorni, es. assenze / 264 giorni o assenze / giorni_anno)",
        ),  # fmt: skip
        (
            "riduzione",
            "=100% - MAX(0; assenze - 15) * 1%",
            "«-»: non si combinano una percentuale e giorni (una quota per giorno si scrive con «% al giorno», es. "
            "(assenze - 15 giorni) * 1% al giorno)",
        ),  # fmt: skip
        # a parenthesis left open is said as such, not as the last word read (which is right: «15 € al giorno»)
        (
            "importo",
            "=MAX(0 €; 450 € - assenze * 15 € al giorno",
            "la formula finisce prima del tempo: manca una parentesi chiusa «)», alla fine o dove finisce il suo "
            "argomento",
        ),  # fmt: skip
        (
            "importo",
            '=SE(unita = "(a"; SE(punteggio > 90; fondo; 0 €); 0 €',  # the «(» of a text is not counted: 2 - 1
            "la formula finisce prima del tempo: manca una parentesi chiusa «)», alla fine o dove finisce il suo "
            "argomento",
        ),  # fmt: skip
        (
            "importo",
            "=MAX(0 €; MIN(fondo; 50 €",
            "la formula finisce prima del tempo: mancano 2 parentesi chiuse «)», alla fine o dove finisce il suo "
            "argomento",
        ),  # fmt: skip
        (
            "importo",
            "=fondo +",
            "la formula finisce prima del tempo: manca un termine dopo l'ultimo operatore o l'ultimo «;»",
        ),
        (
            "importo",
            "=MAX(0 €; fondo))",
            "la formula non si legge dal carattere 16 («)»): una parentesi chiusa di troppo?",  # counted after «="
        ),  # fmt: skip
        (  # a spreadsheet's conditional sum: the condition is read for each person inside SOMMA.ENTE
            "importo",
            '=SOMMA.SE(punteggio; ">90") * 1 €',
            "funzione sconosciuta «SOMMA.SE»: la somma di chi soddisfa una condizione si scrive SOMMA.ENTE(SE("
            "condizione; valore; 0))",
        ),  # fmt: skip
        (
            "importo",
            "=SE(punteggio >= 90; 1000 EUR; 800 EUR)",
            "la formula non si legge dal carattere 26 («EUR; 800 EUR»): un importo si scrive con il simbolo €, es. "
            "1000 €",
        ),  # fmt: skip
        (  # a unit the formulas do not have, after a number: the number alone (chars counted after «=»)
            "importo",
            "=SE(punteggio > 80 punti; fondo; 0 €)",
            "la formula non si legge dal carattere 19 («punti; fondo»): un numero si scrive senza unità: «80» (hanno "
            "un'unità solo gli importi, i giorni e le percentuali: 15 €, 10 giorni, 30%)",
        ),  # fmt: skip
        (
            "importo",
            "=SE(MESI(16 giorni) < 6 mesi; 0 €; fondo)",
            "la formula non si legge dal carattere 24 («mesi; 0 €; f»): un numero si scrive senza unità: «6» (hanno "
            "un'unità solo gli importi, i giorni e le percentuali: 15 €, 10 giorni, 30%)",
        ),  # fmt: skip
        (  # a «;» left out between a condition and its value (chars counted after «=»)
            "importo",
            '=PIÙ.SE(grado = "A"; 300 €; grado = "B" 400 €; 500 €)',
            "la formula non si legge dal carattere 40 («400 €; 500 €»): manca un «;» tra gli argomenti, o un operatore, "
            "prima di questo valore?",
        ),  # fmt: skip
        ("importo", "=SOMMAA(fondo)", "funzione sconosciuta «SOMMAA» (forse «SOMMA»?)"),
        (  # a spreadsheet's English name: the format's Italian one, written as the format writes it
            "importo",
            "=fondo * IF(punteggio >= 95; 1; 0)",
            "funzione sconosciuta «IF»: le funzioni si scrivono con il nome italiano, SE(condizione; se vera; se falsa)",
        ),  # fmt: skip
        (
            "importo",
            "=fondo * ROUND(punteggio / 100; 2)",
            "funzione sconosciuta «ROUND»: le funzioni si scrivono con il nome italiano, ARROTONDA(x; cifre)",
        ),  # fmt: skip
        (
            "importo",
            "=countif(punteggio > 90) * 1 €",
            "funzione sconosciuta «COUNTIF»: quante persone soddisfano una condizione si scrive CONTA.ENTE(condizione)",
        ),  # fmt: skip
        (  # a spreadsheet's error catch: nothing of the kind, and the choice between two values instead
            "importo",
            "=fondo * SE.ERRORE(punteggio >= 60; punteggio / 100; 0)",
            "funzione sconosciuta «SE.ERRORE»: non esiste nelle formule del regolamento, dove un valore che non si "
            "calcola per una persona è già un errore che la nomina; la scelta tra due valori si scrive SE(condizione; "
            "se vera; se falsa)",
        ),  # fmt: skip
        (
            "importo",
            "=fondo * IFERROR(punteggio / 100; 0)",
            "funzione sconosciuta «IFERROR»: non esiste nelle formule del regolamento, dove un valore che non si "
            "calcola per una persona è già un errore che la nomina; la scelta tra due valori si scrive SE(condizione; "
            "se vera; se falsa)",
        ),  # fmt: skip
        (  # near no function: the functions there are
            "importo",
            "=fondo * XYZ(punteggio)",
            "funzione sconosciuta «XYZ» (funzioni ammesse: SE, PIÙ.SE, E, O, NON, VERO, FALSO, MIN, MAX, MEDIA, SOMMA, ASS, "
            "CONCATENA, ARROTONDA, ARROTONDA.PER.DIF, ARROTONDA.PER.ECC, LIVELLO, SOTTO, SOPRA, SEZIONE, PREMIO, "
            "FASCIA, DI, MESI, OBIETTIVO, ANNI, MESI.DA, VALUTAZIONE.MEDIA, VALUTAZIONE.ULTIME, IN.SERVIZIO, SOMMA.UNITA, FONDO, OBIETTIVI.RAGGIUNTI, SOMMA.INCARICHI e, sulle persone, "
            "MEDIA.ENTE, MAX.ENTE, MIN.ENTE, SOMMA.ENTE, CONTA.ENTE, CONTA.DIVERSI.ENTE, RANGO.ENTE, ciascuna anche "
            ".GRUPPO)",
        ),  # fmt: skip
        ("importo", "=SE(punteggio > 90; fondo)", "SE vuole 3 argomenti, ne ha 2"),
        ("importo", "=fondo / (2 - 2)", ""),  # a zero computed, not written: said for the person when it runs
        ("importo", "=fondo / 0", "divisione per zero"),
        ("livello", "=SE(punteggio > 90; \"A\"; \"Z\")", "livello «Z» sconosciuto; livelli: A, B"),
        ("livello", "=livello", "la formula del livello non può leggere il livello stesso"),
        (
            "peso",
            "=PREMIO(\"seconda\")",
            "PREMIO(«seconda»): nessuna parte precedente ha questo nome; parti pagate prima: prima",
        ),  # fmt: skip
        ("stato", "=fondo > 0", "«fondo» non si usa in chi ha lo stato"),
        (
            "riparto_graduatorie",
            "=fte * punteggio",
            "«punteggio» non si usa nel peso di ciascuno nel riparto del fondo tra le graduatorie: conta tutto il "
            "personale in servizio, valutato o no",
        ),  # everyone in service counts, evaluated or not: no score to read
        ("riparto_graduatorie", '=fte * SE(categoria = "D"; 120; 100)', ""),
        (
            "importo",
            "=" + "ASS(" * 45 + "1" + ")" * 45,
            "formula troppo annidata (più di 40 livelli): dividila in parti",
        ),
        ("importo", "=" + "(" * 45 + "1" + ")" * 45, ""),  # brackets make no depth: the tree is the number
        ("importo", "=" + "1+" * 600 + "1", "formula troppo lunga (1201 caratteri, al più 1000): dividila in parti"),
        ("importo", "=MEDIA.ENTE(MAX.ENTE(punteggio))", "MAX.ENTE dentro un'altra funzione su più persone"),
        (
            "soglia",
            "=punteggio - 10",
            "la soglia del livello vale per tutti: «punteggio» di una persona si legge dentro "
            "una funzione sulle persone, es. MEDIA.ENTE(punteggio)",
        ),  # fmt: skip
        (
            "soglia",
            '=SEZIONE("Risultati") - 10',  # whose section? a threshold is the same for everyone
            "la soglia del livello vale per tutti: SEZIONE dice di una persona e si legge dentro una funzione sulle "
            'persone, es. MEDIA.ENTE(SEZIONE("Comportamenti"))',
        ),  # fmt: skip
        ("soglia", '=MEDIA.ENTE(SEZIONE("Risultati")) - 10', ""),
        (
            "soglia",
            "=RANGO.ENTE(punteggio)",
            "la soglia del livello vale per tutti: RANGO.ENTE dà la posizione di una persona e qui non si usa",
        ),  # fmt: skip
    ],
)
def test_each_check_of_a_formula(place, written, problem):
    scope = Scope(PLACES[place], levels=("A", "B"), parts=("prima",))
    if not problem:
        assert read(written, scope).text == written[1:]  # read: its problem, if any, is the person's when it runs
        return
    with pytest.raises(FormulaError) as refused:
        read(written, scope)
    assert str(refused.value) == problem


# --- What §7 of the guide sent to a developer, said as data --------------------------------------------------------
TWO_FUNDS = (
    head("Regolamento del Comune di Due Fondi")
    + """
[livelli]
fonte = "art. 4"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 60 }]

[[premi]]
nome = "progetti"
metodo = "livelli"
fondo = "progetti"
massimo = "500.00"
coefficienti = { A = 1, B = 0.5 }
residuo_a = "produttività"
fonte = "art. 8"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"
"""
)


def test_a_residual_goes_to_a_part_of_another_fund(ciclope_ente, tmp_path):
    files = scored([("A", "C", 95), ("B", "C", 70), ("C", "C", 40)], fund="3000.00")
    files["ente.toml"] += 'progetti = "2000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, TWO_FUNDS, files)
    # progetti: A 500 × 1 = 500.00, B 500 × 0.5 = 250.00, C no level: 0; 750.00 paid, 1250.00 go to produttività
    # produttività: 3000 + 1250 = 4250.00 by score, Σ 95 + 70 + 40 = 205: 4250 × 95 / 205 = 1969.5121…,
    #   × 70 / 205 = 1451.2195…, × 40 / 205 = 829.2682…; floors 1969.51 + 1451.21 + 829.26 = 4249.98, the 2 cents
    #   to the largest remainders in cents: B (0.95), C (0.82); A (0.21) keeps its floor
    assert amounts(result) == {"A": "500.00", "B": "250.00", "C": "0.00", "A:performance_individuale": "1969.51",
                               "B:performance_individuale": "1451.22", "C:performance_individuale": "829.27"}  # fmt: skip
    pools = result.rewards.pools
    # each fund conserved: progetti 2000 − 1250 moved = 750.00, all paid; produttività 3000 + 1250 = 4250.00
    assert (pools["progetti"].amount, pools["progetti"].distributed) == (Decimal("750.00"), Decimal("750.00"))
    perf = pools["performance_individuale"]
    assert (perf.amount, perf.distributed, perf.residual) == (Decimal("4250.00"), Decimal("4250.00"), Decimal("0.00"))
    assert result.figures["pool:progetti:trasferito:produttività"].value == Decimal("1250.00")


PIANO = (
    head("Regolamento del Comune di Scadenze")
    + """
[[calendario]]
atto = "Piano della performance"
fase = "pianificazione"
dopo = "bilancio_approvato"
giorni = 45
scadenza = "31/03"
fonte = "art. 3"
"""
)


def test_a_deadline_counted_from_another_act(ciclope_ente, tmp_path):
    files = scored([("A", "C", 95)])
    files["ente.toml"] += "[approvals]\nbudget_approved = 2024-02-20\n"
    result = run_declared(ciclope_ente, tmp_path, PIANO, files)
    piano = next(d for d, _ in result.calendar if d.act == "Piano della performance")
    # 20 February 2024 + 45 days = 5 April 2024 (9 days of February left, 31 of March, 5 of April)
    assert str(piano.due) == "2024-04-05"
    undated = run_declared(ciclope_ente, tmp_path, PIANO, scored([("A", "C", 95)]))
    fallback = next(d for d, _ in undated.calendar if d.act == "Piano della performance")
    assert str(fallback.due) == "2024-03-31"  # the budget undated: the fixed date of the text


def interim_ente(covering: str, rows: str, people: list[tuple[str, str, int, str]], quota: str = "0.15"):
    """The positions of test_regolamento_positions (P1 92, P2 76, P3 vacant 28 on a fund of 40000.00, ``quota`` of it
    to the result pay), with P3 covered ad interim by ``covering`` from 1 July to 31 December 2024 (``rows``: the
    cells after it, the measure) and [posizioni] interim = 0.2, requisiti «categoria = "D"»."""
    from test_regolamento_positions import HEAD as P_HEAD
    from test_regolamento_positions import POSITIONS, ente

    text = (
        (P_HEAD + POSITIONS)
        .replace('massimo = "16000.00"', 'massimo = "16000.00"\ninterim = 0.2\nrequisiti = \'=categoria = "D"\'')
        .replace("quota_risultato = 0.15", f"quota_risultato = {quota}")
    )
    csv = (
        "id,title,unit,holder,A1,A2,interim,interim_dal,interim_al,interim_misura\n"
        "P1,Area amministrativa,amm,PO1,5,4,,,,\n"
        "P2,Area tecnica,tec,PO2,3,alta,,,,\n"
        f"P3,Ufficio studi,tec,,1,2,{covering},2024-07-01,2024-12-31,{rows}\n"
    )
    return text, ente(people, 'posizioni_po = "40000.00"', **{"positions.csv": csv})


def test_the_interim_is_paid_with_the_result_pay_out_of_its_fund_first(ciclope_ente, tmp_path):
    text, data = interim_ente("PO1", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")])
    data["people.csv"] = data["people.csv"].replace("PO2,Persona PO2,po,D", "PO2,Persona PO2,po,C")
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # the positions as in docs/regolamento.md: P1 15880.95, P2 13119.05, P3 (vacant) 5000.00 of 34000.00; PO2 is of
    # category C: without the requirement («categoria = "D"») P2 is not paid, and the position pool pays P1 alone
    # (the interim is result pay, CCNL 21.5.2018 art. 15 c. 6: «nell'ambito della retribuzione di risultato»)
    position = {k: str(a.amount) for k, a in result.rewards.awards.items() if a.pool == "posizioni_po"}
    assert position == {"P1:posizioni_po": "15880.95"}
    assert result.rewards.pools["posizioni_po"].distributed == Decimal("15880.95")
    assert [p.rule for p in result.violations if p.rule == "regolamento.requisiti"] == ["regolamento.requisiti"]
    # P3 covered by PO1 from 1 July to 31 December 2024: 184 days of 366; 20% × 5000.00 × 184 / 366 = 502.732… → 502.73,
    # first out of the result fund, 15% × 40000 = 6000.00: 6000.00 − 502.73 = 5497.27 split by position pay among
    # the PO, PO1 15880.95 and PO2 0 (P2 not paid): PO1's maximum 5497.27, × 90 / 100 = 4947.543 → 4947.54
    assert result.figures["position:P3:interim"].value == Decimal("502.73")
    assert result.figures["pool:risultato_po:interim"].value == Decimal("5497.27")
    result_pay = {k: str(a.amount) for k, a in result.rewards.awards.items() if a.pool == "risultato_po"}
    assert result_pay == {"PO1": "4947.54", "PO2": "0.00", "P3:risultato_po:interim": "502.73"}
    # the pool is the whole fund: 4947.54 + 502.73 = 5450.27 paid, 6000.00 − 5450.27 = 549.73 residual
    pool = result.rewards.pools["risultato_po"]
    assert (pool.amount, pool.distributed, pool.residual) == (Decimal("6000.00"), Decimal("5450.27"), Decimal("549.73"))
    fund = next(i for i in result.figures["award:PO1:risultato_po"].inputs if i.name == "fondo")
    assert (fund.value, fund.ref) == (Decimal("5497.27"), "pool:risultato_po:interim")  # the fund as it was split
    # the Relazione's table of premiums counts people, not awards: PO1 once, 4947.54 + 502.73 = 5450.27, and PO2,
    # paid 0.00: not paid, so the mean, lowest and highest of the paid are PO1's 5450.27
    (band,) = [b for b in stats.bands(result) if b.pool == "risultato_po"]
    assert (band.count, band.unpaid, band.total) == (2, 1, Decimal("5450.27"))
    assert (band.mean, band.low, band.high) == (Decimal("5450.27"), Decimal("5450.27"), Decimal("5450.27"))
    explained = explain(result, "person", "PO1")
    # the vacant post by its name in posizioni.csv, never by its code
    assert "Interim della posizione «Ufficio studi» nella retribuzione di risultato di Persona PO1" in explained


def test_an_interim_at_its_own_measure_is_not_paid_without_the_result_pay(ciclope_ente, tmp_path):
    text, data = interim_ente("PO1", "25%", [("PO1", "po", 50, "false"), ("PO2", "po", 80, "false")])
    # the contraddittorio of PO1's 50, recorded
    data["appeals.csv"] = (
        "person,stage,date,outcome,new_points_item,new_points\nPO1,contraddittorio,2025-03-10,respinto,,\n"
    )
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # the row's own measure, 25%: 25% × 5000.00 × 184 / 366 = 628.415… → 628.42, out of the result fund first:
    # 6000.00 − 628.42 = 5371.58, split by position pay, Σ 15880.95 + 13119.05 = 29000.00:
    #   PO1 5371.58 × 15880.95 / 29000 = 2941.579… → 2941.57, PO2 5371.58 × 13119.05 / 29000 = 2430.0009… → 2430.00
    # PO1's evaluation, 50, is not positive (below 60): no result pay, and no interim (it stays residual);
    # PO2 2430.00 × 80 / 100 = 1944.00
    assert result.figures["position:P3:interim"].value == Decimal("628.42")
    result_pay = {k: str(a.amount) for k, a in result.rewards.awards.items() if a.pool == "risultato_po"}
    assert result_pay == {"PO1": "0.00", "PO2": "1944.00", "P3:risultato_po:interim": "0.00"}
    pool = result.rewards.pools["risultato_po"]
    assert (pool.amount, pool.distributed, pool.residual) == (
        Decimal("6000.00"),
        Decimal("1944.00"),
        Decimal("4056.00"),
    )


def test_interims_past_the_result_fund_are_not_paid(ciclope_ente, tmp_path):
    text, data = interim_ente("PO1", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")], quota="0.01")
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # 1% × 40000 = 400.00 for the result pay, below the interim's 20% × 5000 × 184 / 366 = 502.73 (the positions split
    # 39600.00: P1 16000.00, P2 and P3 … — P3's pay is not 5000.00 here, so the interim is recomputed from its figure)
    interim = result.figures["position:P3:interim"].value
    annual = result.figures["position:P3:annual"].value
    assert interim == (Decimal("0.2") * annual * 184 / 366).quantize(Decimal("0.01"))
    assert interim > Decimal("400.00")
    (warning,) = [p for p in result.violations if p.rule == "regolamento.interim_fondo"]
    assert warning.severity == "warning" and "nessun interim è pagato" in warning.message
    assert "P3:risultato_po:interim" not in result.rewards.awards
    assert result.rewards.pools["risultato_po"].amount == Decimal("400.00")


def test_an_interim_goes_to_a_holder_of_another_position_within_15_to_25_percent(ciclope_ente, tmp_path):
    text, data = interim_ente(
        "PO3", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false"), ("PO3", "po", 70, "false")]
    )
    result = run_declared(ciclope_ente, tmp_path, text, data)
    (error,) = [p for p in result.violations if p.rule == "regolamento.posizioni_interim"]
    assert "Persona PO3 la copre ad interim ma non è titolare di un'altra posizione" in error.message
    assert "position:P3:interim" not in result.figures and "P3:risultato_po:interim" not in result.rewards.awards
    text, data = interim_ente("PO1", "30%", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")])
    result = run_declared(ciclope_ente, tmp_path, text, data)
    (error,) = [p for p in result.violations if p.rule == "regolamento.posizioni_interim"]
    assert "la misura dell'interim 30% è fuori dall'intervallo del contratto" in error.message
    assert "position:P3:interim" not in result.figures


def test_the_interim_is_explained_by_its_own_figure_on_explain_the_card_and_the_workbook(ciclope_ente, tmp_path):
    from ciclope.core.reports import sheets
    from ciclope.core.run.explain import person_awards
    from ciclope.core.schede.content import build

    text, data = interim_ente("PO1", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")])
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # PO1 has three awards: the position pay of P1, the result pay and the interim of P3 (20% × 5000.00 × 184 / 366
    # = 502.73), the last two from the same fund: each is explained by its own figure, not the result pay's
    position, result_pay, interim = person_awards(result, "PO1")
    assert (interim["amount"], interim["ref"]) == ("502.73", "P3")
    assert interim["what"] == "interim della posizione «Ufficio studi», nella retribuzione di risultato"
    assert interim["formula"] == (
        "interim, pagato con la retribuzione di risultato: misura × retribuzione annua della posizione coperta × "
        "giorni dell'interim / giorni dell'anno"
    )
    assert result_pay["formula"].startswith("quota massima × punteggio / 100")
    assert position["formula"] == (
        "la retribuzione di posizione annua della posizione «Area amministrativa», di cui è titolare: in proporzione "
        "al valore della sua pesatura, entro il minimo e il massimo"
    )
    payments = build(result, "PO1").payments
    assert [p.amount for p in payments] == ["€ 15.880,95", "€ 2.709,36", "€ 502,73"]
    assert payments[2].what == "interim della posizione «Ufficio studi», nella retribuzione di risultato"
    # the measure, the annual pay of the post covered and the days, so that PO1 redoes 20% × 5.000 × 184 / 366
    assert [(line.label, line.value) for line in payments[2].steps] == [
        ("misura dell'interim", "20%"),
        ("retribuzione di posizione annua della posizione coperta", "€ 5.000,00"),
        ("giorni dell'interim nell'anno", "184"),
        ("giorni dell'anno", "366"),
        ("interim della posizione «Ufficio studi»", "€ 502,73"),
    ]
    # and the workbook's Premi sheet tells PO1's two rows of the result fund apart (no band: no «Fascia» column)
    rows = [row[3:5] for row in sheets.awards(result, lambda pid: "").rows if row[0] == "PO1"]
    assert rows == [
        ("Fondo per la retribuzione di posizione", Decimal("15880.95")),
        # the fund risultato_po named by its roles, as in [fondi]
        ("Retribuzione di risultato delle PO / EQ", Decimal("2709.36")),
        ("Retribuzione di risultato delle PO / EQ (interim della posizione «Ufficio studi»)", Decimal("502.73")),
    ]


@pytest.mark.parametrize(
    ("year", "contract"),
    [(2024, "CCNL Funzioni Locali 21.5.2018 art. 15 c. 6"), (2026, "CCNL Funzioni Locali 23.2.2026 art. 16 c. 5")],
)
def test_an_interim_out_of_range_cites_the_contract_in_force_in_the_year(ciclope_ente, tmp_path, year, contract):
    # rules/ccnl_funzioni_locali.md §1: the interim's 15–25% is art. 15 c. 6 of the 2018 contract, and for the EQ
    # from 23.2.2026 art. 16 c. 5 of the 2026 one (the row in force in a cycle year is the latest before 31/12)
    text, data = interim_ente("PO1", "30%", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")])
    data["positions.csv"] = data["positions.csv"].replace("2024-", f"{year}-")
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    result = ciclope_ente("regolamento", data, year=year, params={"regolamento": str(path)})
    (error,) = [p for p in result.violations if p.rule == "regolamento.posizioni_interim"]
    assert error.message == (
        f"posizione P3: la misura dell'interim 30% è fuori dall'intervallo del contratto in vigore nel {year}, "
        f"15%–25% della retribuzione di posizione ({contract}): l'interim non è pagato"
    )
    assert "position:P3:interim" not in result.figures


PROGRESSIONS = (
    head("Regolamento delle progressioni del Comune di Prova")
    + """
[livelli]
fonte = "art. 5"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 60 }]

[progressioni]
fonte = "art. 20"
quota = 0.5
candidati = '=livello = "A"'
"""
)


def test_the_selection_for_the_progressions(ciclope_ente, tmp_path):
    people = [("P1", "C", 99), ("P2", "C", 95), ("P3", "C", 95), ("P4", "C", 91), ("P5", "C", 80), ("P6", "C", 70)]
    result = run_declared(ciclope_ente, tmp_path, PROGRESSIONS, scored(people))
    # places: ⌊0.5 × 6⌋ = 3; candidates at level A (from 90): P1 99, P2 95, P3 95, P4 91; the first three would
    # be P1, P2, P3: no tie at the cut (P3 95 > P4 91): P1, P2, P3
    assert result.rewards.extra["progressioni"] == ["P1", "P2", "P3"]
    tied = run_declared(ciclope_ente, tmp_path, PROGRESSIONS, scored([*people[:3], ("P4", "C", 95), *people[4:]]))
    # P2, P3, P4 tied at 95 across the cut (places 2–4 for 2 places left): all left out, only P1
    assert tied.rewards.extra["progressioni"] == ["P1"]


def test_progressions_without_places_are_refused(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(PROGRESSIONS.replace("quota = 0.5\n", ""), encoding="utf-8")
    regulation, found = load(str(path))
    # neither posti nor quota: nobody would ever be selected, silently
    assert regulation is None
    assert [placed(p) for p in found] == [
        "riga 10, chiave progressioni: manca quanti sono selezionati: posti (es. posti = 3), quota del personale in "
        "servizio (es. quota = 0.3) o le risorse con il costo di ciascuno (risorse o fondo, e costo)"
    ]


CHECKS = (
    head("Regolamento del Comune di Controlli")
    + """
[livelli]
fonte = "art. 5"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 70 }, { nome = "C", da = 0 }]

[[controlli]]
condizione = "=CONTA.DIVERSI.GRUPPO(livello) >= 2"
per = "valutatore"
gravita = "avviso"
messaggio = "il valutatore non differenzia: tutti i suoi valutati hanno lo stesso livello"
fonte = "art. 11 c. 2 d"
"""
)


def test_a_check_of_the_regulation_per_evaluator(ciclope_ente, tmp_path):
    files = scored([("A", "C", 95), ("B", "C", 75)])
    files["people.csv"] += "C,Persona C,dipendente,C,com,1,0,false,A\nD,Persona D,dipendente,C,com,1,0,false,A\n"
    files["evaluations.csv"] += (
        "C,A,scheda,Valutazione complessiva,100,80,\nD,A,scheda,Valutazione complessiva,100,85,\n"
    )
    result = run_declared(ciclope_ente, tmp_path, CHECKS, files)
    # SEG evaluates A (level A) and B (B): two levels; A evaluates C and D, both B: one level → a warning for A
    found = [p for p in result.violations if p.rule == "regolamento.controllo"]
    assert [(p.severity, p.message) for p in found] == [
        ("warning", "il valutatore non differenzia: tutti i suoi valutati hanno lo stesso livello (valutatore A)")
    ]
    assert found[0].source == "Regolamento del Comune di Controlli, art. 11 c. 2 d"


# --- Funzioni Centrali: parameters by fascia retributiva of an Area ----------------------------------------------
# A Ministero's FRD agreement weighs the «performance individuale» by the Area and fascia of each person (Seconda
# Area F1 … F6, Terza Area F1 … F7); the parameters below are an example of such a table.
CENTRALI = (
    head("Accordo sul Fondo risorse decentrate di un Ministero")
    + """
[gradi]
nomi = ["II-F1", "II-F2", "III-F1", "III-F3"]
contratto = "CCNL Funzioni Centrali"
fonte = "accordo FRD, art. 5"

[premio]
metodo = "proporzionale"
ruoli = ["dipendente"]
parametri = { "II-F1" = 100, "II-F2" = 105, "III-F1" = 120, "III-F3" = 130 }
fonte = "accordo FRD, art. 6"
"""
)


def test_funzioni_centrali_parameters_by_area_and_fascia(ciclope_ente, tmp_path):
    people = [("A", "II-F1", 80), ("B", "III-F3", 80), ("C", "ii-f2", 100)]
    result = run_declared(ciclope_ente, tmp_path, CENTRALI, graded(people))
    # weights: punteggio × parametro: 80 × 100 = 8000, 80 × 130 = 10400, 100 × 105 = 10500; Σ 28900
    # 6800 × 8000 / 28900 = 1882.352…, × 10400 / 28900 = 2447.058…, × 10500 / 28900 = 2470.588…; floors 1882.35 +
    # 2447.05 + 2470.58 = 6799.98, the 2 cents to the largest remainders: B (0.88 of a cent), C (0.82)
    assert amounts(result) == {"A": "1882.35", "B": "2447.06", "C": "2470.59"}


def test_the_keys_of_formulas_and_of_cuts_where_their_method_reads_them(tmp_path):
    text = (
        head("Regolamento con chiavi fuori posto")
        + """
[[premi]]
nome = "presenza"
metodo = "livelli"
quota_fondo = 0.5
massimo = "100.00"
coefficienti = { A = 1 }
peso = "=1"
fonte = "art. 1"

[[premi]]
nome = "importi decisi"
metodo = "importi"
ammesso = "=punteggio >= 60"
fonte = "art. 2"

[[premi]]
nome = "calcolato"
metodo = "formula"
quota_fondo = 0.5
fonte = "art. 3"

[livelli]
fonte = "art. 4"
scala = [{ nome = "A", da = 0 }]

[[riduzioni]]
misura = "assenze"
parti = ["presenze"]
economie = "obiettivi"
fonte = "art. 5"
scaglioni = [{ da = 0, riduzione = 0 }]
"""
    )
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is None
    assert [placed(p) for p in found] == [
        "riga 33, chiave riduzioni[1].parti: «presenze» non è una parte del premio (forse «presenza»?) (parti: "
        "presenza, importi decisi, calcolato)",
        "riga 12, chiave premi[1].peso: vale per il metodo «proporzionale», non per «livelli»",
        "riga 21, chiave premi[3]: il metodo «formula» richiede la chiave importo (una formula in euro)",
        "riga 15, chiave premi[2]: più parti pagano dal fondo «performance_individuale»: ognuna dice la sua quota_fondo "
        "(parti pagate una dopo l'altra «fino a capienza»: quota_fondo = 1 e residuo_a nella prima, quota_fondo = 0 in "
        "quella che riceve solo il resto); la parte non scrive fondo: prende quello predefinito, "
        "«performance_individuale», come «presenza» e «calcolato»",  # no part writes fondo: all three share it
    ]
    path.write_text(text.replace('parti = ["presenze"]', 'parti = ["presenza"]'), encoding="utf-8")
    cuts = [placed(p) for p in load(str(path))[1] if "economie" in placed(p)]
    assert cuts == [
        "riga 34, chiave riduzioni[1].economie: «obiettivi» non è una parte scritta dopo «presenza» con lo stesso "
        "fondo; economie: ripartite, residuo o una parte successiva"
    ]
    # a misspelt «residuo» is told so, as a misspelt part would be
    path.write_text(
        text.replace('parti = ["presenze"]', 'parti = ["presenza"]').replace(
            'economie = "obiettivi"', 'economie = "residui"'
        ),
        encoding="utf-8",
    )
    cuts = [placed(p) for p in load(str(path))[1] if "economie" in placed(p)]
    assert cuts == [
        "riga 34, chiave riduzioni[1].economie: «residui» non è una parte scritta dopo «presenza» con lo stesso "
        "fondo (forse «residuo»?); economie: ripartite, residuo o una parte successiva"
    ]
    # the amounts written in premi.csv are paid as written: a reduction of them would be silently left unapplied
    path.write_text(text.replace('parti = ["presenze"]', 'parti = ["importi decisi"]'), encoding="utf-8")
    refused = [placed(p) for p in load(str(path))[1] if p.column == "riduzioni[1].parti"]
    assert refused == [
        "riga 33, chiave riduzioni[1].parti: la parte «importi decisi» (metodo «importi») paga persone scelte altrove e "
        "non si riduce: una riduzione vale per una parte che divide il fondo o calcola l'importo di ciascuno; gli "
        "importi di premi.csv si scrivono già ridotti"
    ]


# --- A part weighed by one section of the scheda -----------------------------------------------------------------
# Fondazione Bruno Kessler, processo premiale 2018: «in proporzione al grado di partecipazione agli obiettivi della
# Fondazione», the grade being a section of the scheda. The fund of 1.000,00 € is an example.
BY_SECTION = (
    head("Processo premiale")
    + """
[[premi]]
nome = "obiettivi della Fondazione"
metodo = "proporzionale"
peso = '=SEZIONE("Obiettivi della Fondazione")'
fonte = "art. 3"
"""
)


def two_sections(people) -> dict[str, str]:
    """(id, points of «Obiettivi della Fondazione» or None for no such item, points of «Obiettivi del Centro»), each
    item of 10 points."""
    rows = staff([(pid, "C") for pid, _, _ in people])
    cards = [f"{pid},SEG,Obiettivi del Centro,Centro,10,{centre}," for pid, _, centre in people]
    cards += [f"{pid},SEG,Obiettivi della Fondazione,Fondazione,10,{own}," for pid, own, _ in people if own is not None]
    return one_unit_comune("Fondazione", rows, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def test_a_part_weighed_by_a_section_of_the_scheda(ciclope_ente, tmp_path):
    people = [("F1", 8, 10), ("F2", 6, 8), ("F3", 6, 6)]
    result = run_declared(ciclope_ente, tmp_path, BY_SECTION, two_sections(people))
    # weights 8, 6, 6 (the section's points, not the scheda's 18, 14, 12): Σ 20; 1000 × 8 / 20 = 400.00,
    # 1000 × 6 / 20 = 300.00 twice
    assert amounts(result) == {"F1": "400.00", "F2": "300.00", "F3": "300.00"}
    assert not [p for p in result.violations if p.rule == "regolamento.formula"]
    weight = explain(result, "person", "F1")
    assert "punti della sezione «Obiettivi della Fondazione»" in weight


def test_a_section_missing_from_a_scheda_is_said_not_paid_as_nothing(ciclope_ente, tmp_path):
    people = [("F1", 8, 10), ("F2", 6, 8), ("F3", 6, 6), ("F4", None, 9)]
    result = run_declared(ciclope_ente, tmp_path, BY_SECTION, two_sections(people))
    # F4 has no item of the section: no weight, said; the others as above, 8 + 6 + 6 = 20
    assert amounts(result) == {"F1": "400.00", "F2": "300.00", "F3": "300.00", "F4": "0.00"}
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert said == [
        "parte «obiettivi della Fondazione»: peso senza valore per Persona F4 (i punti della sezione «Obiettivi della "
        "Fondazione»: un dato che manca): considerato nulla"
    ]


# --- An amount per day of absence ------------------------------------------------------------------------------
# AIOP, CCNL per il personale non medico, art. 65: a premium of 450 € «ridotto in ragione di euro 15,00
# giornaliere»; the 10 days without a cut are an example (the article counts from 258 days of presence).
PER_DAY = (
    head("Premio di incentivazione")
    + """
[[premi]]
nome = "incentivazione"
metodo = "formula"
importo = '=MAX(0; 450 € - MAX(0; assenze - 10) * 15 € al giorno)'
tempo_parziale = "intero"
fonte = "art. 65"
"""
)


@pytest.mark.parametrize("written", ["15 € al giorno", "15 €/giorno", "€ 15 al giorno", "€ 15,00 al giorno"])
def test_an_amount_per_day_of_absence(ciclope_ente, tmp_path, written):
    rows = staff([("A1", "C", 1, 0), ("A2", "C", 1, 12), ("A3", "C", 1, 45)])
    cards = [f"{pid},SEG,Scheda,Voce,10,8," for pid in ("A1", "A2", "A3")]
    data = one_unit_comune("Casa di cura", rows, cards, '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, PER_DAY.replace("15 € al giorno", written), data)
    # A1: no absence, 450.00; A2: 12 days, 2 over the 10: 450 − 2 × 15 = 420.00; A3: 45 days, 35 over:
    # 450 − 35 × 15 = −75, at least 0: 0.00. Paid 870.00 of 2,000.00: 1,130.00 residual
    assert amounts(result) == {"A1": "450.00", "A2": "420.00", "A3": "0.00"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1130.00")
    figure = result.figures["award:A2"]
    assert "€ 450,00 meno (il maggiore tra 0 e i giorni di assenza meno 10) × € 15,00 al giorno" in figure.formula


def test_the_term_of_min_or_max_that_wins_is_in_the_explanation(ciclope_ente, tmp_path):
    """A person redoes MIN and MAX inside a formula by hand from their values: each is noted with its sentence, in
    its unit; the formula's own MAX is its figure's value, not noted again."""
    rows = staff([("A2", "C", 1, 12), ("A3", "C", 1, 45)])
    cards = [f"{pid},SEG,Scheda,Voce,10,8," for pid in ("A2", "A3")]
    data = one_unit_comune("Casa di cura", rows, cards, '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, PER_DAY, data)
    # A2: 12 days, MAX(0; 12 − 10) = 2 days; A3: 45 days, MAX(0; 45 − 10) = 35 days
    assert "• il maggiore tra 0 e i giorni di assenza meno 10 = 2 giorni\n" in explain(result, "person", "A2")
    assert "• il maggiore tra 0 e i giorni di assenza meno 10 = 35 giorni\n" in explain(result, "person", "A3")
    assert not any(i.name.startswith("il maggiore tra 0 e € 450,00") for i in result.figures["award:A2"].inputs)
    capped = PER_DAY.replace(
        "=MAX(0; 450 € - MAX(0; assenze - 10) * 15 € al giorno)",
        "=SE(assenze > 0; MIN(700 €; 1000 € - assenze * 20 € al giorno); 800 €)",
    )
    result = run_declared(ciclope_ente, tmp_path, capped, data)
    # in euro: A2 MIN(700; 1000 − 12 × 20 = 760) = 700,00; A3 MIN(700; 1000 − 45 × 20 = 100) = 100,00
    assert amounts(result) == {"A2": "700.00", "A3": "100.00"}
    said = "• il minore tra € 700,00 e € 1.000,00 meno i giorni di assenza × € 20,00 al giorno = € {}\n"
    assert said.format("700,00") in explain(result, "person", "A2")
    assert said.format("100,00") in explain(result, "person", "A3")


def test_a_formula_that_gives_nothing_says_the_piece_that_does(ciclope_ente, tmp_path):
    """The reason of a zero was the whole formula: the piece that gives 0 or less is said, with what it read."""
    rows = staff([("A1", "C", 1, 0), ("A3", "C", 1, 45)])
    cards = [f"{pid},SEG,Scheda,Voce,10,8," for pid in ("A1", "A3")]
    data = one_unit_comune("Casa di cura", rows, cards, '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, PER_DAY, data)
    # A3: MAX(0; 450 − MAX(0; 45 − 10) × 15) = MAX(0; 450 − 525) = MAX(0; −75) = 0: the greater term of MAX is
    # the difference, which is below 0; A1 is paid 450.00 and has no reason
    # the reason gives the value: 450 − 35 × 15 = −75
    assert result.figures["award:A3"].note == (
        "nessun importo: € 450,00 meno (il maggiore tra 0 e i giorni di assenza meno 10) × € 15,00 al giorno = "
        "€ −75,00, meno di 0"
    )
    assert result.figures["award:A1"].note == ""
    # the reason alone: the formula is said once, in the figure under it, not again beside its reason
    [why] = [r["why"] for r in unpaid_reasons(result, "A3")]
    assert why == (f"{result.figures['award:A3'].label}: nessun importo: € 450,00 meno (il maggiore tra 0 e i giorni "
                   "di assenza meno 10) × € 15,00 al giorno = € −75,00, meno di 0")  # fmt: skip
    text = explain(result, "person", "A3")
    assert text.count(result.figures["award:A3"].formula) == 1


CHOSEN = (
    head("Premio per livello")
    + """
[livelli]
fonte = "art. 5"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 60 }]

[[premi]]
nome = "importo per livello"
metodo = "formula"
importo = '=SE(livello = "A"; 300 €; SE(livello = "B"; 200 € * SE(assenze > 30 giorni; 0; 1); 0 €))'
fonte = "art. 6"
"""
)


def test_a_choice_that_gives_nothing_says_the_conditions_that_chose(ciclope_ente, tmp_path):
    people = [("P1", "C", 95), ("P2", "C", 70, 1, 40), ("P3", "C", 40)]
    result = run_declared(ciclope_ente, tmp_path, CHOSEN, scored(people))
    # P1 level A: 300.00. P2 level B with 40 days of absence: 200 × SE(40 > 30; 0; 1) = 200 × 0 = 0, the factor
    # that is 0 is the inner SE, which chose its «allora» (0) because 40 > 30. P3 40 points, no level: the first
    # SE's condition and then the second's do not hold, and the last «altrimenti», 0 €, is paid
    assert amounts(result) == {"P1": "300.00", "P2": "0.00", "P3": "0.00"}
    assert result.figures["award:P2"].note == (
        "nessun importo: il livello non è uguale a «A», il livello è uguale a «B», i giorni di assenza sono più di 30 "
        "giorni; quota pagata = tempo lavorato"
    )
    assert result.figures["award:P3"].note == (
        "nessun importo: il livello non è uguale a «A», il livello non è uguale a «B»; quota pagata = tempo lavorato"
    )


CASES = (
    head("Premio per livello")
    + """
[livelli]
fonte = "art. 5"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 75 }, { nome = "C", da = 60 }, { nome = "D", da = 0 }]

[[premi]]
nome = "importo per livello"
metodo = "formula"
importo = '=PIÙ.SE(livello = "A"; 300 €; livello = "B"; 200 €; livello = "C"; 100 €; VERO; 0 €)'
fonte = "art. 6"

[[premi]]
nome = "importo per punti"
metodo = "formula"
quota_fondo = 0
importo = '=PIÙ.SE(punteggio >= 90; 50 €; punteggio >= 60; 20 €; VERO; 0 €)'
fonte = "art. 7"
"""
)


def test_the_cases_none_of_which_held_are_said_by_the_value_read(ciclope_ente, tmp_path):
    text = CASES.replace(
        'metodo = "formula"\nimporto = \'=PIÙ.SE(livello',
        'metodo = "formula"\nquota_fondo = 1\nimporto = \'=PIÙ.SE(livello',
        1,
    )
    text = text.replace(
        'importo = \'=PIÙ.SE(livello', 'residuo_a = "importo per punti"\nimporto = \'=PIÙ.SE(livello', 1
    )
    people = [("P1", "C", 95), ("P2", "C", 40)]
    result = run_declared(ciclope_ente, tmp_path, text, scored(people))
    # P1 level A: 300.00 + 50.00; P2 40 points, level D: none of the three levels, nor 90 nor 60 points: 0 and 0.
    # The reason is the value read, never «il livello non è uguale a «A», … «B» e … «C»»; of thresholds on one
    # measure, the lowest it missed (under 60 it is under 90 too)
    assert amounts(result) == {"P1": "350.00", "P2": "0.00"}
    assert result.figures["premio:importo per livello:P2"].note.startswith("nessun importo: il livello è uguale a «D»")
    assert result.figures["premio:importo per punti:P2"].note.startswith("nessun importo: il punteggio è meno di 60")


def test_the_sentences_keep_the_grouping_of_conditions_and_say_days():
    scope = Scope(PLACES["ammesso"])
    # «a e (b oppure c)»: without the brackets the sentence would read as «(a e b) oppure c»
    both = read('=E(fte > 0; O(categoria = "D"; categoria = "C"))', scope)
    # (one column among texts, said as a list with its subject once)
    assert sentence(both).endswith("è più di 0 e (la categoria (o l'Area) del contratto è «D» o «C»)")
    either = read('=O(E(fte > 0; categoria = "D"); categoria = "C")', scope)
    assert sentence(either).startswith("(il tempo lavorato")
    assert sentence(read("=assenze > 1 giorno", scope)) == "i giorni di assenza sono più di 1 giorno"
    assert sentence(read("=assenze > 30 giorni", scope)) == "i giorni di assenza sono più di 30 giorni"


def test_a_choice_inside_a_choice_is_bracketed():
    formula = read(
        '=SE(categoria = "D"; SE(fte < 1; 500 €; 1000 €); SE(categoria = "C"; 800 €; 0 €))', Scope(PLACES["importo"])
    )
    # the inner «altrimenti € 1.000,00» belongs to the inner choice; the chain of «altrimenti se» stays flat
    assert sentence(formula) == (
        "se la categoria (o l'Area) del contratto è uguale a «D», allora (se il tempo lavorato (la quota del tempo "
        "pieno) è meno di 1, allora € 500,00, altrimenti € 1.000,00), altrimenti se la categoria (o l'Area) del contratto è "
        "uguale a «C», allora € 800,00, altrimenti € 0,00"
    )


def test_appointments_held_at_the_same_time_are_one_group():
    """``tra_gli_incarichi = "contemporanei"``: appointments overlapping one another (even through a third) are one
    group, whose best is paid; groups of different periods are summed."""
    from datetime import date

    from ciclope.plugins.regolamento.pay.formulas import concurrent

    spans = [
        (date(2024, 1, 1), date(2024, 3, 31)),  # A
        (date(2024, 3, 15), date(2024, 5, 31)),  # B: overlaps A
        (date(2024, 5, 31), date(2024, 6, 30)),  # C: overlaps B on 31 May, not A: still A's group
        (date(2024, 7, 1), date(2024, 12, 31)),  # D: starts the day after: another period
    ]
    assert concurrent(["A", "B", "C", "D"], spans) == [["A", "B", "C"], ["D"]]
    assert concurrent(["D", "A"], [spans[3], spans[0]]) == [["A"], ["D"]]  # by start, whatever the file's order


def test_admission_reads_the_part_s_fund(ciclope_ente, tmp_path):
    """``fondo`` in ``ammesso`` is the part's fund, as in its other formulas (it was read before the fund was known:
    nothing, and nobody admitted)."""
    text = HIGHEST.replace(
        'ammesso = "=punteggio = MAX.ENTE(punteggio)"', "ammesso = \"=E(fondo >= 1000 €; punteggio >= 80)\""
    )
    people = [("A", 90), ("B", 80), ("C", 70)]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{points}," for pid, points in people]
    files = one_unit_comune(
        "Comune", staff([(pid, "C") for pid, _ in people]), cards, '[funds]\nperformance_individuale = "10000.00"\n'
    )
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # the maggiorazione's fund 10% × 10000 = 1000.00 ≥ 1000: A and B (80 or more) admitted, C not;
    # 1000 / 2 = 500.00 each. The productivity 9000 by score: Σ 240, A 9000 × 90 / 240 = 3375.00, B 3000.00, C 2625.00
    admitted = result.figures["ammesso:maggiorazione:A"]
    assert admitted.value is True
    assert {i.name: i.value for i in admitted.inputs}["il fondo della parte"] == Decimal("1000.00")
    assert result.figures["ammesso:maggiorazione:C"].value is False
    assert (result.figures["premio:maggiorazione:A"].value, result.figures["premio:maggiorazione:B"].value) == (
        Decimal("500.00"),
        Decimal("500.00"),
    )
    assert amounts(result) == {"A": "3875.00", "B": "3500.00", "C": "2625.00"}
    assert [p.message for p in result.violations if p.rule == "regolamento.formula"] == []


# --- A table of amounts by grade, written flat ------------------------------------------------------------------
# Provincia autonoma di Bolzano, contratto di comparto 4.7.2002: «un importo base per qualifica funzionale» (I
# 335,70 € … IX 542,28 €): nine nested SE, or one PIÙ.SE. Three of the categories here, amounts from the table.
BY_GRADE = (
    head("Contratto di comparto, premio base")
    + """
[[premi]]
nome = "importo base"
metodo = "formula"
valutazione = false
tempo_parziale = "intero"
importo = '=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C"; 391,02 €; categoria = "D"; 542,28 €)'
fonte = "art. 3 c. 2"
"""
)


def test_an_amount_by_category_written_as_a_flat_choice(ciclope_ente, tmp_path):
    rows = staff([("B1", "B"), ("C1", "C"), ("D1", "D"), ("A1", "A")])
    data = one_unit_comune("Provincia", rows, [], '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, BY_GRADE, data)
    # B1 335.70, C1 391.02, D1 542.28 as the table says; A1's category is in no condition: an error naming A1, and
    # nothing paid. 2000 − (335.70 + 391.02 + 542.28 = 1269.00) = 731.00 residual
    assert amounts(result) == {"B1": "335.70", "C1": "391.02", "D1": "542.28", "A1": "0.00"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("731.00")
    [error] = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    # the value the conditions read, so the office sees why: A1's category, A
    assert error == (
        "parte «importo base»: nessuna condizione di PIÙ.SE è vera (la categoria (o l'Area) del contratto = «A»; "
        "aggiungi il suo caso, o «VERO; valore» in fondo per tutti gli altri) per Persona A1: considerato nulla"
    )
    # explain reads the category in the contract's words, as the office wrote it in the sheet, not as its code
    said = explain(result, "person", "C1")
    assert said is not None
    assert "  • la categoria (o l'Area) del contratto = categoria C   ← people.csv, riga 4, colonna categoria" in said
    assert (
        "(€ 335,70 se la categoria (o l'Area) del contratto è «B», € 391,02 se è «C», € 542,28 se è «D»), "
        "arrotondato al centesimo"
    ) in result.figures["award:B1"].formula
    # paid «intero» to everyone in service all year: no paid share to multiply by, so none is said
    assert result.figures["award:B1"].formula.endswith("arrotondato al centesimo")


def test_a_category_compared_with_an_area_s_name_reads_as_its_letter(ciclope_ente, tmp_path):
    """«Gli stessi nomi valgono»: a formula compares ``categoria`` (the contract's letter) with an Area's name as
    people.csv and the tables by category read it: «Funzionari» is D, «area degli istruttori» C (case and words as
    the office writes them), never a condition true for nobody."""
    by_area = BY_GRADE.replace('categoria = "B"', 'categoria = "Operatori esperti"')
    by_area = by_area.replace('categoria = "C"', 'categoria = "area degli istruttori"')
    by_area = by_area.replace('categoria = "D"', '"Funzionari" = categoria')
    rows = staff([("B1", "B"), ("C1", "C"), ("D1", "D")])
    data = one_unit_comune("Provincia", rows, [], '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, by_area, data)
    # as with the letters (test_an_amount_by_category_written_as_a_flat_choice): B1 335.70, C1 391.02, D1 542.28
    assert amounts(result) == {"B1": "335.70", "C1": "391.02", "D1": "542.28"}
    assert [p.message for p in result.violations if p.rule == "regolamento.formula"] == []
    # a condition alone, where nothing would have said it holds for everybody: read as «not D», said as written
    admitted = read('=categoria <> "Funzionari"', Scope(PLACES["ammesso"]))
    assert sentence(admitted) == "la categoria (o l'Area) del contratto non è uguale a «Funzionari»"


@pytest.mark.parametrize(
    "written, problem",
    [
        (
            '=categoria = "Funzionario"',
            "categoria «Funzionario» sconosciuta (forse «Funzionari»?): la categoria del contratto è A, B, C, D o DIR, "
            "o il nome della sua Area (Operatori, Operatori esperti, Istruttori, Funzionari)",
        ),
        (
            '=SE("E" = categoria; 100 €; 0 €)',
            "categoria «E» sconosciuta: la categoria del contratto è A, B, C, D o DIR, o il nome della sua Area "
            "(Operatori, Operatori esperti, Istruttori, Funzionari)",
        ),
    ],
)
def test_a_category_compared_with_a_word_that_is_none_is_an_error(written, problem):
    """A word that is no category, compared with ``categoria``, would hold for nobody (or, with <>, for everybody):
    an error when the formula is read, naming the letters and the Areas."""
    with pytest.raises(FormulaError) as refused:
        read(written, Scope(PLACES["importo" if "SE" in written else "ammesso"]))
    assert str(refused.value) == problem


@pytest.mark.parametrize(
    "written, problem",
    [
        (
            'grado = "Funzionari"',
            'grado «Funzionari»: senza [gradi] il grado è la categoria di persone.csv, scritta con la lettera (A, B, '
            'C, D o DIR): scrivi grado = "D", o categoria = «Funzionari»',
        ),
        (
            'grado = "d"',
            'grado «d»: senza [gradi] il grado è la categoria di persone.csv, scritta con la lettera (A, B, C, D o '
            'DIR): scrivi grado = "D", o categoria = «d»',
        ),
        (
            'grado = "D1"',
            "grado «D1» sconosciuto (forse «D»?): senza [gradi] il grado è la categoria di persone.csv (A, B, C, D o "
            "DIR); i gradi di un altro contratto si dichiarano in [gradi]",
        ),
    ],
)
def test_without_grades_a_grade_compared_with_a_word_that_is_no_letter_is_an_error(tmp_path, written, problem):
    """Without [gradi] ``grado`` is the category's letter as people.csv writes it: compared with an Area's name, or
    a grade of another contract, it would hold for nobody, silently. Where ``categoria`` reads the Area's name as its
    letter, ``grado`` does not guess: a file may declare grades with those names."""
    text = BY_GRADE.replace('categoria = "C"', written)
    assert text != BY_GRADE
    line = text.splitlines().index(next(ln for ln in text.splitlines() if ln.startswith("importo =")))
    assert regulation_problems(tmp_path, text) == [f"riga {line + 1}, chiave premi[1].importo: {problem}"]
    # the letters themselves are what the column holds: no problem
    assert regulation_problems(tmp_path, BY_GRADE.replace('categoria = "C"', 'grado = "C"')) == []


@pytest.mark.parametrize("other", ["VERO", "vero()", "Vero"])
def test_the_last_case_of_a_flat_choice_is_vero_as_in_a_spreadsheet(ciclope_ente, tmp_path, other):
    """«PIÙ.SE(…; VERO; valore)», a spreadsheet's «altrimenti»: everyone no earlier condition holds for is paid the
    last value, and the sentence says «altrimenti» without a condition to read."""
    written = f'=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C"; 391,02 €; {other}; 542,28 €)'
    regulation = BY_GRADE.replace(
        """'=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C"; 391,02 €; categoria = "D"; 542,28 €)'""", f"'{written}'"
    )
    rows = staff([("B1", "B"), ("C1", "C"), ("D1", "D"), ("A1", "A")])
    data = one_unit_comune("Provincia", rows, [], '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, regulation, data)
    # B1 335.70, C1 391.02; D1 and A1, neither B nor C, the last value 542.28 each: 2000 − 1811.28 = 188.72 residual
    assert amounts(result) == {"B1": "335.70", "C1": "391.02", "D1": "542.28", "A1": "542.28"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("188.72")
    assert [p.message for p in result.violations if p.rule == "regolamento.formula"] == []
    assert (
        "(€ 335,70 se la categoria (o l'Area) del contratto è «B», € 391,02 se è «C», altrimenti € 542,28)"
    ) in result.figures["award:B1"].formula


@pytest.mark.parametrize(
    "written, problem",
    [
        ('=PIÙ.SE(fte > 0; 1 €; VERO(1); 2 €)', "VERO non vuole argomenti, ne ha 1"),
        (
            '=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C")',
            "PIÙ.SE vuole coppie di condizione e valore, ne ha 3 argomenti",
        ),
        ('=PIÙ.SE(fte; 335,70 €)', "PIÙ.SE vuole una condizione prima di ogni valore, non un numero"),
        ('=PIÙ.SE(fte > 0; 335,70 €; fte = 0; 5 giorni)', "PIÙ.SE: non si combinano euro e giorni"),
    ],
)
def test_a_flat_choice_is_checked_when_the_file_is_read(tmp_path, written, problem):
    path = tmp_path / "smvp.toml"
    path.write_text(BY_GRADE.replace(
        """'=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C"; 391,02 €; categoria = "D"; 542,28 €)'""", f"'{written}'"
    ), encoding="utf-8")  # fmt: skip
    regulation, found = load(str(path))
    assert regulation is None
    assert [placed(p) for p in found] == [f"riga 11, chiave premi[1].importo: formula «{written}»: {problem}"]


def test_an_unknown_name_is_said_once_without_knock_on_problems(tmp_path):
    """«altrimenti» where PIÙ.SE wants a condition: the unknown name is the problem, never also «PIÙ.SE vuole una
    condizione prima di ogni valore, non un numero», which guessed what the name was."""
    written = '=PIÙ.SE(categoria = "B"; 335,70 €; altrimenti; 391,02 €)'
    path = tmp_path / "smvp.toml"
    path.write_text(BY_GRADE.replace(
        """'=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C"; 391,02 €; categoria = "D"; 542,28 €)'""", f"'{written}'"
    ), encoding="utf-8")  # fmt: skip
    regulation, found = load(str(path))
    assert regulation is None
    [problem] = [placed(p) for p in found]
    assert problem.startswith(f"riga 11, chiave premi[1].importo: formula «{written}»: nome sconosciuto «altrimenti»")
    assert "vuole una condizione" not in problem  # the problems of one formula are joined in one message


def test_a_person_the_condition_leaves_out_is_told_why(ciclope_ente, tmp_path):
    """«non spetta a chi ha riportato più di due sanzioni»: not «non valutato», but left out by the part's condition,
    with the figure of the condition and the cell it read."""
    text = PER_DAY.replace(
        'tempo_parziale = "intero"\n', 'tempo_parziale = "intero"\nammesso = "=assenze <= 30 giorni"\n'
    )
    rows = staff([("A1", "C", 1, 0), ("A2", "C", 1, 45)])
    cards = [f"{pid},SEG,Scheda,Voce,10,8," for pid in ("A1", "A2")]
    data = one_unit_comune("Casa di cura", rows, cards, '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # A1: no absence, 450.00; A2: 45 days, more than 30: left out, no award, and a status that says why
    assert amounts(result) == {"A1": "450.00"}
    assert result.rewards.statuses["A2"] == "non_ammesso"
    status = result.figures["score:A2:status"]
    # the condition that failed said as what is true of A2, not «non è vero che … sono al più 30 giorni»
    assert status.formula == "non ammesso alla parte «incentivazione»: i giorni di assenza sono più di 30 giorni"
    [condition] = status.inputs
    assert (condition.value, condition.ref) == (False, "ammesso:incentivazione:A2")
    read = result.figures["ammesso:incentivazione:A2"].inputs
    # row 4 of people.csv: the header, the Segretario, A1, A2
    assert [(i.value, i.cell) for i in read] == [(Decimal(45), "people.csv:4:absence_days")]


def test_another_part_that_admits_the_person_takes_the_status_away(ciclope_ente, tmp_path):
    text = PER_DAY.replace(
        'tempo_parziale = "intero"\n', 'tempo_parziale = "intero"\nammesso = "=assenze <= 30 giorni"\n'
    )
    text = text.replace('nome = "incentivazione"', 'nome = "incentivazione"\nquota_fondo = 0.5') + (
        '\n[[premi]]\nnome = "presenza"\nmetodo = "proporzionale"\nquota_fondo = 0.5\nfonte = "art. 66"\n'
    )
    rows = staff([("A1", "C", 1, 0), ("A2", "C", 1, 45)])
    cards = [f"{pid},SEG,Scheda,Voce,10,8," for pid in ("A1", "A2")]
    data = one_unit_comune("Casa di cura", rows, cards, '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # incentivazione (1000.00): A1 450.00, A2 left out; presenza (1000.00) by score, 8 and 8: 500.00 each.
    # A2 is paid by presenza: no status of their own
    assert amounts(result) == {"A1": "950.00", "A2": "500.00"}
    assert "A2" not in result.rewards.statuses
    assert "score:A2:status" not in result.figures  # no «esito» that contradicts the one they have
    # paid by one part, left out of the other: explain says which condition did not hold and what it read
    said = explain(result, "person", "A2")
    assert said is not None
    assert (
        "Partecipazione di Persona A2 alla parte «incentivazione»: non spetta — i giorni di assenza sono più di "
        "30 giorni (i giorni di assenza = 45)"
    ) in said.splitlines()
    assert "■ Partecipazione di Persona A2 alla parte «incentivazione» = no" in said  # its figure, to the cell
    assert "people.csv, riga 4, colonna giorni_assenza" in said
    assert "perché" not in explain(result, "person", "A1")  # admitted by both


def test_a_formula_amount_says_the_paid_share_where_it_changes_something(ciclope_ente, tmp_path):
    text = PER_DAY.replace('tempo_parziale = "intero"', 'tempo_parziale = "proporzionale"')
    rows = staff([("A1", "C", 1, 0), ("A2", "C", "0.5", 0)])
    cards = [f"{pid},SEG,Scheda,Voce,10,8," for pid in ("A1", "A2")]
    data = one_unit_comune("Casa di cura", rows, cards, '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # A1 450.00 × 1; A2 at half time: 450 × 0.5 = 225.00, and the explanation says the share it multiplies by, and
    # that the product is rounded to the cent too
    assert amounts(result) == {"A1": "450.00", "A2": "225.00"}
    assert result.figures["award:A2"].formula.endswith(
        "arrotondato al centesimo; × quota pagata, arrotondato al centesimo"
    )


def test_a_condition_that_fails_is_said_by_what_holds():
    """«il grado è uguale a «EP»», never «non è vero che il grado non è uguale a «EP»»."""
    from ciclope.plugins.regolamento.format.wording import denied

    scope = Scope(PLACES["ammesso"])
    assert denied(read('=categoria <> "D"', scope)) == "la categoria (o l'Area) del contratto è uguale a «D»"
    assert denied(read("=fte >= 0,5", scope)) == "il tempo lavorato (la quota del tempo pieno) è meno di 0,5"
    assert denied(read('=NON(categoria = "D")', scope)) == "la categoria (o l'Area) del contratto è uguale a «D»"
    both = read('=E(fte > 0; categoria = "D")', scope)
    assert denied(both).startswith("non è vero che il tempo lavorato")


def test_a_choice_with_no_true_condition_says_a_percentage_as_one(ciclope_ente, tmp_path):
    """The ente's performance read by PIÙ.SE is a percentage: said «50%», never «0,5»."""
    text = BY_GRADE.replace(
        """'=PIÙ.SE(categoria = "B"; 335,70 €; categoria = "C"; 391,02 €; categoria = "D"; 542,28 €)'""",
        "'=PIÙ.SE(ente >= 90%; 300 €; ente >= 70%; 150 €)'",
    )
    assert text != BY_GRADE
    data = one_unit_comune("Provincia", staff([("C1", "C")]), [], '[funds]\nperformance_individuale = "2000.00"\n')
    data["indicators.csv"] = data["indicators.csv"].replace(",10,10,", ",10,5,")  # 5 of 10: the ente at 50%
    result = run_declared(ciclope_ente, tmp_path, text, data)
    [error] = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert error == (
        "parte «importo base»: nessuna condizione di PIÙ.SE è vera (la performance dell'ente = 50,00%; aggiungi il suo "
        "caso, o «VERO; valore» in fondo per tutti gli altri) per Persona C1: considerato nulla"
    )


def test_a_person_without_a_level_is_said_so_when_no_condition_holds(ciclope_ente, tmp_path):
    """The message said «il livello = None» for a person below every level's threshold: Python's word for nothing."""
    text = (
        head("Regolamento del Comune di Livelli")
        + """
[livelli]
fonte = "art. 5"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 60 }]

[[premi]]
nome = "importo per livello"
metodo = "formula"
importo = '=PIÙ.SE(livello = "A"; 300 €; livello = "B"; 200 €)'
fonte = "art. 6"
"""
    )
    result = run_declared(ciclope_ente, tmp_path, text, scored([("P1", "C", 95), ("P2", "C", 70), ("P3", "C", 40)]))
    # P1 level A: 300,00; P2 level B: 200,00; P3 40 points, below 60: no level, no condition holds, nothing paid
    assert amounts(result) == {"P1": "300.00", "P2": "200.00", "P3": "0.00"}
    [error] = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert error == (
        "parte «importo per livello»: nessuna condizione di PIÙ.SE è vera (il livello = nessuno; aggiungi il suo caso, "
        "o «VERO; valore» in fondo per tutti gli altri) per Persona P3: considerato nulla"
    )


def test_a_part_whose_formula_is_wrong_is_still_a_part_its_reductions_name(tmp_path):
    text = (
        head("Regolamento con una formula sbagliata")
        + """
[[colonne]]
nome = "variazione_indici"
tipo = "percentuale"
significato = "la variazione degli indici di bilancio"
fonte = "art. 1"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
ammesso = "=variazione_indici > 0,5"
fonte = "art. 2"

[[riduzioni]]
misura = "assenze"
parti = ["produttività"]
fonte = "art. 3"
scaglioni = [{ da = 0, riduzione = 0 }]
"""
    )
    found = regulation_problems(tmp_path, text)
    # the one mistake is the number beside a percentage; the reduction names the part as it is written
    assert len(found) == 1 and "un numero scritto accanto a una percentuale va scritto con %" in found[0], found


def test_a_choice_compared_is_bracketed_in_its_sentence():
    # «il punteggio è almeno se la categoria …, allora 55» read as a condition on «almeno se»: the choice is bracketed
    admitted = read('=punteggio >= PIÙ.SE(categoria = "A"; 55; VERO; 70)', Scope(PLACES["ammesso"]))
    assert sentence(admitted) == (
        "il punteggio è almeno (se la categoria (o l'Area) del contratto è uguale a «A», allora 55, altrimenti 70)"
    )
    flipped = read('=SE(ruolo = "po"; 80; 60) < punteggio', Scope(PLACES["ammesso"]))
    assert sentence(flipped) == "(se il ruolo è uguale a «po», allora 80, altrimenti 60) è meno del punteggio"


def test_the_case_of_a_choice_that_holds_is_in_the_explanation(ciclope_ente, tmp_path):
    # a long PIÙ.SE is redone by hand from the one case that applies: C1's category C, € 391,02 as written
    rows = staff([("B1", "B"), ("C1", "C"), ("D1", "D")])
    data = one_unit_comune("Provincia", rows, [], '[funds]\nperformance_individuale = "2000.00"\n')
    result = run_declared(ciclope_ente, tmp_path, BY_GRADE, data)
    said = explain(result, "person", "C1")
    assert "• caso che vale: la categoria (o l'Area) del contratto è uguale a «C» = € 391,02\n" in said
    # the last case for all the others, said after the condition before it, its value computed: D1 under
    # «VERO; 500 € + 42,28 €» reads 542,28 in euro
    other = BY_GRADE.replace('categoria = "D"; 542,28 €', "VERO; 500 € + 42,28 €")
    assert other != BY_GRADE
    result = run_declared(ciclope_ente, tmp_path, other, data)
    said = explain(result, "person", "D1")
    assert (
        "• caso che vale: altrimenti, dopo «la categoria (o l'Area) del contratto è uguale a «C»» = € 542,28\n" in said
    )


def test_a_value_by_what_one_column_equals_reads_as_a_table():
    """A list of values by the column's value is what a reader expects of a chain of SE on one column, never «se …,
    allora 140, altrimenti se …, allora 120, …» repeating the same column three times."""
    scope = Scope(PLACES["importo"])
    chain = read('=SE(categoria = "D"; 140; SE(categoria = "C"; 120; SE(categoria = "B"; 110; 100)))', scope)
    said = "140 se la categoria (o l'Area) del contratto è «D», 120 se è «C», 110 se è «B», altrimenti 100"
    assert sentence(chain) == said
    flat = read('=PIÙ.SE(categoria = "D"; 140; categoria = "C"; 120; categoria = "B"; 110; VERO(); 100)', scope)
    assert sentence(flat) == said
    # a PIÙ.SE whose every case is compared has no «altrimenti»
    every = read('=PIÙ.SE(categoria = "D"; 140; categoria = "C"; 120)', scope)
    assert sentence(every) == "140 se la categoria (o l'Area) del contratto è «D», 120 se è «C»"
    # one comparison is a plain choice; two columns are no table
    assert sentence(read('=SE(categoria = "D"; 140; 100)', scope)).startswith("se la categoria")
    mixed = read('=SE(categoria = "D"; 140; SE(fte < 1; 120; 100))', scope)
    assert sentence(mixed).startswith("se la categoria")


def test_a_part_of_a_number_written_with_a_percentage_says_how_to_write_it(tmp_path):
    """«il 50% della media delle valutazioni» written VALUTAZIONE.MEDIA(3) * 50% is a percentage here (a number
    times a percentage is one), added to the years' points: the message says so and how to take a part of a
    number, never only to write the other term with % (a Comune's ragioneria followed that and got nothing)."""
    text = (
        'formato = 2\n[atto]\ntitolo = "CCDI"\ntipo_ente = "comune"\ncomparto = "funzioni_locali"\n\n'
        '[[colonne]]\nnome = "anni_area"\ntipo = "numero"\nsignificato = "gli anni nell\'Area"\nfonte = "art. 1"\n\n'
        '[progressioni]\nfonte = "art. 8"\nrisorse = 2000\ncosto = "=750 €"\n'
        'graduatoria = "=VALUTAZIONE.MEDIA(3) * 50% + MIN(40; 4 * anni_area)"\n'
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 17, chiave progressioni.graduatoria: formula «=VALUTAZIONE.MEDIA(3) * 50% + MIN(40; 4 * anni_area)»: "
        "«+»: il secondo termine è un numero e il primo termine una percentuale: un numero scritto accanto a una "
        "percentuale va scritto con %, es. 70%: un numero per una percentuale è una percentuale; se è una parte del "
        "numero («il 50% della media»), scrivilo × 50 / 100 (o / 2)"
    ]
    # written as the message says, it reads
    assert regulation_problems(tmp_path, text.replace("* 50%", "* 50 / 100")) == []


@pytest.mark.parametrize(
    ("written", "words"),
    [
        # a − (b − c): the bracket keeps c added back, never «a meno b meno c», which takes c away (1.000 − 300 = 700
        # against 1.000 − 500 − 200 = 300)
        ("=1000 € - (500 € - 200 €)", "€ 1.000,00 meno (€ 500,00 meno € 200,00)"),
        ("=1000 € - (500 € + 200 €)", "€ 1.000,00 meno (€ 500,00 più € 200,00)"),
        ("=1000 € / (2 * 5)", "€ 1.000,00 diviso (2 × 5)"),  # 100, never 1.000 ÷ 2 × 5 = 2.500
        ("=1000 € / (20 / 2)", "€ 1.000,00 diviso (20 diviso 2)"),
        # where the order of reading gives the same value, no bracket
        ("=1000 € - 500 € - 200 €", "€ 1.000,00 meno € 500,00 meno € 200,00"),
        ("=1000 € + (500 € - 200 €)", "€ 1.000,00 più € 500,00 meno € 200,00"),
        ("=1000 € * (2 / 5)", "€ 1.000,00 × 2 diviso 5"),
    ],
)
def test_a_bracket_that_changes_the_value_is_said(written, words):
    assert sentence(read(written, Scope(PLACES["importo"]))) == words
