"""schede.xlsx of a health ente with grades of its own ([gradi]) and two parts of the premium, each on its fund
(issue of the ISPRO reporter): the grade of each person, every evaluator by name and code, the part each premium
comes from, and the premiums by fund without an empty «Fascia», their mean over the people paid. Every figure by
hand."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ciclope.core import fmt
from ciclope.core.reports import xlsx

from helpers import run_declared

REGULATION = """\
formato = 2

[atto]
titolo = "Criteri per l'assegnazione del trattamento accessorio"
tipo_ente = "azienda_sanitaria"

[gradi]
nomi = ["B", "BS", "C", "D", "DS", "DIR"]
contratto = "CCNL Sanità"
fonte = "art. 1"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 2"

[[premi]]
nome = "incentivo comparto"
metodo = "proporzionale"
fondo = "produttivita_comparto"
ruoli = ["dipendente"]
fonte = "art. 3"

[[premi]]
nome = "risultato dirigenza"
metodo = "proporzionale"
fondo = "risultato_dirigenza"
ruoli = ["dirigente"]
fonte = "art. 4"
"""


def files() -> dict[str, str]:
    return {
        "units.csv": "id,name,kind,parent,head\ncdr,Centro di responsabilità,ente,,DIR1\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Screening,,,,cdr\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Inviti,higher,,,10,10,,,,,\n",
        "people.csv": "id,name,role,category,grado,unit,fte,absence_days,insufficient,evaluator\n"
        "DIR1,Dirigente Uno,dirigente,,DIR,cdr,1,0,false,DG\n"
        "P01,Anna,dipendente,,D,cdr,1,0,false,DIR1\n"
        "P02,Bruno,dipendente,,BS,cdr,1,0,false,DIR1\n"
        "P03,Carla,dipendente,,C,cdr,1,0,false,DIR1\n",
        "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n"
        "DIR1,DG,scheda,Valutazione complessiva,100,90,\n"
        "P01,DIR1,scheda,Valutazione complessiva,100,90,\n"
        "P02,DIR1,scheda,Valutazione complessiva,100,60,\n"
        "P03,DIR1,scheda,Valutazione complessiva,100,59,\n",
        "ente.toml": 'name = "Istituto di prova"\n[fondi]\nproduttivita_comparto = "1500.00"\n'
        'risultato_dirigenza = "1000.00"\n[valutatori]\nDG = "Direttore Generale"\n',
    }


def sheets(ciclope_ente, tmp_path) -> dict[str, list[dict]]:
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    out = {}
    for ws in load_workbook(path).worksheets:
        rows = list(ws.iter_rows(values_only=True))
        out[ws.title] = [dict(zip(rows[0], r)) for r in rows[1:]] if rows else []
    return out


def test_the_people_s_sheet_shows_the_grade_the_regulation_declares(ciclope_ente, tmp_path):
    """With [gradi] the category of people.csv stays empty: the sheet showed a «Categoria» column empty for everyone."""
    people = {r["Codice"]: r for r in sheets(ciclope_ente, tmp_path)["Valutazioni individuali"]}
    assert "Categoria" not in people["P01"]
    assert {pid: r["Grado"] for pid, r in people.items()} == {"DIR1": "DIR", "P01": "D", "P02": "BS", "P03": "C"}


def test_every_evaluator_is_named_a_person_with_the_code_an_organ_alone(ciclope_ente, tmp_path):
    """A person of the ente read only «DIR1»; an external evaluator is named by its name alone, never «(DG)»."""
    people = {r["Codice"]: r for r in sheets(ciclope_ente, tmp_path)["Valutazioni individuali"]}
    assert people["DIR1"]["Valutatore"] == "Direttore Generale"
    assert people["P01"]["Valutatore"] == "Dirigente Uno (DIR1)"


def test_each_premium_says_its_part_and_no_empty_band(ciclope_ente, tmp_path):
    book = sheets(ciclope_ente, tmp_path)
    premi = {r["Codice"]: r for r in book["Premi"]}
    # comparto: P01 90, P02 60 points (P03's 59 is under the minimum of 60): 1500 × 90 / 150 = 900.00, 1500 × 60 /
    # 150 = 600.00; dirigenza: DIR1 alone, 1000.00
    assert (premi["P01"]["Parte"], premi["P01"]["Importo"]) == ("incentivo comparto", 900)
    assert (premi["P02"]["Parte"], premi["P02"]["Importo"]) == ("incentivo comparto", 600)
    assert (premi["DIR1"]["Parte"], premi["DIR1"]["Importo"]) == ("risultato dirigenza", 1000)
    assert "Fascia" not in premi["P01"]  # no part has bands


def test_premiums_by_fund_have_no_band_column_and_a_mean_over_the_people_paid(ciclope_ente, tmp_path):
    """«Premi per fascia» had an empty «Fascia» and a «Media» over everyone with an amount, the excluded too."""
    book = sheets(ciclope_ente, tmp_path)
    assert "Premi per fascia" not in book
    rows = {r["Fondo"]: r for r in book["Premi per fondo"]}
    comparto = next(r for name, r in rows.items() if "comparto" in name)
    assert "Fascia" not in comparto
    # 3 people with an amount in the fund, P03 at 0; mean over the 2 paid: (900 + 600) / 2 = 750 (over 3: 500)
    assert (comparto["Persone"], comparto["Non pagate"], comparto["Totale"]) == (3, 1, 1500)
    assert (comparto["Media dei pagati"], comparto["Minimo dei pagati"], comparto["Massimo"]) == (750, 600, 900)


def test_the_personal_scheda_says_the_grade_the_regulation_declares(ciclope_ente, tmp_path):
    """The scheda personale read «Ruolo: Dipendente» alone under [gradi]: the category it names stays empty."""
    from ciclope.core.schede.content import build

    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    about = {line.label: line.value for line in build(result, "P02").about}
    assert about["Ruolo"] == "Dipendente, grado BS"


def test_explain_says_the_grade_the_regulation_declares(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    head = explain(result, "person", "P02").splitlines()[1]
    assert head.startswith("Dipendente, grado BS · unità ")


def test_parts_of_one_fund_have_a_row_each(ciclope_ente, tmp_path):
    """Two parts of one fund (art. 68 lett. a and b): one row per part and person, not their sum, the total kept."""
    text = REGULATION.replace(
        'nome = "incentivo comparto"\nmetodo = "proporzionale"\n',
        'nome = "organizzativa"\nmetodo = "proporzionale"\nquota_fondo = "40%"\n',
    ).replace(
        '[[premi]]\nnome = "risultato dirigenza"',
        '[[premi]]\nnome = "individuale"\nmetodo = "proporzionale"\nquota_fondo = "60%"\n'
        'fondo = "produttivita_comparto"\nruoli = ["dipendente"]\nfonte = "art. 3"\n\n'
        '[[premi]]\nnome = "risultato dirigenza"',
    )
    result = run_declared(ciclope_ente, tmp_path, text, files())
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Premi"].iter_rows(values_only=True))
    premi = [dict(zip(rows[0], r)) for r in rows[1:]]
    said = [(r["Codice"], r["Parte"], r["Importo"]) for r in premi if r["Codice"] in ("P01", "P02", "P03")]
    # 1500 × 40% = 600 and × 60% = 900, each split 90 : 60 (P03 under the minimum): organizzativa 360 and 240,
    # individuale 540 and 360; P03 excluded, at 0 in each part
    assert said == [
        ("P01", "organizzativa", 360),
        ("P01", "individuale", 540),
        ("P02", "organizzativa", 240),
        ("P02", "individuale", 360),
        ("P03", "organizzativa", 0),
        ("P03", "individuale", 0),
    ]
    # the total unchanged: 1500 + DIR1's 1000
    assert premi[-1]["Codice"] == "TOTALE" and premi[-1]["Importo"] == 2500


def test_every_premium_of_zero_says_why(ciclope_ente, tmp_path):
    """A premium the absences cut whole read Importo 0 and esito «valutato», with no reason (a writer's CCI): the
    «Motivo» says it, and of an excluded person the exclusion, as «Valutazioni individuali» does."""
    text = REGULATION + (
        '\n[[riduzioni]]\nmisura = "assenze"\nfonte = "art. 5"\n'
        "scaglioni = [{ da = 0, a = 90, riduzione = 0 }, { da = 91, riduzione = 1 }]\n"
    )
    data = files()
    data["people.csv"] = data["people.csv"].replace(
        "P02,Bruno,dipendente,,BS,cdr,1,0,", "P02,Bruno,dipendente,,BS,cdr,1,100,"
    )
    result = run_declared(ciclope_ente, tmp_path, text, data)
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Premi"].iter_rows(values_only=True))
    premi = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    # comparto: P02's 100 days are past 90, −100%: weight 60 × 0 = 0; P03's 59 under the minimum of 60; P01 alone,
    # 1500 × 90 / 90 = 1500.00; dirigenza: DIR1 alone, 1000.00 (no reason, paid)
    assert (premi["P01"]["Importo"], premi["P01"]["Motivo"]) == (1500, None)
    assert (premi["P02"]["Importo"], premi["P02"]["Esito"]) == (0, "valutato")
    # the reduction's own article, after the act as the exclusion's below
    assert premi["P02"]["Motivo"] == (
        "la riduzione per giorni di assenza è del 100% (Criteri per l'assegnazione del trattamento accessorio, art. 5)"
    )
    assert premi["P03"]["Importo"] == 0 and premi["P03"]["Esito"].startswith("escluso")
    assert premi["P03"]["Motivo"] == (
        "punteggio sotto il minimo di 60, Criteri per l'assegnazione del trattamento accessorio, art. 2"
    )
    assert premi["TOTALE"]["Importo"] == 2500


def test_no_motivo_where_every_premium_is_paid(ciclope_ente, tmp_path):
    data = files()
    data["evaluations.csv"] = data["evaluations.csv"].replace(",100,59,", ",100,60,")
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    # P03 at 60 reaches the minimum: 1500 × 60 / 210 = 428.57; nobody at 0, no empty column
    assert "Motivo" not in next(load_workbook(path)["Premi"].iter_rows(values_only=True))


def test_a_unit_is_shown_by_its_name_as_the_relazione_shows_it(ciclope_ente, tmp_path):
    """«cdr» alone in the people's, the premiums' and the objectives' sheets (a writer's): a unit by its name and
    code, «Centro di responsabilità (cdr)», as the Relazione names it; the sheet of the units keeps its code beside
    its «Denominazione»."""
    data = files()
    data["units.csv"] += "scr,Servizio screening,servizio,cdr,\n"
    data["people.csv"] = data["people.csv"].replace("P01,Anna,dipendente,,D,cdr,", "P01,Anna,dipendente,,D,scr,")
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    book = {}
    for ws in load_workbook(path).worksheets:
        rows = list(ws.iter_rows(values_only=True))
        book[ws.title] = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]} if rows else {}
    cdr, scr = "Centro di responsabilità (cdr)", "Servizio screening (scr)"
    people = book["Valutazioni individuali"]
    assert (people["P01"]["Unità"], people["P02"]["Unità"]) == (scr, cdr)
    assert (book["Premi"]["P01"]["Unità"], book["Premi"]["P02"]["Unità"]) == (scr, cdr)
    assert book["Dirigenti (scheda d)"]["DIR1"]["Unità dirette"] == cdr
    assert book["Obiettivi"]["OB1"]["Responsabile"] == cdr
    units = book["Unità"]
    assert (units["scr"]["Denominazione"], units["scr"]["Unità superiore"]) == ("Servizio screening", cdr)


def test_a_unit_whose_name_holds_its_code_is_named_once(ciclope_ente, tmp_path):
    """An ASP's «Servizio residenziale per anziani (RSA)» with id RSA read «… (RSA) (RSA)» in the workbook: a name
    that already ends with its code in brackets is said as written; another unit keeps «name (code)»."""
    data = files()
    data["units.csv"] = "id,name,kind,parent,head\ncdr,Centro di responsabilità (cdr),ente,,DIR1\n"
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Valutazioni individuali"].iter_rows(values_only=True))
    people = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert people["P01"]["Unità"] == "Centro di responsabilità (cdr)"
    objectives = list(load_workbook(path)["Obiettivi"].iter_rows(values_only=True))
    assert "Centro di responsabilità (cdr)" in objectives[1]
    assert fmt.with_code("Servizio residenziale per anziani (RSA)", "RSA") == "Servizio residenziale per anziani (RSA)"
    assert fmt.with_code("Servizio (RSA) di Ivrea", "RSA") == "Servizio (RSA) di Ivrea"
    assert fmt.with_code("Servizio screening", "scr") == "Servizio screening (scr)"
    assert fmt.with_code("Ufficio (sede di Ivrea)", "U1") == "Ufficio (sede di Ivrea) (U1)"


def test_the_contract_s_word_for_its_grades_is_said_everywhere(ciclope_ente, tmp_path):
    """The comparto Sanità calls B, BS, DS «categorie»: with [gradi] parola = "categoria" the scheda, explain and the
    workbook say «categoria BS», never ciclope's «grado»."""
    from ciclope.core.run.explain import explain
    from ciclope.core.schede.content import build

    text = REGULATION.replace("[gradi]\n", '[gradi]\nparola = "categoria"\n', 1)
    assert text != REGULATION
    result = run_declared(ciclope_ente, tmp_path, text, files())
    assert {line.label: line.value for line in build(result, "P02").about}["Ruolo"] == "Dipendente, categoria BS"
    assert explain(result, "person", "P02").splitlines()[1].startswith("Dipendente, categoria BS · unità ")
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Valutazioni individuali"].iter_rows(values_only=True))
    people = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert "Grado" not in rows[0] and people["P02"]["Categoria"] == "BS"
    # a word that is another column's header: the level of inquadramento is not the level of the evaluation
    result = run_declared(
        ciclope_ente, tmp_path, REGULATION.replace("[gradi]\n", '[gradi]\nparola = "livello"\n'), files()
    )
    xlsx.write(result, path)
    head = next(load_workbook(path)["Valutazioni individuali"].iter_rows(values_only=True))
    assert head.count("Livello") == 1 and "Livello del contratto" in head


def test_a_formula_reading_the_grade_says_the_contract_s_word(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import explain

    text = REGULATION.replace("[gradi]\n", '[gradi]\nparola = "categoria"\n', 1).replace(
        'nome = "incentivo comparto"\nmetodo = "proporzionale"\n',
        'nome = "incentivo comparto"\nmetodo = "formula"\nimporto = \'=SE(grado = "BS"; 500 €; 300 €)\'\n',
    )
    result = run_declared(ciclope_ente, tmp_path, text, files())
    # P02 is BS: 500,00 (P01 a D 300,00; the fund of 1.500,00 holds both: 800,00; P03 under the minimum)
    paid = {pid: str(result.rewards.awards[pid].amount) for pid in ("P01", "P02", "P03")}
    assert paid == {"P01": "300.00", "P02": "500.00", "P03": "0.00"}
    said = explain(result, "person", "P02")
    assert "(se la categoria è uguale a «BS», allora € 500,00, altrimenti € 300,00)" in said
    assert "• la categoria = BS   ← " in said


@pytest.mark.parametrize(
    ("word", "said"),
    [("categoria", "della categoria"), ("livello", "del livello"), ("area", "dell'area"), ("scatto", "dello scatto"),
     ("fascia", "della fascia"), ("grado", "del grado"), ("zona", "della zona"), ("profilo", "del profilo")],
)  # fmt: skip
def test_a_graduatoria_of_grades_is_said_with_the_contract_s_word(word, said):
    from ciclope.plugins.regolamento.pay.rankings import of

    assert of(word) == said


def test_a_split_by_grade_says_the_contract_s_word(ciclope_ente, tmp_path):
    """With [gradi] parola = "categoria" and parametri, explain said «parametro del grado» and «grado = BS», and
    `regolamento leggi` «il parametro del grado», one sentence after «i documenti dicono «categoria B»»."""
    from ciclope.core.run.explain import explain
    from ciclope.plugins.regolamento.read.load import load
    from ciclope.plugins.regolamento.say.articles import render

    text = REGULATION.replace("[gradi]\n", '[gradi]\nparola = "categoria"\n', 1).replace(
        'ruoli = ["dipendente"]\nfonte = "art. 3"\n',
        'ruoli = ["dipendente"]\nfonte = "art. 3"\nparametri = { B = 100, BS = 105, C = 115, D = 130, DS = 140, '
        "DIR = 150 }\n",
    )
    assert text.count("parametri") == 1
    result = run_declared(ciclope_ente, tmp_path, text, files())
    # weights = score × share × parametro: P01 (D) 90 × 1 × 130 = 11700, P02 (BS) 60 × 1 × 105 = 6300 (P03 under
    # the minimum); Σ 18000: 1500 × 11700 / 18000 = 975.00, 1500 × 6300 / 18000 = 525.00
    paid = {pid: str(result.rewards.awards[pid].amount) for pid in ("P01", "P02")}
    assert paid == {"P01": "975.00", "P02": "525.00"}
    said = explain(result, "person", "P02")
    assert "quota pagata × parametro della categoria" in said
    assert "• categoria = BS   ← " in said and "• parametro della categoria = 105" in said
    # the cell cited keeps the header the file has: «colonna grado»
    assert said.count("grado") == said.count("colonna grado") > 0
    path = tmp_path / "regolamento.toml"
    path.write_text(text, encoding="utf-8")
    regulation, _ = load(str(path))
    assert regulation is not None
    read = render(regulation)
    assert "il parametro della categoria (B 100; BS 105; C 115; D 130; DS 140; DIR 150)" in read
    assert "Le categorie del contratto" in read and "Le categorie del CCNL Sanità: B, BS, C, D, DS, DIR" in read
    assert "dice quella di ciascuno, e le tabelle per categoria del regolamento le nominano." in read
    # «grado» is said only of the file's column and of the sentence saying the word itself
    assert read.count("grado") == read.count("colonna grado") + read.count("chiama un grado «categoria»")


@pytest.mark.parametrize(
    ("word", "many", "each", "parameter"),
    [("categoria", "le categorie", "ciascuna categoria", "parametro della categoria"),
     ("area", "le aree", "ciascuna area", "parametro dell'area"),
     ("grado", "i gradi", "ciascun grado", "parametro del grado"),
     ("scatto", "gli scatti", "ciascuno scatto", "parametro dello scatto"),
     ("fascia", "le fasce", "ciascuna fascia", "parametro della fascia"),
     ("qualifica", "le qualifiche", "ciascuna qualifica", "parametro della qualifica"),
     ("livello economico", "i livelli economici", "ciascun livello economico", "parametro del livello economico")],
)  # fmt: skip
def test_the_contract_s_word_in_the_plural_and_after_di(word, many, each, parameter):
    import attrs

    from ciclope.plugins.regolamento.format import grades
    from ciclope.plugins.regolamento.format.spec import Grades
    from ciclope.plugins.regolamento.format.wording import each_of, plural, the

    assert (the(plural(word)), each_of(word)) == (many, each)
    reg = attrs.make_class("Reg", ["grades"])(Grades(names=("B",), word=word, source="art. 1"))
    assert grades.parameter(reg) == parameter
