"""Numbers by grade in the declared regulation: the weights of the score's parts by category
(``[[punteggio.categorie]]``) and a parametro by category multiplying the person's weight in the premium's split
(``[premio] parametri``); a category of people.csv that a table lacks is an error naming it and both files.
Every amount by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ciclope.core import labels, model
from ciclope.core.inputs.loading import CANONICAL
from ciclope.plugins.regolamento.format import grades

from helpers import amounts, regulation_problems, run_declared

HEAD = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Gradi"
tipo_ente = "comune"

[punteggio]
fonte = "art. 5"
po = { scheda = 0.6, unita = 0.4 }

[[punteggio.categorie]]
categorie = ["A", "B", "Istruttori"]
ente = 0.3
unita = 0.1
scheda = 0.6
fonte = "art. 5 c. 2"

[[punteggio.categorie]]
categorie = ["D"]
ente = 0.4
unita = 0.1
scheda = 0.5
fonte = "art. 5 c. 3"
"""
PROPORTIONAL = """
[premio]
metodo = "proporzionale"
fonte = "art. 9"
parametri = { B = 100, C = 110, D = 130 }
"""
LEVELS = """
[livelli]
fonte = "art. 7"
scala = [
  { nome = "alto", da = 85 },
  { nome = "medio", da = 75 },
]

[premio]
metodo = "livelli"
fonte = "art. 9"
coefficienti = { alto = 1, medio = 0.5 }
parametri = { B = 100, Istruttori = 110, "Area dei Funzionari e dell'Elevata qualificazione" = 130 }
"""

# Unit amm achieves 8 / 10 = 0.8 (OB1); OB2 of unit tec 9 / 10 = 0.9; the ente (the objectives without a parent,
# no areas.csv) (0.8 + 0.9) / 2 = 0.85. Everyone is in amm, headed by PO1.
# (id, role, category, fte, points of the card out of 100)
PEOPLE = [
    ("B1", "dipendente", "B", "1", 90),
    ("C1", "dipendente", "C", "1", 70),
    ("D1", "dipendente", "D", "1", 90),
    ("D2", "dipendente", "D", "0.5", 80),
    ("PO1", "po", "D", "1", 80),
]
# the scores: A/B/C 30% ente, 10% unit, 60% card; D 40/10/50; the PO by role, 60% card, 40% unit
SCORES = {
    "B1": Decimal("87.50"),  # 0.3 × 85 + 0.1 × 80 + 0.6 × 90 = 25.5 + 8 + 54
    "C1": Decimal("75.50"),  # 25.5 + 8 + 0.6 × 70 = 25.5 + 8 + 42 (C written «Istruttori»)
    "D1": Decimal("87.00"),  # 0.4 × 85 + 0.1 × 80 + 0.5 × 90 = 34 + 8 + 45
    "D2": Decimal("82.00"),  # 34 + 8 + 0.5 × 80 = 34 + 8 + 40
    "PO1": Decimal("80.00"),  # 0.6 × 80 + 0.4 × 80: the PO's role weights, though in category D
}


def files(people=PEOPLE) -> dict[str, str]:
    rows = ["id,name,role,category,unit,fte,absence_days,insufficient,evaluator", "SEG,Segretario,segretario,DIR,com,1,0,false,"]  # fmt: skip
    cards = ["person,evaluator,section,item,max_points,points,weight"]
    for pid, role, category, fte, points in people:
        rows.append(f"{pid},Persona {pid},{role},{category},amm,{fte},0,false,SEG")
        cards.append(f"{pid},SEG,scheda,Valutazione complessiva,100,{points},")
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Comune,ente,,SEG\namm,Area amministrativa,area,com,PO1\n"
        "tec,Area tecnica,area,com,\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,amm\n"
        "OB2,operational,Opere,,,,tec\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,8,,,,,\nIN2,OB2,Cantieri,higher,,,10,9,,,,,\n",
        "people.csv": "\n".join(rows) + "\n",
        "evaluations.csv": "\n".join(cards) + "\n",
        "ente.toml": 'name = "Comune di Gradi"\n[funds]\nperformance_individuale = "1000.00"\n',
    }


def run(ciclope_ente, tmp_path: Path, text: str, people=PEOPLE):
    return run_declared(ciclope_ente, tmp_path, text, files(people))


def test_weights_by_category_beside_the_role_weights(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + PROPORTIONAL)
    assert {pid: result.scores[pid].score for pid in SCORES} == SCORES
    assert result.figures["score:D1"].source == "SMVP del Comune di Gradi, art. 5 c. 3"  # the group's fonte
    assert result.figures["score:PO1"].source == "SMVP del Comune di Gradi, art. 5"


def test_a_parametro_by_category_in_the_proportional_split(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + PROPORTIONAL)
    # weight = score × fte × parametro: B1 87.5 × 100 = 8750; C1 75.5 × 110 = 8305; D1 87 × 130 = 11310;
    # D2 82 × 0.5 × 130 = 5330; Σ = 33695. Fund 100000 cents × weight / 33695:
    #   B1 875000000 / 33695 = 25968.24 → 259.68 (remainder .24)
    #   C1 830500000 / 33695 = 24647.57 → 246.47 (.57)
    #   D1 1131000000 / 33695 = 33565.81 → 335.65 (.81)
    #   D2 533000000 / 33695 = 15818.37 → 158.18 (.37)
    # floors sum to 999.98: the 2 cents left go to the largest remainders, D1 (.81) and C1 (.57)
    assert amounts(result) == {"B1": "259.68", "C1": "246.48", "D1": "335.66", "D2": "158.18"}
    pool = result.rewards.pools["performance_individuale"]
    assert pool.distributed == Decimal("1000.00")
    figure = result.figures["award:D2"]
    assert "× parametro della categoria" in figure.formula
    given = {i.name: i for i in figure.inputs}
    assert given["parametro della categoria"].value == Decimal(130)
    assert (
        given["categoria"].value == "D" and given["categoria"].cell == "people.csv:6:category"
    )  # line 6: header, SEG, B1, C1, D1, D2
    assert [p for p in result.violations if p.severity == "error"] == []


def test_a_parametro_by_category_with_levels(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + LEVELS)
    # levels: B1 87.5 alto, C1 75.5 medio, D1 87 alto, D2 82 medio
    # weight = coefficient × fte × parametro: B1 1 × 100 = 100; C1 0.5 × 110 = 55; D1 1 × 130 = 130;
    # D2 0.5 × 0.5 × 130 = 32.5; Σ = 317.5. Fund 100000 cents × weight / 317.5:
    #   B1 31496.06 → 314.96 (.06); C1 17322.83 → 173.22 (.83); D1 40944.88 → 409.44 (.88);
    #   D2 10236.22 → 102.36 (.22); floors 999.98: a cent each to D1 (.88) and C1 (.83)
    assert amounts(result) == {"B1": "314.96", "C1": "173.23", "D1": "409.45", "D2": "102.36"}
    assert [p for p in result.violations if p.severity == "error"] == []


def test_a_category_missing_from_the_parametri_is_an_error_naming_it_and_both_files(ciclope_ente, tmp_path):
    people = [*PEOPLE, ("A1", "dipendente", "A", "1", 60), ("A2", "dipendente", "A", "1", 65)]
    result = run(ciclope_ente, tmp_path, HEAD + PROPORTIONAL, people)
    [problem] = [p for p in result.violations if p.rule == "regolamento.categoria"]
    assert problem.severity == "error"
    assert (problem.file, problem.row, problem.column) == (
        "people.csv",
        8,
        "category",
    )  # A1, the first of them, after PO1 on line 7
    # [premio] is on line 24 of HEAD + PROPORTIONAL, its parametri on line 27; the category named by its Area as
    # an office writes it (people.csv and the tables read «Operatori» as A), the letter beside it
    assert problem.message == (
        f"la categoria «Operatori» (A) di A1, A2 non è in [premio] parametri del regolamento ({tmp_path / 'smvp.toml'}, riga 27), "
        "che ha B, C, D; aggiungi la categoria alla tabella (con 0 se non partecipa alla parte) o correggi la colonna "
        "categoria"
    )
    assert problem.source == "SMVP del Comune di Gradi, art. 9"


def test_a_category_missing_from_the_score_weights_is_an_error(ciclope_ente, tmp_path):
    text = (HEAD + PROPORTIONAL).replace('categorie = ["D"]', 'categorie = ["DIR"]')
    result = run(ciclope_ente, tmp_path, text)
    [problem] = [p for p in result.violations if p.rule == "regolamento.categoria"]
    assert problem.row == 5 and problem.file == "people.csv"  # D1, on the 5th line (after the Segretario)
    assert problem.message.startswith(
        f"la categoria «Funzionari» (D) di D1, D2 non è in [[punteggio.categorie]] del regolamento ({tmp_path / 'smvp.toml'}, "
        "riga 10), che ha A, B, Istruttori, DIR; aggiungi la categoria alla tabella o correggi"
    )  # PO1 is D too, but its role («po») has no weights by category


def test_the_format_errors_of_numbers_by_grade_at_once(tmp_path):
    text = (
        (HEAD + PROPORTIONAL)
        .replace('"Istruttori"]', '"Istrutori"]')  # line 11
        .replace("scheda = 0.5", "scheda = 0.4")  # line 21 of the table on line 17: 0.4 + 0.1 + 0.4 = 0.9
        .replace("C = 110", "C = 110, Funzionari = 120")  # line 27: D twice
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 11, chiave punteggio.categorie[1].categorie: categoria «Istrutori» sconosciuta (forse «Istruttori»?); "
        "ammesse: A, B, C, D, DIR, Operatori, Operatori esperti, Istruttori, Funzionari (o dichiara i gradi del contratto dell'ente in [gradi])",
        "riga 17, chiave punteggio.categorie[2]: i pesi (scheda, unita, ente, cruscotto) sommano al 90%, non al 100%",
        "riga 27, chiave premio.parametri: la categoria «Funzionari» (D) è scritta due volte («D»)",
    ]


def test_parametri_only_where_the_fund_is_split_by_weights(tmp_path):
    soglie = PROPORTIONAL.replace('"proporzionale"', '"soglie"') + 'massimo = "1000.00"\npiena = 90\nminima = 60\n'
    assert regulation_problems(tmp_path, HEAD + soglie) == [
        "riga 27, chiave premio.parametri: i parametri per categoria valgono per i metodi «proporzionale» e "
        "«livelli», non per «soglie»"
    ]
    capped = LEVELS + 'massimo = "1000.00"\n'  # [premio] on line 31, parametri on 35
    [message] = regulation_problems(tmp_path, HEAD + capped)
    assert message.startswith("riga 35, chiave premio.parametri: i parametri per categoria pesano la persona")


def test_a_category_in_two_weight_tables(tmp_path):
    text = HEAD.replace('categorie = ["D"]', 'categorie = ["D", "b"]')
    assert regulation_problems(tmp_path, text) == [
        "riga 18, chiave punteggio.categorie[2].categorie: la categoria «Operatori esperti» (B) del ruolo «dipendente» ha già "
        "i pesi di "
        "punteggio.categorie[1]: una sola tabella di pesi per categoria"
    ]


def test_a_scenario_changes_a_parametro(ciclope_ente, tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(HEAD + PROPORTIONAL, encoding="utf-8")
    params = {"regolamento": str(path), "regolamento.premio.parametri.C": 100}
    result = ciclope_ente("regolamento", files(), year=2024, params=params)
    # C1's weight 75.5 × 100 = 7550; Σ = 8750 + 7550 + 11310 + 5330 = 32940; 100000 cents × weight / 32940:
    #   B1 26563.45 → 265.63 (.45); C1 22920.46 → 229.20 (.46); D1 34335.15 → 343.35 (.15);
    #   D2 16180.94 → 161.80 (.94); floors 999.98: a cent each to D2 (.94) and C1 (.46)
    assert amounts(result) == {"B1": "265.63", "C1": "229.21", "D1": "343.35", "D2": "161.81"}


def test_the_grades_are_those_people_csv_reads():
    # the plugin imports only the core's surface, so it keeps its own copy of the contract's closed list
    assert grades.CATEGORIES == model.CATEGORIES and grades.AREE_2023 == labels.AREE_2023
    assert all(grades.code(word) is not None for word in grades.KNOWN)  # every word a hint offers is read
    # and people.csv reads every name of an Area the regulation reads as the same category («Istruttori» is C in both)
    category = CANONICAL["people"]["category"][0]
    names = [*grades.KNOWN, *grades.AREE_2023.values(), "Funzionari ed EQ", "Istruttori"]
    assert [category(word) for word in names] == [grades.code(word) for word in names]
    assert [grades.code(w) for w in ("c", "Istruttori", "AREA DEGLI ISTRUTTORI", "funzionari ed EQ", "E")] == [
        "C",
        "C",
        "C",
        "D",
        None,
    ]


ATENEO = """\
formato = 2
[atto]
titolo = "CCI del personale tecnico-amministrativo"
tipo_ente = "altro"

[gradi]
nomi = ["B", "C", "D", "EP"]
fonte = "art. 6"

[[premi]]
nome = "Produttività"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
parametri = { B = 100, C = 115, D = 130, EP = 150 }
fonte = "art. 7"
"""


def test_the_template_of_a_regulation_with_grades_asks_for_the_grade_and_not_the_category(tmp_path):
    from openpyxl import load_workbook

    from ciclope.core.commands import template

    folder = tmp_path / "ateneo"
    folder.mkdir()
    (folder / "regolamento.toml").write_text(ATENEO, encoding="utf-8")
    template.build("regolamento", folder, year=2024)
    sheet = load_workbook(folder / "mio-ente" / "ente.xlsx")["persone"]
    header = [c.value for c in sheet[1]]
    # with [gradi] the grade is read from its column and the category stays empty: no categoria to fill, and the
    # grado column's drop-down lists the four grades the file declares, in its order
    assert "categoria" not in header and "grado" in header
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("grado")]
    menus = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert menus[f"{column}2"] == '"B,C,D,EP"'
    assert "Valori ammessi (menu a tendina): B, C, D, EP." in sheet[f"{column}1"].comment.text


def test_the_template_of_a_regulation_without_grades_keeps_the_categories(tmp_path):
    from openpyxl import load_workbook

    from ciclope.core.commands import template

    folder = tmp_path / "comune"
    folder.mkdir()
    (folder / "regolamento.toml").write_text(
        ATENEO.replace('[gradi]\nnomi = ["B", "C", "D", "EP"]\nfonte = "art. 6"\n', "").replace(", EP = 150", ""),
        encoding="utf-8",
    )
    template.build("regolamento", folder, year=2024)
    header = [c.value for c in load_workbook(folder / "mio-ente" / "ente.xlsx")["persone"][1]]
    assert "categoria" in header


# A regulation of its own grades, [gradi] on line 7, named by the card's weights, the parametri and a formula
DECLARED = """\
formato = 2
[atto]
titolo = "Criteri 2016"
tipo_ente = "azienda_sanitaria"
comparto = "altro"

[gradi]
nomi = ["BS", "DS"]
parola = "categoria"
fonte = "punto 1"

[punteggio]
fonte = "punto 2"

[[punteggio.categorie]]
categorie = ["BS", "DS"]
scheda = 1
fonte = "punto 2"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
peso = '=SE(grado = "DS"; 2; 1)'
parametri = { BS = 105, DS = 140 }
fonte = "punto 3"
"""


def test_a_grades_block_set_aside_is_its_one_error(tmp_path):
    """[gradi] without its fonte is set aside: its one error is said, and the grades it names (BS, DS) are not judged
    as categories of Funzioni Locali in the tables and formulas that name them (nothing follows from it)."""
    assert regulation_problems(tmp_path, DECLARED) == []
    text = DECLARED.replace('fonte = "punto 1"\n', "")
    assert regulation_problems(tmp_path, text) == ['riga 7, chiave gradi.fonte: manca la fonte (fonte = "art. …")']


EVALUATION_LEVELS = """
[livelli]
fonte = "punto 4"
scala = [
  { nome = "fascia alta", da = 90 },
  { nome = "fascia base", da = 60 },
]
"""


def test_the_grade_said_livello_beside_levels_of_evaluation_is_an_error_with_the_whole_word(tmp_path):
    """An ente di ricerca's contract calls its grades «livelli» (IV–VIII): said «livello» beside [livelli], the scheda
    would have two rows «livello», the grade's and the evaluation's; the contract's word is written whole."""
    text = DECLARED.replace('parola = "categoria"', 'parola = "livello"') + EVALUATION_LEVELS
    [message] = regulation_problems(tmp_path, text)
    assert message.startswith("riga 9, chiave gradi.parola: «livello» è già la parola dei livelli di valutazione")
    assert message.endswith('scrivi la parola intera del contratto, es. parola = "livello professionale" (o "livello '
                            'economico")')  # fmt: skip
    # the whole word reads; «livello» without levels of evaluation has nothing to be confused with
    assert regulation_problems(tmp_path, text.replace('"livello"', '"livello professionale"')) == []
    assert regulation_problems(tmp_path, DECLARED.replace('parola = "categoria"', 'parola = "livello"')) == []
