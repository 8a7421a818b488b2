"""A premium paid without any individual evaluation (``valutazione = false``, formato 2): a fund «distribuito in modo
indifferenziato» by time worked and days in service (Centro Pecci, Prato), an amount per sector (Bari Multiservizi),
paid to everyone in service of the part's roles with no card at all; the methods and formulas that would read an
evaluation refused when the file is read; the core's check of missing cards kept where cards were needed. Every
amount by hand, with the arithmetic beside it."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from ciclope.core.reports import html as relazione
from ciclope.core.reports import public
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render as scheda
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import COMUNE_2025, STAFF_HEADER, amounts, ciclope, one_unit_comune, regulation_problems, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Sistema di misurazione e valutazione della performance del Centro di Esempio"
tipo_ente = "altro"
"""
# «il fondo premiante è distribuito in modo indifferenziato, tenendo conto soltanto dell'orario individuale e
# dell'anzianità nell'anno»: the same weight for everyone, × time worked × days in service / days of the year.
PECCI = (
    HEAD
    + """
[[premi]]
nome = "fondo premiante"
metodo = "proporzionale"
valutazione = false
tempo_parziale = "proporzionale"
rateo_giorni = true
fonte = "SMVP, criterio unico"
"""
)


def staff(rows: list[str], funds: str, cards: str | None, header: str = STAFF_HEADER) -> dict[str, str]:
    """A small ente of one unit: ``rows`` of people.csv after the Segretario's (``header`` their columns);
    ``cards``: None for no evaluation file at all, else the name of a header-only one."""
    files = one_unit_comune("Centro di Esempio", [], [], f"[funds]\n{funds}\n")
    extra = header.count(",") - STAFF_HEADER.count(",")
    files["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false," + "," * extra, *rows])
    files["people.csv"] += "\n"
    header_only = files.pop("evaluations.csv")
    if cards is not None:
        files[cards] = header_only
    return files


DATED = STAFF_HEADER + ",assunzione,cessazione"
# 2024 has 366 days. P3 is hired on 1 July: 31 + 31 + 30 + 31 + 30 + 31 = 184 days; P4 leaves on 31 March:
# 31 + 29 + 31 = 91 days.
FOUR = [
    "P1,Curatrice,dipendente,C,com,1,0,false,,,",
    "P2,Bibliotecario,dipendente,C,com,0.5,0,false,,,",
    "P3,Educatrice,dipendente,C,com,1,0,false,,2024-07-01,",
    "P4,Custode,dipendente,B,com,0.8,0,false,,,2024-03-31",
]


def rules(result) -> list[str]:
    return [p.rule for p in result.violations]


@pytest.mark.parametrize("cards", [None, "valutazioni.csv"])
def test_a_fund_divided_among_everyone_in_service_without_any_card(ciclope_ente, tmp_path, cards):
    result = run_declared(
        ciclope_ente, tmp_path, PECCI, staff(FOUR, 'performance_individuale = "6000.00"', cards, DATED)
    )
    # weights in 366ths: P1 1 × 366 = 366; P2 0.5 × 366 = 183; P3 1 × 184 = 184; P4 0.8 × 91 = 72.8; Σ 805.8
    # P1 6000 × 366 / 805.8 = 2725.2419…; P2 6000 × 183 / 805.8 = 1362.6209…; P3 6000 × 184 / 805.8 = 1370.0670…;
    # P4 6000 × 72.8 / 805.8 = 542.0699…: cents down 2725.24 + 1362.62 + 1370.06 + 542.06 = 5999.98, the 2 cents
    # left to the largest remainders (P4 0.99 of a cent, P3 0.70): 542.07 and 1370.07
    assert amounts(result) == {"P1": "2725.24", "P2": "1362.62", "P3": "1370.07", "P4": "542.07"}
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("6000.00"), Decimal("0.00"))
    assert "core.evaluations.empty" not in rules(result)  # nothing needed a card
    assert not [p for p in result.violations if p.is_error]


def test_the_example_of_the_docs_and_the_same_premium_written_as_premio(ciclope_ente, tmp_path):
    premio = PECCI.replace("[[premi]]", "[premio]").replace('nome = "fondo premiante"\n', "")
    people = [
        "P1,Curatrice,dipendente,C,com,1,0,false,,,",
        "P2,Bibliotecario,dipendente,C,com,0.5,0,false,,,",
        "P3,Educatrice,dipendente,C,com,1,0,false,,2023-07-01,",
        "P4,Custode,dipendente,B,com,1,30,false,,,",
    ]
    for regulation in (PECCI, premio):
        path = tmp_path / "smvp.toml"
        path.write_text(regulation, encoding="utf-8")
        files = staff(people, 'performance_individuale = "6000.00"', None, DATED)
        result = ciclope_ente("regolamento", files, year=2023, params={"regolamento": str(path)})
        # 2023 has 365 days, P3 184 of them; weights in 365ths 365, 182.5, 184, 365: Σ 1096.5
        # P1 = P4 6000 × 365 / 1096.5 = 1997.264…, P2 998.632…, P3 6000 × 184 / 1096.5 = 1006.839…: cents down
        # 5999.98; the 2 cents to P3 (0.99 of a cent), then to P1 (0.40, equal to P4's: the first code)
        assert amounts(result) == {"P1": "1997.27", "P2": "998.63", "P3": "1006.84", "P4": "1997.26"}
        assert not [p for p in result.violations if p.is_error]


def test_each_amount_is_explained_without_a_score(ciclope_ente, tmp_path):
    result = run_declared(
        ciclope_ente, tmp_path, PECCI, staff(FOUR, 'performance_individuale = "6000.00"', None, DATED)
    )
    figure = result.figures["award:P3"]
    read = {i.name: i.value for i in figure.inputs}
    assert read["tempo lavorato"] == Decimal(1)
    assert (read["giorni di servizio nell'anno"], read["giorni dell'anno"]) == (184, 366)
    assert "punteggio" not in read  # nothing of an evaluation is read
    assert "senza valutazione individuale" in figure.formula
    assert "SMVP, criterio unico" in figure.source
    text = explain(result, "person", "P3")
    assert "€ 1.370,07" in text and "giorni di servizio nell'anno = 184" in text
    # the share paid itself, after the days it reads: 1 × 184 / 366 = 0,50273224… = 50,2732…%
    assert "quota pagata = 50,2732…%" in text


def test_exclusions_reductions_and_graduatorie_still_apply(ciclope_ente, tmp_path):
    regulation = (
        PECCI.replace("rateo_giorni = true", 'graduatorie = "categoria"')
        + """
[[esclusioni]]
regola = "assenze"
giorni = 100
fonte = "art. 3"

[[riduzioni]]
misura = "assenze"
fonte = "art. 4"
scaglioni = [{ da = 0, a = 10, riduzione = 0 }, { da = 11, a = 30, riduzione = 0.10 }, { da = 31, riduzione = 0.5 }]
"""
    )
    people = [
        "A,Persona A,dipendente,C,com,1,0,false,",
        "B,Persona B,dipendente,C,com,1,20,false,",
        "C,Persona C,dipendente,C,com,1,120,false,",
        "D,Persona D,dipendente,B,com,0.5,0,false,",
    ]
    result = run_declared(
        ciclope_ente, tmp_path, regulation, staff(people, 'performance_individuale = "4000.00"', None)
    )
    # graduatorie by staff in service: C has 3 of 4 people, 4000 × 3 / 4 = 3000.00; B 4000 × 1 / 4 = 1000.00
    # in C: A weight 1; B 20 days of absence, −10%: 0.9; C 120 days > 100: excluded. Σ 1.9
    # A 3000 / 1.9 = 1578.947…, B 3000 × 0.9 / 1.9 = 1421.052…: 1578.94 + 1421.05 = 2999.99, the cent to A
    # in B: D alone, at half time, takes the whole 1000.00
    assert amounts(result) == {"A": "1578.95", "B": "1421.05", "C": "0.00", "D": "1000.00"}
    assert result.rewards.statuses["C"] == "escluso_assenze"
    assert "core.evaluations.empty" not in rules(result)


BARI = (
    HEAD
    + """
[[colonne]]
nome = "settore"
tipo = "testo"
significato = "il settore della persona"
fonte = "criteri 2017"

[[premi]]
nome = "premio di settore"
metodo = "formula"
valutazione = false
tempo_parziale = "intero"
importo = '=SE(settore = "verde"; 1000; SE(settore = "manutenzione"; 800; SE(settore = "custodi"; 700; 0)))'
fonte = "criteri 2017, premio per settore"
"""
)


def test_an_amount_per_sector_from_a_declared_column_without_any_card(ciclope_ente, tmp_path):
    people = [
        "V1,Operaio verde,dipendente,B,com,1,0,false,,verde",
        "V2,Impiegata verde,dipendente,C,com,0.5,0,false,,verde",
        "M1,Operaio manutenzione,dipendente,B,com,1,0,false,,manutenzione",
        "C1,Custode,dipendente,B,com,1,0,false,,custodi",
        "A1,Amministrativo,dipendente,C,com,1,0,false,,nessuno",
    ]
    files = staff(people, 'performance_individuale = "5000.00"', None, STAFF_HEADER + ",settore")
    result = run_declared(ciclope_ente, tmp_path, BARI, files)
    # verde 1000 (V2 too: tempo_parziale = "intero"), manutenzione 800, custodi 700, no sector 0
    assert amounts(result) == {"V1": "1000.00", "V2": "1000.00", "M1": "800.00", "C1": "700.00", "A1": "0.00"}
    pool = result.rewards.pools["performance_individuale"]
    # 1000 + 1000 + 800 + 700 = 3500.00 paid; 5000 − 3500 = 1500.00 residual
    assert (pool.distributed, pool.residual) == (Decimal("3500.00"), Decimal("1500.00"))
    assert "core.evaluations.empty" not in rules(result)
    read = {i.name: i for i in result.figures["award:M1"].inputs}
    assert read["il settore della persona"].cell == "people.csv:5:settore"  # row 5: the header, SEG, V1, V2, M1


def test_a_method_that_reads_an_evaluation_is_refused(tmp_path):
    text = PECCI.replace('metodo = "proporzionale"', 'metodo = "fasce"') + (
        'fasce = [{ nome = "alta", personale = 0.5, risorse = 0.7 }, { nome = "bassa", personale = 0.5, risorse = 0.3 }]\n'
    )
    # line 8: metodo (1 formato, 2–4 [atto], 5 blank, 6 [[premi]], 7 nome)
    assert regulation_problems(tmp_path, text) == [
        "riga 8, chiave premi[1].metodo: la parte «fondo premiante» è senza valutazione individuale (valutazione = "
        "false): il metodo «fasce» legge il punteggio, il livello o una fascia; senza valutazione vale «proporzionale» "
        "(il peso, se manca 1, × la quota pagata), «importi» (gli importi scritti in premi.csv) o «formula» (l'importo di "
        "ciascuno)"
    ]
    single = HEAD + '\n[premio]\nmetodo = "soglie"\nvalutazione = false\nmassimo = "1000.00"\npiena = 90\nminima = 60\n'
    assert regulation_problems(tmp_path, single + 'fonte = "art. 1"\n') == [
        "riga 7, chiave premio.metodo: il premio è senza valutazione individuale (valutazione = false): il metodo "
        "«soglie» legge il punteggio, il livello o una fascia; senza valutazione vale «proporzionale» (in proporzione "
        "alla quota pagata)"
    ]


@pytest.mark.parametrize(
    "key, formula, problem",
    [
        ("peso", "=punteggio * fte", "«punteggio» non si usa nel peso nella ripartizione"),
        ("ammesso", '=livello = "A"', "«livello» non si usa in chi partecipa alla parte"),
        ("peso", '=SEZIONE("Risultati")', "SEZIONE non si usa nel peso nella ripartizione"),
        ("ammesso", '=LIVELLO(90) = "A"', "LIVELLO non si usa in chi partecipa alla parte"),
    ],
)
def test_a_formula_of_such_a_part_reads_no_evaluation(tmp_path, key, formula, problem):
    text = PECCI.replace("valutazione = false", f"valutazione = false\n{key} = '{formula}'")
    # line 10: the formula, written right after valutazione (1 formato, 2–4 [atto], 5 blank, 6 [[premi]], 7 nome,
    # 8 metodo, 9 valutazione)
    assert regulation_problems(tmp_path, text) == [
        f"riga 10, chiave premi[1].{key}: formula «{formula}»: {problem}: la parte «fondo premiante» è senza "
        "valutazione individuale (valutazione = false)"
    ]


def test_a_minimum_score_cannot_exclude_from_such_a_part(tmp_path):
    text = PECCI + '\n[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 60\nparti = ["fondo premiante"]\n'
    # line 17: parti (PECCI is 12 lines, then a blank one, [[esclusioni]], regola, minimo)
    assert regulation_problems(tmp_path, text + 'fonte = "art. 3"\n') == [
        "riga 17, chiave esclusioni[1].parti: l'esclusione «punteggio_minimo» legge il punteggio: non vale per la "
        "parte «fondo premiante», senza valutazione individuale (valutazione = false)"
    ]


def test_leggi_says_the_part_is_divided_among_all_the_staff(tmp_path):
    for text, said in (
        (
            PECCI,
            "La parte «fondo premiante» è divisa tra tutto il personale in servizio (i dipendenti), valutato o no, "
            # part time and days of service (rateo_giorni): both make the share
            "senza valutazione individuale: in proporzione alla quota pagata (il tempo lavorato × i giorni di "
            "servizio / i giorni dell'anno).",
        ),
        (
            BARI,
            "La parte «premio di settore» è pagata a tutto il personale in servizio (i dipendenti), valutato o no, "
            "senza valutazione individuale. L'importo di ciascuno è pari a 1.000 se il settore della persona è "
            "«verde», 800 se è «manutenzione», 700 se è «custodi», altrimenti 0",  # one value by the sector
        ),
    ):
        path = tmp_path / "smvp.toml"
        path.write_text(text, encoding="utf-8")
        regulation, found = load(str(path))
        assert found == () and regulation is not None
        article = render(regulation)
        assert said in article
        assert "Inoltre:" not in article  # every key said in its sentences, none listed by its description


def test_leggi_says_the_exclusions_that_apply_to_the_staff_the_part_is_divided_among(tmp_path):
    """«divisa tra tutto il personale in servizio … valutato o no» overstated who shares the part where an exclusion
    applies to it (an Istituto's absences: € 0 to whom it excludes): the sentence says the exclusions that apply to
    the part, each with its article; one limited to the dirigenti, whom the part does not pay, is not said."""
    text = PECCI + (
        '\n[[esclusioni]]\nregola = "assenze"\ngiorni = 180\nfonte = "art. 7 c. 2"\n'
        '\n[[esclusioni]]\nregola = "sanzione"\noltre = "rimprovero scritto"\n'
        'scala = ["rimprovero verbale", "rimprovero scritto", "multa", "sospensione"]\nfonte = "art. 7 c. 3"\n'
        '\n[[esclusioni]]\nregola = "insufficiente"\nruoli = ["dirigente"]\nfonte = "art. 7 c. 4"\n'
    )
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    assert (
        "La parte «fondo premiante» è divisa tra tutto il personale in servizio (i dipendenti), valutato o no, tranne "
        "chi è escluso per assenze (art. 7 c. 2) e chi è escluso per sanzione disciplinare (art. 7 c. 3), senza "
        "valutazione individuale: in proporzione alla quota pagata (il tempo lavorato × i giorni di servizio / i "
        "giorni dell'anno)."
    ) in render(regulation)


NORMAL = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"
"""
)


@pytest.mark.parametrize("cards", [None, "valutazioni.csv"])
def test_the_check_of_missing_cards_still_fires_and_names_the_office_file(ciclope_ente, tmp_path, cards):
    people = ["P1,Persona P1,dipendente,C,com,1,0,false,", "P2,Persona P2,dipendente,C,com,1,0,false,"]
    result = run_declared(ciclope_ente, tmp_path, NORMAL, staff(people, 'performance_individuale = "1000.00"', cards))
    # the regulation's own error, in place of the core's: it names the part and the key of a part without cards
    assert "core.evaluations.empty" not in rules(result)
    found = [p for p in result.violations if p.rule == "regolamento.valutazione"]
    assert len(found) == 1 and found[0].is_error
    # the file as the office names it: its own, or the Italian name ciclope template writes; never evaluations.csv
    assert (found[0].file, found[0].row) == ("valutazioni.csv", 1)
    assert found[0].message == (
        "nessuna scheda di valutazione, e la parte «produttività» legge la valutazione di ciascuno: nessuno può "
        "riceverlo; compila le valutazioni (una riga per voce della scheda) o raccoglile dai valutatori con ciclope "
        "raccolta; se il regolamento non valuta le persone per una parte, scrivi valutazione = false in quella parte"
    )
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1000.00")


def test_people_of_a_paid_role_without_a_card_are_named_in_one_warning(ciclope_ente, tmp_path):
    """Cards for some, none for others of the role the part pays by the evaluation: no card, no premium (rules/core.md
    §3), said in one warning naming who has none, so that a forgotten card is not a premium lost in silence."""
    people = [f"P{i},Persona P{i},dipendente,C,com,1,0,false," for i in range(1, 5)]
    files = staff(people, 'performance_individuale = "1000.00"', None)
    files["valutazioni.csv"] = "person,evaluator,section,item,max_points,points,weight\nP1,SEG,s,Voce,100,80,\n"
    result = run_declared(ciclope_ente, tmp_path, NORMAL, files)
    # P1 alone has a card: the whole 1000.00 is P1's (80 / 80); P2, P3, P4 nothing
    assert amounts(result) == {"P1": "1000.00"}
    found = [p for p in result.violations if p.rule == "regolamento.senza_scheda"]
    assert len(found) == 1 and not found[0].is_error and found[0].file == "valutazioni.csv"
    assert found[0].message == (
        "3 persone, Persona P2 (P2), Persona P3 (P3) e Persona P4 (P4), non hanno una scheda di valutazione, e il "
        "regolamento paga il loro ruolo secondo la valutazione: non ricevono i premi che la leggono; se è una "
        "dimenticanza, aggiungi le righe della scheda in valutazioni.csv"
    )
    # one person: by name and code, as every other message names a person
    files["valutazioni.csv"] += "P2,SEG,s,Voce,100,70,\nP3,SEG,s,Voce,100,60,\n"
    (tmp_path / "uno").mkdir()
    result = run_declared(ciclope_ente, tmp_path / "uno", NORMAL, files)
    (found,) = [p for p in result.violations if p.rule == "regolamento.senza_scheda"]
    assert found.message.startswith("Persona P4 (P4) non ha una scheda di valutazione, e il regolamento paga il suo")


def test_a_missing_card_still_out_with_its_evaluator_names_the_workbook_and_the_merge(tmp_path):
    """The office created the collection beside cycle.toml (``raccolta crea --out raccolta``) and has merged nothing
    yet: P1's card was typed by hand; P2 and P3 (evaluated by the Segretario) and P4 (evaluated by P1) have none.
    The warning names, from the collection's record of what it sent, whose workbooks hold their cards and the
    command that merges them, never «aggiungi le righe»."""
    people = [f"P{i},Persona P{i},dipendente,C,com,1,0,false," for i in (1, 2, 3)]
    people.append("P4,Persona P4,dipendente,C,com,1,0,false,P1")
    files = staff(people, 'performance_individuale = "1000.00"', None)
    files["valutazioni.csv"] = "person,evaluator,section,item,max_points,points,weight\nP1,SEG,s,Voce,100,80,\n"
    (tmp_path / "regolamento.toml").write_text(NORMAL, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(COMUNE_2025, encoding="utf-8")
    (tmp_path / "comune").mkdir()
    for name, text in files.items():
        (tmp_path / "comune" / name).write_text(text, encoding="utf-8")
    made = ciclope("raccolta", "crea", "cycle.toml", "--ente", "comune-prova", "--out", "raccolta", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    done = ciclope("validate", "cycle.toml", cwd=tmp_path)
    warning = next(line for line in done.stdout.splitlines() if "non hanno una scheda" in line)
    assert warning == (
        "valutazioni.csv: avviso: 3 persone, Persona P2 (P2), Persona P3 (P3) e Persona P4 (P4), non hanno una scheda "
        "di valutazione, e il regolamento paga il loro ruolo secondo la valutazione: non ricevono i premi che la "
        "leggono; le schede della raccolta in raccolta/ sono nelle cartelle di lavoro di Segretario (SEG) e Persona "
        "P1 (P1) e non sono ancora unite: quando tornano compilate, salva le cartelle in raccolta/ricevute/ e lancia "
        "ciclope raccolta unisci cycle.toml --ente comune-prova raccolta [Sistema di misurazione e valutazione della "
        "performance del Centro di Esempio, art. 9]"
    )


@pytest.mark.parametrize("cards", [None, "valutazioni.csv"])
def test_such_a_premium_that_admits_nobody_asks_for_no_card(ciclope_ente, tmp_path, cards):
    # the access threshold of the ente's performance missed (the one indicator at 100%, not 110%): nobody takes
    # part, the fund stays whole, and the office is told why, never to fill the cards the premium does not read
    regulation = PECCI.replace("rateo_giorni = true", "rateo_giorni = true\nammesso = '=ente >= 110%'")
    result = run_declared(
        ciclope_ente, tmp_path, regulation, staff(FOUR, 'performance_individuale = "6000.00"', cards, DATED)
    )
    assert amounts(result) == {}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("6000.00")
    assert "core.evaluations.empty" not in rules(result)
    assert not [p for p in result.violations if p.is_error]
    assert "regolamento.nessuno" in rules(result)  # the part's own warning says why: the condition ammesso


def test_a_fund_that_needs_cards_is_still_flagged_beside_one_that_does_not(ciclope_ente, tmp_path):
    regulation = (
        PECCI.replace("rateo_giorni = true", "")
        + '\n[[premi]]\nnome = "obiettivi"\nmetodo = "proporzionale"\nfondo = "obiettivi"\nfonte = "art. 9"\n'
    )
    people = ["P1,Persona P1,dipendente,C,com,1,0,false,", "P2,Persona P2,dipendente,C,com,0.5,0,false,"]
    funds = 'performance_individuale = "900.00"\nobiettivi = "500.00"'
    result = run_declared(ciclope_ente, tmp_path, regulation, staff(people, funds, None))
    # fondo premiante: 900 × 1 / 1.5 = 600.00 and 900 × 0.5 / 1.5 = 300.00; «obiettivi» reads a score nobody has
    assert amounts(result) == {"P1": "600.00", "P2": "300.00"}
    assert result.rewards.pools["obiettivi"].residual == Decimal("500.00")
    found = [p.message for p in result.violations if p.rule == "regolamento.valutazione"]
    assert len(found) == 1 and "la parte «obiettivi» legge la valutazione" in found[0]  # not «fondo premiante»


def test_who_takes_part_by_a_declared_grade(ciclope_ente, tmp_path):
    """«tra il personale inquadrato nelle categorie B e C» with the grades of another contract ([gradi]): ``grado``
    in ``ammesso`` reads the column «grado», as the grades' parameters do; it read nothing, so nobody took part, the
    whole fund stayed residual and the core reported missing cards a part without evaluation does not need."""
    text = PECCI.replace('nome = "fondo premiante"', 'nome = "fondo premiante"\nammesso = \'=grado <> "D"\'')
    text = text.replace("[[premi]]", '[gradi]\nnomi = ["B", "C", "D"]\nfonte = "art. 1"\n\n[[premi]]', 1)
    header = STAFF_HEADER + ",grado"
    rows = ["P1,Tecnica,dipendente,C,com,1,0,false,,B", "P2,Contabile,dipendente,C,com,1,0,false,,C"]
    rows.append("P3,Funzionaria,dipendente,C,com,1,0,false,,D")
    result = run_declared(
        ciclope_ente, tmp_path, text, staff(rows, 'performance_individuale = "1000.00"', None, header)
    )
    # P3 (grado D) does not take part: 1000 / 2 = 500.00 each to P1 and P2, all year at full time
    assert amounts(result) == {"P1": "500.00", "P2": "500.00"}
    assert "core.evaluations.empty" not in rules(result)


def test_premiums_without_evaluation_are_published_as_article_20_asks(ciclope_ente, tmp_path):
    """D.Lgs. 33/2013 art. 20: the premi stanziati and distribuiti and the premio medio conseguibile of an ente that
    pays without evaluating; premi-art20.csv held only its header, since nobody was evaluated."""
    from ciclope.core.reports import art20

    result = run_declared(
        ciclope_ente, tmp_path, PECCI, staff(FOUR, 'performance_individuale = "6000.00"', None, DATED)
    )
    rows = {tuple(line.split(";")[:2]): line.split(";")[2] for line in art20.render(result).splitlines()[1:]}
    # the fund paid whole to the four in service: 6000 / 4 = 1500.00 is the mean over whom it paid
    assert rows == {
        ("tutto il personale", "premi stanziati (€)"): "6000,00",
        ("tutto il personale", "premi distribuiti (€)"): "6000,00",
        ("tutto il personale", "persone valutate"): "0",
        ("tutto il personale", "persone pagate senza valutazione individuale"): "4",  # what the mean is over
        ("tutto il personale", "premio medio conseguibile (€)"): "1500,00",
    }


DECIDED = (
    HEAD
    + """
[[premi]]
nome = "progetti"
metodo = "importi"
valutazione = false
fonte = "accordo, art. 4"
"""
)


def test_amounts_decided_without_any_evaluation(ciclope_ente, tmp_path):
    """Amounts decided by the head of each structure, where nobody has an individual evaluation: the part reads none,
    so nobody paid by it is «non valutato»."""
    two = ["P1,Curatrice,dipendente,C,com,1,0,false,", "P2,Bibliotecario,dipendente,C,com,0.5,0,false,"]
    files = staff(two, 'performance_individuale = "1000.00"', None)
    files["premi.csv"] = "person,part,amount\nP1,progetti,400.00\n"
    result = run_declared(ciclope_ente, tmp_path, DECIDED, files)
    # P1 as written, 400.00; 1000 − 400 = 600.00 residual
    assert amounts(result) == {"P1": "400.00"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("600.00")
    assert result.rewards.statuses["P1"] == "senza_valutazione_individuale"
    assert "core.evaluations.empty" not in rules(result)


def test_a_weight_of_many_decimals_is_shown_to_six(ciclope_ente, tmp_path):
    """«parametro × mesi / 12» has as many decimals as Decimal gives: the explanation shows six, once."""
    text = PECCI.replace('tempo_parziale = "proporzionale"\nrateo_giorni = true\n', 'tempo_parziale = "intero"\n')
    text = text.replace('valutazione = false\n', 'valutazione = false\npeso = "=100 / 3 * SE(fte < 1; 0,5; 1)"\n')
    two = ["P1,Curatrice,dipendente,C,com,1,0,false,", "P2,Bibliotecario,dipendente,C,com,0.5,0,false,"]
    result = run_declared(ciclope_ente, tmp_path, text, staff(two, 'performance_individuale = "900.00"', None))
    # weights 33.333… and 16.666…, Σ 50: 900 × 2/3 = 600.00 and 900 × 1/3 = 300.00
    assert amounts(result) == {"P1": "600.00", "P2": "300.00"}
    shown = {i.name: i.value for i in result.figures["award:P2"].inputs if i.name in ("peso", "Σ pesi")}
    assert shown == {"peso": Decimal("16.666667"), "Σ pesi": Decimal("50")}  # 100 / 3 × 0,5


def test_the_access_to_the_premiums_is_explained_without_any_evaluation(ciclope_ente, tmp_path):
    """Nobody is scored, so the figure of the access is everyone's of the part's roles: their explanation says why
    nothing is paid (the act not dated)."""
    text = PECCI + '\n[accesso]\nfonte = "art. 9"\natti = ["relazione_validata_oiv"]\n'
    result = run_declared(
        ciclope_ente, tmp_path, text, staff(FOUR[:1], 'performance_individuale = "1000.00"', None, DATED)
    )
    assert result.figures["score:P1:accesso"].value == "chiuso: nessun premio"
    assert result.rewards.pools["performance_individuale"].residual == Decimal("1000.00")


def test_the_access_names_its_acts_in_words(ciclope_ente, tmp_path):
    """The explanation names the acts as people do, not by the keys of ente.toml; the keys stay in the cells."""
    text = PECCI + '\n[accesso]\nfonte = "art. 9"\natti = ["relazione_approvata", "relazione_validata_oiv"]\n'
    result = run_declared(
        ciclope_ente, tmp_path, text, staff(FOUR[:1], 'performance_individuale = "1000.00"', None, DATED)
    )
    figure = result.figures["score:P1:accesso"]
    assert figure.formula == (
        "premi calcolati solo con gli atti Relazione sulla performance approvata e Relazione validata dall'OIV "
        "(datati dopo la fine dell'anno, nell'ordine scritto)"
    )
    assert [(i.name, i.cell) for i in figure.inputs] == [
        ("Relazione sulla performance approvata", "ente.toml:approvals.relazione_approvata"),
        ("Relazione validata dall'OIV", "ente.toml:approvals.relazione_validata_oiv"),
    ]
    said = explain(result, "person", "P1")
    assert said is not None and "relazione_validata_oiv," not in said and "Relazione validata dall'OIV" in said
    (gate,) = [p.message for p in result.violations if p.rule == "regolamento.accesso"]
    assert gate.endswith(
        "Servono, nell'ordine, «Relazione sulla performance approvata» e «Relazione validata dall'OIV»; nessun "
        "premio è calcolato né erogato: i fondi restano interamente residui"
    )


def test_the_workbook_reason_never_contradicts_the_outcome(ciclope_ente, tmp_path):
    from openpyxl import load_workbook

    from ciclope.core.reports import xlsx

    text = (
        PECCI.replace("[[premi]]", '[[esclusioni]]\nregola = "assenze"\ngiorni = 30\nfonte = "art. 3"\n\n[[premi]]')
        + "ammesso = '=assenze <= 40 giorni'\n"
    )
    rows = [
        "P1,Curatrice,dipendente,C,com,1,0,false,",
        "P2,Bibliotecario,dipendente,C,com,1,35,false,",  # 35 days of absence > 30: excluded
        "P3,Custode,dipendente,B,com,1,50,false,",  # 50 > 40: not admitted (the condition is read first)
    ]
    result = run_declared(ciclope_ente, tmp_path, text, staff(rows, 'performance_individuale = "1000.00"', None))
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    [head, *body] = list(load_workbook(path, read_only=True)["Valutazioni individuali"].iter_rows(values_only=True))
    said = {r[0]: (r[head.index("Esito")], r[head.index("Motivo")]) for r in body}
    # the one paid without an evaluation: the reason of that
    assert said["P1"] == (
        "senza valutazione individuale",
        "senza valutazione individuale: il regolamento non la prevede per il suo ruolo",
    )
    # the excluded and the not admitted: the reason of their outcome, never «senza valutazione individuale»
    assert said["P2"] == ("escluso per assenze", "assenze oltre 30 giorni")
    assert said["P3"][0].startswith("non ammesso")
    assert said["P3"][1].startswith("non ammesso alla parte «fondo premiante»")


def scheda_text(result, pid: str) -> str:
    """The personal scheda of ``pid`` as its reader reads it: the page's text, tags and spacing away."""
    page = scheda(build(result, pid))
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_scheda_of_a_premium_without_evaluation_is_no_evaluation(ciclope_ente, tmp_path):
    """A person whom the regulation evaluates in no way (no card, no score, every part they are paid from
    ``valutazione = false``): their scheda is the premium's, never an evaluation's that did not happen."""
    result = run_declared(
        ciclope_ente, tmp_path, PECCI, staff(FOUR, 'performance_individuale = "6000.00"', None, DATED)
    )
    text = scheda_text(result, "P1")
    # P1 as the first test computes it: 6000 × 366 / 805.8 = 2725.2419… → € 2.725,24
    assert "€ 2.725,24" in text
    assert "Scheda del premio 2024" in text
    assert "<title>Scheda del premio 2024 — Curatrice</title>" in scheda(build(result, "P1"))
    assert "Il regolamento non prevede per questa persona una valutazione individuale" in text
    assert "La persona, per presa visione Curatrice" in text
    for evaluation in (
        "Scheda di valutazione",
        "La scheda di valutazione",
        "Nessuna scheda di valutazione",
        "Nessun punteggio individuale",
        "Riesame e ricorsi",
        "riesame",
        "persona valutata",
        "colloquio",
    ):
        assert evaluation not in text, evaluation


def test_a_missing_card_keeps_the_scheda_of_an_evaluation(ciclope_ente, tmp_path):
    """Where the part reads the evaluation and a person's card is missing, the evaluation did not happen: their
    scheda stays an evaluation's, with its review."""
    people = [f"P{i},Persona P{i},dipendente,C,com,1,0,false," for i in range(1, 3)]
    files = staff(people, 'performance_individuale = "1000.00"', None)
    files["valutazioni.csv"] = "person,evaluator,section,item,max_points,points,weight\nP1,SEG,s,Voce,100,80,\n"
    result = run_declared(ciclope_ente, tmp_path, NORMAL, files)
    text = scheda_text(result, "P2")
    assert "Scheda di valutazione individuale 2024" in text
    assert "Riesame e ricorsi" in text and "La persona valutata, per presa visione" in text


def page_text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_relazione_shows_no_scores_where_the_premium_reads_none(ciclope_ente, tmp_path):
    """Nobody is evaluated and the regulation foresees no evaluation: no histogram of ten zeros, no table «Punteggi
    per classe» of ten zeros, no evaluators' differentiation; one sentence says that there is no evaluation."""
    result = run_declared(
        ciclope_ente, tmp_path, PECCI, staff(FOUR, 'performance_individuale = "6000.00"', None, DATED)
    )
    said = "Il premio non prevede una valutazione individuale: nessuna persona ha un punteggio."
    page = relazione.render(result)
    text = page_text(page)
    assert "grafico-punteggi" not in page and "Distribuzione dei punteggi individuali" not in page
    assert "Punteggi per classe" not in text and "0–10 10–20" not in text
    assert "Differenziazione dei giudizi per valutatore" not in text
    assert text.count(said) == 1, text
    public_text = page_text(public.render(result))
    assert public_text.count(said) == 1, public_text
    # «Come leggere i numeri» says how amounts are rounded, and nothing of scores nobody has
    for page_said in (text, public_text):
        assert "Punteggi individuali" not in page_said
        assert "(es. 92,34%); ogni livello è calcolato dai valori arrotondati del livello sotto. Importi in euro" in (
            page_said
        )


def test_the_relazione_says_nobody_is_scored_where_every_due_card_is_missing(ciclope_ente, tmp_path):
    people = ["P1,Persona P1,dipendente,C,com,1,0,false,", "P2,Persona P2,dipendente,C,com,1,0,false,"]
    result = run_declared(ciclope_ente, tmp_path, NORMAL, staff(people, 'performance_individuale = "1000.00"', None))
    text = page_text(relazione.render(result))
    assert "Punteggi per classe" not in text and "0–10 10–20" not in text
    assert "Nessuna persona ha un punteggio individuale." in text
    assert "Il premio non prevede una valutazione individuale" not in text
    # the scores were due: the page still says how to read them
    assert "Punteggi individuali da 0 a 100 con 2 decimali; importi in euro al centesimo" in text
    # the cards were due: the evaluators' section stays, and says why it is empty
    assert "Differenziazione dei giudizi per valutatore" in text


def test_the_workbook_says_one_esito_for_paid_and_unpaid_without_evaluation(ciclope_ente, tmp_path):
    """The «Premi» sheet's «Esito» of a part without evaluation: the same words for a row paid and a row of 0 €, as
    the status says it, «senza valutazione individuale» (never «senza valutazione» beside it)."""
    from openpyxl import load_workbook

    from ciclope.core.reports import xlsx

    text = PECCI + "peso = '=SE(assenze > 10 giorni; 0; 1)'\n"
    rows = ["P1,Curatrice,dipendente,C,com,1,0,false,", "P2,Bibliotecario,dipendente,C,com,1,20,false,"]
    result = run_declared(ciclope_ente, tmp_path, text, staff(rows, 'performance_individuale = "1000.00"', None))
    # weights: P1 0 days → 1; P2 20 days > 10 → 0; Σ 1: P1 1000 × 1 / 1 = 1000.00, P2 0.00
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00"}
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    [head, *body] = list(load_workbook(path, read_only=True)["Premi"].iter_rows(values_only=True))
    esito = {r[0]: r[head.index("Esito")] for r in body if r[0] in ("P1", "P2")}
    assert esito == {"P1": "senza valutazione individuale", "P2": "senza valutazione individuale"}


READING = "un dodicesimo del premio per ogni mese, diviso per i parametri goduti in quel mese"


def months(count: int, of: int) -> str:
    """``of`` parts of one fund, «m1» … each a share 1/``of`` of it, the first ``count`` with the same ipotesi."""
    parts = [
        f'[[premi]]\nnome = "m{i}"\nmetodo = "proporzionale"\nvalutazione = false\nfondo = "performance_individuale"\n'
        f'quota_fondo = "=1/{of}"\nfonte = "art. 68"\n' + (f'ipotesi = "{READING}"\n' if i <= count else "")
        for i in range(1, of + 1)
    ]
    return HEAD + "\n" + "\n".join(parts)


@pytest.mark.parametrize(
    ("count", "of", "where"),
    [(3, 3, "tutte le parti del premio"), (2, 3, "parti del premio «m1» e «m2»")],
)
def test_an_ipotesi_of_several_parts_is_said_once(ciclope_ente, tmp_path, count, of, where):
    rows = ["P1,Curatrice,dipendente,C,com,1,0,false,", "P2,Bibliotecario,dipendente,C,com,1,0,false,"]
    result = run_declared(
        ciclope_ente, tmp_path, months(count, of), staff(rows, 'performance_individuale = "1200.00"', None)
    )
    # each part 1200 / 3 = 400.00 between two of weight 1: 200.00 each, three parts: 600.00 each
    assert amounts(result) == {"P1": "600.00", "P2": "600.00"}
    # the Relazione's «Ipotesi» (internal and public): once, naming the parts it applies to
    # internal: the «Ipotesi» and the annex of the regulation's articles; public: the «Ipotesi» only
    for page, count in ((relazione.render(result), 2), (public.render(result), 1)):
        text = page_text(page)
        assert text.count(READING) == count, text
        assert f"{where} : {READING}" in text, text
    said = explain(result, "person", "P1")
    assert said.count(READING) == 1, said
    assert scheda_text(result, "P1").count(READING) == 1
    # the annex's article (and ciclope regolamento leggi): once, naming the parts
    path = tmp_path / "smvp.toml"
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    article = render(regulation)
    assert article.count(READING) == 1, article
    assert f"Ipotesi dell'ufficio ({where}): {READING}." in article, article
