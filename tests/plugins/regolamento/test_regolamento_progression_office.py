"""What an office reads of a regulation of progressions only (art. 14 CCNL 16.11.2022, differenziali stipendiali,
after the criteria of the Comune di Serrara Fontana 2023): candidates by columns, no evaluation of the year needed;
one graduatoria per Area with its places and its resources from the fund; every figure computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_regolamento_progressions import HEAD, PAST, past, people

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.say.annex import TITLE, annex

from helpers import STAFF_HEADER, one_unit_comune, run_declared

# PAST (posti = 1; candidati: anzianita_posizione >= 2; graduatoria: media_triennio + anzianita_posizione) with its
# resources from a fund: 750 € a C
FROM_FUND = PAST + "costo = '=PIÙ.SE(categoria = \"C\"; 750 €)'\nfondo = \"progressioni\"\n"


def _rules(result) -> list[str]:
    return [p.rule for p in result.violations]


@pytest.mark.parametrize("cards", [None, "evaluations.csv"])
def test_progressions_alone_need_no_card_of_the_year(ciclope_ente, tmp_path, cards):
    files = past([("A", "3", "40", "90"), ("B", "5", "50", "89")])
    files["ente.toml"] += '\n[fondi]\nprogressioni = "1000.00"\n'
    files.pop("evaluations.csv")
    if cards is not None:  # only the header
        files[cards] = "person,evaluator,section,item,max_points,points,weight\n"
    result = run_declared(ciclope_ente, tmp_path, FROM_FUND, files)
    # A 90 + 3 = 93, B 89 + 5 = 94: B first, 750 ≤ 1,000 and 1 place: B selected; the fund pays no premium, so the
    # missing cards take nothing from anyone
    assert result.rewards.extra["progressioni"] == ["B"]
    assert "core.evaluations.empty" not in _rules(result)
    assert not [p for p in result.violations if p.is_error]


# One graduatoria per Area, half of each Area's staff at most, the resources of each Area from the fund
BY_AREA = (
    HEAD.replace('tipo_ente = "comune"', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"')
    + """
[progressioni]
fonte = "art. 6"
graduatorie = "categoria"
quota = 0.5
a_parita = ["=anzianita_posizione", "=eta"]
costo = '=PIÙ.SE(categoria = "A"; 550 €; categoria = "C"; 750 €)'
fondo = "progressioni"
risorse_graduatorie = { Istruttori = 1500, Operatori = 0 }
"""
)
# (id, category, score, years in the position, age): Istruttori A 95; B and D 90, B with 9 years, D with 6; E 80;
# Operatori O 88, alone in the Area
AREAS = [("A", "C", 95, "1", "40"), ("B", "C", 90, "9", "40"), ("D", "C", 90, "6", "40"), ("E", "C", 80, "1", "40")]
AREAS += [("O", "A", 88, "25", "59")]


def by_area(ciclope_ente, tmp_path, text: str = BY_AREA):
    files = people(AREAS)
    files["ente.toml"] += '\n[fondi]\nprogressioni = "2000.00"\n'
    return run_declared(ciclope_ente, tmp_path, text, files)


def test_each_graduatoria_says_its_places_and_resources(ciclope_ente, tmp_path):
    result = by_area(ciclope_ente, tmp_path)
    # Istruttori: 4 in service, ⌊50% × 4⌋ = 2 places, 1,500 €: A 750, B 750 (B before D at 90: 9 years against 6)
    # → 1,500; D beyond the places. Operatori: 1 in service, ⌊50% × 1⌋ = 0 places, 0 €: O first, in a graduatoria of
    # no places (never «oltre» places there are none of)
    assert result.rewards.extra["progressioni"] == ["A", "B"]
    assert result.figures["progression:O"].note == "non selezionato: nessun posto nella graduatoria"
    area = result.figures["graduatoria:progressioni/A"]
    assert area.value == 0
    assert "⌊quota × personale in servizio dei ruoli nella graduatoria⌋ = ⌊50% × 1⌋ = 0" in area.formula
    assert [(i.name, i.value) for i in area.inputs] == [
        ("graduatoria della categoria (o Area)", "A"),
        ("personale in servizio dei ruoli nella graduatoria", 1),
        ("quota", Decimal("0.5")),
        ("risorse della graduatoria", Decimal("0")),
        ("candidati", 1),
        ("selezionati", 0),
        ("costo dei selezionati", Decimal("0")),
    ]
    # the person's place reads its graduatoria, explained below it
    [read] = [i for i in result.figures["progression:O"].inputs if i.name == "graduatoria della sua categoria (o Area)"]
    assert read.ref == "graduatoria:progressioni/A"
    said = explain(result, "person", "O")
    assert said is not None
    assert "■ Progressioni economiche: posti della graduatoria = 0" in said
    assert "• risorse della graduatoria = € 0,00" in said
    # the Istruttori: 750 + 750 = 1,500 of their 1,500
    istruttori = {i.name: i.value for i in result.figures["graduatoria:progressioni/C"].inputs}
    assert (istruttori["personale in servizio dei ruoli nella graduatoria"], istruttori["selezionati"]) == (4, 2)
    assert istruttori["costo dei selezionati"] == Decimal("1500")


def test_the_fund_names_each_graduatoria_by_its_area(ciclope_ente, tmp_path):
    said = explain(by_area(ciclope_ente, tmp_path), "pool", "progressioni")
    assert said is not None
    assert "graduatoria C" not in said and "graduatoria A" not in said
    # the Istruttori's graduatoria, then its selected in order: A 750, B 750
    head = said.index("• graduatoria della categoria (o Area) = Area degli Istruttori (ex categoria C)")
    assert head < said.index("• 1° Persona A (A) = € 750,00") < said.index("• 2° Persona B (B) = € 750,00")


def test_a_graduatoria_reads_its_area_from_the_column_not_from_one_person(ciclope_ente, tmp_path):
    result = by_area(ciclope_ente, tmp_path)
    # the graduatoria is every candidate's, so its Area is read from the column of categories, not from the row of
    # its first candidate (A, row 3 of people.csv); B's own place still reads B's own row (4)
    group = "graduatoria della categoria (o Area) = Area degli Istruttori (ex categoria C)"
    said = explain(result, "person", "B")
    assert said is not None
    assert f"• {group}   ← people.csv, colonna categoria\n" in said
    assert "(ex categoria C)   ← people.csv, riga 4, colonna categoria" in said
    assert "people.csv, riga 3, colonna categoria" not in said
    pool = explain(result, "pool", "progressioni")
    assert pool is not None
    assert f"• {group}   ← people.csv, colonna categoria\n" in pool


def test_the_relazione_s_table_of_the_graduatorie(ciclope_ente, tmp_path):
    sections = {s.title: s for s in annex(by_area(ciclope_ente, tmp_path))}
    table = sections["Graduatorie delle progressioni"]
    assert table.columns == (
        "Categoria (o Area)",
        "Personale in servizio",
        "Posti",
        "Calcolo dei posti",
        "Risorse",
        "Candidati",
        "Selezionati",
        "Costo dei selezionati",
    )
    # in people.csv's order: the Istruttori (A first), then the Operatori; the places a number (the workbook sums
    # it), their computation beside it
    assert table.rows == (
        ("Area degli Istruttori (ex categoria C)", 4, 2, "⌊50% × 4⌋ = 2", Decimal("1500"), 4, 2, Decimal("1500")),
        ("Area degli Operatori (ex categoria A)", 1, 0, "⌊50% × 1⌋ = 0", Decimal("0"), 1, 0, Decimal("0")),
    )


def test_who_precedes_at_par_is_said_with_the_values_compared(ciclope_ente, tmp_path):
    result = by_area(ciclope_ente, tmp_path)
    # B and D both 90: B has 9 years in the position, D 6; the first rule for equals decides
    read = {i.name: i.value for i in result.figures["progression:D"].inputs}
    assert read["chi precede a parità di graduatoria"] == "Persona B (gli anni nella posizione economica: 9 contro 6)"
    # D with 9 years too (and 35 of age): the years are equal, the age decides, 40 against 35
    staff = [row if row[0] != "D" else ("D", "C", 90, "9", "35") for row in AREAS]
    files = people(staff)
    files["ente.toml"] += '\n[fondi]\nprogressioni = "2000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, files)
    read = {i.name: i.value for i in result.figures["progression:D"].inputs}
    assert read["chi precede a parità di graduatoria"] == (
        "Persona B (gli anni nella posizione economica: 9 e 9, pari; l'età in anni: 40 contro 35)"
    )


def test_one_without_a_card_is_not_said_unevaluated_by_the_regulation(ciclope_ente, tmp_path):
    files = people(AREAS)
    # N, hired in the year, has no card while the other dipendenti of the Area have one
    files["people.csv"] += "N,Persona N,dipendente,C,com,1,0,false,SEG,0,30\n"
    files["ente.toml"] += '\n[fondi]\nprogressioni = "2000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, BY_AREA, files)
    assert result.scores["N"].breakdown["motivo"] == "nessuna scheda di valutazione"
    # the Segretario: no card, and nobody of the role is evaluated, by the regulation or in the data
    assert result.scores["SEG"].breakdown["motivo"] == (
        "senza valutazione individuale: il regolamento non la prevede per il suo ruolo"
    )
    said = explain(result, "person", "N")
    assert said is not None
    assert "esito: non valutato (nessuna scheda di valutazione)" in said


def test_the_personal_scheda_says_the_progression(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import Line, build
    from ciclope.core.schede.render import render

    result = by_area(ciclope_ente, tmp_path)
    # B: second of the Istruttori, selected, 750 € a C at full time, from the fund
    # ⌊50% × 4⌋ = 2 places of the Istruttori; B (9 years) before D (6 years) at 90 points, across the limit
    assert build(result, "B").progression == (
        Line("Esito", "selezionato"),
        Line("Posti", "2 posti: il 50% del personale in servizio dei ruoli (4), per difetto"),
        Line("Posto in graduatoria", "2"),
        Line(
            "Parità al limite",
            "a parità di punteggio al limite dei posti ha deciso il criterio «gli anni nella posizione economica»",
        ),
        Line("Differenziale stipendiale annuo", "€ 750,00", "a carico di: Fondo progressioni"),
    )
    # O: first of the Operatori, whose graduatoria has ⌊50% × 1⌋ = 0 places
    scheda = build(result, "O")
    assert scheda.progression == (
        Line("Esito", "non selezionato: nessun posto nella graduatoria"),
        Line("Posti", "0 posti: il 50% del personale in servizio dei ruoli (1), per difetto"),
        Line("Posto in graduatoria", "1"),
    )
    page = render(scheda)
    assert "<h2>Progressione economica</h2>" in page
    # the ente pays no premium: no «Importi» section saying «Nessun importo riconosciuto»
    assert "Nessun importo riconosciuto" not in page
    # one who is not a candidate: why, in words (never the formula as written)
    files = people(AREAS)
    files["ente.toml"] += '\n[fondi]\nprogressioni = "2000.00"\n'
    text = BY_AREA.replace('fonte = "art. 6"', 'fonte = "art. 6"\ncandidati = "=anzianita_posizione >= 2"')
    scheda = build(run_declared(ciclope_ente, tmp_path, text, files), "A")  # A has 1 year in the position
    assert scheda.progression == (
        Line("Esito", "non candidato"),
        Line("Motivo", "gli anni nella posizione economica sono meno di 2 (1 contro 2)"),
    )
    assert scheda.progression_rule.startswith(
        "Come si decide: è candidato chi ha questi requisiti: gli anni nella posizione"
    )
    # never a colleague's data: B precedes D at par, D's scheda does not name B
    assert "Persona B" not in render(build(result, "D"))


def test_an_ipotesi_ending_with_a_full_stop_gets_no_second_one(ciclope_ente, tmp_path):
    from helpers import regulation_text

    text = BY_AREA + 'ipotesi = "La sanzione non è nel testo pubblicato."\n'
    said = regulation_text(tmp_path, text)
    assert "Ipotesi dell'ufficio: La sanzione non è nel testo pubblicato." in said
    assert ".." not in said
    articles = {s.title: s for s in annex(by_area(ciclope_ente, tmp_path, text))}
    bodies = " ".join(body for _, body in articles[TITLE].rows)
    assert "non è nel testo pubblicato." in bodies and ".." not in bodies
    # one without its own full stop still ends with one
    said = regulation_text(tmp_path, BY_AREA + 'ipotesi = "La sanzione non è nel testo pubblicato"\n')
    assert "Ipotesi dell'ufficio: La sanzione non è nel testo pubblicato." in said


# the year of the last progression, a column of years: «at most 2020», never «2.020»
YEARS = (
    HEAD
    + """
[[colonne]]
nome = "anno_ultima_progressione"
tipo = "anno"
significato = "l'anno dell'ultima progressione"
fonte = "art. 14 c. 2 lett. c CCNL 16.11.2022"

[progressioni]
fonte = "art. 6"
posti = 1
candidati = "=anno_ultima_progressione <= 2020"
graduatoria = "=anzianita_posizione"
"""
)


def test_a_column_of_years_is_said_without_grouping(ciclope_ente, tmp_path):
    from helpers import regulation_text

    files = one_unit_comune("Comune di Prova", [], [], "")
    header = f"{STAFF_HEADER},anzianita_posizione,eta,anno_ultima_progressione"
    rows = ["SEG,Segretario,segretario,DIR,com,1,0,false,,0,60,0"]
    rows += [
        "A,Persona A,dipendente,C,com,1,0,false,SEG,5,40,2021",
        "B,Persona B,dipendente,C,com,1,0,false,SEG,3,40,0",
    ]
    files["people.csv"] = "\n".join([header, *rows]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, YEARS, files)
    # A's last progression is of 2021 > 2020: not a candidate; B (0: none) is, and takes the one place
    assert result.rewards.extra["progressioni"] == ["B"]
    said = explain(result, "person", "A")
    assert said is not None
    assert "l'anno dell'ultima progressione è dopo il 2020" in said
    assert "• l'anno dell'ultima progressione = 2021" in said
    assert "2.02" not in said
    text = regulation_text(tmp_path, YEARS)
    assert "l'anno dell'ultima progressione non è dopo il 2020" in text and "2.020" not in text
    # a column of numbers still groups its thousands: 1.500 hours
    assert "è al più 1.500" in regulation_text(
        tmp_path, YEARS.replace('tipo = "anno"', 'tipo = "numero"').replace("<= 2020", "<= 1500")
    )


def _public(result):
    from ciclope.core.reports.model import Kpis, Table
    from ciclope.core.reports.public import disclose
    from ciclope.core.reports.relazione import build

    report = disclose(build(result), result)
    kpis = dict(next(b for s in report.sections for b in s.blocks if isinstance(b, Kpis)).items)
    tables = [b for s in report.sections for b in s.blocks if isinstance(b, Table)]
    return kpis, tables


def test_the_public_relazione_says_the_progressions_in_aggregate(ciclope_ente, tmp_path):
    # every Istruttore may progress (quota 1: ⌊100% × 4⌋ = 4 places) within 3,000 €: A, B, D, E at 750 each = 3,000;
    # the Operatori: ⌊100% × 1⌋ = 1 place but 0 €: O (550) is beyond the resources. 4 selected, 3,000 of the 4,000
    # of the fund, 1,000 left
    text = BY_AREA.replace("quota = 0.5", "quota = 1").replace("Istruttori = 1500", "Istruttori = 3000")
    files = people(AREAS)
    files["ente.toml"] += '\n[fondi]\nprogressioni = "4000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, files)
    assert result.rewards.extra["progressioni"] == ["A", "B", "D", "E"]
    kpis, tables = _public(result)
    assert kpis["Progressioni: costo dei selezionati / fondo"] == "€ 3.000,00 / € 4.000,00"
    [table] = [t for t in tables if t.columns and t.columns[0][0] == "Fondo delle progressioni"]
    assert [tuple(row) for row in table.rows] == [("Fondo progressioni", "€ 4.000,00", "4", "€ 3.000,00", "€ 1.000,00")]
    page = public_text(result)
    assert "Persona A" not in page and "Persona B" not in page  # no names


def test_the_public_relazione_withholds_the_cost_of_fewer_than_three(ciclope_ente, tmp_path):
    # BY_AREA: A and B selected, 750 + 750 = 1,500 of 2,000: two people, their cost withheld and the residual too
    # (2,000 − 1,500 would give it back); the count and the fund published (rules/core.md §6: a count alone is no
    # one's pay). Withheld in words, «riservato», as trasparenza.csv says it: «<3» where euros go would read «less
    # than € 3», and would say which group is the small one
    result = by_area(ciclope_ente, tmp_path)
    kpis, tables = _public(result)
    assert kpis["Progressioni: costo dei selezionati / fondo"] == "riservato / € 2.000,00"
    [table] = [t for t in tables if t.columns and t.columns[0][0] == "Fondo delle progressioni"]
    assert [tuple(row) for row in table.rows] == [("Fondo progressioni", "€ 2.000,00", "2", "riservato", "riservato")]
    # the internal Relazione says it all
    from ciclope.core.reports.model import Kpis
    from ciclope.core.reports.relazione import build

    internal = dict(next(b for s in build(result).sections for b in s.blocks if isinstance(b, Kpis)).items)
    assert internal["Progressioni: costo dei selezionati / fondo"] == "€ 1.500,00 / € 2.000,00"


def public_text(result) -> str:
    import re

    from ciclope.core.reports import public

    return re.sub(r"<[^>]+>", "|", public.render(result))


def test_candidates_who_are_the_evaluated_without_any_card_are_warned(ciclope_ente, tmp_path):
    # without candidati the candidates are the year's evaluated; nobody has a card: nobody can be selected, and the
    # office is told why (the fund pays no premium, so the missing cards' error of the premiums does not say it)
    text = FROM_FUND.replace('candidati = "=anzianita_posizione >= 2"\n', "")
    files = past([("A", "3", "40", "90"), ("B", "5", "50", "89")])
    files["ente.toml"] += '\n[fondi]\nprogressioni = "1000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, files)
    assert result.rewards.extra["progressioni"] == []
    warned = [p.message for p in result.violations if p.rule == "regolamento.progressioni.valutati"]
    assert warned == [
        "nessuno è valutato nell'anno: senza candidati i candidati alle progressioni sono i valutati, e nessuno è "
        "selezionato; aggiungi le schede in valutazioni.csv, o scrivi in [progressioni] candidati, la condizione "
        "che li ammette (anche senza la valutazione dell'anno)"
    ]
